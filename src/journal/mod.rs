//! The security journal: an append-only record of who logged in, failed to,
//! and who changed which account or organisation.
//!
//! Other features write to it only through the named functions below, one
//! per event; nothing in the code can update or delete an entry, and the
//! database refuses it too (see `db::append_only`).

pub mod model;
pub mod routes;
pub mod store;
mod views;

use sea_orm::{ConnectionTrait, DbErr};

use crate::accounts::{Role, User};
use crate::organizations::{Organization, OrganizationId};
use crate::web::client::ClientAddress;
pub use model::{JournalEntry, JournalEvent};
use store::NewEntry;

/// Who performed an action.
#[derive(Clone, Copy)]
pub enum Actor<'a> {
    /// A logged-in person.
    User(&'a User),
    /// An operator at the command line of the server.
    CommandLine,
    /// Someone not logged in (a login attempt).
    Visitor,
    /// Maille itself (an automatic lockout).
    System,
}

impl Actor<'_> {
    fn id(&self) -> Option<String> {
        match self {
            Self::User(user) => Some(user.id.as_str().to_owned()),
            _ => None,
        }
    }

    fn label(&self) -> String {
        match self {
            Self::User(user) => user.email.as_str().to_owned(),
            Self::CommandLine => "ligne de commande".to_owned(),
            Self::Visitor => "personne non connectée".to_owned(),
            Self::System => "Maille".to_owned(),
        }
    }
}

async fn append(
    db: &impl ConnectionTrait,
    event: JournalEvent,
    actor: Actor<'_>,
    organization: Option<&OrganizationId>,
    subject: &str,
    detail: String,
) -> Result<(), DbErr> {
    store::append(
        db,
        NewEntry {
            event,
            actor_id: actor.id(),
            actor_label: actor.label(),
            organization_id: organization.map(|o| o.as_str().to_owned()),
            subject: subject.to_owned(),
            detail,
        },
    )
    .await
}

/// A person logged in from `client`.
pub async fn login_succeeded(
    db: &impl ConnectionTrait,
    user: &User,
    client: ClientAddress,
) -> Result<(), DbErr> {
    let org = Some(&user.organization_id);
    append(
        db,
        JournalEvent::LoginSucceeded,
        Actor::User(user),
        org,
        user.email.as_str(),
        format!("depuis {client}"),
    )
    .await
}

/// A login failed for the address `email` (which may have no account).
pub async fn login_failed(
    db: &impl ConnectionTrait,
    email: &str,
    account: Option<&User>,
    client: ClientAddress,
) -> Result<(), DbErr> {
    let org = account.map(|u| &u.organization_id);
    let detail = if account.is_some() {
        format!("depuis {client}")
    } else {
        format!("depuis {client} ; aucun compte à cette adresse")
    };
    append(
        db,
        JournalEvent::LoginFailed,
        Actor::Visitor,
        org,
        email,
        detail,
    )
    .await
}

/// Too many failures on `email`: browsers that never logged into it now
/// wait `minutes` between attempts.
pub async fn account_slowed(
    db: &impl ConnectionTrait,
    email: &str,
    account: Option<&User>,
    minutes: u64,
) -> Result<(), DbErr> {
    let org = account.map(|u| &u.organization_id);
    let detail = format!(
        "les navigateurs inconnus attendent {minutes} min entre deux essais ; les navigateurs déjà connectés à ce compte ne sont pas concernés"
    );
    append(
        db,
        JournalEvent::AccountLocked,
        Actor::System,
        org,
        email,
        detail,
    )
    .await
}

/// A login was refused without checking the password: the account's
/// attempts are slowed down and `client` came too soon.
pub async fn login_refused_locked(
    db: &impl ConnectionTrait,
    email: &str,
    account: Option<&User>,
    client: ClientAddress,
) -> Result<(), DbErr> {
    let org = account.map(|u| &u.organization_id);
    append(
        db,
        JournalEvent::LoginRefusedLocked,
        Actor::Visitor,
        org,
        email,
        format!("depuis {client}"),
    )
    .await
}

/// Too many failures from `client`: its logins are refused for `minutes`.
/// Visible to administrators (it concerns no organisation).
pub async fn address_blocked(
    db: &impl ConnectionTrait,
    client: ClientAddress,
    minutes: u64,
) -> Result<(), DbErr> {
    append(
        db,
        JournalEvent::AddressBlocked,
        Actor::System,
        None,
        &client.to_string(),
        format!("connexions refusées pendant {minutes} min"),
    )
    .await
}

/// A person logged out.
pub async fn logged_out(db: &impl ConnectionTrait, user: &User) -> Result<(), DbErr> {
    let org = Some(&user.organization_id);
    append(
        db,
        JournalEvent::LoggedOut,
        Actor::User(user),
        org,
        user.email.as_str(),
        String::new(),
    )
    .await
}

/// An account was created.
pub async fn account_created(
    db: &impl ConnectionTrait,
    actor: Actor<'_>,
    created: &User,
) -> Result<(), DbErr> {
    let detail = format!("rôle : {}", created.role.label());
    append(
        db,
        JournalEvent::AccountCreated,
        actor,
        Some(&created.organization_id),
        created.email.as_str(),
        detail,
    )
    .await
}

/// An account's name or address changed.
pub async fn account_updated(
    db: &impl ConnectionTrait,
    actor: &User,
    target: &User,
    changes: &str,
) -> Result<(), DbErr> {
    append(
        db,
        JournalEvent::AccountUpdated,
        Actor::User(actor),
        Some(&target.organization_id),
        target.email.as_str(),
        changes.to_owned(),
    )
    .await
}

/// An account's role changed.
pub async fn role_changed(
    db: &impl ConnectionTrait,
    actor: &User,
    target: &User,
    from: Role,
    to: Role,
) -> Result<(), DbErr> {
    let detail = format!("{} → {}", from.label(), to.label());
    append(
        db,
        JournalEvent::RoleChanged,
        Actor::User(actor),
        Some(&target.organization_id),
        target.email.as_str(),
        detail,
    )
    .await
}

/// An account was deactivated or reactivated.
pub async fn account_activation_changed(
    db: &impl ConnectionTrait,
    actor: &User,
    target: &User,
    active: bool,
) -> Result<(), DbErr> {
    let event = if active {
        JournalEvent::AccountReactivated
    } else {
        JournalEvent::AccountDeactivated
    };
    append(
        db,
        event,
        Actor::User(actor),
        Some(&target.organization_id),
        target.email.as_str(),
        String::new(),
    )
    .await
}

/// A person changed their own password.
pub async fn password_changed(db: &impl ConnectionTrait, user: &User) -> Result<(), DbErr> {
    append(
        db,
        JournalEvent::PasswordChanged,
        Actor::User(user),
        Some(&user.organization_id),
        user.email.as_str(),
        String::new(),
    )
    .await
}

/// A manager or admin gave an account a new generated password.
pub async fn password_reset(
    db: &impl ConnectionTrait,
    actor: Actor<'_>,
    target: &User,
) -> Result<(), DbErr> {
    append(
        db,
        JournalEvent::PasswordReset,
        actor,
        Some(&target.organization_id),
        target.email.as_str(),
        String::new(),
    )
    .await
}

/// An organisation was created.
pub async fn organization_created(
    db: &impl ConnectionTrait,
    actor: Actor<'_>,
    created: &Organization,
) -> Result<(), DbErr> {
    let detail = format!("{} : {}", created.kind.label(), created.name);
    append(
        db,
        JournalEvent::OrganizationCreated,
        actor,
        Some(&created.id),
        &created.slug,
        detail,
    )
    .await
}

/// A structure's place was created (`created`) or edited.
pub async fn place_saved(
    db: &impl ConnectionTrait,
    actor: &User,
    place_id: &str,
    name: &str,
    created: bool,
) -> Result<(), DbErr> {
    let event = if created {
        JournalEvent::PlaceCreated
    } else {
        JournalEvent::PlaceUpdated
    };
    in_own_structure(db, event, actor, place_id, name.to_owned()).await
}

/// A stop of an itinerant place was added (`added`) or removed; `detail`
/// says when and where.
pub async fn stop_changed(
    db: &impl ConnectionTrait,
    actor: &User,
    place_id: &str,
    added: bool,
    detail: String,
) -> Result<(), DbErr> {
    let event = if added {
        JournalEvent::StopAdded
    } else {
        JournalEvent::StopRemoved
    };
    in_own_structure(db, event, actor, place_id, detail).await
}

/// A file of places was imported, from the staff page or the command line.
pub async fn places_imported(
    db: &impl ConnectionTrait,
    actor: Actor<'_>,
    file_name: &str,
    detail: String,
) -> Result<(), DbErr> {
    let organization = actor_organization(actor);
    append(
        db,
        JournalEvent::PlacesImported,
        actor,
        organization,
        file_name,
        detail,
    )
    .await
}

/// Rows of an imported file targeted places that the structure `owner`
/// (named `owner_name`) runs, and were refused: written on both sides, for
/// the structure whose places were aimed at and for whoever imported.
pub async fn place_import_refused(
    db: &impl ConnectionTrait,
    actor: Actor<'_>,
    owner: &OrganizationId,
    owner_name: &str,
    file_name: &str,
    detail: String,
) -> Result<(), DbErr> {
    let by = format!("import de « {file_name} » par {} : {detail}", actor.label());
    append(
        db,
        JournalEvent::PlaceImportRefused,
        actor,
        Some(owner),
        owner_name,
        by.clone(),
    )
    .await?;
    if let Some(importer_organization) = actor_organization(actor)
        && importer_organization != owner
    {
        append(
            db,
            JournalEvent::PlaceImportRefused,
            actor,
            Some(importer_organization),
            owner_name,
            by,
        )
        .await?;
    }
    Ok(())
}

/// The organisation of the person acting, if a person acts.
fn actor_organization<'a>(actor: Actor<'a>) -> Option<&'a OrganizationId> {
    match actor {
        Actor::User(user) => Some(&user.organization_id),
        _ => None,
    }
}

/// An action of a logged-in person on their own structure's data.
async fn in_own_structure(
    db: &impl ConnectionTrait,
    event: JournalEvent,
    actor: &User,
    subject: &str,
    detail: String,
) -> Result<(), DbErr> {
    let structure = Some(&actor.organization_id);
    append(db, event, Actor::User(actor), structure, subject, detail).await
}
