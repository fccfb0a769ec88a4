//! All SQL about the journal: append and read. There is deliberately no
//! update and no delete here.

use chrono::{DateTime, Utc};
use sea_orm::{
    ActiveValue::Set, ColumnTrait, ConnectionTrait, DbErr, EntityTrait, PaginatorTrait,
    QueryFilter, QueryOrder, QuerySelect,
};

use super::model::{JournalEntry, JournalEvent};
use crate::db;
use crate::organizations::OrganizationId;

pub(crate) mod entity {
    use sea_orm::entity::prelude::*;

    #[sea_orm::model]
    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "journal")]
    pub struct Model {
        #[sea_orm(primary_key, auto_increment = false)]
        pub id: String,
        pub occurred_at: DateTimeUtc,
        pub event: String,
        pub actor_id: Option<String>,
        pub actor_label: String,
        pub organization_id: Option<String>,
        pub subject: String,
        pub detail: String,
        pub created_at: DateTimeUtc,
        pub updated_at: DateTimeUtc,
    }

    impl ActiveModelBehavior for ActiveModel {}
}

use entity::{Column, Entity};

/// An entry about to be appended.
pub(super) struct NewEntry {
    pub event: JournalEvent,
    pub actor_id: Option<String>,
    pub actor_label: String,
    pub organization_id: Option<String>,
    pub subject: String,
    pub detail: String,
}

/// Appends one entry, stamped now.
pub(super) async fn append(db: &impl ConnectionTrait, entry: NewEntry) -> Result<(), DbErr> {
    let now = db::now();
    let row = entity::ActiveModel {
        id: Set(db::new_id()),
        occurred_at: Set(now),
        event: Set(entry.event.as_str().to_owned()),
        actor_id: Set(entry.actor_id),
        actor_label: Set(entry.actor_label),
        organization_id: Set(entry.organization_id),
        subject: Set(entry.subject),
        detail: Set(entry.detail),
        created_at: Set(now),
        updated_at: Set(now),
    };
    Entity::insert(row).exec_without_returning(db).await?;
    Ok(())
}

/// Which part of the journal a reader may see.
#[derive(Clone, Debug)]
pub enum Scope {
    /// Everything (administrators).
    All,
    /// Entries about one organisation (its manager).
    Organization(OrganizationId),
}

/// One page of entries, newest first, and the total count.
pub async fn list(
    db: &impl ConnectionTrait,
    scope: &Scope,
    page: u64,
    per_page: u64,
) -> Result<(Vec<JournalEntry>, u64), DbErr> {
    let mut query = Entity::find()
        .order_by_desc(Column::OccurredAt)
        .order_by_desc(Column::Id);
    if let Scope::Organization(organization) = scope {
        query = query.filter(Column::OrganizationId.eq(organization.as_str()));
    }
    let total = query.clone().count(db).await?;
    let rows = query
        .offset(page * per_page)
        .limit(per_page)
        .all(db)
        .await?;
    let entries = rows
        .into_iter()
        .map(|row| JournalEntry {
            occurred_at: row.occurred_at,
            event_code: row.event,
            actor_label: row.actor_label,
            subject: row.subject,
            detail: row.detail,
        })
        .collect();
    Ok((entries, total))
}

/// How many times `event` happened to `subject` since `since`, and when last.
pub async fn count_since(
    db: &impl ConnectionTrait,
    subject: &str,
    event: JournalEvent,
    since: DateTime<Utc>,
) -> Result<(u64, Option<DateTime<Utc>>), DbErr> {
    let query = Entity::find()
        .filter(Column::Subject.eq(subject))
        .filter(Column::Event.eq(event.as_str()))
        .filter(Column::OccurredAt.gt(since));
    let count = query.clone().count(db).await?;
    let last = query
        .select_only()
        .column(Column::OccurredAt)
        .order_by_desc(Column::OccurredAt)
        .into_tuple()
        .one(db)
        .await?;
    Ok((count, last))
}

/// When `event` happened to `subject` since `since`, newest first, at most `limit`.
pub async fn recent(
    db: &impl ConnectionTrait,
    subject: &str,
    event: JournalEvent,
    since: DateTime<Utc>,
    limit: u64,
) -> Result<Vec<DateTime<Utc>>, DbErr> {
    Entity::find()
        .select_only()
        .column(Column::OccurredAt)
        .filter(Column::Subject.eq(subject))
        .filter(Column::Event.eq(event.as_str()))
        .filter(Column::OccurredAt.gt(since))
        .order_by_desc(Column::OccurredAt)
        .limit(limit)
        .into_tuple()
        .all(db)
        .await
}
