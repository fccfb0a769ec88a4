//! The week grid of the place form: for each day, closed or one or two
//! ranges; public holidays closed or as usual; up to two dated closures.
//! It works without JavaScript (time and date inputs, which older browsers
//! show as text boxes: « 9h », « 9:30 », « 14 h 30 » are read too) and
//! writes the OSM value the schema stores, through [`Week`].

use std::collections::HashMap;

use crate::places::hours::{self, Closure, GRID_CLOSURES, GRID_SPANS, Holidays, Span, Week};
use crate::validation::{FieldError, FormErrors};

/// The days' keys in input names (`horaires-lu-1-debut`), Monday first.
pub const DAY_KEYS: [&str; 7] = ["lu", "ma", "me", "je", "ve", "sa", "di"];

/// The input carrying what happens on public holidays.
pub const HOLIDAYS: &str = "horaires-feries";

/// The name of a range's start or end input.
pub fn span_input(day: usize, span: usize, end: bool) -> String {
    format!(
        "horaires-{}-{}-{}",
        DAY_KEYS[day],
        span + 1,
        if end { "fin" } else { "debut" }
    )
}

/// The name of a closure's first or last day input.
pub fn closure_input(closure: usize, last: bool) -> String {
    format!(
        "horaires-fermeture-{}-{}",
        closure + 1,
        if last { "au" } else { "du" }
    )
}

/// Whether `name` is one of the grid's inputs (kept when the form comes back).
pub fn is_grid_input(name: &str) -> bool {
    name.starts_with("horaires-")
}

fn clock(minutes: u16) -> String {
    format!("{:02}:{:02}", minutes / 60, minutes % 60)
}

/// The grid's inputs for `week`, to fill the form.
pub fn values_of(week: &Week) -> HashMap<String, String> {
    let mut values = HashMap::new();
    for (day, spans) in week.days.iter().enumerate() {
        for (index, span) in spans.iter().enumerate().take(GRID_SPANS) {
            values.insert(span_input(day, index, false), clock(span.start));
            values.insert(span_input(day, index, true), clock(span.end));
        }
    }
    for (index, closure) in week.closures.iter().enumerate().take(GRID_CLOSURES) {
        values.insert(closure_input(index, false), closure.from.to_string());
        values.insert(closure_input(index, true), closure.to.to_string());
    }
    values.insert(HOLIDAYS.into(), holidays_value(week.holidays).into());
    values
}

fn holidays_value(holidays: Holidays) -> &'static str {
    match holidays {
        Holidays::Closed => "ferme",
        Holidays::AsUsual => "ouvert",
    }
}

/// The week typed in the grid, or why not; `Ok(None)` when no day is
/// filled (the place's hours are then unknown).
pub fn read(values: &HashMap<String, String>) -> Result<Option<Week>, Vec<FieldError>> {
    let typed = |name: &str| values.get(name).map(|v| v.trim()).filter(|v| !v.is_empty());
    let mut week = Week {
        holidays: match typed(HOLIDAYS) {
            Some("ouvert") => Holidays::AsUsual,
            _ => Holidays::Closed,
        },
        ..Week::default()
    };
    let mut errors = Vec::new();
    for day in 0..7 {
        let day_name = capitalised(&hours::day_name(hours::weekday(day)));
        let refuse = |name: &str, key: &'static str, value: &str| {
            FieldError::named(name, key)
                .with_value(value)
                .with_arg("day", &day_name)
        };
        for span in 0..GRID_SPANS {
            let (start_name, end_name) =
                (span_input(day, span, false), span_input(day, span, true));
            let (start, end) = (typed(&start_name), typed(&end_name));
            let read_one = |name: &str, text: Option<&str>, errors: &mut Vec<FieldError>| {
                let text = text?;
                let minutes = crate::text::typed_clock(text);
                if minutes.is_none() {
                    errors.push(refuse(name, "hours-grid-time", text));
                }
                minutes
            };
            let start_minutes = read_one(&start_name, start, &mut errors);
            let end_minutes = read_one(&end_name, end, &mut errors);
            match (start, end, start_minutes, end_minutes) {
                (None, None, ..) => {}
                (None, Some(_), ..) => {
                    errors.push(refuse(&start_name, "hours-grid-missing-start", ""))
                }
                (Some(_), None, ..) => errors.push(refuse(&end_name, "hours-grid-missing-end", "")),
                (_, Some(text), Some(start), Some(end)) if end <= start => {
                    errors.push(refuse(&end_name, "hours-grid-order", text));
                }
                (.., Some(start), Some(end)) => week.days[day].push(Span { start, end }),
                _ => {}
            }
        }
        if hours::sort_and_overlap(&mut week.days[day]) {
            errors.push(refuse(&span_input(day, 1, false), "hours-grid-overlap", ""));
        }
    }
    for index in 0..GRID_CLOSURES {
        let (from_name, to_name) = (closure_input(index, false), closure_input(index, true));
        let date = |name: &str, errors: &mut Vec<FieldError>| {
            let text = typed(name)?;
            let day = crate::text::typed_date(text);
            if day.is_none() {
                errors.push(FieldError::named(name, "hours-grid-date").with_value(text));
            }
            day
        };
        let (from, to) = (date(&from_name, &mut errors), date(&to_name, &mut errors));
        match (typed(&from_name), typed(&to_name), from, to) {
            (None, None, ..) => {}
            // One day: « fermé le 26 décembre ».
            (Some(_), None, Some(day), _) | (None, Some(_), _, Some(day)) => {
                week.closures.push(Closure { from: day, to: day });
            }
            (.., Some(from), Some(to)) if to < from => {
                errors.push(
                    FieldError::named(&to_name, "hours-grid-closure-order")
                        .with_value(&to.to_string()),
                );
            }
            (.., Some(from), Some(to)) => week.closures.push(Closure { from, to }),
            _ => {}
        }
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    week.closures.sort_by_key(|c| c.from);
    Ok((!week.is_empty()).then_some(week))
}

/// One range of a day, as the template shows it.
pub struct GridSpan {
    pub start_name: String,
    pub end_name: String,
    pub start: String,
    pub end: String,
}

/// One day of the grid: its name, its ranges and what was wrong with them.
pub struct GridDay {
    pub name: String,
    pub spans: Vec<GridSpan>,
    pub errors: Vec<String>,
}

/// One dated closure of the grid.
pub struct GridClosure {
    pub from_name: String,
    pub to_name: String,
    pub from: String,
    pub to: String,
    pub errors: Vec<String>,
}

/// The grid as the form shows it, from the typed values and the errors.
pub struct Grid {
    pub days: Vec<GridDay>,
    pub closures: Vec<GridClosure>,
    pub holidays_closed: bool,
}

impl Grid {
    pub fn of(values: &HashMap<String, String>, errors: &FormErrors) -> Self {
        let value = |name: &str| values.get(name).cloned().unwrap_or_default();
        let days = (0..7)
            .map(|day| {
                let spans: Vec<GridSpan> = (0..GRID_SPANS)
                    .map(|span| GridSpan {
                        start_name: span_input(day, span, false),
                        end_name: span_input(day, span, true),
                        start: value(&span_input(day, span, false)),
                        end: value(&span_input(day, span, true)),
                    })
                    .collect();
                let errors = spans
                    .iter()
                    .flat_map(|s| [&s.start_name, &s.end_name])
                    .filter_map(|name| errors.for_field(name))
                    .collect();
                GridDay {
                    name: capitalised(&hours::day_name(hours::weekday(day))),
                    spans,
                    errors,
                }
            })
            .collect();
        let closures = (0..GRID_CLOSURES)
            .map(|index| {
                let (from_name, to_name) =
                    (closure_input(index, false), closure_input(index, true));
                GridClosure {
                    errors: [&from_name, &to_name]
                        .iter()
                        .filter_map(|name| errors.for_field(name))
                        .collect(),
                    from: value(&from_name),
                    to: value(&to_name),
                    from_name,
                    to_name,
                }
            })
            .collect();
        Self {
            days,
            closures,
            holidays_closed: values.get(HOLIDAYS).is_none_or(|v| v != "ouvert"),
        }
    }
}

fn capitalised(word: &str) -> String {
    let mut chars = word.chars();
    chars
        .next()
        .map(|first| first.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn form(pairs: &[(&str, &str)]) -> HashMap<String, String> {
        pairs
            .iter()
            .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
            .collect()
    }

    #[test]
    fn a_grid_filled_for_weekdays_writes_one_rule() {
        let mut pairs = Vec::new();
        let names: Vec<(String, String, String, String)> = (0..5)
            .map(|day| {
                (
                    span_input(day, 0, false),
                    span_input(day, 0, true),
                    span_input(day, 1, false),
                    span_input(day, 1, true),
                )
            })
            .collect();
        for (a, b, c, d) in &names {
            pairs.extend([
                (a.as_str(), "09:00"),
                (b.as_str(), "12:00"),
                (c.as_str(), "14:00"),
                (d.as_str(), "17:00"),
            ]);
        }
        pairs.push((HOLIDAYS, "ferme"));
        let week = read(&form(&pairs)).unwrap().unwrap();
        assert_eq!(
            week.to_osm().unwrap(),
            "Mo-Fr 09:00-12:00,14:00-17:00; PH off"
        );
    }

    #[test]
    fn times_typed_as_people_write_them_are_read() {
        let values = form(&[
            ("horaires-ma-1-debut", "9h"),
            ("horaires-ma-1-fin", "12 h 30"),
            ("horaires-ma-2-debut", "14"),
            ("horaires-ma-2-fin", "18:00"),
            (HOLIDAYS, "ouvert"),
        ]);
        let week = read(&values).unwrap().unwrap();
        assert_eq!(week.to_osm().unwrap(), "Tu 09:00-12:30,14:00-18:00");
    }

    #[test]
    fn a_summer_closure_is_written_with_its_dates() {
        let values = form(&[
            ("horaires-me-1-debut", "09:00"),
            ("horaires-me-1-fin", "12:00"),
            ("horaires-fermeture-1-du", "2027-08-01"),
            ("horaires-fermeture-1-au", "23/08/2027"),
        ]);
        let osm = read(&values).unwrap().unwrap().to_osm().unwrap();
        assert_eq!(osm, "We 09:00-12:00; 2027 Aug 01-2027 Aug 23 off; PH off");
    }

    #[test]
    fn an_empty_grid_says_nothing() {
        assert_eq!(read(&form(&[(HOLIDAYS, "ferme")])), Ok(None));
    }

    #[test]
    fn each_mistake_names_its_day_and_input() {
        let values = form(&[
            ("horaires-lu-1-debut", "14:00"),
            ("horaires-lu-1-fin", "09:00"),
            ("horaires-ma-1-debut", "neuf heures"),
            ("horaires-ma-1-fin", "12:00"),
            ("horaires-me-1-fin", "12:00"),
            ("horaires-je-1-debut", "09:00"),
            ("horaires-je-1-fin", "12:00"),
            ("horaires-je-2-debut", "11:00"),
            ("horaires-je-2-fin", "15:00"),
            ("horaires-fermeture-1-du", "2027-08-23"),
            ("horaires-fermeture-1-au", "2027-08-01"),
        ]);
        let errors = read(&values).unwrap_err();
        let fields: Vec<&str> = errors.iter().map(|e| e.field.as_ref()).collect();
        assert_eq!(
            fields,
            [
                "horaires-lu-1-fin",
                "horaires-ma-1-debut",
                "horaires-me-1-debut",
                "horaires-je-2-debut",
                "horaires-fermeture-1-au"
            ]
        );
        assert!(
            errors[0].message().starts_with("Lundi"),
            "{}",
            errors[0].message()
        );
    }

    #[test]
    fn what_the_grid_shows_reads_back_the_same_week() {
        let week = Week::from_osm(
            "Mo-Fr 09:00-12:00,14:00-17:00; Sa 09:00-12:00; 2027 Aug 01-2027 Aug 23 off; PH off",
        )
        .unwrap();
        assert_eq!(read(&values_of(&week)).unwrap(), Some(week));
    }
}
