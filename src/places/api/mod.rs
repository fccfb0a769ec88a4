//! The places JSON API: nearest places (`/api/v1/places`), one place
//! (`/api/v1/places/{id}`) and the whole directory in the national schema
//! (`/api/v1/places/export.csv|json`). Places are written with the schema's
//! field names and value formats (lists `|`-joined), as in the exports, so
//! one document — the national schema — describes both.

use axum::Router;
use std::io::Write;

use axum::body::{Body, Bytes};
use axum::extract::{RawQuery, State};
use axum::http::{HeaderMap, header};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use chrono::{DateTime, SecondsFormat, Utc};
use serde_json::Value;

use crate::app::AppState;
use crate::places::export;
use crate::places::index::IndexedPlace;
use crate::places::stops::Stop;
use crate::places::store::{self, StoredPlace};
use crate::web::encoding::Encoding;
use crate::web::problem::{ApiError, ApiPath, Problem};

pub mod doc;
mod search_query;

pub use search_query::{Search, read_search};

use doc::{PlaceSchema, PlacesPageSchema, SearchParams};

/// Results per request unless `limit` says otherwise.
pub const DEFAULT_LIMIT: u64 = 20;
/// The most results one request returns.
pub const MAX_LIMIT: u64 = 100;
/// How deep paging goes: far enough for any reader, bounded work per request.
pub const MAX_OFFSET: u64 = 10_000;
/// Half the Earth's circumference: every place is within this.
pub const MAX_RADIUS_KM: f64 = 20_040.0;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/v1/places", get(search))
        .route("/v1/places/export.csv", get(export_csv))
        .route("/v1/places/export.json", get(export_json))
        .route("/v1/places/{id}", get(show))
}

/// An instant as the API writes it (UTC, seconds).
fn rfc3339(at: DateTime<Utc>) -> String {
    at.to_rfc3339_opts(SecondsFormat::Secs, true)
}

/// `,"name":value`: one more member of the JSON object being written.
fn member(out: &mut Vec<u8>, name: &str, value: &impl serde::Serialize) {
    // Names are ASCII literals; numbers, booleans and strings cannot fail.
    out.extend_from_slice(b",\"");
    out.extend_from_slice(name.as_bytes());
    out.extend_from_slice(b"\":");
    let _ = serde_json::to_writer(&mut *out, value);
}

/// What Maille adds to the schema's fields of a place, written straight
/// into the answer (a search writes twenty of them).
fn write_additions(
    out: &mut Vec<u8>,
    position_approximate: bool,
    stop: Option<&Stop>,
    state: (Option<bool>, Option<DateTime<Utc>>),
    distance_km: Option<f64>,
) {
    member(out, "position_approximative", &position_approximate);
    if let Some(km) = distance_km {
        // Metres are precision enough, and keep the documents short.
        member(out, "distance_km", &((km * 1000.0).round() / 1000.0));
    }
    if let Some(stop) = stop {
        let _ = write!(
            out,
            ",\"passage\":{{\"date\":\"{}\"",
            stop.date.format("%Y-%m-%d")
        );
        member(out, "debut", &stop.starts.format("%H:%M").to_string());
        member(out, "fin", &stop.ends.format("%H:%M").to_string());
        member(out, "adresse", &stop.adresse);
        member(out, "commune", &stop.commune);
        member(out, "code_postal", &stop.code_postal);
        member(out, "code_insee", &stop.code_insee);
        member(out, "latitude", &stop.latitude);
        member(out, "longitude", &stop.longitude);
        out.push(b'}');
    }
    member(out, "open_now", &state.0);
    member(out, "next_change", &state.1.map(rfc3339));
}

/// One entry of the index as the API writes it: its schema fields, packed
/// when the index was built, then what Maille adds.
fn write_entry(
    out: &mut Vec<u8>,
    entry: &IndexedPlace,
    at: DateTime<Utc>,
    distance_km: Option<f64>,
) {
    out.push(b'{');
    // Never empty: `id`, `nom`… are required.
    entry.write_json_members(out);
    write_additions(
        out,
        entry.position_approximate,
        entry.stop.as_deref(),
        entry.state(at),
        distance_km,
    );
    out.push(b'}');
}

/// The media type of the API's answers.
const JSON: &str = "application/json";

fn json_response(body: impl Into<Body>) -> Response {
    ([(header::CONTENT_TYPE, JSON)], body.into()).into_response()
}

fn to_bytes(value: &Value) -> Bytes {
    Bytes::from(serde_json::to_vec(value).unwrap_or_default())
}

/// The nearest places, with filters.
#[utoipa::path(
    get,
    path = "/api/v1/places",
    tag = "lieux",
    summary = "Les lieux les plus proches",
    description = "Les lieux de médiation numérique les plus proches d’une position (lat et lon) ou d’une commune (q), du plus proche au plus lointain, avec leur distance et s’ils sont ouverts à l’instant `at`.",
    params(SearchParams),
    responses(
        (status = 200, description = "Les lieux trouvés, du plus proche au plus lointain.", body = PlacesPageSchema),
        (status = 400, description = "Un paramètre est absent, mal formé ou hors limites : `errors` les nomme tous.", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "Aucune commune ne correspond à `q`.", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn search(
    State(state): State<AppState>,
    headers: HeaderMap,
    RawQuery(raw): RawQuery,
) -> Result<Response, ApiError> {
    let now = state.config.hours_now();
    let query = raw.as_deref().unwrap_or_default();
    let encoding = Encoding::accepted(&headers);
    let index = state.places.index();
    // The answer holds words (a stop's date) in the request's language.
    let key = format!("api-{}", crate::i18n::current().code());
    if let Some(answer) = index.answers.get(&key, encoding, query, now) {
        return Ok(encoding.respond(JSON, answer));
    }
    let search = read_search(raw.as_deref(), now)?;
    let total = index.count(
        search.latitude,
        search.longitude,
        &search.filters,
        search.radius_km,
    );
    let found: Vec<(&IndexedPlace, f64)> = index
        .nearest(
            search.latitude,
            search.longitude,
            &search.filters,
            search.radius_km,
        )
        .skip(search.offset)
        .take(search.limit)
        .collect();
    let mut body = format!("{{\"total\":{total},\"places\":[").into_bytes();
    for (i, (entry, km)) in found.iter().enumerate() {
        if i > 0 {
            body.push(b',');
        }
        write_entry(&mut body, entry, search.at, Some(*km));
    }
    body.extend_from_slice(b"]}");
    let answer = encoding.encode(Bytes::from(body));
    index
        .answers
        .put(&key, encoding, query, now, answer.clone());
    Ok(encoding.respond(JSON, answer))
}

/// One place.
#[utoipa::path(
    get,
    path = "/api/v1/places/{id}",
    tag = "lieux",
    summary = "Un lieu",
    params(("id" = String, Path, description = "L’identifiant du lieu (champ id du schéma national).")),
    responses(
        (status = 200, description = "Le lieu, avec s’il est ouvert maintenant.", body = PlaceSchema),
        (status = 404, description = "Aucun lieu n’a cet identifiant.", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn show(
    State(state): State<AppState>,
    ApiPath(id): ApiPath<String>,
) -> Result<Response, ApiError> {
    let stored = store::find(&state.db, &id).await?.ok_or_else(|| {
        ApiError::NotFound(crate::i18n::t_with(
            "problem-no-place",
            &[("id", crate::text::cut(&id, 120).into())],
        ))
    })?;
    let mut body = Vec::new();
    write_entry(
        &mut body,
        &IndexedPlace::one(&stored),
        state.config.hours_now(),
        None,
    );
    Ok(json_response(body))
}

/// Every place as published in exports: approximate positions left out.
async fn published(state: &AppState) -> Result<Vec<super::Place>, ApiError> {
    Ok(store::all(&state.db)
        .await?
        .iter()
        .map(StoredPlace::published)
        .collect())
}

/// The whole directory as CSV in the national schema.
#[utoipa::path(
    get,
    path = "/api/v1/places/export.csv",
    tag = "lieux",
    summary = "Tout l’annuaire en CSV (schéma national)",
    description = "Tous les lieux, au format CSV du schéma national des lieux de médiation numérique v1.0.2 (en-tête et ordre des colonnes du schéma, listes séparées par |). Les positions qu’a devinées Maille (centre de la commune) sont omises.",
    responses(
        (status = 200, description = "Le fichier CSV.", content_type = "text/csv", body = String),
    )
)]
pub async fn export_csv(State(state): State<AppState>) -> Result<Response, ApiError> {
    let places = published(&state).await?;
    let mut csv = Vec::new();
    export::write_csv(&mut csv, &places).map_err(|e| ApiError::Internal(e.to_string()))?;
    Ok((
        [
            (header::CONTENT_TYPE, "text/csv; charset=utf-8"),
            (
                header::CONTENT_DISPOSITION,
                "attachment; filename=\"lieux-mediation-numerique.csv\"",
            ),
        ],
        csv,
    )
        .into_response())
}

/// The whole directory as JSON in the national schema.
#[utoipa::path(
    get,
    path = "/api/v1/places/export.json",
    tag = "lieux",
    summary = "Tout l’annuaire en JSON (schéma national)",
    description = "Tous les lieux, en tableau JSON d’objets aux noms de champs du schéma national v1.0.2 (valeurs comme dans le CSV, valeurs absentes omises).",
    responses(
        (status = 200, description = "Le tableau des lieux.", body = Vec<doc::ExportedPlaceSchema>),
    )
)]
pub async fn export_json(State(state): State<AppState>) -> Result<Response, ApiError> {
    let places = published(&state).await?;
    let array: Vec<Value> = places.iter().map(export::to_json).collect();
    Ok(json_response(to_bytes(&Value::Array(array))))
}
