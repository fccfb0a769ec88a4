//! Writing places: the one upsert statement an import and the staff share,
//! bound straight from the places in batches.

use sea_orm::{ConnectionTrait, DbErr, TransactionSession, TransactionTrait};

use super::StoredPlace;
use crate::db;
use crate::places::field::Field;
use crate::places::model::Value as FieldValue;

/// How many rows a statement writes: 500 × 35 values, under SQLite's limit
/// of 32,766 bound variables (PostgreSQL's is 65,535); an import's batch of
/// 500 rows is one statement.
const BATCH: usize = 500;

/// Inserts or updates `places` by id, in one transaction.
///
/// An update replaces every schema field but keeps the owning structure and
/// the creation date; a place a structure runs is never updated here (see
/// [`upsert_national`]).
pub async fn upsert_all<C: ConnectionTrait + TransactionTrait>(
    db: &C,
    places: &[StoredPlace],
) -> Result<(), DbErr> {
    let tx = db.begin().await?;
    upsert_national(&tx, places).await?;
    tx.commit().await
}

/// Inserts `places`, or updates those already known by id — unless a
/// structure runs them: a place with an owner changes only through its
/// structure's staff, whatever a file of national data says (the import
/// refuses such rows before; this holds even against a concurrent edit).
/// Runs in the caller's transaction, 500 rows per statement (`BATCH`).
///
/// This is the import's hot path (200,000 rows in a few seconds): the
/// statement is plain portable SQL, that of a full batch written once, and
/// the values are bound straight from the places, without building an
/// entity per row.
pub async fn upsert_national(
    db: &impl ConnectionTrait,
    places: &[StoredPlace],
) -> Result<(), DbErr> {
    let now = db::now();
    let prepared = places.iter().map(|p| PreparedPlace::new(p, now)).collect();
    upsert_prepared(db, prepared).await
}

/// A place's values ready to be written by [`upsert_prepared`]: an import
/// prepares them on its reading thread, while the database writes the
/// batch before.
pub struct PreparedPlace(Vec<sea_orm::Value>);

impl PreparedPlace {
    /// `stored`'s values, stamped `now`.
    pub fn new(stored: &StoredPlace, now: chrono::DateTime<chrono::Utc>) -> Self {
        Self(row_values(stored, now))
    }
}

/// [`upsert_national`] for places already prepared.
pub async fn upsert_prepared(
    db: &impl ConnectionTrait,
    places: Vec<PreparedPlace>,
) -> Result<(), DbErr> {
    let backend = db.get_database_backend();
    let mut places = places.into_iter().peekable();
    while places.peek().is_some() {
        let batch: Vec<PreparedPlace> = places.by_ref().take(BATCH).collect();
        let rows = batch.len();
        let values: Vec<sea_orm::Value> = batch.into_iter().flat_map(|p| p.0).collect();
        let statement =
            sea_orm::Statement::from_sql_and_values(backend, upsert_sql(backend, rows), values);
        db.execute_raw(statement).await?;
    }
    Ok(())
}

/// The columns an upsert writes, in order: the schema's, then Maille's.
fn written_columns() -> impl Iterator<Item = &'static str> {
    Field::ALL.into_iter().map(Field::name).chain([
        "organization_id",
        "position_approximate",
        "created_at",
        "updated_at",
    ])
}

/// One place's values, in the order of [`written_columns`].
fn row_values(stored: &StoredPlace, now: chrono::DateTime<chrono::Utc>) -> Vec<sea_orm::Value> {
    use sea_orm::Value;
    let place = &stored.place;
    let mut values: Vec<Value> = Field::ALL
        .into_iter()
        .map(|field| match place.value(field) {
            FieldValue::Number(number) => Value::Double(number),
            FieldValue::Day(day) => Value::ChronoDate(Some(day)),
            text if text.is_empty() => Value::String(None),
            text => Value::String(Some(text.to_text())),
        })
        .collect();
    values.extend([
        Value::String(
            stored
                .organization_id
                .as_ref()
                .map(|o| o.as_str().to_owned()),
        ),
        Value::Bool(Some(stored.position_approximate)),
        Value::ChronoDateTimeUtc(Some(now)),
        Value::ChronoDateTimeUtc(Some(now)),
    ]);
    values
}

/// Who writes a place, which decides what an update may change.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Writer {
    /// National data (an import): never the owner, never an owned place.
    NationalData,
    /// A structure's staff, or an administrator: every column.
    Staff,
}

/// The national-data upsert for `rows` rows (see [`write_upsert_sql`]); the
/// statement of a full batch is written once per backend.
fn upsert_sql(backend: sea_orm::DatabaseBackend, rows: usize) -> String {
    use std::sync::OnceLock;
    static FULL_BATCH: [OnceLock<String>; 2] = [OnceLock::new(), OnceLock::new()];
    if rows == BATCH {
        let slot = usize::from(backend == sea_orm::DatabaseBackend::Sqlite);
        return FULL_BATCH[slot]
            .get_or_init(|| write_upsert_sql(backend, BATCH, Writer::NationalData))
            .clone();
    }
    write_upsert_sql(backend, rows, Writer::NationalData)
}

/// `INSERT … ON CONFLICT (id) DO UPDATE …` for `rows` rows, the same on
/// both backends but for the parameters' spelling (`db::parameter`). An
/// update keeps the creation date; for national data it keeps the owner
/// too, and leaves a place a structure runs alone (`WHERE … IS NULL`).
fn write_upsert_sql(backend: sea_orm::DatabaseBackend, rows: usize, writer: Writer) -> String {
    let columns: Vec<&str> = written_columns().collect();
    let width = columns.len();
    let tuples: Vec<String> = (0..rows)
        .map(|row| {
            let params: Vec<String> = (1..=width)
                .map(|i| db::parameter(backend, row * width + i))
                .collect();
            format!("({})", params.join(", "))
        })
        .collect();
    let national = writer == Writer::NationalData;
    let updates: Vec<String> = columns
        .iter()
        .filter(|c| !matches!(**c, "id" | "created_at"))
        .filter(|c| !(national && **c == "organization_id"))
        .map(|c| format!("{c} = excluded.{c}"))
        .collect();
    let only_national = if national {
        " WHERE places.organization_id IS NULL"
    } else {
        ""
    };
    format!(
        "INSERT INTO places ({}) VALUES {} ON CONFLICT (id) DO UPDATE SET {}{only_national}",
        columns.join(", "),
        tuples.join(", "),
        updates.join(", ")
    )
}

/// Writes one place as a structure's staff (or an administrator, for
/// national data) edited it: every field, its owning structure and whether
/// its position is approximate — the same statement as an import's, but an
/// update may also set the owner and is never skipped.
pub async fn save(db: &impl ConnectionTrait, place: &StoredPlace) -> Result<(), DbErr> {
    let backend = db.get_database_backend();
    let statement = sea_orm::Statement::from_sql_and_values(
        backend,
        write_upsert_sql(backend, 1, Writer::Staff),
        row_values(place, db::now()),
    );
    db.execute_raw(statement).await?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_import_never_updates_the_owner_and_staff_may() {
        let national =
            write_upsert_sql(sea_orm::DatabaseBackend::Postgres, 1, Writer::NationalData);
        assert!(national.ends_with("WHERE places.organization_id IS NULL"));
        assert!(!national.contains("organization_id = excluded"));
        let staff = write_upsert_sql(sea_orm::DatabaseBackend::Sqlite, 1, Writer::Staff);
        assert!(staff.contains("organization_id = excluded.organization_id"));
        assert!(!staff.contains("WHERE") && !staff.contains('$'));
    }
}
