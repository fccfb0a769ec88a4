//! Importing places from a file in the national schema (CSV or JSON), for
//! the staff import page and `maille places import` alike.
//!
//! Valid rows are kept and invalid ones explained (line, field, value,
//! French message); a file that cannot be read at all, or whose header is
//! not the schema's, is refused as a whole with one clear line. Any file, of
//! any size, is read as a stream in bounded memory: rows are parsed on a
//! blocking thread ([`rows`]) and written a batch at a time ([`write`]),
//! and the report keeps counts, not every refusal ([`report`]).

mod csv_records;
mod json_items;
pub mod report;
mod rows;
mod write;

use std::io::Read;

use sea_orm::{DatabaseConnection, DbErr};
use serde::Serialize;

use super::model::Place;
use super::store::{PreparedPlace, StoredPlace};
use crate::journal::{self, Actor};
use crate::validation::FieldError;
pub use report::{ImportReport, Reason};
pub use rows::{FileRow, rows};
use write::{OwnedRefusals, Writer};

/// Rows parsed ahead of the database and written together.
const BATCH_ROWS: usize = 500;

/// The two formats of the national schema.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    Csv,
    Json,
}

impl Format {
    /// The format of a file named `name` starting with `first_bytes`:
    /// JSON by its extension or its opening `[`, CSV otherwise.
    pub fn guess(name: &str, first_bytes: &[u8]) -> Self {
        let opening = first_bytes
            .iter()
            .copied()
            .find(|b| !b.is_ascii_whitespace() && !matches!(b, 0xef | 0xbb | 0xbf));
        if name.to_lowercase().ends_with(".json") || opening == Some(b'[') {
            Self::Json
        } else {
            Self::Csv
        }
    }
}

/// A row that was not imported, and why.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Rejection {
    /// The row as a spreadsheet numbers it (CSV: the header is row 1), or the
    /// position in a JSON array (1 for the first object).
    pub line: u64,
    /// The field refused (named `""` when the whole row is), written as
    /// `field`, `value`, `message` beside `line`.
    #[serde(flatten)]
    pub error: FieldError,
}

/// Why a whole file was refused (its words from the catalogue, `import-file-*`).
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum FileError {
    /// The bytes cannot be read as a file of places.
    #[error("{}", .0.message())]
    Unreadable(FieldError),
    /// The header (or the JSON's shape) is not the national schema's.
    #[error("{}", .0.message())]
    Header(FieldError),
}

/// Why an import did not happen.
#[derive(Debug, thiserror::Error)]
pub enum ImportError {
    #[error(transparent)]
    File(#[from] FileError),
    #[error("base de données : {0}")]
    Database(#[from] DbErr),
}

/// Who imports, for the journal.
pub struct Importer<'a> {
    pub actor: Actor<'a>,
    /// The file's name as the person gave it.
    pub file_name: &'a str,
}

/// Imports the file `input` (unless `dry_run`, which reports the same and
/// writes nothing): its valid rows become places, national data updates
/// places by id, and places a structure runs are left alone. Journals the
/// import and the refusals on structures' places.
pub async fn run(
    db: &DatabaseConnection,
    input: impl Read + Send + 'static,
    format: Format,
    dry_run: bool,
    importer: Importer<'_>,
) -> Result<ImportReport, ImportError> {
    let _bulk = crate::allocator::bulk_work();
    let (batches, mut received) = tokio::sync::mpsc::channel::<Result<Batch, FileError>>(2);
    let reading = tokio::task::spawn_blocking(move || read_batches(input, format, &batches));
    let mut report = report::ReportBuilder::default();
    let mut writer: Option<Writer> = None;
    while let Some(batch) = received.recv().await {
        let batch = batch?;
        let writer = match &mut writer {
            Some(writer) => writer,
            None => writer.insert(Writer::begin(db).await?),
        };
        writer.write(batch, &mut report).await?;
    }
    reading
        .await
        .map_err(|e| DbErr::Custom(format!("lecture du fichier interrompue : {e}")))?;
    let refused_owned = match writer {
        Some(writer) => writer.finish(dry_run).await?,
        None => OwnedRefusals::default(),
    };
    let report = report.finish();
    if !dry_run {
        journal_import(db, &importer, &report, &refused_owned).await?;
    }
    Ok(report)
}

/// A valid row: its line, its place, the place's values ready to write,
/// and what to review once it is imported.
pub(crate) struct ValidRow {
    pub line: u64,
    pub stored: StoredPlace,
    pub prepared: PreparedPlace,
    pub review: Option<FieldError>,
}

/// Rows as read from the file, in its order: valid, or why refused.
type Batch = Vec<Result<ValidRow, Vec<Rejection>>>;

/// Reads the file on a blocking thread, sending batches as they fill; the
/// channel holds two, so reading never runs far ahead of writing.
fn read_batches(
    input: impl Read,
    format: Format,
    batches: &tokio::sync::mpsc::Sender<Result<Batch, FileError>>,
) {
    let rows = match rows(input, format) {
        Ok(rows) => rows,
        Err(err) => {
            let _ = batches.blocking_send(Err(err));
            return;
        }
    };
    let now = crate::db::now();
    let mut batch = Batch::with_capacity(BATCH_ROWS);
    for row in rows {
        match row {
            Err(err) => {
                let _ = batches.blocking_send(Err(err));
                return;
            }
            Ok(row) => batch.push(row.parsed.map(|place| {
                let stored = StoredPlace::located(place);
                let prepared = PreparedPlace::new(&stored, now);
                let review = stored.position_to_review("import-far-from-commune");
                ValidRow {
                    line: row.line,
                    stored,
                    prepared,
                    review,
                }
            })),
        }
        if batch.len() >= BATCH_ROWS
            && batches
                .blocking_send(Ok(std::mem::replace(
                    &mut batch,
                    Batch::with_capacity(BATCH_ROWS),
                )))
                .is_err()
        {
            return;
        }
    }
    let _ = batches.blocking_send(Ok(batch));
}

async fn journal_import(
    db: &DatabaseConnection,
    importer: &Importer<'_>,
    report: &ImportReport,
    refused_owned: &OwnedRefusals,
) -> Result<(), DbErr> {
    let detail = format!(
        "{} ajoutés, {} mis à jour, {} lignes refusées",
        report.imported, report.updated, report.refused_rows
    );
    journal::places_imported(db, importer.actor, importer.file_name, detail).await?;
    for (owner, (name, ids)) in &refused_owned.0 {
        journal::place_import_refused(
            db,
            importer.actor,
            owner,
            name,
            importer.file_name,
            OwnedRefusals::describe(ids),
        )
        .await?;
    }
    Ok(())
}

/// Checks that `input` can be read and starts as the schema's files do
/// (its header, or a JSON array), reading no further.
pub fn check_header(input: impl Read, format: Format) -> Result<(), FileError> {
    rows(input, format).map(drop)
}

/// What a file held, all of it: for files already in memory (tests, small
/// tools). Imports go through [`run`], which reads any file as a stream.
#[derive(Debug, Default)]
pub struct Parsed {
    /// Valid places, with the line each came from.
    pub places: Vec<(u64, Place)>,
    pub rejected: Vec<Rejection>,
}

/// Reads every row of `input`.
pub fn parse_all(input: &[u8], format: Format) -> Result<Parsed, FileError> {
    let mut parsed = Parsed::default();
    for row in rows(input, format)? {
        let row = row?;
        match row.parsed {
            Ok(place) => parsed.places.push((row.line, place)),
            Err(rejections) => parsed.rejected.extend(rejections),
        }
    }
    Ok(parsed)
}

#[cfg(test)]
mod props;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_format_is_told_by_name_or_by_the_opening_bracket() {
        assert_eq!(Format::guess("lieux.JSON", b"id,nom"), Format::Json);
        assert_eq!(Format::guess("export", b"\xef\xbb\xbf  [{"), Format::Json);
        assert_eq!(Format::guess("lieux.csv", b"id,nom"), Format::Csv);
    }
}
