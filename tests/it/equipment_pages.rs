//! The equipment pages as a mediator uses them: a lot of three laptops
//! received from a company (receipt and labels printed, their QR codes
//! read back), one walked step by step to a person at the end of their
//! path (refused steps keep what was typed; a skipped one says what is
//! missing), its handover paper; a hardware report read; the stock as
//! CSV; the impact and its factors.

use axum::http::StatusCode;

use crate::support::TestApp;
use crate::support::equipment::{laptop, pdf_qr_codes, pdf_text, pdf_tools, person, walk_to_ready};
use maille::equipment::store;

fn codes_in(body: &str) -> Vec<String> {
    let mut codes: Vec<String> = body
        .match_indices("href=\"/espace/materiel/")
        .map(|(i, m)| {
            body[i + m.len()..]
                .chars()
                .take_while(|c| *c != '"')
                .collect::<String>()
        })
        .filter(|c: &String| c.len() == 7 && c.chars().all(|c| c.is_ascii_alphanumeric()))
        .collect();
    codes.sort();
    codes.dedup();
    codes
}

#[tokio::test]
async fn a_mediator_receives_a_lot_of_three_laptops_and_prints_the_receipt_and_their_labels() {
    let (app, network) = TestApp::with_network().await;
    let mut mediator = app.logged_in(network.mediator_cholet.email.as_str()).await;
    let form = mediator.get("/espace/materiel/dons/nouveau").await;
    assert_eq!(form.status, StatusCode::OK);
    form.assert_contains("Recevoir un don");
    // Refused: a bad SIREN, and the typed values stay.
    let refused = mediator
        .post(
            "/espace/materiel/dons/nouveau",
            &[
                ("donor_id", ""),
                ("donor_name", "Mutuelle de l’Anjou"),
                ("donor_kind", "company"),
                ("siren", "123 456 789"),
                ("count", "3"),
                ("kind", "laptop"),
                ("brand", "Lenovo"),
                ("model", "ThinkPad T480"),
            ],
        )
        .await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    refused.assert_contains("Un SIREN a 9 chiffres");
    refused.assert_contains("value=\"ThinkPad T480\"");
    let done = mediator
        .post(
            "/espace/materiel/dons/nouveau",
            &[
                ("donor_id", ""),
                ("donor_name", "Mutuelle de l’Anjou"),
                ("donor_kind", "company"),
                ("siren", "732 829 320"),
                ("received_on", "01/12/2026"),
                ("count", "3"),
                ("kind", "laptop"),
                ("brand", "Lenovo"),
                ("model", "ThinkPad T480"),
                ("year", "2018"),
            ],
        )
        .await;
    assert_eq!(done.status, StatusCode::SEE_OTHER, "{}", done.body);
    let lot_path = done.location().unwrap().to_owned();
    let lot = mediator.get(&lot_path).await;
    lot.assert_contains("Don enregistré : 3 appareils reçus");
    let codes = codes_in(&lot.body);
    assert_eq!(codes.len(), 3, "{}", lot.body);
    let receipt = mediator.get(&format!("{lot_path}/recu.pdf")).await;
    assert_eq!(receipt.content_type(), "application/pdf");
    let lot_id = lot_path.rsplit('/').next().unwrap();
    let labels = mediator
        .get(&format!("/espace/materiel/etiquettes.pdf?lot={lot_id}"))
        .await;
    assert_eq!(labels.content_type(), "application/pdf");
    let svg = mediator
        .get(&format!("/espace/materiel/etiquettes.svg?lot={lot_id}"))
        .await;
    assert_eq!(svg.body.matches("<path").count(), 3);
    for code in &codes {
        svg.assert_contains(code);
    }
    if pdf_tools() {
        let text = pdf_text(&receipt.raw);
        for expected in [
            "Mutuelle de l’Anjou",
            "732829320",
            "Centre social Cholet",
            "1 décembre 2026",
            &codes[0],
        ] {
            assert!(
                text.contains(expected),
                "{expected} missing from the receipt:\n{text}"
            );
        }
        let origin = app.state().config.links_origin();
        let expected: Vec<String> = codes
            .iter()
            .map(|c| format!("{}/M/{c}", origin.to_uppercase()))
            .collect();
        assert_eq!(pdf_qr_codes(&labels.raw, 1), expected);
    }
    // A label's short link leads to the device's page.
    let short = mediator.get(&format!("/M/{}", codes[0])).await;
    assert_eq!(
        short.location(),
        Some(format!("/espace/materiel/{}", codes[0]).as_str())
    );
    // Angers does not see the lot.
    let mut angers = app.logged_in(network.mediator_angers.email.as_str()).await;
    assert_eq!(angers.get(&lot_path).await.status, StatusCode::NOT_FOUND);
    assert_eq!(
        angers
            .get(&format!("/espace/materiel/{}", codes[0]))
            .await
            .status,
        StatusCode::NOT_FOUND
    );
}

#[tokio::test]
async fn a_laptop_walks_step_by_step_to_a_person_who_signs_and_gets_the_handover_paper() {
    let (app, network) = TestApp::with_network().await;
    let db = app.conn();
    let device = laptop(db, &network.mediator_cholet, "PF0ABC12").await;
    let awa = person(db, &network.mediator_cholet, "Awa", "").await;
    let mut mediator = app.logged_in(network.mediator_cholet.email.as_str()).await;
    let page_path = format!("/espace/materiel/{}", device.code);
    let step_path = format!("{page_path}/etape");
    let page = mediator.get(&page_path).await;
    page.assert_contains("État : <strong>Reçu</strong>");
    page.assert_contains("Passer à « Diagnostiqué »");
    // Skipping ahead is refused with what is missing.
    let skipped = mediator.post(&step_path, &[("to", "ready")]).await;
    assert_eq!(skipped.status, StatusCode::CONFLICT);
    skipped.assert_contains(
        "Étapes à suivre d’abord : Diagnostiqué → Effacé → Reconditionné → Prêt à remettre",
    );
    mediator.get(&page_path).await;
    let diagnosed = mediator
        .post(
            &step_path,
            &[
                ("to", "diagnosed"),
                ("grade", "B"),
                ("findings", "Clavier usé"),
            ],
        )
        .await;
    assert_eq!(
        diagnosed.status,
        StatusCode::SEE_OTHER,
        "{}",
        diagnosed.body
    );
    mediator.get(&page_path).await;
    let no_tool = mediator
        .post(
            &step_path,
            &[
                ("to", "wiped"),
                ("method", "purge"),
                ("verified", "true"),
                ("passes", "3"),
            ],
        )
        .await;
    assert_eq!(no_tool.status, StatusCode::UNPROCESSABLE_ENTITY);
    no_tool.assert_contains("Ce champ est obligatoire.");
    no_tool.assert_contains("value=\"3\"");
    for step in [
        &[
            ("to", "wiped"),
            ("method", "purge"),
            ("tool", "nwipe 0.38"),
            ("verified", "true"),
        ][..],
        &[("to", "refurbished"), ("os", "Linux Mint 22")],
        &[("to", "ready")],
    ] {
        mediator.get(&page_path).await;
        let moved = mediator.post(&step_path, step).await;
        assert_eq!(
            moved.status,
            StatusCode::SEE_OTHER,
            "{step:?}: {}",
            moved.body
        );
    }
    let ready = mediator.get(&page_path).await;
    ready.assert_contains("Passer à « Donné »");
    ready.assert_contains("Awa");
    let no_signature = mediator
        .post(&step_path, &[("to", "given"), ("beneficiary_id", &awa)])
        .await;
    assert_eq!(no_signature.status, StatusCode::UNPROCESSABLE_ENTITY);
    mediator.get(&page_path).await;
    let given = mediator
        .post(
            &step_path,
            &[
                ("to", "given"),
                ("beneficiary_id", &awa),
                ("signed_name", "Awa Diallo"),
            ],
        )
        .await;
    assert_eq!(given.status, StatusCode::SEE_OTHER, "{}", given.body);
    let after = mediator.get(&page_path).await;
    after.assert_contains("État : <strong>Donné</strong>");
    after.assert_contains("chez Awa");
    assert!(
        !after.body.contains("Étape suivante"),
        "nothing follows a gift"
    );
    let paper = mediator.get(&format!("{page_path}/remise.pdf")).await;
    assert_eq!(paper.content_type(), "application/pdf");
    if pdf_tools() {
        let text = pdf_text(&paper.raw);
        for expected in ["Awa Diallo", "propriétaire", "PF0ABC12", "Linux Mint 22"] {
            assert!(
                text.contains(expected),
                "{expected} missing from the handover paper:\n{text}"
            );
        }
    }
    // The person's erasure clears their signature; the history stays.
    maille::mediation::people::erase(
        db,
        maille::journal::Actor::User(&network.mediator_cholet),
        &network.cholet.id,
        &awa,
        "test",
    )
    .await
    .unwrap();
    let handover = store::last_handover(db, &device.id).await.unwrap().unwrap();
    assert_eq!(handover.signed_name, "");
    assert_eq!(handover.beneficiary_id, None);
    assert_eq!(store::events_of(db, &device.id).await.unwrap().len(), 6);
}

#[tokio::test]
async fn a_hardware_report_fills_the_specifications_and_a_broken_or_huge_one_is_refused_plainly() {
    let (app, network) = TestApp::with_network().await;
    let device = maille::equipment::intake::add_device(
        app.conn(),
        &network.mediator_cholet,
        &crate::support::equipment::fields(&[("kind", "laptop")]),
        maille::mediation::today(),
    )
    .await
    .unwrap();
    let mut mediator = app.logged_in(network.mediator_cholet.email.as_str()).await;
    let page_path = format!("/espace/materiel/{}", device.code);
    let report_path = format!("{page_path}/rapport");
    mediator.get(&page_path).await;
    let real = include_str!("../data/lshw/thinkpad-t470.json");
    let read = mediator
        .post_file(&report_path, "report", "t470.json", real, &[])
        .await;
    assert_eq!(read.status, StatusCode::SEE_OTHER, "{}", read.body);
    let page = mediator.get(&page_path).await;
    page.assert_contains("LENOVO ThinkPad T470 (20HDCTO1WW)");
    page.assert_contains(
        "Intel(R) Core(TM) i5-7300U CPU @ 2.60GHz, 8 Go de mémoire, stockage 256 Go, batterie 71 %",
    );
    page.assert_contains("PF0ABC12");
    let broken = mediator
        .post_file(&report_path, "report", "t470.json", &real[..400], &[])
        .await;
    assert_eq!(broken.status, StatusCode::UNPROCESSABLE_ENTITY);
    broken.assert_contains("n’est pas du JSON lisible");
    mediator.get(&page_path).await;
    let huge = "[".repeat(6 * 1024 * 1024);
    let refused = mediator
        .post_file(&report_path, "report", "huge.json", &huge, &[])
        .await;
    assert_eq!(
        refused.status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "{}",
        refused.status
    );
    refused.assert_contains("Le rapport dépasse 4 Mo");
}

#[tokio::test]
async fn the_stock_and_its_movements_download_for_a_french_spreadsheet() {
    let (app, network) = TestApp::with_network().await;
    let device = laptop(app.conn(), &network.mediator_cholet, "=HYPERLINK(\"x\")").await;
    walk_to_ready(app.conn(), &network.mediator_cholet, &device).await;
    let mut mediator = app.logged_in(network.mediator_cholet.email.as_str()).await;
    let stock = mediator.get("/espace/materiel").await;
    stock.assert_contains(&device.code);
    stock.assert_contains("Prêt à remettre : <strong>1</strong>");
    let filtered = mediator.get("/espace/materiel?etat=received").await;
    assert!(
        !filtered
            .body
            .contains(&format!("/espace/materiel/{}\"", device.code))
    );
    let csv = mediator.get("/espace/materiel/stock.csv").await;
    assert!(csv.raw.starts_with("\u{feff}Code;Type;".as_bytes()));
    csv.assert_contains(&format!(
        "{};Ordinateur portable;Lenovo;ThinkPad T470;\"'=HYPERLINK",
        device.code
    ));
    let movements = mediator.get("/espace/materiel/mouvements.csv").await;
    assert_eq!(movements.body.lines().count(), 6, "{}", movements.body);
    movements.assert_contains("Reçu;Diagnostiqué");
}

#[tokio::test]
async fn the_impact_page_shows_sourced_factors_and_a_structure_changes_one_only_with_its_source() {
    let (app, network) = TestApp::with_network().await;
    let mut manager = app.logged_in(network.manager_cholet.email.as_str()).await;
    let page = manager.get("/espace/materiel/impact").await;
    assert_eq!(page.status, StatusCode::OK);
    page.assert_contains("ADEME");
    let refused = manager
        .post(
            "/espace/materiel/impact",
            &[
                ("kind", "laptop"),
                ("weight_kg", "2,3"),
                ("co2e_kg", "250"),
                ("source", ""),
            ],
        )
        .await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    refused.assert_contains("Donnez la source du chiffre");
    refused.assert_contains("value=\"2,3\"");
    manager.get("/espace/materiel/impact").await;
    let saved = manager
        .post(
            "/espace/materiel/impact",
            &[
                ("kind", "laptop"),
                ("weight_kg", "2,3"),
                ("co2e_kg", "250"),
                ("source", "Étude Emmaüs Connect 2025, tableau 3"),
            ],
        )
        .await;
    assert_eq!(saved.status, StatusCode::SEE_OTHER, "{}", saved.body);
    let page = manager.get("/espace/materiel/impact").await;
    page.assert_contains("Étude Emmaüs Connect 2025, tableau 3 (choisi par la structure)");
    let mut coordinator = app.logged_in(network.coordinator.email.as_str()).await;
    let aggregated = coordinator.get("/espace/materiel/impact").await;
    assert_eq!(aggregated.status, StatusCode::OK);
    aggregated.assert_contains("2 structures, chiffres agrégés");
    assert!(!aggregated.body.contains("Changer un facteur"));
    assert_eq!(
        coordinator.get("/espace/materiel").await.status,
        StatusCode::FORBIDDEN
    );
}
