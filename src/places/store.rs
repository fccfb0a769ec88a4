//! All SQL about places.

use std::collections::HashMap;

use sea_orm::{
    ConnectionTrait, DbErr, EntityTrait, FromQueryResult, PaginatorTrait, QueryOrder, QueryResult,
    QuerySelect, Select, TransactionSession, TransactionTrait,
};

use super::field::{Field, Kind};
use super::model::{Place, Value as FieldValue};
use crate::db;
use crate::organizations::OrganizationId;
use crate::territory::Communes;

/// The table's columns Maille queries by; the schema's fields are read and
/// written by looping over [`Field::ALL`] (their columns bear their names).
pub(crate) mod entity {
    use sea_orm::entity::prelude::*;

    #[sea_orm::model]
    #[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
    #[sea_orm(table_name = "places")]
    pub struct Model {
        #[sea_orm(primary_key, auto_increment = false)]
        pub id: String,
        pub organization_id: Option<String>,
        pub nom: String,
        pub commune: String,
        pub position_approximate: bool,
        pub created_at: DateTimeUtc,
        pub updated_at: DateTimeUtc,
    }

    impl ActiveModelBehavior for ActiveModel {}
}

use entity::{Column, Entity};

/// A place as stored, with what Maille adds to the schema.
#[derive(Clone, Debug, PartialEq)]
pub struct StoredPlace {
    pub place: Place,
    /// The structure that runs it; none for places imported from national data.
    pub organization_id: Option<OrganizationId>,
    /// The position is the commune's, not the address's.
    pub position_approximate: bool,
}

impl StoredPlace {
    /// A place with no owning structure, its missing position filled from
    /// its commune's and flagged approximate: without a position, nobody
    /// could find it by proximity.
    pub fn located(mut place: Place) -> Self {
        let mut position_approximate = false;
        if place.latitude.is_none() || place.longitude.is_none() {
            let communes = Communes::get();
            let commune = place
                .code_insee
                .as_deref()
                .and_then(|code| communes.by_insee(code))
                .or_else(|| {
                    communes
                        .resolve(&format!("{} {}", place.code_postal, place.commune))
                        .first()
                        .copied()
                });
            if let Some(commune) = commune {
                place.latitude = Some(commune.latitude);
                place.longitude = Some(commune.longitude);
                position_approximate = true;
            }
        }
        Self {
            place,
            organization_id: None,
            position_approximate,
        }
    }

    /// The place as Maille publishes it (exports, API): an approximate
    /// position is Maille's guess, not the producer's data, so it is left out.
    pub fn published(&self) -> Place {
        let mut place = self.place.clone();
        if self.position_approximate {
            place.latitude = None;
            place.longitude = None;
        }
        place
    }
}

/// How many rows a statement writes: 500 × 35 values, under SQLite's limit
/// of 32,766 bound variables (PostgreSQL's is 65,535); an import's batch of
/// 500 rows is one statement.
const BATCH: usize = 500;

/// A place's row as read: each schema field as text (as an import would
/// give it), and what Maille adds.
struct PlaceRecord {
    fields: Vec<Option<String>>,
    organization_id: Option<String>,
    position_approximate: bool,
}

impl FromQueryResult for PlaceRecord {
    fn from_query_result(row: &QueryResult, pre: &str) -> Result<Self, DbErr> {
        let fields = Field::ALL
            .iter()
            .map(|field| {
                let name = field.name();
                Ok(match field.kind() {
                    Kind::Coordinate { .. } => row
                        .try_get::<Option<f64>>(pre, name)?
                        .map(|v| v.to_string()),
                    Kind::Date => Some(
                        row.try_get::<chrono::NaiveDate>(pre, name)?
                            .format("%Y-%m-%d")
                            .to_string(),
                    ),
                    _ => row.try_get::<Option<String>>(pre, name)?,
                })
            })
            .collect::<Result<_, DbErr>>()?;
        Ok(Self {
            fields,
            organization_id: row.try_get(pre, "organization_id")?,
            position_approximate: row.try_get(pre, "position_approximate")?,
        })
    }
}

impl PlaceRecord {
    fn id(&self) -> Option<&str> {
        self.fields[Field::Id.index()].as_deref()
    }
}

/// Every column of the places a query finds: the schema's fields by name,
/// then Maille's.
fn select_places() -> Select<Entity> {
    use sea_orm::sea_query::{Alias, Expr};
    let mut select = Entity::find().select_only();
    for field in Field::ALL {
        select = select.column_as(Expr::col((Entity, Alias::new(field.name()))), field.name());
    }
    select
        .column(Column::OrganizationId)
        .column(Column::PositionApproximate)
}

/// Reads a row back through the same parser as an import: the database is
/// not trusted to hold only valid values (it may have been edited by hand).
fn from_row(row: PlaceRecord) -> Result<StoredPlace, DbErr> {
    let value =
        |name: &str| -> Option<String> { row.fields[Field::from_name(name)?.index()].clone() };
    let place = Place::parse_stored(&value).map_err(|errors| {
        DbErr::Type(format!(
            "place {} holds invalid values: {errors:?}",
            row.id().unwrap_or_default()
        ))
    })?;
    Ok(StoredPlace {
        place,
        organization_id: row.organization_id.map(OrganizationId::from_db),
        position_approximate: row.position_approximate,
    })
}

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

/// Who runs each of the places `ids` that exist: `None` for national data.
pub async fn owners(
    db: &impl ConnectionTrait,
    ids: &[&str],
) -> Result<HashMap<String, Option<OrganizationId>>, DbErr> {
    use sea_orm::ColumnTrait;
    use sea_orm::QueryFilter;
    let rows: Vec<(String, Option<String>)> = Entity::find()
        .select_only()
        .column(Column::Id)
        .column(Column::OrganizationId)
        .filter(Column::Id.is_in(ids.iter().copied()))
        .into_tuple()
        .all(db)
        .await?;
    Ok(rows
        .into_iter()
        .map(|(id, owner)| (id, owner.map(OrganizationId::from_db)))
        .collect())
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

/// The places run by `organization`, by name.
pub async fn of_organization(
    db: &impl ConnectionTrait,
    organization: &OrganizationId,
) -> Result<Vec<StoredPlace>, DbErr> {
    use sea_orm::{ColumnTrait, QueryFilter};
    select_places()
        .filter(Column::OrganizationId.eq(organization.as_str()))
        .order_by_asc(Column::Nom)
        .into_model::<PlaceRecord>()
        .all(db)
        .await?
        .into_iter()
        .map(from_row)
        .collect()
}

/// National places (no structure runs them) whose name or commune holds
/// `text`, or whose id is `text`, by name; at most `limit`.
pub async fn national_matching(
    db: &impl ConnectionTrait,
    text: &str,
    limit: u64,
) -> Result<Vec<StoredPlace>, DbErr> {
    use sea_orm::sea_query::{Expr, ExprTrait, Func};
    use sea_orm::{ColumnTrait, Condition, QueryFilter};
    let pattern = format!("%{}%", text.to_lowercase().replace(['%', '_'], ""));
    let lower = |column: Column| Expr::expr(Func::lower(Expr::col((Entity, column))));
    select_places()
        .filter(Column::OrganizationId.is_null())
        .filter(
            Condition::any()
                .add(lower(Column::Nom).like(pattern.as_str()))
                .add(lower(Column::Commune).like(pattern.as_str()))
                .add(Column::Id.eq(text)),
        )
        .order_by_asc(Column::Nom)
        .limit(limit)
        .into_model::<PlaceRecord>()
        .all(db)
        .await?
        .into_iter()
        .map(from_row)
        .collect()
}

/// Rows read per query when loading every place: the rows of one page are
/// parsed and dropped before the next is read, which keeps the peak memory of
/// a load near the size of the result rather than twice it. Small, because
/// SQLite copies each value of a page with the C allocator, whose arenas keep
/// what they once held: pages of 2,000 rows left 17 MB there.
const PAGE: u64 = 250;

/// Every place, by id (for exports).
pub async fn all(db: &impl ConnectionTrait) -> Result<Vec<StoredPlace>, DbErr> {
    let mut places = Vec::new();
    each_page(db, |page| places.extend(page)).await?;
    Ok(places)
}

/// Every place, by id, handed over one page at a time: the search index
/// keeps a summary of each, and the full records of a page are dropped
/// before the next page is read.
pub async fn each_page(
    db: &impl ConnectionTrait,
    mut take: impl FnMut(Vec<StoredPlace>),
) -> Result<(), DbErr> {
    use sea_orm::{ColumnTrait, QueryFilter};
    // By key, not by offset: each page starts where the last one ended
    // instead of skipping every row before it.
    let mut after: Option<String> = None;
    loop {
        let mut query = select_places().order_by_asc(Column::Id).limit(PAGE);
        if let Some(last) = &after {
            query = query.filter(Column::Id.gt(last.as_str()));
        }
        let rows = query.into_model::<PlaceRecord>().all(db).await?;
        let full = rows.len() as u64 == PAGE;
        after = rows.last().and_then(|row| row.id().map(str::to_owned));
        take(rows.into_iter().map(from_row).collect::<Result<_, _>>()?);
        if !full {
            return Ok(());
        }
    }
}

/// The place with this id.
pub async fn find(db: &impl ConnectionTrait, id: &str) -> Result<Option<StoredPlace>, DbErr> {
    use sea_orm::{ColumnTrait, QueryFilter};
    select_places()
        .filter(Column::Id.eq(id))
        .into_model::<PlaceRecord>()
        .one(db)
        .await?
        .map(from_row)
        .transpose()
}

/// How many places are stored.
pub async fn count(db: &impl ConnectionTrait) -> Result<u64, DbErr> {
    Entity::find().count(db).await
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
