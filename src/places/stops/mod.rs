//! Stops of an itinerant place: where and when it stops (`model`), and
//! their storage (`store`).

pub mod model;
pub mod store;

pub use model::{Stop, StopForm};
