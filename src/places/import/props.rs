//! Property tests: on arbitrary input, the bounded readers split a file
//! exactly as the reference parsers do (the `csv` crate for records,
//! serde_json for the items of an array), and never panic.

use proptest::prelude::*;

use super::csv_records::{CsvRecords, Record, separator_of};
use super::json_items::{Item, JsonItems};

/// Text made of what CSV cares about: separators, quotes, line breaks.
fn csv_text() -> impl Strategy<Value = String> {
    proptest::collection::vec(
        prop_oneof![
            Just(",".to_owned()),
            Just(";".to_owned()),
            Just("\"".to_owned()),
            Just("\n".to_owned()),
            Just("\r\n".to_owned()),
            "[a-zé ]{0,4}",
        ],
        0..40,
    )
    .prop_map(|parts| parts.concat())
}

proptest! {
    #[test]
    fn csv_records_are_those_of_the_csv_crate(text in csv_text()) {
        let mut expected = Vec::new();
        // The separator ours tells from the first line, given to the reference.
        let mut reference = csv::ReaderBuilder::new()
            .has_headers(false)
            .flexible(true)
            .delimiter(separator_of(text.as_bytes()))
            .from_reader(text.as_bytes());
        for record in reference.records() {
            let record = record.unwrap();
            expected.push(record.iter().map(str::to_owned).collect::<Vec<_>>());
        }
        let mut ours = CsvRecords::new(text.as_bytes());
        let mut read = Vec::new();
        while let Some(record) = ours.next_record().unwrap() {
            match record {
                Record::Fields(fields) => read.push(fields),
                other => prop_assert!(false, "{other:?}"),
            }
        }
        prop_assert_eq!(read, expected);
    }

    #[test]
    fn json_items_are_the_elements_serde_json_finds(
        items in proptest::collection::vec(
            prop_oneof![
                any::<i32>().prop_map(|n| serde_json::json!(n)),
                "[a-z,\\[\\]{}\"\\\\ ]{0,6}".prop_map(|s| serde_json::json!(s)),
                ("[a-z]{1,3}", "[a-z,\\]\" ]{0,5}").prop_map(|(k, v)| serde_json::json!({ k: [v, {"x": null}] })),
            ],
            0..8,
        ),
        pretty in any::<bool>(),
    ) {
        let array = serde_json::Value::Array(items.clone());
        let text = if pretty {
            serde_json::to_string_pretty(&array).unwrap()
        } else {
            serde_json::to_string(&array).unwrap()
        };
        let mut ours = JsonItems::open(text.as_bytes()).unwrap().unwrap();
        let mut read = Vec::new();
        while let Some(item) = ours.next_item().unwrap() {
            match item {
                Item::Json(bytes) => read.push(serde_json::from_slice::<serde_json::Value>(&bytes).unwrap()),
                other => prop_assert!(false, "{other:?}"),
            }
        }
        prop_assert_eq!(read, items);
    }

    #[test]
    fn any_bytes_are_read_to_the_end_without_a_panic(bytes in proptest::collection::vec(any::<u8>(), 0..300)) {
        let mut records = CsvRecords::new(bytes.as_slice());
        while records.next_record().unwrap().is_some() {}
        if let Ok(mut items) = JsonItems::open(bytes.as_slice()).unwrap() {
            while items.next_item().unwrap().is_some() {}
        }
    }
}
