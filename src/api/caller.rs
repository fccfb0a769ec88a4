//! Who calls an `/api/v1` operation that needs an account: a personal
//! token (`Authorization: Bearer maille_…`), or a logged-in browser's
//! session. A token has exactly its owner's rights. A browser's writes keep
//! the rules of forms: same `Origin`, and the session's CSRF token, here in
//! the `X-CSRF-Token` header.

use axum::extract::FromRequestParts;
use axum::http::request::Parts;
use axum::http::{Method, header};

use crate::accounts::User;
use crate::app::AppState;
use crate::authz::{self, Action};
use crate::error::AppError;
use crate::web::auth::CurrentUser;
use crate::web::client::ClientAddress;
use crate::web::csrf;
use crate::web::problem::ApiError;

/// The header carrying a browser's CSRF token on API writes.
pub const CSRF_HEADER: &str = "x-csrf-token";

/// The account behind an API request.
pub struct Caller {
    pub user: User,
}

impl Caller {
    /// Refuses with 403 unless the guard allows `action`.
    pub fn require(&self, action: Action<'_>) -> Result<(), ApiError> {
        if authz::allows(&self.user, &action) {
            Ok(())
        } else {
            tracing::warn!(user = %self.user.id, ?action, "accès refusé (API)");
            Err(ApiError::Forbidden)
        }
    }
}

/// The secret of an `Authorization: Bearer` header, if there is one.
fn bearer(parts: &Parts) -> Option<&str> {
    let value = parts.headers.get(header::AUTHORIZATION)?.to_str().ok()?;
    let (scheme, secret) = value.trim().split_once(' ')?;
    scheme.eq_ignore_ascii_case("bearer").then(|| secret.trim())
}

impl FromRequestParts<AppState> for Caller {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, ApiError> {
        if parts.headers.contains_key(header::AUTHORIZATION) {
            let secret = bearer(parts).ok_or(ApiError::Unauthorized)?;
            let address = ClientAddress::of(parts, &state.config.trusted_proxies).to_string();
            let user = crate::tokens::authenticate(&state.db, secret, &address, chrono::Utc::now())
                .await?
                .ok_or(ApiError::Unauthorized)?;
            return Ok(Self { user });
        }
        let current = match CurrentUser::from_request_parts(parts, state).await {
            Ok(current) => current,
            Err(AppError::LoginRequired) => return Err(ApiError::Unauthorized),
            Err(other) => return Err(ApiError::Internal(other.to_string())),
        };
        let safe = matches!(parts.method, Method::GET | Method::HEAD | Method::OPTIONS);
        if !safe {
            let origin_ok =
                csrf::same_origin(&parts.headers, state.config.public_origin().as_deref());
            let token_ok = parts
                .headers
                .get(CSRF_HEADER)
                .and_then(|v| v.to_str().ok())
                .is_some_and(|sent| csrf::tokens_match(sent, &current.csrf_token));
            if !origin_ok || !token_ok {
                tracing::warn!(path = %parts.uri.path(), "écriture d’API refusée : origine ou jeton CSRF");
                return Err(ApiError::Forbidden);
            }
        }
        Ok(Self { user: current.user })
    }
}
