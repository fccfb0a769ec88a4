//! Browsers that logged into an account, by the hash of their cookie's
//! token: attempts from them are not slowed down when strangers guess the
//! account's password (`accounts::throttle`). Local security state: it never
//! travels to another node.

use sea_orm_migration::prelude::*;

use super::timestamps;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum KnownBrowsers {
    Table,
    TokenHash,
    UserId,
}

#[derive(DeriveIden)]
enum Users {
    Table,
    Id,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                timestamps(
                    Table::create()
                        .table(KnownBrowsers::Table)
                        .col(
                            ColumnDef::new(KnownBrowsers::TokenHash)
                                .text()
                                .not_null()
                                .primary_key(),
                        )
                        .col(ColumnDef::new(KnownBrowsers::UserId).text().not_null())
                        .foreign_key(
                            ForeignKey::create()
                                .from(KnownBrowsers::Table, KnownBrowsers::UserId)
                                .to(Users::Table, Users::Id),
                        ),
                )
                .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("known_browsers_user_id")
                    .table(KnownBrowsers::Table)
                    .col(KnownBrowsers::UserId)
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(KnownBrowsers::Table).to_owned())
            .await
    }
}
