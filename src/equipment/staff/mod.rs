//! The equipment pages of a structure's team (`/espace/materiel…`): the
//! stock (`stock`), lots received from donors (`lots`), one device's page
//! with its steps and repairs (`device`) and its papers (`papers`), and the impact with its
//! factors (`impact`, also for coordinators, aggregated).

mod device;
mod impact;
mod lots;
mod papers;
mod stock;
mod views;

use axum::Router;

use super::documents::{self, WipeWords};
use super::store::{self, DeviceRecord};
use super::transitions::last_wipe;
use crate::app::AppState;
use crate::error::AppError;
use crate::web::CurrentUser;

pub fn router() -> Router<AppState> {
    Router::new()
        .merge(stock::router())
        .merge(lots::router())
        .merge(impact::router())
        .merge(device::router())
        .merge(papers::router())
}

/// The structure's device whose inventory code is `code` (another's: 404).
async fn own_device(
    state: &AppState,
    current: &CurrentUser,
    code: &str,
) -> Result<DeviceRecord, AppError> {
    crate::mediation::staff::activities::require_own(current)?;
    if !super::model::is_readable_code(code, super::model::INVENTORY_CODE_LEN) {
        return Err(AppError::NotFound);
    }
    store::find_by_code(&state.db, &current.user.organization_id, code)
        .await?
        .ok_or(AppError::NotFound)
}

/// The name of the structure that holds `organization`.
pub(crate) async fn structure_name(
    state: &AppState,
    organization: &str,
) -> Result<String, sea_orm::DbErr> {
    let id = crate::organizations::OrganizationId::parse(organization);
    Ok(match id {
        Some(id) => crate::organizations::store::find(&state.db, &id)
            .await?
            .map(|o| o.name)
            .unwrap_or_default(),
        None => String::new(),
    })
}

/// A device's wipe certificate, or `None` before its first verified wipe.
pub(crate) async fn certificate_pdf<E>(
    state: &AppState,
    device: &DeviceRecord,
) -> Result<Option<Vec<u8>>, E>
where
    E: From<sea_orm::DbErr> + From<super::pdf::PdfError>,
{
    if device.certificate_code.is_none() {
        return Ok(None);
    }
    let events = store::events_of(&state.db, &device.id).await?;
    let Some((event, details)) = last_wipe(&events) else {
        return Ok(None);
    };
    let words = WipeWords::new(event, &details);
    let structure = structure_name(state, &device.organization_id).await?;
    Ok(Some(documents::certificate(
        device,
        &words,
        &structure,
        &state.config.links_origin(),
    )?))
}
