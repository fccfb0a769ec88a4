//! Known browsers: a browser that logged into an account gets a long-lived
//! cookie (scoped to `/connexion`); while strangers guess that account's
//! password, attempts carrying it are not slowed down, so the owner is
//! never locked out by someone else (`accounts::throttle`).
//!
//! The cookie only spares a wait: it never stands in for the password. Its
//! token is stored hashed, so a copy of the database gives no usable cookie.
//! A wrong password from a known browser makes it unknown again.

use axum::http::{HeaderMap, HeaderValue};
use sea_orm::{
    ActiveValue::Set, ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter, QueryOrder,
    QuerySelect,
};
use sha2::{Digest, Sha256};

use super::UserId;
use crate::db;

/// The cookie's name.
pub const COOKIE: &str = "maille_navigateur";
/// How long a browser stays known without logging in again.
const KEPT_DAYS: i64 = 365;
/// Browsers remembered per account: the newest are kept.
const KEPT_PER_ACCOUNT: usize = 10;

pub(crate) mod entity {
    use sea_orm::entity::prelude::*;

    #[sea_orm::model]
    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "known_browsers")]
    pub struct Model {
        #[sea_orm(primary_key, auto_increment = false)]
        pub token_hash: String,
        pub user_id: String,
        pub created_at: DateTimeUtc,
        pub updated_at: DateTimeUtc,
    }

    impl ActiveModelBehavior for ActiveModel {}
}

use entity::{Column, Entity};

fn hashed(token: &str) -> String {
    Sha256::digest(token.as_bytes())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// The known-browser token the request carries, if well formed.
pub fn token_in(headers: &HeaderMap) -> Option<String> {
    crate::web::cookies::token(headers, COOKIE)
}

/// The `Set-Cookie` value that makes a browser known with `token`.
pub fn cookie(token: &str, secure: bool) -> Option<HeaderValue> {
    let secure = if secure { "; Secure" } else { "" };
    let max_age = KEPT_DAYS * 24 * 3600;
    HeaderValue::from_str(&format!(
        "{COOKIE}={token}; Path=/connexion; HttpOnly; SameSite=Strict; Max-Age={max_age}{secure}"
    ))
    .ok()
}

/// Whether `token` belongs to a browser that logged into `user`.
pub async fn knows(db: &impl ConnectionTrait, token: &str, user: &UserId) -> Result<bool, DbErr> {
    let since = db::now() - chrono::TimeDelta::days(KEPT_DAYS);
    Ok(Entity::find_by_id(hashed(token))
        .filter(Column::UserId.eq(user.as_str()))
        .filter(Column::UpdatedAt.gt(since))
        .one(db)
        .await?
        .is_some())
}

/// Remembers the browser holding `token` (new or known) for `user`, and
/// forgets that account's oldest browsers beyond the few kept.
pub async fn remember(db: &impl ConnectionTrait, token: &str, user: &UserId) -> Result<(), DbErr> {
    let now = db::now();
    let row = entity::ActiveModel {
        token_hash: Set(hashed(token)),
        user_id: Set(user.as_str().to_owned()),
        created_at: Set(now),
        updated_at: Set(now),
    };
    Entity::insert(row)
        .on_conflict(
            sea_orm::sea_query::OnConflict::column(Column::TokenHash)
                .update_columns([Column::UserId, Column::UpdatedAt])
                .to_owned(),
        )
        .exec_without_returning(db)
        .await?;
    // A handful of rows: read them all (SQLite wants no OFFSET without LIMIT).
    let newest_first: Vec<String> = Entity::find()
        .select_only()
        .column(Column::TokenHash)
        .filter(Column::UserId.eq(user.as_str()))
        .order_by_desc(Column::UpdatedAt)
        .into_tuple()
        .all(db)
        .await?;
    let beyond: Vec<String> = newest_first.into_iter().skip(KEPT_PER_ACCOUNT).collect();
    if !beyond.is_empty() {
        Entity::delete_many()
            .filter(Column::TokenHash.is_in(beyond))
            .exec(db)
            .await?;
    }
    Ok(())
}

/// Forgets the browser holding `token`.
pub async fn forget(db: &impl ConnectionTrait, token: &str) -> Result<(), DbErr> {
    Entity::delete_by_id(hashed(token)).exec(db).await?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::http::header;

    #[test]
    fn the_token_is_read_from_its_cookie_only_when_well_formed() {
        let mut headers = HeaderMap::new();
        let token = "0123456789abcdef0123456789abcdef";
        headers.insert(
            header::COOKIE,
            HeaderValue::from_str(&format!("a=b; {COOKIE}={token}")).unwrap(),
        );
        assert_eq!(token_in(&headers).as_deref(), Some(token));
        headers.insert(
            header::COOKIE,
            HeaderValue::from_str(&format!("{COOKIE}=<script>")).unwrap(),
        );
        assert_eq!(token_in(&headers), None);
    }

    #[test]
    fn the_stored_form_is_a_hash_not_the_token() {
        let token = "0123456789abcdef0123456789abcdef";
        assert_eq!(hashed(token).len(), 64);
        assert_ne!(hashed(token), token);
        let cookie = cookie(token, true).unwrap();
        let cookie = cookie.to_str().unwrap();
        assert!(
            cookie.contains("Path=/connexion")
                && cookie.contains("HttpOnly")
                && cookie.contains("Secure")
        );
    }
}
