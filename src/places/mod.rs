//! Places of digital mediation, in the terms of the national schema
//! (*schéma des lieux de médiation numérique* v1.0.2).
//!
//! - the schema: `field` (the fields as one typed table), `model` (a place,
//!   parsed), `vocabulary` (closed lists), `hours` (opening hours);
//! - storage and data: `store`, `import`, `export`, `demo`, `synthetic`;
//! - search: `index` (the in-memory index every request searches);
//! - pages: `public` (search and place pages), `staff` (a structure's
//!   places, stops and imports), `api` (the JSON API);
//! - `stops`: where and when an itinerant place stops.

pub mod api;
pub mod demo;
pub mod export;
pub mod field;
pub mod hours;
pub mod import;
pub mod index;
pub mod model;
pub mod public;
pub mod staff;
pub mod stops;
pub mod store;
pub mod synthetic;
pub mod vocabulary;

pub use field::Field;
pub use model::{COLUMNS, Place};
