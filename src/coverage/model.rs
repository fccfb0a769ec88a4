//! Coverage of a territory: for each commune, the great-circle distance from
//! its position to the nearest place offering the service asked (any
//! service by default). Communes farther than the radius are uncovered.
//! Pure computation over the place index and the communes: no I/O.

use crate::places::index::{Filters, PlaceIndex, unit_vector};
use crate::territory::{Commune, Communes};

/// The part of France a question is about.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Territory {
    All,
    /// A department code (`49`, `2A`, `971`).
    Department(String),
    /// A region's INSEE code (`52`).
    Region(String),
}

/// Share of places a department (or region) must hold to be « the »
/// territory of a set of places.
const HOLDS: f64 = 0.8;

impl Territory {
    /// The territory a set of places lies in, from how many each department
    /// holds: the department with most of them, else their region, else all
    /// of France. A network working on one department opens its coverage
    /// on that department, not on a France 98 % uncovered.
    pub fn holding(departments: &[(&str, usize)]) -> Self {
        let total: usize = departments.iter().map(|(_, n)| n).sum();
        if total == 0 {
            return Self::All;
        }
        let holds = |n: usize| n as f64 >= total as f64 * HOLDS;
        if let Some((code, _)) = departments.iter().find(|(_, n)| holds(*n)) {
            return Self::Department((*code).to_owned());
        }
        let mut regions: std::collections::HashMap<&str, usize> = std::collections::HashMap::new();
        for (department, n) in departments {
            if let Some(region) = crate::territory::regions::region_of_department(department) {
                *regions.entry(region).or_default() += n;
            }
        }
        regions
            .into_iter()
            .find(|(_, n)| holds(*n))
            .map_or(Self::All, |(code, _)| Self::Region(code.to_owned()))
    }

    pub fn contains(&self, commune: &Commune) -> bool {
        match self {
            Self::All => true,
            Self::Department(code) => commune.departement() == *code,
            Self::Region(code) => commune.region() == *code,
        }
    }
}

/// A coverage question.
#[derive(Clone, Debug, PartialEq)]
pub struct Question {
    pub radius_km: f64,
    pub territory: Territory,
    /// `None`: any place counts.
    pub service: Option<&'static str>,
}

/// One commune's distance to help.
#[derive(Clone, Debug, PartialEq)]
pub struct CommuneDistance<'a> {
    pub commune: &'a Commune,
    /// `None` when no place offers the service anywhere.
    pub distance_km: Option<f64>,
}

impl CommuneDistance<'_> {
    pub fn is_covered(&self, radius_km: f64) -> bool {
        self.distance_km.is_some_and(|km| km <= radius_km)
    }
}

/// The answer: totals, and every commune of the territory with its distance.
#[derive(Debug)]
pub struct Coverage<'a> {
    pub question: Question,
    pub communes: usize,
    pub population: u64,
    pub uncovered_communes: usize,
    pub uncovered_population: u64,
    /// Every commune of the territory, uncovered first, most populated first.
    pub distances: Vec<CommuneDistance<'a>>,
}

impl<'a> Coverage<'a> {
    /// The uncovered communes, most populated first.
    pub fn uncovered(&self) -> &[CommuneDistance<'a>] {
        &self.distances[..self.uncovered_communes]
    }
}

/// Answers `question` over the places of `index`.
pub fn compute<'a>(index: &PlaceIndex, communes: &'a Communes, question: Question) -> Coverage<'a> {
    let filters = Filters {
        services: question.service.into_iter().collect(),
        ..Filters::default()
    };
    let nearest = index.distances_to(&filters);
    let mut distances: Vec<CommuneDistance<'a>> = communes
        .all()
        .iter()
        .filter(|c| question.territory.contains(c))
        .map(|commune| CommuneDistance {
            commune,
            distance_km: nearest.km(&unit_vector(commune.latitude, commune.longitude)),
        })
        .collect();
    let radius = question.radius_km;
    distances.sort_by(|a, b| {
        a.is_covered(radius)
            .cmp(&b.is_covered(radius))
            .then(b.commune.population.cmp(&a.commune.population))
            .then(a.commune.code_insee().cmp(b.commune.code_insee()))
    });
    let uncovered = distances.iter().filter(|d| !d.is_covered(radius));
    let uncovered_communes = uncovered.clone().count();
    let uncovered_population = uncovered.map(|d| u64::from(d.commune.population)).sum();
    Coverage {
        communes: distances.len(),
        population: distances
            .iter()
            .map(|d| u64::from(d.commune.population))
            .sum(),
        uncovered_communes,
        uncovered_population,
        distances,
        question,
    }
}

#[cfg(test)]
#[path = "model_tests.rs"]
mod tests;
