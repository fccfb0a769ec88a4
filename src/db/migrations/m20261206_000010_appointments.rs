//! Appointments: when a structure's mediators receive at each place (its
//! hours, in the places' own syntax, and the length of a slot), and the
//! bookings inhabitants make without an account. A booking's `slot_key`
//! (the schedule and the slot's start) is unique while the booking holds
//! it, so a slot is taken once, on both databases; cancelling clears it.

use sea_orm_migration::prelude::*;

use super::timestamps;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum AppointmentSchedules {
    Table,
    Id,
    OrganizationId,
    PlaceId,
    Hours,
    SlotMin,
    Mediators,
}

#[derive(DeriveIden)]
enum Bookings {
    Table,
    Id,
    OrganizationId,
    ScheduleId,
    PlaceId,
    StartsAt,
    DurationMin,
    SlotKey,
    Status,
    Reason,
    Name,
    Phone,
    Email,
    LinkToken,
    Lang,
    RemindedAt,
    ActivityId,
}

fn text(name: impl IntoIden) -> ColumnDef {
    ColumnDef::new(name).text().not_null().to_owned()
}

fn optional_text(name: impl IntoIden) -> ColumnDef {
    ColumnDef::new(name).text().null().to_owned()
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                timestamps(
                    Table::create()
                        .table(AppointmentSchedules::Table)
                        .col(text(AppointmentSchedules::Id).primary_key())
                        .col(text(AppointmentSchedules::OrganizationId))
                        .col(text(AppointmentSchedules::PlaceId))
                        .col(text(AppointmentSchedules::Hours))
                        .col(
                            ColumnDef::new(AppointmentSchedules::SlotMin)
                                .integer()
                                .not_null(),
                        )
                        .col(text(AppointmentSchedules::Mediators)),
                )
                .to_owned(),
            )
            .await?;
        // One schedule per place.
        manager
            .create_index(
                Index::create()
                    .name("appointment_schedules_place")
                    .table(AppointmentSchedules::Table)
                    .col(AppointmentSchedules::PlaceId)
                    .unique()
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                timestamps(
                    Table::create()
                        .table(Bookings::Table)
                        .col(text(Bookings::Id).primary_key())
                        .col(text(Bookings::OrganizationId))
                        .col(text(Bookings::ScheduleId))
                        .col(text(Bookings::PlaceId))
                        .col(
                            ColumnDef::new(Bookings::StartsAt)
                                .timestamp_with_time_zone()
                                .not_null(),
                        )
                        .col(ColumnDef::new(Bookings::DurationMin).integer().not_null())
                        .col(optional_text(Bookings::SlotKey))
                        .col(text(Bookings::Status))
                        .col(text(Bookings::Reason))
                        .col(text(Bookings::Name))
                        .col(optional_text(Bookings::Phone))
                        .col(optional_text(Bookings::Email))
                        .col(text(Bookings::LinkToken))
                        .col(text(Bookings::Lang))
                        .col(
                            ColumnDef::new(Bookings::RemindedAt)
                                .timestamp_with_time_zone()
                                .null(),
                        )
                        .col(optional_text(Bookings::ActivityId)),
                )
                .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("bookings_slot_key")
                    .table(Bookings::Table)
                    .col(Bookings::SlotKey)
                    .unique()
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("bookings_link_token")
                    .table(Bookings::Table)
                    .col(Bookings::LinkToken)
                    .unique()
                    .to_owned(),
            )
            .await?;
        // A place's agenda, and the reminders of tomorrow.
        manager
            .create_index(
                Index::create()
                    .name("bookings_place_starts_at")
                    .table(Bookings::Table)
                    .col(Bookings::PlaceId)
                    .col(Bookings::StartsAt)
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("bookings_starts_at")
                    .table(Bookings::Table)
                    .col(Bookings::StartsAt)
                    .to_owned(),
            )
            .await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in [
            Bookings::Table.into_iden(),
            AppointmentSchedules::Table.into_iden(),
        ] {
            manager
                .drop_table(Table::drop().table(table).to_owned())
                .await?;
        }
        Ok(())
    }
}
