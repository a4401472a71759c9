//! The hash a translation records of the source text it was made from.
//!
//! It is the first 12 hex digits of the SHA-256 of the source file's text, with line endings
//! made `\n` and a byte-order mark dropped, so the same text edited on Windows and on a Mac
//! hashes the same. Twelve digits are short enough to copy into front matter and leave a
//! chance of about one in 280 trillion that an edit goes unnoticed.

use sha2::{Digest, Sha256};

/// Hex digits kept of the SHA-256.
const DIGITS: usize = 12;

/// The source hash of `text`, e.g. `3f9a0c61b2d4`.
pub fn source_hash(text: &str) -> String {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut hasher = Sha256::new();
    for piece in text.split_inclusive('\n') {
        match piece.strip_suffix("\r\n") {
            Some(line) => {
                hasher.update(line.as_bytes());
                hasher.update(b"\n");
            }
            None => hasher.update(piece.as_bytes()),
        }
    }
    let digest = hasher.finalize();
    let mut hex = String::with_capacity(DIGITS);
    for byte in digest.iter().take(DIGITS / 2) {
        hex.push_str(&format!("{byte:02x}"));
    }
    hex
}

/// Whether a recorded hash names the same text as `current`: case and surrounding space do
/// not matter, and a longer recorded hash (a full SHA-256) matches on its first digits.
pub fn matches(recorded: &str, current: &str) -> bool {
    let recorded = recorded.trim().to_ascii_lowercase();
    recorded.len() >= DIGITS && recorded.starts_with(current)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_stable_and_line_ending_blind() {
        let h = source_hash("# Heat\n\nRest.\n");
        assert_eq!(h.len(), DIGITS);
        assert!(h.bytes().all(|b| b.is_ascii_hexdigit()));
        assert_eq!(h, source_hash("\u{feff}# Heat\r\n\r\nRest.\r\n"));
        assert_ne!(h, source_hash("# Heat\n\nRest more.\n"));
        // SHA-256 of "abc" starts ba7816bf8f01.
        assert_eq!(source_hash("abc"), "ba7816bf8f01");
    }

    #[test]
    fn recorded_hashes_match_loosely() {
        let h = source_hash("abc");
        assert!(matches(" BA7816BF8F01 ", &h));
        assert!(matches(
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad",
            &h
        ));
        assert!(!matches("ba7816", &h));
        assert!(!matches("000000000000", &h));
    }
}
