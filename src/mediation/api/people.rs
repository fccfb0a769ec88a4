//! The API of the people followed: record (with consent), list, read,
//! change, erase, hand over everything held, progression and goals. Every
//! read and change is journaled by the use cases.

use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};

use super::body::{
    ASSESSMENT_MEMBERS, BENEFICIARY_MEMBERS, GOAL_MEMBERS, JsonBody, assessment_errors,
    beneficiary_errors, checked, goal_errors,
};
use super::doc::{self, BeneficiariesPage};
use super::{created, no_beneficiary, own, refused};
use crate::api::caller::Caller;
use crate::app::AppState;
use crate::authz::Action;
use crate::journal::{Actor, BeneficiaryAccess};
use crate::mediation::json::{AssessmentJson, BeneficiaryJson, ExportJson, GoalJson};
use crate::mediation::people_store;
use crate::mediation::{people, today};
use crate::web::problem::{ApiError, ApiPath, Problem};

#[utoipa::path(post, path = "/api/v1/beneficiaries", tag = "personnes", summary = "Suivre une personne (avec son consentement)",
    request_body(content = doc::BeneficiaryInput, content_type = "application/json"),
    responses(
        (status = 201, description = "La personne enregistrée, avec son code court ; son adresse dans Location.", body = BeneficiaryJson, headers(("Location" = String, description = "L’adresse de la fiche."))),
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
