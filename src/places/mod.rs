//! Places of digital mediation, in the terms of the national schema
//! (*schéma des lieux de médiation numérique* v1.0.2): model, import and
//! export. Search, opening hours and coverage build on this.

pub mod answers;
pub mod api;
pub mod demo;
pub mod directory;
pub mod export;
pub mod field;
pub mod hours;
pub mod import;
pub mod model;
pub mod routes;
pub mod row;
pub mod search;
pub mod staff;
pub mod staff_import;
pub mod staff_views;
pub mod stops;
pub mod stops_store;
pub mod store;
pub mod synthetic;
pub mod views;
pub mod vocabulary;

pub use field::Field;
pub use model::{COLUMNS, Place};
