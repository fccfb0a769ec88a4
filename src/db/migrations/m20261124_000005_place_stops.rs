//! Stops of itinerant places: date, time range, where. Deleted with their place.

use sea_orm_migration::prelude::*;

use super::timestamps;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum PlaceStops {
    Table,
    Id,
    PlaceId,
    Date,
    Starts,
    Ends,
    Adresse,
    Commune,
    CodePostal,
    CodeInsee,
    Latitude,
    Longitude,
    PositionApproximate,
}

#[derive(DeriveIden)]
enum Places {
    Table,
    Id,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let mut table = Table::create();
        table
            .table(PlaceStops::Table)
            .col(
                ColumnDef::new(PlaceStops::Id)
                    .text()
                    .not_null()
                    .primary_key(),
            )
            .col(ColumnDef::new(PlaceStops::PlaceId).text().not_null())
            .col(ColumnDef::new(PlaceStops::Date).date().not_null())
            .col(ColumnDef::new(PlaceStops::Starts).time().not_null())
            .col(ColumnDef::new(PlaceStops::Ends).time().not_null())
            .col(ColumnDef::new(PlaceStops::Adresse).text().not_null())
            .col(ColumnDef::new(PlaceStops::Commune).text().not_null())
            .col(ColumnDef::new(PlaceStops::CodePostal).text().not_null())
            .col(ColumnDef::new(PlaceStops::CodeInsee).text().not_null())
            .col(ColumnDef::new(PlaceStops::Latitude).double().not_null())
            .col(ColumnDef::new(PlaceStops::Longitude).double().not_null())
            .col(
                ColumnDef::new(PlaceStops::PositionApproximate)
                    .boolean()
                    .not_null()
                    .default(false),
            )
            .foreign_key(
                ForeignKey::create()
                    .from(PlaceStops::Table, PlaceStops::PlaceId)
                    .to(Places::Table, Places::Id)
                    .on_delete(ForeignKeyAction::Cascade),
            );
        manager
            .create_table(timestamps(&mut table).to_owned())
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("place_stops_place_id_date")
                    .table(PlaceStops::Table)
                    .col(PlaceStops::PlaceId)
                    .col(PlaceStops::Date)
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(PlaceStops::Table).to_owned())
            .await
    }
}
