//! Nearest places, in memory: an R-tree over the places' positions as
//! points on the unit sphere. Straight-line (chord) order on the sphere is
//! exactly great-circle order, so the tree's nearest-first walk is the
//! answer, and it behaves the same whatever the database. Each place's
//! opening hours are parsed once, when the index is built; the index keeps
//! a summary of each place ([`IndexedPlace`]), built page by page.

pub mod answers;
pub mod directory;
pub mod packed;

pub use directory::Directory;
use rstar::RTree;
use rstar::primitives::GeomWithData;

use std::borrow::Cow;
use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use chrono::{DateTime, TimeZone, Utc};
use chrono_tz::Tz;

use crate::places::hours::{self, Hours};
use crate::places::model::Place;
use crate::places::stops::Stop;
use crate::places::store::StoredPlace;
use crate::places::vocabulary::{PUBLICS, SERVICES, SPECIFIC_SUPPORT, Vocabulary};
use answers::Answers;
use packed::PackedPlace;

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
    /// Whether `place` passes every filter that does not depend on time
    /// (the obvious reference the index's sets are tested against).
    pub fn accept(&self, place: &Place) -> bool {
        let has_all =
            |wanted: &[&str], offered: &[&str]| wanted.iter().all(|w| offered.contains(w));
        has_all(&self.services, &place.services)
            && has_all(&self.publics, &place.publics_specifiquement_adresses)
            && has_all(&self.specific_support, &place.prise_en_charge_specifique)
            && (!self.free || place.frais_a_charge.contains(&"Gratuit"))
            && (!self.accessible || Self::is_accessible(place))
    }

    /// Whether `place` is known to be accessible.
    fn is_accessible(place: &Place) -> bool {
        place.fiche_acces_libre.is_some()
            || place
                .prise_en_charge_specifique
                .contains(&"Handicaps moteurs")
    }
}

/// What the index keeps of a place: enough to filter, sort and list it,
/// and its schema fields packed as one row for the API — about 600 bytes,
/// where the full record as a `Place` weighs three kilobytes (20,000 of
/// them took 60 MB), and reading the records back from the database for
/// each answer made the API seven times slower. An itinerant place's
/// upcoming stops are entries of their own, at the stop's position: a
/// search near a village finds the café on the day it stops there.
pub struct IndexedPlace {
    /// The schema's fields (a stop's entry at the stop).
    row: PackedPlace,
    /// The time zone of the place's hours and stops.
    pub tz: Tz,
    /// The position is the commune's, not the address's.
    pub position_approximate: bool,
    /// `None` when the place gives no hours or hours Maille cannot read.
    /// Shared between places with the same timetable (and time zone).
    pub hours: Option<Arc<Hours>>,
    /// For a stop's entry: the stop (the position is the stop's).
    pub stop: Option<Box<Stop>>,
    services: Set,
    publics: Set,
    specific_support: Set,
    free: bool,
    accessible: bool,
}

/// Values of one closed list, as bits in the list's order.
type Set = u16;

// Every filtered list fits, with the top bit left for « a value outside the
// list » (see `Wanted::of`): a longer list in a new schema fails the build.
const _: () = assert!(
    SERVICES.values.len() < Set::BITS as usize
        && PUBLICS.values.len() < Set::BITS as usize
        && SPECIFIC_SUPPORT.values.len() < Set::BITS as usize
);

/// The set of `values` in `vocabulary`; a value outside the list adds
/// `outside` (nothing for a place's own values, which the parser already
/// checked; the top bit for a filter, so that it matches no place).
fn set_of(vocabulary: &Vocabulary, values: &[&str], outside: Set) -> Set {
    values.iter().fold(0, |set, value| {
        set | vocabulary
            .values
            .iter()
            .position(|v| v == value)
            .map_or(outside, |i| 1 << i)
    })
}

/// The bit no list value uses: « a value outside the list ».
const OUTSIDE: Set = 1 << (Set::BITS - 1);

/// Parsed hours by (text, time zone): national data repeats a few common
/// timetables thousands of times, and parsing is the slow part of a build.
type HoursCache = HashMap<(String, Tz), Option<Arc<Hours>>>;

impl IndexedPlace {
    fn new(stored: &StoredPlace, cache: &mut HoursCache) -> Self {
        let place = &stored.place;
        let tz = hours::time_zone(place.code_insee.as_deref(), &place.code_postal);
        let hours = place.horaires.as_ref().and_then(|raw| {
            cache
                .entry((raw.clone(), tz))
                .or_insert_with(|| Hours::parse(raw, tz).ok().map(Arc::new))
                .clone()
        });
        Self {
            hours,
            ..Self::summary(place, stored.position_approximate)
        }
    }

    /// The entry of one stop of an itinerant place: the place's fields at
    /// the stop's position, and the stop's times instead of hours.
    fn at_stop(stored: &StoredPlace, stop: Stop) -> Self {
        let at_stop = Place {
            latitude: Some(stop.latitude),
            longitude: Some(stop.longitude),
            ..stored.place.clone()
        };
        let position_approximate = stop.position_approximate;
        Self {
            stop: Some(Box::new(stop)),
            ..Self::summary(&at_stop, position_approximate)
        }
    }

    /// What every entry keeps of `place`, without hours or stop.
    fn summary(place: &Place, position_approximate: bool) -> Self {
        Self {
            row: PackedPlace::of(place),
            tz: hours::time_zone(place.code_insee.as_deref(), &place.code_postal),
            position_approximate,
            hours: None,
            stop: None,
            services: set_of(&SERVICES, &place.services, 0),
            publics: set_of(&PUBLICS, &place.publics_specifiquement_adresses, 0),
            specific_support: set_of(&SPECIFIC_SUPPORT, &place.prise_en_charge_specifique, 0),
            free: place.frais_a_charge.contains(&"Gratuit"),
            accessible: Filters::is_accessible(place),
        }
    }

    /// One place on its own, outside any index (its hours parsed afresh).
    pub fn one(stored: &StoredPlace) -> Self {
        Self::new(stored, &mut HoursCache::new())
    }

    /// The services the place offers, in the schema's order.
    pub fn services(&self) -> Vec<&'static str> {
        SERVICES
            .values
            .iter()
            .enumerate()
            .filter(|(i, _)| self.services & 1 << i != 0)
            .map(|(_, v)| *v)
            .collect()
    }

    /// The schema's `id`.
    pub fn id(&self) -> &str {
        self.row.id()
    }

    /// The schema's `nom`.
    pub fn nom(&self) -> &str {
        self.row.nom()
    }

    /// « 3 rue des Lilas, 49300 Cholet ».
    pub fn address(&self) -> String {
        self.row.address()
    }

    /// Writes the schema's fields as JSON object members, without braces.
    pub fn write_json_members(&self, out: &mut Vec<u8>) {
        self.row.write_json_members(out);
    }

    /// Whether the place is free of charge (« Gratuit »).
    pub fn is_free(&self) -> bool {
        self.free
    }

    /// A stop's start and end, as instants.
    pub fn stop_span(&self) -> Option<(DateTime<Utc>, DateTime<Utc>)> {
        let stop = self.stop.as_ref()?;
        let instant = |t: chrono::NaiveTime| {
            self.tz
                .from_local_datetime(&stop.date.and_time(t))
                .earliest()
                .map(|at| at.with_timezone(&Utc))
        };
        Some((instant(stop.starts)?, instant(stop.ends)?))
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

    fn passes(&self, wanted: &Wanted, filters: &Filters) -> bool {
        self.services & wanted.services == wanted.services
            && self.publics & wanted.publics == wanted.publics
            && self.specific_support & wanted.specific_support == wanted.specific_support
            && (!wanted.free || self.free)
            && (!wanted.accessible || self.accessible)
            && filters
                .not_before
                .is_none_or(|at| self.stop_span().is_none_or(|(_, ends)| ends > at))
            && filters
                .open_at
                .is_none_or(|at| self.is_open(at) == Some(true))
    }
}

/// The filters that do not depend on time, as sets: a check is a few
/// bit operations.
struct Wanted {
    services: Set,
    publics: Set,
    specific_support: Set,
    free: bool,
    accessible: bool,
}

impl Wanted {
    fn of(filters: &Filters) -> Self {
        // A value outside the list (not built by the parsers) matches nothing.
        Self {
            services: set_of(&SERVICES, &filters.services, OUTSIDE),
            publics: set_of(&PUBLICS, &filters.publics, OUTSIDE),
            specific_support: set_of(&SPECIFIC_SUPPORT, &filters.specific_support, OUTSIDE),
            free: filters.free,
            accessible: filters.accessible,
        }
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
    /// Pages and API answers written from this index this minute.
    pub answers: Answers,
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
        let mut builder = Builder::new(stops);
        builder.add(&places);
        builder.finish()
    }

    /// How many places are indexed.
    pub fn len(&self) -> usize {
        self.places.len()
    }

    /// Whether no place is indexed.
    pub fn is_empty(&self) -> bool {
        self.places.is_empty()
    }

    /// Distances to the nearest place passing `filters`, for many points
    /// (coverage). Without filters the index's own tree answers; with some,
    /// a tree of the places that pass is built once, so that each point
    /// still takes one nearest-neighbour step however few places pass.
    pub fn distances_to(&self, filters: &Filters) -> NearestPlace<'_> {
        if *filters == Filters::default() {
            return NearestPlace(Cow::Borrowed(&self.tree));
        }
        let passing = self.positions(filters).into_iter();
        NearestPlace(Cow::Owned(RTree::bulk_load(
            passing.map(|position| Point::new(position, 0)).collect(),
        )))
    }

    /// Where the places passing `filters` stand, as points of the unit sphere.
    pub fn positions(&self, filters: &Filters) -> Vec<[f64; 3]> {
        let wanted = Wanted::of(filters);
        self.tree
            .iter()
            .filter(|point| self.places[point.data].passes(&wanted, filters))
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
        let wanted = Wanted::of(filters);
        // Stops come last in `places` (see `Builder::finish`) and are few.
        let stops = self
            .places
            .iter()
            .rev()
            .take_while(|p| p.stop.is_some())
            .filter(|p| p.passes(&wanted, filters))
            .count();
        if filters.open_at.is_some() {
            // Open or not changes with time: counted afresh.
            let fixed = self
                .places
                .iter()
                .filter(|p| p.stop.is_none() && p.passes(&wanted, filters))
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
                .filter(|p| p.stop.is_none() && p.passes(&wanted, &key))
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
        let wanted = Wanted::of(filters);
        self.tree
            .nearest_neighbor_iter(&origin)
            .map(move |point| (&self.places[point.data], distance_km(&origin, point.geom())))
            .take_while(move |(_, km)| radius_km.is_none_or(|r| *km <= r))
            .filter(move |(p, _)| p.passes(&wanted, filters))
    }
}

/// The places some search counts, ready to say how far the nearest is.
pub struct NearestPlace<'a>(Cow<'a, RTree<Point>>);

impl NearestPlace<'_> {
    /// The distance in km from `point` (on the unit sphere) to the nearest
    /// place; `None` when there is none.
    pub fn km(&self, point: &[f64; 3]) -> Option<f64> {
        self.0
            .nearest_neighbor(point)
            .map(|p| distance_km(point, p.geom()))
    }
}

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
            answers: Answers::default(),
        }
    }
}

#[cfg(test)]
mod tests;
