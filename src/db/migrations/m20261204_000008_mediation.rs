//! Mediation: activities, the beneficiaries who consented to be followed,
//! their goals and skills, the figures kept up to date on each write, the
//! personal API tokens, and tombstones of erased personal records.
//!
//! Every row carries its owning structure and a UUIDv7 minted by Maille
//! (`../shared/design/SYNC.md`). Themes and materials are bit sets whose bit
//! positions are fixed in `mediation::vocabulary` (never renumbered): one
//! integer column makes filtering by theme an index-free test and keeps the
//! row narrow for the figures.

use sea_orm_migration::prelude::*;

use super::timestamps;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Activities {
    Table,
    Id,
    OrganizationId,
    MediatorId,
    Kind,
    Date,
    DurationMin,
    PlaceKind,
    PlaceId,
    Commune,
    Themes,
    AdminDetail,
    AdminOutcome,
    Materials,
    Autonomy,
    Orientation,
    OrientationPlaceId,
    Notes,
    Title,
    Level,
    Participants,
    Counts,
    BeneficiaryId,
}

#[derive(DeriveIden)]
enum ActivityFigures {
    Table,
    OrganizationId,
    Month,
    Dimension,
    Value,
    Activities,
    Minutes,
    People,
}

#[derive(DeriveIden)]
enum Beneficiaries {
    Table,
    Id,
    OrganizationId,
    Code,
    Pseudonym,
    BirthYear,
    Gender,
    SocialStatus,
    Commune,
    Phone,
    Email,
    ConsentAt,
    ConsentPurpose,
    ConsentBy,
    LastActivityOn,
}

#[derive(DeriveIden)]
enum BeneficiaryGoals {
    Table,
    Id,
    OrganizationId,
    BeneficiaryId,
    Text,
    Status,
}

#[derive(DeriveIden)]
enum SkillAssessments {
    Table,
    Id,
    OrganizationId,
    BeneficiaryId,
    Competence,
    Level,
    Assessor,
    AssessedOn,
}

#[derive(DeriveIden)]
enum ApiTokens {
    Table,
    Id,
    UserId,
    Label,
    TokenHash,
    ExpiresAt,
    LastUsedAt,
    LastUsedFrom,
    RevokedAt,
}

#[derive(DeriveIden)]
enum Tombstones {
    Table,
    Id,
    Kind,
    OrganizationId,
    DeletedAt,
}

fn id_column(name: impl IntoIden) -> ColumnDef {
    ColumnDef::new(name)
        .text()
        .not_null()
        .primary_key()
        .to_owned()
}

fn text(name: impl IntoIden) -> ColumnDef {
    ColumnDef::new(name).text().not_null().to_owned()
}

fn optional_text(name: impl IntoIden) -> ColumnDef {
    ColumnDef::new(name).text().null().to_owned()
}

fn index(name: &str, table: impl IntoIden, columns: Vec<DynIden>) -> IndexCreateStatement {
    let mut index = Index::create();
    index.name(name).table(table);
    for column in columns {
        index.col(column);
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
                        .table(Activities::Table)
                        .col(id_column(Activities::Id))
                        .col(text(Activities::OrganizationId))
                        .col(text(Activities::MediatorId))
                        .col(text(Activities::Kind))
                        .col(ColumnDef::new(Activities::Date).date().not_null())
                        .col(ColumnDef::new(Activities::DurationMin).integer().not_null())
                        .col(text(Activities::PlaceKind))
                        .col(optional_text(Activities::PlaceId))
                        .col(text(Activities::Commune))
                        .col(ColumnDef::new(Activities::Themes).big_integer().not_null())
                        .col(text(Activities::AdminDetail))
                        .col(optional_text(Activities::AdminOutcome))
                        .col(ColumnDef::new(Activities::Materials).integer().not_null())
                        .col(optional_text(Activities::Autonomy))
                        .col(optional_text(Activities::Orientation))
                        .col(optional_text(Activities::OrientationPlaceId))
                        .col(text(Activities::Notes))
                        .col(text(Activities::Title))
                        .col(optional_text(Activities::Level))
                        .col(
                            ColumnDef::new(Activities::Participants)
                                .integer()
                                .not_null(),
                        )
                        .col(text(Activities::Counts))
                        .col(optional_text(Activities::BeneficiaryId)),
                )
                .to_owned(),
            )
            .await?;
        // The list: a structure's activities, newest first, in the index's
        // order (date, then id), so a page reads its 50 rows and stops; the
        // type and themes in the index count a filtered list without
        // reading the rows (a structure's rows lie all over the file).
        manager
            .create_index(index(
                "activities_organization_date",
                Activities::Table,
                vec![
                    Activities::OrganizationId.into_iden(),
                    Activities::Date.into_iden(),
                    Activities::Id.into_iden(),
                    Activities::Kind.into_iden(),
                    Activities::Themes.into_iden(),
                ],
            ))
            .await?;
        // A person's history, and how many came back.
        manager
            .create_index(index(
                "activities_beneficiary_date",
                Activities::Table,
                vec![
                    Activities::BeneficiaryId.into_iden(),
                    Activities::Date.into_iden(),
                ],
            ))
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(ActivityFigures::Table)
                    .col(text(ActivityFigures::OrganizationId))
                    .col(text(ActivityFigures::Month))
                    .col(text(ActivityFigures::Dimension))
                    .col(text(ActivityFigures::Value))
                    .col(
                        ColumnDef::new(ActivityFigures::Activities)
                            .big_integer()
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new(ActivityFigures::Minutes)
                            .big_integer()
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new(ActivityFigures::People)
                            .big_integer()
                            .not_null(),
                    )
                    .primary_key(
                        Index::create()
                            .col(ActivityFigures::OrganizationId)
                            .col(ActivityFigures::Month)
                            .col(ActivityFigures::Dimension)
                            .col(ActivityFigures::Value),
                    )
                    .to_owned(),
            )
            .await?;
        // A network's figures read this index alone: no row lookups.
        manager
            .create_index(index(
                "activity_figures_read",
                ActivityFigures::Table,
                vec![
                    ActivityFigures::OrganizationId.into_iden(),
                    ActivityFigures::Month.into_iden(),
                    ActivityFigures::Dimension.into_iden(),
                    ActivityFigures::Value.into_iden(),
                    ActivityFigures::Activities.into_iden(),
                    ActivityFigures::Minutes.into_iden(),
                    ActivityFigures::People.into_iden(),
                ],
            ))
            .await?;
        manager
            .create_table(
                timestamps(
                    Table::create()
                        .table(Beneficiaries::Table)
                        .col(id_column(Beneficiaries::Id))
                        .col(text(Beneficiaries::OrganizationId))
                        .col(text(Beneficiaries::Code))
                        .col(text(Beneficiaries::Pseudonym))
                        .col(ColumnDef::new(Beneficiaries::BirthYear).integer().null())
                        .col(optional_text(Beneficiaries::Gender))
                        .col(optional_text(Beneficiaries::SocialStatus))
                        .col(text(Beneficiaries::Commune))
                        .col(text(Beneficiaries::Phone))
                        .col(text(Beneficiaries::Email))
                        .col(
                            ColumnDef::new(Beneficiaries::ConsentAt)
                                .timestamp_with_time_zone()
                                .not_null(),
                        )
                        .col(text(Beneficiaries::ConsentPurpose))
                        .col(text(Beneficiaries::ConsentBy))
                        .col(ColumnDef::new(Beneficiaries::LastActivityOn).date().null()),
                )
                .to_owned(),
            )
            .await?;
        manager
            .create_index(index(
                "beneficiaries_organization_code",
                Beneficiaries::Table,
                vec![
                    Beneficiaries::OrganizationId.into_iden(),
                    Beneficiaries::Code.into_iden(),
                ],
            ))
            .await?;
        manager
            .create_table(
                timestamps(
                    Table::create()
                        .table(BeneficiaryGoals::Table)
                        .col(id_column(BeneficiaryGoals::Id))
                        .col(text(BeneficiaryGoals::OrganizationId))
                        .col(text(BeneficiaryGoals::BeneficiaryId))
                        .col(text(BeneficiaryGoals::Text))
                        .col(text(BeneficiaryGoals::Status)),
                )
                .to_owned(),
            )
            .await?;
        manager
            .create_index(index(
                "beneficiary_goals_beneficiary",
                BeneficiaryGoals::Table,
                vec![BeneficiaryGoals::BeneficiaryId.into_iden()],
            ))
            .await?;
        manager
            .create_table(
                timestamps(
                    Table::create()
                        .table(SkillAssessments::Table)
                        .col(id_column(SkillAssessments::Id))
                        .col(text(SkillAssessments::OrganizationId))
                        .col(text(SkillAssessments::BeneficiaryId))
                        .col(text(SkillAssessments::Competence))
                        .col(ColumnDef::new(SkillAssessments::Level).integer().not_null())
                        .col(text(SkillAssessments::Assessor))
                        .col(
                            ColumnDef::new(SkillAssessments::AssessedOn)
                                .date()
                                .not_null(),
                        ),
                )
                .to_owned(),
            )
            .await?;
        manager
            .create_index(index(
                "skill_assessments_beneficiary",
                SkillAssessments::Table,
                vec![SkillAssessments::BeneficiaryId.into_iden()],
            ))
            .await?;
        manager
            .create_table(
                timestamps(
                    Table::create()
                        .table(ApiTokens::Table)
                        .col(id_column(ApiTokens::Id))
                        .col(text(ApiTokens::UserId))
                        .col(text(ApiTokens::Label))
                        .col(text(ApiTokens::TokenHash).unique_key().to_owned())
                        .col(
                            ColumnDef::new(ApiTokens::ExpiresAt)
                                .timestamp_with_time_zone()
                                .null(),
                        )
                        .col(
                            ColumnDef::new(ApiTokens::LastUsedAt)
                                .timestamp_with_time_zone()
                                .null(),
                        )
                        .col(optional_text(ApiTokens::LastUsedFrom))
                        .col(
                            ColumnDef::new(ApiTokens::RevokedAt)
                                .timestamp_with_time_zone()
                                .null(),
                        ),
                )
                .to_owned(),
            )
            .await?;
        manager
            .create_index(index(
                "api_tokens_user",
                ApiTokens::Table,
                vec![ApiTokens::UserId.into_iden()],
            ))
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(Tombstones::Table)
                    .col(id_column(Tombstones::Id))
                    .col(text(Tombstones::Kind))
                    .col(text(Tombstones::OrganizationId))
                    .col(
                        ColumnDef::new(Tombstones::DeletedAt)
                            .timestamp_with_time_zone()
                            .not_null(),
                    )
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in [
            Tombstones::Table.into_iden(),
            ApiTokens::Table.into_iden(),
            SkillAssessments::Table.into_iden(),
            BeneficiaryGoals::Table.into_iden(),
            Beneficiaries::Table.into_iden(),
            ActivityFigures::Table.into_iden(),
            Activities::Table.into_iden(),
        ] {
            manager
                .drop_table(Table::drop().table(table).to_owned())
                .await?;
        }
        Ok(())
    }
}
