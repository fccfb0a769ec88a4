//! All SQL about places: reading here, writing in `write`.

use std::collections::HashMap;

use sea_orm::{
    ConnectionTrait, DbErr, EntityTrait, FromQueryResult, PaginatorTrait, QueryOrder, QueryResult,
    QuerySelect, Select,
};

use super::field::{Field, Kind};
use super::model::Place;
use crate::organizations::OrganizationId;
use crate::places::index::haversine_km;
use crate::territory::{Commune, Communes};
use crate::validation::FieldError;

/// The table's columns Maille queries by; the schema's fields are read and
/// written by looping over [`Field::ALL`] (their columns bear their names).
mod write;

pub use write::{PreparedPlace, save, upsert_all, upsert_national, upsert_prepared};

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

/// Farther than this from its commune's centre, a place's position is
/// flagged for review (a commune is rarely more than 15 km across).
pub const FAR_FROM_COMMUNE_KM: f64 = 20.0;

/// The commune of `place`: by its INSEE code, else by postcode and name.
fn commune_of(place: &Place) -> Option<&'static Commune> {
    let communes = Communes::get();
    place
        .code_insee
        .as_deref()
        .and_then(|code| communes.by_insee(code))
        .or_else(|| {
            communes
                .resolve(&format!("{} {}", place.code_postal, place.commune))
                .first()
                .copied()
        })
}

impl StoredPlace {
    /// A place with no owning structure, its missing position filled from
    /// its commune's and flagged approximate: without a position, nobody
    /// could find it by proximity.
    pub fn located(mut place: Place) -> Self {
        let mut position_approximate = false;
        if (place.latitude.is_none() || place.longitude.is_none())
            && let Some(commune) = commune_of(&place)
        {
            place.latitude = Some(commune.latitude);
            place.longitude = Some(commune.longitude);
            position_approximate = true;
        }
        Self {
            place,
            organization_id: None,
            position_approximate,
        }
    }

    /// How far the given position lies from the place's commune, when more
    /// than [`FAR_FROM_COMMUNE_KM`]: a position in Provence for a place in
    /// Angers is a mistake a search for Angers would never find.
    pub fn far_from_commune(&self) -> Option<(f64, &'static Commune)> {
        if self.position_approximate {
            return None;
        }
        let (latitude, longitude) = (self.place.latitude?, self.place.longitude?);
        let commune = commune_of(&self.place)?;
        let km = haversine_km((latitude, longitude), (commune.latitude, commune.longitude));
        (km > FAR_FROM_COMMUNE_KM).then_some((km, commune))
    }

    /// The explanation (catalogue `key`, with `km` and `commune`) of a
    /// position far from the place's commune: an import lists it, the
    /// staff pages mark the place until it is corrected.
    pub fn position_to_review(&self, key: &'static str) -> Option<FieldError> {
        let (km, commune) = self.far_from_commune()?;
        let position = format!(
            "{}, {}",
            self.place.latitude.unwrap_or_default(),
            self.place.longitude.unwrap_or_default()
        );
        Some(
            FieldError::new("latitude", key)
                .with_value(&position)
                .with_arg("km", km.round() as i64)
                .with_arg("commune", commune.nom()),
        )
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
    let value = |field: Field| row.fields[field.index()].clone();
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

/// The places run by `organization`, by name.
pub async fn of_organization(
    db: &impl ConnectionTrait,
    organization: &OrganizationId,
) -> Result<Vec<StoredPlace>, DbErr> {
    use sea_orm::{ColumnTrait, QueryFilter};
    let query = select_places()
        .filter(Column::OrganizationId.eq(organization.as_str()))
        .order_by_asc(Column::Nom);
    read_all(db, query).await
}

/// The id of the first place (by name) `organization` runs: where its
/// activities happen unless told otherwise.
pub async fn first_of_organization(
    db: &impl ConnectionTrait,
    organization: &OrganizationId,
) -> Result<Option<String>, DbErr> {
    use sea_orm::{ColumnTrait, QueryFilter};
    Entity::find()
        .select_only()
        .column(Column::Id)
        .filter(Column::OrganizationId.eq(organization.as_str()))
        .order_by_asc(Column::Nom)
        .into_tuple()
        .one(db)
        .await
}

/// The places that any of `organizations` runs.
pub async fn of_organizations(
    db: &impl ConnectionTrait,
    organizations: &[OrganizationId],
) -> Result<Vec<StoredPlace>, DbErr> {
    use sea_orm::{ColumnTrait, QueryFilter};
    let ids = organizations.iter().map(|o| o.as_str().to_owned());
    let query = select_places()
        .filter(Column::OrganizationId.is_in(ids))
        .order_by_asc(Column::Nom);
    read_all(db, query).await
}

/// National places (no structure runs them) whose name or commune holds
/// `text`, or whose id is `text`, by name; at most `limit`.
pub async fn national_matching(
    db: &impl ConnectionTrait,
    text: &str,
    limit: u64,
) -> Result<Vec<StoredPlace>, DbErr> {
    use sea_orm::sea_query::Expr;
    use sea_orm::{ColumnTrait, Condition, QueryFilter};
    let backend = db.get_database_backend();
    let holds = |column: Column| crate::db::contains(backend, Expr::col((Entity, column)), text);
    let query = select_places()
        .filter(Column::OrganizationId.is_null())
        .filter(
            Condition::any()
                .add(holds(Column::Nom))
                .add(holds(Column::Commune))
                .add(Column::Id.eq(text)),
        )
        .order_by_asc(Column::Nom)
        .limit(limit);
    read_all(db, query).await
}

/// Every place `query` finds, read back through the parser.
async fn read_all(
    db: &impl ConnectionTrait,
    query: Select<Entity>,
) -> Result<Vec<StoredPlace>, DbErr> {
    query
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
