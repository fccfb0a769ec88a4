//! API errors as RFC 9457 problem details (`application/problem+json`), in
//! French, naming each parameter at fault: a client fixes its request in one
//! pass, and never meets a plain-text or HTML error from the API.

use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde::Serialize;
use utoipa::ToSchema;

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
    /// Each refused parameter (400 only).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub errors: Vec<InvalidParam>,
}

/// Everything an API request can fail with.
#[derive(Debug)]
pub enum ApiError {
    /// Parameters missing, malformed or out of range.
    InvalidParams(Vec<FieldError>),
    /// Nothing at this address (or no such place, commune…): the detail says what.
    NotFound(String),
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
        let (status, title, detail, errors) = match self {
            Self::InvalidParams(errors) => (
                StatusCode::BAD_REQUEST,
                "Paramètres invalides",
                match errors.len() {
                    1 => "Un paramètre de la requête est invalide : voir « errors ».".to_owned(),
                    n => format!("{n} paramètres de la requête sont invalides : voir « errors »."),
                },
                errors.iter().map(InvalidParam::from).collect(),
            ),
            Self::NotFound(detail) => (
                StatusCode::NOT_FOUND,
                "Introuvable",
                detail.clone(),
                Vec::new(),
            ),
            Self::MethodNotAllowed => (
                StatusCode::METHOD_NOT_ALLOWED,
                "Méthode non autorisée",
                "Cette adresse de l’API ne répond qu’aux méthodes indiquées dans l’en-tête « Allow » (voir /api/openapi.json).".to_owned(),
                Vec::new(),
            ),
            Self::Unavailable => (
                StatusCode::SERVICE_UNAVAILABLE,
                "Service momentanément indisponible",
                "Le serveur a mis trop de temps à répondre. Réessayez dans quelques instants.".to_owned(),
                Vec::new(),
            ),
            Self::UriTooLong => (
                StatusCode::URI_TOO_LONG,
                "Adresse trop longue",
                "L’adresse de la requête dépasse ce que le serveur lit (64 Kio) : passez moins de paramètres, ou des valeurs plus courtes.".to_owned(),
                Vec::new(),
            ),
            Self::HeadersTooLarge => (
                StatusCode::REQUEST_HEADER_FIELDS_TOO_LARGE,
                "En-têtes trop volumineux",
                "Les en-têtes de la requête dépassent ce que le serveur lit : envoyez-en moins, ou de plus courts.".to_owned(),
                Vec::new(),
            ),
            Self::MalformedRequest => (
                StatusCode::BAD_REQUEST,
                "Requête illisible",
                "La requête est mal formée : un en-tête illisible, ou une adresse qui, une fois décodée, n’est pas du texte UTF-8.".to_owned(),
                Vec::new(),
            ),
            Self::TooManyRequests { retry_after } => (
                StatusCode::TOO_MANY_REQUESTS,
                "Trop de requêtes",
                format!("Trop de requêtes sont arrivées de votre adresse : réessayez dans {retry_after} s (en-tête « Retry-After »)."),
                Vec::new(),
            ),
            Self::Internal(_) => (
                StatusCode::INTERNAL_SERVER_ERROR,
                "Erreur du serveur",
                "Un problème est survenu de notre côté. Réessayez dans quelques instants.".to_owned(),
                Vec::new(),
            ),
        };
        Problem {
            kind: "about:blank".to_owned(),
            title: title.to_owned(),
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
    ApiError::NotFound(
        "Cette adresse ne correspond à aucune ressource de l’API (voir /api/openapi.json)."
            .to_owned(),
    )
}

/// The API's answer to a known path used with the wrong method.
pub async fn method_not_allowed() -> ApiError {
    ApiError::MethodNotAllowed
}
