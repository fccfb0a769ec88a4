//! The language of a public request: `?lang=en` when the person chose it
//! with the link every public page shows (kept in that page's links and
//! forms), else the browser's `Accept-Language`, else French. No cookie: an
//! anonymous visitor leaves nothing behind. Staff pages (`/espace…`) stay
//! in French until their catalogue exists.
//!
//! The choice is made once, in [`negotiate`], and holds for the whole
//! request as a task-local: templates read it through `Chrome`, messages
//! produced by code through `i18n::t`.

use axum::extract::Request;
use axum::http::{HeaderValue, header};
use axum::middleware::Next;
use axum::response::Response;

use crate::i18n::{self, Lang};

/// The query parameter that chooses a language.
pub const PARAMETER: &str = "lang";

/// How a page's language was chosen, and where the page is (for the links
/// to the same page in another language).
#[derive(Clone, Debug, Default)]
pub struct PageLanguage {
    pub lang: Lang,
    /// Chosen with `?lang=`: links and forms carry it on.
    pub explicit: bool,
    /// The page's path and query, as received: the links to the other
    /// languages are derived from them when a page draws them.
    pub path: String,
    pub query: String,
    /// A public page, which offers the other languages (staff pages do not yet).
    pub switchable: bool,
}

tokio::task_local! {
    static PAGE: PageLanguage;
}

/// The language of the current page (French, not explicit, outside a request).
pub fn page() -> PageLanguage {
    PAGE.try_with(Clone::clone).unwrap_or_default()
}

/// Whether `path` is a staff page, which stays in French.
fn is_staff(path: &str) -> bool {
    path == "/espace" || path.starts_with("/espace/") || path == "/deconnexion"
}

/// The language `request` asks for (see the module's header).
fn choose(request: &Request) -> PageLanguage {
    let path = request.uri().path().to_owned();
    let query = request.uri().query().unwrap_or_default().to_owned();
    // Every request passes here (the API, static files): the query is only
    // decoded when it may name a language.
    let explicit = if query.contains(PARAMETER) {
        serde_urlencoded::from_str::<Vec<(String, String)>>(&query)
            .unwrap_or_default()
            .into_iter()
            .find_map(|(key, value)| {
                (key == PARAMETER)
                    .then(|| Lang::from_code(&value))
                    .flatten()
            })
    } else {
        None
    };
    if is_staff(&path) {
        return PageLanguage {
            path,
            query,
            ..PageLanguage::default()
        };
    }
    let from_browser = || {
        request
            .headers()
            .get(header::ACCEPT_LANGUAGE)
            .and_then(|v| v.to_str().ok())
            .and_then(Lang::from_accept_language)
    };
    PageLanguage {
        lang: explicit.or_else(from_browser).unwrap_or_default(),
        explicit: explicit.is_some(),
        path,
        query,
        switchable: true,
    }
}

/// Serves the request in its language, and tells caches that the answer
/// depends on `Accept-Language`.
pub async fn negotiate(request: Request, next: Next) -> Response {
    let page = choose(&request);
    let lang = page.lang;
    let mut response = i18n::speaking(lang, PAGE.scope(page, next.run(request))).await;
    response
        .headers_mut()
        .append(header::VARY, HeaderValue::from_static("accept-language"));
    if !response.headers().contains_key(header::CONTENT_LANGUAGE) {
        response.headers_mut().insert(
            header::CONTENT_LANGUAGE,
            HeaderValue::from_static(lang.code()),
        );
    }
    response
}

impl PageLanguage {
    /// `path` (which may hold a query) with `lang=` when the language was chosen.
    pub fn link(&self, path: &str) -> String {
        if !self.explicit {
            return path.to_owned();
        }
        let separator = if path.contains('?') { '&' } else { '?' };
        format!("{path}{separator}{PARAMETER}={}", self.lang.code())
    }

    /// This page in each other language: (language, address).
    pub fn alternates(&self) -> Vec<(Lang, String)> {
        let rest: Vec<(String, String)> =
            serde_urlencoded::from_str::<Vec<(String, String)>>(&self.query)
                .unwrap_or_default()
                .into_iter()
                .filter(|(key, _)| key != PARAMETER)
                .collect();
        let rest = serde_urlencoded::to_string(rest).unwrap_or_default();
        let separator = if rest.is_empty() { "" } else { "&" };
        Lang::ALL
            .into_iter()
            .filter(|lang| *lang != self.lang)
            .map(|lang| {
                let href = format!("{}?{rest}{separator}{PARAMETER}={}", self.path, lang.code());
                (lang, href)
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::body::Body;

    fn request(uri: &str, accept: Option<&str>) -> PageLanguage {
        let mut builder = Request::get(uri);
        if let Some(accept) = accept {
            builder = builder.header(header::ACCEPT_LANGUAGE, accept);
        }
        choose(&builder.body(Body::empty()).unwrap())
    }

    #[test]
    fn a_chosen_language_wins_over_the_browsers_and_is_kept_in_links() {
        let page = request("/lieux?q=Cholet&lang=en", Some("fr"));
        assert_eq!((page.lang, page.explicit), (Lang::En, true));
        assert_eq!(page.link("/lieux/x"), "/lieux/x?lang=en");
        assert_eq!(page.link("/lieux?q=a"), "/lieux?q=a&lang=en");
        assert_eq!(
            page.alternates(),
            [(Lang::Fr, "/lieux?q=Cholet&lang=fr".to_owned())]
        );
    }

    #[test]
    fn without_a_choice_the_browser_decides_and_links_stay_plain() {
        let page = request("/", Some("en-US,en;q=0.9"));
        assert_eq!((page.lang, page.explicit), (Lang::En, false));
        assert_eq!(page.link("/lieux"), "/lieux");
        assert_eq!(page.alternates(), [(Lang::Fr, "/?lang=fr".to_owned())]);
        assert_eq!(request("/", Some("de")).lang, Lang::Fr);
        assert_eq!(request("/?lang=klingon", None).lang, Lang::Fr);
    }

    #[test]
    fn staff_pages_stay_in_french() {
        assert_eq!(request("/espace/lieux?lang=en", Some("en")).lang, Lang::Fr);
    }
}
