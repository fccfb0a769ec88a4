//! Coverage against a brute-force reference on random places.

use super::*;

use crate::places::index::haversine_km;
use crate::places::store::StoredPlace;
use crate::places::synthetic;
use crate::places::vocabulary::SERVICES;

fn places_in(count: usize, seed: u64, department: Option<&str>) -> Vec<StoredPlace> {
    synthetic::places_in(count, seed, department)
        .into_iter()
        .map(StoredPlace::located)
        .collect()
}

fn index_of(count: usize, seed: u64, department: Option<&str>) -> PlaceIndex {
    PlaceIndex::new(places_in(count, seed, department))
}

/// The slow, obvious answer: every commune against every place.
fn brute_force(
    places: &[StoredPlace],
    territory: &Territory,
    service: Option<&str>,
) -> Vec<(String, Option<f64>)> {
    let places: Vec<(f64, f64)> = places
        .iter()
        .map(|p| &p.place)
        .filter(|p| service.is_none_or(|s| p.services.contains(&s)))
        .map(|p| (p.latitude.unwrap(), p.longitude.unwrap()))
        .collect();
    let mut distances: Vec<(String, Option<f64>)> = Communes::get()
        .all()
        .iter()
        .filter(|c| territory.contains(c))
        .map(|c| {
            let nearest = places
                .iter()
                .map(|p| haversine_km((c.latitude, c.longitude), *p))
                .min_by(f64::total_cmp);
            (c.code_insee().to_owned(), nearest)
        })
        .collect();
    distances.sort_by(|a, b| a.0.cmp(&b.0));
    distances
}

#[test]
fn each_communes_distance_is_the_brute_force_nearest_place_with_the_service() {
    let places = places_in(300, 11, Some("49"));
    let index = PlaceIndex::new(places.clone());
    for (territory, service) in [
        (Territory::Department("49".into()), None),
        (Territory::Department("49".into()), Some(SERVICES.values[0])),
        (Territory::Region("52".into()), Some(SERVICES.values[8])),
    ] {
        let coverage = compute(
            &index,
            Communes::get(),
            Question {
                radius_km: 5.0,
                territory: territory.clone(),
                service,
            },
        );
        let mut got: Vec<(String, Option<f64>)> = coverage
            .distances
            .iter()
            .map(|d| (d.commune.code_insee().to_owned(), d.distance_km))
            .collect();
        got.sort_by(|a, b| a.0.cmp(&b.0));
        let expected = brute_force(&places, &territory, service);
        assert_eq!(got.len(), expected.len());
        for ((code, km), (_, reference)) in got.iter().zip(&expected) {
            let (km, reference) = (km.unwrap(), reference.unwrap());
            assert!((km - reference).abs() < 1e-6, "{code}: {km} vs {reference}");
        }
        let uncovered = expected.iter().filter(|(_, km)| km.unwrap() > 5.0).count();
        assert_eq!(
            coverage.uncovered_communes, uncovered,
            "{territory:?} {service:?}"
        );
    }
}

#[test]
fn totals_add_up_and_the_uncovered_come_first_most_populated_first() {
    let index = index_of(200, 5, Some("49"));
    let coverage = compute(
        &index,
        Communes::get(),
        Question {
            radius_km: 3.0,
            territory: Territory::Department("49".into()),
            service: None,
        },
    );
    let in_49: Vec<&Commune> = Communes::get()
        .all()
        .iter()
        .filter(|c| c.departement() == "49")
        .collect();
    assert_eq!(coverage.communes, in_49.len());
    assert_eq!(
        coverage.population,
        in_49.iter().map(|c| u64::from(c.population)).sum::<u64>()
    );
    let uncovered = coverage.uncovered();
    assert!(!uncovered.is_empty() && uncovered.len() < coverage.communes);
    assert!(uncovered.iter().all(|d| !d.is_covered(3.0)));
    assert!(
        uncovered
            .windows(2)
            .all(|w| w[0].commune.population >= w[1].commune.population)
    );
    assert_eq!(
        coverage.uncovered_population,
        uncovered
            .iter()
            .map(|d| u64::from(d.commune.population))
            .sum::<u64>()
    );
}

#[test]
fn without_any_place_offering_the_service_every_commune_is_uncovered_at_no_distance() {
    let coverage = compute(
        &PlaceIndex::new(Vec::new()),
        Communes::get(),
        Question {
            radius_km: 10.0,
            territory: Territory::Department("2A".into()),
            service: None,
        },
    );
    assert!(coverage.communes > 100);
    assert_eq!(coverage.uncovered_communes, coverage.communes);
    assert!(coverage.distances.iter().all(|d| d.distance_km.is_none()));
}

#[test]
fn places_mostly_in_one_department_make_it_the_territory() {
    assert_eq!(
        Territory::holding(&[("49", 90), ("85", 10)]),
        Territory::Department("49".into())
    );
    // Angers and Nantes: the Pays de la Loire.
    assert_eq!(
        Territory::holding(&[("49", 50), ("44", 45), ("75", 5)]),
        Territory::Region("52".into())
    );
    assert_eq!(
        Territory::holding(&[("49", 50), ("75", 50)]),
        Territory::All
    );
    assert_eq!(Territory::holding(&[]), Territory::All);
}
