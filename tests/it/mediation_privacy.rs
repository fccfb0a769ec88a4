//! Privacy by construction: no consent, no record; erasure leaves no
//! personal field in any table; a person's export holds everything held
//! about them; a network never sees a count under 5; retention erases
//! people who have not come, once.

use chrono::{Duration, NaiveDate};
use sea_orm::{ConnectionTrait, DatabaseConnection, Statement};
use serde_json::json;

use crate::support::mediation::fields;
use crate::support::{Network, TestApp, TestDb};
use maille::journal::Actor;
use maille::mediation::figures::{self, Scope};
use maille::mediation::record::Refused;
use maille::mediation::{people, people_store, record, retention, store};

fn today() -> NaiveDate {
    maille::mediation::today()
}

/// Every (table, column) of the database.
async fn columns(db: &DatabaseConnection) -> Vec<(String, String)> {
    let sql = if TestDb::is_postgres() {
        "SELECT table_name AS t, column_name AS c FROM information_schema.columns WHERE table_schema = 'public'"
    } else {
        "SELECT m.name AS t, p.name AS c FROM sqlite_master m, pragma_table_info(m.name) p WHERE m.type = 'table'"
    };
    let rows = db
        .query_all_raw(Statement::from_string(db.get_database_backend(), sql))
        .await
        .unwrap();
    rows.iter()
        .map(|r| {
            (
                r.try_get::<String>("", "t").unwrap(),
                r.try_get::<String>("", "c").unwrap(),
            )
        })
        .filter(|(t, _)| !t.starts_with("sqlite_"))
        .collect()
}

/// The (table, column) pairs where `needle` appears, whatever the case.
async fn found_in(db: &DatabaseConnection, needle: &str) -> Vec<String> {
    let mut found = Vec::new();
    for (table, column) in columns(db).await {
        let sql = format!(
            "SELECT COUNT(*) AS n FROM \"{table}\" WHERE LOWER(CAST(\"{column}\" AS TEXT)) LIKE '%{}%'",
            needle.to_lowercase()
        );
        let row = db
            .query_one_raw(Statement::from_string(db.get_database_backend(), sql))
            .await
            .unwrap()
            .unwrap();
        if row.try_get::<i64>("", "n").unwrap() > 0 {
            found.push(format!("{table}.{column}"));
        }
    }
    found
}

#[tokio::test]
async fn erasure_leaves_no_personal_field_in_any_table_and_the_activities_stay_anonymous() {
    let (app, net) = TestApp::with_network().await;
    let db = app.conn();
    let person = people::create(
        db,
        &net.mediator_cholet,
        &fields(json!({
            "pseudonym": "Zorglubette", "consent": true, "birth_year": 1961, "gender": "Feminin",
            "social_status": "Retraite", "commune": "Zorglubville", "phone": "06 99 88 77 66",
            "email": "zorglub@exemple.fr", "consent_purpose": "Suivi zorglubien"
        })),
        today(),
    )
    .await
    .unwrap();
    people::add_goal(
        db,
        &net.mediator_cholet,
        &person.id,
        &fields(json!({"text": "Objectif zorglub"})),
    )
    .await
    .unwrap();
    people::add_assessment(
        db,
        &net.mediator_cholet,
        &person.id,
        &fields(json!({"competence": "2.1", "level": 3})),
        today(),
    )
    .await
    .unwrap();
    let activity = record::record(db, &net.mediator_cholet, &fields(json!({"type": "Individuel", "duration_min": 45, "themes": ["Email"], "beneficiary_id": person.id})), today()).await.unwrap();
    people::held(
        db,
        &net.mediator_cholet,
        &person.id,
        maille::journal::BeneficiaryAccess::Exported,
    )
    .await
    .unwrap();
    for canary in ["zorglub", "06 99 88 77 66", &person.code] {
        assert!(
            !found_in(db, canary).await.is_empty(),
            "{canary} is stored before"
        );
    }
    assert!(
        people::erase(
            db,
            Actor::User(&net.manager_cholet),
            &net.cholet.id,
            &person.id,
            "demande"
        )
        .await
        .unwrap()
    );
    for canary in ["zorglub", "06 99 88 77 66", &person.code] {
        assert_eq!(
            found_in(db, canary).await,
            Vec::<String>::new(),
            "{canary} survived erasure"
        );
    }
    let kept = store::find(db, &net.cholet.id, &activity.id)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(kept.activity.beneficiary_id, None);
    assert_eq!(
        kept.activity.duration_min, 45,
        "the activity stays, for the figures"
    );
    let journal = found_in(db, &person.id).await;
    assert!(
        journal.contains(&"journal.subject".to_owned())
            && journal.contains(&"tombstones.id".to_owned()),
        "{journal:?}"
    );
    assert!(
        !people::erase(db, Actor::System, &net.cholet.id, &person.id, "encore")
            .await
            .unwrap(),
        "erasing twice finds no one"
    );
}

#[tokio::test]
async fn without_consent_nothing_is_recorded_and_the_activity_stays_anonymous() {
    let (app, net) = TestApp::with_network().await;
    let db = app.conn();
    let refused = people::create(
        db,
        &net.mediator_cholet,
        &fields(json!({"pseudonym": "Awa"})),
        today(),
    )
    .await;
    assert!(matches!(refused, Err(Refused::Invalid(errors)) if errors[0].field == "consent"));
    assert!(
        people_store::of_structure(db, &net.cholet.id)
            .await
            .unwrap()
            .is_empty()
    );
    let activity = record::record(
        db,
        &net.mediator_cholet,
        &fields(json!({"type": "Individuel", "duration_min": 30, "themes": ["Email"]})),
        today(),
    )
    .await
    .unwrap();
    assert_eq!(activity.activity.beneficiary_id, None);
    let person = people::create(
        db,
        &net.mediator_cholet,
        &fields(json!({"pseudonym": "Awa", "consent": true})),
        today(),
    )
    .await
    .unwrap();
    let linked = record::record(db, &net.mediator_cholet, &fields(json!({"type": "Individuel", "duration_min": 30, "themes": ["Email"], "beneficiary_id": person.id})), today()).await.unwrap();
    // Withdrawal: the same erasure, asked by the person.
    people::erase(
        db,
        Actor::User(&net.mediator_cholet),
        &net.cholet.id,
        &person.id,
        "consentement retiré",
    )
    .await
    .unwrap();
    assert_eq!(
        store::find(db, &net.cholet.id, &linked.id)
            .await
            .unwrap()
            .unwrap()
            .activity
            .beneficiary_id,
        None
    );
    let again = record::record(db, &net.mediator_cholet, &fields(json!({"type": "Individuel", "duration_min": 30, "themes": ["Email"], "beneficiary_id": person.id})), today()).await;
    assert!(
        matches!(again, Err(Refused::Invalid(errors)) if errors[0].field == "beneficiary_id"),
        "an erased person cannot be linked again"
    );
}

#[tokio::test]
async fn a_persons_export_holds_everything_the_database_holds_about_them() {
    let (app, net) = TestApp::with_network().await;
    let db = app.conn();
    let person = people::create(db, &net.mediator_cholet, &fields(json!({
        "pseudonym": "Awa", "consent": true, "birth_year": 1961, "gender": "Feminin",
        "social_status": "SansEmploi", "commune": "Cholet", "phone": "0611223344", "email": "awa@exemple.fr"
    })), today()).await.unwrap();
    for days in [3, 10, 20] {
        let date = (today() - Duration::days(days))
            .format("%Y-%m-%d")
            .to_string();
        record::record(db, &net.mediator_cholet, &fields(json!({"type": "Individuel", "date": date, "duration_min": 30, "themes": ["Email"], "beneficiary_id": person.id, "notes": format!("visite {days}")})), today()).await.unwrap();
    }
    record::record(
        db,
        &net.mediator_cholet,
        &fields(json!({"type": "Individuel", "duration_min": 30, "themes": ["Email"]})),
        today(),
    )
    .await
    .unwrap();
    people::add_goal(
        db,
        &net.mediator_cholet,
        &person.id,
        &fields(json!({"text": "Envoyer un e-mail"})),
    )
    .await
    .unwrap();
    people::add_assessment(
        db,
        &net.mediator_cholet,
        &person.id,
        &fields(json!({"competence": "2.1", "level": 2, "assessor": "Personne"})),
        today(),
    )
    .await
    .unwrap();
    let mut browser = app.logged_in("mediation.cholet@test.fr").await;
    let page = browser
        .get(&format!("/espace/personnes/{}/export.json", person.id))
        .await;
    assert_eq!(page.status, axum::http::StatusCode::OK);
    let export = page.json();
    let b = &export["beneficiary"];
    for (field, value) in [
        ("pseudonym", json!("Awa")),
        ("birth_year", json!(1961)),
        ("gender", json!("Feminin")),
        ("social_status", json!("SansEmploi")),
        ("commune", json!("Cholet")),
        ("phone", json!("0611223344")),
        ("email", json!("awa@exemple.fr")),
        ("code", json!(person.code)),
    ] {
        assert_eq!(b[field], value, "{field}");
    }
    assert!(b["consent_purpose"].as_str().unwrap().len() > 20);
    assert_eq!(
        export["activities"].as_array().unwrap().len(),
        3,
        "their three activities, not the anonymous one"
    );
    assert!(export["activities"].to_string().contains("visite 20"));
    assert_eq!(export["goals"][0]["text"], "Envoyer un e-mail");
    assert_eq!(export["progression"][0]["level"], 2);
    // Every column of their row is in the export.
    for column in columns(db)
        .await
        .into_iter()
        .filter(|(t, _)| t == "beneficiaries")
        .map(|(_, c)| c)
    {
        if column == "organization_id" {
            continue;
        }
        let present = b.get(&column).is_some();
        assert!(present, "column {column} is missing from the export");
    }
}

#[tokio::test]
async fn a_network_never_sees_a_count_under_five() {
    let (app, net) = TestApp::with_network().await;
    let db = app.conn();
    for _ in 0..3 {
        record::record(
            db,
            &net.mediator_cholet,
            &fields(json!({"type": "Individuel", "duration_min": 30, "themes": ["Sante"]})),
            today(),
        )
        .await
        .unwrap();
    }
    for _ in 0..6 {
        record::record(db, &net.mediator_angers, &fields(json!({"type": "Collectif", "title": "Atelier", "participants": 2, "duration_min": 60, "themes": ["Email"]})), today()).await.unwrap();
    }
    let structures = [net.cholet.id.clone(), net.angers.id.clone()];
    let figures = figures::read(
        db,
        &Scope {
            structures: &structures,
            aggregated: true,
        },
        today(),
        today(),
    )
    .await
    .unwrap();
    let mut counts = Vec::new();
    for row in figures
        .by_month
        .iter()
        .chain(figures.by.values().flatten())
        .chain(figures.total.iter())
    {
        counts.extend([row.activities, row.people]);
    }
    assert!(
        counts.iter().flatten().all(|n| *n == 0 || *n >= 5),
        "{counts:?}"
    );
    let themes = &figures.by["theme"];
    assert_eq!(
        themes
            .iter()
            .find(|r| r.value == "Sante")
            .unwrap()
            .activities,
        None,
        "3 is hidden"
    );
    assert_eq!(
        themes
            .iter()
            .find(|r| r.value == "Email")
            .unwrap()
            .activities,
        Some(6)
    );
    let own = figures::read(
        db,
        &Scope {
            structures: &structures[..1],
            aggregated: false,
        },
        today(),
        today(),
    )
    .await
    .unwrap();
    assert_eq!(
        own.total.unwrap().activities,
        Some(3),
        "a structure sees its own small counts"
    );
    let mut coordinator = app.logged_in("coordination@test.fr").await;
    let page = coordinator.get("/espace/chiffres").await;
    assert_eq!(page.status, axum::http::StatusCode::OK);
    page.assert_contains("moins de 5");
}

#[tokio::test]
async fn figures_follow_every_edit_and_deletion() {
    let db = TestDb::migrated().await;
    let net = Network::create(&db.conn).await;
    let a = record::record(
        &db.conn,
        &net.mediator_cholet,
        &fields(json!({"type": "Individuel", "duration_min": 30, "themes": ["Email", "Sante"]})),
        today(),
    )
    .await
    .unwrap();
    let b = record::record(
        &db.conn,
        &net.mediator_cholet,
        &fields(json!({"type": "Individuel", "duration_min": 60, "themes": ["Email"]})),
        today(),
    )
    .await
    .unwrap();
    record::change(&db.conn, &net.mediator_cholet, &a.id, &fields(json!({"type": "Collectif", "title": "Atelier", "participants": 4, "duration_min": 90, "themes": ["Bureautique"]})), today()).await.unwrap().unwrap();
    assert!(
        record::remove(&db.conn, &net.mediator_cholet, &b.id)
            .await
            .unwrap()
    );
    let structures = [net.cholet.id.clone()];
    let figures = figures::read(
        &db.conn,
        &Scope {
            structures: &structures,
            aggregated: false,
        },
        today(),
        today(),
    )
    .await
    .unwrap();
    let total = figures.total.unwrap();
    assert_eq!(
        (total.activities, total.minutes, total.people),
        (Some(1), Some(90), Some(4))
    );
    let themes: Vec<(&str, Option<u64>)> = figures.by["theme"]
        .iter()
        .map(|r| (r.value.as_str(), r.activities))
        .collect();
    assert!(themes.contains(&("Bureautique", Some(1))));
    assert!(
        themes
            .iter()
            .all(|(t, n)| *t == "Bureautique" || *n == Some(0) || n.is_none()),
        "{themes:?}"
    );
    assert!(
        !record::remove(&db.conn, &net.mediator_angers, &a.id)
            .await
            .unwrap(),
        "another structure deletes nothing"
    );
}

#[tokio::test]
async fn retention_erases_people_who_have_not_come_once_and_a_dry_run_changes_nothing() {
    let db = TestDb::migrated().await;
    let net = Network::create(&db.conn).await;
    let old = people::create(
        &db.conn,
        &net.mediator_cholet,
        &fields(json!({"pseudonym": "Ancien", "consent": true})),
        today(),
    )
    .await
    .unwrap();
    let recent = people::create(
        &db.conn,
        &net.mediator_cholet,
        &fields(json!({"pseudonym": "Récent", "consent": true})),
        today(),
    )
    .await
    .unwrap();
    let long_ago = (today() - Duration::days(800))
        .format("%Y-%m-%d")
        .to_string();
    let kept = record::record(&db.conn, &net.mediator_cholet, &fields(json!({"type": "Individuel", "date": long_ago, "duration_min": 30, "themes": ["Email"], "beneficiary_id": old.id})), today()).await.unwrap();
    record::record(&db.conn, &net.mediator_cholet, &fields(json!({"type": "Individuel", "duration_min": 30, "themes": ["Email"], "beneficiary_id": recent.id})), today()).await.unwrap();
    let dry = retention::run(&db.conn, today(), 24, true).await.unwrap();
    assert_eq!((dry.found, dry.erased), (1, 0));
    assert_eq!(
        people_store::of_structure(&db.conn, &net.cholet.id)
            .await
            .unwrap()
            .len(),
        2
    );
    let run = retention::run(&db.conn, today(), 24, false).await.unwrap();
    assert_eq!(run.erased, 1);
    let left: Vec<String> = people_store::of_structure(&db.conn, &net.cholet.id)
        .await
        .unwrap()
        .into_iter()
        .map(|p| p.person.pseudonym)
        .collect();
    assert_eq!(left, vec!["Récent"]);
    assert_eq!(
        store::find(&db.conn, &net.cholet.id, &kept.id)
            .await
            .unwrap()
            .unwrap()
            .activity
            .beneficiary_id,
        None
    );
    assert_eq!(
        retention::run(&db.conn, today(), 24, false)
            .await
            .unwrap()
            .erased,
        0,
        "idempotent"
    );
}
