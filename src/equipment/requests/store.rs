//! All SQL of requests and internet referrals. Matching a device is a
//! conditional update of the request (`WHERE status = 'waiting'`) after
//! the device's row is held: two mediators cannot set one device aside
//! for two households, nor one household get two devices.

use sea_orm::{
    ColumnTrait, ConnectionTrait, DbErr, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder,
    QuerySelect, sea_query::Expr,
};

use crate::organizations::OrganizationId;

pub(crate) mod criteria {
    use sea_orm::entity::prelude::*;

    #[sea_orm::model]
    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "eligibility_criteria")]
    pub struct Model {
        #[sea_orm(primary_key, auto_increment = false)]
        pub id: String,
        pub organization_id: String,
        /// `equipment` (requests) or `internet` (referrals).
        pub scope: String,
        pub label: String,
        pub position: i32,
        pub created_at: DateTimeUtc,
        pub updated_at: DateTimeUtc,
    }

    impl ActiveModelBehavior for ActiveModel {}
}

pub(crate) mod requests {
    use sea_orm::entity::prelude::*;

    #[sea_orm::model]
    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "equipment_requests")]
    pub struct Model {
        #[sea_orm(primary_key, auto_increment = false)]
        pub id: String,
        pub organization_id: String,
        pub beneficiary_id: Option<String>,
        pub name: String,
        pub phone: Option<String>,
        pub email: Option<String>,
        pub need: String,
        pub household: String,
        pub kind: String,
        /// JSON list of the criteria met.
        pub criteria: String,
        pub priority: i32,
        pub status: String,
        /// `public` or `staff`.
        pub source: String,
        pub device_id: Option<String>,
        pub path_sessions: Option<i32>,
        pub path_started_on: Option<Date>,
        pub created_at: DateTimeUtc,
        pub updated_at: DateTimeUtc,
    }

    impl ActiveModelBehavior for ActiveModel {}
}

pub(crate) mod offers {
    use sea_orm::entity::prelude::*;

    #[sea_orm::model]
    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "internet_offers")]
    pub struct Model {
        #[sea_orm(primary_key, auto_increment = false)]
        pub id: String,
        pub organization_id: String,
        pub name: String,
        pub provider: String,
        pub conditions: String,
        pub created_at: DateTimeUtc,
        pub updated_at: DateTimeUtc,
    }

    impl ActiveModelBehavior for ActiveModel {}
}

pub(crate) mod referrals {
    use sea_orm::entity::prelude::*;

    #[sea_orm::model]
    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "internet_referrals")]
    pub struct Model {
        #[sea_orm(primary_key, auto_increment = false)]
        pub id: String,
        pub organization_id: String,
        pub offer_id: String,
        pub beneficiary_id: Option<String>,
        pub criteria: String,
        /// `referred`, `subscribed` or `refused`.
        pub outcome: String,
        pub reason: String,
        pub on_day: Date,
        pub created_at: DateTimeUtc,
        pub updated_at: DateTimeUtc,
    }

    impl ActiveModelBehavior for ActiveModel {}
}

pub type CriterionRecord = criteria::Model;
pub type RequestRecord = requests::Model;
pub type OfferRecord = offers::Model;
pub type ReferralRecord = referrals::Model;

/// A structure's checklist for `scope`, in order.
pub async fn criteria_of(
    db: &impl ConnectionTrait,
    organization: &OrganizationId,
    scope: &str,
) -> Result<Vec<CriterionRecord>, DbErr> {
    criteria::Entity::find()
        .filter(criteria::Column::OrganizationId.eq(organization.as_str()))
        .filter(criteria::Column::Scope.eq(scope))
        .order_by_asc(criteria::Column::Position)
        .limit(100)
        .all(db)
        .await
}

pub async fn insert_criterion(
    db: &impl ConnectionTrait,
    row: CriterionRecord,
) -> Result<(), DbErr> {
    criteria::Entity::insert(criteria::ActiveModel::from(row))
        .exec_without_returning(db)
        .await
        .map(|_| ())
}

/// Removes a criterion of the structure; whether there was one.
pub async fn remove_criterion(
    db: &impl ConnectionTrait,
    organization: &OrganizationId,
    id: &str,
) -> Result<bool, DbErr> {
    let result = criteria::Entity::delete_many()
        .filter(criteria::Column::OrganizationId.eq(organization.as_str()))
        .filter(criteria::Column::Id.eq(id))
        .exec(db)
        .await?;
    Ok(result.rows_affected == 1)
}

pub async fn insert_request(db: &impl ConnectionTrait, row: RequestRecord) -> Result<(), DbErr> {
    requests::Entity::insert(requests::ActiveModel::from(row))
        .exec_without_returning(db)
        .await
        .map(|_| ())
}

/// The request `id` of `organization` (another structure's: none).
pub async fn find_request(
    db: &impl ConnectionTrait,
    organization: &OrganizationId,
    id: &str,
) -> Result<Option<RequestRecord>, DbErr> {
    requests::Entity::find_by_id(id)
        .filter(requests::Column::OrganizationId.eq(organization.as_str()))
        .one(db)
        .await
}

/// The request a device is set aside for, if any.
pub async fn request_of_device(
    db: &impl ConnectionTrait,
    device: &str,
) -> Result<Option<RequestRecord>, DbErr> {
    requests::Entity::find()
        .filter(requests::Column::DeviceId.eq(device))
        .filter(requests::Column::Status.eq(super::model::status::PATH))
        .one(db)
        .await
}

/// The devices set aside for a structure's requests (paths under way).
pub async fn set_aside_devices(
    db: &impl ConnectionTrait,
    organization: &OrganizationId,
) -> Result<std::collections::HashSet<String>, DbErr> {
    let ids: Vec<Option<String>> = requests::Entity::find()
        .select_only()
        .column(requests::Column::DeviceId)
        .filter(requests::Column::OrganizationId.eq(organization.as_str()))
        .filter(requests::Column::Status.eq(super::model::status::PATH))
        .into_tuple()
        .all(db)
        .await?;
    Ok(ids.into_iter().flatten().collect())
}

/// A structure's requests in `status`: the waiting list by priority, then
/// date; the others by latest change.
pub async fn requests_in(
    db: &impl ConnectionTrait,
    organization: &OrganizationId,
    status: &str,
    limit: u64,
) -> Result<Vec<RequestRecord>, DbErr> {
    let query = requests::Entity::find()
        .filter(requests::Column::OrganizationId.eq(organization.as_str()))
        .filter(requests::Column::Status.eq(status));
    let query = if status == super::model::status::WAITING {
        query
            .order_by_desc(requests::Column::Priority)
            .order_by_asc(requests::Column::CreatedAt)
    } else {
        query.order_by_desc(requests::Column::UpdatedAt)
    };
    query.limit(limit).all(db).await
}

/// How many requests a structure has in `status`.
pub async fn count_in(
    db: &impl ConnectionTrait,
    organization: &OrganizationId,
    status: &str,
) -> Result<u64, DbErr> {
    requests::Entity::find()
        .filter(requests::Column::OrganizationId.eq(organization.as_str()))
        .filter(requests::Column::Status.eq(status))
        .count(db)
        .await
}

/// Writes a request's whole new state, only if it is still in `from`:
/// whether it changed.
pub async fn move_request(
    db: &impl ConnectionTrait,
    row: &RequestRecord,
    from: &str,
) -> Result<bool, DbErr> {
    let result = requests::Entity::update_many()
        .col_expr(requests::Column::Status, Expr::value(row.status.clone()))
        .col_expr(
            requests::Column::BeneficiaryId,
            Expr::value(row.beneficiary_id.clone()),
        )
        .col_expr(
            requests::Column::DeviceId,
            Expr::value(row.device_id.clone()),
        )
        .col_expr(
            requests::Column::PathSessions,
            Expr::value(row.path_sessions),
        )
        .col_expr(
            requests::Column::PathStartedOn,
            Expr::value(row.path_started_on),
        )
        .col_expr(requests::Column::Phone, Expr::value(row.phone.clone()))
        .col_expr(requests::Column::Email, Expr::value(row.email.clone()))
        .col_expr(requests::Column::Name, Expr::value(row.name.clone()))
        .col_expr(requests::Column::UpdatedAt, Expr::value(row.updated_at))
        .filter(requests::Column::Id.eq(row.id.as_str()))
        .filter(requests::Column::Status.eq(from))
        .exec(db)
        .await?;
    Ok(result.rows_affected == 1)
}

/// A person's erasure (`to` none) or merge (`to`) reaches their requests
/// and referrals.
pub async fn relink_person(
    db: &impl ConnectionTrait,
    beneficiary: &str,
    to: Option<&str>,
) -> Result<(), DbErr> {
    requests::Entity::update_many()
        .col_expr(
            requests::Column::BeneficiaryId,
            Expr::value(to.map(str::to_owned)),
        )
        .filter(requests::Column::BeneficiaryId.eq(beneficiary))
        .exec(db)
        .await?;
    referrals::Entity::update_many()
        .col_expr(
            referrals::Column::BeneficiaryId,
            Expr::value(to.map(str::to_owned)),
        )
        .filter(referrals::Column::BeneficiaryId.eq(beneficiary))
        .exec(db)
        .await
        .map(|_| ())
}

pub async fn offers_of(
    db: &impl ConnectionTrait,
    organization: &OrganizationId,
) -> Result<Vec<OfferRecord>, DbErr> {
    offers::Entity::find()
        .filter(offers::Column::OrganizationId.eq(organization.as_str()))
        .order_by_asc(offers::Column::Name)
        .limit(100)
        .all(db)
        .await
}

pub async fn insert_offer(db: &impl ConnectionTrait, row: OfferRecord) -> Result<(), DbErr> {
    offers::Entity::insert(offers::ActiveModel::from(row))
        .exec_without_returning(db)
        .await
        .map(|_| ())
}

pub async fn insert_referral(db: &impl ConnectionTrait, row: ReferralRecord) -> Result<(), DbErr> {
    referrals::Entity::insert(referrals::ActiveModel::from(row))
        .exec_without_returning(db)
        .await
        .map(|_| ())
}

/// Referrals counted by offer and outcome, for `structures` (no person).
pub async fn referral_counts(
    db: &impl ConnectionTrait,
    structures: &[OrganizationId],
) -> Result<Vec<(String, String, i64)>, DbErr> {
    referrals::Entity::find()
        .select_only()
        .column(referrals::Column::OfferId)
        .column(referrals::Column::Outcome)
        .column_as(referrals::Column::Id.count(), "n")
        .filter(
            referrals::Column::OrganizationId
                .is_in(structures.iter().map(|s| s.as_str().to_owned())),
        )
        .group_by(referrals::Column::OfferId)
        .group_by(referrals::Column::Outcome)
        .into_tuple()
        .all(db)
        .await
}
