//! Small text helpers shared by features: folding French accents for slugs
//! and for matching what people type against names; keeping text that a
//! spreadsheet would run as a formula out of what people type and out of
//! the CSV files Maille writes.

use std::borrow::Cow;

/// `text` cut to `characters`, with « … » when it was longer: what is
/// echoed back of someone's input stays small whatever they sent.
pub fn cut(text: &str, characters: usize) -> String {
    match text.char_indices().nth(characters) {
        Some((end, _)) => format!("{}…", &text[..end]),
        None => text.to_owned(),
    }
}

/// Whether a spreadsheet opening `text` in a cell would read it as a formula
/// (`=`, `+`, `@`) or a cell-shifting control (tab, carriage return): such
/// text typed as a name or an address is refused, with a message.
pub fn starts_like_formula(text: &str) -> bool {
    text.starts_with(['=', '+', '@', '\t', '\r'])
}

/// `cell` made safe to open in a spreadsheet: text that would start a
/// formula (the refused starts, and `-`) is prefixed with an apostrophe,
/// which spreadsheets show as text. Numbers, negative ones too, are kept.
pub fn defused_for_spreadsheet(cell: &str) -> Cow<'_, str> {
    let risky = starts_like_formula(cell) || cell.starts_with('-');
    if risky && cell.parse::<f64>().is_err() {
        Cow::Owned(format!("'{cell}"))
    } else {
        Cow::Borrowed(cell)
    }
}

/// The unaccented letters of a character (`é` → `e`, `œ` → `oe`); other
/// characters are returned unchanged.
pub fn fold_accent(c: char) -> impl Iterator<Item = char> {
    let folded: &str = match c {
        'à' | 'á' | 'â' | 'ä' | 'ã' | 'å' | 'À' | 'Á' | 'Â' | 'Ä' | 'Ã' | 'Å' => "a",
        'ç' | 'Ç' => "c",
        'è' | 'é' | 'ê' | 'ë' | 'È' | 'É' | 'Ê' | 'Ë' => "e",
        'ì' | 'í' | 'î' | 'ï' | 'Ì' | 'Í' | 'Î' | 'Ï' => "i",
        'ñ' | 'Ñ' => "n",
        'ò' | 'ó' | 'ô' | 'ö' | 'õ' | 'Ò' | 'Ó' | 'Ô' | 'Ö' | 'Õ' => "o",
        'ù' | 'ú' | 'û' | 'ü' | 'Ù' | 'Ú' | 'Û' | 'Ü' => "u",
        'ÿ' | 'Ÿ' => "y",
        'œ' | 'Œ' => "oe",
        'æ' | 'Æ' => "ae",
        _ => "",
    };
    let own = folded.is_empty().then_some(c);
    folded.chars().chain(own)
}

/// A search key: lower-case, unaccented, words separated by single spaces
/// (hyphens and apostrophes count as separators), « St »/« Ste » spelt out.
pub fn search_key(text: &str) -> String {
    let folded: String = text
        .chars()
        .flat_map(fold_accent)
        .map(|c| {
            if c.is_alphanumeric() {
                c.to_ascii_lowercase()
            } else {
                ' '
            }
        })
        .collect();
    folded
        .split_whitespace()
        .map(|word| match word {
            "st" => "saint",
            "ste" => "sainte",
            other => other,
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// « 818 000 », with a narrow no-break space as French typography wants
/// (for figures in pages; messages group theirs through the catalogue).
pub fn thousands(n: impl std::borrow::Borrow<u64>) -> String {
    grouped_digits(*n.borrow(), '\u{202f}')
}

/// The digits of `n` in groups of three, `separator` between groups.
pub fn grouped_digits(n: u64, separator: char) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3 * 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(separator);
        }
        out.push(c);
    }
    out
}

/// A day as a date input sends it (`2027-08-01`) or as people type it where
/// the browser shows a text box (« 01/08/2027 », « 1/8/2027 »).
pub fn typed_date(text: &str) -> Option<chrono::NaiveDate> {
    let text = text.trim();
    chrono::NaiveDate::parse_from_str(text, "%Y-%m-%d")
        .or_else(|_| chrono::NaiveDate::parse_from_str(text, "%d/%m/%Y"))
        .ok()
}

/// A time of day as a time input sends it (`09:30`) or as people type it
/// (« 9h », « 9 h 30 », « 14 »), in minutes since midnight; 24:00 is the
/// end of the day.
pub fn typed_clock(text: &str) -> Option<u16> {
    let compact: String = text
        .chars()
        .filter(|c| !c.is_whitespace())
        .flat_map(char::to_lowercase)
        .collect();
    let (hour, minute) = match compact.split_once([':', 'h']) {
        Some((hour, "")) => (hour, "0"),
        Some((hour, minute)) => (hour, minute),
        None => (compact.as_str(), "0"),
    };
    if hour.is_empty() || hour.len() > 2 || minute.len() > 2 {
        return None;
    }
    let (hour, minute): (u16, u16) = (hour.parse().ok()?, minute.parse().ok()?);
    (hour <= 24 && minute < 60 && hour * 60 + minute <= 24 * 60).then_some(hour * 60 + minute)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_and_times_are_read_as_inputs_send_them_and_as_people_type_them() {
        let august_first = chrono::NaiveDate::from_ymd_opt(2027, 8, 1);
        assert_eq!(typed_date("2027-08-01"), august_first);
        assert_eq!(typed_date(" 01/08/2027 "), august_first);
        assert_eq!(typed_date("1/8/2027"), august_first);
        assert_eq!(typed_date("31/02/2027"), None);
        assert_eq!(typed_date("demain"), None);
        for (typed, minutes) in [
            ("09:30", 570),
            ("9h", 540),
            ("9 h 30", 570),
            ("14", 840),
            ("24:00", 1440),
        ] {
            assert_eq!(typed_clock(typed), Some(minutes), "{typed}");
        }
        for refused in ["25h", "9h75", "24:30", "", "h", "neuf", "123:00", "9:000"] {
            assert_eq!(typed_clock(refused), None, "{refused}");
        }
    }

    #[test]
    fn figures_are_grouped_by_thousands() {
        assert_eq!(thousands(818_000), "818\u{202f}000");
        assert_eq!(thousands(999), "999");
        assert_eq!(thousands(1_234_567), "1\u{202f}234\u{202f}567");
    }

    #[test]
    fn values_are_cut_on_a_character_boundary() {
        assert_eq!(cut("Cholet", 10), "Cholet");
        assert_eq!(cut("éééé", 2), "éé…");
    }

    #[test]
    fn text_a_spreadsheet_would_run_is_recognised_and_defused() {
        for formula in [
            "=HYPERLINK(\"http://evil\",\"x\")",
            "+1+1",
            "@SUM(A1)",
            "\tx",
            "\rx",
        ] {
            assert!(starts_like_formula(formula), "{formula:?}");
            assert_eq!(defused_for_spreadsheet(formula), format!("'{formula}"));
        }
        assert_eq!(defused_for_spreadsheet("-2+3"), "'-2+3");
        for harmless in ["Centre social", "-0.879", "12.5", "", "Saint-Lô", "a=b"] {
            assert!(!starts_like_formula(harmless) || harmless.is_empty());
            assert_eq!(defused_for_spreadsheet(harmless), harmless);
        }
    }

    #[test]
    fn search_keys_ignore_case_accents_hyphens_and_abbreviations() {
        assert_eq!(
            search_key("Saint-Étienne-du-Rouvray"),
            "saint etienne du rouvray"
        );
        assert_eq!(
            search_key("st etienne du rouvray"),
            "saint etienne du rouvray"
        );
        assert_eq!(search_key("L'Haÿ-les-Roses"), "l hay les roses");
        assert_eq!(search_key("  CHOLET  "), "cholet");
    }
}
