//! Workshop journeys in headless Chromium, keyboard only, on a phone's
//! width, axe-checked: an inhabitant of a village finds the mobile café's
//! next workshop, registers with a phone number and cancels from the link;
//! a mediator takes attendance on a phone and finds the activity recorded.

use fantoccini::key::Key;

use crate::support::browser::Harness;

#[tokio::test(flavor = "multi_thread")]
async fn an_inhabitant_registers_to_the_mobile_cafes_workshop_and_cancels_from_the_link() {
    let Some(h) = Harness::start().await else {
        return;
    };
    h.set_width(360).await;
    h.open("/ateliers").await;
    h.assert_accessible().await;
    h.tab_until("the commune input", |id, _, _| id == "q").await;
    h.press("Beaupréau").await;
    h.press(&Key::Enter).await;
    let results = h.text_of("main").await;
    assert!(
        results.contains("Premiers pas sur le smartphone"),
        "{results}"
    );
    h.assert_no_sideways_scroll().await;
    h.assert_accessible().await;
    h.tab_until("the first session", |_, text, href| {
        text.contains("Premiers pas sur le smartphone") && href.contains("/ateliers/")
    })
    .await;
    h.press(&Key::Enter).await;
    let page = h.text_of("main").await;
    assert!(page.contains("Café numérique mobile des Mauges"), "{page}");
    h.assert_no_sideways_scroll().await;
    h.assert_accessible().await;
    h.tab_until("the name input", |id, _, _| id == "name").await;
    h.press("Gisèle").await;
    h.tab_until("the phone input", |id, _, _| id == "phone")
        .await;
    h.press("06 11 22 33 44").await;
    h.tab_until("the consent box", |id, _, _| id == "consent")
        .await;
    h.press(" ").await;
    h.tab_until("the submit button", |_, text, _| {
        text.contains("M’inscrire")
    })
    .await;
    h.press(&Key::Enter).await;
    let booking = h.text_of("main").await;
    assert!(booking.contains("Votre place est réservée."), "{booking}");
    let link = h.path().await;
    assert!(link.starts_with("/inscriptions/"), "{link}");
    h.assert_no_sideways_scroll().await;
    h.assert_accessible().await;
    h.tab_until("the cancel button", |_, text, _| {
        text.contains("Annuler mon inscription")
    })
    .await;
    h.press(&Key::Enter).await;
    let question = h.text_of("main").await;
    assert!(
        question.contains("Annuler votre inscription ?"),
        "{question}"
    );
    h.assert_accessible().await;
    h.tab_until("the yes button", |_, text, _| text.contains("Oui, annuler"))
        .await;
    h.press(&Key::Enter).await;
    let after = h.text_of("main").await;
    assert!(after.contains("Cette inscription est annulée."), "{after}");
    h.assert_accessible().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn a_mediator_takes_attendance_on_a_phone_and_finds_the_activity_recorded() {
    let Some(h) = Harness::start().await else {
        return;
    };
    // The demo's escape game (full, people waiting) has just started.
    let sessions = maille::workshops::store::upcoming(h.db(), chrono::Utc::now(), 50)
        .await
        .unwrap();
    let game = sessions
        .into_iter()
        .find(|s| s.title.starts_with("Escape game") && s.confirmed == s.capacity)
        .expect("the demo's full escape game");
    let mut started = game.clone();
    started.starts_at = chrono::Utc::now() - chrono::Duration::minutes(30);
    maille::workshops::store::update_session(h.db(), started)
        .await
        .unwrap();
    h.set_width(360).await;
    h.log_in("mediation@demo.maille.test", "maille-demo").await;
    h.wait_for_path("/espace").await;
    h.tab_until("the workshops link", |_, _, href| {
        href.ends_with("/espace/ateliers")
    })
    .await;
    h.press(&Key::Enter).await;
    h.wait_for_path("/espace/ateliers").await;
    h.assert_no_sideways_scroll().await;
    h.assert_accessible().await;
    h.tab_until("the escape game", |_, text, href| {
        text.starts_with("Escape game") && href.ends_with(&game.id)
    })
    .await;
    h.press(&Key::Enter).await;
    let page = h.text_of("main").await;
    assert!(page.contains("Prendre les présences"), "{page}");
    h.assert_no_sideways_scroll().await;
    h.assert_accessible().await;
    // The first two registered came.
    for _ in 0..2 {
        h.tab_until("a present box", |id, _, _| id.starts_with("present-"))
            .await;
        h.press(" ").await;
    }
    h.tab_until("the attendance button", |_, text, _| {
        text.contains("Enregistrer les présences")
    })
    .await;
    h.press(&Key::Enter).await;
    let done = h.text_of("main").await;
    assert!(done.contains("Présences enregistrées"), "{done}");
    assert!(done.contains("2 participants"), "{done}");
    h.assert_accessible().await;
    h.open("/espace/activites").await;
    let activities = h.text_of("main").await;
    assert!(activities.contains("Atelier collectif"), "{activities}");
    h.assert_no_sideways_scroll().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn an_inhabitant_books_an_appointment_from_the_places_page_keyboard_only() {
    let Some(h) = Harness::start().await else {
        return;
    };
    h.set_width(360).await;
    h.open("/lieux/demo-cholet").await;
    h.tab_until("the appointment link", |_, _, href| {
        href.ends_with("/lieux/demo-cholet/rendez-vous")
    })
    .await;
    h.press(&Key::Enter).await;
    h.wait_for_path("/lieux/demo-cholet/rendez-vous").await;
    h.assert_no_sideways_scroll().await;
    h.assert_accessible().await;
    h.tab_until("a free slot", |id, _, _| {
        id.starts_with('s') && id[1..].chars().all(|c| c.is_ascii_digit())
    })
    .await;
    h.press(" ").await;
    h.tab_until("the name input", |id, _, _| id == "name").await;
    h.press("Gisèle").await;
    h.tab_until("the phone input", |id, _, _| id == "phone")
        .await;
    h.press("06 11 22 33 44").await;
    h.tab_until("the consent box", |id, _, _| id == "consent")
        .await;
    h.press(" ").await;
    h.tab_until("the submit button", |_, text, _| text.contains("Réserver"))
        .await;
    h.press(&Key::Enter).await;
    let booked = h.text_of("main").await;
    assert!(
        booked.contains("Votre rendez-vous est réservé."),
        "{booked}"
    );
    assert!(h.path().await.starts_with("/rendez-vous/"));
    h.assert_no_sideways_scroll().await;
    h.assert_accessible().await;
}
