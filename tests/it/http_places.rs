//! The public search for places, through the router: no account, no
//! JavaScript, no cookie.

use axum::http::StatusCode;
use maille::places::store;

use crate::support::TestApp;

/// The ids of the listed places, in order.
fn listed_ids(body: &str) -> Vec<String> {
    body.match_indices("<h3><a href=\"/lieux/")
        .map(|(i, m)| {
            let rest = &body[i + m.len()..];
            rest[..rest.find(['"', '?']).unwrap()].to_owned()
        })
        .collect()
}

#[tokio::test]
async fn a_search_for_cholet_lists_the_nearest_places_first_with_their_distance() {
    let app = TestApp::with_demo_places().await;
    let page = app.visitor().get("/lieux?q=Cholet").await;
    assert_eq!(page.status, StatusCode::OK);
    page.assert_contains("Les 100 lieux les plus proches de Cholet (49300)");
    let ids = listed_ids(&page.body);
    assert_eq!(ids.len(), 10, "ten per page");
    let index = app.places().index();
    let expected: Vec<_> = index
        .nearest(46.99519, -0.89449, &Default::default(), None)
        .take(10)
        .map(|(p, _)| p.id().to_owned())
        .collect();
    assert_eq!(ids, expected, "nearest first from Cholet's town hall");
    page.assert_contains("<strong>à ");
}

#[tokio::test]
async fn filters_keep_only_places_offering_everything_ticked() {
    let app = TestApp::with_demo_places().await;
    let service = "Acquisition de matériel informatique à prix solidaire";
    let path = format!(
        "/lieux?q=49300&service={}&gratuit=1",
        service.replace(' ', "+")
    );
    let page = app.visitor().get(&path).await;
    let ids = listed_ids(&page.body);
    assert!(!ids.is_empty());
    for id in ids {
        let place = store::find(app.conn(), &id).await.unwrap().unwrap().place;
        assert!(
            place.services.contains(&service) && place.frais_a_charge.contains(&"Gratuit"),
            "{id}"
        );
    }
    page.assert_contains("checked><label for=\"gratuit\">");
}

#[tokio::test]
async fn on_a_results_page_the_filters_stay_folded_and_say_what_is_ticked() {
    let app = TestApp::with_demo_places().await;
    let page = app
        .visitor()
        .get("/lieux?q=Cholet&service=Aide+aux+d%C3%A9marches+administratives&gratuit=1")
        .await;
    assert!(!listed_ids(&page.body).is_empty());
    // Folded, so on a phone the results follow the search field at once.
    page.assert_contains("<details>\n<summary>Affiner la recherche (2 critères choisis)</summary>");
    page.assert_contains("Critères\u{a0}: Aide aux démarches administratives · Gratuit");
    let unfiltered = app.visitor().get("/lieux?q=Cholet").await;
    unfiltered.assert_contains("<details>\n<summary>Affiner la recherche</summary>");
    assert!(!unfiltered.body.contains("Critères\u{a0}:"));
}

#[tokio::test]
async fn when_nothing_matches_the_ticked_filters_they_are_shown_to_untick() {
    let app = TestApp::with_demo_places().await;
    let page = app
        .visitor()
        .get("/lieux?q=Cholet&prise_en_charge=Surdit%C3%A9&prise_en_charge=Illettrisme&public=Femmes&public=%C3%89tudiants&accessible=1")
        .await;
    page.assert_contains("Aucun lieu ne correspond");
    page.assert_contains("<details open>");
}

#[tokio::test]
async fn every_page_of_a_filtered_search_lists_what_a_full_walk_of_the_index_finds() {
    use maille::places::index::Filters;
    let app = TestApp::with_demo_places().await;
    let index = app.places().index();
    let service = "Acquisition de matériel informatique à prix solidaire";
    let cases = [
        ("", Filters::default()),
        (
            "&gratuit=1",
            Filters {
                free: true,
                ..Filters::default()
            },
        ),
        (
            "&service=Acquisition+de+mat%C3%A9riel+informatique+%C3%A0+prix+solidaire&gratuit=1",
            Filters {
                services: vec![service],
                free: true,
                ..Filters::default()
            },
        ),
        (
            "&public=Seniors&accessible=1",
            Filters {
                publics: vec!["Seniors"],
                accessible: true,
                ..Filters::default()
            },
        ),
    ];
    for (query, filters) in cases {
        let all: Vec<String> = index
            .nearest(46.99519, -0.89449, &filters, None)
            .take(100)
            .map(|(p, _)| p.id().to_owned())
            .collect();
        let total = if all.len() == 100 {
            "Les 100 lieux les plus proches de Cholet".to_owned()
        } else {
            format!("{} lieu", all.len())
        };
        for page in 1..=all.len().div_ceil(10).min(3) {
            let path = format!("/lieux?q=Cholet{query}&page={page}");
            let body = app.visitor().get(&path).await.body;
            assert!(body.contains(&total), "{path}: {total}");
            let expected: Vec<String> =
                all.iter().skip((page - 1) * 10).take(10).cloned().collect();
            assert_eq!(listed_ids(&body), expected, "{path}");
        }
    }
}

/// The text of a gzipped body.
fn gunzip(raw: &[u8]) -> String {
    use std::io::Read;
    let mut text = String::new();
    flate2::read::GzDecoder::new(raw)
        .read_to_string(&mut text)
        .expect("a gzip body");
    text
}

#[tokio::test]
async fn a_browser_taking_gzip_gets_the_same_results_page_compressed_every_time() {
    let app = TestApp::with_demo_places().await;
    let path = "/lieux?q=Cholet&gratuit=1";
    let plain = app.visitor().get(path).await;
    assert!(plain.headers.get("content-encoding").is_none());
    for _ in 0..2 {
        // Written, then kept for the minute: both gzipped.
        let gzipped = app
            .visitor()
            .get_with(path, &[("accept-encoding", "gzip, deflate, br")])
            .await;
        assert_eq!(gzipped.headers["content-encoding"], "gzip");
        assert_eq!(gzipped.headers["vary"], "accept-encoding");
        assert!(gzipped.content_type().starts_with("text/html"));
        assert!(gzipped.raw.len() < plain.raw.len() / 3);
        assert_eq!(gunzip(&gzipped.raw), plain.body);
    }
    let api = "/api/v1/places?q=Cholet&limit=5";
    let plain = app.visitor().get(api).await;
    let gzipped = app
        .visitor()
        .get_with(api, &[("accept-encoding", "gzip")])
        .await;
    assert_eq!(gzipped.headers["content-encoding"], "gzip");
    assert_eq!(gzipped.content_type(), "application/json");
    assert_eq!(gunzip(&gzipped.raw), plain.body);
    let refused = app
        .visitor()
        .get_with(api, &[("accept-encoding", "gzip;q=0")])
        .await;
    assert!(refused.headers.get("content-encoding").is_none());
    assert_eq!(refused.body, plain.body);
}

#[tokio::test]
async fn an_unknown_commune_is_explained_next_to_the_field() {
    let app = TestApp::with_demo_places().await;
    let page = app.visitor().get("/lieux?q=Zzyzx-sur-Rien").await;
    assert_eq!(page.status, StatusCode::OK);
    page.assert_contains("Nous ne trouvons pas de commune pour « Zzyzx-sur-Rien »");
    page.assert_contains("aria-invalid=\"true\"");
    page.assert_contains("value=\"Zzyzx-sur-Rien\"");
}

#[tokio::test]
async fn when_nothing_is_near_the_page_says_so_and_shows_the_nearest_anyway() {
    let app = TestApp::with_demo_places().await;
    let page = app.visitor().get("/lieux?q=Strasbourg").await;
    page.assert_contains("Aucun lieu à moins de 20\u{a0}km");
    assert_eq!(listed_ids(&page.body).len(), 10);
}

#[tokio::test]
async fn result_pages_link_to_each_other_and_keep_the_filters() {
    let app = TestApp::with_demo_places().await;
    let mut visitor = app.visitor();
    let first = visitor.get("/lieux?q=Angers&gratuit=1").await;
    first.assert_contains("Page 1 sur");
    let next = first
        .body
        .split("href=\"")
        .find_map(|s| {
            s.split_once("\" rel=\"next\"")
                .map(|(href, _)| href.to_owned())
        })
        .unwrap();
    assert!(
        next.contains("gratuit=1") && next.contains("page=2"),
        "{next}"
    );
    let second = visitor
        .get(&next.replace("&#38;", "&").replace("&amp;", "&"))
        .await;
    second.assert_contains("Page 2 sur");
    second.assert_contains("rel=\"prev\"");
    let overlap: Vec<_> = listed_ids(&second.body)
        .into_iter()
        .filter(|id| listed_ids(&first.body).contains(id))
        .collect();
    assert!(overlap.is_empty(), "page 2 repeats {overlap:?}");
}

#[tokio::test]
async fn a_commune_name_shared_by_others_offers_them() {
    let app = TestApp::with_demo_places().await;
    let page = app.visitor().get("/lieux?q=Saint-Denis").await;
    page.assert_contains("Vous cherchiez une autre commune");
}

#[tokio::test]
async fn a_place_page_says_how_to_get_there_and_an_unknown_place_is_404() {
    let app = TestApp::with_demo_places().await;
    let mut visitor = app.visitor();
    let page = visitor.get("/lieux/demo-cholet").await;
    assert_eq!(page.status, StatusCode::OK);
    page.assert_contains("<h1>Centre social du Val de Moine</h1>");
    page.assert_contains("8 rue du Bois Régnier");
    page.assert_contains("<a href=\"tel:+33241000001\">02 41 00 00 01</a>");
    page.assert_contains("Aide aux démarches administratives");
    assert_eq!(
        visitor.get("/lieux/n-existe-pas").await.status,
        StatusCode::NOT_FOUND
    );
}

#[tokio::test]
async fn searching_and_reading_places_sets_no_cookie_and_stays_light() {
    let app = TestApp::with_demo_places().await;
    let mut visitor = app.visitor();
    for path in ["/", "/lieux", "/lieux?q=Cholet", "/lieux/demo-angers"] {
        let page = visitor.get(path).await;
        assert!(page.set_cookies().is_empty(), "{path}");
        // At most the optional « autour de moi » script, external and deferred.
        for (i, _) in page.body.match_indices("<script") {
            assert!(
                page.body[i..].starts_with("<script src=\"/static/autour-"),
                "{path}"
            );
        }
        assert!(
            page.body.len() + 6 * 1024 < 30 * 1024,
            "{path} weighs {} B",
            page.body.len()
        );
    }
}

#[tokio::test]
async fn open_now_keeps_only_places_open_at_this_moment() {
    let app = TestApp::new().await;
    let mut dice = crate::support::places::Dice::new(5);
    let mut always = crate::support::places::place(1, &mut dice);
    always.horaires = Some("24/7".into());
    let mut never = crate::support::places::place(2, &mut dice);
    never.horaires = Some("Mo-Su off".into());
    never.latitude = always.latitude;
    never.longitude = always.longitude;
    let stored = [always, never].map(|place| store::StoredPlace {
        place,
        organization_id: None,
        position_approximate: false,
    });
    store::upsert_all(app.conn(), &stored).await.unwrap();
    app.places().reload(app.conn()).await.unwrap();
    let all = app.visitor().get("/lieux?q=Cholet").await;
    assert_eq!(listed_ids(&all.body), ["lieu-1", "lieu-2"]);
    all.assert_contains("<p>Ouvert</p>");
    all.assert_contains("<p>Fermé</p>");
    let open = app.visitor().get("/lieux?q=Cholet&ouvert=1").await;
    assert_eq!(listed_ids(&open.body), ["lieu-1"]);
    open.assert_contains("checked><label for=\"ouvert\">Ouvert maintenant</label>");
}

#[tokio::test]
async fn a_place_page_says_its_week_in_french_words() {
    let app = TestApp::with_demo_places().await;
    let page = app.visitor().get("/lieux/demo-cholet").await;
    page.assert_contains(
        "du lundi au vendredi : 9 h – 12 h, 14 h – 18 h ; samedi : 9 h – 12 h ; dimanche : fermé ; fermé les jours fériés",
    );
    assert!(
        page.body.contains("Ouvert") || page.body.contains("Fermé"),
        "a status is shown"
    );
}

#[tokio::test]
async fn a_search_lists_at_most_the_hundred_nearest_over_ten_pages() {
    let app = TestApp::with_demo_places().await;
    let mut visitor = app.visitor();
    let first = visitor.get("/lieux?q=Angers").await;
    first.assert_contains("Les 100 lieux les plus proches d’Angers (49000)");
    first.assert_contains("Page 1 sur 10");
    let beyond = visitor.get("/lieux?q=Angers&page=50").await;
    beyond.assert_contains("Page 10 sur 10");
    assert_eq!(listed_ids(&beyond.body).len(), 10);
}

#[tokio::test]
async fn autour_de_moi_searches_around_a_position_and_pages_keep_it() {
    let app = TestApp::with_demo_places().await;
    let mut visitor = app.visitor();
    let home = visitor.get("/").await;
    home.assert_contains("<button type=\"button\" id=\"autour\" class=\"secondary\" hidden data-searching=\"Recherche de votre position…\"");
    let page = visitor.get("/lieux?lat=47.06&lon=-0.88").await;
    assert_eq!(page.status, StatusCode::OK);
    page.assert_contains("autour de votre position");
    page.assert_contains("lat=47.06000&#38;lon=-0.88000&#38;page=2");
    let script = visitor.get(maille::web::assets::around_me_path()).await;
    assert!(script.content_type().starts_with("text/javascript"));
    assert!(script.body.contains("navigator.geolocation"));
}

#[tokio::test]
async fn an_overseas_commune_lists_no_place_across_the_ocean_and_says_so() {
    let app = TestApp::with_demo_places().await;
    let page = app.visitor().get("/lieux?q=Cayenne").await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(
        listed_ids(&page.body).is_empty(),
        "the demo places are in Maine-et-Loire"
    );
    page.assert_contains("Aucun lieu de médiation numérique n’est encore connu dans ce territoire");
    assert!(!page.body.contains("km</strong>"));
}

#[tokio::test]
async fn a_misspelled_commune_offers_the_likely_one_and_one_click_leads_to_results() {
    let app = TestApp::with_demo_places().await;
    let mut visitor = app.visitor();
    let page = visitor.get("/lieux?q=Chollet").await;
    page.assert_contains("Vouliez-vous dire");
    let start = page.body.find("Vouliez-vous dire").unwrap();
    let link_at = page.body[start..].find("<a href=\"").unwrap() + start + 9;
    let link = &page.body[link_at..link_at + page.body[link_at..].find('"').unwrap()];
    assert!(link.contains("q=Cholet"), "{link}");
    let results = visitor.get(&link.replace("&#38;", "&")).await;
    results.assert_contains("lieux les plus proches de Cholet (49300)");
    assert_eq!(listed_ids(&results.body).len(), 10);
}

#[tokio::test]
async fn a_place_found_by_a_search_leads_back_to_that_search() {
    let app = TestApp::with_demo_places().await;
    let mut visitor = app.visitor();
    let results = visitor.get("/lieux?q=Cholet&gratuit=1&page=2").await;
    let at = results.body.find("<h3><a href=\"").unwrap() + 13;
    let link = &results.body[at..at + results.body[at..].find('"').unwrap()];
    let place = visitor.get(&link.replace("&#38;", "&")).await;
    place.assert_contains(
        "<a href=\"/lieux?q=Cholet&#38;gratuit=1&#38;page=2\">Nouvelle recherche</a>",
    );
    // Reached otherwise, or with something else than a search, it starts afresh.
    let id = &listed_ids(&results.body)[0];
    let direct = visitor
        .get(&format!("/lieux/{id}?depuis=evil%3Dhttps%3A%2F%2Fx"))
        .await;
    direct.assert_contains("<a href=\"/lieux\">Nouvelle recherche</a>");
}

#[tokio::test]
async fn open_now_with_nothing_open_says_when_the_nearest_opens() {
    // A Sunday at 11:00: the centre opens on weekdays only.
    let sunday = chrono::DateTime::parse_from_rfc3339("2026-11-29T11:00:00+01:00")
        .unwrap()
        .with_timezone(&chrono::Utc);
    let app = TestApp::with(|c| c.opening_hours_at = Some(sunday)).await;
    let mut dice = crate::support::places::Dice::new(5);
    let mut centre = crate::support::places::place(1, &mut dice);
    centre.horaires = Some("Mo-Fr 09:00-12:00".into());
    (centre.latitude, centre.longitude) = (Some(47.06), Some(-0.879));
    store::upsert_all(app.conn(), &[store::StoredPlace::located(centre)])
        .await
        .unwrap();
    app.places().reload(app.conn()).await.unwrap();
    let page = app.visitor().get("/lieux?q=Cholet&ouvert=1").await;
    assert!(listed_ids(&page.body).is_empty());
    page.assert_contains("aucun n’est ouvert en ce moment");
    page.assert_contains("ouvre demain à 9 h");
}
