//! Logging in and out, lockout, CSRF and session behaviour, through the router.

use std::net::IpAddr;

use axum::http::StatusCode;
use maille::journal::store::{self as journal_store, Scope};

use crate::support::{Network, PASSWORD, TestApp};

#[tokio::test]
async fn a_person_logs_in_and_reaches_their_space_with_a_protected_session_cookie() {
    let (app, net) = TestApp::with_network().await;
    let mut browser = app.visitor();
    let page = browser.log_in("Direction.Cholet@test.fr", PASSWORD).await;
    assert_eq!(page.status, StatusCode::SEE_OTHER);
    assert_eq!(page.location(), Some("/espace"));
    let cookie = page
        .set_cookies()
        .into_iter()
        .find(|c| c.starts_with("maille_session="))
        .expect("session cookie");
    assert!(
        cookie.contains("HttpOnly") && cookie.contains("SameSite=Lax"),
        "{cookie}"
    );
    assert!(!cookie.contains("Secure"), "plain http in tests: {cookie}");
    let space = browser.get("/espace").await;
    space.assert_contains(&format!("Bonjour {}", net.manager_cholet.display_name));
    space.assert_contains("Centre social Cholet");
    space.assert_contains("Se déconnecter");
    // Staff keep the public pages one click away.
    space.assert_contains("<a href=\"/lieux\">Trouver un lieu</a>");
    space.assert_contains("<a href=\"/couverture\">Couverture</a>");
}

#[tokio::test]
async fn behind_an_https_address_the_session_cookie_is_secure() {
    let app = TestApp::with(|c| c.public_url = Some("https://maille.example.org".into())).await;
    Network::create(app.conn()).await;
    let mut browser = app.visitor();
    let login = browser.get("/connexion").await;
    assert!(login.set_cookies()[0].contains("Secure"));
    let page = browser
        .post(
            "/connexion",
            &[
                ("email", "direction.cholet@test.fr"),
                ("password", PASSWORD),
            ],
        )
        .await;
    let cookie = page
        .set_cookies()
        .into_iter()
        .find(|c| c.starts_with("maille_session="))
        .unwrap();
    assert!(cookie.contains("Secure"), "{cookie}");
}

#[tokio::test]
async fn a_wrong_password_shows_a_french_error_linked_to_the_password_field() {
    let (app, _) = TestApp::with_network().await;
    let mut browser = app.visitor();
    let page = browser
        .log_in("direction.cholet@test.fr", "pas le bon mot de passe")
        .await;
    assert_eq!(page.status, StatusCode::UNPROCESSABLE_ENTITY);
    page.assert_contains("role=\"alert\"");
    page.assert_contains("<a href=\"#password\">Adresse e-mail ou mot de passe incorrect.");
    page.assert_contains("aria-describedby=\"password-error\"");
    page.assert_contains("value=\"direction.cholet@test.fr\"");
    assert!(browser.cookie_names().iter().all(|c| c != "maille_session"));
}

#[tokio::test]
async fn an_unknown_address_gets_exactly_the_answer_of_a_wrong_password() {
    let (app, _) = TestApp::with_network().await;
    let unknown = app.visitor().log_in("personne@test.fr", PASSWORD).await;
    let wrong = app
        .visitor()
        .log_in("direction.cholet@test.fr", "mauvais mot de passe")
        .await;
    assert_eq!(unknown.status, wrong.status);
    unknown.assert_contains("Adresse e-mail ou mot de passe incorrect.");
}

#[tokio::test]
async fn a_malformed_address_is_refused_on_the_email_field_and_kept_for_correction() {
    let app = TestApp::new().await;
    let page = app.visitor().log_in("direction.cholet-test.fr", "").await;
    assert_eq!(page.status, StatusCode::UNPROCESSABLE_ENTITY);
    page.assert_contains("<a href=\"#email\">Saisissez une adresse e-mail valide");
    page.assert_contains("<a href=\"#password\">Saisissez votre mot de passe.");
    page.assert_contains("value=\"direction.cholet-test.fr\"");
}

#[tokio::test]
async fn logging_in_again_gives_a_new_session_id() {
    let (app, _) = TestApp::with_network().await;
    let mut browser = app.visitor();
    let first = browser
        .log_in("direction.cholet@test.fr", PASSWORD)
        .await
        .set_cookies();
    let second = browser
        .log_in("direction.cholet@test.fr", PASSWORD)
        .await
        .set_cookies();
    let session = |cookies: Vec<String>| {
        cookies
            .into_iter()
            .find(|c| c.starts_with("maille_session="))
            .unwrap()
    };
    assert_ne!(session(first), session(second));
}

#[tokio::test]
async fn a_stranger_guessing_a_password_never_locks_its_owner_out() {
    let (app, _) = TestApp::with_network().await;
    // The mediator logged in once from her browser, which Maille now knows.
    let mut owner = app.logged_in("mediation.cholet@test.fr").await;
    owner.end_session();
    // Someone else guesses, from many addresses and in upper case.
    for n in 1..=5u8 {
        let mut stranger = app.visitor_from(IpAddr::from([203, 0, 113, n]));
        let page = stranger
            .log_in("MEDIATION.Cholet@test.fr", "essai au hasard")
            .await;
        assert_eq!(page.status, StatusCode::UNPROCESSABLE_ENTITY, "guess {n}");
    }
    // The sixth guess, from yet another address, is not even checked.
    let sixth = app
        .visitor_from(IpAddr::from([203, 0, 113, 6]))
        .log_in("mediation.cholet@test.fr", "encore un essai")
        .await;
    assert_eq!(sixth.status, StatusCode::TOO_MANY_REQUESTS);
    // A new browser must now wait, however right its password…
    let mut new_browser = app.visitor();
    let resting = new_browser
        .log_in("mediation.cholet@test.fr", PASSWORD)
        .await;
    assert_eq!(resting.status, StatusCode::TOO_MANY_REQUESTS);
    resting.assert_contains("Trop d’essais ont échoué pour ce compte");
    resting.assert_contains("navigateur où vous vous êtes déjà connecté·e");
    let retry_after: u64 = resting.headers["retry-after"]
        .to_str()
        .unwrap()
        .parse()
        .unwrap();
    assert!((1..=120).contains(&retry_after), "{retry_after}");
    // …but its owner's browser gets in at once, and is told what happened.
    let back = owner.log_in("mediation.cholet@test.fr", PASSWORD).await;
    assert_eq!(back.status, StatusCode::SEE_OTHER, "{}", back.body);
    owner.get("/espace").await.assert_contains(
        "5 tentatives de connexion à votre compte ont échoué depuis votre dernière connexion",
    );
    // Another account is not concerned.
    let other = app
        .visitor()
        .log_in("direction.cholet@test.fr", PASSWORD)
        .await;
    assert_eq!(other.status, StatusCode::SEE_OTHER);
    let (entries, _) = journal_store::list(app.conn(), &Scope::All, 0, 30)
        .await
        .unwrap();
    let events: Vec<_> = entries.iter().map(|e| e.event_code.as_str()).collect();
    assert!(
        events.contains(&"account_locked") && events.contains(&"login_refused_locked"),
        "{events:?}"
    );
    assert!(
        entries
            .iter()
            .any(|e| e.detail.contains("depuis 203.0.113."))
    );
}

#[tokio::test]
async fn an_address_that_keeps_guessing_is_refused_while_others_log_in() {
    let (app, _) = TestApp::with_network().await;
    let guesser = IpAddr::from([203, 0, 113, 9]);
    let now = std::time::Instant::now();
    // Nineteen failures already recorded from this address, against any accounts.
    for _ in 0..19 {
        app.state().login_failures.record(guesser, now);
    }
    let mut browser = app.visitor_from(guesser);
    let last = browser.log_in("personne@test.fr", "essai").await;
    assert_eq!(last.status, StatusCode::UNPROCESSABLE_ENTITY);
    let refused = browser.log_in("direction.cholet@test.fr", PASSWORD).await;
    assert_eq!(refused.status, StatusCode::TOO_MANY_REQUESTS);
    refused.assert_contains("depuis votre connexion à internet");
    assert!(refused.headers.contains_key("retry-after"));
    let elsewhere = app
        .visitor()
        .log_in("direction.cholet@test.fr", PASSWORD)
        .await;
    assert_eq!(elsewhere.status, StatusCode::SEE_OTHER);
    let (entries, _) = journal_store::list(app.conn(), &Scope::All, 0, 30)
        .await
        .unwrap();
    assert!(
        entries
            .iter()
            .any(|e| e.event_code == "address_blocked" && e.subject == "203.0.113.9"),
        "the block is journaled"
    );
}

#[tokio::test]
async fn too_many_login_posts_from_one_address_get_429_with_retry_after() {
    let app = TestApp::with(|c| c.login_posts_per_minute = 3).await;
    Network::create(app.conn()).await;
    let mut browser = app.visitor();
    for _ in 0..3 {
        let page = browser.log_in("personne@test.fr", "essai").await;
        assert_eq!(page.status, StatusCode::UNPROCESSABLE_ENTITY);
    }
    let page = browser.log_in("personne@test.fr", "essai").await;
    assert_eq!(page.status, StatusCode::TOO_MANY_REQUESTS);
    page.assert_contains("<h1>Trop de demandes</h1>");
    let retry_after: u64 = page.headers["retry-after"]
        .to_str()
        .unwrap()
        .parse()
        .unwrap();
    assert!((1..=20).contains(&retry_after), "{retry_after}");
    assert_eq!(
        app.visitor()
            .log_in("direction.cholet@test.fr", PASSWORD)
            .await
            .status,
        StatusCode::SEE_OTHER,
        "another address is not limited"
    );
}

#[tokio::test]
async fn logging_out_ends_the_session_for_good() {
    let (app, _) = TestApp::with_network().await;
    let mut browser = app.logged_in("direction.cholet@test.fr").await;
    browser.get("/espace").await;
    let page = browser.post("/deconnexion", &[]).await;
    assert_eq!(page.location(), Some("/connexion?deconnexion=1"));
    let again = browser.get("/espace").await;
    assert_eq!(
        (again.status, again.location()),
        (StatusCode::SEE_OTHER, Some("/connexion"))
    );
    browser
        .get("/connexion?deconnexion=1")
        .await
        .assert_contains("Vous êtes déconnecté·e.");
}

#[tokio::test]
async fn staff_pages_send_anonymous_visitors_to_the_login_page() {
    let app = TestApp::new().await;
    let mut visitor = app.visitor();
    for path in [
        "/espace",
        "/espace/comptes",
        "/espace/journal",
        "/espace/organisations",
        "/espace/reseau",
        "/espace/mot-de-passe",
    ] {
        let page = visitor.get(path).await;
        assert_eq!(
            (page.status, page.location()),
            (StatusCode::SEE_OTHER, Some("/connexion")),
            "{path}"
        );
    }
}

#[tokio::test]
async fn the_login_page_lists_the_demo_accounts_only_in_demo_mode() {
    let normal = TestApp::new().await;
    let page = normal.visitor().get("/connexion").await;
    assert!(!page.body.contains("demo.maille.test") && !page.body.contains("maille-demo"));
    let demo = TestApp::with(|c| c.demo = true).await;
    let page = demo.visitor().get("/connexion").await;
    page.assert_contains("Comptes de démonstration");
    page.assert_contains("mediation.angers@demo.maille.test");
}

#[tokio::test]
async fn a_post_without_a_csrf_token_is_refused_with_a_french_403() {
    let (app, _) = TestApp::with_network().await;
    let mut browser = app.visitor();
    browser.get("/connexion").await;
    let body = "email=direction.cholet%40test.fr&password=mot+de+passe+de+test".to_owned();
    let page = browser.post_raw("/connexion", body, &[]).await;
    assert_eq!(page.status, StatusCode::FORBIDDEN);
    page.assert_contains("<h1>Formulaire expiré</h1>");
}

#[tokio::test]
async fn a_post_with_a_wrong_csrf_token_is_refused() {
    let (app, _) = TestApp::with_network().await;
    let mut browser = app.logged_in("direction.cholet@test.fr").await;
    let page = browser
        .post(
            "/espace/mot-de-passe",
            &[
                ("csrf_token", "0123456789abcdef0123456789abcdef"),
                ("current_password", PASSWORD),
            ],
        )
        .await;
    assert_eq!(page.status, StatusCode::FORBIDDEN);
    let page = browser.post("/deconnexion", &[("csrf_token", "")]).await;
    assert_eq!(page.status, StatusCode::FORBIDDEN);
    assert_eq!(
        browser.get("/espace").await.status,
        StatusCode::OK,
        "still logged in"
    );
}

#[tokio::test]
async fn a_planted_login_cookie_opens_no_form_but_the_login_form() {
    let (app, _) = TestApp::with_network().await;
    let mut browser = app.logged_in("direction.cholet@test.fr").await;
    // A neighbour site can plant a cookie; its token must not pass for the session's.
    let planted = "0123456789abcdef0123456789abcdef";
    let cookie = format!("maille_csrf={planted}");
    let body = format!(
        "csrf_token={planted}&current_password=mot+de+passe+de+test&new_password=un+nouveau+mot+de+passe&confirmation=un+nouveau+mot+de+passe"
    );
    let page = browser
        .post_raw("/espace/mot-de-passe", body, &[("cookie", &cookie)])
        .await;
    assert_eq!(page.status, StatusCode::FORBIDDEN);
    page.assert_contains("<h1>Formulaire expiré</h1>");
    let mut stranger = app.visitor();
    let body = format!(
        "csrf_token={planted}&email=direction.cholet%40test.fr&password=mot+de+passe+de+test"
    );
    let login = stranger
        .post_raw("/connexion", body, &[("cookie", &cookie)])
        .await;
    assert_eq!(
        login.status,
        StatusCode::SEE_OTHER,
        "the login form takes its own cookie"
    );
}

#[tokio::test]
async fn a_post_from_another_site_is_refused_even_with_the_right_token() {
    let (app, _) = TestApp::with_network().await;
    let mut browser = app.visitor();
    let token = browser.get("/connexion").await.csrf_token().unwrap();
    let body = format!(
        "csrf_token={token}&email=direction.cholet%40test.fr&password=mot+de+passe+de+test"
    );
    let page = browser
        .post_raw(
            "/connexion",
            body.clone(),
            &[("origin", "https://ailleurs.example")],
        )
        .await;
    assert_eq!(page.status, StatusCode::FORBIDDEN);
    let page = browser
        .post_raw("/connexion", body, &[("origin", "http://localhost")])
        .await;
    assert_eq!(
        page.status,
        StatusCode::SEE_OTHER,
        "the same request from this site passes"
    );
}

#[tokio::test]
async fn a_deactivated_account_cannot_log_in_and_its_open_session_ends() {
    let (app, net) = TestApp::with_network().await;
    let mut mediator = app.logged_in("mediation.cholet@test.fr").await;
    maille::accounts::store::set_active(app.conn(), &net.mediator_cholet.id, false)
        .await
        .unwrap();
    assert_eq!(mediator.get("/espace").await.location(), Some("/connexion"));
    let page = app
        .visitor()
        .log_in("mediation.cholet@test.fr", PASSWORD)
        .await;
    assert_eq!(page.status, StatusCode::UNPROCESSABLE_ENTITY);
}

#[tokio::test]
async fn changing_ones_password_ends_other_sessions_but_keeps_this_one() {
    let (app, _) = TestApp::with_network().await;
    let mut here = app.logged_in("mediation.cholet@test.fr").await;
    let mut elsewhere = app.logged_in("mediation.cholet@test.fr").await;
    here.get("/espace/mot-de-passe").await;
    let refused = here
        .post(
            "/espace/mot-de-passe",
            &[
                ("current_password", "faux"),
                ("new_password", "court"),
                ("confirmation", "autre"),
            ],
        )
        .await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    refused.assert_contains("<a href=\"#current_password\">Le mot de passe actuel est incorrect.");
    refused.assert_contains(
        "<a href=\"#new_password\">Le mot de passe doit contenir au moins 12 caractères.",
    );
    let new = "une phrase de passe neuve";
    let mismatch = here
        .post(
            "/espace/mot-de-passe",
            &[
                ("current_password", PASSWORD),
                ("new_password", new),
                ("confirmation", "une autre phrase"),
            ],
        )
        .await;
    mismatch.assert_contains(
        "<a href=\"#confirmation\">Les deux mots de passe ne sont pas identiques.",
    );
    let done = here
        .post(
            "/espace/mot-de-passe",
            &[
                ("current_password", PASSWORD),
                ("new_password", new),
                ("confirmation", new),
            ],
        )
        .await;
    assert_eq!(done.location(), Some("/espace"));
    here.get("/espace")
        .await
        .assert_contains("Votre mot de passe a été modifié.");
    assert_eq!(
        elsewhere.get("/espace").await.location(),
        Some("/connexion")
    );
    assert_eq!(
        app.visitor()
            .log_in("mediation.cholet@test.fr", new)
            .await
            .status,
        StatusCode::SEE_OTHER
    );
}

#[tokio::test]
async fn browsing_staff_pages_rewrites_no_session_when_nothing_changed() {
    let (app, _) = TestApp::with_network().await;
    let mut browser = app.logged_in("direction.cholet@test.fr").await;
    for path in ["/espace", "/espace/comptes", "/espace/journal"] {
        let page = browser.get(path).await;
        assert_eq!(page.status, StatusCode::OK);
        assert!(
            page.set_cookies().is_empty(),
            "{path} rewrote the session: {:?}",
            page.set_cookies()
        );
    }
}
