//! All SQL about workshops: formats, sessions (with their seat counters)
//! and registrations. One path for SQLite and PostgreSQL: the counters are
//! moved by conditional `UPDATE`s, whose row lock is what serialises
//! concurrent registrations.

use chrono::{DateTime, Utc};
use sea_orm::{
    ActiveValue::Set, ColumnTrait, ConnectionTrait, DbErr, EntityTrait, ExprTrait, QueryFilter,
    QueryOrder, QuerySelect, sea_query::Expr,
};

use super::model::{Format, GAME_KINDS};
use crate::mediation::vocabulary::{LEVELS, THEMES};
use crate::organizations::OrganizationId;

pub(crate) mod formats {
    use sea_orm::entity::prelude::*;

    #[sea_orm::model]
    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "workshop_formats")]
    pub struct Model {
        #[sea_orm(primary_key, auto_increment = false)]
        pub id: String,
        pub organization_id: String,
        pub title: String,
        pub description: String,
        pub themes: i64,
        pub level: Option<String>,
        pub duration_min: i32,
        pub capacity: i32,
        pub game_kind: Option<String>,
        pub created_at: DateTimeUtc,
        pub updated_at: DateTimeUtc,
    }

    impl ActiveModelBehavior for ActiveModel {}
}

pub(crate) mod sessions {
    use sea_orm::entity::prelude::*;

    #[sea_orm::model]
    #[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
    #[sea_orm(table_name = "workshop_sessions")]
    pub struct Model {
        #[sea_orm(primary_key, auto_increment = false)]
        pub id: String,
        pub organization_id: String,
        pub format_id: Option<String>,
        pub title: String,
        pub description: String,
        pub themes: i64,
        pub level: Option<String>,
        pub game_kind: Option<String>,
        pub starts_at: DateTimeUtc,
        pub duration_min: i32,
        pub place_id: String,
        pub stop_id: Option<String>,
        pub location: String,
        pub commune: String,
        pub latitude: Option<f64>,
        pub longitude: Option<f64>,
        pub capacity: i32,
        pub confirmed: i32,
        pub waiting: i32,
        pub status: String,
        pub mediators: String,
        pub walk_ins: i32,
        pub activity_id: Option<String>,
        pub created_at: DateTimeUtc,
        pub updated_at: DateTimeUtc,
    }

    impl ActiveModelBehavior for ActiveModel {}
}

pub(crate) mod registrations {
    use sea_orm::entity::prelude::*;

    #[sea_orm::model]
    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "registrations")]
    pub struct Model {
        #[sea_orm(primary_key, auto_increment = false)]
        pub id: String,
        pub organization_id: String,
        pub session_id: String,
        pub status: String,
        pub name: String,
        pub phone: Option<String>,
        pub email: Option<String>,
        pub contact_key: Option<String>,
        pub link_token: String,
        /// The language the person registered in: their messages speak it.
        pub lang: String,
        pub source: String,
        pub attended: Option<bool>,
        pub beneficiary_id: Option<String>,
        pub reminded_at: Option<DateTimeUtc>,
        pub created_at: DateTimeUtc,
        pub updated_at: DateTimeUtc,
    }

    impl ActiveModelBehavior for ActiveModel {}
}

/// A session's state.
pub mod status {
    pub const PLANNED: &str = "planned";
    pub const CANCELLED: &str = "cancelled";
    /// Attendance was taken: the activity is recorded.
    pub const HELD: &str = "held";
}

/// A registration's state.
pub mod seat {
    pub const CONFIRMED: &str = "confirmed";
    pub const WAITING: &str = "waiting";
    pub const CANCELLED: &str = "cancelled";
}

/// A format as held by its structure.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FormatRecord {
    pub id: String,
    pub organization_id: OrganizationId,
    pub format: Format,
}

/// A session as stored.
pub type SessionRecord = sessions::Model;
/// A registration as stored.
pub type RegistrationRecord = registrations::Model;

/// The themes of a stored session, as codes.
pub fn themes_of(session: &SessionRecord) -> Vec<&'static str> {
    THEMES.of_set(session.themes)
}

/// Seats still free.
pub fn seats_left(session: &SessionRecord) -> u32 {
    u32::try_from(session.capacity - session.confirmed).unwrap_or(0)
}

/// When it ends.
pub fn ends_at(session: &SessionRecord) -> DateTime<Utc> {
    session.starts_at + chrono::Duration::minutes(i64::from(session.duration_min))
}

fn format_from_row(row: formats::Model) -> FormatRecord {
    FormatRecord {
        id: row.id,
        organization_id: OrganizationId::from_db(row.organization_id),
        format: Format {
            title: row.title,
            description: row.description,
            themes: THEMES.of_set(row.themes),
            level: row.level.as_deref().and_then(|l| LEVELS.find(l)),
            duration_min: u32::try_from(row.duration_min).unwrap_or(0),
            capacity: u32::try_from(row.capacity).unwrap_or(0),
            game_kind: row.game_kind.as_deref().and_then(|g| GAME_KINDS.find(g)),
        },
    }
}

pub async fn insert_format(db: &impl ConnectionTrait, record: &FormatRecord) -> Result<(), DbErr> {
    let now = crate::db::now();
    let f = &record.format;
    formats::Entity::insert(formats::ActiveModel {
        id: Set(record.id.clone()),
        organization_id: Set(record.organization_id.as_str().to_owned()),
        title: Set(f.title.clone()),
        description: Set(f.description.clone()),
        themes: Set(THEMES.set_of(&f.themes)),
        level: Set(f.level.map(str::to_owned)),
        duration_min: Set(i32::try_from(f.duration_min).unwrap_or(i32::MAX)),
        capacity: Set(i32::try_from(f.capacity).unwrap_or(i32::MAX)),
        game_kind: Set(f.game_kind.map(str::to_owned)),
        created_at: Set(now),
        updated_at: Set(now),
    })
    .exec_without_returning(db)
    .await?;
    Ok(())
}

/// A structure's formats, by title.
pub async fn formats_of(
    db: &impl ConnectionTrait,
    organization: &OrganizationId,
) -> Result<Vec<FormatRecord>, DbErr> {
    Ok(formats::Entity::find()
        .filter(formats::Column::OrganizationId.eq(organization.as_str()))
        .order_by_asc(formats::Column::Title)
        .all(db)
        .await?
        .into_iter()
        .map(format_from_row)
        .collect())
}

/// One of a structure's formats.
pub async fn find_format(
    db: &impl ConnectionTrait,
    organization: &OrganizationId,
    id: &str,
) -> Result<Option<FormatRecord>, DbErr> {
    Ok(formats::Entity::find_by_id(id)
        .filter(formats::Column::OrganizationId.eq(organization.as_str()))
        .one(db)
        .await?
        .map(format_from_row))
}

pub async fn insert_session(db: &impl ConnectionTrait, row: SessionRecord) -> Result<(), DbErr> {
    sessions::Entity::insert(sessions::ActiveModel::from(row))
        .exec_without_returning(db)
        .await?;
    Ok(())
}

/// A session of `organization` (another structure's is not found).
pub async fn find_session(
    db: &impl ConnectionTrait,
    organization: &OrganizationId,
    id: &str,
) -> Result<Option<SessionRecord>, DbErr> {
    sessions::Entity::find_by_id(id)
        .filter(sessions::Column::OrganizationId.eq(organization.as_str()))
        .one(db)
        .await
}

/// Any structure's session, for the public pages.
pub async fn find_public(
    db: &impl ConnectionTrait,
    id: &str,
) -> Result<Option<SessionRecord>, DbErr> {
    sessions::Entity::find_by_id(id).one(db).await
}

/// Sessions of every structure that end after `from`, soonest first, at most `limit`.
pub async fn upcoming(
    db: &impl ConnectionTrait,
    from: DateTime<Utc>,
    limit: u64,
) -> Result<Vec<SessionRecord>, DbErr> {
    // A session lasts at most 12 hours: starting 12 hours before `from` is
    // the index's lower bound; the exact end is checked in memory.
    sessions::Entity::find()
        .filter(sessions::Column::StartsAt.gte(from - chrono::Duration::hours(12)))
        .order_by_asc(sessions::Column::StartsAt)
        .limit(limit)
        .all(db)
        .await
        .map(|rows| rows.into_iter().filter(|s| ends_at(s) > from).collect())
}

/// A structure's sessions starting from `from`, soonest first.
pub async fn sessions_of(
    db: &impl ConnectionTrait,
    organization: &OrganizationId,
    from: DateTime<Utc>,
    limit: u64,
) -> Result<Vec<SessionRecord>, DbErr> {
    sessions::Entity::find()
        .filter(sessions::Column::OrganizationId.eq(organization.as_str()))
        .filter(sessions::Column::StartsAt.gte(from))
        .order_by_asc(sessions::Column::StartsAt)
        .limit(limit)
        .all(db)
        .await
}

/// Takes one seat if one is free on a planned session: `true` when taken.
/// The row lock of this `UPDATE` serialises concurrent registrations.
pub async fn take_seat(db: &impl ConnectionTrait, session: &str) -> Result<bool, DbErr> {
    let result = sessions::Entity::update_many()
        .col_expr(
            sessions::Column::Confirmed,
            Expr::col(sessions::Column::Confirmed).add(1),
        )
        .filter(sessions::Column::Id.eq(session))
        .filter(sessions::Column::Status.eq(status::PLANNED))
        .filter(Expr::col(sessions::Column::Confirmed).lt(Expr::col(sessions::Column::Capacity)))
        .exec(db)
        .await?;
    Ok(result.rows_affected == 1)
}

/// Moves the counters by `confirmed` and `waiting` (each -1, 0 or +1): the
/// first statement of a change to a session's list, so that it holds the
/// session's row until the transaction ends.
pub async fn shift_counts(
    db: &impl ConnectionTrait,
    session: &str,
    confirmed: i32,
    waiting: i32,
) -> Result<bool, DbErr> {
    let result = sessions::Entity::update_many()
        .col_expr(
            sessions::Column::Confirmed,
            Expr::col(sessions::Column::Confirmed).add(confirmed),
        )
        .col_expr(
            sessions::Column::Waiting,
            Expr::col(sessions::Column::Waiting).add(waiting),
        )
        .filter(sessions::Column::Id.eq(session))
        .exec(db)
        .await?;
    Ok(result.rows_affected == 1)
}

/// One more on a planned session's waiting list, counted and holding the
/// session's row until the transaction ends: the session as it is now,
/// or `None` when it is not planned any more. One statement, where
/// counting then reading took two trips to the database.
pub async fn join_waiting(
    db: &impl ConnectionTrait,
    session: &str,
) -> Result<Option<SessionRecord>, DbErr> {
    let mut rows = sessions::Entity::update_many()
        .col_expr(
            sessions::Column::Waiting,
            Expr::col(sessions::Column::Waiting).add(1),
        )
        .filter(sessions::Column::Id.eq(session))
        .filter(sessions::Column::Status.eq(status::PLANNED))
        .exec_with_returning(db)
        .await?;
    Ok(rows.pop())
}

/// Changes what a session says of itself (capacity, status, activity).
pub async fn update_session(db: &impl ConnectionTrait, row: SessionRecord) -> Result<(), DbErr> {
    use sea_orm::ActiveModelTrait;
    // Every column written: the row given is the whole new state.
    let mut active = sessions::ActiveModel::from(row).reset_all();
    active.updated_at = Set(crate::db::now());
    sessions::Entity::update(active).exec(db).await?;
    Ok(())
}

/// Marks a planned session held: `false` when it already was (or was
/// cancelled) — attendance is taken once.
pub async fn mark_held(
    db: &impl ConnectionTrait,
    session: &str,
    activity: &str,
    walk_ins: i32,
) -> Result<bool, DbErr> {
    let result = sessions::Entity::update_many()
        .col_expr(sessions::Column::Status, Expr::value(status::HELD))
        .col_expr(sessions::Column::ActivityId, Expr::value(activity))
        .col_expr(sessions::Column::WalkIns, Expr::value(walk_ins))
        .col_expr(sessions::Column::UpdatedAt, Expr::value(crate::db::now()))
        .filter(sessions::Column::Id.eq(session))
        .filter(sessions::Column::Status.eq(status::PLANNED))
        .exec(db)
        .await?;
    Ok(result.rows_affected == 1)
}

pub async fn insert_registration(
    db: &impl ConnectionTrait,
    row: RegistrationRecord,
) -> Result<(), DbErr> {
    registrations::Entity::insert(registrations::ActiveModel::from(row))
        .exec_without_returning(db)
        .await?;
    Ok(())
}

/// A session's live registration for the contact whose key is `key`.
pub async fn registration_of_contact(
    db: &impl ConnectionTrait,
    session: &str,
    key: &str,
) -> Result<Option<RegistrationRecord>, DbErr> {
    registrations::Entity::find()
        .filter(registrations::Column::SessionId.eq(session))
        .filter(registrations::Column::ContactKey.eq(key))
        .one(db)
        .await
}

/// The registration a link opens.
pub async fn registration_by_link(
    db: &impl ConnectionTrait,
    token: &str,
) -> Result<Option<RegistrationRecord>, DbErr> {
    registrations::Entity::find()
        .filter(registrations::Column::LinkToken.eq(token))
        .one(db)
        .await
}

/// One registration of a session.
pub async fn find_registration(
    db: &impl ConnectionTrait,
    session: &str,
    id: &str,
) -> Result<Option<RegistrationRecord>, DbErr> {
    registrations::Entity::find_by_id(id)
        .filter(registrations::Column::SessionId.eq(session))
        .one(db)
        .await
}

/// A session's registrations in order of arrival (cancelled ones too).
pub async fn registrations_of(
    db: &impl ConnectionTrait,
    session: &str,
) -> Result<Vec<RegistrationRecord>, DbErr> {
    registrations::Entity::find()
        .filter(registrations::Column::SessionId.eq(session))
        .order_by_asc(registrations::Column::Id)
        .all(db)
        .await
}

/// The first on a session's waiting list.
pub async fn first_waiting(
    db: &impl ConnectionTrait,
    session: &str,
) -> Result<Option<RegistrationRecord>, DbErr> {
    registrations::Entity::find()
        .filter(registrations::Column::SessionId.eq(session))
        .filter(registrations::Column::Status.eq(seat::WAITING))
        .order_by_asc(registrations::Column::Id)
        .one(db)
        .await
}

/// A waiting registration's rank (1 for the next promoted).
pub async fn rank(
    db: &impl ConnectionTrait,
    registration: &RegistrationRecord,
) -> Result<u64, DbErr> {
    use sea_orm::PaginatorTrait;
    registrations::Entity::find()
        .filter(registrations::Column::SessionId.eq(registration.session_id.as_str()))
        .filter(registrations::Column::Status.eq(seat::WAITING))
        .filter(registrations::Column::Id.lte(registration.id.as_str()))
        .count(db)
        .await
}

/// Moves a registration from `from` to `to`: `false` when it was not in
/// `from` any more (a second click, a concurrent change). Cancelling frees
/// the contact's key, so the person may register again.
pub async fn move_registration(
    db: &impl ConnectionTrait,
    id: &str,
    from: &str,
    to: &str,
) -> Result<bool, DbErr> {
    let mut update = registrations::Entity::update_many()
        .col_expr(registrations::Column::Status, Expr::value(to))
        .col_expr(
            registrations::Column::UpdatedAt,
            Expr::value(crate::db::now()),
        );
    if to == seat::CANCELLED {
        update = update.col_expr(
            registrations::Column::ContactKey,
            Expr::value(Option::<String>::None),
        );
    }
    let result = update
        .filter(registrations::Column::Id.eq(id))
        .filter(registrations::Column::Status.eq(from))
        .exec(db)
        .await?;
    Ok(result.rows_affected == 1)
}

/// Records who came (`attended`) and who they are among the people followed.
pub async fn set_attendance(
    db: &impl ConnectionTrait,
    id: &str,
    attended: bool,
    beneficiary: Option<&str>,
) -> Result<(), DbErr> {
    registrations::Entity::update_many()
        .col_expr(registrations::Column::Attended, Expr::value(attended))
        .col_expr(
            registrations::Column::BeneficiaryId,
            Expr::value(beneficiary.map(str::to_owned)),
        )
        .col_expr(
            registrations::Column::UpdatedAt,
            Expr::value(crate::db::now()),
        )
        .filter(registrations::Column::Id.eq(id))
        .exec(db)
        .await?;
    Ok(())
}

/// Registrations linked to the person `from` now link to `to` (a merge),
/// or to nobody (an erasure).
pub async fn relink_beneficiary(
    db: &impl ConnectionTrait,
    from: &str,
    to: Option<&str>,
) -> Result<(), DbErr> {
    registrations::Entity::update_many()
        .col_expr(
            registrations::Column::BeneficiaryId,
            Expr::value(to.map(str::to_owned)),
        )
        .filter(registrations::Column::BeneficiaryId.eq(from))
        .exec(db)
        .await?;
    Ok(())
}

/// Confirmed registrations of sessions starting in `(from, until]` that were
/// not reminded yet, at most `limit`.
pub async fn due_reminders(
    db: &impl ConnectionTrait,
    from: DateTime<Utc>,
    until: DateTime<Utc>,
    limit: u64,
) -> Result<Vec<(RegistrationRecord, SessionRecord)>, DbErr> {
    let sessions = sessions::Entity::find()
        .filter(sessions::Column::StartsAt.gt(from))
        .filter(sessions::Column::StartsAt.lte(until))
        .filter(sessions::Column::Status.eq(status::PLANNED))
        .all(db)
        .await?;
    let mut due = Vec::new();
    for session in sessions {
        let waiting = registrations::Entity::find()
            .filter(registrations::Column::SessionId.eq(session.id.as_str()))
            .filter(registrations::Column::Status.eq(seat::CONFIRMED))
            .filter(registrations::Column::RemindedAt.is_null())
            .limit(limit.saturating_sub(due.len() as u64))
            .all(db)
            .await?;
        due.extend(waiting.into_iter().map(|r| (r, session.clone())));
        if due.len() as u64 >= limit {
            break;
        }
    }
    Ok(due)
}

/// Marks a registration reminded: `false` when another worker did first.
pub async fn mark_reminded(db: &impl ConnectionTrait, id: &str) -> Result<bool, DbErr> {
    let result = registrations::Entity::update_many()
        .col_expr(
            registrations::Column::RemindedAt,
            Expr::value(Some(crate::db::now())),
        )
        .filter(registrations::Column::Id.eq(id))
        .filter(registrations::Column::RemindedAt.is_null())
        .exec(db)
        .await?;
    Ok(result.rows_affected == 1)
}

/// Days after a session its registrants' names and contacts are kept (a
/// question about attendance, a lost item), then erased.
pub const CONTACTS_KEPT_DAYS: i64 = 30;

/// Forgets who registered to sessions that ended before `before`: names,
/// phones and e-mails are kept only while they serve the session.
pub async fn forget_contacts(
    db: &impl ConnectionTrait,
    before: DateTime<Utc>,
) -> Result<u64, DbErr> {
    let ended: Vec<String> = sessions::Entity::find()
        .select_only()
        .column(sessions::Column::Id)
        .filter(sessions::Column::StartsAt.lt(before))
        .into_tuple()
        .all(db)
        .await?;
    let mut forgotten = 0;
    for chunk in ended.chunks(500) {
        let result = registrations::Entity::update_many()
            .col_expr(registrations::Column::Name, Expr::value(""))
            .col_expr(
                registrations::Column::Phone,
                Expr::value(Option::<String>::None),
            )
            .col_expr(
                registrations::Column::Email,
                Expr::value(Option::<String>::None),
            )
            .filter(registrations::Column::SessionId.is_in(chunk.iter().map(String::as_str)))
            .filter(registrations::Column::Name.ne(""))
            .exec(db)
            .await?;
        forgotten += result.rows_affected;
    }
    Ok(forgotten)
}
