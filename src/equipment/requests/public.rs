//! The public request form of a structure
//! (`/structures/{slug}/demande-materiel`): a household asks for
//! equipment without an account — a name, a phone or an e-mail, consent,
//! the need, who lives at home, and the structure's own criteria they
//! meet. Limited per address like the other public forms; no script, no
//! cookie.

use askama::Template;
use axum::Router;
use axum::extract::{Path, State};
use axum::response::Response;
use axum::routing::get;

use super::model::NEEDS;
use super::service::{self, Source};
use super::store;
use crate::app::AppState;
use crate::equipment::transitions::Refused;
use crate::error::AppError;
use crate::mediation::fields::Fields;
use crate::validation::FormErrors;
use crate::web::form::Choice;
use crate::web::{Chrome, Form, render, render_refused};

pub fn router() -> Router<AppState> {
    Router::new().route(
        "/structures/{slug}/demande-materiel",
        get(form).post(submit),
    )
}

/// The kinds a household asks for.
const ASKED_KINDS: [&str; 5] = ["laptop", "desktop", "tablet", "smartphone", "box4g"];

#[derive(Template)]
#[template(path = "equipment/public_request.html")]
struct RequestFormPage {
    chrome: Chrome,
    errors: FormErrors,
    structure: String,
    action: String,
    needs: Vec<Choice>,
    kinds: Vec<Choice>,
    criteria: Vec<Choice>,
    name: String,
    phone: String,
    email: String,
    household: String,
    consent: bool,
    done: bool,
}

async fn structure(
    state: &AppState,
    slug: &str,
) -> Result<crate::organizations::Organization, AppError> {
    let found = crate::organizations::store::find_by_reference(&state.db, slug)
        .await?
        .filter(|o| o.kind == crate::organizations::OrganizationKind::Structure)
        .ok_or(AppError::NotFound)?;
    Ok(found)
}

async fn page(
    state: &AppState,
    organization: &crate::organizations::Organization,
    fields: &Fields,
    errors: FormErrors,
    done: bool,
) -> Result<RequestFormPage, AppError> {
    let chrome = Chrome::public();
    let one = |name: &str| fields.one(name).unwrap_or_default().to_owned();
    let ticked = fields.all("criteria");
    let need = fields.one("need").unwrap_or("school");
    let kind = fields.one("kind").unwrap_or("laptop");
    Ok(RequestFormPage {
        action: chrome.link(&format!(
            "/structures/{}/demande-materiel",
            organization.slug
        )),
        errors,
        structure: organization.name.clone(),
        needs: NEEDS
            .codes()
            .map(|c| Choice::new(c, &crate::i18n::t(&format!("request-need-{c}")), need))
            .collect(),
        kinds: ASKED_KINDS
            .iter()
            .map(|c| Choice::new(c, &crate::i18n::t(&format!("request-kind-{c}")), kind))
            .collect(),
        criteria: store::criteria_of(&state.db, &organization.id, "equipment")
            .await?
            .into_iter()
            .map(|c| Choice {
                checked: ticked.contains(&c.id.as_str()),
                value: c.id,
                label: c.label,
            })
            .collect(),
        name: one("name"),
        phone: one("phone"),
        email: one("email"),
        household: one("household"),
        consent: fields.has("consent"),
        done,
        chrome,
    })
}

async fn form(
    State(state): State<AppState>,
    Path(slug): Path<String>,
) -> Result<Response, AppError> {
    let organization = structure(&state, &slug).await?;
    render(
        &page(
            &state,
            &organization,
            &Fields::default(),
            FormErrors::default(),
            false,
        )
        .await?,
    )
}

async fn submit(
    State(state): State<AppState>,
    Path(slug): Path<String>,
    Form(pairs): Form<Vec<(String, String)>>,
) -> Result<Response, AppError> {
    let organization = structure(&state, &slug).await?;
    let fields = Fields::from_filled_form(pairs);
    if let Ok(contact) = crate::workshops::model::Contact::parse(&fields)
        && let Err(retry_after) = state.rate_limits.check_contact(&contact.key())
    {
        return Err(AppError::TooManyRequests { retry_after });
    }
    match service::submit(&state.db, &organization.id, &fields, Source::Public).await {
        Ok(_) => render(
            &page(
                &state,
                &organization,
                &Fields::default(),
                FormErrors::default(),
                true,
            )
            .await?,
        ),
        Err(Refused::Invalid(errors)) => render_refused(
            &page(
                &state,
                &organization,
                &fields,
                FormErrors::from(errors),
                false,
            )
            .await?,
        ),
        Err(Refused::Database(err)) => Err(err.into()),
        Err(_) => Err(AppError::NotFound),
    }
}
