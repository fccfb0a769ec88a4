//! Every constraint of the schema, accepted and refused (table-driven).

use std::collections::HashMap;

use super::*;
use crate::places::field::Field;
use crate::validation::FieldError;

const EXAMPLE: &str = include_str!("../../tests/data/exemple-valide.csv");

/// The official example as a column → value map.
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

fn parse(row: &HashMap<String, String>) -> Result<Place, Vec<FieldError>> {
    Place::parse(&|c: &str| row.get(c).cloned())
}

fn with(field: &str, value: &str) -> Result<Place, Vec<FieldError>> {
    let mut row = example_row();
    row.insert(field.to_owned(), value.to_owned());
    parse(&row)
}

#[test]
fn the_official_example_parses_and_writes_back_field_for_field() {
    let row = example_row();
    let place = parse(&row).unwrap();
    assert_eq!(place.nom, "Anonymal");
    assert_eq!(place.services.len(), 3);
    assert_eq!(place.latitude, Some(43.52609));
    for field in Field::ALL {
        assert_eq!(place.column(field), row[field.name()], "{field:?}");
    }
}

#[test]
fn constrained_fields_accept_what_the_schema_accepts() {
    let accepted = [
        ("pivot", "43493312300029"),
        ("pivot", "W123456789"),
        ("code_postal", "01000"),
        ("code_insee", "2A004"),
        ("code_insee", "97411"),
        ("code_insee", ""),
        ("telephone", "+33241000000"),
        ("telephone", "+262262000000"),
        ("latitude", "-21.1151"),
        ("longitude", "55.5364"),
        // As a French spreadsheet writes it.
        ("longitude", "-0,879"),
        ("presentation_resume", &"é".repeat(280)),
        ("date_maj", "2024-02-29"),
        ("services", "Aide aux démarches administratives"),
        ("frais_a_charge", "Gratuit|Payant"),
        ("itinerance", "Fixe"),
        ("prise_en_charge_specifique", "Langues étrangères (autres)"),
    ];
    for (field, value) in accepted {
        assert!(
            with(field, value).is_ok(),
            "{field} = {value:?} should be accepted: {:?}",
            with(field, value)
        );
    }
}

#[test]
fn constrained_fields_refuse_what_the_schema_refuses_and_say_which() {
    let refused = [
        ("id", "", "place-required"),
        ("nom", "   ", "place-required"),
        ("pivot", "1234", "place-pivot"),
        ("pivot", "123 456 789", "place-pivot"),
        ("code_postal", "4930", "place-postcode"),
        ("code_postal", "49 300", "place-postcode"),
        ("code_insee", "20004", "place-insee-code"),
        ("code_insee", "2C004", "place-insee-code"),
        ("telephone", "0241000000", "place-phone"),
        ("telephone", "+33 2 41 00 00 00", "place-phone"),
        ("latitude", "nan", "place-latitude"),
        ("latitude", "91", "place-latitude"),
        ("longitude", "47,06,1", "place-longitude"),
        ("longitude", "1,000.5", "place-longitude"),
        (
            "presentation_resume",
            &"é".repeat(281),
            "place-summary-too-long",
        ),
        ("date_maj", "2023-02-29", "place-date"),
        ("date_maj", "23/11/2026", "place-date"),
        (
            "services",
            "Aide aux demarches administratives",
            "place-value-not-in-list",
        ),
        (
            "frais_a_charge",
            "Gratuit||Payant",
            "place-value-not-in-list",
        ),
        ("itinerance", "Mobile", "place-value-not-in-list"),
    ];
    for (field, value, key) in refused {
        let errors =
            with(field, value).expect_err(&format!("{field} = {value:?} should be refused"));
        assert_eq!(errors.len(), 1, "{field} = {value:?}: {errors:?}");
        assert_eq!(
            (&*errors[0].field, errors[0].key),
            (field_name(field), key),
            "{field} = {value:?}"
        );
        let echoed = crate::text::cut(value.trim(), crate::validation::ECHOED_CHARACTERS);
        assert_eq!(errors[0].value, echoed);
    }
}

fn field_name(field: &str) -> &'static str {
    COLUMNS.iter().copied().find(|c| *c == field).unwrap()
}

#[test]
fn a_decimal_comma_reads_as_the_same_number_as_a_point() {
    let comma = with("latitude", "47,0600").unwrap();
    let point = with("latitude", "47.0600").unwrap();
    assert_eq!(comma.latitude, Some(47.06));
    assert_eq!(comma, point);
}

#[test]
fn every_error_of_a_row_is_reported_at_once() {
    let mut row = example_row();
    row.insert("code_postal".into(), "ABCDE".into());
    row.insert("telephone".into(), "02".into());
    row.remove("nom");
    let fields: Vec<_> = parse(&row)
        .unwrap_err()
        .iter()
        .map(|e| e.field.clone())
        .collect();
    assert_eq!(fields, ["nom", "code_postal", "telephone"]);
}

#[test]
fn repeated_values_of_a_list_are_kept_once() {
    let place = with(
        "services",
        "Aide aux démarches administratives|Aide aux démarches administratives",
    )
    .unwrap();
    assert_eq!(place.services, ["Aide aux démarches administratives"]);
}

#[test]
fn every_message_is_french_and_names_what_is_expected() {
    for key in [
        "place-required",
        "place-pivot",
        "place-postcode",
        "place-insee-code",
        "place-latitude",
        "place-longitude",
        "place-phone",
        "place-summary-too-long",
        "place-date",
        "place-value-not-in-list",
    ] {
        let message = crate::i18n::t(key);
        assert!(
            !message.is_empty() && !message.contains(key),
            "{key} has no message"
        );
    }
}

#[test]
fn free_text_a_spreadsheet_would_run_is_refused_but_still_reads_back_from_storage() {
    for (field, value) in [
        ("nom", "=HYPERLINK(\"http://evil\",\"x\")"),
        ("adresse", "+1+1"),
        ("presentation_detail", "@SUM(A1:A9)"),
        ("site_web", "=cmd|' /C calc'!A0"),
    ] {
        let errors = with(field, value).unwrap_err();
        assert_eq!(
            errors,
            [
                FieldError::new(Field::from_name(field).unwrap().name(), "text-formula")
                    .with_value(value)
            ],
            "{field}"
        );
        let mut row = example_row();
        row.insert(field.to_owned(), value.to_owned());
        let stored = Place::parse_stored(&|f: Field| row.get(f.name()).cloned()).unwrap();
        assert_eq!(stored.column(Field::from_name(field).unwrap()), value);
    }
    // A phone in international format starts with « + » and is no formula.
    assert!(with("telephone", "+33241000000").is_ok());
    assert!(with("nom", "Café = numérique").is_ok());
}
