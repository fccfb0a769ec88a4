//! All SQL about personal API tokens. Only a token's SHA-256 is stored: a
//! copy of the database gives no one a usable token.

use chrono::{DateTime, Utc};
use sea_orm::{
    ActiveValue::Set, ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter, QueryOrder,
    sea_query::Expr,
};

use crate::accounts::UserId;

pub(crate) mod entity {
    use sea_orm::entity::prelude::*;

    #[sea_orm::model]
    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "api_tokens")]
    pub struct Model {
        #[sea_orm(primary_key, auto_increment = false)]
        pub id: String,
        pub user_id: String,
        pub label: String,
        pub token_hash: String,
        pub expires_at: Option<DateTimeUtc>,
        pub last_used_at: Option<DateTimeUtc>,
        pub last_used_from: Option<String>,
        pub revoked_at: Option<DateTimeUtc>,
        pub created_at: DateTimeUtc,
        pub updated_at: DateTimeUtc,
    }

    impl ActiveModelBehavior for ActiveModel {}
}

use entity::{Column, Entity};

/// A token as its owner sees it (never its secret).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Token {
    pub id: String,
    pub user_id: String,
    pub label: String,
    pub created_at: DateTime<Utc>,
    pub expires_at: Option<DateTime<Utc>>,
    pub last_used_at: Option<DateTime<Utc>>,
    pub last_used_from: Option<String>,
    pub revoked_at: Option<DateTime<Utc>>,
}

impl Token {
    /// Whether the token opens the API at `now`.
    pub fn is_valid(&self, now: DateTime<Utc>) -> bool {
        self.revoked_at.is_none() && self.expires_at.is_none_or(|at| at > now)
    }
}

fn from_row(row: entity::Model) -> Token {
    Token {
        id: row.id,
        user_id: row.user_id,
        label: row.label,
        created_at: row.created_at,
        expires_at: row.expires_at,
        last_used_at: row.last_used_at,
        last_used_from: row.last_used_from,
        revoked_at: row.revoked_at,
    }
}

/// Stores a new token by the hash of its secret.
pub async fn insert(
    db: &impl ConnectionTrait,
    token: &Token,
    token_hash: &str,
) -> Result<(), DbErr> {
    Entity::insert(entity::ActiveModel {
        id: Set(token.id.clone()),
        user_id: Set(token.user_id.clone()),
        label: Set(token.label.clone()),
        token_hash: Set(token_hash.to_owned()),
        expires_at: Set(token.expires_at),
        last_used_at: Set(None),
        last_used_from: Set(None),
        revoked_at: Set(None),
        created_at: Set(token.created_at),
        updated_at: Set(token.created_at),
    })
    .exec_without_returning(db)
    .await?;
    Ok(())
}

#[derive(sea_orm::FromQueryResult)]
struct TokenAndOwner {
    id: String,
    user_id: String,
    label: String,
    expires_at: Option<DateTime<Utc>>,
    last_used_at: Option<DateTime<Utc>>,
    last_used_from: Option<String>,
    revoked_at: Option<DateTime<Utc>>,
    created_at: DateTime<Utc>,
    organization_id: String,
    email: String,
    display_name: String,
    role: String,
    active: bool,
}

/// The token whose secret hashes to `token_hash`, and its owner, in one
/// query: this runs on every API request that carries a token.
pub async fn with_owner(
    db: &impl ConnectionTrait,
    token_hash: &str,
) -> Result<Option<(Token, crate::accounts::User)>, DbErr> {
    use sea_orm::FromQueryResult;
    let statement = sea_orm::Statement::from_sql_and_values(
        db.get_database_backend(),
        "SELECT t.id, t.user_id, t.label, t.expires_at, t.last_used_at, t.last_used_from, \
         t.revoked_at, t.created_at, u.organization_id, u.email, u.display_name, u.role, u.active \
         FROM api_tokens t JOIN users u ON u.id = t.user_id WHERE t.token_hash = $1",
        [token_hash.into()],
    );
    let Some(row) = TokenAndOwner::find_by_statement(statement).one(db).await? else {
        return Ok(None);
    };
    let user = crate::accounts::store::user_from_columns(
        row.user_id.clone(),
        row.organization_id,
        row.email,
        row.display_name,
        &row.role,
        row.active,
    )?;
    let token = Token {
        id: row.id,
        user_id: row.user_id,
        label: row.label,
        created_at: row.created_at,
        expires_at: row.expires_at,
        last_used_at: row.last_used_at,
        last_used_from: row.last_used_from,
        revoked_at: row.revoked_at,
    };
    Ok(Some((token, user)))
}

/// A user's tokens, newest first.
pub async fn of_user(db: &impl ConnectionTrait, user_id: &UserId) -> Result<Vec<Token>, DbErr> {
    Ok(Entity::find()
        .filter(Column::UserId.eq(user_id.as_str()))
        .order_by_desc(Column::CreatedAt)
        .all(db)
        .await?
        .into_iter()
        .map(from_row)
        .collect())
}

/// Revokes the token `id` of `user_id`; false when there is none to revoke.
pub async fn revoke(
    db: &impl ConnectionTrait,
    user_id: &UserId,
    id: &str,
    at: DateTime<Utc>,
) -> Result<bool, DbErr> {
    let result = Entity::update_many()
        .col_expr(Column::RevokedAt, Expr::value(at))
        .col_expr(Column::UpdatedAt, Expr::value(at))
        .filter(Column::Id.eq(id))
        .filter(Column::UserId.eq(user_id.as_str()))
        .filter(Column::RevokedAt.is_null())
        .exec(db)
        .await?;
    Ok(result.rows_affected > 0)
}

/// Notes a use of the token at `at` from `from`.
pub async fn used(
    db: &impl ConnectionTrait,
    id: &str,
    at: DateTime<Utc>,
    from: &str,
) -> Result<(), DbErr> {
    Entity::update_many()
        .col_expr(Column::LastUsedAt, Expr::value(at))
        .col_expr(Column::LastUsedFrom, Expr::value(from))
        .filter(Column::Id.eq(id))
        .exec(db)
        .await?;
    Ok(())
}
