//! The mediation API as a script uses it, with a personal token: the
//! issue's minimal records, 422 naming each field, 404 for another
//! structure's records, aggregates only for a network, tokens' rights.

use axum::http::StatusCode;
use serde_json::json;

use crate::support::mediation::{bearer, token_of};
use crate::support::{Network, TestApp};

async fn app_with_tokens() -> (TestApp, Network, String, String, String) {
    let (app, net) = TestApp::with_network().await;
    let cholet = token_of(app.conn(), &net.mediator_cholet).await;
    let angers = token_of(app.conn(), &net.mediator_angers).await;
    let coordinator = token_of(app.conn(), &net.coordinator).await;
    (app, net, cholet, angers, coordinator)
}

#[tokio::test]
async fn the_issues_minimal_activity_and_beneficiary_are_created_with_201_and_a_location() {
    let (app, _net, cholet, _, _) = app_with_tokens().await;
    let mut script = app.visitor();
    let auth = bearer(&cholet);
    let page = script
        .json("POST", "/api/v1/activities", Some(json!({"type": "Individuel", "date": "2026-11-20", "duration_min": 30, "themes": ["Email"]})), &[("authorization", &auth)])
        .await;
    assert_eq!(page.status, StatusCode::CREATED, "{}", page.body);
    let created = page.json();
    let location = page.location().unwrap().to_owned();
    assert_eq!(
        location,
        format!("/api/v1/activities/{}", created["id"].as_str().unwrap())
    );
    let again = script
        .json("GET", &location, None, &[("authorization", &auth)])
        .await;
    assert_eq!(again.json()["themes"], json!(["Email"]));
    let page = script
        .json(
            "POST",
            "/api/v1/beneficiaries",
            Some(json!({"pseudonym": "Awa", "consent": true})),
            &[("authorization", &auth)],
        )
        .await;
    assert_eq!(page.status, StatusCode::CREATED, "{}", page.body);
    assert_eq!(page.json()["pseudonym"], "Awa");
    assert_eq!(page.json()["code"].as_str().unwrap().len(), 6);
}

#[tokio::test]
async fn an_invalid_activity_gets_422_naming_each_field_in_french() {
    let (app, _net, cholet, _, _) = app_with_tokens().await;
    let mut script = app.visitor();
    let auth = bearer(&cholet);
    let page = script
        .json("POST", "/api/v1/activities", Some(json!({"type": "Demarche", "date": "2026-02-30", "duration_min": "trente", "themes": [], "couleur": "bleu"})), &[("authorization", &auth)])
        .await;
    assert_eq!(page.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(page.content_type(), "application/problem+json");
    let problem = page.json();
    let fields: Vec<&str> = problem["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["field"].as_str().unwrap())
        .collect();
    assert_eq!(
        fields,
        vec!["date", "duration_min", "couleur", "type", "themes"],
        "unknown and ill-typed members in the order sent, then the others' rules"
    );
    let page = script
        .json(
            "POST",
            "/api/v1/activities",
            Some(
                json!({"type": "Demarche", "date": "2026-11-31", "duration_min": 0, "themes": []}),
            ),
            &[("authorization", &auth)],
        )
        .await;
    let problem = page.json();
    let fields: Vec<&str> = problem["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["field"].as_str().unwrap())
        .collect();
    assert_eq!(fields, vec!["date", "type", "duration_min", "themes"]);
    assert!(
        problem["errors"][1]["message"]
            .as_str()
            .unwrap()
            .contains("Individuel, Collectif")
    );
    let page = script
        .json(
            "POST",
            "/api/v1/activities",
            None,
            &[("authorization", &auth)],
        )
        .await;
    assert_eq!(page.status, StatusCode::BAD_REQUEST, "no body is not JSON");
    let english = script
        .json(
            "POST",
            "/api/v1/activities",
            Some(json!({"type": 3, "duration_min": 30, "themes": ["Email"]})),
            &[("authorization", &auth), ("accept-language", "en")],
        )
        .await;
    assert_eq!(
        english.json()["errors"][0]["message"],
        "This field must be one of the list's codes."
    );
    let page = script
        .json(
            "POST",
            "/api/v1/beneficiaries",
            Some(json!({"pseudonym": "Awa", "consent": false})),
            &[("authorization", &auth)],
        )
        .await;
    assert_eq!(page.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(page.json()["errors"][0]["field"], "consent");
}

#[tokio::test]
async fn another_structures_records_are_404_and_a_network_gets_403_on_personal_data() {
    let (app, _net, cholet, angers, coordinator) = app_with_tokens().await;
    let mut script = app.visitor();
    let page = script
        .json(
            "POST",
            "/api/v1/beneficiaries",
            Some(json!({"pseudonym": "Awa", "consent": true})),
            &[("authorization", &bearer(&cholet))],
        )
        .await;
    let person = page.json()["id"].as_str().unwrap().to_owned();
    let page = script
        .json("POST", "/api/v1/activities", Some(json!({"type": "Individuel", "duration_min": 30, "themes": ["Email"], "beneficiary_id": person})), &[("authorization", &bearer(&cholet))])
        .await;
    assert_eq!(page.status, StatusCode::CREATED, "{}", page.body);
    let activity = page.json()["id"].as_str().unwrap().to_owned();
    let reads = [
        ("GET", format!("/api/v1/activities/{activity}")),
        ("PUT", format!("/api/v1/activities/{activity}")),
        ("DELETE", format!("/api/v1/activities/{activity}")),
        ("GET", format!("/api/v1/beneficiaries/{person}")),
        ("PUT", format!("/api/v1/beneficiaries/{person}")),
        ("GET", format!("/api/v1/beneficiaries/{person}/export")),
        ("GET", format!("/api/v1/beneficiaries/{person}/progression")),
    ];
    let body = |method: &str, path: &str| {
        (method == "PUT").then(|| {
            if path.contains("activities") {
                json!({"type": "Individuel", "duration_min": 30, "themes": ["Email"]})
            } else {
                json!({"pseudonym": "X", "consent": true})
            }
        })
    };
    for (method, path) in &reads {
        let page = script
            .json(
                method,
                path,
                body(method, path),
                &[("authorization", &bearer(&angers))],
            )
            .await;
        assert_eq!(
            page.status,
            StatusCode::NOT_FOUND,
            "Angers {method} {path}: {}",
            page.body
        );
        assert!(!page.body.contains("Awa"));
        let page = script
            .json(
                method,
                path,
                body(method, path),
                &[("authorization", &bearer(&coordinator))],
            )
            .await;
        assert_eq!(
            page.status,
            StatusCode::FORBIDDEN,
            "coordinator {method} {path}"
        );
        assert!(!page.body.contains("Awa"));
    }
    let list = script
        .json(
            "GET",
            "/api/v1/activities",
            None,
            &[("authorization", &bearer(&angers))],
        )
        .await;
    assert_eq!(list.json()["total"], 0);
    let stats = script
        .json(
            "GET",
            "/api/v1/stats/activities",
            None,
            &[("authorization", &bearer(&coordinator))],
        )
        .await;
    assert_eq!(stats.status, StatusCode::OK);
    assert_eq!(stats.json()["suppressed"], true);
    assert!(!stats.body.contains("Awa") && !stats.body.contains(&person));
}

#[tokio::test]
async fn a_revoked_token_gets_401_and_a_token_has_exactly_its_owners_rights() {
    let (app, net, cholet, _, _) = app_with_tokens().await;
    let mut script = app.visitor();
    let auth = bearer(&cholet);
    let page = script
        .json(
            "GET",
            "/api/v1/activities",
            None,
            &[("authorization", &auth)],
        )
        .await;
    assert_eq!(page.status, StatusCode::OK);
    let page = script
        .json(
            "DELETE",
            "/api/v1/beneficiaries/019a5a7e-0000-7000-8000-000000000001",
            None,
            &[("authorization", &auth)],
        )
        .await;
    assert_eq!(
        page.status,
        StatusCode::FORBIDDEN,
        "a mediator's token erases no one"
    );
    let token = maille::tokens::store::of_user(app.conn(), &net.mediator_cholet.id)
        .await
        .unwrap()
        .remove(0);
    assert!(
        maille::tokens::revoke(
            app.conn(),
            maille::journal::Actor::CommandLine,
            &net.mediator_cholet,
            &token.id
        )
        .await
        .unwrap()
    );
    let page = script
        .json(
            "GET",
            "/api/v1/activities",
            None,
            &[("authorization", &auth)],
        )
        .await;
    assert_eq!(page.status, StatusCode::UNAUTHORIZED);
    assert_eq!(page.headers["www-authenticate"], "Bearer");
    for wrong in ["Bearer maille_nope", "Basic abc", "Bearer"] {
        let page = script
            .json(
                "GET",
                "/api/v1/activities",
                None,
                &[("authorization", wrong)],
            )
            .await;
        assert_eq!(page.status, StatusCode::UNAUTHORIZED, "{wrong}");
    }
    let page = script.json("GET", "/api/v1/activities", None, &[]).await;
    assert_eq!(page.status, StatusCode::UNAUTHORIZED);
}

#[tokio::test]
async fn a_browsers_api_writes_need_the_csrf_header_and_its_own_origin() {
    let (app, _net) = TestApp::with_network().await;
    let mut browser = app.logged_in("mediation.cholet@test.fr").await;
    browser.get("/espace").await;
    let token = browser.token();
    let body = json!({"type": "Individuel", "duration_min": 30, "themes": ["Email"]});
    let page = browser
        .json("POST", "/api/v1/activities", Some(body.clone()), &[])
        .await;
    assert_eq!(page.status, StatusCode::FORBIDDEN, "no CSRF header");
    let page = browser
        .json(
            "POST",
            "/api/v1/activities",
            Some(body.clone()),
            &[
                ("x-csrf-token", &token),
                ("origin", "https://ailleurs.example"),
            ],
        )
        .await;
    assert_eq!(page.status, StatusCode::FORBIDDEN, "another site");
    let page = browser
        .json(
            "POST",
            "/api/v1/activities",
            Some(body),
            &[("x-csrf-token", &token)],
        )
        .await;
    assert_eq!(page.status, StatusCode::CREATED, "{}", page.body);
    let page = browser.json("GET", "/api/v1/activities", None, &[]).await;
    assert_eq!(page.json()["total"], 1, "reads need no token");
}

#[tokio::test]
async fn the_openapi_document_describes_every_mediation_operation_and_the_bearer_scheme() {
    let app = TestApp::new().await;
    let document = app.visitor().get("/api/openapi.json").await.json();
    for path in [
        "/api/v1/activities",
        "/api/v1/activities/{id}",
        "/api/v1/stats/activities",
        "/api/v1/beneficiaries",
        "/api/v1/beneficiaries/{id}",
        "/api/v1/beneficiaries/{id}/export",
        "/api/v1/beneficiaries/{id}/progression",
        "/api/v1/beneficiaries/{id}/goals",
    ] {
        assert!(document["paths"][path].is_object(), "{path}");
    }
    assert_eq!(
        document["components"]["securitySchemes"]["bearer"]["scheme"],
        "bearer"
    );
    let post = &document["paths"]["/api/v1/activities"]["post"];
    for status in ["201", "400", "401", "403", "422"] {
        assert!(post["responses"][status].is_object(), "{status}");
    }
}
