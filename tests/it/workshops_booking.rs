//! The session's list as the use cases keep it, on SQLite and PostgreSQL:
//! never more confirmed than seats, however many register at once; a freed
//! seat goes to the first waiting; attendance records the activity once.

use crate::support::mediation::fields;
use crate::support::workshops::{courier, move_start, place_of, session};
use crate::support::{Network, TestDb};
use maille::workshops::attendance::{self, Attendance};
use maille::workshops::booking::{self, Cancelled, Refused, Source};
use maille::workshops::store::{self, seat};
use serde_json::json;

fn person(n: usize) -> maille::mediation::fields::Fields {
    fields(json!({
        "name": format!("Personne {n}"),
        "phone": format!("06 12 {:02} {:02} {:02}", n / 10_000 % 100, n / 100 % 100, n % 100),
        "consent": true,
    }))
}

#[tokio::test]
async fn two_hundred_people_registering_at_once_to_twenty_seats_give_twenty_confirmed_and_180_waiting()
 {
    let db = TestDb::migrated().await;
    let network = Network::create(&db.conn).await;
    place_of(&db.conn, &network.cholet, 1).await;
    let planned = session(&db.conn, &network.mediator_cholet, 48, 20).await;
    let mut tasks = Vec::new();
    for n in 0..200 {
        let conn = db.conn.clone();
        let planned = planned.clone();
        tasks.push(tokio::spawn(async move {
            booking::register(&conn, &planned, &person(n), Source::Public, &courier()).await
        }));
    }
    let mut ranks = Vec::new();
    for task in tasks {
        match task.await.unwrap() {
            Ok(registered) => {
                assert!(!registered.already);
                if let Some(rank) = registered.rank {
                    ranks.push((registered.registration.clone(), rank));
                }
            }
            Err(Refused::Database(err)) => panic!("database: {err}"),
            Err(other) => panic!("refused: {other:?}"),
        }
    }
    let list = store::registrations_of(&db.conn, &planned.id)
        .await
        .unwrap();
    let confirmed = list.iter().filter(|r| r.status == seat::CONFIRMED).count();
    let waiting = list.iter().filter(|r| r.status == seat::WAITING).count();
    assert_eq!((confirmed, waiting), (20, 180));
    let row = store::find_public(&db.conn, &planned.id)
        .await
        .unwrap()
        .unwrap();
    assert_eq!((row.confirmed, row.waiting), (20, 180));
    // Each waiting person was told a rank; every rank from 1 to 180 was
    // given, whatever the order they arrived in.
    let mut told: Vec<u64> = ranks.iter().map(|(_, rank)| *rank).collect();
    told.sort_unstable();
    assert_eq!(told, (1..=180).collect::<Vec<u64>>());
    // And the rank told is the person's place in the order the list is
    // served in.
    for (registration, rank) in &ranks {
        assert_eq!(store::rank(&db.conn, registration).await.unwrap(), *rank);
    }
    let first = list
        .iter()
        .find(|r| r.status == seat::WAITING)
        .unwrap()
        .clone();
    assert_eq!(store::rank(&db.conn, &first).await.unwrap(), 1);

    // One cancellation promotes exactly one: the first waiting.
    let leaving = list.iter().find(|r| r.status == seat::CONFIRMED).unwrap();
    let outcome = booking::cancel(&db.conn, leaving, &courier())
        .await
        .unwrap();
    assert_eq!(
        outcome,
        Cancelled::Done {
            promoted: vec![first.id.clone()]
        }
    );
    let row = store::find_public(&db.conn, &planned.id)
        .await
        .unwrap()
        .unwrap();
    assert_eq!((row.confirmed, row.waiting), (20, 179));
    // The same link clicked again cancels nothing more.
    assert_eq!(
        booking::cancel(&db.conn, leaving, &courier())
            .await
            .unwrap(),
        Cancelled::Already
    );
    let row = store::find_public(&db.conn, &planned.id)
        .await
        .unwrap()
        .unwrap();
    assert_eq!((row.confirmed, row.waiting), (20, 179));
}

#[tokio::test]
async fn concurrent_cancellations_each_free_one_seat_and_promote_one_person() {
    let db = TestDb::migrated().await;
    let network = Network::create(&db.conn).await;
    place_of(&db.conn, &network.cholet, 1).await;
    let planned = session(&db.conn, &network.mediator_cholet, 48, 10).await;
    for n in 0..30 {
        booking::register(&db.conn, &planned, &person(n), Source::Public, &courier())
            .await
            .unwrap();
    }
    let confirmed: Vec<_> = store::registrations_of(&db.conn, &planned.id)
        .await
        .unwrap()
        .into_iter()
        .filter(|r| r.status == seat::CONFIRMED)
        .collect();
    let mut tasks = Vec::new();
    for registration in confirmed.into_iter().take(5) {
        let conn = db.conn.clone();
        tasks.push(tokio::spawn(async move {
            booking::cancel(&conn, &registration, &courier()).await
        }));
    }
    for task in tasks {
        assert!(
            matches!(task.await.unwrap().unwrap(), Cancelled::Done { promoted } if promoted.len() == 1)
        );
    }
    let list = store::registrations_of(&db.conn, &planned.id)
        .await
        .unwrap();
    let confirmed = list.iter().filter(|r| r.status == seat::CONFIRMED).count();
    let waiting = list.iter().filter(|r| r.status == seat::WAITING).count();
    assert_eq!((confirmed, waiting), (10, 15));
    // The promoted are the first five who waited, in order of arrival.
    let promoted: Vec<_> = list
        .iter()
        .filter(|r| r.status == seat::CONFIRMED)
        .map(|r| r.name.clone())
        .collect();
    for n in 10..15 {
        assert!(promoted.contains(&format!("Personne {n}")), "{promoted:?}");
    }
}

#[tokio::test]
async fn a_person_registering_twice_keeps_one_registration_and_is_told_so() {
    let db = TestDb::migrated().await;
    let network = Network::create(&db.conn).await;
    place_of(&db.conn, &network.cholet, 1).await;
    let planned = session(&db.conn, &network.mediator_cholet, 48, 5).await;
    let first = booking::register(&db.conn, &planned, &person(1), Source::Public, &courier())
        .await
        .unwrap();
    // The same number typed another way.
    let again = fields(json!({"name": "P.", "phone": "+33 6 12 00 00 01", "consent": true}));
    let second = booking::register(&db.conn, &planned, &again, Source::Public, &courier())
        .await
        .unwrap();
    assert!(second.already);
    assert_eq!(second.registration.id, first.registration.id);
    let row = store::find_public(&db.conn, &planned.id)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(row.confirmed, 1);
}

#[tokio::test]
async fn a_cancelled_session_takes_no_registration_and_tells_everyone() {
    let db = TestDb::migrated().await;
    let network = Network::create(&db.conn).await;
    place_of(&db.conn, &network.cholet, 1).await;
    let planned = session(&db.conn, &network.mediator_cholet, 48, 1).await;
    for n in 0..3 {
        booking::register(&db.conn, &planned, &person(n), Source::Public, &courier())
            .await
            .unwrap();
    }
    assert!(
        maille::workshops::planning::cancel_session(&db.conn, &planned, &courier())
            .await
            .unwrap()
    );
    let list = store::registrations_of(&db.conn, &planned.id)
        .await
        .unwrap();
    assert!(list.iter().all(|r| r.status == seat::CANCELLED));
    for r in &list {
        let messages = maille::outbox::store::of_registration(&db.conn, &r.id)
            .await
            .unwrap();
        assert!(
            messages.iter().any(|m| m.kind == "cancellation"),
            "{messages:?}"
        );
    }
    let row = store::find_public(&db.conn, &planned.id)
        .await
        .unwrap()
        .unwrap();
    let refused = booking::register(&db.conn, &row, &person(9), Source::Public, &courier()).await;
    assert!(matches!(refused, Err(Refused::Closed)));
}

#[tokio::test]
async fn more_seats_promote_the_first_waiting_in_order_and_fewer_than_confirmed_are_refused() {
    let db = TestDb::migrated().await;
    let network = Network::create(&db.conn).await;
    place_of(&db.conn, &network.cholet, 1).await;
    let planned = session(&db.conn, &network.mediator_cholet, 48, 2).await;
    for n in 0..5 {
        booking::register(&db.conn, &planned, &person(n), Source::Public, &courier())
            .await
            .unwrap();
    }
    let promoted = maille::workshops::planning::set_capacity(&db.conn, &planned, 4, &courier())
        .await
        .unwrap();
    assert_eq!(promoted.len(), 2);
    let list = store::registrations_of(&db.conn, &planned.id)
        .await
        .unwrap();
    let names: Vec<_> = list
        .iter()
        .filter(|r| r.status == seat::CONFIRMED)
        .map(|r| r.name.as_str())
        .collect();
    assert_eq!(
        names,
        ["Personne 0", "Personne 1", "Personne 2", "Personne 3"]
    );
    let refused =
        maille::workshops::planning::set_capacity(&db.conn, &planned, 3, &courier()).await;
    assert!(matches!(
        refused,
        Err(maille::mediation::record::Refused::Invalid(errors)) if errors[0].field == "capacity"
    ));
}

#[tokio::test]
async fn attendance_records_the_collective_activity_once_with_the_people_followed_linked() {
    let db = TestDb::migrated().await;
    let network = Network::create(&db.conn).await;
    let place = place_of(&db.conn, &network.cholet, 1).await;
    let mediator = &network.mediator_cholet;
    let planned = session(&db.conn, mediator, 48, 10).await;
    let awa = booking::register(&db.conn, &planned, &person(1), Source::Public, &courier())
        .await
        .unwrap();
    booking::register(&db.conn, &planned, &person(2), Source::Public, &courier())
        .await
        .unwrap();
    let followed = maille::mediation::people::create(
        &db.conn,
        mediator,
        &fields(json!({"pseudonym": "Awa", "consent": true})),
        maille::mediation::today(),
    )
    .await
    .unwrap();
    let mut taking = Attendance {
        present: vec![awa.registration.id.clone()],
        walk_in_names: vec!["Jean".into()],
        anonymous: 2,
        ..Attendance::default()
    };
    taking
        .people
        .insert(awa.registration.id.clone(), followed.id.clone());
    // Not before it starts.
    let early = attendance::take(&db.conn, mediator, &planned, &taking, chrono::Utc::now()).await;
    assert!(matches!(
        early,
        Err(maille::mediation::record::Refused::Invalid(errors)) if errors[0].key == "attendance-too-early"
    ));
    let started = move_start(&db.conn, &planned, -1).await;
    let activity = attendance::take(&db.conn, mediator, &started, &taking, chrono::Utc::now())
        .await
        .unwrap();
    let recorded = &activity.activity;
    assert_eq!(recorded.kind, "Collectif");
    assert_eq!(recorded.participants, 4);
    assert_eq!(recorded.duration_min, 120);
    assert_eq!(recorded.themes, vec!["CultureNumerique"]);
    assert_eq!(recorded.place_id.as_deref(), Some(place.as_str()));
    assert_eq!(recorded.title, planned.title);
    let list = store::registrations_of(&db.conn, &planned.id)
        .await
        .unwrap();
    let came: Vec<_> = list
        .iter()
        .filter(|r| r.attended == Some(true))
        .map(|r| (r.name.as_str(), r.beneficiary_id.as_deref()))
        .collect();
    assert_eq!(
        came,
        [("Personne 1", Some(followed.id.as_str())), ("Jean", None)]
    );
    let held = store::find_public(&db.conn, &planned.id)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(held.status, store::status::HELD);
    assert_eq!(held.activity_id.as_deref(), Some(activity.id.as_str()));
    // Twice: refused, and still one activity.
    let again = attendance::take(&db.conn, mediator, &held, &taking, chrono::Utc::now()).await;
    assert!(again.is_err());
    let stale = attendance::take(&db.conn, mediator, &started, &taking, chrono::Utc::now()).await;
    assert!(stale.is_err());
    let filter = maille::mediation::store::Filter::default();
    let (_, total) = maille::mediation::store::page(&db.conn, &network.cholet.id, &filter, 0, 50)
        .await
        .unwrap();
    assert_eq!(total, 1);
}

#[tokio::test]
async fn names_and_contacts_of_registrants_are_erased_a_month_after_their_session() {
    let db = TestDb::migrated().await;
    let network = Network::create(&db.conn).await;
    place_of(&db.conn, &network.cholet, 1).await;
    let planned = session(&db.conn, &network.mediator_cholet, 48, 10).await;
    let kept = session(&db.conn, &network.mediator_cholet, 72, 10).await;
    for s in [&planned, &kept] {
        booking::register(&db.conn, s, &person(1), Source::Public, &courier())
            .await
            .unwrap();
    }
    // The first session was five weeks ago.
    move_start(&db.conn, &planned, -24 * 35).await;
    let before = chrono::Utc::now() - chrono::Duration::days(store::CONTACTS_KEPT_DAYS);
    assert_eq!(store::forget_contacts(&db.conn, before).await.unwrap(), 1);
    let old = &store::registrations_of(&db.conn, &planned.id)
        .await
        .unwrap()[0];
    assert_eq!(
        (
            old.name.as_str(),
            old.phone.as_deref(),
            old.email.as_deref()
        ),
        ("", None, None)
    );
    let recent = &store::registrations_of(&db.conn, &kept.id).await.unwrap()[0];
    assert_eq!(recent.name, "Personne 1");
    assert_eq!(store::forget_contacts(&db.conn, before).await.unwrap(), 0);
}
