//! Which files are translations, what they translate, and the provenance their front matter
//! records.
//!
//! A translation is named after its source with a language code before `.md`:
//! `content/articles/heat.es.md` translates `content/articles/heat.md`, and
//! `content/articles/knee/index.es.md` translates `content/articles/knee/index.md`. The files
//! are found on disk rather than in the site model, so a translation is checked even where the
//! build does not (yet) publish it, such as a bundle's `index.es.md`.

use std::path::{Path, PathBuf};

use serde::Deserialize;
use walkdir::WalkDir;

use crate::content::language::{front_yaml, of_file_name};
use crate::content::Document;
use crate::site::Site;

/// One translation file and the source it names.
#[derive(Debug, Clone)]
pub struct Translation {
    /// The translation, relative to the site root.
    pub path: PathBuf,
    /// The file it translates, relative to the site root (it may not exist).
    pub source: PathBuf,
    /// The language code from the file name, e.g. `es`.
    pub language: String,
    /// The translation's text.
    pub text: String,
}

/// The translation provenance of a file's front matter; absent keys are `None`.
#[derive(Debug, Clone, Default, Deserialize, PartialEq, Eq)]
#[serde(default)]
pub struct Provenance {
    /// The file's language, if it says.
    pub lang: Option<String>,
    /// Who translated it.
    pub translator: Option<String>,
    /// Who checked the translation for accuracy.
    pub translation_reviewer: Option<String>,
    /// The hash of the source's text the translation was made from.
    pub source_hash: Option<String>,
}

impl Provenance {
    /// Reads the keys from a Markdown file's front matter; all `None` when it has none or it
    /// is not valid YAML (the build reports that).
    pub fn of(text: &str) -> Provenance {
        let Some(yaml) = front_yaml(text) else {
            return Provenance::default();
        };
        let mut p: Provenance = serde_yaml::from_str(yaml).unwrap_or_default();
        for field in [
            &mut p.lang,
            &mut p.translator,
            &mut p.translation_reviewer,
            &mut p.source_hash,
        ] {
            *field = field
                .take()
                .map(|v| v.trim().to_string())
                .filter(|v| !v.is_empty());
        }
        p
    }
}

/// The language of a document: its front matter's `lang`, else the code in its file name
/// (`heat.es.md`), else the site's language.
pub fn document_language<'a>(site: &'a Site, doc: &'a Document) -> std::borrow::Cow<'a, str> {
    match crate::content::language::declared(doc) {
        Some(lang) => lang.into(),
        None => site.config.language.as_str().into(),
    }
}

/// The 1-based line of a top-level front-matter `key`, or 1.
pub fn line_of(text: &str, key: &str) -> usize {
    let prefix = format!("{key}:");
    let mut lines = text.lines().enumerate();
    let opened = lines
        .next()
        .is_some_and(|(_, l)| l.trim_start_matches('\u{feff}').trim_end() == "---");
    if !opened {
        return 1;
    }
    lines
        .take_while(|(_, l)| l.trim_end() != "---")
        .find(|(_, l)| l.starts_with(&prefix))
        .map_or(1, |(i, _)| i + 1)
}

/// Every translation under `content/` of the site at `root`, in path order.
pub fn find(root: &Path) -> Vec<Translation> {
    let content = root.join("content");
    let mut out = Vec::new();
    for entry in WalkDir::new(&content)
        .sort_by_file_name()
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
    {
        let Ok(rel) = entry.path().strip_prefix(root) else {
            continue;
        };
        let Some(code) = of_file_name(rel) else {
            continue;
        };
        let name = rel.file_name().and_then(|n| n.to_str()).unwrap_or("");
        let source_name = format!("{}.md", &name[..name.len() - code.len() - 4]);
        let Ok(text) = std::fs::read_to_string(entry.path()) else {
            continue; // unreadable files are reported by the build
        };
        out.push(Translation {
            path: rel.to_path_buf(),
            source: rel.with_file_name(source_name),
            language: code.to_string(),
            text,
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn provenance_from_front_matter() {
        let text = "---\ntitle: Calor\nlang: es\ntranslator: Ana Ruiz\nsource_hash: \" ab12 \"\n---\nBody\n";
        let p = Provenance::of(text);
        assert_eq!(p.lang.as_deref(), Some("es"));
        assert_eq!(p.translator.as_deref(), Some("Ana Ruiz"));
        assert_eq!(p.source_hash.as_deref(), Some("ab12"));
        assert_eq!(p.translation_reviewer, None);
        assert_eq!(line_of(text, "source_hash"), 5);
        assert_eq!(Provenance::of("No front matter"), Provenance::default());
        assert_eq!(Provenance::of("---\n: [\n---\n"), Provenance::default());
    }
}
