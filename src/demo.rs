//! `serve --demo`: a small, believable network so that anyone can try Maille
//! in a minute: organisations, accounts, places across Maine-et-Loire, and
//! two months of mediation in Cholet and Angers.
//! Only ever added to an empty database, only with the flag.

use sea_orm::{DatabaseConnection, DbErr, TransactionTrait};

use crate::accounts::{self, DisplayName, Email, NewPassword, NewUser, Role};
use crate::journal::{self, Actor};
use crate::organizations::{self, NewOrganization, OrganizationKind, OrganizationName};

/// The password of every demo account.
pub const PASSWORD: &str = "maille-demo";

/// A demo account, as listed on the login page in demo mode.
pub struct DemoAccount {
    pub email: &'static str,
    pub name: &'static str,
    pub role: Role,
    /// Index in [`ORGANIZATIONS`].
    organization: usize,
}

impl DemoAccount {
    /// The name of the organisation the account belongs to.
    pub fn organization_name(&self) -> &'static str {
        ORGANIZATIONS[self.organization].1
    }
}

/// (kind, name, index of the parent).
const ORGANIZATIONS: [(OrganizationKind, &str, Option<usize>); 5] = [
    (
        OrganizationKind::Network,
        "Réseau des centres sociaux (démo)",
        None,
    ),
    (
        OrganizationKind::Federation,
        "Fédération des centres sociaux de Maine-et-Loire",
        Some(0),
    ),
    (
        OrganizationKind::Structure,
        "Centre social du Val de Moine – Cholet",
        Some(1),
    ),
    (
        OrganizationKind::Structure,
        "Centre social Saint-Serge – Angers",
        Some(1),
    ),
    (
        OrganizationKind::Structure,
        "Centre social du Chemin Vert – Saumur",
        Some(1),
    ),
];

/// The demo accounts, all with [`PASSWORD`].
pub const ACCOUNTS: [DemoAccount; 5] = [
    DemoAccount {
        email: "admin@demo.maille.test",
        name: "Sam Rivière",
        role: Role::Admin,
        organization: 0,
    },
    DemoAccount {
        email: "coordination@demo.maille.test",
        name: "Nadia Morel",
        role: Role::Coordinator,
        organization: 1,
    },
    DemoAccount {
        email: "direction@demo.maille.test",
        name: "Julien Caillaud",
        role: Role::Manager,
        organization: 2,
    },
    DemoAccount {
        email: "mediation@demo.maille.test",
        name: "Inès Bouvier",
        role: Role::Mediator,
        organization: 2,
    },
    DemoAccount {
        email: "mediation.angers@demo.maille.test",
        name: "Théo Marchand",
        role: Role::Mediator,
        organization: 3,
    },
];

/// Adds the demo network when the database has no organisation yet.
/// Returns whether anything was added.
pub async fn seed(db: &DatabaseConnection) -> Result<bool, DbErr> {
    if organizations::store::count(db).await? > 0 {
        return Ok(false);
    }
    // One hash for the shared demo password keeps a demo start fast; each
    // real account gets its own salt.
    let hash = accounts::password::hash(&NewPassword::demo(PASSWORD))
        .await
        .map_err(|e| DbErr::Custom(e.to_string()))?;
    let tx = db.begin().await?;
    let mut ids: Vec<organizations::OrganizationId> = Vec::with_capacity(ORGANIZATIONS.len());
    for (kind, name, parent) in ORGANIZATIONS {
        let name = OrganizationName::parse(name).map_err(|e| DbErr::Custom(e.message()))?;
        let parent_id = parent.map(|i: usize| ids[i].clone());
        let created = organizations::store::create(
            &tx,
            NewOrganization {
                kind,
                name,
                parent_id,
            },
        )
        .await
        .map_err(|e| DbErr::Custom(e.to_string()))?;
        journal::organization_created(&tx, Actor::System, &created).await?;
        ids.push(created.id);
    }
    let mut users = Vec::new();
    for account in &ACCOUNTS {
        let new = NewUser {
            organization_id: ids[account.organization].clone(),
            email: Email::parse(account.email).map_err(|e| DbErr::Custom(e.message()))?,
            display_name: DisplayName::parse(account.name)
                .map_err(|e| DbErr::Custom(e.message()))?,
            role: account.role,
        };
        let user = accounts::store::create(&tx, &new, hash.clone())
            .await
            .map_err(|e| DbErr::Custom(e.to_string()))?;
        journal::account_created(&tx, Actor::System, &user).await?;
        users.push(user);
    }
    tx.commit().await?;
    // The structures are organisations 2, 3 and 4: Cholet, Angers, Saumur.
    crate::places::store::upsert_all(db, &crate::places::demo::places(&ids[2..])).await?;
    for stop in crate::places::demo::cafe_stops(chrono::Utc::now().date_naive()) {
        crate::places::stops::store::insert(db, &stop).await?;
    }
    // Accounts 3 and 4 are the mediators of Cholet and Angers.
    let today = crate::mediation::today();
    for (user, people, seed) in [
        (&users[3], &[0usize, 1, 2][..], 3),
        (&users[4], &[3, 4][..], 4),
    ] {
        let place = crate::places::store::first_of_organization(db, &user.organization_id).await?;
        crate::mediation::demo::seed(db, user, place, people, today, seed).await?;
    }
    crate::workshops::demo::seed(db, &users[3], &users[4]).await?;
    crate::appointments::demo::seed(db, [&users[3], &users[4]]).await?;
    crate::equipment::demo::seed(db, &users[3]).await?;
    Ok(true)
}
