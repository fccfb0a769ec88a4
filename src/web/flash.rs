//! One-shot messages shown on the page after a redirect ("Le compte a été modifié.").
//! Only for logged-in staff: they already have a session.

use tower_sessions::Session;

use crate::error::AppError;
use crate::i18n;

const KEY: &str = "flash";

/// Remembers the message `key` for the next page.
pub async fn set(session: &Session, key: &str) -> Result<(), AppError> {
    session.insert(KEY, key).await?;
    Ok(())
}

/// The pending message, in French, removed so it shows once.
pub async fn take(session: &Session) -> Result<Option<String>, AppError> {
    // `remove` marks the session modified even when the key is absent, which
    // would write the session on every staff page: look first.
    if session.get_value(KEY).await?.is_none() {
        return Ok(None);
    }
    Ok(session
        .remove::<String>(KEY)
        .await?
        .map(|key| i18n::t(&key)))
}
