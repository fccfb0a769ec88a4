//! Property tests: on arbitrary input, Maille accepts a field's value
//! exactly when the official schema's pattern does, and any combination of a
//! list's values round-trips.

use std::collections::HashMap;

use proptest::prelude::*;

use super::*;
use crate::places::vocabulary::ALL;

const EXAMPLE: &str = include_str!("../../tests/data/exemple-valide.csv");

fn example_row() -> HashMap<String, String> {
    let mut reader = csv::Reader::from_reader(EXAMPLE.as_bytes());
    let headers = reader.headers().unwrap().clone();
    let record = reader.records().next().unwrap().unwrap();
    headers
        .iter()
        .map(str::to_owned)
        .zip(record.iter().map(str::to_owned))
        .collect()
}

fn accepts(field: &str, value: &str) -> bool {
    let mut row = example_row();
    row.insert(field.to_owned(), value.to_owned());
    match Place::parse(&|c: &str| row.get(c).cloned()) {
        Ok(_) => true,
        Err(errors) => !errors.iter().any(|e| e.field == field),
    }
}

/// The official pattern of `field`, anchored as Table Schema anchors it.
fn official(field: &str) -> regex::Regex {
    let schema: serde_json::Value =
        serde_json::from_str(include_str!("schema-lieux.json")).unwrap();
    let pattern = schema["fields"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["name"] == field)
        .and_then(|f| f["constraints"]["pattern"].as_str())
        .unwrap();
    regex::Regex::new(&format!("^(?:{pattern})$")).unwrap()
}

/// Strings near the patterns' alphabet: digits, a few letters, `+`, `W`,
/// `A`/`B` (Corsica), spaces; empty excluded (an empty optional field is
/// simply absent).
fn near_codes() -> impl Strategy<Value = String> {
    "[0-9A-BWw+ a-z]{1,16}"
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn patterned_fields_accept_exactly_what_the_official_pattern_matches(value in near_codes()) {
        for field in ["pivot", "code_postal", "code_insee", "telephone"] {
            // Maille trims what people type; the schema speaks of the trimmed value.
            let expected = official(field).is_match(value.trim()) || value.trim().is_empty() && field != "pivot" && field != "code_postal";
            prop_assert_eq!(accepts(field, &value), expected, "{} = {:?}", field, value);
        }
    }

    #[test]
    fn any_combination_of_a_lists_values_is_accepted_and_written_back(picks in proptest::collection::vec(any::<prop::sample::Index>(), 1..5)) {
        for vocabulary in ALL {
            let mut chosen: Vec<&str> = picks.iter().map(|i| vocabulary.values[i.index(vocabulary.values.len())]).collect();
            chosen.dedup();
            let joined = chosen.join("|");
            prop_assert!(accepts(vocabulary.field, &joined), "{} = {}", vocabulary.field, joined);
            prop_assert!(official(vocabulary.field).is_match(&joined));
        }
    }

    #[test]
    fn a_value_outside_a_list_is_refused(intruder in "[A-Za-zé ]{1,20}") {
        for vocabulary in ALL {
            prop_assume!(!vocabulary.values.contains(&intruder.trim()));
            let joined = format!("{}|{}", vocabulary.values[0], intruder);
            prop_assert!(!accepts(vocabulary.field, &joined), "{} = {}", vocabulary.field, joined);
        }
    }
}
