//! The message catalogue: every sentence the code or a public page shows
//! comes from `locales/<lang>/*.ftl`, embedded in the binary.
//!
//! French is the default; public pages and API messages also exist in
//! English, chosen per request (`web::lang`): the request's language is a
//! task-local, so code deep in a request (a field error, an error page)
//! speaks it without every function taking a language. A right-to-left
//! language needs a catalogue folder and a line in [`Lang`], nothing else.

use std::borrow::Cow;
use std::collections::HashMap;
use std::sync::{LazyLock, RwLock};

pub use fluent_templates::fluent_bundle::FluentValue;
use fluent_templates::{LanguageIdentifier, Loader, langid, static_loader};

static_loader! {
    static LOCALES = {
        locales: "./locales",
        fallback_language: "fr",
        // Isolation marks (U+2068/U+2069) would end up inside the HTML.
        customise: |bundle| {
            bundle.set_use_isolating(false);
            let english = bundle.locales.first().is_some_and(|l| l.language.as_str() == "en");
            bundle.set_formatter(Some(if english { english_number } else { french_number }));
        },
    };
}

/// Whole numbers in messages grouped by thousands, as each language writes
/// them: « 34 577 » (a narrow no-break space) in French, « 34,577 » in
/// English. Other numbers keep Fluent's own formatting.
fn grouped(value: &FluentValue, separator: char) -> Option<String> {
    let FluentValue::Number(number) = value else {
        return None;
    };
    let n = number.value;
    if n.fract() != 0.0 || n.abs() < 1000.0 || n.abs() >= 1e15 {
        return None;
    }
    let sign = if n < 0.0 { "-" } else { "" };
    Some(format!(
        "{sign}{}",
        crate::text::grouped_digits(n.abs() as u64, separator)
    ))
}

fn french_number<M>(value: &FluentValue, _: &M) -> Option<String> {
    grouped(value, '\u{202f}')
}

fn english_number<M>(value: &FluentValue, _: &M) -> Option<String> {
    grouped(value, ',')
}

/// A language Maille speaks.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum Lang {
    #[default]
    Fr,
    En,
}

impl Lang {
    /// Every language, the default first.
    pub const ALL: [Lang; 2] = [Lang::Fr, Lang::En];

    /// The language's position in [`Lang::ALL`].
    pub const fn index(self) -> usize {
        self as usize
    }

    /// The BCP 47 tag, as `<html lang>` and `?lang=` write it.
    pub const fn code(self) -> &'static str {
        match self {
            Self::Fr => "fr",
            Self::En => "en",
        }
    }

    /// The writing direction, for `<html dir>`.
    pub const fn dir(self) -> &'static str {
        match self {
            Self::Fr | Self::En => "ltr",
        }
    }

    /// The language's name in itself, for the link that chooses it.
    pub const fn own_name(self) -> &'static str {
        match self {
            Self::Fr => "Français",
            Self::En => "English",
        }
    }

    const fn id(self) -> LanguageIdentifier {
        match self {
            Self::Fr => langid!("fr"),
            Self::En => langid!("en"),
        }
    }

    /// The language whose tag is `code` (`en`, `en-GB`, `EN`…).
    pub fn from_code(code: &str) -> Option<Self> {
        let primary = code.split(['-', '_']).next()?.trim();
        Self::ALL
            .into_iter()
            .find(|lang| lang.code().eq_ignore_ascii_case(primary))
    }

    /// The language a browser asks for in `Accept-Language` (`en-GB,en;q=0.8,fr;q=0.5`):
    /// the supported one with the highest weight, the first given on a tie.
    pub fn from_accept_language(header: &str) -> Option<Self> {
        let mut best: Option<(Lang, f32)> = None;
        for range in header.split(',').take(20) {
            let mut parts = range.split(';');
            let tag = parts.next().unwrap_or_default().trim();
            let weight = parts
                .find_map(|p| p.trim().strip_prefix("q="))
                .map_or(Some(1.0), |q| q.trim().parse::<f32>().ok())
                .filter(|q| q.is_finite() && *q > 0.0);
            let (Some(lang), Some(weight)) = (Self::from_code(tag), weight) else {
                continue;
            };
            if best.is_none_or(|(_, w)| weight > w) {
                best = Some((lang, weight));
            }
        }
        best.map(|(lang, _)| lang)
    }

    /// The text for `key` in this language. Messages without arguments
    /// are formatted once and kept: a results page says some eighty of
    /// them, and Fluent's lookup and formatting cost a fifth of its time.
    pub fn t(self, key: &str) -> String {
        static KEPT: LazyLock<Vec<RwLock<HashMap<String, String>>>> =
            LazyLock::new(|| Lang::ALL.iter().map(|_| RwLock::default()).collect());
        let kept = &KEPT[self.index()];
        if let Some(text) = kept.read().ok().and_then(|map| map.get(key).cloned()) {
            return text;
        }
        let text = LOCALES.lookup(&self.id(), key);
        // Keys come from the code (never from a request), so the map stays
        // the size of the catalogue.
        if let Ok(mut map) = kept.write() {
            map.insert(key.to_owned(), text.clone());
        }
        text
    }

    /// The text for `key` in this language, with named arguments.
    pub fn t_with(self, key: &str, args: &[(&'static str, FluentValue<'static>)]) -> String {
        let args: HashMap<Cow<'static, str>, FluentValue<'static>> = args
            .iter()
            .map(|(name, value)| (Cow::Borrowed(*name), value.clone()))
            .collect();
        LOCALES.lookup_with_args(&self.id(), key, &args)
    }
}

tokio::task_local! {
    static CURRENT: Lang;
}

/// Runs `work` with `lang` as the language of what it says.
pub async fn speaking<F: std::future::Future>(lang: Lang, work: F) -> F::Output {
    CURRENT.scope(lang, work).await
}

/// The language of the request being served (French outside a request).
pub fn current() -> Lang {
    CURRENT.try_with(|lang| *lang).unwrap_or_default()
}

/// The text for `key`, in the current language.
pub fn t(key: &str) -> String {
    current().t(key)
}

/// The text for `key` in the current language, with named arguments.
pub fn t_with(key: &str, args: &[(&'static str, FluentValue<'static>)]) -> String {
    current().t_with(key, args)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_catalogue_parses_and_answers() {
        // A syntax error in any .ftl file fails here, naming its position.
        for lang in Lang::ALL {
            assert!(!lang.t("skip-link").is_empty(), "{lang:?}");
        }
    }

    #[test]
    fn counts_are_grouped_by_thousands_as_each_language_writes_them() {
        let more =
            |lang: Lang, count: u64| lang.t_with("coverage-more", &[("count", count.into())]);
        assert!(
            more(Lang::Fr, 34_577).contains("Et 34\u{202f}577 autres"),
            "{}",
            more(Lang::Fr, 34_577)
        );
        assert!(
            more(Lang::En, 34_577).contains("34,577"),
            "{}",
            more(Lang::En, 34_577)
        );
        assert!(more(Lang::Fr, 999).contains("Et 999 autres"));
        assert!(more(Lang::Fr, 1_234_567).contains("1\u{202f}234\u{202f}567"));
    }

    #[test]
    fn a_known_key_is_translated() {
        assert_eq!(t("email-invalid").chars().next(), Some('S'));
        assert_eq!(Lang::En.t("email-invalid").chars().next(), Some('E'));
    }

    #[test]
    fn plurals_follow_each_languages_rules_and_carry_no_isolation_marks() {
        let one = t_with("lockout-address", &[("minutes", 1.into())]);
        let many = t_with("lockout-address", &[("minutes", 12.into())]);
        assert!(one.contains("1 minute."), "{one}");
        assert!(many.contains("12 minutes."), "{many}");
        assert!(!many.contains('\u{2068}'));
        let one = Lang::En.t_with("lockout-address", &[("minutes", 1.into())]);
        assert!(one.contains("1 minute."), "{one}");
    }

    #[test]
    fn the_browsers_preferred_supported_language_wins() {
        assert_eq!(
            Lang::from_accept_language("en-GB,en;q=0.8,fr;q=0.5"),
            Some(Lang::En)
        );
        assert_eq!(
            Lang::from_accept_language("de-DE,fr;q=0.9,en;q=0.8"),
            Some(Lang::Fr)
        );
        assert_eq!(
            Lang::from_accept_language("fr;q=0.4, en;q=0.6"),
            Some(Lang::En)
        );
        assert_eq!(Lang::from_accept_language("de, it"), None);
        assert_eq!(Lang::from_accept_language("en;q=0, fr"), Some(Lang::Fr));
        assert_eq!(Lang::from_accept_language("en;q=abc"), None);
        assert_eq!(Lang::from_accept_language(""), None);
    }

    #[tokio::test]
    async fn code_in_a_request_speaks_its_language_and_french_outside() {
        assert_eq!(current(), Lang::Fr);
        let inside = speaking(Lang::En, async { t("email-invalid") }).await;
        assert_eq!(inside, Lang::En.t("email-invalid"));
    }

    /// Every `key = …` of a catalogue folder; a key defined twice fails
    /// (Fluent would refuse the whole catalogue at the first lookup).
    fn keys(lang: Lang) -> std::collections::BTreeSet<String> {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("locales")
            .join(lang.code());
        let mut keys = std::collections::BTreeSet::new();
        for entry in std::fs::read_dir(dir).unwrap() {
            let text = std::fs::read_to_string(entry.unwrap().path()).unwrap();
            for line in text.lines() {
                let first = line.chars().next();
                if first.is_some_and(|c| c.is_ascii_lowercase())
                    && let Some((key, _)) = line.split_once(" =")
                {
                    let key = key.trim().to_owned();
                    assert!(keys.insert(key.clone()), "{lang:?}: {key} defined twice");
                }
            }
        }
        keys
    }

    #[test]
    fn no_key_is_missing_from_either_catalogue() {
        let french = keys(Lang::Fr);
        assert!(french.len() > 100, "{} keys", french.len());
        for lang in Lang::ALL {
            let here = keys(lang);
            let missing: Vec<_> = french.difference(&here).collect();
            let extra: Vec<_> = here.difference(&french).collect();
            assert!(missing.is_empty(), "{lang:?} lacks {missing:?}");
            assert!(
                extra.is_empty(),
                "{lang:?} has keys French lacks: {extra:?}"
            );
        }
    }
}
