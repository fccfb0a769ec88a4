//! All SQL of the outbox: write, claim what is due, record each attempt,
//! purge contact details, and the manager's list.

use chrono::{DateTime, Utc};
use sea_orm::{
    ActiveValue::Set, ColumnTrait, ConnectionTrait, DbErr, EntityTrait, ExprTrait, PaginatorTrait,
    QueryFilter, QueryOrder, QuerySelect, sea_query::Expr,
};

use super::Message;
use crate::organizations::OrganizationId;

pub(crate) mod entity {
    use sea_orm::entity::prelude::*;

    #[sea_orm::model]
    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "outbox")]
    pub struct Model {
        #[sea_orm(primary_key, auto_increment = false)]
        pub id: String,
        pub organization_id: String,
        /// The registration or the booking it is about.
        pub registration_id: Option<String>,
        pub kind: String,
        pub channel: String,
        pub recipient: Option<String>,
        pub subject: String,
        pub body: String,
        pub status: String,
        pub attempts: i32,
        pub next_attempt_at: DateTimeUtc,
        /// The round that last claimed it (a random token).
        pub claim: Option<String>,
        pub last_error: Option<String>,
        pub sent_at: Option<DateTimeUtc>,
        pub created_at: DateTimeUtc,
        pub updated_at: DateTimeUtc,
    }

    impl ActiveModelBehavior for ActiveModel {}
}

use entity::{Column, Entity};

/// A message as stored.
pub type Stored = entity::Model;

/// A message's state.
pub mod status {
    /// To send, now or at `next_attempt_at`.
    pub const PENDING: &str = "pending";
    pub const SENT: &str = "sent";
    /// Every attempt failed: the manager sees it and may send it again.
    pub const FAILED: &str = "failed";
    /// Given up by the manager: recipient and body purged.
    pub const ABANDONED: &str = "abandoned";
}

/// The longest error kept from a failed attempt.
const MAX_ERROR: usize = 300;

pub async fn insert(db: &impl ConnectionTrait, message: &Message) -> Result<(), DbErr> {
    let now = crate::db::now();
    Entity::insert(entity::ActiveModel {
        id: Set(crate::db::new_id()),
        organization_id: Set(message.organization_id.as_str().to_owned()),
        registration_id: Set(message.registration_id.clone()),
        kind: Set(message.kind.to_owned()),
        channel: Set(message.channel.code().to_owned()),
        recipient: Set(Some(message.recipient.clone())),
        subject: Set(message.subject.clone()),
        body: Set(message.body.clone()),
        status: Set(status::PENDING.to_owned()),
        attempts: Set(0),
        next_attempt_at: Set(now),
        claim: Set(None),
        last_error: Set(None),
        sent_at: Set(None),
        created_at: Set(now),
        updated_at: Set(now),
    })
    .exec_without_returning(db)
    .await?;
    Ok(())
}

/// Messages due at `now`, oldest first, at most `limit`, claimed for
/// `lease` in one statement: their next attempt is pushed back, so another
/// worker (another node, or this one's next round) leaves them alone while
/// they are being sent. The outer conditions are checked again on a row
/// another claim changed meanwhile (PostgreSQL), so a message is claimed
/// once.
pub async fn claim_due(
    db: &impl ConnectionTrait,
    now: DateTime<Utc>,
    limit: u64,
    lease: chrono::Duration,
) -> Result<Vec<Stored>, DbErr> {
    use sea_orm::sea_query::{Order, Query};
    let token = crate::web::random::token();
    let due = Query::select()
        .column(Column::Id)
        .from(Entity)
        .and_where(Expr::col(Column::Status).eq(status::PENDING))
        .and_where(Expr::col(Column::NextAttemptAt).lte(now))
        .order_by(Column::NextAttemptAt, Order::Asc)
        .limit(limit)
        .to_owned();
    Entity::update_many()
        .col_expr(Column::NextAttemptAt, Expr::value(now + lease))
        .col_expr(Column::Claim, Expr::value(Some(token)))
        .filter(Column::Id.in_subquery(due))
        .filter(Column::Status.eq(status::PENDING))
        .filter(Column::NextAttemptAt.lte(now))
        // The claimed rows come back from the update itself: finding them
        // again by their claim read the whole outbox (no index there), in
        // the writers' turn, every round: 15 ms once it held 36,000
        // messages, which the registrations written meanwhile waited for.
        .exec_with_returning(db)
        .await
        .map(|mut claimed| {
            claimed.sort_by(|a, b| a.id.cmp(&b.id));
            claimed
        })
}

/// Delivered, all of `ids` at once: recipients and bodies are purged.
pub async fn mark_all_sent(db: &impl ConnectionTrait, ids: &[String]) -> Result<(), DbErr> {
    if ids.is_empty() {
        return Ok(());
    }
    let now = crate::db::now();
    Entity::update_many()
        .col_expr(Column::Status, Expr::value(status::SENT))
        .col_expr(Column::Recipient, Expr::value(Option::<String>::None))
        .col_expr(Column::Body, Expr::value(""))
        .col_expr(Column::SentAt, Expr::value(Some(now)))
        .col_expr(Column::Attempts, Expr::col(Column::Attempts).add(1))
        .col_expr(Column::LastError, Expr::value(Option::<String>::None))
        .col_expr(Column::UpdatedAt, Expr::value(now))
        .filter(Column::Id.is_in(ids.iter().map(String::as_str)))
        .exec(db)
        .await?;
    Ok(())
}

/// An attempt failed: try again at `next`, or, with `next` none, mark it
/// failed for the manager to see.
pub async fn mark_attempt_failed(
    db: &impl ConnectionTrait,
    id: &str,
    error: &str,
    next: Option<DateTime<Utc>>,
) -> Result<(), DbErr> {
    let now = crate::db::now();
    let error = crate::text::cut(error, MAX_ERROR);
    let mut update = Entity::update_many()
        .col_expr(Column::Attempts, Expr::col(Column::Attempts).add(1))
        .col_expr(Column::LastError, Expr::value(Some(error)))
        .col_expr(Column::UpdatedAt, Expr::value(now));
    update = match next {
        Some(at) => update.col_expr(Column::NextAttemptAt, Expr::value(at)),
        None => update.col_expr(Column::Status, Expr::value(status::FAILED)),
    };
    update.filter(Column::Id.eq(id)).exec(db).await?;
    Ok(())
}

/// Sends a failed message again, from its first attempt: `false` when it
/// is not one of `organization`'s failed messages.
pub async fn resend(
    db: &impl ConnectionTrait,
    organization: &OrganizationId,
    id: &str,
) -> Result<bool, DbErr> {
    let now = crate::db::now();
    let result = Entity::update_many()
        .col_expr(Column::Status, Expr::value(status::PENDING))
        .col_expr(Column::Attempts, Expr::value(0))
        .col_expr(Column::NextAttemptAt, Expr::value(now))
        .col_expr(Column::UpdatedAt, Expr::value(now))
        .filter(Column::Id.eq(id))
        .filter(Column::OrganizationId.eq(organization.as_str()))
        .filter(Column::Status.eq(status::FAILED))
        .exec(db)
        .await?;
    Ok(result.rows_affected == 1)
}

/// Gives a failed message up: its contact details are purged.
pub async fn abandon(
    db: &impl ConnectionTrait,
    organization: &OrganizationId,
    id: &str,
) -> Result<bool, DbErr> {
    let result = Entity::update_many()
        .col_expr(Column::Status, Expr::value(status::ABANDONED))
        .col_expr(Column::Recipient, Expr::value(Option::<String>::None))
        .col_expr(Column::Body, Expr::value(""))
        .col_expr(Column::UpdatedAt, Expr::value(crate::db::now()))
        .filter(Column::Id.eq(id))
        .filter(Column::OrganizationId.eq(organization.as_str()))
        .filter(Column::Status.eq(status::FAILED))
        .exec(db)
        .await?;
    Ok(result.rows_affected == 1)
}

/// A structure's messages in `state`, newest first, at most `limit`.
pub async fn of_organization(
    db: &impl ConnectionTrait,
    organization: &OrganizationId,
    state: &str,
    limit: u64,
) -> Result<Vec<Stored>, DbErr> {
    Entity::find()
        .filter(Column::OrganizationId.eq(organization.as_str()))
        .filter(Column::Status.eq(state))
        .order_by_desc(Column::Id)
        .limit(limit)
        .all(db)
        .await
}

/// How many of a structure's messages are in `state`.
pub async fn count(
    db: &impl ConnectionTrait,
    organization: &OrganizationId,
    state: &str,
) -> Result<u64, DbErr> {
    Entity::find()
        .filter(Column::OrganizationId.eq(organization.as_str()))
        .filter(Column::Status.eq(state))
        .count(db)
        .await
}

/// Every message about a registration (tests and the erasure of a person).
pub async fn of_registration(
    db: &impl ConnectionTrait,
    registration: &str,
) -> Result<Vec<Stored>, DbErr> {
    Entity::find()
        .filter(Column::RegistrationId.eq(registration))
        .order_by_asc(Column::Id)
        .all(db)
        .await
}
