//! The sessions to come of every structure, held in memory for the public
//! pages: a search near a commune walks a few thousand rows in memory
//! instead of asking the database, and a page already written this minute
//! is sent again from memory. A change (a session planned, a seat taken)
//! marks the snapshot stale; the next request rebuilds it, at most once a
//! second, so seats shown are at most a second old — the registration
//! itself is always decided by the database.

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, RwLock};
use std::time::{Duration, Instant};

use chrono::{DateTime, Utc};
use sea_orm::{DatabaseConnection, DbErr};

use super::store::{self, SessionRecord, ends_at, status};
use crate::places::index::answers::Answers;
use crate::places::index::haversine_km;

/// How far ahead the public pages look.
pub const HORIZON_DAYS: i64 = 120;
/// The most sessions held (all structures).
const MOST: u64 = 20_000;
/// A stale snapshot is rebuilt at most this often.
const REBUILD_EVERY: Duration = Duration::from_secs(1);
/// Even unchanged, a snapshot is rebuilt this often (sessions end).
const MAX_AGE: Duration = Duration::from_secs(60);

/// The sessions of one moment, and the pages written from them.
pub struct Snapshot {
    built: Instant,
    /// Planned sessions not ended yet, soonest first.
    pub sessions: Vec<SessionRecord>,
    pub answers: Answers,
}

/// The shared, rebuildable snapshot.
#[derive(Clone)]
pub struct Upcoming {
    current: Arc<RwLock<Option<Arc<Snapshot>>>>,
    stale: Arc<AtomicBool>,
    rebuilding: Arc<tokio::sync::Mutex<()>>,
}

impl Default for Upcoming {
    fn default() -> Self {
        Self {
            current: Arc::new(RwLock::new(None)),
            stale: Arc::new(AtomicBool::new(true)),
            rebuilding: Arc::new(tokio::sync::Mutex::new(())),
        }
    }
}

impl Upcoming {
    /// Something changed: the next request rebuilds.
    pub fn touch(&self) {
        self.stale.store(true, Ordering::Release);
    }

    fn held(&self) -> Option<Arc<Snapshot>> {
        self.current.read().ok().and_then(|c| c.clone())
    }

    /// The snapshot to answer from, rebuilt first when stale.
    pub async fn get(&self, db: &DatabaseConnection) -> Result<Arc<Snapshot>, DbErr> {
        if let Some(held) = self.held() {
            let age = held.built.elapsed();
            let fresh = !self.stale.load(Ordering::Acquire) || age < REBUILD_EVERY;
            if fresh && age < MAX_AGE {
                return Ok(held);
            }
        }
        let _one_at_a_time = self.rebuilding.lock().await;
        // Another request may have rebuilt it while this one waited.
        if let Some(held) = self.held()
            && held.built.elapsed() < REBUILD_EVERY
        {
            return Ok(held);
        }
        self.stale.store(false, Ordering::Release);
        let now = crate::db::now();
        let sessions = store::upcoming(db, now, MOST)
            .await?
            .into_iter()
            .filter(|s| {
                s.status == status::PLANNED
                    && s.starts_at < now + chrono::Duration::days(HORIZON_DAYS)
            })
            .collect();
        let snapshot = Arc::new(Snapshot {
            built: Instant::now(),
            sessions,
            answers: Answers::default(),
        });
        if let Ok(mut current) = self.current.write() {
            *current = Some(snapshot.clone());
        }
        Ok(snapshot)
    }
}

impl Snapshot {
    /// Sessions within `km` of a point that have not ended at `now`,
    /// soonest first, with their distance.
    pub fn near(
        &self,
        latitude: f64,
        longitude: f64,
        km: f64,
        now: DateTime<Utc>,
    ) -> Vec<(&SessionRecord, f64)> {
        self.sessions
            .iter()
            .filter(|s| ends_at(s) > now)
            .filter_map(|s| {
                let distance = haversine_km((latitude, longitude), (s.latitude?, s.longitude?));
                (distance <= km).then_some((s, distance))
            })
            .collect()
    }

    /// The sessions to come at one place (and its stops).
    pub fn at_place<'a>(
        &'a self,
        place_id: &'a str,
        now: DateTime<Utc>,
    ) -> impl Iterator<Item = &'a SessionRecord> + 'a {
        self.sessions
            .iter()
            .filter(move |s| s.place_id == place_id && ends_at(s) > now)
    }
}
