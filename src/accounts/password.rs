//! Password hashing with Argon2id (PHC strings).
//!
//! Hashing is deliberately slow (tens of milliseconds): callers run it on
//! the blocking pool so the async workers keep serving pages.

use argon2::Argon2;
use argon2::password_hash::phc::PasswordHash;
use argon2::password_hash::{PasswordHasher, PasswordVerifier};

use super::model::NewPassword;

/// Hashes `password` into a PHC string (`$argon2id$v=19$…`).
pub fn hash(password: &NewPassword) -> Result<String, argon2::password_hash::Error> {
    Ok(Argon2::default()
        .hash_password(password.expose().as_bytes())?
        .to_string())
}

/// Whether `password` matches the stored `phc` hash. A malformed hash never matches.
pub fn verify(password: &str, phc: &str) -> bool {
    PasswordHash::new(phc)
        .map(|parsed| {
            Argon2::default()
                .verify_password(password.as_bytes(), &parsed)
                .is_ok()
        })
        .unwrap_or(false)
}

/// Spends the time of a verification when there is no account to check, so
/// that response time does not tell whether an address has an account.
pub fn verify_against_nothing(password: &str) {
    static DUMMY: std::sync::LazyLock<String> =
        std::sync::LazyLock::new(|| hash(&NewPassword::generate()).unwrap_or_default());
    let _ = verify(password, &DUMMY);
}

/// A short fingerprint of the stored hash, kept in the session: when the
/// password changes, every other session stops matching and is logged out.
pub fn fingerprint(phc: &str) -> String {
    let tail = phc.len().saturating_sub(16);
    phc.get(tail..).unwrap_or_default().to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_hashed_password_verifies_and_a_wrong_one_does_not() {
        let password = NewPassword::parse("correct horse battery", "p").unwrap();
        let phc = hash(&password).unwrap();
        assert!(phc.starts_with("$argon2id$"));
        assert!(verify("correct horse battery", &phc));
        assert!(!verify("correct horse battery!", &phc));
        assert!(!verify("anything", "not a phc string"));
    }

    #[test]
    fn two_hashes_of_one_password_differ_so_their_fingerprints_do_too() {
        let password = NewPassword::parse("correct horse battery", "p").unwrap();
        let (a, b) = (hash(&password).unwrap(), hash(&password).unwrap());
        assert_ne!(fingerprint(&a), fingerprint(&b));
        assert_eq!(fingerprint(&a).len(), 16);
    }
}
