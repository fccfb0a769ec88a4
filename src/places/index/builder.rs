//! Building a [`PlaceIndex`] page by page, from the store's pages of
//! places and the upcoming stops.

use std::collections::HashMap;
use std::sync::Mutex;

use rstar::RTree;

use super::answers::Answers;
use super::entry::{HoursCache, IndexedPlace};
use super::{PlaceIndex, Point, unit_vector};
use crate::places::stops::Stop;
use crate::places::store::StoredPlace;

/// Builds a [`PlaceIndex`] page by page: each page of full records is
/// reduced to index entries and can be dropped before the next is read, so
/// loading 20,000 places never holds them all in full.
pub struct Builder {
    /// Upcoming stops by place id, the next one at each spot only.
    stops: HashMap<String, Vec<Stop>>,
    fixed: Vec<(IndexedPlace, [f64; 3])>,
    stop_entries: Vec<(IndexedPlace, [f64; 3])>,
    hours: HoursCache,
}

impl Builder {
    /// A builder that will add the `stops` (in date order) of the itinerant
    /// places it is given.
    pub fn new(stops: Vec<Stop>) -> Self {
        // Only the next stop at each spot (stops come in date order): a
        // village is listed once, with the café's next passage there.
        let mut spots = std::collections::HashSet::new();
        let mut by_place: HashMap<String, Vec<Stop>> = HashMap::new();
        for stop in stops {
            if spots.insert((
                stop.place_id.clone(),
                stop.latitude.to_bits(),
                stop.longitude.to_bits(),
            )) {
                by_place
                    .entry(stop.place_id.clone())
                    .or_default()
                    .push(stop);
            }
        }
        Self {
            stops: by_place,
            fixed: Vec::new(),
            stop_entries: Vec::new(),
            hours: HoursCache::new(),
        }
    }

    /// Adds `places`. Places without a position cannot be found by
    /// proximity and are left out (their stops are still found).
    pub fn add(&mut self, places: &[StoredPlace]) {
        for stored in places {
            let place = &stored.place;
            if let (Some(latitude), Some(longitude)) = (place.latitude, place.longitude) {
                self.fixed.push((
                    IndexedPlace::new(stored, &mut self.hours),
                    unit_vector(latitude, longitude),
                ));
            }
            for stop in self.stops.remove(&place.id).unwrap_or_default() {
                let position = unit_vector(stop.latitude, stop.longitude);
                self.stop_entries
                    .push((IndexedPlace::at_stop(stored, stop), position));
            }
        }
    }

    /// The index of every place added.
    pub fn finish(self) -> PlaceIndex {
        // Stops come last: `count` relies on it.
        let (places, points): (Vec<IndexedPlace>, Vec<Point>) = self
            .fixed
            .into_iter()
            .chain(self.stop_entries)
            .enumerate()
            .map(|(i, (entry, position))| (entry, Point::new(position, i)))
            .unzip();
        PlaceIndex {
            tree: RTree::bulk_load(points),
            places,
            counts: Mutex::new(HashMap::new()),
            departments: std::sync::OnceLock::new(),
            addresses_known: false,
            answers: Answers::default(),
        }
    }
}
