//! Database-level guards that make a table append-only.
//!
//! This is one of the few places where SQLite and PostgreSQL need different
//! SQL: both refuse the change in a trigger, with their own trigger syntax.

use sea_orm::DatabaseBackend;

/// The message both backends raise when a guarded row is changed.
pub const REFUSAL: &str = "append-only table";

/// Statements that make `table` refuse UPDATE and DELETE (and TRUNCATE on PostgreSQL).
pub fn create_guards(backend: DatabaseBackend, table: &str) -> Vec<String> {
    match backend {
        DatabaseBackend::Postgres => vec![
            format!(
                "CREATE OR REPLACE FUNCTION {table}_refuse_change() RETURNS trigger \
                 LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION '{REFUSAL}: {table}'; END; $$"
            ),
            format!(
                "CREATE TRIGGER {table}_refuses_change BEFORE UPDATE OR DELETE ON {table} \
                 FOR EACH ROW EXECUTE FUNCTION {table}_refuse_change()"
            ),
            format!(
                "CREATE TRIGGER {table}_refuses_truncate BEFORE TRUNCATE ON {table} \
                 FOR EACH STATEMENT EXECUTE FUNCTION {table}_refuse_change()"
            ),
        ],
        _ => vec![
            format!(
                "CREATE TRIGGER {table}_refuses_update BEFORE UPDATE ON {table} \
                 BEGIN SELECT RAISE(ABORT, '{REFUSAL}: {table}'); END"
            ),
            format!(
                "CREATE TRIGGER {table}_refuses_delete BEFORE DELETE ON {table} \
                 BEGIN SELECT RAISE(ABORT, '{REFUSAL}: {table}'); END"
            ),
        ],
    }
}

/// Statements that undo [`create_guards`], for a migration's `down`.
pub fn drop_guards(backend: DatabaseBackend, table: &str) -> Vec<String> {
    match backend {
        DatabaseBackend::Postgres => vec![
            format!("DROP TRIGGER IF EXISTS {table}_refuses_truncate ON {table}"),
            format!("DROP TRIGGER IF EXISTS {table}_refuses_change ON {table}"),
            format!("DROP FUNCTION IF EXISTS {table}_refuse_change()"),
        ],
        _ => vec![
            format!("DROP TRIGGER IF EXISTS {table}_refuses_update"),
            format!("DROP TRIGGER IF EXISTS {table}_refuses_delete"),
        ],
    }
}
