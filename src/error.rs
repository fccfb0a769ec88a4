//! One error type for every handler, turned into a French error page.
//!
//! Internal details (database errors, bugs) are logged, never shown.

use askama::Template;
use axum::http::{StatusCode, header};
use axum::response::{Html, IntoResponse, Redirect, Response};
use sea_orm::DbErr;

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
    #[error("{0}")]
    Internal(String),
}

#[derive(Template)]
#[template(path = "error.html")]
struct ErrorPage {
    chrome: Chrome,
    status: u16,
    title: &'static str,
    explanation: &'static str,
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
            | Self::Internal(_) => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }

    fn words(&self) -> (&'static str, &'static str) {
        match self {
            Self::NotFound => (
                "Page introuvable",
                "Cette adresse ne correspond à aucune page. Elle a peut-être été mal recopiée, ou la page a été supprimée.",
            ),
            Self::Forbidden => (
                "Accès refusé",
                "Votre compte ne permet pas d’ouvrir cette page. Si vous pensez que c’est une erreur, adressez-vous à la direction de votre structure.",
            ),
            Self::CsrfRejected => (
                "Formulaire expiré",
                "Ce formulaire a expiré ou ne vient pas de Maille. Revenez à la page précédente, rechargez-la, puis envoyez-le de nouveau.",
            ),
            Self::BadRequest => (
                "Formulaire illisible",
                "Les informations envoyées sont incomplètes ou mal formées. Revenez à la page précédente et vérifiez le formulaire.",
            ),
            Self::Conflict => (
                "Donnée déjà existante",
                "Cette information existe déjà. Revenez à la page précédente et modifiez votre saisie.",
            ),
            Self::PayloadTooLarge => (
                "Envoi trop volumineux",
                "Le contenu envoyé dépasse la taille autorisée.",
            ),
            Self::MethodNotAllowed => (
                "Action impossible",
                "Cette page ne peut pas être utilisée de cette façon. Revenez à la page précédente.",
            ),
            Self::Unavailable => (
                "Service momentanément indisponible",
                "Maille a mis trop de temps à répondre. Réessayez dans quelques instants ; s’il persiste, prévenez la personne qui administre Maille.",
            ),
            Self::UriTooLong => (
                "Adresse trop longue",
                "L’adresse de cette page est bien trop longue pour être lue. Revenez à la page précédente, ou repartez de la page d’accueil.",
            ),
            Self::HeadersTooLarge => (
                "Requête trop volumineuse",
                "Votre navigateur a envoyé trop d’informations avec sa demande (souvent des cookies trop nombreux). Effacez les cookies de ce site, puis réessayez.",
            ),
            Self::MalformedRequest => (
                "Requête illisible",
                "Cette demande est mal formée et n’a pas pu être lue (l’adresse contient peut-être des caractères invalides). Revenez à la page précédente, ou repartez de la page d’accueil.",
            ),
            Self::TooManyRequests { .. } => (
                "Trop de demandes",
                "Trop de demandes sont arrivées de votre adresse en peu de temps. Patientez une minute, puis réessayez.",
            ),
            Self::LoginRequired
            | Self::Database(_)
            | Self::Session(_)
            | Self::Template(_)
            | Self::Join(_)
            | Self::Csv(_)
            | Self::Io(_)
            | Self::Password(_)
            | Self::Internal(_) => (
                "Erreur du serveur",
                "Un problème est survenu de notre côté. Réessayez dans quelques instants ; s’il persiste, prévenez la personne qui administre Maille.",
            ),
        }
    }
}

impl AppError {
    /// The French error page for this error, as HTML.
    pub fn page(&self) -> String {
        let (title, explanation) = self.words();
        let page = ErrorPage {
            chrome: Chrome::public(),
            status: self.status().as_u16(),
            title,
            explanation,
        };
        page.render().unwrap_or_else(|err| {
            tracing::error!(error = %err, "la page d’erreur n’a pas pu être produite");
            format!(
                "<!doctype html><html lang=\"fr\"><title>{title} – Maille</title><h1>{title}</h1><p>{explanation}</p></html>"
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
