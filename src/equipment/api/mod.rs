//! Equipment's JSON API, with the pages' rights: a structure's team
//! records devices and their steps and reads their certificates with a
//! personal token; a coordinator reads the aggregated impact of the
//! structures below them.

use axum::Router;
use axum::extract::{RawQuery, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use chrono::{DateTime, NaiveDate, Utc};
use serde::Serialize;
use utoipa::ToSchema;

mod doc;

use doc::{DeviceInput, DeviceListParams, TransitionInput};

use crate::api::caller::Caller;
use crate::app::AppState;
use crate::authz::{Action, allows};
use crate::equipment::impact::{self, Impact};
use crate::equipment::lifecycle::State as DeviceState;
use crate::equipment::model::Specs;
use crate::equipment::store::{self, DeviceRecord, EventRecord, StockFilter};
use crate::equipment::transitions::{self, Refused};
use crate::equipment::{documents, intake};
use crate::i18n;
use crate::mediation::api::body::{JsonBody, Kind, checked};
use crate::mediation::api::{created, own};
use crate::mediation::today;
use crate::validation::FieldError;
use crate::web::problem::{ApiError, ApiPath, Problem};

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/v1/devices", get(list_devices).post(create_device))
        .route("/v1/devices/{id}", get(show_device))
        .route("/v1/devices/{id}/transitions", post(record_transition))
        .route("/v1/devices/{id}/certificate.pdf", get(certificate))
        .route("/v1/equipment/impact", get(show_impact))
}

/// A device as its structure sees it.
#[derive(Serialize, ToSchema)]
pub struct DeviceJson {
    pub id: String,
    /// The inventory code on its label.
    pub code: String,
    /// `laptop`, `desktop`, `tablet`, `smartphone`, `screen`, `printer`, `sim`, `box4g`, `other`.
    pub kind: String,
    pub brand: String,
    pub model: String,
    pub serial: String,
    pub year: Option<i32>,
    #[schema(value_type = Object)]
    pub specs: serde_json::Value,
    /// A to D, once diagnosed.
    pub grade: Option<String>,
    pub notes: String,
    /// `received`, `diagnosed`, `wiped`, `refurbished`, `ready`, `given`,
    /// `loaned`, `returned`, `in_repair`, `recycled`.
    pub state: String,
    pub state_at: DateTime<Utc>,
    /// The states a step may lead to now.
    pub next: Vec<String>,
    pub lot_id: Option<String>,
    pub os: Option<String>,
    pub free_os: Option<bool>,
    /// The person followed who holds it (given or lent).
    pub holder_id: Option<String>,
    pub due_on: Option<NaiveDate>,
    /// The wipe certificate's verification code, once wiped.
    pub certificate_code: Option<String>,
    pub certificate_url: Option<String>,
    /// The steps, oldest first (with `GET /api/v1/devices/{id}`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub history: Option<Vec<EventJson>>,
}

impl DeviceJson {
    fn new(device: &DeviceRecord, origin: &str) -> Self {
        let state = DeviceState::parse(&device.state).unwrap_or(DeviceState::Received);
        let resume = device.resume_state.as_deref().and_then(DeviceState::parse);
        Self {
            id: device.id.clone(),
            code: device.code.clone(),
            kind: device.kind.clone(),
            brand: device.brand.clone(),
            model: device.model.clone(),
            serial: device.serial.clone(),
            year: device.year,
            specs: serde_json::to_value(Specs::from_json(&device.specs)).unwrap_or_default(),
            grade: device.grade.clone(),
            notes: device.notes.clone(),
            state: device.state.clone(),
            state_at: device.state_at,
            next: super::lifecycle::next_states(state, resume)
                .into_iter()
                .map(|s| s.code().to_owned())
                .collect(),
            lot_id: device.lot_id.clone(),
            os: device.os.clone(),
            free_os: device.free_os,
            holder_id: device.holder_id.clone(),
            due_on: device.due_on,
            certificate_code: device.certificate_code.clone(),
            certificate_url: device
                .certificate_code
                .as_deref()
                .map(|c| documents::certificate_url(origin, c)),
            history: None,
        }
    }
}

/// One step of a device's life.
#[derive(Serialize, ToSchema)]
pub struct EventJson {
    pub id: String,
    pub at: DateTime<Utc>,
    pub from: Option<String>,
    pub to: String,
    /// The account that recorded it.
    pub by: Option<String>,
    /// What the step recorded (grade, wipe method, system…; never a name).
    #[schema(value_type = Object)]
    pub details: serde_json::Value,
}

impl From<&EventRecord> for EventJson {
    fn from(e: &EventRecord) -> Self {
        Self {
            id: e.id.clone(),
            at: e.at,
            from: e.from_state.clone(),
            to: e.to_state.clone(),
            by: e.by_user.clone(),
            details: serde_json::from_str(&e.details).unwrap_or_default(),
        }
    }
}

/// A step recorded.
#[derive(Serialize, ToSchema)]
pub struct TransitionJson {
    pub device: DeviceJson,
    pub event: EventJson,
}

/// A page of the stock.
#[derive(Serialize, ToSchema)]
pub struct DevicesPage {
    pub devices: Vec<DeviceJson>,
    pub total: u64,
    pub page: u64,
}

const DEVICE_MEMBERS: &[(&str, Kind)] = &[
    ("kind", Kind::Code),
    ("brand", Kind::Text),
    ("model", Kind::Text),
    ("serial", Kind::Text),
    ("year", Kind::Integer),
    ("notes", Kind::Text),
    ("lot_id", Kind::Text),
    ("processor", Kind::Text),
    ("memory_gb", Kind::Integer),
    ("storage_kind", Kind::Text),
    ("storage_gb", Kind::Integer),
    ("storage_serials", Kind::Texts),
    ("battery_pct", Kind::Integer),
    ("screen", Kind::Text),
    ("data_plan", Kind::Text),
];

const TRANSITION_MEMBERS: &[(&str, Kind)] = &[
    ("to", Kind::Code),
    ("grade", Kind::Code),
    ("findings", Kind::Text),
    ("method", Kind::Code),
    ("tool", Kind::Text),
    ("passes", Kind::Integer),
    ("verified", Kind::Boolean),
    ("storage_serials", Kind::Texts),
    ("os", Kind::Text),
    ("free_software", Kind::Boolean),
    ("checks", Kind::Text),
    ("beneficiary_id", Kind::Id),
    ("signed_name", Kind::Text),
    ("handed_on", Kind::Day),
    ("due_on", Kind::Day),
    ("agreement", Kind::Boolean),
    ("charger", Kind::Boolean),
    ("condition", Kind::Text),
    ("problem", Kind::Text),
    ("recycler", Kind::Text),
    ("weight_kg", Kind::Number),
];

pub(crate) fn no_device(id: &str) -> ApiError {
    ApiError::NotFound(i18n::t_with(
        "problem-no-device",
        &[("id", crate::text::cut(id, 120).into())],
    ))
}

pub(crate) fn refused(refusal: Refused, id: &str) -> ApiError {
    match refusal {
        Refused::Invalid(errors) => ApiError::Unprocessable(errors),
        Refused::Conflict(words) => ApiError::Conflict(words),
        Refused::NotFound => no_device(id),
        Refused::Database(err) => err.into(),
    }
}

#[utoipa::path(get, path = "/api/v1/devices", tag = "materiel", summary = "Le stock de la structure",
    description = "Les appareils de la structure, le dernier changement d’abord, 50 par page.",
    params(DeviceListParams),
    responses(
        (status = 200, description = "Une page du stock.", body = DevicesPage),
        (status = 400, description = "Un paramètre est refusé : `errors` le nomme.", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Compte sans accès au matériel d’une structure (réseau, administration).", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []))
)]
pub async fn list_devices(
    State(state): State<AppState>,
    caller: Caller,
    RawQuery(raw): RawQuery,
) -> Result<Response, ApiError> {
    own(&caller)?;
    let param = |name: &str| {
        crate::web::query_params::first(raw.as_deref(), name).filter(|v| !v.trim().is_empty())
    };
    let (filter, mut errors) = StockFilter::read(
        param("state").as_deref(),
        param("kind").as_deref(),
        param("q").as_deref(),
        ["state", "kind"],
    );
    // An empty `page=` is no page number: refused, as its type says.
    let page = match crate::web::query_params::first(raw.as_deref(), "page") {
        None => 1,
        Some(raw) => match raw.trim().parse::<u64>() {
            Ok(n) if (1..=100_000).contains(&n) => n,
            _ => {
                errors.push(FieldError::new("page", "equipment-page").with_value(&raw));
                1
            }
        },
    };
    if !errors.is_empty() {
        return Err(ApiError::InvalidParams(errors));
    }
    let (rows, total) = store::stock_page(
        &state.db,
        &caller.user.organization_id,
        &filter,
        (page - 1) * 50,
        50,
    )
    .await?;
    let origin = state.config.links_origin();
    Ok(axum::Json(DevicesPage {
        devices: rows.iter().map(|d| DeviceJson::new(d, &origin)).collect(),
        total,
        page,
    })
    .into_response())
}

#[utoipa::path(post, path = "/api/v1/devices", tag = "materiel", summary = "Enregistrer un appareil reçu",
    description = "L’appareil est créé à l’état `received`, avec son code d’inventaire.",
    request_body(content = DeviceInput, content_type = "application/json"),
    responses(
        (status = 201, description = "L’appareil ; son adresse dans l’en-tête Location.", body = DeviceJson, headers(("Location" = String, description = "L’adresse de l’appareil."))),
        (status = 403, description = "Compte sans accès au matériel d’une structure, ou écriture d’un navigateur sans jeton CSRF.", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Des champs sont refusés : `errors` les nomme tous.", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []))
)]
pub async fn create_device(
    State(state): State<AppState>,
    caller: Caller,
    JsonBody(body): JsonBody,
) -> Result<Response, ApiError> {
    own(&caller)?;
    let today = today();
    let fields = checked(&body, DEVICE_MEMBERS, |fields| {
        super::model::Device::parse(fields, chrono::Datelike::year(&today))
            .err()
            .unwrap_or_default()
    })?;
    let device = intake::add_device(&state.db, &caller.user, &fields, today)
        .await
        .map_err(|r| refused(r, ""))?;
    Ok(created(
        format!("/api/v1/devices/{}", device.id),
        &DeviceJson::new(&device, &state.config.links_origin()),
    ))
}

#[utoipa::path(get, path = "/api/v1/devices/{id}", tag = "materiel", summary = "Un appareil et son histoire",
    params(("id" = String, Path, description = "L’identifiant de l’appareil.")),
    responses(
        (status = 200, description = "L’appareil, avec ses étapes.", body = DeviceJson),
        (status = 403, description = "Compte sans accès au matériel d’une structure.", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "La structure n’a pas d’appareil avec cet identifiant.", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []))
)]
pub async fn show_device(
    State(state): State<AppState>,
    caller: Caller,
    ApiPath(id): ApiPath<String>,
) -> Result<Response, ApiError> {
    own(&caller)?;
    let device = store::find_device(&state.db, &caller.user.organization_id, &id)
        .await?
        .ok_or_else(|| no_device(&id))?;
    let events = store::events_of(&state.db, &device.id).await?;
    let mut json = DeviceJson::new(&device, &state.config.links_origin());
    json.history = Some(events.iter().map(EventJson::from).collect());
    Ok(axum::Json(json).into_response())
}

#[utoipa::path(post, path = "/api/v1/devices/{id}/transitions", tag = "materiel", summary = "Faire passer un appareil à l’étape suivante",
    description = "`to` et ce que l’étape demande : `diagnosed` (grade), `wiped` (method, tool, verified), `refurbished` (os), `ready`, `given` (beneficiary_id, signed_name), `loaned` (beneficiary_id, signed_name, due_on, agreement), `returned`, `in_repair`, `recycled` (recycler, weight_kg). Une étape qui ne suit pas l’état actuel, ou un effacement non vérifié, est refusée (409) avec ce qui manque.",
    params(("id" = String, Path, description = "L’identifiant de l’appareil.")),
    request_body(content = TransitionInput, content_type = "application/json"),
    responses(
        (status = 201, description = "L’étape enregistrée et l’appareil dans son nouvel état.", body = TransitionJson),
        (status = 403, description = "Compte sans accès au matériel d’une structure, ou écriture d’un navigateur sans jeton CSRF.", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "La structure n’a pas d’appareil avec cet identifiant.", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "L’étape ne suit pas l’état de l’appareil (le détail dit ce qui manque), ou l’effacement n’a pas été vérifié.", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Des champs sont refusés : `errors` les nomme tous.", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []))
)]
pub async fn record_transition(
    State(state): State<AppState>,
    caller: Caller,
    ApiPath(id): ApiPath<String>,
    JsonBody(body): JsonBody,
) -> Result<Response, ApiError> {
    own(&caller)?;
    // The device first: another structure's id is 404 whatever the body.
    let device = store::find_device(&state.db, &caller.user.organization_id, &id)
        .await?
        .ok_or_else(|| no_device(&id))?;
    let fields = checked(&body, TRANSITION_MEMBERS, |_| Vec::new())?;
    let (device, event) = transitions::record_on(&state.db, &caller.user, device, &fields, today())
        .await
        .map_err(|r| refused(r, &id))?;
    Ok((
        StatusCode::CREATED,
        axum::Json(TransitionJson {
            device: DeviceJson::new(&device, &state.config.links_origin()),
            event: EventJson::from(&event),
        }),
    )
        .into_response())
}

#[utoipa::path(get, path = "/api/v1/devices/{id}/certificate.pdf", tag = "materiel", summary = "Le certificat d’effacement d’un appareil",
    description = "PDF/A-2b : l’appareil, les supports effacés, la méthode (NIST SP 800-88), l’outil, le résultat, un code de vérification et son QR.",
    params(("id" = String, Path, description = "L’identifiant de l’appareil.")),
    responses(
        (status = 200, description = "Le certificat.", content_type = "application/pdf", body = String),
        (status = 403, description = "Compte sans accès au matériel d’une structure.", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "Aucun appareil de la structure n’a cet identifiant.", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "L’appareil n’a pas encore été effacé.", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []))
)]
pub async fn certificate(
    State(state): State<AppState>,
    caller: Caller,
    ApiPath(id): ApiPath<String>,
) -> Result<Response, ApiError> {
    own(&caller)?;
    let device = store::find_device(&state.db, &caller.user.organization_id, &id)
        .await?
        .ok_or_else(|| no_device(&id))?;
    let pdf = super::staff::certificate_pdf::<ApiError>(&state, &device)
        .await?
        .ok_or_else(|| ApiError::Conflict(i18n::t("equipment-not-wiped")))?;
    Ok(pdf_response(
        pdf,
        &format!("certificat-{}.pdf", device.code),
    ))
}

/// A PDF to download.
pub fn pdf_response(pdf: Vec<u8>, name: &str) -> Response {
    (
        [
            (header::CONTENT_TYPE, "application/pdf".to_owned()),
            (
                header::CONTENT_DISPOSITION,
                format!("inline; filename=\"{name}\""),
            ),
        ],
        pdf,
    )
        .into_response()
}

#[utoipa::path(get, path = "/api/v1/equipment/impact", tag = "materiel", summary = "L’impact du réemploi",
    description = "Pour une structure : ses appareils ; pour un compte de réseau ou de fédération : les structures qu’il coordonne, agrégées (aucune donnée personnelle). Chaque chiffre de kg ou de CO₂e vient de facteurs donnés avec leur source.",
    responses(
        (status = 200, description = "Les chiffres et les facteurs utilisés.", body = Impact),
        (status = 403, description = "Compte sans accès aux chiffres.", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []))
)]
pub async fn show_impact(
    State(state): State<AppState>,
    caller: Caller,
) -> Result<Response, ApiError> {
    let user = &caller.user;
    let structures = if allows(user, &Action::ReadPersonalDataOf(&user.organization_id)) {
        vec![user.organization_id.clone()]
    } else if allows(user, &Action::ReadAggregates) {
        crate::organizations::store::tree(&state.db)
            .await?
            .structures_within(&user.organization_id)
            .into_iter()
            .map(|o| o.id.clone())
            .collect()
    } else {
        return Err(ApiError::Forbidden);
    };
    Ok(axum::Json(impact::read(&state.db, &structures).await?).into_response())
}
