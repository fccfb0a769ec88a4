//! The message catalogue: every sentence the code (not a template) shows a
//! user comes from `locales/<lang>/*.ftl`, embedded in the binary.
//!
//! French is the only language today; the catalogue is where a translation
//! would start.

use std::borrow::Cow;
use std::collections::HashMap;

pub use fluent_templates::fluent_bundle::FluentValue;
use fluent_templates::{LanguageIdentifier, Loader, langid, static_loader};

static_loader! {
    static LOCALES = {
        locales: "./locales",
        fallback_language: "fr",
        // Isolation marks (U+2068/U+2069) would end up inside the HTML.
        customise: |bundle| bundle.set_use_isolating(false),
    };
}

const FRENCH: LanguageIdentifier = langid!("fr");

/// The French text for `key`.
pub fn t(key: &str) -> String {
    LOCALES.lookup(&FRENCH, key)
}

/// The French text for `key`, with named arguments.
pub fn t_with(key: &str, args: &[(&'static str, FluentValue<'static>)]) -> String {
    let args: HashMap<Cow<'static, str>, FluentValue<'static>> = args
        .iter()
        .map(|(name, value)| (Cow::Borrowed(*name), value.clone()))
        .collect();
    LOCALES.lookup_with_args(&FRENCH, key, &args)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_known_key_is_translated() {
        assert_eq!(t("email-invalid").chars().next(), Some('S'));
    }

    #[test]
    fn plurals_follow_french_rules_and_carry_no_isolation_marks() {
        let one = t_with("lockout-address", &[("minutes", 1.into())]);
        let many = t_with("lockout-address", &[("minutes", 12.into())]);
        assert!(one.contains("1 minute."), "{one}");
        assert!(many.contains("12 minutes."), "{many}");
        assert!(!many.contains('\u{2068}'));
    }
}
