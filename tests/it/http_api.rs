//! The JSON API through the router: nearest places with filters, one place,
//! the exports, and errors as RFC 9457 problem details everywhere under /api.

use axum::http::StatusCode;
use chrono::{DateTime, Utc};
use maille::places::index::Filters;
use maille::places::{import, store, vocabulary};
use serde_json::Value;

use crate::support::TestApp;

fn ids(body: &Value) -> Vec<String> {
    body["places"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["id"].as_str().unwrap().to_owned())
        .collect()
}

/// Cholet's town hall, as the communes data places it.
const CHOLET: (f64, f64) = (46.99519, -0.89449);

#[tokio::test]
async fn a_search_by_commune_lists_every_match_nearest_first_with_distance_and_state() {
    let app = TestApp::with_demo_places().await;
    let page = app.visitor().get("/api/v1/places?q=Cholet").await;
    assert_eq!(page.status, StatusCode::OK);
    assert_eq!(page.content_type(), "application/json");
    assert!(page.set_cookies().is_empty(), "the API sets no cookie");
    let body = page.json();
    let index = app.places().index();
    assert_eq!(body["total"], index.len(), "no filter: every place counts");
    let expected: Vec<String> = index
        .nearest(CHOLET.0, CHOLET.1, &Filters::default(), None)
        .take(20)
        .map(|(p, _)| p.id().to_owned())
        .collect();
    assert_eq!(ids(&body), expected, "twenty by default, nearest first");
    let distances: Vec<f64> = body["places"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["distance_km"].as_f64().unwrap())
        .collect();
    assert!(distances.windows(2).all(|w| w[0] <= w[1]));
    let first = &body["places"][0];
    assert!(first["open_now"].is_boolean() || first["open_now"].is_null());
    assert!(first["position_approximative"].is_boolean());
    assert!(
        first["services"].is_string(),
        "lists are |-joined as in the schema"
    );
}

#[tokio::test]
async fn filters_and_open_now_at_an_instant_keep_only_matching_open_places() {
    let app = TestApp::with_demo_places().await;
    // A Tuesday at 10:30 in Cholet.
    let at: DateTime<Utc> = "2026-11-24T09:30:00Z".parse().unwrap();
    let service = vocabulary::SERVICES.values[0];
    let path = format!(
        "/api/v1/places?lat={}&lon={}&service={}&free=true&open_now=true&at=2026-11-24T10:30:00%2B01:00&limit=100",
        CHOLET.0,
        CHOLET.1,
        service.replace(' ', "+")
    );
    let body = app.visitor().get(&path).await.json();
    let filters = Filters {
        services: vec![service],
        free: true,
        open_at: Some(at),
        ..Filters::default()
    };
    let index = app.places().index();
    let expected: Vec<String> = index
        .nearest(CHOLET.0, CHOLET.1, &filters, None)
        .map(|(p, _)| p.id().to_owned())
        .collect();
    assert!(!expected.is_empty(), "the demo has open places then");
    assert_eq!(body["total"], expected.len());
    assert_eq!(
        ids(&body),
        expected.into_iter().take(100).collect::<Vec<_>>()
    );
    for place in body["places"].as_array().unwrap() {
        assert_eq!(place["open_now"], true);
        assert!(place["services"].as_str().unwrap().contains(service));
        assert!(
            place["frais_a_charge"]
                .as_str()
                .unwrap()
                .contains("Gratuit")
        );
        let closes: DateTime<Utc> = place["next_change"].as_str().unwrap().parse().unwrap();
        assert!(closes > at, "the next change is after the instant asked");
    }
}

#[tokio::test]
async fn radius_and_paging_bound_the_results_and_pages_follow_each_other() {
    let app = TestApp::with_demo_places().await;
    let mut visitor = app.visitor();
    let near = visitor
        .get("/api/v1/places?q=49300&radius_km=10&limit=100")
        .await
        .json();
    let total = near["total"].as_u64().unwrap();
    assert!(total > 0 && total < app.places().index().len() as u64);
    assert_eq!(ids(&near).len() as u64, total);
    assert!(
        near["places"]
            .as_array()
            .unwrap()
            .iter()
            .all(|p| p["distance_km"].as_f64().unwrap() <= 10.0)
    );
    let first = visitor.get("/api/v1/places?q=49300&limit=5").await.json();
    let second = visitor
        .get("/api/v1/places?q=49300&limit=5&offset=5")
        .await
        .json();
    let both = visitor.get("/api/v1/places?q=49300&limit=10").await.json();
    assert_eq!([ids(&first), ids(&second)].concat(), ids(&both));
}

#[tokio::test]
async fn bad_parameters_get_a_problem_document_naming_each_of_them_in_french() {
    let app = TestApp::with_demo_places().await;
    let page = app
        .visitor()
        .get("/api/v1/places?lat=91&lon=x&limit=500&service=Cuisine&at=demain&open_now=oui")
        .await;
    assert_eq!(page.status, StatusCode::BAD_REQUEST);
    assert_eq!(page.content_type(), "application/problem+json");
    let problem = page.json();
    assert_eq!(problem["status"], 400);
    assert_eq!(problem["type"], "about:blank");
    let fields: Vec<&str> = problem["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["field"].as_str().unwrap())
        .collect();
    assert_eq!(fields, ["lat", "lon", "service", "open_now", "at", "limit"]);
    let messages = problem["errors"].to_string();
    assert!(messages.contains("Nombre attendu entre -90 et 90"));
    assert!(
        messages.contains("Aide aux démarches administratives"),
        "the accepted values are listed"
    );
}

#[tokio::test]
async fn an_unknown_commune_or_place_is_a_404_problem_saying_what_was_not_found() {
    let app = TestApp::with_demo_places().await;
    let mut visitor = app.visitor();
    let commune = visitor.get("/api/v1/places?q=Nullepartville").await;
    assert_eq!(commune.status, StatusCode::NOT_FOUND);
    assert_eq!(commune.content_type(), "application/problem+json");
    assert!(
        commune.json()["detail"]
            .as_str()
            .unwrap()
            .contains("« Nullepartville »")
    );
    let place = visitor.get("/api/v1/places/nope").await;
    assert_eq!(place.status, StatusCode::NOT_FOUND);
    assert!(
        place.json()["detail"]
            .as_str()
            .unwrap()
            .contains("« nope »")
    );
}

#[tokio::test]
async fn one_place_is_given_with_every_field_it_has_and_whether_it_is_open() {
    let app = TestApp::with_demo_places().await;
    let stored = store::all(app.conn()).await.unwrap().remove(0);
    let body = app
        .visitor()
        .get(&format!("/api/v1/places/{}", stored.place.id))
        .await
        .json();
    let mut expected = maille::places::export::to_json(&stored.place);
    for key in ["position_approximative", "open_now", "next_change"] {
        expected[key] = body[key].clone();
    }
    assert_eq!(body, expected);
    assert!(body.get("distance_km").is_none());
}

#[tokio::test]
async fn the_exports_are_the_whole_directory_and_read_back_unchanged() {
    let app = TestApp::with_demo_places().await;
    let mut visitor = app.visitor();
    let stored = store::all(app.conn()).await.unwrap();
    let published: Vec<_> = stored.iter().map(|p| p.published()).collect();

    let csv = visitor.get("/api/v1/places/export.csv").await;
    assert_eq!(csv.status, StatusCode::OK);
    assert!(csv.content_type().starts_with("text/csv"));
    let parsed = import::parse_all(csv.body.as_bytes(), import::Format::Csv).unwrap();
    assert!(parsed.rejected.is_empty());
    let places: Vec<_> = parsed.places.into_iter().map(|(_, p)| p).collect();
    assert_eq!(places, published);

    let json = visitor.get("/api/v1/places/export.json").await;
    assert_eq!(json.content_type(), "application/json");
    let parsed = import::parse_all(json.body.as_bytes(), import::Format::Json).unwrap();
    let places: Vec<_> = parsed.places.into_iter().map(|(_, p)| p).collect();
    assert_eq!(places, published);
}

#[tokio::test]
async fn unknown_api_paths_and_wrong_methods_answer_in_problem_json_not_html() {
    let app = TestApp::new().await;
    let mut visitor = app.visitor();
    let missing = visitor.get("/api/v2/nothing").await;
    assert_eq!(missing.status, StatusCode::NOT_FOUND);
    assert_eq!(missing.content_type(), "application/problem+json");
    for method in ["POST", "PUT", "DELETE", "PATCH"] {
        let wrong = visitor.call(method, "/api/v1/places").await;
        assert_eq!(wrong.status, StatusCode::METHOD_NOT_ALLOWED, "{method}");
        assert_eq!(wrong.content_type(), "application/problem+json");
        assert_eq!(wrong.headers["allow"], "GET,HEAD");
        assert_eq!(wrong.json()["status"], 405);
    }
}

#[tokio::test]
async fn the_openapi_document_describes_every_endpoint_and_every_schema_field() {
    let app = TestApp::new().await;
    let page = app.visitor().get("/api/openapi.json").await;
    assert_eq!(page.status, StatusCode::OK);
    let doc = page.json();
    assert_eq!(doc["openapi"], "3.1.0");
    for path in [
        "/api/openapi.json",
        "/api/v1/places",
        "/api/v1/places/{id}",
        "/api/v1/places/export.csv",
        "/api/v1/places/export.json",
    ] {
        assert!(doc["paths"][path]["get"].is_object(), "{path} is described");
    }
    let search = &doc["paths"]["/api/v1/places"]["get"];
    for status in ["200", "400", "404"] {
        assert!(
            search["responses"][status].is_object(),
            "search documents {status}"
        );
    }
    for (path, item) in doc["paths"].as_object().unwrap() {
        for (method, operation) in item.as_object().unwrap() {
            for status in ["500", "503"] {
                let answer = &operation["responses"][status];
                assert!(
                    answer["content"]["application/problem+json"].is_object(),
                    "{method} {path} documents its {status} as a problem document"
                );
            }
        }
    }
    let params: Vec<&str> = search["parameters"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["name"].as_str().unwrap())
        .collect();
    assert_eq!(params, maille::places::api::doc::SearchParams::NAMES);
    let place = &doc["components"]["schemas"]["Lieu"]["properties"];
    for column in maille::places::COLUMNS {
        assert!(place[column].is_object(), "the place schema has {column}");
    }
    assert_eq!(place["code_postal"]["pattern"], "^\\d{5}$");
}

#[tokio::test]
async fn an_answer_kept_in_memory_never_outlives_an_edit_of_the_directory() {
    let app = TestApp::with_demo_places().await;
    let mut visitor = app.visitor();
    let query = "/api/v1/places?q=Cholet&limit=1";
    let before = visitor.get(query).await.json();
    let html_before = visitor.get("/lieux?q=Cholet").await;
    // A new place at Cholet's town hall: the nearest of all from now on.
    let mut place = store::find(app.conn(), ids(&before)[0].as_str())
        .await
        .unwrap()
        .unwrap();
    place.place.id = "nouveau-a-cholet".into();
    place.place.nom = "Tout nouveau lieu".into();
    place.place.latitude = Some(CHOLET.0);
    place.place.longitude = Some(CHOLET.1);
    store::save(app.conn(), &place).await.unwrap();
    assert_eq!(
        visitor.get(query).await.json(),
        before,
        "until the directory is rebuilt, the same answer"
    );
    app.places().reload(app.conn()).await.unwrap();
    let after = visitor.get(query).await.json();
    assert_eq!(ids(&after), ["nouveau-a-cholet"]);
    assert_eq!(after["total"], before["total"].as_u64().unwrap() + 1);
    let html_after = visitor.get("/lieux?q=Cholet").await;
    assert!(!html_before.body.contains("Tout nouveau lieu"));
    html_after.assert_contains("Tout nouveau lieu");
}

#[tokio::test]
async fn a_place_in_the_results_reads_as_the_place_on_its_own_plus_its_distance() {
    let app = TestApp::with_demo_places().await;
    let mut visitor = app.visitor();
    let body = visitor.get("/api/v1/places?q=Angers&limit=5").await.json();
    for found in body["places"].as_array().unwrap() {
        let id = found["id"].as_str().unwrap();
        let alone = visitor.get(&format!("/api/v1/places/{id}")).await.json();
        let mut found = found.as_object().unwrap().clone();
        assert!(found.remove("distance_km").is_some());
        if found.remove("passage").is_some() {
            continue; // a stop's entry stands at the stop
        }
        assert_eq!(Value::Object(found), alone, "{id}");
    }
}

#[tokio::test]
async fn an_address_that_is_not_text_gets_the_same_400_on_every_api_route_and_a_page_elsewhere() {
    let app = TestApp::new().await;
    let mut client = app.visitor();
    for path in [
        "/api/v1/places?q=%FF",
        "/api/v1/places?lat=47&lon=%C3",
        "/api/v1/places/%FF",
        "/api/v1/places/export.csv?x=%FE",
        "/api/v1/places/export.json?x=%FE",
        "/api/v1/coverage?radius_km=%FF",
        "/api/openapi.json?%FF",
        "/api/nulle-part/%FF",
    ] {
        let page = client.get(path).await;
        assert_eq!(
            page.status,
            StatusCode::BAD_REQUEST,
            "{path}: {}",
            page.body
        );
        assert_eq!(page.content_type(), "application/problem+json", "{path}");
        assert_eq!(page.json()["status"], 400, "{path}");
    }
    for path in ["/lieux?q=%FF", "/couverture?radius_km=%FF", "/%FF"] {
        let page = client.get(path).await;
        assert_eq!(page.status, StatusCode::BAD_REQUEST, "{path}");
        assert!(page.content_type().starts_with("text/html"), "{path}");
        page.assert_contains("Requête illisible");
    }
}

#[tokio::test]
async fn too_many_api_requests_from_one_address_get_a_429_problem_with_retry_after() {
    let app = TestApp::with(|c| c.api_requests_per_minute = 5).await;
    let mut client = app.visitor();
    for _ in 0..5 {
        assert_eq!(client.get("/api/openapi.json").await.status, StatusCode::OK);
    }
    let refused = client.get("/api/v1/places?q=Cholet").await;
    assert_eq!(refused.status, StatusCode::TOO_MANY_REQUESTS);
    assert_eq!(refused.content_type(), "application/problem+json");
    assert_eq!(refused.json()["status"], 429);
    let retry_after: u64 = refused.headers["retry-after"]
        .to_str()
        .unwrap()
        .parse()
        .unwrap();
    assert!((1..=12).contains(&retry_after), "{retry_after}");
    assert_eq!(
        app.visitor().get("/api/openapi.json").await.status,
        StatusCode::OK,
        "another address is served"
    );
    assert_eq!(
        client.get("/lieux").await.status,
        StatusCode::OK,
        "pages are not limited"
    );
}

#[tokio::test]
async fn headers_too_big_get_431_as_a_problem_under_the_api_and_a_page_elsewhere() {
    let app = TestApp::new().await;
    let mut client = app.visitor();
    let big = "b".repeat(70 * 1024);
    let api = client
        .get_with("/api/v1/places?q=Cholet", &[("x-gros", &big)])
        .await;
    assert_eq!(api.status, StatusCode::REQUEST_HEADER_FIELDS_TOO_LARGE);
    assert_eq!(api.content_type(), "application/problem+json");
    let page = client.get_with("/lieux", &[("x-gros", &big)]).await;
    assert_eq!(page.status, StatusCode::REQUEST_HEADER_FIELDS_TOO_LARGE);
    page.assert_contains("Requête trop volumineuse");
}
