//! Mediation: the daily work of a mediator and the heart of « accompagner
//! dans le temps long », in the categories of the national activity-report
//! model (`../shared/data/referentials/mediation-activity-model.md`).
//!
//! - the model: `vocabulary` (closed lists), `fields` (what a form or the
//!   API sent), `activity` and `beneficiary` (parsed, valid by type);
//! - storage: `store` (activities, tombstones), `people_store` (people
//!   followed, goals, skills), `figures` (counts kept on each write, read
//!   with small-cell suppression);
//! - use cases: `record` (activities), `people` (consent, erasure, merge,
//!   export), `retention`;
//! - edges: `staff` (pages under `/espace/activites`, `/espace/personnes`,
//!   `/espace/chiffres`), `api` (`/api/v1/activities`, `/beneficiaries`,
//!   `/stats`), `demo` and `generate` (believable and bulk data).

pub mod activity;
pub mod api;
pub mod beneficiary;
pub mod demo;
pub mod fields;
pub mod figures;
pub mod generate;
pub mod json;
pub mod people;
pub mod people_store;
pub mod record;
pub mod retention;
pub mod staff;
pub mod store;
pub mod vocabulary;

/// Today in metropolitan France, where activities are dated.
pub fn today() -> chrono::NaiveDate {
    chrono::Utc::now()
        .with_timezone(&chrono_tz::Europe::Paris)
        .date_naive()
}
