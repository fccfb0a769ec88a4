//! Staff sessions (tower-sessions records), with an index for the purge.

use sea_orm_migration::prelude::*;

use super::timestamps;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Sessions {
    Table,
    Id,
    Data,
    ExpiresAt,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                timestamps(
                    Table::create()
                        .table(Sessions::Table)
                        .col(ColumnDef::new(Sessions::Id).text().not_null().primary_key())
                        .col(ColumnDef::new(Sessions::Data).binary().not_null())
                        // Unix seconds: compared on every load, kept integer on both backends.
                        .col(ColumnDef::new(Sessions::ExpiresAt).big_integer().not_null()),
                )
                .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("sessions_expires_at")
                    .table(Sessions::Table)
                    .col(Sessions::ExpiresAt)
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(Sessions::Table).to_owned())
            .await
    }
}
