//! A synthetic national directory for benchmarks and load tests: valid
//! places at real commune positions, drawn in proportion to population
//! (where people live, there are places), with varied services and fees.
//! Deterministic for a given seed, so measurements can be repeated.

use chrono::NaiveDate;

use super::model::Place;
use super::vocabulary::{self, Vocabulary};
use crate::territory::Communes;

/// xorshift64: small, fast, and the same sequence on every machine.
pub struct Dice(u64);

impl Dice {
    /// A sequence for `seed` (0 is replaced, as xorshift would stay at 0).
    pub fn new(seed: u64) -> Self {
        Self(seed.max(1) ^ 0x9E37_79B9_7F4A_7C15)
    }

    /// The next pseudo-random number.
    pub fn next_u64(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    /// A number in `0..n`.
    pub fn below(&mut self, n: u64) -> u64 {
        self.next_u64() % n.max(1)
    }

    /// A number in `[0, 1)`.
    pub fn unit(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 / (1u64 << 53) as f64
    }

    /// Each value of `vocabulary`, kept with a chance of one in `one_in`.
    pub fn some_of(&mut self, vocabulary: Vocabulary, one_in: u64) -> Vec<&'static str> {
        vocabulary
            .values
            .iter()
            .copied()
            .filter(|_| self.below(one_in) == 0)
            .collect()
    }
}

/// `count` valid places across France, ids `synth-1…`.
pub fn places(count: usize, seed: u64) -> Vec<Place> {
    places_in(count, seed, None)
}

/// `count` valid places, in one department (`"49"`) or across France.
pub fn places_in(count: usize, seed: u64, department: Option<&str>) -> Vec<Place> {
    let communes: Vec<_> = Communes::get()
        .all()
        .iter()
        .filter(|c| department.is_none_or(|d| c.departement() == d))
        .collect();
    if communes.is_empty() {
        return Vec::new();
    }
    // Cumulative population, to draw a commune in proportion to it.
    let mut cumulative = Vec::with_capacity(communes.len());
    let mut total = 0u64;
    for commune in &communes {
        total += u64::from(commune.population.max(1));
        cumulative.push(total);
    }
    let mut dice = Dice::new(seed);
    (1..=count)
        .map(|n| {
            let target = dice.below(total);
            let index = cumulative.partition_point(|&c| c <= target);
            let commune = communes[index.min(communes.len() - 1)];
            // Within about a kilometre of the town hall.
            let latitude = commune.latitude + (dice.unit() - 0.5) * 0.02;
            let longitude = commune.longitude + (dice.unit() - 0.5) * 0.03;
            let mut services = dice.some_of(vocabulary::SERVICES, 3);
            if services.is_empty() {
                services.push(vocabulary::SERVICES.values[dice.below(9) as usize]);
            }
            Place {
                id: format!("synth-{n}"),
                pivot: format!("{:014}", 30_000_000_000_000 + n as u64),
                nom: format!("Espace numérique {} n° {n}", commune.nom()),
                commune: commune.nom().to_owned(),
                code_postal: commune.code_postal().to_owned(),
                code_insee: Some(commune.code_insee().to_owned()),
                adresse: format!("{} place de la Mairie", 1 + dice.below(40)),
                complement_adresse: None,
                latitude: Some((latitude * 1e5).round() / 1e5),
                longitude: Some((longitude * 1e5).round() / 1e5),
                typologie: vec![],
                telephone: Some(format!("+33{}", 100_000_000 + dice.below(899_999_999))),
                courriels: vec![],
                site_web: vec![],
                horaires: Some(
                    [
                        "Mo-Fr 09:00-12:00,14:00-17:00",
                        "Tu,Th 14:00-18:00; Sa 09:00-12:00",
                        "Mo-Sa 10:00-19:00; PH off",
                    ][dice.below(3) as usize]
                        .into(),
                ),
                presentation_resume: None,
                presentation_detail: None,
                source: Some("Maille (données de synthèse)".into()),
                itinerance: vec!["Fixe"],
                structure_parente: None,
                date_maj: NaiveDate::from_ymd_opt(
                    2026,
                    1 + dice.below(11) as u32,
                    1 + dice.below(28) as u32,
                )
                .unwrap_or_default(),
                services,
                publics_specifiquement_adresses: dice.some_of(vocabulary::PUBLICS, 6),
                prise_en_charge_specifique: dice.some_of(vocabulary::SPECIFIC_SUPPORT, 8),
                frais_a_charge: vec![vocabulary::FEES.values[dice.below(3) as usize]],
                dispositif_programmes_nationaux: dice.some_of(vocabulary::NATIONAL_PROGRAMMES, 8),
                formations_labels: vec![],
                autres_formations_labels: None,
                modalites_acces: dice.some_of(vocabulary::ACCESS_MODES, 3),
                modalites_accompagnement: dice.some_of(vocabulary::SUPPORT_MODES, 2),
                fiche_acces_libre: None,
                prise_rdv: None,
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn synthetic_places_are_valid_for_the_schema_and_repeatable() {
        let places = places(500, 7);
        assert_eq!(places, super::places(500, 7));
        for place in &places {
            let reparsed = Place::parse(&|c: &str| {
                crate::places::Field::from_name(c).map(|f| place.column(f))
            });
            assert_eq!(reparsed.as_ref(), Ok(place), "{}", place.id);
        }
    }

    #[test]
    fn a_department_keeps_every_place_inside_it() {
        let places = places_in(100, 3, Some("49"));
        assert_eq!(places.len(), 100);
        assert!(
            places
                .iter()
                .all(|p| p.code_insee.as_deref().is_some_and(|c| c.starts_with("49")))
        );
    }

    #[test]
    fn synthetic_places_follow_the_population() {
        let places = places(2_000, 1);
        let in_paris = places
            .iter()
            .filter(|p| p.code_insee.as_deref() == Some("75056"))
            .count();
        // Paris holds about 3 % of the population.
        assert!((30..=100).contains(&in_paris), "{in_paris}");
    }
}
