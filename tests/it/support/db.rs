//! A fresh, empty, migrated database per test, on SQLite or PostgreSQL.

use std::path::PathBuf;

use maille::db::{self, DatabaseUrl};
use sea_orm::{ConnectionTrait, Database, DatabaseConnection};

/// Set to a PostgreSQL URL to run every test on PostgreSQL.
pub const PG_VARIABLE: &str = "MAILLE_TEST_DATABASE_URL";

/// A database that disappears when the test ends.
pub struct TestDb {
    pub conn: DatabaseConnection,
    pub url: DatabaseUrl,
    cleanup: Cleanup,
}

enum Cleanup {
    File(PathBuf),
    Postgres { admin_url: String, name: String },
}

impl TestDb {
    /// A fresh database with every migration applied.
    pub async fn migrated() -> Self {
        let test_db = Self::empty().await;
        db::migrate(&test_db.conn).await.expect("migrations apply");
        test_db
    }

    /// A fresh database with no table at all.
    pub async fn empty() -> Self {
        match std::env::var(PG_VARIABLE) {
            Ok(admin_url) if !admin_url.is_empty() => Self::postgres(admin_url).await,
            _ => Self::sqlite().await,
        }
    }

    /// The SQLite file, when the tests run on SQLite.
    pub fn sqlite_file(&self) -> Option<&std::path::Path> {
        match &self.cleanup {
            Cleanup::File(path) => Some(path),
            Cleanup::Postgres { .. } => None,
        }
    }

    /// Whether the tests run on PostgreSQL.
    pub fn is_postgres() -> bool {
        std::env::var(PG_VARIABLE).is_ok_and(|v| !v.is_empty())
    }

    async fn sqlite() -> Self {
        let path = std::env::temp_dir().join(format!("maille-test-{}.db", uuid::Uuid::now_v7()));
        let url = DatabaseUrl::parse(&format!("sqlite://{}", path.display())).expect("sqlite url");
        let conn = db::connect(&url).await.expect("sqlite opens");
        Self {
            conn,
            url,
            cleanup: Cleanup::File(path),
        }
    }

    async fn postgres(admin_url: String) -> Self {
        let admin = Database::connect(&admin_url)
            .await
            .unwrap_or_else(|e| panic!("{PG_VARIABLE} is set but PostgreSQL does not answer: {e}"));
        let name = format!("maille_test_{}", uuid::Uuid::now_v7().simple());
        admin
            .execute_unprepared(&format!("CREATE DATABASE {name}"))
            .await
            .expect("create test database");
        let _ = admin.close().await;
        let base = admin_url
            .rsplit_once('/')
            .map_or(admin_url.as_str(), |(base, _)| base);
        let url = DatabaseUrl::parse(&format!("{base}/{name}")).expect("postgres url");
        let conn = db::connect(&url).await.expect("test database opens");
        Self {
            conn,
            url,
            cleanup: Cleanup::Postgres { admin_url, name },
        }
    }
}

impl Drop for TestDb {
    fn drop(&mut self) {
        match &self.cleanup {
            Cleanup::File(path) => {
                for suffix in ["", "-wal", "-shm"] {
                    let _ = std::fs::remove_file(format!("{}{suffix}", path.display()));
                }
            }
            Cleanup::Postgres { admin_url, name } => {
                let (admin_url, name) = (admin_url.clone(), name.clone());
                // Drop runs inside the test's runtime: do the async clean-up on a thread of its own.
                let _ = std::thread::spawn(move || {
                    let runtime = tokio::runtime::Builder::new_current_thread()
                        .enable_all()
                        .build()
                        .ok()?;
                    runtime.block_on(async {
                        let admin = Database::connect(&admin_url).await.ok()?;
                        admin
                            .execute_unprepared(&format!(
                                "DROP DATABASE IF EXISTS {name} WITH (FORCE)"
                            ))
                            .await
                            .ok()?;
                        admin.close().await.ok()
                    })
                })
                .join();
            }
        }
    }
}
