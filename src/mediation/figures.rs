//! The figures of activities. Each write adds or removes its activity's
//! counts in `activity_figures` (per structure, month, dimension and value)
//! in the same transaction, so reading a year of a federation sums a few
//! thousand rows instead of a million activities.
//!
//! [`read`] is the one function that computes figures, for a structure or
//! summed over a network's structures; the latter suppresses every count
//! from 1 to 4 (`../shared/design/SYNC.md`: the same function will build the
//! period reports that go up to a hub).

use std::collections::BTreeMap;

use chrono::NaiveDate;
use sea_orm::{ConnectionTrait, DbErr, FromQueryResult, Statement};

use super::activity::Activity;
use super::vocabulary::duration_band;
use crate::db;
use crate::organizations::OrganizationId;

/// Counts below this are hidden from anyone outside the structure.
pub const SUPPRESSED_BELOW: u64 = 5;

/// The dimensions figures are kept by, in the order pages show them.
pub const DIMENSIONS: [&str; 10] = [
    "type",
    "theme",
    "duration",
    "place",
    "age_bands",
    "social_statuses",
    "genders",
    "orientation",
    "autonomy",
    "materials",
];

/// One activity's contribution: (dimension, value, activities, minutes, people).
pub(crate) fn contributions(activity: &Activity) -> Vec<(&'static str, String, i64, i64, i64)> {
    let minutes = i64::from(activity.duration_min);
    let people = i64::from(activity.participants);
    let mut rows = vec![
        ("total", String::new(), 1, minutes, people),
        ("type", activity.kind.to_owned(), 1, minutes, people),
        (
            "duration",
            duration_band(activity.duration_min).to_owned(),
            1,
            minutes,
            people,
        ),
    ];
    let place = match (&activity.place_id, activity.place_kind) {
        (Some(id), "LieuActivite") => id.clone(),
        (_, kind) => kind.to_owned(),
    };
    rows.push(("place", place, 1, minutes, people));
    for theme in &activity.themes {
        rows.push(("theme", (*theme).to_owned(), 1, minutes, people));
    }
    for material in &activity.materials {
        rows.push(("materials", (*material).to_owned(), 1, minutes, people));
    }
    for (dimension, value) in [
        ("orientation", activity.orientation),
        ("autonomy", activity.autonomy),
    ] {
        if let Some(value) = value {
            rows.push((dimension, value.to_owned(), 1, minutes, people));
        }
    }
    for (list, by_code) in &activity.counts {
        for (code, count) in by_code {
            rows.push((list, (*code).to_owned(), 1, minutes, i64::from(*count)));
        }
    }
    rows
}

/// Adds (`sign` 1) or removes (-1) `activity` from its structure's figures:
/// one statement, whatever the number of themes.
pub async fn count(
    db: &impl ConnectionTrait,
    organization_id: &OrganizationId,
    activity: &Activity,
    sign: i64,
) -> Result<(), DbErr> {
    let month = activity.month();
    let rows: Vec<Tally<'_>> = contributions(activity)
        .into_iter()
        .map(|(dimension, value, activities, minutes, people)| Tally {
            organization_id: organization_id.as_str(),
            month: month.clone(),
            dimension,
            value,
            activities: activities * sign,
            minutes: minutes * sign,
            people: people * sign,
        })
        .collect();
    add(db, &rows).await
}

/// Counts to add to one cell of the figures (negative to remove).
pub(crate) struct Tally<'a> {
    pub organization_id: &'a str,
    pub month: String,
    pub dimension: &'static str,
    pub value: String,
    pub activities: i64,
    pub minutes: i64,
    pub people: i64,
}

/// Adds `rows` to the figures, 500 cells per statement (under SQLite's
/// limit of bound values). No two rows of one call may name the same cell:
/// PostgreSQL refuses to update a row twice in one statement.
pub(crate) async fn add(db: &impl ConnectionTrait, rows: &[Tally<'_>]) -> Result<(), DbErr> {
    const CELLS: usize = 500;
    let backend = db.get_database_backend();
    for chunk in rows.chunks(CELLS) {
        let mut sql = String::from(
            "INSERT INTO activity_figures (organization_id, month, dimension, value, activities, minutes, people) VALUES ",
        );
        let mut values: Vec<sea_orm::Value> = Vec::with_capacity(chunk.len() * 7);
        for (i, row) in chunk.iter().enumerate() {
            if i > 0 {
                sql.push(',');
            }
            sql.push('(');
            for j in 0..7 {
                if j > 0 {
                    sql.push(',');
                }
                sql.push_str(&db::parameter(backend, i * 7 + j + 1));
            }
            sql.push(')');
            values.extend([
                row.organization_id.into(),
                row.month.clone().into(),
                row.dimension.into(),
                row.value.clone().into(),
                row.activities.into(),
                row.minutes.into(),
                row.people.into(),
            ]);
        }
        sql.push_str(
            " ON CONFLICT (organization_id, month, dimension, value) DO UPDATE SET \
             activities = activity_figures.activities + excluded.activities, \
             minutes = activity_figures.minutes + excluded.minutes, \
             people = activity_figures.people + excluded.people",
        );
        db.execute_raw(Statement::from_sql_and_values(backend, sql, values))
            .await?;
    }
    Ok(())
}

/// A count, or `None` where it is suppressed (1 to 4, outside the structure).
pub type Count = Option<u64>;

/// `n` as its reader may see it: read from outside the structure
/// (`aggregated`), a count from 1 to [`SUPPRESSED_BELOW`] - 1 is hidden.
fn shown(n: i64, aggregated: bool) -> Count {
    let n = u64::try_from(n).unwrap_or(0);
    (!aggregated || n == 0 || n >= SUPPRESSED_BELOW).then_some(n)
}

/// One line of a table of figures.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, utoipa::ToSchema)]
pub struct FigureRow {
    /// The month (`2026-11`), the code (`Email`) or the place's id.
    pub value: String,
    /// Activities; null when fewer than 5 are hidden.
    pub activities: Count,
    /// Minutes spent; null with the activities.
    pub minutes: Count,
    /// People counted (participants, or those of a band).
    pub people: Count,
}

/// How often the people followed came, over the period.
#[derive(Clone, Debug, Default, PartialEq, Eq, serde::Serialize, utoipa::ToSchema)]
pub struct Depth {
    /// People followed (with a record) who came at least once.
    pub people: Count,
    /// Of them, those who came back at least once.
    pub came_back: Count,
    /// People by number of visits.
    pub by_visits: Vec<VisitBand>,
}

/// People who came a number of times.
#[derive(Clone, Debug, Default, PartialEq, Eq, serde::Serialize, utoipa::ToSchema)]
pub struct VisitBand {
    /// `1`, `2`, `3-5` or `6+`.
    pub visits: String,
    /// People; null when fewer than 5 are hidden.
    pub people: Count,
}

/// The figures of a period.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Figures {
    pub total: Option<FigureRow>,
    pub by_month: Vec<FigureRow>,
    /// Per dimension of [`DIMENSIONS`], its rows, most activities first.
    pub by: BTreeMap<&'static str, Vec<FigureRow>>,
    pub depth: Depth,
    /// Whether small counts were hidden.
    pub suppressed: bool,
}

/// Which structures' figures, and whether they are read from outside.
pub struct Scope<'a> {
    pub structures: &'a [OrganizationId],
    /// True for a coordinator: counts 1–4 hidden.
    pub aggregated: bool,
}

#[derive(FromQueryResult)]
struct SumRow {
    dimension: String,
    value: String,
    activities: i64,
    minutes: i64,
    people: i64,
}

#[derive(FromQueryResult)]
struct VisitsRow {
    visits: i64,
    people: i64,
}

/// The figures of `scope` from `from` to `to` (whole months: the months of
/// both dates and those between).
pub async fn read(
    db: &impl ConnectionTrait,
    scope: &Scope<'_>,
    from: NaiveDate,
    to: NaiveDate,
) -> Result<Figures, DbErr> {
    let mut figures = Figures {
        suppressed: scope.aggregated,
        ..Figures::default()
    };
    if scope.structures.is_empty() {
        return Ok(figures);
    }
    let backend = db.get_database_backend();
    let n = scope.structures.len();
    let organizations: Vec<sea_orm::Value> = scope
        .structures
        .iter()
        .map(|id| id.as_str().into())
        .collect();
    let month = |d: NaiveDate| d.format("%Y-%m").to_string();
    // The month column holds the month only for the total rows, so that
    // one query gives both the months and the dimensions over the period.
    let sql = format!(
        "SELECT dimension, CASE WHEN dimension = 'total' THEN month ELSE value END AS value, \
         CAST(SUM(activities) AS BIGINT) AS activities, CAST(SUM(minutes) AS BIGINT) AS minutes, \
         CAST(SUM(people) AS BIGINT) AS people FROM activity_figures \
         WHERE organization_id IN ({}) AND month >= {} AND month <= {} \
         GROUP BY dimension, CASE WHEN dimension = 'total' THEN month ELSE value END",
        db::parameters(backend, 1, n),
        db::parameter(backend, n + 1),
        db::parameter(backend, n + 2),
    );
    let mut values = organizations.clone();
    values.extend([month(from).into(), month(to).into()]);
    // The sums and the people's visits are read at once, on two connections.
    let (rows, depth) = futures_util::future::try_join(
        SumRow::find_by_statement(Statement::from_sql_and_values(backend, sql, values)).all(db),
        depth(db, scope, from, to),
    )
    .await?;
    let cell = |n: i64| shown(n, scope.aggregated);
    let mut total = (0, 0, 0);
    for row in rows.into_iter().filter(|r| r.activities > 0) {
        let hidden = cell(row.activities).is_none();
        let line = FigureRow {
            value: row.value,
            activities: cell(row.activities),
            minutes: (!hidden).then(|| u64::try_from(row.minutes).unwrap_or(0)),
            people: if hidden { None } else { cell(row.people) },
        };
        if row.dimension == "total" {
            total = (
                total.0 + row.activities,
                total.1 + row.minutes,
                total.2 + row.people,
            );
            figures.by_month.push(line);
        } else if let Some(dimension) = DIMENSIONS.iter().find(|d| **d == row.dimension) {
            figures.by.entry(dimension).or_default().push(line);
        }
    }
    figures.by_month.sort_by(|a, b| a.value.cmp(&b.value));
    for rows in figures.by.values_mut() {
        rows.sort_by(|a, b| b.activities.cmp(&a.activities).then(a.value.cmp(&b.value)));
    }
    if total.0 > 0 {
        let hidden = cell(total.0).is_none();
        figures.total = Some(FigureRow {
            value: String::new(),
            activities: cell(total.0),
            minutes: if hidden {
                None
            } else {
                Some(u64::try_from(total.1).unwrap_or(0))
            },
            people: if hidden { None } else { cell(total.2) },
        });
    }
    figures.depth = depth;
    Ok(figures)
}

/// People followed, and how often they came, from the activities' index.
async fn depth(
    db: &impl ConnectionTrait,
    scope: &Scope<'_>,
    from: NaiveDate,
    to: NaiveDate,
) -> Result<Depth, DbErr> {
    let backend = db.get_database_backend();
    let n = scope.structures.len();
    // From the people followed to their activities (the index on
    // (beneficiary_id, date)): a few thousand people, rather than every
    // activity of the period, most of them anonymous.
    let sql = format!(
        "SELECT visits, CAST(COUNT(*) AS BIGINT) AS people FROM (\
         SELECT CAST(COUNT(*) AS BIGINT) AS visits FROM beneficiaries b \
         JOIN activities a ON a.beneficiary_id = b.id \
         WHERE b.organization_id IN ({}) AND a.date >= {} AND a.date <= {} \
         GROUP BY b.id) AS visits_by_person GROUP BY visits",
        db::parameters(backend, 1, n),
        db::parameter(backend, n + 1),
        db::parameter(backend, n + 2),
    );
    let mut values: Vec<sea_orm::Value> = scope
        .structures
        .iter()
        .map(|id| id.as_str().into())
        .collect();
    let (first, last) = whole_months(from, to);
    values.extend([first.into(), last.into()]);
    let rows = VisitsRow::find_by_statement(Statement::from_sql_and_values(backend, sql, values))
        .all(db)
        .await?;
    let mut bands = [("1", 0i64), ("2", 0), ("3-5", 0), ("6+", 0)];
    for row in rows {
        let band = match row.visits {
            ..=1 => 0,
            2 => 1,
            3..=5 => 2,
            _ => 3,
        };
        bands[band].1 += row.people;
    }
    let cell = |n: i64| shown(n, scope.aggregated);
    let people: i64 = bands.iter().map(|(_, n)| n).sum();
    Ok(Depth {
        people: cell(people),
        came_back: cell(people - bands[0].1),
        by_visits: bands
            .iter()
            .map(|(band, n)| VisitBand {
                visits: (*band).to_owned(),
                people: cell(*n),
            })
            .collect(),
    })
}

/// The first and last day of the months `from` and `to` fall in.
pub fn whole_months(from: NaiveDate, to: NaiveDate) -> (NaiveDate, NaiveDate) {
    use chrono::Datelike;
    let first = from.with_day(1).unwrap_or(from);
    let next_month = if to.month() == 12 {
        NaiveDate::from_ymd_opt(to.year() + 1, 1, 1)
    } else {
        NaiveDate::from_ymd_opt(to.year(), to.month() + 1, 1)
    };
    let last = next_month.and_then(|d| d.pred_opt()).unwrap_or(to);
    (first, last)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_period_covers_whole_months() {
        let d = |y, m, day| NaiveDate::from_ymd_opt(y, m, day).unwrap();
        assert_eq!(
            whole_months(d(2026, 1, 15), d(2026, 12, 3)),
            (d(2026, 1, 1), d(2026, 12, 31))
        );
        assert_eq!(
            whole_months(d(2026, 2, 2), d(2026, 2, 2)),
            (d(2026, 2, 1), d(2026, 2, 28))
        );
    }
}
