//! A person followed over time — only with their consent. Pseudonymous by
//! default (a first name or nickname and a generated short code); the
//! other fields are the national model's, all optional. Pure domain.

use chrono::{Datelike, NaiveDate};

use super::fields::Fields;
use super::vocabulary::{GENDERS, GOAL_STATUSES, List, SOCIAL_STATUSES, age_band};
use crate::validation::FieldError;

/// The longest pseudonym, commune or goal, in characters.
pub const MAX_NAME: usize = 60;
pub const MAX_COMMUNE: usize = 100;
pub const MAX_GOAL: usize = 300;
/// What consent is asked for, unless the mediator words it otherwise.
pub const DEFAULT_PURPOSE: &str = "Garder la trace de mon accompagnement au numérique dans ce centre (dates, thèmes, objectifs, progrès) pour être mieux suivi ou suivie d’une fois sur l’autre. Je peux demander mes données ou leur effacement à tout moment.";

/// The letters of a short code: no 0/O, 1/I/L, easy to read aloud.
const CODE_ALPHABET: &[u8] = b"ABCDEFGHJKMNPQRSTUVWXYZ23456789";
/// A short code's length: 31^6 ≈ 900 million codes.
const CODE_LENGTH: usize = 6;

/// A person's record, valid.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Beneficiary {
    pub pseudonym: String,
    pub birth_year: Option<i32>,
    pub gender: Option<&'static str>,
    pub social_status: Option<&'static str>,
    pub commune: String,
    pub phone: String,
    pub email: String,
    /// What the person agreed to, in plain words.
    pub consent_purpose: String,
}

impl Beneficiary {
    /// Parses submitted fields. `consent` must be given and true: without
    /// it nothing is recorded (the activity stays anonymous).
    pub fn parse(fields: &Fields, today: NaiveDate) -> Result<Self, Vec<FieldError>> {
        let mut errors = Vec::new();
        if !fields.one("consent").is_some_and(is_yes) {
            errors.push(FieldError::new("consent", "beneficiary-consent-required"));
        }
        let pseudonym = fields.one("pseudonym").unwrap_or_default();
        if pseudonym.is_empty() || pseudonym.chars().count() > MAX_NAME {
            errors
                .push(FieldError::new("pseudonym", "beneficiary-pseudonym").with_value(pseudonym));
        }
        let birth_year = match fields.one("birth_year") {
            None => None,
            Some(raw) => match raw.parse::<i32>() {
                Ok(year) if (1900..=today.year()).contains(&year) => Some(year),
                _ => {
                    errors.push(
                        FieldError::new("birth_year", "beneficiary-birth-year")
                            .with_value(raw)
                            .with_arg("max", today.year()),
                    );
                    None
                }
            },
        };
        let mut code = |field: &'static str, list: List| match fields.one(field) {
            None => None,
            Some(raw) => list.find(raw).or_else(|| {
                errors.push(
                    FieldError::new(field, "activity-code-invalid")
                        .with_value(raw)
                        .with_arg("values", list.codes().collect::<Vec<_>>().join(", ")),
                );
                None
            }),
        };
        let gender = code("gender", GENDERS);
        let social_status = code("social_status", SOCIAL_STATUSES);
        let commune = fields.one("commune").unwrap_or_default();
        if commune.chars().count() > MAX_COMMUNE {
            errors.push(
                FieldError::new("commune", "activity-text-too-long")
                    .with_value(commune)
                    .with_arg("max", MAX_COMMUNE),
            );
        }
        let phone = fields.one("phone").unwrap_or_default();
        let digits = phone.chars().filter(char::is_ascii_digit).count();
        if !phone.is_empty()
            && (!(8..=15).contains(&digits)
                || phone
                    .chars()
                    .any(|c| !(c.is_ascii_digit() || " +.-()".contains(c))))
        {
            errors.push(FieldError::new("phone", "beneficiary-phone").with_value(phone));
        }
        let email = match fields.one("email") {
            None => String::new(),
            Some(raw) => match crate::accounts::Email::parse(raw) {
                Ok(email) => email.as_str().to_owned(),
                Err(_) => {
                    errors.push(FieldError::new("email", "email-invalid").with_value(raw));
                    String::new()
                }
            },
        };
        let purpose = fields.one("consent_purpose").unwrap_or(DEFAULT_PURPOSE);
        if purpose.chars().count() > 1_000 {
            errors.push(
                FieldError::new("consent_purpose", "activity-text-too-long").with_arg("max", 1_000),
            );
        }
        if !errors.is_empty() {
            return Err(errors);
        }
        Ok(Self {
            pseudonym: pseudonym.to_owned(),
            birth_year,
            gender,
            social_status,
            commune: commune.to_owned(),
            phone: phone.to_owned(),
            email,
            consent_purpose: purpose.to_owned(),
        })
    }

    /// The age band this year (`NonCommunique` without a birth year).
    pub fn age_band(&self, today: NaiveDate) -> &'static str {
        self.birth_year
            .map_or("NonCommunique", |year| age_band(year, today.year()))
    }
}

/// Whether a checkbox or JSON boolean says yes.
pub fn is_yes(raw: &str) -> bool {
    matches!(
        raw.to_lowercase().as_str(),
        "true" | "on" | "oui" | "1" | "yes"
    )
}

/// A new short code, from the OS random source.
pub fn new_code() -> String {
    let mut bytes = [0u8; CODE_LENGTH];
    crate::web::random::fill(&mut bytes);
    bytes
        .iter()
        .map(|b| CODE_ALPHABET[usize::from(*b) % CODE_ALPHABET.len()] as char)
        .collect()
}

/// A goal: free text and its state.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Goal {
    pub text: String,
    pub status: &'static str,
}

impl Goal {
    pub fn parse(fields: &Fields) -> Result<Self, Vec<FieldError>> {
        let text = fields.one("text").unwrap_or_default();
        let mut errors = Vec::new();
        if text.is_empty() || text.chars().count() > MAX_GOAL {
            errors.push(
                FieldError::new("text", "goal-text")
                    .with_value(text)
                    .with_arg("max", MAX_GOAL),
            );
        }
        let status = match fields.one("status") {
            None => "EnCours",
            Some(raw) => GOAL_STATUSES.find(raw).unwrap_or_else(|| {
                errors.push(
                    FieldError::new("status", "activity-code-invalid")
                        .with_value(raw)
                        .with_arg(
                            "values",
                            GOAL_STATUSES.codes().collect::<Vec<_>>().join(", "),
                        ),
                );
                "EnCours"
            }),
        };
        if errors.is_empty() {
            Ok(Self {
                text: text.to_owned(),
                status,
            })
        } else {
            Err(errors)
        }
    }
}

/// One dated level on one competence, by the person or the mediator.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Assessment {
    pub competence: &'static str,
    pub level: u8,
    /// `Personne` or `Mediateur`.
    pub assessor: &'static str,
    pub assessed_on: NaiveDate,
}

impl Assessment {
    pub fn parse(fields: &Fields, today: NaiveDate) -> Result<Self, Vec<FieldError>> {
        use super::vocabulary::{ASSESSORS, COMPETENCES, MAX_SKILL_LEVEL};
        let mut errors = Vec::new();
        let competence = fields
            .one("competence")
            .and_then(|raw| COMPETENCES.iter().find(|(code, _, _)| *code == raw))
            .map(|(code, _, _)| *code);
        if competence.is_none() {
            errors.push(
                FieldError::new("competence", "activity-code-invalid")
                    .with_value(fields.one("competence").unwrap_or_default())
                    .with_arg(
                        "values",
                        COMPETENCES
                            .iter()
                            .map(|c| c.0)
                            .collect::<Vec<_>>()
                            .join(", "),
                    ),
            );
        }
        let level = fields
            .one("level")
            .and_then(|raw| raw.parse::<u8>().ok())
            .filter(|l| (1..=MAX_SKILL_LEVEL).contains(l));
        if level.is_none() {
            errors.push(
                FieldError::new("level", "activity-number")
                    .with_value(fields.one("level").unwrap_or_default())
                    .with_arg("min", 1)
                    .with_arg("max", MAX_SKILL_LEVEL),
            );
        }
        let assessor = match fields.one("assessor") {
            None => Some("Mediateur"),
            Some(raw) => ASSESSORS.find(raw),
        };
        if assessor.is_none() {
            errors.push(
                FieldError::new("assessor", "activity-code-invalid")
                    .with_value(fields.one("assessor").unwrap_or_default())
                    .with_arg("values", "Personne, Mediateur"),
            );
        }
        let assessed_on = match fields.one("assessed_on") {
            None => Some(today),
            Some(raw) => crate::text::typed_date(raw).filter(|d| *d <= today && d.year() >= 2000),
        };
        if assessed_on.is_none() {
            errors.push(
                FieldError::new("assessed_on", "activity-date")
                    .with_value(fields.one("assessed_on").unwrap_or_default()),
            );
        }
        match (competence, level, assessor, assessed_on) {
            (Some(competence), Some(level), Some(assessor), Some(assessed_on))
                if errors.is_empty() =>
            {
                Ok(Self {
                    competence,
                    level,
                    assessor,
                    assessed_on,
                })
            }
            _ => Err(errors),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 20).unwrap()
    }

    #[test]
    fn the_issues_minimal_beneficiary_is_valid() {
        let fields =
            Fields::from_json(&serde_json::json!({"pseudonym": "Awa", "consent": true})).unwrap();
        let person = Beneficiary::parse(&fields, today()).unwrap();
        assert_eq!(person.pseudonym, "Awa");
        assert_eq!(person.consent_purpose, DEFAULT_PURPOSE);
        assert_eq!(person.age_band(today()), "NonCommunique");
    }

    #[test]
    fn without_consent_nothing_is_recorded() {
        for consent in [
            serde_json::json!(false),
            serde_json::json!(null),
            serde_json::json!("non"),
        ] {
            let fields =
                Fields::from_json(&serde_json::json!({"pseudonym": "Awa", "consent": consent}))
                    .unwrap();
            let errors = Beneficiary::parse(&fields, today()).unwrap_err();
            assert_eq!(errors[0].field, "consent");
        }
    }

    #[test]
    fn a_birth_year_gives_an_age_band_and_an_impossible_one_is_refused() {
        let fields = Fields::from_json(
            &serde_json::json!({"pseudonym": "Awa", "consent": true, "birth_year": 1958}),
        )
        .unwrap();
        assert_eq!(
            Beneficiary::parse(&fields, today())
                .unwrap()
                .age_band(today()),
            "SoixanteSoixanteNeuf"
        );
        let fields = Fields::from_json(&serde_json::json!({"pseudonym": "Awa", "consent": true, "birth_year": 2031, "phone": "abc"})).unwrap();
        let errors = Beneficiary::parse(&fields, today()).unwrap_err();
        assert_eq!(
            errors
                .iter()
                .map(|e| e.field.to_string())
                .collect::<Vec<_>>(),
            vec!["birth_year", "phone"]
        );
    }

    #[test]
    fn short_codes_are_six_readable_characters() {
        let code = new_code();
        assert_eq!(code.len(), 6);
        assert!(code.bytes().all(|b| CODE_ALPHABET.contains(&b)));
    }

    #[test]
    fn an_assessment_is_a_competence_a_level_from_1_to_8_and_a_date() {
        let fields =
            Fields::from_json(&serde_json::json!({"competence": "2.1", "level": 3})).unwrap();
        let assessment = Assessment::parse(&fields, today()).unwrap();
        assert_eq!(
            (assessment.competence, assessment.level, assessment.assessor),
            ("2.1", 3, "Mediateur")
        );
        let fields =
            Fields::from_json(&serde_json::json!({"competence": "6.1", "level": 9})).unwrap();
        assert_eq!(Assessment::parse(&fields, today()).unwrap_err().len(), 2);
    }
}
