//! Use cases of a structure's workshops: add a format, plan a session at
//! one of its places or at a stop of its itinerant place, change a
//! session's capacity (a larger room promotes the first waiting), cancel a
//! session (everyone registered is told).

use chrono::{DateTime, Utc};
use sea_orm::{ConnectionTrait, DbErr, TransactionSession, TransactionTrait};

use super::booking::{self, Courier};
use super::messages::{self, Kind};
use super::model::{Format, SessionPlan};
use super::store::{self, FormatRecord, SessionRecord, seat, status};
use crate::accounts::User;
use crate::db;
use crate::mediation::fields::Fields;
use crate::mediation::record::Refused;
use crate::mediation::vocabulary::THEMES;
use crate::places::stops::store as stops_store;
use crate::validation::FieldError;

/// Adds a format to the user's structure.
pub async fn add_format(
    db: &impl ConnectionTrait,
    user: &User,
    fields: &Fields,
) -> Result<FormatRecord, Refused> {
    let format = Format::parse(fields).map_err(Refused::Invalid)?;
    let record = FormatRecord {
        id: db::new_id(),
        organization_id: user.organization_id.clone(),
        format,
    };
    store::insert_format(db, &record).await?;
    Ok(record)
}

/// Where a session happens, resolved: words, commune and position.
struct Resolved {
    place_id: String,
    stop_id: Option<String>,
    location: String,
    commune: String,
    latitude: Option<f64>,
    longitude: Option<f64>,
}

/// Plans a session of the user's structure. `format_id` (or a `format_id`
/// field) fills what the fields leave out; a `stop_id` gives the stop's
/// date and start unless told otherwise.
pub async fn plan_session(
    db: &impl ConnectionTrait,
    user: &User,
    fields: &Fields,
    now: DateTime<Utc>,
) -> Result<SessionRecord, Refused> {
    let own = &user.organization_id;
    let mut fields = fields.clone();
    let format = match fields.one("format_id").filter(|id| !id.is_empty()) {
        None => None,
        Some(id) => match store::find_format(db, own, id).await? {
            Some(found) => Some(found),
            None => {
                return Err(Refused::Invalid(vec![
                    FieldError::new("format_id", "activity-unknown-record").with_value(id),
                ]));
            }
        },
    };
    let place_id = match fields.one("place_id").filter(|id| !id.is_empty()) {
        Some(id) => id.to_owned(),
        None => match crate::places::store::first_of_organization(db, own).await? {
            Some(id) => id,
            None => {
                return Err(Refused::Invalid(vec![FieldError::new(
                    "place_id",
                    "workshop-no-place",
                )]));
            }
        },
    };
    let stop_id = fields
        .one("stop_id")
        .filter(|id| !id.is_empty())
        .map(str::to_owned);
    let resolved = resolve_venue(db, user, &place_id, stop_id.as_deref()).await?;
    if let Some((stop_date, stop_start)) = &resolved.1
        && !fields.has("starts_at")
        && !fields.has("date")
    {
        fields.set("date", stop_date.clone());
        if !fields.has("time") {
            fields.set("time", stop_start.clone());
        }
    }
    let resolved = resolved.0;
    let plan = SessionPlan::parse(
        &fields,
        format.as_ref().map(|f| (f.id.as_str(), &f.format)),
        now,
    )
    .map_err(Refused::Invalid)?;
    let created = db::now();
    let record = SessionRecord {
        id: db::new_id(),
        organization_id: own.as_str().to_owned(),
        format_id: plan.format_id,
        title: plan.title,
        description: plan.description,
        themes: THEMES.set_of(&plan.themes),
        level: plan.level.map(str::to_owned),
        game_kind: plan.game_kind.map(str::to_owned),
        starts_at: plan.starts_at,
        duration_min: i32::try_from(plan.duration_min).unwrap_or(i32::MAX),
        place_id: resolved.place_id,
        stop_id: resolved.stop_id,
        location: resolved.location,
        commune: resolved.commune,
        latitude: resolved.latitude,
        longitude: resolved.longitude,
        capacity: i32::try_from(plan.capacity).unwrap_or(i32::MAX),
        confirmed: 0,
        waiting: 0,
        status: status::PLANNED.to_owned(),
        mediators: plan.mediators,
        walk_ins: 0,
        activity_id: None,
        created_at: created,
        updated_at: created,
    };
    store::insert_session(db, record.clone()).await?;
    Ok(record)
}

/// The venue of a session: one of the structure's places, or one of that
/// place's stops (with the stop's date and start, as typed values).
async fn resolve_venue(
    db: &impl ConnectionTrait,
    user: &User,
    place_id: &str,
    stop_id: Option<&str>,
) -> Result<(Resolved, Option<(String, String)>), Refused> {
    let own = &user.organization_id;
    let place = crate::places::store::find(db, place_id)
        .await?
        .filter(|p| p.organization_id.as_ref() == Some(own))
        .ok_or_else(|| {
            Refused::Invalid(vec![
                FieldError::new("place_id", "activity-place-not-ours").with_value(place_id),
            ])
        })?;
    let p = &place.place;
    let Some(stop_id) = stop_id else {
        return Ok((
            Resolved {
                place_id: p.id.clone(),
                stop_id: None,
                location: format!("{}, {}", p.nom, p.postal_address()),
                commune: p.commune.clone(),
                latitude: p.latitude,
                longitude: p.longitude,
            },
            None,
        ));
    };
    let today = crate::mediation::today();
    let stop = stops_store::of_place(db, &p.id, today)
        .await?
        .into_iter()
        .find(|s| s.id == stop_id)
        .ok_or_else(|| {
            Refused::Invalid(vec![
                FieldError::new("stop_id", "activity-unknown-record").with_value(stop_id),
            ])
        })?;
    let typed = (
        stop.date.format("%d/%m/%Y").to_string(),
        stop.starts.format("%H:%M").to_string(),
    );
    Ok((
        Resolved {
            place_id: p.id.clone(),
            stop_id: Some(stop.id.clone()),
            location: format!("{} — {}", p.nom, stop.where_words()),
            commune: stop.commune.clone(),
            latitude: Some(stop.latitude),
            longitude: Some(stop.longitude),
        },
        Some(typed),
    ))
}

/// Sets a planned session's capacity; more seats go to the first waiting.
/// Fewer seats than people confirmed is refused: nobody loses a seat.
pub async fn set_capacity<C: ConnectionTrait + TransactionTrait>(
    db: &C,
    session: &SessionRecord,
    capacity: u32,
    courier: &Courier,
) -> Result<Vec<String>, Refused> {
    let capacity = i32::try_from(capacity).unwrap_or(i32::MAX);
    let _turn = db::writer_turn(db).await;
    let tx = db.begin().await?;
    store::shift_counts(&tx, &session.id, 0, 0).await?;
    let Some(mut current) = store::find_public(&tx, &session.id).await? else {
        return Err(Refused::Database(DbErr::RecordNotFound(session.id.clone())));
    };
    if capacity < current.confirmed
        || capacity > i32::try_from(super::model::MAX_CAPACITY).unwrap_or(i32::MAX)
        || capacity < 1
    {
        tx.rollback().await?;
        return Err(Refused::Invalid(vec![
            FieldError::new("capacity", "workshop-capacity-below")
                .with_arg("confirmed", current.confirmed)
                .with_arg("max", super::model::MAX_CAPACITY),
        ]));
    }
    current.capacity = capacity;
    store::update_session(&tx, current.clone()).await?;
    let promoted = booking::fill_seats(&tx, &current, courier).await?;
    tx.commit().await?;
    Ok(promoted)
}

/// Cancels a planned session: every live registration is cancelled and told.
pub async fn cancel_session<C: ConnectionTrait + TransactionTrait>(
    db: &C,
    session: &SessionRecord,
    courier: &Courier,
) -> Result<bool, DbErr> {
    let _turn = db::writer_turn(db).await;
    let tx = db.begin().await?;
    store::shift_counts(&tx, &session.id, 0, 0).await?;
    let Some(mut current) = store::find_public(&tx, &session.id).await? else {
        return Ok(false);
    };
    if current.status != status::PLANNED {
        tx.rollback().await?;
        return Ok(false);
    }
    current.status = status::CANCELLED.to_owned();
    current.confirmed = 0;
    current.waiting = 0;
    store::update_session(&tx, current.clone()).await?;
    for mut registration in store::registrations_of(&tx, &session.id).await? {
        if registration.status == seat::CANCELLED {
            continue;
        }
        store::move_registration(&tx, &registration.id, &registration.status, seat::CANCELLED)
            .await?;
        registration.status = seat::CANCELLED.to_owned();
        messages::enqueue(
            &tx,
            courier.reach,
            &courier.origin,
            Kind::Cancelled,
            &current,
            &registration,
            None,
        )
        .await?;
    }
    tx.commit().await?;
    Ok(true)
}
