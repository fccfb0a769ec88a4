//! The words the public pages put numbers and names into: a commune with
//! its preposition, a distance, a phone number as people dial it.

use crate::i18n;

/// « de Cholet », « d’Angers », « du Mans », « des Sables-d’Olonne ».
pub fn of(name: &str) -> String {
    if let Some(rest) = name.strip_prefix("Le ") {
        return format!("du {rest}");
    }
    if let Some(rest) = name.strip_prefix("Les ") {
        return format!("des {rest}");
    }
    let vowel = name
        .chars()
        .next()
        .is_some_and(|c| "AEIOUYÉÈÊÎÔÂaeiouyéèêîôâ".contains(c));
    if vowel {
        format!("d’{name}")
    } else {
        format!("de {name}")
    }
}

/// « à 800 m », « à 2,4 km », « à 35 km » (« 2.4 km away »…), in the
/// current language.
pub fn distance_words(km: f64) -> String {
    // Decided on the rounded figure, so one distance is never written two
    // ways (« 1 000 m » beside « 1,0 km », « 10,0 km » beside « 10 km »).
    let metres = ((km * 1000.0) / 50.0).round() as i64 * 50;
    let tenths = (km * 10.0).round() as i64;
    let (key, amount) = if metres < 1000 {
        ("distance-m", metres.to_string())
    } else if tenths < 100 {
        let decimal = i18n::t("decimal-separator");
        let amount = format!("{}{decimal}{}", tenths / 10, tenths % 10);
        ("distance-km", amount)
    } else {
        ("distance-km", (km.round() as i64).to_string())
    };
    i18n::t_with(key, &[("amount", amount.into())])
}

/// « +33241000000 » → « 02 41 00 00 00 » for metropolitan numbers.
pub fn phone_words(phone: &str) -> String {
    match phone.strip_prefix("+33") {
        Some(rest) if rest.len() == 9 => {
            let national = format!("0{rest}");
            national
                .as_bytes()
                .chunks(2)
                .map(|c| String::from_utf8_lossy(c).into_owned())
                .collect::<Vec<_>>()
                .join(" ")
        }
        _ => phone.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn commune_names_take_the_right_french_preposition() {
        assert_eq!(of("Cholet"), "de Cholet");
        assert_eq!(of("Angers"), "d’Angers");
        assert_eq!(of("Le Mans"), "du Mans");
        assert_eq!(of("Les Sables-d'Olonne"), "des Sables-d'Olonne");
        assert_eq!(of("La Rochelle"), "de La Rochelle");
    }

    #[test]
    fn distances_read_naturally_in_french() {
        assert_eq!(distance_words(0.82), "à 800 m");
        assert_eq!(distance_words(2.44), "à 2,4 km");
        assert_eq!(distance_words(35.4), "à 35 km");
    }

    #[test]
    fn a_distance_at_a_unit_boundary_is_written_one_way() {
        assert_eq!(distance_words(0.99), "à 1,0 km");
        assert_eq!(distance_words(0.974), "à 950 m");
        assert_eq!(distance_words(9.96), "à 10 km");
        assert_eq!(distance_words(9.94), "à 9,9 km");
    }

    #[test]
    fn french_numbers_are_shown_as_people_dial_them() {
        assert_eq!(phone_words("+33241000000"), "02 41 00 00 00");
        assert_eq!(phone_words("+262262123456"), "+262262123456");
    }
}
