//! The directory every request searches: the place index, rebuilt from the
//! database at start and after each import or edit, swapped atomically so
//! searches never wait for a rebuild.

use std::sync::{Arc, RwLock};

use sea_orm::{DatabaseConnection, DbErr, TransactionTrait};

use super::{Builder, PlaceIndex};
use crate::places::stops::store as stops_store;
use crate::places::store;

/// A shared, swappable [`PlaceIndex`].
#[derive(Clone)]
pub struct Directory {
    current: Arc<RwLock<Arc<PlaceIndex>>>,
}

impl Directory {
    /// An empty directory (before the first load).
    pub fn empty() -> Self {
        Self {
            current: Arc::new(RwLock::new(Arc::new(PlaceIndex::new(Vec::new())))),
        }
    }

    /// A directory loaded from the database.
    pub async fn load(db: &DatabaseConnection) -> Result<Self, DbErr> {
        let directory = Self::empty();
        directory.reload(db).await?;
        Ok(directory)
    }

    /// The index as it is now; cheap (an `Arc` clone).
    pub fn index(&self) -> Arc<PlaceIndex> {
        match self.current.read() {
            Ok(guard) => Arc::clone(&guard),
            // A panic while swapping left the old index in place: keep serving it.
            Err(poisoned) => Arc::clone(&poisoned.into_inner()),
        }
    }

    /// Rebuilds the index from the database and swaps it in.
    pub async fn reload(&self, db: &DatabaseConnection) -> Result<(), DbErr> {
        // Yesterday's stops too: « today » depends on the time zone.
        let since = chrono::Utc::now().date_naive() - chrono::Days::new(1);
        // One transaction: the index is built from one state of the
        // directory, on one connection, whose read cache is then let go.
        let read = db.begin().await?;
        let mut builder = Builder::new(stops_store::upcoming(&read, since).await?);
        store::each_page(&read, |page| builder.add(&page)).await?;
        let addresses_known = crate::addresses::store::any(&read).await?;
        crate::db::release_read_cache(&read).await?;
        read.commit().await?;
        crate::allocator::give_back_c_heap();
        let mut index = builder.finish();
        index.addresses_known = addresses_known;
        let index = Arc::new(index);
        match self.current.write() {
            Ok(mut guard) => *guard = index,
            Err(poisoned) => *poisoned.into_inner() = index,
        }
        Ok(())
    }
}
