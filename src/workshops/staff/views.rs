//! What the staff workshop templates show (French until the staff catalogue exists).

use askama::Template;

use crate::validation::FormErrors;
use crate::web::Chrome;
use crate::web::form::Choice;

/// A session in the structure's list.
pub struct SessionRow {
    pub href: String,
    pub title: String,
    pub when: String,
    pub location: String,
    /// « 12 / 20 », « complet, 4 en attente ».
    pub seats: String,
    pub status: &'static str,
}

/// A format offered when planning.
pub struct FormatRow {
    pub id: String,
    pub title: String,
    pub details: String,
    pub plan_href: String,
}

#[derive(Template)]
#[template(path = "workshops/staff_list.html")]
pub struct ListPage {
    pub chrome: Chrome,
    pub sessions: Vec<SessionRow>,
    pub formats: Vec<FormatRow>,
    pub feed_href: String,
    pub failed_messages: u64,
}

#[derive(Template)]
#[template(path = "workshops/staff_format.html")]
pub struct FormatFormPage {
    pub chrome: Chrome,
    pub errors: FormErrors,
    pub title: String,
    pub description: String,
    pub themes: Vec<Choice>,
    pub levels: Vec<Choice>,
    pub games: Vec<Choice>,
    /// No game kind is chosen: « not a game » is.
    pub game_none: bool,
    pub level_none: bool,
    pub duration_min: String,
    pub capacity: String,
}

/// A place or a stop to hold a session at.
pub struct VenueOption {
    pub value: String,
    pub label: String,
    pub selected: bool,
}

#[derive(Template)]
#[template(path = "workshops/staff_session_form.html")]
pub struct SessionFormPage {
    pub chrome: Chrome,
    pub errors: FormErrors,
    pub formats: Vec<VenueOption>,
    pub venues: Vec<VenueOption>,
    pub title: String,
    pub description: String,
    pub themes: Vec<Choice>,
    pub date: String,
    pub time: String,
    pub duration_min: String,
    pub capacity: String,
    pub mediators: String,
    /// A format was chosen: its title and themes apply unless changed.
    pub from_format: bool,
}

/// One line of a session's list.
pub struct RegistrationRow {
    pub id: String,
    pub name: String,
    pub contact: String,
    /// « Confirmée », « En attente (2) », « Annulée », « Venue sans inscription ».
    pub state: String,
    pub live: bool,
    pub attended: Option<bool>,
    pub cancel_action: String,
}

/// A person followed, to link a participant to.
pub struct PersonOption {
    pub id: String,
    pub label: String,
}

#[derive(Template)]
#[template(path = "workshops/staff_session.html")]
pub struct SessionPage {
    pub chrome: Chrome,
    pub id: String,
    pub title: String,
    pub when: String,
    pub location: String,
    pub capacity: i32,
    pub confirmed: i32,
    pub waiting: i32,
    pub status: &'static str,
    pub registrations: Vec<RegistrationRow>,
    pub people: Vec<PersonOption>,
    pub public_href: String,
    /// Attendance can be taken (started, planned).
    pub attendance_open: bool,
    pub activity_href: Option<String>,
    pub errors: FormErrors,
    pub name: String,
    pub phone: String,
    pub email: String,
}
