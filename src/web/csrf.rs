//! Cross-site request forgery protection for every state-changing request.
//!
//! A POST is accepted only when it carries a `csrf_token` (form field, or
//! query parameter for multipart uploads) equal to a secret the browser was
//! given: the session's token once logged in, or, on the login form — where
//! no session may exist yet — a token in a short-lived cookie scoped to
//! `/connexion`. When the browser sends `Origin`, it must be this site.

use axum::body::{Body, to_bytes};
use axum::extract::{Request, State};
use axum::http::{HeaderMap, HeaderValue, Method, header};
use axum::middleware::Next;
use axum::response::Response;
use subtle::ConstantTimeEq;
use tower_sessions::Session;
use tower_sessions::cookie::Cookie;

use crate::app::AppState;
use crate::error::AppError;
use crate::web::random;

/// The session key holding a logged-in user's token.
pub const SESSION_KEY: &str = "csrf";
/// The form field (and query parameter) carrying the token.
pub const FIELD: &str = "csrf_token";
/// The cookie holding the login form's token.
pub const LOGIN_COOKIE: &str = "maille_csrf";
/// Largest urlencoded form body read to find the token.
const MAX_FORM_BYTES: usize = 1024 * 1024;

/// The token of the login form: the one already in the browser's cookie, or
/// a new one with the `Set-Cookie` header that gives it.
pub fn login_token(headers: &HeaderMap, secure: bool) -> (String, Option<HeaderValue>) {
    if let Some(token) = cookie_token(headers) {
        return (token, None);
    }
    let token = random::token();
    let secure = if secure { "; Secure" } else { "" };
    let cookie = format!(
        "{LOGIN_COOKIE}={token}; Path=/connexion; HttpOnly; SameSite=Strict; Max-Age=7200{secure}"
    );
    (token, HeaderValue::from_str(&cookie).ok())
}

/// The token of a logged-in session, created at login.
pub async fn session_token(session: &Session) -> Result<String, AppError> {
    if let Some(token) = session.get::<String>(SESSION_KEY).await? {
        return Ok(token);
    }
    let token = random::token();
    session.insert(SESSION_KEY, &token).await?;
    Ok(token)
}

fn cookie_token(headers: &HeaderMap) -> Option<String> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(Cookie::split_parse)
        .filter_map(Result::ok)
        .find(|c| c.name() == LOGIN_COOKIE)
        .map(|c| c.value().to_owned())
        .filter(|v| v.len() == 32 && v.chars().all(|c| c.is_ascii_hexdigit()))
}

fn token_in(pairs: &[u8]) -> Option<String> {
    serde_urlencoded::from_bytes::<Vec<(String, String)>>(pairs)
        .ok()?
        .into_iter()
        .find(|(name, _)| name == FIELD)
        .map(|(_, value)| value)
}

fn same_origin(headers: &HeaderMap, public_origin: Option<&str>) -> bool {
    let Some(origin) = headers.get(header::ORIGIN) else {
        return true; // old browsers and non-browser clients: the token decides
    };
    let Ok(origin) = origin.to_str() else {
        return false;
    };
    if let Some(expected) = public_origin {
        return origin == expected;
    }
    let Some(host) = headers.get(header::HOST).and_then(|h| h.to_str().ok()) else {
        return false;
    };
    origin
        .strip_prefix("http://")
        .or_else(|| origin.strip_prefix("https://"))
        == Some(host)
}

fn tokens_match(submitted: &str, expected: &str) -> bool {
    !expected.is_empty() && bool::from(submitted.as_bytes().ct_eq(expected.as_bytes()))
}

/// Middleware: refuses any state-changing request without a valid token.
pub async fn verify(
    State(state): State<AppState>,
    request: Request,
    next: Next,
) -> Result<Response, AppError> {
    // The API is read-only and never reads the session: a forged request
    // gains nothing there, and its 405 must stay a problem document.
    if matches!(
        *request.method(),
        Method::GET | Method::HEAD | Method::OPTIONS
    ) || request.uri().path().starts_with("/api/")
    {
        return Ok(next.run(request).await);
    }
    let public_origin = state.config.public_origin();
    if !same_origin(request.headers(), public_origin.as_deref()) {
        tracing::warn!(path = %request.uri().path(), "requête refusée : origine étrangère");
        return Err(AppError::CsrfRejected);
    }
    let (parts, body) = request.into_parts();
    let is_form = parts
        .headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("application/x-www-form-urlencoded"));
    let (submitted, body) = if is_form {
        let bytes = to_bytes(body, MAX_FORM_BYTES)
            .await
            .map_err(|_| AppError::PayloadTooLarge)?;
        (token_in(&bytes), Body::from(bytes))
    } else {
        (None, body)
    };
    let submitted = submitted.or_else(|| parts.uri.query().and_then(|q| token_in(q.as_bytes())));
    let session_token = match parts.extensions.get::<Session>() {
        Some(session) => session.get::<String>(SESSION_KEY).await?,
        None => None,
    };
    let cookie_token = cookie_token(&parts.headers);
    let accepted = submitted.is_some_and(|submitted| {
        [session_token, cookie_token]
            .iter()
            .flatten()
            .any(|expected| tokens_match(&submitted, expected))
    });
    if !accepted {
        tracing::warn!(path = %parts.uri.path(), "requête refusée : jeton CSRF absent ou invalide");
        return Err(AppError::CsrfRejected);
    }
    Ok(next.run(Request::from_parts(parts, body)).await)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn headers(pairs: &[(header::HeaderName, &str)]) -> HeaderMap {
        let mut map = HeaderMap::new();
        for (name, value) in pairs {
            map.append(name.clone(), HeaderValue::from_str(value).unwrap());
        }
        map
    }

    #[test]
    fn a_request_from_this_site_passes_the_origin_check() {
        let h = headers(&[
            (header::HOST, "127.0.0.1:8080"),
            (header::ORIGIN, "http://127.0.0.1:8080"),
        ]);
        assert!(same_origin(&h, None));
    }

    #[test]
    fn a_request_from_another_site_fails_the_origin_check() {
        let h = headers(&[
            (header::HOST, "maille.local"),
            (header::ORIGIN, "https://evil.example"),
        ]);
        assert!(!same_origin(&h, None));
        let h = headers(&[(header::HOST, "maille.local"), (header::ORIGIN, "null")]);
        assert!(!same_origin(&h, None));
    }

    #[test]
    fn behind_a_proxy_the_public_url_is_the_expected_origin() {
        let h = headers(&[
            (header::HOST, "127.0.0.1:8080"),
            (header::ORIGIN, "https://maille.example.org"),
        ]);
        assert!(same_origin(&h, Some("https://maille.example.org")));
        assert!(!same_origin(&h, Some("https://other.example.org")));
    }

    #[test]
    fn the_token_is_found_among_form_fields() {
        assert_eq!(
            token_in(b"email=a%40b.fr&csrf_token=abc&x=1").as_deref(),
            Some("abc")
        );
        assert_eq!(token_in(b"email=a%40b.fr"), None);
    }

    #[test]
    fn an_empty_expected_token_never_matches() {
        assert!(!tokens_match("", ""));
        assert!(tokens_match("abc", "abc"));
        assert!(!tokens_match("abd", "abc"));
    }

    #[test]
    fn the_login_cookie_is_reused_and_a_malformed_one_is_replaced() {
        let good = "0123456789abcdef0123456789abcdef";
        let h = headers(&[(header::COOKIE, &format!("a=b; {LOGIN_COOKIE}={good}"))]);
        assert_eq!(login_token(&h, false), (good.to_owned(), None));
        let h = headers(&[(header::COOKIE, &format!("{LOGIN_COOKIE}=<script>"))]);
        let (token, cookie) = login_token(&h, true);
        assert_eq!(token.len(), 32);
        let cookie = cookie.unwrap();
        let cookie = cookie.to_str().unwrap();
        assert!(
            cookie.contains("HttpOnly")
                && cookie.contains("SameSite=Strict")
                && cookie.contains("Secure")
        );
    }
}
