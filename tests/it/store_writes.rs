//! `db::write`, the one way the busiest transactions are written: all or
//! nothing, even when the asker hangs up half-way, and a work that panics
//! does not stop the writes after it. And SQLite's log, copied into the
//! database file by the server's checkpoint rather than in a commit.

use std::time::Duration;

use maille::db;
use sea_orm::{ConnectionTrait, DatabaseConnection, DbErr, Statement};

use crate::support::TestDb;

async fn with_table() -> TestDb {
    let test_db = TestDb::empty().await;
    test_db
        .conn
        .execute_unprepared("CREATE TABLE written (n INTEGER NOT NULL)")
        .await
        .unwrap();
    test_db
}

/// The one number `sql` answers.
async fn number(db: &DatabaseConnection, sql: &str) -> i64 {
    let row = db
        .query_one_raw(Statement::from_string(db.get_database_backend(), sql))
        .await
        .unwrap()
        .unwrap();
    row.try_get_by_index(0).unwrap()
}

async fn rows(db: &DatabaseConnection) -> i64 {
    number(db, "SELECT COUNT(*) FROM written").await
}

async fn insert(tx: &impl ConnectionTrait, n: i64) -> Result<(), DbErr> {
    tx.execute_unprepared(&format!("INSERT INTO written (n) VALUES ({n})"))
        .await
        .map(|_| ())
}

#[tokio::test]
async fn a_work_that_answers_ok_is_committed_and_one_that_answers_err_leaves_nothing() {
    let test_db = with_table().await;
    let done: Result<u8, DbErr> = db::write(&test_db.conn, |tx| {
        Box::pin(async move {
            insert(tx, 1).await?;
            Ok(7)
        })
    })
    .await;
    assert_eq!(done.unwrap(), 7);
    let refused: Result<(), DbErr> = db::write(&test_db.conn, |tx| {
        Box::pin(async move {
            insert(tx, 2).await?;
            Err(DbErr::Custom("refusé".to_owned()))
        })
    })
    .await;
    assert!(refused.is_err());
    assert_eq!(rows(&test_db.conn).await, 1);
}

#[tokio::test]
async fn a_work_whose_asker_hangs_up_is_never_left_half_written() {
    let test_db = with_table().await;
    let asked = db::write(&test_db.conn, |tx| {
        Box::pin(async move {
            insert(tx, 1).await?;
            tokio::time::sleep(Duration::from_millis(100)).await;
            insert(tx, 2).await?;
            Ok::<_, DbErr>(())
        })
    });
    // The asker gives up while the work is between its two rows.
    assert!(
        tokio::time::timeout(Duration::from_millis(30), asked)
            .await
            .is_err()
    );
    tokio::time::sleep(Duration::from_millis(400)).await;
    // Its transaction is rolled back whole: not one row of the two.
    assert_eq!(rows(&test_db.conn).await, 0);
}

fn a_programming_error() -> Result<(), DbErr> {
    panic!("une erreur de programmation")
}

#[tokio::test]
async fn a_work_that_panics_fails_alone_and_the_next_write_is_done() {
    let test_db = with_table().await;
    let conn = test_db.conn.clone();
    let panicked = tokio::spawn(async move {
        db::write(&conn, |tx| {
            Box::pin(async move {
                insert(tx, 1).await?;
                a_programming_error()
            })
        })
        .await
    })
    .await;
    assert!(panicked.is_err_and(|err| err.is_panic()));
    let next: Result<(), DbErr> = db::write(&test_db.conn, |tx| {
        Box::pin(async move { insert(tx, 2).await })
    })
    .await;
    next.unwrap();
    assert_eq!(rows(&test_db.conn).await, 1);
}

#[tokio::test]
async fn a_commit_leaves_the_log_to_the_servers_checkpoint_which_copies_it_into_the_database_file()
{
    let test_db = with_table().await;
    let conn = &test_db.conn;
    conn.execute_unprepared(
        "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < 50000) \
         INSERT INTO written (n) SELECT x FROM c",
    )
    .await
    .unwrap();
    let Some(path) = test_db.sqlite_file() else {
        // PostgreSQL: nothing to checkpoint, and asking is harmless.
        db::checkpoint::checkpoint(conn).await.unwrap();
        assert_eq!(rows(conn).await, 50_000);
        return;
    };
    assert_eq!(
        number(conn, "PRAGMA wal_autocheckpoint").await,
        i64::from(db::checkpoint::COMMIT_THRESHOLD_PAGES)
    );
    let file_len = || std::fs::metadata(path).expect("the database file").len();
    let before = file_len();
    db::checkpoint::checkpoint(conn).await.unwrap();
    let after = file_len();
    // 50,000 rows are at least 50 pages of 4 KB: in the log after the
    // commit, in the file after the checkpoint.
    assert!(
        before < 50 * 4096,
        "the commit checkpointed: {before} bytes"
    );
    assert!(
        after >= 50 * 4096,
        "the checkpoint copied nothing: {after} bytes"
    );
    assert_eq!(rows(conn).await, 50_000);
}
