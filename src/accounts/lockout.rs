//! Login lockout: after 5 failed attempts on one address within 15 minutes,
//! further attempts are refused until the oldest of those 5 is 15 minutes old.
//!
//! The failures are counted from the journal, which records them anyway:
//! one source of truth, and it survives restarts and several instances.

use chrono::{DateTime, TimeDelta, Utc};
use sea_orm::{ConnectionTrait, DbErr};

use crate::journal::{self, JournalEvent};

/// Failures tolerated within [`WINDOW`].
pub const MAX_FAILURES: usize = 5;

/// The sliding window in which failures count.
pub const WINDOW: TimeDelta = TimeDelta::minutes(15);

/// Until when logins are refused, given the recent failures (newest first).
pub fn lock_end(failures: &[DateTime<Utc>], now: DateTime<Utc>) -> Option<DateTime<Utc>> {
    let oldest_counted = failures.get(MAX_FAILURES - 1)?;
    let end = *oldest_counted + WINDOW;
    (end > now).then_some(end)
}

/// Until when logins for `email` are refused, if they are.
pub async fn locked_until(
    db: &impl ConnectionTrait,
    email: &str,
    now: DateTime<Utc>,
) -> Result<Option<DateTime<Utc>>, DbErr> {
    let failures = journal::store::recent(
        db,
        email,
        JournalEvent::LoginFailed,
        now - WINDOW,
        MAX_FAILURES as u64,
    )
    .await?;
    Ok(lock_end(&failures, now))
}

/// Whole minutes left until `end`, rounded up, at least one.
pub fn minutes_left(end: DateTime<Utc>, now: DateTime<Utc>) -> i64 {
    let seconds = (end - now).num_seconds().max(1);
    (seconds + 59) / 60
}

#[cfg(test)]
mod tests {
    use super::*;

    fn minutes_ago(now: DateTime<Utc>, minutes: &[i64]) -> Vec<DateTime<Utc>> {
        minutes
            .iter()
            .map(|m| now - TimeDelta::minutes(*m))
            .collect()
    }

    #[test]
    fn four_failures_do_not_lock_an_account() {
        let now = Utc::now();
        assert_eq!(lock_end(&minutes_ago(now, &[0, 1, 2, 3]), now), None);
    }

    #[test]
    fn the_fifth_failure_locks_until_the_oldest_leaves_the_window() {
        let now = Utc::now();
        let failures = minutes_ago(now, &[0, 1, 2, 3, 10]);
        assert_eq!(lock_end(&failures, now), Some(now + TimeDelta::minutes(5)));
        assert_eq!(minutes_left(now + TimeDelta::minutes(5), now), 5);
    }

    #[test]
    fn failures_older_than_the_window_no_longer_lock() {
        let now = Utc::now();
        assert_eq!(lock_end(&minutes_ago(now, &[0, 1, 2, 3, 15]), now), None);
    }

    #[test]
    fn a_few_seconds_left_still_read_as_one_minute() {
        let now = Utc::now();
        assert_eq!(minutes_left(now + TimeDelta::seconds(3), now), 1);
    }
}
