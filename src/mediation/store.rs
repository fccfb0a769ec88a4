//! All SQL about activities: write (with their figures, in the same
//! transaction), read one, list a page, and the tombstones deletions leave.

use chrono::{DateTime, NaiveDate, Utc};
use sea_orm::{
    ActiveValue::Set, ColumnTrait, ConnectionTrait, DbErr, EntityTrait, ExprTrait, PaginatorTrait,
    QueryFilter, QueryOrder, QuerySelect, sea_query::Expr,
};

use super::activity::{Activity, counts_from_text, counts_to_text};
use super::figures;
use super::vocabulary::{
    AUTONOMY, KINDS, LEVELS, MATERIALS, ORIENTATIONS, OUTCOMES, PLACE_KINDS, THEMES,
};
use crate::db;
use crate::organizations::OrganizationId;

pub(crate) mod entity {
    use sea_orm::entity::prelude::*;

    #[sea_orm::model]
    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "activities")]
    pub struct Model {
        #[sea_orm(primary_key, auto_increment = false)]
        pub id: String,
        pub organization_id: String,
        pub mediator_id: String,
        pub kind: String,
        pub date: Date,
        pub duration_min: i32,
        pub place_kind: String,
        pub place_id: Option<String>,
        pub commune: String,
        pub themes: i64,
        pub admin_detail: String,
        pub admin_outcome: Option<String>,
        pub materials: i32,
        pub autonomy: Option<String>,
        pub orientation: Option<String>,
        pub orientation_place_id: Option<String>,
        pub notes: String,
        pub title: String,
        pub level: Option<String>,
        pub participants: i32,
        pub counts: String,
        pub beneficiary_id: Option<String>,
        pub created_at: DateTimeUtc,
        pub updated_at: DateTimeUtc,
    }

    impl ActiveModelBehavior for ActiveModel {}
}

pub(crate) mod tombstone {
    use sea_orm::entity::prelude::*;

    #[sea_orm::model]
    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "tombstones")]
    pub struct Model {
        #[sea_orm(primary_key, auto_increment = false)]
        pub id: String,
        pub kind: String,
        pub organization_id: String,
        pub deleted_at: DateTimeUtc,
    }

    impl ActiveModelBehavior for ActiveModel {}
}

use entity::{Column, Entity};

/// An activity as held by its structure.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ActivityRecord {
    pub id: String,
    pub organization_id: OrganizationId,
    /// The account that recorded it.
    pub mediator_id: String,
    pub activity: Activity,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

/// A stored code back to its list's canonical one (unknown: dropped, so
/// that a row from a newer version still reads).
fn code(list: super::vocabulary::List, stored: Option<&str>) -> Option<&'static str> {
    stored.and_then(|raw| list.find(raw))
}

fn from_row(row: entity::Model) -> ActivityRecord {
    ActivityRecord {
        id: row.id,
        organization_id: OrganizationId::from_db(row.organization_id),
        mediator_id: row.mediator_id,
        activity: Activity {
            kind: code(KINDS, Some(&row.kind)).unwrap_or("Individuel"),
            date: row.date,
            duration_min: u32::try_from(row.duration_min).unwrap_or(0),
            place_kind: code(PLACE_KINDS, Some(&row.place_kind)).unwrap_or("Autre"),
            place_id: row.place_id,
            commune: row.commune,
            themes: THEMES.of_set(row.themes),
            admin_detail: row.admin_detail,
            admin_outcome: code(OUTCOMES, row.admin_outcome.as_deref()),
            materials: MATERIALS.of_set(i64::from(row.materials)),
            autonomy: code(AUTONOMY, row.autonomy.as_deref()),
            orientation: code(ORIENTATIONS, row.orientation.as_deref()),
            orientation_place_id: row.orientation_place_id,
            notes: row.notes,
            title: row.title,
            level: code(LEVELS, row.level.as_deref()),
            participants: u32::try_from(row.participants).unwrap_or(0),
            counts: counts_from_text(&row.counts),
            beneficiary_id: row.beneficiary_id,
        },
        created_at: row.created_at,
        updated_at: row.updated_at,
    }
}

fn to_row(record: &ActivityRecord) -> entity::ActiveModel {
    let a = &record.activity;
    entity::ActiveModel {
        id: Set(record.id.clone()),
        organization_id: Set(record.organization_id.as_str().to_owned()),
        mediator_id: Set(record.mediator_id.clone()),
        kind: Set(a.kind.to_owned()),
        date: Set(a.date),
        duration_min: Set(i32::try_from(a.duration_min).unwrap_or(i32::MAX)),
        place_kind: Set(a.place_kind.to_owned()),
        place_id: Set(a.place_id.clone()),
        commune: Set(a.commune.clone()),
        themes: Set(THEMES.set_of(&a.themes)),
        admin_detail: Set(a.admin_detail.clone()),
        admin_outcome: Set(a.admin_outcome.map(str::to_owned)),
        materials: Set(i32::try_from(MATERIALS.set_of(&a.materials)).unwrap_or(0)),
        autonomy: Set(a.autonomy.map(str::to_owned)),
        orientation: Set(a.orientation.map(str::to_owned)),
        orientation_place_id: Set(a.orientation_place_id.clone()),
        notes: Set(a.notes.clone()),
        title: Set(a.title.clone()),
        level: Set(a.level.map(str::to_owned)),
        participants: Set(i32::try_from(a.participants).unwrap_or(i32::MAX)),
        counts: Set(counts_to_text(&a.counts)),
        beneficiary_id: Set(a.beneficiary_id.clone()),
        created_at: Set(record.created_at),
        updated_at: Set(record.updated_at),
    }
}

/// Records a new activity and counts it in its structure's figures. Run
/// it in a transaction (the use case's).
pub async fn insert(db: &impl ConnectionTrait, record: &ActivityRecord) -> Result<(), DbErr> {
    Entity::insert(to_row(record))
        .exec_without_returning(db)
        .await?;
    figures::count(db, &record.organization_id, &record.activity, 1).await
}

/// Replaces an activity's fields (its figures move with it). Run it in a
/// transaction, with `before` read in the same one.
pub async fn update(
    db: &impl ConnectionTrait,
    before: &ActivityRecord,
    after: &ActivityRecord,
) -> Result<(), DbErr> {
    Entity::update(to_row(after)).exec(db).await?;
    figures::count(db, &before.organization_id, &before.activity, -1).await?;
    figures::count(db, &after.organization_id, &after.activity, 1).await
}

/// Deletes an activity, uncounts it, and leaves a tombstone.
pub async fn delete(db: &impl ConnectionTrait, record: &ActivityRecord) -> Result<(), DbErr> {
    Entity::delete_by_id(record.id.clone()).exec(db).await?;
    figures::count(db, &record.organization_id, &record.activity, -1).await?;
    bury(db, "activity", &record.id, &record.organization_id).await
}

/// Leaves the tombstone of a deleted record: its kind and id, no content,
/// so that a late copy from an offline node is not resurrected.
pub async fn bury(
    db: &impl ConnectionTrait,
    kind: &str,
    id: &str,
    organization_id: &OrganizationId,
) -> Result<(), DbErr> {
    tombstone::Entity::insert(tombstone::ActiveModel {
        id: Set(id.to_owned()),
        kind: Set(kind.to_owned()),
        organization_id: Set(organization_id.as_str().to_owned()),
        deleted_at: Set(db::now()),
    })
    .exec_without_returning(db)
    .await?;
    Ok(())
}

/// The activity `id` of `organization_id` (another structure's: none).
pub async fn find(
    db: &impl ConnectionTrait,
    organization_id: &OrganizationId,
    id: &str,
) -> Result<Option<ActivityRecord>, DbErr> {
    Ok(Entity::find_by_id(id.to_owned())
        .filter(Column::OrganizationId.eq(organization_id.as_str()))
        .one(db)
        .await?
        .map(from_row))
}

/// What a list of activities is narrowed to.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Filter {
    pub from: Option<NaiveDate>,
    pub to: Option<NaiveDate>,
    pub mediator_id: Option<String>,
    pub kind: Option<&'static str>,
    pub theme: Option<&'static str>,
    /// A place of the structure, or a place kind (`Domicile`…).
    pub place: Option<String>,
    pub beneficiary_id: Option<String>,
}

fn filtered(organization_id: &OrganizationId, filter: &Filter) -> sea_orm::Select<Entity> {
    let mut query = Entity::find().filter(Column::OrganizationId.eq(organization_id.as_str()));
    if let Some(from) = filter.from {
        query = query.filter(Column::Date.gte(from));
    }
    if let Some(to) = filter.to {
        query = query.filter(Column::Date.lte(to));
    }
    if let Some(mediator) = &filter.mediator_id {
        query = query.filter(Column::MediatorId.eq(mediator.as_str()));
    }
    if let Some(kind) = filter.kind {
        query = query.filter(Column::Kind.eq(kind));
    }
    if let Some(bit) = filter.theme.and_then(|t| THEMES.bit(t)) {
        query = query.filter(Expr::col(Column::Themes).bit_and(1_i64 << bit).ne(0));
    }
    if let Some(place) = &filter.place {
        query = match PLACE_KINDS.find(place) {
            Some(kind) => query.filter(Column::PlaceKind.eq(kind)),
            None => query.filter(Column::PlaceId.eq(place.as_str())),
        };
    }
    if let Some(beneficiary) = &filter.beneficiary_id {
        query = query.filter(Column::BeneficiaryId.eq(beneficiary.as_str()));
    }
    query
}

/// One page of a structure's activities, newest first, and how many match.
pub async fn page(
    db: &impl ConnectionTrait,
    organization_id: &OrganizationId,
    filter: &Filter,
    offset: u64,
    limit: u64,
) -> Result<(Vec<ActivityRecord>, u64), DbErr> {
    let total = filtered(organization_id, filter).count(db).await?;
    let rows = filtered(organization_id, filter)
        .order_by_desc(Column::Date)
        .order_by_desc(Column::Id)
        .offset(offset)
        .limit(limit)
        .all(db)
        .await?;
    Ok((rows.into_iter().map(from_row).collect(), total))
}

/// The next `limit` matching activities after `after` (the last one of
/// the previous batch), newest first: an export reads batch after batch,
/// on (date, id) keys that stay stable under concurrent writes.
pub async fn batch_after(
    db: &impl ConnectionTrait,
    organization_id: &OrganizationId,
    filter: &Filter,
    after: Option<&ActivityRecord>,
    limit: u64,
) -> Result<Vec<ActivityRecord>, DbErr> {
    let mut query = filtered(organization_id, filter)
        .order_by_desc(Column::Date)
        .order_by_desc(Column::Id)
        .limit(limit);
    if let Some(last) = after {
        let date = last.activity.date;
        query = query.filter(
            Column::Date
                .lt(date)
                .or(Column::Date.eq(date).and(Column::Id.lt(last.id.as_str()))),
        );
    }
    Ok(query.all(db).await?.into_iter().map(from_row).collect())
}

/// The most recent activity a mediator recorded: its choices become the
/// next form's defaults.
pub async fn last_of_mediator(
    db: &impl ConnectionTrait,
    organization_id: &OrganizationId,
    mediator_id: &str,
) -> Result<Option<ActivityRecord>, DbErr> {
    Ok(Entity::find()
        .filter(Column::OrganizationId.eq(organization_id.as_str()))
        .filter(Column::MediatorId.eq(mediator_id))
        .order_by_desc(Column::CreatedAt)
        .one(db)
        .await?
        .map(from_row))
}

/// Detaches every activity of a beneficiary (erased): they stay, anonymous.
pub async fn detach_beneficiary(
    db: &impl ConnectionTrait,
    organization_id: &OrganizationId,
    beneficiary_id: &str,
) -> Result<u64, DbErr> {
    let result = Entity::update_many()
        .col_expr(Column::BeneficiaryId, Expr::value(Option::<String>::None))
        .col_expr(Column::UpdatedAt, Expr::value(db::now()))
        .filter(Column::OrganizationId.eq(organization_id.as_str()))
        .filter(Column::BeneficiaryId.eq(beneficiary_id))
        .exec(db)
        .await?;
    Ok(result.rows_affected)
}

/// Moves a beneficiary's activities to another (a merge of duplicates).
pub async fn move_beneficiary(
    db: &impl ConnectionTrait,
    organization_id: &OrganizationId,
    from: &str,
    to: &str,
) -> Result<u64, DbErr> {
    let result = Entity::update_many()
        .col_expr(Column::BeneficiaryId, Expr::value(to))
        .col_expr(Column::UpdatedAt, Expr::value(db::now()))
        .filter(Column::OrganizationId.eq(organization_id.as_str()))
        .filter(Column::BeneficiaryId.eq(from))
        .exec(db)
        .await?;
    Ok(result.rows_affected)
}
