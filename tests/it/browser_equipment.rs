//! Equipment journeys in headless Chromium, keyboard only, on a phone's
//! width, axe-checked: a mediator receives a lot of three laptops, walks
//! one to `ready` (its label and certificate links there) and gives it to
//! a person who signs with their typed name.

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

#[tokio::test(flavor = "multi_thread")]
async fn a_mediator_receives_three_laptops_walks_one_to_ready_and_gives_it_keyboard_only() {
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
    h.tab_until("the donation link", |_, text, _| {
        text.contains("Recevoir un don")
    })
    .await;
    h.press(&Key::Enter).await;
    h.wait_for_path("/espace/materiel/dons/nouveau").await;
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
    h.tab_until("the step button", |_, text, _| {
        text.contains("Passer à « Diagnostiqué »")
    })
    .await;
    h.press(&Key::Enter).await;
    h.wait_for_path(&device_path).await;
    // The wipe: method Clear (chosen), the tool typed, verification passed.
    take_step(&h, "Effacé").await;
    h.tab_until("the tool", |id, _, _| id == "tool").await;
    h.press("nwipe 0.38").await;
    h.tab_until("the verification", |id, _, _| id == "verified-yes")
        .await;
    h.press(" ").await;
    h.tab_until("the step button", |_, text, _| {
        text.contains("Passer à « Effacé »")
    })
    .await;
    h.press(&Key::Enter).await;
    h.wait_for_path(&device_path).await;
    let wiped = h.text_of("main").await;
    assert!(wiped.contains("État : Effacé"), "{wiped}");
    check(&h).await;
    for step in ["Reconditionné", "Prêt à remettre"] {
        take_step(&h, step).await;
        h.tab_until("the step button", |_, text, _| {
            text.contains(&format!("Passer à « {step} »"))
        })
        .await;
        h.press(&Key::Enter).await;
        h.wait_for_path(&device_path).await;
    }
    let ready = h.text_of("main").await;
    assert!(ready.contains("État : Prêt à remettre"), "{ready}");
    let label = h.attribute("a[href$='/etiquette.pdf']", "href").await;
    assert!(label.is_some(), "the label to print");
    let certificate = h.attribute("a[href$='/certificat.pdf']", "href").await;
    assert!(certificate.is_some(), "the certificate to print");
    check(&h).await;
    // The gift: a person followed, who types their name as signature.
    take_step(&h, "Donné").await;
    h.tab_until("the person", |id, _, _| id == "beneficiary_id")
        .await;
    h.tab_until("the signature", |id, _, _| id == "signed_name")
        .await;
    h.press("Awa Diallo").await;
    h.tab_until("the step button", |_, text, _| {
        text.contains("Passer à « Donné »")
    })
    .await;
    h.press(&Key::Enter).await;
    h.wait_for_path(&device_path).await;
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
    // The requests' waiting list and one request's page.
    h.open("/espace/materiel/demandes").await;
    check(&h).await;
    h.click("main table a").await;
    let request = h.text_of("main").await;
    assert!(request.contains("Demande de Nadia"), "{request}");
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
