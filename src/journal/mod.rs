//! The security journal: an append-only record of who logged in, failed to,
//! and who changed which account or organisation.
//!
//! Other features write to it only through the named functions below, one
//! per event; nothing in the code can update or delete an entry, and the
//! database refuses it too (see `db::append_only`).

mod accounts;
mod logins;
mod mediation;
pub mod model;
mod places;
pub mod routes;
pub mod store;
mod views;

// One named function per event, grouped by what they record.
pub use accounts::*;
pub use logins::*;
pub use mediation::*;
pub use places::*;

use sea_orm::{ConnectionTrait, DbErr};

use crate::accounts::User;
use crate::organizations::OrganizationId;
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

pub(crate) async fn append(
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

/// The organisation of the person acting, if a person acts.
pub(crate) fn actor_organization<'a>(actor: Actor<'a>) -> Option<&'a OrganizationId> {
    match actor {
        Actor::User(user) => Some(&user.organization_id),
        _ => None,
    }
}

/// An action of a logged-in person on their own structure's data.
pub(crate) async fn in_own_structure(
    db: &impl ConnectionTrait,
    event: JournalEvent,
    actor: &User,
    subject: &str,
    detail: String,
) -> Result<(), DbErr> {
    let structure = Some(&actor.organization_id);
    append(db, event, Actor::User(actor), structure, subject, detail).await
}
