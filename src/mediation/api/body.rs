//! The body of a write: a JSON object read up to 64 KiB, each member known
//! and of its JSON type (a typo or a wrong type refused by name, never read
//! as a default), then the same parser as the pages' forms.

use axum::body::to_bytes;
use axum::extract::{FromRequest, Request};
use serde_json::Value;

use crate::mediation::fields::Fields;
use crate::mediation::today;
use crate::validation::FieldError;
use crate::web::problem::ApiError;

/// The largest body read.
const MAX_BODY: usize = 64 * 1024;

/// A JSON body, read up to [`MAX_BODY`].
pub struct JsonBody(pub Value);

impl<S: Send + Sync> FromRequest<S> for JsonBody {
    type Rejection = ApiError;

    async fn from_request(request: Request, _: &S) -> Result<Self, ApiError> {
        let bytes = to_bytes(request.into_body(), MAX_BODY)
            .await
            .map_err(|_| ApiError::UnreadableBody)?;
        let value = serde_json::from_slice(&bytes).map_err(|_| ApiError::UnreadableBody)?;
        Ok(Self(value))
    }
}

/// The JSON type a member must have.
#[derive(Clone, Copy)]
pub(crate) enum Kind {
    Text,
    /// A code of a closed list: a non-empty text (the parser checks the list).
    Code,
    /// A day, `2026-11-20`.
    Day,
    /// A record's UUID.
    Id,
    Integer,
    Boolean,
    /// An array of texts (codes).
    Texts,
    /// An object of whole numbers (counts by code).
    Counts,
    /// An object of record UUIDs (one record linked to another, by id).
    Links,
    /// An instant, RFC 3339 (`2026-12-15T14:00:00+01:00`).
    Instant,
    /// A number, whole or decimal (a weight in kg).
    Number,
}

impl Kind {
    fn fits(self, value: &Value) -> bool {
        match self {
            Self::Text => value.is_string(),
            Self::Code => value.as_str().is_some_and(|s| !s.trim().is_empty()),
            Self::Day => value
                .as_str()
                .is_some_and(|s| chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d").is_ok()),
            Self::Id => value
                .as_str()
                .is_some_and(|s| uuid::Uuid::parse_str(s).is_ok()),
            Self::Integer => value.is_i64() || value.is_u64(),
            Self::Boolean => value.is_boolean(),
            Self::Texts => value.as_array().is_some_and(|a| {
                a.iter()
                    .all(|v| v.as_str().is_some_and(|s| !s.trim().is_empty()))
            }),
            Self::Counts => value
                .as_object()
                .is_some_and(|o| o.values().all(|v| v.is_u64())),
            Self::Links => value.as_object().is_some_and(|o| {
                o.values()
                    .all(|v| v.as_str().is_some_and(|s| uuid::Uuid::parse_str(s).is_ok()))
            }),
            Self::Instant => value
                .as_str()
                .is_some_and(|s| chrono::DateTime::parse_from_rfc3339(s.trim()).is_ok()),
            Self::Number => value.is_number(),
        }
    }

    /// What is expected, in the request's language (the message's argument).
    fn expected(self) -> String {
        crate::i18n::t(match self {
            Self::Text => "api-kind-text",
            Self::Code => "api-kind-code",
            Self::Day => "api-kind-day",
            Self::Id => "api-kind-id",
            Self::Integer => "api-kind-integer",
            Self::Boolean => "api-kind-boolean",
            Self::Texts => "api-kind-codes",
            Self::Counts => "api-kind-counts",
            Self::Links => "api-kind-links",
            Self::Instant => "api-kind-instant",
            Self::Number => "api-kind-number",
        })
    }
}

/// The body as [`Fields`], once each member is known and of its JSON type:
/// a typo or a wrong type is refused by name, never silently dropped. When
/// some are, `parse` reads the others so that one answer names every field
/// to correct.
pub(crate) fn checked(
    body: &Value,
    members: &[(&str, Kind)],
    parse: impl Fn(&Fields) -> Vec<FieldError>,
) -> Result<Fields, ApiError> {
    let Value::Object(object) = body else {
        return Err(ApiError::Unprocessable(vec![FieldError::new(
            "body",
            "api-body-object",
        )]));
    };
    let known = || {
        members
            .iter()
            .map(|(name, _)| *name)
            .collect::<Vec<_>>()
            .join(", ")
    };
    let mut errors = Vec::new();
    let mut well_typed = serde_json::Map::new();
    for (name, value) in object {
        match members.iter().find(|(member, _)| member == name) {
            None => errors
                .push(FieldError::named(name, "api-unknown-member").with_arg("known", known())),
            Some((_, kind)) if !kind.fits(value) => errors.push(
                FieldError::named(name, "api-member-type")
                    .with_value(&value.to_string())
                    .with_arg("expected", kind.expected()),
            ),
            Some(_) => {
                well_typed.insert(name.clone(), value.clone());
            }
        }
    }
    let fields = Fields::from_json(&Value::Object(well_typed))
        .map_err(|e| ApiError::Unprocessable(vec![e]))?;
    if errors.is_empty() {
        return Ok(fields);
    }
    let named: Vec<String> = errors.iter().map(|e| e.field.to_string()).collect();
    errors.extend(
        parse(&fields)
            .into_iter()
            .filter(|e| !named.contains(&e.field.to_string())),
    );
    Err(ApiError::Unprocessable(errors))
}

pub(super) fn activity_errors(fields: &Fields) -> Vec<FieldError> {
    crate::mediation::activity::Activity::parse(fields, today())
        .err()
        .unwrap_or_default()
}

pub(super) fn beneficiary_errors(fields: &Fields) -> Vec<FieldError> {
    crate::mediation::beneficiary::Beneficiary::parse(fields, today())
        .err()
        .unwrap_or_default()
}

pub(super) fn assessment_errors(fields: &Fields) -> Vec<FieldError> {
    crate::mediation::beneficiary::Assessment::parse(fields, today())
        .err()
        .unwrap_or_default()
}

pub(super) fn goal_errors(fields: &Fields) -> Vec<FieldError> {
    crate::mediation::beneficiary::Goal::parse(fields)
        .err()
        .unwrap_or_default()
}

pub(super) const ACTIVITY_MEMBERS: &[(&str, Kind)] = &[
    ("type", Kind::Code),
    ("date", Kind::Day),
    ("duration_min", Kind::Integer),
    ("place_kind", Kind::Code),
    ("place_id", Kind::Text),
    ("commune", Kind::Text),
    ("themes", Kind::Texts),
    ("admin_detail", Kind::Text),
    ("admin_outcome", Kind::Code),
    ("materials", Kind::Texts),
    ("autonomy", Kind::Code),
    ("orientation", Kind::Code),
    ("orientation_place_id", Kind::Text),
    ("notes", Kind::Text),
    ("title", Kind::Text),
    ("level", Kind::Code),
    ("participants", Kind::Integer),
    ("age_bands", Kind::Counts),
    ("social_statuses", Kind::Counts),
    ("genders", Kind::Counts),
    ("beneficiary_id", Kind::Id),
];
pub(super) const BENEFICIARY_MEMBERS: &[(&str, Kind)] = &[
    ("pseudonym", Kind::Text),
    ("consent", Kind::Boolean),
    ("consent_purpose", Kind::Text),
    ("birth_year", Kind::Integer),
    ("gender", Kind::Code),
    ("social_status", Kind::Code),
    ("commune", Kind::Text),
    ("phone", Kind::Text),
    ("email", Kind::Text),
];
pub(super) const ASSESSMENT_MEMBERS: &[(&str, Kind)] = &[
    ("competence", Kind::Code),
    ("level", Kind::Integer),
    ("assessor", Kind::Code),
    ("assessed_on", Kind::Day),
];
pub(super) const GOAL_MEMBERS: &[(&str, Kind)] = &[("text", Kind::Text), ("status", Kind::Code)];
