//! The layout data every page template receives: who is logged in (if
//! anyone), the token for the logout button, a flash message, and the
//! page's language (its words, its links, the links to the other language).

use crate::accounts::Role;
use crate::i18n::Lang;
use crate::web::assets;
use crate::web::lang::{self, PageLanguage};

/// What `base.html` needs.
#[derive(Clone, Debug, Default)]
pub struct Chrome {
    pub user: Option<ChromeUser>,
    pub csrf_token: String,
    pub flash: Option<String>,
    /// The request's language (see `web::lang`).
    pub language: PageLanguage,
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
        Self {
            language: lang::page(),
            ..Self::default()
        }
    }

    /// The page's language.
    pub fn lang(&self) -> Lang {
        self.language.lang
    }

    /// The text for `key` in the page's language.
    pub fn t(&self, key: &str) -> String {
        self.language.lang.t(key)
    }

    /// `path` as a link from this page: it keeps a language the person chose.
    pub fn link(&self, path: &str) -> String {
        self.language.link(path)
    }

    /// This page in each other language: (language, address).
    pub fn alternates(&self) -> Vec<(Lang, String)> {
        self.language.alternates()
    }

    /// The language code a GET form must carry on (`<input name="lang">`),
    /// when the person chose it.
    pub fn chosen_lang(&self) -> Option<&'static str> {
        self.language.explicit.then_some(self.language.lang.code())
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
