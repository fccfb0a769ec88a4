//! The session store on a real database.

use std::collections::HashMap;

use maille::web::session_store::DbSessionStore;
use time::{Duration, OffsetDateTime};
use tower_sessions::SessionStore;
use tower_sessions::session::{Id, Record};

use crate::support::TestDb;

fn record(expires_in: Duration) -> Record {
    let mut data = HashMap::new();
    data.insert("user_id".to_owned(), serde_json::json!("someone"));
    Record {
        id: Id::default(),
        data,
        expiry_date: OffsetDateTime::now_utc() + expires_in,
    }
}

#[tokio::test]
async fn a_saved_session_loads_back_and_an_expired_one_does_not() {
    let db = TestDb::migrated().await;
    let store = DbSessionStore::new(db.conn.clone());
    let mut live = record(Duration::hours(1));
    store.create(&mut live).await.unwrap();
    let mut expired = record(Duration::seconds(-1));
    store.create(&mut expired).await.unwrap();
    assert_eq!(
        store.load(&live.id).await.unwrap().map(|r| r.data),
        Some(live.data.clone())
    );
    assert_eq!(store.load(&expired.id).await.unwrap(), None);
}

#[tokio::test]
async fn saving_again_updates_the_session_instead_of_duplicating_it() {
    let db = TestDb::migrated().await;
    let store = DbSessionStore::new(db.conn.clone());
    let mut session = record(Duration::hours(1));
    store.save(&session).await.unwrap();
    session
        .data
        .insert("csrf".to_owned(), serde_json::json!("jeton"));
    store.save(&session).await.unwrap();
    let loaded = store.load(&session.id).await.unwrap().unwrap();
    assert_eq!(loaded.data.get("csrf"), Some(&serde_json::json!("jeton")));
    store.delete(&session.id).await.unwrap();
    assert_eq!(store.load(&session.id).await.unwrap(), None);
}

#[tokio::test]
async fn the_purge_deletes_expired_sessions_only() {
    let db = TestDb::migrated().await;
    let store = DbSessionStore::new(db.conn.clone());
    let live = record(Duration::hours(1));
    store.save(&live).await.unwrap();
    for _ in 0..3 {
        store.save(&record(Duration::seconds(-5))).await.unwrap();
    }
    assert_eq!(store.purge_expired().await.unwrap(), 3);
    assert!(store.load(&live.id).await.unwrap().is_some());
}
