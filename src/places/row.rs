//! A place's schema fields packed in one block of bytes, as its CSV row
//! would hold them: what the search index keeps of each place to write it
//! in the API's answers without keeping a `Place` (ten times the size).
//!
//! Each field is its length (LEB128) then its content. Fields of the
//! schema's closed lists (services, access modes…), more than half of a
//! typical row as text, are kept as the positions of their values in the
//! list, in the order given: one byte per value instead of thirty.

use std::borrow::Cow;
use std::io::Write;

use super::model::{COLUMNS, Place};
use super::vocabulary::{self, Vocabulary};

/// The 32 fields of a place, in the schema's order.
#[derive(Clone, Debug)]
pub struct Row {
    bytes: Box<[u8]>,
}

/// One field as stored: text, or the values of a closed list.
enum Stored<'a> {
    Text(&'a str),
    /// The list, then each value's position in it.
    Coded(&'static Vocabulary, &'a [u8]),
}

/// The closed list of `column`, with its position in [`vocabulary::ALL`].
fn vocabulary_of(column: &str) -> Option<(u8, &'static Vocabulary)> {
    vocabulary::ALL
        .iter()
        .enumerate()
        .find(|(_, v)| v.field == column)
        .and_then(|(i, v)| Some((u8::try_from(i).ok()?, v)))
}

/// `joined` (values `|`-joined) as the list's number then each value's
/// position; `None` when a value is not in the list (never for a parsed
/// place, whose values the parser checked: the text is kept then).
fn encode(joined: &str, list: u8, vocabulary: &Vocabulary) -> Option<Vec<u8>> {
    let mut coded = vec![list];
    for value in joined.split('|') {
        let position = vocabulary.values.iter().position(|v| *v == value)?;
        coded.push(u8::try_from(position).ok()?);
    }
    Some(coded)
}

fn push_length(bytes: &mut Vec<u8>, mut n: usize) {
    loop {
        let low = (n & 0x7f) as u8;
        n >>= 7;
        if n == 0 {
            bytes.push(low);
            return;
        }
        bytes.push(low | 0x80);
    }
}

/// The length at the start of `bytes`, and what follows it.
fn read_length(bytes: &[u8]) -> (usize, &[u8]) {
    let mut n = 0usize;
    for (i, &b) in bytes.iter().enumerate() {
        n |= usize::from(b & 0x7f) << (7 * i);
        if b & 0x80 == 0 {
            return (n, &bytes[i + 1..]);
        }
    }
    (0, &[])
}

impl Row {
    /// The row of `place`.
    pub fn of(place: &Place) -> Self {
        let mut bytes = Vec::with_capacity(256);
        for column in COLUMNS {
            let text = place.column(column);
            let coded = match vocabulary_of(column) {
                Some((list, vocabulary)) if !text.is_empty() => encode(&text, list, vocabulary),
                _ => None,
            };
            // The lowest bit of the length says which kind of content follows.
            match coded {
                Some(coded) => {
                    push_length(&mut bytes, coded.len() << 1 | 1);
                    bytes.extend_from_slice(&coded);
                }
                None => {
                    push_length(&mut bytes, text.len() << 1);
                    bytes.extend_from_slice(text.as_bytes());
                }
            }
        }
        Self {
            bytes: bytes.into(),
        }
    }

    /// The fields in the schema's order.
    fn fields(&self) -> impl Iterator<Item = Stored<'_>> {
        let mut rest = &self.bytes[..];
        (0..COLUMNS.len()).map(move |_| {
            let (tagged, after) = read_length(rest);
            let len = (tagged >> 1).min(after.len());
            let (content, next) = after.split_at(len);
            rest = next;
            match content.split_first() {
                Some((&list, positions)) if tagged & 1 == 1 => {
                    match vocabulary::ALL.get(usize::from(list)) {
                        Some(vocabulary) => Stored::Coded(vocabulary, positions),
                        None => Stored::Text(""),
                    }
                }
                // Written from a `&str` by `of`: always UTF-8.
                _ => Stored::Text(std::str::from_utf8(content).unwrap_or_default()),
            }
        })
    }

    /// The value of the `i`-th column (see [`COLUMNS`]), empty when absent.
    pub fn field(&self, i: usize) -> Cow<'_, str> {
        match self.fields().nth(i) {
            Some(Stored::Text(text)) => Cow::Borrowed(text),
            Some(Stored::Coded(vocabulary, positions)) => {
                let values: Vec<&str> = values(vocabulary, positions).collect();
                Cow::Owned(values.join("|"))
            }
            None => Cow::Borrowed(""),
        }
    }

    /// The `i`-th column, one of free text (not of a closed list).
    fn text(&self, i: usize) -> &str {
        match self.fields().nth(i) {
            Some(Stored::Text(text)) => text,
            _ => "",
        }
    }

    /// The schema's `id`.
    pub fn id(&self) -> &str {
        self.text(0)
    }

    /// The schema's `nom`.
    pub fn nom(&self) -> &str {
        self.text(2)
    }

    /// « 3 rue des Lilas, 49300 Cholet ».
    pub fn address(&self) -> String {
        format!("{}, {} {}", self.text(6), self.text(4), self.text(3))
    }

    /// Writes the fields as JSON object members, without the braces: the
    /// same as [`super::export::to_json`] (strings as in the CSV,
    /// coordinates as numbers, absent values left out).
    pub fn write_json_members(&self, out: &mut Vec<u8>) {
        let mut first = true;
        for (column, stored) in COLUMNS.iter().zip(self.fields()) {
            if matches!(stored, Stored::Text("")) {
                continue;
            }
            if !first {
                out.push(b',');
            }
            first = false;
            // Column names are plain ASCII: no escaping needed.
            let _ = write!(out, "\"{column}\":");
            match stored {
                Stored::Text(value) => write_json_text(out, column, value),
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

/// A text field as JSON: coordinates as numbers, everything else a string.
fn write_json_text(out: &mut Vec<u8>, column: &str, value: &str) {
    let written = match column {
        "latitude" | "longitude" => value
            .parse::<f64>()
            .ok()
            .map(|number| serde_json::to_writer(&mut *out, &number)),
        _ => None,
    };
    if written.is_none() {
        let _ = serde_json::to_writer(&mut *out, value);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::places::synthetic;

    fn json_of(row: &Row) -> serde_json::Value {
        let mut members = b"{".to_vec();
        row.write_json_members(&mut members);
        members.push(b'}');
        serde_json::from_slice(&members).unwrap()
    }

    #[test]
    fn a_row_reads_back_every_field_and_writes_the_same_json_as_the_export() {
        for place in synthetic::places_in(50, 3, None) {
            let row = Row::of(&place);
            for (i, column) in COLUMNS.iter().enumerate() {
                assert_eq!(row.field(i), place.column(column), "{column}");
            }
            assert_eq!(json_of(&row), super::super::export::to_json(&place));
            assert_eq!(row.id(), place.id);
            assert_eq!(row.nom(), place.nom);
        }
    }

    #[test]
    fn list_values_keep_their_order_and_take_a_byte_each() {
        let mut place = synthetic::places_in(1, 1, None).remove(0);
        place.modalites_accompagnement = vec!["À distance", "En autonomie"];
        place.services = vocabulary::SERVICES.values.to_vec();
        let row = Row::of(&place);
        let column = |name| COLUMNS.iter().position(|c| *c == name).unwrap();
        assert_eq!(
            row.field(column("modalites_accompagnement")),
            "À distance|En autonomie"
        );
        assert_eq!(json_of(&row), super::super::export::to_json(&place));
        let services_as_text = place.column("services").len();
        assert!(
            row.bytes.len() + services_as_text < place_as_text(&place),
            "the services are not kept as text"
        );
    }

    fn place_as_text(place: &Place) -> usize {
        COLUMNS.iter().map(|c| place.column(c).len()).sum()
    }

    #[test]
    fn no_list_value_needs_escaping_in_json_or_holds_the_separator() {
        for vocabulary in vocabulary::ALL {
            for value in vocabulary.values {
                assert_eq!(
                    serde_json::to_string(value).unwrap(),
                    format!("\"{value}\""),
                    "{value}"
                );
                assert!(!value.contains('|'), "{value}");
            }
        }
    }

    #[test]
    fn long_texts_keep_their_length() {
        let mut place = synthetic::places_in(1, 1, None).remove(0);
        place.presentation_detail = Some("é".repeat(70_000));
        let row = Row::of(&place);
        let column = COLUMNS
            .iter()
            .position(|c| *c == "presentation_detail")
            .unwrap();
        assert_eq!(row.field(column).chars().count(), 70_000);
        assert_eq!(json_of(&row), super::super::export::to_json(&place));
    }

    #[test]
    fn text_that_needs_escaping_stays_valid_json() {
        let mut place = synthetic::places_in(1, 1, None).remove(0);
        place.nom = "Le « Café » \"numérique\"\n\\ ".into();
        place.presentation_resume = Some("\u{1}".into());
        assert_eq!(
            json_of(&Row::of(&place)),
            super::super::export::to_json(&place)
        );
    }
}
