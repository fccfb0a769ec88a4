//! The public page a wipe certificate's QR opens (`/certificats/{code}`):
//! anyone holding the paper checks what was wiped, when and how, by
//! which structure — the device and its storage, never a person.

use askama::Template;
use axum::Router;
use axum::extract::{Path, State};
use axum::response::Response;
use axum::routing::get;

use super::documents::WipeWords;
use super::model::{CERTIFICATE_CODE_LEN, Device, KINDS, is_readable_code};
use super::store;
use crate::app::AppState;
use crate::error::AppError;
use crate::web::{Chrome, render};

pub fn router() -> Router<AppState> {
    Router::new().route("/certificats/{code}", get(show))
}

#[derive(Template)]
#[template(path = "equipment/certificate.html")]
pub struct CertificatePage {
    pub chrome: Chrome,
    pub title: String,
    pub lead: String,
    pub device: String,
    pub serial: String,
    pub wipes: Vec<WipeWords>,
}

async fn show(
    State(state): State<AppState>,
    Path(code): Path<String>,
) -> Result<Response, AppError> {
    let code = code.trim().to_uppercase();
    if !is_readable_code(&code, CERTIFICATE_CODE_LEN) {
        return Err(AppError::NotFound);
    }
    let device = store::find_by_certificate(&state.db, &code)
        .await?
        .ok_or(AppError::NotFound)?;
    let events = store::events_of(&state.db, &device.id).await?;
    let wipes = crate::equipment::transitions::verified_wipes(&events)
        .map(|(event, details)| WipeWords::new(event, &details))
        .collect();
    let structure = super::staff::structure_name(&state, &device.organization_id).await?;
    render(&CertificatePage {
        chrome: Chrome::public(),
        title: crate::i18n::t_with("certificate-title", &[("code", code.clone().into())]),
        lead: crate::i18n::t_with("certificate-lead", &[("structure", structure.into())]),
        device: format!(
            "{} — {}",
            KINDS.label(&device.kind),
            Device::title(&device.kind, &device.brand, &device.model)
        ),
        serial: device.serial,
        wipes,
    })
}
