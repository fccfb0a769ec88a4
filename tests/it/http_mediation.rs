//! The mediation pages as their users meet them: a mediator records and
//! corrects activities, follows a person; a manager erases; another
//! structure gets 404; a network sees figures only; tokens are shown once.

use axum::http::StatusCode;
use serde_json::json;

use crate::support::TestApp;
use crate::support::mediation::fields;
use maille::mediation::{people, record};

fn today() -> chrono::NaiveDate {
    maille::mediation::today()
}

#[tokio::test]
async fn a_mediator_records_an_activity_with_the_forms_defaults_and_a_theme() {
    let (app, _net) = TestApp::with_network().await;
    let mut browser = app.logged_in("mediation.cholet@test.fr").await;
    let home = browser.get("/espace").await;
    home.assert_contains("/espace/activites/nouvelle");
    let form = browser.get("/espace/activites/nouvelle").await;
    assert_eq!(form.status, StatusCode::OK);
    form.assert_contains(r#"id="type-Individuel" value="Individuel" checked"#);
    form.assert_contains(r#"id="duration-30" value="30" checked"#);
    let page = browser
        .post(
            "/espace/activites/nouvelle",
            &[
                ("type", "Individuel"),
                ("duration_min", "30"),
                ("place_kind", "LieuActivite"),
                ("themes", "Email"),
            ],
        )
        .await;
    assert_eq!(page.status, StatusCode::SEE_OTHER, "{}", page.body);
    let list = browser.get("/espace/activites").await;
    list.assert_contains("E-mail");
    list.assert_contains("1 activité.");
    // The next form starts from the last choices.
    browser
        .post(
            "/espace/activites/nouvelle",
            &[
                ("type", "Individuel"),
                ("duration_min", "90"),
                ("place_kind", "ADistance"),
                ("themes", "Sante"),
            ],
        )
        .await;
    let form = browser.get("/espace/activites/nouvelle").await;
    form.assert_contains(r#"id="duration-90" value="90" checked"#);
    form.assert_contains(r#"id="place-kind-ADistance" value="ADistance" checked"#);
}

#[tokio::test]
async fn a_refused_activity_keeps_what_was_typed_and_names_each_field() {
    let (app, _net) = TestApp::with_network().await;
    let mut browser = app.logged_in("mediation.cholet@test.fr").await;
    browser.get("/espace/activites/nouvelle").await;
    let page = browser
        .post(
            "/espace/activites/nouvelle",
            &[
                ("type", "Collectif"),
                ("duration_min", "45"),
                ("duration_other", "100"),
                ("place_kind", "Domicile"),
                ("notes", "Très bien passé"),
                ("date", "31/02/2026"),
            ],
        )
        .await;
    assert_eq!(page.status, StatusCode::UNPROCESSABLE_ENTITY);
    for message in [
        "Cochez au moins un thème",
        "Indiquez la commune",
        "Donnez un titre",
        "La date n’est pas comprise",
    ] {
        page.assert_contains(message);
    }
    page.assert_contains("Très bien passé");
    page.assert_contains(
        r#"name="duration_other" type="number" min="1" max="720" inputmode="numeric" value="100""#,
    );
}

#[tokio::test]
async fn an_activity_is_duplicated_edited_and_deleted_after_a_question() {
    let (app, net) = TestApp::with_network().await;
    let recorded = record::record(app.conn(), &net.mediator_cholet, &fields(json!({"type": "Individuel", "duration_min": 45, "themes": ["Bureautique"], "notes": "CV"})), today()).await.unwrap();
    let mut browser = app.logged_in("mediation.cholet@test.fr").await;
    let copy = browser
        .get(&format!("/espace/activites/nouvelle?copie={}", recorded.id))
        .await;
    copy.assert_contains(r#"id="theme-Bureautique" value="Bureautique" checked"#);
    copy.assert_contains("CV");
    let edit = browser
        .get(&format!("/espace/activites/{}", recorded.id))
        .await;
    assert_eq!(edit.status, StatusCode::OK);
    let page = browser
        .post(
            &format!("/espace/activites/{}", recorded.id),
            &[
                ("type", "Individuel"),
                ("duration_min", "60"),
                ("themes", "Bureautique"),
            ],
        )
        .await;
    assert_eq!(page.status, StatusCode::SEE_OTHER);
    let question = browser
        .post(&format!("/espace/activites/{}/supprimer", recorded.id), &[])
        .await;
    assert_eq!(question.status, StatusCode::OK);
    question.assert_contains("Supprimer cette activité ?");
    question.assert_contains("60 min");
    assert_eq!(
        browser.get("/espace/activites").await.status,
        StatusCode::OK
    );
    browser
        .get("/espace/activites")
        .await
        .assert_contains("1 activité.");
    let page = browser
        .post(
            &format!("/espace/activites/{}/supprimer", recorded.id),
            &[("confirme", "oui")],
        )
        .await;
    assert_eq!(page.status, StatusCode::SEE_OTHER);
    browser
        .get("/espace/activites")
        .await
        .assert_contains("0 activité.");
}

#[tokio::test]
async fn the_csv_export_is_a_french_spreadsheet() {
    let (app, net) = TestApp::with_network().await;
    record::record(app.conn(), &net.mediator_cholet, &fields(json!({"type": "Individuel", "date": "2026-11-20", "duration_min": 90, "themes": ["Email"], "notes": "=SOMME(A1)"})), today()).await.unwrap();
    let mut browser = app.logged_in("mediation.cholet@test.fr").await;
    let page = browser
        .get("/espace/activites/export.csv?du=01/11/2026&au=30/11/2026")
        .await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.content_type().starts_with("text/csv"));
    assert!(
        page.raw.starts_with("\u{feff}".as_bytes()),
        "a BOM, so that Excel reads UTF-8"
    );
    let lines: Vec<&str> = page.body.trim_start_matches('\u{feff}').lines().collect();
    assert!(
        lines[0].starts_with("Identifiant;Date;Type;Durée (min);Durée (h)"),
        "{}",
        lines[0]
    );
    assert!(
        lines[1].contains(";20/11/2026;Accompagnement individuel;90;1,5;"),
        "{}",
        lines[1]
    );
    assert!(lines[1].contains("'=SOMME(A1)"), "formulas are defused");
    let other = browser
        .get("/espace/activites/export.csv?du=01/10/2026&au=31/10/2026")
        .await;
    assert_eq!(
        other.body.trim_start_matches('\u{feff}').lines().count(),
        1,
        "the filters apply"
    );
}

#[tokio::test]
async fn another_structure_gets_404_and_a_network_403_on_every_personal_page() {
    let (app, net) = TestApp::with_network().await;
    let person = people::create(
        app.conn(),
        &net.mediator_cholet,
        &fields(json!({"pseudonym": "Awa", "consent": true})),
        today(),
    )
    .await
    .unwrap();
    let activity = record::record(app.conn(), &net.mediator_cholet, &fields(json!({"type": "Individuel", "duration_min": 30, "themes": ["Email"], "beneficiary_id": person.id})), today()).await.unwrap();
    let p = &person.id;
    let a = &activity.id;
    let gets = [
        format!("/espace/activites/{a}"),
        format!("/espace/activites/nouvelle?copie={a}"),
        format!("/espace/personnes/{p}"),
        format!("/espace/personnes/{p}/modifier"),
        format!("/espace/personnes/{p}/resume"),
        format!("/espace/personnes/{p}/export.json"),
    ];
    let posts = [
        format!("/espace/activites/{a}"),
        format!("/espace/activites/{a}/supprimer"),
        format!("/espace/personnes/{p}/modifier"),
        format!("/espace/personnes/{p}/objectifs"),
        format!("/espace/personnes/{p}/competences"),
        format!("/espace/personnes/{p}/retirer-consentement"),
        format!("/espace/personnes/{p}/fusionner"),
    ];
    let mut angers = app.logged_in("mediation.angers@test.fr").await;
    for path in &gets {
        let page = angers.get(path).await;
        if path.contains("copie=") {
            assert!(
                !page.body.contains("Email\" checked"),
                "{path}: the copy shows nothing of Cholet"
            );
        } else {
            assert_eq!(page.status, StatusCode::NOT_FOUND, "Angers GET {path}");
        }
        assert!(!page.body.contains("Awa"));
    }
    for path in &posts {
        angers.get("/espace").await;
        let page = angers
            .post(
                path,
                &[
                    ("type", "Individuel"),
                    ("duration_min", "30"),
                    ("themes", "Email"),
                    ("pseudonym", "X"),
                    ("consent", "oui"),
                    ("text", "x"),
                    ("competence", "2.1"),
                    ("level", "2"),
                    ("confirme", "oui"),
                    ("doublon", p),
                ],
            )
            .await;
        assert_eq!(page.status, StatusCode::NOT_FOUND, "Angers POST {path}");
    }
    for outsider in ["coordination@test.fr", "admin@test.fr"] {
        let mut network = app.logged_in(outsider).await;
        for path in gets.iter().chain(
            [
                "/espace/activites".to_owned(),
                "/espace/personnes".to_owned(),
                "/espace/activites/export.csv".to_owned(),
            ]
            .iter(),
        ) {
            let page = network.get(path).await;
            assert_eq!(page.status, StatusCode::FORBIDDEN, "{outsider} GET {path}");
            assert!(!page.body.contains("Awa"));
        }
        assert_eq!(network.get("/espace/chiffres").await.status, StatusCode::OK);
    }
    let mut mediator = app.logged_in("mediation.cholet@test.fr").await;
    mediator.get("/espace").await;
    let page = mediator
        .post(
            &format!("/espace/personnes/{p}/effacer"),
            &[("confirme", "oui")],
        )
        .await;
    assert_eq!(
        page.status,
        StatusCode::FORBIDDEN,
        "a mediator does not erase; the manager does"
    );
}

#[tokio::test]
async fn a_person_is_followed_with_consent_and_erased_by_the_manager_after_a_question() {
    let (app, _net) = TestApp::with_network().await;
    let mut mediator = app.logged_in("mediation.cholet@test.fr").await;
    let form = mediator.get("/espace/personnes/nouvelle").await;
    form.assert_contains("La personne a donné son accord");
    let refused = mediator
        .post("/espace/personnes/nouvelle", &[("pseudonym", "Awa")])
        .await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    refused.assert_contains("Sans le consentement de la personne");
    let page = mediator
        .post(
            "/espace/personnes/nouvelle",
            &[
                ("pseudonym", "Awa"),
                ("consent", "oui"),
                ("birth_year", "1961"),
            ],
        )
        .await;
    assert_eq!(page.status, StatusCode::SEE_OTHER);
    let path = page.location().unwrap().to_owned();
    mediator.get(&path).await;
    mediator
        .post(
            &format!("{path}/objectifs"),
            &[("text", "Envoyer un e-mail")],
        )
        .await;
    mediator.get(&path).await;
    mediator
        .post(
            &format!("{path}/competences"),
            &[
                ("competence", "2.1"),
                ("level", "2"),
                ("assessor", "Personne"),
            ],
        )
        .await;
    mediator.get(&path).await;
    mediator
        .post(
            &format!("{path}/competences"),
            &[("competence", "2.1"), ("level", "4")],
        )
        .await;
    let person = mediator.get(&path).await;
    person.assert_contains("Envoyer un e-mail");
    person.assert_contains("<svg class=\"chart\"");
    person.assert_contains("2.1 Interagir");
    let summary = mediator.get(&format!("{path}/resume")).await;
    summary.assert_contains("Résumé de votre accompagnement");
    let mut manager = app.logged_in("direction.cholet@test.fr").await;
    manager
        .get(&path)
        .await
        .assert_contains("Effacer la personne");
    let question = manager.post(&format!("{path}/effacer"), &[]).await;
    question.assert_contains("Effacer cette personne ?");
    assert_eq!(
        manager.get(&path).await.status,
        StatusCode::OK,
        "nothing changed before « oui »"
    );
    let done = manager
        .post(&format!("{path}/effacer"), &[("confirme", "oui")])
        .await;
    assert_eq!(done.status, StatusCode::SEE_OTHER);
    assert_eq!(manager.get(&path).await.status, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn a_person_recorded_from_the_activity_form_comes_back_chosen_in_it() {
    let (app, _net) = TestApp::with_network().await;
    let mut mediator = app.logged_in("mediation.cholet@test.fr").await;
    let form = mediator.get("/espace/activites/nouvelle").await;
    form.assert_contains("/espace/personnes/nouvelle?retour=activite");
    mediator
        .get("/espace/personnes/nouvelle?retour=activite")
        .await;
    let page = mediator
        .post(
            "/espace/personnes/nouvelle?retour=activite",
            &[("pseudonym", "Karim"), ("consent", "oui")],
        )
        .await;
    let next = page.location().unwrap().to_owned();
    assert!(
        next.starts_with("/espace/activites/nouvelle?personne="),
        "{next}"
    );
    let form = mediator.get(&next).await;
    assert!(
        regex::Regex::new(r#"<option value="[0-9a-f-]{36}" selected>Karim \("#)
            .unwrap()
            .is_match(&form.body),
        "Karim is chosen"
    );
}

#[tokio::test]
async fn likely_duplicates_are_shown_and_merged_with_their_history() {
    let (app, net) = TestApp::with_network().await;
    let a = people::create(
        app.conn(),
        &net.mediator_cholet,
        &fields(json!({"pseudonym": "Jeanne", "consent": true, "birth_year": 1950})),
        today(),
    )
    .await
    .unwrap();
    let b = people::create(
        app.conn(),
        &net.mediator_cholet,
        &fields(json!({"pseudonym": "Jeane", "consent": true, "birth_year": 1950})),
        today(),
    )
    .await
    .unwrap();
    people::create(
        app.conn(),
        &net.mediator_cholet,
        &fields(json!({"pseudonym": "Paul", "consent": true})),
        today(),
    )
    .await
    .unwrap();
    record::record(app.conn(), &net.mediator_cholet, &fields(json!({"type": "Individuel", "duration_min": 30, "themes": ["Email"], "beneficiary_id": b.id})), today()).await.unwrap();
    let mut mediator = app.logged_in("mediation.cholet@test.fr").await;
    let list = mediator.get("/espace/personnes").await;
    list.assert_contains("Doublons probables");
    assert!(!list.body.contains("Paul</a> et") && !list.body.contains("et Paul"));
    let question = mediator
        .post(
            &format!("/espace/personnes/{}/fusionner", a.id),
            &[("doublon", &b.id)],
        )
        .await;
    question.assert_contains("Fusionner ces deux fiches ?");
    mediator
        .post(
            &format!("/espace/personnes/{}/fusionner", a.id),
            &[("doublon", &b.id), ("confirme", "oui")],
        )
        .await;
    let kept = mediator.get(&format!("/espace/personnes/{}", a.id)).await;
    kept.assert_contains("Activités (1)");
    assert_eq!(
        mediator
            .get(&format!("/espace/personnes/{}", b.id))
            .await
            .status,
        StatusCode::NOT_FOUND
    );
}

#[tokio::test]
async fn a_token_is_shown_once_listed_and_revoked_after_a_question() {
    let (app, _net) = TestApp::with_network().await;
    let mut browser = app.logged_in("mediation.cholet@test.fr").await;
    browser.get("/espace/jetons").await;
    let created = browser
        .post(
            "/espace/jetons",
            &[("label", "Tableur du mardi"), ("days", "30")],
        )
        .await;
    assert_eq!(created.status, StatusCode::OK);
    let secret = regex::Regex::new(r"maille_[0-9a-f]{64}")
        .unwrap()
        .find(&created.body)
        .unwrap()
        .as_str()
        .to_owned();
    let list = browser.get("/espace/jetons").await;
    assert!(!list.body.contains(&secret), "shown once");
    list.assert_contains("Tableur du mardi");
    let mut script = app.visitor();
    let auth = format!("Bearer {secret}");
    assert_eq!(
        script
            .json(
                "GET",
                "/api/v1/activities",
                None,
                &[("authorization", &auth)]
            )
            .await
            .status,
        StatusCode::OK
    );
    browser
        .get("/espace/jetons")
        .await
        .assert_contains("depuis");
    let id = maille::tokens::store::with_owner(app.conn(), &maille::tokens::hash(&secret))
        .await
        .unwrap()
        .unwrap()
        .0
        .id;
    let question = browser
        .post(&format!("/espace/jetons/{id}/revoquer"), &[])
        .await;
    question.assert_contains("Révoquer ce jeton ?");
    browser
        .post(
            &format!("/espace/jetons/{id}/revoquer"),
            &[("confirme", "oui")],
        )
        .await;
    assert_eq!(
        script
            .json(
                "GET",
                "/api/v1/activities",
                None,
                &[("authorization", &auth)]
            )
            .await
            .status,
        StatusCode::UNAUTHORIZED
    );
    let refused = browser
        .post("/espace/jetons", &[("label", "x"), ("days", "99999")])
        .await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    refused.assert_contains("Nombre de jours attendu");
}

#[tokio::test]
async fn a_person_is_oriented_to_a_place_of_the_directory_near_the_structure() {
    let (app, net) = TestApp::with_network().await;
    maille::places::store::upsert_all(
        app.conn(),
        &maille::places::demo::places(std::slice::from_ref(&net.cholet.id)),
    )
    .await
    .unwrap();
    app.places().reload(app.conn()).await.unwrap();
    let mut mediator = app.logged_in("mediation.cholet@test.fr").await;
    let form = mediator.get("/espace/activites/nouvelle").await;
    let select = form
        .body
        .split("id=\"orientation_place_id\"")
        .nth(1)
        .unwrap()
        .split("</select>")
        .next()
        .unwrap()
        .to_owned();
    let option = regex::Regex::new(r#"<option value="([^"]+)">"#)
        .unwrap()
        .captures(&select)
        .expect("nearby places offered")[1]
        .to_owned();
    let page = mediator
        .post(
            "/espace/activites/nouvelle",
            &[
                ("type", "Individuel"),
                ("duration_min", "30"),
                ("themes", "Email"),
                ("orientation", "AideSociale"),
                ("orientation_place_id", &option),
            ],
        )
        .await;
    assert_eq!(page.status, StatusCode::SEE_OTHER, "{}", page.body);
    let (records, _) =
        maille::mediation::store::page(app.conn(), &net.cholet.id, &Default::default(), 0, 1)
            .await
            .unwrap();
    assert_eq!(
        records[0].activity.orientation_place_id.as_deref(),
        Some(option.as_str())
    );
}
