//! A workshop's format, a dated session and an inhabitant's registration,
//! each parsed once from submitted [`Fields`] (a staff form, a public form
//! or the API) and valid by type afterwards. Pure domain: which places the
//! structure runs is checked by the use cases.

use chrono::{DateTime, NaiveDate, NaiveTime, TimeZone, Utc};
use chrono_tz::Europe::Paris;

use crate::mediation::activity::{codes, keep, number, optional_code, text};
use crate::mediation::fields::Fields;
use crate::mediation::vocabulary::{LEVELS, List, THEMES};
use crate::validation::FieldError;

/// The most seats one session offers.
pub const MAX_CAPACITY: u32 = 500;
/// The longest session: a whole day.
pub const MAX_DURATION_MIN: u32 = 12 * 60;
/// The longest title and name, in characters.
pub const MAX_TITLE: usize = 200;
/// The longest description, in characters.
pub const MAX_DESCRIPTION: usize = 2_000;
/// The longest name an inhabitant gives.
pub const MAX_NAME: usize = 80;

/// Kinds of media-education games (a format is a game when it has one).
pub const GAME_KINDS: List = List {
    field: "game_kind",
    entries: &[
        ("EscapeGame", "Escape game"),
        ("MurderParty", "Murder party"),
        ("JeuDePlateau", "Jeu de plateau"),
        ("JeuDeRole", "Jeu de rôle"),
        ("Quiz", "Quiz"),
        ("AutreJeu", "Autre jeu"),
    ],
};

/// What a structure offers again and again.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Format {
    pub title: String,
    /// In plain words, for the inhabitant deciding to come.
    pub description: String,
    pub themes: Vec<&'static str>,
    pub level: Option<&'static str>,
    pub duration_min: u32,
    /// Seats a session offers unless told otherwise.
    pub capacity: u32,
    /// A media-education game's kind; none for other workshops.
    pub game_kind: Option<&'static str>,
}

impl Format {
    /// Parses a format; every refusal names its field.
    pub fn parse(fields: &Fields) -> Result<Self, Vec<FieldError>> {
        let mut errors = Vec::new();
        let title = keep(&mut errors, required_text(fields, "title", MAX_TITLE));
        let description = keep(&mut errors, text(fields, "description", MAX_DESCRIPTION));
        let themes = keep(&mut errors, themes(fields));
        let level = keep(&mut errors, optional_code(fields, LEVELS));
        let duration_min = keep(
            &mut errors,
            number(fields, "duration_min", 15, MAX_DURATION_MIN, Some(120)),
        );
        let capacity = keep(
            &mut errors,
            number(fields, "capacity", 1, MAX_CAPACITY, Some(12)),
        );
        let game_kind = keep(&mut errors, optional_code(fields, GAME_KINDS));
        match (
            title,
            description,
            themes,
            level,
            duration_min,
            capacity,
            game_kind,
        ) {
            (
                Some(title),
                Some(description),
                Some(themes),
                Some(level),
                Some(duration_min),
                Some(capacity),
                Some(game_kind),
            ) if errors.is_empty() => Ok(Self {
                title,
                description,
                themes,
                level,
                duration_min,
                capacity,
                game_kind,
            }),
            _ => Err(errors),
        }
    }
}

/// Where a session happens: a place of the structure, or one stop of an
/// itinerant place.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Venue {
    pub place_id: Option<String>,
    pub stop_id: Option<String>,
}

/// A dated session, as asked for (its venue resolved by the use case).
#[derive(Clone, Debug, PartialEq)]
pub struct SessionPlan {
    pub format_id: Option<String>,
    pub title: String,
    pub description: String,
    pub themes: Vec<&'static str>,
    pub level: Option<&'static str>,
    pub game_kind: Option<&'static str>,
    pub starts_at: DateTime<Utc>,
    pub duration_min: u32,
    pub capacity: u32,
    pub venue: Venue,
    /// Who leads it, in words (« Karima, Léo »).
    pub mediators: String,
}

impl SessionPlan {
    /// Parses a session; `format` fills what was not given, `now` refuses
    /// a start in the past. The start is `starts_at` (RFC 3339, the API)
    /// or `date` and `time` as people type them, in French time.
    pub fn parse(
        fields: &Fields,
        format: Option<(&str, &Format)>,
        now: DateTime<Utc>,
    ) -> Result<Self, Vec<FieldError>> {
        let mut errors = Vec::new();
        let defaults = format.map(|(_, f)| f);
        let title = match (fields.one("title"), defaults) {
            (None, Some(format)) => Some(format.title.clone()),
            _ => keep(&mut errors, required_text(fields, "title", MAX_TITLE)),
        };
        let description = match (fields.one("description"), defaults) {
            (None, Some(format)) => Some(format.description.clone()),
            _ => keep(&mut errors, text(fields, "description", MAX_DESCRIPTION)),
        };
        let themes = match (fields.has("themes"), defaults) {
            (false, Some(format)) => Some(format.themes.clone()),
            _ => keep(&mut errors, themes(fields)),
        };
        let level = match (fields.one("level"), defaults) {
            (None, Some(format)) => Some(format.level),
            _ => keep(&mut errors, optional_code(fields, LEVELS)),
        };
        let game_kind = match (fields.one("game_kind"), defaults) {
            (None, Some(format)) => Some(format.game_kind),
            _ => keep(&mut errors, optional_code(fields, GAME_KINDS)),
        };
        let duration_min = keep(
            &mut errors,
            number(
                fields,
                "duration_min",
                15,
                MAX_DURATION_MIN,
                Some(defaults.map_or(120, |f| f.duration_min)),
            ),
        );
        let capacity = keep(
            &mut errors,
            number(
                fields,
                "capacity",
                1,
                MAX_CAPACITY,
                Some(defaults.map_or(12, |f| f.capacity)),
            ),
        );
        let starts_at = keep(&mut errors, starts_at(fields, now));
        let mediators = keep(&mut errors, text(fields, "mediators", MAX_TITLE));
        let venue = Venue {
            place_id: fields.one("place_id").map(str::to_owned),
            stop_id: fields.one("stop_id").map(str::to_owned),
        };
        match (
            title,
            description,
            themes,
            level,
            game_kind,
            duration_min,
            capacity,
            starts_at,
            mediators,
        ) {
            (
                Some(title),
                Some(description),
                Some(themes),
                Some(level),
                Some(game_kind),
                Some(duration_min),
                Some(capacity),
                Some(starts_at),
                Some(mediators),
            ) if errors.is_empty() => Ok(Self {
                format_id: format.map(|(id, _)| id.to_owned()),
                title,
                description,
                themes,
                level,
                game_kind,
                starts_at,
                duration_min,
                capacity,
                venue,
                mediators,
            }),
            _ => Err(errors),
        }
    }
}

/// At least one theme: attendance records the session as an activity,
/// which the national model counts by theme.
fn themes(fields: &Fields) -> Result<Vec<&'static str>, FieldError> {
    let themes = codes(fields, THEMES)?;
    if themes.is_empty() {
        return Err(FieldError::new("themes", "activity-themes-required"));
    }
    Ok(themes)
}

/// A text that must be given.
fn required_text(fields: &Fields, field: &'static str, max: usize) -> Result<String, FieldError> {
    let value = text(fields, field, max)?;
    if value.trim().is_empty() {
        return Err(FieldError::new(field, "workshop-required"));
    }
    Ok(value.trim().to_owned())
}

/// The instant a session starts, in the future.
fn starts_at(fields: &Fields, now: DateTime<Utc>) -> Result<DateTime<Utc>, FieldError> {
    let at = if let Some(raw) = fields.one("starts_at") {
        DateTime::parse_from_rfc3339(raw.trim())
            .map(|at| at.with_timezone(&Utc))
            .map_err(|_| FieldError::new("starts_at", "workshop-starts-at").with_value(raw))?
    } else {
        let raw_date = fields.one("date").unwrap_or_default();
        let date: NaiveDate = crate::text::typed_date(raw_date)
            .ok_or_else(|| FieldError::new("date", "workshop-date").with_value(raw_date))?;
        let raw_time = fields.one("time").unwrap_or_default();
        let time = crate::text::typed_clock(raw_time)
            .and_then(|m| NaiveTime::from_hms_opt(u32::from(m / 60), u32::from(m % 60), 0))
            .ok_or_else(|| FieldError::new("time", "workshop-time").with_value(raw_time))?;
        // The hour that a change to summer time skips has no instant: the
        // next valid one is meant.
        Paris
            .from_local_datetime(&date.and_time(time))
            .earliest()
            .or_else(|| {
                Paris
                    .from_local_datetime(&(date.and_time(time) + chrono::Duration::hours(1)))
                    .earliest()
            })
            .map(|at| at.with_timezone(&Utc))
            .ok_or_else(|| FieldError::new("time", "workshop-time").with_value(raw_time))?
    };
    let field = if fields.has("starts_at") {
        "starts_at"
    } else {
        "date"
    };
    if at <= now {
        return Err(FieldError::new(field, "workshop-past"));
    }
    if at > now + chrono::Duration::days(2 * 366) {
        return Err(FieldError::new(field, "workshop-too-far"));
    }
    Ok(at)
}

/// How to reach an inhabitant about one booking: a phone number, an e-mail
/// address, or both.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Contact {
    pub name: String,
    /// Digits as a French number reads (`06 12 34 56 78`), or `+…` abroad.
    pub phone: Option<String>,
    pub email: Option<String>,
}

impl Contact {
    /// Parses a public form or a body: a name, one way to be reached, and
    /// the person's consent to be contacted (`consent`).
    pub fn parse(fields: &Fields) -> Result<Self, Vec<FieldError>> {
        let mut errors = Vec::new();
        let name = keep(&mut errors, required_text(fields, "name", MAX_NAME));
        let phone = match fields.one("phone").map(str::trim) {
            None | Some("") => None,
            Some(raw) => keep(&mut errors, phone(raw).map(Some)).flatten(),
        };
        let email = match fields.one("email").map(str::trim) {
            None | Some("") => None,
            Some(raw) => match crate::accounts::Email::parse(raw) {
                Ok(email) => Some(email.as_str().to_owned()),
                Err(_) => {
                    errors.push(FieldError::new("email", "email-invalid").with_value(raw));
                    None
                }
            },
        };
        let phone_refused = errors.iter().any(|e| e.field == "phone");
        let email_refused = errors.iter().any(|e| e.field == "email");
        if phone.is_none() && email.is_none() && !phone_refused && !email_refused {
            errors.push(FieldError::new("phone", "registration-contact-required"));
        }
        if !matches!(
            fields.one("consent").map(str::trim),
            Some("true" | "oui" | "on" | "1")
        ) {
            errors.push(FieldError::new("consent", "registration-consent-required"));
        }
        match name {
            Some(name) if errors.is_empty() => Ok(Self { name, phone, email }),
            _ => Err(errors),
        }
    }

    /// Who this is for the « already registered » check: the e-mail
    /// address, else the phone's digits, hashed (the key outlives the
    /// contact details, which are purged).
    pub fn key(&self) -> String {
        let raw = match (&self.email, &self.phone) {
            (Some(email), _) => format!("mail:{email}"),
            (None, Some(phone)) => format!("tel:{}", phone.replace(' ', "")),
            (None, None) => format!("name:{}", self.name.to_lowercase()),
        };
        crate::tokens::hash(&raw)
    }
}

/// A phone number as people type it (« 06.12.34.56.78 », « +33 6 12 34 56
/// 78 »): French numbers back to ten digits in pairs; others kept with
/// their `+` and digits only.
pub fn phone(raw: &str) -> Result<String, FieldError> {
    let refused = || FieldError::new("phone", "registration-phone-invalid").with_value(raw);
    if raw
        .chars()
        .any(|c| !(c.is_ascii_digit() || " +.-()/".contains(c)))
    {
        return Err(refused());
    }
    let plus = raw.trim_start().starts_with('+') || raw.trim_start().starts_with("00");
    let mut digits: String = raw.chars().filter(char::is_ascii_digit).collect();
    if raw.trim_start().starts_with("00") {
        digits.drain(..2);
    }
    let french = if plus {
        digits
            .strip_prefix("33")
            .map(|rest| format!("0{}", rest.strip_prefix('0').unwrap_or(rest)))
    } else {
        Some(digits.clone())
    };
    match french {
        Some(national) if national.len() == 10 && national.starts_with('0') => Ok(national
            .as_bytes()
            .chunks(2)
            .map(|pair| String::from_utf8_lossy(pair).into_owned())
            .collect::<Vec<_>>()
            .join(" ")),
        Some(_) if !plus => Err(refused()),
        _ if (8..=15).contains(&digits.len()) => Ok(format!("+{digits}")),
        _ => Err(refused()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fields(pairs: &[(&str, &str)]) -> Fields {
        Fields::from_pairs(pairs.iter().map(|(k, v)| ((*k).into(), (*v).into())))
    }

    #[test]
    fn phone_numbers_are_read_as_people_type_them() {
        assert_eq!(phone("06.12.34.56.78").unwrap(), "06 12 34 56 78");
        assert_eq!(phone("+33 6 12 34 56 78").unwrap(), "06 12 34 56 78");
        assert_eq!(phone("0033612345678").unwrap(), "06 12 34 56 78");
        assert_eq!(phone("+32 470 12 34 56").unwrap(), "+32470123456");
        assert_eq!(
            phone("06 12 34").unwrap_err().key,
            "registration-phone-invalid"
        );
        assert_eq!(
            phone("appelez-moi").unwrap_err().key,
            "registration-phone-invalid"
        );
    }

    #[test]
    fn a_registration_needs_a_name_a_way_to_reach_the_person_and_consent() {
        let errors = Contact::parse(&fields(&[])).unwrap_err();
        let named: Vec<_> = errors.iter().map(|e| (e.field.as_ref(), e.key)).collect();
        assert_eq!(
            named,
            vec![
                ("name", "workshop-required"),
                ("phone", "registration-contact-required"),
                ("consent", "registration-consent-required")
            ]
        );
        let contact = Contact::parse(&fields(&[
            ("name", " Awa "),
            ("phone", "06 12 34 56 78"),
            ("consent", "oui"),
        ]))
        .unwrap();
        assert_eq!(contact.name, "Awa");
        assert_eq!(contact.phone.as_deref(), Some("06 12 34 56 78"));
    }

    #[test]
    fn the_same_person_typed_twice_gives_the_same_key() {
        let a = Contact::parse(&fields(&[
            ("name", "Awa"),
            ("phone", "06 12 34 56 78"),
            ("consent", "true"),
        ]))
        .unwrap();
        let b = Contact::parse(&fields(&[
            ("name", "awa"),
            ("phone", "+33612345678"),
            ("consent", "oui"),
        ]))
        .unwrap();
        assert_eq!(a.key(), b.key());
    }

    #[test]
    fn a_session_is_read_in_french_time_and_never_in_the_past() {
        let now = Utc.with_ymd_and_hms(2026, 12, 1, 10, 0, 0).unwrap();
        let plan = SessionPlan::parse(
            &fields(&[
                ("title", "Escape game"),
                ("themes", "CultureNumerique"),
                ("date", "15/12/2026"),
                ("time", "14h"),
            ]),
            None,
            now,
        )
        .unwrap();
        assert_eq!(
            plan.starts_at,
            Utc.with_ymd_and_hms(2026, 12, 15, 13, 0, 0).unwrap()
        );
        assert_eq!((plan.duration_min, plan.capacity), (120, 12));
        let errors = SessionPlan::parse(
            &fields(&[
                ("title", "x"),
                ("themes", "CultureNumerique"),
                ("date", "30/11/2026"),
                ("time", "9h"),
            ]),
            None,
            now,
        )
        .unwrap_err();
        assert_eq!(errors[0].key, "workshop-past");
    }

    #[test]
    fn a_session_takes_what_it_does_not_say_from_its_format() {
        let format = Format::parse(&fields(&[
            ("title", "Murder party"),
            ("themes", "CultureNumerique"),
            ("capacity", "20"),
            ("duration_min", "150"),
            ("game_kind", "MurderParty"),
        ]))
        .unwrap();
        let now = Utc.with_ymd_and_hms(2026, 12, 1, 10, 0, 0).unwrap();
        let plan = SessionPlan::parse(
            &fields(&[("starts_at", "2026-12-15T14:00:00+01:00")]),
            Some(("f1", &format)),
            now,
        )
        .unwrap();
        assert_eq!(plan.title, "Murder party");
        assert_eq!((plan.capacity, plan.duration_min), (20, 150));
        assert_eq!(plan.game_kind, Some("MurderParty"));
        assert_eq!(plan.format_id.as_deref(), Some("f1"));
    }
}
