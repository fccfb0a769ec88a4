//! The structure's eligibility checklists (`/espace/materiel/criteres`):
//! its own criteria for equipment requests and for social internet
//! offers; each request ticks those it meets, which orders the waiting list.

use askama::Template;
use axum::Router;
use axum::extract::{Path, State};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};

use super::service;
use super::store;
use crate::app::AppState;
use crate::equipment::transitions::Refused;
use crate::error::AppError;
use crate::mediation::fields::Fields;
use crate::mediation::staff::activities::require_own;
use crate::validation::FormErrors;
use crate::web::confirm::{ConfirmPage, Confirmation};
use crate::web::{Chrome, CurrentUser, Form, render, render_refused};

pub fn router() -> Router<AppState> {
    Router::new()
        .route(
            "/espace/materiel/criteres",
            get(criteria).post(add_criterion),
        )
        .route(
            "/espace/materiel/criteres/{id}/retirer",
            post(remove_criterion),
        )
}

/// One checklist: its heading, its scope code, its criteria (id, label).
type CriteriaList = (String, String, Vec<(String, String)>);

#[derive(Template)]
#[template(path = "equipment/criteria.html")]
struct CriteriaPage {
    chrome: Chrome,
    errors: FormErrors,
    lists: Vec<CriteriaList>,
}

async fn criteria_page(
    state: &AppState,
    current: &CurrentUser,
    errors: FormErrors,
) -> Result<CriteriaPage, AppError> {
    let own = &current.user.organization_id;
    let mut lists = Vec::new();
    for (scope, heading) in [
        ("equipment", "Pour recevoir du matériel"),
        ("internet", "Pour une offre internet sociale"),
    ] {
        let items = store::criteria_of(&state.db, own, scope)
            .await?
            .into_iter()
            .map(|c| (c.id, c.label))
            .collect();
        lists.push((heading.to_owned(), scope.to_owned(), items));
    }
    Ok(CriteriaPage {
        chrome: current.chrome().await?,
        errors,
        lists,
    })
}

async fn criteria(
    State(state): State<AppState>,
    current: CurrentUser,
) -> Result<Response, AppError> {
    require_own(&current)?;
    render(&criteria_page(&state, &current, FormErrors::default()).await?)
}

async fn add_criterion(
    State(state): State<AppState>,
    current: CurrentUser,
    Form(pairs): Form<Vec<(String, String)>>,
) -> Result<Response, AppError> {
    require_own(&current)?;
    let fields = Fields::from_filled_form(pairs);
    let scope = fields.one("scope").unwrap_or("equipment").to_owned();
    match service::add_criterion(&state.db, &current.user, &scope, &fields).await {
        Ok(_) => Ok(Redirect::to("/espace/materiel/criteres").into_response()),
        Err(Refused::Invalid(errors)) => {
            render_refused(&criteria_page(&state, &current, FormErrors::from(errors)).await?)
        }
        Err(Refused::Database(err)) => Err(err.into()),
        Err(_) => Err(AppError::NotFound),
    }
}

async fn remove_criterion(
    State(state): State<AppState>,
    current: CurrentUser,
    Path(id): Path<String>,
    Form(confirmation): Form<Confirmation>,
) -> Result<Response, AppError> {
    require_own(&current)?;
    if !confirmation.given() {
        return render(&ConfirmPage {
            chrome: current.chrome().await?,
            heading: "Retirer ce critère ?".into(),
            consequence:
                "Il ne sera plus proposé ; les demandes déjà faites gardent leur priorité.".into(),
            action: format!("/espace/materiel/criteres/{id}/retirer"),
            fields: Vec::new(),
            confirm_label: "Oui, retirer le critère".into(),
            cancel_href: "/espace/materiel/criteres".into(),
        });
    }
    if !store::remove_criterion(&state.db, &current.user.organization_id, &id).await? {
        return Err(AppError::NotFound);
    }
    Ok(Redirect::to("/espace/materiel/criteres").into_response())
}
