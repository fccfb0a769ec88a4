//! The stock (`/espace/materiel`): filters by state, kind and text, 50
//! devices a page, counts by state, overdue loans; and what leaves it as
//! files — the stock and movements as CSV, a sheet of QR labels (PDF or
//! SVG) for the devices listed.

use axum::Router;
use axum::extract::State;
use axum::http::header;
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use serde::Deserialize;

use super::views::{DeviceRow, StockPage};
use crate::app::AppState;
use crate::equipment::documents::{self, Label};
use crate::equipment::export::{self, BATCH};
use crate::equipment::lifecycle::State as DeviceState;
use crate::equipment::model::{Device, KINDS};
use crate::equipment::store::{self, DeviceRecord, StockFilter};
use crate::error::AppError;
use crate::mediation::staff::activities::require_own;
use crate::validation::FormErrors;
use crate::web::form::Choice;
use crate::web::{CurrentUser, Query, render};

/// The most labels one sheet prints (about 13 pages).
const MAX_LABELS: u64 = 300;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/espace/materiel", get(list))
        .route("/espace/materiel/stock.csv", get(stock_csv))
        .route("/espace/materiel/mouvements.csv", get(movements_csv))
        .route("/espace/materiel/etiquettes.pdf", get(labels_pdf))
        .route("/espace/materiel/etiquettes.svg", get(labels_svg))
}

/// The list's filters, as the page's form and links carry them.
#[derive(Deserialize, Default)]
pub struct StockQuery {
    #[serde(default)]
    etat: String,
    #[serde(default, rename = "type")]
    kind: String,
    #[serde(default)]
    q: String,
    #[serde(default)]
    lot: String,
    #[serde(default)]
    retard: String,
    #[serde(default)]
    page: String,
}

impl StockQuery {
    fn filter(&self) -> (StockFilter, FormErrors) {
        let (mut filter, refused) = StockFilter::read(
            Some(&self.etat),
            Some(&self.kind),
            Some(&self.q),
            ["etat", "type"],
        );
        filter.lot_id = Some(self.lot.trim().to_owned()).filter(|l| !l.is_empty());
        filter.overdue_on = (self.retard == "oui").then(crate::mediation::today);
        (filter, FormErrors::from(refused))
    }

    /// The filter as a query string (without the page).
    fn kept(&self) -> String {
        serde_urlencoded::to_string([
            ("etat", self.etat.trim()),
            ("type", self.kind.trim()),
            ("q", self.q.trim()),
            ("lot", self.lot.trim()),
            ("retard", self.retard.trim()),
        ])
        .unwrap_or_default()
    }
}

pub fn row(d: &DeviceRecord) -> DeviceRow {
    DeviceRow {
        code: d.code.clone(),
        title: Device::title(&d.kind, &d.brand, &d.model),
        kind: KINDS.label(&d.kind).to_owned(),
        serial: d.serial.clone(),
        state: DeviceState::parse(&d.state).map_or(d.state.clone(), |s| s.label().to_owned()),
        grade: d.grade.clone().unwrap_or_default(),
        since: d
            .state_at
            .with_timezone(&chrono_tz::Europe::Paris)
            .format("%d/%m/%Y")
            .to_string(),
    }
}

async fn list(
    State(state): State<AppState>,
    current: CurrentUser,
    Query(query): Query<StockQuery>,
) -> Result<Response, AppError> {
    require_own(&current)?;
    let own = &current.user.organization_id;
    let (filter, errors) = query.filter();
    let page = query
        .page
        .trim()
        .parse::<u64>()
        .unwrap_or(1)
        .clamp(1, 100_000);
    let (rows, total) = store::stock_page(&state.db, own, &filter, (page - 1) * 50, 50).await?;
    let overdue = StockFilter {
        overdue_on: Some(crate::mediation::today()),
        ..StockFilter::default()
    };
    let (counts, overdue) = futures_util::future::try_join(
        store::count_by_state(&state.db, own),
        store::count_stock(&state.db, own, &overdue),
    )
    .await?;
    let lots = store::lots_of(&state.db, own, 10).await?;
    let chosen_state = filter.state.unwrap_or("");
    let mut states = vec![Choice::new("", "Tous les états", chosen_state)];
    states.extend(
        DeviceState::ALL
            .iter()
            .map(|s| Choice::new(s.code(), s.label(), chosen_state)),
    );
    let chosen_kind = filter.kind.unwrap_or("");
    let mut kinds = vec![Choice::new("", "Tous les types", chosen_kind)];
    kinds.extend(
        KINDS
            .entries
            .iter()
            .map(|(c, l)| Choice::new(c, l, chosen_kind)),
    );
    render(&StockPage {
        chrome: current.chrome().await?,
        errors,
        states,
        kinds,
        q: query.q.clone(),
        rows: rows.iter().map(row).collect(),
        total,
        page,
        pages: total.div_ceil(50).max(1),
        kept: query.kept(),
        counts: DeviceState::ALL
            .iter()
            .filter_map(|s| {
                counts
                    .iter()
                    .find(|(code, _)| code == s.code())
                    .map(|(_, n)| (s.label().to_owned(), *n))
            })
            .collect(),
        overdue,
        lots: lots
            .iter()
            .map(|l| {
                (
                    l.id.clone(),
                    format!(
                        "{} — {}",
                        l.received_on.format("%d/%m/%Y"),
                        crate::text::cut(&l.description, 60)
                    ),
                )
            })
            .collect(),
    })
}

async fn stock_csv(
    State(state): State<AppState>,
    current: CurrentUser,
    Query(query): Query<StockQuery>,
) -> Result<Response, AppError> {
    require_own(&current)?;
    let own = current.user.organization_id.clone();
    let (filter, _) = query.filter();
    let db = state.db.clone();
    Ok(export::streamed(
        "stock.csv",
        export::STOCK_HEADER,
        move |after| {
            let (db, own, filter) = (db.clone(), own.clone(), filter.clone());
            async move {
                let rows =
                    store::stock_batch_after(&db, &own, &filter, after.as_deref(), BATCH).await?;
                let last = (rows.len() as u64 == BATCH)
                    .then(|| rows.last().map(|d| d.id.clone()))
                    .flatten();
                Ok((rows.iter().map(export::stock_row).collect(), last))
            }
        },
    )?)
}

async fn movements_csv(
    State(state): State<AppState>,
    current: CurrentUser,
) -> Result<Response, AppError> {
    require_own(&current)?;
    let own = current.user.organization_id.clone();
    let db = state.db.clone();
    Ok(export::streamed(
        "mouvements.csv",
        export::MOVEMENTS_HEADER,
        move |after| {
            let (db, own) = (db.clone(), own.clone());
            async move {
                let events = store::events_batch_after(&db, &own, after.as_deref(), BATCH).await?;
                let codes =
                    store::codes_of(&db, events.iter().map(|e| e.device_id.as_str())).await?;
                let last = (events.len() as u64 == BATCH)
                    .then(|| events.last().map(|e| e.id.clone()))
                    .flatten();
                let rows = events
                    .iter()
                    .map(|e| {
                        let code = codes.get(&e.device_id).map_or("", String::as_str);
                        export::movement_row(e, code)
                    })
                    .collect();
                Ok((rows, last))
            }
        },
    )?)
}

/// The labels of the devices the filter lists (at most [`MAX_LABELS`]).
async fn labels(
    state: &AppState,
    current: &CurrentUser,
    query: &StockQuery,
) -> Result<Vec<Label>, AppError> {
    require_own(current)?;
    let own = &current.user.organization_id;
    let (filter, _) = query.filter();
    let (rows, _) = store::stock_page(&state.db, own, &filter, 0, MAX_LABELS).await?;
    let structure = &current.organization.name;
    let origin = state.config.links_origin();
    Ok(rows
        .iter()
        .filter_map(|d| Label::of(d, structure, &origin))
        .collect())
}

async fn labels_pdf(
    State(state): State<AppState>,
    current: CurrentUser,
    Query(query): Query<StockQuery>,
) -> Result<Response, AppError> {
    let labels = labels(&state, &current, &query).await?;
    let pdf = tokio::task::spawn_blocking(move || documents::labels_pdf(&labels)).await??;
    Ok(crate::equipment::api::pdf_response(pdf, "etiquettes.pdf"))
}

async fn labels_svg(
    State(state): State<AppState>,
    current: CurrentUser,
    Query(query): Query<StockQuery>,
) -> Result<Response, AppError> {
    let labels = labels(&state, &current, &query).await?;
    Ok((
        [(header::CONTENT_TYPE, "image/svg+xml; charset=utf-8")],
        documents::labels_svg(&labels),
    )
        .into_response())
}
