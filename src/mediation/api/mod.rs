//! The mediation JSON API: activities, people followed (with consent),
//! their goals and progression, and figures. Every operation needs an
//! account (a personal token, or a browser's session) and follows the same
//! rules as the pages: a structure's own data for its team (another
//! structure's record: 404), aggregates only for a network.

pub(crate) mod body;
pub mod doc;
mod people;

pub use people::*;

use axum::Router;
use axum::extract::{RawQuery, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};

use crate::api::caller::Caller;
use crate::app::AppState;
use crate::authz::Action;
use crate::i18n;
use crate::mediation::figures::{self, Scope};
use crate::mediation::json::ActivityJson;
use crate::mediation::record::{self, Refused};
use crate::mediation::store::{self, Filter};
use crate::mediation::today;
use crate::mediation::vocabulary::{KINDS, THEMES};
use crate::web::problem::{ApiError, ApiPath, Problem};
use crate::web::query_params::QueryParams;
use body::{ACTIVITY_MEMBERS, JsonBody, activity_errors, checked};
use doc::{ActivitiesPage, ActivityListParams, StatsAnswer, StatsParams};

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

pub(crate) fn refused(refusal: Refused) -> ApiError {
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
pub(crate) fn own(caller: &Caller) -> Result<(), ApiError> {
    caller.require(Action::ReadPersonalDataOf(&caller.user.organization_id))
}

pub(crate) fn created(location: String, body: &impl serde::Serialize) -> Response {
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
