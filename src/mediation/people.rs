//! Use cases of the people followed: record them with their consent, read
//! (journaled), change, hand over everything held, merge duplicates, and
//! erase — the activities stay, anonymous, and a tombstone remains.

use chrono::NaiveDate;
use sea_orm::{ConnectionTrait, DbErr, TransactionSession, TransactionTrait};

use super::beneficiary::{Assessment, Beneficiary, Goal, new_code};
use super::fields::Fields;
use super::people_store::{self, AssessmentRecord, GoalRecord, PersonRecord};
use super::record::Refused;
use super::store::{self, ActivityRecord, Filter};
use crate::accounts::User;
use crate::db;
use crate::journal::{self, Actor, BeneficiaryAccess};
use crate::organizations::OrganizationId;

/// Records a person who consented, for the user's structure.
pub async fn create<C: ConnectionTrait + TransactionTrait>(
    db: &C,
    user: &User,
    fields: &Fields,
    today: NaiveDate,
) -> Result<PersonRecord, Refused> {
    let person = Beneficiary::parse(fields, today).map_err(Refused::Invalid)?;
    let now = db::now();
    let record = PersonRecord {
        id: db::new_id(),
        organization_id: user.organization_id.clone(),
        code: new_code(),
        person,
        consent_at: now,
        consent_by: user.id.as_str().to_owned(),
        last_activity_on: None,
        created_at: now,
        updated_at: now,
    };
    let tx = db.begin().await?;
    people_store::insert(&tx, &record).await?;
    journal::beneficiary_accessed(
        &tx,
        Actor::User(user),
        &record.organization_id,
        &record.id,
        BeneficiaryAccess::Created,
        "consentement recueilli",
    )
    .await?;
    tx.commit().await?;
    Ok(record)
}

/// The person `id` of the user's structure, the read journaled.
pub async fn read(
    db: &impl ConnectionTrait,
    user: &User,
    id: &str,
) -> Result<Option<PersonRecord>, DbErr> {
    let found = people_store::find(db, &user.organization_id, id).await?;
    if let Some(record) = &found {
        journal::beneficiary_accessed(
            db,
            Actor::User(user),
            &record.organization_id,
            &record.id,
            BeneficiaryAccess::Read,
            "",
        )
        .await?;
    }
    Ok(found)
}

/// Replaces a person's fields (consent must still be ticked).
pub async fn update<C: ConnectionTrait + TransactionTrait>(
    db: &C,
    user: &User,
    id: &str,
    fields: &Fields,
    today: NaiveDate,
) -> Result<Option<PersonRecord>, Refused> {
    if people_store::find(db, &user.organization_id, id)
        .await?
        .is_none()
    {
        return Ok(None);
    }
    let person = Beneficiary::parse(fields, today).map_err(Refused::Invalid)?;
    let tx = db.begin().await?;
    let Some(before) = people_store::find(&tx, &user.organization_id, id).await? else {
        return Ok(None);
    };
    people_store::update(&tx, &user.organization_id, id, &person).await?;
    let changed = changed_fields(&before.person, &person).join(", ");
    journal::beneficiary_accessed(
        &tx,
        Actor::User(user),
        &user.organization_id,
        id,
        BeneficiaryAccess::Updated,
        &changed,
    )
    .await?;
    tx.commit().await?;
    Ok(Some(PersonRecord { person, ..before }))
}

/// The names of the fields that differ (what the journal says changed).
fn changed_fields(before: &Beneficiary, after: &Beneficiary) -> Vec<&'static str> {
    let mut names = Vec::new();
    let mut differs = |name, changed: bool| {
        if changed {
            names.push(name);
        }
    };
    differs("pseudonym", before.pseudonym != after.pseudonym);
    differs("birth_year", before.birth_year != after.birth_year);
    differs("gender", before.gender != after.gender);
    differs("social_status", before.social_status != after.social_status);
    differs("commune", before.commune != after.commune);
    differs("phone", before.phone != after.phone);
    differs("email", before.email != after.email);
    differs(
        "consent_purpose",
        before.consent_purpose != after.consent_purpose,
    );
    names
}

/// Erases a person: goals, skills and the record are deleted, activities
/// stay without them, a tombstone remains; the journal keeps the id only.
/// `actor` is the manager, or Maille for the retention job.
pub async fn erase<C: ConnectionTrait + TransactionTrait>(
    db: &C,
    actor: Actor<'_>,
    organization_id: &OrganizationId,
    id: &str,
    why: &str,
) -> Result<bool, DbErr> {
    let tx = db.begin().await?;
    if people_store::find(&tx, organization_id, id)
        .await?
        .is_none()
    {
        return Ok(false);
    }
    store::detach_beneficiary(&tx, organization_id, id).await?;
    crate::workshops::store::relink_beneficiary(&tx, id, None).await?;
    crate::equipment::store::relink_person(&tx, id, None).await?;
    crate::equipment::requests::store::relink_person(&tx, id, None).await?;
    people_store::delete(&tx, organization_id, id).await?;
    store::bury(&tx, "beneficiary", id, organization_id).await?;
    journal::beneficiary_accessed(
        &tx,
        actor,
        organization_id,
        id,
        BeneficiaryAccess::Erased,
        why,
    )
    .await?;
    tx.commit().await?;
    Ok(true)
}

/// Merges the record `duplicate` into `kept`: activities, goals and skills
/// move, the duplicate is deleted (its tombstone left). False when either
/// is not the structure's, or both are the same.
pub async fn merge<C: ConnectionTrait + TransactionTrait>(
    db: &C,
    user: &User,
    kept: &str,
    duplicate: &str,
) -> Result<bool, DbErr> {
    let own = &user.organization_id;
    if kept == duplicate {
        return Ok(false);
    }
    let tx = db.begin().await?;
    let (Some(kept_record), Some(duplicate_record)) = (
        people_store::find(&tx, own, kept).await?,
        people_store::find(&tx, own, duplicate).await?,
    ) else {
        return Ok(false);
    };
    store::move_beneficiary(&tx, own, duplicate, kept).await?;
    crate::workshops::store::relink_beneficiary(&tx, duplicate, Some(kept)).await?;
    crate::equipment::store::relink_person(&tx, duplicate, Some(kept)).await?;
    crate::equipment::requests::store::relink_person(&tx, duplicate, Some(kept)).await?;
    people_store::move_history(&tx, own, duplicate, kept).await?;
    if let Some(last) = duplicate_record.last_activity_on {
        people_store::came_on(&tx, own, kept, last).await?;
    }
    people_store::delete(&tx, own, duplicate).await?;
    store::bury(&tx, "beneficiary", duplicate, own).await?;
    journal::beneficiary_accessed(
        &tx,
        Actor::User(user),
        own,
        &kept_record.id,
        BeneficiaryAccess::Merged,
        duplicate,
    )
    .await?;
    tx.commit().await?;
    Ok(true)
}

/// Everything held about a person.
pub struct Held {
    pub record: PersonRecord,
    pub activities: Vec<ActivityRecord>,
    pub goals: Vec<GoalRecord>,
    pub assessments: Vec<AssessmentRecord>,
}

/// The most activities a person's page and export hold: years of weekly visits.
pub const HISTORY_LIMIT: u64 = 1_000;

/// Everything held about the person `id` (their page, their export);
/// `access` says which, for the journal.
pub async fn held(
    db: &impl ConnectionTrait,
    user: &User,
    id: &str,
    access: BeneficiaryAccess,
) -> Result<Option<Held>, DbErr> {
    let own = &user.organization_id;
    let Some(record) = people_store::find(db, own, id).await? else {
        return Ok(None);
    };
    let filter = Filter {
        beneficiary_id: Some(id.to_owned()),
        ..Filter::default()
    };
    let (activities, _) = store::page(db, own, &filter, 0, HISTORY_LIMIT).await?;
    let goals = people_store::goals(db, own, id).await?;
    let assessments = people_store::assessments(db, own, id).await?;
    journal::beneficiary_accessed(db, Actor::User(user), own, id, access, "").await?;
    Ok(Some(Held {
        record,
        activities,
        goals,
        assessments,
    }))
}

/// Adds a goal to a person of the user's structure; false when none.
pub async fn add_goal(
    db: &impl ConnectionTrait,
    user: &User,
    id: &str,
    fields: &Fields,
) -> Result<bool, Refused> {
    let own = &user.organization_id;
    if people_store::find(db, own, id).await?.is_none() {
        return Ok(false);
    }
    let goal = Goal::parse(fields).map_err(Refused::Invalid)?;
    let goal_id = people_store::add_goal(db, own, id, &goal).await?;
    journal::beneficiary_accessed(
        db,
        Actor::User(user),
        own,
        id,
        BeneficiaryAccess::Updated,
        &format!("objectif {goal_id}"),
    )
    .await?;
    Ok(true)
}

/// Changes a goal's state.
pub async fn set_goal_status(
    db: &impl ConnectionTrait,
    user: &User,
    id: &str,
    goal_id: &str,
    status: &'static str,
) -> Result<bool, DbErr> {
    let own = &user.organization_id;
    let changed = people_store::set_goal_status(db, own, id, goal_id, status).await?;
    if changed {
        journal::beneficiary_accessed(
            db,
            Actor::User(user),
            own,
            id,
            BeneficiaryAccess::Updated,
            &format!("objectif {goal_id}"),
        )
        .await?;
    }
    Ok(changed)
}

/// Adds a dated level on a competence.
pub async fn add_assessment(
    db: &impl ConnectionTrait,
    user: &User,
    id: &str,
    fields: &Fields,
    today: NaiveDate,
) -> Result<bool, Refused> {
    let own = &user.organization_id;
    if people_store::find(db, own, id).await?.is_none() {
        return Ok(false);
    }
    let assessment = Assessment::parse(fields, today).map_err(Refused::Invalid)?;
    let assessment_id = people_store::add_assessment(db, own, id, &assessment).await?;
    journal::beneficiary_accessed(
        db,
        Actor::User(user),
        own,
        id,
        BeneficiaryAccess::Updated,
        &format!("compétence {} ({assessment_id})", assessment.competence),
    )
    .await?;
    Ok(true)
}

/// Pairs of records that are likely the same person: the same short code,
/// or pseudonyms one or two letters apart (case and accents aside) with
/// the same or an unknown birth year.
pub fn likely_duplicates(people: &[PersonRecord]) -> Vec<(&PersonRecord, &PersonRecord)> {
    let folded: Vec<String> = people
        .iter()
        .map(|p| crate::text::search_key(&p.person.pseudonym))
        .collect();
    let mut pairs = Vec::new();
    for (i, a) in people.iter().enumerate() {
        for (j, b) in people.iter().enumerate().skip(i + 1) {
            let same_code = a.code == b.code;
            let years_agree = match (a.person.birth_year, b.person.birth_year) {
                (Some(x), Some(y)) => x == y,
                _ => true,
            };
            let close_names = strsim_close(&folded[i], &folded[j]);
            if same_code || (years_agree && close_names) {
                pairs.push((a, b));
            }
        }
    }
    pairs
}

/// Whether two folded names are at most 2 edits apart (1 for short ones).
fn strsim_close(a: &str, b: &str) -> bool {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    let allowed = if a.len().min(b.len()) <= 4 { 1 } else { 2 };
    if a.len().abs_diff(b.len()) > allowed {
        return false;
    }
    // Levenshtein over two rows: names are short.
    let mut previous: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.iter().enumerate() {
        let mut current = vec![i + 1; b.len() + 1];
        for (j, cb) in b.iter().enumerate() {
            let substitution = previous[j] + usize::from(ca != cb);
            current[j + 1] = substitution.min(previous[j + 1] + 1).min(current[j] + 1);
        }
        previous = current;
    }
    previous[b.len()] <= allowed
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_a_letter_or_two_apart_are_close_and_others_are_not() {
        assert!(strsim_close("awa", "ava"));
        assert!(strsim_close("jeanne", "jeane"));
        assert!(!strsim_close("awa", "paul"));
        assert!(strsim_close("marie", "mario"));
    }
}
