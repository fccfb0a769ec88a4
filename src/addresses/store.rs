//! The `addresses` table: written by the import in batches, read one
//! street at a time. The same SeaORM code for SQLite and PostgreSQL.

use sea_orm::sea_query::OnConflict;
use sea_orm::{
    ColumnTrait, ConnectionTrait, DbErr, EntityTrait, PaginatorTrait, QueryFilter, QuerySelect,
};

use super::typed::TypedAddress;

pub mod entity {
    use sea_orm::entity::prelude::*;

    #[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
    #[sea_orm(table_name = "addresses")]
    pub struct Model {
        #[sea_orm(primary_key, auto_increment = false)]
        pub id: String,
        pub code_insee: String,
        pub street_key: String,
        pub numero: i32,
        pub suffixe: String,
        pub nom_voie: String,
        pub code_postal: String,
        pub nom_commune: String,
        pub latitude: f64,
        pub longitude: f64,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}

use entity::{ActiveModel, Column, Entity, Model};

/// One address of the base.
pub type Address = Model;

impl Address {
    /// « 12 Rue Nationale, 49300 Cholet ».
    pub fn label(&self) -> String {
        let suffixe = if self.suffixe.is_empty() {
            String::new()
        } else {
            format!(" {}", self.suffixe)
        };
        format!(
            "{}{suffixe} {}, {} {}",
            self.numero, self.nom_voie, self.code_postal, self.nom_commune
        )
    }
}

/// Writes `batch`, replacing addresses already known by id (a department
/// imported again is updated, never duplicated).
pub async fn upsert(db: &impl ConnectionTrait, batch: Vec<Address>) -> Result<(), DbErr> {
    if batch.is_empty() {
        return Ok(());
    }
    let rows = batch.into_iter().map(ActiveModel::from);
    Entity::insert_many(rows)
        .on_conflict(
            OnConflict::column(Column::Id)
                .update_columns([
                    Column::CodeInsee,
                    Column::StreetKey,
                    Column::Numero,
                    Column::Suffixe,
                    Column::NomVoie,
                    Column::CodePostal,
                    Column::NomCommune,
                    Column::Latitude,
                    Column::Longitude,
                ])
                .to_owned(),
        )
        .exec_without_returning(db)
        .await?;
    Ok(())
}

/// Whether any address is known: the search box promises addresses only then.
pub async fn any(db: &impl ConnectionTrait) -> Result<bool, DbErr> {
    Ok(Entity::find().limit(1).one(db).await?.is_some())
}

/// How many addresses are known.
pub async fn count(db: &impl ConnectionTrait) -> Result<u64, DbErr> {
    Entity::find().count(db).await
}

/// The most addresses one street is read with: the longest streets of
/// France have a few thousand numbers.
const STREET_LIMIT: u64 = 5_000;

/// The addresses of the street `key` in any of `communes`.
async fn street_in(
    db: &impl ConnectionTrait,
    communes: &[&str],
    key: &str,
) -> Result<Vec<Address>, DbErr> {
    Entity::find()
        .filter(Column::CodeInsee.is_in(communes.iter().copied()))
        .filter(Column::StreetKey.eq(key))
        .limit(STREET_LIMIT)
        .all(db)
        .await
}

/// The address typed, or the nearest number on its street; `None` when
/// the street is not known in its commune.
pub async fn find(
    db: &impl ConnectionTrait,
    typed: &TypedAddress,
) -> Result<Option<Address>, DbErr> {
    let communes: Vec<&str> = typed.communes.iter().map(|c| c.code_insee()).collect();
    let mut street = street_in(db, &communes, &typed.street_key).await?;
    if street.is_empty() {
        // « av. Foch » for « Avenue du Maréchal Foch »: a street of the
        // commune whose key holds every typed word, if only one does.
        let last_word = typed.street_key.rsplit(' ').next().unwrap_or_default();
        let pattern = format!("%{}%", last_word.replace(['%', '_'], ""));
        let candidates: Vec<String> = Entity::find()
            .select_only()
            .column(Column::StreetKey)
            .distinct()
            .filter(Column::CodeInsee.is_in(communes.iter().copied()))
            .filter(Column::StreetKey.like(pattern))
            .limit(50)
            .into_tuple()
            .all(db)
            .await?;
        let typed_words: Vec<&str> = typed.street_key.split(' ').collect();
        let holding: Vec<&String> = candidates
            .iter()
            .filter(|key| {
                let words: Vec<&str> = key.split(' ').collect();
                typed_words.iter().all(|w| words.contains(w))
            })
            .collect();
        let [only] = holding.as_slice() else {
            return Ok(None);
        };
        street = street_in(db, &communes, only).await?;
    }
    // The likeliest commune first (homonyms), then the number asked, its
    // suffix, then the nearest number.
    let rank = |a: &Address| {
        (
            communes
                .iter()
                .position(|c| *c == a.code_insee)
                .unwrap_or(usize::MAX),
            (i64::from(a.numero) - i64::from(typed.numero)).abs(),
            a.suffixe != typed.suffixe,
        )
    };
    Ok(street.into_iter().min_by_key(rank))
}
