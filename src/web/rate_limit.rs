//! Requests per minute per client address, on the two doors a script would
//! hammer: the API, and the login form's submissions. Past the limit the
//! answer is 429 with `Retry-After` — a problem document under `/api`, the
//! French page on `/connexion` — and other clients are not affected.
//!
//! The limits are GCRA buckets (governor): a client may spend its whole
//! minute in a burst, then gets one request back every 60/N seconds.

use std::net::IpAddr;
use std::num::NonZeroU32;
use std::time::Duration;

use axum::extract::{Request, State};
use axum::http::Method;
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use governor::clock::{Clock, DefaultClock};
use governor::{DefaultKeyedRateLimiter, Quota, RateLimiter};

use super::client::ClientAddress;
use crate::app::AppState;
use crate::config::Config;
use crate::error::AppError;
use crate::web::problem::ApiError;

/// One limit: a bucket per key (a client address, a contact); none when
/// the limit is 0.
struct Limit<K: std::hash::Hash + Eq + Clone = IpAddr>(Option<DefaultKeyedRateLimiter<K>>);

impl<K: std::hash::Hash + Eq + Clone> Limit<K> {
    fn per_minute(requests: u32) -> Self {
        Self(NonZeroU32::new(requests).map(|n| RateLimiter::keyed(Quota::per_minute(n))))
    }

    /// `Err(wait)` when `client` has spent its requests.
    fn check(&self, client: K) -> Result<(), Duration> {
        let Some(limiter) = &self.0 else {
            return Ok(());
        };
        limiter
            .check_key(&client)
            .map_err(|not_until| not_until.wait_time_from(DefaultClock::default().now()))
    }

    /// Forgets the addresses whose bucket is full again.
    fn forget_idle(&self) {
        if let Some(limiter) = &self.0 {
            limiter.retain_recent();
            limiter.shrink_to_fit();
        }
    }
}

/// The limits of this instance.
pub struct RateLimits {
    api: Limit,
    login: Limit,
    /// Public forms, per client address.
    public: Limit,
    /// Public forms, per contact (a phone or an e-mail, hashed).
    contact: Limit<String>,
}

impl RateLimits {
    /// The limits `config` asks for.
    pub fn new(config: &Config) -> Self {
        Self {
            api: Limit::per_minute(config.api_requests_per_minute),
            login: Limit::per_minute(config.login_posts_per_minute),
            public: Limit::per_minute(config.public_posts_per_minute),
            contact: Limit::per_minute(config.public_posts_per_minute),
        }
    }

    /// Counts one public submission for `contact` (its key): `Err` with the
    /// seconds to wait when the contact has sent too many this minute.
    pub fn check_contact(&self, contact: &str) -> Result<(), u64> {
        self.contact.check(contact.to_owned()).map_err(retry_after)
    }

    /// Forgets idle addresses, so memory follows the clients of the last
    /// minutes rather than every address ever seen. Run every minute.
    pub fn forget_idle(&self) {
        self.api.forget_idle();
        self.login.forget_idle();
        self.public.forget_idle();
        self.contact.forget_idle();
    }
}

/// Whole seconds to announce in `Retry-After`, at least one.
fn retry_after(wait: Duration) -> u64 {
    (wait.as_secs() + u64::from(wait.subsec_nanos() > 0)).max(1)
}

/// Middleware: counts API requests and login submissions per client address.
pub async fn enforce(
    State(state): State<AppState>,
    client: ClientAddress,
    request: Request,
    next: Next,
) -> Response {
    let path = request.uri().path();
    let limits = &state.rate_limits;
    if crate::api::is_api_path(path) {
        if let Err(wait) = limits.api.check(client.key()) {
            tracing::info!(%client, "API : trop de requêtes");
            return ApiError::TooManyRequests {
                retry_after: retry_after(wait),
            }
            .into_response();
        }
    } else if path == "/connexion"
        && request.method() == Method::POST
        && let Err(wait) = limits.login.check(client.key())
    {
        tracing::warn!(%client, "connexion : trop de tentatives");
        return AppError::TooManyRequests {
            retry_after: retry_after(wait),
        }
        .into_response();
    }
    if request.method() == Method::POST
        && is_public_form(path)
        && let Err(wait) = limits.public.check(client.key())
    {
        tracing::info!(%client, "formulaire public : trop d’envois");
        let retry_after = retry_after(wait);
        return if crate::api::is_api_path(path) {
            ApiError::TooManyRequests { retry_after }.into_response()
        } else {
            AppError::TooManyRequests { retry_after }.into_response()
        };
    }
    next.run(request).await
}

/// The forms anyone may send without an account: registering to a
/// session, booking an appointment (page or API), and cancelling either.
pub fn is_public_form(path: &str) -> bool {
    (path.starts_with("/ateliers/") && path.ends_with("/inscription"))
        || (path.starts_with("/inscriptions/") && path.ends_with("/annuler"))
        || (path.starts_with("/api/v1/sessions/") && path.ends_with("/registrations"))
        || (path.starts_with("/lieux/") && path.ends_with("/rendez-vous"))
        || (path.starts_with("/rendez-vous/") && path.ends_with("/annuler"))
        || path == "/api/v1/bookings"
        || (path.starts_with("/structures/") && path.ends_with("/demande-materiel"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_client_spends_its_minute_then_waits_while_others_do_not() {
        let limit: Limit = Limit::per_minute(3);
        let a: IpAddr = [192, 0, 2, 1].into();
        let b: IpAddr = [192, 0, 2, 2].into();
        for _ in 0..3 {
            assert!(limit.check(a).is_ok());
        }
        let wait = limit.check(a).unwrap_err();
        assert!(
            wait > Duration::from_secs(15) && wait <= Duration::from_secs(20),
            "{wait:?}"
        );
        assert!(limit.check(b).is_ok());
    }

    #[test]
    fn a_zero_limit_is_no_limit() {
        let limit: Limit = Limit::per_minute(0);
        for _ in 0..1000 {
            assert!(limit.check([192, 0, 2, 1].into()).is_ok());
        }
    }

    #[test]
    fn retry_after_rounds_up_to_whole_seconds() {
        assert_eq!(retry_after(Duration::from_millis(19_200)), 20);
        assert_eq!(retry_after(Duration::from_secs(20)), 20);
        assert_eq!(retry_after(Duration::ZERO), 1);
    }
}
