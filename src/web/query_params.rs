//! Reading a query string into typed values (the API's, the coverage
//! page's, the CLI's questions), collecting every refused parameter as a
//! [`FieldError`] instead of stopping at the first.
//! Written by hand rather than with axum's `Query` so repeated keys
//! (`service=…&service=…`) work and no rejection is ever plain text.

use chrono::{DateTime, Utc};

use super::problem::ApiError;
use crate::places::vocabulary::Vocabulary;
use crate::validation::FieldError;

/// The first value of `name` in the query string `raw`, trimmed: how a page
/// reads the one parameter it takes (pages ignore what they do not know).
pub fn first(raw: Option<&str>, name: &str) -> Option<String> {
    serde_urlencoded::from_str::<Vec<(String, String)>>(raw.unwrap_or_default())
        .unwrap_or_default()
        .into_iter()
        .find(|(key, _)| key == name)
        .map(|(_, value)| value.trim().to_owned())
}

/// A query string being read.
pub struct QueryParams {
    pairs: Vec<(String, String)>,
    errors: Vec<FieldError>,
}

impl QueryParams {
    /// Splits `raw`, refusing any parameter not in `known`.
    pub fn parse(raw: Option<&str>, known: &[&str]) -> Result<Self, ApiError> {
        let pairs: Vec<(String, String)> = match raw {
            None => Vec::new(),
            Some(raw) => serde_urlencoded::from_str(raw).map_err(|_| {
                ApiError::invalid(FieldError::new("", "query-unreadable").with_value(raw))
            })?,
        };
        let mut params = Self {
            pairs,
            errors: Vec::new(),
        };
        let unknown: Vec<(String, String)> = params
            .pairs
            .iter()
            .filter(|(key, _)| !known.contains(&key.as_str()))
            .cloned()
            .collect();
        for (key, value) in unknown {
            params.errors.push(
                FieldError::named(&key, "query-unknown")
                    .with_value(&value)
                    .with_arg("known", known.join(", ")),
            );
        }
        Ok(params)
    }

    fn refuse(&mut self, field: &str, value: &str, key: &'static str) -> &mut FieldError {
        self.errors
            .push(FieldError::named(field, key).with_value(value));
        let last = self.errors.len() - 1;
        &mut self.errors[last]
    }

    /// Every value given for `name`.
    fn values(&self, name: &str) -> Vec<String> {
        self.pairs
            .iter()
            .filter(|(key, _)| key == name)
            .map(|(_, value)| value.clone())
            .collect()
    }

    /// The one value of `name`, if given; refused when given twice.
    fn single(&mut self, name: &str) -> Option<String> {
        let mut values = self.values(name);
        if values.len() > 1 {
            self.refuse(name, &values.join(", "), "query-once");
            return None;
        }
        values.pop()
    }

    /// Whether `name` was given at all.
    pub fn has(&self, name: &str) -> bool {
        self.pairs.iter().any(|(key, _)| key == name)
    }

    /// A finite number within `min..=max`.
    pub fn number(&mut self, name: &str, min: f64, max: f64) -> Option<f64> {
        let raw = self.single(name)?;
        match raw.trim().parse::<f64>() {
            Ok(n) if n.is_finite() && (min..=max).contains(&n) => Some(n),
            _ => {
                let error = self.refuse(name, &raw, "query-number");
                error.args = vec![("min", min.to_string()), ("max", max.to_string())];
                None
            }
        }
    }

    /// A whole number within `min..=max`.
    pub fn integer(&mut self, name: &str, min: u64, max: u64) -> Option<u64> {
        let raw = self.single(name)?;
        match raw.trim().parse::<u64>() {
            Ok(n) if (min..=max).contains(&n) => Some(n),
            _ => {
                let error = self.refuse(name, &raw, "query-integer");
                error.args = vec![("min", min.to_string()), ("max", max.to_string())];
                None
            }
        }
    }

    /// `true` or `false` (also `1` or `0`).
    pub fn boolean(&mut self, name: &str) -> Option<bool> {
        let raw = self.single(name)?;
        match raw.trim() {
            "true" | "1" => Some(true),
            "false" | "0" => Some(false),
            _ => {
                self.refuse(name, &raw, "query-boolean");
                None
            }
        }
    }

    /// An RFC 3339 instant, such as `2026-11-23T14:30:00+01:00`.
    pub fn instant(&mut self, name: &str) -> Option<DateTime<Utc>> {
        let raw = self.single(name)?;
        match DateTime::parse_from_rfc3339(raw.trim()) {
            Ok(at) => Some(at.with_timezone(&Utc)),
            Err(_) => {
                self.refuse(name, &raw, "query-instant");
                None
            }
        }
    }

    /// Free text of 1 to `max_chars` characters.
    pub fn text(&mut self, name: &str, max_chars: usize) -> Option<String> {
        let raw = self.single(name)?;
        let trimmed = raw.trim();
        if trimmed.is_empty() || trimmed.chars().count() > max_chars {
            self.refuse(name, &raw, "query-text").args = vec![("max", max_chars.to_string())];
            return None;
        }
        Some(trimmed.to_owned())
    }

    /// A code of the given shape (`ok` decides), such as a department;
    /// `expected` is the catalogue key that says what is expected.
    pub fn code(
        &mut self,
        name: &str,
        ok: fn(&str) -> bool,
        expected: &'static str,
    ) -> Option<String> {
        let raw = self.single(name)?;
        if ok(raw.trim()) {
            Some(raw.trim().to_owned())
        } else {
            self.refuse(name, &raw, expected);
            None
        }
    }

    /// Every value of `name`, each one of `vocabulary`'s.
    pub fn list(&mut self, name: &str, vocabulary: Vocabulary) -> Vec<&'static str> {
        let mut found = Vec::new();
        for raw in self.values(name) {
            match vocabulary.find(raw.trim()) {
                Some(value) if !found.contains(&value) => found.push(value),
                Some(_) => {}
                None => {
                    self.refuse(name, &raw, "query-list-value").args = vec![
                        ("field", vocabulary.field.to_owned()),
                        ("values", vocabulary.values.join(" ; ")),
                    ];
                }
            }
        }
        found
    }

    /// Refuses a combination of parameters, `key` saying which are expected.
    pub fn conflict(&mut self, field: &str, key: &'static str) {
        let value = self.values(field).join(", ");
        self.refuse(field, &value, key);
    }

    /// The parameters as read, or every refusal at once.
    pub fn finish(self) -> Result<(), ApiError> {
        if self.errors.is_empty() {
            Ok(())
        } else {
            Err(ApiError::InvalidParams(self.errors))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::places::vocabulary::SERVICES;

    fn refused(result: Result<(), ApiError>) -> Vec<String> {
        match result {
            Err(ApiError::InvalidParams(errors)) => {
                errors.into_iter().map(|e| e.field.into_owned()).collect()
            }
            other => panic!("expected refused parameters, got {other:?}"),
        }
    }

    #[test]
    fn every_bad_parameter_is_reported_at_once() {
        let mut p = QueryParams::parse(
            Some("lat=abc&lon=200&limit=0&x=1"),
            &["lat", "lon", "limit"],
        )
        .unwrap();
        assert_eq!(p.number("lat", -90.0, 90.0), None);
        assert_eq!(p.number("lon", -180.0, 180.0), None);
        assert_eq!(p.integer("limit", 1, 100), None);
        assert_eq!(refused(p.finish()), ["x", "lat", "lon", "limit"]);
    }

    #[test]
    fn good_parameters_are_read_and_repeated_list_values_add_up() {
        let mut p = QueryParams::parse(
            Some("lat=47.06&open_now=true&service=Aide+aux+d%C3%A9marches+administratives&at=2026-11-23T10:00:00%2B01:00"),
            &["lat", "open_now", "service", "at"],
        )
        .unwrap();
        assert_eq!(p.number("lat", -90.0, 90.0), Some(47.06));
        assert_eq!(p.boolean("open_now"), Some(true));
        assert_eq!(
            p.list("service", SERVICES),
            ["Aide aux démarches administratives"]
        );
        assert_eq!(
            p.instant("at").unwrap().to_rfc3339(),
            "2026-11-23T09:00:00+00:00"
        );
        assert!(p.finish().is_ok());
    }

    #[test]
    fn a_scalar_given_twice_and_a_non_finite_number_are_refused() {
        let mut p = QueryParams::parse(Some("lat=1&lat=2&lon=NaN"), &["lat", "lon"]).unwrap();
        assert_eq!(p.number("lat", -90.0, 90.0), None);
        assert_eq!(p.number("lon", -180.0, 180.0), None);
        assert_eq!(refused(p.finish()), ["lat", "lon"]);
    }
}
