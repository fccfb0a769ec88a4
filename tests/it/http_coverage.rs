//! Coverage through the router: the API, the public page, its map and CSV.

use axum::http::StatusCode;

use maille::places::store::{self, StoredPlace};

use crate::support::TestApp;
use crate::support::places::{Dice, place};

#[tokio::test]
async fn the_api_gives_totals_and_the_uncovered_communes_most_populated_first() {
    let app = TestApp::with_demo_places().await;
    let page = app
        .visitor()
        .get("/api/v1/coverage?radius_km=5&department=49")
        .await;
    assert_eq!(page.status, StatusCode::OK);
    let body = page.json();
    assert_eq!(body["communes"], 176);
    let listed = body["communes_list"].as_array().unwrap();
    assert_eq!(
        listed.len() as u64,
        body["uncovered_communes"].as_u64().unwrap()
    );
    let people: u64 = listed
        .iter()
        .map(|c| c["population"].as_u64().unwrap())
        .sum();
    assert_eq!(people, body["uncovered_population"].as_u64().unwrap());
    let populations: Vec<u64> = listed
        .iter()
        .map(|c| c["population"].as_u64().unwrap())
        .collect();
    assert!(populations.windows(2).all(|w| w[0] >= w[1]));
    assert!(
        listed
            .iter()
            .all(|c| c["distance_km"].as_f64().unwrap() > 5.0)
    );
}

#[tokio::test]
async fn a_rarer_service_leaves_more_people_uncovered_than_any_service() {
    let app = TestApp::with_demo_places().await;
    let mut visitor = app.visitor();
    let any = visitor.get("/api/v1/coverage?department=49").await.json();
    let service = "Acquisition+de+mat%C3%A9riel+informatique+%C3%A0+prix+solidaire";
    let rare = visitor
        .get(&format!("/api/v1/coverage?department=49&service={service}"))
        .await
        .json();
    assert!(rare["uncovered_population"].as_u64() >= any["uncovered_population"].as_u64());
    assert_eq!(rare["radius_km"], 10.0, "ten km by default");
}

#[tokio::test]
async fn bad_coverage_parameters_are_problems_naming_each_field() {
    let app = TestApp::new().await;
    let page = app
        .visitor()
        .get("/api/v1/coverage?radius_km=abc&department=49&region=52&service=x")
        .await;
    assert_eq!(page.status, StatusCode::BAD_REQUEST);
    assert_eq!(page.content_type(), "application/problem+json");
    let fields: Vec<String> = page.json()["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["field"].as_str().unwrap().to_owned())
        .collect();
    assert_eq!(fields, ["radius_km", "service", "region"]);
}

#[tokio::test]
async fn the_page_shows_figures_a_map_the_same_data_as_tables_and_a_csv() {
    let app = TestApp::with_demo_places().await;
    let mut visitor = app.visitor();
    let page = visitor
        .get("/couverture?radius_km=5&department=49&region=")
        .await;
    assert_eq!(page.status, StatusCode::OK);
    page.assert_contains("Maine-et-Loire (49) : à plus de 5 km d’un lieu");
    page.assert_contains(r#"value="49 – Maine-et-Loire""#);
    page.assert_contains(r#"<option value="85 – Vendée">"#);
    page.assert_contains("Communes par distance");
    page.assert_contains("<img src=\"/couverture/carte.svg?radius_km=5&#38;department=49\"");
    assert!(page.body.len() < 30 * 1024, "{} bytes", page.body.len());

    let map = visitor
        .get("/couverture/carte.svg?radius_km=5&department=49")
        .await;
    assert_eq!(map.content_type(), "image/svg+xml");
    assert!(map.body.contains("<title id=\"titre\">") && map.body.contains("Maine-et-Loire"));

    // For a French spreadsheet: a BOM, semicolons, a decimal comma, headers in words.
    let csv = visitor
        .get("/couverture.csv?radius_km=5&department=49")
        .await;
    assert!(csv.content_type().starts_with("text/csv"));
    let lines: Vec<&str> = csv.body.lines().collect();
    assert_eq!(
        lines[0],
        "\u{feff}Code INSEE;Commune;Département;Population;Distance au lieu le plus proche (km);Couverte"
    );
    assert_eq!(lines.len(), 1 + 176, "every commune of the department");
    let distance = lines[1].split(';').nth(4).unwrap();
    assert!(
        distance.contains(',') && !distance.contains('.'),
        "{distance}"
    );
    // For programs, the same figures as the JSON's names and numbers.
    let raw = visitor
        .get("/couverture.csv?radius_km=5&department=49&brut=1")
        .await;
    let raw_lines: Vec<&str> = raw.body.lines().collect();
    assert_eq!(
        raw_lines[0],
        "code_insee,nom,departement,population,distance_km,couverte"
    );
    assert_eq!(raw_lines.len(), lines.len());
    assert_eq!(
        raw_lines[1].split(',').nth(4).unwrap(),
        distance.replace(',', ".")
    );
}

#[tokio::test]
async fn a_refused_question_is_explained_next_to_its_field_without_results() {
    let app = TestApp::new().await;
    let page = app
        .visitor()
        .get("/couverture?radius_km=loin&department=49&region=52")
        .await;
    assert_eq!(page.status, StatusCode::OK);
    page.assert_contains("<a href=\"#radius_km\">Nombre attendu entre 0 et 500");
    page.assert_contains("Donnez un département ou une région, pas les deux.");
    page.assert_contains("aria-invalid=\"true\"");
    assert!(!page.body.contains("Communes par distance"));
    let map = app
        .visitor()
        .get("/couverture/carte.svg?radius_km=loin")
        .await;
    assert_eq!(map.status, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn the_page_opens_on_the_territory_of_the_instances_places() {
    let app = TestApp::with_demo_places().await;
    let page = app.visitor().get("/couverture").await;
    assert_eq!(page.status, StatusCode::OK);
    page.assert_contains("Maine-et-Loire (49) : à plus de 10 km d’un lieu");
    page.assert_contains(r#"id="department" name="department" type="text" list="departements" autocomplete="off" value="49 – Maine-et-Loire""#);
}

#[tokio::test]
async fn a_department_is_chosen_by_name_or_number_and_an_unknown_one_is_explained() {
    let app = TestApp::with_demo_places().await;
    let mut visitor = app.visitor();
    for typed in ["maine+et+loire", "49", "49+%E2%80%93+Maine-et-Loire"] {
        let page = visitor
            .get(&format!("/couverture?radius_km=10&department={typed}"))
            .await;
        page.assert_contains("Maine-et-Loire (49) : à plus de 10 km d’un lieu");
    }
    let page = visitor
        .get("/couverture?radius_km=10&department=Maine-et-Loir")
        .await;
    page.assert_contains("Département inconnu : écrivez son nom ou son numéro");
    page.assert_contains(r#"value="Maine-et-Loir""#);
}

#[tokio::test]
async fn counts_in_sentences_are_grouped_by_thousands() {
    let app = TestApp::with_demo_places().await;
    let page = app.visitor().get("/couverture?radius_km=1").await;
    assert_eq!(page.status, StatusCode::OK);
    // France has about 34,900 communes: nearly all are listed as « more ».
    let more = page
        .body
        .split("Et ")
        .nth(1)
        .and_then(|rest| rest.split(" autres communes").next())
        .expect("the count of communes not listed");
    assert!(more.contains('\u{202f}'), "{more}");
}

#[tokio::test]
async fn a_logged_in_person_opens_on_the_territory_of_their_own_places() {
    let (app, network) = TestApp::with_network().await;
    let mut dice = Dice::new(3);
    // Nine national places in Maine-et-Loire, one of Cholet's in Vendée.
    let mut places: Vec<StoredPlace> = (0..9)
        .map(|n| StoredPlace::located(place(n, &mut dice)))
        .collect();
    let mut vendee = place(9, &mut dice);
    vendee.commune = "La Roche-sur-Yon".into();
    vendee.code_postal = "85000".into();
    vendee.code_insee = Some("85191".into());
    let mut theirs = StoredPlace::located(vendee);
    theirs.organization_id = Some(network.cholet.id.clone());
    places.push(theirs);
    store::upsert_all(app.conn(), &places).await.unwrap();
    app.places().reload(app.conn()).await.unwrap();

    let visitor = app.visitor().get("/couverture").await;
    visitor.assert_contains("Maine-et-Loire (49) : à plus de 10 km d’un lieu");
    let mut manager = app.logged_in("direction.cholet@test.fr").await;
    let page = manager.get("/couverture").await;
    page.assert_contains("Vendée (85) : à plus de 10 km d’un lieu");
}
