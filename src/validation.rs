//! The one error type for refused input — a form field, an import's cell,
//! an API parameter, a command-line option: which field, what was there,
//! and why, as a catalogue *key* (see `locales/`), never a sentence. Each
//! edge words it for its reader: next to the field on a page, in the
//! `errors` list of a problem document, in an import's report, after the
//! option's name on the command line.

use std::borrow::Cow;

use serde::Serialize;
use utoipa::ToSchema;

use crate::i18n;
use crate::text::cut;

/// Values echoed back are cut to this many characters: a 50 MB cell must
/// not come back in the answer.
pub const ECHOED_CHARACTERS: usize = 120;

/// One refused field.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FieldError {
    /// The field's name: the form input's (also the HTML `id` the error
    /// summary links to), the schema column's or the query parameter's.
    pub field: Cow<'static, str>,
    /// The message key in the catalogue.
    pub key: &'static str,
    /// The value refused, cut to [`ECHOED_CHARACTERS`] (empty when missing).
    pub value: String,
    /// Named values the message mentions (a range, the accepted values…).
    pub args: Vec<(&'static str, String)>,
}

impl FieldError {
    /// An error on `field` explained by the catalogue entry `key`.
    pub const fn new(field: &'static str, key: &'static str) -> Self {
        Self {
            field: Cow::Borrowed(field),
            key,
            value: String::new(),
            args: Vec::new(),
        }
    }

    /// An error on a field whose name came with the input (an unknown
    /// query parameter).
    pub fn named(field: &str, key: &'static str) -> Self {
        Self {
            field: Cow::Owned(field.to_owned()),
            ..Self::new("", key)
        }
    }

    /// The same error, echoing `value`.
    pub fn with_value(mut self, value: &str) -> Self {
        self.value = cut(value, ECHOED_CHARACTERS);
        self
    }

    /// The same error, its message mentioning `value` as `$name`.
    pub fn with_arg(mut self, name: &'static str, value: impl ToString) -> Self {
        self.args.push((name, value.to_string()));
        self
    }

    /// The explanation, in French.
    pub fn message(&self) -> String {
        if self.args.is_empty() {
            return i18n::t(self.key);
        }
        let args: Vec<(&'static str, i18n::FluentValue<'static>)> = self
            .args
            .iter()
            .map(|(name, value)| (*name, value.clone().into()))
            .collect();
        i18n::t_with(self.key, &args)
    }
}

/// A [`FieldError`] as JSON: the `errors` items of a problem document,
/// the refusals of an import's report.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, ToSchema)]
#[schema(as = InvalidParam)]
pub struct InvalidParam {
    /// The parameter's or column's name.
    pub field: String,
    /// The value received (empty when it was missing), cut to 120 characters.
    pub value: String,
    /// What is expected, in French.
    pub message: String,
}

impl From<&FieldError> for InvalidParam {
    fn from(error: &FieldError) -> Self {
        Self {
            field: error.field.clone().into_owned(),
            value: error.value.clone(),
            message: error.message(),
        }
    }
}

impl Serialize for FieldError {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        InvalidParam::from(self).serialize(serializer)
    }
}

/// All the errors of one submitted form, in field order.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct FormErrors(Vec<FieldError>);

impl FormErrors {
    /// Records `error`.
    pub fn push(&mut self, error: FieldError) {
        self.0.push(error);
    }

    /// Keeps the parsed value, or records why it was refused.
    pub fn take<T>(&mut self, result: Result<T, FieldError>) -> Option<T> {
        result.map_err(|e| self.push(e)).ok()
    }

    /// Whether the form was accepted.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// The message for `field`, if it was refused.
    pub fn for_field(&self, field: &str) -> Option<String> {
        self.0
            .iter()
            .find(|e| e.field == field)
            .map(FieldError::message)
    }

    /// « Le formulaire contient 2 erreurs », in the current language.
    pub fn heading(&self) -> String {
        i18n::t_with("form-error-count", &[("count", self.0.len().into())])
    }

    /// Every error, for the summary at the top of the form.
    pub fn summary(&self) -> Vec<(&str, String)> {
        self.0.iter().map(|e| (&*e.field, e.message())).collect()
    }
}

impl From<FieldError> for FormErrors {
    fn from(error: FieldError) -> Self {
        Self(vec![error])
    }
}

impl From<Vec<FieldError>> for FormErrors {
    fn from(errors: Vec<FieldError>) -> Self {
        Self(errors)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_echoed_value_is_cut_and_the_message_names_its_arguments() {
        let error = FieldError::new("limit", "query-integer")
            .with_value(&"9".repeat(500))
            .with_arg("min", 1)
            .with_arg("max", 100);
        assert_eq!(error.value.chars().count(), ECHOED_CHARACTERS + 1);
        let json = serde_json::to_value(&error).unwrap();
        assert_eq!(json["field"], "limit");
        let message = json["message"].as_str().unwrap();
        assert!(
            message.contains("1") && message.contains("100"),
            "{message}"
        );
        assert!(!message.contains('{'), "{message}");
    }
}
