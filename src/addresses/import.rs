//! Reading a department's file of the national address base (BAN,
//! `adresses-49.csv.gz` from adresse.data.gouv.fr: `;`-separated, UTF-8,
//! gzip-compressed or not) into the `addresses` table. The file is read as
//! a stream on a blocking thread and written in batches in one
//! transaction: memory stays bounded whatever the department's size.

use std::io::{BufRead, BufReader, Read};

use flate2::read::MultiGzDecoder;
use sea_orm::{DatabaseConnection, DbErr, TransactionTrait};
use tokio::sync::mpsc;

use super::store::{self, Address};
use super::typed::street_key;

/// The BAN's columns Maille reads.
const COLUMNS: [&str; 9] = [
    "id",
    "numero",
    "rep",
    "nom_voie",
    "code_postal",
    "code_insee",
    "nom_commune",
    "lon",
    "lat",
];

/// Rows written per statement (11 values each, under every database's
/// limit on parameters).
const BATCH: usize = 500;

/// Refused rows listed in the report; the others are counted.
const LISTED: usize = 20;

/// What an import did.
#[derive(Debug, Default, PartialEq)]
pub struct Report {
    pub imported: u64,
    pub refused: u64,
    /// The first refused rows: line and why.
    pub refusals: Vec<(u64, String)>,
}

/// Why a whole file was refused.
#[derive(Debug, thiserror::Error)]
pub enum ImportError {
    #[error("{0}")]
    File(String),
    #[error("base de données : {0}")]
    Database(#[from] DbErr),
}

/// Reads `input` (gzip-compressed or not) into the table.
pub async fn run(
    db: &DatabaseConnection,
    input: impl Read + Send + 'static,
) -> Result<Report, ImportError> {
    let (sender, mut batches) = mpsc::channel::<Result<Vec<Address>, String>>(2);
    let reader = tokio::task::spawn_blocking(move || read(input, &sender));
    let transaction = db.begin().await?;
    while let Some(batch) = batches.recv().await {
        match batch {
            Ok(batch) => store::upsert(&transaction, batch).await?,
            Err(message) => return Err(ImportError::File(message)),
        }
    }
    let report = reader
        .await
        .map_err(|e| ImportError::File(e.to_string()))?
        .map_err(ImportError::File)?;
    transaction.commit().await?;
    Ok(report)
}

/// Reads every row, sending batches of valid addresses; returns the counts.
fn read(
    input: impl Read,
    batches: &mpsc::Sender<Result<Vec<Address>, String>>,
) -> Result<Report, String> {
    let mut buffered = BufReader::new(input);
    let gzip = buffered
        .fill_buf()
        .map_err(|e| format!("fichier illisible : {e}"))?
        .starts_with(&[0x1f, 0x8b]);
    let input: Box<dyn Read> = if gzip {
        Box::new(MultiGzDecoder::new(buffered))
    } else {
        Box::new(buffered)
    };
    let mut csv = csv::ReaderBuilder::new()
        .delimiter(b';')
        .flexible(true)
        .from_reader(input);
    let header = csv
        .headers()
        .map_err(|e| format!("en-tête illisible : {e}"))?
        .clone();
    let positions: Vec<Option<usize>> = COLUMNS
        .iter()
        .map(|name| {
            header
                .iter()
                .position(|h| h.trim_start_matches('\u{feff}') == *name)
        })
        .collect();
    let missing: Vec<&str> = COLUMNS
        .iter()
        .zip(&positions)
        .filter(|(_, p)| p.is_none())
        .map(|(name, _)| *name)
        .collect();
    if !missing.is_empty() {
        return Err(format!(
            "ce fichier n’est pas au format de la Base Adresse Nationale (séparé par des points-virgules) : il y manque les colonnes {}",
            missing.join(", ")
        ));
    }
    let positions: Vec<usize> = positions.into_iter().flatten().collect();
    let mut report = Report::default();
    let mut batch = Vec::with_capacity(BATCH);
    let mut record = csv::StringRecord::new();
    let mut line = 1;
    loop {
        line += 1;
        match csv.read_record(&mut record) {
            Ok(false) => break,
            Ok(true) => {
                let get = |i: usize| record.get(positions[i]).unwrap_or_default().trim();
                match address_of(&get) {
                    Ok(address) => {
                        report.imported += 1;
                        batch.push(address);
                    }
                    Err(why) => refuse(&mut report, line, why),
                }
            }
            Err(e) => refuse(&mut report, line, format!("ligne illisible : {e}")),
        }
        if batch.len() == BATCH
            && batches
                .blocking_send(Ok(std::mem::replace(&mut batch, Vec::with_capacity(BATCH))))
                .is_err()
        {
            // The writer stopped (a database error): it reports why.
            return Ok(report);
        }
    }
    let _ = batches.blocking_send(Ok(batch));
    Ok(report)
}

fn refuse(report: &mut Report, line: u64, why: String) {
    report.refused += 1;
    if report.refusals.len() < LISTED {
        report.refusals.push((line, why));
    }
}

/// One row, checked.
fn address_of<'a>(get: &dyn Fn(usize) -> &'a str) -> Result<Address, String> {
    let number = |i: usize, name: &str, range: f64| {
        get(i)
            .replace(',', ".")
            .parse::<f64>()
            .ok()
            .filter(|v| v.is_finite() && v.abs() <= range)
            .ok_or_else(|| format!("{name} illisible : « {} »", crate::text::cut(get(i), 40)))
    };
    let numero = get(1)
        .parse::<i32>()
        .ok()
        .filter(|n| (0..100_000).contains(n))
        .ok_or_else(|| format!("numéro illisible : « {} »", crate::text::cut(get(1), 40)))?;
    let (id, nom_voie, code_insee) = (get(0), get(3), get(5));
    if id.is_empty() || nom_voie.is_empty() || code_insee.len() != 5 {
        return Err("identifiant, voie ou code INSEE manquant".into());
    }
    Ok(Address {
        id: crate::text::cut(id, 60),
        code_insee: code_insee.to_owned(),
        street_key: street_key(nom_voie),
        numero,
        suffixe: crate::text::search_key(get(2)),
        nom_voie: crate::text::cut(nom_voie, 200),
        code_postal: crate::text::cut(get(4), 5),
        nom_commune: crate::text::cut(get(6), 100),
        longitude: number(7, "longitude", 180.0)?,
        latitude: number(8, "latitude", 90.0)?,
    })
}
