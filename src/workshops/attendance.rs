//! Taking attendance: the mediator ticks who came, adds who came without
//! registering, links those they follow, and the session becomes one
//! collective activity of the national model — date, duration, place,
//! themes, participants — recorded in the same transaction. Nothing is
//! typed twice, and attendance is taken once.

use std::collections::BTreeMap;

use chrono::{DateTime, Utc};
use chrono_tz::Europe::Paris;
use sea_orm::{ConnectionTrait, TransactionSession, TransactionTrait};

use super::booking::Source;
use super::store::{self, RegistrationRecord, SessionRecord, seat};
use crate::accounts::User;
use crate::db;
use crate::mediation::fields::Fields;
use crate::mediation::people_store;
use crate::mediation::record::{self, Refused};
use crate::mediation::store::ActivityRecord;
use crate::mediation::vocabulary::THEMES;
use crate::validation::FieldError;

/// The most names added at once as walk-ins.
pub const MAX_WALK_INS: usize = 200;

/// What the mediator ticked.
#[derive(Clone, Debug, Default)]
pub struct Attendance {
    /// Registrations of people who came.
    pub present: Vec<String>,
    /// Registration → the person followed it is (consenting beneficiaries).
    pub people: BTreeMap<String, String>,
    /// Names of people who came without registering.
    pub walk_in_names: Vec<String>,
    /// People who came and gave no name.
    pub anonymous: u32,
}

impl Attendance {
    /// Reads the attendance form or body: `present` (repeated),
    /// `people-<registration>` (the person followed), `walk_ins` (names, one
    /// per line or repeated), `anonymous`.
    pub fn parse(fields: &Fields) -> Result<Self, Vec<FieldError>> {
        let mut errors = Vec::new();
        let present = fields
            .all("present")
            .into_iter()
            .map(str::to_owned)
            .collect();
        let people = fields
            .suffixed("people")
            .filter(|(_, id)| !id.is_empty())
            .map(|(registration, person)| (registration.to_owned(), person.to_owned()))
            .collect();
        let walk_in_names: Vec<String> = fields
            .all("walk_ins")
            .into_iter()
            .flat_map(str::lines)
            .map(str::trim)
            .filter(|name| !name.is_empty())
            .map(|name| crate::text::cut(name, super::model::MAX_NAME))
            .collect();
        if walk_in_names.len() > MAX_WALK_INS {
            errors.push(
                FieldError::new("walk_ins", "attendance-too-many").with_arg("max", MAX_WALK_INS),
            );
        }
        let anonymous = match fields.one("anonymous").map(str::trim) {
            None | Some("") => 0,
            Some(raw) => match raw.parse::<u32>().ok().filter(|n| *n <= 500) {
                Some(n) => n,
                None => {
                    errors.push(
                        FieldError::new("anonymous", "activity-number")
                            .with_value(raw)
                            .with_arg("min", 0)
                            .with_arg("max", 500),
                    );
                    0
                }
            },
        };
        if errors.is_empty() {
            Ok(Self {
                present,
                people,
                walk_in_names,
                anonymous,
            })
        } else {
            Err(errors)
        }
    }
}

/// Takes attendance of `session` (of the user's structure) and records
/// the collective activity.
pub async fn take<C: ConnectionTrait + TransactionTrait>(
    db: &C,
    user: &User,
    session: &SessionRecord,
    attendance: &Attendance,
    now: DateTime<Utc>,
) -> Result<ActivityRecord, Refused> {
    let invalid = |field: &'static str, key: &'static str| {
        Refused::Invalid(vec![FieldError::new(field, key)])
    };
    if session.status != store::status::PLANNED {
        return Err(invalid("present", "attendance-already"));
    }
    if session.starts_at > now {
        return Err(invalid("present", "attendance-too-early"));
    }
    let registrations = store::registrations_of(db, &session.id).await?;
    let live: Vec<&RegistrationRecord> = registrations
        .iter()
        .filter(|r| r.status != seat::CANCELLED)
        .collect();
    let mut errors = Vec::new();
    for id in &attendance.present {
        if !live.iter().any(|r| &r.id == id) {
            errors.push(FieldError::new("present", "activity-unknown-record").with_value(id));
        }
    }
    for person in attendance.people.values() {
        if people_store::find(db, &user.organization_id, person)
            .await?
            .is_none()
        {
            errors.push(FieldError::new("person", "activity-unknown-record").with_value(person));
        }
    }
    let came = attendance.present.len() + attendance.walk_in_names.len();
    let participants = came as u32 + attendance.anonymous;
    if participants == 0 {
        errors.push(FieldError::new("present", "attendance-nobody"));
    }
    if !errors.is_empty() {
        return Err(Refused::Invalid(errors));
    }
    let mut fields = Fields::default();
    fields.set("type", "Collectif");
    fields.set(
        "date",
        session
            .starts_at
            .with_timezone(&Paris)
            .date_naive()
            .to_string(),
    );
    fields.set("duration_min", session.duration_min.to_string());
    fields.set("place_kind", "LieuActivite");
    fields.set("place_id", session.place_id.clone());
    for theme in THEMES.of_set(session.themes) {
        fields.add("themes", theme);
    }
    fields.set("title", session.title.clone());
    if let Some(level) = &session.level {
        fields.set("level", level.clone());
    }
    fields.set("participants", participants.to_string());
    let today = now.with_timezone(&Paris).date_naive();
    let tx = db.begin().await?;
    let activity = record::record(&tx, user, &fields, today).await?;
    let walk_ins = i32::try_from(attendance.anonymous).unwrap_or(0);
    if !store::mark_held(&tx, &session.id, &activity.id, walk_ins).await? {
        tx.rollback().await?;
        return Err(invalid("present", "attendance-already"));
    }
    for registration in &live {
        let came = attendance.present.contains(&registration.id);
        let person = attendance.people.get(&registration.id).map(String::as_str);
        store::set_attendance(&tx, &registration.id, came, person).await?;
    }
    let created = db::now();
    for name in &attendance.walk_in_names {
        store::insert_registration(
            &tx,
            RegistrationRecord {
                id: db::new_id(),
                organization_id: session.organization_id.clone(),
                session_id: session.id.clone(),
                status: seat::CONFIRMED.to_owned(),
                name: name.clone(),
                phone: None,
                email: None,
                contact_key: None,
                link_token: crate::web::random::token(),
                lang: crate::i18n::current().code().to_owned(),
                source: Source::WalkIn.code().to_owned(),
                attended: Some(true),
                beneficiary_id: None,
                reminded_at: None,
                created_at: created,
                updated_at: created,
            },
        )
        .await?;
    }
    tx.commit().await?;
    Ok(activity)
}
