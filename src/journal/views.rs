//! Template of the journal page.

use askama::Template;

use crate::web::Chrome;

/// One entry as shown: local time and French words.
pub struct EntryRow {
    pub when: String,
    pub event: String,
    pub actor: String,
    pub subject: String,
    pub detail: String,
}

#[derive(Template)]
#[template(path = "journal/list.html")]
pub struct JournalPage {
    pub chrome: Chrome,
    pub scope_label: String,
    pub entries: Vec<EntryRow>,
    pub page: u64,
    pub pages: u64,
    pub previous_page: Option<u64>,
    pub next_page: Option<u64>,
}
