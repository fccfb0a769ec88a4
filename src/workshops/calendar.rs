//! Calendar files (RFC 5545) that the usual calendar applications open:
//! one session, one booking (with its link), and a structure's feed of
//! sessions to come, which a family subscribes to from a phone. Times are
//! written in UTC, which every application converts to local time.

use icalendar::{Calendar, Component, Event, EventLike, EventStatus};

use super::messages::link;
use super::store::{RegistrationRecord, SessionRecord, ends_at, status};
use crate::i18n;

/// The media type of a calendar file.
pub const CONTENT_TYPE: &str = "text/calendar; charset=utf-8";

/// A calendar file as a download named `name.ics`.
pub fn attachment(body: String, name: &str) -> axum::response::Response {
    use axum::http::header;
    use axum::response::IntoResponse;
    (
        [
            (header::CONTENT_TYPE, CONTENT_TYPE.to_owned()),
            (
                header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"{name}.ics\""),
            ),
        ],
        body,
    )
        .into_response()
}

/// One session as an event; `url` is its public page.
fn event(session: &SessionRecord, url: &str) -> Event {
    let mut event = Event::new();
    event
        .uid(&format!("{}@maille", session.id))
        .timestamp(session.updated_at)
        .summary(&session.title)
        .starts(session.starts_at)
        .ends(ends_at(session))
        .location(&session.location)
        .url(url);
    if !session.description.is_empty() {
        event.description(&session.description);
    }
    if session.status == status::CANCELLED {
        event.status(EventStatus::Cancelled);
    } else {
        event.status(EventStatus::Confirmed);
    }
    event.done()
}

fn calendar(name: &str, events: impl IntoIterator<Item = Event>) -> String {
    let mut calendar = Calendar::new();
    calendar.name(name);
    for event in events {
        calendar.push(event);
    }
    calendar.done().to_string()
}

/// A session's calendar file.
pub fn of_session(session: &SessionRecord, origin: &str) -> String {
    let url = format!("{origin}/ateliers/{}", session.id);
    calendar(&session.title, [event(session, &url)])
}

/// A booking's calendar file: the session, and the link to cancel in its
/// description.
pub fn of_booking(
    session: &SessionRecord,
    registration: &RegistrationRecord,
    origin: &str,
) -> String {
    let url = link(origin, registration);
    let mut event = event(session, &url);
    let cancel = i18n::t_with("calendar-booking-note", &[("link", url.clone().into())]);
    let description = if session.description.is_empty() {
        cancel
    } else {
        format!("{}\n\n{cancel}", session.description)
    };
    event.description(&description);
    calendar(&session.title, [event])
}

/// A structure's feed: its sessions to come (cancelled ones marked so, so
/// that subscribed calendars drop them).
pub fn feed(name: &str, sessions: &[SessionRecord], origin: &str) -> String {
    calendar(
        name,
        sessions
            .iter()
            .map(|s| event(s, &format!("{origin}/ateliers/{}", s.id))),
    )
}
