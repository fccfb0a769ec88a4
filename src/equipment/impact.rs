//! What equipment achieved: devices collected, reused, given, lent,
//! repaired, recycled; their average age at reuse; kg of e-waste and CO₂e
//! avoided — each computed from factors that carry their source and
//! edition. Maille ships default factors ([`DEFAULT_FACTORS`]); a
//! structure may replace any with its own figure and source. One
//! function ([`read`]) serves a structure, a federation and the network:
//! devices are counted by structure, kind and state in one grouped query,
//! and each structure's counts are weighed by its own factors.

use std::collections::HashMap;

use sea_orm::{ConnectionTrait, DbErr, FromQueryResult, Statement};
use serde::Serialize;
use utoipa::ToSchema;

use super::model::KINDS;
use super::store;
use crate::db;
use crate::organizations::OrganizationId;

/// A factor: what one reused device of a kind weighs and what making a
/// new one emits, with where the figure comes from.
#[derive(Clone, Debug, PartialEq, Serialize, ToSchema)]
pub struct Factor {
    pub kind: String,
    /// Kilograms of equipment kept out of waste when one device is reused.
    pub weight_kg: f64,
    /// Kilograms of CO₂e of making a new one, avoided when a reused one
    /// serves instead.
    pub co2e_kg: f64,
    /// The published source and its edition.
    pub source: String,
    /// Maille's default, or the structure's own.
    pub custom: bool,
}

/// Where Maille's default figures come from.
pub const DEFAULT_SOURCE: &str = "ADEME, Base Empreinte® (facteurs « Numérique », fabrication), \
     repris par impactco2.fr — édition 2024 ; poids moyens : ADEME, « Équipements électriques et \
     électroniques — données 2022 », rapport annuel de la filière DEEE (édition 2023)";

/// Maille's defaults: (kind, kg, kg CO₂e).
pub const DEFAULT_FACTORS: &[(&str, f64, f64)] = &[
    ("laptop", 2.0, 156.0),
    ("desktop", 7.5, 169.0),
    ("tablet", 0.5, 63.2),
    ("smartphone", 0.2, 32.8),
    ("screen", 5.0, 210.0),
    ("printer", 6.0, 60.0),
    ("sim", 0.005, 0.0),
    ("box4g", 0.3, 20.0),
    ("other", 1.0, 0.0),
];

/// Maille's factors, none changed.
fn default_factors() -> Vec<Factor> {
    DEFAULT_FACTORS
        .iter()
        .map(|(kind, weight_kg, co2e_kg)| Factor {
            kind: (*kind).to_owned(),
            weight_kg: *weight_kg,
            co2e_kg: *co2e_kg,
            source: DEFAULT_SOURCE.to_owned(),
            custom: false,
        })
        .collect()
}

/// Each structure's factors, for those that changed some: its own where
/// it set one, Maille's otherwise.
async fn factors_by_structure(
    db: &impl ConnectionTrait,
    structures: &[OrganizationId],
) -> Result<HashMap<String, Vec<Factor>>, DbErr> {
    let mut factors: HashMap<String, Vec<Factor>> = HashMap::new();
    for own in store::factors_of(db, structures).await? {
        let list = factors
            .entry(own.organization_id.clone())
            .or_insert_with(default_factors);
        if let Some(f) = list.iter_mut().find(|f| f.kind == own.kind) {
            f.weight_kg = own.weight_kg;
            f.co2e_kg = own.co2e_kg;
            f.source = own.source;
            f.custom = true;
        }
    }
    Ok(factors)
}

/// The figures of a scope.
#[derive(Clone, Debug, Default, PartialEq, Serialize, ToSchema)]
pub struct Impact {
    /// Structures counted.
    pub structures: usize,
    pub collected: u64,
    /// Given, lent now, or lent and back: devices that served someone.
    pub reused: u64,
    pub given: u64,
    pub loaned: u64,
    /// Devices with at least one successful repair.
    pub repaired: u64,
    pub recycled: u64,
    /// Devices still in the workshop (received to ready, in repair).
    pub in_stock: u64,
    /// Average age of given devices when given, in years (those whose
    /// year is known).
    pub average_age_at_reuse: Option<f64>,
    pub e_waste_avoided_kg: f64,
    pub co2e_avoided_kg: f64,
    /// Referrals to a social internet offer, by outcome (no person).
    pub internet_referred: u64,
    pub internet_subscribed: u64,
    pub internet_refused: u64,
    /// Counts by kind: (kind, collected, reused).
    pub by_kind: Vec<KindCount>,
    /// The factors used, with their sources (a structure's; Maille's
    /// defaults for several).
    pub factors: Vec<Factor>,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, ToSchema)]
pub struct KindCount {
    pub kind: String,
    pub collected: u64,
    pub reused: u64,
}

#[derive(FromQueryResult)]
struct CountRow {
    organization_id: String,
    kind: String,
    state: String,
    devices: i64,
    /// Sum over given devices of (year given − year made), and how many.
    age_sum: Option<i64>,
    aged: Option<i64>,
}

#[derive(FromQueryResult)]
struct RepairedRow {
    devices: i64,
}

/// The year of a timestamp column: the one spelling that differs.
fn year_of(backend: sea_orm::DatabaseBackend, column: &str) -> String {
    match backend {
        sea_orm::DatabaseBackend::Postgres => {
            format!("CAST(EXTRACT(YEAR FROM {column}) AS BIGINT)")
        }
        _ => format!("CAST(strftime('%Y', {column}) AS INTEGER)"),
    }
}

/// The impact of `structures`. Each structure's devices are weighed by
/// its factors; `factors` in the answer are those of the only structure,
/// or Maille's defaults when several are counted.
pub async fn read(
    db: &impl ConnectionTrait,
    structures: &[OrganizationId],
) -> Result<Impact, DbErr> {
    let mut impact = Impact {
        structures: structures.len(),
        ..Impact::default()
    };
    if structures.is_empty() {
        return Ok(impact);
    }
    let backend = db.get_database_backend();
    let values: Vec<sea_orm::Value> = structures.iter().map(|id| id.as_str().into()).collect();
    let list = db::parameters(backend, 1, structures.len());
    let sql = format!(
        "SELECT organization_id, kind, state, COUNT(*) AS devices, \
         CAST(SUM(CASE WHEN state = 'given' AND year IS NOT NULL THEN {} - year END) AS BIGINT) AS age_sum, \
         CAST(SUM(CASE WHEN state = 'given' AND year IS NOT NULL THEN 1 END) AS BIGINT) AS aged \
         FROM devices WHERE organization_id IN ({list}) GROUP BY organization_id, kind, state",
        year_of(backend, "state_at"),
    );
    let repaired_sql = format!(
        "SELECT COUNT(DISTINCT device_id) AS devices FROM device_repairs \
         WHERE organization_id IN ({list}) AND outcome IN ('fixed', 'partly')"
    );
    let (rows, repaired) = futures_util::future::try_join(
        CountRow::find_by_statement(Statement::from_sql_and_values(backend, sql, values.clone()))
            .all(db),
        RepairedRow::find_by_statement(Statement::from_sql_and_values(
            backend,
            repaired_sql,
            values,
        ))
        .one(db),
    )
    .await?;
    impact.repaired = repaired.map_or(0, |r| u64::try_from(r.devices).unwrap_or(0));
    for (_, outcome, n) in super::requests::store::referral_counts(db, structures).await? {
        let n = u64::try_from(n).unwrap_or(0);
        match outcome.as_str() {
            "subscribed" => impact.internet_subscribed += n,
            "refused" => impact.internet_refused += n,
            _ => impact.internet_referred += n,
        }
    }
    let mut factors = factors_by_structure(db, structures).await?;
    let defaults = default_factors();
    let mut by_kind: HashMap<String, KindCount> = HashMap::new();
    let (mut age_sum, mut aged) = (0i64, 0i64);
    for row in rows {
        let n = u64::try_from(row.devices).unwrap_or(0);
        let reused = matches!(row.state.as_str(), "given" | "loaned" | "returned");
        impact.collected += n;
        match row.state.as_str() {
            "given" => impact.given += n,
            "loaned" => impact.loaned += n,
            "recycled" => impact.recycled += n,
            "returned" => {}
            _ => impact.in_stock += n,
        }
        let entry = by_kind
            .entry(row.kind.clone())
            .or_insert_with(|| KindCount {
                kind: row.kind.clone(),
                ..KindCount::default()
            });
        entry.collected += n;
        if reused {
            impact.reused += n;
            entry.reused += n;
            let factor = factors
                .get(&row.organization_id)
                .unwrap_or(&defaults)
                .iter()
                .find(|f| f.kind == row.kind);
            if let Some(f) = factor {
                impact.e_waste_avoided_kg += n as f64 * f.weight_kg;
                impact.co2e_avoided_kg += n as f64 * f.co2e_kg;
            }
        }
        age_sum += row.age_sum.unwrap_or(0);
        aged += row.aged.unwrap_or(0);
    }
    impact.average_age_at_reuse =
        (aged > 0).then(|| (age_sum as f64 / aged as f64 * 10.0).round() / 10.0);
    impact.e_waste_avoided_kg = (impact.e_waste_avoided_kg * 10.0).round() / 10.0;
    impact.co2e_avoided_kg = impact.co2e_avoided_kg.round();
    let mut kinds: Vec<KindCount> = by_kind.into_values().collect();
    kinds.sort_by_key(|k| KINDS.bit(&k.kind).unwrap_or(u32::MAX));
    impact.by_kind = kinds;
    impact.factors = if structures.len() == 1 {
        factors.remove(structures[0].as_str()).unwrap_or(defaults)
    } else {
        defaults
    };
    Ok(impact)
}

/// A structure's factor, as its form or the API gives it.
pub fn parse_factor(
    fields: &crate::mediation::fields::Fields,
) -> Result<(&'static str, f64, f64, String), Vec<crate::validation::FieldError>> {
    use crate::validation::FieldError;
    let mut errors = Vec::new();
    let kind = match fields.one("kind").and_then(|k| KINDS.find(k)) {
        Some(kind) => Some(kind),
        None => {
            errors.push(
                FieldError::new("kind", "equipment-kind-required")
                    .with_arg("values", KINDS.codes().collect::<Vec<_>>().join(", ")),
            );
            None
        }
    };
    let mut decimal = |field: &'static str, max: f64| match fields
        .one(field)
        .map(|v| v.trim().replace(',', "."))
        .and_then(|v| v.parse::<f64>().ok())
    {
        Some(v) if (0.0..=max).contains(&v) => Some(v),
        _ => {
            errors.push(
                FieldError::new(field, "equipment-decimal")
                    .with_value(fields.one(field).unwrap_or_default())
                    .with_arg("max", max),
            );
            None
        }
    };
    let weight = decimal("weight_kg", 1_000.0);
    let co2e = decimal("co2e_kg", 10_000.0);
    let source = fields.one("source").map(str::trim).unwrap_or_default();
    if source.chars().count() < 10 || source.chars().count() > 400 {
        errors.push(FieldError::new("source", "equipment-source").with_value(source));
    }
    match (kind, weight, co2e) {
        (Some(kind), Some(weight), Some(co2e)) if errors.is_empty() => {
            Ok((kind, weight, co2e, source.to_owned()))
        }
        _ => Err(errors),
    }
}
