//! The one set of migrations, for SQLite and PostgreSQL alike.
//!
//! One migration per file, named `mYYYYMMDD_NNNNNN_what.rs`: SeaORM records
//! each under its file name. A released migration is never edited; a change
//! is a new file.

mod m20261123_000001_organizations_and_users;
mod m20261123_000002_sessions;
mod m20261123_000003_journal;
mod m20261123_000004_places;
mod m20261124_000005_place_stops;
mod m20261202_000006_known_browsers;
mod m20261203_000007_addresses;
mod m20261204_000008_mediation;
mod m20261205_000009_workshops;
mod m20261206_000010_appointments;
mod m20261207_000011_equipment;
mod m20261208_000012_equipment_requests;
mod m20261209_000013_device_stock_search;

use sea_orm_migration::prelude::*;

/// Every migration, in order.
pub struct Migrator;

#[async_trait::async_trait]
impl MigratorTrait for Migrator {
    fn migrations() -> Vec<Box<dyn MigrationTrait>> {
        vec![
            Box::new(m20261123_000001_organizations_and_users::Migration),
            Box::new(m20261123_000002_sessions::Migration),
            Box::new(m20261123_000003_journal::Migration),
            Box::new(m20261123_000004_places::Migration),
            Box::new(m20261124_000005_place_stops::Migration),
            Box::new(m20261202_000006_known_browsers::Migration),
            Box::new(m20261203_000007_addresses::Migration),
            Box::new(m20261204_000008_mediation::Migration),
            Box::new(m20261205_000009_workshops::Migration),
            Box::new(m20261206_000010_appointments::Migration),
            Box::new(m20261207_000011_equipment::Migration),
            Box::new(m20261208_000012_equipment_requests::Migration),
            Box::new(m20261209_000013_device_stock_search::Migration),
        ]
    }
}

/// `created_at` and `updated_at`, which every table carries.
pub(super) fn timestamps(table: &mut TableCreateStatement) -> &mut TableCreateStatement {
    table
        .col(
            ColumnDef::new("created_at")
                .timestamp_with_time_zone()
                .not_null(),
        )
        .col(
            ColumnDef::new("updated_at")
                .timestamp_with_time_zone()
                .not_null(),
        )
}
