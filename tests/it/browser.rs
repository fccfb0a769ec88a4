//! Key journeys in headless Chromium, driven through chromedriver, with an
//! axe-core accessibility check on each page (the harness is
//! `support::browser`).

use std::time::{Duration, Instant};

use fantoccini::Locator;
use fantoccini::key::Key;

use crate::support::browser::Harness;

#[tokio::test(flavor = "multi_thread")]
async fn a_wrong_password_is_explained_then_login_survives_a_reload_and_logout_ends_it() {
    let Some(h) = Harness::start().await else {
        return;
    };
    h.log_in("direction@demo.maille.test", "pas le bon").await;
    let link = h.text_of(".error-summary a[href='#password']").await;
    let focused = h
        .client()
        .execute("return document.activeElement.className;", vec![])
        .await
        .unwrap();
    assert_eq!(focused, "error-summary", "focus lands on the error summary");
    assert!(
        link.contains("Adresse e-mail ou mot de passe incorrect"),
        "{link}"
    );
    let invalid = h.attribute("#password", "aria-invalid").await;
    assert_eq!(invalid.as_deref(), Some("true"));
    h.assert_accessible().await;

    h.log_in("direction@demo.maille.test", "maille-demo").await;
    h.wait_for_path("/espace").await;
    h.client().refresh().await.unwrap();
    assert!(
        h.text_of("h1").await.starts_with("Bonjour"),
        "the session survives a reload"
    );

    h.click("header form button").await;
    h.wait_for_path("/connexion?deconnexion=1").await;
    h.open("/espace").await;
    h.wait_for_path("/connexion").await;
}

#[tokio::test(flavor = "multi_thread")]
async fn the_whole_login_journey_works_with_the_keyboard_only() {
    let Some(h) = Harness::start().await else {
        return;
    };
    h.open("/connexion").await;
    let (_, first) = h.tab().await;
    assert_eq!(first, "Aller au contenu", "the skip link is the first stop");
    let mut focused = String::new();
    for _ in 0..10 {
        focused = h.tab().await.0;
        if focused == "email" {
            break;
        }
    }
    assert_eq!(focused, "email", "Tab reaches the e-mail field");
    let client = h.client();
    client
        .active_element()
        .await
        .unwrap()
        .send_keys("mediation@demo.maille.test")
        .await
        .unwrap();
    assert_eq!(h.tab().await.0, "password");
    let enter: &str = &Key::Enter;
    client
        .active_element()
        .await
        .unwrap()
        .send_keys(&format!("maille-demo{enter}"))
        .await
        .unwrap();
    h.wait_for_path("/espace").await;
    let mut reached_logout = false;
    for _ in 0..10 {
        if h.tab().await.1 == "Se déconnecter" {
            reached_logout = true;
            break;
        }
    }
    assert!(reached_logout, "Tab reaches the logout button");
    client
        .active_element()
        .await
        .unwrap()
        .send_keys(enter)
        .await
        .unwrap();
    h.wait_for_path("/connexion?deconnexion=1").await;
}

#[tokio::test(flavor = "multi_thread")]
async fn an_inhabitant_finds_the_nearest_open_place_for_admin_help_and_prints_it_keyboard_only() {
    let Some(h) = Harness::start().await else {
        return;
    };
    h.open("/").await;
    h.tab_until("the commune field", |id, _, _| id == "q").await;
    h.press("Cholet").await;
    h.tab_until("the filters", |_, text, _| text == "Affiner la recherche")
        .await;
    h.press(&Key::Enter).await;
    h.tab_until("« Aide aux démarches administratives »", |id, _, _| {
        id == "service-1"
    })
    .await;
    h.press(" ").await;
    h.tab_until("« Ouvert maintenant »", |id, _, _| id == "ouvert")
        .await;
    h.press(" ").await;
    h.tab_until("the search button", |_, text, _| text == "Rechercher")
        .await;
    h.press(&Key::Enter).await;
    let start = Instant::now();
    while !h.path().await.starts_with("/lieux?") {
        assert!(start.elapsed() < Duration::from_secs(10), "no results page");
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    let heading = h.text_of("#results-title").await;
    assert!(
        heading.contains("autour de Cholet") || heading.contains("proches de Cholet"),
        "{heading}"
    );
    let results = h.text_of("#results-title + p").await;
    assert!(
        results.contains("Aide aux démarches administratives · Ouvert maintenant"),
        "the ticked criteria are said above the results: {results}"
    );
    h.assert_accessible().await;

    h.tab_until("the nearest place", |_, _, href| {
        href.starts_with("/lieux/")
    })
    .await;
    h.press(&Key::Enter).await;
    let start = Instant::now();
    while !h.path().await.starts_with("/lieux/") {
        assert!(start.elapsed() < Duration::from_secs(10), "no place page");
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    let main = h.text_of("main").await;
    assert!(
        main.contains("Ouvert"),
        "open at the instant asked:\n{main}"
    );
    assert!(
        main.contains("Aide aux démarches administratives"),
        "{main}"
    );
    h.assert_accessible().await;

    let pdf = h
        .client()
        .print(fantoccini::wd::PrintConfiguration::default())
        .await
        .expect("the page prints");
    let text = String::from_utf8_lossy(&pdf);
    let pages = text.matches("/Type /Page").count() - text.matches("/Type /Pages").count();
    assert_eq!(pages, 1, "the place prints on one page");
}

/// Checks the current page as a phone and a laptop show it: axe finds no
/// violation and nothing makes the page scroll sideways.
async fn check_at_both_widths(h: &Harness) {
    for width in [320, 1280] {
        h.set_width(width).await;
        h.assert_no_sideways_scroll().await;
        h.assert_accessible().await;
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn every_page_of_every_role_passes_axe_and_fits_a_320_px_phone() {
    let Some(h) = Harness::start().await else {
        return;
    };
    for path in [
        "/",
        "/?lang=en",
        "/connexion",
        "/page-inexistante",
        "/lieux?q=Cholet&gratuit=1",
        "/lieux?q=Chollet",
        "/lieux?q=Zzyzx",
        "/lieux?q=Cayenne",
        "/lieux/demo-cholet",
        "/lieux/demo-cafe-mobile",
        "/couverture",
        "/couverture?radius_km=5&department=49",
        "/couverture?radius_km=loin",
        "/ateliers",
        "/ateliers?q=Cholet",
        "/ateliers?q=Zzyzx",
        "/rendez-vous?q=Cholet",
        "/lieux/demo-cholet/rendez-vous",
        "/lieux/demo-cholet/rendez-vous?jour=2030-01-01",
        "/structures/centre-social-du-val-de-moine-cholet/demande-materiel",
    ] {
        h.open(path).await;
        check_at_both_widths(&h).await;
    }
    let pages: [(&str, &[&str]); 4] = [
        (
            "direction@demo.maille.test",
            &[
                "/espace",
                "/espace/comptes",
                "/espace/comptes/nouveau",
                "/espace/journal",
                "/espace/mot-de-passe",
                "/espace/lieux",
                "/espace/lieux/nouveau",
                "/espace/lieux/demo-cholet",
                "/espace/lieux/demo-cafe-mobile/haltes",
                "/espace/ateliers",
                "/espace/rendez-vous",
                "/espace/messages",
            ],
        ),
        (
            "mediation@demo.maille.test",
            &[
                "/espace",
                "/espace/mot-de-passe",
                "/espace/activites",
                "/espace/activites/nouvelle",
                "/espace/personnes",
                "/espace/personnes/nouvelle",
                "/espace/chiffres",
                "/espace/jetons",
                "/espace/ateliers",
                "/espace/ateliers/formats/nouveau",
                "/espace/ateliers/seances/nouvelle",
                "/espace/rendez-vous",
                "/espace/messages",
                "/espace/materiel",
                "/espace/materiel/dons/nouveau",
                "/espace/materiel/impact",
                "/espace/materiel/demandes",
                "/espace/materiel/demandes/nouvelle",
                "/espace/materiel/criteres",
                "/espace/materiel/internet",
            ],
        ),
        (
            "admin@demo.maille.test",
            &[
                "/espace",
                "/espace/organisations",
                "/espace/comptes",
                "/espace/comptes/nouveau",
                "/espace/journal",
                "/espace/lieux?recherche=angers",
            ],
        ),
        (
            "coordination@demo.maille.test",
            &[
                "/espace",
                "/espace/reseau",
                "/espace/comptes",
                "/espace/lieux",
                "/espace/lieux/import",
                "/couverture",
                "/espace/chiffres",
                "/espace/materiel/impact",
            ],
        ),
    ];
    for (email, paths) in pages {
        h.set_width(1280).await;
        h.log_in(email, "maille-demo").await;
        h.wait_for_path("/espace").await;
        for path in paths {
            h.open(path).await;
            check_at_both_widths(&h).await;
        }
        if email.starts_with("coordination") {
            // The report of an import, with refused rows, chosen by the file input.
            let file =
                std::env::temp_dir().join(format!("maille-axe-{}.csv", uuid::Uuid::now_v7()));
            std::fs::write(
                &file,
                format!("{}\nsans,pivot\n", maille::places::COLUMNS.join(",")),
            )
            .unwrap();
            h.open("/espace/lieux/import").await;
            h.client()
                .find(Locator::Css("#fichier"))
                .await
                .unwrap()
                .send_keys(file.to_str().unwrap())
                .await
                .unwrap();
            h.click("main form button[type=submit]").await;
            let report = h.text_of("#report-title").await;
            assert!(report.contains("Import de"), "{report}");
            check_at_both_widths(&h).await;
            let _ = std::fs::remove_file(file);
        }
        // Error pages show the public header: log out from the staff home.
        h.set_width(1280).await;
        h.open("/espace").await;
        h.click("header form button").await;
        h.wait_for_path("/connexion?deconnexion=1").await;
    }
    // A refused form, with its error summary.
    h.log_in("direction@demo.maille.test", "maille-demo").await;
    h.wait_for_path("/espace").await;
    // A destructive action's question, asked on a page of its own.
    h.open("/espace/comptes").await;
    h.client()
        .find(Locator::XPath("//a[contains(., 'Inès Bouvier')]"))
        .await
        .expect("the mediator's account")
        .click()
        .await
        .unwrap();
    h.click("form[action$='/activation'] button").await;
    h.wait_for_text("main h1", "Désactiver le compte de").await;
    check_at_both_widths(&h).await;
    h.set_width(1280).await;
    h.open("/espace/comptes/nouveau").await;
    h.click("main form button[type=submit]").await;
    h.text_of(".error-summary").await;
    check_at_both_widths(&h).await;
}

#[tokio::test(flavor = "multi_thread")]
async fn a_visitor_switches_to_english_with_the_link_and_searches_in_english() {
    let Some(h) = Harness::start().await else {
        return;
    };
    h.open("/").await;
    h.client()
        .find(Locator::LinkText("English"))
        .await
        .expect("the language link")
        .click()
        .await
        .unwrap();
    h.wait_for_path("/?lang=en").await;
    assert_eq!(
        h.text_of("h1").await,
        "Maille: help with digital tools near you"
    );
    let lang = h.attribute("html", "lang").await;
    assert_eq!(lang.as_deref(), Some("en"));
    h.assert_accessible().await;
    // Without JavaScript, « Around me » must stay hidden: the stylesheet's
    // buttons must not override the `hidden` attribute it starts with.
    let display = h
        .client()
        .execute(
            "const b = document.createElement('button'); b.hidden = true; \
             document.body.appendChild(b); return getComputedStyle(b).display;",
            vec![],
        )
        .await
        .unwrap();
    assert_eq!(display, "none");
    h.type_into("#q", "Cholet").await;
    h.click("form.search button[type=submit]").await;
    h.wait_for_path("/lieux?lang=en&q=Cholet").await;
    let heading = h.text_of("#results-title").await;
    assert!(
        heading.contains("around Cholet (49300)") || heading.contains("nearest to Cholet"),
        "{heading}"
    );
    h.assert_accessible().await;
    // The chosen language follows the person to a place's page.
    h.click("ol.results h3 a").await;
    let start = Instant::now();
    while !h.path().await.starts_with("/lieux/") {
        assert!(start.elapsed() < Duration::from_secs(10), "no place page");
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    assert!(h.path().await.ends_with("lang=en"), "{}", h.path().await);
    assert_eq!(h.text_of("main h2").await, "Address");
    h.assert_accessible().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn a_manager_sets_the_weeks_hours_with_the_grid_keyboard_only_on_a_phone() {
    let Some(h) = Harness::start().await else {
        return;
    };
    h.log_in("direction@demo.maille.test", "maille-demo").await;
    h.wait_for_path("/espace").await;
    h.set_width(320).await;
    h.open("/espace/lieux/demo-cholet").await;
    h.assert_no_sideways_scroll().await;
    h.assert_accessible().await;
    // The demo's hours fill the grid: Saturday morning only.
    let saturday = h.attribute("#horaires-sa-1-debut", "value").await;
    assert_eq!(saturday.as_deref(), Some("09:00"));
    // Start from Saturday's first range, as the twenty fields above it
    // would take twenty presses of Tab.
    h.client()
        .execute(
            "document.getElementById('horaires-sa-1-fin').focus();",
            vec![],
        )
        .await
        .unwrap();
    h.tab_until("Saturday's second range", |id, _, _| {
        id == "horaires-sa-2-debut"
    })
    .await;
    h.press("1400").await;
    h.tab_until("its end", |id, _, _| id == "horaires-sa-2-fin")
        .await;
    h.press("1700").await;
    h.tab_until("the first closure", |id, _, _| {
        id == "horaires-fermeture-1-du"
    })
    .await;
    h.press(&h.date_keys(1, 8, 2027).await).await;
    h.tab_until("its last day", |id, _, _| id == "horaires-fermeture-1-au")
        .await;
    h.press(&h.date_keys(23, 8, 2027).await).await;
    // Enter in a field submits the form, as it does for anyone typing.
    h.press(&Key::Enter).await;
    h.wait_for_path("/espace/lieux").await;
    h.open("/lieux/demo-cholet").await;
    let hours = h.text_of("#horaires").await;
    assert!(
        hours.contains("samedi : 9 h – 12 h, 14 h – 17 h"),
        "{hours}"
    );
    assert!(
        hours.contains("fermé du 1er août 2027 au 23 août 2027"),
        "{hours}"
    );
    h.set_width(1280).await;
    h.open("/espace/lieux/demo-cholet").await;
    h.assert_no_sideways_scroll().await;
    h.assert_accessible().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn an_inhabitant_types_an_address_and_gets_distances_from_it_keyboard_only_on_a_phone() {
    let Some(h) = Harness::start_with_addresses().await else {
        return;
    };
    h.set_width(320).await;
    h.open("/").await;
    let hint = h.text_of("#q-hint").await;
    assert!(hint.contains("12 rue Nationale Cholet"), "{hint}");
    h.tab_until("the search field", |id, _, _| id == "q").await;
    h.press("12 rue Nationale Cholet").await;
    h.press(&Key::Enter).await;
    let heading = h.text_of("#results-title").await;
    assert!(
        heading.contains("du 12 Rue Nationale, 49300 Cholet"),
        "{heading}"
    );
    h.assert_no_sideways_scroll().await;
    h.assert_accessible().await;
    h.set_width(1280).await;
    h.assert_no_sideways_scroll().await;
    h.assert_accessible().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn a_misspelled_commune_leads_to_results_in_one_click_keyboard_only() {
    let Some(h) = Harness::start().await else {
        return;
    };
    h.set_width(320).await;
    h.open("/").await;
    h.tab_until("the search field", |id, _, _| id == "q").await;
    h.press("Chollet").await;
    h.press(&Key::Enter).await;
    h.text_of("#q-error").await;
    h.assert_no_sideways_scroll().await;
    h.assert_accessible().await;
    h.tab_until("the suggestion « Cholet »", |_, text, _| {
        text.starts_with("Cholet (")
    })
    .await;
    h.press(&Key::Enter).await;
    let heading = h.text_of("#results-title").await;
    assert!(heading.contains("Cholet (49300)"), "{heading}");
    h.assert_accessible().await;
}
