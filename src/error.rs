//! One error type for every handler, turned into an error page in the
//! request's language (French by default).
//!
//! Internal details (database errors, bugs) are logged, never shown.

use askama::Template;
use axum::http::{StatusCode, header};
use axum::response::{Html, IntoResponse, Redirect, Response};
use sea_orm::DbErr;

use crate::i18n;
use crate::web::Chrome;

/// Everything a request can fail with.
#[derive(Debug, thiserror::Error)]
pub enum AppError {
    #[error("page introuvable")]
    NotFound,
    #[error("accès refusé")]
    Forbidden,
    #[error("connexion requise")]
    LoginRequired,
    #[error("jeton anti-falsification absent ou invalide")]
    CsrfRejected,
    #[error("requête illisible")]
    BadRequest,
    #[error("conflit avec une donnée existante")]
    Conflict,
    #[error("contenu trop volumineux")]
    PayloadTooLarge,
    #[error("méthode non autorisée")]
    MethodNotAllowed,
    #[error("délai de réponse dépassé")]
    Unavailable,
    #[error("adresse trop longue")]
    UriTooLong,
    #[error("en-têtes trop volumineux")]
    HeadersTooLarge,
    #[error("requête mal formée")]
    MalformedRequest,
    #[error("trop de requêtes")]
    TooManyRequests {
        /// Seconds until the client may try again (the `Retry-After` header).
        retry_after: u64,
    },
    #[error("base de données : {0}")]
    Database(#[from] DbErr),
    #[error("session : {0}")]
    Session(#[from] tower_sessions::session::Error),
    #[error("gabarit : {0}")]
    Template(#[from] askama::Error),
    #[error("tâche interrompue : {0}")]
    Join(#[from] tokio::task::JoinError),
    #[error("CSV : {0}")]
    Csv(#[from] csv::Error),
    #[error("fichier : {0}")]
    Io(#[from] std::io::Error),
    #[error("{0}")]
    Password(#[from] crate::accounts::password::PasswordError),
    #[error("PDF : {0}")]
    Pdf(#[from] crate::equipment::pdf::PdfError),
    #[error("{0}")]
    Internal(String),
}

#[derive(Template)]
#[template(path = "error.html")]
struct ErrorPage {
    chrome: Chrome,
    status: u16,
    title: String,
    explanation: String,
}

impl AppError {
    fn status(&self) -> StatusCode {
        match self {
            Self::NotFound => StatusCode::NOT_FOUND,
            Self::Forbidden | Self::CsrfRejected => StatusCode::FORBIDDEN,
            Self::LoginRequired => StatusCode::SEE_OTHER,
            Self::BadRequest => StatusCode::UNPROCESSABLE_ENTITY,
            Self::Conflict => StatusCode::CONFLICT,
            Self::PayloadTooLarge => StatusCode::PAYLOAD_TOO_LARGE,
            Self::MethodNotAllowed => StatusCode::METHOD_NOT_ALLOWED,
            Self::Unavailable => StatusCode::SERVICE_UNAVAILABLE,
            Self::UriTooLong => StatusCode::URI_TOO_LONG,
            Self::HeadersTooLarge => StatusCode::REQUEST_HEADER_FIELDS_TOO_LARGE,
            Self::MalformedRequest => StatusCode::BAD_REQUEST,
            Self::TooManyRequests { .. } => StatusCode::TOO_MANY_REQUESTS,
            Self::Database(_)
            | Self::Session(_)
            | Self::Template(_)
            | Self::Join(_)
            | Self::Csv(_)
            | Self::Io(_)
            | Self::Password(_)
            | Self::Pdf(_)
            | Self::Internal(_) => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }

    /// The catalogue key of the page's explanation; its title is the same
    /// key with `-title` (as the API's problem documents do).
    fn key(&self) -> &'static str {
        match self {
            Self::NotFound => "error-not-found",
            Self::Forbidden => "error-forbidden",
            Self::CsrfRejected => "error-csrf",
            Self::BadRequest => "error-bad-request",
            Self::Conflict => "error-conflict",
            Self::PayloadTooLarge => "error-too-large",
            Self::MethodNotAllowed => "error-method",
            Self::Unavailable => "error-unavailable",
            Self::UriTooLong => "error-uri-too-long",
            Self::HeadersTooLarge => "error-headers-too-large",
            Self::MalformedRequest => "error-malformed",
            Self::TooManyRequests { .. } => "error-too-many",
            Self::LoginRequired
            | Self::Database(_)
            | Self::Session(_)
            | Self::Template(_)
            | Self::Join(_)
            | Self::Csv(_)
            | Self::Io(_)
            | Self::Password(_)
            | Self::Pdf(_)
            | Self::Internal(_) => "error-server",
        }
    }
}

impl AppError {
    /// The error page for this error, as HTML, in the request's language.
    pub fn page(&self) -> String {
        let key = self.key();
        let (title, explanation) = (i18n::t(&format!("{key}-title")), i18n::t(key));
        let page = ErrorPage {
            chrome: Chrome::public(),
            status: self.status().as_u16(),
            title: title.clone(),
            explanation: explanation.clone(),
        };
        page.render().unwrap_or_else(|err| {
            tracing::error!(error = %err, "la page d’erreur n’a pas pu être produite");
            format!(
                "<!doctype html><html lang=\"{}\"><title>{title} – Maille</title><h1>{title}</h1><p>{explanation}</p></html>",
                i18n::current().code()
            )
        })
    }
}

impl IntoResponse for AppError {
    fn into_response(self) -> Response {
        if matches!(self, Self::LoginRequired) {
            return Redirect::to("/connexion").into_response();
        }
        let status = self.status();
        if status.is_server_error() {
            tracing::error!(error = %self, "erreur interne");
        }
        let mut response = (status, Html(self.page())).into_response();
        if let Self::TooManyRequests { retry_after } = self {
            response
                .headers_mut()
                .insert(header::RETRY_AFTER, header::HeaderValue::from(retry_after));
        }
        response
    }
}

/// The fallback for unknown paths.
pub async fn not_found() -> AppError {
    AppError::NotFound
}

/// The fallback for a known path used with the wrong method.
pub async fn method_not_allowed() -> AppError {
    AppError::MethodNotAllowed
}
