//! Which version of its source a translation was made from: a short hash of the source
//! file's text, written into the translation's front matter as `source_hash:` and compared
//! by `handout check`.

use sha2::{Digest, Sha256};

/// The hash a translation records of its source: the first 12 hex digits of the SHA-256 of
/// the source file's text, with line endings and trailing spaces evened out so that an editor
/// re-saving the file on another system does not make every translation look stale.
pub fn translation_source_hash(text: &str) -> String {
    let mut hasher = Sha256::new();
    for line in text.trim_start_matches('\u{feff}').lines() {
        hasher.update(line.trim_end().as_bytes());
        hasher.update(b"\n");
    }
    let digest = hasher.finalize();
    digest.iter().take(6).map(|b| format!("{b:02x}")).collect()
}

#[cfg(test)]
mod tests {
    use super::translation_source_hash;

    #[test]
    fn hash_ignores_line_endings_but_not_words() {
        let a = translation_source_hash("---\ntitle: A\n---\nRest.\n");
        assert_eq!(a.len(), 12);
        assert_eq!(
            a,
            translation_source_hash("---\r\ntitle: A  \r\n---\r\nRest.")
        );
        assert_ne!(
            a,
            translation_source_hash("---\ntitle: A\n---\nRest now.\n")
        );
    }
}
