//! The database: one code path for SQLite (default, embedded) and PostgreSQL.
//!
//! The backend is chosen at run time from the URL. Everything else in Maille
//! talks to a `DatabaseConnection` and never asks which backend it is, except
//! through the few named helpers of this module.

pub mod append_only;
pub mod checkpoint;
pub mod migrations;
mod url;
mod writer;

use std::time::Duration;

use chrono::{DateTime, SubsecRound, Utc};
use sea_orm::sqlx::sqlite::{SqliteJournalMode, SqliteSynchronous};
use sea_orm::{
    ConnectOptions, ConnectionTrait, Database, DatabaseBackend, DatabaseConnection, DbErr, SqlErr,
};
use sea_orm_migration::MigratorTrait;

pub use url::{DatabaseUrl, DatabaseUrlError};
pub use writer::{Work, write};

/// Opens a pool on the database named by `url`.
///
/// SQLite runs in WAL mode with `synchronous=NORMAL`: readers never wait for
/// the writer, and a crash loses at most the last transaction, not the file.
/// A commit waits for the disk only when it checkpoints (`checkpoint`).
pub async fn connect(url: &DatabaseUrl) -> Result<DatabaseConnection, DbErr> {
    let mut options = ConnectOptions::new(url.as_str());
    options
        // SQLite writes one at a time and each connection keeps its own
        // page cache (2 MB): four connections read in parallel on a small
        // server and keep the memory of a long load under 60 MB.
        .max_connections(if url.is_sqlite() { 4 } else { 16 })
        .min_connections(1)
        // Asking a connection whether it is alive before each statement
        // costs a round trip to it: on SQLite, a file in this process that
        // cannot have gone away, it doubled the trips of every read and
        // lengthened every writer's turn. A PostgreSQL connection idle for
        // a while may have been dropped by the server or a firewall.
        .test_before_acquire(!url.is_sqlite())
        .connect_timeout(Duration::from_secs(5))
        .acquire_timeout(Duration::from_secs(10))
        .sqlx_logging(false)
        .map_sqlx_sqlite_opts(|o| {
            o.journal_mode(SqliteJournalMode::Wal)
                .synchronous(SqliteSynchronous::Normal)
                .foreign_keys(true)
                .busy_timeout(Duration::from_secs(5))
                .pragma(
                    "wal_autocheckpoint",
                    checkpoint::COMMIT_THRESHOLD_PAGES.to_string(),
                )
        });
    Database::connect(options).await
}

/// Applies every pending migration.
pub async fn migrate(db: &DatabaseConnection) -> Result<(), DbErr> {
    migrations::Migrator::up(db, None).await
}

/// A new identifier: UUIDv7 as text, sortable by creation time and safe to
/// merge between nodes that create records offline.
pub fn new_id() -> String {
    uuid::Uuid::now_v7().to_string()
}

/// Waits for this process's turn to write, on SQLite: one writer at a time
/// queues here, in order, instead of meeting SQLite's lock and its busy
/// handler, which sleeps up to 100 ms between tries (a burst of activities
/// recorded at once had a p99 of 350 ms). Nothing on PostgreSQL, whose rows
/// are locked one by one.
pub async fn writer_turn(
    db: &impl ConnectionTrait,
) -> Option<tokio::sync::MutexGuard<'static, ()>> {
    static WRITER: tokio::sync::Mutex<()> = tokio::sync::Mutex::const_new(());
    match db.get_database_backend() {
        DatabaseBackend::Sqlite => Some(WRITER.lock().await),
        _ => None,
    }
}

/// The current instant, rounded to the microsecond: both backends store
/// microseconds, so a value read back compares equal to the value written.
pub fn now() -> DateTime<Utc> {
    Utc::now().trunc_subsecs(6)
}

/// Why the database cannot serve.
#[derive(Debug, thiserror::Error)]
pub enum Unhealthy {
    #[error("la base de données ne répond pas ou est illisible : {0}")]
    Unreadable(#[from] DbErr),
    #[error(
        "le schéma de la base ({found}) n’est pas celui de ce programme ({expected}) : lancez « maille migrate » avec la bonne version"
    )]
    Schema { found: String, expected: String },
}

/// Checks that the database really serves this program: a read of a real
/// table (the organisations, which every page's session needs) and a schema
/// whose last migration is this binary's last. A ping is not enough: a
/// SQLite file overwritten with garbage still answers `SELECT 1`.
pub async fn health(db: &impl ConnectionTrait) -> Result<(), Unhealthy> {
    use sea_orm::Statement;
    let backend = db.get_database_backend();
    let expected = migrations::Migrator::migrations()
        .last()
        .map(|m| m.name().to_owned())
        .unwrap_or_default();
    let found = db
        .query_one_raw(Statement::from_string(
            backend,
            "SELECT version FROM seaql_migrations ORDER BY version DESC LIMIT 1",
        ))
        .await?
        .map(|row| row.try_get::<String>("", "version"))
        .transpose()?
        .unwrap_or_default();
    db.query_one_raw(Statement::from_string(
        backend,
        "SELECT COUNT(*) AS n FROM organizations",
    ))
    .await?;
    if found != expected {
        return Err(Unhealthy::Schema { found, expected });
    }
    Ok(())
}

/// The `n`-th (from 1) parameter of a statement written by hand: `$n` on
/// PostgreSQL, `?` on SQLite — which takes `$n` as a named parameter and
/// looks each one up by name (quadratic: 17,500 parameters took minutes).
pub fn parameter(backend: DatabaseBackend, n: usize) -> String {
    match backend {
        DatabaseBackend::Sqlite => "?".to_owned(),
        _ => format!("${n}"),
    }
}

/// `count` placeholders from the `first`, comma-separated, for an `IN (…)`.
pub fn parameters(backend: DatabaseBackend, first: usize, count: usize) -> String {
    (first..first + count)
        .map(|n| parameter(backend, n))
        .collect::<Vec<_>>()
        .join(",")
}

/// Whether `column` holds `text`, whatever the case typed. SQLite's LIKE
/// ignores the case of ASCII letters already — and an index holding the
/// column answers it without reading rows, which `lower()` would slow
/// twofold; PostgreSQL's LIKE minds case, its ILIKE does not.
pub fn contains(
    backend: DatabaseBackend,
    column: impl Into<sea_orm::sea_query::Expr>,
    text: &str,
) -> sea_orm::sea_query::Expr {
    use sea_orm::sea_query::ExprTrait;
    use sea_orm::sea_query::extension::postgres::PgExpr;
    let pattern = format!("%{}%", text.replace(['%', '_', '\\'], ""));
    let column = column.into();
    match backend {
        DatabaseBackend::Postgres => column.ilike(pattern),
        _ => column.like(pattern),
    }
}

/// Whether `err` is a unique-constraint violation, on either backend.
pub fn is_unique_violation(err: &DbErr) -> bool {
    matches!(err.sql_err(), Some(SqlErr::UniqueConstraintViolation(_)))
}

/// Lets the connection give back the memory it holds for pages it has
/// read: after a read of a whole table (the directory's load), SQLite's
/// page cache keeps megabytes of rows nothing else will ask for. Nothing
/// to do on PostgreSQL, whose cache is the server's.
pub async fn release_read_cache(db: &impl ConnectionTrait) -> Result<(), DbErr> {
    if db.get_database_backend() == DatabaseBackend::Sqlite {
        db.execute_unprepared("PRAGMA shrink_memory").await?;
    }
    Ok(())
}
