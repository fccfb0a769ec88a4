//! Test support: fresh databases, an HTTP client over the real router, and
//! small fixture builders.

pub mod addresses;
pub mod browser;
pub mod client;
pub mod db;
pub mod equipment;
pub mod fixtures;
pub mod mediation;
pub mod places;
pub mod workshops;

pub use client::TestApp;
pub use db::TestDb;
pub use fixtures::{Network, PASSWORD};

/// A client address for journal entries written directly by tests.
pub fn here() -> maille::web::client::ClientAddress {
    maille::web::client::ClientAddress(std::net::IpAddr::from([192, 0, 2, 1]))
}
