//! The workshop pages and API as their users meet them: an inhabitant finds
//! a session near Cholet, registers with a phone number and cancels from
//! the link; a refused form keeps what was typed; the public limit answers
//! with a French page; calendars open in a real iCalendar reader; a
//! mediator plans and takes attendance; another structure gets 404.

use axum::http::StatusCode;
use serde_json::json;

use crate::support::TestApp;
use crate::support::mediation::{bearer, token_of};
use crate::support::workshops::{move_start, place_of, session};
use maille::workshops::store::{self, seat};

/// The path of the registration page a redirect points to.
fn booking_path(location: &str) -> String {
    location.split('?').next().unwrap().to_owned()
}

#[tokio::test]
async fn an_inhabitant_finds_a_workshop_near_cholet_registers_with_a_phone_and_cancels_from_the_link()
 {
    let (app, network) = TestApp::with_network().await;
    place_of(app.conn(), &network.cholet, 1).await;
    let planned = session(app.conn(), &network.mediator_cholet, 48, 12).await;
    let mut visitor = app.visitor();
    let list = visitor.get("/ateliers?q=Cholet").await;
    assert_eq!(list.status, StatusCode::OK);
    list.assert_contains("Escape game : mes données personnelles");
    list.assert_contains("Il reste 12 places");
    list.assert_contains(&format!("/ateliers/{}", planned.id));
    let page = visitor.get(&format!("/ateliers/{}", planned.id)).await;
    page.assert_contains("M’inscrire");
    assert!(page.set_cookies().is_empty(), "a visitor gets no cookie");
    let done = visitor
        .post(
            &format!("/ateliers/{}/inscription", planned.id),
            &[
                ("name", "Awa"),
                ("phone", "06.12.34.56.78"),
                ("email", ""),
                ("consent", "oui"),
            ],
        )
        .await;
    assert_eq!(done.status, StatusCode::SEE_OTHER, "{}", done.body);
    let booking = booking_path(done.location().unwrap());
    let shown = visitor.get(done.location().unwrap()).await;
    shown.assert_contains("C’est noté.");
    shown.assert_contains("Votre place est réservée.");
    shown.assert_contains("Awa");
    // Cancelling asks first, then says so plainly; the link then says it is cancelled.
    let question = visitor.post(&format!("{booking}/annuler"), &[]).await;
    assert_eq!(question.status, StatusCode::OK);
    question.assert_contains("Annuler votre inscription ?");
    let cancelled = visitor
        .post(&format!("{booking}/annuler"), &[("confirme", "oui")])
        .await;
    assert_eq!(cancelled.status, StatusCode::SEE_OTHER);
    let after = visitor.get(&booking).await;
    after.assert_contains("Cette inscription est annulée.");
    assert!(!after.body.contains("Annuler mon inscription"));
    let again = visitor
        .post(&format!("{booking}/annuler"), &[("confirme", "oui")])
        .await;
    assert_eq!(again.status, StatusCode::CONFLICT);
    again.assert_contains("Cette inscription est annulée.");
    let row = store::find_public(app.conn(), &planned.id)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(row.confirmed, 0);
    // A made-up link is simply not found.
    let unknown = visitor
        .get("/inscriptions/0123456789abcdef0123456789abcdef")
        .await;
    assert_eq!(unknown.status, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn a_full_session_offers_the_waiting_list_and_tells_the_rank() {
    let (app, network) = TestApp::with_network().await;
    place_of(app.conn(), &network.cholet, 1).await;
    let planned = session(app.conn(), &network.mediator_cholet, 48, 1).await;
    let mut first = app.visitor();
    first
        .post(
            &format!("/ateliers/{}/inscription", planned.id),
            &[("name", "Awa"), ("phone", "0612345678"), ("consent", "oui")],
        )
        .await;
    let mut second = app.visitor();
    let page = second.get(&format!("/ateliers/{}", planned.id)).await;
    page.assert_contains("Complet : inscription sur liste d’attente");
    page.assert_contains("M’inscrire sur la liste d’attente");
    let done = second
        .post(
            &format!("/ateliers/{}/inscription", planned.id),
            &[
                ("name", "Jean"),
                ("email", "jean@example.org"),
                ("consent", "oui"),
            ],
        )
        .await;
    let shown = second.get(done.location().unwrap()).await;
    shown.assert_contains("Vous êtes sur la liste d’attente, rang 1.");
}

#[tokio::test]
async fn a_refused_registration_keeps_what_was_typed_and_names_each_field() {
    let (app, network) = TestApp::with_network().await;
    place_of(app.conn(), &network.cholet, 1).await;
    let planned = session(app.conn(), &network.mediator_cholet, 48, 12).await;
    let mut visitor = app.visitor();
    let refused = visitor
        .post(
            &format!("/ateliers/{}/inscription", planned.id),
            &[
                ("name", "Awa"),
                ("phone", "appelez-moi"),
                ("email", "pas-une-adresse"),
            ],
        )
        .await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    refused.assert_contains(r#"value="appelez-moi""#);
    refused.assert_contains(r#"value="Awa""#);
    refused.assert_contains("Numéro de téléphone attendu");
    refused.assert_contains("Cochez la case pour accepter d’être contacté·e");
    let row = store::find_public(app.conn(), &planned.id)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(row.confirmed, 0);
}

#[tokio::test]
async fn past_the_public_limit_a_visitor_gets_a_french_page_not_a_silent_drop() {
    let app = TestApp::with(|config| config.public_posts_per_minute = 2).await;
    let network = crate::support::Network::create(app.conn()).await;
    place_of(app.conn(), &network.cholet, 1).await;
    let planned = session(app.conn(), &network.mediator_cholet, 48, 12).await;
    let mut visitor = app.visitor();
    let path = format!("/ateliers/{}/inscription", planned.id);
    for n in 0..2 {
        let phone = format!("06123456{n:02}");
        let page = visitor
            .post(
                &path,
                &[("name", "Awa"), ("phone", &phone), ("consent", "oui")],
            )
            .await;
        assert_eq!(page.status, StatusCode::SEE_OTHER);
    }
    let limited = visitor
        .post(
            &path,
            &[("name", "Awa"), ("phone", "0612345699"), ("consent", "oui")],
        )
        .await;
    assert_eq!(limited.status, StatusCode::TOO_MANY_REQUESTS);
    assert!(limited.body.contains("lang=\"fr\""));
    // The same contact from another address is limited too.
    let mut elsewhere = app.visitor();
    let limited = elsewhere
        .post(
            &path,
            &[("name", "Awa"), ("phone", "0612345600"), ("consent", "oui")],
        )
        .await;
    assert_eq!(
        limited.status,
        StatusCode::SEE_OTHER,
        "already registered: found again"
    );
}

/// The events of an iCalendar text, read by an independent parser.
fn events(text: &str) -> Vec<ical::parser::ical::component::IcalEvent> {
    let reader = ical::IcalParser::new(std::io::BufReader::new(text.as_bytes()));
    reader
        .map(|calendar| calendar.expect("a valid calendar"))
        .flat_map(|calendar| calendar.events)
        .collect()
}

fn property<'a>(event: &'a ical::parser::ical::component::IcalEvent, name: &str) -> &'a str {
    event
        .properties
        .iter()
        .find(|p| p.name == name)
        .and_then(|p| p.value.as_deref())
        .unwrap_or_default()
}

#[tokio::test]
async fn the_session_the_booking_and_the_structures_feed_open_as_calendars() {
    let (app, network) = TestApp::with_network().await;
    place_of(app.conn(), &network.cholet, 1).await;
    let planned = session(app.conn(), &network.mediator_cholet, 48, 12).await;
    let mut visitor = app.visitor();
    let file = visitor
        .get(&format!("/ateliers/{}/calendrier.ics", planned.id))
        .await;
    assert_eq!(file.status, StatusCode::OK);
    assert!(file.content_type().starts_with("text/calendar"));
    let found = events(&file.body);
    assert_eq!(found.len(), 1);
    assert_eq!(property(&found[0], "SUMMARY"), planned.title);
    assert_eq!(
        property(&found[0], "DTSTART"),
        planned.starts_at.format("%Y%m%dT%H%M%SZ").to_string()
    );
    assert!(property(&found[0], "LOCATION").contains("Cholet"));

    let done = visitor
        .post(
            &format!("/ateliers/{}/inscription", planned.id),
            &[("name", "Awa"), ("phone", "0612345678"), ("consent", "oui")],
        )
        .await;
    let booking = booking_path(done.location().unwrap());
    let file = visitor.get(&format!("{booking}/calendrier.ics")).await;
    let found = events(&file.body);
    assert!(
        property(&found[0], "DESCRIPTION").contains(&booking),
        "{}",
        file.body
    );

    let slug = maille::organizations::store::find(app.conn(), &network.cholet.id)
        .await
        .unwrap()
        .unwrap()
        .slug;
    session(app.conn(), &network.mediator_cholet, 72, 8).await;
    let feed = visitor
        .get(&format!("/structures/{slug}/ateliers.ics"))
        .await;
    assert_eq!(feed.status, StatusCode::OK);
    assert_eq!(events(&feed.body).len(), 2);
    let none = visitor.get("/structures/nulle-part/ateliers.ics").await;
    assert_eq!(none.status, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn a_mediator_plans_a_session_from_a_format_then_takes_attendance_and_finds_the_activity() {
    let (app, network) = TestApp::with_network().await;
    place_of(app.conn(), &network.cholet, 1).await;
    let mut mediator = app.logged_in("mediation.cholet@test.fr").await;
    let list = mediator.get("/espace/ateliers").await;
    assert_eq!(list.status, StatusCode::OK);
    mediator.get("/espace/ateliers/formats/nouveau").await;
    let saved = mediator
        .post(
            "/espace/ateliers/formats/nouveau",
            &[
                ("title", "Murder party : le cyberharcèlement"),
                ("themes", "CultureNumerique"),
                ("game_kind", "MurderParty"),
                ("level", ""),
                ("duration_min", "150"),
                ("capacity", "16"),
            ],
        )
        .await;
    assert_eq!(saved.status, StatusCode::SEE_OTHER, "{}", saved.body);
    // The planning form starts valid: the format, a place, next week at 14 h.
    let form = mediator.get("/espace/ateliers/seances/nouvelle").await;
    form.assert_contains("Murder party : le cyberharcèlement (16 places, 150 min)");
    let format_id = store::formats_of(app.conn(), &network.cholet.id)
        .await
        .unwrap()[0]
        .id
        .clone();
    let date = regex::Regex::new(r#"id="date" name="date" type="text" value="([^"]+)""#)
        .unwrap()
        .captures(&form.body)
        .unwrap()[1]
        .to_owned();
    let planned = mediator
        .post(
            "/espace/ateliers/seances/nouvelle",
            &[
                ("format_id", &format_id),
                ("date", &date),
                ("time", "14:00"),
                ("mediators", "Karima"),
            ],
        )
        .await;
    assert_eq!(planned.status, StatusCode::SEE_OTHER, "{}", planned.body);
    let sessions = store::sessions_of(app.conn(), &network.cholet.id, chrono::Utc::now(), 10)
        .await
        .unwrap();
    assert_eq!(sessions.len(), 1);
    assert_eq!((sessions[0].capacity, sessions[0].duration_min), (16, 150));
    let id = sessions[0].id.clone();
    // Someone on the phone, registered by the mediator.
    let page = mediator
        .get(&format!("/espace/ateliers/seances/{id}"))
        .await;
    page.assert_contains("Inscrire quelqu’un");
    let added = mediator
        .post(
            &format!("/espace/ateliers/seances/{id}/inscrire"),
            &[
                ("name", "Mme Martin"),
                ("phone", "02 41 00 00 00"),
                ("consent", "oui"),
            ],
        )
        .await;
    assert_eq!(added.status, StatusCode::SEE_OTHER, "{}", added.body);
    // The session has started: attendance.
    move_start(app.conn(), &sessions[0], -1).await;
    let page = mediator
        .get(&format!("/espace/ateliers/seances/{id}"))
        .await;
    page.assert_contains("Prendre les présences");
    let registration = store::registrations_of(app.conn(), &id).await.unwrap()[0]
        .id
        .clone();
    let taken = mediator
        .post(
            &format!("/espace/ateliers/seances/{id}/presences"),
            &[
                ("present", &registration),
                ("walk_ins", "Jean\nLéa"),
                ("anonymous", ""),
            ],
        )
        .await;
    assert_eq!(taken.status, StatusCode::SEE_OTHER, "{}", taken.body);
    let page = mediator
        .get(&format!("/espace/ateliers/seances/{id}"))
        .await;
    page.assert_contains("3 participants");
    page.assert_contains("voir l’activité enregistrée");
    let activities = mediator.get("/espace/activites").await;
    activities.assert_contains("1 activité.");
    activities.assert_contains("Atelier collectif");
}

#[tokio::test]
async fn attendance_with_nobody_ticked_is_refused_and_names_the_field() {
    let (app, network) = TestApp::with_network().await;
    place_of(app.conn(), &network.cholet, 1).await;
    let planned = session(app.conn(), &network.mediator_cholet, 48, 12).await;
    move_start(app.conn(), &planned, -1).await;
    let mut mediator = app.logged_in("mediation.cholet@test.fr").await;
    mediator
        .get(&format!("/espace/ateliers/seances/{}", planned.id))
        .await;
    let refused = mediator
        .post(
            &format!("/espace/ateliers/seances/{}/presences", planned.id),
            &[("anonymous", "beaucoup")],
        )
        .await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    refused.assert_contains("Nombre entier attendu");
}

#[tokio::test]
async fn another_structures_session_is_not_found_and_a_visitor_is_sent_to_log_in() {
    let (app, network) = TestApp::with_network().await;
    place_of(app.conn(), &network.cholet, 1).await;
    let planned = session(app.conn(), &network.mediator_cholet, 48, 12).await;
    let mut angers = app.logged_in("mediation.angers@test.fr").await;
    let page = angers
        .get(&format!("/espace/ateliers/seances/{}", planned.id))
        .await;
    assert_eq!(page.status, StatusCode::NOT_FOUND);
    let mut coordinator = app.logged_in("coordination@test.fr").await;
    let page = coordinator.get("/espace/ateliers").await;
    assert_eq!(page.status, StatusCode::FORBIDDEN);
    let mut visitor = app.visitor();
    let page = visitor.get("/espace/ateliers").await;
    assert_eq!(page.status, StatusCode::SEE_OTHER);
}

#[tokio::test]
async fn the_api_plans_a_session_with_a_token_and_anyone_registers_without_one() {
    let (app, network) = TestApp::with_network().await;
    place_of(app.conn(), &network.cholet, 1).await;
    let token = token_of(app.conn(), &network.mediator_cholet).await;
    let mut script = app.visitor();
    let starts = (chrono::Utc::now() + chrono::Duration::days(12)).to_rfc3339();
    let created = script
        .json(
            "POST",
            "/api/v1/sessions",
            Some(json!({
                "title": "Escape game : mes données personnelles",
                "starts_at": starts,
                "duration_min": 120,
                "capacity": 1,
                "themes": ["CultureNumerique"],
            })),
            &[("authorization", &bearer(&token))],
        )
        .await;
    assert_eq!(created.status, StatusCode::CREATED, "{}", created.body);
    let session = created.json();
    let id = session["id"].as_str().unwrap().to_owned();
    assert_eq!(
        created.location(),
        Some(format!("/api/v1/sessions/{id}").as_str())
    );
    assert!(session["place_id"].as_str().is_some());

    let mut anyone = app.visitor();
    let shown = anyone
        .json("GET", &format!("/api/v1/sessions/{id}"), None, &[])
        .await;
    assert_eq!(shown.status, StatusCode::OK);
    assert_eq!(shown.json()["capacity"], 1);
    let path = format!("/api/v1/sessions/{id}/registrations");
    let first = anyone
        .json(
            "POST",
            &path,
            Some(json!({"name": "Awa", "phone": "06 12 34 56 78", "consent": true})),
            &[],
        )
        .await;
    assert_eq!(first.status, StatusCode::CREATED, "{}", first.body);
    assert_eq!(first.json()["status"], "confirmed");
    assert!(
        first.json()["link"]
            .as_str()
            .unwrap()
            .contains("/inscriptions/")
    );
    let second = anyone
        .json(
            "POST",
            &path,
            Some(json!({"name": "Jean", "email": "jean@example.org", "consent": true})),
            &[],
        )
        .await;
    assert_eq!(second.json()["status"], "waiting");
    assert_eq!(second.json()["rank"], 1);
    let again = anyone
        .json(
            "POST",
            &path,
            Some(json!({"name": "Awa", "phone": "0612345678", "consent": true})),
            &[],
        )
        .await;
    assert_eq!(again.status, StatusCode::OK);
    assert_eq!(again.json()["already"], true);
    let refused = anyone
        .json(
            "POST",
            &path,
            Some(json!({"name": "", "consent": "yes", "age": 3})),
            &[],
        )
        .await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    let named: Vec<_> = refused.json()["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["field"].as_str().unwrap().to_owned())
        .collect();
    assert!(
        named.contains(&"consent".to_owned()) && named.contains(&"age".to_owned()),
        "{named:?}"
    );
    let shown = anyone
        .json("GET", &format!("/api/v1/sessions/{id}"), None, &[])
        .await;
    assert_eq!(
        (
            shown.json()["confirmed"].clone(),
            shown.json()["waiting"].clone()
        ),
        (json!(1), json!(1))
    );
    let listed = anyone
        .json("GET", "/api/v1/sessions?commune=Cholet", None, &[])
        .await;
    assert_eq!(listed.json()["sessions"][0]["id"], id.as_str());
    let unknown = anyone
        .json("GET", "/api/v1/sessions?commune=Zzzzz", None, &[])
        .await;
    assert_eq!(unknown.status, StatusCode::BAD_REQUEST);

    // The list needs the structure's token; attendance records the activity.
    let list = anyone.json("GET", &path, None, &[]).await;
    assert_eq!(list.status, StatusCode::UNAUTHORIZED);
    let list = script
        .json("GET", &path, None, &[("authorization", &bearer(&token))])
        .await;
    assert_eq!(list.json()["registrations"].as_array().unwrap().len(), 2);
    let row = store::find_public(app.conn(), &id).await.unwrap().unwrap();
    move_start(app.conn(), &row, -1).await;
    let awa = store::registrations_of(app.conn(), &id)
        .await
        .unwrap()
        .into_iter()
        .find(|r| r.status == seat::CONFIRMED)
        .unwrap();
    let taken = script
        .json(
            "POST",
            &format!("/api/v1/sessions/{id}/attendance"),
            Some(json!({"present": [awa.id], "walk_ins": ["Léa"], "anonymous": 1})),
            &[("authorization", &bearer(&token))],
        )
        .await;
    assert_eq!(taken.status, StatusCode::CREATED, "{}", taken.body);
    assert_eq!(taken.json()["participants"], 3);
    let other = token_of(app.conn(), &network.mediator_angers).await;
    let hidden = script
        .json(
            "POST",
            &format!("/api/v1/sessions/{id}/attendance"),
            Some(json!({"anonymous": 1})),
            &[("authorization", &bearer(&other))],
        )
        .await;
    assert_eq!(hidden.status, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn registering_to_a_cancelled_session_through_the_api_answers_409() {
    let (app, network) = TestApp::with_network().await;
    place_of(app.conn(), &network.cholet, 1).await;
    let planned = session(app.conn(), &network.mediator_cholet, 48, 12).await;
    maille::workshops::planning::cancel_session(
        app.conn(),
        &planned,
        &crate::support::workshops::courier(),
    )
    .await
    .unwrap();
    let mut anyone = app.visitor();
    let refused = anyone
        .json(
            "POST",
            &format!("/api/v1/sessions/{}/registrations", planned.id),
            Some(json!({"name": "Awa", "phone": "0612345678", "consent": true})),
            &[],
        )
        .await;
    assert_eq!(refused.status, StatusCode::CONFLICT);
    assert_eq!(refused.content_type(), "application/problem+json");
}

#[tokio::test]
async fn the_public_workshop_and_appointment_pages_set_no_cookie_carry_no_script_and_stay_light() {
    let (app, network) = TestApp::with_network().await;
    let place = place_of(app.conn(), &network.cholet, 1).await;
    let planned = session(app.conn(), &network.mediator_cholet, 48, 12).await;
    for n in 0..20 {
        session(app.conn(), &network.mediator_cholet, 50 + n, 12).await;
    }
    let schedule = maille::appointments::model::Schedule::parse(
        &crate::support::mediation::fields(json!({"hours": "Mo-Su 08:00-20:00", "slot_min": 15})),
        maille::mediation::today(),
    )
    .unwrap();
    maille::appointments::store::save_schedule(app.conn(), &network.cholet.id, &place, &schedule)
        .await
        .unwrap();
    let stylesheet = std::fs::metadata(concat!(env!("CARGO_MANIFEST_DIR"), "/static/maille.css"))
        .unwrap()
        .len() as usize;
    let mut visitor = app.visitor();
    for path in [
        "/ateliers?q=Cholet".to_owned(),
        format!("/ateliers/{}", planned.id),
        format!("/ateliers/{}/affiche", planned.id),
        "/rendez-vous?q=Cholet".to_owned(),
        format!("/lieux/{place}/rendez-vous"),
    ] {
        let page = visitor.get(&path).await;
        assert_eq!(page.status, StatusCode::OK, "{path}");
        assert!(page.set_cookies().is_empty(), "{path}");
        assert!(!page.body.contains("<script"), "{path}");
        assert!(
            page.body.len() + stylesheet < 30 * 1024,
            "{path} weighs {} B with the stylesheet",
            page.body.len() + stylesheet
        );
    }
}

#[tokio::test]
async fn a_network_account_can_neither_plan_take_attendance_nor_set_appointment_hours() {
    let (app, network) = TestApp::with_network().await;
    let place = place_of(app.conn(), &network.cholet, 1).await;
    let planned = session(app.conn(), &network.mediator_cholet, 48, 12).await;
    for who in ["coordination@test.fr", "admin@test.fr"] {
        let mut account = app.logged_in(who).await;
        account.get("/espace").await;
        for (path, fields) in [
            (
                "/espace/ateliers/seances/nouvelle".to_owned(),
                vec![("title", "Fantôme"), ("themes", "Email")],
            ),
            (
                format!("/espace/ateliers/seances/{}/presences", planned.id),
                vec![("anonymous", "3")],
            ),
            (
                "/espace/rendez-vous/horaires".to_owned(),
                vec![("place_id", place.as_str()), ("hours", "Mo 09:00-12:00")],
            ),
            ("/espace/messages/x/renvoyer".to_owned(), vec![]),
        ] {
            let page = account.post(&path, &fields).await;
            assert_eq!(page.status, StatusCode::FORBIDDEN, "{who} POST {path}");
        }
    }
    let row = store::find_public(app.conn(), &planned.id)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(row.status, store::status::PLANNED);
    assert!(
        maille::appointments::store::schedule_of_place(app.conn(), &place)
            .await
            .unwrap()
            .is_none()
    );
}
