//! Requests for equipment and the social internet offers: a structure's
//! eligibility checklist, the requests households make (through a
//! mediator or the public form) with the criteria they meet, the device
//! matched and the path of sessions before the gift; the internet offers
//! a structure refers people to, and each referral's outcome.

use sea_orm_migration::prelude::*;

use super::timestamps;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum EligibilityCriteria {
    Table,
    Id,
    OrganizationId,
    Scope,
    Label,
    Position,
}

#[derive(DeriveIden)]
enum EquipmentRequests {
    Table,
    Id,
    OrganizationId,
    BeneficiaryId,
    Name,
    Phone,
    Email,
    Need,
    Household,
    Kind,
    Criteria,
    Priority,
    Status,
    Source,
    DeviceId,
    PathSessions,
    PathStartedOn,
}

#[derive(DeriveIden)]
enum InternetOffers {
    Table,
    Id,
    OrganizationId,
    Name,
    Provider,
    Conditions,
}

#[derive(DeriveIden)]
enum InternetReferrals {
    Table,
    Id,
    OrganizationId,
    OfferId,
    BeneficiaryId,
    Criteria,
    Outcome,
    Reason,
    OnDay,
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
                        .table(EligibilityCriteria::Table)
                        .col(text(EligibilityCriteria::Id).primary_key())
                        .col(text(EligibilityCriteria::OrganizationId))
                        .col(text(EligibilityCriteria::Scope))
                        .col(text(EligibilityCriteria::Label))
                        .col(
                            ColumnDef::new(EligibilityCriteria::Position)
                                .integer()
                                .not_null(),
                        ),
                )
                .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("eligibility_criteria_organization")
                    .table(EligibilityCriteria::Table)
                    .col(EligibilityCriteria::OrganizationId)
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                timestamps(
                    Table::create()
                        .table(EquipmentRequests::Table)
                        .col(text(EquipmentRequests::Id).primary_key())
                        .col(text(EquipmentRequests::OrganizationId))
                        .col(optional_text(EquipmentRequests::BeneficiaryId))
                        .col(text(EquipmentRequests::Name))
                        .col(optional_text(EquipmentRequests::Phone))
                        .col(optional_text(EquipmentRequests::Email))
                        .col(text(EquipmentRequests::Need))
                        .col(text(EquipmentRequests::Household))
                        .col(text(EquipmentRequests::Kind))
                        .col(text(EquipmentRequests::Criteria))
                        .col(
                            ColumnDef::new(EquipmentRequests::Priority)
                                .integer()
                                .not_null(),
                        )
                        .col(text(EquipmentRequests::Status))
                        .col(text(EquipmentRequests::Source))
                        .col(optional_text(EquipmentRequests::DeviceId))
                        .col(
                            ColumnDef::new(EquipmentRequests::PathSessions)
                                .integer()
                                .null(),
                        )
                        .col(
                            ColumnDef::new(EquipmentRequests::PathStartedOn)
                                .date()
                                .null(),
                        ),
                )
                .to_owned(),
            )
            .await?;
        // The waiting list: a structure's requests by status, priority, date.
        manager
            .create_index(
                Index::create()
                    .name("equipment_requests_waiting")
                    .table(EquipmentRequests::Table)
                    .col(EquipmentRequests::OrganizationId)
                    .col(EquipmentRequests::Status)
                    .col(EquipmentRequests::Priority)
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("equipment_requests_device")
                    .table(EquipmentRequests::Table)
                    .col(EquipmentRequests::DeviceId)
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                timestamps(
                    Table::create()
                        .table(InternetOffers::Table)
                        .col(text(InternetOffers::Id).primary_key())
                        .col(text(InternetOffers::OrganizationId))
                        .col(text(InternetOffers::Name))
                        .col(text(InternetOffers::Provider))
                        .col(text(InternetOffers::Conditions)),
                )
                .to_owned(),
            )
            .await?;
        manager
            .create_table(
                timestamps(
                    Table::create()
                        .table(InternetReferrals::Table)
                        .col(text(InternetReferrals::Id).primary_key())
                        .col(text(InternetReferrals::OrganizationId))
                        .col(text(InternetReferrals::OfferId))
                        .col(optional_text(InternetReferrals::BeneficiaryId))
                        .col(text(InternetReferrals::Criteria))
                        .col(text(InternetReferrals::Outcome))
                        .col(text(InternetReferrals::Reason))
                        .col(ColumnDef::new(InternetReferrals::OnDay).date().not_null()),
                )
                .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("internet_referrals_organization")
                    .table(InternetReferrals::Table)
                    .col(InternetReferrals::OrganizationId)
                    .col(InternetReferrals::OfferId)
                    .to_owned(),
            )
            .await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in [
            InternetReferrals::Table.into_iden(),
            InternetOffers::Table.into_iden(),
            EquipmentRequests::Table.into_iden(),
            EligibilityCriteria::Table.into_iden(),
        ] {
            manager
                .drop_table(Table::drop().table(table).to_owned())
                .await?;
        }
        Ok(())
    }
}
