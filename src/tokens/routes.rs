//! `/espace/jetons`: a person's own API tokens — list (label, created,
//! last used), create (the secret shown once), revoke (after a question).

use askama::Template;
use axum::Router;
use axum::extract::{Path, State};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};

use super::store::Token;
use crate::app::AppState;
use crate::authz::Action;
use crate::error::AppError;
use crate::i18n;
use crate::journal::Actor;
use crate::validation::FormErrors;
use crate::web::confirm::{ConfirmPage, Confirmation};
use crate::web::{Chrome, CurrentUser, Form, flash, render, render_refused};

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/espace/jetons", get(list).post(create))
        .route("/espace/jetons/{id}/revoquer", post(revoke))
}

/// One token as the page lists it.
pub struct TokenRow {
    pub id: String,
    pub label: String,
    pub created: String,
    pub last_used: String,
    pub state: String,
    pub active: bool,
}

fn row_of(token: &Token, now: chrono::DateTime<chrono::Utc>) -> TokenRow {
    let day = |at: chrono::DateTime<chrono::Utc>| at.format("%d/%m/%Y à %H:%M UTC").to_string();
    TokenRow {
        id: token.id.clone(),
        label: token.label.clone(),
        created: day(token.created_at),
        last_used: token.last_used_at.map_or_else(
            || "jamais".to_owned(),
            |at| match &token.last_used_from {
                Some(from) => format!("{} depuis {from}", day(at)),
                None => day(at),
            },
        ),
        state: match (token.revoked_at, token.expires_at) {
            (Some(at), _) => format!("révoqué le {}", at.format("%d/%m/%Y")),
            (None, Some(at)) if at <= now => format!("expiré le {}", at.format("%d/%m/%Y")),
            (None, Some(at)) => format!("valable jusqu’au {}", at.format("%d/%m/%Y")),
            (None, None) => "valable jusqu’à sa révocation".to_owned(),
        },
        active: token.is_valid(now),
    }
}

#[derive(Template)]
#[template(path = "tokens/list.html")]
struct TokensPage {
    chrome: Chrome,
    tokens: Vec<TokenRow>,
    /// The secret just created: shown once.
    created: Option<String>,
    label: String,
    days: String,
    errors: FormErrors,
}

async fn page(
    state: &AppState,
    current: &CurrentUser,
    created: Option<String>,
    label: String,
    days: String,
    errors: FormErrors,
) -> Result<TokensPage, AppError> {
    let now = chrono::Utc::now();
    let tokens = super::store::of_user(&state.db, &current.user.id)
        .await?
        .iter()
        .map(|t| row_of(t, now))
        .collect();
    Ok(TokensPage {
        chrome: current.chrome().await?,
        tokens,
        created,
        label,
        days,
        errors,
    })
}

async fn list(State(state): State<AppState>, current: CurrentUser) -> Result<Response, AppError> {
    current.require(Action::UseOwnSpace)?;
    render(
        &page(
            &state,
            &current,
            None,
            String::new(),
            "365".into(),
            FormErrors::default(),
        )
        .await?,
    )
}

#[derive(serde::Deserialize)]
struct NewToken {
    #[serde(default)]
    label: String,
    #[serde(default)]
    days: String,
}

async fn create(
    State(state): State<AppState>,
    current: CurrentUser,
    Form(form): Form<NewToken>,
) -> Result<Response, AppError> {
    current.require(Action::UseOwnSpace)?;
    let mut errors = FormErrors::default();
    let label = errors.take(super::label(&form.label));
    let days = match form.days.trim() {
        "" | "0" => None,
        raw => errors.take(
            raw.parse::<u32>()
                .ok()
                .filter(|d| (1..=super::MAX_DAYS).contains(d))
                .map(Some)
                .ok_or_else(|| {
                    crate::validation::FieldError::new("days", "token-days")
                        .with_value(raw)
                        .with_arg("max", super::MAX_DAYS)
                }),
        ),
    };
    let (Some(label), Some(days)) = (label, days) else {
        return render_refused(&page(&state, &current, None, form.label, form.days, errors).await?);
    };
    let (_, secret) = super::create(
        &state.db,
        Actor::User(&current.user),
        &current.user,
        label,
        days,
    )
    .await?;
    render(
        &page(
            &state,
            &current,
            Some(secret),
            String::new(),
            "365".into(),
            FormErrors::default(),
        )
        .await?,
    )
}

async fn revoke(
    State(state): State<AppState>,
    current: CurrentUser,
    Path(id): Path<String>,
    Form(confirmation): Form<Confirmation>,
) -> Result<Response, AppError> {
    current.require(Action::UseOwnSpace)?;
    let tokens = super::store::of_user(&state.db, &current.user.id).await?;
    let Some(token) = tokens.iter().find(|t| t.id == id && t.revoked_at.is_none()) else {
        return Err(AppError::NotFound);
    };
    if !confirmation.given() {
        return render(&ConfirmPage {
            chrome: current.chrome().await?,
            heading: i18n::t("confirm-token-heading"),
            consequence: i18n::t_with(
                "confirm-token-consequence",
                &[("label", token.label.clone().into())],
            ),
            action: format!("/espace/jetons/{id}/revoquer"),
            fields: Vec::new(),
            confirm_label: i18n::t("confirm-token-button"),
            cancel_href: "/espace/jetons".into(),
        });
    }
    super::revoke(&state.db, Actor::User(&current.user), &current.user, &id).await?;
    flash::set(&current.session, "flash-token-revoked").await?;
    Ok(Redirect::to("/espace/jetons").into_response())
}
