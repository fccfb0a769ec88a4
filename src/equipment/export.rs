//! CSV exports of the stock and of the movements, for a French spreadsheet
//! (UTF-8 with BOM, `;`, dates 03/12/2026, formulas defused), streamed in
//! batches of [`BATCH`] rows read by key: memory stays flat whatever the
//! stock's size.

use std::future::Future;

use axum::body::{Body, Bytes};
use axum::http::header;
use axum::response::{IntoResponse, Response};
use sea_orm::DbErr;

use super::lifecycle::State;
use super::model::{KINDS, Specs};
use super::store::{DeviceRecord, EventRecord};

/// Rows read per query.
pub const BATCH: u64 = 1_000;

pub const STOCK_HEADER: &[&str] = &[
    "Code",
    "Type",
    "Marque",
    "Modèle",
    "Numéro de série",
    "Année",
    "Caractéristiques",
    "Grade",
    "État",
    "Depuis le",
    "Système",
    "Logiciel libre",
    "Certificat",
    "Notes",
];

pub const MOVEMENTS_HEADER: &[&str] = &["Date", "Appareil", "De", "Vers", "Détails"];

fn paris_day(at: chrono::DateTime<chrono::Utc>) -> String {
    at.with_timezone(&chrono_tz::Europe::Paris)
        .format("%d/%m/%Y")
        .to_string()
}

fn state_label(code: &str) -> String {
    State::parse(code).map_or(code.to_owned(), |s| s.label().to_owned())
}

/// One line of the stock.
pub fn stock_row(d: &DeviceRecord) -> Vec<String> {
    vec![
        d.code.clone(),
        KINDS.label(&d.kind).to_owned(),
        d.brand.clone(),
        d.model.clone(),
        d.serial.clone(),
        d.year.map(|y| y.to_string()).unwrap_or_default(),
        Specs::from_json(&d.specs).summary(),
        d.grade.clone().unwrap_or_default(),
        state_label(&d.state),
        paris_day(d.state_at),
        d.os.clone().unwrap_or_default(),
        match d.free_os {
            Some(true) => "oui".to_owned(),
            Some(false) => "non".to_owned(),
            None => String::new(),
        },
        d.certificate_code.clone().unwrap_or_default(),
        d.notes.clone(),
    ]
}

/// One line of the movements; `code` is the device's inventory code.
pub fn movement_row(e: &EventRecord, code: &str) -> Vec<String> {
    vec![
        paris_day(e.at),
        code.to_owned(),
        e.from_state.as_deref().map(state_label).unwrap_or_default(),
        state_label(&e.to_state),
        e.details.clone(),
    ]
}

/// Rows as CSV bytes, cells defused.
pub fn csv_of(rows: impl IntoIterator<Item = Vec<String>>) -> Result<Vec<u8>, csv::Error> {
    let mut writer = csv::WriterBuilder::new()
        .delimiter(b';')
        .flexible(true)
        .from_writer(Vec::new());
    for row in rows {
        writer.write_record(
            row.iter()
                .map(|cell| crate::text::defused_for_spreadsheet(cell).into_owned()),
        )?;
    }
    writer
        .into_inner()
        .map_err(|e| csv::Error::from(e.into_error()))
}

/// A streamed CSV download named `file`: the BOM and `header`, then each
/// batch `next(after)` gives (rows, the key to read after; `None` at the end).
pub fn streamed<F, Fut>(file: &str, header: &[&str], mut next: F) -> Result<Response, csv::Error>
where
    F: FnMut(Option<String>) -> Fut + Send + 'static,
    Fut: Future<Output = Result<(Vec<Vec<String>>, Option<String>), DbErr>> + Send,
{
    let (sender, mut receiver) = tokio::sync::mpsc::channel::<Result<Bytes, std::io::Error>>(4);
    let mut head = "\u{feff}".as_bytes().to_vec();
    head.extend(csv_of([header.iter().map(|h| (*h).to_owned()).collect()])?);
    tokio::spawn(async move {
        if sender.send(Ok(Bytes::from(head))).await.is_err() {
            return;
        }
        let mut after = None;
        loop {
            let (rows, last) = match next(after).await {
                Ok(batch) => batch,
                Err(err) => {
                    tracing::error!(error = %err, "export CSV du matériel interrompu");
                    let _ = sender.send(Err(std::io::Error::other("database"))).await;
                    return;
                }
            };
            match csv_of(rows) {
                Ok(bytes) => {
                    // A closed connection stops the reading.
                    if sender.send(Ok(Bytes::from(bytes))).await.is_err() {
                        return;
                    }
                }
                Err(err) => {
                    tracing::error!(error = %err, "export CSV du matériel");
                    return;
                }
            }
            match last {
                Some(key) => after = Some(key),
                None => return,
            }
        }
    });
    let stream = futures_util::stream::poll_fn(move |cx| receiver.poll_recv(cx));
    Ok((
        [
            (header::CONTENT_TYPE, "text/csv; charset=utf-8".to_owned()),
            (
                header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"{file}\""),
            ),
        ],
        Body::from_stream(stream),
    )
        .into_response())
}
