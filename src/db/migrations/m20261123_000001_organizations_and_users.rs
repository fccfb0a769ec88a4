//! Organisations (network → federations → structures) and staff accounts.

use sea_orm_migration::prelude::*;

use super::timestamps;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Organizations {
    Table,
    Id,
    ParentId,
    Kind,
    Name,
    Slug,
}

#[derive(DeriveIden)]
enum Users {
    Table,
    Id,
    OrganizationId,
    Email,
    DisplayName,
    Role,
    PasswordHash,
    Active,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                timestamps(
                    Table::create()
                        .table(Organizations::Table)
                        .col(
                            ColumnDef::new(Organizations::Id)
                                .text()
                                .not_null()
                                .primary_key(),
                        )
                        .col(ColumnDef::new(Organizations::ParentId).text().null())
                        .col(ColumnDef::new(Organizations::Kind).text().not_null().check(
                            Expr::col(Organizations::Kind).is_in([
                                "network",
                                "federation",
                                "structure",
                            ]),
                        ))
                        .col(ColumnDef::new(Organizations::Name).text().not_null())
                        .col(
                            ColumnDef::new(Organizations::Slug)
                                .text()
                                .not_null()
                                .unique_key(),
                        )
                        .foreign_key(
                            ForeignKey::create()
                                .from(Organizations::Table, Organizations::ParentId)
                                .to(Organizations::Table, Organizations::Id)
                                .on_delete(ForeignKeyAction::Restrict),
                        ),
                )
                .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("organizations_parent_id")
                    .table(Organizations::Table)
                    .col(Organizations::ParentId)
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                timestamps(
                    Table::create()
                        .table(Users::Table)
                        .col(ColumnDef::new(Users::Id).text().not_null().primary_key())
                        .col(ColumnDef::new(Users::OrganizationId).text().not_null())
                        .col(ColumnDef::new(Users::Email).text().not_null().unique_key())
                        .col(ColumnDef::new(Users::DisplayName).text().not_null())
                        .col(ColumnDef::new(Users::Role).text().not_null().check(
                            Expr::col(Users::Role).is_in([
                                "mediator",
                                "manager",
                                "coordinator",
                                "admin",
                            ]),
                        ))
                        .col(ColumnDef::new(Users::PasswordHash).text().not_null())
                        .col(
                            ColumnDef::new(Users::Active)
                                .boolean()
                                .not_null()
                                .default(true),
                        )
                        .foreign_key(
                            ForeignKey::create()
                                .from(Users::Table, Users::OrganizationId)
                                .to(Organizations::Table, Organizations::Id)
                                .on_delete(ForeignKeyAction::Restrict),
                        ),
                )
                .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("users_organization_id")
                    .table(Users::Table)
                    .col(Users::OrganizationId)
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(Users::Table).to_owned())
            .await?;
        manager
            .drop_table(Table::drop().table(Organizations::Table).to_owned())
            .await
    }
}
