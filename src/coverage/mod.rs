//! Coverage of the territory by places: which communes, and how many people,
//! are farther than a given distance from help. A CLI command, an API
//! endpoint and a public page (`/couverture`) with a table, a CSV and a map.

pub mod api;
pub mod map;
pub mod model;
pub mod report;
pub mod routes;
pub mod views;

pub use model::{Coverage, Question, Territory, compute};
