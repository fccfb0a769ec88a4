//! Bodies for the answers hyper writes on its own.
//!
//! When a request cannot even be read — a request line over 64 KiB (414),
//! headers over hyper's buffer (431), a malformed header (400) — hyper
//! answers before Maille sees anything, with an empty body and no content
//! type. This connection wrapper recognises those answers as they are
//! written and sends instead the same status with what every other answer
//! has: a French page, or a problem document when the request was for the
//! API (told from the first bytes of the request, its method and path).

use std::io;
use std::pin::Pin;
use std::task::{Context, Poll, ready};

use axum::http::StatusCode;
use tokio::io::{AsyncRead, AsyncWrite, ReadBuf};

use crate::error::AppError;
use crate::web::problem::ApiError;

/// A connection whose bodiless parse-error answers get a body.
pub struct WithBodies<T> {
    inner: T,
    /// The next bytes read start a request.
    at_request_start: bool,
    /// The current request is for the API.
    api: bool,
    /// An answer being written in place of hyper's: its bytes, how many are
    /// written, and how many bytes of hyper's to report written when done.
    replacing: Option<(Vec<u8>, usize, usize)>,
}

impl<T> WithBodies<T> {
    pub fn new(inner: T) -> Self {
        Self {
            inner,
            at_request_start: true,
            api: false,
            replacing: None,
        }
    }
}

/// Whether a request starting with `head` (`GET /api/v1/… HTTP/1.1`) is for the API.
fn is_api_request(head: &[u8]) -> bool {
    let Some(space) = head.iter().position(|b| *b == b' ') else {
        return false;
    };
    let target = &head[space + 1..];
    let end = target
        .iter()
        .position(|b| matches!(b, b' ' | b'?' | b'\r' | b'\n'))
        .unwrap_or(target.len());
    std::str::from_utf8(&target[..end]).is_ok_and(crate::api::is_api_path)
}

/// The status of `written` when it is a whole answer hyper made up for a
/// request it could not read: one of its three, with an empty body.
fn bodiless_parse_error(written: &[u8]) -> Option<StatusCode> {
    let status = match written.get(..13)? {
        b"HTTP/1.1 400 " => StatusCode::BAD_REQUEST,
        b"HTTP/1.1 414 " => StatusCode::URI_TOO_LONG,
        b"HTTP/1.1 431 " => StatusCode::REQUEST_HEADER_FIELDS_TOO_LARGE,
        _ => return None,
    };
    let head = std::str::from_utf8(written).ok()?;
    (head.ends_with("\r\n\r\n")
        && head
            .to_ascii_lowercase()
            .contains("\r\ncontent-length: 0\r\n"))
    .then_some(status)
}

/// The whole answer to send instead, for `status`.
fn answer(status: StatusCode, api: bool) -> Vec<u8> {
    let (content_type, body) = if api {
        let error = match status {
            StatusCode::URI_TOO_LONG => ApiError::UriTooLong,
            StatusCode::REQUEST_HEADER_FIELDS_TOO_LARGE => ApiError::HeadersTooLarge,
            _ => ApiError::MalformedRequest,
        };
        (crate::web::problem::PROBLEM_JSON, error.body())
    } else {
        let error = match status {
            StatusCode::URI_TOO_LONG => AppError::UriTooLong,
            StatusCode::REQUEST_HEADER_FIELDS_TOO_LARGE => AppError::HeadersTooLarge,
            _ => AppError::MalformedRequest,
        };
        ("text/html; charset=utf-8", error.page().into_bytes())
    };
    let mut answer = format!(
        "HTTP/1.1 {} {}\r\ncontent-type: {content_type}\r\ncontent-length: {}\r\nconnection: close\r\ncache-control: no-store\r\n",
        status.as_u16(),
        status.canonical_reason().unwrap_or_default(),
        body.len()
    );
    for (name, value) in super::security::HEADERS {
        answer.push_str(&format!("{name}: {value}\r\n"));
    }
    answer.push_str("\r\n");
    let mut bytes = answer.into_bytes();
    bytes.extend_from_slice(&body);
    bytes
}

impl<T: AsyncRead + Unpin> AsyncRead for WithBodies<T> {
    fn poll_read(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &mut ReadBuf<'_>,
    ) -> Poll<io::Result<()>> {
        let before = buf.filled().len();
        ready!(Pin::new(&mut self.inner).poll_read(cx, buf))?;
        let new = &buf.filled()[before..];
        if self.at_request_start && !new.is_empty() {
            self.api = is_api_request(new);
            self.at_request_start = false;
        }
        Poll::Ready(Ok(()))
    }
}

impl<T: AsyncWrite + Unpin> AsyncWrite for WithBodies<T> {
    fn poll_write(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &[u8],
    ) -> Poll<io::Result<usize>> {
        if self.replacing.is_none()
            && let Some(status) = bodiless_parse_error(buf)
        {
            let api = self.api;
            self.replacing = Some((answer(status, api), 0, buf.len()));
        }
        let this = &mut *self;
        if let Some((bytes, written, reported)) = &mut this.replacing {
            while *written < bytes.len() {
                let n = ready!(Pin::new(&mut this.inner).poll_write(cx, &bytes[*written..]))?;
                if n == 0 {
                    return Poll::Ready(Err(io::ErrorKind::WriteZero.into()));
                }
                *written += n;
            }
            let reported = *reported;
            this.replacing = None;
            return Poll::Ready(Ok(reported));
        }
        let written = ready!(Pin::new(&mut this.inner).poll_write(cx, buf))?;
        // An answer is going out: what is read next starts the next request.
        this.at_request_start = true;
        Poll::Ready(Ok(written))
    }

    fn poll_flush(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        Pin::new(&mut self.inner).poll_flush(cx)
    }

    fn poll_shutdown(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        Pin::new(&mut self.inner).poll_shutdown(cx)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use tokio::io::{AsyncReadExt, AsyncWriteExt};

    const HYPERS_431: &[u8] = b"HTTP/1.1 431 Request Header Fields Too Large\r\nconnection: close\r\ncontent-length: 0\r\ndate: Wed, 02 Dec 2026 22:11:31 GMT\r\n\r\n";

    #[test]
    fn only_hypers_bodiless_answers_are_recognised() {
        assert_eq!(
            bodiless_parse_error(HYPERS_431),
            Some(StatusCode::REQUEST_HEADER_FIELDS_TOO_LARGE)
        );
        let with_body = b"HTTP/1.1 400 Bad Request\r\ncontent-type: application/problem+json\r\ncontent-length: 12\r\n\r\n{\"status\":1}";
        assert_eq!(bodiless_parse_error(with_body), None);
        let ok = b"HTTP/1.1 200 OK\r\ncontent-length: 0\r\n\r\n";
        assert_eq!(bodiless_parse_error(ok), None);
    }

    #[test]
    fn the_api_is_told_from_the_request_line() {
        assert!(is_api_request(b"GET /api/v1/places?q=x HTTP/1.1\r\n"));
        assert!(is_api_request(b"GET /api HTTP/1.1\r\n"));
        assert!(!is_api_request(b"GET /apiculture HTTP/1.1\r\n"));
        assert!(!is_api_request(b"GET /lieux?q=/api/ HTTP/1.1\r\n"));
    }

    async fn answer_through_wrapper(request: &[u8]) -> String {
        let (client, server) = tokio::io::duplex(1 << 16);
        let mut wrapped = WithBodies::new(server);
        let (mut client_read, mut client_write) = tokio::io::split(client);
        client_write.write_all(request).await.unwrap();
        let mut buf = [0u8; 64];
        let _ = wrapped.read(&mut buf).await.unwrap();
        wrapped.write_all(HYPERS_431).await.unwrap();
        wrapped.shutdown().await.unwrap();
        drop(wrapped);
        let mut out = String::new();
        client_read.read_to_string(&mut out).await.unwrap();
        out
    }

    #[tokio::test]
    async fn an_api_request_hyper_cannot_read_gets_a_problem_document() {
        let out = answer_through_wrapper(b"GET /api/v1/places HTTP/1.1\r\nX: y").await;
        assert!(out.starts_with("HTTP/1.1 431 "), "{out}");
        assert!(
            out.contains("content-type: application/problem+json"),
            "{out}"
        );
        assert!(out.contains("\"status\":431"), "{out}");
    }

    #[tokio::test]
    async fn a_page_request_hyper_cannot_read_gets_a_french_page() {
        let out = answer_through_wrapper(b"GET /lieux HTTP/1.1\r\nX: y").await;
        assert!(out.starts_with("HTTP/1.1 431 "), "{out}");
        assert!(
            out.contains("content-type: text/html; charset=utf-8"),
            "{out}"
        );
        assert!(out.contains("<html lang=\"fr\" dir=\"ltr\">"), "{out}");
        assert!(
            out.contains("content-security-policy: default-src 'self'"),
            "{out}"
        );
    }
}
