//! The templates of the people pages, and what they show of a person.

use askama::Template;

use super::chart::{self, Bar};
use crate::mediation::people::Held;
use crate::mediation::people_store::PersonRecord;
use crate::mediation::vocabulary::{
    AGE_BANDS, ASSESSORS, COMPETENCES, GENDERS, GOAL_STATUSES, KINDS, SOCIAL_STATUSES, THEMES,
};
use crate::validation::FormErrors;
use crate::web::Chrome;
use crate::web::form::Choice;

/// One person in the list.
pub struct PersonRow {
    pub id: String,
    pub pseudonym: String,
    pub code: String,
    pub last_visit: String,
}

impl From<&PersonRecord> for PersonRow {
    fn from(p: &PersonRecord) -> Self {
        Self {
            id: p.id.clone(),
            pseudonym: p.person.pseudonym.clone(),
            code: p.code.clone(),
            last_visit: p
                .last_activity_on
                .map_or_else(|| "pas encore".into(), |d| d.format("%d/%m/%Y").to_string()),
        }
    }
}

#[derive(Template)]
#[template(path = "mediation/people.html")]
pub struct PeoplePage {
    pub chrome: Chrome,
    pub people: Vec<PersonRow>,
    /// Likely duplicates: (kept, duplicate).
    pub duplicates: Vec<(PersonRow, PersonRow)>,
}

#[derive(Template)]
#[template(path = "mediation/person_form.html")]
pub struct PersonFormPage {
    pub chrome: Chrome,
    pub heading: String,
    pub action: String,
    pub errors: FormErrors,
    pub pseudonym: String,
    pub birth_year: String,
    pub genders: Vec<Choice>,
    pub statuses: Vec<Choice>,
    pub commune: String,
    pub phone: String,
    pub email: String,
    pub consent_purpose: String,
    pub consent: bool,
    pub cancel_href: String,
}

/// One activity in a person's history.
pub struct HistoryRow {
    pub date: String,
    pub kind: String,
    pub minutes: u32,
    pub themes: String,
}

/// One goal, with the states it can move to.
pub struct GoalRow {
    pub id: String,
    pub text: String,
    pub status: String,
    pub next: Vec<Choice>,
}

/// One dated level.
pub struct AssessmentRow {
    pub date: String,
    pub competence: String,
    pub level: u8,
    pub assessor: String,
}

#[derive(Template)]
#[template(path = "mediation/person.html")]
pub struct PersonPage {
    pub chrome: Chrome,
    pub id: String,
    pub pseudonym: String,
    pub code: String,
    pub details: Vec<(&'static str, String)>,
    pub consent: String,
    pub history: Vec<HistoryRow>,
    pub goals: Vec<GoalRow>,
    pub assessments: Vec<AssessmentRow>,
    /// The progression chart (SVG), when anything was assessed.
    pub chart: Option<String>,
    pub competences: Vec<Choice>,
    pub assessors: Vec<Choice>,
    pub errors: FormErrors,
    pub can_erase: bool,
    /// Printable: no forms.
    pub printable: bool,
}

impl PersonPage {
    /// The page of everything `held` about a person.
    pub fn new(chrome: Chrome, held: &Held, errors: FormErrors, can_erase: bool) -> Self {
        let r = &held.record;
        let p = &r.person;
        let today = crate::mediation::today();
        let mut details = vec![("Code", r.code.clone())];
        if let Some(year) = p.birth_year {
            details.push((
                "Année de naissance",
                format!("{year} ({})", AGE_BANDS.label(p.age_band(today))),
            ));
        }
        if let Some(g) = p.gender {
            details.push(("Genre", GENDERS.label(g).to_owned()));
        }
        if let Some(s) = p.social_status {
            details.push(("Statut", SOCIAL_STATUSES.label(s).to_owned()));
        }
        for (label, value) in [
            ("Commune", &p.commune),
            ("Téléphone", &p.phone),
            ("E-mail", &p.email),
        ] {
            if !value.is_empty() {
                details.push((label, value.clone()));
            }
        }
        let history = held
            .activities
            .iter()
            .map(|a| HistoryRow {
                date: a.activity.date.format("%d/%m/%Y").to_string(),
                kind: KINDS.label(a.activity.kind).to_owned(),
                minutes: a.activity.duration_min,
                themes: a
                    .activity
                    .themes
                    .iter()
                    .map(|t| THEMES.label(t))
                    .collect::<Vec<_>>()
                    .join(", "),
            })
            .collect();
        let goals = held
            .goals
            .iter()
            .map(|g| GoalRow {
                id: g.id.clone(),
                text: g.goal.text.clone(),
                status: GOAL_STATUSES.label(g.goal.status).to_owned(),
                next: GOAL_STATUSES
                    .entries
                    .iter()
                    .filter(|(code, _)| *code != g.goal.status)
                    .map(|(code, label)| Choice::new(code, label, ""))
                    .collect(),
            })
            .collect();
        let label_of = |code: &str| {
            COMPETENCES
                .iter()
                .find(|(c, _, _)| *c == code)
                .map_or_else(|| code.to_owned(), |(c, _, l)| format!("{c} {l}"))
        };
        let assessments = held
            .assessments
            .iter()
            .map(|a| AssessmentRow {
                date: a.assessment.assessed_on.format("%d/%m/%Y").to_string(),
                competence: label_of(a.assessment.competence),
                level: a.assessment.level,
                assessor: ASSESSORS.label(a.assessment.assessor).to_owned(),
            })
            .collect();
        Self {
            chrome,
            id: r.id.clone(),
            pseudonym: p.pseudonym.clone(),
            code: r.code.clone(),
            details,
            consent: format!(
                "Consentement recueilli le {} : « {} »",
                r.consent_at.format("%d/%m/%Y"),
                p.consent_purpose
            ),
            history,
            goals,
            assessments,
            chart: progression_chart(held),
            competences: COMPETENCES
                .iter()
                .map(|(code, _, label)| Choice::new(code, &format!("{code} {label}"), ""))
                .collect(),
            assessors: ASSESSORS
                .entries
                .iter()
                .map(|(c, l)| Choice::new(c, l, "Mediateur"))
                .collect(),
            errors,
            can_erase,
            printable: false,
        }
    }
}

/// First and latest level of each competence assessed (the latest by
/// either assessor), as two bars out of 8.
fn progression_chart(held: &Held) -> Option<String> {
    let bars: Vec<Bar> = COMPETENCES
        .iter()
        .filter_map(|(code, _, label)| {
            let levels: Vec<u64> = held
                .assessments
                .iter()
                .filter(|a| a.assessment.competence == *code)
                .map(|a| u64::from(a.assessment.level))
                .collect();
            let first = *levels.first()?;
            let last = *levels.last()?;
            Some(Bar {
                label: format!("{code} {label}"),
                values: vec![first, last],
            })
        })
        .collect();
    (!bars.is_empty()).then(|| {
        chart::bars(
            "Progression par compétence : premier niveau noté, puis le dernier (sur 8)",
            &bars,
            Some(8),
        )
    })
}
