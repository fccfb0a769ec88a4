//! Opening hours in OpenStreetMap `opening_hours` syntax, evaluated in the
//! place's time zone (overseas departments in their own) with French public
//! holidays (`PH`), and said in French words.

use std::sync::{Arc, Mutex};

use chrono::{DateTime, Datelike, Days, NaiveDate, TimeZone, Timelike, Utc, Weekday};
use chrono_tz::Tz;
use opening_hours::localization::{Country, TzLocation};
use opening_hours::{Context, OpeningHours, RuleKind};

/// Parsed hours, ready to answer « open now? » and « opens when? ».
///
/// Clones share a small cache of the current state: a place is open or
/// closed for hours at a time, so « open now? » is evaluated once per
/// change, not once per search.
#[derive(Clone)]
pub struct Hours {
    local: OpeningHours<TzLocation<Tz>>,
    tz: Tz,
    closed_on_holidays: bool,
    current: Arc<Mutex<Option<KnownState>>>,
}

/// A state known to hold from `from` until `until` (excluded), or when no
/// change is known, at least until `checked_until`.
#[derive(Clone, Copy)]
struct KnownState {
    from: DateTime<Utc>,
    until: Option<DateTime<Utc>>,
    checked_until: DateTime<Utc>,
    open: Option<bool>,
}

/// How far ahead a next change is looked for. Rules can name years
/// (« 3331 ») and the search walks day by day: unbounded, one hostile
/// expression took 54 s (found by the `opening_hours` fuzz target). A
/// change more than a year ahead is shown as none.
const HORIZON_DAYS: i64 = 366;

/// Whether a place is open at an instant, and until or from when.
#[derive(Clone, Debug, PartialEq)]
pub enum Status {
    Open {
        until: Option<DateTime<Tz>>,
    },
    Closed {
        opens: Option<DateTime<Tz>>,
    },
    /// The hours say « unknown » for this moment (`unknown`, comments…).
    Unknown,
}

/// The time zone of a place, from its INSEE code or postcode.
pub fn time_zone(code_insee: Option<&str>, code_postal: &str) -> Tz {
    let code = code_insee.unwrap_or(code_postal);
    match code.get(..3) {
        Some("971" | "977" | "978") => chrono_tz::America::Guadeloupe,
        Some("972") => chrono_tz::America::Martinique,
        Some("973") => chrono_tz::America::Cayenne,
        Some("974") => chrono_tz::Indian::Reunion,
        Some("975") => chrono_tz::America::Miquelon,
        Some("976") => chrono_tz::Indian::Mayotte,
        _ => chrono_tz::Europe::Paris,
    }
}

impl Hours {
    /// Parses `raw` for a place in `tz`.
    pub fn parse(raw: &str, tz: Tz) -> Result<Self, String> {
        let parsed: OpeningHours = raw.parse().map_err(|e| format!("{e}"))?;
        // Normalising the expression would say this too, but costs tens of
        // milliseconds per place; the rule as written is enough.
        let compact: String = raw.split_whitespace().collect::<Vec<_>>().join(" ");
        let context = Context::default()
            .with_holidays(Country::FR.holidays())
            .with_locale(TzLocation::new(tz));
        Ok(Self {
            local: parsed.with_context(context),
            tz,
            closed_on_holidays: compact.contains("PH off") || compact.contains("PH closed"),
            current: Arc::new(Mutex::new(None)),
        })
    }

    /// The status at `at`.
    pub fn status(&self, at: DateTime<Utc>) -> Status {
        let local = at.with_timezone(&self.tz);
        match self.local.state(local).0 {
            RuleKind::Open => Status::Open {
                until: self.next_change_local(local),
            },
            RuleKind::Closed => Status::Closed {
                opens: self.next_opening(local),
            },
            RuleKind::Unknown => Status::Unknown,
        }
    }

    /// The status at `at` from the remembered state: the same as
    /// [`Hours::status`] for ordinary timetables (the next change after a
    /// closed period is the opening), without re-evaluating the rules on
    /// each search page.
    pub fn quick_status(&self, at: DateTime<Utc>) -> Status {
        let local = |t: DateTime<Utc>| t.with_timezone(&self.tz);
        match self.state(at) {
            (Some(true), until) => Status::Open {
                until: until.map(local),
            },
            (Some(false), next) => Status::Closed {
                opens: next
                    .filter(|t| *t - at <= chrono::TimeDelta::days(31))
                    .map(local),
            },
            (None, _) => Status::Unknown,
        }
    }

    /// Whether the place is open at `at` (`None` when the hours do not say).
    pub fn is_open(&self, at: DateTime<Utc>) -> Option<bool> {
        self.state(at).0
    }

    /// Whether the place is open at `at`, and until when that holds (the
    /// next change, `None` when none is known).
    pub fn state(&self, at: DateTime<Utc>) -> (Option<bool>, Option<DateTime<Utc>>) {
        let known = self.current.lock().ok().and_then(|guard| *guard);
        if let Some(state) =
            known.filter(|s| s.from <= at && at < s.until.unwrap_or(s.checked_until))
        {
            return (state.open, state.until);
        }
        let local = at.with_timezone(&self.tz);
        let open = match self.local.state(local).0 {
            RuleKind::Open => Some(true),
            RuleKind::Closed => Some(false),
            RuleKind::Unknown => None,
        };
        let until = self.next_change_local(local).map(|t| t.with_timezone(&Utc));
        if let Ok(mut guard) = self.current.lock() {
            *guard = Some(KnownState {
                from: at,
                until,
                // No change within the horizon: look again a day later.
                checked_until: at + chrono::TimeDelta::days(1),
                open,
            });
        }
        (open, until)
    }

    /// When the status changes next after `at` (closing or opening).
    pub fn next_change(&self, at: DateTime<Utc>) -> Option<DateTime<Utc>> {
        self.next_change_local(at.with_timezone(&self.tz))
            .map(|t| t.with_timezone(&Utc))
    }

    /// The next change after `at`, within [`HORIZON_DAYS`].
    fn next_change_local(&self, at: DateTime<Tz>) -> Option<DateTime<Tz>> {
        let horizon = at + chrono::TimeDelta::days(HORIZON_DAYS);
        let current = self.local.iter_range(at, horizon).next()?;
        (current.range.end < horizon).then_some(current.range.end)
    }

    /// The next time the place opens after `from`, within about a month.
    fn next_opening(&self, from: DateTime<Tz>) -> Option<DateTime<Tz>> {
        let mut at = from;
        for _ in 0..64 {
            at = self.next_change_local(at)?;
            if at - from > chrono::TimeDelta::days(31) {
                return None;
            }
            if self.local.is_open(at) {
                return Some(at);
            }
        }
        None
    }

    /// The week from `from` in words: « du lundi au vendredi : 9 h – 12 h,
    /// 14 h – 17 h ; samedi et dimanche : fermé ; fermé les jours fériés ».
    pub fn describe(&self, from: NaiveDate) -> String {
        // The regular week: evaluated without holidays, starting on a Monday.
        let monday = from - Days::new(u64::from(from.weekday().num_days_from_monday()));
        let regular = self
            .local
            .clone()
            .with_context(Context::default().with_locale(TzLocation::new(self.tz)));
        let days: Vec<(Weekday, String)> = (0..7)
            .map(|offset| {
                let date = monday + Days::new(offset);
                let ranges: Vec<String> = regular
                    .schedule_at(date)
                    .into_iter()
                    .filter(|r| r.kind == RuleKind::Open)
                    .map(|r| {
                        let (start, end) = (r.range.start, r.range.end);
                        format!(
                            "{} – {}",
                            clock(start.hour(), start.minute()),
                            clock(end.hour(), end.minute())
                        )
                    })
                    .collect();
                let words = if ranges.is_empty() {
                    "fermé".to_owned()
                } else {
                    ranges.join(", ")
                };
                (date.weekday(), words)
            })
            .collect();
        let mut parts: Vec<String> = Vec::new();
        let mut start = 0;
        while start < days.len() {
            let mut end = start;
            while end + 1 < days.len() && days[end + 1].1 == days[start].1 {
                end += 1;
            }
            let span = match end - start {
                0 => day_name(days[start].0).to_owned(),
                1 => format!("{} et {}", day_name(days[start].0), day_name(days[end].0)),
                _ => format!(
                    "du {} au {}",
                    day_name(days[start].0),
                    day_name(days[end].0)
                ),
            };
            parts.push(format!("{span} : {}", days[start].1));
            start = end + 1;
        }
        if self.closed_on_holidays {
            parts.push("fermé les jours fériés".to_owned());
        }
        parts.join(" ; ")
    }
}

/// « 9 h », « 9 h 30 », « minuit » for 24:00.
pub fn clock(hour: u8, minute: u8) -> String {
    match (hour % 24, minute, hour) {
        (0, 0, 24) => "minuit".to_owned(),
        (h, 0, _) => format!("{h} h"),
        (h, m, _) => format!("{h} h {m:02}"),
    }
}

/// French month names.
pub fn month_name(month: u32) -> &'static str {
    [
        "janvier",
        "février",
        "mars",
        "avril",
        "mai",
        "juin",
        "juillet",
        "août",
        "septembre",
        "octobre",
        "novembre",
        "décembre",
    ]
    .get(month.saturating_sub(1) as usize)
    .copied()
    .unwrap_or_default()
}

/// French weekday names.
pub fn day_name(day: Weekday) -> &'static str {
    match day {
        Weekday::Mon => "lundi",
        Weekday::Tue => "mardi",
        Weekday::Wed => "mercredi",
        Weekday::Thu => "jeudi",
        Weekday::Fri => "vendredi",
        Weekday::Sat => "samedi",
        Weekday::Sun => "dimanche",
    }
}

/// « Ouvert · ferme à 12 h », « Fermé · ouvre demain à 9 h », …, as of `now`.
pub fn status_words(status: &Status, now: DateTime<Utc>) -> String {
    let when = |t: &DateTime<Tz>| {
        let today = now.with_timezone(&t.timezone()).date_naive();
        let day = match (t.date_naive() - today).num_days() {
            0 => String::new(),
            1 => "demain ".to_owned(),
            2..=6 => format!("{} ", day_name(t.weekday())),
            _ => format!("le {} ", t.format("%d/%m")),
        };
        format!("{day}à {}", clock(t.hour() as u8, t.minute() as u8))
    };
    match status {
        Status::Open { until: Some(t) } => format!("Ouvert · ferme {}", when(t)),
        Status::Open { until: None } => "Ouvert".to_owned(),
        Status::Closed { opens: Some(t) } => format!("Fermé · ouvre {}", when(t)),
        Status::Closed { opens: None } => "Fermé".to_owned(),
        Status::Unknown => "Horaires à confirmer".to_owned(),
    }
}

/// A UTC instant from a local wall-clock time in `tz` (for tests and demos).
pub fn local(tz: Tz, y: i32, m: u32, d: u32, h: u32, min: u32) -> Option<DateTime<Utc>> {
    tz.with_ymd_and_hms(y, m, d, h, min, 0)
        .single()
        .map(|t| t.with_timezone(&Utc))
}

#[cfg(test)]
#[path = "hours_tests.rs"]
mod tests;
