//! An activity as the national report model records it: parsed once from
//! submitted [`Fields`] (a form or the API), valid by its type afterwards.
//! Pure domain: what the structure holds (its places, its beneficiaries)
//! is checked by the use case (`record.rs`).

use std::collections::BTreeMap;

use chrono::{Datelike, NaiveDate};

use super::fields::Fields;
use super::vocabulary::{
    ADMINISTRATIVE, AGE_BANDS, AUTONOMY, GENDERS, GENERAL_THEMES, KINDS, LEVELS, List, MATERIALS,
    ORIENTATIONS, OUTCOMES, PLACE_KINDS, SOCIAL_STATUSES, THEMES,
};
use crate::validation::FieldError;

/// The longest activity: a whole day's workshop.
pub const MAX_DURATION_MIN: u32 = 12 * 60;
/// The most participants one workshop counts.
pub const MAX_PARTICIPANTS: u32 = 500;
/// The longest notes and precisions, in characters.
pub const MAX_NOTES: usize = 2_000;
/// The longest workshop title and commune, in characters.
pub const MAX_TITLE: usize = 200;
/// Nothing is reported before this year.
const FIRST_YEAR: i32 = 2000;

/// The anonymous counts of an activity's participants, by list
/// (`age_bands`, `social_statuses`, `genders`) and code.
pub type Counts = BTreeMap<&'static str, BTreeMap<&'static str, u32>>;

/// The lists an activity counts its participants by.
pub const COUNTED: [List; 3] = [AGE_BANDS, SOCIAL_STATUSES, GENDERS];

/// One activity, valid.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Activity {
    /// `Individuel` or `Collectif`.
    pub kind: &'static str,
    pub date: NaiveDate,
    pub duration_min: u32,
    /// One of [`PLACE_KINDS`].
    pub place_kind: &'static str,
    /// The structure's place, when `place_kind` is `LieuActivite`.
    pub place_id: Option<String>,
    /// The commune, when at home, remote or elsewhere.
    pub commune: String,
    /// Codes of [`THEMES`], general then administrative.
    pub themes: Vec<&'static str>,
    /// What the administrative procedure was, in words.
    pub admin_detail: String,
    pub admin_outcome: Option<&'static str>,
    pub materials: Vec<&'static str>,
    pub autonomy: Option<&'static str>,
    pub orientation: Option<&'static str>,
    /// The place of the directory the person was sent to.
    pub orientation_place_id: Option<String>,
    pub notes: String,
    /// A workshop's title (empty for an individual accompaniment).
    pub title: String,
    pub level: Option<&'static str>,
    /// 1 for an individual accompaniment.
    pub participants: u32,
    pub counts: Counts,
    pub beneficiary_id: Option<String>,
}

impl Activity {
    /// Whether the administrative sub-themes apply.
    pub fn is_administrative(&self) -> bool {
        self.themes.contains(&ADMINISTRATIVE)
    }

    /// Parses submitted fields; every refusal names its field. `today`
    /// bounds the date (an activity is recorded once it happened).
    pub fn parse(fields: &Fields, today: NaiveDate) -> Result<Self, Vec<FieldError>> {
        let mut errors = Vec::new();
        let kind = keep(&mut errors, required_code(fields, KINDS));
        let date = keep(&mut errors, date(fields, today));
        let duration_min = keep(
            &mut errors,
            number(fields, "duration_min", 1, MAX_DURATION_MIN, None),
        );
        let place_kind = keep(
            &mut errors,
            optional_code(fields, PLACE_KINDS).map(|k| k.unwrap_or("LieuActivite")),
        );
        let place_id = keep(&mut errors, place_ref(fields, "place_id"));
        let commune = keep(&mut errors, text(fields, "commune", MAX_TITLE));
        let themes = keep(&mut errors, themes(fields));
        let admin_detail = keep(&mut errors, text(fields, "admin_detail", MAX_NOTES));
        let admin_outcome = keep(&mut errors, optional_code(fields, OUTCOMES));
        let materials = keep(&mut errors, codes(fields, MATERIALS));
        let autonomy = keep(&mut errors, optional_code(fields, AUTONOMY));
        let orientation = keep(&mut errors, optional_code(fields, ORIENTATIONS));
        let orientation_place_id = keep(&mut errors, place_ref(fields, "orientation_place_id"));
        let notes = keep(&mut errors, text(fields, "notes", MAX_NOTES));
        let title = keep(&mut errors, text(fields, "title", MAX_TITLE));
        let level = keep(&mut errors, optional_code(fields, LEVELS));
        let beneficiary_id = keep(&mut errors, optional_id(fields, "beneficiary_id"));
        let collective = kind == Some("Collectif");
        let participants = keep(
            &mut errors,
            number(
                fields,
                "participants",
                1,
                if collective { MAX_PARTICIPANTS } else { 1 },
                Some(1),
            ),
        );
        let counts = keep(
            &mut errors,
            counts(fields, participants.unwrap_or(MAX_PARTICIPANTS)),
        );
        // Rules between fields, checked even when others are refused, so
        // that one submission names every field to correct.
        if matches!(place_kind, Some("Domicile" | "Autre")) && commune.as_deref() == Some("") {
            errors.push(FieldError::new("commune", "activity-commune-required"));
        }
        if collective && title.as_deref() == Some("") {
            errors.push(FieldError::new("title", "activity-title-required"));
        }
        let (
            Some(kind),
            Some(date),
            Some(duration_min),
            Some(place_kind),
            Some(place_id),
            Some(commune),
            Some(themes),
            Some(admin_detail),
            Some(admin_outcome),
            Some(materials),
            Some(autonomy),
            Some(orientation),
            Some(orientation_place_id),
            Some(notes),
            Some(title),
            Some(level),
            Some(beneficiary_id),
            Some(participants),
            Some(counts),
        ) = (
            kind,
            date,
            duration_min,
            place_kind,
            place_id,
            commune,
            themes,
            admin_detail,
            admin_outcome,
            materials,
            autonomy,
            orientation,
            orientation_place_id,
            notes,
            title,
            level,
            beneficiary_id,
            participants,
            counts,
        )
        else {
            return Err(errors);
        };
        if !errors.is_empty() {
            return Err(errors);
        }
        let activity = Self {
            kind,
            date,
            duration_min,
            place_kind,
            place_id: place_id.filter(|_| place_kind == "LieuActivite"),
            commune: if place_kind == "LieuActivite" {
                String::new()
            } else {
                commune
            },
            themes,
            admin_detail,
            admin_outcome,
            materials,
            autonomy,
            orientation,
            orientation_place_id: orientation_place_id.filter(|_| orientation.is_some()),
            notes,
            title: if collective { title } else { String::new() },
            level: level.filter(|_| collective),
            participants,
            counts,
            beneficiary_id,
        };
        let mut errors = activity.coherence();
        if errors.is_empty() {
            Ok(activity)
        } else {
            errors.dedup();
            Err(errors)
        }
    }

    /// The rules between fields.
    fn coherence(&self) -> Vec<FieldError> {
        let mut errors = Vec::new();
        if !self.is_administrative()
            && (self.themes.len() > self.general_themes().count()
                || !self.admin_detail.is_empty()
                || self.admin_outcome.is_some())
        {
            errors.push(FieldError::new("themes", "activity-admin-without-theme"));
        }
        if self.orientation_place_id.is_some() && self.orientation.is_none() {
            errors.push(FieldError::new("orientation", "activity-orientation-kind"));
        }
        errors
    }

    /// The general (not administrative) themes.
    pub fn general_themes(&self) -> impl Iterator<Item = &'static str> + '_ {
        self.themes
            .iter()
            .copied()
            .filter(|t| THEMES.bit(t).is_some_and(|b| (b as usize) < GENERAL_THEMES))
    }

    /// The month the activity counts in (`2026-11`).
    pub fn month(&self) -> String {
        format!("{:04}-{:02}", self.date.year(), self.date.month())
    }
}

/// The value of `result`, or `None` with its error kept.
pub(crate) fn keep<T>(errors: &mut Vec<FieldError>, result: Result<T, FieldError>) -> Option<T> {
    result.map_err(|e| errors.push(e)).ok()
}

fn required_code(fields: &Fields, list: List) -> Result<&'static str, FieldError> {
    optional_code(fields, list)?.ok_or_else(|| {
        FieldError::new(list.field, "activity-code-required").with_arg("values", accepted(list))
    })
}

pub(crate) fn optional_code(
    fields: &Fields,
    list: List,
) -> Result<Option<&'static str>, FieldError> {
    match fields.one(list.field) {
        None => Ok(None),
        Some(raw) => list
            .find(raw)
            .map(Some)
            .ok_or_else(|| refused_code(list, raw)),
    }
}

pub(crate) fn codes(fields: &Fields, list: List) -> Result<Vec<&'static str>, FieldError> {
    let mut found = Vec::new();
    for raw in fields.all(list.field) {
        let code = list.find(raw).ok_or_else(|| refused_code(list, raw))?;
        if !found.contains(&code) {
            found.push(code);
        }
    }
    // The stored order is the list's, whatever the order sent.
    found.sort_by_key(|code| list.bit(code));
    Ok(found)
}

fn themes(fields: &Fields) -> Result<Vec<&'static str>, FieldError> {
    let themes = codes(fields, THEMES)?;
    if themes.is_empty() {
        return Err(FieldError::new("themes", "activity-themes-required"));
    }
    Ok(themes)
}

fn refused_code(list: List, raw: &str) -> FieldError {
    FieldError::new(list.field, "activity-code-invalid")
        .with_value(raw)
        .with_arg("values", accepted(list))
}

/// The accepted codes, as a message lists them.
fn accepted(list: List) -> String {
    list.codes().collect::<Vec<_>>().join(", ")
}

fn date(fields: &Fields, today: NaiveDate) -> Result<NaiveDate, FieldError> {
    let Some(raw) = fields.one("date") else {
        return Ok(today);
    };
    let date = crate::text::typed_date(raw)
        .ok_or_else(|| FieldError::new("date", "activity-date").with_value(raw))?;
    if date > today {
        return Err(FieldError::new("date", "activity-date-future").with_value(raw));
    }
    if date.year() < FIRST_YEAR {
        return Err(FieldError::new("date", "activity-date").with_value(raw));
    }
    Ok(date)
}

/// A whole number in `min..=max`; `default` when missing.
pub(crate) fn number(
    fields: &Fields,
    field: &'static str,
    min: u32,
    max: u32,
    default: Option<u32>,
) -> Result<u32, FieldError> {
    let refused = |raw: &str| {
        FieldError::new(field, "activity-number")
            .with_value(raw)
            .with_arg("min", min)
            .with_arg("max", max)
    };
    match fields.one(field) {
        None => default.ok_or_else(|| refused("")),
        Some(raw) => raw
            .parse::<u32>()
            .ok()
            .filter(|n| (min..=max).contains(n))
            .ok_or_else(|| refused(raw)),
    }
}

pub(crate) fn text(fields: &Fields, field: &'static str, max: usize) -> Result<String, FieldError> {
    let value = fields.one(field).unwrap_or_default();
    if value.chars().count() > max {
        return Err(FieldError::new(field, "activity-text-too-long")
            .with_value(value)
            .with_arg("max", max));
    }
    Ok(value.to_owned())
}

/// A place's id (the national schema's `id`: any text up to 200 characters).
fn place_ref(fields: &Fields, field: &'static str) -> Result<Option<String>, FieldError> {
    match fields.one(field) {
        None => Ok(None),
        Some(raw) if raw.chars().count() <= MAX_TITLE => Ok(Some(raw.to_owned())),
        Some(raw) => Err(FieldError::new(field, "activity-unknown-record").with_value(raw)),
    }
}

fn optional_id(fields: &Fields, field: &'static str) -> Result<Option<String>, FieldError> {
    match fields.one(field) {
        None => Ok(None),
        Some(raw) => uuid::Uuid::parse_str(raw)
            .map(|id| Some(id.to_string()))
            .map_err(|_| FieldError::new(field, "activity-unknown-record").with_value(raw)),
    }
}

/// Counts by age band, social status and gender: each total at most the
/// participants.
fn counts(fields: &Fields, participants: u32) -> Result<Counts, FieldError> {
    let mut counts = Counts::new();
    for list in COUNTED {
        let mut total = 0;
        for (code, raw) in fields.suffixed(list.field) {
            let field_error = |key| FieldError::named(&format!("{}-{code}", list.field), key);
            let code = list.find(code).ok_or_else(|| {
                field_error("activity-code-invalid")
                    .with_value(code)
                    .with_arg("values", accepted(list))
            })?;
            let count = raw
                .parse::<u32>()
                .ok()
                .filter(|n| *n <= participants)
                .ok_or_else(|| {
                    field_error("activity-count")
                        .with_value(raw)
                        .with_arg("max", participants)
                })?;
            total += count;
            if count > 0 {
                counts.entry(list.field).or_default().insert(code, count);
            }
        }
        if total > participants {
            return Err(
                FieldError::new(list.field, "activity-counts-total").with_arg("max", participants)
            );
        }
    }
    Ok(counts)
}

/// Counts as stored: `age_bands:SoixanteDixPlus=2|genders:Feminin=1`.
pub fn counts_to_text(counts: &Counts) -> String {
    let mut parts = Vec::new();
    for (list, by_code) in counts {
        for (code, count) in by_code {
            parts.push(format!("{list}:{code}={count}"));
        }
    }
    parts.join("|")
}

/// Counts read back from [`counts_to_text`]; unknown codes are dropped.
pub fn counts_from_text(text: &str) -> Counts {
    let mut counts = Counts::new();
    for part in text.split('|') {
        let Some((list_name, rest)) = part.split_once(':') else {
            continue;
        };
        let Some((code, count)) = rest.split_once('=') else {
            continue;
        };
        let Some(list) = COUNTED.iter().find(|l| l.field == list_name) else {
            continue;
        };
        if let (Some(code), Ok(count)) = (list.find(code), count.parse()) {
            counts.entry(list.field).or_default().insert(code, count);
        }
    }
    counts
}

#[cfg(test)]
#[path = "activity_tests.rs"]
mod tests;
