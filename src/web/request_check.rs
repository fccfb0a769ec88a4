//! Requests refused before any route sees them, the same way on every route
//! — a problem document under `/api`, the French page elsewhere:
//! - an address that is not text: a path or query whose percent-escapes
//!   decode to bytes that are not UTF-8 (`?q=%FF`), 400, instead of one
//!   route reading it as « � » and another failing in its own words;
//! - headers over [`MAX_HEADER_BYTES`], 431: hyper's own limit holds only
//!   when the headers arrive in several reads.

use axum::extract::Request;
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

use crate::error::AppError;
use crate::web::problem::ApiError;

/// Whether `text` is still UTF-8 once its `%XX` escapes are decoded.
fn decodes_to_utf8(text: &str) -> bool {
    if !text.contains('%') {
        return true;
    }
    let bytes = text.as_bytes();
    let mut decoded = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let escaped = (bytes[i] == b'%')
            .then(|| bytes.get(i + 1..i + 3))
            .flatten()
            .and_then(|hex| std::str::from_utf8(hex).ok())
            .and_then(|hex| u8::from_str_radix(hex, 16).ok());
        match escaped {
            Some(byte) => {
                decoded.push(byte);
                i += 3;
            }
            None => {
                decoded.push(bytes[i]);
                i += 1;
            }
        }
    }
    std::str::from_utf8(&decoded).is_ok()
}

/// The most header bytes (names and values) a request may carry.
pub const MAX_HEADER_BYTES: usize = 64 * 1024;

/// Middleware: refuses a request whose address does not decode to text, or
/// whose headers are too big.
pub async fn refuse_unreadable(request: Request, next: Next) -> Response {
    let uri = request.uri();
    let api = crate::api::is_api_path(uri.path());
    let header_bytes: usize = request
        .headers()
        .iter()
        .map(|(name, value)| name.as_str().len() + value.len())
        .sum();
    if header_bytes > MAX_HEADER_BYTES {
        tracing::info!(path = %uri.path(), header_bytes, "en-têtes trop volumineux");
        return if api {
            ApiError::HeadersTooLarge.into_response()
        } else {
            AppError::HeadersTooLarge.into_response()
        };
    }
    if decodes_to_utf8(uri.path()) && uri.query().is_none_or(decodes_to_utf8) {
        return next.run(request).await;
    }
    tracing::info!(path = %uri.path(), "adresse illisible : pas de l’UTF-8 une fois décodée");
    if api {
        ApiError::MalformedRequest.into_response()
    } else {
        AppError::MalformedRequest.into_response()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_of_text_pass_and_escapes_of_stray_bytes_do_not() {
        assert!(decodes_to_utf8("q=Cholet"));
        assert!(decodes_to_utf8("q=Ch%C3%A2teau&x=%25"));
        assert!(
            decodes_to_utf8("q=100%"),
            "a lone % is a character, not an escape"
        );
        assert!(!decodes_to_utf8("q=%FF"));
        assert!(!decodes_to_utf8("/api/v1/places/%C3"));
    }
}
