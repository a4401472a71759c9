//! Where each key of site.yaml was written, recorded when the file is read, so that checks
//! made later (placeholders, `check.disable`) can point at the line without the text.

use crate::diagnostic::Span;
use crate::yaml;
use std::collections::HashMap;
use std::path::{Path, PathBuf};

/// Line and column of every key of site.yaml, by dotted path (`clinic.phone`).
#[derive(Debug, Clone, Default)]
pub struct KeyPositions {
    path: PathBuf,
    at: HashMap<String, (usize, usize)>,
}

impl KeyPositions {
    /// Records the keys of `value` (two levels deep: settings and their fields) as written in
    /// `text`, the file shown as `path`.
    pub(super) fn record(text: &str, value: &serde_yaml::Value, path: &Path) -> Self {
        let mut at = HashMap::new();
        if let serde_yaml::Value::Mapping(top) = value {
            for (k, v) in top {
                let Some(k) = k.as_str() else { continue };
                if let Some(pos) = yaml::find_key(text, &[k]) {
                    at.insert(k.to_string(), pos);
                }
                if let serde_yaml::Value::Mapping(inner) = v {
                    for k2 in inner.keys().filter_map(|k2| k2.as_str()) {
                        if let Some(pos) = yaml::find_key(text, &[k, k2]) {
                            at.insert(format!("{k}.{k2}"), pos);
                        }
                    }
                }
            }
        }
        KeyPositions {
            path: path.to_path_buf(),
            at,
        }
    }

    /// Where the key at `key_path` was written, or the file itself for a key it lacks.
    pub fn span(&self, key_path: &[&str]) -> Span {
        let path = if self.path.as_os_str().is_empty() {
            Path::new(super::CONFIG_FILE)
        } else {
            &self.path
        };
        match self.at.get(&key_path.join(".")) {
            Some(&(line, column)) => Span::at(path, line, column),
            None => Span::file(path),
        }
    }
}
