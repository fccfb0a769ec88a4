//! Equipment journeys in headless Chromium, keyboard only, on a phone's
//! width, axe-checked: a mediator receives a lot of three laptops, walks
//! one to `ready` (its label and certificate links there), sets it aside
//! for a household's request on a path of one session, and once the
//! session is recorded gives it to the person, who signs with her typed
//! name.

use fantoccini::key::Key;

use crate::support::browser::Harness;

/// Checks the page as a phone shows it.
async fn check(h: &Harness) {
    h.assert_no_sideways_scroll().await;
    h.assert_accessible().await;
}

/// Opens the step `label` of the device page (its `<details>`).
async fn take_step(h: &Harness, label: &str) {
    h.tab_until(label, |_, text, _| text.trim() == label).await;
    h.press(&Key::Enter).await;
}

/// Tabs to `what`, the link or button whose text holds `text`, presses
/// Enter on it, and waits for the page at `then`.
async fn activate(h: &Harness, what: &str, text: &str, then: &str) {
    h.tab_until(what, |_, focused, _| focused.contains(text))
        .await;
    h.press(&Key::Enter).await;
    h.wait_for_path(then).await;
}

#[tokio::test(flavor = "multi_thread")]
async fn a_mediator_receives_three_laptops_walks_one_to_ready_and_gives_it_at_the_end_of_a_path_keyboard_only()
 {
    let Some(h) = Harness::start().await else {
        return;
    };
    h.set_width(360).await;
    h.log_in("mediation@demo.maille.test", "maille-demo").await;
    h.wait_for_path("/espace").await;
    h.tab_until("the equipment link", |_, _, href| {
        href.ends_with("/espace/materiel")
    })
    .await;
    h.press(&Key::Enter).await;
    h.wait_for_path("/espace/materiel").await;
    check(&h).await;
    activate(
        &h,
        "the donation link",
        "Recevoir un don",
        "/espace/materiel/dons/nouveau",
    )
    .await;
    check(&h).await;
    h.tab_until("the donor's name", |id, _, _| id == "donor_name")
        .await;
    h.press("Crédit Mutuel de Cholet").await;
    h.tab_until("the count", |id, _, _| id == "count").await;
    h.press("3").await;
    h.tab_until("the brand", |id, _, _| id == "brand").await;
    h.press("Dell").await;
    h.tab_until("the model", |id, _, _| id == "model").await;
    h.press("Latitude 5490").await;
    h.tab_until("the submit button", |_, text, _| {
        text.contains("Enregistrer le don")
    })
    .await;
    h.press(&Key::Enter).await;
    let lot = h.text_of("main").await;
    assert!(lot.contains("3 appareils reçus"), "{lot}");
    assert!(lot.contains("Don de Crédit Mutuel de Cholet"), "{lot}");
    check(&h).await;
    h.tab_until("the first device", |_, text, href| {
        href.contains("/espace/materiel/") && text.len() == 7
    })
    .await;
    h.press(&Key::Enter).await;
    let page = h.text_of("main").await;
    assert!(page.contains("Dell Latitude 5490"), "{page}");
    check(&h).await;
    let device_path = h.path().await;
    // Diagnosis: grade A.
    take_step(&h, "Diagnostiqué").await;
    h.tab_until("the first grade", |id, _, _| id == "grade-A")
        .await;
    h.press(" ").await;
    activate(
        &h,
        "the step button",
        "Passer à « Diagnostiqué »",
        &device_path,
    )
    .await;
    // The wipe: method Clear (chosen), the tool typed, verification passed.
    take_step(&h, "Effacé").await;
    h.tab_until("the tool", |id, _, _| id == "tool").await;
    h.press("nwipe 0.38").await;
    h.tab_until("the verification", |id, _, _| id == "verified-yes")
        .await;
    h.press(" ").await;
    activate(&h, "the step button", "Passer à « Effacé »", &device_path).await;
    let wiped = h.text_of("main").await;
    assert!(wiped.contains("État : Effacé"), "{wiped}");
    check(&h).await;
    for step in ["Reconditionné", "Prêt à remettre"] {
        take_step(&h, step).await;
        activate(
            &h,
            "the step button",
            &format!("Passer à « {step} »"),
            &device_path,
        )
        .await;
    }
    let ready = h.text_of("main").await;
    assert!(ready.contains("État : Prêt à remettre"), "{ready}");
    let label = h.attribute("a[href$='/etiquette.pdf']", "href").await;
    assert!(label.is_some(), "the label to print");
    let certificate = h.attribute("a[href$='/certificat.pdf']", "href").await;
    assert!(certificate.is_some(), "the certificate to print");
    check(&h).await;
    // The path: Nadia asked on the public form; she is linked to the
    // person she is followed as, this laptop is set aside for her, and
    // her path is one session.
    h.open("/espace/materiel/demandes").await;
    h.tab_until("Nadia's request", |_, text, href| {
        href.contains("/espace/materiel/demandes/") && text.contains("Nadia")
    })
    .await;
    h.press(&Key::Enter).await;
    let request_path = h.path().await;
    check(&h).await;
    let person = h
        .attribute("#beneficiary_id option", "value")
        .await
        .expect("a person followed to link");
    let person_label = h.text_of("#beneficiary_id option").await;
    activate(&h, "the link button", "Relier la demande", &request_path).await;
    let device_code = device_path.rsplit('/').next().unwrap().to_owned();
    let offered = h.text_of("#device_id option").await;
    assert!(offered.starts_with(&device_code), "{offered}");
    h.tab_until("the path's sessions", |id, _, _| id == "path_sessions")
        .await;
    h.press(&Key::Backspace).await;
    h.press("1").await;
    activate(
        &h,
        "the path button",
        "Réserver et ouvrir le parcours",
        &request_path,
    )
    .await;
    let path = h.text_of("main").await;
    assert!(path.contains("sur 1"), "{path}");
    check(&h).await;
    // The mediator records her session (a journey of its own in
    // browser_mediation): the path is done.
    let mediator = maille::accounts::store::find_with_hash_by_email(
        h.db(),
        &maille::accounts::Email::parse("mediation@demo.maille.test").unwrap(),
    )
    .await
    .unwrap()
    .expect("the demo's mediator")
    .0;
    maille::mediation::record::record(
        h.db(),
        &mediator,
        &maille::mediation::fields::Fields::from_json(&serde_json::json!({
            "type": "Individuel", "duration_min": 60,
            "themes": ["PrendreEnMainDuMateriel"], "beneficiary_id": person,
        }))
        .unwrap(),
        maille::mediation::today(),
    )
    .await
    .unwrap();
    h.open(&request_path).await;
    let done = h.text_of("main").await;
    assert!(done.contains("le parcours est terminé"), "{done}");
    activate(
        &h,
        "the device set aside",
        "L’appareil mis de côté",
        &device_path,
    )
    .await;
    // The gift: to her, who types her name as signature.
    take_step(&h, "Donné").await;
    h.tab_until("the person", |id, _, _| id == "beneficiary_id")
        .await;
    h.press(&person_label).await;
    h.tab_until("the signature", |id, _, _| id == "signed_name")
        .await;
    h.press("Nadia").await;
    activate(&h, "the step button", "Passer à « Donné »", &device_path).await;
    let given = h.text_of("main").await;
    assert!(given.contains("État : Donné"), "{given}");
    assert!(given.contains("Document de remise"), "{given}");
    check(&h).await;
    // The public page of its certificate, and the impact.
    let public_path = h
        .attribute("a[href^='/certificats/']", "href")
        .await
        .expect("the certificate's public page");
    h.open(&public_path).await;
    let public = h.text_of("main").await;
    assert!(public.contains("nwipe 0.38"), "{public}");
    check(&h).await;
    // The requests' list, and Nadia's request, closed by the gift.
    h.open("/espace/materiel/demandes").await;
    check(&h).await;
    h.open(&request_path).await;
    let request = h.text_of("main").await;
    assert!(request.contains("Demande de Nadia"), "{request}");
    assert!(!request.contains("Clôturer la demande"), "{request}");
    check(&h).await;
    h.set_width(320).await;
    for path in [
        device_path.as_str(),
        "/espace/materiel/impact",
        "/espace/materiel?etat=given",
    ] {
        h.open(path).await;
        check(&h).await;
    }
}
