//! Templates of the public place pages.

use askama::Template;

use crate::i18n::{self, Lang};
use crate::places::index::Filters;
use crate::places::model::Place;
use crate::places::vocabulary::{self, Vocabulary};
use crate::web::{Choice, Chrome};

/// One result line.
pub struct ResultRow {
    /// The place's page, keeping a chosen language.
    pub href: String,
    pub nom: String,
    pub address: String,
    pub distance: String,
    pub services: Vec<String>,
    pub free: bool,
    /// « Ouvert · ferme à 12 h », « Fermé · ouvre lundi à 9 h »…
    pub status: String,
}

/// Where a search is centred, in the words of the page's language.
pub struct Around {
    /// With its preposition (French: « de Cholet (49300) », « d’Angers… »).
    pub of: String,
    /// Alone: « Cholet (49300) », « your position ».
    pub name: String,
}

impl Around {
    fn args(&self) -> [(&'static str, i18n::FluentValue<'static>); 2] {
        [
            ("of", self.of.clone().into()),
            ("name", self.name.clone().into()),
        ]
    }
}

/// The search form's state, shown on the home page and above results.
pub struct SearchForm {
    pub q: String,
    /// Whether an address can be typed (the address base is imported).
    pub addresses: bool,
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
    pub criteria: Vec<String>,
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
                    label: vocabulary.label(v),
                    checked: selected.contains(v),
                })
                .collect()
        };
        Self {
            addresses: false,
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

impl SearchForm {
    /// « 2 critères choisis » (« 2 criteria chosen »).
    pub fn criteria_count_words(&self, lang: Lang) -> String {
        lang.t_with(
            "search-criteria-count",
            &[("count", self.criteria.len().into())],
        )
    }
}

/// The ticked filters in words, in the form's order and the current language.
fn criteria(filters: &Filters) -> Vec<String> {
    let label = |vocabulary: Vocabulary, values: &[&str]| -> Vec<String> {
        values.iter().map(|v| vocabulary.label(v)).collect()
    };
    let mut words = label(vocabulary::SERVICES, &filters.services);
    words.extend(filters.open_at.map(|_| i18n::t("search-open-now")));
    words.extend(filters.free.then(|| i18n::t("search-free")));
    words.extend(filters.accessible.then(|| i18n::t("search-accessible")));
    words.extend(label(vocabulary::PUBLICS, &filters.publics));
    words.extend(label(
        vocabulary::SPECIFIC_SUPPORT,
        &filters.specific_support,
    ));
    words
}

#[derive(Template)]
#[template(path = "places/search.html")]
pub struct SearchPage {
    pub chrome: Chrome,
    pub form: SearchForm,
    /// Where the search is centred, when the query resolved: « de Cholet
    /// (49300) » as French says it after « autour », and « Cholet (49300) ».
    pub around: Option<Around>,
    /// Other communes with the same name, as (label, query string).
    pub homonyms: Vec<(String, String)>,
    /// When nothing matched what was typed: likely communes, as (label, link).
    pub suggestions: Vec<(String, String)>,
    pub total: usize,
    /// `total` is the cap: only the nearest are listed.
    pub capped: bool,
    pub results: Vec<ResultRow>,
    /// Nothing near: the results are the nearest anyway.
    pub far: bool,
    /// The search is from an overseas commune: places beyond its territory
    /// are left out.
    pub overseas: bool,
    /// « Open now » found nothing: the nearest matching place, and when it opens.
    pub closed_now: Option<String>,
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
    /// Where to book an appointment here, when the place takes them.
    pub appointments_href: Option<String>,
    /// The structure's equipment request form, for a place a structure runs.
    pub equipment_href: Option<String>,
    /// Workshops to come here: (when, title, link).
    pub workshops: Vec<(String, String, String)>,
    /// « Nouvelle recherche »: back to the search the place was found by.
    pub new_search: String,
}

impl SearchPage {
    /// « 12 lieux autour de Cholet (49300) », « Les 100 lieux les plus proches… ».
    pub fn results_heading(&self, around: &Around) -> String {
        let key = if self.capped {
            "search-nearest"
        } else {
            "search-count"
        };
        let [of, name] = around.args();
        self.chrome
            .lang()
            .t_with(key, &[("count", self.total.into()), of, name])
    }

    /// « Lieux autour de Cholet (49300) », the page's title.
    pub fn title_around(&self, around: &Around) -> String {
        self.chrome
            .lang()
            .t_with("search-title-around", &around.args())
    }

    /// « Page 2 sur 5 ».
    pub fn page_words(&self) -> String {
        self.chrome.lang().t_with(
            "search-page-of",
            &[("page", self.page.into()), ("pages", self.pages.into())],
        )
    }
}

impl PlacePage {
    /// The values of one of the place's closed lists, in the page's language.
    pub fn labels(&self, vocabulary: &Vocabulary, values: &[&str]) -> Vec<String> {
        values.iter().map(|v| vocabulary.label(v)).collect()
    }

    /// The place's services, in the page's language.
    pub fn services(&self) -> Vec<String> {
        self.labels(&vocabulary::SERVICES, &self.place.services)
    }
    pub fn support_modes(&self) -> Vec<String> {
        self.labels(
            &vocabulary::SUPPORT_MODES,
            &self.place.modalites_accompagnement,
        )
    }
    pub fn fees(&self) -> String {
        self.labels(&vocabulary::FEES, &self.place.frais_a_charge)
            .join(", ")
    }
    pub fn publics(&self) -> String {
        self.labels(
            &vocabulary::PUBLICS,
            &self.place.publics_specifiquement_adresses,
        )
        .join(", ")
    }
    pub fn specific_support(&self) -> String {
        self.labels(
            &vocabulary::SPECIFIC_SUPPORT,
            &self.place.prise_en_charge_specifique,
        )
        .join(", ")
    }
    pub fn access_modes(&self) -> String {
        self.labels(&vocabulary::ACCESS_MODES, &self.place.modalites_acces)
            .join(", ")
    }
    /// « Fixe », « Itinérant » (or both), in the page's language.
    pub fn itinerancy(&self) -> String {
        self.labels(&vocabulary::ITINERANCY, &self.place.itinerance)
            .join(&self.chrome.t("and-separator"))
    }
    /// « mis à jour le 23/11/2026 » as the page's language writes a date.
    pub fn updated_on(&self) -> String {
        self.place
            .date_maj
            .format(&self.chrome.t("date-format"))
            .to_string()
    }
}
