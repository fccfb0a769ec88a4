//! Public workshop routes. Registering and cancelling are the only forms a
//! visitor sends; both are limited per address and per contact
//! (`web::rate_limit`), and keep what was typed when refused.

use askama::Template;
use axum::Router;
use axum::body::Bytes;
use axum::extract::{Path, RawQuery, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};

use super::views::{BookingPage, PosterPage, SearchPage, SessionPage, SessionView};
use crate::app::AppState;
use crate::error::AppError;
use crate::i18n;
use crate::mediation::fields::Fields;
use crate::places::public::words::of;
use crate::territory::Communes;
use crate::validation::FormErrors;
use crate::web::confirm::{ConfirmPage, Confirmation};
use crate::web::encoding::Encoding;
use crate::web::query_params::first;
use crate::web::{Chrome, Form, render, render_refused};
use crate::workshops::booking::{self, Cancelled, Refused, Source};
use crate::workshops::model::Contact;
use crate::workshops::store::{self, SessionRecord, seat, status};
use crate::workshops::{calendar, messages};

/// How far around a commune sessions are listed.
const NEAR_KM: f64 = 40.0;
/// The most sessions a search lists.
const MOST: usize = 30;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/ateliers", get(search))
        .route("/ateliers/{id}", get(show))
        .route("/ateliers/{id}/inscription", post(register))
        .route("/ateliers/{id}/affiche", get(poster))
        .route("/ateliers/{id}/calendrier.ics", get(session_calendar))
        .route("/inscriptions/{link}", get(booking))
        .route("/inscriptions/{link}/annuler", post(cancel))
        .route("/inscriptions/{link}/calendrier.ics", get(booking_calendar))
        .route("/structures/{id}/ateliers.ics", get(feed))
}

async fn search(
    State(state): State<AppState>,
    headers: HeaderMap,
    RawQuery(raw): RawQuery,
) -> Result<Response, AppError> {
    const HTML: &str = "text/html; charset=utf-8";
    let raw = raw.unwrap_or_default();
    let now = chrono::Utc::now();
    let encoding = Encoding::accepted(&headers);
    let snapshot = state.workshops.get(&state.db).await?;
    let key = format!("ateliers-{}", i18n::current().code());
    if let Some(answer) = snapshot.answers.get(&key, encoding, &raw, now) {
        return Ok(encoding.respond(HTML, answer));
    }
    let chrome = Chrome::public();
    let q: String = first(Some(&raw), "q")
        .unwrap_or_default()
        .chars()
        .take(200)
        .collect();
    let mut page = SearchPage {
        chrome,
        q: q.clone(),
        q_error: None,
        around: None,
        sessions: Vec::new(),
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
                page.around = Some(format!("{} ({})", of(commune.nom()), commune.code_postal()));
                let mut near = snapshot.near(commune.latitude, commune.longitude, NEAR_KM, now);
                near.truncate(MOST);
                page.sessions = near
                    .into_iter()
                    .map(|(s, km)| SessionView::new(&page.chrome, s, Some(km)))
                    .collect();
            }
        }
    }
    let answer = encoding.encode(Bytes::from(page.render()?));
    snapshot
        .answers
        .put(&key, encoding, &raw, now, answer.clone());
    Ok(encoding.respond(HTML, answer))
}

/// A planned session anyone may see (cancelled and held ones too: a link
/// in a message must still say what happened).
async fn public_session(state: &AppState, id: &str) -> Result<SessionRecord, AppError> {
    store::find_public(&state.db, id)
        .await?
        .ok_or(AppError::NotFound)
}

fn open(session: &SessionRecord) -> bool {
    session.status == status::PLANNED && session.starts_at > chrono::Utc::now()
}

fn session_page(session: &SessionRecord, fields: &Fields, errors: FormErrors) -> SessionPage {
    let chrome = Chrome::public();
    let one = |name: &str| fields.one(name).unwrap_or_default().to_owned();
    SessionPage {
        session: SessionView::new(&chrome, session, None),
        calendar_href: chrome.link(&format!("/ateliers/{}/calendrier.ics", session.id)),
        poster_href: chrome.link(&format!("/ateliers/{}/affiche", session.id)),
        register_action: chrome.link(&format!("/ateliers/{}/inscription", session.id)),
        chrome,
        open: open(session),
        errors,
        name: one("name"),
        phone: one("phone"),
        email: one("email"),
        consent: fields.has("consent"),
    }
}

async fn show(State(state): State<AppState>, Path(id): Path<String>) -> Result<Response, AppError> {
    let session = public_session(&state, &id).await?;
    render(&session_page(
        &session,
        &Fields::default(),
        FormErrors::default(),
    ))
}

async fn register(
    State(state): State<AppState>,
    Path(id): Path<String>,
    Form(pairs): Form<Vec<(String, String)>>,
) -> Result<Response, AppError> {
    let session = public_session(&state, &id).await?;
    let fields = Fields::from_form(pairs);
    if let Ok(contact) = Contact::parse(&fields)
        && let Err(retry_after) = state.rate_limits.check_contact(&contact.key())
    {
        return Err(AppError::TooManyRequests { retry_after });
    }
    match booking::register(
        &state.db,
        &session,
        &fields,
        Source::Public,
        &state.courier(),
    )
    .await
    {
        Ok(registered) => {
            state.workshops.touch();
            let link = format!(
                "/inscriptions/{}?nouvelle=1",
                registered.registration.link_token
            );
            Ok(Redirect::to(&Chrome::public().link(&link)).into_response())
        }
        Err(Refused::Invalid(errors)) => {
            render_refused(&session_page(&session, &fields, FormErrors::from(errors)))
        }
        Err(Refused::Closed) => {
            let form_errors = FormErrors::from(vec![crate::validation::FieldError::new(
                "name",
                "registration-closed",
            )]);
            Ok((
                StatusCode::CONFLICT,
                axum::response::Html(session_page(&session, &fields, form_errors).render()?),
            )
                .into_response())
        }
        Err(Refused::Database(err)) => Err(err.into()),
    }
}

async fn poster(
    State(state): State<AppState>,
    Path(id): Path<String>,
) -> Result<Response, AppError> {
    let session = public_session(&state, &id).await?;
    let chrome = Chrome::public();
    render(&PosterPage {
        session: SessionView::new(&chrome, &session, None),
        address: format!("{}/ateliers/{}", state.config.links_origin(), session.id),
        chrome,
    })
}

async fn session_calendar(
    State(state): State<AppState>,
    Path(id): Path<String>,
) -> Result<Response, AppError> {
    let session = public_session(&state, &id).await?;
    Ok(calendar::attachment(
        calendar::of_session(&session, &state.config.links_origin()),
        "atelier",
    ))
}

/// The registration a link opens (404 for anything else).
async fn by_link(
    state: &AppState,
    link: &str,
) -> Result<(store::RegistrationRecord, SessionRecord), AppError> {
    if !crate::web::random::is_token(link) {
        return Err(AppError::NotFound);
    }
    let registration = store::registration_by_link(&state.db, link)
        .await?
        .ok_or(AppError::NotFound)?;
    let session = public_session(state, &registration.session_id).await?;
    Ok((registration, session))
}

async fn booking_page(
    state: &AppState,
    registration: &store::RegistrationRecord,
    session: &SessionRecord,
    just_made: bool,
) -> Result<BookingPage, AppError> {
    let chrome = Chrome::public();
    let started = session.starts_at <= chrono::Utc::now();
    let state_words = if session.status == status::CANCELLED {
        i18n::t("booking-session-cancelled")
    } else if registration.status == seat::CANCELLED {
        i18n::t("booking-cancelled")
    } else if started {
        i18n::t("booking-past")
    } else if registration.status == seat::WAITING {
        let rank = store::rank(&state.db, registration).await?;
        i18n::t_with("booking-waiting", &[("rank", rank.into())])
    } else {
        i18n::t("booking-confirmed")
    };
    let path = format!("/inscriptions/{}", registration.link_token);
    Ok(BookingPage {
        session: SessionView::new(&chrome, session, None),
        name: registration.name.clone(),
        state: state_words,
        can_cancel: registration.status != seat::CANCELLED
            && session.status == status::PLANNED
            && !started,
        just_made,
        address: format!("{}{path}", state.config.links_origin()),
        calendar_href: chrome.link(&format!("{path}/calendrier.ics")),
        cancel_action: chrome.link(&format!("{path}/annuler")),
        chrome,
    })
}

async fn booking(
    State(state): State<AppState>,
    Path(link): Path<String>,
    RawQuery(raw): RawQuery,
) -> Result<Response, AppError> {
    let (registration, session) = by_link(&state, &link).await?;
    let just_made = raw.unwrap_or_default().contains("nouvelle=1");
    render(&booking_page(&state, &registration, &session, just_made).await?)
}

async fn cancel(
    State(state): State<AppState>,
    Path(link): Path<String>,
    Form(confirmation): Form<Confirmation>,
) -> Result<Response, AppError> {
    let (registration, session) = by_link(&state, &link).await?;
    let page = booking_page(&state, &registration, &session, false).await?;
    if !page.can_cancel {
        // Cancelled already, or past: the booking's page says so plainly.
        return Ok((StatusCode::CONFLICT, axum::response::Html(page.render()?)).into_response());
    }
    if !confirmation.given() {
        return render(&ConfirmPage {
            chrome: Chrome::public(),
            heading: i18n::t("booking-cancel-question"),
            consequence: i18n::t_with(
                "booking-cancel-consequence",
                &[
                    ("title", session.title.clone().into()),
                    ("when", messages::when_words(&session).into()),
                ],
            ),
            action: page.cancel_action.clone(),
            fields: Vec::new(),
            confirm_label: i18n::t("booking-cancel-yes"),
            cancel_href: Chrome::public().link(&format!("/inscriptions/{link}")),
        });
    }
    match booking::cancel(&state.db, &registration, &state.courier()).await? {
        Cancelled::Done { .. } => state.workshops.touch(),
        Cancelled::Already => {}
    }
    Ok(Redirect::to(&Chrome::public().link(&format!("/inscriptions/{link}"))).into_response())
}

async fn booking_calendar(
    State(state): State<AppState>,
    Path(link): Path<String>,
) -> Result<Response, AppError> {
    let (registration, session) = by_link(&state, &link).await?;
    Ok(calendar::attachment(
        calendar::of_booking(&session, &registration, &state.config.links_origin()),
        "inscription",
    ))
}

/// A structure's sessions to come, as a feed to subscribe to.
async fn feed(State(state): State<AppState>, Path(id): Path<String>) -> Result<Response, AppError> {
    let organization = crate::organizations::store::find_by_reference(&state.db, &id)
        .await?
        .ok_or(AppError::NotFound)?;
    let sessions = store::sessions_of(
        &state.db,
        &organization.id,
        chrono::Utc::now() - chrono::Duration::days(7),
        500,
    )
    .await?;
    Ok(calendar::attachment(
        calendar::feed(&organization.name, &sessions, &state.config.links_origin()),
        "ateliers",
    ))
}
