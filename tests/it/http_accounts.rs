//! Managers and administrators managing accounts and organisations.

use axum::http::StatusCode;
use maille::journal::store::{self as journal_store, Scope};

use crate::support::TestApp;

/// The generated password shown once on the confirmation page.
fn shown_password(body: &str) -> String {
    let start = body
        .find("<p class=\"secret\"><code>")
        .expect("password shown")
        + "<p class=\"secret\"><code>".len();
    body[start..start + body[start..].find('<').unwrap()].to_owned()
}

#[tokio::test]
async fn a_manager_creates_a_mediator_who_can_log_in_with_the_password_shown_once() {
    let (app, _) = TestApp::with_network().await;
    let mut manager = app.logged_in("direction.cholet@test.fr").await;
    let form = manager.get("/espace/comptes/nouveau").await;
    form.assert_contains("<legend>Rôle</legend>");
    assert!(
        !form.body.contains("value=\"admin\""),
        "a manager is not offered the admin role"
    );
    let page = manager
        .post(
            "/espace/comptes",
            &[
                ("display_name", "Léa  Fontaine"),
                ("email", "Lea.Fontaine@test.fr"),
                ("role", "mediator"),
            ],
        )
        .await;
    assert_eq!(page.status, StatusCode::CREATED);
    page.assert_contains("Léa Fontaine");
    let password = shown_password(&page.body);
    assert_eq!(password.len(), 20);
    let list = manager.get("/espace/comptes").await;
    list.assert_contains("lea.fontaine@test.fr");
    assert_eq!(
        app.visitor()
            .log_in("lea.fontaine@test.fr", &password)
            .await
            .status,
        StatusCode::SEE_OTHER
    );
}

#[tokio::test]
async fn a_manager_cannot_hand_out_the_admin_role() {
    let (app, _) = TestApp::with_network().await;
    let mut manager = app.logged_in("direction.cholet@test.fr").await;
    manager.get("/espace/comptes/nouveau").await;
    let page = manager
        .post(
            "/espace/comptes",
            &[
                ("display_name", "Intrus"),
                ("email", "intrus@test.fr"),
                ("role", "admin"),
            ],
        )
        .await;
    assert_eq!(page.status, StatusCode::UNPROCESSABLE_ENTITY);
    page.assert_contains("<a href=\"#role\">Vous ne pouvez pas attribuer ce rôle.");
}

#[tokio::test]
async fn a_refused_account_form_keeps_what_was_typed_and_names_each_field() {
    let (app, _) = TestApp::with_network().await;
    let mut manager = app.logged_in("direction.cholet@test.fr").await;
    manager.get("/espace/comptes/nouveau").await;
    let page = manager
        .post(
            "/espace/comptes",
            &[
                ("display_name", "X"),
                ("email", "mediation.cholet@test.fr"),
                ("role", "pilote"),
            ],
        )
        .await;
    assert_eq!(page.status, StatusCode::UNPROCESSABLE_ENTITY);
    page.assert_contains("<a href=\"#display_name\">");
    page.assert_contains("<a href=\"#role\">Choisissez un rôle dans la liste.");
    page.assert_contains("value=\"mediation.cholet@test.fr\"");
    let taken = manager
        .post(
            "/espace/comptes",
            &[
                ("display_name", "Homonyme"),
                ("email", "mediation.cholet@test.fr"),
                ("role", "mediator"),
            ],
        )
        .await;
    assert_eq!(taken.status, StatusCode::UNPROCESSABLE_ENTITY);
    taken.assert_contains(
        "<a href=\"#email\">Cette adresse e-mail est déjà utilisée par un autre compte.",
    );
    taken.assert_contains("value=\"Homonyme\"");
}

#[tokio::test]
async fn a_managers_edit_of_name_and_role_is_journaled() {
    let (app, net) = TestApp::with_network().await;
    let mut manager = app.logged_in("direction.cholet@test.fr").await;
    let path = format!("/espace/comptes/{}", net.mediator_cholet.id);
    manager
        .get(&path)
        .await
        .assert_contains("value=\"mediation.cholet@test.fr\"");
    let page = manager
        .post(
            &path,
            &[
                ("display_name", "Inès Bouvier"),
                ("email", "mediation.cholet@test.fr"),
                ("role", "manager"),
            ],
        )
        .await;
    assert_eq!(page.location(), Some("/espace/comptes"));
    manager
        .get("/espace/comptes")
        .await
        .assert_contains("Le compte a été modifié.");
    let (entries, _) = journal_store::list(
        app.conn(),
        &Scope::Organization(net.cholet.id.clone()),
        0,
        10,
    )
    .await
    .unwrap();
    let details: Vec<_> = entries
        .iter()
        .map(|e| format!("{}: {}", e.event_code, e.detail))
        .collect();
    assert!(
        details.contains(&"role_changed: Médiation → Direction de structure".to_owned()),
        "{details:?}"
    );
    assert!(
        details.contains(
            &"account_updated: nom : Personne mediation.cholet → Inès Bouvier".to_owned()
        ),
        "{details:?}"
    );
}

#[tokio::test]
async fn a_deactivated_mediator_cannot_log_in_until_reactivated() {
    let (app, net) = TestApp::with_network().await;
    let mut manager = app.logged_in("direction.cholet@test.fr").await;
    let path = format!("/espace/comptes/{}", net.mediator_cholet.id);
    manager
        .get(&path)
        .await
        .assert_contains("Désactiver le compte");
    // Deactivating asks first, on a page of its own (no script needed).
    let asked = manager
        .post(&format!("{path}/activation"), &[("active", "false")])
        .await;
    assert_eq!(asked.status, StatusCode::OK);
    asked.assert_contains("<h1>Désactiver le compte de ");
    asked.assert_contains(r#"<input type="hidden" name="active" value="false">"#);
    asked.assert_contains(r#"<input type="hidden" name="confirme" value="oui">"#);
    asked.assert_contains(&format!(
        r#"<a href="{path}">Non, revenir sans rien changer</a>"#
    ));
    assert_eq!(
        app.visitor()
            .log_in("mediation.cholet@test.fr", crate::support::PASSWORD)
            .await
            .status,
        StatusCode::SEE_OTHER,
        "nothing changed before the answer"
    );
    let page = manager
        .post(
            &format!("{path}/activation"),
            &[("active", "false"), ("confirme", "oui")],
        )
        .await;
    assert_eq!(page.location(), Some("/espace/comptes"));
    manager
        .get("/espace/comptes")
        .await
        .assert_contains("<strong>Désactivé</strong>");
    assert_eq!(
        app.visitor()
            .log_in("mediation.cholet@test.fr", crate::support::PASSWORD)
            .await
            .status,
        StatusCode::UNPROCESSABLE_ENTITY
    );
    manager.get(&path).await;
    manager
        .post(&format!("{path}/activation"), &[("active", "true")])
        .await;
    assert_eq!(
        app.visitor()
            .log_in("mediation.cholet@test.fr", crate::support::PASSWORD)
            .await
            .status,
        StatusCode::SEE_OTHER
    );
}

#[tokio::test]
async fn a_manager_cannot_deactivate_their_own_account() {
    let (app, net) = TestApp::with_network().await;
    let mut manager = app.logged_in("direction.cholet@test.fr").await;
    let path = format!("/espace/comptes/{}", net.manager_cholet.id);
    manager.get(&path).await;
    manager
        .post(&format!("{path}/activation"), &[("active", "false")])
        .await;
    manager
        .get(&path)
        .await
        .assert_contains("Vous ne pouvez pas désactiver votre propre compte.");
    assert_eq!(manager.get("/espace").await.status, StatusCode::OK);
}

#[tokio::test]
async fn a_new_password_given_by_the_manager_replaces_the_old_one() {
    let (app, net) = TestApp::with_network().await;
    let mut manager = app.logged_in("direction.cholet@test.fr").await;
    let path = format!("/espace/comptes/{}", net.mediator_cholet.id);
    manager.get(&path).await;
    let asked = manager.post(&format!("{path}/mot-de-passe"), &[]).await;
    asked.assert_contains("Son mot de passe actuel ne fonctionnera plus.");
    assert!(
        !asked.body.contains("class=\"secret\""),
        "no password before the answer"
    );
    let page = manager
        .post(&format!("{path}/mot-de-passe"), &[("confirme", "oui")])
        .await;
    let password = shown_password(&page.body);
    assert_eq!(
        app.visitor()
            .log_in("mediation.cholet@test.fr", crate::support::PASSWORD)
            .await
            .status,
        StatusCode::UNPROCESSABLE_ENTITY
    );
    assert_eq!(
        app.visitor()
            .log_in("mediation.cholet@test.fr", &password)
            .await
            .status,
        StatusCode::SEE_OTHER
    );
}

#[tokio::test]
async fn an_admin_creates_a_coordinator_in_a_federation_but_not_a_mediator_there() {
    let (app, net) = TestApp::with_network().await;
    let mut admin = app.logged_in("admin@test.fr").await;
    admin
        .get("/espace/comptes/nouveau")
        .await
        .assert_contains("Fédération test (Fédération)");
    let federation = net.federation.id.to_string();
    let refused = admin
        .post(
            "/espace/comptes",
            &[
                ("display_name", "Camille"),
                ("email", "camille@test.fr"),
                ("role", "mediator"),
                ("organization_id", &federation),
            ],
        )
        .await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    refused.assert_contains("Ce rôle ne convient pas à ce type d’organisation");
    let created = admin
        .post(
            "/espace/comptes",
            &[
                ("display_name", "Camille"),
                ("email", "camille@test.fr"),
                ("role", "coordinator"),
                ("organization_id", &federation),
            ],
        )
        .await;
    assert_eq!(created.status, StatusCode::CREATED);
}

#[tokio::test]
async fn an_admin_builds_the_tree_and_a_misplaced_organisation_is_explained() {
    let (app, net) = TestApp::with_network().await;
    let mut admin = app.logged_in("admin@test.fr").await;
    admin
        .get("/espace/organisations")
        .await
        .assert_contains("centre-social-cholet");
    let refused = admin
        .post(
            "/espace/organisations",
            &[
                ("name", "Centre social Saumur"),
                ("kind", "structure"),
                ("parent_id", ""),
            ],
        )
        .await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    refused.assert_contains("<a href=\"#parent_id\">Ce rattachement n’est pas possible");
    refused.assert_contains("value=\"Centre social Saumur\"");
    let parent = net.federation.id.to_string();
    let created = admin
        .post(
            "/espace/organisations",
            &[
                ("name", "Centre social Saumur"),
                ("kind", "structure"),
                ("parent_id", &parent),
            ],
        )
        .await;
    assert_eq!(created.location(), Some("/espace/organisations"));
    let page = admin.get("/espace/organisations").await;
    page.assert_contains("L’organisation a été créée.");
    page.assert_contains("centre-social-saumur");
}

#[tokio::test]
async fn a_coordinator_sees_counts_for_the_structures_below_their_federation_only() {
    let (app, net) = TestApp::with_network().await;
    let other = crate::support::fixtures::organization(
        app.conn(),
        maille::organizations::OrganizationKind::Federation,
        "Fédération voisine",
        Some(&net.network),
    )
    .await;
    crate::support::fixtures::organization(
        app.conn(),
        maille::organizations::OrganizationKind::Structure,
        "Centre social Nantes",
        Some(&other),
    )
    .await;
    let mut coordinator = app.logged_in("coordination@test.fr").await;
    let page = coordinator.get("/espace/reseau").await;
    assert_eq!(page.status, StatusCode::OK);
    page.assert_contains("<td>Centre social Cholet</td>");
    page.assert_contains("<td>Centre social Angers</td>");
    assert!(!page.body.contains("Nantes"));
    assert!(
        !page.body.contains("@test.fr"),
        "no address on an aggregate page"
    );
    page.assert_contains("<td class=\"num\">2</td>");
}

#[tokio::test]
async fn an_account_cannot_be_renamed_to_look_like_another() {
    let (app, net) = TestApp::with_network().await;
    let mut manager = app.logged_in("direction.cholet@test.fr").await;
    let path = format!("/espace/comptes/{}", net.mediator_cholet.id);
    for look_alike in [
        "admin@test.fr\u{200b}",
        "\u{0430}dmin@test.fr",
        "ad\u{2060}min@test.fr",
    ] {
        manager.get(&path).await;
        let page = manager
            .post(
                &path,
                &[
                    ("display_name", "Inès Bouvier"),
                    ("email", look_alike),
                    ("role", "mediator"),
                ],
            )
            .await;
        assert_eq!(
            page.status,
            StatusCode::UNPROCESSABLE_ENTITY,
            "{look_alike:?}"
        );
        page.assert_contains("caractère invisible ou mélange des alphabets");
    }
    // Another way of writing the administrator's address is that address.
    manager.get(&path).await;
    let page = manager
        .post(
            &path,
            &[
                ("display_name", "Inès Bouvier"),
                ("email", "ＡＤＭＩＮ@Test.fr"),
                ("role", "mediator"),
            ],
        )
        .await;
    assert_eq!(page.status, StatusCode::UNPROCESSABLE_ENTITY);
    page.assert_contains("déjà utilisée par un autre compte");
    let stored = maille::accounts::store::find(app.conn(), &net.mediator_cholet.id)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(stored.email.as_str(), "mediation.cholet@test.fr");
}

#[tokio::test]
async fn the_last_manager_of_a_structure_cannot_step_down_until_someone_else_leads() {
    let (app, net) = TestApp::with_network().await;
    let mut manager = app.logged_in("direction.cholet@test.fr").await;
    let own = format!("/espace/comptes/{}", net.manager_cholet.id);
    let step_down = [
        ("display_name", "Personne direction.cholet"),
        ("email", "direction.cholet@test.fr"),
        ("role", "mediator"),
    ];
    manager.get(&own).await;
    let refused = manager.post(&own, &step_down).await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    refused.assert_contains("n’aurait plus personne à sa direction");
    refused.assert_contains("<a href=\"#role\">");
    manager.get(&own).await;
    let deactivate = manager
        .post(&format!("{own}/activation"), &[("active", "false")])
        .await;
    assert_eq!(deactivate.location(), Some(own.as_str()));
    assert_eq!(manager.get("/espace/comptes").await.status, StatusCode::OK);

    // Once a colleague leads too, stepping down is possible.
    let colleague = format!("/espace/comptes/{}", net.mediator_cholet.id);
    manager.get(&colleague).await;
    manager
        .post(
            &colleague,
            &[
                ("display_name", "Personne mediation.cholet"),
                ("email", "mediation.cholet@test.fr"),
                ("role", "manager"),
            ],
        )
        .await;
    manager.get(&own).await;
    let accepted = manager.post(&own, &step_down).await;
    assert_eq!(
        accepted.location(),
        Some("/espace/comptes"),
        "{}",
        accepted.body
    );
}

#[tokio::test]
async fn the_new_account_form_starts_valid_with_roles_that_fit_the_organisation() {
    let (app, net) = TestApp::with_network().await;
    let mut manager = app.logged_in("direction.cholet@test.fr").await;
    let form = manager.get("/espace/comptes/nouveau").await;
    form.assert_contains(r#"id="role-mediator" value="mediator" checked"#);
    assert!(
        !form.body.contains("value=\"coordinator\""),
        "not for a structure"
    );

    let mut admin = app.logged_in("admin@test.fr").await;
    // The admin's own organisation is the network: a coordinator's, or an admin's.
    let own = admin.get("/espace/comptes/nouveau").await;
    own.assert_contains(r#"id="role-coordinator" value="coordinator" checked"#);
    assert!(
        !own.body.contains("value=\"mediator\""),
        "no mediator in a network"
    );
    // Choosing a structure first offers the structure's roles, the least powerful chosen.
    let structure = admin
        .get(&format!(
            "/espace/comptes/nouveau?organisation={}",
            net.cholet.id
        ))
        .await;
    structure.assert_contains(r#"id="role-mediator" value="mediator" checked"#);
    structure.assert_contains(&format!(
        r#"<input type="hidden" name="organization_id" value="{}">"#,
        net.cholet.id
    ));
    assert!(!structure.body.contains("value=\"coordinator\""));
    // As it opens, the form is accepted once a name and an address are typed.
    let created = admin
        .post(
            "/espace/comptes",
            &[
                ("display_name", "Lou Martin"),
                ("email", "lou.martin@test.fr"),
                ("role", "mediator"),
                ("organization_id", net.cholet.id.as_str()),
            ],
        )
        .await;
    assert_eq!(created.status, StatusCode::CREATED, "{}", created.body);
}
