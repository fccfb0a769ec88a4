//! Reading places from a file in the national schema (CSV or JSON).
//!
//! Valid rows are kept and invalid ones explained one by one (line, field,
//! value, French message); a file that cannot be read at all, or whose
//! header is not the schema's, is refused as a whole with one clear line.

use std::collections::HashMap;
use std::io::Read;

use serde::Serialize;

use super::model::{COLUMNS, Place};

/// A row that was not imported, and why.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Rejection {
    /// The row as a spreadsheet numbers it (CSV: the header is row 1), or the
    /// position in a JSON array (1 for the first object).
    pub line: u64,
    pub field: String,
    pub value: String,
    pub message: String,
}

/// What a file held.
#[derive(Debug, Default)]
pub struct Parsed {
    /// Valid places, with the line each came from.
    pub places: Vec<(u64, Place)>,
    pub rejected: Vec<Rejection>,
}

/// Why a whole file was refused.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum FileError {
    #[error("fichier illisible : {0}")]
    Unreadable(String),
    #[error("en-tête non conforme au schéma national : {0}")]
    Header(String),
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

fn check_header(header: &[String]) -> Result<(), FileError> {
    if let Some(unknown) = header.iter().find(|h| !COLUMNS.contains(&h.as_str())) {
        return Err(FileError::Header(format!(
            "la colonne « {unknown} » n’existe pas dans le schéma (attendu : {})",
            COLUMNS.join(",")
        )));
    }
    if let Some(missing) = REQUIRED.iter().find(|r| !header.iter().any(|h| h == *r)) {
        return Err(FileError::Header(format!(
            "la colonne obligatoire « {missing} » manque"
        )));
    }
    let mut seen = std::collections::HashSet::new();
    if let Some(twice) = header.iter().find(|h| !seen.insert(h.as_str())) {
        return Err(FileError::Header(format!(
            "la colonne « {twice} » apparaît deux fois"
        )));
    }
    Ok(())
}

/// Parses every row, keeping the valid ones and explaining the others. A
/// second row with an id already seen in the file is refused (the schema's
/// `id` is unique).
fn collect(rows: impl Iterator<Item = (u64, Result<HashMap<String, String>, String>)>) -> Parsed {
    let mut parsed = Parsed::default();
    let mut seen: HashMap<String, u64> = HashMap::new();
    for (line, row) in rows {
        let row = match row {
            Ok(row) => row,
            Err(problem) => {
                parsed.rejected.push(Rejection {
                    line,
                    field: String::new(),
                    value: String::new(),
                    message: problem,
                });
                continue;
            }
        };
        match Place::parse(&|c: &str| row.get(c).cloned()) {
            Ok(place) => {
                if let Some(first) = seen.get(&place.id) {
                    parsed.rejected.push(Rejection {
                        line,
                        field: "id".into(),
                        value: place.id.clone(),
                        message: format!("Cet identifiant figure déjà ligne {first} : chaque lieu doit avoir un id unique."),
                    });
                    continue;
                }
                seen.insert(place.id.clone(), line);
                parsed.places.push((line, place));
            }
            Err(errors) => parsed
                .rejected
                .extend(errors.into_iter().map(|e| Rejection {
                    line,
                    field: e.field.to_owned(),
                    message: e.message(),
                    value: e.value,
                })),
        }
    }
    parsed
}

/// Reads a CSV file (comma-separated, UTF-8, header on the first line).
pub fn read_csv(input: impl Read) -> Result<Parsed, FileError> {
    let mut reader = csv::ReaderBuilder::new().flexible(true).from_reader(input);
    let header: Vec<String> = reader
        .headers()
        .map_err(|e| FileError::Unreadable(e.to_string()))?
        .iter()
        .map(|h| h.trim_start_matches('\u{feff}').trim().to_owned())
        .collect();
    check_header(&header)?;
    let width = header.len();
    let rows = reader.into_records().enumerate().map(move |(i, record)| {
        // Rows numbered as a spreadsheet shows them (the header is row 1), not
        // physical lines: a quoted cell may hold line breaks.
        let line = i as u64 + 2;
        let row = match record {
            Ok(record) if record.len() != width => Err(format!(
                "Cette ligne a {} colonnes au lieu de {width} : vérifiez les séparateurs et les guillemets.",
                record.len()
            )),
            Ok(record) => Ok(header.iter().cloned().zip(record.iter().map(str::to_owned)).collect()),
            Err(e) => Err(format!("Ligne illisible : {e}")),
        };
        (line, row)
    });
    Ok(collect(rows))
}

/// Reads a JSON file: an array of objects with the schema's field names.
/// Multi-valued fields may be `|`-joined strings or arrays of strings.
pub fn read_json(input: impl Read) -> Result<Parsed, FileError> {
    let value: serde_json::Value = serde_json::from_reader(input)
        .map_err(|e| FileError::Unreadable(format!("JSON invalide : {e}")))?;
    let items = value.as_array().ok_or_else(|| {
        FileError::Header("le fichier doit contenir un tableau d’objets « lieux »".into())
    })?;
    let rows = items.iter().enumerate().map(|(i, item)| {
        let line = i as u64 + 1;
        let Some(object) = item.as_object() else {
            return (line, Err("Cet élément n’est pas un objet.".to_owned()));
        };
        if let Some(unknown) = object.keys().find(|k| !COLUMNS.contains(&k.as_str())) {
            return (
                line,
                Err(format!(
                    "Le champ « {unknown} » n’existe pas dans le schéma national."
                )),
            );
        }
        let row = object
            .iter()
            .map(|(key, value)| {
                let text = match value {
                    serde_json::Value::Null => String::new(),
                    serde_json::Value::String(s) => s.clone(),
                    serde_json::Value::Array(items) => items
                        .iter()
                        .map(|v| v.as_str().map_or_else(|| v.to_string(), str::to_owned))
                        .collect::<Vec<_>>()
                        .join("|"),
                    other => other.to_string(),
                };
                (key.clone(), text)
            })
            .collect();
        (line, Ok(row))
    });
    Ok(collect(rows))
}

/// The outcome of an import, as `--json` prints it.
#[derive(Debug, Default, Serialize, PartialEq, Eq)]
pub struct ImportReport {
    /// New places.
    pub imported: usize,
    /// Places already known by their id, replaced.
    pub updated: usize,
    pub rejected: Vec<Rejection>,
}

/// Stores the valid places of `parsed` (unless `dry_run`) and reports.
pub async fn apply<C>(db: &C, parsed: Parsed, dry_run: bool) -> Result<ImportReport, sea_orm::DbErr>
where
    C: sea_orm::ConnectionTrait + sea_orm::TransactionTrait,
{
    let known = super::store::ids(db).await?;
    let updated = parsed
        .places
        .iter()
        .filter(|(_, p)| known.contains(&p.id))
        .count();
    let report = ImportReport {
        imported: parsed.places.len() - updated,
        updated,
        rejected: parsed.rejected,
    };
    if !dry_run {
        let places: Vec<_> = parsed
            .places
            .into_iter()
            .map(|(_, place)| super::store::StoredPlace::located(place))
            .collect();
        super::store::upsert_all(db, &places).await?;
    }
    Ok(report)
}
