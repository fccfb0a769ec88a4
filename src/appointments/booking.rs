//! Use cases of appointments: the free slots of a place, booking one
//! without an account (the slot is then gone for everyone, at once),
//! cancelling from the link, and the mediator's outcome — received (an
//! individual activity recorded in one click) or missed (counted).

use chrono::{DateTime, Utc};
use chrono_tz::Europe::Paris;
use sea_orm::{ConnectionTrait, DbErr, TransactionSession, TransactionTrait};

use super::model::{BookingRequest, Slot};
use super::store::{self, BookingRecord, ScheduleRecord, status};
use crate::accounts::User;
use crate::db;
use crate::i18n::{self, Lang};
use crate::mediation::fields::Fields;
use crate::mediation::record;
use crate::mediation::store::ActivityRecord;
use crate::outbox::{self, Message};
use crate::places::hours::{self, Hours};
use crate::validation::FieldError;
use crate::workshops::booking::Courier;

/// How far ahead slots are offered.
pub const AHEAD_DAYS: i64 = 42;

/// The free slots of `schedule` between `from` and `to`, in order.
pub async fn free_slots(
    db: &impl ConnectionTrait,
    schedule: &ScheduleRecord,
    from: DateTime<Utc>,
    to: DateTime<Utc>,
) -> Result<Vec<Slot>, DbErr> {
    let taken = store::taken(db, &schedule.place_id, from, to).await?;
    Ok(slots(schedule, from, to)
        .into_iter()
        .filter(|slot| !taken.contains(&slot.starts_at))
        .collect())
}

/// Every slot of `schedule` starting between `from` and `to`: each open
/// span cut in whole slots from its start.
pub fn slots(schedule: &ScheduleRecord, from: DateTime<Utc>, to: DateTime<Utc>) -> Vec<Slot> {
    let Ok(hours) = Hours::parse(&schedule.hours, Paris) else {
        return Vec::new();
    };
    let length = chrono::Duration::minutes(i64::from(schedule.slot_min.max(5)));
    let mut found = Vec::new();
    // Spans that began before `from` still give their later slots.
    for (start, end) in hours.open_spans(from - chrono::Duration::hours(12), to) {
        let mut at = start;
        while at + length <= end {
            if at >= from && at < to {
                found.push(Slot {
                    schedule_id: schedule.id.clone(),
                    starts_at: at,
                    duration_min: u32::try_from(schedule.slot_min).unwrap_or(30),
                });
            }
            at += length;
        }
    }
    found
}

/// Why a booking was not made.
#[derive(Debug)]
pub enum Refused {
    Invalid(Vec<FieldError>),
    /// Someone else took the slot first.
    Taken,
    Database(DbErr),
}

impl From<DbErr> for Refused {
    fn from(err: DbErr) -> Self {
        Self::Database(err)
    }
}

/// « mardi 15 décembre à 14 h », in French time and the current language.
pub fn when_words(at: DateTime<Utc>) -> String {
    use chrono::{Datelike, Timelike};
    let local = at.with_timezone(&Paris);
    i18n::t_with(
        "appointment-when",
        &[
            ("weekday", hours::day_name(local.weekday()).into()),
            ("day", local.day().to_string().into()),
            ("month", hours::month_name(local.month()).into()),
            (
                "time",
                hours::clock(local.hour() as u8, local.minute() as u8).into(),
            ),
        ],
    )
}

/// The address of a booking's page.
pub fn link(origin: &str, booking: &BookingRecord) -> String {
    format!("{origin}/rendez-vous/{}", booking.link_token)
}

/// Where the place is, in words.
async fn where_words(db: &impl ConnectionTrait, place: &str) -> Result<String, DbErr> {
    Ok(crate::places::store::find(db, place)
        .await?
        .map(|p| format!("{}, {}", p.place.nom, p.place.postal_address()))
        .unwrap_or_default())
}

/// Writes a message about `booking` (`confirmed`, `reminder`, `cancelled`).
pub async fn enqueue(
    db: &impl ConnectionTrait,
    courier: &Courier,
    kind: &'static str,
    booking: &BookingRecord,
) -> Result<(), DbErr> {
    let Some((channel, recipient)) = courier
        .reach
        .choose(booking.email.as_deref(), booking.phone.as_deref())
    else {
        return Ok(());
    };
    let place = where_words(db, &booking.place_id).await?;
    let lang = Lang::from_code(&booking.lang).unwrap_or_default();
    let (subject, body) = i18n::speaking(lang, async {
        let args = [
            ("name", booking.name.clone().into()),
            ("when", when_words(booking.starts_at).into()),
            ("where", place.into()),
            ("link", link(&courier.origin, booking).into()),
        ];
        (
            i18n::t_with(&format!("message-appointment-{kind}-subject"), &args),
            i18n::t_with(&format!("message-appointment-{kind}-body"), &args),
        )
    })
    .await;
    outbox::enqueue(
        db,
        Message {
            organization_id: crate::organizations::OrganizationId::from_db(
                booking.organization_id.clone(),
            ),
            registration_id: Some(booking.id.clone()),
            kind: match kind {
                "reminder" => "reminder",
                "cancelled" => "cancellation",
                _ => "confirmation",
            },
            channel,
            recipient,
            subject,
            body,
        },
    )
    .await
}

/// Books the slot `fields` name, if it is one of its schedule's and free.
pub async fn book<C: ConnectionTrait + TransactionTrait>(
    db: &C,
    fields: &Fields,
    courier: &Courier,
    now: DateTime<Utc>,
) -> Result<BookingRecord, Refused> {
    let request = BookingRequest::parse(fields).map_err(Refused::Invalid)?;
    let unknown = || Refused::Invalid(vec![FieldError::new("slot_id", "booking-slot-unknown")]);
    let schedule = store::find_schedule(db, &request.schedule_id)
        .await?
        .ok_or_else(unknown)?;
    // A slot of this schedule, to come: its hours say so, not the client.
    let day = chrono::Duration::days(1);
    let offered = slots(&schedule, request.starts_at - day, request.starts_at + day);
    let Some(slot) = offered
        .into_iter()
        .find(|s| s.starts_at == request.starts_at)
        .filter(|s| s.starts_at > now)
    else {
        return Err(unknown());
    };
    let created = db::now();
    let booking = BookingRecord {
        id: db::new_id(),
        organization_id: schedule.organization_id.clone(),
        schedule_id: schedule.id.clone(),
        place_id: schedule.place_id.clone(),
        starts_at: slot.starts_at,
        duration_min: i32::try_from(slot.duration_min).unwrap_or(30),
        // The slot's own id: one key per slot, whoever computes it.
        slot_key: Some(slot.id()),
        status: status::BOOKED.to_owned(),
        reason: request.reason.to_owned(),
        name: request.contact.name,
        phone: request.contact.phone,
        email: request.contact.email,
        link_token: crate::web::random::token(),
        lang: i18n::current().code().to_owned(),
        reminded_at: None,
        activity_id: None,
        created_at: created,
        updated_at: created,
    };
    let _turn = db::writer_turn(db).await;
    let tx = db.begin().await?;
    if let Err(err) = store::insert_booking(&tx, booking.clone()).await {
        tx.rollback().await?;
        return Err(if db::is_unique_violation(&err) {
            Refused::Taken
        } else {
            err.into()
        });
    }
    enqueue(&tx, courier, "confirmed", &booking).await?;
    tx.commit().await?;
    Ok(booking)
}

/// Cancels a booking (by its link or by a mediator): `false` when it was
/// not booked any more.
pub async fn cancel<C: ConnectionTrait + TransactionTrait>(
    db: &C,
    booking: &BookingRecord,
    courier: &Courier,
) -> Result<bool, DbErr> {
    let _turn = db::writer_turn(db).await;
    let tx = db.begin().await?;
    if !store::move_booking(&tx, &booking.id, status::BOOKED, status::CANCELLED, None).await? {
        tx.rollback().await?;
        return Ok(false);
    }
    enqueue(&tx, courier, "cancelled", booking).await?;
    tx.commit().await?;
    Ok(true)
}

/// The person came: records the individual activity (reason as theme,
/// the slot's length, the place) and marks the booking held, at once.
pub async fn held<C: ConnectionTrait + TransactionTrait>(
    db: &C,
    user: &User,
    booking: &BookingRecord,
    now: DateTime<Utc>,
) -> Result<Option<ActivityRecord>, record::Refused> {
    if booking.status != status::BOOKED || booking.starts_at > now {
        return Ok(None);
    }
    let mut fields = Fields::default();
    fields.set("type", "Individuel");
    fields.set(
        "date",
        booking
            .starts_at
            .with_timezone(&Paris)
            .date_naive()
            .to_string(),
    );
    fields.set("duration_min", booking.duration_min.to_string());
    fields.set("place_kind", "LieuActivite");
    fields.set("place_id", booking.place_id.clone());
    fields.set("themes", booking.reason.clone());
    let today = now.with_timezone(&Paris).date_naive();
    let tx = db.begin().await?;
    let activity = record::record(&tx, user, &fields, today).await?;
    if !store::move_booking(
        &tx,
        &booking.id,
        status::BOOKED,
        status::HELD,
        Some(&activity.id),
    )
    .await?
    {
        tx.rollback().await?;
        return Ok(None);
    }
    tx.commit().await?;
    Ok(Some(activity))
}

/// The person did not come: counted.
pub async fn missed(db: &impl ConnectionTrait, booking: &BookingRecord) -> Result<bool, DbErr> {
    store::move_booking(db, &booking.id, status::BOOKED, status::MISSED, None).await
}

/// Writes tomorrow's reminders of appointments; returns how many.
pub async fn enqueue_reminders(
    db: &sea_orm::DatabaseConnection,
    courier: &Courier,
    now: DateTime<Utc>,
) -> Result<usize, DbErr> {
    let due = store::due_reminders(db, now, now + chrono::Duration::hours(24)).await?;
    let mut written = 0;
    for booking in due {
        let courier = courier.clone();
        let reminded = db::write(db, move |tx| {
            Box::pin(async move {
                if !store::mark_reminded(tx, &booking.id).await? {
                    return Ok(false);
                }
                enqueue(tx, &courier, "reminder", &booking).await?;
                Ok::<_, DbErr>(true)
            })
        })
        .await?;
        written += usize::from(reminded);
    }
    Ok(written)
}
