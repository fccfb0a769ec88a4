//! The layout data every page template receives: who is logged in (if
//! anyone), the token for the logout button, and a flash message.

use crate::accounts::Role;
use crate::web::assets;

/// What `base.html` needs.
#[derive(Clone, Debug, Default)]
pub struct Chrome {
    pub user: Option<ChromeUser>,
    pub csrf_token: String,
    pub flash: Option<String>,
}

/// The logged-in person, as shown in the header.
#[derive(Clone, Debug)]
pub struct ChromeUser {
    pub display_name: String,
    pub organization_name: String,
    pub role: Role,
}

impl Chrome {
    /// The layout of a public page: nobody logged in, nothing stored.
    pub fn public() -> Self {
        Self::default()
    }

    /// The « autour de moi » script URL (search pages only).
    pub fn around_me_script(&self) -> &'static str {
        assets::around_me_path()
    }

    /// The stylesheet URL.
    pub fn stylesheet(&self) -> &'static str {
        assets::stylesheet_path()
    }
}
