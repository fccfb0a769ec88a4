//! Reading the query string of `GET /api/v1/places` into a [`Search`]:
//! every refused parameter reported at once, as field errors.

use chrono::{DateTime, Utc};

use super::doc::SearchParams;
use super::{DEFAULT_LIMIT, MAX_LIMIT, MAX_OFFSET, MAX_RADIUS_KM};
use crate::places::index::Filters;
use crate::places::vocabulary;
use crate::territory::Communes;
use crate::validation::FieldError;
use crate::web::problem::ApiError;
use crate::web::query_params::QueryParams;

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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::places::api::rfc3339;

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
