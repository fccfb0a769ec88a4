//! The public home page, the staff home (`/espace`) and the health check.

pub mod routes;
mod views;
