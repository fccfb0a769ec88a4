//! `/espace/organisations` (administrators build the tree) and
//! `/espace/reseau` (coordinators see aggregates of the structures below them).

use axum::Router;
use axum::extract::State;
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::get;
use serde::Deserialize;

use super::store::{self, CreateError};
use super::views::{NetworkPage, OrganizationsPage, StructureRow, TreeRow};
use super::{NewOrganization, OrganizationId, OrganizationKind, OrganizationName};
use crate::accounts::{Role, store as accounts_store};
use crate::app::AppState;
use crate::authz::Action;
use crate::error::AppError;
use crate::journal::{self, Actor};
use crate::validation::{FieldError, FormErrors};
use crate::web::{Choice, CurrentUser, Form, flash, render, render_refused};

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/espace/organisations", get(list).post(create))
        .route("/espace/reseau", get(network))
}

#[derive(Default, Deserialize)]
struct OrganizationForm {
    #[serde(default)]
    name: String,
    #[serde(default)]
    kind: String,
    #[serde(default)]
    parent_id: String,
}

async fn page(
    state: &AppState,
    current: &CurrentUser,
    form: &OrganizationForm,
    errors: FormErrors,
) -> Result<OrganizationsPage, AppError> {
    let tree = store::tree(&state.db).await?;
    let counts = accounts_store::count_active_by_organization(&state.db).await?;
    let listed = tree.all();
    let rows = listed
        .iter()
        .map(|(depth, o)| TreeRow {
            depth: *depth,
            name: o.name.clone(),
            kind: o.kind.label(),
            slug: o.slug.clone(),
            accounts: counts
                .get(&o.id)
                .map_or(0, |by_role| by_role.values().sum()),
        })
        .collect();
    let parents = listed
        .iter()
        .filter(|(_, o)| o.kind != OrganizationKind::Structure)
        .map(|(depth, o)| {
            Choice::new(
                o.id.as_str(),
                &format!("{}{}", "– ".repeat(*depth), o.name),
                &form.parent_id,
            )
        })
        .collect();
    let kinds = OrganizationKind::ALL
        .iter()
        .map(|k| Choice::new(k.as_str(), &k.label(), &form.kind))
        .collect();
    Ok(OrganizationsPage {
        chrome: current.chrome().await?,
        rows,
        errors,
        name: form.name.clone(),
        kinds,
        parents,
    })
}

async fn list(State(state): State<AppState>, current: CurrentUser) -> Result<Response, AppError> {
    current.require(Action::ManageOrganizations)?;
    let form = OrganizationForm {
        kind: OrganizationKind::Structure.as_str().to_owned(),
        ..OrganizationForm::default()
    };
    render(&page(&state, &current, &form, FormErrors::default()).await?)
}

async fn create(
    State(state): State<AppState>,
    current: CurrentUser,
    Form(form): Form<OrganizationForm>,
) -> Result<Response, AppError> {
    current.require(Action::ManageOrganizations)?;
    let mut errors = FormErrors::default();
    let name = errors.take(OrganizationName::parse(&form.name));
    let kind = errors.take(OrganizationKind::parse(&form.kind));
    let parent_id = match form.parent_id.trim() {
        "" => None,
        raw => match OrganizationId::parse(raw) {
            Some(id) => Some(id),
            None => {
                errors.push(FieldError::new("parent_id", "organization-parent-invalid"));
                None
            }
        },
    };
    if let (Some(name), Some(kind), true) = (name, kind, errors.is_empty()) {
        match store::create(
            &state.db,
            NewOrganization {
                kind,
                name,
                parent_id,
            },
        )
        .await
        {
            Ok(created) => {
                journal::organization_created(&state.db, Actor::User(&current.user), &created)
                    .await?;
                flash::set(&current.session, "flash-organization-created").await?;
                return Ok(Redirect::to("/espace/organisations").into_response());
            }
            Err(CreateError::Invalid(error)) => errors.push(error),
            Err(CreateError::Database(err)) => return Err(err.into()),
        }
    }
    let page = page(&state, &current, &form, errors).await?;
    render_refused(&page)
}

async fn network(
    State(state): State<AppState>,
    current: CurrentUser,
) -> Result<Response, AppError> {
    current.require(Action::ReadAggregates)?;
    let tree = store::tree(&state.db).await?;
    let counts = accounts_store::count_active_by_organization(&state.db).await?;
    let rows: Vec<StructureRow> = tree
        .structures_within(&current.user.organization_id)
        .into_iter()
        .map(|s| {
            let by_role = counts.get(&s.id);
            let count = |role| by_role.and_then(|r| r.get(&role)).copied().unwrap_or(0);
            StructureRow {
                name: s.name.clone(),
                parent: s
                    .parent_id
                    .as_ref()
                    .and_then(|p| tree.get(p))
                    .map(|p| p.name.clone())
                    .unwrap_or_default(),
                mediators: count(Role::Mediator),
                managers: count(Role::Manager),
            }
        })
        .collect();
    render(&NetworkPage {
        chrome: current.chrome().await?,
        root_name: current.organization.name.clone(),
        total_mediators: rows.iter().map(|r| r.mediators).sum(),
        total_managers: rows.iter().map(|r| r.managers).sum(),
        rows,
    })
}
