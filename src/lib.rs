//! Maille: a free, frugal information system for networks of French social
//! centres that bring digital inclusion to everyone.
//!
//! Layout by feature (see `docs/architecture.md`): each feature folder has a
//! pure `model`, a `store` with all its SQL, `routes` and `views`.

pub mod accounts;
pub mod addresses;
pub mod allocator;
pub mod api;
pub mod app;
pub mod appointments;
pub mod authz;
pub mod cli;
pub mod config;
pub mod coverage;
pub mod db;
pub mod demo;
pub mod equipment;
pub mod error;
pub mod home;
pub mod i18n;
pub mod journal;
pub mod mediation;
pub mod organizations;
pub mod outbox;
pub mod places;
pub mod telemetry;
pub mod territory;
pub mod text;
pub mod tokens;
pub mod validation;
pub mod web;
pub mod workshops;
