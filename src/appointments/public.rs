//! Public appointment pages: `/rendez-vous?q=…` (places that receive by
//! appointment near a commune), `/lieux/{id}/rendez-vous` (a week of free
//! slots and the form: a reason, a name, a phone or an e-mail), and
//! `/rendez-vous/{link}` (see, add to a calendar, cancel). No account, no
//! JavaScript, no cookie.

use askama::Template;
use axum::Router;
use axum::extract::{Path, RawQuery, State};
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use chrono::{Datelike, Duration, TimeZone, Utc};
use chrono_tz::Europe::Paris;
use icalendar::{Calendar, Component, Event, EventLike};

use super::booking::{self as use_case, AHEAD_DAYS, Refused, when_words};
use super::store::{self, BookingRecord, status};
use crate::app::AppState;
use crate::error::AppError;
use crate::i18n;
use crate::mediation::fields::Fields;
use crate::mediation::vocabulary::{GENERAL_THEMES, THEMES};
use crate::places::hours;
use crate::territory::Communes;
use crate::validation::{FieldError, FormErrors};
use crate::web::confirm::{ConfirmPage, Confirmation};
use crate::web::query_params::first;
use crate::web::{Chrome, Form, render, render_refused};
use crate::workshops::model::Contact;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/rendez-vous", get(search))
        .route("/lieux/{id}/rendez-vous", get(place_page).post(book))
        .route("/rendez-vous/{link}", get(show))
        .route("/rendez-vous/{link}/annuler", post(cancel))
        .route("/rendez-vous/{link}/calendrier.ics", get(calendar))
}

/// A place that receives by appointment, in a list.
pub struct PlaceRow {
    pub name: String,
    pub address: String,
    pub distance: String,
    pub href: String,
}

#[derive(Template)]
#[template(path = "appointments/search.html")]
pub struct SearchPage {
    pub chrome: Chrome,
    pub q: String,
    pub q_error: Option<String>,
    pub around: Option<String>,
    pub places: Vec<PlaceRow>,
}

/// One day's free slots: (the slot's start in Unix seconds, « 14 h », checked).
pub struct Day {
    pub label: String,
    pub slots: Vec<(String, String, bool)>,
}

#[derive(Template)]
#[template(path = "appointments/place.html")]
pub struct PlacePage {
    pub chrome: Chrome,
    pub place_name: String,
    pub address: String,
    pub days: Vec<Day>,
    pub previous_href: Option<String>,
    pub next_href: Option<String>,
    pub action: String,
    pub reasons: Vec<crate::web::Choice>,
    pub errors: FormErrors,
    pub name: String,
    pub phone: String,
    pub email: String,
    pub consent: bool,
    pub offered: bool,
}

#[derive(Template)]
#[template(path = "appointments/booking.html")]
pub struct BookingPage {
    pub chrome: Chrome,
    pub state: String,
    pub when: String,
    pub place: String,
    pub reason: String,
    pub name: String,
    pub just_made: bool,
    pub can_cancel: bool,
    pub address: String,
    pub calendar_href: String,
    pub cancel_action: String,
}

async fn search(
    State(state): State<AppState>,
    RawQuery(raw): RawQuery,
) -> Result<Response, AppError> {
    let q: String = first(raw.as_deref(), "q")
        .unwrap_or_default()
        .chars()
        .take(200)
        .collect();
    let chrome = Chrome::public();
    let mut page = SearchPage {
        chrome,
        q: q.clone(),
        q_error: None,
        around: None,
        places: Vec::new(),
    };
    if !q.is_empty() {
        match Communes::get().resolve(&q).first() {
            None => {
                page.q_error = Some(i18n::t_with(
                    "search-no-commune",
                    &[("query", crate::text::cut(&q, 80).into())],
                ));
            }
            Some(commune) => {
                page.around = Some(format!(
                    "{} ({})",
                    crate::places::public::words::of(commune.nom()),
                    commune.code_postal()
                ));
                let mut found = Vec::new();
                for schedule in store::all_schedules(&state.db).await? {
                    let Some(place) =
                        crate::places::store::find(&state.db, &schedule.place_id).await?
                    else {
                        continue;
                    };
                    let p = place.place;
                    let (Some(lat), Some(lon)) = (p.latitude, p.longitude) else {
                        continue;
                    };
                    let km = crate::places::index::haversine_km(
                        (commune.latitude, commune.longitude),
                        (lat, lon),
                    );
                    if km <= 40.0 {
                        found.push((km, p));
                    }
                }
                found.sort_by(|a, b| a.0.total_cmp(&b.0));
                page.places = found
                    .into_iter()
                    .take(30)
                    .map(|(km, p)| PlaceRow {
                        href: page.chrome.link(&format!("/lieux/{}/rendez-vous", p.id)),
                        address: p.postal_address(),
                        distance: crate::places::public::words::distance_words(km),
                        name: p.nom,
                    })
                    .collect();
            }
        }
    }
    render(&page)
}

fn reasons(chosen: &str) -> Vec<crate::web::Choice> {
    THEMES
        .entries
        .iter()
        .take(GENERAL_THEMES)
        .map(|(code, label)| crate::web::Choice {
            value: (*code).to_owned(),
            label: (*label).to_owned(),
            checked: *code == chosen,
        })
        .collect()
}

/// The most slots one page offers: a phone's screenful or two, and a
/// page that stays light whatever the hours.
const SLOTS_PER_PAGE: usize = 48;

/// The page of a place's slots from `day` on: whole days, up to
/// [`SLOTS_PER_PAGE`] slots, within a week.
async fn slots_page(
    state: &AppState,
    place_id: &str,
    day: chrono::NaiveDate,
    fields: &Fields,
    errors: FormErrors,
) -> Result<PlacePage, AppError> {
    let place = crate::places::store::find(&state.db, place_id)
        .await?
        .ok_or(AppError::NotFound)?;
    let schedule = store::schedule_of_place(&state.db, place_id).await?;
    let chrome = Chrome::public();
    let today = crate::mediation::today();
    let last = today + Duration::days(AHEAD_DAYS - 1);
    let day = day.clamp(today, last);
    let from = Paris
        .from_local_datetime(&day.and_time(chrono::NaiveTime::MIN))
        .earliest()
        .map_or_else(Utc::now, |t| t.with_timezone(&Utc))
        .max(Utc::now());
    // The form sends a slot's start; the place gives its schedule.
    let chosen = fields
        .one("slot_id")
        .map(|raw| raw.rsplit('~').next().unwrap_or(raw).to_owned())
        .unwrap_or_default();
    let mut days: Vec<Day> = Vec::new();
    let mut next_day = None;
    if let Some(schedule) = &schedule {
        let mut shown = 0;
        let free =
            use_case::free_slots(&state.db, schedule, from, from + Duration::days(7)).await?;
        for slot in free {
            use chrono::Timelike;
            let local = slot.starts_at.with_timezone(&Paris);
            let label = i18n::t_with(
                "appointment-day",
                &[
                    ("weekday", hours::day_name(local.weekday()).into()),
                    ("day", local.day().to_string().into()),
                    ("month", hours::month_name(local.month()).into()),
                ],
            );
            let starts = slot.starts_at.timestamp().to_string();
            let entry = (
                starts.clone(),
                hours::clock(local.hour() as u8, local.minute() as u8),
                starts == chosen,
            );
            match days.last_mut() {
                Some(current) if current.label == label => current.slots.push(entry),
                _ if shown >= SLOTS_PER_PAGE => {
                    next_day = Some(local.date_naive());
                    break;
                }
                _ => days.push(Day {
                    label,
                    slots: vec![entry],
                }),
            }
            shown += 1;
        }
    }
    let next_day = next_day
        .or_else(|| Some(day + Duration::days(7)))
        .filter(|d| *d <= last);
    let href =
        |d: chrono::NaiveDate| chrome.link(&format!("/lieux/{place_id}/rendez-vous?jour={d}"));
    let one = |name: &str| fields.one(name).unwrap_or_default().to_owned();
    let p = &place.place;
    Ok(PlacePage {
        place_name: p.nom.clone(),
        address: p.postal_address(),
        days,
        previous_href: (day > today).then(|| href((day - Duration::days(7)).max(today))),
        next_href: next_day.map(href),
        action: chrome.link(&format!("/lieux/{place_id}/rendez-vous")),
        reasons: reasons(fields.one("reason").unwrap_or_default()),
        errors,
        name: one("name"),
        phone: one("phone"),
        email: one("email"),
        consent: fields.has("consent"),
        offered: schedule.is_some(),
        chrome,
    })
}

async fn place_page(
    State(state): State<AppState>,
    Path(id): Path<String>,
    RawQuery(raw): RawQuery,
) -> Result<Response, AppError> {
    let day = first(raw.as_deref(), "jour")
        .and_then(|v| crate::text::typed_date(&v))
        .unwrap_or_else(crate::mediation::today);
    render(&slots_page(&state, &id, day, &Fields::default(), FormErrors::default()).await?)
}

async fn book(
    State(state): State<AppState>,
    Path(id): Path<String>,
    Form(pairs): Form<Vec<(String, String)>>,
) -> Result<Response, AppError> {
    let mut fields = Fields::from_form(pairs);
    let today = crate::mediation::today();
    // The page sends a slot's start: this place names the schedule, and
    // a slot of another place's schedule is not one of this page's.
    let schedule = store::schedule_of_place(&state.db, &id).await?;
    if let Some(sent) = fields.one("slot_id").map(str::to_owned) {
        let starts = sent.rsplit('~').next().unwrap_or(&sent).to_owned();
        match &schedule {
            Some(schedule)
                if !sent.contains('~') || sent.starts_with(&format!("{}~", schedule.id)) =>
            {
                fields.set("slot_id", format!("{}~{starts}", schedule.id));
            }
            _ => fields.set("slot_id", "-"),
        }
    }
    if let Ok(contact) = Contact::parse(&fields)
        && let Err(retry_after) = state.rate_limits.check_contact(&contact.key())
    {
        return Err(AppError::TooManyRequests { retry_after });
    }
    match use_case::book(&state.db, &fields, &state.courier(), Utc::now()).await {
        Ok(booking) => Ok(Redirect::to(
            &Chrome::public().link(&format!("/rendez-vous/{}?nouveau=1", booking.link_token)),
        )
        .into_response()),
        Err(Refused::Invalid(errors)) => render_refused(
            &slots_page(&state, &id, today, &fields, FormErrors::from(errors)).await?,
        ),
        Err(Refused::Taken) => {
            let mut fields = fields.clone();
            fields.set("slot_id", "");
            let page = slots_page(
                &state,
                &id,
                today,
                &fields,
                FormErrors::from(vec![FieldError::new("slot_id", "booking-slot-taken")]),
            )
            .await?;
            Ok((StatusCode::CONFLICT, Html(page.render()?)).into_response())
        }
        Err(Refused::Database(err)) => Err(err.into()),
    }
}

async fn by_link(state: &AppState, link: &str) -> Result<BookingRecord, AppError> {
    if !crate::web::random::is_token(link) {
        return Err(AppError::NotFound);
    }
    store::booking_by_link(&state.db, link)
        .await?
        .ok_or(AppError::NotFound)
}

async fn booking_page(
    state: &AppState,
    booking: &BookingRecord,
    just_made: bool,
) -> Result<BookingPage, AppError> {
    let chrome = Chrome::public();
    let started = booking.starts_at <= Utc::now();
    let words = match booking.status.as_str() {
        status::CANCELLED => i18n::t("appointment-cancelled"),
        _ if started => i18n::t("appointment-past"),
        _ => i18n::t("appointment-booked"),
    };
    let place = crate::places::store::find(&state.db, &booking.place_id)
        .await?
        .map(|p| format!("{}, {}", p.place.nom, p.place.postal_address()))
        .unwrap_or_default();
    let path = format!("/rendez-vous/{}", booking.link_token);
    Ok(BookingPage {
        state: words,
        when: when_words(booking.starts_at),
        place,
        reason: THEMES.label(&booking.reason).to_owned(),
        name: booking.name.clone(),
        just_made,
        can_cancel: booking.status == status::BOOKED && !started,
        address: format!("{}{path}", state.config.links_origin()),
        calendar_href: chrome.link(&format!("{path}/calendrier.ics")),
        cancel_action: chrome.link(&format!("{path}/annuler")),
        chrome,
    })
}

async fn show(
    State(state): State<AppState>,
    Path(link): Path<String>,
    RawQuery(raw): RawQuery,
) -> Result<Response, AppError> {
    let booking = by_link(&state, &link).await?;
    let just_made = raw.unwrap_or_default().contains("nouveau=1");
    render(&booking_page(&state, &booking, just_made).await?)
}

async fn cancel(
    State(state): State<AppState>,
    Path(link): Path<String>,
    Form(confirmation): Form<Confirmation>,
) -> Result<Response, AppError> {
    let booking = by_link(&state, &link).await?;
    let page = booking_page(&state, &booking, false).await?;
    if !page.can_cancel {
        return Ok((StatusCode::CONFLICT, Html(page.render()?)).into_response());
    }
    if !confirmation.given() {
        return render(&ConfirmPage {
            chrome: Chrome::public(),
            heading: i18n::t("appointment-cancel-question"),
            consequence: i18n::t_with(
                "appointment-cancel-consequence",
                &[("when", when_words(booking.starts_at).into())],
            ),
            action: page.cancel_action.clone(),
            fields: Vec::new(),
            confirm_label: i18n::t("appointment-cancel-yes"),
            cancel_href: Chrome::public().link(&format!("/rendez-vous/{link}")),
        });
    }
    use_case::cancel(&state.db, &booking, &state.courier()).await?;
    Ok(Redirect::to(&Chrome::public().link(&format!("/rendez-vous/{link}"))).into_response())
}

async fn calendar(
    State(state): State<AppState>,
    Path(link): Path<String>,
) -> Result<Response, AppError> {
    let booking = by_link(&state, &link).await?;
    let page = booking_page(&state, &booking, false).await?;
    let mut event = Event::new();
    event
        .uid(&format!("{}@maille", booking.id))
        .timestamp(booking.updated_at)
        .summary(&i18n::t_with(
            "appointment-calendar-summary",
            &[("reason", page.reason.clone().into())],
        ))
        .starts(booking.starts_at)
        .ends(booking.starts_at + Duration::minutes(i64::from(booking.duration_min)))
        .location(&page.place)
        .description(&i18n::t_with(
            "calendar-booking-note",
            &[("link", page.address.clone().into())],
        ))
        .url(&page.address);
    let mut calendar = Calendar::new();
    calendar.push(event.done());
    Ok(crate::workshops::calendar::attachment(
        calendar.done().to_string(),
        "rendez-vous",
    ))
}
