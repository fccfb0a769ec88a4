//! The public coverage page (`/couverture`), its map
//! (`/couverture/carte.svg`) and its CSV (`/couverture.csv`). Aggregates
//! over public data: no account needed, no personal data involved.

use axum::Router;
use axum::extract::{RawQuery, State};
use axum::http::header;
use axum::response::{IntoResponse, Response};
use axum::routing::get;

use super::map;
use super::model::{Question, compute};
use super::report;
use super::views::{CoverageForm, CoveragePage, CoverageView, territory_name};
use crate::app::AppState;
use crate::error::AppError;
use crate::territory::Communes;
use crate::web::problem::ApiError;
use crate::web::{Chrome, render};

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/couverture", get(page))
        .route("/couverture.csv", get(csv))
        .route("/couverture/carte.svg", get(svg))
}

/// The submitted form as a clean query: empty fields dropped (« Tous »),
/// a decimal comma accepted in the radius.
fn clean_pairs(raw: Option<&str>) -> Vec<(String, String)> {
    decoded(raw)
        .into_iter()
        .filter(|(key, value)| {
            !value.trim().is_empty() && key != crate::web::lang::PARAMETER && key != RAW
        })
        .map(|(key, value)| {
            let value = if key == "radius_km" {
                value.trim().replace(',', ".")
            } else {
                value
            };
            (key, value)
        })
        .collect()
}

/// Whether the query asks for the raw CSV (`brut=1`).
fn asks_raw(raw: Option<&str>) -> bool {
    decoded(raw)
        .iter()
        .any(|(key, value)| key == RAW && value == "1")
}

/// The query's pairs as sent (none when it cannot be read).
fn decoded(raw: Option<&str>) -> Vec<(String, String)> {
    raw.and_then(|q| serde_urlencoded::from_str(q).ok())
        .unwrap_or_default()
}

fn value<'a>(pairs: &'a [(String, String)], key: &str) -> &'a str {
    pairs
        .iter()
        .find(|(k, _)| k == key)
        .map_or("", |(_, v)| v.as_str())
}

/// The question, or a 404 page for the map and CSV of a refused one.
fn question(raw: Option<&str>) -> Result<Question, AppError> {
    let query = serde_urlencoded::to_string(clean_pairs(raw)).unwrap_or_default();
    report::read_question(Some(&query)).map_err(|_| AppError::NotFound)
}

async fn page(
    State(state): State<AppState>,
    RawQuery(raw): RawQuery,
) -> Result<Response, AppError> {
    let pairs = clean_pairs(raw.as_deref());
    let mut form = CoverageForm::new(
        if pairs.is_empty() {
            "10"
        } else {
            value(&pairs, "radius_km")
        },
        value(&pairs, "department"),
        value(&pairs, "region"),
        value(&pairs, "service"),
    );
    let query = serde_urlencoded::to_string(&pairs).unwrap_or_default();
    let result = match report::read_question(Some(&query)) {
        Ok(question) => {
            let index = state.places.index();
            let coverage = compute(&index, Communes::get(), question);
            Some(CoverageView::new(&coverage, query))
        }
        Err(ApiError::InvalidParams(errors)) => {
            form.errors = errors
                .into_iter()
                .map(|e| (e.field.to_string(), e.message()))
                .collect();
            None
        }
        Err(_) => None,
    };
    render(&CoveragePage {
        chrome: Chrome::public(),
        form,
        result,
    })
}

/// `/couverture.csv?…&brut=1`: the CSV for programs rather than for a spreadsheet.
const RAW: &str = "brut";

async fn csv(State(state): State<AppState>, RawQuery(raw): RawQuery) -> Result<Response, AppError> {
    let dialect = if asks_raw(raw.as_deref()) {
        report::CsvDialect::Raw
    } else {
        report::CsvDialect::Spreadsheet
    };
    let question = question(raw.as_deref())?;
    let index = state.places.index();
    let coverage = compute(&index, Communes::get(), question);
    let mut body = Vec::new();
    report::write_csv(&mut body, &coverage, dialect)?;
    Ok((
        [
            (header::CONTENT_TYPE, "text/csv; charset=utf-8"),
            (
                header::CONTENT_DISPOSITION,
                "attachment; filename=\"couverture.csv\"",
            ),
        ],
        body,
    )
        .into_response())
}

async fn svg(State(state): State<AppState>, RawQuery(raw): RawQuery) -> Result<Response, AppError> {
    let question = question(raw.as_deref())?;
    let index = state.places.index();
    let coverage = compute(&index, Communes::get(), question);
    let title = crate::i18n::t_with(
        "coverage-map-title",
        &[(
            "territory",
            territory_name(&coverage.question.territory).into(),
        )],
    );
    Ok((
        [(header::CONTENT_TYPE, "image/svg+xml")],
        map::svg(&coverage, &title),
    )
        .into_response())
}
