//! Equipment as the use cases keep it, on SQLite and PostgreSQL: two
//! benches moving one device at once never both succeed; the history
//! refuses to be edited; a loan is reminded once; hardware reports, real
//! and broken, are read without a panic and within bounds.

use crate::support::equipment::{fields, laptop, person, walk_to_ready};
use crate::support::{Network, TestDb};
use maille::equipment::lshw;
use maille::equipment::store;
use maille::equipment::transitions::{self, Refused};
use maille::mediation::today;
use sea_orm::ConnectionTrait;

#[tokio::test]
async fn twenty_benches_diagnosing_one_laptop_at_once_record_one_step() {
    let db = TestDb::migrated().await;
    let network = Network::create(&db.conn).await;
    let device = laptop(&db.conn, &network.mediator_cholet, "PF0ABC12").await;
    let mut tasks = Vec::new();
    for _ in 0..20 {
        let (conn, user, id) = (
            db.conn.clone(),
            network.mediator_cholet.clone(),
            device.id.clone(),
        );
        tasks.push(tokio::spawn(async move {
            transitions::record(
                &conn,
                &user,
                &id,
                &fields(&[("to", "diagnosed"), ("grade", "A")]),
                today(),
            )
            .await
        }));
    }
    let mut moved = 0;
    for task in tasks {
        match task.await.unwrap() {
            Ok(_) => moved += 1,
            Err(Refused::Conflict(_)) => {}
            Err(other) => panic!("{other:?}"),
        }
    }
    assert_eq!(moved, 1);
    assert_eq!(
        store::events_of(&db.conn, &device.id).await.unwrap().len(),
        2
    );
}

#[tokio::test]
async fn the_history_of_a_device_refuses_to_be_changed_or_deleted() {
    let db = TestDb::migrated().await;
    let network = Network::create(&db.conn).await;
    let device = laptop(&db.conn, &network.mediator_cholet, "PF0ABC12").await;
    for statement in [
        "UPDATE device_events SET to_state = 'ready'",
        "DELETE FROM device_events",
    ] {
        let refused = db.conn.execute_unprepared(statement).await.unwrap_err();
        assert!(refused.to_string().contains("append-only"), "{refused}");
    }
    assert_eq!(
        store::events_of(&db.conn, &device.id).await.unwrap().len(),
        1
    );
}

#[tokio::test]
async fn a_loan_is_reminded_once_by_email_three_days_before_it_is_due() {
    let db = TestDb::migrated().await;
    let network = Network::create(&db.conn).await;
    let pupil = person(
        &db.conn,
        &network.mediator_cholet,
        "Lina",
        "lina@example.org",
    )
    .await;
    let device = laptop(&db.conn, &network.mediator_cholet, "PF0ABC12").await;
    walk_to_ready(&db.conn, &network.mediator_cholet, &device).await;
    let due = (today() + chrono::Duration::days(10))
        .format("%Y-%m-%d")
        .to_string();
    transitions::record(
        &db.conn,
        &network.mediator_cholet,
        &device.id,
        &fields(&[
            ("to", "loaned"),
            ("beneficiary_id", &pupil),
            ("signed_name", "Lina"),
            ("due_on", &due),
            ("agreement", "true"),
        ]),
        today(),
    )
    .await
    .unwrap();
    use maille::equipment::loans::enqueue_due;
    assert_eq!(
        enqueue_due(&db.conn, today()).await.unwrap(),
        0,
        "too early"
    );
    let later = today() + chrono::Duration::days(8);
    assert_eq!(enqueue_due(&db.conn, later).await.unwrap(), 1);
    assert_eq!(enqueue_due(&db.conn, later).await.unwrap(), 0, "once");
    let queued = maille::outbox::store::count(
        &db.conn,
        &network.cholet.id,
        maille::outbox::store::status::PENDING,
    )
    .await
    .unwrap();
    assert_eq!(queued, 1);
    // Returned: the loan is closed and the device must be wiped again.
    transitions::record(
        &db.conn,
        &network.mediator_cholet,
        &device.id,
        &fields(&[("to", "returned"), ("charger", "true")]),
        today(),
    )
    .await
    .unwrap();
    let not_wiped = transitions::record(
        &db.conn,
        &network.mediator_cholet,
        &device.id,
        &fields(&[("to", "ready")]),
        today(),
    )
    .await;
    assert!(matches!(not_wiped, Err(Refused::Invalid(_))));
    let handover = store::last_handover(&db.conn, &device.id)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(handover.returned_on, Some(today()));
}

#[test]
fn real_hardware_reports_give_the_machine_and_its_storage() {
    let laptop = lshw::read(include_bytes!("../data/lshw/thinkpad-t470.json")).unwrap();
    assert_eq!(laptop.brand, "LENOVO");
    assert_eq!(laptop.serial, "PF0ABC12");
    assert_eq!(
        laptop.specs.memory_gb,
        Some(8),
        "the banks are not counted twice"
    );
    assert_eq!(laptop.specs.storage_gb, Some(256));
    assert_eq!(laptop.specs.storage_serials, ["S3TANX0K102938"]);
    assert_eq!(laptop.specs.battery_pct, Some(71));
    // Captured with `lshw -json` on this project's CI machine (a virtual one).
    let vm = lshw::read(include_bytes!("../data/lshw/vm-debian.json")).unwrap();
    assert!(vm.specs.processor.contains("Xeon"), "{:?}", vm.specs);
    assert!(vm.specs.memory_gb.is_some());
}

#[test]
fn broken_hardware_reports_are_refused_by_name_without_a_panic() {
    let real = include_bytes!("../data/lshw/thinkpad-t470.json");
    let truncated = lshw::read(&real[..real.len() / 2]).unwrap_err();
    assert_eq!(
        (truncated.field.as_ref(), truncated.key),
        ("report", "equipment-report-unreadable")
    );
    let not_a_machine = lshw::read(br#"{"class": "disk", "size": "huge"}"#).unwrap_err();
    assert_eq!(not_a_machine.key, "equipment-report-not-lshw");
    // Members of the wrong type are skipped, not fatal.
    let odd = lshw::read(br#"{"class": "system", "vendor": 12, "children": [{"class": "memory", "id": "memory", "size": "8 GB"}, 7, {"class": "disk", "size": -1}]}"#).unwrap();
    assert_eq!(odd.brand, "");
    assert_eq!(odd.specs.memory_gb, None);
    let nested = format!(
        "{}{}",
        "{\"class\":\"system\",\"children\":[".repeat(10_000),
        "]}".repeat(10_000)
    );
    assert_eq!(
        lshw::read(nested.as_bytes()).unwrap_err().key,
        "equipment-report-unreadable"
    );
    let huge = vec![b' '; 50 * 1024 * 1024];
    assert_eq!(
        lshw::read(&huge).unwrap_err().key,
        "equipment-report-too-big"
    );
}
