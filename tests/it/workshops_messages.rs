//! Messages to inhabitants through a real SMTP server on loopback: the
//! confirmation and the reminder arrive with the booking's link; an
//! unreachable server means retries, then a failure the manager sees and
//! sends again — never a lost message; delivered, the contact is purged.

use std::time::Duration;

use crate::support::TestApp;
use crate::support::mediation::fields;
use crate::support::workshops::{SmtpServer, courier, free_port, place_of, session};
use maille::outbox::smtp::SmtpSender;
use maille::outbox::store::{self as outbox, status};
use maille::outbox::worker::{self, Senders, Settings};
use maille::workshops::booking::{self, Source};
use maille::workshops::reminders;
use serde_json::json;

const FROM: &str = "Centre social <ne-pas-repondre@maille.test>";

fn senders(url: &str) -> Senders {
    Senders {
        email: Some(SmtpSender::new(url, FROM).unwrap()),
        sms: None,
    }
}

/// Quoted-printable soft line breaks and encodings undone, enough to read
/// a link and French words back.
fn readable(message: &str) -> String {
    message
        .replace("=\r\n", "")
        .replace("=\n", "")
        .replace("=3D", "=")
}

#[tokio::test]
async fn the_confirmation_and_the_reminder_reach_the_smtp_server_with_the_bookings_link() {
    let Some(smtp) = SmtpServer::start() else {
        return;
    };
    let (app, network) = TestApp::with_network().await;
    let db = app.conn();
    place_of(db, &network.cholet, 1).await;
    // Tomorrow, within the reminder's 24 hours.
    let planned = session(db, &network.mediator_cholet, 20, 12).await;
    let registered = booking::register(
        db,
        &planned,
        &fields(json!({"name": "Awa", "email": "awa@example.org", "consent": true})),
        Source::Public,
        &courier(),
    )
    .await
    .unwrap();
    let senders = senders(&smtp.url());
    let settings = Settings::default();
    assert_eq!(worker::round(db, &senders, &settings).await.unwrap(), 1);
    let received = smtp.wait_for(1).await;
    assert_eq!(received.len(), 1);
    let confirmation = readable(&received[0]);
    let link = format!(
        "http://maille.test/inscriptions/{}",
        registered.registration.link_token
    );
    assert!(
        confirmation.contains("X-Envelope-To: awa@example.org"),
        "{confirmation}"
    );
    assert!(confirmation.contains(&link), "{confirmation}");
    assert!(confirmation.contains("Subject: "), "{confirmation}");

    let written = reminders::enqueue_due(db, &courier(), chrono::Utc::now())
        .await
        .unwrap();
    assert_eq!(written, 1);
    // Written once, however many rounds meet it.
    assert_eq!(
        reminders::enqueue_due(db, &courier(), chrono::Utc::now())
            .await
            .unwrap(),
        0
    );
    worker::round(db, &senders, &settings).await.unwrap();
    let received = smtp.wait_for(2).await;
    assert_eq!(received.len(), 2);
    let reminder = readable(&received[1]);
    assert!(reminder.contains(&link), "{reminder}");

    // Delivered: the outbox keeps neither the address nor the text.
    let kept = outbox::of_registration(db, &registered.registration.id)
        .await
        .unwrap();
    assert_eq!(kept.len(), 2);
    for message in kept {
        assert_eq!(message.status, status::SENT);
        assert_eq!(message.recipient, None);
        assert_eq!(message.body, "");
    }
}

#[tokio::test]
async fn an_unreachable_smtp_server_means_retries_then_a_failure_the_manager_sees_and_resends() {
    let (app, network) = TestApp::with_network().await;
    let db = app.conn();
    place_of(db, &network.cholet, 1).await;
    let planned = session(db, &network.mediator_cholet, 48, 12).await;
    let registered = booking::register(
        db,
        &planned,
        &fields(json!({"name": "Awa", "email": "awa@example.org", "consent": true})),
        Source::Public,
        &courier(),
    )
    .await
    .unwrap();
    let nobody = senders(&format!("smtp://127.0.0.1:{}", free_port()));
    let settings = Settings {
        retry_base: Duration::from_millis(1),
        max_attempts: 3,
        ..Settings::default()
    };
    for _ in 0..3 {
        tokio::time::sleep(Duration::from_millis(20)).await;
        worker::round(db, &nobody, &settings).await.unwrap();
    }
    let kept = outbox::of_registration(db, &registered.registration.id)
        .await
        .unwrap();
    assert_eq!(kept.len(), 1);
    let failed = &kept[0];
    assert_eq!(failed.status, status::FAILED);
    assert_eq!(failed.attempts, 3);
    assert!(failed.last_error.is_some());
    assert_eq!(failed.recipient.as_deref(), Some("awa@example.org"));

    let mut manager = app.logged_in("direction.cholet@test.fr").await;
    let page = manager.get("/espace/messages").await;
    page.assert_contains("awa@example.org");
    page.assert_contains("Renvoyer");
    let workshops = manager.get("/espace/ateliers").await;
    workshops.assert_contains("1 message aux habitants n’a pas pu partir");
    // Another structure's manager neither sees nor resends it.
    let mut other = app.logged_in("direction.angers@test.fr").await;
    other.get("/espace/messages").await;
    let refused = other
        .post(&format!("/espace/messages/{}/renvoyer", failed.id), &[])
        .await;
    assert_eq!(refused.status, axum::http::StatusCode::NOT_FOUND);

    let resent = manager
        .post(&format!("/espace/messages/{}/renvoyer", failed.id), &[])
        .await;
    assert_eq!(resent.status, axum::http::StatusCode::SEE_OTHER);
    if let Some(smtp) = SmtpServer::start() {
        worker::round(db, &senders(&smtp.url()), &settings)
            .await
            .unwrap();
        assert_eq!(smtp.wait_for(1).await.len(), 1);
        let kept = outbox::of_registration(db, &registered.registration.id)
            .await
            .unwrap();
        assert_eq!(kept[0].status, status::SENT);
    }
}

#[tokio::test]
async fn a_promotion_from_the_waiting_list_is_written_for_the_person_promoted() {
    let (app, network) = TestApp::with_network().await;
    let db = app.conn();
    place_of(db, &network.cholet, 1).await;
    let planned = session(db, &network.mediator_cholet, 48, 1).await;
    let first = booking::register(
        db,
        &planned,
        &fields(json!({"name": "Awa", "phone": "06 12 34 56 78", "consent": true})),
        Source::Public,
        &courier(),
    )
    .await
    .unwrap();
    let second = booking::register(
        db,
        &planned,
        &fields(json!({"name": "Jean", "phone": "06 98 76 54 32", "consent": true})),
        Source::Public,
        &courier(),
    )
    .await
    .unwrap();
    assert_eq!(second.rank, Some(1));
    booking::cancel(db, &first.registration, &courier())
        .await
        .unwrap();
    let told = outbox::of_registration(db, &second.registration.id)
        .await
        .unwrap();
    let kinds: Vec<_> = told.iter().map(|m| m.kind.as_str()).collect();
    assert_eq!(kinds, ["confirmation", "promotion"]);
    assert_eq!(told[1].channel, "sms");
    assert_eq!(told[1].recipient.as_deref(), Some("06 98 76 54 32"));
    assert!(told[1].body.contains("Jean"), "{}", told[1].body);
}

#[tokio::test]
async fn two_workers_claiming_at_once_never_send_the_same_message_twice() {
    let db = crate::support::TestDb::migrated().await;
    let network = crate::support::Network::create(&db.conn).await;
    for n in 0..100 {
        maille::outbox::enqueue(
            &db.conn,
            maille::outbox::Message {
                organization_id: network.cholet.id.clone(),
                registration_id: None,
                kind: "reminder",
                channel: maille::outbox::Channel::Email,
                recipient: format!("p{n}@example.org"),
                subject: "Rappel".into(),
                body: "Demain".into(),
            },
        )
        .await
        .unwrap();
    }
    let now = chrono::Utc::now() + chrono::Duration::seconds(1);
    let lease = chrono::Duration::minutes(5);
    let (a, b) = tokio::join!(
        outbox::claim_due(&db.conn, now, 64, lease),
        outbox::claim_due(&db.conn, now, 64, lease)
    );
    let (a, b) = (a.unwrap(), b.unwrap());
    let mut ids: Vec<_> = a.iter().chain(&b).map(|m| m.id.clone()).collect();
    let claimed = ids.len();
    ids.sort();
    ids.dedup();
    assert_eq!(ids.len(), claimed, "a message claimed twice");
    for round in [&a, &b] {
        assert!(round.is_sorted_by(|x, y| x.id < y.id), "not oldest first");
    }
    assert!(claimed >= 64, "{claimed}");
    // Claimed, they are not due again before the lease ends.
    let again = outbox::claim_due(&db.conn, now, 200, lease).await.unwrap();
    assert_eq!(again.len(), 100 - claimed);
}
