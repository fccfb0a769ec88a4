//! The territory: French communes with their population and position,
//! embedded in the binary, to resolve what people type and to measure how
//! well places cover the population.

pub mod communes;
pub mod outlines;
pub mod regions;

pub use communes::{Commune, Communes};
