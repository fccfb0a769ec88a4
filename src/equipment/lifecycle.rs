//! A device's life as a state machine that cannot be skipped or faked:
//! `received` → `diagnosed` → `wiped` → `refurbished` → `ready` → `given`
//! or `loaned`; `loaned` → `returned` → `diagnosed` or (wiped again)
//! `ready`; `in_repair` from any state before `given`, and back to where it
//! was; `recycled` from any state before `given` except lent out. Each step
//! carries what it needs ([`Step`]), parsed once from the form or the API;
//! [`check`] says whether it may follow the current state. Pure: the use
//! case (`transitions`) applies it in one conditional update.

use chrono::NaiveDate;
use serde_json::{Value, json};

use crate::mediation::activity::{keep, optional_code, text};
use crate::mediation::fields::Fields;
use crate::mediation::vocabulary::List;
use crate::validation::FieldError;

use super::model::{GRADES, MAX_NOTES, MAX_SHORT};

/// Where a device is in its life.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum State {
    Received,
    Diagnosed,
    Wiped,
    Refurbished,
    Ready,
    Given,
    Loaned,
    Returned,
    InRepair,
    Recycled,
}

impl State {
    pub const ALL: [Self; 10] = [
        Self::Received,
        Self::Diagnosed,
        Self::Wiped,
        Self::Refurbished,
        Self::Ready,
        Self::Given,
        Self::Loaned,
        Self::Returned,
        Self::InRepair,
        Self::Recycled,
    ];

    /// The stored code, which the API speaks.
    pub fn code(self) -> &'static str {
        match self {
            Self::Received => "received",
            Self::Diagnosed => "diagnosed",
            Self::Wiped => "wiped",
            Self::Refurbished => "refurbished",
            Self::Ready => "ready",
            Self::Given => "given",
            Self::Loaned => "loaned",
            Self::Returned => "returned",
            Self::InRepair => "in_repair",
            Self::Recycled => "recycled",
        }
    }

    pub fn parse(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|s| s.code() == code.trim())
    }

    /// What a mediator reads.
    pub fn label(self) -> &'static str {
        match self {
            Self::Received => "Reçu",
            Self::Diagnosed => "Diagnostiqué",
            Self::Wiped => "Effacé",
            Self::Refurbished => "Reconditionné",
            Self::Ready => "Prêt à remettre",
            Self::Given => "Donné",
            Self::Loaned => "Prêté",
            Self::Returned => "Rendu",
            Self::InRepair => "En réparation",
            Self::Recycled => "Recyclé",
        }
    }

    /// The device has left for good: nothing follows.
    pub fn is_final(self) -> bool {
        matches!(self, Self::Given | Self::Recycled)
    }
}

/// NIST SP 800-88 sanitisation methods.
pub const WIPE_METHODS: List = List {
    field: "method",
    entries: &[
        ("clear", "Clear — réécriture par logiciel (NIST SP 800-88)"),
        (
            "purge",
            "Purge — effacement sécurisé du support (NIST SP 800-88)",
        ),
        (
            "destroy",
            "Destroy — destruction physique du support (NIST SP 800-88)",
        ),
    ],
};

/// Operating systems known to be free software (the flag is asked when
/// the name is not one of these).
const FREE_SYSTEMS: &[&str] = &[
    "debian",
    "ubuntu",
    "xubuntu",
    "kubuntu",
    "lubuntu",
    "linux mint",
    "mint",
    "fedora",
    "emmabuntüs",
    "emmabuntus",
    "primtux",
    "zorin",
    "elementary",
    "manjaro",
    "opensuse",
    "lineageos",
    "/e/os",
    "e/os",
    "postmarketos",
    "freebsd",
];

/// What a step records, besides who and when.
#[derive(Clone, Debug, PartialEq)]
pub enum Step {
    Diagnose {
        grade: &'static str,
        findings: String,
    },
    Wipe(Wipe),
    Refurbish {
        os: String,
        free_software: bool,
        checks: String,
    },
    MakeReady {
        /// A returned device is wiped again before it goes out again.
        rewipe: Option<Wipe>,
    },
    Give {
        beneficiary_id: String,
        handed_on: NaiveDate,
        signed_name: String,
    },
    Lend {
        beneficiary_id: String,
        handed_on: NaiveDate,
        due_on: NaiveDate,
        signed_name: String,
    },
    Return {
        charger: bool,
        condition: String,
    },
    Repair {
        problem: String,
    },
    /// Back from repair, to where it was.
    Repaired,
    Recycle {
        recycler: String,
        weight_kg: f64,
    },
}

/// A wipe, as the certificate states it.
#[derive(Clone, Debug, PartialEq)]
pub struct Wipe {
    pub method: &'static str,
    pub tool: String,
    pub passes: u32,
    /// The verification passed. A failed one is refused ([`Refusal::WipeNotVerified`]).
    pub verified: bool,
    pub storage_serials: Vec<String>,
}

/// Why a step may not follow.
#[derive(Clone, Debug, PartialEq)]
pub enum Refusal {
    /// Fields missing or wrong, each named.
    Invalid(Vec<FieldError>),
    /// The step does not follow the current state (409): the message says
    /// what must come first.
    WrongState { from: State, to: State },
    /// A wipe whose verification failed cannot make the device `wiped`.
    WipeNotVerified,
}

/// The states that may follow `from` (`resume` is where a device in
/// repair goes back to).
pub fn next_states(from: State, resume: Option<State>) -> Vec<State> {
    use State::*;
    let mut next = match from {
        Received => vec![Diagnosed],
        Diagnosed => vec![Wiped],
        Wiped => vec![Refurbished],
        Refurbished => vec![Ready],
        Ready => vec![Given, Loaned],
        Loaned => vec![Returned],
        Returned => vec![Diagnosed, Ready],
        InRepair => resume.into_iter().collect(),
        Given | Recycled => vec![],
    };
    if !matches!(from, Given | Recycled | Loaned | InRepair) {
        next.push(InRepair);
    }
    if !matches!(from, Given | Recycled | Loaned) {
        next.push(Recycled);
    }
    next
}

/// Whether `to` may follow `from`.
pub fn check(from: State, resume: Option<State>, to: State) -> Result<(), Refusal> {
    if next_states(from, resume).contains(&to) {
        Ok(())
    } else {
        Err(Refusal::WrongState { from, to })
    }
}

/// Parses the step towards `to` from `fields`, for a device now in
/// `from`. `today` bounds dates.
pub fn parse_step(
    fields: &Fields,
    from: State,
    to: State,
    today: NaiveDate,
) -> Result<Step, Refusal> {
    // Back from repair to where it was: the repair log says what was done.
    if from == State::InRepair && to != State::Recycled {
        return Ok(Step::Repaired);
    }
    let mut errors = Vec::new();
    let step = match to {
        State::Received => None,
        State::Diagnosed => {
            let grade = match keep(&mut errors, optional_code(fields, GRADES)) {
                Some(Some(grade)) => Some(grade),
                Some(None) => {
                    errors.push(
                        FieldError::new("grade", "equipment-grade-required")
                            .with_arg("values", "A, B, C, D"),
                    );
                    None
                }
                None => None,
            };
            let findings = keep(&mut errors, text(fields, "findings", MAX_NOTES));
            grade.map(|grade| Step::Diagnose {
                grade,
                findings: findings.unwrap_or_default().trim().to_owned(),
            })
        }
        State::Wiped => wipe(fields, &mut errors).map(Step::Wipe),
        State::Refurbished => {
            let os = required(fields, "os", &mut errors);
            let checks = keep(&mut errors, text(fields, "checks", MAX_NOTES)).unwrap_or_default();
            let free_software = match fields.one("free_software").map(str::trim) {
                Some("true" | "oui" | "on") => true,
                Some("false" | "non") => false,
                _ => os.as_deref().is_some_and(is_free_system),
            };
            os.map(|os| Step::Refurbish {
                os,
                free_software,
                checks: checks.trim().to_owned(),
            })
        }
        State::Ready if from == State::Returned => {
            wipe(fields, &mut errors).map(|w| Step::MakeReady { rewipe: Some(w) })
        }
        State::Ready => Some(Step::MakeReady { rewipe: None }),
        State::Given => {
            let beneficiary_id = required(fields, "beneficiary_id", &mut errors);
            let signed_name = required(fields, "signed_name", &mut errors);
            let handed_on = day(fields, "handed_on", today, &mut errors).unwrap_or(today);
            if handed_on > today {
                errors.push(FieldError::new("handed_on", "equipment-day-future"));
            }
            match (beneficiary_id, signed_name) {
                (Some(beneficiary_id), Some(signed_name)) => Some(Step::Give {
                    beneficiary_id,
                    handed_on,
                    signed_name,
                }),
                _ => None,
            }
        }
        State::Loaned => {
            let beneficiary_id = required(fields, "beneficiary_id", &mut errors);
            let signed_name = required(fields, "signed_name", &mut errors);
            let handed_on = day(fields, "handed_on", today, &mut errors).unwrap_or(today);
            let due_on = day(fields, "due_on", today, &mut errors);
            if due_on.is_none() && !fields.has("due_on") {
                errors.push(FieldError::new("due_on", "equipment-required"));
            }
            if due_on.is_some_and(|due| due <= handed_on) {
                errors.push(FieldError::new("due_on", "equipment-due-after"));
            }
            if !matches!(fields.one("agreement"), Some("true" | "oui" | "on")) {
                errors.push(FieldError::new("agreement", "equipment-agreement"));
            }
            match (beneficiary_id, signed_name, due_on) {
                (Some(beneficiary_id), Some(signed_name), Some(due_on)) if errors.is_empty() => {
                    Some(Step::Lend {
                        beneficiary_id,
                        handed_on,
                        due_on,
                        signed_name,
                    })
                }
                _ => None,
            }
        }
        State::Returned => {
            let condition = keep(&mut errors, text(fields, "condition", MAX_NOTES));
            Some(Step::Return {
                charger: matches!(fields.one("charger"), Some("true" | "oui" | "on")),
                condition: condition.unwrap_or_default().trim().to_owned(),
            })
        }
        State::InRepair => {
            let problem = keep(&mut errors, text(fields, "problem", MAX_NOTES));
            Some(Step::Repair {
                problem: problem.unwrap_or_default().trim().to_owned(),
            })
        }
        State::Recycled => {
            let recycler = required(fields, "recycler", &mut errors);
            let weight_kg = match fields.one("weight_kg").map(str::trim) {
                None | Some("") => {
                    errors.push(FieldError::new("weight_kg", "equipment-required"));
                    None
                }
                Some(raw) => match raw.replace(',', ".").parse::<f64>() {
                    Ok(kg) if kg > 0.0 && kg <= 1_000.0 => Some(kg),
                    _ => {
                        errors
                            .push(FieldError::new("weight_kg", "equipment-weight").with_value(raw));
                        None
                    }
                },
            };
            match (recycler, weight_kg) {
                (Some(recycler), Some(weight_kg)) => Some(Step::Recycle {
                    recycler,
                    weight_kg,
                }),
                _ => None,
            }
        }
    };
    match step {
        Some(Step::Wipe(Wipe {
            verified: false, ..
        })) if errors.is_empty() => Err(Refusal::WipeNotVerified),
        Some(Step::MakeReady {
            rewipe: Some(Wipe {
                verified: false, ..
            }),
        }) if errors.is_empty() => Err(Refusal::WipeNotVerified),
        Some(step) if errors.is_empty() => Ok(step),
        _ if errors.is_empty() => Err(Refusal::WrongState { from, to }),
        _ => Err(Refusal::Invalid(errors)),
    }
}

fn required(fields: &Fields, field: &'static str, errors: &mut Vec<FieldError>) -> Option<String> {
    let value = keep(errors, text(fields, field, MAX_SHORT))?;
    let value = value.trim();
    if value.is_empty() {
        errors.push(FieldError::new(field, "equipment-required"));
        return None;
    }
    Some(value.to_owned())
}

fn day(
    fields: &Fields,
    field: &'static str,
    today: NaiveDate,
    errors: &mut Vec<FieldError>,
) -> Option<NaiveDate> {
    let raw = fields.one(field).map(str::trim).filter(|v| !v.is_empty())?;
    let parsed = NaiveDate::parse_from_str(raw, "%Y-%m-%d")
        .ok()
        .or_else(|| crate::text::typed_date(raw));
    match parsed {
        Some(d) if (today - d).num_days().abs() <= 3 * 366 => Some(d),
        _ => {
            errors.push(FieldError::new(field, "equipment-day").with_value(raw));
            None
        }
    }
}

fn wipe(fields: &Fields, errors: &mut Vec<FieldError>) -> Option<Wipe> {
    let method = match keep(errors, optional_code(fields, WIPE_METHODS)) {
        Some(Some(method)) => Some(method),
        Some(None) => {
            errors.push(
                FieldError::new("method", "equipment-method-required")
                    .with_arg("values", "clear, purge, destroy"),
            );
            None
        }
        None => None,
    };
    let tool = required(fields, "tool", errors);
    let passes = match fields
        .one("passes")
        .map(str::trim)
        .filter(|v| !v.is_empty())
    {
        None => 1,
        Some(raw) => match raw.parse::<u32>() {
            Ok(n) if (1..=35).contains(&n) => n,
            _ => {
                errors.push(FieldError::new("passes", "equipment-passes").with_value(raw));
                1
            }
        },
    };
    let verified = match fields.one("verified").map(str::trim) {
        Some("true" | "oui" | "on") => Some(true),
        Some("false" | "non") => Some(false),
        _ => {
            errors.push(FieldError::new("verified", "equipment-verified-required"));
            None
        }
    };
    let storage_serials = super::model::serials(fields);
    Some(Wipe {
        method: method?,
        tool: tool?,
        passes,
        verified: verified?,
        storage_serials,
    })
}

/// Whether `os` names a free operating system.
pub fn is_free_system(os: &str) -> bool {
    let lower = os.to_lowercase();
    FREE_SYSTEMS.iter().any(|name| lower.starts_with(name))
}

impl Step {
    /// What the history keeps of the step: no names, no personal data —
    /// a handover's person and signature live in `device_handovers`,
    /// which erasing a person may clear.
    pub fn details(&self) -> Value {
        match self {
            Self::Diagnose { grade, findings } => json!({"grade": grade, "findings": findings}),
            Self::Wipe(w) => wipe_details(w),
            Self::Refurbish {
                os,
                free_software,
                checks,
            } => json!({"os": os, "free_software": free_software, "checks": checks}),
            Self::MakeReady { rewipe: Some(w) } => wipe_details(w),
            Self::MakeReady { rewipe: None } | Self::Repaired => json!({}),
            Self::Give { handed_on, .. } => json!({"handed_on": handed_on}),
            Self::Lend {
                handed_on, due_on, ..
            } => json!({"handed_on": handed_on, "due_on": due_on}),
            Self::Return { charger, condition } => {
                json!({"charger": charger, "condition": condition})
            }
            Self::Repair { problem } => json!({"problem": problem}),
            Self::Recycle {
                recycler,
                weight_kg,
            } => json!({"recycler": recycler, "weight_kg": weight_kg}),
        }
    }
}

fn wipe_details(w: &Wipe) -> Value {
    json!({
        "method": w.method,
        "tool": w.tool,
        "passes": w.passes,
        "verified": w.verified,
        "storage_serials": w.storage_serials,
    })
}

/// The French sentence of a refused change of state: what the device is,
/// and what must come first.
pub fn wrong_state_words(from: State, to: State) -> String {
    let path: Vec<&str> = path_to(from, to).iter().map(|s| s.label()).collect();
    crate::i18n::t_with(
        if path.is_empty() {
            "equipment-wrong-state-never"
        } else {
            "equipment-wrong-state"
        },
        &[
            ("from", from.label().into()),
            ("to", to.label().into()),
            ("path", path.join(" → ").into()),
        ],
    )
}

/// The shortest way from `from` to `to` (its intermediate states, then
/// `to`), or empty when there is none.
fn path_to(from: State, to: State) -> Vec<State> {
    let mut queue = std::collections::VecDeque::from([(from, Vec::new())]);
    let mut seen = vec![from];
    while let Some((state, path)) = queue.pop_front() {
        for next in next_states(state, None) {
            if seen.contains(&next) {
                continue;
            }
            let mut longer = path.clone();
            longer.push(next);
            if next == to {
                return longer;
            }
            seen.push(next);
            queue.push_back((next, longer));
        }
    }
    Vec::new()
}

#[cfg(test)]
#[path = "lifecycle_tests.rs"]
mod tests;
