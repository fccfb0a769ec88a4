//! Places in the national schema's terms: one column per schema field
//! (multi-valued fields `|`-joined, as in the schema's CSV), plus what Maille
//! adds: the owning structure and whether the position is approximate.

use sea_orm_migration::prelude::*;

use super::timestamps;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Places {
    Table,
    Id,
    OrganizationId,
    Latitude,
    Longitude,
    PositionApproximate,
    DateMaj,
}

#[derive(DeriveIden)]
enum Organizations {
    Table,
    Id,
}

/// Text columns of the schema, nullable except where the schema requires them.
const TEXT_COLUMNS: [(&str, bool); 27] = [
    ("pivot", true),
    ("nom", true),
    ("commune", true),
    ("code_postal", true),
    ("code_insee", false),
    ("adresse", true),
    ("complement_adresse", false),
    ("typologie", false),
    ("telephone", false),
    ("courriels", false),
    ("site_web", false),
    ("horaires", false),
    ("presentation_resume", false),
    ("presentation_detail", false),
    ("source", false),
    ("itinerance", false),
    ("structure_parente", false),
    ("services", false),
    ("publics_specifiquement_adresses", false),
    ("prise_en_charge_specifique", false),
    ("frais_a_charge", false),
    ("dispositif_programmes_nationaux", false),
    ("formations_labels", false),
    ("autres_formations_labels", false),
    ("modalites_acces", false),
    ("modalites_accompagnement", false),
    ("fiche_acces_libre", false),
];

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let mut table = Table::create();
        table
            .table(Places::Table)
            .col(ColumnDef::new(Places::Id).text().not_null().primary_key())
            .col(ColumnDef::new(Places::OrganizationId).text().null());
        for (name, required) in TEXT_COLUMNS {
            let mut column = ColumnDef::new(Alias::new(name));
            column.text();
            if required {
                column.not_null();
            } else {
                column.null();
            }
            table.col(column);
        }
        table
            .col(ColumnDef::new(Alias::new("prise_rdv")).text().null())
            .col(ColumnDef::new(Places::Latitude).double().null())
            .col(ColumnDef::new(Places::Longitude).double().null())
            .col(
                ColumnDef::new(Places::PositionApproximate)
                    .boolean()
                    .not_null()
                    .default(false),
            )
            .col(ColumnDef::new(Places::DateMaj).date().not_null())
            .foreign_key(
                ForeignKey::create()
                    .from(Places::Table, Places::OrganizationId)
                    .to(Organizations::Table, Organizations::Id)
                    .on_delete(ForeignKeyAction::SetNull),
            );
        manager
            .create_table(timestamps(&mut table).to_owned())
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("places_organization_id")
                    .table(Places::Table)
                    .col(Places::OrganizationId)
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(Places::Table).to_owned())
            .await
    }
}
