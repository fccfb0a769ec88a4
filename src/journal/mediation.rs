//! Journal events of mediation: activities, the records of people followed
//! (every read and change: who, when, which record, what — ids and field
//! names only, never a personal value), retention runs and API tokens.

use sea_orm::{ConnectionTrait, DbErr};

use super::{Actor, JournalEvent, append, in_own_structure};
use crate::accounts::User;
use crate::organizations::OrganizationId;

/// What happened to an activity.
#[derive(Clone, Copy, Debug)]
pub enum ActivityChange {
    Created,
    Updated,
    Deleted,
}

/// An activity was recorded, edited or deleted by `actor`.
pub async fn activity_changed(
    db: &impl ConnectionTrait,
    actor: &User,
    activity_id: &str,
    change: ActivityChange,
) -> Result<(), DbErr> {
    let event = match change {
        ActivityChange::Created => JournalEvent::ActivityCreated,
        ActivityChange::Updated => JournalEvent::ActivityUpdated,
        ActivityChange::Deleted => JournalEvent::ActivityDeleted,
    };
    in_own_structure(db, event, actor, activity_id, String::new()).await
}

/// What was done with a beneficiary's record.
#[derive(Clone, Copy, Debug)]
pub enum BeneficiaryAccess {
    Created,
    Read,
    Updated,
    Exported,
    Erased,
    /// Another record was merged into this one.
    Merged,
}

/// `actor` did `access` on the record `beneficiary_id` of `organization`;
/// `what` names fields or related ids, never values.
pub async fn beneficiary_accessed(
    db: &impl ConnectionTrait,
    actor: Actor<'_>,
    organization: &OrganizationId,
    beneficiary_id: &str,
    access: BeneficiaryAccess,
    what: &str,
) -> Result<(), DbErr> {
    let event = match access {
        BeneficiaryAccess::Created => JournalEvent::BeneficiaryCreated,
        BeneficiaryAccess::Read => JournalEvent::BeneficiaryRead,
        BeneficiaryAccess::Updated => JournalEvent::BeneficiaryUpdated,
        BeneficiaryAccess::Exported => JournalEvent::BeneficiaryExported,
        BeneficiaryAccess::Erased => JournalEvent::BeneficiaryErased,
        BeneficiaryAccess::Merged => JournalEvent::BeneficiariesMerged,
    };
    append(
        db,
        event,
        actor,
        Some(organization),
        beneficiary_id,
        what.to_owned(),
    )
    .await
}

/// The retention job anonymised `count` records older than its period.
pub async fn retention_run(
    db: &impl ConnectionTrait,
    actor: Actor<'_>,
    detail: String,
) -> Result<(), DbErr> {
    append(db, JournalEvent::RetentionRun, actor, None, "", detail).await
}

/// What happened to an API token.
#[derive(Clone, Copy, Debug)]
pub enum TokenChange {
    Created,
    /// Used from an address it had not been used from just before.
    UsedFromNewAddress,
    Revoked,
}

/// The token `token_id` of `owner` was created, used or revoked.
pub async fn token_changed(
    db: &impl ConnectionTrait,
    actor: Actor<'_>,
    owner: &User,
    token_id: &str,
    change: TokenChange,
    detail: String,
) -> Result<(), DbErr> {
    let event = match change {
        TokenChange::Created => JournalEvent::TokenCreated,
        TokenChange::UsedFromNewAddress => JournalEvent::TokenUsedFromNewAddress,
        TokenChange::Revoked => JournalEvent::TokenRevoked,
    };
    append(
        db,
        event,
        actor,
        Some(&owner.organization_id),
        token_id,
        detail,
    )
    .await
}
