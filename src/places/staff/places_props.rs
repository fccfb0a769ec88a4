//! Property test: the place form and the import accept and refuse the same
//! hours, and store the same value for them.

use proptest::prelude::*;

use super::*;
use crate::places::import::{self, Format};

const EXAMPLE: &str = include_str!("../../../tests/data/exemple-valide.csv");

/// The example file's first row, its hours replaced by `hours`.
fn row_with(hours: &str) -> (csv::StringRecord, csv::StringRecord) {
    let mut reader = csv::Reader::from_reader(EXAMPLE.as_bytes());
    let headers = reader.headers().unwrap().clone();
    let record = reader.records().next().unwrap().unwrap();
    let record = headers
        .iter()
        .zip(record.iter())
        .map(|(name, value)| if name == "horaires" { hours } else { value })
        .collect();
    (headers, record)
}

/// What the import stores for `hours` (None: the row is refused for them).
fn imported(hours: &str) -> Option<Option<String>> {
    let (headers, record) = row_with(hours);
    let mut file = csv::Writer::from_writer(Vec::new());
    file.write_record(&headers).unwrap();
    file.write_record(&record).unwrap();
    let parsed = import::parse_all(&file.into_inner().unwrap(), Format::Csv).unwrap();
    let refused_for_hours = parsed.rejected.iter().any(|r| r.error.field == "horaires");
    assert!(
        refused_for_hours || parsed.rejected.is_empty(),
        "only the hours vary: {:?}",
        parsed.rejected
    );
    parsed
        .places
        .into_iter()
        .next()
        .map(|(_, place)| place.horaires)
}

/// What the form stores for `hours` typed in its text field, confirming
/// them once when they are shown back (None: refused for them).
fn saved_by_form(hours: &str) -> Option<Option<String>> {
    let (headers, record) = row_with(hours);
    let values: HashMap<String, String> = headers
        .iter()
        .zip(record.iter())
        .filter(|(name, value)| !value.trim().is_empty() && !matches!(*name, "id" | "date_maj"))
        .map(|(name, value)| (name.to_owned(), value.trim().to_owned()))
        .collect();
    let outcome = match parse_form(values, "maille-test", None) {
        Err(NotSaved::ShowHours(values, _)) => parse_form(values, "maille-test", None),
        outcome => outcome,
    };
    match outcome {
        Ok(stored) => Some(stored.place.horaires),
        Err(NotSaved::Refused(_, errors)) => {
            assert!(errors.for_field("horaires").is_some(), "{errors:?}");
            None
        }
        Err(NotSaved::ShowHours(..)) => panic!("{hours:?} shown back twice"),
    }
}

/// Hours as people and files write them: a sentence of days and ranges
/// (with out-of-range or backward hours now and then), or loose pieces of
/// words, numbers and OSM.
fn hours() -> impl Strategy<Value = String> {
    let day = prop::sample::select(vec![
        "lundi", "mardi", "mercredi", "jeu.", "vendredi", "samedi", "dimanche",
    ]);
    let days = prop_oneof![
        day.clone().prop_map(str::to_owned),
        (day.clone(), day.clone()).prop_map(|(a, b)| format!("du {a} au {b}")),
        (day.clone(), day.clone()).prop_map(|(a, b)| format!("{a} et {b}")),
        Just("tous les jours".to_owned()),
    ];
    // Mostly sensible ranges, now and then backward or out of the day.
    let bounds = prop_oneof![
        4 => (6u32..14, 1u32..6).prop_map(|(start, length)| (start, start + length)),
        1 => (0u32..27, 0u32..27),
    ];
    let range = (
        bounds,
        prop::sample::select(vec!["h", " h ", ":"]),
        0u32..61,
    )
        .prop_map(|((start, end), mark, minute)| {
            let minute = if mark == ":" {
                format!("{minute:02}")
            } else if minute % 2 == 0 {
                String::new()
            } else {
                format!("{minute:02}")
            };
            format!("de {start}{mark}{minute} à {end}{mark}{minute}")
        });
    let ranges = prop::collection::vec(range, 1..3).prop_map(|r| r.join(" et "));
    let closed = prop::option::of(prop_oneof![
        day.prop_map(|d| format!(", fermé le {d}")),
        Just(", fermé les jours fériés".to_owned()),
        (1u32..32, 1u32..32).prop_map(|(a, b)| format!(", fermé du {a} au {b} août")),
    ]);
    let sentence =
        (prop::collection::vec((days, ranges), 1..3), closed).prop_map(|(clauses, closed)| {
            let clauses: Vec<String> = clauses
                .into_iter()
                .map(|(d, r)| format!("{d} {r}"))
                .collect();
            format!("{}{}", clauses.join(", "), closed.unwrap_or_default())
        });
    let piece = prop::sample::select(vec![
        "lundi",
        "mardi",
        "sam.",
        "dimanche",
        "du",
        "au",
        "de",
        "à",
        "et",
        "-",
        ",",
        ";",
        "9h",
        "12h",
        "14 h 30",
        "17h",
        "9",
        "12",
        "midi",
        "fermé",
        "le",
        "les jours fériés",
        "1er",
        "août",
        "matin",
        "Mo-Fr",
        "09:00-12:00",
        "Sa",
        "PH off",
        "off",
        "24/7",
        "\"rdv\"",
    ]);
    let pieces = prop::collection::vec(piece, 1..10).prop_map(|pieces| pieces.join(" "));
    prop_oneof![3 => sentence, 1 => pieces]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn the_form_and_the_import_accept_refuse_and_store_hours_alike(hours in hours()) {
        prop_assert_eq!(saved_by_form(&hours), imported(&hours), "{}", hours);
    }
}

#[test]
fn the_issues_examples_are_stored_alike_by_the_form_and_the_import() {
    for hours in [
        "du lundi au vendredi de 9 h à 12 h et de 14 h à 17 h",
        "mardi 14h-18h",
        "du lundi au samedi 9h-18h, fermé le dimanche",
        "Mo-Fr 09:00-12:00; PH off",
        "lundi matin",
    ] {
        assert_eq!(saved_by_form(hours), imported(hours), "{hours}");
    }
    assert_eq!(
        saved_by_form("mardi 14h-18h"),
        Some(Some("Tu 14:00-18:00".into()))
    );
}
