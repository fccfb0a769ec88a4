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

/// How a CSV is written.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CsvDialect {
    /// For a French spreadsheet opened with a double click: a byte-order
    /// mark (so accents read right), `;` between fields, a decimal comma,
    /// headers in words.
    Spreadsheet,
    /// For programs: `,`, a decimal point, the column names of the JSON.
    Raw,
}

/// Every commune of the territory as CSV, uncovered first.
pub fn write_csv(
    mut output: impl std::io::Write,
    coverage: &Coverage,
    dialect: CsvDialect,
) -> Result<(), csv::Error> {
    let spreadsheet = dialect == CsvDialect::Spreadsheet;
    if spreadsheet {
        output.write_all("\u{feff}".as_bytes())?;
    }
    let mut writer = csv::WriterBuilder::new()
        .delimiter(if spreadsheet { b';' } else { b',' })
        .from_writer(output);
    if spreadsheet {
        writer.write_record([
            "Code INSEE",
            "Commune",
            "Département",
            "Population",
            "Distance au lieu le plus proche (km)",
            "Couverte",
        ])?;
    } else {
        writer.write_record([
            "code_insee",
            "nom",
            "departement",
            "population",
            "distance_km",
            "couverte",
        ])?;
    }
    let radius = coverage.question.radius_km;
    for d in &coverage.distances {
        let distance = d
            .distance_km
            .map(|km| format!("{km:.3}"))
            .unwrap_or_default();
        writer.write_record([
            d.commune.code_insee(),
            &crate::text::defused_for_spreadsheet(d.commune.nom()),
            d.commune.departement(),
            &d.commune.population.to_string(),
            &if spreadsheet {
                distance.replace('.', ",")
            } else {
                distance
            },
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
