//! All SQL about accounts.

use std::collections::HashMap;

use sea_orm::{
    ActiveValue::Set, ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter, QueryOrder,
    QuerySelect,
};

use super::model::{DisplayName, Email, NewUser, Role, User, UserId};
use crate::db;
use sea_orm::FromQueryResult;

use crate::organizations::{Organization, OrganizationId, OrganizationKind};

pub(crate) mod entity {
    use sea_orm::entity::prelude::*;

    #[sea_orm::model]
    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "users")]
    pub struct Model {
        #[sea_orm(primary_key, auto_increment = false)]
        pub id: String,
        pub organization_id: String,
        #[sea_orm(unique)]
        pub email: String,
        pub display_name: String,
        pub role: String,
        pub password_hash: String,
        pub active: bool,
        pub created_at: DateTimeUtc,
        pub updated_at: DateTimeUtc,
    }

    impl ActiveModelBehavior for ActiveModel {}
}

use entity::{Column, Entity};

/// Why an account could not be written.
#[derive(Debug, thiserror::Error)]
pub enum WriteError {
    #[error("cette adresse e-mail est déjà utilisée par un autre compte")]
    EmailTaken,
    #[error(transparent)]
    Database(#[from] DbErr),
}

impl From<WriteError> for crate::error::AppError {
    fn from(err: WriteError) -> Self {
        match err {
            WriteError::EmailTaken => Self::Conflict,
            WriteError::Database(e) => e.into(),
        }
    }
}

fn to_user(row: entity::Model) -> Result<(User, String), DbErr> {
    let role =
        Role::parse(&row.role).map_err(|_| DbErr::Type(format!("unknown role {}", row.role)))?;
    let email = Email::from_db(row.email);
    let user = User {
        id: UserId::from_db(row.id),
        organization_id: OrganizationId::from_db(row.organization_id),
        email,
        display_name: row.display_name,
        role,
        active: row.active,
    };
    Ok((user, row.password_hash))
}

/// An account read by another feature's query (a token's owner), from its
/// columns as stored.
pub(crate) fn user_from_columns(
    id: String,
    organization_id: String,
    email: String,
    display_name: String,
    role: &str,
    active: bool,
) -> Result<User, DbErr> {
    let role = Role::parse(role).map_err(|_| DbErr::Type(format!("unknown role {role}")))?;
    Ok(User {
        id: UserId::from_db(id),
        organization_id: OrganizationId::from_db(organization_id),
        email: Email::from_db(email),
        display_name,
        role,
        active,
    })
}

fn map_unique(err: DbErr) -> WriteError {
    if db::is_unique_violation(&err) {
        WriteError::EmailTaken
    } else {
        WriteError::Database(err)
    }
}

/// Creates an active account with an already hashed password.
pub async fn create(
    db: &impl ConnectionTrait,
    new: &NewUser,
    password_hash: String,
) -> Result<User, WriteError> {
    let now = db::now();
    let row = entity::ActiveModel {
        id: Set(db::new_id()),
        organization_id: Set(new.organization_id.as_str().to_owned()),
        email: Set(new.email.as_str().to_owned()),
        display_name: Set(new.display_name.as_str().to_owned()),
        role: Set(new.role.as_str().to_owned()),
        password_hash: Set(password_hash),
        active: Set(true),
        created_at: Set(now),
        updated_at: Set(now),
    };
    let row = Entity::insert(row)
        .exec_with_returning(db)
        .await
        .map_err(map_unique)?;
    Ok(to_user(row)?.0)
}

/// The account with this id.
pub async fn find(db: &impl ConnectionTrait, id: &UserId) -> Result<Option<User>, DbErr> {
    Ok(find_with_hash(db, id).await?.map(|(user, _)| user))
}

/// The account with this id, and its password hash.
pub async fn find_with_hash(
    db: &impl ConnectionTrait,
    id: &UserId,
) -> Result<Option<(User, String)>, DbErr> {
    Entity::find_by_id(id.as_str())
        .one(db)
        .await?
        .map(to_user)
        .transpose()
}

/// The account with this e-mail address, and its password hash.
pub async fn find_with_hash_by_email(
    db: &impl ConnectionTrait,
    email: &Email,
) -> Result<Option<(User, String)>, DbErr> {
    Entity::find()
        .filter(Column::Email.eq(email.as_str()))
        .one(db)
        .await?
        .map(to_user)
        .transpose()
}

/// The accounts of one organisation, or of all when `organization` is `None`, by name.
pub async fn list(
    db: &impl ConnectionTrait,
    organization: Option<&OrganizationId>,
) -> Result<Vec<User>, DbErr> {
    let mut query = Entity::find().order_by_asc(Column::DisplayName);
    if let Some(organization) = organization {
        query = query.filter(Column::OrganizationId.eq(organization.as_str()));
    }
    query
        .all(db)
        .await?
        .into_iter()
        .map(|row| to_user(row).map(|(user, _)| user))
        .collect()
}

/// Changes the name, address and role of an account.
pub async fn update_profile(
    db: &impl ConnectionTrait,
    id: &UserId,
    display_name: &DisplayName,
    email: &Email,
    role: Role,
) -> Result<(), WriteError> {
    Entity::update_many()
        .filter(Column::Id.eq(id.as_str()))
        .col_expr(Column::DisplayName, display_name.as_str().into())
        .col_expr(Column::Email, email.as_str().into())
        .col_expr(Column::Role, role.as_str().into())
        .col_expr(Column::UpdatedAt, db::now().into())
        .exec(db)
        .await
        .map_err(map_unique)?;
    Ok(())
}

/// Activates or deactivates an account (accounts are never deleted: the
/// journal and, later, activities keep pointing at them).
pub async fn set_active(db: &impl ConnectionTrait, id: &UserId, active: bool) -> Result<(), DbErr> {
    Entity::update_many()
        .filter(Column::Id.eq(id.as_str()))
        .col_expr(Column::Active, active.into())
        .col_expr(Column::UpdatedAt, db::now().into())
        .exec(db)
        .await?;
    Ok(())
}

/// Replaces an account's password hash.
pub async fn set_password_hash(
    db: &impl ConnectionTrait,
    id: &UserId,
    password_hash: &str,
) -> Result<(), DbErr> {
    Entity::update_many()
        .filter(Column::Id.eq(id.as_str()))
        .col_expr(Column::PasswordHash, password_hash.into())
        .col_expr(Column::UpdatedAt, db::now().into())
        .exec(db)
        .await?;
    Ok(())
}

/// How many active managers run `organization`.
pub async fn active_managers(
    db: &impl ConnectionTrait,
    organization: &OrganizationId,
) -> Result<u64, DbErr> {
    use sea_orm::PaginatorTrait;
    Entity::find()
        .filter(Column::OrganizationId.eq(organization.as_str()))
        .filter(Column::Role.eq(Role::Manager.as_str()))
        .filter(Column::Active.eq(true))
        .count(db)
        .await
}

/// Active accounts per organisation and role: an aggregate with no personal data.
pub async fn count_active_by_organization(
    db: &impl ConnectionTrait,
) -> Result<HashMap<OrganizationId, HashMap<Role, i64>>, DbErr> {
    let rows: Vec<(String, String, i64)> = Entity::find()
        .select_only()
        .column(Column::OrganizationId)
        .column(Column::Role)
        .column_as(Column::Id.count(), "accounts")
        .filter(Column::Active.eq(true))
        .group_by(Column::OrganizationId)
        .group_by(Column::Role)
        .into_tuple()
        .all(db)
        .await?;
    let mut counts: HashMap<OrganizationId, HashMap<Role, i64>> = HashMap::new();
    for (organization, role, accounts) in rows {
        if let Ok(role) = Role::parse(&role) {
            counts
                .entry(OrganizationId::from_db(organization))
                .or_default()
                .insert(role, accounts);
        }
    }
    Ok(counts)
}

#[derive(sea_orm::FromQueryResult)]
struct SessionRow {
    id: String,
    organization_id: String,
    email: String,
    display_name: String,
    role: String,
    password_hash: String,
    active: bool,
    org_parent_id: Option<String>,
    org_kind: String,
    org_name: String,
    org_slug: String,
}

/// The account, its password hash and its organisation, in one query: this
/// runs on every staff request, where each round trip to the database shows.
pub async fn find_for_session(
    db: &impl ConnectionTrait,
    id: &UserId,
) -> Result<Option<(User, String, Organization)>, DbErr> {
    let statement = sea_orm::Statement::from_sql_and_values(
        db.get_database_backend(),
        "SELECT u.id, u.organization_id, u.email, u.display_name, u.role, u.password_hash, u.active, \
         o.parent_id AS org_parent_id, o.kind AS org_kind, o.name AS org_name, o.slug AS org_slug \
         FROM users u JOIN organizations o ON o.id = u.organization_id WHERE u.id = $1",
        [id.as_str().into()],
    );
    let Some(row) = SessionRow::find_by_statement(statement).one(db).await? else {
        return Ok(None);
    };
    let kind = OrganizationKind::parse(&row.org_kind)
        .map_err(|_| DbErr::Type(format!("unknown organization kind {}", row.org_kind)))?;
    let organization = Organization {
        id: OrganizationId::from_db(row.organization_id.clone()),
        parent_id: row.org_parent_id.map(OrganizationId::from_db),
        kind,
        name: row.org_name,
        slug: row.org_slug,
    };
    let (user, hash) = to_user(entity::Model {
        id: row.id,
        organization_id: row.organization_id,
        email: row.email,
        display_name: row.display_name,
        role: row.role,
        password_hash: row.password_hash,
        active: row.active,
        created_at: chrono::DateTime::UNIX_EPOCH,
        updated_at: chrono::DateTime::UNIX_EPOCH,
    })?;
    Ok(Some((user, hash, organization)))
}
