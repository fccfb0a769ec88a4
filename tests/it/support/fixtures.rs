//! Small builders for what tests need: a network with two structures and one
//! account per role.

use std::sync::LazyLock;

use maille::accounts::{self, DisplayName, Email, NewPassword, NewUser, Role, User};
use maille::organizations::{
    self, NewOrganization, Organization, OrganizationKind, OrganizationName,
};
use sea_orm::DatabaseConnection;

/// The password of every fixture account.
pub const PASSWORD: &str = "mot de passe de test";

/// Hashing is slow on purpose: hash the shared test password once per run.
static HASH: LazyLock<String> = LazyLock::new(|| {
    accounts::password::hash_blocking(&NewPassword::parse(PASSWORD, "p").expect("valid"))
        .expect("hash")
});

/// Creates an organisation.
pub async fn organization(
    db: &DatabaseConnection,
    kind: OrganizationKind,
    name: &str,
    parent: Option<&Organization>,
) -> Organization {
    organizations::store::create(
        db,
        NewOrganization {
            kind,
            name: OrganizationName::parse(name).expect("valid name"),
            parent_id: parent.map(|p| p.id.clone()),
        },
    )
    .await
    .expect("organisation created")
}

/// Creates an active account with [`PASSWORD`].
pub async fn user(
    db: &DatabaseConnection,
    organization: &Organization,
    role: Role,
    email: &str,
) -> User {
    let new = NewUser {
        organization_id: organization.id.clone(),
        email: Email::parse(email).expect("valid email"),
        display_name: DisplayName::parse(&format!(
            "Personne {}",
            email.split('@').next().unwrap_or(email)
        ))
        .expect("valid name"),
        role,
    };
    accounts::store::create(db, &new, HASH.clone())
        .await
        .expect("account created")
}

/// A network → federation → two structures, and one account per role.
pub struct Network {
    pub network: Organization,
    pub federation: Organization,
    pub cholet: Organization,
    pub angers: Organization,
    pub admin: User,
    pub coordinator: User,
    pub manager_cholet: User,
    pub mediator_cholet: User,
    pub manager_angers: User,
    pub mediator_angers: User,
}

impl Network {
    /// Builds the network in `db`.
    pub async fn create(db: &DatabaseConnection) -> Self {
        use OrganizationKind::*;
        let network = organization(db, Network, "Réseau test", None).await;
        let federation = organization(db, Federation, "Fédération test", Some(&network)).await;
        let cholet = organization(db, Structure, "Centre social Cholet", Some(&federation)).await;
        let angers = organization(db, Structure, "Centre social Angers", Some(&federation)).await;
        Self {
            admin: user(db, &network, Role::Admin, "admin@test.fr").await,
            coordinator: user(db, &federation, Role::Coordinator, "coordination@test.fr").await,
            manager_cholet: user(db, &cholet, Role::Manager, "direction.cholet@test.fr").await,
            mediator_cholet: user(db, &cholet, Role::Mediator, "mediation.cholet@test.fr").await,
            manager_angers: user(db, &angers, Role::Manager, "direction.angers@test.fr").await,
            mediator_angers: user(db, &angers, Role::Mediator, "mediation.angers@test.fr").await,
            network,
            federation,
            cholet,
            angers,
        }
    }
}
