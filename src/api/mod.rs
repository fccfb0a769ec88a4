//! The JSON API under `/api`: its OpenAPI document, and errors as problem
//! details everywhere below `/api` — unknown paths and wrong methods too.
//! Each feature keeps its own endpoints (`places::api`); this module mounts
//! them and describes them together.

pub mod caller;
pub mod openapi;

use std::any::Any;

use axum::Router;
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use tower_http::catch_panic::CatchPanicLayer;

use crate::app::AppState;
use crate::web::problem;
use crate::{appointments, coverage, equipment, mediation, places, workshops};

/// Where the API is mounted.
pub const PREFIX: &str = "/api";

/// Whether `path` is the API's (its answers are problem documents, never pages).
pub fn is_api_path(path: &str) -> bool {
    path.strip_prefix(PREFIX)
        .is_some_and(|rest| rest.is_empty() || rest.starts_with('/'))
}

/// Everything under `/api` (to be nested at [`PREFIX`]).
pub fn router() -> Router<AppState> {
    Router::new()
        .route("/openapi.json", get(openapi::serve))
        .merge(places::api::router())
        .merge(coverage::api::router())
        .merge(mediation::api::router())
        .merge(workshops::api::router())
        .merge(appointments::api::router())
        .merge(equipment::api::router())
        .fallback(problem::not_found)
        .method_not_allowed_fallback(problem::method_not_allowed)
        // Inside the application's own handler, which answers with a page.
        .layer(CatchPanicLayer::custom(problem_on_panic))
}

/// A bug in an API handler: a 500 problem document (the cause is logged).
fn problem_on_panic(_: Box<dyn Any + Send + 'static>) -> Response {
    problem::ApiError::Internal("panic in an API handler".into()).into_response()
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::body::Body;
    use axum::extract::Request;
    use axum::http::{StatusCode, header};
    use tower::ServiceExt;

    #[test]
    fn only_paths_below_the_prefix_are_the_apis() {
        assert!(is_api_path("/api"));
        assert!(is_api_path("/api/v1/places"));
        assert!(!is_api_path("/apiculture"));
        assert!(!is_api_path("/lieux"));
    }

    #[tokio::test]
    async fn a_panic_in_an_api_handler_is_answered_with_a_problem_document() {
        async fn broken() -> &'static str {
            panic!("a bug")
        }
        let app = Router::new()
            .route("/casse", get(broken))
            .layer(CatchPanicLayer::custom(problem_on_panic));
        let request = Request::get("/casse").body(Body::empty()).unwrap();
        let response = app.oneshot(request).await.unwrap();
        assert_eq!(response.status(), StatusCode::INTERNAL_SERVER_ERROR);
        assert_eq!(
            response.headers()[header::CONTENT_TYPE],
            "application/problem+json"
        );
    }
}
