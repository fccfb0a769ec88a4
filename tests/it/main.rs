//! Maille's integration tests, in one binary so the big dependency tree is
//! linked once. Each test gets a fresh database: SQLite by default,
//! PostgreSQL when `MAILLE_TEST_DATABASE_URL` is set (CI runs both).

// Helpers outside #[test] functions unwrap too: a panic is a failed test.
#![allow(clippy::unwrap_used)]

mod support;

mod accounts_login;
mod addresses;
mod api_mediation;
mod appointments;
mod browser;
mod browser_equipment;
mod browser_mediation;
mod browser_workshops;
mod cli;
mod cli_mediation;
mod cli_places;
mod equipment_api;
mod equipment_pages;
mod equipment_requests;
mod equipment_store;
mod http_accounts;
mod http_api;
mod http_authorization;
mod http_coverage;
mod http_languages;
mod http_login;
mod http_mediation;
mod http_places;
mod http_server;
mod http_shell;
mod http_staff_places;
mod http_workshops;
mod mediation_privacy;
mod places_import;
mod store_accounts;
mod store_journal;
mod store_migrations;
mod store_organizations;
mod store_sessions;
mod store_writes;
mod workshops_booking;
mod workshops_messages;
