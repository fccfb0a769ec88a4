//! Who is logged in. Every staff handler takes a [`CurrentUser`]; without a
//! valid session it redirects to the login page.
//!
//! The session holds the account id and a fingerprint of its password hash:
//! a password change or a deactivation ends every other session at its next
//! request.

use axum::extract::FromRequestParts;
use axum::http::request::Parts;
use tower_sessions::Session;

use crate::accounts::{User, password, store as accounts_store};
use crate::app::AppState;
use crate::authz::{self, Action};
use crate::error::AppError;
use crate::organizations::Organization;
use crate::web::chrome::{Chrome, ChromeUser};
use crate::web::{csrf, flash, random};

const USER_KEY: &str = "user_id";
const FINGERPRINT_KEY: &str = "auth";
const TOUCHED_KEY: &str = "touched_at";

/// How often an active session is written back to extend its expiry.
///
/// tower-sessions saves a session only when it changes, so an untouched one
/// would expire a fixed time after login however active its user; writing
/// it on every request would cost a database write per page. Touching it at
/// most every quarter of an hour keeps the idle timeout honest within 15 min.
const TOUCH_EVERY_SECONDS: i64 = 15 * 60;

/// Whether a session last touched at `touched_at` should be written back.
fn needs_touch(touched_at: Option<i64>, now: i64) -> bool {
    touched_at.is_none_or(|t| now - t >= TOUCH_EVERY_SECONDS || t > now)
}

/// The logged-in person, their organisation and their session.
pub struct CurrentUser {
    pub user: User,
    pub organization: Organization,
    pub session: Session,
    pub csrf_token: String,
}

impl FromRequestParts<AppState> for CurrentUser {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, AppError> {
        let session = parts
            .extensions
            .get::<Session>()
            .cloned()
            .ok_or_else(|| AppError::Internal("session layer missing".into()))?;
        let Some(user_id) = session.get::<String>(USER_KEY).await? else {
            return Err(AppError::LoginRequired);
        };
        let fingerprint = session.get::<String>(FINGERPRINT_KEY).await?;
        let found = match crate::accounts::UserId::parse(&user_id) {
            Some(id) => accounts_store::find_for_session(&state.db, &id).await?,
            None => None,
        };
        let (user, organization) = match found {
            Some((user, hash, organization))
                if user.active && fingerprint.as_deref() == Some(&password::fingerprint(&hash)) =>
            {
                (user, organization)
            }
            _ => {
                session.flush().await?;
                return Err(AppError::LoginRequired);
            }
        };
        let csrf_token = csrf::session_token(&session).await?;
        let now = chrono::Utc::now().timestamp();
        if needs_touch(session.get::<i64>(TOUCHED_KEY).await?, now) {
            session.insert(TOUCHED_KEY, now).await?;
        }
        Ok(Self {
            user,
            organization,
            session,
            csrf_token,
        })
    }
}

impl CurrentUser {
    /// Refuses with 403 unless the guard allows `action`.
    pub fn require(&self, action: Action<'_>) -> Result<(), AppError> {
        if authz::allows(&self.user, &action) {
            Ok(())
        } else {
            tracing::warn!(user = %self.user.id, ?action, "accès refusé");
            Err(AppError::Forbidden)
        }
    }

    /// The layout around a staff page, with any pending flash message.
    pub async fn chrome(&self) -> Result<Chrome, AppError> {
        Ok(Chrome {
            user: Some(ChromeUser {
                display_name: self.user.display_name.clone(),
                organization_name: self.organization.name.clone(),
                role: self.user.role,
            }),
            csrf_token: self.csrf_token.clone(),
            flash: flash::take(&self.session).await?,
            language: crate::web::lang::page(),
        })
    }
}

/// Logs `user` in on `session`: a new session id (no fixation), a new CSRF token.
pub async fn log_in(session: &Session, user: &User, password_hash: &str) -> Result<(), AppError> {
    session.cycle_id().await?;
    session.insert(USER_KEY, user.id.as_str()).await?;
    session
        .insert(FINGERPRINT_KEY, password::fingerprint(password_hash))
        .await?;
    session.insert(csrf::SESSION_KEY, random::token()).await?;
    session
        .insert(TOUCHED_KEY, chrono::Utc::now().timestamp())
        .await?;
    Ok(())
}

/// Keeps this session valid after its own password change.
pub async fn refresh_fingerprint(session: &Session, password_hash: &str) -> Result<(), AppError> {
    session
        .insert(FINGERPRINT_KEY, password::fingerprint(password_hash))
        .await?;
    Ok(())
}

/// Ends the session and deletes it from the store.
pub async fn log_out(session: &Session) -> Result<(), AppError> {
    session.flush().await?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_session_is_written_back_only_once_a_quarter_of_an_hour_has_passed() {
        let now = 1_800_000_000;
        assert!(needs_touch(None, now));
        assert!(!needs_touch(Some(now - 60), now));
        assert!(needs_touch(Some(now - TOUCH_EVERY_SECONDS), now));
        assert!(
            needs_touch(Some(now + 3600), now),
            "a clock set back is corrected"
        );
    }
}
