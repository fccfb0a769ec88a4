//! API errors as RFC 9457 problem details (`application/problem+json`), in
//! the request's language (French by default), naming each parameter at fault: a client fixes its request in one
//! pass, and never meets a plain-text or HTML error from the API.

use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde::Serialize;
use utoipa::ToSchema;

use crate::i18n::{self, FluentValue};
use crate::validation::{FieldError, InvalidParam};

/// The media type of every API error.
pub const PROBLEM_JSON: &str = "application/problem+json";

/// An RFC 9457 problem: `type`, `title`, `status`, `detail`, and for refused
/// parameters the `errors` extension listing each of them.
#[derive(Debug, Serialize, ToSchema)]
pub struct Problem {
    /// Always `about:blank`: the status and title say what happened.
    #[serde(rename = "type")]
    pub kind: String,
    /// A short summary in French.
    pub title: String,
    /// The HTTP status code.
    pub status: u16,
    /// What happened and what to do, in French.
    pub detail: String,
    /// Each refused parameter or field (400 and 422).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub errors: Vec<InvalidParam>,
}

/// Everything an API request can fail with.
#[derive(Debug)]
pub enum ApiError {
    /// Parameters missing, malformed or out of range.
    InvalidParams(Vec<FieldError>),
    /// A body read, its fields refused (422): each named with why.
    Unprocessable(Vec<FieldError>),
    /// No valid token nor session (401, `WWW-Authenticate: Bearer`).
    Unauthorized,
    /// Authenticated, not allowed: another role's work, or a cookie write
    /// without its CSRF token or from another site.
    Forbidden,
    /// A body that is not JSON, or bigger than the API reads.
    UnreadableBody,
    /// Nothing at this address (or no such place, commune…): the detail,
    /// worded in the request's language, says what.
    NotFound(String),
    /// The request conflicts with the resource's state (a session closed
    /// to registrations, a slot just taken): the detail says what.
    Conflict(String),
    /// The path exists, not with this method.
    MethodNotAllowed,
    /// A fault on our side: logged, never shown.
    Internal(String),
    /// No answer within the request deadline.
    Unavailable,
    /// A request line longer than the server reads.
    UriTooLong,
    /// Headers bigger than the server reads.
    HeadersTooLarge,
    /// A request that cannot be read (a malformed header, an address that
    /// is not UTF-8 once decoded).
    MalformedRequest,
    /// Too many requests from this client: try again after `retry_after` seconds.
    TooManyRequests { retry_after: u64 },
}

impl From<crate::equipment::pdf::PdfError> for ApiError {
    fn from(err: crate::equipment::pdf::PdfError) -> Self {
        Self::Internal(format!("PDF : {err}"))
    }
}

impl From<tokio::task::JoinError> for ApiError {
    fn from(err: tokio::task::JoinError) -> Self {
        Self::Internal(format!("tâche interrompue : {err}"))
    }
}

impl From<sea_orm::DbErr> for ApiError {
    fn from(err: sea_orm::DbErr) -> Self {
        Self::Internal(format!("base de données : {err}"))
    }
}

impl ApiError {
    /// A request refused for one parameter.
    pub fn invalid(error: FieldError) -> Self {
        Self::InvalidParams(vec![error])
    }

    fn problem(&self) -> Problem {
        let (status, key, args, errors): (
            StatusCode,
            &str,
            Vec<(&'static str, FluentValue<'static>)>,
            Vec<InvalidParam>,
        ) = match self {
            Self::InvalidParams(errors) => (
                StatusCode::BAD_REQUEST,
                "problem-invalid-params",
                vec![("count", errors.len().into())],
                errors.iter().map(InvalidParam::from).collect(),
            ),
            Self::Unprocessable(errors) => (
                StatusCode::UNPROCESSABLE_ENTITY,
                "problem-unprocessable",
                vec![("count", errors.len().into())],
                errors.iter().map(InvalidParam::from).collect(),
            ),
            Self::Unauthorized => (
                StatusCode::UNAUTHORIZED,
                "problem-unauthorized",
                Vec::new(),
                Vec::new(),
            ),
            Self::Forbidden => (
                StatusCode::FORBIDDEN,
                "problem-forbidden",
                Vec::new(),
                Vec::new(),
            ),
            Self::UnreadableBody => (
                StatusCode::BAD_REQUEST,
                "problem-unreadable-body",
                Vec::new(),
                Vec::new(),
            ),
            Self::NotFound(_) => (
                StatusCode::NOT_FOUND,
                "problem-not-found",
                Vec::new(),
                Vec::new(),
            ),
            Self::Conflict(_) => (
                StatusCode::CONFLICT,
                "problem-conflict",
                Vec::new(),
                Vec::new(),
            ),
            Self::MethodNotAllowed => (
                StatusCode::METHOD_NOT_ALLOWED,
                "problem-method",
                Vec::new(),
                Vec::new(),
            ),
            Self::Unavailable => (
                StatusCode::SERVICE_UNAVAILABLE,
                "problem-unavailable",
                Vec::new(),
                Vec::new(),
            ),
            Self::UriTooLong => (
                StatusCode::URI_TOO_LONG,
                "problem-uri-too-long",
                Vec::new(),
                Vec::new(),
            ),
            Self::HeadersTooLarge => (
                StatusCode::REQUEST_HEADER_FIELDS_TOO_LARGE,
                "problem-headers-too-large",
                Vec::new(),
                Vec::new(),
            ),
            Self::MalformedRequest => (
                StatusCode::BAD_REQUEST,
                "problem-malformed",
                Vec::new(),
                Vec::new(),
            ),
            Self::TooManyRequests { retry_after } => (
                StatusCode::TOO_MANY_REQUESTS,
                "problem-too-many",
                vec![("seconds", retry_after.to_string().into())],
                Vec::new(),
            ),
            Self::Internal(_) => (
                StatusCode::INTERNAL_SERVER_ERROR,
                "problem-server",
                Vec::new(),
                Vec::new(),
            ),
        };
        let title = i18n::t(&format!("{key}-title"));
        let detail = match self {
            // Already worded where the resource was missed, in this language.
            Self::NotFound(detail) | Self::Conflict(detail) => detail.clone(),
            _ => i18n::t_with(key, &args),
        };
        Problem {
            kind: "about:blank".to_owned(),
            title,
            status: status.as_u16(),
            detail,
            errors,
        }
    }
}

impl ApiError {
    /// The problem document, serialised.
    pub fn body(&self) -> Vec<u8> {
        serde_json::to_vec(&self.problem()).unwrap_or_default()
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        if let Self::Internal(cause) = &self {
            tracing::error!(error = %cause, "erreur interne (API)");
        }
        let status = StatusCode::from_u16(self.problem().status)
            .unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
        let mut response = (status, self.body()).into_response();
        response
            .headers_mut()
            .insert(header::CONTENT_TYPE, HeaderValue::from_static(PROBLEM_JSON));
        if matches!(self, Self::Unauthorized) {
            response
                .headers_mut()
                .insert(header::WWW_AUTHENTICATE, HeaderValue::from_static("Bearer"));
        }
        if let Self::TooManyRequests { retry_after } = self {
            response
                .headers_mut()
                .insert(header::RETRY_AFTER, HeaderValue::from(retry_after));
        }
        response
    }
}

/// Like `axum::extract::Path`, failing with a problem document rather than
/// axum's plain text.
#[derive(axum::extract::FromRequestParts)]
#[from_request(via(axum::extract::Path), rejection(ApiError))]
pub struct ApiPath<T>(pub T);

impl From<axum::extract::rejection::PathRejection> for ApiError {
    fn from(rejection: axum::extract::rejection::PathRejection) -> Self {
        tracing::info!(%rejection, "chemin illisible (API)");
        Self::MalformedRequest
    }
}

/// The API's answer to unknown paths.
pub async fn not_found() -> ApiError {
    ApiError::NotFound(i18n::t("problem-no-resource"))
}

/// The API's answer to a known path used with the wrong method.
pub async fn method_not_allowed() -> ApiError {
    ApiError::MethodNotAllowed
}
