//! The language a document says it is in, before any site-wide setting applies.
//!
//! A document names its language with `lang` in its front matter, or with a language code
//! before `.md` in its file name (`heat.es.md`, `index.pt-BR.md`): the same suffix that marks a
//! translation of `heat.md`. Callers fall back to the site's `language` when neither is there.

use std::path::Path;

use serde::Deserialize;

use super::Document;

/// The YAML between a file's opening `---` line and its closing one.
pub fn front_yaml(text: &str) -> Option<&str> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let rest = text
        .strip_prefix("---\n")
        .or_else(|| text.strip_prefix("---\r\n"))?;
    let mut at = 0;
    for line in rest.split_inclusive('\n') {
        if line.trim_end() == "---" {
            return Some(&rest[..at]);
        }
        at += line.len();
    }
    None
}

/// The language code of a file name (`es` in `heat.es.md`, `pt-BR` in `index.pt-BR.md`).
pub fn of_file_name(path: &Path) -> Option<&str> {
    let stem = path.file_name()?.to_str()?.strip_suffix(".md")?;
    let (base, code) = stem.rsplit_once('.')?;
    (!base.is_empty() && is_language_code(code)).then_some(code)
}

/// A BCP 47 tag of the usual shapes: a 2- or 3-letter language, then subtags of 2 to 8
/// letters or digits ("es", "es-419", "zh-Hant", "pt-BR").
fn is_language_code(code: &str) -> bool {
    let mut parts = code.split('-');
    let lang_ok = parts
        .next()
        .is_some_and(|l| (2..=3).contains(&l.len()) && l.bytes().all(|b| b.is_ascii_lowercase()));
    lang_ok
        && parts.all(|p| (2..=8).contains(&p.len()) && p.bytes().all(|b| b.is_ascii_alphanumeric()))
}

/// The `lang` of a file's front matter, if it has a non-empty one.
pub fn of_front_matter(text: &str) -> Option<String> {
    #[derive(Default, Deserialize)]
    #[serde(default)]
    struct Lang {
        lang: Option<String>,
    }
    let parsed: Lang = serde_yaml::from_str(front_yaml(text)?).unwrap_or_default();
    parsed
        .lang
        .map(|l| l.trim().to_string())
        .filter(|l| !l.is_empty())
}

/// The language a document declares: front matter `lang`, else its file name's code.
pub fn declared(doc: &Document) -> Option<String> {
    of_front_matter(&doc.text).or_else(|| of_file_name(&doc.path).map(str::to_string))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn language_codes_in_file_names() {
        assert_eq!(of_file_name(Path::new("a/heat.es.md")), Some("es"));
        assert_eq!(of_file_name(Path::new("a/index.pt-BR.md")), Some("pt-BR"));
        assert_eq!(of_file_name(Path::new("a/index.es-419.md")), Some("es-419"));
        assert_eq!(of_file_name(Path::new("a/heat.md")), None);
        assert_eq!(of_file_name(Path::new("a/v1.2.md")), None);
        assert_eq!(of_file_name(Path::new("a/.es.md")), None);
        assert_eq!(of_file_name(Path::new("a/notes.draft.md")), None);
    }

    #[test]
    fn lang_from_front_matter() {
        assert_eq!(
            of_front_matter("---\ntitle: A\nlang: \" es \"\n---\nBody").as_deref(),
            Some("es")
        );
        assert_eq!(of_front_matter("---\ntitle: A\n---\n"), None);
        assert_eq!(of_front_matter("No front matter"), None);
        assert_eq!(of_front_matter("---\n: [\n---\n"), None);
    }
}
