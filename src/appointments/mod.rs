//! Appointments: a structure says when its mediators receive at each
//! place (its hours, typed in words, and a slot length); an inhabitant
//! picks a reason and a free slot and books it without an account — the
//! slot is then gone for everyone; the mediator's agenda shows the day, a
//! person received becomes an individual activity in one click, and
//! missed appointments are counted.
//!
//! - the model: `model` (schedule, slot, booking request);
//! - storage: `store` (a booking holds its slot by a unique key);
//! - use cases: `booking` (free slots, book, cancel, received, missed, reminders);
//! - edges: `public` (`/rendez-vous`, `/lieux/{id}/rendez-vous`), `staff`
//!   (`/espace/rendez-vous`), `api` (`/api/v1/slots`, `/api/v1/bookings`).

pub mod api;
pub mod booking;
pub mod demo;
pub mod model;
pub mod public;
pub mod staff;
pub mod store;
