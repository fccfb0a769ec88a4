//! A device's papers, from its page: the wipe certificate, the handover
//! paper of a gift (the person now owns it), and its single label.

use axum::Router;
use axum::extract::{Path, State};
use axum::response::Response;
use axum::routing::get;

use crate::app::AppState;
use crate::equipment::documents::{self, Label};
use crate::equipment::lifecycle::State as DeviceState;
use crate::equipment::{pdf, store};
use crate::error::AppError;
use crate::mediation::people_store;
use crate::web::CurrentUser;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/espace/materiel/{code}/certificat.pdf", get(certificate))
        .route("/espace/materiel/{code}/remise.pdf", get(handover))
        .route("/espace/materiel/{code}/etiquette.pdf", get(label))
}

async fn certificate(
    State(state): State<AppState>,
    current: CurrentUser,
    Path(code): Path<String>,
) -> Result<Response, AppError> {
    let device = super::own_device(&state, &current, &code).await?;
    let pdf = super::certificate_pdf::<AppError>(&state, &device)
        .await?
        .ok_or(AppError::NotFound)?;
    Ok(crate::equipment::api::pdf_response(
        pdf,
        &format!("certificat-{}.pdf", device.code),
    ))
}

async fn handover(
    State(state): State<AppState>,
    current: CurrentUser,
    Path(code): Path<String>,
) -> Result<Response, AppError> {
    let device = super::own_device(&state, &current, &code).await?;
    let handover = store::last_handover(&state.db, &device.id)
        .await?
        .filter(|h| h.kind == "gift" && device.state == DeviceState::Given.code())
        .ok_or(AppError::NotFound)?;
    let person = match &handover.beneficiary_id {
        Some(id) => people_store::find(&state.db, &current.user.organization_id, id)
            .await?
            .map(|p| p.person.pseudonym)
            .unwrap_or_else(|| handover.signed_name.clone()),
        None => handover.signed_name.clone(),
    };
    let pdf: Result<Vec<u8>, pdf::PdfError> = documents::handover_paper(
        &device,
        &person,
        &handover.signed_name,
        handover.handed_on,
        &current.organization.name,
    );
    Ok(crate::equipment::api::pdf_response(
        pdf?,
        &format!("remise-{}.pdf", device.code),
    ))
}

async fn label(
    State(state): State<AppState>,
    current: CurrentUser,
    Path(code): Path<String>,
) -> Result<Response, AppError> {
    let device = super::own_device(&state, &current, &code).await?;
    let structure = &current.organization.name;
    let labels: Vec<Label> = Label::of(&device, structure, &state.config.links_origin())
        .into_iter()
        .collect();
    Ok(crate::equipment::api::pdf_response(
        documents::labels_pdf(&labels)?,
        &format!("etiquette-{}.pdf", device.code),
    ))
}
