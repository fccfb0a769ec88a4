//! Logging in, as a use case the login page calls: the two throttles, the
//! timing-safe password check, known browsers, the journal entries and what
//! the account's owner is told of failed attempts. No HTTP here.

use std::time::{Duration, Instant};

use chrono::{DateTime, Utc};
use sea_orm::{ConnectionTrait, DbErr};

use super::throttle::{self, AddressFailures, AddressVerdict};
use super::{Email, User, devices, password, store};
use crate::journal::{self, JournalEvent};
use crate::web::client::ClientAddress;
use crate::web::random;

/// What someone typed, and where from.
pub struct Attempt {
    pub email: Email,
    pub password: String,
    pub client: ClientAddress,
    /// The known-browser cookie's token, if the browser sent one.
    pub browser: Option<String>,
}

/// Failed attempts on an account since its owner last logged in.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FailedAttempts {
    pub count: u64,
    pub last: DateTime<Utc>,
}

/// How an attempt ended.
#[derive(Debug)]
pub enum Outcome {
    /// The password is right and the account active.
    LoggedIn {
        user: User,
        password_hash: String,
        /// The known-browser token to (re)set in the browser's cookie.
        browser: String,
        /// Failures on the account since the last login, to tell its owner.
        failed_before: Option<FailedAttempts>,
    },
    /// Wrong address or password, or a deactivated account: one answer for
    /// all, so nobody learns which addresses have an account.
    Refused,
    /// This client address failed too often: refused for this long.
    AddressBlocked(Duration),
    /// The account's attempts are slowed down and this browser is not one
    /// that logged into it: try again after this long.
    AccountResting(Duration),
}

/// Tries `attempt`. `failures` holds the client addresses' recent failures.
pub async fn attempt<C: ConnectionTrait>(
    db: &C,
    failures: &AddressFailures,
    attempt: Attempt,
) -> Result<Outcome, DbErr> {
    let Attempt {
        email,
        password,
        client,
        browser,
    } = attempt;
    let account = store::find_with_hash_by_email(db, &email).await?;
    let user = account.as_ref().map(|(user, _)| user);
    let known_browser = match (&browser, user) {
        (Some(token), Some(user)) => devices::knows(db, token, &user.id).await?,
        _ => false,
    };
    if !known_browser {
        match failures.verdict(client.key(), Instant::now()) {
            AddressVerdict::Refused(wait) => {
                tracing::warn!(%client, "connexion refusée : adresse bloquée");
                return Ok(Outcome::AddressBlocked(wait));
            }
            AddressVerdict::Slow(delay) => tokio::time::sleep(delay).await,
            AddressVerdict::Go => {}
        }
        if let Some(wait) = account_wait(db, &email).await? {
            tracing::warn!(email = email.as_str(), %client, "connexion refusée : essais ralentis");
            journal::login_refused_locked(db, email.as_str(), user, client).await?;
            return Ok(Outcome::AccountResting(wait));
        }
    }
    let stored_hash = account.as_ref().map(|(_, hash)| hash.as_str());
    let verified = password::verify(&password, stored_hash)
        .await
        .map_err(|e| DbErr::Custom(e.to_string()))?;
    match account {
        Some((user, password_hash)) if verified && user.active => {
            let failed_before = failed_since_last_login(db, &email).await?;
            journal::login_succeeded(db, &user, client).await?;
            let browser = browser.unwrap_or_else(random::token);
            devices::remember(db, &browser, &user.id).await?;
            tracing::info!(user = %user.id, "connexion réussie");
            Ok(Outcome::LoggedIn {
                user,
                password_hash,
                browser,
                failed_before,
            })
        }
        account => {
            let user = account.as_ref().map(|(user, _)| user);
            tracing::info!(email = email.as_str(), %client, "échec de connexion");
            journal::login_failed(db, email.as_str(), user, client).await?;
            if let (true, Some(token)) = (known_browser, &browser) {
                devices::forget(db, token).await?;
            }
            if let AddressVerdict::Refused(wait) = failures.record(client.key(), Instant::now()) {
                journal::address_blocked(db, client, throttle::minutes(wait)).await?;
            }
            // Journaled once, when this failure starts slowing the account down.
            let recent = recent_failures(db, &email).await?;
            if recent.len() == throttle::ACCOUNT_SLOW_FROM
                && let Some(wait) = throttle::account_wait(&recent, crate::db::now())
            {
                journal::account_slowed(db, email.as_str(), user, throttle::minutes(wait)).await?;
            }
            Ok(Outcome::Refused)
        }
    }
}

/// The recent failures on `email`, newest first.
async fn recent_failures(
    db: &impl ConnectionTrait,
    email: &Email,
) -> Result<Vec<DateTime<Utc>>, DbErr> {
    let since = crate::db::now() - throttle::ACCOUNT_WINDOW;
    journal::store::recent(db, email.as_str(), JournalEvent::LoginFailed, since, 64).await
}

/// How long unknown browsers must still wait before trying `email`.
async fn account_wait(db: &impl ConnectionTrait, email: &Email) -> Result<Option<Duration>, DbErr> {
    let failures = recent_failures(db, email).await?;
    Ok(throttle::account_wait(&failures, crate::db::now()))
}

/// The failures on `email` since its last successful login.
async fn failed_since_last_login(
    db: &impl ConnectionTrait,
    email: &Email,
) -> Result<Option<FailedAttempts>, DbErr> {
    let last_login = journal::store::recent(
        db,
        email.as_str(),
        JournalEvent::LoginSucceeded,
        DateTime::<Utc>::UNIX_EPOCH,
        1,
    )
    .await?
    .into_iter()
    .next()
    .unwrap_or(DateTime::<Utc>::UNIX_EPOCH);
    let (count, last) =
        journal::store::count_since(db, email.as_str(), JournalEvent::LoginFailed, last_login)
            .await?;
    Ok(last.map(|last| FailedAttempts { count, last }))
}
