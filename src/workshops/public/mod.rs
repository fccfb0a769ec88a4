//! The public workshop pages: `/ateliers` (sessions near a commune),
//! `/ateliers/{id}` (one session, its registration form, its poster and
//! calendar file), `/inscriptions/{link}` (a booking, to see or cancel),
//! and a structure's calendar feed. No account, no JavaScript, no cookie.

pub mod routes;
pub mod views;

pub use routes::router;
