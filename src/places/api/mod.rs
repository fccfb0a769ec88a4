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
use crate::places::index::{Filters, IndexedPlace};
use crate::places::stops::Stop;
use crate::places::store::{self, StoredPlace};
use crate::places::vocabulary;
use crate::territory::Communes;
use crate::validation::FieldError;
use crate::web::encoding::Encoding;
use crate::web::problem::{ApiError, ApiPath, Problem};
use crate::web::query_params::QueryParams;

pub mod doc;

use doc::{Lieu, PageDeLieux, SearchParams};

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

/// A search as the API reads it.
#[derive(Debug, PartialEq)]
pub struct Search {
    pub latitude: f64,
    pub longitude: f64,
    pub filters: Filters,
    pub at: DateTime<Utc>,
    pub radius_km: Option<f64>,
    pub limit: usize,
    pub offset: usize,
}

/// Reads the query string of a search: every refused parameter reported.
pub fn read_search(raw: Option<&str>, now: DateTime<Utc>) -> Result<Search, ApiError> {
    let mut params = QueryParams::parse(raw, SearchParams::NAMES)?;
    let latitude = params.number("lat", -90.0, 90.0);
    let longitude = params.number("lon", -180.0, 180.0);
    let q = params.text("q", 200);
    let filters = Filters {
        services: params.list("service", vocabulary::SERVICES),
        publics: params.list("public", vocabulary::PUBLICS),
        specific_support: Vec::new(),
        free: params.boolean("free").unwrap_or(false),
        accessible: params.boolean("accessible").unwrap_or(false),
        open_at: None,
        not_before: None,
    };
    let open_now = params.boolean("open_now").unwrap_or(false);
    let at = params.instant("at").unwrap_or(now);
    let radius_km = params.number("radius_km", 0.0, MAX_RADIUS_KM);
    let limit = params
        .integer("limit", 1, MAX_LIMIT)
        .unwrap_or(DEFAULT_LIMIT);
    let offset = params.integer("offset", 0, MAX_OFFSET).unwrap_or(0);
    let has_position = params.has("lat") || params.has("lon");
    if has_position && params.has("q") {
        params.conflict("q", "query-q-or-position");
    } else if params.has("lat") != params.has("lon") {
        let missing = if params.has("lat") { "lon" } else { "lat" };
        params.conflict(missing, "query-lat-lon-together");
    } else if !has_position && !params.has("q") {
        params.conflict("q", "query-where");
    }
    params.finish()?;
    let (latitude, longitude) = match (latitude, longitude, q) {
        (Some(lat), Some(lon), _) => (lat, lon),
        (_, _, Some(q)) => {
            let communes = Communes::get();
            let commune = communes.resolve(&q).first().copied().ok_or_else(|| {
                ApiError::NotFound(crate::i18n::t_with(
                    "problem-no-commune",
                    &[("query", crate::text::cut(&q, 120).into())],
                ))
            })?;
            (commune.latitude, commune.longitude)
        }
        // Unreachable after `finish`, but a clear answer costs nothing.
        _ => return Err(ApiError::invalid(FieldError::new("q", "query-where"))),
    };
    Ok(Search {
        latitude,
        longitude,
        filters: Filters {
            open_at: open_now.then_some(at),
            not_before: Some(at),
            ..filters
        },
        at,
        radius_km,
        limit: usize::try_from(limit).unwrap_or(usize::MAX),
        offset: usize::try_from(offset).unwrap_or(usize::MAX),
    })
}

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
        (status = 200, description = "Les lieux trouvés, du plus proche au plus lointain.", body = PageDeLieux),
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
        (status = 200, description = "Le lieu, avec s’il est ouvert maintenant.", body = Lieu),
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
        (status = 200, description = "Le tableau des lieux.", body = Vec<doc::LieuExporte>),
    )
)]
pub async fn export_json(State(state): State<AppState>) -> Result<Response, ApiError> {
    let places = published(&state).await?;
    let array: Vec<Value> = places.iter().map(export::to_json).collect();
    Ok(json_response(to_bytes(&Value::Array(array))))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn now() -> DateTime<Utc> {
        DateTime::parse_from_rfc3339("2026-11-23T10:00:00Z")
            .unwrap()
            .with_timezone(&Utc)
    }

    fn refused_fields(raw: &str) -> Vec<String> {
        match read_search(Some(raw), now()) {
            Err(ApiError::InvalidParams(errors)) => {
                errors.into_iter().map(|e| e.field.into_owned()).collect()
            }
            other => panic!("expected a 400 for {raw}, got {other:?}"),
        }
    }

    #[test]
    fn a_position_and_defaults_make_a_search() {
        let search = read_search(Some("lat=47.06&lon=-0.88"), now()).unwrap();
        assert_eq!((search.latitude, search.longitude), (47.06, -0.88));
        assert_eq!(
            (search.limit, search.offset, search.radius_km),
            (20, 0, None)
        );
        assert_eq!(
            search.filters,
            Filters {
                not_before: Some(now()),
                ..Filters::default()
            },
            "no filter but past stops"
        );
        assert_eq!(search.at, now());
    }

    #[test]
    fn a_commune_name_or_postcode_is_a_position() {
        let by_name = read_search(Some("q=Cholet"), now()).unwrap();
        let by_postcode = read_search(Some("q=49300"), now()).unwrap();
        assert_eq!(by_name.latitude, by_postcode.latitude);
        assert!(matches!(
            read_search(Some("q=Nullepartville"), now()),
            Err(ApiError::NotFound(_))
        ));
    }

    #[test]
    fn open_now_filters_at_the_given_instant() {
        let search = read_search(
            Some("q=Cholet&open_now=true&at=2026-11-24T09:30:00%2B01:00"),
            now(),
        )
        .unwrap();
        assert_eq!(
            search.filters.open_at.map(rfc3339).as_deref(),
            Some("2026-11-24T08:30:00Z")
        );
    }

    #[test]
    fn where_to_search_must_be_said_once_and_completely() {
        assert_eq!(refused_fields(""), ["q"]);
        assert_eq!(refused_fields("lat=47"), ["lon"]);
        assert_eq!(refused_fields("lat=47&lon=0&q=Cholet"), ["q"]);
    }

    #[test]
    fn out_of_range_values_and_unknown_enumerations_are_refused_by_name() {
        assert_eq!(
            refused_fields("q=Cholet&limit=101&offset=-1&radius_km=-3&service=Cuisine&free=oui"),
            ["service", "free", "radius_km", "limit", "offset"]
        );
    }
}
