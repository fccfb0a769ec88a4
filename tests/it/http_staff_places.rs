//! Staff place pages through the router: a manager creates and edits their
//! structure's places and plans an itinerant place's stops; a network
//! imports a national-schema file; nobody touches another structure's places.

use axum::http::StatusCode;
use maille::places::stops::store as stops_store;
use maille::places::store;

use crate::support::TestApp;
use crate::support::places::Dice;
use crate::support::places::{csv_file, csv_row_with, place};

/// A valid place form, as a manager fills it in.
fn form<'a>(extra: &[(&'a str, &'a str)]) -> Vec<(&'a str, &'a str)> {
    let mut fields = vec![
        ("nom", "Espace numérique du Puy Saint-Bonnet"),
        ("pivot", "W491000099"),
        ("adresse", "2 rue de la Mairie"),
        ("code_postal", "49300"),
        ("commune", "Cholet"),
        ("code_insee", "49099"),
        ("telephone", "+33241000099"),
        ("horaires", "Tu,Th 14:00-18:00; PH off"),
        ("services", "Aide aux démarches administratives"),
        ("services", "Maîtrise des outils numériques du quotidien"),
        ("frais_a_charge", "Gratuit"),
        ("itinerance", "Fixe"),
    ];
    fields.extend_from_slice(extra);
    fields
}

#[tokio::test]
async fn a_manager_creates_a_place_that_is_published_at_once_and_journaled() {
    let (app, network) = TestApp::with_network().await;
    let mut manager = app.logged_in("direction.cholet@test.fr").await;
    manager
        .get("/espace/lieux/nouveau")
        .await
        .assert_contains("Services proposés");
    let saved = manager.post("/espace/lieux/nouveau", &form(&[])).await;
    assert_eq!(saved.status, StatusCode::SEE_OTHER, "{}", saved.body);
    assert_eq!(saved.location(), Some("/espace/lieux"));

    let mine = store::of_organization(app.conn(), &network.cholet.id)
        .await
        .unwrap();
    assert_eq!(mine.len(), 1);
    let created = &mine[0];
    assert_eq!(
        created.place.services.len(),
        2,
        "repeated checkboxes make a list"
    );
    assert!(
        created.position_approximate,
        "no coordinates typed: placed at the commune"
    );
    assert_eq!(created.place.date_maj, chrono::Utc::now().date_naive());

    let list = manager.get("/espace/lieux").await;
    list.assert_contains("Le lieu a été créé");
    list.assert_contains("Espace numérique du Puy Saint-Bonnet");
    let found = app
        .visitor()
        .get("/api/v1/places?q=Cholet&limit=100")
        .await
        .json();
    assert!(
        found["places"]
            .as_array()
            .unwrap()
            .iter()
            .any(|p| p["id"] == created.place.id.as_str())
    );
    let journal = manager.get("/espace/journal").await;
    journal.assert_contains("Lieu créé");
}

#[tokio::test]
async fn a_refused_form_explains_each_field_in_french_and_keeps_what_was_typed() {
    let (app, _) = TestApp::with_network().await;
    let mut manager = app.logged_in("direction.cholet@test.fr").await;
    manager.get("/espace/lieux/nouveau").await;
    let page = manager
        .post(
            "/espace/lieux/nouveau",
            &[
                ("nom", "Sans adresse"),
                ("pivot", "12"),
                ("code_postal", "4930"),
                ("commune", "Cholet"),
                ("telephone", "02 41 00 00 00"),
                ("horaires", "du lundi au vendredi"),
            ],
        )
        .await;
    assert_eq!(page.status, StatusCode::UNPROCESSABLE_ENTITY);
    page.assert_contains("Le formulaire contient");
    for (field, words) in [
        ("pivot", "SIRET"),
        ("code_postal", "5 chiffres"),
        ("adresse", "obligatoire"),
        ("telephone", "format international"),
        ("horaires", "ne sont pas compris"),
    ] {
        page.assert_contains(&format!("<a href=\"#{field}\">"));
        page.assert_contains(words);
    }
    page.assert_contains("value=\"Sans adresse\"");
    page.assert_contains("value=\"du lundi au vendredi\"");
}

#[tokio::test]
async fn editing_shows_the_hours_in_words_and_keeps_the_approximate_flag_in_step() {
    let (app, network) = TestApp::with_network().await;
    let mut manager = app.logged_in("direction.cholet@test.fr").await;
    manager.get("/espace/lieux/nouveau").await;
    manager.post("/espace/lieux/nouveau", &form(&[])).await;
    let id = store::of_organization(app.conn(), &network.cholet.id)
        .await
        .unwrap()[0]
        .place
        .id
        .clone();
    let edit = manager.get(&format!("/espace/lieux/{id}")).await;
    edit.assert_contains("Horaires enregistrés : ");
    edit.assert_contains("mardi : 14 h – 18 h ; mercredi : fermé ; jeudi : 14 h – 18 h");
    // Hours the grid can show fill the grid, not the text field.
    edit.assert_contains(r#"name="horaires-ma-1-debut" value="14:00""#);
    edit.assert_contains(r#"name="horaires-je-1-fin" value="18:00""#);
    edit.assert_contains(r#"id="horaires-feries-ferme" value="ferme" checked"#);
    edit.assert_contains(r#"name="horaires" type="text" value="""#);
    edit.assert_contains("La position enregistrée est celle du centre de la commune");

    let precise = form(&[("latitude", "47.0612"), ("longitude", "-0.8790")]);
    let saved = manager.post(&format!("/espace/lieux/{id}"), &precise).await;
    assert_eq!(saved.status, StatusCode::SEE_OTHER, "{}", saved.body);
    let stored = store::find(app.conn(), &id).await.unwrap().unwrap();
    assert!(!stored.position_approximate);
    assert_eq!(stored.place.latitude, Some(47.0612));

    manager.get(&format!("/espace/lieux/{id}")).await;
    manager
        .post(&format!("/espace/lieux/{id}"), &form(&[]))
        .await;
    let stored = store::find(app.conn(), &id).await.unwrap().unwrap();
    assert!(
        stored.position_approximate,
        "coordinates erased: back to the commune"
    );
    assert_eq!(stored.organization_id.as_ref(), Some(&network.cholet.id));
}

#[tokio::test]
async fn nobody_edits_another_structures_places_or_national_data() {
    let (app, network) = TestApp::with_network().await;
    let mut cholet = app.logged_in("direction.cholet@test.fr").await;
    cholet.get("/espace/lieux/nouveau").await;
    cholet.post("/espace/lieux/nouveau", &form(&[])).await;
    let id = store::of_organization(app.conn(), &network.cholet.id)
        .await
        .unwrap()[0]
        .place
        .id
        .clone();
    let mut angers = app.logged_in("direction.angers@test.fr").await;
    assert_eq!(
        angers.get(&format!("/espace/lieux/{id}")).await.status,
        StatusCode::FORBIDDEN
    );
    angers.get("/espace/lieux").await;
    let forged = angers
        .post(&format!("/espace/lieux/{id}"), &form(&[("nom", "Piraté")]))
        .await;
    assert_eq!(forged.status, StatusCode::FORBIDDEN);
    assert_ne!(
        store::find(app.conn(), &id)
            .await
            .unwrap()
            .unwrap()
            .place
            .nom,
        "Piraté"
    );
    let mut mediator = app.logged_in("mediation.cholet@test.fr").await;
    assert_eq!(
        mediator.get("/espace/lieux").await.status,
        StatusCode::FORBIDDEN
    );
    assert_eq!(
        mediator.get("/espace/lieux/nouveau").await.status,
        StatusCode::FORBIDDEN
    );

    let mut dice = Dice::new(3);
    let national = maille::places::store::StoredPlace::located(place(1, &mut dice));
    store::upsert_all(app.conn(), std::slice::from_ref(&national))
        .await
        .unwrap();
    let national_page = cholet
        .get(&format!("/espace/lieux/{}", national.place.id))
        .await;
    assert_eq!(national_page.status, StatusCode::FORBIDDEN);
    assert_eq!(
        app.visitor().get("/espace/lieux").await.location(),
        Some("/connexion")
    );
}

#[tokio::test]
async fn a_manager_plans_stops_that_search_finds_near_their_village() {
    let (app, network) = TestApp::with_network().await;
    let mut manager = app.logged_in("direction.cholet@test.fr").await;
    manager.get("/espace/lieux/nouveau").await;
    manager
        .post(
            "/espace/lieux/nouveau",
            &form(&[("itinerance", "Itinérant")]),
        )
        .await;
    let id = store::of_organization(app.conn(), &network.cholet.id)
        .await
        .unwrap()[0]
        .place
        .id
        .clone();
    let path = format!("/espace/lieux/{id}/haltes");
    manager.get(&path).await;
    let tomorrow = (chrono::Utc::now().date_naive() + chrono::Days::new(2))
        .format("%Y-%m-%d")
        .to_string();
    let added = manager
        .post(
            &path,
            &[
                ("date", &tomorrow),
                ("debut", "09:00"),
                ("fin", "12:30"),
                ("adresse", "Place de l’Église"),
                ("commune", "Trémentines"),
            ],
        )
        .await;
    assert_eq!(added.status, StatusCode::SEE_OTHER, "{}", added.body);
    let list = manager.get(&path).await;
    list.assert_contains("La halte a été ajoutée.");
    list.assert_contains("Place de l’Église, Trémentines (49340)");

    let found = app
        .visitor()
        .get("/api/v1/places?q=Tr%C3%A9mentines&limit=1")
        .await
        .json();
    assert_eq!(
        found["places"][0]["id"],
        id.as_str(),
        "the stop is nearest to its village"
    );
    assert_eq!(found["places"][0]["passage"]["date"], tomorrow.as_str());
    assert_eq!(found["places"][0]["distance_km"], 0.0);
    let page = app.visitor().get("/lieux?q=Tr%C3%A9mentines").await;
    page.assert_contains("Halte itinérante : ");

    let refused = manager
        .post(
            &path,
            &[
                ("date", "2026-02-30"),
                ("debut", "14:00"),
                ("fin", "12:00"),
                ("commune", "Trémentines"),
            ],
        )
        .await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    refused.assert_contains("La date n’est pas comprise");
    refused.assert_contains("L’heure de fin doit être après l’heure de début.");

    let stops = stops_store::of_place(app.conn(), &id, chrono::Utc::now().date_naive())
        .await
        .unwrap();
    assert_eq!(stops.len(), 1);
    manager.get(&path).await;
    let asked = manager
        .post(&format!("{path}/{}/supprimer", stops[0].id), &[])
        .await;
    assert_eq!(asked.status, StatusCode::OK);
    asked.assert_contains("<h1>Supprimer cette halte ?</h1>");
    asked.assert_contains("Place de l’Église, Trémentines (49340)");
    assert_eq!(
        stops_store::of_place(app.conn(), &id, chrono::Utc::now().date_naive())
            .await
            .unwrap()
            .len(),
        1,
        "nothing deleted before the answer"
    );
    let removed = manager
        .post(
            &format!("{path}/{}/supprimer", stops[0].id),
            &[("confirme", "oui")],
        )
        .await;
    assert_eq!(removed.status, StatusCode::SEE_OTHER);
    assert!(
        stops_store::of_place(app.conn(), &id, chrono::Utc::now().date_naive())
            .await
            .unwrap()
            .is_empty()
    );
    let journal = manager.get("/espace/journal").await;
    journal.assert_contains("Halte ajoutée");
    journal.assert_contains("Halte supprimée");
    journal.assert_contains("Place de l’Église, Trémentines (49340)");
}

#[tokio::test]
async fn a_coordinator_imports_a_file_and_sees_each_refused_row_while_valid_ones_land() {
    let (app, _) = TestApp::with_network().await;
    let mut dice = Dice::new(9);
    let good = place(1, &mut dice);
    let bad = place(2, &mut dice);
    let file = csv_file(&[
        csv_row_with(&good, "nom", &good.nom),
        csv_row_with(&bad, "code_postal", "ABCDE"),
    ]);
    let mut coordinator = app.logged_in("coordination@test.fr").await;
    coordinator
        .get("/espace/lieux/import")
        .await
        .assert_contains("Importer des lieux");

    let checked = coordinator
        .post_file(
            "/espace/lieux/import",
            "fichier",
            "lieux.csv",
            &file,
            &[("essai", "1")],
        )
        .await;
    assert_eq!(checked.status, StatusCode::OK, "{}", checked.body);
    checked.assert_contains("rien n’a été enregistré");
    assert_eq!(store::count(app.conn()).await.unwrap(), 0);

    coordinator.get("/espace/lieux/import").await;
    let imported = coordinator
        .post_file("/espace/lieux/import", "fichier", "lieux.csv", &file, &[])
        .await;
    imported.assert_contains("<strong>1</strong> lieu ajouté");
    imported.assert_contains("<strong>1</strong> ligne refusée");
    imported.assert_contains("<td>3</td><td>code postal</td><td>ABCDE</td>");
    assert_eq!(store::count(app.conn()).await.unwrap(), 1);

    coordinator.get("/espace/lieux/import").await;
    let broken = coordinator
        .post_file(
            "/espace/lieux/import",
            "fichier",
            "lieux.csv",
            "nom;ville\nx;y\n",
            &[],
        )
        .await;
    assert_eq!(broken.status, StatusCode::UNPROCESSABLE_ENTITY);
    broken.assert_contains("n’a pas été importé");

    let mut manager = app.logged_in("direction.cholet@test.fr").await;
    assert_eq!(
        manager.get("/espace/lieux/import").await.status,
        StatusCode::FORBIDDEN
    );
}

#[tokio::test]
async fn an_upload_carries_its_token_in_the_body_not_in_the_address() {
    let (app, _) = TestApp::with_network().await;
    let mut coordinator = app.logged_in("coordination@test.fr").await;
    let token = coordinator
        .get("/espace/lieux/import")
        .await
        .csrf_token()
        .unwrap();
    let file = b"id,nom\n";
    let in_address = coordinator
        .post_multipart(
            &format!("/espace/lieux/import?csrf_token={token}"),
            &[],
            "fichier",
            "lieux.csv",
            file,
        )
        .await;
    assert_eq!(in_address.status, StatusCode::FORBIDDEN);
    let after_the_file = coordinator
        .post_multipart(
            "/espace/lieux/import",
            &[("essai", "1"), ("csrf_token", &token)],
            "fichier",
            "lieux.csv",
            file,
        )
        .await;
    assert_eq!(after_the_file.status, StatusCode::FORBIDDEN);
    let in_body = coordinator
        .post_multipart(
            "/espace/lieux/import",
            &[("csrf_token", &token)],
            "fichier",
            "lieux.csv",
            file,
        )
        .await;
    assert_eq!(
        in_body.status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "{}",
        in_body.body
    );
    in_body.assert_contains("n’a pas été importé");
}

#[tokio::test]
async fn a_name_a_spreadsheet_would_run_is_refused_and_one_stored_before_is_exported_defused() {
    let (app, _) = TestApp::with_network().await;
    let formula = "=HYPERLINK(\"http://evil\",\"x\")";
    let mut manager = app.logged_in("direction.cholet@test.fr").await;
    manager.get("/espace/lieux/nouveau").await;
    let mut fields = form(&[]);
    fields.retain(|(name, _)| *name != "nom");
    fields.push(("nom", formula));
    let page = manager.post("/espace/lieux/nouveau", &fields).await;
    assert_eq!(page.status, StatusCode::UNPROCESSABLE_ENTITY);
    page.assert_contains("<a href=\"#nom\">");
    page.assert_contains("un tableur le prendrait pour une formule");
    assert_eq!(store::count(app.conn()).await.unwrap(), 0);

    // The same name in an imported file is refused on its row.
    let mut dice = Dice::new(3);
    let file = csv_file(&[csv_row_with(&place(1, &mut dice), "nom", formula)]);
    let mut coordinator = app.logged_in("coordination@test.fr").await;
    coordinator.get("/espace/lieux/import").await;
    let imported = coordinator
        .post_file("/espace/lieux/import", "fichier", "lieux.csv", &file, &[])
        .await;
    imported.assert_contains("un tableur le prendrait pour une formule");
    assert_eq!(store::count(app.conn()).await.unwrap(), 0);

    // A place stored before the rule is exported so that a spreadsheet shows text.
    let mut old = place(2, &mut dice);
    old.nom = formula.to_owned();
    store::save(app.conn(), &store::StoredPlace::located(old))
        .await
        .unwrap();
    let export = app.visitor().get("/api/v1/places/export.csv").await;
    assert_eq!(export.status, StatusCode::OK);
    assert!(
        export
            .body
            .contains("\"'=HYPERLINK(\"\"http://evil\"\",\"\"x\"\")\""),
        "{}",
        export.body
    );
}

#[tokio::test]
async fn an_import_never_rewrites_a_structures_place_and_both_journals_say_so() {
    use maille::journal::store::{self as journal_store, Scope};
    let (app, network) = TestApp::with_network().await;
    let mut cholet = app.logged_in("direction.cholet@test.fr").await;
    cholet.get("/espace/lieux/nouveau").await;
    cholet.post("/espace/lieux/nouveau", &form(&[])).await;
    let owned = store::of_organization(app.conn(), &network.cholet.id)
        .await
        .unwrap()
        .remove(0)
        .place;
    let mut dice = Dice::new(21);
    let national = store::StoredPlace::located(place(7, &mut dice));
    store::upsert_all(app.conn(), std::slice::from_ref(&national))
        .await
        .unwrap();
    let mut hijack = owned.clone();
    hijack.nom = "Repris par un import".into();
    hijack.telephone = Some("+33600000000".into());
    let file = csv_file(&[
        csv_row_with(&hijack, "nom", &hijack.nom),
        csv_row_with(&national.place, "nom", "Nom national corrigé"),
        csv_row_with(&place(8, &mut dice), "nom", "Tout nouveau"),
    ]);
    for who in ["coordination@test.fr", "admin@test.fr"] {
        let mut importer = app.logged_in(who).await;
        importer.get("/espace/lieux/import").await;
        let page = importer
            .post_file("/espace/lieux/import", "fichier", "lieux.csv", &file, &[])
            .await;
        assert_eq!(page.status, StatusCode::OK, "{}", page.body);
        page.assert_contains("<strong>1</strong> ligne refusée");
        page.assert_contains("géré par la structure « Centre social Cholet »");
        let kept = store::find(app.conn(), &owned.id).await.unwrap().unwrap();
        assert_eq!(kept.place.nom, owned.nom, "{who}");
        assert_eq!(kept.place.telephone, owned.telephone, "{who}");
        assert_eq!(kept.organization_id.as_ref(), Some(&network.cholet.id));
    }
    let updated = store::find(app.conn(), &national.place.id)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(
        updated.place.nom, "Nom national corrigé",
        "national data is updated as before"
    );
    for (scope, side) in [
        (
            Scope::Organization(network.cholet.id.clone()),
            "the structure's",
        ),
        (
            Scope::Organization(network.federation.id.clone()),
            "the importer's",
        ),
    ] {
        let (entries, _) = journal_store::list(app.conn(), &scope, 0, 20)
            .await
            .unwrap();
        let refusal = entries
            .iter()
            .find(|e| e.event_code == "place_import_refused")
            .unwrap_or_else(|| panic!("nothing in {side} journal: {entries:?}"));
        assert!(refusal.detail.contains(&owned.id), "{}", refusal.detail);
        assert!(refusal.detail.contains("lieux.csv"), "{}", refusal.detail);
    }
    cholet
        .get("/espace/journal")
        .await
        .assert_contains("Import refusé sur un lieu géré par une structure");
}

#[tokio::test]
async fn an_administrator_corrects_a_national_place_and_nobody_else_can() {
    let (app, _) = TestApp::with_network().await;
    let mut dice = Dice::new(22);
    let mut national = place(9, &mut dice);
    national.nom = "Médiathèque de Trémentines".into();
    store::upsert_all(app.conn(), &[store::StoredPlace::located(national.clone())])
        .await
        .unwrap();
    let mut admin = app.logged_in("admin@test.fr").await;
    admin
        .get("/espace")
        .await
        .assert_contains("Corriger un lieu national");
    let found = admin.get("/espace/lieux?recherche=tr%C3%A9mentines").await;
    assert_eq!(found.status, StatusCode::OK);
    found.assert_contains(&format!("href=\"/espace/lieux/{}\"", national.id));
    let path = format!("/espace/lieux/{}", national.id);
    let form_page = admin.get(&path).await;
    assert_eq!(form_page.status, StatusCode::OK);
    let saved = admin
        .post(
            &path,
            &[
                ("nom", "Médiathèque de Trémentines"),
                ("pivot", &national.pivot),
                ("adresse", "3 place de la Mairie"),
                ("code_postal", "49340"),
                ("commune", "Trémentines"),
                ("telephone", "+33241000042"),
            ],
        )
        .await;
    assert_eq!(saved.location(), Some("/espace/lieux"), "{}", saved.body);
    let stored = store::find(app.conn(), &national.id)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(stored.place.telephone.as_deref(), Some("+33241000042"));
    assert_eq!(stored.organization_id, None, "it stays national data");
    for who in ["coordination@test.fr", "direction.cholet@test.fr"] {
        let mut other = app.logged_in(who).await;
        assert_eq!(
            other.get(&path).await.status,
            StatusCode::FORBIDDEN,
            "{who}"
        );
    }
}

#[tokio::test]
async fn hostile_files_get_short_answers_and_leave_the_rest_of_the_file_imported() {
    let (app, _) = TestApp::with_network().await;
    let mut coordinator = app.logged_in("coordination@test.fr").await;
    // Two hundred thousand tiny objects, then one valid place.
    let mut dice = Dice::new(31);
    let valid = place(1, &mut dice);
    let mut json = Vec::new();
    maille::places::export::write_json(&mut json, [&valid]).unwrap();
    let mut tiny = "[".to_owned() + &"{},".repeat(200_000);
    tiny.push_str(
        String::from_utf8(json)
            .unwrap()
            .trim()
            .trim_start_matches('['),
    );
    coordinator.get("/espace/lieux/import").await;
    let page = coordinator
        .post_file("/espace/lieux/import", "fichier", "lieux.json", &tiny, &[])
        .await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(
        page.body.len() < 1024 * 1024,
        "a report of {} bytes",
        page.body.len()
    );
    page.assert_contains("<strong>1</strong> lieu ajouté");
    page.assert_contains("<strong>200\u{202f}000</strong> lignes refusées");
    page.assert_contains("Les 1000 premières erreurs");
    assert!(store::find(app.conn(), &valid.id).await.unwrap().is_some());

    // One line of five megabytes: refused in a sentence, not echoed.
    let one_line = "x".repeat(5 * 1024 * 1024);
    coordinator.get("/espace/lieux/import").await;
    let page = coordinator
        .post_file(
            "/espace/lieux/import",
            "fichier",
            "lieux.csv",
            &one_line,
            &[],
        )
        .await;
    assert_eq!(page.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        page.body.len() < 20_000,
        "a page of {} bytes",
        page.body.len()
    );
    page.assert_contains("la première ligne dépasse 256 Kio");
}

/// The place form with its hours given by the week grid instead of text.
fn form_with_grid<'a>(grid: &[(&'a str, &'a str)]) -> Vec<(&'a str, &'a str)> {
    let mut fields: Vec<_> = form(&[])
        .into_iter()
        .filter(|(name, _)| *name != "horaires")
        .collect();
    fields.push(("horaires", ""));
    fields.extend_from_slice(grid);
    fields
}

async fn the_only_place_of(
    app: &TestApp,
    network: &crate::support::fixtures::Network,
) -> store::StoredPlace {
    store::of_organization(app.conn(), &network.cholet.id)
        .await
        .unwrap()
        .remove(0)
}

#[tokio::test]
async fn a_manager_sets_the_week_with_the_grid_and_it_is_stored_in_osm() {
    let (app, network) = TestApp::with_network().await;
    let mut manager = app.logged_in("direction.cholet@test.fr").await;
    let new = manager.get("/espace/lieux/nouveau").await;
    new.assert_contains(r#"id="horaires-feries-ferme" value="ferme" checked"#);
    let mut grid = Vec::new();
    for day in ["lu", "ma", "me", "je", "ve"] {
        grid.push((format!("horaires-{day}-1-debut"), "09:00"));
        grid.push((format!("horaires-{day}-1-fin"), "12:00"));
        grid.push((format!("horaires-{day}-2-debut"), "14:00"));
        grid.push((format!("horaires-{day}-2-fin"), "17:00"));
    }
    grid.push(("horaires-sa-1-debut".into(), "9h"));
    grid.push(("horaires-sa-1-fin".into(), "12 h 30"));
    grid.push(("horaires-fermeture-1-du".into(), "2027-08-01"));
    grid.push(("horaires-fermeture-1-au".into(), "2027-08-23"));
    grid.push(("horaires-feries".into(), "ferme"));
    let grid: Vec<(&str, &str)> = grid.iter().map(|(k, v)| (k.as_str(), *v)).collect();
    let saved = manager
        .post("/espace/lieux/nouveau", &form_with_grid(&grid))
        .await;
    assert_eq!(saved.status, StatusCode::SEE_OTHER, "{}", saved.body);
    let stored = the_only_place_of(&app, &network).await;
    assert_eq!(
        stored.place.horaires.as_deref(),
        Some("Mo-Fr 09:00-12:00,14:00-17:00; Sa 09:00-12:30; 2027 Aug 01-2027 Aug 23 off; PH off")
    );
    let public = app
        .visitor()
        .get(&format!("/lieux/{}", stored.place.id))
        .await;
    public.assert_contains("du lundi au vendredi : 9 h – 12 h, 14 h – 17 h");
    public.assert_contains("fermé du 1er août 2027 au 23 août 2027");
}

#[tokio::test]
async fn a_mistake_in_the_grid_is_named_by_its_day_and_the_rest_is_kept() {
    let (app, _network) = TestApp::with_network().await;
    let mut manager = app.logged_in("direction.cholet@test.fr").await;
    manager.get("/espace/lieux/nouveau").await;
    let refused = manager
        .post(
            "/espace/lieux/nouveau",
            &form_with_grid(&[
                ("horaires-lu-1-debut", "14:00"),
                ("horaires-lu-1-fin", "09:00"),
                ("horaires-ma-1-debut", "09:00"),
            ]),
        )
        .await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    refused.assert_contains(r##"<a href="#horaires-lu-1-fin">Lundi : l’heure de fermeture doit venir après l’heure d’ouverture."##);
    refused.assert_contains(
        r##"<a href="#horaires-ma-1-fin">Mardi : indiquez aussi l’heure de fermeture"##,
    );
    refused.assert_contains(r#"name="horaires-lu-1-debut" value="14:00""#);
    refused.assert_contains(r#"value="Espace numérique du Puy Saint-Bonnet""#);
}

#[tokio::test]
async fn hours_typed_in_words_are_shown_back_in_the_grid_then_saved() {
    let (app, network) = TestApp::with_network().await;
    let mut manager = app.logged_in("direction.cholet@test.fr").await;
    manager.get("/espace/lieux/nouveau").await;
    let words = form(&[])
        .into_iter()
        .map(|(k, v)| {
            (
                k,
                if k == "horaires" {
                    "du lundi au vendredi de 9 h à 12 h et de 14 h à 17 h, fermé les jours fériés"
                } else {
                    v
                },
            )
        })
        .collect::<Vec<_>>();
    let shown = manager.post("/espace/lieux/nouveau", &words).await;
    assert_eq!(shown.status, StatusCode::OK, "shown back, not refused");
    shown.assert_contains("Horaires compris : <strong>du lundi au vendredi : 9 h – 12 h, 14 h – 17 h ; samedi et dimanche : fermé ; fermé les jours fériés</strong>");
    shown.assert_contains(r#"name="horaires-ve-2-fin" value="17:00""#);
    assert!(
        store::of_organization(app.conn(), &network.cholet.id)
            .await
            .unwrap()
            .is_empty(),
        "nothing saved before the person has seen what was understood"
    );
    // The page as shown, submitted again: the grid now carries the hours.
    let mut again = form_with_grid(&[]);
    let grid: Vec<(String, String)> = ["lu", "ma", "me", "je", "ve"]
        .iter()
        .flat_map(|d| {
            [
                ("1-debut", "09:00"),
                ("1-fin", "12:00"),
                ("2-debut", "14:00"),
                ("2-fin", "17:00"),
            ]
            .map(|(k, v)| (format!("horaires-{d}-{k}"), v.to_owned()))
        })
        .collect();
    again.extend(grid.iter().map(|(k, v)| (k.as_str(), v.as_str())));
    again.push(("horaires-feries", "ferme"));
    let saved = manager.post("/espace/lieux/nouveau", &again).await;
    assert_eq!(saved.status, StatusCode::SEE_OTHER, "{}", saved.body);
    assert_eq!(
        the_only_place_of(&app, &network)
            .await
            .place
            .horaires
            .as_deref(),
        Some("Mo-Fr 09:00-12:00,14:00-17:00; PH off")
    );
}

#[tokio::test]
async fn hours_beyond_the_grid_stay_text_and_are_saved_once_shown_back() {
    let (app, network) = TestApp::with_network().await;
    let mut manager = app.logged_in("direction.cholet@test.fr").await;
    manager.get("/espace/lieux/nouveau").await;
    let three_ranges = "lundi de 8h à 10h, de 11h à 12h et de 14h à 16h";
    let words: Vec<_> = form(&[])
        .into_iter()
        .map(|(k, v)| (k, if k == "horaires" { three_ranges } else { v }))
        .collect();
    let shown = manager.post("/espace/lieux/nouveau", &words).await;
    assert_eq!(shown.status, StatusCode::OK);
    shown
        .assert_contains("Horaires compris : <strong>lundi : 8 h – 10 h, 11 h – 12 h, 14 h – 16 h");
    shown.assert_contains(
        r#"name="horaires_compris" value="Mo 08:00-10:00,11:00-12:00,14:00-16:00""#,
    );
    let mut confirmed = words.clone();
    confirmed.push(("horaires_compris", "Mo 08:00-10:00,11:00-12:00,14:00-16:00"));
    let saved = manager.post("/espace/lieux/nouveau", &confirmed).await;
    assert_eq!(saved.status, StatusCode::SEE_OTHER, "{}", saved.body);
    let stored = the_only_place_of(&app, &network).await;
    assert_eq!(
        stored.place.horaires.as_deref(),
        Some("Mo 08:00-10:00,11:00-12:00,14:00-16:00")
    );
    let edit = manager
        .get(&format!("/espace/lieux/{}", stored.place.id))
        .await;
    edit.assert_contains(r#"<details open>"#);
    edit.assert_contains(r#"value="Mo 08:00-10:00,11:00-12:00,14:00-16:00""#);
}

#[tokio::test]
async fn types_are_chosen_in_words_and_lists_typed_one_per_line() {
    let (app, network) = TestApp::with_network().await;
    let mut manager = app.logged_in("direction.cholet@test.fr").await;
    let new = manager.get("/espace/lieux/nouveau").await;
    new.assert_contains(r#"value="CS"><label for="typologie-1">Centre social</label>"#);
    assert!(!new.body.contains("séparé"), "no separator to type");
    let saved = manager
        .post(
            "/espace/lieux/nouveau",
            &form(&[
                ("typologie", "CS"),
                ("typologie", "TIERS_LIEUX"),
                ("typologie", "caf"),
                (
                    "courriels",
                    "accueil@cs-cholet.fr\r\ndirection@cs-cholet.fr",
                ),
                (
                    "site_web",
                    "https://cs-cholet.fr\nhttps://social.example/@cs",
                ),
            ]),
        )
        .await;
    assert_eq!(saved.status, StatusCode::SEE_OTHER, "{}", saved.body);
    let stored = the_only_place_of(&app, &network).await;
    assert_eq!(stored.place.typologie, ["CS", "TIERS_LIEUX", "caf"]);
    assert_eq!(
        stored.place.courriels,
        ["accueil@cs-cholet.fr", "direction@cs-cholet.fr"]
    );
    assert_eq!(stored.place.site_web.len(), 2);
    let edit = manager
        .get(&format!("/espace/lieux/{}", stored.place.id))
        .await;
    edit.assert_contains(r#"value="TIERS_LIEUX" checked>"#);
    edit.assert_contains(r#"name="typologie" type="text" value="caf""#);
    edit.assert_contains("accueil@cs-cholet.fr\ndirection@cs-cholet.fr</textarea>");
}

#[tokio::test]
async fn a_position_far_from_the_commune_stays_marked_to_check_until_corrected() {
    let (app, network) = TestApp::with_network().await;
    let mut manager = app.logged_in("direction.cholet@test.fr").await;
    manager.get("/espace/lieux/nouveau").await;
    // Cholet's place typed with a position in Provence.
    let provence = form(&[("latitude", "43,5297"), ("longitude", "5,4474")]);
    let saved = manager.post("/espace/lieux/nouveau", &provence).await;
    assert_eq!(saved.status, StatusCode::SEE_OTHER, "{}", saved.body);
    let list = manager.get("/espace/lieux").await;
    list.assert_contains("<strong>À vérifier : à ");
    list.assert_contains(" km de Cholet</strong>");
    let id = the_only_place_of(&app, &network).await.place.id;
    let edit = manager.get(&format!("/espace/lieux/{id}")).await;
    edit.assert_contains("Position à vérifier : elle est à ");
    let corrected = form(&[("latitude", "47.0612"), ("longitude", "-0.8790")]);
    manager
        .post(&format!("/espace/lieux/{id}"), &corrected)
        .await;
    let list = manager.get("/espace/lieux").await;
    assert!(
        !list.body.contains("À vérifier"),
        "corrected: no longer marked"
    );
    list.assert_contains("Précise");
}
