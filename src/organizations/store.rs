//! All SQL about organisations.

use sea_orm::{
    ActiveValue::Set, ColumnTrait, Condition, ConnectionTrait, DbErr, EntityTrait, PaginatorTrait,
    QueryFilter, QueryOrder,
};

use super::model::{
    NewOrganization, Organization, OrganizationId, OrganizationKind, OrganizationTree, slugify,
};
use crate::db;
use crate::validation::FieldError;

pub(crate) mod entity {
    use sea_orm::entity::prelude::*;

    #[sea_orm::model]
    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "organizations")]
    pub struct Model {
        #[sea_orm(primary_key, auto_increment = false)]
        pub id: String,
        pub parent_id: Option<String>,
        pub kind: String,
        pub name: String,
        #[sea_orm(unique)]
        pub slug: String,
        pub created_at: DateTimeUtc,
        pub updated_at: DateTimeUtc,
    }

    impl ActiveModelBehavior for ActiveModel {}
}

use entity::{Column, Entity};

/// Why an organisation could not be created.
#[derive(Debug, thiserror::Error)]
pub enum CreateError {
    #[error("{}", .0.message())]
    Invalid(FieldError),
    #[error(transparent)]
    Database(#[from] DbErr),
}

impl TryFrom<entity::Model> for Organization {
    type Error = DbErr;

    fn try_from(row: entity::Model) -> Result<Self, DbErr> {
        let kind = OrganizationKind::parse(&row.kind)
            .map_err(|_| DbErr::Type(format!("unknown organization kind {}", row.kind)))?;
        Ok(Self {
            id: OrganizationId::from_db(row.id),
            parent_id: row.parent_id.map(OrganizationId::from_db),
            kind,
            name: row.name,
            slug: row.slug,
        })
    }
}

/// Creates an organisation under its parent, checking the tree's rules.
///
/// The slug comes from the name; a taken slug gets a numeric suffix.
pub async fn create(
    db: &impl ConnectionTrait,
    new: NewOrganization,
) -> Result<Organization, CreateError> {
    let parent_kind = match &new.parent_id {
        Some(parent_id) => match find(db, parent_id).await? {
            Some(parent) => Some(parent.kind),
            None => {
                return Err(CreateError::Invalid(FieldError::new(
                    "parent_id",
                    "organization-parent-invalid",
                )));
            }
        },
        None => None,
    };
    if !new.kind.accepts_parent(parent_kind) {
        return Err(CreateError::Invalid(FieldError::new(
            "parent_id",
            "organization-parent-wrong-kind",
        )));
    }
    let base_slug = slugify(new.name.as_str());
    let now = db::now();
    for attempt in 1..=50 {
        let slug = if attempt == 1 {
            base_slug.clone()
        } else {
            format!("{base_slug}-{attempt}")
        };
        let row = entity::ActiveModel {
            id: Set(db::new_id()),
            parent_id: Set(new.parent_id.as_ref().map(|p| p.as_str().to_owned())),
            kind: Set(new.kind.as_str().to_owned()),
            name: Set(new.name.as_str().to_owned()),
            slug: Set(slug),
            created_at: Set(now),
            updated_at: Set(now),
        };
        match Entity::insert(row).exec_with_returning(db).await {
            Ok(model) => return Ok(model.try_into()?),
            Err(err) if db::is_unique_violation(&err) => continue,
            Err(err) => return Err(err.into()),
        }
    }
    Err(DbErr::Custom(format!("no free slug for {base_slug}")).into())
}

/// The organisation with this id.
pub async fn find(
    db: &impl ConnectionTrait,
    id: &OrganizationId,
) -> Result<Option<Organization>, DbErr> {
    Entity::find_by_id(id.as_str())
        .one(db)
        .await?
        .map(Organization::try_from)
        .transpose()
}

/// Finds an organisation by id, slug or exact name: what an operator types
/// on the command line.
pub async fn find_by_reference(
    db: &impl ConnectionTrait,
    reference: &str,
) -> Result<Option<Organization>, DbErr> {
    let reference = reference.trim();
    if let Some(id) = OrganizationId::parse(reference) {
        return find(db, &id).await;
    }
    let row = Entity::find()
        .filter(
            Condition::any()
                .add(Column::Slug.eq(reference))
                .add(Column::Name.eq(reference)),
        )
        .one(db)
        .await?;
    row.map(Organization::try_from).transpose()
}

/// Every organisation, by name.
pub async fn list(db: &impl ConnectionTrait) -> Result<Vec<Organization>, DbErr> {
    Entity::find()
        .order_by_asc(Column::Name)
        .all(db)
        .await?
        .into_iter()
        .map(Organization::try_from)
        .collect()
}

/// The whole tree, loaded in one query.
pub async fn tree(db: &impl ConnectionTrait) -> Result<OrganizationTree, DbErr> {
    Ok(OrganizationTree::new(list(db).await?))
}

/// How many organisations exist (zero on a fresh database).
pub async fn count(db: &impl ConnectionTrait) -> Result<u64, DbErr> {
    Entity::find().count(db).await
}
