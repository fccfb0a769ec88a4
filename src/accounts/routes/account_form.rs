//! The account form of `/espace/comptes…` (create and edit): what it
//! sends, how it is parsed into a profile, and the page that shows it.

use serde::Deserialize;

use crate::accounts::views::{AccountFormPage, ExistingAccount};
use crate::accounts::{DisplayName, Email, Role, User};
use crate::app::AppState;
use crate::authz::{Action, allows};
use crate::error::AppError;
use crate::organizations::{OrganizationId, OrganizationKind, store as organizations_store};
use crate::validation::{FieldError, FormErrors};
use crate::web::{Choice, CurrentUser};

#[derive(Deserialize)]
pub(super) struct AccountForm {
    #[serde(default)]
    pub(super) display_name: String,
    #[serde(default)]
    pub(super) email: String,
    #[serde(default)]
    pub(super) role: String,
    #[serde(default)]
    pub(super) organization_id: String,
}

/// A submitted profile, parsed for an organisation of `kind`.
pub(super) struct Profile {
    pub(super) display_name: DisplayName,
    pub(super) email: Email,
    pub(super) role: Role,
}

pub(super) fn parse_profile(
    form: &AccountForm,
    actor: &User,
    kind: OrganizationKind,
    errors: &mut FormErrors,
) -> Option<Profile> {
    let display_name = errors.take(DisplayName::parse(&form.display_name));
    let email = errors.take(Email::parse(&form.email));
    let role = errors.take(Role::parse(&form.role).and_then(|role| {
        if !allows(actor, &Action::AssignRole(role)) {
            Err(FieldError::new("role", "role-not-allowed"))
        } else if !role.fits(kind) {
            Err(FieldError::new("role", "role-not-for-organization"))
        } else {
            Ok(role)
        }
    }));
    Some(Profile {
        display_name: display_name?,
        email: email?,
        role: role?,
    })
}

/// The roles `actor` may give in an organisation of `kind`. The form
/// starts valid: when the role asked for is not among them (a new
/// account), the least powerful one is chosen.
fn role_choices(
    actor: &User,
    selected: &str,
    kind: OrganizationKind,
    refused: bool,
) -> Vec<Choice> {
    let fitting: Vec<Role> = actor
        .role
        .assignable()
        .iter()
        .copied()
        .filter(|role| role.fits(kind))
        .collect();
    let selected = match fitting.iter().find(|r| r.as_str() == selected) {
        Some(role) => role.as_str(),
        // After a refusal, nothing is chosen for the person: the error says why.
        None if refused => "",
        None => fitting.first().map_or("", |r| r.as_str()),
    };
    fitting
        .iter()
        .map(|role| Choice::new(role.as_str(), &role.label(), selected))
        .collect()
}

/// The kind of the organisation the account belongs to (or will).
async fn kind_of(
    state: &AppState,
    current: &CurrentUser,
    organization: Option<OrganizationId>,
) -> Result<OrganizationKind, AppError> {
    match organization.filter(|id| *id != current.organization.id) {
        Some(id) => Ok(organizations_store::find(&state.db, &id)
            .await?
            .map_or(current.organization.kind, |o| o.kind)),
        None => Ok(current.organization.kind),
    }
}

/// The organisations an administrator may pick; empty for a manager, whose
/// new accounts always belong to their own structure.
async fn organization_choices(
    state: &AppState,
    actor: &User,
    selected: &str,
) -> Result<Vec<Choice>, AppError> {
    if actor.role != Role::Admin {
        return Ok(Vec::new());
    }
    let tree = organizations_store::tree(&state.db).await?;
    Ok(tree
        .all()
        .into_iter()
        .map(|(depth, o)| {
            let label = format!("{}{} ({})", "– ".repeat(depth), o.name, o.kind.label());
            Choice::new(o.id.as_str(), &label, selected)
        })
        .collect())
}

pub(super) async fn form_page(
    state: &AppState,
    current: &CurrentUser,
    form: &AccountForm,
    errors: FormErrors,
    existing: Option<&User>,
) -> Result<AccountFormPage, AppError> {
    let (heading, action, submit_label, organizations) = match existing {
        Some(target) => (
            crate::i18n::t("accounts-edit-heading"),
            format!("/espace/comptes/{}", target.id),
            crate::i18n::t("accounts-edit-submit"),
            Vec::new(),
        ),
        None => (
            crate::i18n::t("accounts-create-heading"),
            "/espace/comptes".to_owned(),
            crate::i18n::t("accounts-create-submit"),
            organization_choices(state, &current.user, &form.organization_id).await?,
        ),
    };
    let organization = existing
        .map(|t| t.organization_id.clone())
        .or_else(|| OrganizationId::parse(&form.organization_id));
    let kind = kind_of(state, current, organization).await?;
    let refused_role = errors.for_field("role").is_some();
    Ok(AccountFormPage {
        chrome: current.chrome().await?,
        organization_id: form.organization_id.clone(),
        heading,
        action,
        submit_label,
        errors,
        display_name: form.display_name.clone(),
        email: form.email.clone(),
        roles: role_choices(&current.user, &form.role, kind, refused_role),
        organizations,
        existing: existing.map(|t| ExistingAccount {
            id: t.id.to_string(),
            active: t.active,
        }),
    })
}
