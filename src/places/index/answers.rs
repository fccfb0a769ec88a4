//! Answers already written, kept for the rest of the minute: the same search
//! asked again (the nearest places to a big town, for a service) is sent
//! from memory instead of walking the index, reading the records and writing
//! the page again.
//!
//! An answer depends only on the request's query string, the encoding the
//! client takes (gzipped answers are kept gzipped), the directory and
//! the minute: opening hours and stops change state on whole minutes, and a
//! rebuilt directory comes with a new, empty `Answers` (it lives in the
//! `PlaceIndex`). Bounded in bytes, so the memory it takes stays small:
//! when full, the oldest answers make room, so a search asked late in the
//! minute is kept too.

use std::collections::{HashMap, VecDeque};
use std::sync::Mutex;

use axum::body::Bytes;
use chrono::{DateTime, Utc};

use crate::web::encoding::Encoding;

/// The most bytes kept: some eight hundred gzipped result pages, or a
/// hundred and fifty plain ones.
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
    answers: HashMap<Key, Bytes>,
    /// The keys of `answers`, oldest first.
    order: VecDeque<Key>,
}

type Key = (Encoding, String);

/// Which page the answer belongs to, how it is encoded, and its query string.
fn key(page: &str, encoding: Encoding, query: &str) -> Key {
    (encoding, format!("{page}?{query}"))
}

impl Answers {
    /// The answer written this minute for `page` and `query` in
    /// `encoding`, if any.
    pub fn get(
        &self,
        page: &str,
        encoding: Encoding,
        query: &str,
        now: DateTime<Utc>,
    ) -> Option<Bytes> {
        let current = self.current.lock().ok()?;
        (current.minute == now.timestamp().div_euclid(60))
            .then(|| current.answers.get(&key(page, encoding, query)).cloned())
            .flatten()
    }

    /// Keeps `answer` (in `encoding`) for the rest of the minute, if there
    /// is room.
    pub fn put(
        &self,
        page: &str,
        encoding: Encoding,
        query: &str,
        now: DateTime<Utc>,
        answer: Bytes,
    ) {
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
        if answer.len() > BUDGET_BYTES {
            return;
        }
        while current.bytes + answer.len() > BUDGET_BYTES {
            let Some(oldest) = current.order.pop_front() else {
                break;
            };
            if let Some(evicted) = current.answers.remove(&oldest) {
                current.bytes -= evicted.len();
            }
        }
        let key = key(page, encoding, query);
        current.bytes += answer.len();
        match current.answers.insert(key.clone(), answer) {
            // Written twice at once by two requests: counted once.
            Some(replaced) => current.bytes -= replaced.len(),
            None => current.order.push_back(key),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn at(h: u32, m: u32, s: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 11, 30, h, m, s).unwrap()
    }

    /// Keeps `answer` to `query` on /lieux, not compressed.
    fn put(answers: &Answers, query: &str, when: DateTime<Utc>, answer: Bytes) {
        answers.put("lieux", Encoding::Identity, query, when, answer);
    }

    /// The answer kept to `query` on /lieux, not compressed.
    fn kept(answers: &Answers, query: &str, when: DateTime<Utc>) -> Option<Bytes> {
        answers.get("lieux", Encoding::Identity, query, when)
    }

    fn half_the_budget() -> Bytes {
        Bytes::from(vec![b'x'; BUDGET_BYTES / 2])
    }

    #[test]
    fn an_answer_is_kept_for_the_rest_of_its_minute_only() {
        let answers = Answers::default();
        put(&answers, "q=Cholet", at(10, 0, 5), Bytes::from_static(b"a"));
        assert_eq!(
            kept(&answers, "q=Cholet", at(10, 0, 59)),
            Some(Bytes::from_static(b"a"))
        );
        assert_eq!(kept(&answers, "q=Cholet", at(10, 1, 0)), None);
        assert_eq!(kept(&answers, "q=Cholet", at(9, 59, 59)), None);
    }

    #[test]
    fn answers_are_told_apart_by_page_and_query() {
        let answers = Answers::default();
        put(&answers, "q=Cholet", at(10, 0, 0), Bytes::from_static(b"a"));
        let api = answers.get("api", Encoding::Identity, "q=Cholet", at(10, 0, 0));
        assert_eq!(api, None);
        assert_eq!(kept(&answers, "q=Angers", at(10, 0, 0)), None);
    }

    #[test]
    fn a_gzipped_answer_is_not_given_to_a_client_that_did_not_ask_for_it() {
        let answers = Answers::default();
        let gz = Bytes::from_static(b"\x1f\x8b");
        answers.put(
            "lieux",
            Encoding::Gzip,
            "q=Cholet",
            at(10, 0, 0),
            gz.clone(),
        );
        assert_eq!(kept(&answers, "q=Cholet", at(10, 0, 1)), None);
        let gzipped = answers.get("lieux", Encoding::Gzip, "q=Cholet", at(10, 0, 1));
        assert_eq!(gzipped, Some(gz));
    }

    #[test]
    fn when_the_budget_is_full_the_oldest_answers_make_room() {
        let answers = Answers::default();
        put(&answers, "a", at(10, 0, 0), half_the_budget());
        put(&answers, "b", at(10, 0, 0), half_the_budget());
        put(&answers, "c", at(10, 0, 1), Bytes::from_static(b"c"));
        assert_eq!(
            kept(&answers, "a", at(10, 0, 2)),
            None,
            "the oldest made room"
        );
        assert!(kept(&answers, "b", at(10, 0, 2)).is_some());
        assert!(kept(&answers, "c", at(10, 0, 2)).is_some());
    }

    #[test]
    fn an_answer_bigger_than_the_budget_is_not_kept_and_evicts_nothing() {
        let answers = Answers::default();
        put(&answers, "a", at(10, 0, 0), Bytes::from_static(b"a"));
        let huge = Bytes::from(vec![b'x'; BUDGET_BYTES + 1]);
        put(&answers, "huge", at(10, 0, 0), huge);
        assert_eq!(kept(&answers, "huge", at(10, 0, 0)), None);
        assert!(kept(&answers, "a", at(10, 0, 0)).is_some());
    }

    #[test]
    fn the_same_answer_written_twice_is_counted_once() {
        let answers = Answers::default();
        put(&answers, "a", at(10, 0, 0), half_the_budget());
        put(&answers, "a", at(10, 0, 0), half_the_budget());
        put(&answers, "b", at(10, 0, 0), half_the_budget());
        assert!(kept(&answers, "a", at(10, 0, 1)).is_some());
        assert!(kept(&answers, "b", at(10, 0, 1)).is_some());
    }
}
