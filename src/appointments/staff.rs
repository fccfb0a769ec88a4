//! `/espace/rendez-vous`: when each of the structure's places receives
//! (hours typed in words, slot length), and the day's agenda — a person
//! received becomes an individual activity in one click; a missed one is
//! counted; a booking is cancelled after a question.

use askama::Template;
use axum::Router;
use axum::extract::{Path, RawQuery, State};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use chrono::{Datelike, Duration, NaiveDate, TimeZone, Utc};
use chrono_tz::Europe::Paris;

use super::booking::{self as use_case, when_words};
use super::model::Schedule;
use super::store::{self, status};
use crate::app::AppState;
use crate::error::AppError;
use crate::mediation::fields::Fields;
use crate::mediation::staff::activities::require_own;
use crate::mediation::vocabulary::THEMES;
use crate::validation::FormErrors;
use crate::web::confirm::{ConfirmPage, Confirmation};
use crate::web::{Chrome, CurrentUser, Form, flash, render, render_refused};

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/espace/rendez-vous", get(agenda))
        .route("/espace/rendez-vous/horaires", post(save_schedule))
        .route("/espace/rendez-vous/{id}/recu", post(received))
        .route("/espace/rendez-vous/{id}/absent", post(missed))
        .route("/espace/rendez-vous/{id}/annuler", post(cancel))
}

/// A place's schedule form.
pub struct ScheduleForm {
    pub place_id: String,
    pub place_name: String,
    pub hours: String,
    pub slot_min: String,
    pub mediators: String,
    pub public_href: String,
    pub errors: FormErrors,
    /// Input ids: the refused form's are the field names, which its error
    /// summary links to; the others' are numbered.
    pub hours_id: String,
    pub slot_id: String,
}

/// One appointment of the day.
pub struct AgendaRow {
    pub id: String,
    pub when: String,
    pub name: String,
    pub contact: String,
    pub reason: String,
    pub state: &'static str,
    pub open: bool,
    pub activity_href: Option<String>,
}

#[derive(Template)]
#[template(path = "appointments/staff.html")]
pub struct AgendaPage {
    pub chrome: Chrome,
    pub day_words: String,
    pub previous_href: String,
    pub next_href: String,
    pub rows: Vec<AgendaRow>,
    pub missed_this_month: u64,
    pub schedules: Vec<ScheduleForm>,
}

fn day_of(raw: Option<String>) -> NaiveDate {
    crate::web::query_params::first(raw.as_deref(), "jour")
        .and_then(|v| crate::text::typed_date(&v))
        .unwrap_or_else(crate::mediation::today)
}

async fn page(
    state: &AppState,
    current: &CurrentUser,
    day: NaiveDate,
    refused: Option<(String, &Fields, FormErrors)>,
) -> Result<AgendaPage, AppError> {
    let own = &current.user.organization_id;
    let start = Paris
        .from_local_datetime(&day.and_hms_opt(0, 0, 0).unwrap_or_default())
        .earliest()
        .map(|t| t.with_timezone(&Utc))
        .unwrap_or_else(Utc::now);
    let bookings =
        store::bookings_between(&state.db, own, start, start + Duration::days(1)).await?;
    let month_start = NaiveDate::from_ymd_opt(day.year(), day.month(), 1).unwrap_or(day);
    let month_start = Paris
        .from_local_datetime(&month_start.and_hms_opt(0, 0, 0).unwrap_or_default())
        .earliest()
        .map(|t| t.with_timezone(&Utc))
        .unwrap_or(start);
    let places = crate::places::store::of_organization(&state.db, own).await?;
    let schedules = store::schedules_of(&state.db, own).await?;
    let mut forms = Vec::new();
    for place in places {
        let p = place.place;
        let saved = schedules.iter().find(|s| s.place_id == p.id);
        let (hours, slot_min, mediators, errors) = match &refused {
            Some((place_id, fields, errors)) if *place_id == p.id => (
                fields.one("hours").unwrap_or_default().to_owned(),
                fields.one("slot_min").unwrap_or_default().to_owned(),
                fields.one("mediators").unwrap_or_default().to_owned(),
                errors.clone(),
            ),
            _ => (
                saved.map(|s| s.hours.clone()).unwrap_or_default(),
                saved.map_or("30".to_owned(), |s| s.slot_min.to_string()),
                saved.map_or(current.user.display_name.clone(), |s| s.mediators.clone()),
                FormErrors::default(),
            ),
        };
        let n = forms.len() + 1;
        let refused_here = !errors.is_empty();
        forms.push(ScheduleForm {
            hours_id: if refused_here {
                "hours".into()
            } else {
                format!("hours-{n}")
            },
            slot_id: if refused_here {
                "slot_min".into()
            } else {
                format!("slot-{n}")
            },
            public_href: format!("/lieux/{}/rendez-vous", p.id),
            place_id: p.id,
            place_name: p.nom,
            hours,
            slot_min,
            mediators,
            errors,
        });
    }
    let link = |d: NaiveDate| format!("/espace/rendez-vous?jour={d}");
    Ok(AgendaPage {
        chrome: current.chrome().await?,
        day_words: crate::places::hours::date_words(day),
        previous_href: link(day - Duration::days(1)),
        next_href: link(day + Duration::days(1)),
        rows: bookings
            .iter()
            .map(|b| AgendaRow {
                id: b.id.clone(),
                when: when_words(b.starts_at),
                name: b.name.clone(),
                contact: [b.phone.clone(), b.email.clone()]
                    .into_iter()
                    .flatten()
                    .collect::<Vec<_>>()
                    .join(" · "),
                reason: THEMES.label(&b.reason).to_owned(),
                state: match b.status.as_str() {
                    status::HELD => "Reçu·e",
                    status::MISSED => "Absent·e",
                    status::CANCELLED => "Annulé",
                    _ => "Prévu",
                },
                open: b.status == status::BOOKED,
                activity_href: b
                    .activity_id
                    .as_ref()
                    .map(|id| format!("/espace/activites/{id}")),
            })
            .collect(),
        missed_this_month: store::missed_since(&state.db, own, month_start).await?,
        schedules: forms,
    })
}

async fn agenda(
    State(state): State<AppState>,
    current: CurrentUser,
    RawQuery(raw): RawQuery,
) -> Result<Response, AppError> {
    require_own(&current)?;
    render(&page(&state, &current, day_of(raw), None).await?)
}

async fn save_schedule(
    State(state): State<AppState>,
    current: CurrentUser,
    Form(pairs): Form<Vec<(String, String)>>,
) -> Result<Response, AppError> {
    require_own(&current)?;
    let fields = Fields::from_form(pairs);
    let place_id = fields.one("place_id").unwrap_or_default().to_owned();
    let owned = crate::places::store::find(&state.db, &place_id)
        .await?
        .is_some_and(|p| p.organization_id.as_ref() == Some(&current.user.organization_id));
    if !owned {
        return Err(AppError::NotFound);
    }
    match Schedule::parse(&fields, crate::mediation::today()) {
        Ok(schedule) => {
            store::save_schedule(
                &state.db,
                &current.user.organization_id,
                &place_id,
                &schedule,
            )
            .await?;
            flash::set_text(
                &current.session,
                format!("Horaires de rendez-vous enregistrés : {}.", schedule.hours),
            )
            .await?;
            Ok(Redirect::to("/espace/rendez-vous").into_response())
        }
        Err(list) => render_refused(
            &page(
                &state,
                &current,
                crate::mediation::today(),
                Some((place_id, &fields, FormErrors::from(list))),
            )
            .await?,
        ),
    }
}

async fn own_booking(
    state: &AppState,
    current: &CurrentUser,
    id: &str,
) -> Result<store::BookingRecord, AppError> {
    require_own(current)?;
    store::find_booking(&state.db, &current.user.organization_id, id)
        .await?
        .ok_or(AppError::NotFound)
}

fn back_to(booking: &store::BookingRecord) -> String {
    format!(
        "/espace/rendez-vous?jour={}",
        booking.starts_at.with_timezone(&Paris).date_naive()
    )
}

async fn received(
    State(state): State<AppState>,
    current: CurrentUser,
    Path(id): Path<String>,
) -> Result<Response, AppError> {
    let booking = own_booking(&state, &current, &id).await?;
    let words = match use_case::held(&state.db, &current.user, &booking, Utc::now()).await {
        Ok(Some(_)) => "Rendez-vous tenu : l’accompagnement est compté dans vos activités.",
        Ok(None) => "Ce rendez-vous n’est pas encore passé, ou son issue est déjà notée.",
        Err(crate::mediation::record::Refused::Database(err)) => return Err(err.into()),
        Err(crate::mediation::record::Refused::Invalid(_)) => {
            "L’activité n’a pas pu être enregistrée : vérifiez le lieu du rendez-vous."
        }
    };
    flash::set_text(&current.session, words.to_owned()).await?;
    Ok(Redirect::to(&back_to(&booking)).into_response())
}

async fn missed(
    State(state): State<AppState>,
    current: CurrentUser,
    Path(id): Path<String>,
) -> Result<Response, AppError> {
    let booking = own_booking(&state, &current, &id).await?;
    let words = if booking.starts_at <= Utc::now() && use_case::missed(&state.db, &booking).await? {
        "Rendez-vous noté manqué."
    } else {
        "Ce rendez-vous n’est pas encore passé, ou son issue est déjà notée."
    };
    flash::set_text(&current.session, words.to_owned()).await?;
    Ok(Redirect::to(&back_to(&booking)).into_response())
}

async fn cancel(
    State(state): State<AppState>,
    current: CurrentUser,
    Path(id): Path<String>,
    Form(confirmation): Form<Confirmation>,
) -> Result<Response, AppError> {
    let booking = own_booking(&state, &current, &id).await?;
    if !confirmation.given() {
        return render(&ConfirmPage {
            chrome: current.chrome().await?,
            heading: format!("Annuler le rendez-vous de {} ?", booking.name),
            consequence: format!(
                "Le créneau du {} est libéré ; la personne est prévenue si elle a laissé un moyen de la joindre.",
                when_words(booking.starts_at)
            ),
            action: format!("/espace/rendez-vous/{id}/annuler"),
            fields: Vec::new(),
            confirm_label: "Oui, annuler le rendez-vous".into(),
            cancel_href: back_to(&booking),
        });
    }
    use_case::cancel(&state.db, &booking, &state.courier()).await?;
    flash::set_text(&current.session, "Rendez-vous annulé.".to_owned()).await?;
    Ok(Redirect::to(&back_to(&booking)).into_response())
}
