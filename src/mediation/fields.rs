//! Submitted fields, whatever brought them: a form's pairs or an API's JSON
//! object become one multi-map of text, so that one parser (`Activity::parse`,
//! `NewBeneficiary::parse`) holds every rule and words every refusal alike.

use std::collections::BTreeMap;

use serde_json::Value;

use crate::validation::FieldError;

/// The longest text kept from one value: longer is refused by the parsers
/// with their own limits, and never held whole.
const MAX_VALUE_CHARS: usize = 4_000;
/// The most values one field may carry (themes are 30).
const MAX_VALUES: usize = 64;

/// Field name → values, in the order sent.
#[derive(Clone, Debug, Default)]
pub struct Fields(BTreeMap<String, Vec<String>>);

impl Fields {
    /// A form's pairs (a repeated checkbox gives several values).
    pub fn from_pairs(pairs: impl IntoIterator<Item = (String, String)>) -> Self {
        let mut fields = Self::default();
        for (name, value) in pairs {
            fields.push(name, value);
        }
        fields
    }

    /// A submitted form's pairs, without its CSRF token (checked, and not
    /// a field of the record).
    pub fn from_form(pairs: impl IntoIterator<Item = (String, String)>) -> Self {
        Self::from_pairs(
            pairs
                .into_iter()
                .filter(|(name, _)| name != crate::web::csrf::FIELD),
        )
    }

    /// A submitted form's filled fields: an input left empty is as if it
    /// were not sent (optional fields stay unknown, defaults apply).
    pub fn from_filled_form(pairs: impl IntoIterator<Item = (String, String)>) -> Self {
        Self::from_form(pairs.into_iter().filter(|(_, value)| !value.is_empty()))
    }

    /// A JSON object's members: arrays give several values, objects of
    /// counts give `member-key` fields, numbers and booleans their text.
    /// Anything else than an object is refused as the whole body.
    pub fn from_json(body: &Value) -> Result<Self, FieldError> {
        let Value::Object(members) = body else {
            return Err(FieldError::new("body", "api-body-object"));
        };
        let mut fields = Self::default();
        for (name, value) in members {
            match value {
                Value::Null => {}
                Value::Array(items) => {
                    fields.0.entry(name.clone()).or_default();
                    for item in items {
                        fields.push(name.clone(), scalar(item));
                    }
                }
                Value::Object(counts) => {
                    for (key, count) in counts {
                        fields.push(format!("{name}-{key}"), scalar(count));
                    }
                }
                other => fields.push(name.clone(), scalar(other)),
            }
        }
        Ok(fields)
    }

    fn push(&mut self, name: String, value: String) {
        let values = self.0.entry(name).or_default();
        if values.len() < MAX_VALUES {
            values.push(value.chars().take(MAX_VALUE_CHARS).collect());
        }
    }

    /// The first value of `name`, trimmed; `None` when missing or blank.
    pub fn one(&self, name: &str) -> Option<&str> {
        self.0
            .get(name)
            .and_then(|values| values.first())
            .map(|v| v.trim())
            .filter(|v| !v.is_empty())
    }

    /// Every non-blank value of `name`.
    pub fn all(&self, name: &str) -> Vec<&str> {
        self.0
            .get(name)
            .map(|values| {
                values
                    .iter()
                    .map(|v| v.trim())
                    .filter(|v| !v.is_empty())
                    .collect()
            })
            .unwrap_or_default()
    }

    /// Names starting with `prefix-`, with what follows and their first value.
    pub fn suffixed<'a>(&'a self, prefix: &'a str) -> impl Iterator<Item = (&'a str, &'a str)> {
        self.0.iter().filter_map(move |(name, values)| {
            let rest = name.strip_prefix(prefix)?.strip_prefix('-')?;
            let value = values.first()?.trim();
            (!value.is_empty()).then_some((rest, value))
        })
    }

    /// Whether `name` was sent at all (even empty).
    pub fn has(&self, name: &str) -> bool {
        self.0.contains_key(name)
    }

    /// Sets `name` to one value (defaults filled in by a use case).
    pub fn set(&mut self, name: &str, value: impl Into<String>) {
        self.0.insert(name.to_owned(), vec![value.into()]);
    }

    /// Adds one more value to `name` (a repeated field).
    pub fn add(&mut self, name: &str, value: impl Into<String>) {
        self.0
            .entry(name.to_owned())
            .or_default()
            .push(value.into());
    }

    /// Every field name sent.
    pub fn names(&self) -> impl Iterator<Item = &str> {
        self.0.keys().map(String::as_str)
    }
}

fn scalar(value: &Value) -> String {
    match value {
        Value::String(text) => text.clone(),
        Value::Null => String::new(),
        // A nested array or object where a scalar belongs: its JSON text,
        // refused by the parser naming the field.
        other => other.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_json_object_and_a_form_give_the_same_fields() {
        let json = serde_json::json!({
            "type": "Individuel", "duration_min": 30, "themes": ["Email", "Sante"],
            "tranche_age": {"Retraite": 2}
        });
        let from_json = Fields::from_json(&json).unwrap();
        let from_form = Fields::from_pairs([
            ("type".to_owned(), "Individuel".to_owned()),
            ("duration_min".to_owned(), "30".to_owned()),
            ("themes".to_owned(), "Email".to_owned()),
            ("themes".to_owned(), "Sante".to_owned()),
            ("tranche_age-Retraite".to_owned(), "2".to_owned()),
        ]);
        for fields in [from_json, from_form] {
            assert_eq!(fields.one("type"), Some("Individuel"));
            assert_eq!(fields.one("duration_min"), Some("30"));
            assert_eq!(fields.all("themes"), vec!["Email", "Sante"]);
            assert_eq!(
                fields.suffixed("tranche_age").collect::<Vec<_>>(),
                vec![("Retraite", "2")]
            );
        }
    }

    #[test]
    fn a_body_that_is_not_an_object_is_refused_and_huge_values_are_cut() {
        assert!(Fields::from_json(&serde_json::json!([1, 2])).is_err());
        let fields = Fields::from_pairs([("notes".to_owned(), "x".repeat(100_000))]);
        assert_eq!(fields.one("notes").map(str::len), Some(MAX_VALUE_CHARS));
    }
}
