//! Static assets, embedded in the binary and served under a name that
//! changes with their content, so browsers may cache them forever.

use std::sync::LazyLock;

use axum::extract::Path;
use axum::http::header;
use axum::response::{IntoResponse, Response};

const STYLESHEET: &str = include_str!("../../static/maille.css");
/// « Autour de moi » on the search form: the only script, and optional.
const AROUND_ME: &str = include_str!("../../static/autour.js");

/// `/static/maille-<hash>.css`, computed once from the content.
static STYLESHEET_PATH: LazyLock<String> =
    LazyLock::new(|| format!("/static/maille-{:016x}.css", fnv1a(STYLESHEET.as_bytes())));

static AROUND_ME_PATH: LazyLock<String> =
    LazyLock::new(|| format!("/static/autour-{:016x}.js", fnv1a(AROUND_ME.as_bytes())));

/// The URL of the « autour de moi » script.
pub fn around_me_path() -> &'static str {
    &AROUND_ME_PATH
}

/// The URL of the stylesheet, for the layout.
pub fn stylesheet_path() -> &'static str {
    &STYLESHEET_PATH
}

/// FNV-1a: not cryptographic, only a stable fingerprint of the content.
fn fnv1a(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |hash, byte| {
        (hash ^ u64::from(*byte)).wrapping_mul(0x0100_0000_01b3)
    })
}

/// Serves `/static/{file}`.
pub async fn serve(Path(file): Path<String>) -> Response {
    if format!("/static/{file}") == *STYLESHEET_PATH {
        return (
            [
                (header::CONTENT_TYPE, "text/css; charset=utf-8"),
                (header::CACHE_CONTROL, "public, max-age=31536000, immutable"),
            ],
            STYLESHEET,
        )
            .into_response();
    }
    if format!("/static/{file}") == *AROUND_ME_PATH {
        return (
            [
                (header::CONTENT_TYPE, "text/javascript; charset=utf-8"),
                (header::CACHE_CONTROL, "public, max-age=31536000, immutable"),
            ],
            AROUND_ME,
        )
            .into_response();
    }
    crate::error::AppError::NotFound.into_response()
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_stylesheet_name_carries_a_content_hash() {
        let path = super::stylesheet_path();
        assert!(path.starts_with("/static/maille-") && path.ends_with(".css"));
        assert_eq!(path.len(), "/static/maille-".len() + 16 + ".css".len());
    }
}
