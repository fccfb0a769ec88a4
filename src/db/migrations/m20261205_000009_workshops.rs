//! Workshops and messages: a structure's workshop formats, their dated
//! sessions, the registrations of inhabitants without an account, and the
//! outbox of messages written in the same transaction as what they announce.
//!
//! Every row carries its owning structure and a UUIDv7 minted by Maille
//! (`../shared/design/SYNC.md`). A session keeps its confirmed and waiting
//! counts on its own row: registering updates that row first, which is what
//! serialises concurrent registrations on both databases (never more
//! confirmed than seats).

use sea_orm_migration::prelude::*;

use super::timestamps;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum WorkshopFormats {
    Table,
    Id,
    OrganizationId,
    Title,
    Description,
    Themes,
    Level,
    DurationMin,
    Capacity,
    GameKind,
}

#[derive(DeriveIden)]
enum WorkshopSessions {
    Table,
    Id,
    OrganizationId,
    FormatId,
    Title,
    Description,
    Themes,
    Level,
    GameKind,
    StartsAt,
    DurationMin,
    PlaceId,
    StopId,
    Location,
    Commune,
    Latitude,
    Longitude,
    Capacity,
    Confirmed,
    Waiting,
    Status,
    Mediators,
    WalkIns,
    ActivityId,
}

#[derive(DeriveIden)]
enum Registrations {
    Table,
    Id,
    OrganizationId,
    SessionId,
    Status,
    Name,
    Phone,
    Email,
    ContactKey,
    LinkToken,
    Lang,
    Source,
    Attended,
    BeneficiaryId,
    RemindedAt,
}

#[derive(DeriveIden)]
enum Outbox {
    Table,
    Id,
    OrganizationId,
    RegistrationId,
    Kind,
    Channel,
    Recipient,
    Subject,
    Body,
    Status,
    Attempts,
    NextAttemptAt,
    Claim,
    LastError,
    SentAt,
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

fn integer(name: impl IntoIden) -> ColumnDef {
    ColumnDef::new(name).integer().not_null().to_owned()
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
                        .table(WorkshopFormats::Table)
                        .col(id_column(WorkshopFormats::Id))
                        .col(text(WorkshopFormats::OrganizationId))
                        .col(text(WorkshopFormats::Title))
                        .col(text(WorkshopFormats::Description))
                        .col(
                            ColumnDef::new(WorkshopFormats::Themes)
                                .big_integer()
                                .not_null(),
                        )
                        .col(optional_text(WorkshopFormats::Level))
                        .col(integer(WorkshopFormats::DurationMin))
                        .col(integer(WorkshopFormats::Capacity))
                        .col(optional_text(WorkshopFormats::GameKind)),
                )
                .to_owned(),
            )
            .await?;
        manager
            .create_index(index(
                "workshop_formats_organization",
                WorkshopFormats::Table,
                vec![WorkshopFormats::OrganizationId.into_iden()],
            ))
            .await?;
        manager
            .create_table(
                timestamps(
                    Table::create()
                        .table(WorkshopSessions::Table)
                        .col(id_column(WorkshopSessions::Id))
                        .col(text(WorkshopSessions::OrganizationId))
                        .col(optional_text(WorkshopSessions::FormatId))
                        .col(text(WorkshopSessions::Title))
                        .col(text(WorkshopSessions::Description))
                        .col(
                            ColumnDef::new(WorkshopSessions::Themes)
                                .big_integer()
                                .not_null(),
                        )
                        .col(optional_text(WorkshopSessions::Level))
                        .col(optional_text(WorkshopSessions::GameKind))
                        .col(
                            ColumnDef::new(WorkshopSessions::StartsAt)
                                .timestamp_with_time_zone()
                                .not_null(),
                        )
                        .col(integer(WorkshopSessions::DurationMin))
                        .col(text(WorkshopSessions::PlaceId))
                        .col(optional_text(WorkshopSessions::StopId))
                        .col(text(WorkshopSessions::Location))
                        .col(text(WorkshopSessions::Commune))
                        .col(ColumnDef::new(WorkshopSessions::Latitude).double().null())
                        .col(ColumnDef::new(WorkshopSessions::Longitude).double().null())
                        .col(integer(WorkshopSessions::Capacity))
                        .col(integer(WorkshopSessions::Confirmed))
                        .col(integer(WorkshopSessions::Waiting))
                        .col(text(WorkshopSessions::Status))
                        .col(text(WorkshopSessions::Mediators))
                        .col(integer(WorkshopSessions::WalkIns))
                        .col(optional_text(WorkshopSessions::ActivityId)),
                )
                .to_owned(),
            )
            .await?;
        // The public list reads the sessions to come, all structures at once.
        manager
            .create_index(index(
                "workshop_sessions_starts_at",
                WorkshopSessions::Table,
                vec![WorkshopSessions::StartsAt.into_iden()],
            ))
            .await?;
        manager
            .create_index(index(
                "workshop_sessions_organization_starts_at",
                WorkshopSessions::Table,
                vec![
                    WorkshopSessions::OrganizationId.into_iden(),
                    WorkshopSessions::StartsAt.into_iden(),
                ],
            ))
            .await?;
        manager
            .create_table(
                timestamps(
                    Table::create()
                        .table(Registrations::Table)
                        .col(id_column(Registrations::Id))
                        .col(text(Registrations::OrganizationId))
                        .col(text(Registrations::SessionId))
                        .col(text(Registrations::Status))
                        .col(text(Registrations::Name))
                        .col(optional_text(Registrations::Phone))
                        .col(optional_text(Registrations::Email))
                        .col(optional_text(Registrations::ContactKey))
                        .col(text(Registrations::LinkToken))
                        .col(text(Registrations::Lang))
                        .col(text(Registrations::Source))
                        .col(ColumnDef::new(Registrations::Attended).boolean().null())
                        .col(optional_text(Registrations::BeneficiaryId))
                        .col(
                            ColumnDef::new(Registrations::RemindedAt)
                                .timestamp_with_time_zone()
                                .null(),
                        ),
                )
                .to_owned(),
            )
            .await?;
        // A session's list in order of arrival: the first waiting is the
        // first promoted.
        manager
            .create_index(index(
                "registrations_session_status",
                Registrations::Table,
                vec![
                    Registrations::SessionId.into_iden(),
                    Registrations::Status.into_iden(),
                    Registrations::Id.into_iden(),
                ],
            ))
            .await?;
        // One live registration per contact and session: a form sent twice
        // finds the first. Cancelling clears the key (NULLs never collide).
        manager
            .create_index(
                index(
                    "registrations_session_contact",
                    Registrations::Table,
                    vec![
                        Registrations::SessionId.into_iden(),
                        Registrations::ContactKey.into_iden(),
                    ],
                )
                .unique()
                .to_owned(),
            )
            .await?;
        manager
            .create_index(
                index(
                    "registrations_link_token",
                    Registrations::Table,
                    vec![Registrations::LinkToken.into_iden()],
                )
                .unique()
                .to_owned(),
            )
            .await?;
        manager
            .create_table(
                timestamps(
                    Table::create()
                        .table(Outbox::Table)
                        .col(id_column(Outbox::Id))
                        .col(text(Outbox::OrganizationId))
                        .col(optional_text(Outbox::RegistrationId))
                        .col(text(Outbox::Kind))
                        .col(text(Outbox::Channel))
                        .col(optional_text(Outbox::Recipient))
                        .col(text(Outbox::Subject))
                        .col(text(Outbox::Body))
                        .col(text(Outbox::Status))
                        .col(integer(Outbox::Attempts))
                        .col(
                            ColumnDef::new(Outbox::NextAttemptAt)
                                .timestamp_with_time_zone()
                                .not_null(),
                        )
                        .col(optional_text(Outbox::Claim))
                        .col(optional_text(Outbox::LastError))
                        .col(
                            ColumnDef::new(Outbox::SentAt)
                                .timestamp_with_time_zone()
                                .null(),
                        ),
                )
                .to_owned(),
            )
            .await?;
        // The worker's question: what is due now.
        manager
            .create_index(index(
                "outbox_status_due",
                Outbox::Table,
                vec![
                    Outbox::Status.into_iden(),
                    Outbox::NextAttemptAt.into_iden(),
                ],
            ))
            .await?;
        manager
            .create_index(index(
                "outbox_organization",
                Outbox::Table,
                vec![
                    Outbox::OrganizationId.into_iden(),
                    Outbox::Status.into_iden(),
                ],
            ))
            .await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in [
            Outbox::Table.into_iden(),
            Registrations::Table.into_iden(),
            WorkshopSessions::Table.into_iden(),
            WorkshopFormats::Table.into_iden(),
        ] {
            manager
                .drop_table(Table::drop().table(table).to_owned())
                .await?;
        }
        Ok(())
    }
}
