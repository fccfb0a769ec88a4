//! The mediation JSON API: activities, people followed (with consent),
//! their goals and progression, and figures. Every operation needs an
//! account (a personal token, or a browser's session) and follows the same
//! rules as the pages: a structure's own data for its team (another
//! structure's record: 404), aggregates only for a network.

pub mod doc;

use axum::Router;
use axum::body::to_bytes;
use axum::extract::{FromRequest, RawQuery, Request, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use serde_json::Value;

use crate::api::caller::Caller;
use crate::app::AppState;
use crate::authz::Action;
use crate::i18n;
use crate::journal::{Actor, BeneficiaryAccess};
use crate::mediation::fields::Fields;
use crate::mediation::figures::{self, Scope};
use crate::mediation::json::{ActivityJson, AssessmentJson, BeneficiaryJson, ExportJson, GoalJson};
use crate::mediation::people_store;
use crate::mediation::record::{self, Refused};
use crate::mediation::store::{self, Filter};
use crate::mediation::vocabulary::{KINDS, THEMES};
use crate::mediation::{people, today};
use crate::validation::FieldError;
use crate::web::problem::{ApiError, ApiPath, Problem};
use crate::web::query_params::QueryParams;
use doc::{ActivitiesPage, ActivityListParams, BeneficiariesPage, StatsAnswer, StatsParams};

/// The largest body read.
const MAX_BODY: usize = 64 * 1024;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/v1/activities", get(list_activities).post(create_activity))
        .route(
            "/v1/activities/{id}",
            get(show_activity)
                .put(update_activity)
                .delete(delete_activity),
        )
        .route("/v1/stats/activities", get(stats))
        .route(
            "/v1/beneficiaries",
            get(list_beneficiaries).post(create_beneficiary),
        )
        .route(
            "/v1/beneficiaries/{id}",
            get(show_beneficiary)
                .put(update_beneficiary)
                .delete(delete_beneficiary),
        )
        .route("/v1/beneficiaries/{id}/export", get(export_beneficiary))
        .route(
            "/v1/beneficiaries/{id}/progression",
            get(list_progression).post(add_progression),
        )
        .route("/v1/beneficiaries/{id}/goals", post(add_goal))
}

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
enum Kind {
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
        }
    }

    /// What is expected, in words (the message's argument).
    fn expected(self) -> &'static str {
        match self {
            Self::Text => "un texte",
            Self::Code => "un des codes de la liste",
            Self::Day => "une date AAAA-MM-JJ",
            Self::Id => "un identifiant (UUID)",
            Self::Integer => "un nombre entier",
            Self::Boolean => "true ou false",
            Self::Texts => "une liste de codes",
            Self::Counts => "un objet de nombres entiers",
        }
    }
}

/// The body as [`Fields`], once each member is known and of its JSON type:
/// a typo or a wrong type is refused by name, never silently dropped. When
/// some are, `parse` reads the others so that one answer names every field
/// to correct.
fn checked(
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

fn activity_errors(fields: &Fields) -> Vec<FieldError> {
    crate::mediation::activity::Activity::parse(fields, today())
        .err()
        .unwrap_or_default()
}

fn beneficiary_errors(fields: &Fields) -> Vec<FieldError> {
    crate::mediation::beneficiary::Beneficiary::parse(fields, today())
        .err()
        .unwrap_or_default()
}

fn assessment_errors(fields: &Fields) -> Vec<FieldError> {
    crate::mediation::beneficiary::Assessment::parse(fields, today())
        .err()
        .unwrap_or_default()
}

fn goal_errors(fields: &Fields) -> Vec<FieldError> {
    crate::mediation::beneficiary::Goal::parse(fields)
        .err()
        .unwrap_or_default()
}

const ACTIVITY_MEMBERS: &[(&str, Kind)] = &[
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
const BENEFICIARY_MEMBERS: &[(&str, Kind)] = &[
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
const ASSESSMENT_MEMBERS: &[(&str, Kind)] = &[
    ("competence", Kind::Code),
    ("level", Kind::Integer),
    ("assessor", Kind::Code),
    ("assessed_on", Kind::Day),
];
const GOAL_MEMBERS: &[(&str, Kind)] = &[("text", Kind::Text), ("status", Kind::Code)];

fn refused(refusal: Refused) -> ApiError {
    match refusal {
        Refused::Invalid(errors) => ApiError::Unprocessable(errors),
        Refused::Database(err) => err.into(),
    }
}

fn no_activity(id: &str) -> ApiError {
    ApiError::NotFound(i18n::t_with(
        "problem-no-activity",
        &[("id", crate::text::cut(id, 120).into())],
    ))
}

fn no_beneficiary(id: &str) -> ApiError {
    ApiError::NotFound(i18n::t_with(
        "problem-no-beneficiary",
        &[("id", crate::text::cut(id, 120).into())],
    ))
}

/// The caller's own personal data, or 403 (a network reads aggregates only).
fn own(caller: &Caller) -> Result<(), ApiError> {
    caller.require(Action::ReadPersonalDataOf(&caller.user.organization_id))
}

fn created(location: String, body: &impl serde::Serialize) -> Response {
    (
        StatusCode::CREATED,
        [(header::LOCATION, location)],
        axum::Json(body),
    )
        .into_response()
}

#[utoipa::path(post, path = "/api/v1/activities", tag = "activites", summary = "Enregistrer une activité",
    request_body(content = doc::ActivityInput, content_type = "application/json"),
    responses(
        (status = 201, description = "L’activité enregistrée ; son adresse dans l’en-tête Location.", body = ActivityJson, headers(("Location" = String, description = "L’adresse de l’activité."))),
        (status = 400, description = "Le corps n’est pas un objet JSON de moins de 64 Kio.", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "Jeton absent, inconnu, expiré ou révoqué.", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Compte sans accès aux activités d’une structure (réseau, administration), ou écriture d’un navigateur sans jeton CSRF.", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Des champs sont refusés : `errors` les nomme tous.", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []))
)]
pub async fn create_activity(
    State(state): State<AppState>,
    caller: Caller,
    JsonBody(body): JsonBody,
) -> Result<Response, ApiError> {
    own(&caller)?;
    let fields = checked(&body, ACTIVITY_MEMBERS, activity_errors)?;
    let record = record::record(&state.db, &caller.user, &fields, today())
        .await
        .map_err(refused)?;
    Ok(created(
        format!("/api/v1/activities/{}", record.id),
        &ActivityJson::from(&record),
    ))
}

#[utoipa::path(get, path = "/api/v1/activities/{id}", tag = "activites", summary = "Une activité",
    params(("id" = String, Path, description = "L’identifiant de l’activité.")),
    responses(
        (status = 200, description = "L’activité.", body = ActivityJson),
        (status = 401, description = "Jeton absent, inconnu, expiré ou révoqué.", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Compte sans accès aux activités d’une structure.", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "Aucune activité de votre structure n’a cet identifiant.", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []))
)]
pub async fn show_activity(
    State(state): State<AppState>,
    caller: Caller,
    ApiPath(id): ApiPath<String>,
) -> Result<Response, ApiError> {
    own(&caller)?;
    let record = store::find(&state.db, &caller.user.organization_id, &id)
        .await?
        .ok_or_else(|| no_activity(&id))?;
    Ok(axum::Json(ActivityJson::from(&record)).into_response())
}

#[utoipa::path(put, path = "/api/v1/activities/{id}", tag = "activites", summary = "Modifier une activité (tous ses champs)",
    params(("id" = String, Path, description = "L’identifiant de l’activité.")),
    request_body(content = doc::ActivityInput, content_type = "application/json"),
    responses(
        (status = 200, description = "L’activité modifiée.", body = ActivityJson),
        (status = 400, description = "Le corps n’est pas un objet JSON de moins de 64 Kio.", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "Jeton absent, inconnu, expiré ou révoqué.", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Compte sans accès aux activités d’une structure, ou écriture d’un navigateur sans jeton CSRF.", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "Aucune activité de votre structure n’a cet identifiant.", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Des champs sont refusés : `errors` les nomme tous.", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []))
)]
pub async fn update_activity(
    State(state): State<AppState>,
    caller: Caller,
    ApiPath(id): ApiPath<String>,
    JsonBody(body): JsonBody,
) -> Result<Response, ApiError> {
    own(&caller)?;
    let fields = checked(&body, ACTIVITY_MEMBERS, activity_errors)?;
    let record = record::change(&state.db, &caller.user, &id, &fields, today())
        .await
        .map_err(refused)?
        .ok_or_else(|| no_activity(&id))?;
    Ok(axum::Json(ActivityJson::from(&record)).into_response())
}

#[utoipa::path(delete, path = "/api/v1/activities/{id}", tag = "activites", summary = "Supprimer une activité",
    params(("id" = String, Path, description = "L’identifiant de l’activité.")),
    responses(
        (status = 204, description = "Supprimée (et retirée des chiffres)."),
        (status = 401, description = "Jeton absent, inconnu, expiré ou révoqué.", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Compte sans accès aux activités d’une structure, ou écriture d’un navigateur sans jeton CSRF.", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "Aucune activité de votre structure n’a cet identifiant.", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []))
)]
pub async fn delete_activity(
    State(state): State<AppState>,
    caller: Caller,
    ApiPath(id): ApiPath<String>,
) -> Result<Response, ApiError> {
    own(&caller)?;
    if record::remove(&state.db, &caller.user, &id).await? {
        Ok(StatusCode::NO_CONTENT.into_response())
    } else {
        Err(no_activity(&id))
    }
}

fn is_date(raw: &str) -> bool {
    crate::text::typed_date(raw).is_some()
}
fn is_kind(raw: &str) -> bool {
    KINDS.find(raw).is_some()
}
fn is_theme(raw: &str) -> bool {
    THEMES.find(raw).is_some()
}
fn is_uuid(raw: &str) -> bool {
    uuid::Uuid::parse_str(raw).is_ok()
}
fn is_group(raw: &str) -> bool {
    StatsParams::GROUPS.contains(&raw)
}

#[utoipa::path(get, path = "/api/v1/activities", tag = "activites", summary = "Les activités de votre structure",
    description = "Les plus récentes d’abord, filtrées, par pages.",
    params(ActivityListParams),
    responses(
        (status = 200, description = "Une page d’activités.", body = ActivitiesPage),
        (status = 400, description = "Un paramètre est refusé : `errors` les nomme tous.", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "Jeton absent, inconnu, expiré ou révoqué.", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Compte sans accès aux activités d’une structure.", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []))
)]
pub async fn list_activities(
    State(state): State<AppState>,
    caller: Caller,
    RawQuery(raw): RawQuery,
) -> Result<Response, ApiError> {
    own(&caller)?;
    let mut params = QueryParams::parse(raw.as_deref(), ActivityListParams::NAMES)?;
    let from = params.code("from", is_date, "activity-date");
    let to = params.code("to", is_date, "activity-date");
    let mediator = params.code("mediator_id", is_uuid, "activity-unknown-record");
    let kind = params.code("type", is_kind, "activity-code-invalid");
    let theme = params.code("theme", is_theme, "activity-code-invalid");
    let place = params.text("place", 200);
    let beneficiary = params.code("beneficiary_id", is_uuid, "activity-unknown-record");
    let offset = params.integer("offset", 0, 1_000_000).unwrap_or(0);
    let limit = params.integer("limit", 1, 200).unwrap_or(50);
    params.finish()?;
    let filter = Filter {
        from: from.as_deref().and_then(crate::text::typed_date),
        to: to.as_deref().and_then(crate::text::typed_date),
        mediator_id: mediator,
        kind: kind.as_deref().and_then(|k| KINDS.find(k)),
        theme: theme.as_deref().and_then(|t| THEMES.find(t)),
        place,
        beneficiary_id: beneficiary,
    };
    let (records, total) = store::page(
        &state.db,
        &caller.user.organization_id,
        &filter,
        offset,
        limit,
    )
    .await?;
    Ok(axum::Json(ActivitiesPage {
        total,
        offset,
        limit,
        items: records.iter().map(ActivityJson::from).collect(),
    })
    .into_response())
}

#[utoipa::path(get, path = "/api/v1/stats/activities", tag = "activites", summary = "Les chiffres des activités",
    description = "Pour une structure, ses chiffres ; pour un compte de réseau (coordination, administration), la somme des structures en dessous de son organisation, chaque nombre de 1 à 4 masqué (null). Jamais de nom, de code, de note ni de texte libre.",
    params(StatsParams),
    responses(
        (status = 200, description = "Les chiffres de la période.", body = StatsAnswer),
        (status = 400, description = "Un paramètre est refusé : `errors` les nomme tous.", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "Jeton absent, inconnu, expiré ou révoqué.", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Compte sans accès aux chiffres.", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []))
)]
pub async fn stats(
    State(state): State<AppState>,
    caller: Caller,
    RawQuery(raw): RawQuery,
) -> Result<Response, ApiError> {
    let mut params = QueryParams::parse(raw.as_deref(), StatsParams::NAMES)?;
    let from = params.code("from", is_date, "activity-date");
    let to = params.code("to", is_date, "activity-date");
    let group_by = params
        .code("group_by", is_group, "api-group-by")
        .unwrap_or_else(|| "month".into());
    params.finish()?;
    let (structures, aggregated) = crate::mediation::staff::figures::scope_of(&state, &caller.user)
        .await?
        .ok_or(ApiError::Forbidden)?;
    let period = crate::mediation::staff::figures::Period {
        du: from.unwrap_or_default(),
        au: to.unwrap_or_default(),
    };
    let (from, to, _) = period.read();
    let (from, to) = figures::whole_months(from, to);
    let figures = figures::read(
        &state.db,
        &Scope {
            structures: &structures,
            aggregated,
        },
        from,
        to,
    )
    .await?;
    let rows = match group_by.as_str() {
        "month" => figures.by_month.clone(),
        other => figures.by.get(other).cloned().unwrap_or_default(),
    };
    Ok(axum::Json(StatsAnswer {
        from: from.format("%Y-%m-%d").to_string(),
        to: to.format("%Y-%m-%d").to_string(),
        group_by,
        structures: structures.len(),
        suppressed: figures.suppressed,
        total: figures.total,
        rows,
        depth: figures.depth,
    })
    .into_response())
}

#[utoipa::path(post, path = "/api/v1/beneficiaries", tag = "personnes", summary = "Suivre une personne (avec son consentement)",
    request_body(content = doc::BeneficiaryInput, content_type = "application/json"),
    responses(
        (status = 201, description = "La personne enregistrée, avec son code court ; son adresse dans Location.", body = BeneficiaryJson, headers(("Location" = String, description = "L’adresse de la fiche."))),
        (status = 400, description = "Le corps n’est pas un objet JSON de moins de 64 Kio.", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "Jeton absent, inconnu, expiré ou révoqué.", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Compte sans accès aux personnes d’une structure, ou écriture d’un navigateur sans jeton CSRF.", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Des champs sont refusés (consentement absent compris) : `errors` les nomme tous.", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []))
)]
pub async fn create_beneficiary(
    State(state): State<AppState>,
    caller: Caller,
    JsonBody(body): JsonBody,
) -> Result<Response, ApiError> {
    own(&caller)?;
    let fields = checked(&body, BENEFICIARY_MEMBERS, beneficiary_errors)?;
    let record = people::create(&state.db, &caller.user, &fields, today())
        .await
        .map_err(refused)?;
    Ok(created(
        format!("/api/v1/beneficiaries/{}", record.id),
        &BeneficiaryJson::from(&record),
    ))
}

#[utoipa::path(get, path = "/api/v1/beneficiaries", tag = "personnes", summary = "Les personnes suivies par votre structure",
    responses(
        (status = 200, description = "Les personnes, par prénom.", body = BeneficiariesPage),
        (status = 401, description = "Jeton absent, inconnu, expiré ou révoqué.", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Compte sans accès aux personnes d’une structure.", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []))
)]
pub async fn list_beneficiaries(
    State(state): State<AppState>,
    caller: Caller,
) -> Result<Response, ApiError> {
    own(&caller)?;
    let people = people_store::of_structure(&state.db, &caller.user.organization_id).await?;
    for person in &people {
        crate::journal::beneficiary_accessed(
            &state.db,
            Actor::User(&caller.user),
            &person.organization_id,
            &person.id,
            BeneficiaryAccess::Read,
            "liste (API)",
        )
        .await?;
    }
    Ok(axum::Json(BeneficiariesPage {
        total: people.len() as u64,
        items: people.iter().map(BeneficiaryJson::from).collect(),
    })
    .into_response())
}

#[utoipa::path(get, path = "/api/v1/beneficiaries/{id}", tag = "personnes", summary = "Une personne suivie",
    params(("id" = String, Path, description = "L’identifiant de la personne.")),
    responses(
        (status = 200, description = "La fiche (la lecture est journalisée).", body = BeneficiaryJson),
        (status = 401, description = "Jeton absent, inconnu, expiré ou révoqué.", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Compte sans accès aux personnes d’une structure.", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "Aucune personne suivie par votre structure n’a cet identifiant.", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []))
)]
pub async fn show_beneficiary(
    State(state): State<AppState>,
    caller: Caller,
    ApiPath(id): ApiPath<String>,
) -> Result<Response, ApiError> {
    own(&caller)?;
    let record = people::read(&state.db, &caller.user, &id)
        .await?
        .ok_or_else(|| no_beneficiary(&id))?;
    Ok(axum::Json(BeneficiaryJson::from(&record)).into_response())
}

#[utoipa::path(put, path = "/api/v1/beneficiaries/{id}", tag = "personnes", summary = "Modifier une fiche (tous ses champs)",
    params(("id" = String, Path, description = "L’identifiant de la personne.")),
    request_body(content = doc::BeneficiaryInput, content_type = "application/json"),
    responses(
        (status = 200, description = "La fiche modifiée.", body = BeneficiaryJson),
        (status = 400, description = "Le corps n’est pas un objet JSON de moins de 64 Kio.", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "Jeton absent, inconnu, expiré ou révoqué.", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Compte sans accès aux personnes d’une structure, ou écriture d’un navigateur sans jeton CSRF.", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "Aucune personne suivie par votre structure n’a cet identifiant.", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Des champs sont refusés : `errors` les nomme tous.", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []))
)]
pub async fn update_beneficiary(
    State(state): State<AppState>,
    caller: Caller,
    ApiPath(id): ApiPath<String>,
    JsonBody(body): JsonBody,
) -> Result<Response, ApiError> {
    own(&caller)?;
    let fields = checked(&body, BENEFICIARY_MEMBERS, beneficiary_errors)?;
    let record = people::update(&state.db, &caller.user, &id, &fields, today())
        .await
        .map_err(refused)?
        .ok_or_else(|| no_beneficiary(&id))?;
    Ok(axum::Json(BeneficiaryJson::from(&record)).into_response())
}

#[utoipa::path(delete, path = "/api/v1/beneficiaries/{id}", tag = "personnes", summary = "Effacer une personne",
    description = "Sa fiche, ses objectifs et ses progrès sont effacés ; ses activités restent, anonymes. Réservé à la direction de la structure.",
    params(("id" = String, Path, description = "L’identifiant de la personne.")),
    responses(
        (status = 204, description = "Effacée."),
        (status = 401, description = "Jeton absent, inconnu, expiré ou révoqué.", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Seule la direction de la structure efface une personne ; ou écriture d’un navigateur sans jeton CSRF.", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "Aucune personne suivie par votre structure n’a cet identifiant.", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []))
)]
pub async fn delete_beneficiary(
    State(state): State<AppState>,
    caller: Caller,
    ApiPath(id): ApiPath<String>,
) -> Result<Response, ApiError> {
    caller.require(Action::ErasePersonalDataOf(&caller.user.organization_id))?;
    if people::erase(
        &state.db,
        Actor::User(&caller.user),
        &caller.user.organization_id,
        &id,
        "effacement (API)",
    )
    .await?
    {
        Ok(StatusCode::NO_CONTENT.into_response())
    } else {
        Err(no_beneficiary(&id))
    }
}

#[utoipa::path(get, path = "/api/v1/beneficiaries/{id}/export", tag = "personnes", summary = "Tout ce que la structure détient sur une personne",
    params(("id" = String, Path, description = "L’identifiant de la personne.")),
    responses(
        (status = 200, description = "Sa fiche, ses activités, ses objectifs et sa progression (l’export est journalisé).", body = ExportJson),
        (status = 401, description = "Jeton absent, inconnu, expiré ou révoqué.", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Compte sans accès aux personnes d’une structure.", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "Aucune personne suivie par votre structure n’a cet identifiant.", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []))
)]
pub async fn export_beneficiary(
    State(state): State<AppState>,
    caller: Caller,
    ApiPath(id): ApiPath<String>,
) -> Result<Response, ApiError> {
    own(&caller)?;
    let held = people::held(&state.db, &caller.user, &id, BeneficiaryAccess::Exported)
        .await?
        .ok_or_else(|| no_beneficiary(&id))?;
    Ok(axum::Json(ExportJson::from(&held)).into_response())
}

#[utoipa::path(get, path = "/api/v1/beneficiaries/{id}/progression", tag = "personnes", summary = "La progression d’une personne",
    params(("id" = String, Path, description = "L’identifiant de la personne.")),
    responses(
        (status = 200, description = "Ses niveaux datés sur les 16 compétences.", body = Vec<AssessmentJson>),
        (status = 401, description = "Jeton absent, inconnu, expiré ou révoqué.", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Compte sans accès aux personnes d’une structure.", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "Aucune personne suivie par votre structure n’a cet identifiant.", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []))
)]
pub async fn list_progression(
    State(state): State<AppState>,
    caller: Caller,
    ApiPath(id): ApiPath<String>,
) -> Result<Response, ApiError> {
    own(&caller)?;
    let held = people::held(&state.db, &caller.user, &id, BeneficiaryAccess::Read)
        .await?
        .ok_or_else(|| no_beneficiary(&id))?;
    Ok(axum::Json(
        held.assessments
            .iter()
            .map(AssessmentJson::from)
            .collect::<Vec<_>>(),
    )
    .into_response())
}

#[utoipa::path(post, path = "/api/v1/beneficiaries/{id}/progression", tag = "personnes", summary = "Noter un niveau",
    params(("id" = String, Path, description = "L’identifiant de la personne.")),
    request_body(content = doc::AssessmentInput, content_type = "application/json"),
    responses(
        (status = 201, description = "La progression, avec ce niveau.", body = Vec<AssessmentJson>, headers(("Location" = String, description = "L’adresse de la progression."))),
        (status = 400, description = "Le corps n’est pas un objet JSON de moins de 64 Kio.", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "Jeton absent, inconnu, expiré ou révoqué.", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Compte sans accès aux personnes d’une structure, ou écriture d’un navigateur sans jeton CSRF.", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "Aucune personne suivie par votre structure n’a cet identifiant.", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Des champs sont refusés : `errors` les nomme tous.", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []))
)]
pub async fn add_progression(
    State(state): State<AppState>,
    caller: Caller,
    ApiPath(id): ApiPath<String>,
    JsonBody(body): JsonBody,
) -> Result<Response, ApiError> {
    own(&caller)?;
    let fields = checked(&body, ASSESSMENT_MEMBERS, assessment_errors)?;
    if !people::add_assessment(&state.db, &caller.user, &id, &fields, today())
        .await
        .map_err(refused)?
    {
        return Err(no_beneficiary(&id));
    }
    let assessments =
        people_store::assessments(&state.db, &caller.user.organization_id, &id).await?;
    Ok(created(
        format!("/api/v1/beneficiaries/{id}/progression"),
        &assessments
            .iter()
            .map(AssessmentJson::from)
            .collect::<Vec<_>>(),
    ))
}

#[utoipa::path(post, path = "/api/v1/beneficiaries/{id}/goals", tag = "personnes", summary = "Ajouter un objectif",
    params(("id" = String, Path, description = "L’identifiant de la personne.")),
    request_body(content = doc::GoalInput, content_type = "application/json"),
    responses(
        (status = 201, description = "Les objectifs de la personne, avec celui-ci.", body = Vec<GoalJson>, headers(("Location" = String, description = "L’adresse de la personne."))),
        (status = 400, description = "Le corps n’est pas un objet JSON de moins de 64 Kio.", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "Jeton absent, inconnu, expiré ou révoqué.", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Compte sans accès aux personnes d’une structure, ou écriture d’un navigateur sans jeton CSRF.", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "Aucune personne suivie par votre structure n’a cet identifiant.", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Des champs sont refusés : `errors` les nomme tous.", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []))
)]
pub async fn add_goal(
    State(state): State<AppState>,
    caller: Caller,
    ApiPath(id): ApiPath<String>,
    JsonBody(body): JsonBody,
) -> Result<Response, ApiError> {
    own(&caller)?;
    let fields = checked(&body, GOAL_MEMBERS, goal_errors)?;
    if !people::add_goal(&state.db, &caller.user, &id, &fields)
        .await
        .map_err(refused)?
    {
        return Err(no_beneficiary(&id));
    }
    let goals = people_store::goals(&state.db, &caller.user.organization_id, &id).await?;
    Ok(created(
        format!("/api/v1/beneficiaries/{id}"),
        &goals.iter().map(GoalJson::from).collect::<Vec<_>>(),
    ))
}
