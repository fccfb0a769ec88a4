//! The mediation pages under `/espace`: activities (record, list, edit,
//! export), people followed (with their consent) and figures.

use axum::Router;

use crate::app::AppState;

pub mod activities;
pub mod activity_form;
pub mod chart;
pub mod export;
pub mod figures;
pub mod people;
mod people_views;

pub fn router() -> Router<AppState> {
    Router::new()
        .merge(activities::router())
        .merge(people::router())
        .merge(figures::router())
}
