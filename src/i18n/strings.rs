//! The words of one language: the theme's language file (`themes/THEME/i18n/CODE.yaml`), the
//! site's own (`i18n/CODE.yaml`) over it, and the default language's words for any key the
//! language lacks.

use crate::config::Language;
use crate::diagnostic::{did_you_mean, Diagnostic, Diagnostics, Span};
use crate::render::Theme;
use crate::yaml;
use chrono::{Datelike, NaiveDate};
use serde::Serialize;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::LazyLock;

/// The folder, in a theme and in a site, that holds the language files.
pub const I18N_DIR: &str = "i18n";

/// Every string by key, complete: a key a language lacks holds the default language's text.
#[derive(Debug, Clone, Serialize)]
#[serde(transparent)]
pub struct Strings {
    map: BTreeMap<String, String>,
}

/// The built-in English words, which name every key the theme uses.
static ENGLISH: LazyLock<BTreeMap<String, String>> = LazyLock::new(|| {
    crate::render::theme::built_in_file("i18n/en.yaml")
        .and_then(|b| serde_yaml::from_slice(b).ok())
        .unwrap_or_default()
});

impl Default for Strings {
    /// The built-in English words.
    fn default() -> Self {
        Strings {
            map: ENGLISH.clone(),
        }
    }
}

impl Strings {
    /// The text of `key`; the key itself if no language file has it (a template or a
    /// theme asked for a key no file names: visible, but never an error).
    pub fn get<'a>(&'a self, key: &'a str) -> &'a str {
        self.map.get(key).map(String::as_str).unwrap_or(key)
    }

    /// The text of `key` with each `{name}` replaced by its value.
    pub fn fill(&self, key: &str, args: &[(&str, &str)]) -> String {
        let mut s = self.get(key).to_string();
        for (name, value) in args {
            s = s.replace(&format!("{{{name}}}"), value);
        }
        s
    }

    /// A date as this language writes it (`date_format` with the month's name).
    pub fn date(&self, d: NaiveDate) -> String {
        let month_key = format!("month_{}", d.month());
        let day = d.day().to_string();
        let year = format!("{:04}", d.year());
        self.fill(
            "date_format",
            &[
                ("day", &day),
                ("month", self.get(&month_key)),
                ("year", &year),
            ],
        )
    }

    /// The words Markdown rendering writes: the titles of the urgent-care callouts (naming the emergency `number` if there is one), footnotes, task boxes and table labels.
    pub fn callout_wording(&self, number: Option<&str>) -> crate::markdown::CalloutWording {
        crate::markdown::CalloutWording {
            emergency: match number {
                Some(n) => self.fill("callout_emergency", &[("number", n)]),
                None => self.get("callout_emergency_no_number").into(),
            },
            urgent: self.get("callout_urgent").into(),
            routine: self.get("callout_routine").into(),
            notes: self.get("footnotes_label").into(),
            note: self.get("footnote_ref").into(),
            back: self.get("footnote_back").into(),
            back_to_note: self.get("footnote_back_label").into(),
            done: self.get("task_done").into(),
            not_done: self.get("task_not_done").into(),
            table: self.get("table_label").into(),
        }
    }

    /// All keys and texts, for tests and the theme's documentation.
    pub fn iter(&self) -> impl Iterator<Item = (&str, &str)> {
        self.map.iter().map(|(k, v)| (k.as_str(), v.as_str()))
    }
}

/// One language file as read: where it is and what it holds.
struct Layer {
    path: PathBuf,
    map: BTreeMap<String, String>,
}

/// Reads the words of every language of the site (`languages`, default first). Each key a
/// language lacks gets the default language's text (English for the default language)
/// and one warning that names the language, the key and the file to add it to.
pub fn load(root: &Path, theme: &Theme, languages: &[Language]) -> (Vec<Strings>, Diagnostics) {
    let mut diags = Diagnostics::new();
    let mut out: Vec<Strings> = Vec::new();
    for lang in languages {
        // `en-GB` reads `en-GB.yaml` over `en.yaml`: a regional file need only hold what differs.
        let mut layers = Vec::new();
        if let Some((primary, _)) = lang.code.split_once('-') {
            layers = self::layers(root, theme, primary, &mut diags);
        }
        layers.extend(self::layers(root, theme, &lang.code, &mut diags));
        let mut map = BTreeMap::new();
        for l in &layers {
            map.extend(l.map.iter().map(|(k, v)| (k.clone(), v.clone())));
        }
        for l in &layers {
            for key in l.map.keys().filter(|k| !ENGLISH.contains_key(*k)) {
                diags.push(unknown_key(l, key));
            }
        }
        let fallback: &BTreeMap<String, String> = match out.first() {
            Some(default) => &default.map,
            None => &ENGLISH,
        };
        let file = layers
            .last()
            .map(|l| l.path.clone())
            .unwrap_or_else(|| Path::new(I18N_DIR).join(format!("{}.yaml", lang.code)));
        let missing: Vec<&String> = ENGLISH.keys().filter(|k| !map.contains_key(*k)).collect();
        if layers.is_empty() && !missing.is_empty() {
            diags.push(
                Diagnostic::warning(
                    "i18n/missing-string",
                    Span::file(&file),
                    format!(
                        "no language file for `{}`: its pages show the default language's words",
                        lang.code
                    ),
                )
                .with_help(format!(
                    "copy themes/default/i18n/en.yaml to {} and translate it",
                    file.display()
                )),
            );
        } else {
            for key in &missing {
                diags.push(
                    Diagnostic::warning(
                        "i18n/missing-string",
                        Span::file(&file),
                        format!("the `{}` words have no `{key}`: its pages show the default language's `{}`", lang.code, fallback.get(*key).map(String::as_str).unwrap_or("")),
                    )
                    .with_help(format!("add `{key}:` with its {} text to {}", lang.code, file.display())),
                );
            }
        }
        for key in missing {
            if let Some(v) = fallback.get(key) {
                map.insert(key.clone(), v.clone());
            }
        }
        out.push(Strings { map });
    }
    (out, diags)
}

/// The language files for `code`, base first: the built-in theme's, each theme folder's,
/// the site's own.
fn layers(root: &Path, theme: &Theme, code: &str, diags: &mut Diagnostics) -> Vec<Layer> {
    let name = format!("{code}.yaml");
    let mut out = Vec::new();
    let built_in_path = Path::new("themes/default").join(I18N_DIR).join(&name);
    if let Some(bytes) = crate::render::theme::built_in_file(&format!("{I18N_DIR}/{name}")) {
        let text = String::from_utf8_lossy(bytes);
        if let Some(map) = parse(&text, &built_in_path, diags) {
            out.push(Layer {
                path: built_in_path.clone(),
                map,
            });
        }
    }
    let mut dirs: Vec<PathBuf> = theme.disk_roots.iter().map(|d| d.join(I18N_DIR)).collect();
    dirs.push(root.join(I18N_DIR));
    for dir in dirs {
        let full = dir.join(&name);
        let shown = full.strip_prefix(root).unwrap_or(&full).to_path_buf();
        let text = match std::fs::read(&full) {
            Ok(bytes) => match crate::content::decode_utf8(bytes, &shown) {
                Ok(t) => t,
                Err(e) => {
                    diags.extend(e);
                    continue;
                }
            },
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => continue,
            Err(e) => {
                diags.push(Diagnostic::io(&shown, "read", &e));
                continue;
            }
        };
        if let Some(map) = parse(&text, &shown, diags) {
            out.push(Layer { path: shown, map });
        }
    }
    out
}

/// One language file: a mapping of keys to texts. Errors carry the line.
fn parse(text: &str, path: &Path, diags: &mut Diagnostics) -> Option<BTreeMap<String, String>> {
    match yaml::parse::<BTreeMap<String, String>>(text, path, 1) {
        Ok((map, _)) => Some(map),
        Err(d) => {
            diags.push(d.with_help("each line of a language file is `key: text`; put quotes around a text that holds `:` or starts with `{`"));
            None
        }
    }
}

/// A key no theme uses, most likely misspelt.
fn unknown_key(layer: &Layer, key: &str) -> Diagnostic {
    let text = std::fs::read_to_string(&layer.path).unwrap_or_default();
    let span = match yaml::find_key(&text, &[key]) {
        Some((l, c)) => Span::at(&layer.path, l, c),
        None => Span::file(&layer.path),
    };
    let known: Vec<&str> = ENGLISH.keys().map(String::as_str).collect();
    let mut msg = format!("`{key}` is not a word the theme shows");
    if let Some(near) = did_you_mean(key, &known) {
        msg.push_str(&format!("; did you mean `{near}`?"));
    }
    Diagnostic::warning("i18n/unknown-string", span, msg)
        .with_help("the keys are those of themes/default/i18n/en.yaml")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_use_the_language_month_names() {
        let d = NaiveDate::from_ymd_opt(2026, 3, 5).expect("date");
        assert_eq!(Strings::default().date(d), "5 March 2026");
        let mut es = Strings::default();
        es.map
            .insert("date_format".into(), "{day} de {month} de {year}".into());
        es.map.insert("month_3".into(), "marzo".into());
        assert_eq!(es.date(d), "5 de marzo de 2026");
    }

    #[test]
    fn built_in_languages_have_every_key() {
        for code in ["es", "ar"] {
            let bytes = crate::render::theme::built_in_file(&format!("i18n/{code}.yaml"))
                .expect("language file");
            let map: BTreeMap<String, String> = serde_yaml::from_slice(bytes).expect("yaml");
            let missing: Vec<&String> = ENGLISH.keys().filter(|k| !map.contains_key(*k)).collect();
            let extra: Vec<&String> = map.keys().filter(|k| !ENGLISH.contains_key(*k)).collect();
            assert!(
                missing.is_empty() && extra.is_empty(),
                "{code}: missing {missing:?}, extra {extra:?}"
            );
        }
    }
}
