//! `/espace/ateliers…`: a structure's workshops for its mediators — the
//! sessions to come, formats, planning a session, a session's list
//! (register someone on the phone, cancel for them, more seats) and taking
//! attendance on a phone, which records the activity.

pub mod forms;
pub mod sessions;
pub mod views;

use axum::Router;

use crate::app::AppState;

pub fn router() -> Router<AppState> {
    Router::new()
        .merge(forms::router())
        .merge(sessions::router())
}
