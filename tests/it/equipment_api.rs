//! Equipment through the API, as a bench's script uses it: a laptop
//! created, walked to `ready` step by step, refused when a step is
//! skipped or a wipe not verified; its certificate printed (text and QR
//! read back by independent tools) and confirmed on the public page; the
//! impact counted with its sources; another structure's device not found.

use axum::http::StatusCode;
use serde_json::json;

use crate::support::TestApp;
use crate::support::equipment::{laptop, pdf_qr_codes, pdf_text, pdf_tools, walk_to_ready};
use crate::support::mediation::{bearer, token_of};

#[tokio::test]
async fn a_laptop_walks_from_received_to_ready_and_giving_a_received_one_is_refused_with_what_is_missing()
 {
    let (app, network) = TestApp::with_network().await;
    let auth = bearer(&token_of(app.conn(), &network.mediator_cholet).await);
    let headers = [("authorization", auth.as_str())];
    let mut script = app.visitor();
    let created = script
        .json(
            "POST",
            "/api/v1/devices",
            Some(json!({"kind": "laptop", "brand": "Lenovo", "model": "ThinkPad T470", "serial": "PF0ABC12"})),
            &headers,
        )
        .await;
    assert_eq!(created.status, StatusCode::CREATED, "{}", created.body);
    let device = created.json();
    assert_eq!(device["state"], "received");
    assert_eq!(
        device["next"],
        json!(["diagnosed", "in_repair", "recycled"])
    );
    let id = device["id"].as_str().unwrap().to_owned();
    let transitions = format!("/api/v1/devices/{id}/transitions");
    // Giving it now is refused, and the answer says what comes first.
    let skipped = script
        .json("POST", &transitions, Some(json!({"to": "given"})), &headers)
        .await;
    assert_eq!(skipped.status, StatusCode::CONFLICT, "{}", skipped.body);
    assert_eq!(skipped.content_type(), "application/problem+json");
    skipped.assert_contains("Diagnostiqué → Effacé → Reconditionné → Prêt à remettre → Donné");
    // A diagnosis without its grade names the field.
    let no_grade = script
        .json(
            "POST",
            &transitions,
            Some(json!({"to": "diagnosed"})),
            &headers,
        )
        .await;
    assert_eq!(no_grade.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(no_grade.json()["errors"][0]["field"], "grade");
    for (step, expected) in [
        (json!({"to": "diagnosed", "grade": "B"}), "diagnosed"),
        (
            json!({"to": "wiped", "method": "purge", "tool": "nwipe", "verified": false}),
            "diagnosed",
        ),
        (
            json!({"to": "wiped", "method": "purge", "tool": "nwipe", "verified": true}),
            "wiped",
        ),
        (
            json!({"to": "refurbished", "os": "Debian 13"}),
            "refurbished",
        ),
        (json!({"to": "ready"}), "ready"),
    ] {
        let answer = script
            .json("POST", &transitions, Some(step.clone()), &headers)
            .await;
        let shown = script
            .json("GET", &format!("/api/v1/devices/{id}"), None, &headers)
            .await;
        assert_eq!(
            shown.json()["state"],
            expected,
            "after {step}: {}",
            answer.body
        );
        if step["verified"] == json!(false) {
            assert_eq!(answer.status, StatusCode::CONFLICT);
            answer.assert_contains("La vérification de l’effacement a échoué");
        } else {
            assert_eq!(answer.status, StatusCode::CREATED, "{}", answer.body);
        }
    }
    let shown = script
        .json("GET", &format!("/api/v1/devices/{id}"), None, &headers)
        .await
        .json();
    assert_eq!(shown["free_os"], true, "Debian is free software");
    let steps: Vec<&str> = shown["history"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["to"].as_str().unwrap())
        .collect();
    assert_eq!(
        steps,
        ["received", "diagnosed", "wiped", "refurbished", "ready"]
    );
    // A member of the wrong type is refused by name.
    let wrong = script
        .json(
            "POST",
            &transitions,
            Some(json!({"to": "given", "beneficiary_id": 12})),
            &headers,
        )
        .await;
    assert_eq!(wrong.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(wrong.json()["errors"][0]["field"], "beneficiary_id");
    // A page number that is not one is refused by name, even empty.
    for query in ["page=", "page=0", "page=deux", "state=perdu"] {
        let refused = script
            .json("GET", &format!("/api/v1/devices?{query}"), None, &headers)
            .await;
        assert_eq!(refused.status, StatusCode::BAD_REQUEST, "{query}");
    }
    let listed = script
        .json("GET", "/api/v1/devices?state=ready&q=PF0", None, &headers)
        .await;
    assert_eq!(listed.json()["total"], 1);
    // A search finds it whatever the case typed, on either database; the
    // signs a pattern would take for its own are dropped, not obeyed.
    for (query, found) in [
        ("q=pf0abc", 1),
        ("q=THINKPAD", 1),
        ("q=dell", 0),
        ("q=t470", 1),
        ("q=%25", 1),
        ("q=F_0A", 1),
    ] {
        let searched = script
            .json("GET", &format!("/api/v1/devices?{query}"), None, &headers)
            .await;
        assert_eq!(searched.status, StatusCode::OK, "{query}");
        assert_eq!(searched.json()["total"], found, "{query}");
    }
    // Angers's team does not see it; a coordinator may not touch devices.
    let angers = bearer(&token_of(app.conn(), &network.mediator_angers).await);
    let other = script
        .json(
            "GET",
            &format!("/api/v1/devices/{id}"),
            None,
            &[("authorization", angers.as_str())],
        )
        .await;
    assert_eq!(other.status, StatusCode::NOT_FOUND);
    let other_step = script
        .json(
            "POST",
            &transitions,
            Some(json!({"to": "recycled"})),
            &[("authorization", angers.as_str())],
        )
        .await;
    assert_eq!(other_step.status, StatusCode::NOT_FOUND);
    let coordinator = bearer(&token_of(app.conn(), &network.coordinator).await);
    let refused = script
        .json(
            "GET",
            &format!("/api/v1/devices/{id}"),
            None,
            &[("authorization", coordinator.as_str())],
        )
        .await;
    assert_eq!(refused.status, StatusCode::FORBIDDEN);
}

#[tokio::test]
async fn the_wipe_certificate_names_the_serial_and_method_and_its_qr_opens_the_public_page() {
    let (app, network) = TestApp::with_network().await;
    let device = laptop(app.conn(), &network.mediator_cholet, "PF0ABC12").await;
    let auth = bearer(&token_of(app.conn(), &network.mediator_cholet).await);
    let headers = [("authorization", auth.as_str())];
    let mut script = app.visitor();
    let path = format!("/api/v1/devices/{}/certificate.pdf", device.id);
    let before = script.json("GET", &path, None, &headers).await;
    assert_eq!(
        before.status,
        StatusCode::CONFLICT,
        "no certificate before a wipe"
    );
    walk_to_ready(app.conn(), &network.mediator_cholet, &device).await;
    let answer = script.json("GET", &path, None, &headers).await;
    assert_eq!(answer.status, StatusCode::OK);
    assert_eq!(answer.content_type(), "application/pdf");
    let pdf = answer.raw.clone();
    assert!(
        pdf.len() < 100 * 1024,
        "a certificate weighs {} bytes",
        pdf.len()
    );
    let shown = script
        .json(
            "GET",
            &format!("/api/v1/devices/{}", device.id),
            None,
            &headers,
        )
        .await
        .json();
    let code = shown["certificate_code"].as_str().unwrap().to_owned();
    if pdf_tools() {
        let text = pdf_text(&pdf);
        for expected in [
            "PF0ABC12",
            "Purge",
            "nwipe",
            "S3TANX0K102938",
            "Centre social Cholet",
            code.as_str(),
        ] {
            assert!(text.contains(expected), "{expected} missing from:\n{text}");
        }
        let url = shown["certificate_url"].as_str().unwrap();
        assert_eq!(pdf_qr_codes(&pdf, 1), [url.to_owned()]);
    }
    // The public page confirms it to anyone, with no person's name.
    let mut visitor = app.visitor();
    let page = visitor.get(&format!("/certificats/{code}")).await;
    assert_eq!(page.status, StatusCode::OK);
    page.assert_contains("PF0ABC12");
    page.assert_contains("Purge");
    page.assert_contains("Centre social Cholet");
    assert!(!page.body.contains(&network.mediator_cholet.display_name));
    assert!(page.set_cookies().is_empty());
    let unknown = visitor.get("/certificats/0000000000AA").await;
    assert_eq!(unknown.status, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn the_impact_counts_reused_devices_with_sourced_factors_and_a_coordinator_sees_the_federation()
 {
    let (app, network) = TestApp::with_network().await;
    let db = app.conn();
    let person = crate::support::equipment::person(db, &network.mediator_cholet, "Awa", "").await;
    for serial in ["A1", "A2"] {
        let device = laptop(db, &network.mediator_cholet, serial).await;
        walk_to_ready(db, &network.mediator_cholet, &device).await;
        maille::equipment::transitions::record(
            db,
            &network.mediator_cholet,
            &device.id,
            &crate::support::equipment::fields(&[
                ("to", "given"),
                ("beneficiary_id", &person),
                ("signed_name", "Awa Diallo"),
            ]),
            maille::mediation::today(),
        )
        .await
        .unwrap();
    }
    laptop(db, &network.mediator_angers, "B1").await;
    let mut script = app.visitor();
    let auth = bearer(&token_of(db, &network.mediator_cholet).await);
    let own = script
        .json(
            "GET",
            "/api/v1/equipment/impact",
            None,
            &[("authorization", auth.as_str())],
        )
        .await;
    assert_eq!(own.status, StatusCode::OK, "{}", own.body);
    let own = own.json();
    assert_eq!(own["collected"], 2);
    assert_eq!(own["given"], 2);
    assert_eq!(own["e_waste_avoided_kg"], 4.0, "two laptops of 2 kg");
    assert_eq!(
        own["average_age_at_reuse"].as_f64().map(f64::round),
        Some(9.0)
    );
    assert!(
        own["factors"]
            .as_array()
            .unwrap()
            .iter()
            .all(|f| f["source"].as_str().unwrap().len() > 10)
    );
    let coordinator = bearer(&token_of(db, &network.coordinator).await);
    let federation = script
        .json(
            "GET",
            "/api/v1/equipment/impact",
            None,
            &[("authorization", coordinator.as_str())],
        )
        .await
        .json();
    assert_eq!(federation["structures"], 2);
    assert_eq!(federation["collected"], 3);
    assert!(!federation.to_string().contains("Awa"));
}
