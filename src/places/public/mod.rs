//! The public place pages: `/lieux` (search) and `/lieux/{id}` (one
//! place), with the words they put numbers and codes into. No account, no
//! JavaScript needed, no cookie.

pub mod routes;
pub mod views;
pub mod words;

pub use routes::router;
