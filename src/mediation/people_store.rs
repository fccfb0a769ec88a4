//! All SQL about the people followed: their records, goals and skills.
//! Erasure deletes every personal row and leaves a tombstone.

use chrono::{DateTime, NaiveDate, Utc};
use sea_orm::{
    ActiveValue::Set, ColumnTrait, ConnectionTrait, DbErr, EntityTrait, ExprTrait, QueryFilter,
    QueryOrder, sea_query::Expr,
};

use super::beneficiary::{Assessment, Beneficiary, Goal};
use super::vocabulary::{ASSESSORS, COMPETENCES, GENDERS, GOAL_STATUSES, SOCIAL_STATUSES};
use crate::db;
use crate::organizations::OrganizationId;

pub(crate) mod person {
    use sea_orm::entity::prelude::*;

    #[sea_orm::model]
    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "beneficiaries")]
    pub struct Model {
        #[sea_orm(primary_key, auto_increment = false)]
        pub id: String,
        pub organization_id: String,
        pub code: String,
        pub pseudonym: String,
        pub birth_year: Option<i32>,
        pub gender: Option<String>,
        pub social_status: Option<String>,
        pub commune: String,
        pub phone: String,
        pub email: String,
        pub consent_at: DateTimeUtc,
        pub consent_purpose: String,
        pub consent_by: String,
        pub last_activity_on: Option<Date>,
        pub created_at: DateTimeUtc,
        pub updated_at: DateTimeUtc,
    }

    impl ActiveModelBehavior for ActiveModel {}
}

pub(crate) mod goal {
    use sea_orm::entity::prelude::*;

    #[sea_orm::model]
    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "beneficiary_goals")]
    pub struct Model {
        #[sea_orm(primary_key, auto_increment = false)]
        pub id: String,
        pub organization_id: String,
        pub beneficiary_id: String,
        pub text: String,
        pub status: String,
        pub created_at: DateTimeUtc,
        pub updated_at: DateTimeUtc,
    }

    impl ActiveModelBehavior for ActiveModel {}
}

pub(crate) mod skill {
    use sea_orm::entity::prelude::*;

    #[sea_orm::model]
    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "skill_assessments")]
    pub struct Model {
        #[sea_orm(primary_key, auto_increment = false)]
        pub id: String,
        pub organization_id: String,
        pub beneficiary_id: String,
        pub competence: String,
        pub level: i32,
        pub assessor: String,
        pub assessed_on: Date,
        pub created_at: DateTimeUtc,
        pub updated_at: DateTimeUtc,
    }

    impl ActiveModelBehavior for ActiveModel {}
}

/// A person's record as held by their structure.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PersonRecord {
    pub id: String,
    pub organization_id: OrganizationId,
    pub code: String,
    pub person: Beneficiary,
    pub consent_at: DateTime<Utc>,
    /// The account that recorded the consent.
    pub consent_by: String,
    pub last_activity_on: Option<NaiveDate>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

impl PersonRecord {
    /// How staff lists name a person: « Awa (K7M2QX) ».
    pub fn label(&self) -> String {
        format!("{} ({})", self.person.pseudonym, self.code)
    }
}

/// A goal as stored.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct GoalRecord {
    pub id: String,
    pub goal: Goal,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

/// An assessment as stored.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AssessmentRecord {
    pub id: String,
    pub assessment: Assessment,
}

fn from_row(row: person::Model) -> PersonRecord {
    PersonRecord {
        id: row.id,
        organization_id: OrganizationId::from_db(row.organization_id),
        code: row.code,
        person: Beneficiary {
            pseudonym: row.pseudonym,
            birth_year: row.birth_year,
            gender: row.gender.as_deref().and_then(|g| GENDERS.find(g)),
            social_status: row
                .social_status
                .as_deref()
                .and_then(|s| SOCIAL_STATUSES.find(s)),
            commune: row.commune,
            phone: row.phone,
            email: row.email,
            consent_purpose: row.consent_purpose,
        },
        consent_at: row.consent_at,
        consent_by: row.consent_by,
        last_activity_on: row.last_activity_on,
        created_at: row.created_at,
        updated_at: row.updated_at,
    }
}

fn person_fields(row: &mut person::ActiveModel, person: &Beneficiary) {
    row.pseudonym = Set(person.pseudonym.clone());
    row.birth_year = Set(person.birth_year);
    row.gender = Set(person.gender.map(str::to_owned));
    row.social_status = Set(person.social_status.map(str::to_owned));
    row.commune = Set(person.commune.clone());
    row.phone = Set(person.phone.clone());
    row.email = Set(person.email.clone());
    row.consent_purpose = Set(person.consent_purpose.clone());
}

/// Records a person who consented, now.
pub async fn insert(db: &impl ConnectionTrait, record: &PersonRecord) -> Result<(), DbErr> {
    let mut row = person::ActiveModel {
        id: Set(record.id.clone()),
        organization_id: Set(record.organization_id.as_str().to_owned()),
        code: Set(record.code.clone()),
        consent_at: Set(record.consent_at),
        consent_by: Set(record.consent_by.clone()),
        last_activity_on: Set(record.last_activity_on),
        created_at: Set(record.created_at),
        updated_at: Set(record.updated_at),
        ..Default::default()
    };
    person_fields(&mut row, &record.person);
    person::Entity::insert(row)
        .exec_without_returning(db)
        .await?;
    Ok(())
}

/// Replaces a person's fields (the consent's date and author stay).
pub async fn update(
    db: &impl ConnectionTrait,
    organization_id: &OrganizationId,
    id: &str,
    person: &Beneficiary,
) -> Result<bool, DbErr> {
    let mut row = person::ActiveModel {
        updated_at: Set(db::now()),
        ..Default::default()
    };
    person_fields(&mut row, person);
    let result = person::Entity::update_many()
        .set(row)
        .filter(person::Column::Id.eq(id))
        .filter(person::Column::OrganizationId.eq(organization_id.as_str()))
        .exec(db)
        .await?;
    Ok(result.rows_affected > 0)
}

/// The person `id` of `organization_id` (another structure's: none).
pub async fn find(
    db: &impl ConnectionTrait,
    organization_id: &OrganizationId,
    id: &str,
) -> Result<Option<PersonRecord>, DbErr> {
    Ok(person::Entity::find_by_id(id.to_owned())
        .filter(person::Column::OrganizationId.eq(organization_id.as_str()))
        .one(db)
        .await?
        .map(from_row))
}

/// Every person a structure follows, by pseudonym.
pub async fn of_structure(
    db: &impl ConnectionTrait,
    organization_id: &OrganizationId,
) -> Result<Vec<PersonRecord>, DbErr> {
    Ok(person::Entity::find()
        .filter(person::Column::OrganizationId.eq(organization_id.as_str()))
        .order_by_asc(person::Column::Pseudonym)
        .all(db)
        .await?
        .into_iter()
        .map(from_row)
        .collect())
}

/// Notes that the person came on `date` (kept if later than the last).
pub async fn came_on(
    db: &impl ConnectionTrait,
    organization_id: &OrganizationId,
    id: &str,
    date: NaiveDate,
) -> Result<(), DbErr> {
    person::Entity::update_many()
        .col_expr(person::Column::LastActivityOn, Expr::value(date))
        .filter(person::Column::Id.eq(id))
        .filter(person::Column::OrganizationId.eq(organization_id.as_str()))
        .filter(
            person::Column::LastActivityOn
                .is_null()
                .or(person::Column::LastActivityOn.lt(date)),
        )
        .exec(db)
        .await?;
    Ok(())
}

/// People whose last activity (or, without any, whose record) is older
/// than `before`, over every structure: the retention job's work.
pub async fn unseen_since(
    db: &impl ConnectionTrait,
    before: NaiveDate,
) -> Result<Vec<PersonRecord>, DbErr> {
    let cutoff = before.and_hms_opt(0, 0, 0).map(|t| t.and_utc());
    Ok(person::Entity::find()
        .filter(
            person::Column::LastActivityOn
                .lt(before)
                .or(person::Column::LastActivityOn
                    .is_null()
                    .and(person::Column::CreatedAt.lt(cutoff))),
        )
        .all(db)
        .await?
        .into_iter()
        .map(from_row)
        .collect())
}

/// Deletes every personal row of a person: goals, skills, the record.
/// The caller detaches the activities and leaves the tombstone.
pub async fn delete(
    db: &impl ConnectionTrait,
    organization_id: &OrganizationId,
    id: &str,
) -> Result<(), DbErr> {
    let org = organization_id.as_str();
    goal::Entity::delete_many()
        .filter(goal::Column::BeneficiaryId.eq(id))
        .filter(goal::Column::OrganizationId.eq(org))
        .exec(db)
        .await?;
    skill::Entity::delete_many()
        .filter(skill::Column::BeneficiaryId.eq(id))
        .filter(skill::Column::OrganizationId.eq(org))
        .exec(db)
        .await?;
    person::Entity::delete_many()
        .filter(person::Column::Id.eq(id))
        .filter(person::Column::OrganizationId.eq(org))
        .exec(db)
        .await?;
    Ok(())
}

/// Moves goals and skills of `from` to `to` (a merge).
pub async fn move_history(
    db: &impl ConnectionTrait,
    organization_id: &OrganizationId,
    from: &str,
    to: &str,
) -> Result<(), DbErr> {
    let org = organization_id.as_str();
    goal::Entity::update_many()
        .col_expr(goal::Column::BeneficiaryId, Expr::value(to))
        .filter(goal::Column::BeneficiaryId.eq(from))
        .filter(goal::Column::OrganizationId.eq(org))
        .exec(db)
        .await?;
    skill::Entity::update_many()
        .col_expr(skill::Column::BeneficiaryId, Expr::value(to))
        .filter(skill::Column::BeneficiaryId.eq(from))
        .filter(skill::Column::OrganizationId.eq(org))
        .exec(db)
        .await?;
    Ok(())
}

/// Adds a goal to a person.
pub async fn add_goal(
    db: &impl ConnectionTrait,
    organization_id: &OrganizationId,
    beneficiary_id: &str,
    goal: &Goal,
) -> Result<String, DbErr> {
    let now = db::now();
    let id = db::new_id();
    goal::Entity::insert(goal::ActiveModel {
        id: Set(id.clone()),
        organization_id: Set(organization_id.as_str().to_owned()),
        beneficiary_id: Set(beneficiary_id.to_owned()),
        text: Set(goal.text.clone()),
        status: Set(goal.status.to_owned()),
        created_at: Set(now),
        updated_at: Set(now),
    })
    .exec_without_returning(db)
    .await?;
    Ok(id)
}

/// Changes a goal's state; false when the person has no such goal.
pub async fn set_goal_status(
    db: &impl ConnectionTrait,
    organization_id: &OrganizationId,
    beneficiary_id: &str,
    goal_id: &str,
    status: &'static str,
) -> Result<bool, DbErr> {
    let result = goal::Entity::update_many()
        .col_expr(goal::Column::Status, Expr::value(status))
        .col_expr(goal::Column::UpdatedAt, Expr::value(db::now()))
        .filter(goal::Column::Id.eq(goal_id))
        .filter(goal::Column::BeneficiaryId.eq(beneficiary_id))
        .filter(goal::Column::OrganizationId.eq(organization_id.as_str()))
        .exec(db)
        .await?;
    Ok(result.rows_affected > 0)
}

/// A person's goals, oldest first.
pub async fn goals(
    db: &impl ConnectionTrait,
    organization_id: &OrganizationId,
    beneficiary_id: &str,
) -> Result<Vec<GoalRecord>, DbErr> {
    Ok(goal::Entity::find()
        .filter(goal::Column::BeneficiaryId.eq(beneficiary_id))
        .filter(goal::Column::OrganizationId.eq(organization_id.as_str()))
        .order_by_asc(goal::Column::CreatedAt)
        .all(db)
        .await?
        .into_iter()
        .map(|row| GoalRecord {
            goal: Goal {
                text: row.text,
                status: GOAL_STATUSES.find(&row.status).unwrap_or("EnCours"),
            },
            id: row.id,
            created_at: row.created_at,
            updated_at: row.updated_at,
        })
        .collect())
}

/// Adds a dated level on a competence.
pub async fn add_assessment(
    db: &impl ConnectionTrait,
    organization_id: &OrganizationId,
    beneficiary_id: &str,
    assessment: &Assessment,
) -> Result<String, DbErr> {
    let now = db::now();
    let id = db::new_id();
    skill::Entity::insert(skill::ActiveModel {
        id: Set(id.clone()),
        organization_id: Set(organization_id.as_str().to_owned()),
        beneficiary_id: Set(beneficiary_id.to_owned()),
        competence: Set(assessment.competence.to_owned()),
        level: Set(i32::from(assessment.level)),
        assessor: Set(assessment.assessor.to_owned()),
        assessed_on: Set(assessment.assessed_on),
        created_at: Set(now),
        updated_at: Set(now),
    })
    .exec_without_returning(db)
    .await?;
    Ok(id)
}

/// A person's assessments, by date.
pub async fn assessments(
    db: &impl ConnectionTrait,
    organization_id: &OrganizationId,
    beneficiary_id: &str,
) -> Result<Vec<AssessmentRecord>, DbErr> {
    Ok(skill::Entity::find()
        .filter(skill::Column::BeneficiaryId.eq(beneficiary_id))
        .filter(skill::Column::OrganizationId.eq(organization_id.as_str()))
        .order_by_asc(skill::Column::AssessedOn)
        .order_by_asc(skill::Column::CreatedAt)
        .all(db)
        .await?
        .into_iter()
        .filter_map(|row| {
            Some(AssessmentRecord {
                assessment: Assessment {
                    competence: COMPETENCES
                        .iter()
                        .find(|(code, _, _)| *code == row.competence)?
                        .0,
                    level: u8::try_from(row.level).ok()?,
                    assessor: ASSESSORS.find(&row.assessor)?,
                    assessed_on: row.assessed_on,
                },
                id: row.id,
            })
        })
        .collect())
}
