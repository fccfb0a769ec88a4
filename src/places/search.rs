//! Nearest places, in memory: an R-tree over the places' positions as
//! points on the unit sphere. Straight-line (chord) order on the sphere is
//! exactly great-circle order, so the tree's nearest-first walk is the
//! answer, and it behaves the same whatever the database. Each place's
//! opening hours are parsed once, when the index is built.

use rstar::RTree;
use rstar::primitives::GeomWithData;

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use chrono::{DateTime, TimeZone, Utc};
use chrono_tz::Tz;

use super::hours::{self, Hours};
use super::model::Place;
use super::stops::Stop;
use super::store::StoredPlace;

/// Mean Earth radius (IUGG), in km.
pub const EARTH_RADIUS_KM: f64 = 6371.0088;

type Point = GeomWithData<[f64; 3], usize>;

/// A latitude/longitude as a point on the unit sphere.
pub fn unit_vector(latitude: f64, longitude: f64) -> [f64; 3] {
    let (lat, lon) = (latitude.to_radians(), longitude.to_radians());
    [lat.cos() * lon.cos(), lat.cos() * lon.sin(), lat.sin()]
}

/// Great-circle distance between two points of the unit sphere, in km.
pub fn distance_km(a: &[f64; 3], b: &[f64; 3]) -> f64 {
    let chord = ((a[0] - b[0]).powi(2) + (a[1] - b[1]).powi(2) + (a[2] - b[2]).powi(2)).sqrt();
    2.0 * EARTH_RADIUS_KM * (chord / 2.0).min(1.0).asin()
}

/// Great-circle distance between two positions, in km.
pub fn haversine_km(from: (f64, f64), to: (f64, f64)) -> f64 {
    distance_km(&unit_vector(from.0, from.1), &unit_vector(to.0, to.1))
}

/// What a person is looking for, beyond proximity.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
pub struct Filters {
    /// Every one of these services must be offered.
    pub services: Vec<&'static str>,
    /// The place must address every one of these publics.
    pub publics: Vec<&'static str>,
    /// The place must offer every one of these specific supports.
    pub specific_support: Vec<&'static str>,
    /// Only places that are free of charge (« Gratuit »).
    pub free: bool,
    /// Only places known to be accessible: an acceslibre sheet, or support
    /// for motor disabilities.
    pub accessible: bool,
    /// Only places whose hours say they are open at this instant.
    pub open_at: Option<DateTime<Utc>>,
    /// Leaves out the stops of itinerant places that ended before this
    /// instant (the index is rebuilt on edits, not every night).
    pub not_before: Option<DateTime<Utc>>,
}

impl Filters {
    /// Whether `place` passes every filter.
    pub fn accept(&self, place: &Place) -> bool {
        let has_all =
            |wanted: &[&str], offered: &[&str]| wanted.iter().all(|w| offered.contains(w));
        has_all(&self.services, &place.services)
            && has_all(&self.publics, &place.publics_specifiquement_adresses)
            && has_all(&self.specific_support, &place.prise_en_charge_specifique)
            && (!self.free || place.frais_a_charge.contains(&"Gratuit"))
            && (!self.accessible
                || place.fiche_acces_libre.is_some()
                || place
                    .prise_en_charge_specifique
                    .contains(&"Handicaps moteurs"))
    }
}

/// A place in the index, with its hours parsed once. An itinerant place's
/// upcoming stops are entries of their own, at the stop's position: a
/// search near a village finds the café on the day it stops there.
pub struct IndexedPlace {
    pub stored: StoredPlace,
    /// `None` when the place gives no hours or hours Maille cannot read.
    /// Shared between places with the same timetable (and time zone).
    pub hours: Option<Arc<Hours>>,
    /// For a stop's entry: the stop (the position is the stop's).
    pub stop: Option<Box<Stop>>,
}

/// Parsed hours by (text, time zone): national data repeats a few common
/// timetables thousands of times, and parsing is the slow part of a build.
type HoursCache = HashMap<(String, Tz), Option<Arc<Hours>>>;

impl IndexedPlace {
    fn new(stored: StoredPlace, cache: &mut HoursCache) -> Self {
        let place = &stored.place;
        let tz = hours::time_zone(place.code_insee.as_deref(), &place.code_postal);
        let hours = place.horaires.as_ref().and_then(|raw| {
            cache
                .entry((raw.clone(), tz))
                .or_insert_with(|| Hours::parse(raw, tz).ok().map(Arc::new))
                .clone()
        });
        Self {
            stored,
            hours,
            stop: None,
        }
    }

    /// The entry of one stop of an itinerant place.
    fn at_stop(place: &StoredPlace, stop: Stop) -> Self {
        let mut stored = place.clone();
        stored.place.latitude = Some(stop.latitude);
        stored.place.longitude = Some(stop.longitude);
        stored.position_approximate = stop.position_approximate;
        Self {
            stored,
            hours: None,
            stop: Some(Box::new(stop)),
        }
    }

    /// A stop's start and end, as instants.
    pub fn stop_span(&self) -> Option<(DateTime<Utc>, DateTime<Utc>)> {
        let stop = self.stop.as_ref()?;
        let place = &self.stored.place;
        let tz = hours::time_zone(place.code_insee.as_deref(), &place.code_postal);
        let instant = |t: chrono::NaiveTime| {
            tz.from_local_datetime(&stop.date.and_time(t))
                .earliest()
                .map(|at| at.with_timezone(&Utc))
        };
        Some((instant(stop.starts)?, instant(stop.ends)?))
    }

    /// One place on its own, outside any index (its hours parsed afresh).
    pub fn one(stored: StoredPlace) -> Self {
        Self::new(stored, &mut HoursCache::new())
    }

    /// Whether the place is open at `at`: `None` when its hours do not say.
    pub fn is_open(&self, at: DateTime<Utc>) -> Option<bool> {
        self.state(at).0
    }

    /// Whether the place is open at `at` and when that changes next; both
    /// `None` when its hours do not say.
    pub fn state(&self, at: DateTime<Utc>) -> (Option<bool>, Option<DateTime<Utc>>) {
        if self.stop.is_some() {
            return match self.stop_span() {
                Some((starts, _)) if at < starts => (Some(false), Some(starts)),
                Some((_, ends)) if at < ends => (Some(true), Some(ends)),
                Some(_) => (Some(false), None),
                None => (None, None),
            };
        }
        self.hours.as_ref().map_or((None, None), |h| h.state(at))
    }

    fn passes(&self, filters: &Filters) -> bool {
        filters.accept(&self.stored.place)
            && filters
                .not_before
                .is_none_or(|at| self.stop_span().is_none_or(|(_, ends)| ends > at))
            && filters
                .open_at
                .is_none_or(|at| self.is_open(at) == Some(true))
    }
}

/// Every located place, ready for nearest-first queries.
pub struct PlaceIndex {
    places: Vec<IndexedPlace>,
    tree: RTree<Point>,
    /// How many fixed places (not stops) pass each set of filters that does
    /// not depend on time: a search's « total » without a radius is then a
    /// lookup, not a scan of the whole directory.
    counts: Mutex<HashMap<Filters, usize>>,
}

impl PlaceIndex {
    /// Builds the index (bulk-loaded: a few milliseconds for 20,000 places).
    /// Places without a position cannot be found by proximity and are left out.
    pub fn new(places: Vec<StoredPlace>) -> Self {
        Self::with_stops(places, Vec::new())
    }

    /// Builds the index of `places` and of the `stops` of itinerant ones
    /// (in date order; the next one at each spot is kept).
    pub fn with_stops(places: Vec<StoredPlace>, stops: Vec<Stop>) -> Self {
        let mut cache = HoursCache::new();
        let by_id: HashMap<&str, &StoredPlace> =
            places.iter().map(|p| (p.place.id.as_str(), p)).collect();
        // Only the next stop at each spot (stops come in date order): a
        // village is listed once, with the café's next passage there.
        let mut spots = std::collections::HashSet::new();
        let stop_entries: Vec<IndexedPlace> = stops
            .into_iter()
            .filter(|stop| {
                spots.insert((
                    stop.place_id.clone(),
                    stop.latitude.to_bits(),
                    stop.longitude.to_bits(),
                ))
            })
            .filter_map(|stop| {
                let place = by_id.get(stop.place_id.as_str())?;
                Some(IndexedPlace::at_stop(place, stop))
            })
            .collect();
        let places: Vec<IndexedPlace> = places
            .into_iter()
            .filter(|p| p.place.latitude.is_some() && p.place.longitude.is_some())
            .map(|p| IndexedPlace::new(p, &mut cache))
            .chain(stop_entries)
            .collect();
        let points = places
            .iter()
            .enumerate()
            .map(|(i, p)| {
                let place = &p.stored.place;
                let position = unit_vector(
                    place.latitude.unwrap_or_default(),
                    place.longitude.unwrap_or_default(),
                );
                Point::new(position, i)
            })
            .collect();
        Self {
            tree: RTree::bulk_load(points),
            places,
            counts: Mutex::new(HashMap::new()),
        }
    }

    /// How many places are indexed.
    pub fn len(&self) -> usize {
        self.places.len()
    }

    /// Whether no place is indexed.
    pub fn is_empty(&self) -> bool {
        self.places.is_empty()
    }

    /// Where the places passing `filters` stand, as points of the unit sphere.
    pub fn positions(&self, filters: &Filters) -> Vec<[f64; 3]> {
        self.tree
            .iter()
            .filter(|point| self.places[point.data].passes(filters))
            .map(|point| *point.geom())
            .collect()
    }

    /// How many places pass `filters` within `radius_km` of the position
    /// (anywhere when no radius is given): without a radius this is a plain
    /// scan, cheaper than walking the tree in distance order.
    pub fn count(
        &self,
        latitude: f64,
        longitude: f64,
        filters: &Filters,
        radius_km: Option<f64>,
    ) -> usize {
        if radius_km.is_some() {
            return self
                .nearest(latitude, longitude, filters, radius_km)
                .count();
        }
        // Stops come last in `places` (see `with_stops`) and are few.
        let stops = self
            .places
            .iter()
            .rev()
            .take_while(|p| p.stop.is_some())
            .filter(|p| p.passes(filters))
            .count();
        if filters.open_at.is_some() {
            // Open or not changes with time: counted afresh.
            let fixed = self
                .places
                .iter()
                .filter(|p| p.stop.is_none() && p.passes(filters))
                .count();
            return fixed + stops;
        }
        let key = Filters {
            not_before: None,
            ..filters.clone()
        };
        let known = self.counts.lock().ok().and_then(|c| c.get(&key).copied());
        let fixed = known.unwrap_or_else(|| {
            let n = self
                .places
                .iter()
                .filter(|p| p.stop.is_none() && p.passes(&key))
                .count();
            if let Ok(mut counts) = self.counts.lock() {
                // Bounded: filter combinations are few, but a client could vary them.
                if counts.len() > 10_000 {
                    counts.clear();
                }
                counts.insert(key, n);
            }
            n
        });
        fixed + stops
    }

    /// Places passing `filters`, nearest first, with their distance in km,
    /// no farther than `radius_km` when given.
    pub fn nearest<'a>(
        &'a self,
        latitude: f64,
        longitude: f64,
        filters: &'a Filters,
        radius_km: Option<f64>,
    ) -> impl Iterator<Item = (&'a IndexedPlace, f64)> + 'a {
        let origin = unit_vector(latitude, longitude);
        self.tree
            .nearest_neighbor_iter(&origin)
            .map(move |point| (&self.places[point.data], distance_km(&origin, point.geom())))
            .take_while(move |(_, km)| radius_km.is_none_or(|r| *km <= r))
            .filter(move |(p, _)| p.passes(filters))
    }
}

#[cfg(test)]
#[path = "search_tests.rs"]
mod tests;
