//! The account store on a real database.

use maille::accounts::store::{self, WriteError};
use maille::accounts::{DisplayName, Email, NewUser, Role};

use crate::support::fixtures::user;
use crate::support::{Network, TestDb};

#[tokio::test]
async fn an_account_is_found_by_its_address_whatever_the_case_typed() {
    let db = TestDb::migrated().await;
    let net = Network::create(&db.conn).await;
    let typed = Email::parse("Mediation.Cholet@TEST.fr").unwrap();
    let (found, hash) = store::find_with_hash_by_email(&db.conn, &typed)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(found, net.mediator_cholet);
    assert!(hash.starts_with("$argon2id$"));
}

#[tokio::test]
async fn a_second_account_with_the_same_address_is_refused_as_taken() {
    let db = TestDb::migrated().await;
    let net = Network::create(&db.conn).await;
    let duplicate = NewUser {
        organization_id: net.angers.id.clone(),
        email: Email::parse("mediation.cholet@test.fr").unwrap(),
        display_name: DisplayName::parse("Homonyme").unwrap(),
        role: Role::Mediator,
    };
    let err = store::create(&db.conn, &duplicate, "hash".into())
        .await
        .unwrap_err();
    assert!(matches!(err, WriteError::EmailTaken));
}

#[tokio::test]
async fn changing_an_address_to_one_already_taken_is_refused_and_changes_nothing() {
    let db = TestDb::migrated().await;
    let net = Network::create(&db.conn).await;
    let taken = net.manager_cholet.email.clone();
    let name = DisplayName::parse("Nouveau nom").unwrap();
    let err = store::update_profile(
        &db.conn,
        &net.mediator_cholet.id,
        &name,
        &taken,
        Role::Mediator,
    )
    .await
    .unwrap_err();
    assert!(matches!(err, WriteError::EmailTaken));
    let unchanged = store::find(&db.conn, &net.mediator_cholet.id)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(unchanged, net.mediator_cholet);
}

#[tokio::test]
async fn a_deactivated_account_is_kept_but_marked_inactive() {
    let db = TestDb::migrated().await;
    let net = Network::create(&db.conn).await;
    store::set_active(&db.conn, &net.mediator_cholet.id, false)
        .await
        .unwrap();
    let found = store::find(&db.conn, &net.mediator_cholet.id)
        .await
        .unwrap()
        .unwrap();
    assert!(!found.active);
}

#[tokio::test]
async fn active_accounts_are_counted_per_organisation_and_role() {
    let db = TestDb::migrated().await;
    let net = Network::create(&db.conn).await;
    let second = user(
        &db.conn,
        &net.cholet,
        Role::Mediator,
        "mediation2.cholet@test.fr",
    )
    .await;
    user(
        &db.conn,
        &net.cholet,
        Role::Mediator,
        "mediation3.cholet@test.fr",
    )
    .await;
    store::set_active(&db.conn, &second.id, false)
        .await
        .unwrap();
    let counts = store::count_active_by_organization(&db.conn).await.unwrap();
    let cholet = &counts[&net.cholet.id];
    assert_eq!(
        cholet[&Role::Mediator],
        2,
        "the deactivated account is not counted"
    );
    assert_eq!(cholet[&Role::Manager], 1);
    assert_eq!(counts[&net.federation.id][&Role::Coordinator], 1);
}

#[tokio::test]
async fn accounts_are_listed_by_name_within_one_organisation() {
    let db = TestDb::migrated().await;
    let net = Network::create(&db.conn).await;
    let listed = store::list(&db.conn, Some(&net.cholet.id)).await.unwrap();
    let emails: Vec<_> = listed.iter().map(|u| u.email.as_str()).collect();
    assert_eq!(
        emails,
        ["direction.cholet@test.fr", "mediation.cholet@test.fr"]
    );
    assert_eq!(store::list(&db.conn, None).await.unwrap().len(), 6);
}

#[tokio::test]
async fn a_session_lookup_brings_the_account_its_hash_and_its_organisation_at_once() {
    let db = TestDb::migrated().await;
    let net = Network::create(&db.conn).await;
    let (user, hash, organization) = store::find_for_session(&db.conn, &net.mediator_angers.id)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(user, net.mediator_angers);
    assert!(hash.starts_with("$argon2id$"));
    assert_eq!(organization, net.angers);
    let unknown = maille::accounts::UserId::parse("019a0000-0000-7000-8000-00000000dead").unwrap();
    assert!(
        store::find_for_session(&db.conn, &unknown)
            .await
            .unwrap()
            .is_none()
    );
}
