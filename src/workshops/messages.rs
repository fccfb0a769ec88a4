//! What Maille writes to an inhabitant about a session, in the language
//! they registered in: the confirmation (or their place on the waiting
//! list), the reminder the day before, the promotion when a seat frees,
//! the cancellation. Each carries the link to see or cancel the booking.

use chrono::{Datelike, Timelike};
use chrono_tz::Europe::Paris;
use sea_orm::{ConnectionTrait, DbErr};

use super::store::{RegistrationRecord, SessionRecord, ends_at};
use crate::i18n::{self, Lang};
use crate::outbox::worker::Reach;
use crate::outbox::{self, Message};
use crate::places::hours;

/// Why a message is written.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    Confirmed,
    Waiting,
    Reminder,
    Promoted,
    Cancelled,
}

impl Kind {
    fn code(self) -> &'static str {
        match self {
            Self::Confirmed | Self::Waiting => "confirmation",
            Self::Reminder => "reminder",
            Self::Promoted => "promotion",
            Self::Cancelled => "cancellation",
        }
    }

    fn key(self) -> &'static str {
        match self {
            Self::Confirmed => "message-confirmed",
            Self::Waiting => "message-waiting",
            Self::Reminder => "message-reminder",
            Self::Promoted => "message-promoted",
            Self::Cancelled => "message-cancelled",
        }
    }
}

/// « mardi 15 décembre, de 14 h à 16 h », in French time and the current language.
pub fn when_words(session: &SessionRecord) -> String {
    let start = session.starts_at.with_timezone(&Paris);
    let end = ends_at(session).with_timezone(&Paris);
    let clock = |t: chrono::DateTime<chrono_tz::Tz>| hours::clock(t.hour() as u8, t.minute() as u8);
    i18n::t_with(
        "workshop-when",
        &[
            ("weekday", hours::day_name(start.weekday()).into()),
            ("day", start.day().to_string().into()),
            ("month", hours::month_name(start.month()).into()),
            ("start", clock(start).into()),
            ("end", clock(end).into()),
        ],
    )
}

/// The address of a registration's page, from this instance's `origin`.
pub fn link(origin: &str, registration: &RegistrationRecord) -> String {
    format!("{origin}/inscriptions/{}", registration.link_token)
}

/// Subject and text of a `kind` message, in the current language.
pub fn compose(
    kind: Kind,
    session: &SessionRecord,
    registration: &RegistrationRecord,
    rank: Option<u64>,
    origin: &str,
) -> (String, String) {
    let args = [
        ("name", registration.name.clone().into()),
        ("title", session.title.clone().into()),
        ("when", when_words(session).into()),
        ("where", session.location.clone().into()),
        ("rank", rank.unwrap_or(0).into()),
        ("link", link(origin, registration).into()),
    ];
    let subject = i18n::t_with(&format!("{}-subject", kind.key()), &args);
    let body = i18n::t_with(&format!("{}-body", kind.key()), &args);
    (subject, body)
}

/// Writes a `kind` message about `registration` to the outbox, in the
/// language it was made in — when some channel can reach the person.
pub async fn enqueue(
    db: &impl ConnectionTrait,
    reach: Reach,
    origin: &str,
    kind: Kind,
    session: &SessionRecord,
    registration: &RegistrationRecord,
    rank: Option<u64>,
) -> Result<(), DbErr> {
    let Some((channel, recipient)) =
        reach.choose(registration.email.as_deref(), registration.phone.as_deref())
    else {
        return Ok(());
    };
    let lang = Lang::from_code(&registration.lang).unwrap_or_default();
    let (subject, body) = i18n::speaking(lang, async {
        compose(kind, session, registration, rank, origin)
    })
    .await;
    outbox::enqueue(
        db,
        Message {
            organization_id: crate::organizations::OrganizationId::from_db(
                session.organization_id.clone(),
            ),
            registration_id: Some(registration.id.clone()),
            kind: kind.code(),
            channel,
            recipient,
            subject,
            body,
        },
    )
    .await
}
