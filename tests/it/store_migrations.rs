//! Schema upgrades: a database created by an earlier migration must upgrade
//! cleanly, keeping its data, on both backends.

use maille::accounts::{self, Email};
use maille::db::migrations::Migrator;
use maille::journal;
use maille::organizations;
use sea_orm::{ConnectionTrait, Statement};
use sea_orm_migration::MigratorTrait;

use crate::support::TestDb;

#[tokio::test]
async fn a_database_at_the_first_migration_upgrades_through_all_later_ones_keeping_its_data() {
    let db = TestDb::empty().await;
    Migrator::up(&db.conn, Some(1)).await.unwrap();
    // Data as the first release wrote it, with that release's columns only.
    let backend = db.conn.get_database_backend();
    let now = maille::db::now();
    db.conn
        .execute_raw(Statement::from_sql_and_values(
            backend,
            "INSERT INTO organizations (id, parent_id, kind, name, slug, created_at, updated_at) \
             VALUES ($1, NULL, 'network', 'Réseau historique', 'reseau-historique', $2, $3)",
            [
                "019a0000-0000-7000-8000-000000000001".into(),
                now.into(),
                now.into(),
            ],
        ))
        .await
        .unwrap();
    db.conn
        .execute_raw(Statement::from_sql_and_values(
            backend,
            "INSERT INTO users (id, organization_id, email, display_name, role, password_hash, active, created_at, updated_at) \
             VALUES ($1, $2, 'ancienne@test.fr', 'Ancienne', 'admin', 'x', $3, $4, $5)",
            [
                "019a0000-0000-7000-8000-000000000002".into(),
                "019a0000-0000-7000-8000-000000000001".into(),
                true.into(),
                now.into(),
                now.into(),
            ],
        ))
        .await
        .unwrap();

    Migrator::up(&db.conn, None).await.unwrap();

    assert!(
        Migrator::get_pending_migrations(&db.conn)
            .await
            .unwrap()
            .is_empty()
    );
    let org = organizations::store::find_by_reference(&db.conn, "reseau-historique")
        .await
        .unwrap()
        .unwrap();
    let (user, _) = accounts::store::find_with_hash_by_email(
        &db.conn,
        &Email::parse("ancienne@test.fr").unwrap(),
    )
    .await
    .unwrap()
    .unwrap();
    assert_eq!(user.organization_id, org.id);
    journal::login_succeeded(&db.conn, &user, crate::support::here())
        .await
        .unwrap();
}

#[tokio::test]
async fn every_migration_can_be_rolled_back_and_applied_again() {
    let db = TestDb::migrated().await;
    Migrator::down(&db.conn, None).await.unwrap();
    assert_eq!(
        Migrator::get_pending_migrations(&db.conn)
            .await
            .unwrap()
            .len(),
        Migrator::migrations().len()
    );
    Migrator::up(&db.conn, None).await.unwrap();
    assert!(
        Migrator::get_pending_migrations(&db.conn)
            .await
            .unwrap()
            .is_empty()
    );
}
