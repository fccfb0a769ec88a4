//! Mediation journeys in headless Chromium, keyboard only, on a phone's
//! width, axe-checked: a mediator records an activity from the staff home
//! with the form's defaults; a person's page and its chart; the figures.

use fantoccini::Locator;
use fantoccini::key::Key;

use crate::support::browser::Harness;

#[tokio::test(flavor = "multi_thread")]
async fn a_mediator_records_an_individual_activity_from_the_staff_home_in_few_interactions() {
    let Some(h) = Harness::start().await else {
        return;
    };
    h.set_width(360).await;
    h.log_in("mediation@demo.maille.test", "maille-demo").await;
    h.wait_for_path("/espace").await;
    h.assert_accessible().await;
    // Interactions: what the person chooses or presses, not the Tabs between.
    let mut interactions = 0;
    h.tab_until("the link to record an activity", |_, _, href| {
        href.ends_with("/espace/activites/nouvelle")
    })
    .await;
    h.press(&Key::Enter).await;
    interactions += 1;
    h.wait_for_path("/espace/activites/nouvelle").await;
    h.assert_no_sideways_scroll().await;
    h.assert_accessible().await;
    h.tab_until("the e-mail theme", |id, _, _| id == "theme-Email")
        .await;
    h.press(" ").await;
    interactions += 1;
    h.tab_until("the submit button", |_, text, _| {
        text.contains("Enregistrer l’activité")
    })
    .await;
    h.press(&Key::Enter).await;
    interactions += 1;
    h.wait_for_path("/espace/activites").await;
    assert!(interactions <= 8, "{interactions} interactions");
    let flash = h.text_of("main").await;
    assert!(flash.contains("L’activité a été enregistrée"), "{flash}");
    let first = h.text_of("#activities-caption + thead + tbody tr").await;
    assert!(
        first.contains("E-mail") && first.contains("Inès Bouvier"),
        "{first}"
    );
    h.assert_no_sideways_scroll().await;
    h.assert_accessible().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn a_persons_page_shows_their_progress_as_a_chart_and_a_table() {
    let Some(h) = Harness::start().await else {
        return;
    };
    h.set_width(320).await;
    h.log_in("mediation@demo.maille.test", "maille-demo").await;
    h.wait_for_path("/espace").await;
    h.open("/espace/personnes").await;
    h.assert_accessible().await;
    h.tab_until("Awa's record", |_, text, href| {
        text == "Awa" && href.contains("/espace/personnes/")
    })
    .await;
    h.press(&Key::Enter).await;
    let heading = h.text_of("main h1").await;
    assert!(heading.starts_with("Awa"), "{heading}");
    let chart = h
        .client()
        .find(Locator::Css("figure svg.chart"))
        .await
        .expect("the chart");
    let label = chart.attr("aria-label").await.unwrap().unwrap_or_default();
    assert!(label.contains("Progression"), "{label}");
    let table = h
        .text_of("#skills-caption + figure + p + div table, #skills-caption ~ div table")
        .await;
    assert!(table.contains("2.1 Interagir"), "{table}");
    h.assert_no_sideways_scroll().await;
    h.assert_accessible().await;
    h.open(&format!("{}/resume", h.path().await)).await;
    h.assert_accessible().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn the_structures_figures_and_the_networks_figures_read_as_charts_and_tables() {
    let Some(h) = Harness::start().await else {
        return;
    };
    for (email, words) in [
        (
            "direction@demo.maille.test",
            "Les activités de votre structure",
        ),
        (
            "coordination@demo.maille.test",
            "structures de votre réseau",
        ),
    ] {
        h.set_width(1280).await;
        h.log_in(email, "maille-demo").await;
        h.wait_for_path("/espace").await;
        h.open("/espace/chiffres").await;
        let text = h.text_of("main").await;
        assert!(text.contains(words), "{text}");
        assert!(
            text.contains("Par thème") && text.contains("Suivi dans le temps"),
            "{text}"
        );
        h.assert_accessible().await;
        h.set_width(320).await;
        h.assert_no_sideways_scroll().await;
        h.assert_accessible().await;
        h.set_width(1280).await;
        h.open("/espace").await;
        h.click("header form button").await;
        h.wait_for_path("/connexion?deconnexion=1").await;
    }
}
