//! A question asked before a destructive action — deleting a stop,
//! deactivating an account, replacing a password — as a page of its own,
//! so it works without JavaScript: the action's form posts once without
//! [`FIELD`], gets this page, and its « yes » button posts again with it.

use askama::Template;

use crate::web::Chrome;

/// The field a confirmed request carries (`confirme=oui`).
pub const FIELD: &str = "confirme";

/// The value of [`FIELD`] that confirms.
pub const YES: &str = "oui";

/// What a destructive form carries besides its own fields.
#[derive(Clone, Debug, Default, serde::Deserialize)]
pub struct Confirmation {
    #[serde(default)]
    pub confirme: String,
}

impl Confirmation {
    /// Whether the person said yes on the confirmation page.
    pub fn given(&self) -> bool {
        self.confirme == YES
    }
}

#[derive(Template)]
#[template(path = "confirm.html")]
pub struct ConfirmPage {
    pub chrome: Chrome,
    /// The question, « Supprimer cette halte ? ».
    pub heading: String,
    /// What will happen, in words.
    pub consequence: String,
    /// Where the « yes » posts, and the fields it posts again.
    pub action: String,
    pub fields: Vec<(String, String)>,
    /// « Oui, supprimer la halte ».
    pub confirm_label: String,
    /// Where « no » goes back to.
    pub cancel_href: String,
}
