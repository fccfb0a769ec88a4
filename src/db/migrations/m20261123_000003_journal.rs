//! The append-only security journal.
//!
//! The database itself refuses updates and deletes (triggers), so that not
//! even a bug or a hand-typed query can rewrite what happened.

use sea_orm_migration::prelude::*;

use super::timestamps;
use crate::db::append_only;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Journal {
    Table,
    Id,
    OccurredAt,
    Event,
    ActorId,
    ActorLabel,
    OrganizationId,
    Subject,
    Detail,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                timestamps(
                    Table::create()
                        .table(Journal::Table)
                        .col(ColumnDef::new(Journal::Id).text().not_null().primary_key())
                        .col(
                            ColumnDef::new(Journal::OccurredAt)
                                .timestamp_with_time_zone()
                                .not_null(),
                        )
                        .col(ColumnDef::new(Journal::Event).text().not_null())
                        // No foreign keys: the journal outlives the accounts it mentions.
                        .col(ColumnDef::new(Journal::ActorId).text().null())
                        // Who acted, as identified then (an address, or « ligne de commande »).
                        .col(ColumnDef::new(Journal::ActorLabel).text().not_null())
                        .col(ColumnDef::new(Journal::OrganizationId).text().null())
                        .col(ColumnDef::new(Journal::Subject).text().not_null())
                        .col(ColumnDef::new(Journal::Detail).text().not_null()),
                )
                .to_owned(),
            )
            .await?;
        // Serves the lockout count: failures for one account in a window.
        manager
            .create_index(
                Index::create()
                    .name("journal_subject_event_occurred_at")
                    .table(Journal::Table)
                    .col(Journal::Subject)
                    .col(Journal::Event)
                    .col(Journal::OccurredAt)
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("journal_organization_id_occurred_at")
                    .table(Journal::Table)
                    .col(Journal::OrganizationId)
                    .col(Journal::OccurredAt)
                    .to_owned(),
            )
            .await?;
        let db = manager.get_connection();
        for statement in append_only::create_guards(manager.get_database_backend(), "journal") {
            db.execute_unprepared(&statement).await?;
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let db = manager.get_connection();
        for statement in append_only::drop_guards(manager.get_database_backend(), "journal") {
            db.execute_unprepared(&statement).await?;
        }
        manager
            .drop_table(Table::drop().table(Journal::Table).to_owned())
            .await
    }
}
