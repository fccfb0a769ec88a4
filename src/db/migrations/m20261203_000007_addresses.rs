//! The national address base (BAN), one department at a time: each
//! address's number and street, as typed by people once folded, and its
//! position. Read with an index on (commune, street, number), never held
//! in memory.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Addresses {
    Table,
    Id,
    CodeInsee,
    StreetKey,
    Numero,
    Suffixe,
    NomVoie,
    CodePostal,
    NomCommune,
    Latitude,
    Longitude,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(Addresses::Table)
                    .col(
                        ColumnDef::new(Addresses::Id)
                            .text()
                            .not_null()
                            .primary_key(),
                    )
                    .col(ColumnDef::new(Addresses::CodeInsee).text().not_null())
                    .col(ColumnDef::new(Addresses::StreetKey).text().not_null())
                    .col(ColumnDef::new(Addresses::Numero).integer().not_null())
                    .col(ColumnDef::new(Addresses::Suffixe).text().not_null())
                    .col(ColumnDef::new(Addresses::NomVoie).text().not_null())
                    .col(ColumnDef::new(Addresses::CodePostal).text().not_null())
                    .col(ColumnDef::new(Addresses::NomCommune).text().not_null())
                    .col(ColumnDef::new(Addresses::Latitude).double().not_null())
                    .col(ColumnDef::new(Addresses::Longitude).double().not_null())
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("addresses_commune_street")
                    .table(Addresses::Table)
                    .col(Addresses::CodeInsee)
                    .col(Addresses::StreetKey)
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(Addresses::Table).to_owned())
            .await
    }
}
