//! Journal events of logging in and out, and of the throttles.

use sea_orm::{ConnectionTrait, DbErr};

use super::{Actor, JournalEvent, append};
use crate::accounts::User;
use crate::web::client::ClientAddress;

/// A person logged in from `client`.
pub async fn login_succeeded(
    db: &impl ConnectionTrait,
    user: &User,
    client: ClientAddress,
) -> Result<(), DbErr> {
    let org = Some(&user.organization_id);
    append(
        db,
        JournalEvent::LoginSucceeded,
        Actor::User(user),
        org,
        user.email.as_str(),
        format!("depuis {client}"),
    )
    .await
}

/// A login failed for the address `email` (which may have no account).
pub async fn login_failed(
    db: &impl ConnectionTrait,
    email: &str,
    account: Option<&User>,
    client: ClientAddress,
) -> Result<(), DbErr> {
    let org = account.map(|u| &u.organization_id);
    let detail = if account.is_some() {
        format!("depuis {client}")
    } else {
        format!("depuis {client} ; aucun compte à cette adresse")
    };
    append(
        db,
        JournalEvent::LoginFailed,
        Actor::Visitor,
        org,
        email,
        detail,
    )
    .await
}

/// Too many failures on `email`: browsers that never logged into it now
/// wait `minutes` between attempts.
pub async fn account_slowed(
    db: &impl ConnectionTrait,
    email: &str,
    account: Option<&User>,
    minutes: u64,
) -> Result<(), DbErr> {
    let org = account.map(|u| &u.organization_id);
    let detail = format!(
        "les navigateurs inconnus attendent {minutes} min entre deux essais ; les navigateurs déjà connectés à ce compte ne sont pas concernés"
    );
    append(
        db,
        JournalEvent::AccountLocked,
        Actor::System,
        org,
        email,
        detail,
    )
    .await
}

/// A login was refused without checking the password: the account's
/// attempts are slowed down and `client` came too soon.
pub async fn login_refused_locked(
    db: &impl ConnectionTrait,
    email: &str,
    account: Option<&User>,
    client: ClientAddress,
) -> Result<(), DbErr> {
    let org = account.map(|u| &u.organization_id);
    append(
        db,
        JournalEvent::LoginRefusedLocked,
        Actor::Visitor,
        org,
        email,
        format!("depuis {client}"),
    )
    .await
}

/// Too many failures from `client`: its logins are refused for `minutes`.
/// Visible to administrators (it concerns no organisation).
pub async fn address_blocked(
    db: &impl ConnectionTrait,
    client: ClientAddress,
    minutes: u64,
) -> Result<(), DbErr> {
    append(
        db,
        JournalEvent::AddressBlocked,
        Actor::System,
        None,
        &client.to_string(),
        format!("connexions refusées pendant {minutes} min"),
    )
    .await
}

/// A person logged out.
pub async fn logged_out(db: &impl ConnectionTrait, user: &User) -> Result<(), DbErr> {
    let org = Some(&user.organization_id);
    append(
        db,
        JournalEvent::LoggedOut,
        Actor::User(user),
        org,
        user.email.as_str(),
        String::new(),
    )
    .await
}
