//! Use cases of activities: record, change, remove — each checks what the
//! structure holds (its places, its people), keeps the figures and the
//! person's last visit in step, and writes the journal (edits, deletions,
//! and what touches a person's history), in one transaction.

use chrono::NaiveDate;
use sea_orm::{ConnectionTrait, DbErr, TransactionSession, TransactionTrait};

use super::activity::Activity;
use super::fields::Fields;
use super::people_store;
use super::store::{self, ActivityRecord};
use super::vocabulary::{AGE_BANDS, GENDERS, SOCIAL_STATUSES};
use crate::accounts::User;
use crate::db;
use crate::journal::{self, ActivityChange};
use crate::validation::FieldError;

/// Why a write was not made.
#[derive(Debug)]
pub enum Refused {
    /// The fields, each named with why.
    Invalid(Vec<FieldError>),
    Database(DbErr),
}

impl From<DbErr> for Refused {
    fn from(err: DbErr) -> Self {
        Self::Database(err)
    }
}

/// The place of a structure's activities unless told otherwise: its first
/// place, remembered for a minute (a script recording activities asks it
/// each time; a new place is the default at most a minute late).
async fn default_place(
    db: &impl ConnectionTrait,
    organization: &crate::organizations::OrganizationId,
) -> Result<Option<String>, DbErr> {
    use std::collections::HashMap;
    use std::sync::Mutex;
    use std::time::{Duration, Instant};
    type Remembered = HashMap<String, (Option<String>, Instant)>;
    static REMEMBERED: Mutex<Option<Remembered>> = Mutex::new(None);
    const FOR: Duration = Duration::from_secs(60);
    let key = organization.as_str();
    if let Ok(guard) = REMEMBERED.lock()
        && let Some((place, at)) = guard.as_ref().and_then(|m| m.get(key))
        && at.elapsed() < FOR
    {
        return Ok(place.clone());
    }
    let place = crate::places::store::first_of_organization(db, organization).await?;
    if let Ok(mut guard) = REMEMBERED.lock() {
        let map = guard.get_or_insert_with(HashMap::new);
        // Bounded: structures are hundreds; past a few thousand, start again.
        if map.len() > 4_096 {
            map.clear();
        }
        map.insert(key.to_owned(), (place.clone(), Instant::now()));
    }
    Ok(place)
}

/// Parses `fields` and checks that what they point to belongs to the
/// user's structure (places, person) or exists (the orientation's place).
async fn parse_for(
    db: &impl ConnectionTrait,
    user: &User,
    fields: &Fields,
    today: NaiveDate,
) -> Result<Activity, Refused> {
    let mut activity = Activity::parse(fields, today).map_err(Refused::Invalid)?;
    let own = &user.organization_id;
    let mut errors = Vec::new();
    // Given, a place must be checked; by default, it is the structure's own.
    let given_place = activity.place_id.clone();
    if activity.place_kind == "LieuActivite" && activity.place_id.is_none() {
        activity.place_id = default_place(db, own).await?;
    }
    let ids: Vec<&str> = [&given_place, &activity.orientation_place_id]
        .into_iter()
        .flatten()
        .map(String::as_str)
        .collect();
    let owners = if ids.is_empty() {
        Default::default()
    } else {
        crate::places::store::owners(db, &ids).await?
    };
    if let Some(place) = &given_place
        && owners.get(place).cloned().flatten().as_ref() != Some(own)
    {
        errors.push(FieldError::new("place_id", "activity-place-not-ours").with_value(place));
    }
    if let Some(place) = &activity.orientation_place_id
        && !owners.contains_key(place)
    {
        errors.push(
            FieldError::new("orientation_place_id", "activity-unknown-record").with_value(place),
        );
    }
    if let Some(person_id) = &activity.beneficiary_id {
        match people_store::find(db, own, person_id).await? {
            None => errors.push(
                FieldError::new("beneficiary_id", "activity-unknown-record").with_value(person_id),
            ),
            // A person's own answers count them, unless counted by hand.
            Some(person) if activity.counts.is_empty() => {
                let p = &person.person;
                let age = p.age_band(activity.date);
                activity
                    .counts
                    .entry(AGE_BANDS.field)
                    .or_default()
                    .insert(age, 1);
                if let Some(status) = p.social_status {
                    activity
                        .counts
                        .entry(SOCIAL_STATUSES.field)
                        .or_default()
                        .insert(status, 1);
                }
                if let Some(gender) = p.gender {
                    activity
                        .counts
                        .entry(GENDERS.field)
                        .or_default()
                        .insert(gender, 1);
                }
            }
            Some(_) => {}
        }
    }
    if errors.is_empty() {
        Ok(activity)
    } else {
        Err(Refused::Invalid(errors))
    }
}

/// Records an activity by `user` for their structure.
pub async fn record<C: ConnectionTrait + TransactionTrait>(
    db: &C,
    user: &User,
    fields: &Fields,
    today: NaiveDate,
) -> Result<ActivityRecord, Refused> {
    let activity = parse_for(db, user, fields, today).await?;
    let now = db::now();
    let record = ActivityRecord {
        id: db::new_id(),
        organization_id: user.organization_id.clone(),
        mediator_id: user.id.as_str().to_owned(),
        activity,
        created_at: now,
        updated_at: now,
    };
    let _turn = db::writer_turn(db).await;
    let tx = db.begin().await?;
    store::insert(&tx, &record).await?;
    // An anonymous activity is its own record of who made it and when; one
    // that names a person changes that person's history: journaled.
    if let Some(person) = &record.activity.beneficiary_id {
        people_store::came_on(&tx, &record.organization_id, person, record.activity.date).await?;
        journal::activity_changed(&tx, user, &record.id, ActivityChange::Created).await?;
    }
    tx.commit().await?;
    Ok(record)
}

/// Replaces the activity `id` of the user's structure; `None` when there
/// is no such activity there.
pub async fn change<C: ConnectionTrait + TransactionTrait>(
    db: &C,
    user: &User,
    id: &str,
    fields: &Fields,
    today: NaiveDate,
) -> Result<Option<ActivityRecord>, Refused> {
    // Another structure's activity is « not found », whatever was sent.
    if store::find(db, &user.organization_id, id).await?.is_none() {
        return Ok(None);
    }
    let activity = parse_for(db, user, fields, today).await?;
    let _turn = db::writer_turn(db).await;
    let tx = db.begin().await?;
    let Some(before) = store::find(&tx, &user.organization_id, id).await? else {
        return Ok(None);
    };
    let after = ActivityRecord {
        activity,
        updated_at: db::now(),
        ..before.clone()
    };
    store::update(&tx, &before, &after).await?;
    if let Some(person) = &after.activity.beneficiary_id {
        people_store::came_on(&tx, &after.organization_id, person, after.activity.date).await?;
    }
    journal::activity_changed(&tx, user, id, ActivityChange::Updated).await?;
    tx.commit().await?;
    Ok(Some(after))
}

/// Deletes the activity `id` of the user's structure (journaled, a
/// tombstone left); false when there is none there.
pub async fn remove<C: ConnectionTrait + TransactionTrait>(
    db: &C,
    user: &User,
    id: &str,
) -> Result<bool, DbErr> {
    let _turn = db::writer_turn(db).await;
    let tx = db.begin().await?;
    let Some(record) = store::find(&tx, &user.organization_id, id).await? else {
        return Ok(false);
    };
    store::delete(&tx, &record).await?;
    journal::activity_changed(&tx, user, id, ActivityChange::Deleted).await?;
    tx.commit().await?;
    Ok(true)
}
