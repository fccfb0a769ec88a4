//! The staff pages of places, under `/espace/lieux`: a structure's places
//! (`places`), an itinerant place's stops (`stops`), and imports of
//! national-schema files (`import`); their templates are in `views`.

use axum::Router;

use crate::app::AppState;

pub mod hours_grid;
pub mod import;
pub mod places;
pub mod stops;
pub mod views;

/// Every staff page of places.
pub fn router() -> Router<AppState> {
    Router::new()
        .merge(places::router())
        .merge(stops::router())
        .merge(import::router())
}
