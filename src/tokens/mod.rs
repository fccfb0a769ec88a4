//! Personal API tokens: a script acts with exactly its owner's rights.
//! A token is shown once, at creation; Maille keeps its SHA-256 only. Its
//! creation, its use from a new address and its revocation are journaled.

pub mod routes;
pub mod store;

use chrono::{DateTime, Duration, Utc};
use sea_orm::{ConnectionTrait, DbErr};
use sha2::{Digest, Sha256};

use crate::accounts::User;
use crate::db;
use crate::journal::{self, Actor, TokenChange};
use crate::validation::FieldError;
use store::Token;

/// What every token starts with: recognisable in a leaked file or a log.
pub const PREFIX: &str = "maille_";
/// The longest label.
pub const MAX_LABEL: usize = 100;
/// The longest life a token may be given, in days.
pub const MAX_DAYS: u32 = 3_650;
/// A use is written back at most this often (unless from a new address):
/// a script posting a thousand activities a second must not write as much.
const TOUCH_EVERY_SECONDS: i64 = 60;

/// The stored form of a secret.
pub fn hash(secret: &str) -> String {
    Sha256::digest(secret.as_bytes())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// A token's label, checked.
pub fn label(raw: &str) -> Result<String, FieldError> {
    let label = raw.trim();
    if label.chars().count() > MAX_LABEL {
        return Err(FieldError::new("label", "token-label")
            .with_value(label)
            .with_arg("max", MAX_LABEL));
    }
    Ok(if label.is_empty() {
        "Jeton personnel".to_owned()
    } else {
        label.to_owned()
    })
}

/// Creates a token for `owner`, valid `days` days (or until revoked), and
/// returns it with its secret — the only time the secret is seen.
pub async fn create(
    db: &impl ConnectionTrait,
    actor: Actor<'_>,
    owner: &User,
    label: String,
    days: Option<u32>,
) -> Result<(Token, String), DbErr> {
    let now = db::now();
    let secret = format!(
        "{PREFIX}{}{}",
        crate::web::random::token(),
        crate::web::random::token()
    );
    let token = Token {
        id: db::new_id(),
        user_id: owner.id.as_str().to_owned(),
        label,
        created_at: now,
        expires_at: days.map(|d| now + Duration::days(i64::from(d))),
        last_used_at: None,
        last_used_from: None,
        revoked_at: None,
    };
    store::insert(db, &token, &hash(&secret)).await?;
    let detail = match token.expires_at {
        Some(at) => format!("« {} », expire le {}", token.label, at.format("%d/%m/%Y")),
        None => format!("« {} », sans expiration", token.label),
    };
    journal::token_changed(db, actor, owner, &token.id, TokenChange::Created, detail).await?;
    Ok((token, secret))
}

/// The active account a bearer `secret` opens, from `address` at `now`;
/// `None` for an unknown, expired or revoked token, or a deactivated account.
pub async fn authenticate(
    db: &impl ConnectionTrait,
    secret: &str,
    address: &str,
    now: DateTime<Utc>,
) -> Result<Option<User>, DbErr> {
    if !secret.starts_with(PREFIX) || secret.len() > 200 {
        return Ok(None);
    }
    let Some((token, user)) = store::with_owner(db, &hash(secret)).await? else {
        return Ok(None);
    };
    if !token.is_valid(now) || !user.active {
        return Ok(None);
    }
    let new_address = token.last_used_from.as_deref() != Some(address);
    let stale = token
        .last_used_at
        .is_none_or(|at| (now - at).num_seconds() >= TOUCH_EVERY_SECONDS);
    if new_address || stale {
        store::used(db, &token.id, now, address).await?;
    }
    if new_address {
        journal::token_changed(
            db,
            Actor::User(&user),
            &user,
            &token.id,
            TokenChange::UsedFromNewAddress,
            format!("« {} » depuis {address}", token.label),
        )
        .await?;
    }
    Ok(Some(user))
}

/// Revokes the token `id` of `owner`; false when there was none to revoke.
pub async fn revoke(
    db: &impl ConnectionTrait,
    actor: Actor<'_>,
    owner: &User,
    id: &str,
) -> Result<bool, DbErr> {
    let revoked = store::revoke(db, &owner.id, id, db::now()).await?;
    if revoked {
        journal::token_changed(db, actor, owner, id, TokenChange::Revoked, String::new()).await?;
    }
    Ok(revoked)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_token_is_stored_as_its_sha256_and_a_label_is_bounded() {
        assert_eq!(hash("abc").len(), 64);
        assert_ne!(hash("abc"), hash("abd"));
        assert_eq!(label("  ").unwrap(), "Jeton personnel");
        assert!(label(&"x".repeat(101)).is_err());
    }
}
