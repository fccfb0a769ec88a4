//! Workshops: a structure's formats and dated sessions — including
//! media-education games — that inhabitants find near them and register
//! to without an account, with a waiting list, messages and calendars;
//! attendance turns a session into the collective activity of the
//! national model.
//!
//! - the model: `model` (format, session, contact — parsed once);
//! - storage: `store` (seat counters moved by conditional updates);
//! - use cases: `planning` (formats, sessions, capacity, cancellation),
//!   `booking` (register, cancel, promote), `attendance`, `reminders`;
//! - words and files: `messages` (to inhabitants, through the outbox),
//!   `calendar` (`.ics`);
//! - edges: `public` (`/ateliers`, `/inscriptions/…`), `staff`
//!   (`/espace/ateliers…`), `api` (`/api/v1/sessions…`), `demo`.

pub mod api;
pub mod attendance;
pub mod booking;
pub mod calendar;
pub mod demo;
pub mod messages;
pub mod model;
pub mod planning;
pub mod public;
pub mod reminders;
pub mod staff;
pub mod store;
pub mod upcoming;
