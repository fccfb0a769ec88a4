//! Holding off password guessers without letting a stranger lock anyone out.
//!
//! Failures are counted twice:
//!
//! - **per client address**, in memory: from 5 failures within 15 minutes,
//!   each attempt from that address is answered only after a growing delay
//!   (1, 2, 4, 8, then 10 s); from 20, the address is refused until its oldest
//!   failure leaves the window. Someone logging in from elsewhere is not
//!   concerned.
//! - **per account**, from the journal (so it survives restarts and holds
//!   across instances): from 5 failures within an hour, an attempt on that
//!   account from a browser that never logged into it must wait since the
//!   last failure 1, 2, 4, 8, then 15 minutes. Guessing one account from
//!   many addresses is thus held to about a dozen tries an hour, while the
//!   account's owner, on a browser they logged in from before (a « known
//!   browser », `accounts::devices`), is never made to wait.

use std::collections::{HashMap, VecDeque};
use std::net::IpAddr;
use std::sync::Mutex;
use std::time::{Duration, Instant};

use chrono::{DateTime, TimeDelta, Utc};

/// The window in which an address's failures count.
pub const ADDRESS_WINDOW: Duration = Duration::from_secs(15 * 60);
/// From this many failures, an address's attempts are slowed down.
pub const ADDRESS_SLOW_FROM: usize = 5;
/// From this many, the address is refused.
pub const ADDRESS_REFUSED_FROM: usize = 20;
/// The longest delay before answering a slowed address: well inside the
/// request deadline, with the password check after it.
const ADDRESS_LONGEST_DELAY: Duration = Duration::from_secs(10);
/// Addresses remembered at most: beyond, those without recent failures go
/// first, so memory stays bounded whatever the number of guessers.
const ADDRESSES_KEPT: usize = 50_000;

/// The window in which an account's failures count.
pub const ACCOUNT_WINDOW: TimeDelta = TimeDelta::hours(1);
/// From this many failures, unknown browsers wait between attempts.
pub const ACCOUNT_SLOW_FROM: usize = 5;
/// The longest wait between two attempts on one account.
const ACCOUNT_LONGEST_WAIT: TimeDelta = TimeDelta::minutes(15);

/// What to do with an attempt from an address.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AddressVerdict {
    /// Check the password now.
    Go,
    /// Check it after this delay.
    Slow(Duration),
    /// Refuse it; the address may try again after this long.
    Refused(Duration),
}

/// The verdict for an address whose failures, oldest first, are `failures`.
pub fn address_verdict(failures: &VecDeque<Instant>, now: Instant) -> AddressVerdict {
    let recent: Vec<&Instant> = failures
        .iter()
        .filter(|at| now.saturating_duration_since(**at) < ADDRESS_WINDOW)
        .collect();
    let count = recent.len();
    if count >= ADDRESS_REFUSED_FROM {
        let oldest_counted = *recent[count - ADDRESS_REFUSED_FROM];
        return AddressVerdict::Refused(
            (oldest_counted + ADDRESS_WINDOW).saturating_duration_since(now),
        );
    }
    if count >= ADDRESS_SLOW_FROM {
        let doublings = (count - ADDRESS_SLOW_FROM).min(16) as u32;
        return AddressVerdict::Slow(
            Duration::from_secs(1 << doublings).min(ADDRESS_LONGEST_DELAY),
        );
    }
    AddressVerdict::Go
}

/// How long an unknown browser must still wait before trying an account
/// whose failures within [`ACCOUNT_WINDOW`], newest first, are `failures`.
pub fn account_wait(failures: &[DateTime<Utc>], now: DateTime<Utc>) -> Option<Duration> {
    let count = failures
        .iter()
        .filter(|at| now - **at < ACCOUNT_WINDOW)
        .count();
    if count < ACCOUNT_SLOW_FROM {
        return None;
    }
    let doublings = (count - ACCOUNT_SLOW_FROM).min(16) as i32;
    let wait = TimeDelta::minutes(1 << doublings).min(ACCOUNT_LONGEST_WAIT);
    let allowed_at = *failures.first()? + wait;
    (allowed_at > now).then(|| (allowed_at - now).to_std().unwrap_or_default())
}

/// Whole minutes in `wait`, rounded up, at least one: how people are told.
pub fn minutes(wait: Duration) -> u64 {
    wait.as_secs().div_ceil(60).max(1)
}

/// The recent failures of each client address (keys as
/// [`crate::web::client::ClientAddress::key`] gives them).
#[derive(Default)]
pub struct AddressFailures(Mutex<HashMap<IpAddr, VecDeque<Instant>>>);

impl AddressFailures {
    /// The verdict for an attempt from `address` now.
    pub fn verdict(&self, address: IpAddr, now: Instant) -> AddressVerdict {
        let failures = self.0.lock().unwrap_or_else(|p| p.into_inner());
        failures
            .get(&address)
            .map_or(AddressVerdict::Go, |f| address_verdict(f, now))
    }

    /// Records a failure from `address`; returns the verdict it leads to.
    pub fn record(&self, address: IpAddr, now: Instant) -> AddressVerdict {
        let mut failures = self.0.lock().unwrap_or_else(|p| p.into_inner());
        if !failures.contains_key(&address) && failures.len() >= ADDRESSES_KEPT {
            forget_old(&mut failures, now);
            if failures.len() >= ADDRESSES_KEPT {
                // Those with a single failure matter least.
                failures.retain(|_, f| f.len() > 1);
            }
        }
        let mine = failures.entry(address).or_default();
        mine.push_back(now);
        while mine.len() > ADDRESS_REFUSED_FROM {
            mine.pop_front();
        }
        address_verdict(mine, now)
    }

    /// Forgets the addresses whose failures have all left the window.
    pub fn forget_old(&self, now: Instant) {
        forget_old(&mut self.0.lock().unwrap_or_else(|p| p.into_inner()), now);
    }

    /// How many addresses are remembered.
    pub fn len(&self) -> usize {
        self.0.lock().unwrap_or_else(|p| p.into_inner()).len()
    }

    /// Whether none is.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

fn forget_old(failures: &mut HashMap<IpAddr, VecDeque<Instant>>, now: Instant) {
    failures.retain(|_, f| {
        f.back()
            .is_some_and(|newest| now.saturating_duration_since(*newest) < ADDRESS_WINDOW)
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    const HERE: IpAddr = IpAddr::V4(std::net::Ipv4Addr::new(192, 0, 2, 1));
    const ELSEWHERE: IpAddr = IpAddr::V4(std::net::Ipv4Addr::new(198, 51, 100, 7));

    #[test]
    fn an_address_that_guesses_is_slowed_then_refused_and_no_other_is() {
        let failures = AddressFailures::default();
        let now = Instant::now();
        for _ in 0..4 {
            assert_eq!(failures.record(HERE, now), AddressVerdict::Go);
        }
        assert_eq!(
            failures.record(HERE, now),
            AddressVerdict::Slow(Duration::from_secs(1))
        );
        assert_eq!(
            failures.record(HERE, now),
            AddressVerdict::Slow(Duration::from_secs(2))
        );
        for _ in 7..=20 {
            failures.record(HERE, now);
        }
        assert_eq!(
            failures.verdict(HERE, now),
            AddressVerdict::Refused(ADDRESS_WINDOW)
        );
        assert_eq!(failures.verdict(ELSEWHERE, now), AddressVerdict::Go);
        let later = now + ADDRESS_WINDOW;
        assert_eq!(failures.verdict(HERE, later), AddressVerdict::Go);
        failures.forget_old(later);
        assert!(failures.is_empty());
    }

    #[test]
    fn a_slowed_address_never_waits_more_than_ten_seconds() {
        let mut failures = VecDeque::new();
        let now = Instant::now();
        for _ in 0..19 {
            failures.push_back(now);
        }
        assert_eq!(
            address_verdict(&failures, now),
            AddressVerdict::Slow(ADDRESS_LONGEST_DELAY)
        );
    }

    #[test]
    fn the_memory_of_addresses_is_bounded() {
        let failures = AddressFailures::default();
        let now = Instant::now();
        for n in 0..(ADDRESSES_KEPT as u32 + 10) {
            failures.record(IpAddr::from(n.to_be_bytes()), now);
        }
        assert!(failures.len() <= ADDRESSES_KEPT, "{}", failures.len());
    }

    #[test]
    fn an_account_slows_unknown_browsers_down_and_never_locks_for_good() {
        let now = Utc::now();
        let ago = |minutes: &[i64]| -> Vec<DateTime<Utc>> {
            minutes
                .iter()
                .map(|m| now - TimeDelta::minutes(*m))
                .collect()
        };
        assert_eq!(account_wait(&ago(&[0, 1, 2, 3]), now), None);
        let wait = account_wait(&ago(&[0, 1, 2, 3, 4]), now).unwrap();
        assert_eq!(minutes(wait), 1);
        assert_eq!(
            account_wait(&ago(&[1, 2, 3, 4, 5]), now),
            None,
            "the minute has passed"
        );
        let many: Vec<i64> = (0..30).collect();
        assert_eq!(minutes(account_wait(&ago(&many), now).unwrap()), 15);
        assert_eq!(account_wait(&ago(&[61, 62, 63, 64, 65]), now), None);
    }

    #[test]
    fn guessing_one_account_as_fast_as_allowed_gives_about_a_dozen_tries_an_hour() {
        let start = Utc::now();
        let mut failures: Vec<DateTime<Utc>> = Vec::new();
        let mut now = start;
        while now < start + TimeDelta::hours(1) {
            match account_wait(&failures, now) {
                None => failures.insert(0, now),
                Some(wait) => now += TimeDelta::from_std(wait).unwrap(),
            }
            now += TimeDelta::seconds(1);
        }
        assert!(
            (10..=13).contains(&failures.len()),
            "{} tries",
            failures.len()
        );
    }
}
