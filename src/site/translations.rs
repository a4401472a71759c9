//! Which version of its source a translation was made from: a short hash of the source
//! file's text, written into the translation's front matter as `source_hash:` and compared
//! by `handout check` (see [`crate::check::translations`]).

/// The hash a translation records of its source: the first 12 hex digits of the SHA-256 of
/// the source file's text, with line endings made `\n`. One function for the site model and
/// the check, so that what a page shows and what `check` compares never disagree.
pub fn translation_source_hash(text: &str) -> String {
    crate::check::translations::hash::source_hash(text)
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
            translation_source_hash("---\r\ntitle: A\r\n---\r\nRest.\r\n")
        );
        assert_ne!(
            a,
            translation_source_hash("---\ntitle: A\n---\nRest now.\n")
        );
    }
}
