//! Stops of an itinerant place (a mobile digital café, a mediator on the
//! road): a date, a time range and where. Pure domain: parsed from a staff
//! form into a valid stop, or refused field by field.

use chrono::{NaiveDate, NaiveTime};

use crate::places::hours;
use crate::territory::Communes;
use crate::validation::{FieldError, FormErrors};

/// One stop of an itinerant place.
#[derive(Clone, Debug, PartialEq)]
pub struct Stop {
    pub id: String,
    pub place_id: String,
    pub date: NaiveDate,
    pub starts: NaiveTime,
    pub ends: NaiveTime,
    /// Where, in words (« Place de l’Église »); may be empty.
    pub adresse: String,
    pub commune: String,
    pub code_postal: String,
    pub code_insee: String,
    pub latitude: f64,
    pub longitude: f64,
    /// The position is the commune's, not the stop's.
    pub position_approximate: bool,
}

impl Stop {
    /// « mercredi 25 novembre, de 9 h à 12 h 30 », in the current language.
    pub fn when_words(&self) -> String {
        use chrono::{Datelike, Timelike};
        let clock = |t: NaiveTime| hours::clock(t.hour() as u8, t.minute() as u8);
        crate::i18n::t_with(
            "stop-when",
            &[
                ("weekday", hours::day_name(self.date.weekday()).into()),
                ("day", self.date.day().to_string().into()),
                ("month", hours::month_name(self.date.month()).into()),
                ("start", clock(self.starts).into()),
                ("end", clock(self.ends).into()),
            ],
        )
    }

    /// « Place de l’Église, Trémentines (49340) ».
    pub fn where_words(&self) -> String {
        let commune = format!("{} ({})", self.commune, self.code_postal);
        if self.adresse.is_empty() {
            commune
        } else {
            format!("{}, {commune}", self.adresse)
        }
    }
}

/// A stop as typed in the staff form.
#[derive(Clone, Debug, Default, serde::Deserialize)]
pub struct StopForm {
    #[serde(default)]
    pub date: String,
    #[serde(default)]
    pub debut: String,
    #[serde(default)]
    pub fin: String,
    #[serde(default)]
    pub adresse: String,
    #[serde(default)]
    pub commune: String,
    #[serde(default)]
    pub latitude: String,
    #[serde(default)]
    pub longitude: String,
}

/// A time as a time input sends it or as people type it (« 9h30 »).
fn time(field: &'static str, text: &str) -> Result<NaiveTime, FieldError> {
    crate::text::typed_clock(text)
        .and_then(|m| NaiveTime::from_hms_opt(u32::from(m / 60), u32::from(m % 60), 0))
        .ok_or_else(|| FieldError::new(field, "stop-time"))
}

impl StopForm {
    /// The stop this form describes, for `place_id`, or every refusal.
    /// `today` is the place's local date: a stop cannot be planned in the past.
    pub fn parse(&self, id: String, place_id: &str, today: NaiveDate) -> Result<Stop, FormErrors> {
        let mut errors = FormErrors::default();
        let date = errors.take(
            crate::text::typed_date(&self.date)
                .ok_or_else(|| FieldError::new("date", "stop-date"))
                .and_then(|d| {
                    if d < today {
                        Err(FieldError::new("date", "stop-date-past"))
                    } else {
                        Ok(d)
                    }
                }),
        );
        let starts = errors.take(time("debut", &self.debut));
        let ends = errors.take(time("fin", &self.fin));
        if let (Some(s), Some(e)) = (starts, ends)
            && e <= s
        {
            errors.push(FieldError::new("fin", "stop-ends-before"));
        }
        let commune = Communes::get().resolve(&self.commune).first().copied();
        if commune.is_none() {
            errors.push(FieldError::new("commune", "stop-commune"));
        }
        let number = |text: &str, bound: f64| {
            text.trim()
                .parse::<f64>()
                .ok()
                .filter(|v| v.is_finite() && v.abs() <= bound)
        };
        let typed = match (self.latitude.trim(), self.longitude.trim()) {
            ("", "") => None,
            (lat, lon) => match (number(lat, 90.0), number(lon, 180.0)) {
                (Some(lat), Some(lon)) => Some((lat, lon)),
                _ => {
                    errors.push(FieldError::new("latitude", "stop-position"));
                    None
                }
            },
        };
        match (date, starts, ends, commune) {
            (Some(date), Some(starts), Some(ends), Some(commune)) if errors.is_empty() => {
                let (latitude, longitude) = typed.unwrap_or((commune.latitude, commune.longitude));
                Ok(Stop {
                    id,
                    place_id: place_id.to_owned(),
                    date,
                    starts,
                    ends,
                    adresse: self.adresse.trim().chars().take(200).collect(),
                    commune: commune.nom().to_owned(),
                    code_postal: commune.code_postal().to_owned(),
                    code_insee: commune.code_insee().to_owned(),
                    latitude,
                    longitude,
                    position_approximate: typed.is_none(),
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
        NaiveDate::from_ymd_opt(2026, 11, 24).unwrap()
    }

    fn form(date: &str, debut: &str, fin: &str, commune: &str) -> StopForm {
        StopForm {
            date: date.into(),
            debut: debut.into(),
            fin: fin.into(),
            adresse: "Place de l’Église".into(),
            commune: commune.into(),
            ..StopForm::default()
        }
    }

    fn refused(form: &StopForm) -> Vec<(String, String)> {
        let errors = form.parse("s".into(), "p", today()).unwrap_err();
        errors
            .summary()
            .into_iter()
            .map(|(field, message)| (field.to_owned(), message))
            .collect()
    }

    #[test]
    fn a_stop_in_a_commune_without_coordinates_stands_at_the_commune_approximately() {
        let stop = form("2026-11-25", "09:00", "12:30", "Trémentines")
            .parse("s1".into(), "cafe", today())
            .unwrap();
        assert_eq!(stop.commune, "Trémentines");
        assert_eq!(stop.code_postal, "49340");
        assert!(stop.position_approximate);
        assert_eq!(stop.ends, NaiveTime::from_hms_opt(12, 30, 0).unwrap());
        assert_eq!(stop.when_words(), "mercredi 25 novembre, de 9 h à 12 h 30");
        assert_eq!(stop.where_words(), "Place de l’Église, Trémentines (49340)");
    }

    #[test]
    fn typed_coordinates_are_kept_as_precise() {
        let mut typed = form("2026-11-25", "09:00", "12:00", "49340");
        typed.latitude = "47.123".into();
        typed.longitude = "-0.79".into();
        let stop = typed.parse("s".into(), "p", today()).unwrap();
        assert_eq!((stop.latitude, stop.longitude), (47.123, -0.79));
        assert!(!stop.position_approximate);
    }

    #[test]
    fn impossible_dates_past_dates_and_backward_times_are_refused_by_field() {
        let fields = |f: &StopForm| refused(f).into_iter().map(|(f, _)| f).collect::<Vec<_>>();
        assert_eq!(
            fields(&form("2026-02-30", "09:00", "12:00", "Cholet")),
            ["date"]
        );
        assert_eq!(
            fields(&form("2026-11-23", "09:00", "12:00", "Cholet")),
            ["date"]
        );
        assert_eq!(
            fields(&form("2026-11-25", "neuf heures", "12:00", "Cholet")),
            ["debut"]
        );
        assert!(
            form("25/11/2026", "9h", "12 h 30", "Cholet")
                .parse("s".into(), "p", today())
                .is_ok(),
            "dates and times as people type them"
        );
        assert_eq!(
            fields(&form("2026-11-25", "14:00", "12:00", "Cholet")),
            ["fin"]
        );
        assert_eq!(
            fields(&form("2026-11-25", "09:00", "12:00", "Nullepart")),
            ["commune"]
        );
        let messages = refused(&form("2026-11-23", "09:00", "08:00", "Cholet"));
        assert!(messages[0].1.contains("passée"), "{messages:?}");
    }
}
