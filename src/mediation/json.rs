//! Activities and people as JSON: the API's bodies (described in OpenAPI)
//! and a person's export of everything held about them. Codes are the
//! national model's; dates ISO 8601, instants UTC.

use std::collections::BTreeMap;

use chrono::SecondsFormat;
use serde::Serialize;
use utoipa::ToSchema;

use super::people::Held;
use super::people_store::{AssessmentRecord, GoalRecord, PersonRecord};
use super::store::ActivityRecord;
use super::vocabulary::COMPETENCES;

/// An activity, as recorded.
#[derive(Serialize, ToSchema)]
pub struct ActivityJson {
    /// UUIDv7, minted when recorded.
    pub id: String,
    /// `Individuel` or `Collectif`.
    #[serde(rename = "type")]
    pub kind: String,
    /// `2026-11-20`.
    pub date: String,
    pub duration_min: u32,
    /// `LieuActivite`, `Domicile`, `ADistance` or `Autre`.
    pub place_kind: String,
    pub place_id: Option<String>,
    pub commune: String,
    /// Theme codes (`Email`, `AideAuxDemarchesAdministratives`, `Logement`…).
    pub themes: Vec<String>,
    pub admin_detail: String,
    pub admin_outcome: Option<String>,
    pub materials: Vec<String>,
    pub autonomy: Option<String>,
    pub orientation: Option<String>,
    pub orientation_place_id: Option<String>,
    pub notes: String,
    pub title: String,
    pub level: Option<String>,
    pub participants: u32,
    /// Anonymous counts by age band.
    pub age_bands: BTreeMap<String, u32>,
    /// Anonymous counts by social status.
    pub social_statuses: BTreeMap<String, u32>,
    /// Anonymous counts by gender.
    pub genders: BTreeMap<String, u32>,
    pub beneficiary_id: Option<String>,
    /// The account that recorded it.
    pub mediator_id: String,
    pub created_at: String,
    pub updated_at: String,
}

fn instant(at: chrono::DateTime<chrono::Utc>) -> String {
    at.to_rfc3339_opts(SecondsFormat::Secs, true)
}

fn strings(codes: &[&str]) -> Vec<String> {
    codes.iter().map(|c| (*c).to_owned()).collect()
}

impl From<&ActivityRecord> for ActivityJson {
    fn from(record: &ActivityRecord) -> Self {
        let a = &record.activity;
        let counts = |list: &str| {
            a.counts
                .get(list)
                .map(|by| by.iter().map(|(k, v)| ((*k).to_owned(), *v)).collect())
                .unwrap_or_default()
        };
        Self {
            id: record.id.clone(),
            kind: a.kind.to_owned(),
            date: a.date.format("%Y-%m-%d").to_string(),
            duration_min: a.duration_min,
            place_kind: a.place_kind.to_owned(),
            place_id: a.place_id.clone(),
            commune: a.commune.clone(),
            themes: strings(&a.themes),
            admin_detail: a.admin_detail.clone(),
            admin_outcome: a.admin_outcome.map(str::to_owned),
            materials: strings(&a.materials),
            autonomy: a.autonomy.map(str::to_owned),
            orientation: a.orientation.map(str::to_owned),
            orientation_place_id: a.orientation_place_id.clone(),
            notes: a.notes.clone(),
            title: a.title.clone(),
            level: a.level.map(str::to_owned),
            participants: a.participants,
            age_bands: counts("age_bands"),
            social_statuses: counts("social_statuses"),
            genders: counts("genders"),
            beneficiary_id: a.beneficiary_id.clone(),
            mediator_id: record.mediator_id.clone(),
            created_at: instant(record.created_at),
            updated_at: instant(record.updated_at),
        }
    }
}

/// A person followed, with their consent.
#[derive(Serialize, ToSchema)]
pub struct BeneficiaryJson {
    pub id: String,
    /// The short code given to the person (`K7M2QX`).
    pub code: String,
    pub pseudonym: String,
    pub birth_year: Option<i32>,
    pub gender: Option<String>,
    pub social_status: Option<String>,
    pub commune: String,
    pub phone: String,
    pub email: String,
    pub consent: bool,
    /// When consent was recorded (UTC).
    pub consent_at: String,
    /// What the person agreed to, in their words.
    pub consent_purpose: String,
    /// The account that recorded the consent.
    pub consent_by: String,
    pub last_activity_on: Option<String>,
    pub created_at: String,
    pub updated_at: String,
}

impl From<&PersonRecord> for BeneficiaryJson {
    fn from(record: &PersonRecord) -> Self {
        let p = &record.person;
        Self {
            id: record.id.clone(),
            code: record.code.clone(),
            pseudonym: p.pseudonym.clone(),
            birth_year: p.birth_year,
            gender: p.gender.map(str::to_owned),
            social_status: p.social_status.map(str::to_owned),
            commune: p.commune.clone(),
            phone: p.phone.clone(),
            email: p.email.clone(),
            consent: true,
            consent_at: instant(record.consent_at),
            consent_purpose: p.consent_purpose.clone(),
            consent_by: record.consent_by.clone(),
            last_activity_on: record
                .last_activity_on
                .map(|d| d.format("%Y-%m-%d").to_string()),
            created_at: instant(record.created_at),
            updated_at: instant(record.updated_at),
        }
    }
}

/// A goal of a person.
#[derive(Serialize, ToSchema)]
pub struct GoalJson {
    pub id: String,
    pub text: String,
    /// `EnCours`, `Atteint` or `Abandonne`.
    pub status: String,
    pub created_at: String,
    pub updated_at: String,
}

impl From<&GoalRecord> for GoalJson {
    fn from(record: &GoalRecord) -> Self {
        Self {
            id: record.id.clone(),
            text: record.goal.text.clone(),
            status: record.goal.status.to_owned(),
            created_at: instant(record.created_at),
            updated_at: instant(record.updated_at),
        }
    }
}

/// A dated level on a Pix competence.
#[derive(Serialize, ToSchema)]
pub struct AssessmentJson {
    pub id: String,
    /// `1.1` … `5.2`.
    pub competence: String,
    /// The competence in words.
    pub competence_label: String,
    /// 1 to 8.
    pub level: u8,
    /// `Personne` (self-assessment) or `Mediateur`.
    pub assessor: String,
    pub assessed_on: String,
}

impl From<&AssessmentRecord> for AssessmentJson {
    fn from(record: &AssessmentRecord) -> Self {
        let a = &record.assessment;
        Self {
            id: record.id.clone(),
            competence: a.competence.to_owned(),
            competence_label: COMPETENCES
                .iter()
                .find(|(code, _, _)| *code == a.competence)
                .map_or_else(String::new, |(_, _, label)| (*label).to_owned()),
            level: a.level,
            assessor: a.assessor.to_owned(),
            assessed_on: a.assessed_on.format("%Y-%m-%d").to_string(),
        }
    }
}

/// Everything a structure holds about a person.
#[derive(Serialize, ToSchema)]
pub struct ExportJson {
    /// What this document is.
    pub about: String,
    pub beneficiary: BeneficiaryJson,
    pub activities: Vec<ActivityJson>,
    pub goals: Vec<GoalJson>,
    pub progression: Vec<AssessmentJson>,
    /// When the export was made (UTC).
    pub exported_at: String,
}

impl From<&Held> for ExportJson {
    fn from(held: &Held) -> Self {
        Self {
            about: "Toutes les données que la structure détient sur vous dans Maille.".into(),
            beneficiary: (&held.record).into(),
            activities: held.activities.iter().map(ActivityJson::from).collect(),
            goals: held.goals.iter().map(GoalJson::from).collect(),
            progression: held.assessments.iter().map(AssessmentJson::from).collect(),
            exported_at: instant(chrono::Utc::now()),
        }
    }
}
