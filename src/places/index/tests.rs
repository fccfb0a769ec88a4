//! The index against a brute-force reference on random data.

use super::*;
use crate::places::model::Place;
use crate::places::store::StoredPlace;
use crate::places::synthetic::Dice;
use crate::places::vocabulary::{SERVICES, SPECIFIC_SUPPORT, Vocabulary};

fn example() -> Place {
    let csv = include_str!("../../../tests/data/exemple-valide.csv");
    let mut reader = csv::Reader::from_reader(csv.as_bytes());
    let headers = reader.headers().unwrap().clone();
    let record = reader.records().next().unwrap().unwrap();
    let row: std::collections::HashMap<String, String> = headers
        .iter()
        .map(str::to_owned)
        .zip(record.iter().map(str::to_owned))
        .collect();
    Place::parse(&|c: &str| row.get(c).cloned()).unwrap()
}

/// Each value of `vocabulary` with a chance of one in `one_in`.
fn some_of(dice: &mut Dice, vocabulary: &Vocabulary, one_in: u64) -> Vec<&'static str> {
    vocabulary
        .values
        .iter()
        .copied()
        .filter(|_| dice.next_u64().is_multiple_of(one_in))
        .collect()
}

fn random_places(dice: &mut Dice, n: usize) -> Vec<StoredPlace> {
    let template = example();
    (0..n)
        .map(|i| {
            let mut place = template.clone();
            place.id = format!("p{i}");
            place.latitude = Some(41.0 + dice.unit() * 10.0);
            place.longitude = Some(-5.0 + dice.unit() * 14.0);
            place.services = some_of(dice, &SERVICES, 3);
            place.prise_en_charge_specifique = some_of(dice, &SPECIFIC_SUPPORT, 4);
            if dice.next_u64().is_multiple_of(2) {
                place.fiche_acces_libre = None;
            }
            place.frais_a_charge = if dice.next_u64().is_multiple_of(2) {
                vec!["Gratuit"]
            } else {
                vec!["Payant"]
            };
            StoredPlace {
                place,
                organization_id: None,
                position_approximate: false,
            }
        })
        .collect()
}

#[test]
fn known_distances_are_right_within_a_few_hundred_metres() {
    let paris = (48.8566, 2.3522);
    let marseille = (43.2965, 5.3698);
    let km = haversine_km(paris, marseille);
    assert!((km - 660.5).abs() < 2.0, "{km}");
    assert!(haversine_km(paris, paris).abs() < 1e-9);
}

#[test]
fn nearest_places_with_filters_match_a_brute_force_reference() {
    let mut dice = Dice::new(0x9E37_79B9_7F4A_7C15);
    let places = random_places(&mut dice, 2_000);
    let index = PlaceIndex::new(places.clone());
    for _ in 0..50 {
        let (lat, lon) = (42.0 + dice.unit() * 8.0, -4.0 + dice.unit() * 12.0);
        let filters = Filters {
            services: if dice.next_u64().is_multiple_of(2) {
                vec!["Aide aux démarches administratives"]
            } else {
                vec![]
            },
            specific_support: if dice.next_u64().is_multiple_of(3) {
                vec!["Surdité"]
            } else {
                vec![]
            },
            free: dice.next_u64().is_multiple_of(2),
            accessible: dice.next_u64().is_multiple_of(3),
            ..Filters::default()
        };
        let radius = if dice.next_u64().is_multiple_of(2) {
            Some(150.0)
        } else {
            None
        };
        let got: Vec<(String, f64)> = index
            .nearest(lat, lon, &filters, radius)
            .take(20)
            .map(|(p, km)| (p.id().to_owned(), km))
            .collect();
        let mut expected: Vec<(String, f64)> = places
            .iter()
            .filter(|p| filters.accept(&p.place))
            .map(|p| {
                (
                    p.place.id.clone(),
                    haversine_km(
                        (lat, lon),
                        (p.place.latitude.unwrap(), p.place.longitude.unwrap()),
                    ),
                )
            })
            .filter(|(_, km)| radius.is_none_or(|r| *km <= r))
            .collect();
        expected.sort_by(|a, b| a.1.total_cmp(&b.1));
        expected.truncate(20);
        assert_eq!(got.len(), expected.len());
        for ((got_id, got_km), (want_id, want_km)) in got.iter().zip(&expected) {
            assert!(
                (got_km - want_km).abs() < 1e-6,
                "{got_id} {got_km} vs {want_id} {want_km}"
            );
        }
        assert!(got.windows(2).all(|w| w[0].1 <= w[1].1), "nearest first");
    }
}

#[test]
fn places_without_a_position_are_left_out_of_the_index() {
    let mut dice = Dice::new(42);
    let mut places = random_places(&mut dice, 3);
    places[1].place.latitude = None;
    assert_eq!(PlaceIndex::new(places).len(), 2);
}

#[test]
fn the_accessible_filter_wants_an_acceslibre_sheet_or_motor_disability_support() {
    let mut place = example();
    let filters = Filters {
        accessible: true,
        ..Filters::default()
    };
    assert!(
        filters.accept(&place),
        "the example has an acceslibre sheet"
    );
    place.fiche_acces_libre = None;
    assert!(!filters.accept(&place));
    place.prise_en_charge_specifique = vec!["Handicaps moteurs"];
    assert!(filters.accept(&place));
}

#[test]
fn the_open_now_filter_keeps_only_places_open_at_that_instant() {
    let mut dice = Dice::new(7);
    let mut places = random_places(&mut dice, 3);
    places[0].place.horaires = Some("Mo-Fr 09:00-17:00; PH off".into());
    places[1].place.horaires = Some("Sa 09:00-12:00".into());
    places[2].place.horaires = None;
    let index = PlaceIndex::new(places);
    // Monday 23 November 2026, 10:00 in Paris.
    let at = super::super::hours::local(chrono_tz::Europe::Paris, 2026, 11, 23, 10, 0);
    let filters = Filters {
        open_at: at,
        ..Filters::default()
    };
    let open: Vec<_> = index
        .nearest(47.0, 0.0, &filters, None)
        .map(|(p, _)| p.id().to_owned())
        .collect();
    assert_eq!(open, ["p0"]);
}
