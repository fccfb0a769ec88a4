//! Writing places in the national schema: CSV (the schema's header and
//! column order) and JSON (an array of objects with the same names).

use std::io::Write;

use serde_json::{Map, Value};

use super::field::Field;
use super::model::{COLUMNS, Place, Value as FieldValue};

/// Writes `places` as CSV. Text stored before formulas were refused is
/// defused (see [`crate::text::defused_for_spreadsheet`]): people open this
/// file in a spreadsheet too. Values the schema constrains (a phone's `+`,
/// a negative longitude) never need it and are written as they are.
pub fn write_csv<'a>(
    output: impl Write,
    places: impl IntoIterator<Item = &'a Place>,
) -> Result<(), csv::Error> {
    let mut writer = csv::Writer::from_writer(output);
    writer.write_record(COLUMNS)?;
    for place in places {
        writer.write_record(Field::ALL.map(|field| {
            let value = place.column(field);
            if field.is_free_text() && crate::text::starts_like_formula(&value) {
                format!("'{value}")
            } else {
                value
            }
        }))?;
    }
    writer.flush()?;
    Ok(())
}

/// One place as a JSON object: strings as in the CSV, coordinates as numbers,
/// missing values omitted.
pub fn to_json(place: &Place) -> Value {
    let mut object = Map::new();
    for field in Field::ALL {
        let value = match place.value(field) {
            FieldValue::Number(number) => number
                .and_then(serde_json::Number::from_f64)
                .map(Value::Number),
            other => Some(other.to_text())
                .filter(|v| !v.is_empty())
                .map(Value::String),
        };
        if let Some(value) = value {
            object.insert(field.name().to_owned(), value);
        }
    }
    Value::Object(object)
}

/// Writes `places` as a JSON array.
pub fn write_json<'a>(
    mut output: impl Write,
    places: impl IntoIterator<Item = &'a Place>,
) -> std::io::Result<()> {
    let array: Vec<Value> = places.into_iter().map(to_json).collect();
    serde_json::to_writer_pretty(&mut output, &array)?;
    output.write_all(b"\n")
}
