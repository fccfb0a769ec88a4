//! What the equipment API's requests carry, for the OpenAPI document only:
//! the handlers read bodies as `Fields` (`mediation::api::body::checked`).

use chrono::NaiveDate;
use utoipa::{IntoParams, ToSchema};

/// A device received.
#[allow(dead_code)]
#[derive(ToSchema)]
pub struct DeviceInput {
    kind: String,
    brand: Option<String>,
    model: Option<String>,
    serial: Option<String>,
    /// The year it was made.
    year: Option<i32>,
    notes: Option<String>,
    /// One of the structure's donation lots.
    lot_id: Option<String>,
    processor: Option<String>,
    memory_gb: Option<u32>,
    /// `ssd`, `hdd`, `nvme`, `emmc`, `sd`.
    storage_kind: Option<String>,
    storage_gb: Option<u32>,
    storage_serials: Option<Vec<String>>,
    battery_pct: Option<u32>,
    screen: Option<String>,
    /// A SIM card's or 4G box's data plan.
    data_plan: Option<String>,
}

/// A step: `to` and what that step needs.
#[allow(dead_code)]
#[derive(ToSchema)]
pub struct TransitionInput {
    /// The state to move to.
    to: String,
    /// Diagnosis: A, B, C or D.
    grade: Option<String>,
    findings: Option<String>,
    /// Wipe (and a returned device made ready again): `clear`, `purge` or `destroy` (NIST SP 800-88).
    method: Option<String>,
    tool: Option<String>,
    passes: Option<u32>,
    /// The wipe's verification passed; `false` is refused (409).
    verified: Option<bool>,
    storage_serials: Option<Vec<String>>,
    /// Refurbishment: the system installed, « Debian 13 ».
    os: Option<String>,
    free_software: Option<bool>,
    checks: Option<String>,
    /// Gift and loan: a person the structure follows, with consent.
    beneficiary_id: Option<String>,
    /// The person's name as they typed it, as signature.
    signed_name: Option<String>,
    handed_on: Option<NaiveDate>,
    /// Loan: the day it comes back.
    due_on: Option<NaiveDate>,
    /// Loan: the person accepted the loan agreement.
    agreement: Option<bool>,
    /// Return: the charger came back.
    charger: Option<bool>,
    condition: Option<String>,
    /// Repair: what is wrong.
    problem: Option<String>,
    /// Recycling: who takes it, and its weight.
    recycler: Option<String>,
    weight_kg: Option<f64>,
}

/// Which devices to list.
#[allow(dead_code)]
#[derive(IntoParams)]
#[into_params(parameter_in = Query)]
pub struct DeviceListParams {
    state: Option<String>,
    kind: Option<String>,
    /// Part of a code, serial, brand or model.
    q: Option<String>,
    /// From 1; 50 devices a page.
    page: Option<u64>,
}
