//! Field errors produced when parsing user input into domain types.
//!
//! Domain code returns message *keys* (see `locales/fr/main.ftl`), never
//! sentences: the web layer turns them into French text next to the field.

use crate::i18n;

/// One rejected field: which one, and the catalogue key of the explanation.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct FieldError {
    /// The form field name, also the HTML `id` the error summary links to.
    pub field: &'static str,
    /// The message key in the catalogue.
    pub key: &'static str,
}

impl FieldError {
    /// An error on `field` explained by the catalogue entry `key`.
    pub const fn new(field: &'static str, key: &'static str) -> Self {
        Self { field, key }
    }

    /// The explanation, in French.
    pub fn message(&self) -> String {
        i18n::t(self.key)
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

    /// Every error, for the summary at the top of the form.
    pub fn summary(&self) -> Vec<(&'static str, String)> {
        self.0.iter().map(|e| (e.field, e.message())).collect()
    }
}

impl From<FieldError> for FormErrors {
    fn from(error: FieldError) -> Self {
        Self(vec![error])
    }
}
