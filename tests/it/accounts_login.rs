//! Logging in as a use case, without HTTP: known browsers, the account's
//! throttle and what its owner is told.

use std::net::IpAddr;

use maille::accounts::login::{self, Attempt, Outcome};
use maille::accounts::throttle::AddressFailures;
use maille::accounts::{Email, devices};
use maille::web::client::ClientAddress;

use crate::support::{Network, PASSWORD, TestDb};

fn attempt(password: &str, from: [u8; 4], browser: Option<&str>) -> Attempt {
    Attempt {
        email: Email::parse("mediation.cholet@test.fr").unwrap(),
        password: password.to_owned(),
        client: ClientAddress(IpAddr::from(from)),
        browser: browser.map(str::to_owned),
    }
}

#[tokio::test]
async fn a_browser_that_logged_in_is_known_until_it_types_a_wrong_password() {
    let db = TestDb::migrated().await;
    let net = Network::create(&db.conn).await;
    let failures = AddressFailures::default();
    let Outcome::LoggedIn {
        browser,
        failed_before,
        ..
    } = login::attempt(&db.conn, &failures, attempt(PASSWORD, [192, 0, 2, 1], None))
        .await
        .unwrap()
    else {
        panic!("the right password logs in");
    };
    assert_eq!(failed_before, None);
    assert!(
        devices::knows(&db.conn, &browser, &net.mediator_cholet.id)
            .await
            .unwrap()
    );
    assert!(
        !devices::knows(&db.conn, &browser, &net.manager_cholet.id)
            .await
            .unwrap(),
        "known for this account only"
    );
    // Strangers make the account rest…
    for n in 1..=5 {
        let outcome = login::attempt(&db.conn, &failures, attempt("non", [203, 0, 113, n], None))
            .await
            .unwrap();
        assert!(matches!(outcome, Outcome::Refused), "{outcome:?}");
    }
    let outcome = login::attempt(
        &db.conn,
        &failures,
        attempt(PASSWORD, [203, 0, 113, 9], None),
    )
    .await
    .unwrap();
    assert!(matches!(outcome, Outcome::AccountResting(_)), "{outcome:?}");
    // …not for the known browser, which is told of the five failures.
    let outcome = login::attempt(
        &db.conn,
        &failures,
        attempt(PASSWORD, [192, 0, 2, 1], Some(&browser)),
    )
    .await
    .unwrap();
    let Outcome::LoggedIn { failed_before, .. } = outcome else {
        panic!("the known browser logs in: {outcome:?}");
    };
    assert_eq!(failed_before.map(|f| f.count), Some(5));
    // A wrong password from it, and it is a stranger like any other.
    let outcome = login::attempt(
        &db.conn,
        &failures,
        attempt("non", [192, 0, 2, 1], Some(&browser)),
    )
    .await
    .unwrap();
    assert!(matches!(outcome, Outcome::Refused));
    assert!(
        !devices::knows(&db.conn, &browser, &net.mediator_cholet.id)
            .await
            .unwrap()
    );
}
