//! The JSON API under `/api`: its OpenAPI document, and errors as problem
//! details everywhere below `/api` — unknown paths and wrong methods too.
//! Each feature keeps its own endpoints (`places::api`); this module mounts
//! them and describes them together.

pub mod openapi;
pub mod params;
pub mod problem;

use axum::Router;
use axum::routing::get;

use crate::app::AppState;
use crate::{coverage, places};

/// Everything under `/api` (to be nested there).
pub fn router() -> Router<AppState> {
    Router::new()
        .route("/openapi.json", get(openapi::serve))
        .merge(places::api::router())
        .merge(coverage::api::router())
        .fallback(problem::not_found)
        .method_not_allowed_fallback(problem::method_not_allowed)
}
