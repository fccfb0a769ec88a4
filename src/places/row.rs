//! A place's schema fields packed in one block of text, as its CSV row
//! would hold them: what the search index keeps of each place to write it
//! in the API's answers without keeping a `Place` (three times the size).

use std::io::Write;

use super::model::{COLUMNS, Place};

/// The 32 fields of a place, in the schema's order.
#[derive(Clone, Debug)]
pub struct Row {
    text: Box<str>,
    /// Where each field ends in `text`.
    ends: [u32; COLUMNS.len()],
}

impl Row {
    /// The row of `place`.
    pub fn of(place: &Place) -> Self {
        let mut text = String::new();
        let mut ends = [0; COLUMNS.len()];
        for (end, column) in ends.iter_mut().zip(COLUMNS) {
            text.push_str(&place.column(column));
            // A field longer than 4 GB cannot be imported.
            *end = u32::try_from(text.len()).unwrap_or(u32::MAX);
        }
        Self {
            text: text.into(),
            ends,
        }
    }

    /// The value of the `i`-th column (see [`COLUMNS`]), empty when absent.
    pub fn field(&self, i: usize) -> &str {
        let start = i.checked_sub(1).map_or(0, |before| self.ends[before]) as usize;
        let end = self.ends.get(i).map_or(start, |&end| end as usize);
        self.text.get(start..end).unwrap_or_default()
    }

    /// The schema's `id`.
    pub fn id(&self) -> &str {
        self.field(0)
    }

    /// The schema's `nom`.
    pub fn nom(&self) -> &str {
        self.field(2)
    }

    /// « 3 rue des Lilas, 49300 Cholet ».
    pub fn address(&self) -> String {
        format!("{}, {} {}", self.field(6), self.field(4), self.field(3))
    }

    /// Writes the fields as JSON object members, without the braces: the
    /// same as [`super::export::to_json`] (strings as in the CSV,
    /// coordinates as numbers, absent values left out).
    pub fn write_json_members(&self, out: &mut Vec<u8>) {
        let mut first = true;
        for (i, column) in COLUMNS.iter().enumerate() {
            let value = self.field(i);
            if value.is_empty() {
                continue;
            }
            if !first {
                out.push(b',');
            }
            first = false;
            // Column names are plain ASCII: no escaping needed.
            let _ = write!(out, "\"{column}\":");
            let written = match *column {
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
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::places::synthetic;

    #[test]
    fn a_row_reads_back_every_field_and_writes_the_same_json_as_the_export() {
        for place in synthetic::places_in(50, 3, None) {
            let row = Row::of(&place);
            for (i, column) in COLUMNS.iter().enumerate() {
                assert_eq!(row.field(i), place.column(column), "{column}");
            }
            let mut members = b"{".to_vec();
            row.write_json_members(&mut members);
            members.push(b'}');
            let written: serde_json::Value = serde_json::from_slice(&members).unwrap();
            assert_eq!(written, super::super::export::to_json(&place));
            assert_eq!(row.id(), place.id);
            assert_eq!(row.nom(), place.nom);
        }
    }

    #[test]
    fn text_that_needs_escaping_stays_valid_json() {
        let mut place = synthetic::places_in(1, 1, None).remove(0);
        place.nom = "Le « Café » \"numérique\"\n\\ ".into();
        place.presentation_resume = Some("\u{1}".into());
        let mut members = b"{".to_vec();
        Row::of(&place).write_json_members(&mut members);
        members.push(b'}');
        let written: serde_json::Value = serde_json::from_slice(&members).unwrap();
        assert_eq!(written, super::super::export::to_json(&place));
    }
}
