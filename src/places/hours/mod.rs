//! Opening hours in OpenStreetMap `opening_hours` syntax, evaluated in the
//! place's time zone (overseas departments in their own) with French public
//! holidays (`PH`), and said in French words.

use std::sync::{Arc, Mutex};

use chrono::{DateTime, Datelike, Days, NaiveDate, TimeZone, Timelike, Utc, Weekday};
use chrono_tz::Tz;
use opening_hours::localization::{Country, TzLocation};
use opening_hours::{Context, OpeningHours, RuleKind};

use crate::i18n::{self, FluentValue};

mod week;
mod words;

pub use week::{
    Closure, GRID_CLOSURES, GRID_SPANS, Holidays, Span, Week, sort_and_overlap, weekday,
};
pub use words::{Understood, understand};

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
    /// Dated closures, when the hours are simple enough to list them.
    closures: Vec<Closure>,
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
            closures: if compact.contains(" off") {
                Week::from_osm(&compact)
                    .map(|w| w.closures)
                    .unwrap_or_default()
            } else {
                Vec::new()
            },
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

    /// The spans it is open between `from` and `to` (appointment slots are
    /// cut from them), in order.
    pub fn open_spans(
        &self,
        from: DateTime<Utc>,
        to: DateTime<Utc>,
    ) -> Vec<(DateTime<Utc>, DateTime<Utc>)> {
        self.local
            .iter_range(from.with_timezone(&self.tz), to.with_timezone(&self.tz))
            .filter(|span| span.kind == RuleKind::Open)
            .map(|span| {
                (
                    span.range.start.with_timezone(&Utc),
                    span.range.end.with_timezone(&Utc),
                )
            })
            .collect()
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

    /// The week from `from` in words, in the current language: « du lundi
    /// au vendredi : 9 h – 12 h, 14 h – 17 h ; samedi et dimanche : fermé ;
    /// fermé les jours fériés ».
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
                    i18n::t("hours-closed")
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
            let (first, last) = (day_name(days[start].0), day_name(days[end].0));
            let span = match end - start {
                0 => first,
                1 => i18n::t_with(
                    "hours-two-days",
                    &[("first", first.into()), ("last", last.into())],
                ),
                _ => i18n::t_with(
                    "hours-day-range",
                    &[("first", first.into()), ("last", last.into())],
                ),
            };
            parts.push(i18n::t_with(
                "hours-days",
                &[
                    ("days", span.into()),
                    ("hours", days[start].1.clone().into()),
                ],
            ));
            start = end + 1;
        }
        for closure in self.closures.iter().filter(|c| c.to >= from) {
            parts.push(if closure.from == closure.to {
                i18n::t_with(
                    "hours-closure-day",
                    &[("day", date_words(closure.from).into())],
                )
            } else {
                i18n::t_with(
                    "hours-closure-days",
                    &[
                        ("from", date_words(closure.from).into()),
                        ("to", date_words(closure.to).into()),
                    ],
                )
            });
        }
        if self.closed_on_holidays {
            parts.push(i18n::t("hours-closed-on-holidays"));
        }
        parts.join(&i18n::t("list-separator"))
    }
}

/// « 9 h », « 9 h 30 », « minuit » for 24:00 (« 9:00 », « midnight »…), in
/// the current language.
pub fn clock(hour: u8, minute: u8) -> String {
    match (hour % 24, minute, hour) {
        (0, 0, 24) => i18n::t("clock-midnight"),
        (h, m, _) => i18n::t_with(
            if m == 0 {
                "clock-hour"
            } else {
                "clock-hour-minute"
            },
            &[
                ("hour", h.to_string().into()),
                ("minute", format!("{m:02}").into()),
            ],
        ),
    }
}

/// « 1er août 2027 », « 23 août 2027 » (« August 1, 2027 »).
pub fn date_words(day: NaiveDate) -> String {
    i18n::t_with(
        "date-words",
        &[
            ("day", day.day().into()),
            ("month", month_name(day.month()).into()),
            ("year", day.year().to_string().into()),
        ],
    )
}

/// A month's name in the current language (1 is January).
pub fn month_name(month: u32) -> String {
    i18n::t(&format!("month-{}", month.clamp(1, 12)))
}

/// A weekday's name in the current language.
pub fn day_name(day: Weekday) -> String {
    i18n::t(match day {
        Weekday::Mon => "day-monday",
        Weekday::Tue => "day-tuesday",
        Weekday::Wed => "day-wednesday",
        Weekday::Thu => "day-thursday",
        Weekday::Fri => "day-friday",
        Weekday::Sat => "day-saturday",
        Weekday::Sun => "day-sunday",
    })
}

/// « Ouvert · ferme à 12 h », « Fermé · ouvre demain à 9 h », …, as of
/// `now`, in the current language.
pub fn status_words(status: &Status, now: DateTime<Utc>) -> String {
    let when = |t: &DateTime<Tz>| -> FluentValue<'static> {
        let today = now.with_timezone(&t.timezone()).date_naive();
        let clock = clock(t.hour() as u8, t.minute() as u8);
        let words = match (t.date_naive() - today).num_days() {
            0 => i18n::t_with("when-today", &[("clock", clock.into())]),
            1 => i18n::t_with("when-tomorrow", &[("clock", clock.into())]),
            2..=6 => i18n::t_with(
                "when-weekday",
                &[
                    ("day", day_name(t.weekday()).into()),
                    ("clock", clock.into()),
                ],
            ),
            _ => i18n::t_with(
                "when-date",
                &[
                    ("day", t.day().to_string().into()),
                    ("month", month_name(t.month()).into()),
                    ("clock", clock.into()),
                ],
            ),
        };
        words.into()
    };
    match status {
        Status::Open { until: Some(t) } => i18n::t_with("status-open-until", &[("when", when(t))]),
        Status::Open { until: None } => i18n::t("status-open"),
        Status::Closed { opens: Some(t) } => {
            i18n::t_with("status-closed-opens", &[("when", when(t))])
        }
        Status::Closed { opens: None } => i18n::t("status-closed"),
        Status::Unknown => i18n::t("status-unknown"),
    }
}

/// A UTC instant from a local wall-clock time in `tz` (for tests and demos).
pub fn local(tz: Tz, y: i32, m: u32, d: u32, h: u32, min: u32) -> Option<DateTime<Utc>> {
    tz.with_ymd_and_hms(y, m, d, h, min, 0)
        .single()
        .map(|t| t.with_timezone(&Utc))
}

#[cfg(test)]
mod tests;
