//! Equipment and the circular economy: devices donated to a structure,
//! diagnosed, wiped with a certificate, refurbished, then given to a
//! person at the end of their path or lent; repairs that extend their
//! lives; and the impact, measured with sourced factors.
//!
//! - the model: `model` (device, donor, codes), `lifecycle` (the state
//!   machine and what each step needs), `lshw` (hardware reports);
//! - storage: `store` (conditional state updates, append-only history);
//! - use cases: `intake` (donors, lots, devices, repairs), `transitions`
//!   (a step), `loans` (reminders), `impact` (figures and factors);
//!   `requests` (households' requests, the path before a gift, social
//!   internet offers);
//! - papers: `pdf` and `qr` (PDF/A-2b, QR codes), `documents`
//!   (certificate, labels, receipt, handover), `export` (CSV);
//! - edges: `staff` (`/espace/materiel…`), `public` (`/certificats/…`),
//!   `api` (`/api/v1/devices…`, `/api/v1/equipment/impact`), `demo`.

pub mod api;
pub mod demo;
pub mod documents;
mod entities;
pub mod export;
pub mod generate;
pub mod impact;
pub mod intake;
pub mod lifecycle;
pub mod loans;
pub mod lshw;
pub mod model;
pub mod pdf;
pub mod public;
pub mod qr;
pub mod requests;
pub mod staff;
pub mod store;
pub mod transitions;
