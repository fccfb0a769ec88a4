//! A week of opening hours as a person thinks of it — each day closed or
//! open in a few ranges, public holidays closed or as usual, dated closures
//! such as the summer break — and its OpenStreetMap `opening_hours` text.
//!
//! The week grid of the place form and the hours typed in words both come
//! here, so both write the same OSM value; reading that value back fills
//! the grid again when the place is edited.

use chrono::{Datelike, NaiveDate, Weekday};

/// Minutes since midnight, 0 to 1440 (24:00, the end of the day).
pub type Minutes = u16;

/// One opening range within a day, `start` before `end`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Span {
    pub start: Minutes,
    pub end: Minutes,
}

/// What happens on public holidays.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Holidays {
    /// Open as on any other day (the OSM default: no `PH` rule).
    #[default]
    AsUsual,
    /// Closed (`PH off`), as most social centres are.
    Closed,
}

/// A dated closure, both days included.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Closure {
    pub from: NaiveDate,
    pub to: NaiveDate,
}

/// A week's hours: `days[0]` is Monday.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Week {
    pub days: [Vec<Span>; 7],
    pub holidays: Holidays,
    pub closures: Vec<Closure>,
}

/// OSM's two-letter day names, Monday first.
const OSM_DAYS: [&str; 7] = ["Mo", "Tu", "We", "Th", "Fr", "Sa", "Su"];
/// OSM's three-letter month names, January first.
const OSM_MONTHS: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];

/// The most ranges a day holds in the week grid (morning and afternoon).
pub const GRID_SPANS: usize = 2;
/// The most dated closures the week grid offers.
pub const GRID_CLOSURES: usize = 2;

impl Span {
    /// « 09:00-12:00 ».
    fn to_osm(self) -> String {
        format!("{}-{}", osm_clock(self.start), osm_clock(self.end))
    }
}

fn osm_clock(minutes: Minutes) -> String {
    format!("{:02}:{:02}", minutes / 60, minutes % 60)
}

fn osm_date(day: NaiveDate) -> String {
    format!(
        "{} {} {:02}",
        day.year(),
        OSM_MONTHS[day.month0() as usize],
        day.day()
    )
}

impl Week {
    /// Whether no day opens: such a week says nothing about the place.
    pub fn is_empty(&self) -> bool {
        self.days.iter().all(Vec::is_empty)
    }

    /// Whether the week grid can show it: at most [`GRID_SPANS`] ranges a
    /// day and [`GRID_CLOSURES`] closures.
    pub fn fits_grid(&self) -> bool {
        self.days.iter().all(|d| d.len() <= GRID_SPANS) && self.closures.len() <= GRID_CLOSURES
    }

    /// The OSM value: consecutive days with the same ranges share a rule,
    /// then closures and holidays, which override the week (« Mo-Fr
    /// 09:00-12:00,14:00-17:00; Sa 09:00-12:00; 2027 Aug 01-2027 Aug 23
    /// off; PH off »). `None` when no day opens.
    pub fn to_osm(&self) -> Option<String> {
        if self.is_empty() {
            return None;
        }
        // Days with the same ranges share a rule, in the order of their
        // first day: « Mo-We,Fr 09:00-12:00; Th 14:00-17:00 ».
        let mut groups: Vec<(&Vec<Span>, Vec<usize>)> = Vec::new();
        for (day, spans) in self.days.iter().enumerate().filter(|(_, s)| !s.is_empty()) {
            match groups.iter_mut().find(|(same, _)| *same == spans) {
                Some((_, days)) => days.push(day),
                None => groups.push((spans, vec![day])),
            }
        }
        let mut rules: Vec<String> = groups
            .into_iter()
            .map(|(spans, days)| {
                let spans: Vec<String> = spans.iter().map(|s| s.to_osm()).collect();
                format!("{} {}", osm_days(&days), spans.join(","))
            })
            .collect();
        for closure in &self.closures {
            rules.push(if closure.from == closure.to {
                format!("{} off", osm_date(closure.from))
            } else {
                format!("{}-{} off", osm_date(closure.from), osm_date(closure.to))
            });
        }
        if self.holidays == Holidays::Closed {
            rules.push("PH off".into());
        }
        Some(rules.join("; "))
    }

    /// Reads back an OSM value made of simple rules (days with ranges, days
    /// off, dated closures, `PH off`), as the grid and the words write them
    /// and as most people who know OSM type them. `None` for anything
    /// richer (weeks of the year, sunrise, comments…), which stays text.
    pub fn from_osm(raw: &str) -> Option<Week> {
        let mut week = Week::default();
        for rule in raw.split(';').map(str::trim).filter(|r| !r.is_empty()) {
            if rule == "PH off" || rule == "PH closed" {
                week.holidays = Holidays::Closed;
            } else if let Some(closure) = closure_of(rule) {
                week.closures.push(closure);
            } else {
                let (days, rest) = rule.split_once(' ')?;
                let days = days_of(days)?;
                let spans = match rest.trim() {
                    "off" | "closed" => Vec::new(),
                    ranges => spans_of(ranges)?,
                };
                // A later rule for the same day replaces the earlier one,
                // as in OSM.
                for day in days {
                    week.days[day].clone_from(&spans);
                }
            }
        }
        (!week.is_empty()).then_some(week)
    }

    /// Sorts each day's ranges and refuses overlapping ones.
    pub fn normalise(mut self) -> Result<Week, Weekday> {
        for (index, day) in self.days.iter_mut().enumerate() {
            if sort_and_overlap(day) {
                return Err(weekday(index));
            }
        }
        self.closures.sort_by_key(|c| c.from);
        Ok(self)
    }
}

/// Sorts one day's ranges; whether two of them overlap.
pub fn sort_and_overlap(spans: &mut [Span]) -> bool {
    spans.sort();
    spans.windows(2).any(|pair| pair[0].end > pair[1].start)
}

/// Day indexes (sorted) as OSM writes them: runs of three days or more as
/// ranges, « Mo-We,Fr », « Sa,Su ».
fn osm_days(days: &[usize]) -> String {
    let mut parts: Vec<String> = Vec::new();
    let mut start = 0;
    while start < days.len() {
        let mut end = start;
        while end + 1 < days.len() && days[end + 1] == days[end] + 1 {
            end += 1;
        }
        match end - start {
            0 => parts.push(OSM_DAYS[days[start]].to_owned()),
            1 => parts.extend([OSM_DAYS[days[start]], OSM_DAYS[days[end]]].map(str::to_owned)),
            _ => parts.push(format!("{}-{}", OSM_DAYS[days[start]], OSM_DAYS[days[end]])),
        }
        start = end + 1;
    }
    parts.join(",")
}

/// The weekday at `index` (0 is Monday).
pub fn weekday(index: usize) -> Weekday {
    Weekday::try_from(index.min(6) as u8).unwrap_or(Weekday::Mon)
}

/// « Mo-Fr », « Mo,We,Fr », « Sa »: day indexes.
fn days_of(text: &str) -> Option<Vec<usize>> {
    let index = |name: &str| OSM_DAYS.iter().position(|d| *d == name);
    let mut days = Vec::new();
    for part in text.split(',') {
        match part.split_once('-') {
            Some((first, last)) => {
                let (first, last) = (index(first)?, index(last)?);
                if first > last {
                    return None;
                }
                days.extend(first..=last);
            }
            None => days.push(index(part)?),
        }
    }
    Some(days)
}

/// « 09:00-12:00,14:00-17:00 »: ranges, each ending after it starts.
fn spans_of(text: &str) -> Option<Vec<Span>> {
    text.split(',')
        .map(|range| {
            let (start, end) = range.trim().split_once('-')?;
            let span = Span {
                start: minutes_of(start)?,
                end: minutes_of(end)?,
            };
            (span.start < span.end).then_some(span)
        })
        .collect()
}

fn minutes_of(clock: &str) -> Option<Minutes> {
    let (hour, minute) = clock.split_once(':')?;
    let (hour, minute): (Minutes, Minutes) = (hour.parse().ok()?, minute.parse().ok()?);
    (hour <= 24 && minute < 60 && hour * 60 + minute <= 1440).then_some(hour * 60 + minute)
}

/// « 2027 Aug 01-2027 Aug 23 off » or « 2027 Dec 24 off ».
fn closure_of(rule: &str) -> Option<Closure> {
    let dates = rule.strip_suffix(" off")?;
    let date = |text: &str| -> Option<NaiveDate> {
        let mut parts = text.split_whitespace();
        let year = parts.next()?.parse().ok()?;
        let month_name = parts.next()?;
        let month = OSM_MONTHS.iter().position(|m| *m == month_name)? as u32 + 1;
        let day = parts.next()?.parse().ok()?;
        if parts.next().is_some() {
            return None;
        }
        NaiveDate::from_ymd_opt(year, month, day)
    };
    let (from, to) = match dates.split_once('-') {
        Some((from, to)) => (date(from)?, date(to)?),
        None => {
            let day = date(dates)?;
            (day, day)
        }
    };
    (from <= to).then_some(Closure { from, to })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn span(start: Minutes, end: Minutes) -> Span {
        Span {
            start: start * 60,
            end: end * 60,
        }
    }

    fn office_week() -> Week {
        let mut week = Week::default();
        for day in 0..5 {
            week.days[day] = vec![span(9, 12), span(14, 17)];
        }
        week.days[5] = vec![span(9, 12)];
        week.holidays = Holidays::Closed;
        week.closures.push(Closure {
            from: NaiveDate::from_ymd_opt(2027, 8, 1).unwrap(),
            to: NaiveDate::from_ymd_opt(2027, 8, 23).unwrap(),
        });
        week
    }

    #[test]
    fn a_week_is_written_with_consecutive_days_sharing_a_rule() {
        assert_eq!(
            office_week().to_osm().unwrap(),
            "Mo-Fr 09:00-12:00,14:00-17:00; Sa 09:00-12:00; 2027 Aug 01-2027 Aug 23 off; PH off"
        );
    }

    #[test]
    fn what_the_week_writes_reads_back_the_same() {
        let week = office_week();
        assert_eq!(Week::from_osm(&week.to_osm().unwrap()), Some(week));
    }

    #[test]
    fn what_the_week_writes_is_read_by_the_opening_hours_library() {
        let osm = office_week().to_osm().unwrap();
        let parsed: Result<opening_hours::OpeningHours, _> = osm.parse();
        assert!(parsed.is_ok(), "{osm}");
    }

    #[test]
    fn days_with_the_same_hours_share_a_rule_even_apart() {
        let mut week = Week::default();
        for day in [0, 1, 2, 4] {
            week.days[day] = vec![span(9, 12)];
        }
        week.days[3] = vec![span(14, 17)];
        assert_eq!(
            week.to_osm().unwrap(),
            "Mo-We,Fr 09:00-12:00; Th 14:00-17:00"
        );
        let mut weekend = Week::default();
        weekend.days[5] = vec![span(9, 12)];
        weekend.days[6] = vec![span(9, 12)];
        assert_eq!(weekend.to_osm().unwrap(), "Sa,Su 09:00-12:00");
    }

    #[test]
    fn a_week_where_nothing_opens_writes_nothing() {
        assert_eq!(Week::default().to_osm(), None);
    }

    #[test]
    fn hours_typed_by_hand_in_simple_osm_fill_the_grid() {
        let week = Week::from_osm("Mo,We 09:00-12:00; Tu-Th 14:00-18:00; We off").unwrap();
        assert_eq!(week.days[0], vec![span(9, 12)]);
        assert_eq!(week.days[1], vec![span(14, 18)]);
        assert!(
            week.days[2].is_empty(),
            "a later rule replaces an earlier one"
        );
        assert_eq!(week.days[3], vec![span(14, 18)]);
    }

    #[test]
    fn richer_osm_stays_text() {
        for raw in [
            "Mo-Fr 09:00-17:00 \"sur rendez-vous\"",
            "week 1-20 Mo 10:00-12:00",
            "Mo-Fr sunrise-sunset",
            "24/7",
            "Mo-Fr 18:00-02:00",
        ] {
            assert_eq!(Week::from_osm(raw), None, "{raw}");
        }
    }

    #[test]
    fn overlapping_ranges_name_their_day() {
        let mut week = Week::default();
        week.days[1] = vec![span(9, 12), span(11, 14)];
        assert_eq!(week.normalise(), Err(Weekday::Tue));
    }
}
