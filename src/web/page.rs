//! Rendering a page template into a response.

use askama::Template;
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Response};

use crate::error::AppError;

/// Renders `template` with status 200.
pub fn render(template: &impl Template) -> Result<Response, AppError> {
    render_with(StatusCode::OK, template)
}

/// Renders a form sent back to be corrected, with 422: the form keeps what
/// was typed and says, next to each refused field, what is expected.
pub fn render_refused(template: &impl Template) -> Result<Response, AppError> {
    render_with(StatusCode::UNPROCESSABLE_ENTITY, template)
}

/// Renders `template` with `status` (429 when locked out…).
pub fn render_with(status: StatusCode, template: &impl Template) -> Result<Response, AppError> {
    Ok((status, Html(template.render()?)).into_response())
}
