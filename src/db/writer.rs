//! The one way a transaction that writes is run: committed when its work
//! answers `Ok`, rolled back when it answers `Err` — a refusal on an early
//! return cannot forget its rollback —, in SQLite's writers' turn
//! (`db::writer_turn`). Dropped half-way (a client that hung up), the
//! transaction is rolled back whole.
//!
//! Tried for registrations (issue 16: 370 a second from 100 clients, p99
//! 43–93 ms on SQLite over runs of the same code) and not kept: running
//! the work on a thread of its own, so that the answers of SQLite's
//! connection thread are not taken up behind the web's tasks (161 ms), or
//! as a task of its own, to finish without its asker (82 ms). Neither did
//! better than the noise between two runs on two shared cores.

use std::future::Future;
use std::pin::Pin;

use sea_orm::{DatabaseConnection, DatabaseTransaction, DbErr, TransactionTrait};

/// What a transaction does, given it: `Err` rolls it back.
pub type Work<'c, T, E> = Pin<Box<dyn Future<Output = Result<T, E>> + Send + 'c>>;

/// Runs `work` in one transaction on `db`, committed when it answers
/// `Ok`, rolled back when it answers `Err`, in the writers' turn.
pub async fn write<T, E, F>(db: &DatabaseConnection, work: F) -> Result<T, E>
where
    F: for<'c> FnOnce(&'c DatabaseTransaction) -> Work<'c, T, E>,
    E: From<DbErr>,
{
    // The turn, then the connection: the other order lets waiting writers
    // hold every connection of the pool while the one with the turn waits
    // for one.
    let _turn = super::writer_turn(db).await;
    in_transaction(db, work).await
}

async fn in_transaction<T, E, F>(db: &DatabaseConnection, work: F) -> Result<T, E>
where
    F: for<'c> FnOnce(&'c DatabaseTransaction) -> Work<'c, T, E>,
    E: From<DbErr>,
{
    let tx = db.begin().await?;
    match work(&tx).await {
        Ok(done) => {
            tx.commit().await?;
            Ok(done)
        }
        Err(refused) => {
            tx.rollback().await?;
            Err(refused)
        }
    }
}
