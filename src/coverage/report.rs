//! Reading a coverage question from a query string, and writing the answer
//! as JSON (API and CLI) and CSV (download).

use serde_json::{Value, json};

use super::model::{Coverage, Question, Territory};
use crate::places::vocabulary;
use crate::territory::regions;
use crate::web::problem::ApiError;
use crate::web::query_params::QueryParams;

/// The radius when none is given: the distance the national programmes
/// use for « near enough to help ».
pub const DEFAULT_RADIUS_KM: f64 = 10.0;
/// Radii beyond this say nothing useful about a mesh.
pub const MAX_RADIUS_KM: f64 = 500.0;

/// Every parameter name of a coverage question.
pub const NAMES: &[&str] = &["radius_km", "department", "region", "service"];

/// Reads `radius_km`, `department` or `region`, and `service`.
pub fn read_question(raw: Option<&str>) -> Result<Question, ApiError> {
    let mut params = QueryParams::parse(raw, NAMES)?;
    let radius_km = params
        .number("radius_km", 0.0, MAX_RADIUS_KM)
        .unwrap_or(DEFAULT_RADIUS_KM);
    let department = params.code(
        "department",
        |code| regions::department_name(code).is_some(),
        "query-department",
    );
    let region = params.code(
        "region",
        |code| regions::region_name(code).is_some(),
        "query-region",
    );
    let service = params.list("service", vocabulary::SERVICES);
    if service.len() > 1 {
        params.conflict("service", "query-one-service");
    }
    if params.has("department") && params.has("region") {
        params.conflict("region", "query-department-or-region");
    }
    params.finish()?;
    let territory = match (department, region) {
        (Some(code), _) => Territory::Department(code),
        (_, Some(code)) => Territory::Region(code),
        _ => Territory::All,
    };
    Ok(Question {
        radius_km,
        territory,
        service: service.first().copied(),
    })
}

/// Distances are given to the metre.
fn round_km(km: f64) -> f64 {
    (km * 1000.0).round() / 1000.0
}

/// The answer as the API and `maille coverage --json` write it: totals,
/// then the uncovered communes, most populated first.
pub fn to_json(coverage: &Coverage) -> Value {
    let list: Vec<Value> = coverage
        .uncovered()
        .iter()
        .map(|d| {
            json!({
                "code_insee": d.commune.code_insee(),
                "nom": d.commune.nom(),
                "population": d.commune.population,
                "distance_km": d.distance_km.map(round_km),
            })
        })
        .collect();
    json!({
        "radius_km": coverage.question.radius_km,
        "communes": coverage.communes,
        "population": coverage.population,
        "uncovered_communes": coverage.uncovered_communes,
        "uncovered_population": coverage.uncovered_population,
        "communes_list": list,
    })
}

/// Every commune of the territory as CSV, uncovered first.
pub fn write_csv(output: impl std::io::Write, coverage: &Coverage) -> Result<(), csv::Error> {
    let mut writer = csv::Writer::from_writer(output);
    writer.write_record([
        "code_insee",
        "nom",
        "departement",
        "population",
        "distance_km",
        "couverte",
    ])?;
    let radius = coverage.question.radius_km;
    for d in &coverage.distances {
        writer.write_record([
            d.commune.code_insee(),
            &crate::text::defused_for_spreadsheet(d.commune.nom()),
            d.commune.departement(),
            &d.commune.population.to_string(),
            &d.distance_km
                .map(|km| format!("{:.3}", km))
                .unwrap_or_default(),
            if d.is_covered(radius) { "oui" } else { "non" },
        ])?;
    }
    writer.flush()?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_question_defaults_to_ten_km_over_all_france_and_any_service() {
        let q = read_question(None).unwrap();
        assert_eq!(
            (q.radius_km, q.territory, q.service),
            (10.0, Territory::All, None)
        );
        let q = read_question(Some(
            "radius_km=5&department=2A&service=Aide+aux+d%C3%A9marches+administratives",
        ))
        .unwrap();
        assert_eq!(q.territory, Territory::Department("2A".into()));
        assert_eq!(q.service, Some("Aide aux démarches administratives"));
    }

    #[test]
    fn unknown_territories_and_contradictions_are_refused_by_name() {
        let Err(ApiError::InvalidParams(errors)) =
            read_question(Some("radius_km=-1&department=99&region=52"))
        else {
            panic!("expected refused parameters");
        };
        let fields: Vec<&str> = errors.iter().map(|e| &*e.field).collect();
        assert_eq!(fields, ["radius_km", "department", "region"]);
    }
}
