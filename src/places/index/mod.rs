//! Nearest places, in memory: an R-tree over the places' positions as
//! points on the unit sphere. Straight-line (chord) order on the sphere is
//! exactly great-circle order, so the tree's nearest-first walk is the
//! answer, and it behaves the same whatever the database. Each place's
//! opening hours are parsed once, when the index is built; the index keeps
//! a summary of each place ([`IndexedPlace`]), built page by page.

pub mod answers;
pub mod builder;
pub mod directory;
pub mod entry;
pub mod filters;
pub mod packed;

pub use builder::Builder;
pub use directory::Directory;
pub use entry::IndexedPlace;
pub use filters::Filters;
use filters::Wanted;
use std::borrow::Cow;
use std::collections::HashMap;
use std::sync::Mutex;

use rstar::RTree;
use rstar::primitives::GeomWithData;

use crate::places::stops::Stop;
use crate::places::store::StoredPlace;
use answers::Answers;

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

/// Every located place, ready for nearest-first queries.
pub struct PlaceIndex {
    places: Vec<IndexedPlace>,
    tree: RTree<Point>,
    /// How many fixed places (not stops) pass each set of filters that does
    /// not depend on time: a search's « total » without a radius is then a
    /// lookup, not a scan of the whole directory.
    counts: Mutex<HashMap<Filters, usize>>,
    /// How many fixed places each department holds, most first: counted
    /// the first time a page asks.
    departments: std::sync::OnceLock<Vec<(&'static str, usize)>>,
    /// Whether the address base holds addresses (read with the places):
    /// the search box promises addresses only then.
    pub addresses_known: bool,
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

    /// How many fixed places each department holds, most first.
    pub fn departments(&self) -> &[(&'static str, usize)] {
        self.departments.get_or_init(|| {
            // Kept while counted: a field may be decoded from the packed row.
            let codes: Vec<_> = self
                .places
                .iter()
                .filter(|p| p.stop.is_none())
                .map(|p| {
                    (
                        p.field(crate::places::Field::CodeInsee),
                        p.field(crate::places::Field::CodePostal),
                    )
                })
                .collect();
            crate::territory::regions::departments_holding(codes.iter().map(|(insee, postcode)| {
                (
                    Some(insee.as_ref()).filter(|c| !c.is_empty()),
                    postcode.as_ref(),
                )
            }))
        })
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

#[cfg(test)]
mod tests;
