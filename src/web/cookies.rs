//! Reading the tokens Maille keeps in cookies of their own (the login
//! form's CSRF token, a known browser's token): 32 hexadecimal characters,
//! anything else ignored.

use axum::http::{HeaderMap, header};
use tower_sessions::cookie::Cookie;

/// The token in the cookie `name`, if the request carries a well-formed one.
pub fn token(headers: &HeaderMap, name: &str) -> Option<String> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(Cookie::split_parse)
        .filter_map(Result::ok)
        .find(|c| c.name() == name)
        .map(|c| c.value().to_owned())
        .filter(|v| super::random::is_token(v))
}
