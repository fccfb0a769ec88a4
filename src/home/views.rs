//! Templates of the home pages.

use askama::Template;

use crate::places::public::views::SearchForm;
use crate::web::Chrome;

#[derive(Template)]
#[template(path = "home/index.html")]
pub struct HomePage {
    pub chrome: Chrome,
    pub form: SearchForm,
}

#[derive(Template)]
#[template(path = "home/staff.html")]
pub struct StaffHomePage {
    pub chrome: Chrome,
    pub display_name: String,
    pub organization_name: String,
    pub organization_kind: String,
    pub role_label: String,
    /// (URL, label) of what this person can do.
    pub links: Vec<(&'static str, &'static str)>,
}
