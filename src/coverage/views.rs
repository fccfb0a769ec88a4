//! The `/couverture` page: the question as a form, the answer as figures,
//! a map, and tables.

use crate::i18n;
use crate::text::thousands;
use askama::Template;

use super::map::Band;
use super::model::{Coverage, Territory};
use crate::places::vocabulary;
use crate::territory::regions;
use crate::web::{Choice, Chrome};

/// The question's form, with what was refused.
pub struct CoverageForm {
    pub radius_km: String,
    /// The department as shown in its field (« 49 – Maine-et-Loire »), or
    /// as typed when it was not found.
    pub department: String,
    /// The completion list of the department field.
    pub departments: Vec<String>,
    pub regions: Vec<Choice>,
    pub services: Vec<Choice>,
    /// (field, message) for each refused field.
    pub errors: Vec<(String, String)>,
}

impl CoverageForm {
    pub fn new(radius_km: &str, department: &str, region: &str, service: &str) -> Self {
        let options = |pairs: &mut dyn Iterator<Item = (String, String)>, current: &str| {
            let mut choices = vec![Choice::new("", &i18n::t("coverage-all"), current)];
            choices.extend(pairs.map(|(value, label)| Choice::new(&value, &label, current)));
            choices
        };
        let label = |code: &str, name: &str| format!("{code} – {name}");
        Self {
            radius_km: radius_km.to_owned(),
            department: regions::department_name(department)
                .map_or_else(|| department.to_owned(), |name| label(department, name)),
            departments: regions::DEPARTMENTS
                .iter()
                .map(|(code, name)| label(code, name))
                .collect(),
            regions: options(
                &mut regions::REGIONS
                    .iter()
                    .map(|(code, name)| ((*code).to_owned(), (*name).to_owned())),
                region,
            ),
            services: options(
                &mut vocabulary::SERVICES
                    .values
                    .iter()
                    .map(|v| ((*v).to_owned(), vocabulary::SERVICES.label(v))),
                service,
            ),
            errors: Vec::new(),
        }
    }

    /// The message for `field`, if it was refused.
    pub fn error(&self, field: &str) -> Option<&str> {
        self.errors
            .iter()
            .find(|(f, _)| f == field)
            .map(|(_, m)| m.as_str())
    }
}

/// One distance band: the map's data as a table.
pub struct BandRow {
    pub label: String,
    pub communes: String,
    pub population: String,
}

/// One uncovered commune.
pub struct UncoveredRow {
    pub nom: String,
    pub code_insee: String,
    pub departement: String,
    pub population: String,
    pub distance: String,
}

/// The answer, in words and figures.
pub struct CoverageView {
    pub territory: String,
    pub radius: String,
    pub service: String,
    pub communes: String,
    pub population: String,
    pub uncovered_communes: String,
    pub uncovered_population: String,
    pub uncovered_share: String,
    pub bands: Vec<BandRow>,
    pub rows: Vec<UncoveredRow>,
    /// Uncovered communes not listed (they are in the CSV).
    pub more: usize,
    /// The question as a query string, for the map and the CSV.
    pub query: String,
    pub overseas_left_out: bool,
}

#[derive(Template)]
#[template(path = "coverage/page.html")]
pub struct CoveragePage {
    pub chrome: Chrome,
    pub form: CoverageForm,
    pub result: Option<CoverageView>,
}

/// How many uncovered communes the page lists (the CSV has them all).
const LISTED: usize = 50;

fn km(value: f64) -> String {
    format!("{value:.1}")
        .trim_end_matches(".0")
        .replace('.', &i18n::t("decimal-separator"))
}

/// « Maine-et-Loire (49) », « Pays de la Loire », « France entière ».
pub fn territory_name(territory: &Territory) -> String {
    match territory {
        Territory::All => i18n::t("coverage-all-france"),
        Territory::Department(code) => format!(
            "{} ({code})",
            regions::department_name(code).unwrap_or(code)
        ),
        Territory::Region(code) => regions::region_name(code).unwrap_or(code).to_owned(),
    }
}

impl CoverageView {
    /// « Maine-et-Loire (49) : à plus de 10 km d’un lieu ».
    pub fn heading(&self) -> String {
        i18n::t_with(
            "coverage-heading",
            &[
                ("territory", self.territory.clone().into()),
                ("radius", self.radius.clone().into()),
            ],
        )
    }

    /// « Et 12 autres communes, dans le fichier CSV. »
    pub fn more_words(&self) -> String {
        i18n::t_with("coverage-more", &[("count", self.more.into())])
    }

    pub fn new(coverage: &Coverage, query: String) -> Self {
        let question = &coverage.question;
        let radius = question.radius_km;
        let bands = Band::ALL
            .iter()
            .map(|band| {
                let members = coverage
                    .distances
                    .iter()
                    .filter(|d| Band::of(d, radius) == *band);
                BandRow {
                    label: band.label(radius),
                    communes: thousands(members.clone().count() as u64),
                    population: thousands(
                        members
                            .map(|d| u64::from(d.commune.population))
                            .sum::<u64>(),
                    ),
                }
            })
            .collect();
        let share = if coverage.population == 0 {
            0.0
        } else {
            coverage.uncovered_population as f64 * 100.0 / coverage.population as f64
        };
        Self {
            territory: territory_name(&question.territory),
            radius: km(radius),
            service: question.service.map_or_else(
                || i18n::t("coverage-all-services"),
                |s| vocabulary::SERVICES.label(s),
            ),
            communes: thousands(coverage.communes as u64),
            population: thousands(coverage.population),
            uncovered_communes: thousands(coverage.uncovered_communes as u64),
            uncovered_population: thousands(coverage.uncovered_population),
            uncovered_share: format!("{share:.1}").replace('.', &i18n::t("decimal-separator")),
            bands,
            rows: coverage
                .uncovered()
                .iter()
                .take(LISTED)
                .map(|d| UncoveredRow {
                    nom: d.commune.nom().to_owned(),
                    code_insee: d.commune.code_insee().to_owned(),
                    departement: d.commune.departement().to_owned(),
                    population: thousands(u64::from(d.commune.population)),
                    distance: d
                        .distance_km
                        .map_or_else(|| i18n::t("coverage-no-place"), |v| format!("{} km", km(v))),
                })
                .collect(),
            more: coverage.uncovered_communes.saturating_sub(LISTED),
            query,
            overseas_left_out: question.territory == Territory::All,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn figures_read_the_french_way() {
        assert_eq!(km(7.5), "7,5");
        assert_eq!(km(10.0), "10");
        assert_eq!(
            territory_name(&Territory::Department("49".into())),
            "Maine-et-Loire (49)"
        );
    }
}
