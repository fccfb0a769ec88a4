//! The journal on a real database: append-only and scoped.

use maille::db;
use maille::journal::store::{self, Scope};
use maille::journal::{self, Actor};
use sea_orm::ConnectionTrait;

use crate::support::{Network, TestDb};

#[tokio::test]
async fn the_database_refuses_to_update_delete_or_empty_the_journal() {
    let db = TestDb::migrated().await;
    let net = Network::create(&db.conn).await;
    journal::login_succeeded(&db.conn, &net.manager_cholet, crate::support::here())
        .await
        .unwrap();
    let mut statements = vec![
        "UPDATE journal SET subject = 'quelqu''un d''autre'".to_owned(),
        "DELETE FROM journal".to_owned(),
    ];
    if TestDb::is_postgres() {
        statements.push("TRUNCATE journal".to_owned());
    }
    for statement in statements {
        let err = db.conn.execute_unprepared(&statement).await.unwrap_err();
        assert!(
            err.to_string().contains(db::append_only::REFUSAL),
            "{statement}: {err}"
        );
    }
    let (entries, total) = store::list(&db.conn, &Scope::All, 0, 10).await.unwrap();
    assert_eq!(total, 1);
    assert_eq!(entries[0].subject, "direction.cholet@test.fr");
}

#[tokio::test]
async fn a_manager_reads_only_entries_about_their_structure_newest_first() {
    let db = TestDb::migrated().await;
    let net = Network::create(&db.conn).await;
    journal::login_succeeded(&db.conn, &net.manager_cholet, crate::support::here())
        .await
        .unwrap();
    journal::login_succeeded(&db.conn, &net.manager_angers, crate::support::here())
        .await
        .unwrap();
    journal::account_created(
        &db.conn,
        Actor::User(&net.manager_cholet),
        &net.mediator_cholet,
    )
    .await
    .unwrap();
    let (entries, total) =
        store::list(&db.conn, &Scope::Organization(net.cholet.id.clone()), 0, 10)
            .await
            .unwrap();
    assert_eq!(total, 2);
    assert_eq!(entries[0].event_label(), "Compte créé");
    assert_eq!(entries[1].event_label(), "Connexion réussie");
    assert!(entries.iter().all(|e| !e.subject.contains("angers")));
}

#[tokio::test]
async fn the_journal_pages_through_its_entries() {
    let db = TestDb::migrated().await;
    let net = Network::create(&db.conn).await;
    for _ in 0..7 {
        journal::login_succeeded(&db.conn, &net.mediator_cholet, crate::support::here())
            .await
            .unwrap();
    }
    let (second_page, total) = store::list(&db.conn, &Scope::All, 1, 5).await.unwrap();
    assert_eq!(total, 7);
    assert_eq!(second_page.len(), 2);
}
