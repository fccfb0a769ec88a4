//! `/espace/comptes…`: managers keep their structure's accounts up to date;
//! administrators do it for any organisation. Every handler goes through
//! the guard with the target account's organisation.

use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use serde::Deserialize;

use super::account_form::{AccountForm, form_page, parse_profile};
use crate::accounts::views::{AccountRow, AccountsPage, PasswordGivenPage};
use crate::accounts::{NewPassword, NewUser, Role, User, UserId, password, store};
use crate::app::AppState;
use crate::authz::Action;
use crate::error::AppError;
use crate::i18n;
use crate::journal::{self, Actor};
use crate::organizations::{Organization, OrganizationId, store as organizations_store};
use crate::validation::{FieldError, FormErrors};
use crate::web::confirm::{ConfirmPage, Confirmation};
use crate::web::{CurrentUser, Form, Query, flash, render, render_refused, render_with};

#[derive(Deserialize)]
pub(super) struct ActivationForm {
    active: String,
    #[serde(flatten)]
    confirmation: Confirmation,
}

/// The account at `id`, if the current user may manage it.
async fn load_target(
    state: &AppState,
    current: &CurrentUser,
    id: &str,
) -> Result<(User, Organization), AppError> {
    let id = UserId::parse(id).ok_or(AppError::NotFound)?;
    let target = store::find(&state.db, &id)
        .await?
        .ok_or(AppError::NotFound)?;
    current.require(Action::ManageAccountsOf(&target.organization_id))?;
    // Nobody manages an account whose role they could not hand out themselves.
    current.require(Action::AssignRole(target.role))?;
    let organization = organizations_store::find(&state.db, &target.organization_id)
        .await?
        .ok_or(AppError::NotFound)?;
    Ok((target, organization))
}

async fn hash_new_password() -> Result<(NewPassword, String), AppError> {
    let generated = NewPassword::generate();
    let hash = password::hash(&generated).await?;
    Ok((generated, hash))
}

fn password_given(
    current_chrome: crate::web::Chrome,
    heading_key: &str,
    user: &User,
    password: &NewPassword,
) -> PasswordGivenPage {
    PasswordGivenPage {
        chrome: current_chrome,
        heading: crate::i18n::t(heading_key),
        display_name: user.display_name.clone(),
        email: user.email.as_str().to_owned(),
        password: password.expose().to_owned(),
    }
}

pub(super) async fn list(
    State(state): State<AppState>,
    current: CurrentUser,
) -> Result<Response, AppError> {
    let own = current.user.organization_id.clone();
    current.require(Action::ManageAccountsOf(&own))?;
    let everything = current.user.role == Role::Admin;
    let users = store::list(&state.db, (!everything).then_some(&own)).await?;
    let tree = organizations_store::tree(&state.db).await?;
    let accounts = users
        .into_iter()
        .map(|u| AccountRow {
            organization_name: tree
                .get(&u.organization_id)
                .map(|o| o.name.clone())
                .unwrap_or_default(),
            id: u.id.to_string(),
            display_name: u.display_name,
            email: u.email.as_str().to_owned(),
            role_label: u.role.label(),
            active: u.active,
        })
        .collect();
    let scope_label = if everything {
        crate::i18n::t("accounts-scope-all")
    } else {
        crate::i18n::t_with(
            "accounts-scope-organization",
            &[("organization", current.organization.name.clone().into())],
        )
    };
    render(&AccountsPage {
        chrome: current.chrome().await?,
        scope_label,
        show_organization: everything,
        accounts,
    })
}

/// `/espace/comptes/nouveau?organisation=…`: the organisation an
/// administrator chose first, so that the roles offered fit it.
#[derive(Deserialize)]
pub(super) struct NewAccountQuery {
    #[serde(default)]
    organisation: String,
}

pub(super) async fn new(
    State(state): State<AppState>,
    current: CurrentUser,
    Query(query): Query<NewAccountQuery>,
) -> Result<Response, AppError> {
    current.require(Action::ManageAccountsOf(&current.user.organization_id))?;
    let chosen = OrganizationId::parse(&query.organisation)
        .filter(|_| current.user.role == Role::Admin)
        .unwrap_or_else(|| current.user.organization_id.clone());
    let form = AccountForm {
        display_name: String::new(),
        email: String::new(),
        // The least powerful role that fits is chosen by the page.
        role: String::new(),
        organization_id: chosen.to_string(),
    };
    render(&form_page(&state, &current, &form, FormErrors::default(), None).await?)
}

pub(super) async fn create(
    State(state): State<AppState>,
    current: CurrentUser,
    Form(form): Form<AccountForm>,
) -> Result<Response, AppError> {
    current.require(Action::ManageAccountsOf(&current.user.organization_id))?;
    let mut errors = FormErrors::default();
    let organization = if current.user.role == Role::Admin {
        match OrganizationId::parse(&form.organization_id) {
            Some(id) => organizations_store::find(&state.db, &id).await?,
            None => None,
        }
    } else {
        Some(current.organization.clone())
    };
    let Some(organization) = organization else {
        errors.push(FieldError::new("organization_id", "organization-invalid"));
        let page = form_page(&state, &current, &form, errors, None).await?;
        return render_refused(&page);
    };
    current.require(Action::ManageAccountsOf(&organization.id))?;
    let profile = parse_profile(&form, &current.user, organization.kind, &mut errors);
    let Some(profile) = profile.filter(|_| errors.is_empty()) else {
        let page = form_page(&state, &current, &form, errors, None).await?;
        return render_refused(&page);
    };
    let (generated, hash) = hash_new_password().await?;
    let new = NewUser {
        organization_id: organization.id.clone(),
        email: profile.email,
        display_name: profile.display_name,
        role: profile.role,
    };
    let created = match store::create(&state.db, &new, hash).await {
        Ok(created) => created,
        Err(store::WriteError::EmailTaken) => {
            let page = form_page(
                &state,
                &current,
                &form,
                FieldError::new("email", "email-taken").into(),
                None,
            )
            .await?;
            return render_refused(&page);
        }
        Err(err) => return Err(err.into()),
    };
    journal::account_created(&state.db, Actor::User(&current.user), &created).await?;
    let page = password_given(
        current.chrome().await?,
        "accounts-created-heading",
        &created,
        &generated,
    );
    render_with(StatusCode::CREATED, &page)
}

pub(super) async fn edit(
    State(state): State<AppState>,
    current: CurrentUser,
    Path(id): Path<String>,
) -> Result<Response, AppError> {
    let (target, _) = load_target(&state, &current, &id).await?;
    let form = AccountForm {
        display_name: target.display_name.clone(),
        email: target.email.as_str().to_owned(),
        role: target.role.as_str().to_owned(),
        organization_id: target.organization_id.to_string(),
    };
    render(
        &form_page(
            &state,
            &current,
            &form,
            FormErrors::default(),
            Some(&target),
        )
        .await?,
    )
}

pub(super) async fn update(
    State(state): State<AppState>,
    current: CurrentUser,
    Path(id): Path<String>,
    Form(form): Form<AccountForm>,
) -> Result<Response, AppError> {
    let (target, organization) = load_target(&state, &current, &id).await?;
    let mut errors = FormErrors::default();
    let profile = parse_profile(&form, &current.user, organization.kind, &mut errors);
    if let Some(profile) = &profile
        && leaves_no_manager(&state, &current.user, &target, profile.role).await?
    {
        errors.push(FieldError::new("role", "role-last-manager"));
    }
    let Some(profile) = profile.filter(|_| errors.is_empty()) else {
        let page = form_page(&state, &current, &form, errors, Some(&target)).await?;
        return render_refused(&page);
    };
    match store::update_profile(
        &state.db,
        &target.id,
        &profile.display_name,
        &profile.email,
        profile.role,
    )
    .await
    {
        Ok(()) => {}
        Err(store::WriteError::EmailTaken) => {
            let errors = FieldError::new("email", "email-taken").into();
            let page = form_page(&state, &current, &form, errors, Some(&target)).await?;
            return render_refused(&page);
        }
        Err(err) => return Err(err.into()),
    }
    let mut changes = Vec::new();
    if profile.display_name.as_str() != target.display_name {
        changes.push(format!(
            "nom : {} → {}",
            target.display_name,
            profile.display_name.as_str()
        ));
    }
    if profile.email != target.email {
        changes.push(format!(
            "adresse : {} → {}",
            target.email.as_str(),
            profile.email.as_str()
        ));
    }
    if !changes.is_empty() {
        journal::account_updated(&state.db, &current.user, &target, &changes.join(" ; ")).await?;
    }
    if profile.role != target.role {
        journal::role_changed(&state.db, &current.user, &target, target.role, profile.role).await?;
    }
    flash::set(&current.session, "flash-account-updated").await?;
    Ok(Redirect::to("/espace/comptes").into_response())
}

/// Whether giving `target` the role `new_role` would leave their structure
/// with no active manager, nobody to manage its team and places. An
/// administrator may still do it (a manager who left, an account to close
/// at once); a manager cannot demote themselves out of the last seat.
async fn leaves_no_manager(
    state: &AppState,
    actor: &User,
    target: &User,
    new_role: Role,
) -> Result<bool, AppError> {
    if actor.role == Role::Admin
        || target.role != Role::Manager
        || new_role == Role::Manager
        || !target.active
    {
        return Ok(false);
    }
    Ok(store::active_managers(&state.db, &target.organization_id).await? <= 1)
}

pub(super) async fn set_activation(
    State(state): State<AppState>,
    current: CurrentUser,
    Path(id): Path<String>,
    Form(form): Form<ActivationForm>,
) -> Result<Response, AppError> {
    let (target, _) = load_target(&state, &current, &id).await?;
    let active = match form.active.as_str() {
        "true" => true,
        "false" => false,
        _ => return Err(AppError::BadRequest),
    };
    if !active && target.id == current.user.id {
        flash::set(&current.session, "cannot-deactivate-self").await?;
        return Ok(Redirect::to(&format!("/espace/comptes/{}", target.id)).into_response());
    }
    if !active && target.active && !form.confirmation.given() {
        let name = || target.display_name.clone().into();
        return render(&ConfirmPage {
            chrome: current.chrome().await?,
            heading: i18n::t_with("confirm-deactivate-heading", &[("name", name())]),
            consequence: i18n::t_with("confirm-deactivate-consequence", &[("name", name())]),
            action: format!("/espace/comptes/{}/activation", target.id),
            fields: vec![("active".into(), "false".into())],
            confirm_label: i18n::t("confirm-deactivate-button"),
            cancel_href: format!("/espace/comptes/{}", target.id),
        });
    }
    if active != target.active {
        store::set_active(&state.db, &target.id, active).await?;
        journal::account_activation_changed(&state.db, &current.user, &target, active).await?;
    }
    let message = if active {
        "flash-account-reactivated"
    } else {
        "flash-account-deactivated"
    };
    flash::set(&current.session, message).await?;
    Ok(Redirect::to("/espace/comptes").into_response())
}

pub(super) async fn reset_password(
    State(state): State<AppState>,
    current: CurrentUser,
    Path(id): Path<String>,
    Form(confirmation): Form<Confirmation>,
) -> Result<Response, AppError> {
    let (target, _) = load_target(&state, &current, &id).await?;
    if !confirmation.given() {
        let name = || target.display_name.clone().into();
        return render(&ConfirmPage {
            chrome: current.chrome().await?,
            heading: i18n::t_with("confirm-password-heading", &[("name", name())]),
            consequence: i18n::t_with("confirm-password-consequence", &[("name", name())]),
            action: format!("/espace/comptes/{}/mot-de-passe", target.id),
            fields: Vec::new(),
            confirm_label: i18n::t("confirm-password-button"),
            cancel_href: format!("/espace/comptes/{}", target.id),
        });
    }
    let (generated, hash) = hash_new_password().await?;
    store::set_password_hash(&state.db, &target.id, &hash).await?;
    journal::password_reset(&state.db, Actor::User(&current.user), &target).await?;
    render(&password_given(
        current.chrome().await?,
        "accounts-new-password-heading",
        &target,
        &generated,
    ))
}
