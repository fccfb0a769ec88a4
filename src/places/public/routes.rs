//! Public place pages: `/lieux` (search) and `/lieux/{id}` (one place).
//! No account, no JavaScript, no cookie.

use askama::Template;
use axum::Router;
use axum::body::Bytes;
use axum::extract::{Path, RawQuery, State};
use axum::http::HeaderMap;
use axum::response::Response;
use axum::routing::get;
use chrono::Timelike;

use super::words::{distance_words, of, phone_words};
use crate::addresses::{self, Address};
use crate::app::AppState;
use crate::error::AppError;
use crate::i18n;
use crate::places::hours;
use crate::places::index::{Filters, IndexedPlace, PlaceIndex};
use crate::places::public::views::{Around, PlacePage, ResultRow, SearchForm, SearchPage};
use crate::places::stops::Stop;
use crate::places::stops::store as stops_store;
use crate::places::store;
use crate::places::vocabulary;
use crate::territory::{Commune, Communes};
use crate::web::encoding::Encoding;
use crate::web::{Chrome, render};

/// Results per page: a phone screen or two.
const PER_PAGE: usize = 10;
/// Beyond this, a result is « far »: the page says so.
const NEAR_KM: f64 = 20.0;
/// The nearest hundred are more than a person reads, and stopping there
/// bounds each search's work whatever the size of the directory.
const MAX_RESULTS: usize = 100;
/// How far a search from an overseas commune looks: its own island or
/// territory, never across an ocean.
const OVERSEAS_REACH_KM: f64 = 500.0;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/lieux", get(search))
        .route("/lieux/{id}", get(show))
}

/// The search as submitted: repeated keys (`service=…&service=…`) allowed.
#[derive(Clone, Debug, Default)]
struct SearchQuery {
    q: String,
    commune: Option<String>,
    /// « Autour de moi »: the browser's position (progressive enhancement).
    position: Option<(f64, f64)>,
    filters: Filters,
    page: usize,
}

fn parse_query(raw: Option<&str>, now: chrono::DateTime<chrono::Utc>) -> SearchQuery {
    let pairs: Vec<(String, String)> = raw
        .and_then(|q| serde_urlencoded::from_str(q).ok())
        .unwrap_or_default();
    let mut query = SearchQuery {
        page: 1,
        ..SearchQuery::default()
    };
    query.filters.not_before = Some(now);
    let (mut latitude, mut longitude) = (None, None);
    for (key, value) in &pairs {
        match key.as_str() {
            "q" => query.q = value.trim().chars().take(200).collect(),
            "commune" => query.commune = Some(value.trim().to_owned()),
            "lat" => latitude = value.trim().parse::<f64>().ok().filter(|v| v.abs() <= 90.0),
            "lon" => {
                longitude = value
                    .trim()
                    .parse::<f64>()
                    .ok()
                    .filter(|v| v.abs() <= 180.0)
            }
            "service" => query
                .filters
                .services
                .extend(vocabulary::SERVICES.find(value)),
            "public" => query
                .filters
                .publics
                .extend(vocabulary::PUBLICS.find(value)),
            "prise_en_charge" => query
                .filters
                .specific_support
                .extend(vocabulary::SPECIFIC_SUPPORT.find(value)),
            "gratuit" => query.filters.free = true,
            "accessible" => query.filters.accessible = true,
            "ouvert" => query.filters.open_at = Some(now),
            "page" => query.page = value.parse().unwrap_or(1).clamp(1, MAX_RESULTS / PER_PAGE),
            _ => {}
        }
    }
    query.position = latitude.zip(longitude);
    query
}

/// Where a search is centred.
enum Origin<'a> {
    Commune(&'a Commune),
    Position(f64, f64),
    /// An address of the base: pages after the first find it again from
    /// the query.
    Address(&'a Address),
}

/// The query string of this search at another page.
fn href(query: &SearchQuery, origin: &Origin, page: usize) -> String {
    let mut pairs: Vec<(&str, String)> = vec![("q", query.q.clone())];
    match origin {
        Origin::Commune(commune) => pairs.push(("commune", commune.code_insee().to_owned())),
        Origin::Position(lat, lon) => {
            pairs.push(("lat", format!("{lat:.5}")));
            pairs.push(("lon", format!("{lon:.5}")));
        }
        Origin::Address(_) => {}
    }
    pairs.extend(
        query
            .filters
            .services
            .iter()
            .map(|s| ("service", (*s).to_owned())),
    );
    pairs.extend(
        query
            .filters
            .publics
            .iter()
            .map(|s| ("public", (*s).to_owned())),
    );
    pairs.extend(
        query
            .filters
            .specific_support
            .iter()
            .map(|s| ("prise_en_charge", (*s).to_owned())),
    );
    if query.filters.free {
        pairs.push(("gratuit", "1".into()));
    }
    if query.filters.accessible {
        pairs.push(("accessible", "1".into()));
    }
    if query.filters.open_at.is_some() {
        pairs.push(("ouvert", "1".into()));
    }
    pairs.push(("page", page.to_string()));
    format!(
        "/lieux?{}",
        serde_urlencoded::to_string(&pairs).unwrap_or_default()
    )
}

async fn search(
    State(state): State<AppState>,
    headers: HeaderMap,
    RawQuery(raw): RawQuery,
) -> Result<Response, AppError> {
    const HTML: &str = "text/html; charset=utf-8";
    let now = state.config.hours_now();
    let raw = raw.unwrap_or_default();
    let encoding = Encoding::accepted(&headers);
    let index = state.places.index();
    // One page per language: a browser's language changes the page for
    // the same query string.
    let key = format!("lieux-{}", i18n::current().code());
    if let Some(answer) = index.answers.get(&key, encoding, &raw, now) {
        return Ok(encoding.respond(HTML, answer));
    }
    // « 12 rue Nationale Cholet »: distances from that door, when the
    // address base knows it (one indexed read of one street).
    let query = parse_query(Some(&raw), now);
    let address = if index.addresses_known && query.position.is_none() && query.commune.is_none() {
        addresses::find(&state.db, &query.q).await?
    } else {
        None
    };
    let page = search_page(&index, &raw, now, address.as_ref());
    let html = Bytes::from(page.render()?);
    let answer = encoding.encode(html);
    index.answers.put(&key, encoding, &raw, now, answer.clone());
    Ok(encoding.respond(HTML, answer))
}

/// The results page of one query string, from `index`.
fn search_page(
    index: &PlaceIndex,
    raw: &str,
    now: chrono::DateTime<chrono::Utc>,
    address: Option<&Address>,
) -> SearchPage {
    let query = parse_query(Some(raw), now);
    let mut page = SearchPage {
        chrome: Chrome::public(),
        form: SearchForm {
            addresses: index.addresses_known,
            ..SearchForm::new(&query.q, &query.filters)
        },
        around: None,
        capped: false,
        homonyms: Vec::new(),
        suggestions: Vec::new(),
        total: 0,
        results: Vec::new(),
        far: false,
        overseas: false,
        closed_now: None,
        page: query.page,
        pages: 0,
        previous_href: None,
        next_href: None,
    };
    let communes = Communes::get();
    let origin = if let Some((lat, lon)) = query.position {
        page.around = Some(Around {
            of: i18n::t("search-position-of"),
            name: i18n::t("search-position-name"),
        });
        Origin::Position(lat, lon)
    } else if let Some(address) = address {
        let label = address.label();
        page.around = Some(Around {
            of: i18n::t_with("search-address-of", &[("address", label.clone().into())]),
            name: label,
        });
        Origin::Address(address)
    } else {
        if query.q.is_empty() && query.commune.is_none() {
            return page;
        }
        let pinned = query
            .commune
            .as_deref()
            .and_then(|code| communes.by_insee(code));
        let candidates = match pinned {
            Some(commune) => vec![commune],
            None => communes.resolve(&query.q),
        };
        let Some(commune) = candidates.first().copied() else {
            page.form.q_error = Some(i18n::t_with(
                "search-no-commune",
                &[("query", crate::text::cut(&query.q, 80).into())],
            ));
            // « Chollet »: the likely communes, each one click away.
            page.suggestions = communes
                .suggest(&query.q, 5)
                .into_iter()
                .map(|c| {
                    let label = format!("{} ({})", c.nom(), c.departement());
                    let named = SearchQuery {
                        q: c.nom().to_owned(),
                        ..query.clone()
                    };
                    (
                        label,
                        page.chrome.link(&href(&named, &Origin::Commune(c), 1)),
                    )
                })
                .collect();
            return page;
        };
        page.around = Some(Around {
            of: format!("{} ({})", of(commune.nom()), commune.code_postal()),
            name: format!("{} ({})", commune.nom(), commune.code_postal()),
        });
        page.homonyms = candidates
            .iter()
            .skip(1)
            .take(5)
            .map(|c| {
                let label = format!("{} ({})", c.nom(), c.departement());
                (
                    label,
                    page.chrome.link(&href(&query, &Origin::Commune(c), 1)),
                )
            })
            .collect();
        Origin::Commune(commune)
    };
    let (latitude, longitude) = match &origin {
        Origin::Commune(c) => (c.latitude, c.longitude),
        Origin::Position(lat, lon) => (*lat, *lon),
        Origin::Address(a) => (a.latitude, a.longitude),
    };
    // Overseas, the nearest places beyond the territory are an ocean away:
    // only those within reach are listed, and none is said plainly.
    let reach = match &origin {
        Origin::Commune(c) if c.departement().starts_with("97") => Some(OVERSEAS_REACH_KM),
        _ => None,
    };
    page.overseas = reach.is_some();
    // Without « open now » the index knows how many places pass the
    // filters (a lookup), so the walk stops at the end of this page rather
    // than at the hundredth place; « open now » changes with time and is
    // counted by walking.
    let known = query.filters.open_at.is_none().then(|| {
        index
            .count(latitude, longitude, &query.filters, reach)
            .min(MAX_RESULTS)
    });
    let walk = known.map_or(MAX_RESULTS, |total| total.min(query.page * PER_PAGE));
    let matching: Vec<_> = index
        .nearest(latitude, longitude, &query.filters, reach)
        .take(walk)
        .collect();
    page.total = known.unwrap_or(matching.len());
    page.form.open = page.total == 0 && !page.form.criteria.is_empty();
    if page.total == 0 && query.filters.open_at.is_some() {
        page.closed_now = closed_now(index, latitude, longitude, &query.filters, reach, now);
    }
    page.capped = page.total == MAX_RESULTS;
    page.pages = page.total.div_ceil(PER_PAGE).max(1);
    let start = (query.page - 1) * PER_PAGE;
    page.far = matching.first().is_some_and(|(_, km)| *km > NEAR_KM);
    // Each place's page links back to these results.
    let back = serde_urlencoded::to_string([(FOUND_BY, kept_search(raw))]).unwrap_or_default();
    page.results = matching
        .iter()
        .skip(start)
        .take(PER_PAGE)
        .map(|(entry, km)| {
            let (address, status) = match &entry.stop {
                Some(stop) => (stop.where_words(), stop_status(entry, stop, now)),
                None => (
                    entry.address(),
                    entry.hours.as_ref().map_or_else(
                        || i18n::t("search-hours-unknown"),
                        |h| hours::status_words(&h.quick_status(now), now),
                    ),
                ),
            };
            ResultRow {
                href: page.chrome.link(&format!("/lieux/{}?{back}", entry.id())),
                nom: entry.nom().to_owned(),
                address,
                distance: distance_words(*km),
                services: entry
                    .services()
                    .iter()
                    .map(|s| vocabulary::SERVICES.label(s))
                    .collect(),
                free: entry.is_free(),
                status,
            }
        })
        .collect();
    let link = |page_number| page.chrome.link(&href(&query, &origin, page_number));
    page.previous_href = (query.page > 1).then(|| link(query.page - 1));
    page.next_href = (query.page < page.pages).then(|| link(query.page + 1));
    page
}

/// When « open now » found nothing: whether places match the rest of the
/// search, and when the nearest of them opens (« Espace numérique, à 2,4 km,
/// ouvre demain à 9 h »), so the person knows where and when to go.
fn closed_now(
    index: &PlaceIndex,
    latitude: f64,
    longitude: f64,
    filters: &Filters,
    reach: Option<f64>,
    now: chrono::DateTime<chrono::Utc>,
) -> Option<String> {
    let any_time = Filters {
        open_at: None,
        ..filters.clone()
    };
    let (entry, km) = index
        .nearest(latitude, longitude, &any_time, reach)
        .find(|(entry, _)| entry.hours.is_some())?;
    let status = hours::status_words(&entry.hours.as_ref()?.status(now), now);
    Some(i18n::t_with(
        "search-closed-now",
        &[
            ("name", entry.nom().to_owned().into()),
            ("distance", distance_words(km).into()),
            ("status", status.into()),
        ],
    ))
}

/// « Sur place maintenant, jusqu’à 12 h 30 », or when the stop will be.
fn stop_status(entry: &IndexedPlace, stop: &Stop, now: chrono::DateTime<chrono::Utc>) -> String {
    match entry.state(now) {
        (Some(true), Some(ends)) => {
            let ends = ends.with_timezone(&entry.tz);
            i18n::t_with(
                "stop-here-now",
                &[(
                    "until",
                    hours::clock(ends.hour() as u8, ends.minute() as u8).into(),
                )],
            )
        }
        _ => i18n::t_with("stop-coming", &[("when", stop.when_words().into())]),
    }
}

/// The parameter of a place's address that remembers the search it was
/// found by, so « Nouvelle recherche » goes back to it.
const FOUND_BY: &str = "depuis";

/// The search parameters of `raw` worth keeping in a link back to the
/// results (known keys only, at most 1,000 characters), re-encoded.
fn kept_search(raw: &str) -> String {
    const KEPT: [&str; 11] = [
        "q",
        "commune",
        "lat",
        "lon",
        "service",
        "public",
        "prise_en_charge",
        "gratuit",
        "accessible",
        "ouvert",
        "page",
    ];
    let pairs: Vec<(String, String)> = serde_urlencoded::from_str(raw).unwrap_or_default();
    let kept: Vec<(String, String)> = pairs
        .into_iter()
        .filter(|(key, _)| KEPT.contains(&key.as_str()))
        .collect();
    let encoded = serde_urlencoded::to_string(kept).unwrap_or_default();
    if encoded.len() > 1000 {
        String::new()
    } else {
        encoded
    }
}

async fn show(
    State(state): State<AppState>,
    Path(id): Path<String>,
    RawQuery(raw): RawQuery,
) -> Result<Response, AppError> {
    let found_by =
        serde_urlencoded::from_str::<Vec<(String, String)>>(raw.as_deref().unwrap_or(""))
            .unwrap_or_default()
            .into_iter()
            .find(|(key, _)| key == FOUND_BY)
            .map(|(_, value)| kept_search(&value))
            .filter(|kept| !kept.is_empty());
    let stored = store::find(&state.db, &id)
        .await?
        .ok_or(AppError::NotFound)?;
    let place = &stored.place;
    let phone_display = place.telephone.as_deref().map(phone_words);
    let tz = hours::time_zone(place.code_insee.as_deref(), &place.code_postal);
    let parsed = place
        .horaires
        .as_deref()
        .and_then(|raw| hours::Hours::parse(raw, tz).ok());
    let now = state.config.hours_now();
    let (hours_words, status) = match &parsed {
        Some(h) => (
            Some(h.describe(now.with_timezone(&tz).date_naive())),
            Some(hours::status_words(&h.status(now), now)),
        ),
        None => (None, None),
    };
    let stops = stops_store::of_place(&state.db, &place.id, now.with_timezone(&tz).date_naive())
        .await?
        .iter()
        .take(8)
        .map(|stop| (stop.when_words(), stop.where_words()))
        .collect();
    let chrome = Chrome::public();
    let upcoming = state.workshops.get(&state.db).await?;
    let workshops = upcoming
        .at_place(&place.id, chrono::Utc::now())
        .take(8)
        .map(|s| {
            (
                crate::workshops::messages::when_words(s),
                s.title.clone(),
                chrome.link(&format!("/ateliers/{}", s.id)),
            )
        })
        .collect();
    let appointments_href = crate::appointments::store::schedule_of_place(&state.db, &place.id)
        .await?
        .map(|_| chrome.link(&format!("/lieux/{}/rendez-vous", place.id)));
    // A structure's place offers its equipment request form.
    let equipment_href = match &stored.organization_id {
        Some(organization) => crate::organizations::store::find(&state.db, organization)
            .await?
            .filter(|o| o.kind == crate::organizations::OrganizationKind::Structure)
            .map(|o| chrome.link(&format!("/structures/{}/demande-materiel", o.slug))),
        None => None,
    };
    let new_search = chrome.link(&match found_by {
        Some(kept) => format!("/lieux?{kept}"),
        None => "/lieux".to_owned(),
    });
    render(&PlacePage {
        chrome,
        new_search,
        stops,
        workshops,
        appointments_href,
        equipment_href,
        approximate: stored.position_approximate,
        phone_display,
        hours_words,
        status,
        place: stored.place,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_known_filter_values_are_kept_and_repeated_keys_add_up() {
        let q = parse_query(
            Some(
                "q=Cholet&service=Aide+aux+d%C3%A9marches+administratives&service=Inconnu&gratuit=1&page=0",
            ),
            chrono::Utc::now(),
        );
        assert_eq!(q.q, "Cholet");
        assert_eq!(q.filters.services, ["Aide aux démarches administratives"]);
        assert!(q.filters.free && !q.filters.accessible);
        assert_eq!(q.page, 1);
    }
}
