//! The reminder the day before: once a minute, the server writes a
//! reminder to the outbox for each confirmed registration of a session
//! starting within 24 hours that was not reminded yet — each marked in the
//! same transaction, so a reminder is written once even if two rounds meet.

use chrono::{DateTime, Utc};
use sea_orm::{DatabaseConnection, DbErr};

use super::booking::Courier;
use super::messages::{self, Kind};
use super::store;

/// How long before a session its reminder goes.
pub const AHEAD_HOURS: i64 = 24;
/// Reminders written per round.
const BATCH: u64 = 500;

/// Writes the reminders due at `now`; returns how many.
pub async fn enqueue_due(
    db: &DatabaseConnection,
    courier: &Courier,
    now: DateTime<Utc>,
) -> Result<usize, DbErr> {
    let due =
        store::due_reminders(db, now, now + chrono::Duration::hours(AHEAD_HOURS), BATCH).await?;
    let mut written = 0;
    for (registration, session) in due {
        let courier = courier.clone();
        // One transaction each, in the writers' turn: registrations meanwhile
        // wait for one reminder, not for the round.
        let reminded = crate::db::write(db, move |tx| {
            Box::pin(async move {
                if !store::mark_reminded(tx, &registration.id).await? {
                    return Ok(false);
                }
                messages::enqueue(
                    tx,
                    courier.reach,
                    &courier.origin,
                    Kind::Reminder,
                    &session,
                    &registration,
                    None,
                )
                .await?;
                Ok::<_, DbErr>(true)
            })
        })
        .await?;
        written += usize::from(reminded);
    }
    Ok(written)
}
