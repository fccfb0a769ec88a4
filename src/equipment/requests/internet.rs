//! Social internet offers (`/espace/materiel/internet`): the offers a
//! structure refers people to — its own list, Maille invents no
//! operator's offer —, its eligibility checklist for them, and each
//! referral with its outcome (referred, subscribed, refused, why),
//! counted by offer and outcome without personal data.

use askama::Template;
use axum::Router;
use axum::extract::State;
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};

use super::store::{self, OfferRecord, ReferralRecord};
use crate::app::AppState;
use crate::db;
use crate::error::AppError;
use crate::mediation::activity::{keep, optional_code, text};
use crate::mediation::fields::Fields;
use crate::mediation::people_store;
use crate::mediation::staff::activities::require_own;
use crate::mediation::vocabulary::List;
use crate::validation::{FieldError, FormErrors};
use crate::web::form::Choice;
use crate::web::{Chrome, CurrentUser, Form, flash, render, render_refused};

/// What came of a referral.
pub const OUTCOMES: List = List {
    field: "outcome",
    entries: &[
        ("referred", "Orientée (démarche en cours)"),
        ("subscribed", "Abonnée"),
        ("refused", "Refusée"),
    ],
};

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/espace/materiel/internet", get(show))
        .route("/espace/materiel/internet/offres", post(add_offer))
        .route("/espace/materiel/internet/orientations", post(refer))
}

#[derive(Template)]
#[template(path = "equipment/internet.html")]
struct InternetPage {
    chrome: Chrome,
    errors: FormErrors,
    offers: Vec<OfferRecord>,
    offer_choices: Vec<Choice>,
    people: Vec<Choice>,
    criteria: Vec<Choice>,
    outcomes: Vec<Choice>,
    /// (offer, referred, subscribed, refused).
    counts: Vec<(String, i64, i64, i64)>,
    typed: std::collections::BTreeMap<String, String>,
}

impl InternetPage {
    fn typed(&self, field: &str) -> &str {
        self.typed.get(field).map_or("", String::as_str)
    }
}

async fn page(
    state: &AppState,
    current: &CurrentUser,
    fields: &Fields,
    errors: FormErrors,
) -> Result<InternetPage, AppError> {
    let own = &current.user.organization_id;
    let offers = store::offers_of(&state.db, own).await?;
    let counted = store::referral_counts(&state.db, std::slice::from_ref(own)).await?;
    let counts = offers
        .iter()
        .map(|o| {
            let n = |outcome: &str| {
                counted
                    .iter()
                    .filter(|(offer, out, _)| *offer == o.id && out == outcome)
                    .map(|(_, _, n)| *n)
                    .sum()
            };
            (o.name.clone(), n("referred"), n("subscribed"), n("refused"))
        })
        .collect();
    let ticked = fields.all("criteria");
    let chosen_person = fields.one("beneficiary_id").unwrap_or_default();
    let mut people = vec![Choice::new(
        "",
        "Personne non suivie (aucun nom gardé)",
        chosen_person,
    )];
    people.extend(
        people_store::of_structure(&state.db, own)
            .await?
            .into_iter()
            .take(500)
            .map(|p| Choice::new(&p.id, &p.label(), chosen_person)),
    );
    Ok(InternetPage {
        chrome: current.chrome().await?,
        errors,
        offer_choices: offers
            .iter()
            .map(|o| Choice::new(&o.id, &o.name, fields.one("offer_id").unwrap_or_default()))
            .collect(),
        offers,
        people,
        criteria: store::criteria_of(&state.db, own, "internet")
            .await?
            .into_iter()
            .map(|c| Choice {
                checked: ticked.contains(&c.id.as_str()),
                value: c.id,
                label: c.label,
            })
            .collect(),
        outcomes: OUTCOMES
            .entries
            .iter()
            .map(|(c, l)| Choice::new(c, l, fields.one("outcome").unwrap_or("referred")))
            .collect(),
        counts,
        typed: fields
            .names()
            .filter_map(|n| fields.one(n).map(|v| (n.to_owned(), v.to_owned())))
            .collect(),
    })
}

async fn show(State(state): State<AppState>, current: CurrentUser) -> Result<Response, AppError> {
    require_own(&current)?;
    render(&page(&state, &current, &Fields::default(), FormErrors::default()).await?)
}

async fn add_offer(
    State(state): State<AppState>,
    current: CurrentUser,
    Form(pairs): Form<Vec<(String, String)>>,
) -> Result<Response, AppError> {
    require_own(&current)?;
    let fields = Fields::from_filled_form(pairs);
    let mut errors = Vec::new();
    let name = keep(&mut errors, text(&fields, "name", 120)).unwrap_or_default();
    if name.trim().is_empty() {
        errors.push(FieldError::new("name", "equipment-required"));
    }
    let provider = keep(&mut errors, text(&fields, "provider", 120)).unwrap_or_default();
    let conditions = keep(&mut errors, text(&fields, "conditions", 1_000)).unwrap_or_default();
    if !errors.is_empty() {
        return render_refused(&page(&state, &current, &fields, FormErrors::from(errors)).await?);
    }
    let now = db::now();
    store::insert_offer(
        &state.db,
        OfferRecord {
            id: db::new_id(),
            organization_id: current.user.organization_id.as_str().to_owned(),
            name: name.trim().to_owned(),
            provider: provider.trim().to_owned(),
            conditions: conditions.trim().to_owned(),
            created_at: now,
            updated_at: now,
        },
    )
    .await?;
    flash::set_text(&current.session, "Offre ajoutée à votre liste.".into()).await?;
    Ok(Redirect::to("/espace/materiel/internet").into_response())
}

async fn refer(
    State(state): State<AppState>,
    current: CurrentUser,
    Form(pairs): Form<Vec<(String, String)>>,
) -> Result<Response, AppError> {
    require_own(&current)?;
    let own = &current.user.organization_id;
    let fields = Fields::from_filled_form(pairs);
    let mut errors = Vec::new();
    let offers = store::offers_of(&state.db, own).await?;
    let offer = fields.one("offer_id").unwrap_or_default();
    if !offers.iter().any(|o| o.id == offer) {
        errors.push(FieldError::new("offer_id", "request-unknown-offer").with_value(offer));
    }
    let person = match fields.one("beneficiary_id") {
        Some(id) => match people_store::find(&state.db, own, id).await? {
            Some(p) => Some(p.id),
            None => {
                errors.push(
                    FieldError::new("beneficiary_id", "equipment-unknown-person").with_value(id),
                );
                None
            }
        },
        None => None,
    };
    let known = store::criteria_of(&state.db, own, "internet").await?;
    let criteria: Vec<String> = known
        .iter()
        .filter(|c| fields.all("criteria").contains(&c.id.as_str()))
        .map(|c| c.id.clone())
        .collect();
    let outcome = keep(&mut errors, optional_code(&fields, OUTCOMES))
        .flatten()
        .unwrap_or("referred");
    let reason = keep(&mut errors, text(&fields, "reason", 500)).unwrap_or_default();
    if outcome == "refused" && reason.trim().is_empty() {
        errors.push(FieldError::new("reason", "request-refusal-reason"));
    }
    if !errors.is_empty() {
        return render_refused(&page(&state, &current, &fields, FormErrors::from(errors)).await?);
    }
    let now = db::now();
    store::insert_referral(
        &state.db,
        ReferralRecord {
            id: db::new_id(),
            organization_id: own.as_str().to_owned(),
            offer_id: offer.to_owned(),
            beneficiary_id: person,
            criteria: serde_json::to_string(&criteria).unwrap_or_else(|_| "[]".into()),
            outcome: outcome.to_owned(),
            reason: reason.trim().to_owned(),
            on_day: crate::mediation::today(),
            created_at: now,
            updated_at: now,
        },
    )
    .await?;
    flash::set_text(&current.session, "Orientation notée.".into()).await?;
    Ok(Redirect::to("/espace/materiel/internet").into_response())
}
