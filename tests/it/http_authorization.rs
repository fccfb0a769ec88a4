//! The role × route matrix: for every staff route, a person of another
//! structure gets 403 or 404 and never the data; a coordinator never gets a
//! page with personal data; each role reaches what it should.

use axum::http::StatusCode;

use crate::support::{Network, TestApp};

/// (method, path, form fields) of a request.
type Route = (&'static str, String, Vec<(&'static str, &'static str)>);

/// Every staff route that shows or changes an account of the Angers structure.
fn routes_about_angers(net: &Network) -> Vec<Route> {
    let target = format!("/espace/comptes/{}", net.mediator_angers.id);
    vec![
        ("GET", target.clone(), vec![]),
        (
            "POST",
            target.clone(),
            vec![
                ("display_name", "Piraté"),
                ("email", "pirate@test.fr"),
                ("role", "mediator"),
            ],
        ),
        (
            "POST",
            format!("{target}/activation"),
            vec![("active", "false")],
        ),
        ("POST", format!("{target}/mot-de-passe"), vec![]),
    ]
}

#[tokio::test]
async fn nobody_outside_angers_except_the_admin_can_read_or_change_an_angers_account() {
    let (app, net) = TestApp::with_network().await;
    for outsider in [
        "direction.cholet@test.fr",
        "mediation.cholet@test.fr",
        "coordination@test.fr",
        "mediation.angers@test.fr",
    ] {
        let mut browser = app.logged_in(outsider).await;
        for (method, path, fields) in routes_about_angers(&net) {
            browser.get("/espace").await; // refresh the CSRF token
            let page = if method == "GET" {
                browser.get(&path).await
            } else {
                browser.post(&path, &fields).await
            };
            assert!(
                matches!(page.status, StatusCode::FORBIDDEN | StatusCode::NOT_FOUND),
                "{outsider} {method} {path} got {}",
                page.status
            );
            assert!(
                !page.body.contains("mediation.angers@test.fr"),
                "{outsider} saw the account"
            );
        }
    }
    let unchanged = maille::accounts::store::find(app.conn(), &net.mediator_angers.id)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(
        unchanged, net.mediator_angers,
        "no refused request changed anything"
    );
}

#[tokio::test]
async fn the_manager_of_angers_and_the_admin_can_open_the_angers_account() {
    let (app, net) = TestApp::with_network().await;
    for insider in [&net.manager_angers, &net.admin] {
        let insider = insider.email.as_str();
        let mut browser = app.logged_in(insider).await;
        let page = browser
            .get(&format!("/espace/comptes/{}", net.mediator_angers.id))
            .await;
        assert_eq!(page.status, StatusCode::OK, "{insider}");
        page.assert_contains("mediation.angers@test.fr");
    }
}

#[tokio::test]
async fn lists_show_a_manager_only_their_own_structure() {
    let (app, _) = TestApp::with_network().await;
    let mut angers = app.logged_in("direction.angers@test.fr").await;
    let mut cholet = app.logged_in("direction.cholet@test.fr").await;
    let accounts = cholet.get("/espace/comptes").await;
    assert_eq!(accounts.status, StatusCode::OK);
    accounts.assert_contains("mediation.cholet@test.fr");
    assert!(!accounts.body.contains("angers"), "{}", accounts.body);
    angers.get("/espace").await;
    let journal = cholet.get("/espace/journal").await;
    journal.assert_contains("direction.cholet@test.fr");
    assert!(!journal.body.contains("direction.angers@test.fr"));
}

/// (path, who may open it). Everyone else must get 403.
const PAGES: [(&str, &[&str]); 23] = [
    (
        "/espace",
        &[
            "admin",
            "coordination",
            "direction.cholet",
            "mediation.cholet",
        ],
    ),
    (
        "/espace/mot-de-passe",
        &[
            "admin",
            "coordination",
            "direction.cholet",
            "mediation.cholet",
        ],
    ),
    ("/espace/comptes", &["admin", "direction.cholet"]),
    ("/espace/comptes/nouveau", &["admin", "direction.cholet"]),
    ("/espace/journal", &["admin", "direction.cholet"]),
    ("/espace/organisations", &["admin"]),
    ("/espace/reseau", &["admin", "coordination"]),
    (
        "/espace/ateliers",
        &["direction.cholet", "mediation.cholet"],
    ),
    (
        "/espace/ateliers/formats/nouveau",
        &["direction.cholet", "mediation.cholet"],
    ),
    (
        "/espace/ateliers/seances/nouvelle",
        &["direction.cholet", "mediation.cholet"],
    ),
    (
        "/espace/messages",
        &["direction.cholet", "mediation.cholet"],
    ),
    (
        "/espace/materiel",
        &["direction.cholet", "mediation.cholet"],
    ),
    (
        "/espace/materiel/dons/nouveau",
        &["direction.cholet", "mediation.cholet"],
    ),
    (
        "/espace/materiel/stock.csv",
        &["direction.cholet", "mediation.cholet"],
    ),
    (
        "/espace/materiel/mouvements.csv",
        &["direction.cholet", "mediation.cholet"],
    ),
    (
        "/espace/materiel/etiquettes.pdf",
        &["direction.cholet", "mediation.cholet"],
    ),
    (
        "/espace/materiel/etiquettes.svg",
        &["direction.cholet", "mediation.cholet"],
    ),
    (
        "/espace/materiel/demandes",
        &["direction.cholet", "mediation.cholet"],
    ),
    (
        "/espace/materiel/demandes/nouvelle",
        &["direction.cholet", "mediation.cholet"],
    ),
    (
        "/espace/materiel/criteres",
        &["direction.cholet", "mediation.cholet"],
    ),
    (
        "/espace/materiel/internet",
        &["direction.cholet", "mediation.cholet"],
    ),
    (
        "/espace/materiel/impact",
        &[
            "admin",
            "coordination",
            "direction.cholet",
            "mediation.cholet",
        ],
    ),
    (
        "/espace/materiel/impact.csv",
        &[
            "admin",
            "coordination",
            "direction.cholet",
            "mediation.cholet",
        ],
    ),
];

#[tokio::test]
async fn each_role_opens_exactly_the_staff_pages_meant_for_it() {
    let (app, _) = TestApp::with_network().await;
    for who in [
        "admin",
        "coordination",
        "direction.cholet",
        "mediation.cholet",
    ] {
        let mut browser = app.logged_in(&format!("{who}@test.fr")).await;
        for (path, allowed) in PAGES {
            let expected = if allowed.contains(&who) {
                StatusCode::OK
            } else {
                StatusCode::FORBIDDEN
            };
            assert_eq!(browser.get(path).await.status, expected, "{who} GET {path}");
        }
    }
}

#[tokio::test]
async fn a_coordinator_is_refused_every_page_that_holds_personal_data() {
    let (app, net) = TestApp::with_network().await;
    let mut coordinator = app.logged_in("coordination@test.fr").await;
    let own_federation_account = format!("/espace/comptes/{}", net.coordinator.id);
    for path in [
        "/espace/comptes",
        "/espace/journal",
        own_federation_account.as_str(),
    ] {
        let page = coordinator.get(path).await;
        assert_eq!(page.status, StatusCode::FORBIDDEN, "{path}");
        assert!(!page.body.contains("@test.fr"), "{path} leaked an address");
    }
}

#[tokio::test]
async fn state_changing_routes_refuse_roles_they_are_not_meant_for() {
    let (app, net) = TestApp::with_network().await;
    let parent = net.federation.id.to_string();
    for who in ["coordination", "direction.cholet", "mediation.cholet"] {
        let mut browser = app.logged_in(&format!("{who}@test.fr")).await;
        browser.get("/espace").await;
        let page = browser
            .post(
                "/espace/organisations",
                &[
                    ("name", "Fantôme"),
                    ("kind", "structure"),
                    ("parent_id", &parent),
                ],
            )
            .await;
        assert_eq!(
            page.status,
            StatusCode::FORBIDDEN,
            "{who} creating an organisation"
        );
    }
    for who in ["coordination", "mediation.cholet"] {
        let mut browser = app.logged_in(&format!("{who}@test.fr")).await;
        browser.get("/espace").await;
        let page = browser
            .post(
                "/espace/comptes",
                &[
                    ("display_name", "Fantôme"),
                    ("email", "fantome@test.fr"),
                    ("role", "mediator"),
                ],
            )
            .await;
        assert_eq!(
            page.status,
            StatusCode::FORBIDDEN,
            "{who} creating an account"
        );
    }
    assert_eq!(
        maille::organizations::store::count(app.conn())
            .await
            .unwrap(),
        4
    );
    assert_eq!(
        maille::accounts::store::list(app.conn(), None)
            .await
            .unwrap()
            .len(),
        6
    );
}

#[tokio::test]
async fn every_equipment_route_of_a_cholet_device_is_404_for_angers_and_403_for_a_coordinator() {
    use crate::support::equipment::{laptop, walk_to_ready};
    let (app, net) = TestApp::with_network().await;
    let device = laptop(app.conn(), &net.mediator_cholet, "PF0ABC12").await;
    walk_to_ready(app.conn(), &net.mediator_cholet, &device).await;
    let lot = maille::equipment::intake::receive_lot(
        app.conn(),
        &net.mediator_cholet,
        &crate::support::equipment::fields(&[("donor_name", "Acme"), ("kind", "laptop")]),
        maille::mediation::today(),
    )
    .await
    .unwrap()
    .0;
    let base = format!("/espace/materiel/{}", device.code);
    let gets = [
        base.clone(),
        format!("{base}/certificat.pdf"),
        format!("{base}/remise.pdf"),
        format!("{base}/etiquette.pdf"),
        format!("/espace/materiel/lots/{}", lot.id),
        format!("/espace/materiel/lots/{}/recu.pdf", lot.id),
    ];
    let posts = [
        (
            format!("{base}/etape"),
            vec![("to", "recycled"), ("recycler", "X"), ("weight_kg", "2")],
        ),
        (format!("{base}/description"), vec![("kind", "tablet")]),
        (format!("{base}/reparations"), vec![("problem", "Piraté")]),
    ];
    for (who, expected) in [
        ("mediation.angers@test.fr", StatusCode::NOT_FOUND),
        ("coordination@test.fr", StatusCode::FORBIDDEN),
    ] {
        let mut browser = app.logged_in(who).await;
        for path in &gets {
            let page = browser.get(path).await;
            assert_eq!(page.status, expected, "{who} GET {path}");
            assert!(
                !page.body.contains("PF0ABC12"),
                "{who} saw the device at {path}"
            );
        }
        for (path, fields) in &posts {
            browser.get("/espace").await;
            assert_eq!(
                browser.post(path, fields).await.status,
                expected,
                "{who} POST {path}"
            );
        }
    }
    let unchanged = maille::equipment::store::find_device(app.conn(), &net.cholet.id, &device.id)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(unchanged.state, "ready");
    assert_eq!(unchanged.kind, "laptop");
    assert!(
        maille::equipment::store::repairs_of(app.conn(), &device.id)
            .await
            .unwrap()
            .is_empty()
    );
}
