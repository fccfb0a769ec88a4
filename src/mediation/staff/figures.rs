//! `/espace/chiffres`: a structure's figures, or for a coordinator those of
//! every structure below their organisation with counts under 5 hidden —
//! never a name, a code, a note or a free text. Charts drawn by Maille,
//! the same figures as tables, and as CSV.

use askama::Template;
use axum::Router;
use axum::extract::State;
use axum::http::header;
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use chrono::{Datelike, NaiveDate};

use super::chart::{self, Bar};
use super::export::french_hours;
use crate::accounts::User;
use crate::app::AppState;
use crate::authz::{Action, allows};
use crate::error::AppError;
use crate::mediation::figures::{self, Count, DIMENSIONS, FigureRow, Figures, Scope};
use crate::mediation::today;
use crate::mediation::vocabulary::{
    AGE_BANDS, AUTONOMY, GENDERS, KINDS, MATERIALS, ORIENTATIONS, PLACE_KINDS, SOCIAL_STATUSES,
    THEMES,
};
use crate::organizations::OrganizationId;
use crate::validation::{FieldError, FormErrors};
use crate::web::{Chrome, CurrentUser, Query, render};

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/espace/chiffres", get(page))
        .route("/espace/chiffres.csv", get(csv))
}

/// The structures whose figures `user` sees, and whether from outside.
pub async fn scope_of(
    state: &AppState,
    user: &User,
) -> Result<Option<(Vec<OrganizationId>, bool)>, sea_orm::DbErr> {
    if allows(user, &Action::ReadPersonalDataOf(&user.organization_id)) {
        return Ok(Some((vec![user.organization_id.clone()], false)));
    }
    if allows(user, &Action::ReadAggregates) {
        let tree = crate::organizations::store::tree(&state.db).await?;
        let structures = tree
            .structures_within(&user.organization_id)
            .into_iter()
            .map(|o| o.id.clone())
            .collect();
        return Ok(Some((structures, true)));
    }
    Ok(None)
}

/// The period: `du`…`au`, by default the last twelve months.
#[derive(serde::Deserialize, Default)]
pub struct Period {
    #[serde(default)]
    pub du: String,
    #[serde(default)]
    pub au: String,
}

impl Period {
    pub fn read(&self) -> (NaiveDate, NaiveDate, FormErrors) {
        let today = today();
        let year_ago = NaiveDate::from_ymd_opt(today.year() - 1, today.month(), 1)
            .and_then(|d| d.checked_add_months(chrono::Months::new(1)))
            .unwrap_or(today);
        let mut errors = FormErrors::default();
        let mut date = |field: &'static str, raw: &str, default: NaiveDate| match raw.trim() {
            "" => default,
            raw => errors
                .take(
                    crate::text::typed_date(raw)
                        .ok_or_else(|| FieldError::new(field, "activity-date").with_value(raw)),
                )
                .unwrap_or(default),
        };
        let from = date("du", &self.du, year_ago);
        let to = date("au", &self.au, today);
        let (from, to) = if from <= to { (from, to) } else { (to, from) };
        (from, to, errors)
    }
}

/// A dimension's name as a heading.
fn heading(dimension: &str) -> &'static str {
    match dimension {
        "type" => "Par type",
        "theme" => "Par thème",
        "duration" => "Par durée",
        "place" => "Par lieu",
        "age_bands" => "Par tranche d’âge (personnes)",
        "social_statuses" => "Par statut (personnes)",
        "genders" => "Par genre (personnes)",
        "orientation" => "Orientations, par type de structure",
        "autonomy" => "Par autonomie atteinte",
        _ => "Par matériel utilisé",
    }
}

/// A value in words: a code's label, a place's name.
fn label(dimension: &str, value: &str, places: &[(String, String)]) -> String {
    let list = match dimension {
        "type" => Some(KINDS),
        "theme" => Some(THEMES),
        "age_bands" => Some(AGE_BANDS),
        "social_statuses" => Some(SOCIAL_STATUSES),
        "genders" => Some(GENDERS),
        "orientation" => Some(ORIENTATIONS),
        "autonomy" => Some(AUTONOMY),
        "materials" => Some(MATERIALS),
        "place" => Some(PLACE_KINDS),
        _ => None,
    };
    if dimension == "place"
        && let Some((_, name)) = places.iter().find(|(id, _)| id == value)
    {
        return name.clone();
    }
    list.map_or_else(|| value.to_owned(), |l| l.label(value).to_owned())
}

/// A count as a cell: « < 5 » where hidden.
pub fn shown(count: Count) -> String {
    count.map_or_else(|| "moins de 5".to_owned(), crate::text::thousands)
}

/// A table of figures as the page shows it.
pub struct Table {
    pub id: String,
    pub heading: &'static str,
    pub rows: Vec<(String, String, String, String)>,
    pub chart: String,
}

fn table(
    id: &str,
    heading: &'static str,
    rows: &[FigureRow],
    name: impl Fn(&str) -> String,
) -> Table {
    let bars: Vec<Bar> = rows
        .iter()
        .map(|r| Bar {
            label: name(&r.value),
            values: vec![r.activities.unwrap_or(0)],
        })
        .collect();
    Table {
        id: id.to_owned(),
        heading,
        rows: rows
            .iter()
            .map(|r| {
                (
                    name(&r.value),
                    shown(r.activities),
                    r.minutes.map_or_else(
                        || "—".to_owned(),
                        |m| french_hours(u32::try_from(m).unwrap_or(u32::MAX)),
                    ),
                    shown(r.people),
                )
            })
            .collect(),
        chart: chart::bars(heading, &bars, None),
    }
}

#[derive(Template)]
#[template(path = "mediation/figures.html")]
struct FiguresPage {
    chrome: Chrome,
    du: String,
    au: String,
    errors: FormErrors,
    aggregated: bool,
    structures: usize,
    total: (String, String, String),
    tables: Vec<Table>,
    depth: Vec<(String, String)>,
    kept: String,
}

async fn read(
    state: &AppState,
    current: &CurrentUser,
    period: &Period,
) -> Result<
    (
        Figures,
        Vec<(String, String)>,
        usize,
        FormErrors,
        NaiveDate,
        NaiveDate,
    ),
    AppError,
> {
    let (structures, aggregated) = scope_of(state, &current.user)
        .await?
        .ok_or(AppError::Forbidden)?;
    let (from, to, errors) = period.read();
    let scope = Scope {
        structures: &structures,
        aggregated,
    };
    let figures = figures::read(&state.db, &scope, from, to).await?;
    let places = crate::places::store::of_organizations(&state.db, &structures)
        .await?
        .into_iter()
        .map(|p| (p.place.id, p.place.nom))
        .collect();
    Ok((figures, places, structures.len(), errors, from, to))
}

async fn page(
    State(state): State<AppState>,
    current: CurrentUser,
    Query(period): Query<Period>,
) -> Result<Response, AppError> {
    let (figures, places, structures, errors, from, to) = read(&state, &current, &period).await?;
    let month_name = |m: &str| {
        NaiveDate::parse_from_str(&format!("{m}-01"), "%Y-%m-%d")
            .map_or_else(|_| m.to_owned(), |d| d.format("%m/%Y").to_string())
    };
    let mut tables = vec![table("by-month", "Par mois", &figures.by_month, month_name)];
    for dimension in DIMENSIONS {
        if let Some(rows) = figures.by.get(dimension) {
            tables.push(table(
                &format!("by-{dimension}"),
                heading(dimension),
                rows,
                |v| label(dimension, v, &places),
            ));
        }
    }
    let total = figures.total.as_ref().map_or_else(
        || ("0".to_owned(), "0".to_owned(), "0".to_owned()),
        |t| {
            (
                shown(t.activities),
                t.minutes.map_or_else(
                    || "—".into(),
                    |m| french_hours(u32::try_from(m).unwrap_or(u32::MAX)),
                ),
                shown(t.people),
            )
        },
    );
    let d = &figures.depth;
    let mut depth = vec![
        ("Personnes suivies venues".to_owned(), shown(d.people)),
        ("Revenues au moins une fois".to_owned(), shown(d.came_back)),
    ];
    depth.extend(
        d.by_visits
            .iter()
            .map(|b| (format!("Venues {} fois", b.visits), shown(b.people))),
    );
    let du = from.format("%Y-%m-%d").to_string();
    let au = to.format("%Y-%m-%d").to_string();
    render(&FiguresPage {
        chrome: current.chrome().await?,
        kept: serde_urlencoded::to_string([("du", &du), ("au", &au)]).unwrap_or_default(),
        du,
        au,
        errors,
        aggregated: figures.suppressed,
        structures,
        total,
        tables,
        depth,
    })
}

async fn csv(
    State(state): State<AppState>,
    current: CurrentUser,
    Query(period): Query<Period>,
) -> Result<Response, AppError> {
    let (figures, places, _, _, _, _) = read(&state, &current, &period).await?;
    let mut writer = csv::WriterBuilder::new()
        .delimiter(b';')
        .from_writer(Vec::new());
    writer.write_record(["Tableau", "Valeur", "Activités", "Heures", "Personnes"])?;
    let cell = |c: Count| c.map_or_else(|| "<5".to_owned(), |n| n.to_string());
    let mut write = |name: &str, value: String, row: &FigureRow| {
        writer.write_record([
            name.to_owned(),
            crate::text::defused_for_spreadsheet(&value).into_owned(),
            cell(row.activities),
            row.minutes.map_or_else(String::new, |m| {
                french_hours(u32::try_from(m).unwrap_or(u32::MAX))
            }),
            cell(row.people),
        ])
    };
    for row in &figures.by_month {
        write("Par mois", row.value.clone(), row)?;
    }
    for dimension in DIMENSIONS {
        for row in figures.by.get(dimension).into_iter().flatten() {
            write(
                heading(dimension),
                label(dimension, &row.value, &places),
                row,
            )?;
        }
    }
    let mut body = "\u{feff}".as_bytes().to_vec();
    body.extend(
        writer
            .into_inner()
            .map_err(|e| AppError::Internal(e.to_string()))?,
    );
    Ok((
        [
            (header::CONTENT_TYPE, "text/csv; charset=utf-8"),
            (
                header::CONTENT_DISPOSITION,
                "attachment; filename=\"chiffres-activites.csv\"",
            ),
        ],
        body,
    )
        .into_response())
}
