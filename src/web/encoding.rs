//! Answers compressed by the handler that keeps them: a search answer kept
//! for the minute (`places::answers`) is kept gzipped for the browsers that
//! ask so, instead of being compressed again by the compression layer on
//! every request — which cut the requests served by two thirds.

use std::io::Write;

use axum::body::Bytes;
use axum::http::{HeaderMap, HeaderValue, header};
use axum::response::{IntoResponse, Response};
use flate2::Compression;
use flate2::write::GzEncoder;

/// The gzip level of Maille's answers, here and in the compression layer:
/// nearly the bytes of level 6 in less time (docs/PERFORMANCE.md, gzip).
pub const GZIP_LEVEL: u32 = 2;

/// How a client takes an answer's bytes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Encoding {
    Identity,
    Gzip,
}

impl Encoding {
    /// `Gzip` when the request's `Accept-Encoding` takes it (RFC 9110: a
    /// token, optionally with a weight; `q=0` refuses it).
    pub fn accepted(headers: &HeaderMap) -> Self {
        let takes_gzip = headers
            .get_all(header::ACCEPT_ENCODING)
            .iter()
            .filter_map(|value| value.to_str().ok())
            .flat_map(|value| value.split(','))
            .any(|item| {
                let mut parts = item.split(';').map(str::trim);
                let coding = parts.next().unwrap_or_default();
                let refused = parts.any(|p| {
                    p.strip_prefix("q=")
                        .and_then(|q| q.parse::<f32>().ok())
                        .is_some_and(|q| q <= 0.0)
                });
                (coding.eq_ignore_ascii_case("gzip") || coding == "*") && !refused
            });
        if takes_gzip {
            Self::Gzip
        } else {
            Self::Identity
        }
    }

    /// `bytes` as this encoding sends them.
    pub fn encode(self, bytes: Bytes) -> Bytes {
        match self {
            Self::Identity => bytes,
            Self::Gzip => {
                let mut gzip = GzEncoder::new(
                    Vec::with_capacity(bytes.len() / 3),
                    Compression::new(GZIP_LEVEL),
                );
                // Writing to memory cannot fail.
                let _ = gzip.write_all(&bytes);
                gzip.finish().map_or(bytes, Bytes::from)
            }
        }
    }

    /// The answer: `bytes` (already encoded) as `content_type`.
    pub fn respond(self, content_type: &'static str, bytes: Bytes) -> Response {
        let mut response = ([(header::CONTENT_TYPE, content_type)], bytes).into_response();
        let headers = response.headers_mut();
        headers.insert(header::VARY, HeaderValue::from_static("accept-encoding"));
        if self == Self::Gzip {
            headers.insert(header::CONTENT_ENCODING, HeaderValue::from_static("gzip"));
        }
        response
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Read;

    fn accepted(value: &str) -> Encoding {
        let mut headers = HeaderMap::new();
        headers.insert(
            header::ACCEPT_ENCODING,
            HeaderValue::from_str(value).unwrap(),
        );
        Encoding::accepted(&headers)
    }

    #[test]
    fn gzip_is_used_when_the_browser_takes_it_and_not_when_it_refuses_it() {
        assert_eq!(accepted("gzip, deflate, br"), Encoding::Gzip);
        assert_eq!(accepted("br;q=1.0, GZIP;q=0.5"), Encoding::Gzip);
        assert_eq!(accepted("*"), Encoding::Gzip);
        assert_eq!(accepted("br, deflate"), Encoding::Identity);
        assert_eq!(accepted("gzip;q=0"), Encoding::Identity);
        assert_eq!(accepted("identity"), Encoding::Identity);
        assert_eq!(Encoding::accepted(&HeaderMap::new()), Encoding::Identity);
    }

    #[test]
    fn gzipped_bytes_give_back_the_page() {
        let page = Bytes::from("<p>Centre social de Cholet</p>".repeat(100));
        let sent = Encoding::Gzip.encode(page.clone());
        assert!(sent.len() < page.len() / 10);
        let mut back = String::new();
        flate2::read::GzDecoder::new(&sent[..])
            .read_to_string(&mut back)
            .unwrap();
        assert_eq!(back.as_bytes(), &page[..]);
        assert_eq!(Encoding::Identity.encode(page.clone()), page);
    }
}
