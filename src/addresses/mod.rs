//! Addresses that resolve: the national address base (BAN) of the
//! departments an instance serves, imported with `maille addresses import`,
//! so that « 12 rue Nationale Cholet » counts distances from that door,
//! not from the commune's centre. The base stays in the database (a
//! department is about 400,000 rows); a lookup reads one street.

pub mod import;
pub mod store;
pub mod typed;

use sea_orm::{ConnectionTrait, DbErr};

pub use store::Address;
pub use typed::TypedAddress;

/// The address `typed` names, when it reads as one and the base knows its
/// street (a commune or a postcode alone is not an address).
pub async fn find(db: &impl ConnectionTrait, typed: &str) -> Result<Option<Address>, DbErr> {
    match TypedAddress::read(typed) {
        Some(address) => store::find(db, &address).await,
        None => Ok(None),
    }
}
