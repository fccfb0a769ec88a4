//! The appointments' JSON API, without an account: a place's free slots,
//! and booking one (409 when someone took it first).

use axum::Router;
use axum::extract::{RawQuery, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use chrono::{DateTime, Duration, NaiveTime, TimeZone, Utc};
use chrono_tz::Europe::Paris;
use serde::Serialize;
use utoipa::{IntoParams, ToSchema};

use super::booking::{self as use_case, AHEAD_DAYS, Refused, link};
use super::store;
use crate::app::AppState;
use crate::i18n;
use crate::mediation::api::body::{JsonBody, Kind, checked};
use crate::validation::FieldError;
use crate::web::problem::{ApiError, Problem};

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/v1/slots", get(list_slots))
        .route("/v1/bookings", post(create_booking))
}

/// A free slot.
#[derive(Serialize, ToSchema)]
pub struct SlotJson {
    /// What `POST /api/v1/bookings` takes as `slot_id`.
    pub id: String,
    pub starts_at: DateTime<Utc>,
    pub ends_at: DateTime<Utc>,
}

/// A place's free slots.
#[derive(Serialize, ToSchema)]
pub struct SlotsPage {
    pub place_id: String,
    pub slot_min: i32,
    pub slots: Vec<SlotJson>,
}

/// A booking made.
#[derive(Serialize, ToSchema)]
pub struct BookingJson {
    pub id: String,
    pub place_id: String,
    pub starts_at: DateTime<Utc>,
    pub duration_min: i32,
    /// The page to see or cancel it: keep it.
    pub link: String,
}

/// A booking, without an account.
#[allow(dead_code)]
#[derive(ToSchema)]
pub struct BookingInput {
    /// A slot's `id`, from `GET /api/v1/slots`.
    slot_id: String,
    /// What for: a theme code of the national model (`Email`, `Sante`…).
    reason: String,
    /// A first name or a nickname.
    name: String,
    /// A phone number, or an e-mail address: one is enough.
    phone: Option<String>,
    email: Option<String>,
    /// The person agrees to be contacted about this appointment: must be `true`.
    consent: bool,
}

/// Whose slots, from when.
#[allow(dead_code)]
#[derive(IntoParams)]
#[into_params(parameter_in = Query)]
pub struct SlotParams {
    /// The place's id.
    place: String,
    /// From this day (`2026-12-15`); today by default. At most six weeks ahead are given.
    from: Option<chrono::NaiveDate>,
}

const BOOKING_MEMBERS: &[(&str, Kind)] = &[
    ("slot_id", Kind::Text),
    ("reason", Kind::Code),
    ("name", Kind::Text),
    ("phone", Kind::Text),
    ("email", Kind::Text),
    ("consent", Kind::Boolean),
];

#[utoipa::path(get, path = "/api/v1/slots", tag = "rendez-vous", summary = "Les créneaux libres d’un lieu",
    description = "Sans compte : les créneaux libres des six semaines à venir (une semaine à partir de `from`).",
    params(SlotParams),
    responses(
        (status = 200, description = "Les créneaux libres, dans l’ordre.", body = SlotsPage),
        (status = 400, description = "Un paramètre manque ou est mal formé.", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "Ce lieu ne prend pas de rendez-vous.", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn list_slots(
    State(state): State<AppState>,
    RawQuery(raw): RawQuery,
) -> Result<Response, ApiError> {
    let get = |name: &str| crate::web::query_params::first(raw.as_deref(), name);
    let Some(place) = get("place").filter(|p| !p.is_empty()) else {
        return Err(ApiError::invalid(FieldError::new(
            "place",
            "api-place-required",
        )));
    };
    let today = crate::mediation::today();
    let from_day = match get("from") {
        None => today,
        Some(raw) => match chrono::NaiveDate::parse_from_str(&raw, "%Y-%m-%d") {
            Ok(day) => day.max(today),
            Err(_) => {
                return Err(ApiError::invalid(
                    FieldError::new("from", "api-kind-day-param").with_value(&raw),
                ));
            }
        },
    };
    let schedule = store::schedule_of_place(&state.db, &place)
        .await?
        .ok_or_else(|| {
            ApiError::NotFound(i18n::t_with(
                "problem-no-schedule",
                &[("id", crate::text::cut(&place, 120).into())],
            ))
        })?;
    let now = Utc::now();
    let start = Paris
        .from_local_datetime(&from_day.and_time(NaiveTime::MIN))
        .earliest()
        .map_or(now, |t| t.with_timezone(&Utc))
        .max(now);
    let end = (start + Duration::days(7)).min(now + Duration::days(AHEAD_DAYS));
    let slots = if start < end {
        use_case::free_slots(&state.db, &schedule, start, end).await?
    } else {
        Vec::new()
    };
    Ok(axum::Json(SlotsPage {
        place_id: schedule.place_id.clone(),
        slot_min: schedule.slot_min,
        slots: slots
            .iter()
            .map(|s| SlotJson {
                id: s.id(),
                starts_at: s.starts_at,
                ends_at: s.ends_at(),
            })
            .collect(),
    })
    .into_response())
}

#[utoipa::path(post, path = "/api/v1/bookings", tag = "rendez-vous", summary = "Réserver un créneau",
    description = "Sans compte. Le créneau est aussitôt pris pour tout le monde ; s’il vient de l’être, 409. Limité par adresse et par contact (429).",
    request_body(content = BookingInput, content_type = "application/json"),
    responses(
        (status = 201, description = "Le rendez-vous ; `link` permet de le revoir ou de l’annuler.", body = BookingJson),
        (status = 409, description = "Ce créneau vient d’être pris.", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Des champs sont refusés (dont un créneau inconnu ou passé) : `errors` les nomme tous.", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn create_booking(
    State(state): State<AppState>,
    JsonBody(body): JsonBody,
) -> Result<Response, ApiError> {
    let fields = checked(&body, BOOKING_MEMBERS, |fields| {
        super::model::BookingRequest::parse(fields)
            .err()
            .unwrap_or_default()
    })?;
    if let Ok(contact) = crate::workshops::model::Contact::parse(&fields)
        && let Err(retry_after) = state.rate_limits.check_contact(&contact.key())
    {
        return Err(ApiError::TooManyRequests { retry_after });
    }
    let booking = match use_case::book(&state.db, &fields, &state.courier(), Utc::now()).await {
        Ok(booking) => booking,
        Err(Refused::Invalid(errors)) => return Err(ApiError::Unprocessable(errors)),
        Err(Refused::Taken) => return Err(ApiError::Conflict(i18n::t("booking-slot-taken"))),
        Err(Refused::Database(err)) => return Err(err.into()),
    };
    Ok((
        StatusCode::CREATED,
        axum::Json(BookingJson {
            link: link(&state.config.links_origin(), &booking),
            id: booking.id,
            place_id: booking.place_id,
            starts_at: booking.starts_at,
            duration_min: booking.duration_min,
        }),
    )
        .into_response())
}
