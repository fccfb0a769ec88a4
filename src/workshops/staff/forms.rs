//! Planning pages: a new format (`/espace/ateliers/formats/nouveau`) and a
//! new session (`/espace/ateliers/seances/nouvelle`), which starts valid:
//! the first format, the structure's first place, next week at 14 h.

use axum::Router;
use axum::extract::{RawQuery, State};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::get;
use chrono::Datelike;

use super::views::{FormatFormPage, SessionFormPage, VenueOption};
use crate::app::AppState;
use crate::error::AppError;
use crate::mediation::fields::Fields;
use crate::mediation::record::Refused;
use crate::mediation::staff::activities::require_own;
use crate::mediation::staff::activity_form::choices;
use crate::mediation::vocabulary::{LEVELS, THEMES};
use crate::places::stops::store as stops_store;
use crate::validation::FormErrors;
use crate::web::{CurrentUser, Form, flash, render, render_refused};
use crate::workshops::model::GAME_KINDS;
use crate::workshops::planning;
use crate::workshops::store;

pub fn router() -> Router<AppState> {
    Router::new()
        .route(
            "/espace/ateliers/formats/nouveau",
            get(new_format).post(create_format),
        )
        .route(
            "/espace/ateliers/seances/nouvelle",
            get(new_session).post(create_session),
        )
}

fn format_page(chrome: crate::web::Chrome, fields: &Fields, errors: FormErrors) -> FormatFormPage {
    let one = |name: &str, default: &str| fields.one(name).unwrap_or(default).to_owned();
    FormatFormPage {
        chrome,
        errors,
        title: one("title", ""),
        description: one("description", ""),
        themes: choices(THEMES, &fields.all("themes")),
        levels: choices(LEVELS, &fields.all("level")),
        games: choices(GAME_KINDS, &fields.all("game_kind")),
        game_none: fields.one("game_kind").is_none_or(str::is_empty),
        level_none: fields.one("level").is_none_or(str::is_empty),
        duration_min: one("duration_min", "120"),
        capacity: one("capacity", "12"),
    }
}

async fn new_format(current: CurrentUser) -> Result<Response, AppError> {
    require_own(&current)?;
    let mut fields = Fields::default();
    fields.set("themes", "CultureNumerique");
    render(&format_page(
        current.chrome().await?,
        &fields,
        FormErrors::default(),
    ))
}

async fn create_format(
    State(state): State<AppState>,
    current: CurrentUser,
    Form(pairs): Form<Vec<(String, String)>>,
) -> Result<Response, AppError> {
    require_own(&current)?;
    let fields = Fields::from_filled_form(pairs);
    match planning::add_format(&state.db, &current.user, &fields).await {
        Ok(format) => {
            flash::set_text(
                &current.session,
                format!("Format « {} » ajouté.", format.format.title),
            )
            .await?;
            Ok(Redirect::to("/espace/ateliers").into_response())
        }
        Err(Refused::Invalid(errors)) => render_refused(&format_page(
            current.chrome().await?,
            &fields,
            FormErrors::from(errors),
        )),
        Err(Refused::Database(err)) => Err(err.into()),
    }
}

/// The structure's places and their stops to come, as one list: a place's
/// id, or `place|stop` for a stop.
async fn venues(
    state: &AppState,
    current: &CurrentUser,
    selected: &str,
) -> Result<Vec<VenueOption>, AppError> {
    let places =
        crate::places::store::of_organization(&state.db, &current.user.organization_id).await?;
    let today = crate::mediation::today();
    let mut options = Vec::new();
    for place in places {
        let id = place.place.id.clone();
        options.push(VenueOption {
            selected: selected == id,
            label: format!("{} ({})", place.place.nom, place.place.commune),
            value: id.clone(),
        });
        if !place.place.itinerance.is_empty() {
            for stop in stops_store::of_place(&state.db, &id, today)
                .await?
                .into_iter()
                .take(30)
            {
                let value = format!("{id}|{}", stop.id);
                options.push(VenueOption {
                    selected: selected == value,
                    label: format!(
                        "{} — {}, {}",
                        place.place.nom,
                        stop.when_words(),
                        stop.commune
                    ),
                    value,
                });
            }
        }
    }
    Ok(options)
}

async fn session_page(
    state: &AppState,
    current: &CurrentUser,
    fields: &Fields,
    errors: FormErrors,
) -> Result<SessionFormPage, AppError> {
    let formats = store::formats_of(&state.db, &current.user.organization_id).await?;
    let chosen_format = fields.one("format_id").unwrap_or_default();
    let venue = fields.one("venue").unwrap_or_default();
    let one = |name: &str, default: &str| fields.one(name).unwrap_or(default).to_owned();
    let next_week = crate::mediation::today() + chrono::Duration::days(7);
    let default_date = format!(
        "{:02}/{:02}/{}",
        next_week.day(),
        next_week.month(),
        next_week.year()
    );
    let mut format_options = vec![VenueOption {
        value: String::new(),
        label: "Aucun : je décris la séance ci-dessous".into(),
        selected: chosen_format.is_empty(),
    }];
    format_options.extend(formats.iter().map(|f| VenueOption {
        selected: f.id == chosen_format,
        label: format!(
            "{} ({} places, {} min)",
            f.format.title, f.format.capacity, f.format.duration_min
        ),
        value: f.id.clone(),
    }));
    Ok(SessionFormPage {
        chrome: current.chrome().await?,
        errors,
        formats: format_options,
        venues: venues(state, current, venue).await?,
        title: one("title", ""),
        description: one("description", ""),
        themes: choices(THEMES, &fields.all("themes")),
        date: one("date", &default_date),
        time: one("time", "14:00"),
        duration_min: one("duration_min", ""),
        capacity: one("capacity", ""),
        mediators: one("mediators", &current.user.display_name),
        from_format: !chosen_format.is_empty(),
    })
}

async fn new_session(
    State(state): State<AppState>,
    current: CurrentUser,
    RawQuery(raw): RawQuery,
) -> Result<Response, AppError> {
    require_own(&current)?;
    let pairs: Vec<(String, String)> =
        serde_urlencoded::from_str(&raw.unwrap_or_default()).unwrap_or_default();
    let mut fields = Fields::from_pairs(pairs);
    if !fields.has("format_id")
        && let Some(first) = store::formats_of(&state.db, &current.user.organization_id)
            .await?
            .first()
    {
        fields.set("format_id", first.id.clone());
    }
    render(&session_page(&state, &current, &fields, FormErrors::default()).await?)
}

/// The form's pairs as the use case reads them: empty inputs are not
/// given (the format's values apply), and `venue` is a place or a stop.
fn session_fields(pairs: Vec<(String, String)>) -> Fields {
    let mut fields = Fields::from_form(pairs.into_iter().filter(|(_, v)| !v.trim().is_empty()));
    if let Some(venue) = fields.one("venue").map(str::to_owned) {
        match venue.split_once('|') {
            Some((place, stop)) => {
                fields.set("place_id", place);
                fields.set("stop_id", stop);
            }
            None => fields.set("place_id", venue),
        }
    }
    fields
}

async fn create_session(
    State(state): State<AppState>,
    current: CurrentUser,
    Form(pairs): Form<Vec<(String, String)>>,
) -> Result<Response, AppError> {
    require_own(&current)?;
    let fields = session_fields(pairs);
    match planning::plan_session(&state.db, &current.user, &fields, chrono::Utc::now()).await {
        Ok(session) => {
            state.workshops.touch();
            flash::set_text(&current.session, "Séance programmée.".to_owned()).await?;
            Ok(Redirect::to(&format!("/espace/ateliers/seances/{}", session.id)).into_response())
        }
        Err(Refused::Invalid(errors)) => render_refused(
            &session_page(&state, &current, &fields, FormErrors::from(errors)).await?,
        ),
        Err(Refused::Database(err)) => Err(err.into()),
    }
}
