//! All SQL about appointments: schedules (one per place) and bookings. A
//! booking holds its slot through a unique `slot_key`; the insert that
//! meets another booking's key is the « just taken » answer.

use chrono::{DateTime, Utc};
use sea_orm::{
    ColumnTrait, ConnectionTrait, DbErr, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder,
    sea_query::Expr,
};

use crate::organizations::OrganizationId;

pub(crate) mod schedules {
    use sea_orm::entity::prelude::*;

    #[sea_orm::model]
    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "appointment_schedules")]
    pub struct Model {
        #[sea_orm(primary_key, auto_increment = false)]
        pub id: String,
        pub organization_id: String,
        pub place_id: String,
        pub hours: String,
        pub slot_min: i32,
        pub mediators: String,
        pub created_at: DateTimeUtc,
        pub updated_at: DateTimeUtc,
    }

    impl ActiveModelBehavior for ActiveModel {}
}

pub(crate) mod bookings {
    use sea_orm::entity::prelude::*;

    #[sea_orm::model]
    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "bookings")]
    pub struct Model {
        #[sea_orm(primary_key, auto_increment = false)]
        pub id: String,
        pub organization_id: String,
        pub schedule_id: String,
        pub place_id: String,
        pub starts_at: DateTimeUtc,
        pub duration_min: i32,
        pub slot_key: Option<String>,
        pub status: String,
        pub reason: String,
        pub name: String,
        pub phone: Option<String>,
        pub email: Option<String>,
        pub link_token: String,
        pub lang: String,
        pub reminded_at: Option<DateTimeUtc>,
        pub activity_id: Option<String>,
        pub created_at: DateTimeUtc,
        pub updated_at: DateTimeUtc,
    }

    impl ActiveModelBehavior for ActiveModel {}
}

/// A schedule as stored.
pub type ScheduleRecord = schedules::Model;
/// A booking as stored.
pub type BookingRecord = bookings::Model;

/// A booking's state.
pub mod status {
    pub const BOOKED: &str = "booked";
    pub const CANCELLED: &str = "cancelled";
    /// The person came: an individual activity is recorded.
    pub const HELD: &str = "held";
    /// The person did not come.
    pub const MISSED: &str = "missed";
}

/// The schedule of `place`, if it receives by appointment.
pub async fn schedule_of_place(
    db: &impl ConnectionTrait,
    place: &str,
) -> Result<Option<ScheduleRecord>, DbErr> {
    schedules::Entity::find()
        .filter(schedules::Column::PlaceId.eq(place))
        .one(db)
        .await
}

pub async fn find_schedule(
    db: &impl ConnectionTrait,
    id: &str,
) -> Result<Option<ScheduleRecord>, DbErr> {
    schedules::Entity::find_by_id(id).one(db).await
}

/// Every schedule (all structures): the public list of places that receive.
pub async fn all_schedules(db: &impl ConnectionTrait) -> Result<Vec<ScheduleRecord>, DbErr> {
    schedules::Entity::find().all(db).await
}

/// A structure's schedules.
pub async fn schedules_of(
    db: &impl ConnectionTrait,
    organization: &OrganizationId,
) -> Result<Vec<ScheduleRecord>, DbErr> {
    schedules::Entity::find()
        .filter(schedules::Column::OrganizationId.eq(organization.as_str()))
        .all(db)
        .await
}

/// Writes the schedule of a place (replacing the one it had).
pub async fn save_schedule(
    db: &impl ConnectionTrait,
    organization: &OrganizationId,
    place: &str,
    schedule: &super::model::Schedule,
) -> Result<ScheduleRecord, DbErr> {
    let now = crate::db::now();
    let existing = schedule_of_place(db, place).await?;
    let row = ScheduleRecord {
        id: existing
            .as_ref()
            .map_or_else(crate::db::new_id, |s| s.id.clone()),
        organization_id: organization.as_str().to_owned(),
        place_id: place.to_owned(),
        hours: schedule.hours.clone(),
        slot_min: i32::try_from(schedule.slot_min).unwrap_or(30),
        mediators: schedule.mediators.clone(),
        created_at: existing.as_ref().map_or(now, |s| s.created_at),
        updated_at: now,
    };
    if existing.is_some() {
        use sea_orm::ActiveModelTrait;
        schedules::Entity::update(schedules::ActiveModel::from(row.clone()).reset_all())
            .exec(db)
            .await?;
    } else {
        schedules::Entity::insert(schedules::ActiveModel::from(row.clone()))
            .exec_without_returning(db)
            .await?;
    }
    Ok(row)
}

/// Writes a booking's whole new state (a mediator moving it; tests).
pub async fn update_booking(db: &impl ConnectionTrait, row: BookingRecord) -> Result<(), DbErr> {
    use sea_orm::ActiveModelTrait;
    bookings::Entity::update(bookings::ActiveModel::from(row).reset_all())
        .exec(db)
        .await?;
    Ok(())
}

/// Writes a booking; a unique violation means its slot was just taken.
pub async fn insert_booking(db: &impl ConnectionTrait, row: BookingRecord) -> Result<(), DbErr> {
    bookings::Entity::insert(bookings::ActiveModel::from(row))
        .exec_without_returning(db)
        .await?;
    Ok(())
}

/// The starts of the slots of `schedule` held between `from` and `to`.
pub async fn taken(
    db: &impl ConnectionTrait,
    place: &str,
    from: DateTime<Utc>,
    to: DateTime<Utc>,
) -> Result<Vec<DateTime<Utc>>, DbErr> {
    use sea_orm::QuerySelect;
    bookings::Entity::find()
        .select_only()
        .column(bookings::Column::StartsAt)
        .filter(bookings::Column::PlaceId.eq(place))
        .filter(bookings::Column::StartsAt.gte(from))
        .filter(bookings::Column::StartsAt.lt(to))
        .filter(bookings::Column::SlotKey.is_not_null())
        .into_tuple()
        .all(db)
        .await
}

pub async fn booking_by_link(
    db: &impl ConnectionTrait,
    token: &str,
) -> Result<Option<BookingRecord>, DbErr> {
    bookings::Entity::find()
        .filter(bookings::Column::LinkToken.eq(token))
        .one(db)
        .await
}

/// One of a structure's bookings.
pub async fn find_booking(
    db: &impl ConnectionTrait,
    organization: &OrganizationId,
    id: &str,
) -> Result<Option<BookingRecord>, DbErr> {
    bookings::Entity::find_by_id(id)
        .filter(bookings::Column::OrganizationId.eq(organization.as_str()))
        .one(db)
        .await
}

/// A structure's bookings starting between `from` and `to`, in order.
pub async fn bookings_between(
    db: &impl ConnectionTrait,
    organization: &OrganizationId,
    from: DateTime<Utc>,
    to: DateTime<Utc>,
) -> Result<Vec<BookingRecord>, DbErr> {
    bookings::Entity::find()
        .filter(bookings::Column::OrganizationId.eq(organization.as_str()))
        .filter(bookings::Column::StartsAt.gte(from))
        .filter(bookings::Column::StartsAt.lt(to))
        .order_by_asc(bookings::Column::StartsAt)
        .all(db)
        .await
}

/// How many of a structure's bookings since `from` were missed.
pub async fn missed_since(
    db: &impl ConnectionTrait,
    organization: &OrganizationId,
    from: DateTime<Utc>,
) -> Result<u64, DbErr> {
    bookings::Entity::find()
        .filter(bookings::Column::OrganizationId.eq(organization.as_str()))
        .filter(bookings::Column::StartsAt.gte(from))
        .filter(bookings::Column::Status.eq(status::MISSED))
        .count(db)
        .await
}

/// Moves a booking from `from` to `to` (`false` when it was not in `from`
/// any more); cancelling gives its slot back.
pub async fn move_booking(
    db: &impl ConnectionTrait,
    id: &str,
    from: &str,
    to: &str,
    activity: Option<&str>,
) -> Result<bool, DbErr> {
    let mut update = bookings::Entity::update_many()
        .col_expr(bookings::Column::Status, Expr::value(to))
        .col_expr(bookings::Column::UpdatedAt, Expr::value(crate::db::now()));
    if to == status::CANCELLED {
        update = update.col_expr(
            bookings::Column::SlotKey,
            Expr::value(Option::<String>::None),
        );
    }
    if let Some(activity) = activity {
        update = update.col_expr(bookings::Column::ActivityId, Expr::value(activity));
    }
    let result = update
        .filter(bookings::Column::Id.eq(id))
        .filter(bookings::Column::Status.eq(from))
        .exec(db)
        .await?;
    Ok(result.rows_affected == 1)
}

/// Booked appointments starting in `(from, until]` not reminded yet.
pub async fn due_reminders(
    db: &impl ConnectionTrait,
    from: DateTime<Utc>,
    until: DateTime<Utc>,
) -> Result<Vec<BookingRecord>, DbErr> {
    use sea_orm::QuerySelect;
    bookings::Entity::find()
        .filter(bookings::Column::StartsAt.gt(from))
        .filter(bookings::Column::StartsAt.lte(until))
        .filter(bookings::Column::Status.eq(status::BOOKED))
        .filter(bookings::Column::RemindedAt.is_null())
        .limit(500)
        .all(db)
        .await
}

pub async fn mark_reminded(db: &impl ConnectionTrait, id: &str) -> Result<bool, DbErr> {
    let result = bookings::Entity::update_many()
        .col_expr(
            bookings::Column::RemindedAt,
            Expr::value(Some(crate::db::now())),
        )
        .filter(bookings::Column::Id.eq(id))
        .filter(bookings::Column::RemindedAt.is_null())
        .exec(db)
        .await?;
    Ok(result.rows_affected == 1)
}

/// Forgets who booked appointments that started before `before`.
pub async fn forget_contacts(
    db: &impl ConnectionTrait,
    before: DateTime<Utc>,
) -> Result<u64, DbErr> {
    let result = bookings::Entity::update_many()
        .col_expr(bookings::Column::Name, Expr::value(""))
        .col_expr(bookings::Column::Phone, Expr::value(Option::<String>::None))
        .col_expr(bookings::Column::Email, Expr::value(Option::<String>::None))
        .filter(bookings::Column::StartsAt.lt(before))
        .filter(bookings::Column::Name.ne(""))
        .exec(db)
        .await?;
    Ok(result.rows_affected)
}
