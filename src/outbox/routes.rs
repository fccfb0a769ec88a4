//! `/espace/messages`: what the structure's messages to inhabitants
//! became — waiting, sent, failed — and, for a failed one, why; sending
//! it again, or giving it up (after a question: its contact is erased).

use askama::Template;
use axum::Router;
use axum::extract::{Path, State};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};

use super::store::{self, status};
use crate::app::AppState;
use crate::error::AppError;
use crate::mediation::staff::activities::require_own;
use crate::web::confirm::{ConfirmPage, Confirmation};
use crate::web::{Chrome, CurrentUser, Form, flash, render};

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/espace/messages", get(list))
        .route("/espace/messages/{id}/renvoyer", post(resend))
        .route("/espace/messages/{id}/abandonner", post(abandon))
}

/// A failed message as the manager reads it.
pub struct FailedRow {
    pub id: String,
    pub kind: &'static str,
    pub subject: String,
    pub recipient: String,
    pub error: String,
    pub attempts: i32,
    pub when: String,
}

#[derive(Template)]
#[template(path = "outbox/list.html")]
pub struct MessagesPage {
    pub chrome: Chrome,
    pub pending: u64,
    pub sent: u64,
    pub failed: Vec<FailedRow>,
}

fn kind_words(code: &str) -> &'static str {
    match code {
        "confirmation" => "Confirmation d’inscription",
        "reminder" => "Rappel de la veille",
        "promotion" => "Place libérée",
        "cancellation" => "Annulation",
        "loan_reminder" => "Rappel de retour d’un prêt",
        _ => "Message",
    }
}

async fn list(State(state): State<AppState>, current: CurrentUser) -> Result<Response, AppError> {
    require_own(&current)?;
    let own = &current.user.organization_id;
    let failed = store::of_organization(&state.db, own, status::FAILED, 200).await?;
    render(&MessagesPage {
        chrome: current.chrome().await?,
        pending: store::count(&state.db, own, status::PENDING).await?,
        sent: store::count(&state.db, own, status::SENT).await?,
        failed: failed
            .into_iter()
            .map(|m| FailedRow {
                kind: kind_words(&m.kind),
                when: m
                    .created_at
                    .with_timezone(&chrono_tz::Europe::Paris)
                    .format("%d/%m/%Y %H:%M")
                    .to_string(),
                id: m.id,
                subject: m.subject,
                recipient: m.recipient.unwrap_or_default(),
                error: m.last_error.unwrap_or_default(),
                attempts: m.attempts,
            })
            .collect(),
    })
}

async fn resend(
    State(state): State<AppState>,
    current: CurrentUser,
    Path(id): Path<String>,
) -> Result<Response, AppError> {
    require_own(&current)?;
    if !store::resend(&state.db, &current.user.organization_id, &id).await? {
        return Err(AppError::NotFound);
    }
    super::worker::wake();
    flash::set_text(&current.session, "Le message repart.".to_owned()).await?;
    Ok(Redirect::to("/espace/messages").into_response())
}

async fn abandon(
    State(state): State<AppState>,
    current: CurrentUser,
    Path(id): Path<String>,
    Form(confirmation): Form<Confirmation>,
) -> Result<Response, AppError> {
    require_own(&current)?;
    if !confirmation.given() {
        return render(&ConfirmPage {
            chrome: current.chrome().await?,
            heading: "Abandonner ce message ?".into(),
            consequence: "Il ne sera plus envoyé, et l’adresse ou le numéro de la personne est effacé de la boîte d’envoi.".into(),
            action: format!("/espace/messages/{id}/abandonner"),
            fields: Vec::new(),
            confirm_label: "Oui, abandonner le message".into(),
            cancel_href: "/espace/messages".into(),
        });
    }
    if !store::abandon(&state.db, &current.user.organization_id, &id).await? {
        return Err(AppError::NotFound);
    }
    flash::set_text(&current.session, "Message abandonné.".to_owned()).await?;
    Ok(Redirect::to("/espace/messages").into_response())
}
