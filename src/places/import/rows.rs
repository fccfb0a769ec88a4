//! The rows of a file in the national schema, CSV or JSON, parsed into
//! places one at a time: valid ones kept, each invalid one explained.
//! Memory stays bounded by the longest row kept, whatever the file.

use std::collections::HashMap;
use std::io::{BufReader, Read};

use super::csv_records::{CsvRecords, MAX_RECORD_BYTES, Record};
use super::json_items::{Item, JsonItems, NotAnArray};
use super::{FileError, Format, Rejection};
use crate::places::model::{COLUMNS, Place};
use crate::text::cut;
use crate::validation::FieldError;

/// One row of the file: its number as a spreadsheet shows it (CSV: the
/// header is row 1) or its position in a JSON array (1 for the first item),
/// and the place it holds or why it was refused.
#[derive(Debug)]
pub struct FileRow {
    pub line: u64,
    pub parsed: Result<Place, Vec<Rejection>>,
}

/// Columns the schema requires: a file without them cannot hold valid rows.
const REQUIRED: [&str; 7] = [
    "id",
    "pivot",
    "nom",
    "commune",
    "code_postal",
    "adresse",
    "date_maj",
];

/// The rows of `input`, or why the whole file is refused (unreadable, a
/// header that is not the schema's, no JSON array).
pub fn rows<'a, R: Read + 'a>(
    input: R,
    format: Format,
) -> Result<Box<dyn Iterator<Item = Result<FileRow, FileError>> + 'a>, FileError> {
    match format {
        Format::Csv => csv_rows(input),
        Format::Json => json_rows(input),
    }
}

fn unreadable(err: std::io::Error) -> FileError {
    FileError::Unreadable(FieldError::new("", "import-file-interrupted").with_arg("detail", err))
}

/// Refuses a header that is not the schema's with one short message: the
/// first unknown column and the first missing one (a header of a file
/// from elsewhere may hold dozens of both).
fn check_header(header: &[String]) -> Result<(), FileError> {
    let unknown = header.iter().find(|h| !COLUMNS.contains(&h.as_str()));
    let missing = REQUIRED.iter().find(|r| !header.iter().any(|h| h == *r));
    match (unknown, missing) {
        (Some(unknown), Some(missing)) => {
            return Err(FileError::Header(
                FieldError::new("", "import-file-unknown-and-missing-column")
                    .with_arg("column", cut(unknown, 60))
                    .with_arg("missing", missing),
            ));
        }
        (Some(unknown), None) => {
            return Err(FileError::Header(
                FieldError::new("", "import-file-unknown-column")
                    .with_arg("column", cut(unknown, 60)),
            ));
        }
        (None, Some(missing)) => {
            return Err(FileError::Header(
                FieldError::new("", "import-file-missing-column").with_arg("column", missing),
            ));
        }
        (None, None) => {}
    }
    let mut seen = std::collections::HashSet::new();
    if let Some(twice) = header.iter().find(|h| !seen.insert(h.as_str())) {
        return Err(FileError::Header(
            FieldError::new("", "import-file-column-twice").with_arg("column", cut(twice, 60)),
        ));
    }
    Ok(())
}

/// A row's refusal that concerns no field: `key` explains it.
fn whole_row(line: u64, error: FieldError) -> FileRow {
    FileRow {
        line,
        parsed: Err(vec![Rejection { line, error }]),
    }
}

/// Parses the columns of one row, named by the schema.
fn parse_row(line: u64, get: &dyn Fn(&str) -> Option<String>) -> FileRow {
    let parsed = Place::parse(get).map_err(|errors| {
        errors
            .into_iter()
            .map(|error| Rejection { line, error })
            .collect()
    });
    FileRow { line, parsed }
}

fn too_long(line: u64) -> FileRow {
    whole_row(
        line,
        FieldError::new("", "import-row-too-long").with_arg("kib", MAX_RECORD_BYTES / 1024),
    )
}

fn csv_rows<'a, R: Read + 'a>(
    input: R,
) -> Result<Box<dyn Iterator<Item = Result<FileRow, FileError>> + 'a>, FileError> {
    let mut records = CsvRecords::new(input);
    let header = match records.next_record_or_give_up().map_err(unreadable)? {
        Some(Record::Fields(header)) => header
            .into_iter()
            .map(|h| h.trim().to_owned())
            .collect::<Vec<_>>(),
        Some(Record::TooLong) => {
            return Err(FileError::Header(
                FieldError::new("", "import-file-header-too-long")
                    .with_arg("kib", MAX_RECORD_BYTES / 1024),
            ));
        }
        None => {
            return Err(FileError::Unreadable(FieldError::new(
                "",
                "import-file-empty",
            )));
        }
    };
    check_header(&header)?;
    let positions: HashMap<String, usize> = header
        .iter()
        .enumerate()
        .map(|(i, name)| (name.clone(), i))
        .collect();
    let width = header.len();
    let mut line = 1;
    Ok(Box::new(std::iter::from_fn(move || {
        let record = match records.next_record() {
            Ok(record) => record?,
            Err(err) => return Some(Err(unreadable(err))),
        };
        line += 1;
        Some(Ok(match record {
            Record::TooLong => too_long(line),
            Record::Fields(fields) if fields.len() != width => whole_row(
                line,
                FieldError::new("", "import-row-width")
                    .with_arg("found", fields.len())
                    .with_arg("expected", width),
            ),
            Record::Fields(fields) => parse_row(line, &|column| {
                positions.get(column).map(|&i| fields[i].clone())
            }),
        }))
    })))
}

fn json_rows<'a, R: Read + 'a>(
    input: R,
) -> Result<Box<dyn Iterator<Item = Result<FileRow, FileError>> + 'a>, FileError> {
    let mut items = match JsonItems::open(BufReader::new(input)).map_err(unreadable)? {
        Ok(items) => items,
        Err(NotAnArray::Empty) => {
            return Err(FileError::Unreadable(FieldError::new(
                "",
                "import-file-empty",
            )));
        }
        Err(NotAnArray::StartsWith(_)) => {
            return Err(FileError::Header(FieldError::new(
                "",
                "import-file-not-an-array",
            )));
        }
    };
    let mut line = 0;
    Ok(Box::new(std::iter::from_fn(move || {
        let item = match items.next_item() {
            Ok(item) => item?,
            Err(err) => return Some(Err(unreadable(err))),
        };
        line += 1;
        Some(Ok(match item {
            Item::TooLong => too_long(line),
            Item::Truncated => whole_row(line, FieldError::new("", "import-item-truncated")),
            Item::Json(bytes) => json_row(line, &bytes),
        }))
    })))
}

/// One JSON item: an object with the schema's field names. Multi-valued
/// fields may be `|`-joined strings or arrays of strings.
fn json_row(line: u64, bytes: &[u8]) -> FileRow {
    let object = match serde_json::from_slice::<serde_json::Value>(bytes) {
        Ok(serde_json::Value::Object(object)) => object,
        Ok(_) => return whole_row(line, FieldError::new("", "import-item-not-object")),
        Err(err) => {
            return whole_row(
                line,
                FieldError::new("", "import-item-invalid-json").with_arg("detail", err),
            );
        }
    };
    if let Some(unknown) = object.keys().find(|k| !COLUMNS.contains(&k.as_str())) {
        return whole_row(
            line,
            FieldError::new("", "import-item-unknown-field").with_arg("name", cut(unknown, 60)),
        );
    }
    let text = |value: &serde_json::Value| match value {
        serde_json::Value::Null => String::new(),
        serde_json::Value::String(s) => s.clone(),
        serde_json::Value::Array(items) => items
            .iter()
            .map(|v| v.as_str().map_or_else(|| v.to_string(), str::to_owned))
            .collect::<Vec<_>>()
            .join("|"),
        other => other.to_string(),
    };
    parse_row(line, &|column| object.get(column).map(text))
}
