//! Data handed out: a structure's activities as a French spreadsheet
//! (UTF-8 with BOM, `;`, dates as 20/11/2026, decimal commas), streamed a
//! batch at a time so memory stays flat whatever the period.

use axum::body::{Body, Bytes};
use axum::extract::State;
use axum::http::header;
use axum::response::{IntoResponse, Response};

use super::activities::{ListQuery, require_own};
use crate::app::AppState;
use crate::error::AppError;
use crate::mediation::store::{self, ActivityRecord};
use crate::mediation::vocabulary::{
    AUTONOMY, KINDS, LEVELS, MATERIALS, ORIENTATIONS, OUTCOMES, PLACE_KINDS, THEMES,
};
use crate::text::defused_for_spreadsheet as cell;
use crate::web::{CurrentUser, Query};

/// Rows read from the database per batch.
const BATCH: u64 = 500;

/// The header row of the spreadsheet.
pub const HEADER: [&str; 19] = [
    "Identifiant",
    "Date",
    "Type",
    "Durée (min)",
    "Durée (h)",
    "Lieu",
    "Commune",
    "Thèmes",
    "Précisions démarche",
    "Issue de la démarche",
    "Matériel",
    "Autonomie",
    "Orientation",
    "Titre de l’atelier",
    "Niveau",
    "Participants",
    "Personne (code)",
    "Saisie par",
    "Notes",
];

/// Hours with a decimal comma, as a French spreadsheet reads them: 1,5.
pub fn french_hours(minutes: u32) -> String {
    format!("{:.2}", f64::from(minutes) / 60.0)
        .trim_end_matches('0')
        .trim_end_matches('.')
        .replace('.', ",")
}

/// Names the rows use: places by id, people by id (their short code),
/// accounts by id.
#[derive(Default)]
pub struct Names {
    pub places: Vec<(String, String)>,
    pub codes: Vec<(String, String)>,
    pub accounts: Vec<(String, String)>,
}

fn lookup<'a>(pairs: &'a [(String, String)], id: &str) -> &'a str {
    pairs
        .iter()
        .find(|(k, _)| k == id)
        .map_or("", |(_, v)| v.as_str())
}

/// One activity as a spreadsheet row.
pub fn row(record: &ActivityRecord, names: &Names) -> Vec<String> {
    let a = &record.activity;
    let labels = |list: crate::mediation::vocabulary::List, codes: &[&str]| {
        codes
            .iter()
            .map(|c| list.label(c))
            .collect::<Vec<_>>()
            .join(", ")
    };
    let place = match &a.place_id {
        Some(id) => lookup(&names.places, id).to_owned(),
        None => PLACE_KINDS.label(a.place_kind).to_owned(),
    };
    vec![
        record.id.clone(),
        a.date.format("%d/%m/%Y").to_string(),
        KINDS.label(a.kind).to_owned(),
        a.duration_min.to_string(),
        french_hours(a.duration_min),
        cell(&place).into_owned(),
        cell(&a.commune).into_owned(),
        labels(THEMES, &a.themes),
        cell(&a.admin_detail).into_owned(),
        a.admin_outcome
            .map(|c| OUTCOMES.label(c).to_owned())
            .unwrap_or_default(),
        labels(MATERIALS, &a.materials),
        a.autonomy
            .map(|c| AUTONOMY.label(c).to_owned())
            .unwrap_or_default(),
        a.orientation
            .map(|c| ORIENTATIONS.label(c).to_owned())
            .unwrap_or_default(),
        cell(&a.title).into_owned(),
        a.level
            .map(|c| LEVELS.label(c).to_owned())
            .unwrap_or_default(),
        a.participants.to_string(),
        a.beneficiary_id
            .as_deref()
            .map(|id| lookup(&names.codes, id).to_owned())
            .unwrap_or_default(),
        lookup(&names.accounts, &record.mediator_id).to_owned(),
        cell(&a.notes).into_owned(),
    ]
}

/// Rows as `;`-separated CSV text.
fn csv_of(rows: impl IntoIterator<Item = Vec<String>>) -> Result<Vec<u8>, csv::Error> {
    let mut writer = csv::WriterBuilder::new()
        .delimiter(b';')
        .from_writer(Vec::new());
    for row in rows {
        writer.write_record(row)?;
    }
    writer
        .into_inner()
        .map_err(|e| csv::Error::from(e.into_error()))
}

/// `/espace/activites/export.csv?…`: the list's activities, same filters.
pub async fn activities_csv(
    State(state): State<AppState>,
    current: CurrentUser,
    Query(query): Query<ListQuery>,
) -> Result<Response, AppError> {
    require_own(&current)?;
    let own = current.user.organization_id.clone();
    let (filter, _) = query.filter();
    let names = Names {
        places: crate::places::store::of_organization(&state.db, &own)
            .await?
            .into_iter()
            .map(|p| (p.place.id, p.place.nom))
            .collect(),
        codes: crate::mediation::people_store::of_structure(&state.db, &own)
            .await?
            .into_iter()
            .map(|p| (p.id, p.code))
            .collect(),
        accounts: crate::accounts::store::list(&state.db, Some(&own))
            .await?
            .into_iter()
            .map(|u| (u.id.as_str().to_owned(), u.display_name))
            .collect(),
    };
    let (sender, receiver) = tokio::sync::mpsc::channel::<Result<Bytes, std::io::Error>>(4);
    let mut head = "\u{feff}".as_bytes().to_vec();
    head.extend(csv_of([HEADER.iter().map(|h| (*h).to_owned()).collect()])?);
    let db = state.db.clone();
    tokio::spawn(async move {
        if sender.send(Ok(Bytes::from(head))).await.is_err() {
            return;
        }
        let mut last: Option<ActivityRecord> = None;
        loop {
            let records = match store::batch_after(&db, &own, &filter, last.as_ref(), BATCH).await {
                Ok(records) => records,
                Err(err) => {
                    tracing::error!(error = %err, "export CSV des activités interrompu");
                    let _ = sender.send(Err(std::io::Error::other("database"))).await;
                    return;
                }
            };
            let done = (records.len() as u64) < BATCH;
            match csv_of(records.iter().map(|r| row(r, &names))) {
                // A closed connection stops the reading.
                Ok(bytes) => {
                    if sender.send(Ok(Bytes::from(bytes))).await.is_err() {
                        return;
                    }
                }
                Err(err) => {
                    tracing::error!(error = %err, "export CSV des activités");
                    return;
                }
            }
            last = records.into_iter().last();
            if done || last.is_none() {
                return;
            }
        }
    });
    let stream = tokio_stream_of(receiver);
    Ok((
        [
            (header::CONTENT_TYPE, "text/csv; charset=utf-8"),
            (
                header::CONTENT_DISPOSITION,
                "attachment; filename=\"activites.csv\"",
            ),
        ],
        Body::from_stream(stream),
    )
        .into_response())
}

fn tokio_stream_of(
    mut receiver: tokio::sync::mpsc::Receiver<Result<Bytes, std::io::Error>>,
) -> impl futures_util::Stream<Item = Result<Bytes, std::io::Error>> {
    futures_util::stream::poll_fn(move |cx| receiver.poll_recv(cx))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hours_have_a_decimal_comma() {
        assert_eq!(french_hours(90), "1,5");
        assert_eq!(french_hours(60), "1");
        assert_eq!(french_hours(20), "0,33");
    }
}
