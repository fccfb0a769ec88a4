//! The public coverage page (`/couverture`), its map
//! (`/couverture/carte.svg`) and its CSV (`/couverture.csv`). Aggregates
//! over public data: no account needed, no personal data involved.

use axum::Router;
use axum::extract::{RawQuery, State};
use axum::http::header;
use axum::response::{IntoResponse, Response};
use axum::routing::get;

use super::map;
use super::model::{Question, Territory, compute};
use super::report;
use super::views::{CoverageForm, CoveragePage, CoverageView, territory_name};
use crate::app::AppState;
use crate::error::AppError;
use crate::organizations;
use crate::places;
use crate::territory::Communes;
use crate::territory::regions::{department_code, departments_holding};
use crate::web::CurrentUser;
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
            let value = match key.as_str() {
                "radius_km" => value.trim().replace(',', "."),
                // Typed or completed: « Maine-et-Loire », « 49 – Maine-et-Loire ».
                "department" => department_code(&value).map_or(value, str::to_owned),
                _ => value,
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

/// The territory the page opens on: that of the places of the person's
/// organisation and those below it when logged in, else that of the
/// instance's places.
async fn usual_territory(
    state: &AppState,
    current: Option<&CurrentUser>,
) -> Result<Territory, AppError> {
    if let Some(current) = current {
        let tree = organizations::store::tree(&state.db).await?;
        let ids: Vec<_> = tree
            .subtree(&current.user.organization_id)
            .into_iter()
            .map(|(_, o)| o.id.clone())
            .collect();
        let theirs = places::store::of_organizations(&state.db, &ids).await?;
        let counts = departments_holding(
            theirs
                .iter()
                .map(|s| (s.place.code_insee.as_deref(), s.place.code_postal.as_str())),
        );
        let territory = Territory::holding(&counts);
        if territory != Territory::All {
            return Ok(territory);
        }
    }
    Ok(Territory::holding(state.places.index().departments()))
}

async fn page(
    State(state): State<AppState>,
    current: Result<CurrentUser, AppError>,
    RawQuery(raw): RawQuery,
) -> Result<Response, AppError> {
    let mut pairs = clean_pairs(raw.as_deref());
    if pairs.is_empty() {
        pairs.push(("radius_km".into(), report::DEFAULT_RADIUS_KM.to_string()));
        match usual_territory(&state, current.as_ref().ok()).await? {
            Territory::Department(code) => pairs.push(("department".into(), code)),
            Territory::Region(code) => pairs.push(("region".into(), code)),
            Territory::All => {}
        }
    }
    let mut form = CoverageForm::new(
        value(&pairs, "radius_km"),
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
                .map(|e| {
                    // The page takes names too: its message says so.
                    let message = if e.field == "department" {
                        crate::i18n::t("coverage-department-unknown")
                    } else {
                        e.message()
                    };
                    (e.field.to_string(), message)
                })
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
