//! `maille tokens create`, `maille retention run` and `maille activities
//! generate`, run as real processes.

use std::process::{Command, Output};

use crate::support::{Network, TestDb};

fn maille(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_maille"))
        .args(args)
        .env_remove("MAILLE_DATABASE_URL")
        .env_remove("MAILLE_RETENTION_MONTHS")
        .env("RUST_LOG", "off")
        .output()
        .expect("maille runs")
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

#[tokio::test]
async fn a_token_is_printed_once_alone_on_its_line_and_opens_the_api_as_its_owner() {
    let db = TestDb::migrated().await;
    let net = Network::create(&db.conn).await;
    let out = maille(&[
        "tokens",
        "create",
        "--email",
        "mediation.cholet@test.fr",
        "--label",
        "Tableur",
        "--expires",
        "30",
        "--database",
        db.url.as_str(),
    ]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let secret = text(&out.stdout).trim().to_owned();
    assert!(
        secret.starts_with("maille_") && secret.len() == 71,
        "{secret}"
    );
    assert!(text(&out.stderr).contains("affiché qu’une fois"));
    let user = maille::tokens::authenticate(&db.conn, &secret, "192.0.2.1", chrono::Utc::now())
        .await
        .unwrap()
        .unwrap();
    assert_eq!(user.id, net.mediator_cholet.id);
    let unknown = maille(&[
        "tokens",
        "create",
        "--email",
        "personne@test.fr",
        "--database",
        db.url.as_str(),
    ]);
    assert!(!unknown.status.success());
    assert!(
        text(&unknown.stderr).contains("--email : aucun compte actif"),
        "{}",
        text(&unknown.stderr)
    );
}

#[tokio::test]
async fn retention_says_what_it_would_do_then_does_it() {
    let db = TestDb::migrated().await;
    Network::create(&db.conn).await;
    let dry = maille(&[
        "retention",
        "run",
        "--dry-run",
        "--database",
        db.url.as_str(),
    ]);
    assert!(dry.status.success(), "{}", text(&dry.stderr));
    assert!(
        text(&dry.stdout).contains("0 personne(s)"),
        "{}",
        text(&dry.stdout)
    );
    assert!(text(&dry.stdout).contains("essai"));
    let zero = maille(&[
        "retention",
        "run",
        "--months",
        "0",
        "--database",
        db.url.as_str(),
    ]);
    assert!(!zero.status.success());
    assert!(text(&zero.stderr).contains("--months"));
}

#[tokio::test]
async fn generated_activities_land_in_new_structures_under_the_first_federation() {
    let db = TestDb::migrated().await;
    let net = Network::create(&db.conn).await;
    let out = maille(&[
        "activities",
        "generate",
        "--count",
        "300",
        "--structures",
        "3",
        "--seed",
        "5",
        "--json",
        "--database",
        db.url.as_str(),
    ]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let made: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let made = made.as_array().unwrap();
    assert_eq!(made.len(), 3);
    let tree = maille::organizations::store::tree(&db.conn).await.unwrap();
    let within: Vec<String> = tree
        .structures_within(&net.federation.id)
        .iter()
        .map(|o| o.id.as_str().to_owned())
        .collect();
    let ids: Vec<maille::organizations::OrganizationId> = made
        .iter()
        .map(|m| maille::organizations::OrganizationId::parse(m["id"].as_str().unwrap()).unwrap())
        .collect();
    for id in &ids {
        assert!(
            within.contains(&id.as_str().to_owned()),
            "under the federation"
        );
    }
    let today = maille::mediation::today();
    let figures = maille::mediation::figures::read(
        &db.conn,
        &maille::mediation::figures::Scope {
            structures: &ids,
            aggregated: false,
        },
        today - chrono::Duration::days(366),
        today,
    )
    .await
    .unwrap();
    assert_eq!(
        figures.total.unwrap().activities,
        Some(300),
        "the figures count every generated activity"
    );
    let email = made[0]["mediator_email"].as_str().unwrap();
    assert!(email.ends_with("@generated.maille.test"));
}
