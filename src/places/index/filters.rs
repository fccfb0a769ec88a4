//! What a search asks beyond proximity ([`Filters`]), and the same filters
//! as bit sets (`Wanted`) that an index entry is checked against in a few
//! operations.

use chrono::{DateTime, Utc};

use crate::places::model::Place;
use crate::places::vocabulary::{PUBLICS, SERVICES, SPECIFIC_SUPPORT, Vocabulary};

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
    pub(super) fn is_accessible(place: &Place) -> bool {
        place.fiche_acces_libre.is_some()
            || place
                .prise_en_charge_specifique
                .contains(&"Handicaps moteurs")
    }
}

/// Values of one closed list, as bits in the list's order.
pub(super) type Set = u16;

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
pub(super) fn set_of(vocabulary: &Vocabulary, values: &[&str], outside: Set) -> Set {
    values.iter().fold(0, |set, value| {
        set | vocabulary
            .values
            .iter()
            .position(|v| v == value)
            .map_or(outside, |i| 1 << i)
    })
}

/// The bit no list value uses: « a value outside the list ».
pub(super) const OUTSIDE: Set = 1 << (Set::BITS - 1);

/// The filters that do not depend on time, as sets: a check is a few
/// bit operations.
pub(super) struct Wanted {
    pub(super) services: Set,
    pub(super) publics: Set,
    pub(super) specific_support: Set,
    pub(super) free: bool,
    pub(super) accessible: bool,
}

impl Wanted {
    pub(super) fn of(filters: &Filters) -> Self {
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
