//! All SQL about the stops of itinerant places.

use chrono::NaiveDate;
use sea_orm::{
    ActiveValue::Set, ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter, QueryOrder,
};

use super::Stop;
use crate::db;

pub(crate) mod entity {
    use sea_orm::entity::prelude::*;

    #[sea_orm::model]
    #[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
    #[sea_orm(table_name = "place_stops")]
    pub struct Model {
        #[sea_orm(primary_key, auto_increment = false)]
        pub id: String,
        pub place_id: String,
        pub date: Date,
        pub starts: Time,
        pub ends: Time,
        pub adresse: String,
        pub commune: String,
        pub code_postal: String,
        pub code_insee: String,
        pub latitude: f64,
        pub longitude: f64,
        pub position_approximate: bool,
        pub created_at: DateTimeUtc,
        pub updated_at: DateTimeUtc,
    }

    impl ActiveModelBehavior for ActiveModel {}
}

use entity::{Column, Entity};

fn from_row(row: entity::Model) -> Stop {
    Stop {
        id: row.id,
        place_id: row.place_id,
        date: row.date,
        starts: row.starts,
        ends: row.ends,
        adresse: row.adresse,
        commune: row.commune,
        code_postal: row.code_postal,
        code_insee: row.code_insee,
        latitude: row.latitude,
        longitude: row.longitude,
        position_approximate: row.position_approximate,
    }
}

/// Adds a stop.
pub async fn insert(db: &impl ConnectionTrait, stop: &Stop) -> Result<(), DbErr> {
    let now = db::now();
    Entity::insert(entity::ActiveModel {
        id: Set(stop.id.clone()),
        place_id: Set(stop.place_id.clone()),
        date: Set(stop.date),
        starts: Set(stop.starts),
        ends: Set(stop.ends),
        adresse: Set(stop.adresse.clone()),
        commune: Set(stop.commune.clone()),
        code_postal: Set(stop.code_postal.clone()),
        code_insee: Set(stop.code_insee.clone()),
        latitude: Set(stop.latitude),
        longitude: Set(stop.longitude),
        position_approximate: Set(stop.position_approximate),
        created_at: Set(now),
        updated_at: Set(now),
    })
    .exec_without_returning(db)
    .await?;
    Ok(())
}

/// Removes the stop `id` of `place_id`; false when there was none.
pub async fn delete(db: &impl ConnectionTrait, place_id: &str, id: &str) -> Result<bool, DbErr> {
    let result = Entity::delete_many()
        .filter(Column::Id.eq(id))
        .filter(Column::PlaceId.eq(place_id))
        .exec(db)
        .await?;
    Ok(result.rows_affected > 0)
}

/// The stops of `place_id` from `from` on, in date order.
pub async fn of_place(
    db: &impl ConnectionTrait,
    place_id: &str,
    from: NaiveDate,
) -> Result<Vec<Stop>, DbErr> {
    let query = since(from).filter(Column::PlaceId.eq(place_id));
    Ok(query.all(db).await?.into_iter().map(from_row).collect())
}

/// Every stop from `from` on (to build the search index).
pub async fn upcoming(db: &impl ConnectionTrait, from: NaiveDate) -> Result<Vec<Stop>, DbErr> {
    Ok(since(from)
        .all(db)
        .await?
        .into_iter()
        .map(from_row)
        .collect())
}

/// The stops from `from` on, in date and time order.
fn since(from: NaiveDate) -> sea_orm::Select<Entity> {
    Entity::find()
        .filter(Column::Date.gte(from))
        .order_by_asc(Column::Date)
        .order_by_asc(Column::Starts)
}
