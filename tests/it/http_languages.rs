//! Public pages and API messages in French or English: chosen with the
//! link every public page shows (kept in links and forms, no cookie), else
//! by the browser's Accept-Language; French by default.

use axum::http::{StatusCode, header};

use crate::support::TestApp;

const ENGLISH: &[(&str, &str)] = &[("accept-language", "en-GB,en;q=0.9")];

#[tokio::test]
async fn an_english_browser_gets_the_home_page_in_english_with_a_link_back_to_french() {
    let app = TestApp::new().await;
    let page = app.visitor().get_with("/", ENGLISH).await;
    assert_eq!(page.status, StatusCode::OK);
    page.assert_contains("<html lang=\"en\" dir=\"ltr\">");
    page.assert_contains("<h1>Maille: help with digital tools near you</h1>");
    page.assert_contains("<label for=\"q\">Commune, postcode or address</label>");
    page.assert_contains("<a href=\"/?lang=fr\" lang=\"fr\" hreflang=\"fr\">Français</a>");
    // Chosen by the browser, so links need not say it.
    page.assert_contains("<a href=\"/couverture\">Coverage</a>");
    let vary: Vec<&str> = page
        .headers
        .get_all(header::VARY)
        .iter()
        .map(|v| v.to_str().unwrap())
        .collect();
    assert!(vary.contains(&"accept-language"), "{vary:?}");
    assert_eq!(page.headers[header::CONTENT_LANGUAGE], "en");
    assert!(page.set_cookies().is_empty(), "no cookie for a visitor");
}

#[tokio::test]
async fn french_is_the_default_and_offers_english() {
    let app = TestApp::new().await;
    for accept in [None, Some("de-DE,de;q=0.9")] {
        let headers: Vec<(&str, &str)> =
            accept.map(|a| ("accept-language", a)).into_iter().collect();
        let page = app.visitor().get_with("/", &headers).await;
        page.assert_contains("<html lang=\"fr\" dir=\"ltr\">");
        page.assert_contains("<a href=\"/?lang=en\" lang=\"en\" hreflang=\"en\">English</a>");
    }
}

#[tokio::test]
async fn english_chosen_with_the_link_stays_in_every_link_and_form_of_a_search() {
    let app = TestApp::with_demo_places().await;
    // A French browser whose visitor chose English.
    let page = app
        .visitor()
        .get_with("/lieux?q=Cholet&lang=en", &[("accept-language", "fr")])
        .await;
    page.assert_contains("<html lang=\"en\"");
    page.assert_contains("The 100 places nearest to Cholet (49300)");
    page.assert_contains("<input type=\"hidden\" name=\"lang\" value=\"en\">");
    page.assert_contains(" m away</strong>");
    page.assert_contains("<a href=\"/couverture?lang=en\">Coverage</a>");
    page.assert_contains("Page 1 of 10");
    let place_links: Vec<&str> = page
        .body
        .match_indices("<h3><a href=\"/lieux/")
        .map(|(i, _)| &page.body[i..i + page.body[i..].find("\">").unwrap() + 1])
        .collect();
    assert_eq!(place_links.len(), 10);
    for link in place_links {
        assert!(link.ends_with("lang=en\""), "{link}");
    }
    assert!(
        page.body.contains("&#38;lang=en\" rel=\"next\""),
        "the next page keeps English"
    );
    page.assert_contains(
        "<a href=\"/lieux?q=Cholet&#38;lang=fr\" lang=\"fr\" hreflang=\"fr\">Français</a>",
    );
    let place = app.visitor().get("/lieux/demo-cafe-mobile?lang=en").await;
    place.assert_contains("<h2>Opening hours</h2>");
    place.assert_contains("Help with online administrative procedures");
    place.assert_contains("<a href=\"/lieux?lang=en\">New search</a>");
}

#[tokio::test]
async fn the_same_search_is_answered_in_each_browsers_language_even_from_memory() {
    let app = TestApp::with_demo_places().await;
    let french = app.visitor().get("/lieux?q=Angers").await;
    let english = app.visitor().get_with("/lieux?q=Angers", ENGLISH).await;
    let french_again = app.visitor().get("/lieux?q=Angers").await;
    french.assert_contains("Les 100 lieux les plus proches d’Angers (49000)");
    english.assert_contains("The 100 places nearest to Angers (49000)");
    assert_eq!(french.body, french_again.body);
}

#[tokio::test]
async fn error_pages_and_api_problems_speak_the_browsers_language() {
    let app = TestApp::new().await;
    let page = app.visitor().get_with("/nulle-part", ENGLISH).await;
    assert_eq!(page.status, StatusCode::NOT_FOUND);
    page.assert_contains("<h1>Page not found</h1>");
    let problem = app
        .visitor()
        .get_with("/api/v1/places?lat=abc&lon=1", ENGLISH)
        .await;
    let json = problem.json();
    assert_eq!(json["title"], "Invalid parameters");
    let message = json["errors"][0]["message"].as_str().unwrap();
    assert!(
        message.starts_with("A number between -90 and 90"),
        "{message}"
    );
    let french = app
        .visitor()
        .get("/api/v1/places?lat=abc&lon=1")
        .await
        .json();
    assert_eq!(french["title"], "Paramètres invalides");
}

#[tokio::test]
async fn staff_pages_stay_in_french_whatever_the_browser_asks() {
    let (app, _) = TestApp::with_network().await;
    let mut manager = app.logged_in("direction.cholet@test.fr").await;
    let page = manager.get_with("/espace/lieux?lang=en", ENGLISH).await;
    page.assert_contains("<html lang=\"fr\" dir=\"ltr\">");
    assert!(
        !page.body.contains("hreflang"),
        "no language link yet on staff pages"
    );
}

#[tokio::test]
async fn the_login_form_keeps_a_chosen_language_and_its_errors_speak_it() {
    let (app, _) = TestApp::with_network().await;
    let mut visitor = app.visitor();
    let form = visitor.get("/connexion?lang=en").await;
    form.assert_contains("<form method=\"post\" action=\"/connexion?lang=en\"");
    form.assert_contains("<h1>Log in to the staff area</h1>");
    let token = form.csrf_token().unwrap();
    let refused = visitor
        .post(
            "/connexion?lang=en",
            &[
                ("csrf_token", &token),
                ("email", "pas-une-adresse"),
                ("password", "x"),
            ],
        )
        .await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    refused.assert_contains("Enter a valid e-mail address");
    refused.assert_contains("<span class=\"visually-hidden\">Error: </span>");
}
