//! Rendering a page template into a response.

use askama::Template;
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Response};

use crate::error::AppError;

/// Renders `template` with status 200.
pub fn render(template: &impl Template) -> Result<Response, AppError> {
    render_with(StatusCode::OK, template)
}

/// Renders `template` with `status` (422 for a refused form, 429 when locked out…).
pub fn render_with(status: StatusCode, template: &impl Template) -> Result<Response, AppError> {
    let html = template
        .render()
        .map_err(|e| AppError::Internal(format!("template: {e}")))?;
    Ok((status, Html(html)).into_response())
}
