//! What the public workshop templates show, in the request's language.

use askama::Template;

use crate::mediation::vocabulary::THEMES;
use crate::validation::FormErrors;
use crate::web::Chrome;
use crate::workshops::messages::when_words;
use crate::workshops::model::GAME_KINDS;
use crate::workshops::store::{SessionRecord, seats_left, themes_of};

/// One session in a list or on its page.
pub struct SessionView {
    pub href: String,
    pub title: String,
    pub when: String,
    pub location: String,
    pub description: String,
    pub themes: String,
    /// « Escape game », for a media-education game.
    pub game: Option<String>,
    /// « 3 places libres », « Complet : liste d’attente ».
    pub seats: String,
    pub full: bool,
    pub distance: Option<String>,
}

impl SessionView {
    pub fn new(chrome: &Chrome, session: &SessionRecord, distance_km: Option<f64>) -> Self {
        let left = seats_left(session);
        Self {
            href: chrome.link(&format!("/ateliers/{}", session.id)),
            title: session.title.clone(),
            when: when_words(session),
            location: session.location.clone(),
            description: session.description.clone(),
            themes: themes_of(session)
                .iter()
                .map(|code| THEMES.label(code))
                .collect::<Vec<_>>()
                .join(" · "),
            game: session
                .game_kind
                .as_deref()
                .map(|kind| GAME_KINDS.label(kind).to_owned()),
            seats: if left == 0 {
                crate::i18n::t("workshop-full")
            } else {
                crate::i18n::t_with("workshop-seats-left", &[("count", left.into())])
            },
            full: left == 0,
            distance: distance_km.map(crate::places::public::words::distance_words),
        }
    }
}

#[derive(Template)]
#[template(path = "workshops/search.html")]
pub struct SearchPage {
    pub chrome: Chrome,
    pub q: String,
    pub q_error: Option<String>,
    /// « près de Cholet (49300) », once a commune is understood.
    pub around: Option<String>,
    pub sessions: Vec<SessionView>,
}

#[derive(Template)]
#[template(path = "workshops/session.html")]
pub struct SessionPage {
    pub chrome: Chrome,
    pub session: SessionView,
    pub calendar_href: String,
    pub poster_href: String,
    pub register_action: String,
    /// Registration is open (planned, not started).
    pub open: bool,
    pub errors: FormErrors,
    pub name: String,
    pub phone: String,
    pub email: String,
    pub consent: bool,
}

#[derive(Template)]
#[template(path = "workshops/poster.html")]
pub struct PosterPage {
    pub chrome: Chrome,
    pub session: SessionView,
    /// The page's full address, to type or scan.
    pub address: String,
}

#[derive(Template)]
#[template(path = "workshops/booking.html")]
pub struct BookingPage {
    pub chrome: Chrome,
    pub session: SessionView,
    pub name: String,
    /// What the booking is now, in words.
    pub state: String,
    /// Cancellable: live, and the session has not started.
    pub can_cancel: bool,
    pub just_made: bool,
    /// The page's own address (to keep), the calendar file, the cancel form.
    pub address: String,
    pub calendar_href: String,
    pub cancel_action: String,
}
