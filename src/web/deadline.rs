//! Every request is answered within a bounded time. Past it, a person gets
//! the French error page and an API client a problem document, both saying
//! to try again — not the empty 503 of a generic timeout layer, which the
//! API's rule (never an answer that is not JSON) forbids.

use std::time::Duration;

use axum::extract::Request;
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

use crate::error::AppError;
use crate::web::problem::ApiError;

/// How long a request may take.
pub const REQUEST_DEADLINE: Duration = Duration::from_secs(30);

/// Middleware: the request's answer, or « try again » past the deadline.
pub async fn within_deadline(request: Request, next: Next) -> Response {
    let api = crate::api::is_api_path(request.uri().path());
    match tokio::time::timeout(REQUEST_DEADLINE, next.run(request)).await {
        Ok(response) => response,
        Err(_) if api => ApiError::Unavailable.into_response(),
        Err(_) => AppError::Unavailable.into_response(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::Router;
    use axum::body::Body;
    use axum::http::{StatusCode, header};
    use axum::middleware::from_fn;
    use axum::routing::get;
    use tower::ServiceExt;

    async fn answer_to(path: &str) -> (StatusCode, String, String) {
        let forever = || async {
            tokio::time::sleep(REQUEST_DEADLINE * 2).await;
            "trop tard"
        };
        let app = Router::new()
            .route("/lent", get(forever))
            .route("/api/v1/lent", get(forever))
            .layer(from_fn(within_deadline));
        let request = Request::get(path).body(Body::empty()).unwrap();
        let response = app.oneshot(request).await.unwrap();
        let status = response.status();
        let kind = response.headers()[header::CONTENT_TYPE]
            .to_str()
            .unwrap()
            .to_owned();
        let body = axum::body::to_bytes(response.into_body(), 1 << 20)
            .await
            .unwrap();
        (status, kind, String::from_utf8_lossy(&body).into_owned())
    }

    #[tokio::test(start_paused = true)]
    async fn a_page_too_slow_to_answer_says_so_in_french() {
        let (status, kind, body) = answer_to("/lent").await;
        assert_eq!(status, StatusCode::SERVICE_UNAVAILABLE);
        assert!(kind.starts_with("text/html"), "{kind}");
        assert!(body.contains("Réessayez"), "{body}");
    }

    #[tokio::test(start_paused = true)]
    async fn an_api_request_too_slow_to_answer_gets_a_problem_document() {
        let (status, kind, body) = answer_to("/api/v1/lent").await;
        assert_eq!(status, StatusCode::SERVICE_UNAVAILABLE);
        assert_eq!(kind, "application/problem+json");
        let problem: serde_json::Value = serde_json::from_str(&body).unwrap();
        assert_eq!(problem["status"], 503);
        assert!(problem["detail"].as_str().unwrap().contains("Réessayez"));
    }
}
