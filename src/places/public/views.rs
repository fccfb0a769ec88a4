//! Templates of the public place pages.

use askama::Template;

use crate::places::index::Filters;
use crate::places::model::Place;
use crate::places::vocabulary::{self, Vocabulary};
use crate::web::{Choice, Chrome};

/// One result line.
pub struct ResultRow {
    pub id: String,
    pub nom: String,
    pub address: String,
    pub distance: String,
    pub services: Vec<&'static str>,
    pub free: bool,
    /// « Ouvert · ferme à 12 h », « Fermé · ouvre lundi à 9 h »…
    pub status: String,
}

/// The search form's state, shown on the home page and above results.
pub struct SearchForm {
    pub q: String,
    /// Why the query found nothing, shown next to the field.
    pub q_error: Option<String>,
    pub services: Vec<Choice>,
    pub publics: Vec<Choice>,
    pub supports: Vec<Choice>,
    pub free: bool,
    pub accessible: bool,
    pub open_now: bool,
    /// What is ticked, in words (« Ouvert maintenant »…): said beside the
    /// closed filters panel and above the results.
    pub criteria: Vec<&'static str>,
    /// The filters panel starts open. On a results page it starts closed,
    /// so that on a phone the results come right after the search field,
    /// not after thirty checkboxes; it opens when nothing matched what is
    /// ticked, so a criterion can be unticked at once.
    pub open: bool,
}

impl SearchForm {
    /// The form as `filters` and `q` leave it.
    pub fn new(q: &str, filters: &Filters) -> Self {
        let choices = |vocabulary: Vocabulary, selected: &[&'static str]| {
            vocabulary
                .values
                .iter()
                .map(|v| Choice {
                    value: (*v).to_owned(),
                    label: (*v).to_owned(),
                    checked: selected.contains(v),
                })
                .collect()
        };
        Self {
            q: q.to_owned(),
            q_error: None,
            services: choices(vocabulary::SERVICES, &filters.services),
            publics: choices(vocabulary::PUBLICS, &filters.publics),
            supports: choices(vocabulary::SPECIFIC_SUPPORT, &filters.specific_support),
            free: filters.free,
            accessible: filters.accessible,
            open_now: filters.open_at.is_some(),
            criteria: criteria(filters),
            open: false,
        }
    }
}

/// The ticked filters in words, in the form's order.
fn criteria(filters: &Filters) -> Vec<&'static str> {
    let mut words = filters.services.clone();
    words.extend(filters.open_at.map(|_| "Ouvert maintenant"));
    words.extend(filters.free.then_some("Gratuit"));
    words.extend(
        filters
            .accessible
            .then_some("Accessible en fauteuil roulant"),
    );
    words.extend(&filters.publics);
    words.extend(&filters.specific_support);
    words
}

#[derive(Template)]
#[template(path = "places/search.html")]
pub struct SearchPage {
    pub chrome: Chrome,
    pub form: SearchForm,
    /// The commune searched around, when the query resolved.
    pub around: Option<String>,
    /// Other communes with the same name, as (label, query string).
    pub homonyms: Vec<(String, String)>,
    pub total: usize,
    /// `total` is the cap: only the nearest are listed.
    pub capped: bool,
    pub results: Vec<ResultRow>,
    /// Nothing near: the results are the nearest anyway.
    pub far: bool,
    pub page: usize,
    pub pages: usize,
    pub previous_href: Option<String>,
    pub next_href: Option<String>,
}

#[derive(Template)]
#[template(path = "places/show.html")]
pub struct PlacePage {
    pub chrome: Chrome,
    pub place: Place,
    pub phone_display: Option<String>,
    pub approximate: bool,
    /// The week in words, when the hours could be read.
    pub hours_words: Option<String>,
    /// Open or closed now, and until or from when.
    pub status: Option<String>,
    /// An itinerant place's next stops: (when, where).
    pub stops: Vec<(String, String)>,
}
