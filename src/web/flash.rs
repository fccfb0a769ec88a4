//! One-shot messages shown on the page after a redirect ("Le compte a été modifié.").
//! Only for logged-in staff: they already have a session.

use tower_sessions::Session;

use crate::error::AppError;
use crate::i18n;

const KEY: &str = "flash";
/// A message already written out (with its figures), not a catalogue key.
const TEXT_KEY: &str = "flash_text";

/// Remembers the message `key` for the next page.
pub async fn set(session: &Session, key: &str) -> Result<(), AppError> {
    session.insert(KEY, key).await?;
    Ok(())
}

/// Remembers `text`, already in French, for the next page.
pub async fn set_text(session: &Session, text: String) -> Result<(), AppError> {
    session.insert(TEXT_KEY, text).await?;
    Ok(())
}

/// The pending message, in French, removed so it shows once.
pub async fn take(session: &Session) -> Result<Option<String>, AppError> {
    if session.get_value(TEXT_KEY).await?.is_some() {
        return Ok(session.remove::<String>(TEXT_KEY).await?);
    }
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
