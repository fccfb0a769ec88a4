//! Hours typed in plain French — « du lundi au vendredi de 9 h à 12 h et de
//! 14 h à 17 h », « mardi 14h-18h », « fermé le dimanche et les jours
//! fériés », « fermé du 1er au 23 août » — read into a [`Week`] when they
//! are unambiguous, and refused with the word that stopped the reading
//! otherwise: a guess would publish wrong hours.
//!
//! The place form and the import both call [`understand`], so a value is
//! accepted or refused the same way wherever it comes from.

use chrono::{Datelike, NaiveDate};

use super::week::{Closure, Holidays, Minutes, Span, Week};
use crate::validation::FieldError;

/// Hours as Maille will store them.
#[derive(Clone, Debug, PartialEq)]
pub struct Understood {
    /// The OpenStreetMap value.
    pub osm: String,
    /// Whether they were typed in words (then shown back before saving).
    pub from_words: bool,
}

/// Reads `raw`, OSM syntax or French words, into the OSM value to store.
/// `today` places closures typed without a year (« du 1er au 23 août »)
/// at their next occurrence.
pub fn understand(raw: &str, today: NaiveDate) -> Result<Understood, FieldError> {
    let raw = raw.trim();
    // National files repeat a few timetables thousands of times, and
    // parsing each again made an import of 200,000 rows take 6.5 s rather
    // than about 5 s: short values are remembered, per thread, a while.
    if raw.len() > REMEMBERED_LENGTH {
        return understand_now(raw, today);
    }
    REMEMBERED.with(|cell| {
        let mut remembered = cell.borrow_mut();
        if let Some((day, known)) = remembered.get(raw)
            && *day == today
        {
            return known.clone();
        }
        let answer = understand_now(raw, today);
        if remembered.len() >= REMEMBERED_VALUES {
            remembered.clear();
        }
        remembered.insert(raw.to_owned(), (today, answer.clone()));
        answer
    })
}

/// Values longer than this are not remembered (memory stays bounded).
const REMEMBERED_LENGTH: usize = 200;
/// How many values each thread remembers before starting again.
const REMEMBERED_VALUES: usize = 1024;

/// Hours already read, by text: the day they were read, and the answer.
type Remembered = std::collections::HashMap<String, (NaiveDate, Result<Understood, FieldError>)>;

thread_local! {
    static REMEMBERED: std::cell::RefCell<Remembered> = std::cell::RefCell::new(Remembered::new());
}

fn understand_now(raw: &str, today: NaiveDate) -> Result<Understood, FieldError> {
    if raw.parse::<opening_hours::OpeningHours>().is_ok() {
        return Ok(Understood {
            osm: raw.to_owned(),
            from_words: false,
        });
    }
    let refused = |key: &'static str| FieldError::new("horaires", key).with_value(raw);
    let week = read(raw, today).map_err(|reason| match reason {
        NotUnderstood::Word(word) => refused("place-hours-word").with_arg("word", word),
        NotUnderstood::Overlap(day) => {
            refused("place-hours-overlap").with_arg("day", super::day_name(day))
        }
        NotUnderstood::EndsBeforeStart => refused("place-hours-order"),
        NotUnderstood::Incomplete => refused("place-hours"),
    })?;
    let osm = week.to_osm().ok_or_else(|| refused("place-hours"))?;
    Ok(Understood {
        osm,
        from_words: true,
    })
}

/// Why words were not read.
#[derive(Debug, PartialEq)]
enum NotUnderstood {
    /// A word that has no place in hours (« matin », « sauf »…).
    Word(String),
    Overlap(chrono::Weekday),
    EndsBeforeStart,
    /// Days without hours, hours without days, a time left alone…
    Incomplete,
}

/// One meaningful piece of the text.
#[derive(Clone, Debug, PartialEq)]
enum Item {
    Days(Vec<usize>),
    Holidays,
    Time(Minutes),
    Number(u32),
    Month(u32),
    /// « à », « au », « - »: the end of a range follows.
    To,
    Closed,
}

/// Lower case without accents: « Fériés » and « feries » are one word.
fn fold(text: &str) -> String {
    text.chars()
        .flat_map(crate::text::fold_accent)
        .flat_map(char::to_lowercase)
        .map(|c| match c {
            '–' | '—' => '-',
            '’' => '\'',
            other => other,
        })
        .collect()
}

/// Raw pieces: words, numbers and the punctuation that matters.
#[derive(Clone, Debug, PartialEq)]
enum Token {
    Word(String),
    Number(u32),
    Dash,
    Colon,
}

fn tokens(text: &str) -> Result<Vec<Token>, NotUnderstood> {
    let mut out = Vec::new();
    let mut chars = text.chars().peekable();
    while let Some(&c) = chars.peek() {
        if c.is_alphabetic() {
            let mut word = String::new();
            while let Some(&c) = chars.peek().filter(|c| c.is_alphabetic()) {
                word.push(c);
                chars.next();
            }
            out.push(Token::Word(word));
        } else if c.is_ascii_digit() {
            let mut digits = String::new();
            while let Some(&c) = chars.peek().filter(|c| c.is_ascii_digit()) {
                digits.push(c);
                chars.next();
            }
            // Years are the longest numbers hours hold.
            let number = digits
                .parse()
                .ok()
                .filter(|n| *n <= 9999)
                .ok_or(NotUnderstood::Word(digits))?;
            out.push(Token::Number(number));
        } else {
            chars.next();
            match c {
                '-' => out.push(Token::Dash),
                ':' => out.push(Token::Colon),
                // Separators between days or ranges, and abbreviation dots.
                ',' | ';' | '.' | '/' | '\'' | '(' | ')' | '&' | '+' => {}
                c if c.is_whitespace() => {}
                other => return Err(NotUnderstood::Word(other.to_string())),
            }
        }
    }
    Ok(out)
}

fn day_of(word: &str) -> Option<usize> {
    let stem = word.strip_suffix('s').unwrap_or(word);
    [
        ("lundi", "lun"),
        ("mardi", "mar"),
        ("mercredi", "mer"),
        ("jeudi", "jeu"),
        ("vendredi", "ven"),
        ("samedi", "sam"),
        ("dimanche", "dim"),
    ]
    .iter()
    .position(|(full, short)| stem == *full || word == *short)
}

fn month_of(word: &str) -> Option<u32> {
    const MONTHS: [&[&str]; 12] = [
        &["janvier", "janv"],
        &["fevrier", "fevr", "fev"],
        &["mars"],
        &["avril", "avr"],
        &["mai"],
        &["juin"],
        &["juillet", "juil"],
        &["aout"],
        &["septembre", "sept"],
        &["octobre", "oct"],
        &["novembre", "nov"],
        &["decembre", "dec"],
    ];
    MONTHS
        .iter()
        .position(|names| names.contains(&word))
        .map(|i| i as u32 + 1)
}

/// Words that only link the others (« de », « le », « ouvert »…).
const FILLERS: [&str; 14] = [
    "de", "du", "des", "d", "le", "les", "la", "l", "et", "ouvert", "ouverte", "ouverts",
    "ouvertes", "horaires",
];

/// Tokens into items: times assembled (« 9 h 30 », « 14:00 », « midi »),
/// day groups named (« tous les jours », « en semaine », « week-end »).
fn items(tokens: &[Token]) -> Result<Vec<Item>, NotUnderstood> {
    let mut out = Vec::new();
    let mut i = 0;
    let word_at = |i: usize| match tokens.get(i) {
        Some(Token::Word(w)) => Some(w.as_str()),
        _ => None,
    };
    while i < tokens.len() {
        match &tokens[i] {
            Token::Number(hour) => {
                let minutes_after = |j: usize| match tokens.get(j) {
                    Some(Token::Number(m)) if *m < 60 => Some(*m),
                    _ => None,
                };
                let marked = matches!(word_at(i + 1), Some("h" | "heure" | "heures"));
                let colon = tokens.get(i + 1) == Some(&Token::Colon);
                if (marked || colon) && *hour <= 24 {
                    let minutes = minutes_after(i + 2);
                    if colon && minutes.is_none() {
                        return Err(NotUnderstood::Incomplete);
                    }
                    let total = *hour as Minutes * 60 + minutes.unwrap_or(0) as Minutes;
                    if total > 24 * 60 {
                        return Err(NotUnderstood::Word(format!("{hour}")));
                    }
                    out.push(Item::Time(total));
                    i += 2 + usize::from(minutes.is_some());
                    continue;
                }
                out.push(Item::Number(*hour));
                // « 1er »
                if word_at(i + 1) == Some("er") {
                    i += 1;
                }
            }
            Token::Dash => out.push(Item::To),
            Token::Colon => {}
            Token::Word(raw) => {
                let word = raw.as_str();
                if let Some(day) = day_of(word) {
                    out.push(Item::Days(vec![day]));
                } else if let Some(month) = month_of(word) {
                    out.push(Item::Month(month));
                } else if word == "tous"
                    && word_at(i + 1) == Some("les")
                    && word_at(i + 2) == Some("jours")
                {
                    out.push(Item::Days((0..7).collect()));
                    i += 2;
                } else if word == "en" && word_at(i + 1) == Some("semaine") {
                    out.push(Item::Days((0..5).collect()));
                    i += 1;
                } else if word == "weekend" {
                    out.push(Item::Days(vec![5, 6]));
                } else if word == "week"
                    && tokens.get(i + 1) == Some(&Token::Dash)
                    && word_at(i + 2) == Some("end")
                {
                    out.push(Item::Days(vec![5, 6]));
                    i += 2;
                } else if matches!(word, "jour" | "jours")
                    && matches!(word_at(i + 1), Some("ferie" | "feries"))
                {
                    out.push(Item::Holidays);
                    i += 1;
                } else if matches!(word, "ferie" | "feries") {
                    out.push(Item::Holidays);
                } else if matches!(word, "a" | "au" | "jusqu" | "jusque") {
                    out.push(Item::To);
                } else if matches!(word, "midi") {
                    out.push(Item::Time(12 * 60));
                } else if matches!(word, "minuit") {
                    out.push(Item::Time(24 * 60));
                } else if matches!(
                    word,
                    "ferme" | "fermee" | "fermes" | "fermees" | "fermeture" | "clos"
                ) {
                    out.push(Item::Closed);
                } else if !FILLERS.contains(&word) {
                    return Err(NotUnderstood::Word(raw.clone()));
                }
            }
        }
        i += 1;
    }
    Ok(out)
}

/// The days, ranges and flags read since the last clause ended.
#[derive(Default)]
struct Clause {
    days: Vec<usize>,
    holidays: bool,
    spans: Vec<Span>,
    /// « fermé », and whether it came after the days it closes.
    closed: bool,
    closed_after_days: bool,
    closure: Option<Closure>,
    /// A time waiting for the end of its range.
    start: Option<Minutes>,
}

impl Clause {
    fn is_done(&self) -> bool {
        !self.spans.is_empty() || self.closed_after_days || self.closure.is_some()
    }

    /// Writes the clause into the week.
    fn close(self, week: &mut Week) -> Result<(), NotUnderstood> {
        if self.start.is_some() {
            return Err(NotUnderstood::Incomplete);
        }
        if let Some(closure) = self.closure {
            if !self.closed || !self.spans.is_empty() {
                return Err(NotUnderstood::Incomplete);
            }
            week.closures.push(closure);
        }
        if self.closed {
            if !self.spans.is_empty() {
                return Err(NotUnderstood::Incomplete);
            }
            for day in &self.days {
                week.days[*day].clear();
            }
            if self.holidays {
                week.holidays = Holidays::Closed;
            }
            return Ok(());
        }
        if self.holidays && !self.spans.is_empty() {
            // Special hours on holidays: beyond the week grid, OSM's job.
            return Err(NotUnderstood::Incomplete);
        }
        if self.spans.is_empty() != self.days.is_empty() && !self.holidays {
            return Err(NotUnderstood::Incomplete);
        }
        for day in &self.days {
            week.days[*day].extend(self.spans.iter().copied());
        }
        Ok(())
    }
}

/// A date range starting at `items[i]` (« 1er au 23 août 2027 », « 24
/// décembre »), with the index after it.
fn closure_at(items: &[Item], i: usize, today: NaiveDate) -> Option<(Closure, usize)> {
    // day [month [year]]
    let date = |j: usize| -> Option<(u32, Option<u32>, Option<i32>, usize)> {
        let Item::Number(day) = items.get(j)? else {
            return None;
        };
        match items.get(j + 1) {
            Some(Item::Month(month)) => match items.get(j + 2) {
                Some(Item::Number(year)) if *year >= 2000 => {
                    Some((*day, Some(*month), Some(*year as i32), j + 3))
                }
                _ => Some((*day, Some(*month), None, j + 2)),
            },
            _ => Some((*day, None, None, j + 1)),
        }
    };
    let (first_day, first_month, first_year, next) = date(i)?;
    let (last_day, last_month, last_year, end) = match items.get(next) {
        Some(Item::To) => date(next + 1)?,
        _ => (first_day, first_month, first_year, next),
    };
    let last_month = last_month?;
    let first_month = first_month.unwrap_or(last_month);
    // Without a year, the next time the closure ends.
    let last_year = last_year.unwrap_or_else(|| {
        let this_year = NaiveDate::from_ymd_opt(today.year(), last_month, last_day);
        match this_year {
            Some(day) if day < today => today.year() + 1,
            _ => today.year(),
        }
    });
    let to = NaiveDate::from_ymd_opt(last_year, last_month, last_day)?;
    let from = match first_year {
        Some(year) => NaiveDate::from_ymd_opt(year, first_month, first_day)?,
        None => {
            let same_year = NaiveDate::from_ymd_opt(last_year, first_month, first_day)?;
            // « du 24 décembre au 2 janvier » spans the new year.
            if same_year > to {
                NaiveDate::from_ymd_opt(last_year - 1, first_month, first_day)?
            } else {
                same_year
            }
        }
    };
    Some((Closure { from, to }, end))
}

/// Reads French words into a week.
fn read(text: &str, today: NaiveDate) -> Result<Week, NotUnderstood> {
    let items = items(&tokens(&fold(text))?)?;
    let mut week = Week::default();
    let mut clause = Clause::default();
    let mut after_to = false;
    let mut i = 0;
    while i < items.len() {
        let item = &items[i];
        i += 1;
        let was_after_to = std::mem::replace(&mut after_to, false);
        match item {
            Item::Days(days) => {
                if clause.is_done() {
                    std::mem::take(&mut clause).close(&mut week)?;
                }
                match (was_after_to, clause.days.last(), days.as_slice()) {
                    (true, Some(&first), [last]) if first < *last => {
                        clause.days.extend(first + 1..=*last);
                    }
                    (true, _, _) => return Err(NotUnderstood::Incomplete),
                    _ => clause.days.extend(days.iter().copied()),
                }
            }
            Item::Holidays => {
                if clause.is_done() {
                    std::mem::take(&mut clause).close(&mut week)?;
                }
                clause.holidays = true;
            }
            Item::Closed => {
                if !clause.spans.is_empty() || clause.closed {
                    std::mem::take(&mut clause).close(&mut week)?;
                }
                clause.closed = true;
                clause.closed_after_days = !clause.days.is_empty() || clause.holidays;
            }
            Item::To => after_to = true,
            Item::Number(_) if clause.closed => {
                let (closure, next) =
                    closure_at(&items, i - 1, today).ok_or(NotUnderstood::Incomplete)?;
                if clause.closure.is_some() {
                    std::mem::take(&mut clause).close(&mut week)?;
                    clause.closed = true;
                }
                clause.closure = Some(closure);
                i = next;
            }
            // « de 9 à 12 h »: a bare number is an hour when a range needs one.
            Item::Number(n) if *n <= 24 => {
                let next_is_time = matches!(items.get(i), Some(Item::To))
                    && matches!(items.get(i + 1), Some(Item::Time(_)));
                if was_after_to && clause.start.is_some() || next_is_time {
                    clause.add_time(*n as Minutes * 60, was_after_to)?;
                } else {
                    return Err(NotUnderstood::Word(n.to_string()));
                }
            }
            Item::Number(n) => return Err(NotUnderstood::Word(n.to_string())),
            Item::Month(_) => return Err(NotUnderstood::Incomplete),
            Item::Time(t) => {
                if clause.closed {
                    return Err(NotUnderstood::Incomplete);
                }
                clause.add_time(*t, was_after_to)?;
            }
        }
    }
    clause.close(&mut week)?;
    week.normalise().map_err(NotUnderstood::Overlap)
}

impl Clause {
    /// A time: the start of a range, or its end right after « à » or « - ».
    fn add_time(&mut self, time: Minutes, after_to: bool) -> Result<(), NotUnderstood> {
        match (self.start.take(), after_to) {
            (Some(start), true) => {
                // « de 9 h à minuit » ends at 24:00; a range starting at
                // midnight starts at 0:00.
                if time <= start {
                    return Err(NotUnderstood::EndsBeforeStart);
                }
                self.spans.push(Span { start, end: time });
                Ok(())
            }
            (None, false) => {
                self.start = Some(if time == 24 * 60 { 0 } else { time });
                Ok(())
            }
            _ => Err(NotUnderstood::Incomplete),
        }
    }
}

#[cfg(test)]
#[path = "words_tests.rs"]
mod tests;
