//! Cross-site request forgery protection for every state-changing request.
//!
//! A POST is accepted only when its body carries a `csrf_token` field equal
//! to a secret the browser was given: the session's token once logged in,
//! or, on the login form only — where no session may exist yet — a token in
//! a short-lived cookie scoped to `/connexion`. A cookie can be planted by a
//! neighbour site, so the cookie's token opens nothing but the login form.
//! Uploads (`multipart/form-data`) carry the token as their first part, read
//! here without buffering the file behind it. When the browser sends
//! `Origin`, it must be this site. Public forms (registering to a session,
//! cancelling a booking) need no token: visitors have no session.

use axum::body::{Body, Bytes, to_bytes};
use axum::extract::{Request, State};
use axum::http::{HeaderMap, HeaderValue, Method, header};
use axum::middleware::Next;
use axum::response::Response;
use futures_util::{StreamExt, stream};
use subtle::ConstantTimeEq;
use tower_sessions::Session;

use crate::app::AppState;
use crate::error::AppError;
use crate::web::random;

/// The session key holding a logged-in user's token.
pub const SESSION_KEY: &str = "csrf";
/// The form field carrying the token.
pub const FIELD: &str = "csrf_token";
/// The only path where the login cookie's token is accepted.
const LOGIN_PATH: &str = "/connexion";
/// The cookie holding the login form's token.
pub const LOGIN_COOKIE: &str = "maille_csrf";
/// Largest urlencoded form body read to find the token.
const MAX_FORM_BYTES: usize = 1024 * 1024;
/// How far into an upload the token part must have ended.
const MAX_MULTIPART_HEAD_BYTES: usize = 8 * 1024;

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
    super::cookies::token(headers, LOGIN_COOKIE)
}

fn token_in(pairs: &[u8]) -> Option<String> {
    serde_urlencoded::from_bytes::<Vec<(String, String)>>(pairs)
        .ok()?
        .into_iter()
        .find(|(name, _)| name == FIELD)
        .map(|(_, value)| value)
}

pub(crate) fn same_origin(headers: &HeaderMap, public_origin: Option<&str>) -> bool {
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

/// The `boundary` parameter of a `multipart/form-data` content type.
fn multipart_boundary(content_type: &str) -> Option<String> {
    let (kind, parameters) = content_type.split_once(';')?;
    if !kind.trim().eq_ignore_ascii_case("multipart/form-data") {
        return None;
    }
    parameters.split(';').find_map(|p| {
        let (name, value) = p.trim().split_once('=')?;
        let value = value.trim().trim_matches('"');
        (name.trim().eq_ignore_ascii_case("boundary") && !value.is_empty())
            .then(|| value.to_owned())
    })
}

/// The value of an upload's first part when that part is the token field,
/// once the bytes read so far hold all of it; `None` while more are needed.
/// `Some(None)` when the first part is anything else.
fn first_part_token(head: &[u8], boundary: &str) -> Option<Option<String>> {
    let delimiter = format!("--{boundary}\r\n");
    let start = find(head, delimiter.as_bytes())? + delimiter.len();
    let headers_end = start + find(&head[start..], b"\r\n\r\n")?;
    let headers = String::from_utf8_lossy(&head[start..headers_end]).to_ascii_lowercase();
    let is_token = headers.lines().any(|line| {
        line.starts_with("content-disposition:") && line.contains(&format!("name=\"{FIELD}\""))
    });
    if !is_token {
        return Some(None);
    }
    let value_start = headers_end + 4;
    let closing = format!("\r\n--{boundary}");
    let value_end = value_start + find(&head[value_start..], closing.as_bytes())?;
    Some(String::from_utf8(head[value_start..value_end].to_vec()).ok())
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

/// Reads an upload only as far as its first part, the token, and gives back
/// a body that replays what was read followed by the rest, untouched: the
/// file behind it is never buffered here.
async fn token_of_upload(body: Body, boundary: &str) -> (Option<String>, Body) {
    let mut stream = body.into_data_stream();
    let mut head = Vec::new();
    let token = loop {
        if let Some(found) = first_part_token(&head, boundary) {
            break found;
        }
        if head.len() > MAX_MULTIPART_HEAD_BYTES {
            break None;
        }
        match stream.next().await {
            Some(Ok(chunk)) => head.extend_from_slice(&chunk),
            _ => break None,
        }
    };
    let replay = stream::iter([Ok(Bytes::from(head))]).chain(stream);
    (token, Body::from_stream(replay))
}

pub(crate) fn tokens_match(submitted: &str, expected: &str) -> bool {
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
    // Public forms are sent by visitors, who have no session and get no
    // cookie: their own origin (checked above) is required, and what they
    // change is reached only through an unguessable link or creates a
    // registration the person is told about.
    if super::rate_limit::is_public_form(request.uri().path()) {
        return Ok(next.run(request).await);
    }
    let (parts, body) = request.into_parts();
    let content_type = parts
        .headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .to_owned();
    let (submitted, body) = if content_type.starts_with("application/x-www-form-urlencoded") {
        let bytes = to_bytes(body, MAX_FORM_BYTES)
            .await
            .map_err(|_| AppError::PayloadTooLarge)?;
        (token_in(&bytes), Body::from(bytes))
    } else if let Some(boundary) = multipart_boundary(&content_type) {
        token_of_upload(body, &boundary).await
    } else {
        (None, body)
    };
    let session_token = match parts.extensions.get::<Session>() {
        Some(session) => session.get::<String>(SESSION_KEY).await?,
        None => None,
    };
    let cookie_token = (parts.uri.path() == LOGIN_PATH)
        .then(|| cookie_token(&parts.headers))
        .flatten();
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
    fn the_token_is_the_first_part_of_an_upload_and_only_the_first() {
        let boundary = "b0undary";
        let upload = format!(
            "--{boundary}\r\nContent-Disposition: form-data; name=\"csrf_token\"\r\n\r\nabc\r\n--{boundary}\r\nContent-Disposition: form-data; name=\"fichier\"; filename=\"a.csv\"\r\n\r\nid,nom"
        );
        assert_eq!(
            first_part_token(upload.as_bytes(), boundary),
            Some(Some("abc".to_owned()))
        );
        // Not all of the token's part has arrived yet: read on.
        assert_eq!(first_part_token(&upload.as_bytes()[..60], boundary), None);
        let file_first = format!(
            "--{boundary}\r\nContent-Disposition: form-data; name=\"fichier\"; filename=\"a.csv\"\r\n\r\nid,nom"
        );
        assert_eq!(
            first_part_token(file_first.as_bytes(), boundary),
            Some(None)
        );
        assert_eq!(
            multipart_boundary("multipart/form-data; boundary=\"b0undary\"").as_deref(),
            Some(boundary)
        );
        assert_eq!(multipart_boundary("text/plain; boundary=x"), None);
    }

    #[tokio::test]
    async fn an_upload_is_given_back_whole_after_its_token_is_read() {
        let boundary = "b0undary";
        let upload = format!(
            "--{boundary}\r\nContent-Disposition: form-data; name=\"csrf_token\"\r\n\r\nabc\r\n--{boundary}\r\nContent-Disposition: form-data; name=\"fichier\"\r\n\r\n{}\r\n--{boundary}--\r\n",
            "x".repeat(100_000)
        );
        let chunks: Vec<Result<Bytes, std::io::Error>> = upload
            .as_bytes()
            .chunks(7)
            .map(|c| Ok(Bytes::copy_from_slice(c)))
            .collect();
        let body = Body::from_stream(stream::iter(chunks));
        let (token, body) = token_of_upload(body, boundary).await;
        assert_eq!(token.as_deref(), Some("abc"));
        let replayed = to_bytes(body, usize::MAX).await.unwrap();
        assert_eq!(replayed, upload.as_bytes());
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
