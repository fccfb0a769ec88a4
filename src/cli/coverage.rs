//! `maille coverage`: which communes, and how many people, are farther than
//! a radius from the nearest place — the same answer as `/api/v1/coverage`.

use clap::Args;

use super::DatabaseArgs;
use crate::coverage::report;
use crate::coverage::views::territory_name;
use crate::coverage::{Coverage, compute};
use crate::places::index::Directory;
use crate::territory::Communes;
use crate::text::thousands;
use crate::web::problem::ApiError;

#[derive(Debug, Args)]
pub struct CoverageArgs {
    /// Beyond this distance (km) a commune is not covered.
    #[arg(long, allow_negative_numbers = true)]
    radius_km: f64,
    /// Only this department (e.g. 49, 2A, 971).
    #[arg(long)]
    department: Option<String>,
    /// Only this region (INSEE code, e.g. 52).
    #[arg(long)]
    region: Option<String>,
    /// Only places offering this service (as spelled in the national schema).
    #[arg(long)]
    service: Option<String>,
    /// Print {"radius_km", "communes", "population", "uncovered_communes",
    /// "uncovered_population", "communes_list": [...]} as JSON.
    #[arg(long)]
    json: bool,
    #[command(flatten)]
    database: DatabaseArgs,
}

/// The flags as the API's query string, so both read the same way.
fn query(args: &CoverageArgs) -> String {
    let mut pairs = vec![("radius_km", args.radius_km.to_string())];
    for (name, value) in [
        ("department", &args.department),
        ("region", &args.region),
        ("service", &args.service),
    ] {
        if let Some(value) = value {
            pairs.push((name, value.clone()));
        }
    }
    serde_urlencoded::to_string(pairs).unwrap_or_default()
}

fn refusal(error: ApiError) -> String {
    match error {
        ApiError::InvalidParams(errors) => errors
            .iter()
            .map(|e| {
                format!(
                    "--{} « {} » : {}",
                    e.field.replace('_', "-"),
                    e.value,
                    e.message()
                )
            })
            .collect::<Vec<_>>()
            .join(" ; "),
        other => format!("{other:?}"),
    }
}

fn print_summary(coverage: &Coverage) {
    let question = &coverage.question;
    say!(
        "{} — rayon {} km — service : {}",
        territory_name(&question.territory),
        question.radius_km,
        question.service.unwrap_or("tous")
    );
    say!(
        "Communes non couvertes : {} sur {}",
        thousands(coverage.uncovered_communes as u64),
        thousands(coverage.communes as u64)
    );
    say!(
        "Habitants non couverts : {} sur {}",
        thousands(coverage.uncovered_population),
        thousands(coverage.population)
    );
    for d in coverage.uncovered().iter().take(20) {
        let distance = d
            .distance_km
            .map_or_else(|| "aucun lieu".to_owned(), |km| format!("{km:.1} km"));
        say!(
            "  {} {} ({} hab.) : {}",
            d.commune.code_insee(),
            d.commune.nom(),
            d.commune.population,
            distance
        );
    }
    if coverage.uncovered_communes > 20 {
        say!(
            "  … et {} autres (--json pour la liste complète)",
            coverage.uncovered_communes - 20
        );
    }
}

pub async fn run(args: CoverageArgs) -> Result<(), String> {
    let question = report::read_question(Some(&query(&args))).map_err(refusal)?;
    let db = args.database.open().await?;
    let directory = Directory::load(&db)
        .await
        .map_err(|e| format!("lecture des lieux impossible : {e}"))?;
    let index = directory.index();
    let coverage = compute(&index, Communes::get(), question);
    if args.json {
        say!("{}", report::to_json(&coverage));
    } else {
        print_summary(&coverage);
    }
    Ok(())
}
