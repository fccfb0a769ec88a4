//! What the index keeps of each place ([`IndexedPlace`]): enough to
//! filter, sort and list it, and its schema fields packed as one row.

use std::collections::HashMap;
use std::sync::Arc;

use chrono::{DateTime, TimeZone, Utc};
use chrono_tz::Tz;

use super::filters::{Filters, Set, Wanted, set_of};
use super::packed::PackedPlace;
use crate::places::hours::{self, Hours};
use crate::places::model::Place;
use crate::places::stops::Stop;
use crate::places::store::StoredPlace;
use crate::places::vocabulary::{PUBLICS, SERVICES, SPECIFIC_SUPPORT};

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

/// Parsed hours by (text, time zone): national data repeats a few common
/// timetables thousands of times, and parsing is the slow part of a build.
pub(super) type HoursCache = HashMap<(String, Tz), Option<Arc<Hours>>>;

impl IndexedPlace {
    pub(super) fn new(stored: &StoredPlace, cache: &mut HoursCache) -> Self {
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
    pub(super) fn at_stop(stored: &StoredPlace, stop: Stop) -> Self {
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

    /// One of the schema's fields, as text.
    pub fn field(&self, field: crate::places::Field) -> std::borrow::Cow<'_, str> {
        self.row.field(field)
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

    pub(super) fn passes(&self, wanted: &Wanted, filters: &Filters) -> bool {
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
