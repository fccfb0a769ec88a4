//! A place's schema fields packed in one block of text, as its CSV row
//! would hold them: what the search index keeps of each place to write it
//! in the API's answers without keeping a `Place` (ten times the size).
//!
//! Each field is a small header (its length and kind, as ASCII digits in
//! base 32) then its content. Fields of the schema's closed lists
//! (services, access modes…), more than half of a typical row as text, are
//! kept as the positions of their values in the list, in the order given:
//! one byte per value instead of thirty. Everything else is kept as it
//! will be written in JSON where that costs nothing: text that needs no
//! escaping is copied as it is, coordinates are kept as JSON numbers.
//! Every byte of the block is ASCII or part of a whole UTF-8 text, so it
//! is one `str` and reading a field never validates it again.

use std::borrow::Cow;

use crate::places::field::{Field, Kind};
use crate::places::model::{Place, Value};
use crate::places::vocabulary::{self, Vocabulary};

/// The 32 fields of a place, in the schema's order.
#[derive(Clone, Debug)]
pub struct PackedPlace {
    text: Box<str>,
}

/// One field as stored.
enum Stored<'a> {
    /// Text that JSON can hold between quotes as it is.
    Plain(&'a str),
    /// Text with quotes, backslashes or control characters.
    Escaped(&'a str),
    /// The list, then each value's position in it.
    Coded(&'static Vocabulary, &'a [u8]),
    /// A coordinate, written as JSON writes the number.
    Number(&'a str),
}

/// The kinds, in the two low bits of a field's header.
const PLAIN: usize = 0;
const ESCAPED: usize = 1;
const CODED: usize = 2;
const NUMBER: usize = 3;

/// The closed list of `field`, with its position in [`vocabulary::ALL`].
fn vocabulary_of(field: Field) -> Option<(u8, &'static Vocabulary)> {
    let Kind::Closed(list) = field.kind() else {
        return None;
    };
    vocabulary::ALL
        .iter()
        .enumerate()
        .find(|(_, v)| v.field == list.field)
        .and_then(|(i, v)| Some((u8::try_from(i).ok()?, v)))
}

/// `values` as the list's number then each value's position, all below 32
/// so they stay ASCII; `None` when a value is not in the list (never for a
/// parsed place, whose values the parser checked: the text is kept then).
fn encode(values: &[&str], list: u8, vocabulary: &Vocabulary) -> Option<String> {
    let mut coded = String::from(char::from(list));
    for value in values {
        let position = vocabulary.values.iter().position(|v| v == value)?;
        coded.push(char::from(u8::try_from(position).ok()?));
    }
    Some(coded)
}

/// Whether JSON needs `text` escaped between its quotes.
fn needs_escaping(text: &str) -> bool {
    text.bytes().any(|b| b == b'"' || b == b'\\' || b < 0x20)
}

/// The digits of a header: five bits each, lowest first, as the ASCII
/// characters `0`…`O` (last digit) or `P`…`o` (more follow).
fn push_header(text: &mut String, mut n: usize) {
    loop {
        let digit = (n & 31) as u8;
        n >>= 5;
        if n == 0 {
            text.push(char::from(b'0' + digit));
            return;
        }
        text.push(char::from(b'P' + digit));
    }
}

/// The header at the start of `text`, and where the content starts.
fn read_header(text: &[u8]) -> (usize, usize) {
    let mut n = 0usize;
    for (i, &b) in text.iter().enumerate() {
        let more = b >= b'P';
        let digit = usize::from(b.saturating_sub(if more { b'P' } else { b'0' }));
        n |= digit << (5 * i);
        if !more {
            return (n, i + 1);
        }
    }
    (0, text.len())
}

/// A coordinate's CSV text as JSON writes the number, if it is one.
fn json_number(text: &str) -> Option<String> {
    let number: f64 = text.parse().ok().filter(|n: &f64| n.is_finite())?;
    serde_json::to_string(&number).ok()
}

impl PackedPlace {
    /// The row of `place`.
    pub fn of(place: &Place) -> Self {
        let mut text = String::with_capacity(256);
        for field in Field::ALL {
            let value = place.value(field);
            let (kind, content) = match (value, vocabulary_of(field)) {
                _ if value.is_empty() => (PLAIN, String::new()),
                (Value::Closed(values), Some((list, vocabulary))) => {
                    match encode(values, list, vocabulary) {
                        Some(coded) => (CODED, coded),
                        None => (ESCAPED, value.to_text()),
                    }
                }
                (Value::Number(_), _) => match json_number(&value.to_text()) {
                    Some(number) => (NUMBER, number),
                    None => (ESCAPED, value.to_text()),
                },
                _ => {
                    let text = value.to_text();
                    (
                        if needs_escaping(&text) {
                            ESCAPED
                        } else {
                            PLAIN
                        },
                        text,
                    )
                }
            };
            push_header(&mut text, content.len() << 2 | kind);
            text.push_str(&content);
        }
        Self { text: text.into() }
    }

    /// The fields in the schema's order.
    fn fields(&self) -> impl Iterator<Item = Stored<'_>> {
        let mut at = 0;
        (0..Field::ALL.len()).map(move |_| {
            let rest = self.text.as_bytes().get(at..).unwrap_or_default();
            let (header, start) = read_header(rest);
            let (start, end) = (at + start, at + start + (header >> 2));
            at = end;
            // Headers and coded values are ASCII, so these are char boundaries.
            let content = self.text.get(start..end).unwrap_or_default();
            match header & 3 {
                PLAIN => Stored::Plain(content),
                ESCAPED => Stored::Escaped(content),
                NUMBER => Stored::Number(content),
                _ => match content.as_bytes().split_first() {
                    Some((&list, positions)) => vocabulary::ALL
                        .get(usize::from(list))
                        .map_or(Stored::Plain(""), |v| Stored::Coded(v, positions)),
                    None => Stored::Plain(""),
                },
            }
        })
    }

    /// The value of `field` as in the CSV, empty when absent.
    pub fn field(&self, field: Field) -> Cow<'_, str> {
        match self.fields().nth(field.index()) {
            Some(Stored::Plain(text) | Stored::Escaped(text)) => Cow::Borrowed(text),
            Some(Stored::Coded(vocabulary, positions)) => {
                let values: Vec<&str> = values(vocabulary, positions).collect();
                Cow::Owned(values.join("|"))
            }
            Some(Stored::Number(number)) => Cow::Owned(
                number
                    .parse::<f64>()
                    .map_or_else(|_| number.to_owned(), |n| n.to_string()),
            ),
            None => Cow::Borrowed(""),
        }
    }

    /// A field of text (not of a closed list).
    fn text(&self, field: Field) -> &str {
        match self.fields().nth(field.index()) {
            Some(Stored::Plain(text) | Stored::Escaped(text)) => text,
            _ => "",
        }
    }

    /// The schema's `id`.
    pub fn id(&self) -> &str {
        self.text(Field::Id)
    }

    /// The schema's `nom`.
    pub fn nom(&self) -> &str {
        self.text(Field::Nom)
    }

    /// « 3 rue des Lilas, 49300 Cholet ».
    pub fn address(&self) -> String {
        format!(
            "{}, {} {}",
            self.text(Field::Adresse),
            self.text(Field::CodePostal),
            self.text(Field::Commune)
        )
    }

    /// Writes the fields as JSON object members, without the braces: the
    /// same as [`crate::places::export::to_json`] (strings as in the CSV,
    /// coordinates as numbers, absent values left out).
    pub fn write_json_members(&self, out: &mut Vec<u8>) {
        let mut first = true;
        for (field, stored) in Field::ALL.iter().zip(self.fields()) {
            if matches!(stored, Stored::Plain("")) {
                continue;
            }
            if !first {
                out.push(b',');
            }
            first = false;
            // Column names are plain ASCII: no escaping needed.
            out.push(b'"');
            out.extend_from_slice(field.name().as_bytes());
            out.extend_from_slice(b"\":");
            match stored {
                Stored::Plain(text) => {
                    out.push(b'"');
                    out.extend_from_slice(text.as_bytes());
                    out.push(b'"');
                }
                Stored::Escaped(text) => {
                    let _ = serde_json::to_writer(&mut *out, text);
                }
                Stored::Number(number) => out.extend_from_slice(number.as_bytes()),
                Stored::Coded(vocabulary, positions) => {
                    // The lists' values need no escaping (a test checks it).
                    out.push(b'"');
                    for (i, value) in values(vocabulary, positions).enumerate() {
                        if i > 0 {
                            out.push(b'|');
                        }
                        out.extend_from_slice(value.as_bytes());
                    }
                    out.push(b'"');
                }
            }
        }
    }
}

/// The values at `positions` in the list.
fn values<'a>(
    vocabulary: &'static Vocabulary,
    positions: &'a [u8],
) -> impl Iterator<Item = &'static str> + 'a {
    positions
        .iter()
        .filter_map(|&p| vocabulary.values.get(usize::from(p)).copied())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::places::synthetic;

    fn json_of(row: &PackedPlace) -> serde_json::Value {
        let mut members = b"{".to_vec();
        row.write_json_members(&mut members);
        members.push(b'}');
        serde_json::from_slice(&members).unwrap()
    }

    #[test]
    fn a_row_reads_back_every_field_and_writes_the_same_json_as_the_export() {
        for place in synthetic::places_in(50, 3, None) {
            let row = PackedPlace::of(&place);
            for field in Field::ALL {
                assert_eq!(row.field(field), place.column(field), "{field:?}");
            }
            assert_eq!(json_of(&row), crate::places::export::to_json(&place));
            assert_eq!(row.id(), place.id);
            assert_eq!(row.nom(), place.nom);
        }
    }

    #[test]
    fn list_values_keep_their_order_and_take_a_byte_each() {
        let mut place = synthetic::places_in(1, 1, None).remove(0);
        place.modalites_accompagnement = vec!["À distance", "En autonomie"];
        place.services = vocabulary::SERVICES.values.to_vec();
        let row = PackedPlace::of(&place);
        assert_eq!(
            row.field(Field::ModalitesAccompagnement),
            "À distance|En autonomie"
        );
        assert_eq!(json_of(&row), crate::places::export::to_json(&place));
        let as_text: usize = Field::ALL.iter().map(|f| place.column(*f).len()).sum();
        assert!(
            row.text.len() + place.column(Field::Services).len() < as_text,
            "the services are not kept as text"
        );
    }

    #[test]
    fn no_list_value_needs_escaping_in_json_or_holds_the_separator() {
        for vocabulary in vocabulary::ALL {
            assert!(vocabulary.values.len() < 32, "{}", vocabulary.field);
            for value in vocabulary.values {
                assert!(!needs_escaping(value), "{value}");
                assert!(!value.contains('|'), "{value}");
            }
        }
    }

    #[test]
    fn coordinates_are_numbers_in_json_and_their_csv_text_in_the_row() {
        let mut place = synthetic::places_in(1, 1, None).remove(0);
        for (latitude, longitude) in [(47.0, -0.00001), (-21.11465, 55.53251), (0.0, 1e-7)] {
            place.latitude = Some(latitude);
            place.longitude = Some(longitude);
            let row = PackedPlace::of(&place);
            assert_eq!(row.field(Field::Latitude), place.column(Field::Latitude));
            assert_eq!(row.field(Field::Longitude), place.column(Field::Longitude));
            assert_eq!(json_of(&row), crate::places::export::to_json(&place));
        }
    }

    #[test]
    fn long_texts_keep_their_length() {
        let mut place = synthetic::places_in(1, 1, None).remove(0);
        place.presentation_detail = Some("é".repeat(70_000));
        let row = PackedPlace::of(&place);
        let detail = row.field(Field::PresentationDetail);
        assert_eq!(detail.chars().count(), 70_000);
        assert_eq!(json_of(&row), crate::places::export::to_json(&place));
    }

    proptest::proptest! {
        #[test]
        fn any_place_reads_back_and_writes_the_exports_json(
            nom in "\\PC{1,80}",
            detail in proptest::option::of("(\\PC|[\"\\\\\n\u{1}]){0,3000}"),
            services in proptest::collection::vec(0..vocabulary::SERVICES.values.len(), 0..12),
            modes in proptest::collection::vec(0..vocabulary::SUPPORT_MODES.values.len(), 0..6),
            latitude in -90.0f64..90.0,
            longitude in -180.0f64..180.0,
        ) {
            let mut place = synthetic::places_in(1, 1, None).remove(0);
            place.nom = nom;
            place.presentation_detail = detail;
            place.services = services.iter().map(|&i| vocabulary::SERVICES.values[i]).collect();
            place.modalites_accompagnement =
                modes.iter().map(|&i| vocabulary::SUPPORT_MODES.values[i]).collect();
            place.latitude = Some(latitude);
            place.longitude = Some(longitude);
            let row = PackedPlace::of(&place);
            for field in Field::ALL {
                proptest::prop_assert_eq!(row.field(field), place.column(field), "{:?}", field);
            }
            proptest::prop_assert_eq!(json_of(&row), crate::places::export::to_json(&place));
        }
    }

    #[test]
    fn text_that_needs_escaping_stays_valid_json() {
        let mut place = synthetic::places_in(1, 1, None).remove(0);
        place.nom = "Le « Café » \"numérique\"\n\\ ".into();
        place.presentation_resume = Some("\u{1}".into());
        let row = PackedPlace::of(&place);
        assert_eq!(row.nom(), place.nom);
        assert_eq!(json_of(&row), crate::places::export::to_json(&place));
    }
}
