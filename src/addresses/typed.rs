//! What a person types as an address — « 12 rue Nationale Cholet », « 3 bis
//! av. Foch, 49000 Angers », « 8 bd du Mal Leclerc St-Lô » — read into a
//! house number, a street key and the communes it may be in. Streets are
//! compared by key: lower case, no accents, abbreviations spelt out, so
//! the base's « Avenue du Maréchal Foch » and a typed « av. du mal Foch »
//! meet.

use crate::territory::{Commune, Communes};
use crate::text::search_key;

/// Abbreviations people and files use for street types and titles.
const ABBREVIATIONS: [(&str, &str); 22] = [
    ("av", "avenue"),
    ("ave", "avenue"),
    ("bd", "boulevard"),
    ("bld", "boulevard"),
    ("boul", "boulevard"),
    ("bvd", "boulevard"),
    ("pl", "place"),
    ("ch", "chemin"),
    ("che", "chemin"),
    ("chem", "chemin"),
    ("rte", "route"),
    ("imp", "impasse"),
    ("all", "allee"),
    ("sq", "square"),
    ("fbg", "faubourg"),
    ("crs", "cours"),
    ("qu", "quai"),
    ("res", "residence"),
    ("lot", "lotissement"),
    ("mal", "marechal"),
    ("gal", "general"),
    ("pdt", "president"),
];

/// A street's key: its search key (accents folded, « st » spelt « saint »)
/// with abbreviations spelt out.
pub fn street_key(name: &str) -> String {
    search_key(name)
        .split(' ')
        .map(|word| {
            ABBREVIATIONS
                .iter()
                .find(|(short, _)| *short == word)
                .map_or(word, |(_, long)| long)
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// An address as typed, read.
#[derive(Debug)]
pub struct TypedAddress {
    pub numero: u32,
    /// « bis », « ter », « a »… (empty when none).
    pub suffixe: String,
    pub street_key: String,
    /// The communes it may be in, likeliest first (homonyms).
    pub communes: Vec<&'static Commune>,
}

/// Suffixes after a house number.
const SUFFIXES: [&str; 8] = ["bis", "ter", "quater", "a", "b", "c", "d", "e"];

/// The most words a commune's name takes at the end of an address.
const COMMUNE_WORDS: usize = 5;

impl TypedAddress {
    /// Reads `typed` when it starts with a house number and ends with a
    /// commune (or a postcode and a commune); `None` otherwise — « 49300 »
    /// or « Cholet » are searched as communes.
    pub fn read(typed: &str) -> Option<Self> {
        let key = street_key(typed);
        let mut words: Vec<&str> = key.split(' ').filter(|w| !w.is_empty()).collect();
        let numero: u32 = words
            .first()?
            .parse()
            .ok()
            .filter(|n| *n > 0 && *n < 10_000)?;
        words.remove(0);
        let suffixe = match words.first() {
            Some(word) if SUFFIXES.contains(word) && words.len() > 2 => words.remove(0).to_owned(),
            _ => String::new(),
        };
        let communes = Communes::get();
        // The longest commune name at the end that names a commune, leaving
        // at least one word of street: « … rue de Paris Angers » is in
        // Angers, « … Les Ponts-de-Cé » in that commune.
        for taken in (1..=COMMUNE_WORDS.min(words.len().saturating_sub(1))).rev() {
            let (street, commune) = words.split_at(words.len() - taken);
            let (street, postcode) = match street.last() {
                Some(code) if code.len() == 5 && code.bytes().all(|b| b.is_ascii_digit()) => {
                    (&street[..street.len() - 1], Some(*code))
                }
                _ => (street, None),
            };
            if street.is_empty() {
                continue;
            }
            let name = commune.join(" ");
            let named: Vec<&'static Commune> = communes
                .resolve(&name)
                .into_iter()
                .filter(|c| search_key(c.nom()) == name)
                .filter(|c| {
                    postcode.is_none_or(|p| {
                        communes
                            .resolve(p)
                            .iter()
                            .any(|o| o.code_insee() == c.code_insee())
                    })
                })
                .collect();
            if !named.is_empty() {
                return Some(Self {
                    numero,
                    suffixe,
                    street_key: street.join(" "),
                    communes: named,
                });
            }
        }
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn abbreviations_and_accents_are_folded_alike() {
        assert_eq!(
            street_key("Avenue du Maréchal Foch"),
            "avenue du marechal foch"
        );
        assert_eq!(street_key("av. du Mal Foch"), "avenue du marechal foch");
        assert_eq!(street_key("Bd St-Michel"), "boulevard saint michel");
        assert_eq!(street_key("RUE NATIONALE"), "rue nationale");
    }

    #[test]
    fn a_number_a_street_and_a_commune_are_read() {
        let typed = TypedAddress::read("12 rue Nationale Cholet").unwrap();
        assert_eq!(
            (typed.numero, typed.street_key.as_str()),
            (12, "rue nationale")
        );
        assert_eq!(typed.communes[0].code_insee(), "49099");
        let typed = TypedAddress::read("3 bis av. Foch, 49000 Angers").unwrap();
        assert_eq!(typed.suffixe, "bis");
        assert_eq!(typed.street_key, "avenue foch");
        assert_eq!(typed.communes[0].code_insee(), "49007");
    }

    #[test]
    fn a_commune_of_several_words_is_taken_whole() {
        let typed = TypedAddress::read("4 rue de la Mairie Les Ponts-de-Cé").unwrap();
        assert_eq!(typed.street_key, "rue de la mairie");
        assert_eq!(typed.communes[0].nom(), "Les Ponts-de-Cé");
    }

    #[test]
    fn a_postcode_a_commune_or_words_without_a_number_are_not_addresses() {
        for typed in [
            "49300",
            "49300 Cholet",
            "Cholet",
            "rue Nationale Cholet",
            "12 Cholet",
            "",
            "12 rue Nationale Nullepart",
        ] {
            assert!(TypedAddress::read(typed).is_none(), "{typed}");
        }
    }
}
