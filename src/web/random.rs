//! Random bytes and tokens from the operating system.

/// Fills `bytes` from the OS random source.
pub fn fill(bytes: &mut [u8]) {
    // The Linux getrandom syscall cannot fail once the pool is seeded at boot;
    // carrying on without randomness would be worse than stopping.
    #[allow(clippy::expect_used)]
    getrandom::fill(bytes).expect("the operating system's random source is unavailable");
}

/// 128 random bits as 32 hexadecimal characters.
pub fn token() -> String {
    let mut bytes = [0u8; 16];
    fill(&mut bytes);
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// Whether `text` has the shape of [`token`]: 32 hexadecimal characters
/// (anything else is not worth a lookup).
pub fn is_token(text: &str) -> bool {
    text.len() == 32 && text.chars().all(|c| c.is_ascii_hexdigit())
}

#[cfg(test)]
mod tests {
    #[test]
    fn tokens_are_32_hex_characters_and_never_repeat() {
        let (a, b) = (super::token(), super::token());
        assert_eq!(a.len(), 32);
        assert!(a.chars().all(|c| c.is_ascii_hexdigit()));
        assert_ne!(a, b);
        assert!(super::is_token(&a));
        assert!(!super::is_token("0123456789abcdef0123456789abcdeg"));
    }
}
