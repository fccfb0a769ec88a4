//! Importing and exporting places in the national schema, on a real database.

use maille::places::import::{self, FileError, Format};
use maille::places::{export, store};

use crate::support::TestDb;
use crate::support::places::{Dice, csv_file, csv_row_with, import_csv, import_file, place};

const EXAMPLE: &str = include_str!("../data/exemple-valide.csv");

fn parse_csv(file: &[u8]) -> Result<import::Parsed, FileError> {
    import::parse_all(file, Format::Csv)
}

#[tokio::test]
async fn the_official_example_is_imported_and_exported_unchanged() {
    let db = TestDb::migrated().await;
    let report = import_csv(&db.conn, EXAMPLE.as_bytes()).await;
    assert_eq!(
        (report.imported, report.updated, report.refused_rows),
        (1, 0, 0)
    );
    let stored = store::all(&db.conn).await.unwrap();
    let mut out = Vec::new();
    export::write_csv(&mut out, stored.iter().map(|s| &s.place)).unwrap();
    let reread = parse_csv(&out).unwrap();
    let original = parse_csv(EXAMPLE.as_bytes()).unwrap();
    assert_eq!(reread.places[0].1, original.places[0].1);
}

#[tokio::test]
async fn a_file_with_errors_keeps_its_valid_rows_and_explains_each_invalid_one() {
    let db = TestDb::migrated().await;
    let mut dice = Dice::new(7);
    let (a, b, c, d) = (
        place(1, &mut dice),
        place(2, &mut dice),
        place(3, &mut dice),
        place(4, &mut dice),
    );
    let file = csv_file(&[
        csv_row_with(&a, "id", &a.id),
        csv_row_with(&b, "code_postal", "4930"),
        csv_row_with(&c, "services", "Aide aux démarches|Cafés"),
        csv_row_with(&d, "id", &a.id),
        "trop,peu,de,colonnes".to_owned(),
        csv_row_with(&d, "id", "lieu-5"),
    ]);
    let report = import_csv(&db.conn, file.as_bytes()).await;
    assert_eq!(report.imported, 2, "{:#?}", report.rejected);
    let rejected: Vec<_> = report
        .rejected
        .iter()
        .map(|r| (r.line, &*r.error.field, r.error.value.as_str()))
        .collect();
    assert_eq!(
        rejected,
        [
            (3, "code_postal", "4930"),
            (4, "services", "Aide aux démarches|Cafés"),
            (5, "id", "lieu-1"),
            (6, "", "")
        ]
    );
    assert!(report.rejected[0].error.message().contains("5 chiffres"));
    assert!(report.rejected[2].error.message().contains("ligne 2"));
    assert!(
        report.rejected[3]
            .error
            .message()
            .contains("4 colonnes au lieu de 32")
    );
    assert_eq!(report.refused_rows, 4);
    assert_eq!(store::count(&db.conn).await.unwrap(), 2);
}

#[tokio::test]
async fn an_id_repeated_far_down_a_big_file_is_refused_naming_its_first_line() {
    let db = TestDb::migrated().await;
    let mut dice = Dice::new(17);
    let mut rows: Vec<String> = (0..1500)
        .map(|n| csv_row_with(&place(n, &mut dice), "nom", &format!("Lieu {n}")))
        .collect();
    rows.push(csv_row_with(
        &place(3, &mut dice),
        "nom",
        "Encore le troisième",
    ));
    let report = import_csv(&db.conn, csv_file(&rows).as_bytes()).await;
    assert_eq!((report.imported, report.refused_rows), (1500, 1));
    assert_eq!(report.rejected[0].line, 1502);
    assert!(
        report.rejected[0].error.message().contains("ligne 5"),
        "{:?}",
        report.rejected
    );
    assert_eq!(store::count(&db.conn).await.unwrap(), 1500);
}

#[tokio::test]
async fn importing_the_same_file_twice_updates_and_never_duplicates() {
    let db = TestDb::migrated().await;
    let mut dice = Dice::new(11);
    let places: Vec<_> = (0..30).map(|n| place(n, &mut dice)).collect();
    let mut file = Vec::new();
    export::write_csv(&mut file, &places).unwrap();
    let first = import_csv(&db.conn, &file).await;
    let second = import_csv(&db.conn, &file).await;
    assert_eq!((first.imported, first.updated), (30, 0));
    assert_eq!((second.imported, second.updated), (0, 30));
    assert_eq!(store::count(&db.conn).await.unwrap(), 30);
}

#[tokio::test]
async fn a_dry_run_reports_what_the_import_would_do_without_writing() {
    let db = TestDb::migrated().await;
    let mut dice = Dice::new(5);
    let a = place(1, &mut dice);
    let file = csv_file(&[
        csv_row_with(&a, "id", &a.id),
        csv_row_with(&a, "nom", "Le même id"),
    ]);
    let report = import_file(&db.conn, file.as_bytes(), Format::Csv, true)
        .await
        .unwrap();
    assert_eq!((report.imported, report.refused_rows), (1, 1));
    assert_eq!(store::count(&db.conn).await.unwrap(), 0);
    let (entries, _) =
        maille::journal::store::list(&db.conn, &maille::journal::store::Scope::All, 0, 10)
            .await
            .unwrap();
    assert!(
        entries.is_empty(),
        "a dry run changes nothing, the journal neither"
    );
}

#[tokio::test]
async fn export_then_import_is_lossless_for_varied_places_in_csv_and_json() {
    let db = TestDb::migrated().await;
    let mut dice = Dice::new(2026);
    let places: Vec<_> = (0..200).map(|n| place(n, &mut dice)).collect();
    let mut csv = Vec::new();
    export::write_csv(&mut csv, &places).unwrap();
    import_csv(&db.conn, &csv).await;
    let mut stored: Vec<_> = store::all(&db.conn)
        .await
        .unwrap()
        .into_iter()
        .map(|s| s.place)
        .collect();
    let mut expected = places.clone();
    expected.sort_by(|a, b| a.id.cmp(&b.id));
    stored.sort_by(|a, b| a.id.cmp(&b.id));
    assert_eq!(stored.len(), expected.len());
    for (read, written) in stored.iter().zip(&expected) {
        assert_eq!(read, written, "{} through CSV and the database", written.id);
    }
    let mut json = Vec::new();
    export::write_json(&mut json, &places).unwrap();
    let from_json: Vec<_> = import::parse_all(&json, Format::Json)
        .unwrap()
        .places
        .into_iter()
        .map(|(_, p)| p)
        .collect();
    assert_eq!(from_json.len(), places.len());
    for (read, written) in from_json.iter().zip(&places) {
        for field in maille::places::Field::ALL {
            assert_eq!(
                read.column(field),
                written.column(field),
                "{} {field:?} through JSON",
                written.id
            );
        }
    }
}

#[test]
fn a_header_that_is_not_the_schemas_refuses_the_whole_file() {
    let err = parse_csv(b"id,nom,ville\n1,a,b\n").unwrap_err();
    assert!(
        matches!(&err, FileError::Header(m) if m.message().contains("« ville »")),
        "{err}"
    );
    let err = parse_csv(b"id,nom,commune\n1,a,b\n").unwrap_err();
    assert!(
        err.to_string()
            .contains("la colonne obligatoire « pivot » manque"),
        "{err}"
    );
    assert!(import::parse_all(b"{\"id\": 1}", Format::Json).is_err());
    let truncated = import::parse_all(b"[1, {\"id\": ", Format::Json).unwrap();
    assert_eq!(truncated.rejected.len(), 2);
    assert!(truncated.rejected[1].error.message().contains("incomplet"));
}

#[test]
fn json_accepts_lists_as_arrays_and_coordinates_as_numbers() {
    let json = r#"[{"id":"a","pivot":"123456789","nom":"Lieu","commune":"Cholet","code_postal":"49300",
        "adresse":"1 rue","date_maj":"2026-01-02","latitude":47.06,"longitude":-0.88,
        "services":["Aide aux démarches administratives","Accès internet et matériel informatique"]},
        {"id":"b","nom":"Sans pivot"}, "pas un objet"]"#;
    let parsed = import::parse_all(json.as_bytes(), Format::Json).unwrap();
    assert_eq!(parsed.places.len(), 1);
    assert_eq!(parsed.places[0].1.services.len(), 2);
    assert_eq!(parsed.places[0].1.latitude, Some(47.06));
    let lines: Vec<_> = parsed.rejected.iter().map(|r| r.line).collect();
    assert!(
        lines.contains(&2) && lines.contains(&3),
        "{:?}",
        parsed.rejected
    );
}

#[tokio::test]
async fn a_place_without_coordinates_is_placed_at_its_commune_flagged_approximate_and_exported_without_them()
 {
    let db = TestDb::migrated().await;
    let example = parse_csv(EXAMPLE.as_bytes()).unwrap().places.remove(0).1;
    let mut by_code = example.clone();
    (by_code.id, by_code.latitude, by_code.longitude) = ("par-code".into(), None, None);
    let mut by_name = by_code.clone();
    (by_name.id, by_name.code_insee) = ("par-nom".into(), None);
    let mut unknown = by_name.clone();
    (unknown.id, unknown.commune, unknown.code_postal) =
        ("inconnu".into(), "Nulle-Part".into(), "00000".into());
    let mut file = Vec::new();
    export::write_csv(&mut file, [&by_code, &by_name, &unknown]).unwrap();
    import_csv(&db.conn, &file).await;

    let reims = maille::territory::Communes::get()
        .by_insee("51454")
        .unwrap();
    for id in ["par-code", "par-nom"] {
        let stored = store::find(&db.conn, id).await.unwrap().unwrap();
        assert!(stored.position_approximate, "{id}");
        assert_eq!(
            (stored.place.latitude, stored.place.longitude),
            (Some(reims.latitude), Some(reims.longitude)),
            "{id}"
        );
    }
    let lost = store::find(&db.conn, "inconnu").await.unwrap().unwrap();
    assert!(!lost.position_approximate && lost.place.latitude.is_none());

    let index = maille::places::index::PlaceIndex::new(store::all(&db.conn).await.unwrap());
    assert_eq!(
        index.len(),
        2,
        "the located places can be found by proximity"
    );

    let published: Vec<_> = store::all(&db.conn)
        .await
        .unwrap()
        .iter()
        .map(|s| s.published())
        .collect();
    let mut out = Vec::new();
    export::write_csv(&mut out, &published).unwrap();
    let reread = parse_csv(&out).unwrap();
    let ids_without_position = reread
        .places
        .iter()
        .filter(|(_, p)| p.latitude.is_none())
        .count();
    assert_eq!(
        ids_without_position, 3,
        "Maille's guesses are not published as the producer's data"
    );
}

#[tokio::test]
async fn each_schema_field_has_its_column_a_place_with_every_field_filled_reads_back_the_same() {
    use maille::places::{Field, Place, vocabulary};
    let db = TestDb::migrated().await;
    let place = Place {
        id: "tous-les-champs".into(),
        pivot: "12345678900011".into(),
        nom: "Espace numérique « complet »".into(),
        commune: "Cholet".into(),
        code_postal: "49300".into(),
        code_insee: Some("49099".into()),
        adresse: "3 rue des Lilas".into(),
        complement_adresse: Some("Bâtiment B".into()),
        latitude: Some(47.06),
        longitude: Some(-0.879),
        typologie: vec!["CS".into(), "TIERS_LIEUX".into()],
        telephone: Some("+33241000000".into()),
        courriels: vec!["accueil@exemple.fr".into()],
        site_web: vec!["https://exemple.fr".into()],
        horaires: Some("Mo-Fr 09:00-12:00".into()),
        presentation_resume: Some("Un lieu".into()),
        presentation_detail: Some("Un lieu, en détail".into()),
        source: Some("Maille".into()),
        itinerance: vec!["Fixe"],
        structure_parente: Some("Centre social".into()),
        date_maj: chrono::NaiveDate::from_ymd_opt(2026, 11, 23).unwrap(),
        services: vocabulary::SERVICES.values[..2].to_vec(),
        publics_specifiquement_adresses: vocabulary::PUBLICS.values[..1].to_vec(),
        prise_en_charge_specifique: vocabulary::SPECIFIC_SUPPORT.values[..1].to_vec(),
        frais_a_charge: vocabulary::FEES.values[..1].to_vec(),
        dispositif_programmes_nationaux: vocabulary::NATIONAL_PROGRAMMES.values[..1].to_vec(),
        formations_labels: vocabulary::TRAININGS_LABELS.values[..1].to_vec(),
        autres_formations_labels: Some("Label local".into()),
        modalites_acces: vocabulary::ACCESS_MODES.values[..1].to_vec(),
        modalites_accompagnement: vocabulary::SUPPORT_MODES.values[..1].to_vec(),
        fiche_acces_libre: Some("https://acceslibre.beta.gouv.fr/x".into()),
        prise_rdv: Some("https://rdv.exemple.fr".into()),
    };
    for field in Field::ALL {
        assert!(!place.value(field).is_empty(), "{field:?} left empty");
    }
    store::save(&db.conn, &store::StoredPlace::located(place.clone()))
        .await
        .unwrap();
    let read = store::find(&db.conn, &place.id).await.unwrap().unwrap();
    for field in Field::ALL {
        assert_eq!(read.place.column(field), place.column(field), "{field:?}");
    }
}

#[tokio::test]
async fn a_file_saved_by_a_french_spreadsheet_imports_like_the_original() {
    // The official example as Excel saves « CSV (séparateur : point-virgule) »
    // in France: semicolons, Windows-1252, CRLF.
    let mut reader = csv::Reader::from_reader(EXAMPLE.as_bytes());
    let mut writer = csv::WriterBuilder::new()
        .delimiter(b';')
        .terminator(csv::Terminator::CRLF)
        .from_writer(Vec::new());
    writer.write_record(reader.headers().unwrap()).unwrap();
    for record in reader.records() {
        writer.write_record(&record.unwrap()).unwrap();
    }
    let utf8 = String::from_utf8(writer.into_inner().unwrap()).unwrap();
    let (spreadsheet, _, unmappable) = encoding_rs::WINDOWS_1252.encode(&utf8);
    assert!(!unmappable);
    assert!(
        std::str::from_utf8(&spreadsheet).is_err(),
        "the test file is not UTF-8"
    );
    let db = TestDb::migrated().await;
    let report = import_csv(&db.conn, &spreadsheet).await;
    assert_eq!(
        (report.imported, report.refused_rows),
        (1, 0),
        "{:?}",
        report.rejected
    );
    let stored = store::all(&db.conn).await.unwrap();
    let original = parse_csv(EXAMPLE.as_bytes()).unwrap();
    assert_eq!(stored[0].place, original.places[0].1);
}

#[tokio::test]
async fn a_position_far_from_its_commune_is_imported_but_flagged_for_review() {
    let mut dice = Dice::new(11);
    // In Cholet, at Cholet's town hall; and « in Cholet » at Marseille.
    let mut near = place(1, &mut dice);
    (near.latitude, near.longitude) = (Some(47.0600), Some(-0.8790));
    let mut far = place(2, &mut dice);
    (far.latitude, far.longitude) = (Some(43.2965), Some(5.3698));
    let file = csv_file(&[csv_row_with(&near, "", ""), csv_row_with(&far, "", "")]);
    let db = TestDb::migrated().await;
    let report = import_csv(&db.conn, file.as_bytes()).await;
    assert_eq!(
        (report.imported, report.refused_rows),
        (2, 0),
        "both are kept"
    );
    assert_eq!(report.to_review_rows, 1);
    let flagged = &report.to_review[0];
    assert_eq!((flagged.line, &*flagged.error.field), (3, "latitude"));
    assert_eq!(flagged.error.value, "43.2965, 5.3698");
    let message = flagged.error.message();
    assert!(message.contains("km de Cholet"), "{message}");
    let json = serde_json::to_value(&report).unwrap();
    assert_eq!(json["to_review"][0]["line"], 3);
}

#[tokio::test]
async fn hours_in_words_are_imported_in_osm_and_unreadable_hours_refuse_their_row() {
    let db = TestDb::migrated().await;
    let mut dice = Dice::new(11);
    let (a, b, c) = (
        place(1, &mut dice),
        place(2, &mut dice),
        place(3, &mut dice),
    );
    let file = csv_file(&[
        csv_row_with(
            &a,
            "horaires",
            "du lundi au vendredi de 9h à 12h, fermé les jours fériés",
        ),
        csv_row_with(&b, "horaires", "le matin, sur rendez-vous"),
        csv_row_with(&c, "horaires", "Mo-Fr 25:00-26:00"),
    ]);
    let report = import_csv(&db.conn, file.as_bytes()).await;
    assert_eq!(report.imported, 1, "{:#?}", report.rejected);
    let stored = store::find(&db.conn, &a.id).await.unwrap().unwrap();
    assert_eq!(
        stored.place.horaires.as_deref(),
        Some("Mo-Fr 09:00-12:00; PH off")
    );
    let refused: Vec<_> = report
        .rejected
        .iter()
        .map(|r| (r.line, &*r.error.field))
        .collect();
    assert_eq!(refused, [(3, "horaires"), (4, "horaires")]);
    assert!(
        report.rejected[0]
            .error
            .message()
            .contains("« matin » n’est pas compris")
    );
}
