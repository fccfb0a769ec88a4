//! SQLite's write-ahead log is copied back into the database file by a
//! checkpoint, which waits for the disk twice. Left to SQLite, it runs in
//! the commit that makes the log reach its threshold: in one writer's
//! turn, with every writer queued behind it waiting for the disk too. The
//! server runs it beside the writers instead (`beside_writers`), on a
//! connection of the pool, and SQLite's own threshold is raised so that it
//! is only a safety net (for the commands, which run no checkpointer).

use std::time::Duration;

use sea_orm::{ConnectionTrait, DatabaseBackend, DatabaseConnection, DbErr};

/// The log's size, in pages of 4 KB, at which a commit checkpoints by
/// itself (SQLite's default is 1,000): 40 MB, never reached while the
/// server checkpoints four times a second.
pub const COMMIT_THRESHOLD_PAGES: u32 = 10_000;

/// How often the server checkpoints.
const EVERY: Duration = Duration::from_millis(250);

/// Copies what the log holds into the database file, without waiting for
/// any reader or writer (`PASSIVE`): what a reader still needs stays in
/// the log for the next time. Nothing on PostgreSQL.
pub async fn checkpoint(db: &impl ConnectionTrait) -> Result<(), DbErr> {
    if db.get_database_backend() == DatabaseBackend::Sqlite {
        db.execute_unprepared("PRAGMA wal_checkpoint(PASSIVE)")
            .await?;
    }
    Ok(())
}

/// Checkpoints every quarter-second, for as long as the server runs; run
/// it in its own task.
pub async fn beside_writers(db: DatabaseConnection) {
    if db.get_database_backend() != DatabaseBackend::Sqlite {
        return;
    }
    let mut every = tokio::time::interval(EVERY);
    every.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    loop {
        every.tick().await;
        if let Err(err) = checkpoint(&db).await {
            tracing::warn!(error = %err, "point de reprise SQLite impossible");
        }
    }
}
