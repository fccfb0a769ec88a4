//! Journal events of accounts, passwords and organisations.

use sea_orm::{ConnectionTrait, DbErr};

use super::{Actor, JournalEvent, append};
use crate::accounts::{Role, User};
use crate::organizations::Organization;

/// An account was created.
pub async fn account_created(
    db: &impl ConnectionTrait,
    actor: Actor<'_>,
    created: &User,
) -> Result<(), DbErr> {
    let detail = format!("rôle : {}", created.role.label());
    append(
        db,
        JournalEvent::AccountCreated,
        actor,
        Some(&created.organization_id),
        created.email.as_str(),
        detail,
    )
    .await
}

/// An account's name or address changed.
pub async fn account_updated(
    db: &impl ConnectionTrait,
    actor: &User,
    target: &User,
    changes: &str,
) -> Result<(), DbErr> {
    append(
        db,
        JournalEvent::AccountUpdated,
        Actor::User(actor),
        Some(&target.organization_id),
        target.email.as_str(),
        changes.to_owned(),
    )
    .await
}

/// An account's role changed.
pub async fn role_changed(
    db: &impl ConnectionTrait,
    actor: &User,
    target: &User,
    from: Role,
    to: Role,
) -> Result<(), DbErr> {
    let detail = format!("{} → {}", from.label(), to.label());
    append(
        db,
        JournalEvent::RoleChanged,
        Actor::User(actor),
        Some(&target.organization_id),
        target.email.as_str(),
        detail,
    )
    .await
}

/// An account was deactivated or reactivated.
pub async fn account_activation_changed(
    db: &impl ConnectionTrait,
    actor: &User,
    target: &User,
    active: bool,
) -> Result<(), DbErr> {
    let event = if active {
        JournalEvent::AccountReactivated
    } else {
        JournalEvent::AccountDeactivated
    };
    append(
        db,
        event,
        Actor::User(actor),
        Some(&target.organization_id),
        target.email.as_str(),
        String::new(),
    )
    .await
}

/// A person changed their own password.
pub async fn password_changed(db: &impl ConnectionTrait, user: &User) -> Result<(), DbErr> {
    append(
        db,
        JournalEvent::PasswordChanged,
        Actor::User(user),
        Some(&user.organization_id),
        user.email.as_str(),
        String::new(),
    )
    .await
}

/// A manager or admin gave an account a new generated password.
pub async fn password_reset(
    db: &impl ConnectionTrait,
    actor: Actor<'_>,
    target: &User,
) -> Result<(), DbErr> {
    append(
        db,
        JournalEvent::PasswordReset,
        actor,
        Some(&target.organization_id),
        target.email.as_str(),
        String::new(),
    )
    .await
}

/// An organisation was created.
pub async fn organization_created(
    db: &impl ConnectionTrait,
    actor: Actor<'_>,
    created: &Organization,
) -> Result<(), DbErr> {
    let detail = format!("{} : {}", created.kind.label(), created.name);
    append(
        db,
        JournalEvent::OrganizationCreated,
        actor,
        Some(&created.id),
        &created.slug,
        detail,
    )
    .await
}
