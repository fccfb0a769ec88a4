//! Equipment: donors and the lots they give, devices with their inventory
//! code and state, the append-only history of each device's steps, the
//! handovers (gift or loan: the person's id and typed signature, kept
//! apart from the history so that erasing a person never edits it),
//! repairs, and the impact factors a structure chose.

use sea_orm_migration::prelude::*;

use super::timestamps;
use crate::db::append_only;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Donors {
    Table,
    Id,
    OrganizationId,
    Name,
    Kind,
    Siren,
    Contact,
}

#[derive(DeriveIden)]
enum DonationLots {
    Table,
    Id,
    OrganizationId,
    DonorId,
    ReceivedOn,
    Description,
}

#[derive(DeriveIden)]
enum Devices {
    Table,
    Id,
    OrganizationId,
    Code,
    LotId,
    Kind,
    Brand,
    Model,
    Serial,
    Year,
    Specs,
    Grade,
    Notes,
    State,
    StateAt,
    ResumeState,
    CertificateCode,
    HolderId,
    DueOn,
    Os,
    FreeOs,
}

#[derive(DeriveIden)]
enum DeviceEvents {
    Table,
    Id,
    OrganizationId,
    DeviceId,
    At,
    FromState,
    ToState,
    ByUser,
    Details,
}

#[derive(DeriveIden)]
enum DeviceHandovers {
    Table,
    Id,
    OrganizationId,
    DeviceId,
    Kind,
    BeneficiaryId,
    SignedName,
    HandedOn,
    DueOn,
    ReturnedOn,
    RemindedAt,
}

#[derive(DeriveIden)]
enum DeviceRepairs {
    Table,
    Id,
    OrganizationId,
    DeviceId,
    OnDay,
    Problem,
    Parts,
    Minutes,
    CostCents,
    Outcome,
}

#[derive(DeriveIden)]
enum ImpactFactors {
    Table,
    Id,
    OrganizationId,
    Kind,
    WeightKg,
    Co2eKg,
    Source,
}

fn text(name: impl IntoIden) -> ColumnDef {
    ColumnDef::new(name).text().not_null().to_owned()
}

fn optional_text(name: impl IntoIden) -> ColumnDef {
    ColumnDef::new(name).text().null().to_owned()
}

fn day(name: impl IntoIden) -> ColumnDef {
    ColumnDef::new(name).date().not_null().to_owned()
}

fn optional_day(name: impl IntoIden) -> ColumnDef {
    ColumnDef::new(name).date().null().to_owned()
}

fn index(name: &str, table: impl IntoIden, columns: &[&str]) -> IndexCreateStatement {
    let mut index = Index::create();
    index.name(name).table(table);
    for column in columns {
        index.col(Alias::new(*column));
    }
    index.to_owned()
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                timestamps(
                    Table::create()
                        .table(Donors::Table)
                        .col(text(Donors::Id).primary_key())
                        .col(text(Donors::OrganizationId))
                        .col(text(Donors::Name))
                        .col(text(Donors::Kind))
                        .col(optional_text(Donors::Siren))
                        .col(optional_text(Donors::Contact)),
                )
                .to_owned(),
            )
            .await?;
        manager
            .create_table(
                timestamps(
                    Table::create()
                        .table(DonationLots::Table)
                        .col(text(DonationLots::Id).primary_key())
                        .col(text(DonationLots::OrganizationId))
                        .col(text(DonationLots::DonorId))
                        .col(day(DonationLots::ReceivedOn))
                        .col(text(DonationLots::Description)),
                )
                .to_owned(),
            )
            .await?;
        manager
            .create_table(
                timestamps(
                    Table::create()
                        .table(Devices::Table)
                        .col(text(Devices::Id).primary_key())
                        .col(text(Devices::OrganizationId))
                        .col(text(Devices::Code))
                        .col(optional_text(Devices::LotId))
                        .col(text(Devices::Kind))
                        .col(text(Devices::Brand))
                        .col(text(Devices::Model))
                        .col(text(Devices::Serial))
                        .col(ColumnDef::new(Devices::Year).integer().null())
                        .col(text(Devices::Specs))
                        .col(optional_text(Devices::Grade))
                        .col(text(Devices::Notes))
                        .col(text(Devices::State))
                        .col(
                            ColumnDef::new(Devices::StateAt)
                                .timestamp_with_time_zone()
                                .not_null(),
                        )
                        .col(optional_text(Devices::ResumeState))
                        .col(optional_text(Devices::CertificateCode))
                        .col(optional_text(Devices::HolderId))
                        .col(optional_day(Devices::DueOn))
                        .col(optional_text(Devices::Os))
                        .col(ColumnDef::new(Devices::FreeOs).boolean().null()),
                )
                .to_owned(),
            )
            .await?;
        for statement in [
            index("devices_code", Devices::Table, &["code"])
                .unique()
                .to_owned(),
            index(
                "devices_certificate_code",
                Devices::Table,
                &["certificate_code"],
            )
            .unique()
            .to_owned(),
            // The stock page: a structure's devices by state, newest change first.
            index(
                "devices_organization_state",
                Devices::Table,
                &["organization_id", "state", "state_at"],
            ),
            index(
                "devices_organization_state_at",
                Devices::Table,
                &["organization_id", "state_at", "id"],
            ),
            // Counting by kind and state (the impact, the stock's kind
            // filter) reads this index alone, never the rows.
            index(
                "devices_organization_kind_state",
                Devices::Table,
                &["organization_id", "kind", "state", "year", "state_at"],
            ),
            index("devices_lot", Devices::Table, &["lot_id"]),
        ] {
            manager.create_index(statement).await?;
        }
        manager
            .create_table(
                Table::create()
                    .table(DeviceEvents::Table)
                    .col(text(DeviceEvents::Id).primary_key())
                    .col(text(DeviceEvents::OrganizationId))
                    .col(text(DeviceEvents::DeviceId))
                    .col(
                        ColumnDef::new(DeviceEvents::At)
                            .timestamp_with_time_zone()
                            .not_null(),
                    )
                    .col(optional_text(DeviceEvents::FromState))
                    .col(text(DeviceEvents::ToState))
                    .col(optional_text(DeviceEvents::ByUser))
                    .col(text(DeviceEvents::Details))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(index(
                "device_events_device",
                DeviceEvents::Table,
                &["device_id", "at"],
            ))
            .await?;
        manager
            .create_index(index(
                "device_events_organization_at",
                DeviceEvents::Table,
                &["organization_id", "at"],
            ))
            .await?;
        let backend = manager.get_database_backend();
        for statement in append_only::create_guards(backend, "device_events") {
            manager
                .get_connection()
                .execute_unprepared(&statement)
                .await?;
        }
        manager
            .create_table(
                timestamps(
                    Table::create()
                        .table(DeviceHandovers::Table)
                        .col(text(DeviceHandovers::Id).primary_key())
                        .col(text(DeviceHandovers::OrganizationId))
                        .col(text(DeviceHandovers::DeviceId))
                        .col(text(DeviceHandovers::Kind))
                        .col(optional_text(DeviceHandovers::BeneficiaryId))
                        .col(text(DeviceHandovers::SignedName))
                        .col(day(DeviceHandovers::HandedOn))
                        .col(optional_day(DeviceHandovers::DueOn))
                        .col(optional_day(DeviceHandovers::ReturnedOn))
                        .col(
                            ColumnDef::new(DeviceHandovers::RemindedAt)
                                .timestamp_with_time_zone()
                                .null(),
                        ),
                )
                .to_owned(),
            )
            .await?;
        manager
            .create_index(index(
                "device_handovers_device",
                DeviceHandovers::Table,
                &["device_id"],
            ))
            .await?;
        manager
            .create_index(index(
                "device_handovers_beneficiary",
                DeviceHandovers::Table,
                &["beneficiary_id"],
            ))
            .await?;
        manager
            .create_table(
                timestamps(
                    Table::create()
                        .table(DeviceRepairs::Table)
                        .col(text(DeviceRepairs::Id).primary_key())
                        .col(text(DeviceRepairs::OrganizationId))
                        .col(text(DeviceRepairs::DeviceId))
                        .col(day(DeviceRepairs::OnDay))
                        .col(text(DeviceRepairs::Problem))
                        .col(text(DeviceRepairs::Parts))
                        .col(ColumnDef::new(DeviceRepairs::Minutes).integer().not_null())
                        .col(
                            ColumnDef::new(DeviceRepairs::CostCents)
                                .big_integer()
                                .not_null(),
                        )
                        .col(text(DeviceRepairs::Outcome)),
                )
                .to_owned(),
            )
            .await?;
        manager
            .create_index(index(
                "device_repairs_device",
                DeviceRepairs::Table,
                &["device_id"],
            ))
            .await?;
        manager
            .create_index(index(
                "device_repairs_organization",
                DeviceRepairs::Table,
                &["organization_id"],
            ))
            .await?;
        manager
            .create_table(
                timestamps(
                    Table::create()
                        .table(ImpactFactors::Table)
                        .col(text(ImpactFactors::Id).primary_key())
                        .col(text(ImpactFactors::OrganizationId))
                        .col(text(ImpactFactors::Kind))
                        .col(ColumnDef::new(ImpactFactors::WeightKg).double().not_null())
                        .col(ColumnDef::new(ImpactFactors::Co2eKg).double().not_null())
                        .col(text(ImpactFactors::Source)),
                )
                .to_owned(),
            )
            .await?;
        manager
            .create_index(
                index(
                    "impact_factors_organization_kind",
                    ImpactFactors::Table,
                    &["organization_id", "kind"],
                )
                .unique()
                .to_owned(),
            )
            .await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let backend = manager.get_database_backend();
        for statement in append_only::drop_guards(backend, "device_events") {
            manager
                .get_connection()
                .execute_unprepared(&statement)
                .await?;
        }
        for table in [
            ImpactFactors::Table.into_iden(),
            DeviceRepairs::Table.into_iden(),
            DeviceHandovers::Table.into_iden(),
            DeviceEvents::Table.into_iden(),
            Devices::Table.into_iden(),
            DonationLots::Table.into_iden(),
            Donors::Table.into_iden(),
        ] {
            manager
                .drop_table(Table::drop().table(table).to_owned())
                .await?;
        }
        Ok(())
    }
}
