//! Donations (`/espace/materiel/dons/nouveau`): a donor — one already known
//! or a new one — gives a lot of devices on a day; each device gets its
//! code at once. The lot's page lists them, with the donor's receipt (PDF)
//! and the sheet of their labels.

use axum::Router;
use axum::extract::{Path, State};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::get;

use super::views::{LotFormPage, LotPage};
use crate::app::AppState;
use crate::equipment::model::{DONOR_KINDS, KINDS};
use crate::equipment::transitions::Refused;
use crate::equipment::{documents, intake, store};
use crate::error::AppError;
use crate::mediation::fields::Fields;
use crate::mediation::staff::activities::require_own;
use crate::mediation::today;
use crate::validation::FormErrors;
use crate::web::form::Choice;
use crate::web::{CurrentUser, Form, flash, render, render_refused};

pub fn router() -> Router<AppState> {
    Router::new()
        .route(
            "/espace/materiel/dons/nouveau",
            get(new_lot).post(receive_lot),
        )
        .route("/espace/materiel/lots/{id}", get(show_lot))
        .route("/espace/materiel/lots/{id}/recu.pdf", get(receipt))
}

async fn form_page(
    state: &AppState,
    current: &CurrentUser,
    fields: &Fields,
    errors: FormErrors,
) -> Result<LotFormPage, AppError> {
    let donors = store::donors_of(&state.db, &current.user.organization_id).await?;
    let one = |name: &str, default: &str| fields.one(name).unwrap_or(default).to_owned();
    let chosen_donor = one("donor_id", "");
    let mut donor_choices = vec![Choice::new(
        "",
        "Un nouveau donateur (ci-dessous)",
        &chosen_donor,
    )];
    donor_choices.extend(
        donors
            .iter()
            .map(|d| Choice::new(&d.id, &d.name, &chosen_donor)),
    );
    Ok(LotFormPage {
        chrome: current.chrome().await?,
        errors,
        donors: donor_choices,
        donor_name: one("donor_name", ""),
        donor_kinds: DONOR_KINDS
            .entries
            .iter()
            .map(|(c, l)| Choice::new(c, l, &one("donor_kind", "company")))
            .collect(),
        siren: one("siren", ""),
        contact: one("contact", ""),
        received_on: one("received_on", &today().format("%Y-%m-%d").to_string()),
        description: one("description", ""),
        count: one("count", "1"),
        kinds: KINDS
            .entries
            .iter()
            .map(|(c, l)| Choice::new(c, l, &one("kind", "laptop")))
            .collect(),
        brand: one("brand", ""),
        model: one("model", ""),
        year: one("year", ""),
    })
}

async fn new_lot(
    State(state): State<AppState>,
    current: CurrentUser,
) -> Result<Response, AppError> {
    require_own(&current)?;
    render(&form_page(&state, &current, &Fields::default(), FormErrors::default()).await?)
}

async fn receive_lot(
    State(state): State<AppState>,
    current: CurrentUser,
    Form(pairs): Form<Vec<(String, String)>>,
) -> Result<Response, AppError> {
    require_own(&current)?;
    let fields = Fields::from_filled_form(pairs);
    match intake::receive_lot(&state.db, &current.user, &fields, today()).await {
        Ok((lot, devices)) => {
            flash::set_text(
                &current.session,
                format!(
                    "Don enregistré : {} appareil{} reçu{}, chacun avec son code.",
                    devices.len(),
                    if devices.len() > 1 { "s" } else { "" },
                    if devices.len() > 1 { "s" } else { "" }
                ),
            )
            .await?;
            Ok(Redirect::to(&format!("/espace/materiel/lots/{}", lot.id)).into_response())
        }
        Err(Refused::Invalid(errors)) => {
            render_refused(&form_page(&state, &current, &fields, FormErrors::from(errors)).await?)
        }
        Err(Refused::Database(err)) => Err(err.into()),
        Err(Refused::NotFound | Refused::Conflict(_)) => Err(AppError::NotFound),
    }
}

async fn own_lot(
    state: &AppState,
    current: &CurrentUser,
    id: &str,
) -> Result<
    (
        store::LotRecord,
        store::DonorRecord,
        Vec<store::DeviceRecord>,
    ),
    AppError,
> {
    require_own(current)?;
    let own = &current.user.organization_id;
    let lot = store::find_lot(&state.db, own, id)
        .await?
        .ok_or(AppError::NotFound)?;
    let donor = store::find_donor(&state.db, own, &lot.donor_id)
        .await?
        .ok_or(AppError::NotFound)?;
    let devices = store::devices_of_lot(&state.db, own, &lot.id).await?;
    Ok((lot, donor, devices))
}

async fn show_lot(
    State(state): State<AppState>,
    current: CurrentUser,
    Path(id): Path<String>,
) -> Result<Response, AppError> {
    let (lot, donor, devices) = own_lot(&state, &current, &id).await?;
    render(&LotPage {
        chrome: current.chrome().await?,
        id: lot.id.clone(),
        donor: donor.name,
        received_on: documents::day_words(lot.received_on),
        description: lot.description,
        rows: devices.iter().map(super::stock::row).collect(),
    })
}

async fn receipt(
    State(state): State<AppState>,
    current: CurrentUser,
    Path(id): Path<String>,
) -> Result<Response, AppError> {
    let (lot, donor, devices) = own_lot(&state, &current, &id).await?;
    let structure = current.organization.name.clone();
    let pdf = tokio::task::spawn_blocking(move || {
        documents::donation_receipt(&donor, &lot, &devices, &structure)
    })
    .await??;
    Ok(crate::equipment::api::pdf_response(pdf, "recu-de-don.pdf"))
}
