//! Appointments as inhabitants and mediators meet them, on SQLite and
//! PostgreSQL: a place's hours typed in words give its slots; a slot is
//! booked once however many try at once; the link cancels; the agenda
//! turns a person received into an activity in one click; missed ones
//! are counted.

use axum::http::StatusCode;
use chrono::{Duration, Utc};
use serde_json::json;

use crate::support::TestApp;
use crate::support::mediation::fields;
use crate::support::workshops::{courier, place_of};
use maille::appointments::booking::{self, Refused};
use maille::appointments::model::Schedule;
use maille::appointments::store::{self, status};

/// Every day, 9 h to 18 h, 30-minute slots: some are always ahead.
const EVERY_DAY: &str = "Mo-Su 09:00-18:00";

async fn schedule(app: &TestApp, network: &crate::support::Network) -> store::ScheduleRecord {
    let place = place_of(app.conn(), &network.cholet, 1).await;
    let schedule = Schedule::parse(
        &fields(json!({"hours": EVERY_DAY, "slot_min": 30, "mediators": "Karima"})),
        maille::mediation::today(),
    )
    .unwrap();
    store::save_schedule(app.conn(), &network.cholet.id, &place, &schedule)
        .await
        .unwrap()
}

fn tomorrow_slots(schedule: &store::ScheduleRecord) -> Vec<maille::appointments::model::Slot> {
    let from = Utc::now() + Duration::days(1);
    booking::slots(schedule, from, from + Duration::days(1))
}

/// Tomorrow's first slot, booked by person 1.
async fn booked_tomorrow(
    app: &TestApp,
    network: &crate::support::Network,
) -> (
    store::ScheduleRecord,
    maille::appointments::model::Slot,
    store::BookingRecord,
) {
    let schedule = schedule(app, network).await;
    let slot = tomorrow_slots(&schedule)[0].clone();
    let made = booking::book(app.conn(), &request(&slot.id(), 1), &courier(), Utc::now())
        .await
        .unwrap();
    (schedule, slot, made)
}

fn request(slot: &str, n: usize) -> maille::mediation::fields::Fields {
    fields(json!({
        "slot_id": slot,
        "reason": "Email",
        "name": format!("Personne {n}"),
        "phone": format!("06 12 34 {:02} {:02}", n / 100 % 100, n % 100),
        "consent": true,
    }))
}

#[tokio::test]
async fn two_hundred_people_booking_one_slot_at_once_give_one_booking() {
    let (app, network) = TestApp::with_network().await;
    let schedule = schedule(&app, &network).await;
    let slot = tomorrow_slots(&schedule)[0].id();
    let mut tasks = Vec::new();
    for n in 0..200 {
        let conn = app.conn().clone();
        let slot = slot.clone();
        tasks.push(tokio::spawn(async move {
            booking::book(&conn, &request(&slot, n), &courier(), Utc::now()).await
        }));
    }
    let (mut booked, mut taken) = (0, 0);
    for task in tasks {
        match task.await.unwrap() {
            Ok(_) => booked += 1,
            Err(Refused::Taken) => taken += 1,
            Err(other) => panic!("{other:?}"),
        }
    }
    assert_eq!((booked, taken), (1, 199));
    let free = booking::free_slots(
        app.conn(),
        &schedule,
        Utc::now() + Duration::days(1),
        Utc::now() + Duration::days(2),
    )
    .await
    .unwrap();
    assert!(
        free.iter().all(|s| s.id() != slot),
        "the slot is gone for everyone"
    );
}

#[tokio::test]
async fn a_booking_is_reminded_once_the_day_before_with_its_link() {
    let (app, network) = TestApp::with_network().await;
    let (_, slot, made) = booked_tomorrow(&app, &network).await;
    // Two days before: not yet.
    let too_early = slot.starts_at - Duration::hours(48);
    let written = booking::enqueue_reminders(app.conn(), &courier(), too_early)
        .await
        .unwrap();
    assert_eq!(written, 0);
    // The day before: once, however many rounds meet it.
    let day_before = slot.starts_at - Duration::hours(23);
    for expected in [1, 0] {
        let written = booking::enqueue_reminders(app.conn(), &courier(), day_before)
            .await
            .unwrap();
        assert_eq!(written, expected);
    }
    let told: Vec<_> = maille::outbox::store::of_registration(app.conn(), &made.id)
        .await
        .unwrap()
        .into_iter()
        .filter(|m| m.kind == "reminder")
        .collect();
    assert_eq!(told.len(), 1);
    assert_eq!(told[0].recipient.as_deref(), Some("06 12 34 00 01"));
    assert!(
        told[0]
            .body
            .contains(&booking::link(crate::support::workshops::ORIGIN, &made)),
        "{}",
        told[0].body
    );
}

#[tokio::test]
async fn a_cancelled_booking_gives_its_slot_back_and_a_slot_outside_the_hours_is_refused() {
    let (app, network) = TestApp::with_network().await;
    let (schedule, slot, made) = booked_tomorrow(&app, &network).await;
    assert!(matches!(
        booking::book(app.conn(), &request(&slot.id(), 2), &courier(), Utc::now()).await,
        Err(Refused::Taken)
    ));
    assert!(
        booking::cancel(app.conn(), &made, &courier())
            .await
            .unwrap()
    );
    assert!(
        !booking::cancel(app.conn(), &made, &courier())
            .await
            .unwrap()
    );
    booking::book(app.conn(), &request(&slot.id(), 2), &courier(), Utc::now())
        .await
        .unwrap();
    // 2 or 3 a.m. in Paris, the slot's day, is no slot of these hours
    // (seven hours before the slot was one when the test ran after 4 p.m.);
    // nor is a made-up id.
    let night_hour = slot
        .starts_at
        .date_naive()
        .and_hms_opt(1, 0, 0)
        .expect("1 a.m. exists")
        .and_utc();
    let night = format!("{}~{}", schedule.id, night_hour.timestamp());
    for wrong in [night.as_str(), "pas-un-créneau"] {
        let refused = booking::book(app.conn(), &request(wrong, 3), &courier(), Utc::now()).await;
        assert!(
            matches!(&refused, Err(Refused::Invalid(errors)) if errors[0].field == "slot_id"),
            "{wrong}: {refused:?}"
        );
    }
}

#[tokio::test]
async fn an_inhabitant_books_on_the_places_page_without_an_account_and_cancels_from_the_link() {
    let (app, network) = TestApp::with_network().await;
    let schedule = schedule(&app, &network).await;
    let place = schedule.place_id.clone();
    let mut visitor = app.visitor();
    let search = visitor.get("/rendez-vous?q=Cholet").await;
    search.assert_contains(&format!("/lieux/{place}/rendez-vous"));
    let place_page = visitor.get(&format!("/lieux/{place}")).await;
    place_page.assert_contains("Prendre rendez-vous en ligne");
    let later = (maille::mediation::today() + Duration::days(3)).to_string();
    let page = visitor
        .get(&format!("/lieux/{place}/rendez-vous?jour={later}"))
        .await;
    assert_eq!(page.status, StatusCode::OK);
    page.assert_contains("Réserver ce créneau");
    let slot = regex::Regex::new(r#"name="slot_id" id="s[0-9]+" value="([0-9]+)""#)
        .unwrap()
        .captures(&page.body)
        .unwrap()[1]
        .to_owned();
    let done = visitor
        .post(
            &format!("/lieux/{place}/rendez-vous"),
            &[
                ("slot_id", &slot),
                ("reason", "AideAuxDemarchesAdministratives"),
                ("name", "Awa"),
                ("phone", "06 12 34 56 78"),
                ("consent", "oui"),
            ],
        )
        .await;
    assert_eq!(done.status, StatusCode::SEE_OTHER, "{}", done.body);
    let link = done
        .location()
        .unwrap()
        .split('?')
        .next()
        .unwrap()
        .to_owned();
    let shown = visitor.get(&link).await;
    shown.assert_contains("Votre rendez-vous est réservé.");
    // The same slot, for someone else, a moment later: 409 and the form again.
    let mut other = app.visitor();
    let taken = other
        .post(
            &format!("/lieux/{place}/rendez-vous"),
            &[
                ("slot_id", &slot),
                ("reason", "Email"),
                ("name", "Jean"),
                ("email", "jean@example.org"),
                ("consent", "oui"),
            ],
        )
        .await;
    assert_eq!(taken.status, StatusCode::CONFLICT);
    taken.assert_contains("Ce créneau vient d’être pris");
    taken.assert_contains(r#"value="Jean""#);
    let cancelled = visitor
        .post(&format!("{link}/annuler"), &[("confirme", "oui")])
        .await;
    assert_eq!(cancelled.status, StatusCode::SEE_OTHER);
    visitor
        .get(&link)
        .await
        .assert_contains("Ce rendez-vous est annulé.");
    let again = visitor
        .post(&format!("{link}/annuler"), &[("confirme", "oui")])
        .await;
    assert_eq!(again.status, StatusCode::CONFLICT);
    let file = visitor.get(&format!("{link}/calendrier.ics")).await;
    assert!(file.body.contains("BEGIN:VEVENT"), "{}", file.body);
}

#[tokio::test]
async fn the_api_gives_free_slots_without_a_token_and_answers_409_when_a_slot_was_just_taken() {
    let (app, network) = TestApp::with_network().await;
    let schedule = schedule(&app, &network).await;
    let mut anyone = app.visitor();
    let from = (maille::mediation::today() + Duration::days(2)).to_string();
    let listed = anyone
        .json(
            "GET",
            &format!("/api/v1/slots?place={}&from={from}", schedule.place_id),
            None,
            &[],
        )
        .await;
    assert_eq!(listed.status, StatusCode::OK, "{}", listed.body);
    let slot = listed.json()["slots"][0]["id"].as_str().unwrap().to_owned();
    let body = json!({"slot_id": slot, "reason": "Email", "name": "Awa", "phone": "0612345678", "consent": true});
    let made = anyone
        .json("POST", "/api/v1/bookings", Some(body.clone()), &[])
        .await;
    assert_eq!(made.status, StatusCode::CREATED, "{}", made.body);
    assert!(
        made.json()["link"]
            .as_str()
            .unwrap()
            .contains("/rendez-vous/")
    );
    let again = anyone
        .json("POST", "/api/v1/bookings", Some(body), &[])
        .await;
    assert_eq!(again.status, StatusCode::CONFLICT);
    let listed = anyone
        .json(
            "GET",
            &format!("/api/v1/slots?place={}&from={from}", schedule.place_id),
            None,
            &[],
        )
        .await;
    assert_ne!(listed.json()["slots"][0]["id"], slot.as_str());
    let none = anyone
        .json("GET", "/api/v1/slots?place=nulle-part", None, &[])
        .await;
    assert_eq!(none.status, StatusCode::NOT_FOUND);
    let bad = anyone
        .json(
            "GET",
            &format!("/api/v1/slots?place={}&from=demain", schedule.place_id),
            None,
            &[],
        )
        .await;
    assert_eq!(bad.status, StatusCode::BAD_REQUEST);
}

#[tokio::test]
async fn a_mediator_sets_the_hours_in_words_then_records_a_person_received_in_one_click() {
    let (app, network) = TestApp::with_network().await;
    let place = place_of(app.conn(), &network.cholet, 1).await;
    let mut mediator = app.logged_in("mediation.cholet@test.fr").await;
    let page = mediator.get("/espace/rendez-vous").await;
    assert_eq!(page.status, StatusCode::OK);
    let refused = mediator
        .post(
            "/espace/rendez-vous/horaires",
            &[
                ("place_id", &place),
                ("hours", "quand on peut"),
                ("slot_min", "30"),
            ],
        )
        .await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    refused.assert_contains(r#"quand on peut</textarea>"#);
    let saved = mediator
        .post(
            "/espace/rendez-vous/horaires",
            &[
                ("place_id", &place),
                ("hours", "du lundi au dimanche de 9 h à 18 h"),
                ("slot_min", "45"),
                ("mediators", "Karima"),
            ],
        )
        .await;
    assert_eq!(saved.status, StatusCode::SEE_OTHER, "{}", saved.body);
    let schedule = store::schedule_of_place(app.conn(), &place)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(schedule.hours, "Mo-Su 09:00-18:00");
    assert_eq!(schedule.slot_min, 45);
    // A booking whose time has come.
    let slot = tomorrow_slots(&schedule)[0].id();
    let mut made = booking::book(app.conn(), &request(&slot, 1), &courier(), Utc::now())
        .await
        .unwrap();
    let second = tomorrow_slots(&schedule)[1].id();
    let other = booking::book(app.conn(), &request(&second, 2), &courier(), Utc::now())
        .await
        .unwrap();
    made.starts_at = Utc::now() - Duration::hours(1);
    store::update_booking(app.conn(), made.clone())
        .await
        .unwrap();
    let day = maille::mediation::today();
    let agenda = mediator
        .get(&format!("/espace/rendez-vous?jour={day}"))
        .await;
    agenda.assert_contains("Personne 1");
    let received = mediator
        .post(&format!("/espace/rendez-vous/{}/recu", made.id), &[])
        .await;
    assert_eq!(received.status, StatusCode::SEE_OTHER);
    let after = store::find_booking(app.conn(), &network.cholet.id, &made.id)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(after.status, status::HELD);
    let activities = mediator.get("/espace/activites").await;
    activities.assert_contains("1 activité.");
    activities.assert_contains("45 min");
    // Twice: nothing more. A booking to come cannot be marked missed yet.
    mediator
        .post(&format!("/espace/rendez-vous/{}/recu", made.id), &[])
        .await;
    mediator
        .get("/espace/activites")
        .await
        .assert_contains("1 activité.");
    mediator
        .post(&format!("/espace/rendez-vous/{}/absent", other.id), &[])
        .await;
    let later = store::find_booking(app.conn(), &network.cholet.id, &other.id)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(later.status, status::BOOKED);
    // Another structure's booking: 404.
    let mut angers = app.logged_in("mediation.angers@test.fr").await;
    angers.get("/espace/rendez-vous").await;
    let hidden = angers
        .post(&format!("/espace/rendez-vous/{}/absent", other.id), &[])
        .await;
    assert_eq!(hidden.status, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn who_booked_is_forgotten_a_month_after_the_appointment() {
    let (app, network) = TestApp::with_network().await;
    let schedule = schedule(&app, &network).await;
    let slots = tomorrow_slots(&schedule);
    let mut old = booking::book(
        app.conn(),
        &request(&slots[0].id(), 1),
        &courier(),
        Utc::now(),
    )
    .await
    .unwrap();
    let recent = booking::book(
        app.conn(),
        &request(&slots[1].id(), 2),
        &courier(),
        Utc::now(),
    )
    .await
    .unwrap();
    old.starts_at = Utc::now() - Duration::days(35);
    store::update_booking(app.conn(), old.clone())
        .await
        .unwrap();
    let before = Utc::now() - Duration::days(maille::workshops::store::CONTACTS_KEPT_DAYS);
    assert_eq!(store::forget_contacts(app.conn(), before).await.unwrap(), 1);
    let old = store::find_booking(app.conn(), &network.cholet.id, &old.id)
        .await
        .unwrap()
        .unwrap();
    assert_eq!((old.name.as_str(), old.phone.as_deref()), ("", None));
    let recent = store::find_booking(app.conn(), &network.cholet.id, &recent.id)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(recent.name, "Personne 2");
}
