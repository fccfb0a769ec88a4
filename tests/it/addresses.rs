//! The national address base: imported from a department's file, then a
//! typed address resolves to its door and the search counts from there.

use axum::http::StatusCode;
use maille::addresses::{self, import, store};

use crate::support::addresses::{HEADER, ban_csv, ban_csv_gz, rue_nationale};
use crate::support::{TestApp, TestDb};

#[tokio::test]
async fn a_departments_file_is_imported_once_whatever_how_often() {
    let db = TestDb::migrated().await;
    let report = import::run(&db.conn, std::io::Cursor::new(ban_csv_gz()))
        .await
        .unwrap();
    assert_eq!(report.imported, 60);
    assert_eq!(report.refused, 1);
    assert!(
        report.refusals[0]
            .1
            .contains("numéro illisible : « douze »"),
        "{:?}",
        report.refusals
    );
    // The same department again, not compressed this time: updated, never duplicated.
    import::run(&db.conn, std::io::Cursor::new(ban_csv().into_bytes()))
        .await
        .unwrap();
    assert_eq!(store::count(&db.conn).await.unwrap(), 60);
}

#[tokio::test]
async fn a_file_that_is_not_the_bans_is_refused_naming_the_missing_columns() {
    let db = TestDb::migrated().await;
    let error = import::run(&db.conn, std::io::Cursor::new(b"id,nom\n1,x\n".to_vec()))
        .await
        .unwrap_err();
    assert!(
        error.to_string().contains("il y manque les colonnes"),
        "{error}"
    );
    assert!(error.to_string().contains("numero"), "{error}");
    let half = HEADER.replace(";lat;", ";latitude;");
    let error = import::run(
        &db.conn,
        std::io::Cursor::new(format!("{half}\n").into_bytes()),
    )
    .await
    .unwrap_err();
    assert!(error.to_string().ends_with("les colonnes lat"), "{error}");
}

#[tokio::test]
async fn a_typed_address_resolves_to_its_door_with_abbreviations_and_accents_folded() {
    let db = TestDb::migrated().await;
    import::run(&db.conn, std::io::Cursor::new(ban_csv_gz()))
        .await
        .unwrap();
    let found = addresses::find(&db.conn, "12 rue Nationale Cholet")
        .await
        .unwrap()
        .unwrap();
    assert_eq!((found.latitude, found.longitude), rue_nationale(12));
    assert_eq!(found.label(), "12 Rue Nationale, 49300 Cholet");
    let bis = addresses::find(&db.conn, "12 bis RUE NATIONALE, 49300 cholet")
        .await
        .unwrap()
        .unwrap();
    assert_eq!(bis.label(), "12 bis Rue Nationale, 49300 Cholet");
    // No number 13: the nearest one on the street.
    let near = addresses::find(&db.conn, "13 rue nationale cholet")
        .await
        .unwrap()
        .unwrap();
    assert!(near.numero == 12 || near.numero == 14, "{}", near.numero);
    // « av. Foch » is the only avenue of Angers named Foch.
    let foch = addresses::find(&db.conn, "3 av. Foch Angers")
        .await
        .unwrap()
        .unwrap();
    assert_eq!(foch.label(), "3 Avenue du Maréchal Foch, 49000 Angers");
    let marechal = addresses::find(&db.conn, "3 av du Mal Foch, Angers")
        .await
        .unwrap()
        .unwrap();
    assert_eq!(marechal.id, foch.id);
    for unknown in [
        "12 rue Inconnue Cholet",
        "12 rue Nationale Angers",
        "Cholet",
        "49300",
    ] {
        assert!(
            addresses::find(&db.conn, unknown).await.unwrap().is_none(),
            "{unknown}"
        );
    }
}

#[tokio::test]
async fn the_search_counts_distances_from_a_typed_address_and_the_hint_promises_addresses_only_then()
 {
    let app = TestApp::with_demo_places().await;
    let home = app.visitor().get("/").await;
    home.assert_contains("Par exemple : Cholet ou 49300");
    assert!(
        !home.body.contains("rue Nationale"),
        "no address promised without a base"
    );
    let by_commune = app.visitor().get("/lieux?q=12+rue+Nationale+Cholet").await;
    by_commune.assert_contains("Cholet (49300)");

    import::run(app.conn(), std::io::Cursor::new(ban_csv_gz()))
        .await
        .unwrap();
    app.places().reload(app.conn()).await.unwrap();
    let home = app.visitor().get("/").await;
    home.assert_contains("ou 12 rue Nationale Cholet");
    let page = app.visitor().get("/lieux?q=12+rue+Nationale+Cholet").await;
    assert_eq!(page.status, StatusCode::OK);
    page.assert_contains("du 12 Rue Nationale, 49300 Cholet");
    assert_ne!(
        first_distance(&by_commune.body),
        first_distance(&page.body),
        "distances count from the door, not from the commune's centre"
    );
    // The API answers the same question by commune: unchanged.
    let api = app.visitor().get("/api/v1/places?q=Cholet").await;
    assert_eq!(api.status, StatusCode::OK);
}

/// The first distance written on a results page (« à 550 m »).
fn first_distance(body: &str) -> String {
    let start = body.find("<strong>à ").expect("a distance") + "<strong>".len();
    body[start..start + body[start..].find('<').unwrap()].to_owned()
}
