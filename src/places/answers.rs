//! Answers already written, kept for the rest of the minute: the same search
//! asked again (the nearest places to a big town, for a service) is sent
//! from memory instead of walking the index, reading the records and writing
//! the page again.
//!
//! An answer depends only on the request's query string, the directory and
//! the minute: opening hours and stops change state on whole minutes, and a
//! rebuilt directory comes with a new, empty `Answers` (it lives in the
//! `PlaceIndex`). Bounded in bytes, so the memory it takes stays small.

use std::collections::HashMap;
use std::sync::Mutex;

use axum::body::Bytes;
use chrono::{DateTime, Utc};

/// The most bytes kept: a hundred result pages or so.
const BUDGET_BYTES: usize = 2 << 20;

/// Written answers of one directory, for the current minute.
#[derive(Default)]
pub struct Answers {
    current: Mutex<Minute>,
}

#[derive(Default)]
struct Minute {
    /// Minutes since the epoch.
    minute: i64,
    bytes: usize,
    answers: HashMap<String, Bytes>,
}

/// Which page the answer belongs to, and its query string.
fn key(page: &str, query: &str) -> String {
    format!("{page}?{query}")
}

impl Answers {
    /// The answer written this minute for `page` and `query`, if any.
    pub fn get(&self, page: &str, query: &str, now: DateTime<Utc>) -> Option<Bytes> {
        let current = self.current.lock().ok()?;
        (current.minute == now.timestamp().div_euclid(60))
            .then(|| current.answers.get(&key(page, query)).cloned())
            .flatten()
    }

    /// Keeps `answer` for the rest of the minute, if there is room.
    pub fn put(&self, page: &str, query: &str, now: DateTime<Utc>, answer: Bytes) {
        let Ok(mut current) = self.current.lock() else {
            return;
        };
        let minute = now.timestamp().div_euclid(60);
        if current.minute != minute {
            *current = Minute {
                minute,
                ..Minute::default()
            };
        }
        if current.bytes + answer.len() > BUDGET_BYTES {
            return;
        }
        current.bytes += answer.len();
        current.answers.insert(key(page, query), answer);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn at(h: u32, m: u32, s: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 11, 30, h, m, s).unwrap()
    }

    #[test]
    fn an_answer_is_kept_for_the_rest_of_its_minute_only() {
        let answers = Answers::default();
        answers.put("lieux", "q=Cholet", at(10, 0, 5), Bytes::from_static(b"a"));
        assert_eq!(
            answers.get("lieux", "q=Cholet", at(10, 0, 59)),
            Some(Bytes::from_static(b"a"))
        );
        assert_eq!(answers.get("lieux", "q=Cholet", at(10, 1, 0)), None);
        assert_eq!(answers.get("lieux", "q=Cholet", at(9, 59, 59)), None);
    }

    #[test]
    fn answers_are_told_apart_by_page_and_query() {
        let answers = Answers::default();
        answers.put("lieux", "q=Cholet", at(10, 0, 0), Bytes::from_static(b"a"));
        assert_eq!(answers.get("api", "q=Cholet", at(10, 0, 0)), None);
        assert_eq!(answers.get("lieux", "q=Angers", at(10, 0, 0)), None);
    }

    #[test]
    fn answers_beyond_the_budget_are_not_kept() {
        let answers = Answers::default();
        let big = Bytes::from(vec![b'x'; BUDGET_BYTES]);
        answers.put("lieux", "a", at(10, 0, 0), big.clone());
        answers.put("lieux", "b", at(10, 0, 0), Bytes::from_static(b"b"));
        assert_eq!(answers.get("lieux", "a", at(10, 0, 0)), Some(big));
        assert_eq!(answers.get("lieux", "b", at(10, 0, 0)), None);
    }
}
