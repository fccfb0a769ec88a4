//! Helpers of the mediation tests: tokens, and records made through the
//! use cases as a mediator would.

use maille::accounts::User;
use maille::journal::Actor;
use maille::mediation::fields::Fields;
use sea_orm::DatabaseConnection;

/// A personal token of `user`.
pub async fn token_of(db: &DatabaseConnection, user: &User) -> String {
    maille::tokens::create(db, Actor::CommandLine, user, "test".into(), None)
        .await
        .unwrap()
        .1
}

/// The `Authorization` header of `token`.
pub fn bearer(token: &str) -> String {
    format!("Bearer {token}")
}

/// Fields from a JSON object.
pub fn fields(value: serde_json::Value) -> Fields {
    Fields::from_json(&value).unwrap()
}
