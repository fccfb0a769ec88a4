//! When a place receives by appointment, and a booking as asked for:
//! parsed once from submitted [`Fields`] (a staff form, a public form, the
//! API), valid by type afterwards. The hours are the places' own: typed
//! in French words or in the OpenStreetMap syntax, closures and public
//! holidays included (`places::hours`).

use chrono::{DateTime, NaiveDate, Utc};

use crate::mediation::activity::{keep, number, text};
use crate::mediation::fields::Fields;
use crate::mediation::vocabulary::THEMES;
use crate::validation::FieldError;
use crate::workshops::model::Contact;

/// The shortest and longest slot, in minutes.
pub const SLOT_MIN: u32 = 10;
pub const SLOT_MAX: u32 = 240;

/// When a place's mediators receive.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Schedule {
    /// OpenStreetMap opening hours (« Tu,Th 14:00-17:00; PH off »).
    pub hours: String,
    pub slot_min: u32,
    /// Who receives, in words.
    pub mediators: String,
}

impl Schedule {
    /// Parses a schedule; `today` places closures typed without a year.
    pub fn parse(fields: &Fields, today: NaiveDate) -> Result<Self, Vec<FieldError>> {
        let mut errors = Vec::new();
        let raw = fields.one("hours").unwrap_or_default();
        let hours = if raw.trim().is_empty() {
            errors.push(FieldError::new("hours", "schedule-hours-required"));
            None
        } else {
            keep(
                &mut errors,
                crate::places::hours::understand(raw, today)
                    .map(|u| u.osm)
                    .map_err(|mut e| {
                        e.field = "hours".into();
                        e
                    }),
            )
        };
        let slot_min = keep(
            &mut errors,
            number(fields, "slot_min", SLOT_MIN, SLOT_MAX, Some(30)),
        );
        let mediators = keep(&mut errors, text(fields, "mediators", 200));
        match (hours, slot_min, mediators) {
            (Some(hours), Some(slot_min), Some(mediators)) if errors.is_empty() => Ok(Self {
                hours,
                slot_min,
                mediators,
            }),
            _ => Err(errors),
        }
    }
}

/// One slot of a schedule: its id is the schedule's and the start's, so
/// the same slot has the same id whoever computes it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Slot {
    pub schedule_id: String,
    pub starts_at: DateTime<Utc>,
    pub duration_min: u32,
}

impl Slot {
    /// `{schedule}~{unix seconds}`: what a form or the API sends back.
    pub fn id(&self) -> String {
        format!("{}~{}", self.schedule_id, self.starts_at.timestamp())
    }

    /// The schedule and start a slot id names.
    pub fn parse_id(raw: &str) -> Option<(String, DateTime<Utc>)> {
        let (schedule, seconds) = raw.trim().split_once('~')?;
        let schedule = uuid::Uuid::parse_str(schedule).ok()?.to_string();
        let at = DateTime::from_timestamp(seconds.parse().ok()?, 0)?;
        Some((schedule, at))
    }

    pub fn ends_at(&self) -> DateTime<Utc> {
        self.starts_at + chrono::Duration::minutes(i64::from(self.duration_min))
    }
}

/// A booking as asked for: a slot, a reason among the themes, and how to
/// reach the person (with their consent).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BookingRequest {
    pub schedule_id: String,
    pub starts_at: DateTime<Utc>,
    /// A theme code of the national model.
    pub reason: &'static str,
    pub contact: Contact,
}

impl BookingRequest {
    pub fn parse(fields: &Fields) -> Result<Self, Vec<FieldError>> {
        let mut errors = Vec::new();
        let slot = match fields.one("slot_id") {
            None => {
                errors.push(FieldError::new("slot_id", "booking-slot-required"));
                None
            }
            Some(raw) => {
                let parsed = Slot::parse_id(raw);
                if parsed.is_none() {
                    errors.push(FieldError::new("slot_id", "booking-slot-unknown").with_value(raw));
                }
                parsed
            }
        };
        let reason = match fields.one("reason") {
            None => {
                errors.push(FieldError::new("reason", "booking-reason-required"));
                None
            }
            Some(raw) => {
                let found = THEMES.find(raw);
                if found.is_none() {
                    errors.push(
                        FieldError::new("reason", "activity-code-invalid")
                            .with_value(raw)
                            .with_arg("values", THEMES.codes().collect::<Vec<_>>().join(", ")),
                    );
                }
                found
            }
        };
        let contact = match Contact::parse(fields) {
            Ok(contact) => Some(contact),
            Err(more) => {
                errors.extend(more);
                None
            }
        };
        match (slot, reason, contact) {
            (Some((schedule_id, starts_at)), Some(reason), Some(contact)) if errors.is_empty() => {
                Ok(Self {
                    schedule_id,
                    starts_at,
                    reason,
                    contact,
                })
            }
            _ => Err(errors),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fields(pairs: &[(&str, &str)]) -> Fields {
        Fields::from_pairs(pairs.iter().map(|(k, v)| ((*k).into(), (*v).into())))
    }

    #[test]
    fn a_schedule_is_read_from_french_words_and_keeps_public_holidays_closed() {
        let today = NaiveDate::from_ymd_opt(2026, 12, 1).unwrap();
        let schedule = Schedule::parse(
            &fields(&[
                (
                    "hours",
                    "mardi et jeudi de 14 h à 17 h, fermé les jours fériés",
                ),
                ("slot_min", "45"),
            ]),
            today,
        )
        .unwrap();
        assert!(
            schedule.hours.contains("Tu,Th 14:00-17:00"),
            "{}",
            schedule.hours
        );
        assert!(schedule.hours.contains("PH off"), "{}", schedule.hours);
        assert_eq!(schedule.slot_min, 45);
        let refused = Schedule::parse(
            &fields(&[("hours", "quand on peut"), ("slot_min", "5")]),
            today,
        )
        .unwrap_err();
        let named: Vec<_> = refused.iter().map(|e| e.field.as_ref()).collect();
        assert_eq!(named, ["hours", "slot_min"]);
    }

    #[test]
    fn a_slot_id_names_its_schedule_and_start_and_nothing_else_reads_as_one() {
        let slot = Slot {
            schedule_id: uuid::Uuid::now_v7().to_string(),
            starts_at: DateTime::from_timestamp(1_800_000_000, 0).unwrap(),
            duration_min: 30,
        };
        assert_eq!(
            Slot::parse_id(&slot.id()),
            Some((slot.schedule_id.clone(), slot.starts_at))
        );
        assert_eq!(Slot::parse_id("1234"), None);
        assert_eq!(Slot::parse_id("pas-un-uuid~1800000000"), None);
    }
}
