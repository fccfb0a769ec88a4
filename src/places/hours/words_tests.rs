//! Hours in French words: what is read, into which OSM value, and what is refused.

use super::*;

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 12, 3).unwrap()
}

fn osm(words: &str) -> String {
    match understand(words, today()) {
        Ok(understood) => {
            assert!(understood.from_words, "{words}");
            understood.osm
        }
        Err(error) => panic!("{words}: {}", error.message()),
    }
}

fn refusal(words: &str) -> String {
    understand(words, today()).unwrap_err().key.to_owned()
}

#[test]
fn the_issues_examples_are_understood() {
    assert_eq!(
        osm("du lundi au vendredi de 9 h à 12 h et de 14 h à 17 h"),
        "Mo-Fr 09:00-12:00,14:00-17:00"
    );
    assert_eq!(osm("mardi 14h-18h"), "Tu 14:00-18:00");
    assert_eq!(
        osm("du lundi au samedi 9h-18h, fermé le dimanche"),
        "Mo-Sa 09:00-18:00"
    );
}

#[test]
fn a_week_written_as_a_centre_writes_it_on_its_door() {
    assert_eq!(
        osm(
            "Du lundi au vendredi de 9h à 12h30 et de 13h30 à 17h, le samedi de 9h à midi. Fermé le dimanche et les jours fériés."
        ),
        "Mo-Fr 09:00-12:30,13:30-17:00; Sa 09:00-12:00; PH off"
    );
}

#[test]
fn abbreviations_dashes_and_colons_are_read() {
    assert_eq!(
        osm("Lun.-Ven. : 09:00-12:00 / 14:00-17:00 ; Sam. : 9h-12h"),
        "Mo-Fr 09:00-12:00,14:00-17:00; Sa 09:00-12:00"
    );
    assert_eq!(
        osm("lundi, mercredi et vendredi 9h-12h"),
        "Mo,We,Fr 09:00-12:00"
    );
}

#[test]
fn accents_and_capitals_do_not_matter() {
    assert_eq!(osm("MARDI DE 9H À 12H"), "Tu 09:00-12:00");
    assert_eq!(
        osm("mardi de 9h a 12h, ferme les jours feries"),
        "Tu 09:00-12:00; PH off"
    );
}

#[test]
fn a_bare_number_is_an_hour_inside_a_range() {
    assert_eq!(osm("jeudi de 9 à 12 h"), "Th 09:00-12:00");
}

#[test]
fn day_groups_have_their_usual_names() {
    assert_eq!(osm("tous les jours de 10h à 18h"), "Mo-Su 10:00-18:00");
    assert_eq!(osm("en semaine 9h-17h"), "Mo-Fr 09:00-17:00");
    assert_eq!(osm("le week-end 10h-12h"), "Sa,Su 10:00-12:00");
}

#[test]
fn a_summer_closure_without_a_year_is_the_next_one() {
    assert_eq!(
        osm("du lundi au vendredi 9h-17h, fermé du 1er au 23 août"),
        "Mo-Fr 09:00-17:00; 2027 Aug 01-2027 Aug 23 off"
    );
    assert_eq!(
        osm("mardi 9h-12h, fermé du 24 décembre au 2 janvier"),
        "Tu 09:00-12:00; 2026 Dec 24-2027 Jan 02 off"
    );
}

#[test]
fn a_closure_with_its_year_is_kept() {
    assert_eq!(
        osm("mardi 9h-12h ; fermé du 3 août 2027 au 20 août 2027"),
        "Tu 09:00-12:00; 2027 Aug 03-2027 Aug 20 off"
    );
}

#[test]
fn a_later_closed_day_replaces_hours_given_for_it() {
    assert_eq!(
        osm("tous les jours 9h-17h, fermé le dimanche"),
        "Mo-Sa 09:00-17:00"
    );
    assert_eq!(osm("samedi fermé, lundi 9h-12h"), "Mo 09:00-12:00");
}

#[test]
fn hours_already_in_osm_are_kept_as_typed() {
    let understood = understand("Mo-Fr 09:00-12:00; PH off", today()).unwrap();
    assert_eq!(understood.osm, "Mo-Fr 09:00-12:00; PH off");
    assert!(!understood.from_words);
}

#[test]
fn a_word_that_is_not_about_hours_is_named() {
    let error = understand("lundi matin", today()).unwrap_err();
    assert_eq!(error.key, "place-hours-word");
    assert!(error.message().contains("matin"), "{}", error.message());
    assert_eq!(
        refusal("du lundi au vendredi sauf le mercredi 9h-12h"),
        "place-hours-word"
    );
}

#[test]
fn ambiguous_or_incomplete_words_are_refused_rather_than_guessed() {
    for words in [
        "lundi",
        "9h-12h",
        "lundi 9h",
        "fermé",
        "lundi de 9h",
        "vendredi au lundi 9h-12h",
        "jours fériés 10h-12h",
        "fermé le dimanche",
    ] {
        assert!(understand(words, today()).is_err(), "{words}");
    }
}

#[test]
fn a_range_that_ends_before_it_starts_is_refused() {
    assert_eq!(refusal("lundi de 14h à 9h"), "place-hours-order");
    assert_eq!(refusal("lundi 25h-26h"), "place-hours-word");
}

#[test]
fn overlapping_ranges_name_their_day() {
    let error = understand("lundi 9h-12h et 11h-14h", today()).unwrap_err();
    assert_eq!(error.key, "place-hours-overlap");
    assert!(error.message().contains("lundi"), "{}", error.message());
}

#[test]
fn whatever_is_read_is_valid_osm() {
    for words in [
        "du lundi au vendredi de 9 h à 12 h et de 14 h à 17 h",
        "mardi de 9h à minuit",
        "tous les jours 0h-24h",
        "mercredi 9h-12h, fermé le 25 décembre",
    ] {
        let osm = osm(words);
        assert!(
            osm.parse::<opening_hours::OpeningHours>().is_ok(),
            "{words} → {osm}"
        );
    }
}

#[test]
fn long_or_hostile_text_is_refused_quickly() {
    let long = "lundi 9h-12h ".repeat(10_000);
    assert!(understand(&long, today()).is_err());
    for hostile in ["\u{0}", "99999999999999999999h", "de de de de", "::::", "-"] {
        assert!(understand(hostile, today()).is_err(), "{hostile:?}");
    }
}
