//! The workshops' JSON API, under the same rules as the pages: anyone
//! reads the sessions to come and registers without an account (limited
//! per address and per contact); a structure's team plans sessions, reads
//! their lists and takes attendance with a personal token.

use axum::Router;
use axum::extract::{RawQuery, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use chrono::{DateTime, Utc};
use serde::Serialize;
use utoipa::{IntoParams, ToSchema};

use super::attendance::{self, Attendance};
use super::booking::{self, Refused, Source};
use super::store::{self, RegistrationRecord, SessionRecord, ends_at, seats_left, themes_of};
use super::{messages, planning};
use crate::api::caller::Caller;
use crate::app::AppState;
use crate::i18n;
use crate::mediation::api::body::{JsonBody, Kind, checked};
use crate::mediation::api::{created, own, refused};
use crate::mediation::fields::Fields;
use crate::territory::Communes;
use crate::validation::FieldError;
use crate::web::problem::{ApiError, ApiPath, Problem};

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/v1/sessions", get(list_sessions).post(create_session))
        .route("/v1/sessions/{id}", get(show_session))
        .route(
            "/v1/sessions/{id}/registrations",
            get(list_registrations).post(register),
        )
        .route("/v1/sessions/{id}/attendance", post(take_attendance))
}

/// A session as the API shows it (no personal data).
#[derive(Serialize, ToSchema)]
pub struct SessionJson {
    pub id: String,
    pub organization_id: String,
    pub title: String,
    pub description: String,
    /// Codes of the national model's themes.
    pub themes: Vec<String>,
    pub level: Option<String>,
    /// A media-education game's kind (`EscapeGame`, `MurderParty`…).
    pub game_kind: Option<String>,
    pub starts_at: DateTime<Utc>,
    pub ends_at: DateTime<Utc>,
    pub duration_min: i32,
    pub place_id: String,
    pub stop_id: Option<String>,
    /// Where, in words.
    pub location: String,
    pub commune: String,
    pub latitude: Option<f64>,
    pub longitude: Option<f64>,
    pub capacity: i32,
    pub confirmed: i32,
    pub waiting: i32,
    pub seats_left: u32,
    /// `planned`, `cancelled` or `held`.
    pub status: String,
    /// The public page, where people register.
    pub url: String,
}

impl SessionJson {
    fn new(session: &SessionRecord, origin: &str) -> Self {
        Self {
            id: session.id.clone(),
            organization_id: session.organization_id.clone(),
            title: session.title.clone(),
            description: session.description.clone(),
            themes: themes_of(session).iter().map(|t| (*t).to_owned()).collect(),
            level: session.level.clone(),
            game_kind: session.game_kind.clone(),
            starts_at: session.starts_at,
            ends_at: ends_at(session),
            duration_min: session.duration_min,
            place_id: session.place_id.clone(),
            stop_id: session.stop_id.clone(),
            location: session.location.clone(),
            commune: session.commune.clone(),
            latitude: session.latitude,
            longitude: session.longitude,
            capacity: session.capacity,
            confirmed: session.confirmed,
            waiting: session.waiting,
            seats_left: seats_left(session),
            status: session.status.clone(),
            url: format!("{origin}/ateliers/{}", session.id),
        }
    }
}

/// Sessions to come.
#[derive(Serialize, ToSchema)]
pub struct SessionsPage {
    pub sessions: Vec<SessionJson>,
}

/// A registration as its author sees it.
#[derive(Serialize, ToSchema)]
pub struct RegistrationJson {
    pub id: String,
    pub session_id: String,
    /// `confirmed` or `waiting` (or `cancelled`, for one found again).
    pub status: String,
    /// The rank on the waiting list (1 is next).
    pub rank: Option<u64>,
    /// The page to see or cancel the registration: keep it.
    pub link: String,
    /// The same person was already registered: this is that registration.
    pub already: bool,
}

/// A registration as the structure's team sees it.
#[derive(Serialize, ToSchema)]
pub struct RegistrantJson {
    pub id: String,
    pub name: String,
    pub phone: Option<String>,
    pub email: Option<String>,
    pub status: String,
    /// `public`, `staff` or `walk_in`.
    pub source: String,
    pub attended: Option<bool>,
    pub beneficiary_id: Option<String>,
}

impl From<&RegistrationRecord> for RegistrantJson {
    fn from(r: &RegistrationRecord) -> Self {
        Self {
            id: r.id.clone(),
            name: r.name.clone(),
            phone: r.phone.clone(),
            email: r.email.clone(),
            status: r.status.clone(),
            source: r.source.clone(),
            attended: r.attended,
            beneficiary_id: r.beneficiary_id.clone(),
        }
    }
}

/// A session's list.
#[derive(Serialize, ToSchema)]
pub struct RegistrantsPage {
    pub registrations: Vec<RegistrantJson>,
}

/// Attendance taken: the activity recorded.
#[derive(Serialize, ToSchema)]
pub struct AttendanceJson {
    pub activity_id: String,
    pub participants: u32,
}

/// A session to plan.
#[allow(dead_code)]
#[derive(ToSchema)]
pub struct SessionInput {
    /// A format of the structure: it gives what the body leaves out.
    format_id: Option<String>,
    /// Required without a format.
    title: Option<String>,
    description: Option<String>,
    /// Codes of the national model's themes (at least one without a format).
    themes: Option<Vec<String>>,
    level: Option<String>,
    game_kind: Option<String>,
    /// RFC 3339, in the future: `2026-12-15T14:00:00+01:00`.
    starts_at: DateTime<Utc>,
    /// 15 to 720; 120, or the format's, by default.
    duration_min: Option<u32>,
    /// 1 to 500; 12, or the format's, by default.
    capacity: Option<u32>,
    /// One of the structure's places; its first by default.
    place_id: Option<String>,
    /// A stop of that itinerant place.
    stop_id: Option<String>,
    mediators: Option<String>,
}

/// A registration, without an account.
#[allow(dead_code)]
#[derive(ToSchema)]
pub struct RegistrationInput {
    /// A first name or a nickname.
    name: String,
    /// A phone number, or an e-mail address: one is enough.
    phone: Option<String>,
    email: Option<String>,
    /// The person agrees to be contacted about this session: must be `true`.
    consent: bool,
}

/// Who came.
#[allow(dead_code)]
#[derive(ToSchema)]
pub struct AttendanceInput {
    /// Ids of the registrations of people who came.
    present: Option<Vec<String>>,
    /// Registration id → the person followed (beneficiary id) it is.
    people: Option<std::collections::BTreeMap<String, String>>,
    /// Names of people who came without registering.
    walk_ins: Option<Vec<String>>,
    /// People who came and gave no name.
    anonymous: Option<u32>,
}

/// Which sessions to list.
#[allow(dead_code)]
#[derive(IntoParams)]
#[into_params(parameter_in = Query)]
pub struct SessionListParams {
    /// Near this commune (name, postcode or INSEE code), within 40 km;
    /// every structure's sessions otherwise.
    commune: Option<String>,
}

const SESSION_MEMBERS: &[(&str, Kind)] = &[
    ("format_id", Kind::Text),
    ("title", Kind::Text),
    ("description", Kind::Text),
    ("themes", Kind::Texts),
    ("level", Kind::Code),
    ("game_kind", Kind::Code),
    ("starts_at", Kind::Instant),
    ("duration_min", Kind::Integer),
    ("capacity", Kind::Integer),
    ("place_id", Kind::Text),
    ("stop_id", Kind::Text),
    ("mediators", Kind::Text),
];

const REGISTRATION_MEMBERS: &[(&str, Kind)] = &[
    ("name", Kind::Text),
    ("phone", Kind::Text),
    ("email", Kind::Text),
    ("consent", Kind::Boolean),
];

const ATTENDANCE_MEMBERS: &[(&str, Kind)] = &[
    ("present", Kind::Texts),
    ("people", Kind::Links),
    ("walk_ins", Kind::Texts),
    ("anonymous", Kind::Integer),
];

fn no_session(id: &str) -> ApiError {
    ApiError::NotFound(i18n::t_with(
        "problem-no-session",
        &[("id", crate::text::cut(id, 120).into())],
    ))
}

async fn own_session(
    state: &AppState,
    caller: &Caller,
    id: &str,
) -> Result<SessionRecord, ApiError> {
    own(caller)?;
    store::find_session(&state.db, &caller.user.organization_id, id)
        .await?
        .ok_or_else(|| no_session(id))
}

#[utoipa::path(get, path = "/api/v1/sessions", tag = "ateliers", summary = "Les séances à venir",
    description = "Les séances prévues et pas encore terminées, les plus proches dans le temps d’abord ; près d’une commune si elle est donnée. Sans compte.",
    params(SessionListParams),
    responses(
        (status = 200, description = "Les séances.", body = SessionsPage),
        (status = 400, description = "Commune inconnue.", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn list_sessions(
    State(state): State<AppState>,
    RawQuery(raw): RawQuery,
) -> Result<Response, ApiError> {
    let commune =
        crate::web::query_params::first(raw.as_deref(), "commune").filter(|v| !v.is_empty());
    let snapshot = state.workshops.get(&state.db).await?;
    let now = Utc::now();
    let origin = state.config.links_origin();
    let sessions: Vec<SessionJson> = match commune {
        Some(typed) => {
            let Some(found) = Communes::get().resolve(&typed).first().copied() else {
                return Err(ApiError::invalid(
                    FieldError::new("commune", "api-unknown-commune").with_value(&typed),
                ));
            };
            snapshot
                .near(found.latitude, found.longitude, 40.0, now)
                .into_iter()
                .take(200)
                .map(|(s, _)| SessionJson::new(s, &origin))
                .collect()
        }
        None => snapshot
            .sessions
            .iter()
            .filter(|s| ends_at(s) > now)
            .take(200)
            .map(|s| SessionJson::new(s, &origin))
            .collect(),
    };
    Ok(axum::Json(SessionsPage { sessions }).into_response())
}

#[utoipa::path(post, path = "/api/v1/sessions", tag = "ateliers", summary = "Programmer une séance",
    request_body(content = SessionInput, content_type = "application/json"),
    responses(
        (status = 201, description = "La séance programmée ; son adresse dans l’en-tête Location.", body = SessionJson, headers(("Location" = String, description = "L’adresse de la séance."))),
        (status = 403, description = "Compte sans accès aux ateliers d’une structure (réseau, administration), ou écriture d’un navigateur sans jeton CSRF.", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Des champs sont refusés : `errors` les nomme tous.", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []))
)]
pub async fn create_session(
    State(state): State<AppState>,
    caller: Caller,
    JsonBody(body): JsonBody,
) -> Result<Response, ApiError> {
    own(&caller)?;
    let now = Utc::now();
    let fields = checked(&body, SESSION_MEMBERS, |fields| {
        super::model::SessionPlan::parse(fields, None, now)
            .err()
            .unwrap_or_default()
            .into_iter()
            // Without a format, title and themes are asked for; with one,
            // the use case knows better.
            .filter(|e| {
                fields.one("format_id").is_none() || !matches!(e.field.as_ref(), "title" | "themes")
            })
            .collect()
    })?;
    let session = planning::plan_session(&state.db, &caller.user, &fields, now)
        .await
        .map_err(refused)?;
    state.workshops.touch();
    Ok(created(
        format!("/api/v1/sessions/{}", session.id),
        &SessionJson::new(&session, &state.config.links_origin()),
    ))
}

#[utoipa::path(get, path = "/api/v1/sessions/{id}", tag = "ateliers", summary = "Une séance",
    description = "Sans compte : ses places, inscrits et personnes en attente, jamais leurs noms.",
    params(("id" = String, Path, description = "L’identifiant de la séance.")),
    responses(
        (status = 200, description = "La séance.", body = SessionJson),
        (status = 404, description = "Aucune séance n’a cet identifiant.", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn show_session(
    State(state): State<AppState>,
    ApiPath(id): ApiPath<String>,
) -> Result<Response, ApiError> {
    let session = store::find_public(&state.db, &id)
        .await?
        .ok_or_else(|| no_session(&id))?;
    Ok(axum::Json(SessionJson::new(&session, &state.config.links_origin())).into_response())
}

#[utoipa::path(post, path = "/api/v1/sessions/{id}/registrations", tag = "ateliers", summary = "S’inscrire à une séance",
    description = "Sans compte. Une place si une est libre, sinon la liste d’attente (avec son rang). La même personne (même téléphone ou e-mail) inscrite deux fois retrouve sa première inscription (200). Limité par adresse et par contact (429).",
    params(("id" = String, Path, description = "L’identifiant de la séance.")),
    request_body(content = RegistrationInput, content_type = "application/json"),
    responses(
        (status = 201, description = "L’inscription ; `link` permet de la revoir ou de l’annuler.", body = RegistrationJson),
        (status = 200, description = "Déjà inscrit·e : l’inscription existante.", body = RegistrationJson),
        (status = 404, description = "Aucune séance n’a cet identifiant.", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Les inscriptions sont fermées (séance commencée, tenue ou annulée).", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Des champs sont refusés : `errors` les nomme tous.", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn register(
    State(state): State<AppState>,
    ApiPath(id): ApiPath<String>,
    JsonBody(body): JsonBody,
) -> Result<Response, ApiError> {
    let session = store::find_public(&state.db, &id)
        .await?
        .ok_or_else(|| no_session(&id))?;
    let fields = checked(&body, REGISTRATION_MEMBERS, |fields| {
        super::model::Contact::parse(fields)
            .err()
            .unwrap_or_default()
    })?;
    if let Ok(contact) = super::model::Contact::parse(&fields)
        && let Err(retry_after) = state.rate_limits.check_contact(&contact.key())
    {
        return Err(ApiError::TooManyRequests { retry_after });
    }
    let registered = match booking::register(
        &state.db,
        &session,
        &fields,
        Source::Public,
        &state.courier(),
    )
    .await
    {
        Ok(registered) => registered,
        Err(Refused::Invalid(errors)) => return Err(ApiError::Unprocessable(errors)),
        Err(Refused::Closed) => return Err(ApiError::Conflict(i18n::t("problem-session-closed"))),
        Err(Refused::Database(err)) => return Err(err.into()),
    };
    state.workshops.touch();
    let status = if registered.already {
        StatusCode::OK
    } else {
        StatusCode::CREATED
    };
    Ok((
        status,
        axum::Json(RegistrationJson {
            link: messages::link(&state.config.links_origin(), &registered.registration),
            id: registered.registration.id,
            session_id: registered.session.id,
            status: registered.registration.status,
            rank: registered.rank,
            already: registered.already,
        }),
    )
        .into_response())
}

#[utoipa::path(get, path = "/api/v1/sessions/{id}/registrations", tag = "ateliers", summary = "La liste d’une séance",
    params(("id" = String, Path, description = "L’identifiant de la séance.")),
    responses(
        (status = 200, description = "Les inscriptions, dans l’ordre d’arrivée.", body = RegistrantsPage),
        (status = 403, description = "Compte sans accès aux ateliers d’une structure.", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "Aucune séance de votre structure n’a cet identifiant.", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []))
)]
pub async fn list_registrations(
    State(state): State<AppState>,
    caller: Caller,
    ApiPath(id): ApiPath<String>,
) -> Result<Response, ApiError> {
    let session = own_session(&state, &caller, &id).await?;
    let registrations = store::registrations_of(&state.db, &session.id).await?;
    Ok(axum::Json(RegistrantsPage {
        registrations: registrations.iter().map(RegistrantJson::from).collect(),
    })
    .into_response())
}

#[utoipa::path(post, path = "/api/v1/sessions/{id}/attendance", tag = "ateliers", summary = "Prendre les présences",
    description = "Une fois la séance commencée, une seule fois : enregistre l’activité collective (date, durée, lieu, thèmes, participants).",
    params(("id" = String, Path, description = "L’identifiant de la séance.")),
    request_body(content = AttendanceInput, content_type = "application/json"),
    responses(
        (status = 201, description = "L’activité enregistrée.", body = AttendanceJson, headers(("Location" = String, description = "L’adresse de l’activité."))),
        (status = 403, description = "Compte sans accès aux ateliers d’une structure, ou écriture d’un navigateur sans jeton CSRF.", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "Aucune séance de votre structure n’a cet identifiant.", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Refusé : `errors` dit pourquoi (séance pas commencée, présences déjà prises, personne inconnue…).", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []))
)]
pub async fn take_attendance(
    State(state): State<AppState>,
    caller: Caller,
    ApiPath(id): ApiPath<String>,
    JsonBody(body): JsonBody,
) -> Result<Response, ApiError> {
    let session = own_session(&state, &caller, &id).await?;
    let fields: Fields = checked(&body, ATTENDANCE_MEMBERS, |fields| {
        Attendance::parse(fields).err().unwrap_or_default()
    })?;
    let attendance = Attendance::parse(&fields).map_err(ApiError::Unprocessable)?;
    let activity = attendance::take(&state.db, &caller.user, &session, &attendance, Utc::now())
        .await
        .map_err(refused)?;
    state.workshops.touch();
    Ok(created(
        format!("/api/v1/activities/{}", activity.id),
        &AttendanceJson {
            activity_id: activity.id,
            participants: activity.activity.participants,
        },
    ))
}
