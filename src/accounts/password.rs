//! Password hashing with Argon2id (PHC strings).
//!
//! Hashing is deliberately slow (tens of milliseconds): async code calls
//! [`hash`] and [`verify`], which run it on the blocking pool so the async
//! workers keep serving pages. The `_blocking` forms are for tests and
//! start-up code that may wait.

use argon2::Argon2;
use argon2::password_hash::phc::PasswordHash;
use argon2::password_hash::{PasswordHasher, PasswordVerifier};

use super::model::NewPassword;

/// Why a password could not be hashed or checked (never a wrong password:
/// that is `Ok(false)`).
#[derive(Debug, thiserror::Error)]
pub enum PasswordError {
    #[error("hachage du mot de passe impossible : {0}")]
    Hash(argon2::password_hash::Error),
    #[error("calcul du mot de passe interrompu : {0}")]
    Interrupted(#[from] tokio::task::JoinError),
}

/// Hashes `password` into a PHC string (`$argon2id$v=19$…`), off the async threads.
pub async fn hash(password: &NewPassword) -> Result<String, PasswordError> {
    let typed = password.expose().to_owned();
    tokio::task::spawn_blocking(move || hash_text(&typed)).await?
}

/// Whether `typed` matches the stored hash, off the async threads. With no
/// stored hash (no such account), spends the time of a check anyway, so
/// that response time does not tell whether an address has an account.
pub async fn verify(typed: &str, stored: Option<&str>) -> Result<bool, PasswordError> {
    let typed = typed.to_owned();
    let stored = stored.map(str::to_owned);
    Ok(tokio::task::spawn_blocking(move || match stored {
        Some(phc) => verify_blocking(&typed, &phc),
        None => {
            verify_blocking(&typed, &DUMMY);
            false
        }
    })
    .await?)
}

/// [`hash`], blocking the calling thread.
pub fn hash_blocking(password: &NewPassword) -> Result<String, PasswordError> {
    hash_text(password.expose())
}

fn hash_text(typed: &str) -> Result<String, PasswordError> {
    Ok(Argon2::default()
        .hash_password(typed.as_bytes())
        .map_err(PasswordError::Hash)?
        .to_string())
}

/// [`verify`] of a stored hash, blocking the calling thread. A malformed
/// hash never matches.
pub fn verify_blocking(typed: &str, phc: &str) -> bool {
    PasswordHash::new(phc)
        .map(|parsed| {
            Argon2::default()
                .verify_password(typed.as_bytes(), &parsed)
                .is_ok()
        })
        .unwrap_or(false)
}

/// A hash to check against when there is no account.
static DUMMY: std::sync::LazyLock<String> =
    std::sync::LazyLock::new(|| hash_blocking(&NewPassword::generate()).unwrap_or_default());

/// A short fingerprint of the stored hash, kept in the session: when the
/// password changes, every other session stops matching and is logged out.
pub fn fingerprint(phc: &str) -> String {
    let tail = phc.len().saturating_sub(16);
    phc.get(tail..).unwrap_or_default().to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn a_hashed_password_verifies_and_a_wrong_one_does_not() {
        let password = NewPassword::parse("correct horse battery", "p").unwrap();
        let phc = hash(&password).await.unwrap();
        assert!(phc.starts_with("$argon2id$"));
        assert!(verify("correct horse battery", Some(&phc)).await.unwrap());
        assert!(!verify("correct horse battery!", Some(&phc)).await.unwrap());
        assert!(!verify("anything", Some("not a phc string")).await.unwrap());
        assert!(!verify("correct horse battery", None).await.unwrap());
    }

    #[test]
    fn two_hashes_of_one_password_differ_so_their_fingerprints_do_too() {
        let password = NewPassword::parse("correct horse battery", "p").unwrap();
        let (a, b) = (
            hash_blocking(&password).unwrap(),
            hash_blocking(&password).unwrap(),
        );
        assert_ne!(fingerprint(&a), fingerprint(&b));
        assert_eq!(fingerprint(&a).len(), 16);
    }
}
