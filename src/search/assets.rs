//! Pagefind's browser side (its script, worker, WebAssembly per language and UI files), taken
//! from the pagefind crate so the site serves the version our index files are written for.
//!
//! The crate hands these files out only with an index, so we ask it for the index of one
//! word per language and keep everything but the index itself. That is the only use of the
//! pagefind dependency; the index is ours (see `writer`).

use pagefind::api::PagefindIndex;
use pagefind::options::PagefindServiceConfig;
use std::path::{Component, Path};
use std::sync::{Arc, Mutex};

/// The browser files and what the entry file must say about them.
pub(super) struct Assets {
    /// Pagefind's version, which the browser checks against the metadata.
    pub version: String,
    /// Characters Pagefind keeps inside words besides letters and digits.
    pub include_characters: Vec<char>,
    /// Files as (path in the bundle folder, bytes): scripts, styles, WebAssembly.
    pub files: Vec<(String, Vec<u8>)>,
}

impl Assets {
    /// Whether the browser has a stemming WebAssembly for `lang`.
    pub(super) fn has_wasm(&self, lang: &str) -> bool {
        let name = format!("wasm.{lang}.pagefind");
        self.files.iter().any(|(p, _)| *p == name)
    }
}

/// The assets for `languages`, made once per set of languages (serve asks after every edit).
pub(super) fn assets(languages: &[String]) -> Result<Arc<Assets>, String> {
    static MADE: Mutex<Option<(Vec<String>, Arc<Assets>)>> = Mutex::new(None);
    let mut made = MADE.lock().unwrap_or_else(|e| e.into_inner());
    if let Some((langs, assets)) = made.as_ref() {
        if langs == languages {
            return Ok(Arc::clone(assets));
        }
    }
    let assets = Arc::new(make(languages)?);
    *made = Some((languages.to_vec(), Arc::clone(&assets)));
    Ok(assets)
}

fn make(languages: &[String]) -> Result<Assets, String> {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .build()
        .map_err(|e| e.to_string())?;
    let langs = languages.to_vec();
    let files = runtime.block_on(async move {
        let options = PagefindServiceConfig::builder().build();
        let mut index = PagefindIndex::new(Some(options))?;
        for lang in langs {
            let url = format!("/{lang}/");
            index
                .add_custom_record(url, "handout".into(), lang, None, None, None)
                .await?;
        }
        index.get_files().await
    });
    let files = files.map_err(|e| e.to_string())?;
    let mut entry = None;
    let mut kept = Vec::new();
    for f in files {
        let Some(path) = relative(&f.filename) else {
            continue;
        };
        if path == "pagefind-entry.json" {
            entry = Some(f.contents);
        } else if !is_index(&path) {
            kept.push((path, f.contents));
        }
    }
    let entry: serde_json::Value = entry
        .and_then(|e| serde_json::from_slice(&e).ok())
        .ok_or("Pagefind wrote no entry file")?;
    let version = entry["version"].as_str().unwrap_or_default().to_string();
    let include_characters = entry["include_characters"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|c| c.as_str()?.chars().next())
        .collect();
    Ok(Assets {
        version,
        include_characters,
        files: kept,
    })
}

/// The index files of the one-word index, which we write ourselves.
fn is_index(path: &str) -> bool {
    path.ends_with(".pf_meta")
        || ["fragment/", "index/", "filter/"]
            .iter()
            .any(|d| path.starts_with(d))
}

/// A path in the bundle folder as `a/b`; anything else (absolute, `..`) is not kept.
fn relative(path: &Path) -> Option<String> {
    let mut parts = Vec::new();
    for c in path.components() {
        let Component::Normal(s) = c else {
            return None;
        };
        parts.push(s.to_str()?);
    }
    Some(parts.join("/"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeMap;

    fn by_path(a: &Assets) -> BTreeMap<&str, usize> {
        a.files.iter().map(|(p, b)| (p.as_str(), b.len())).collect()
    }

    #[test]
    fn the_browser_files_come_without_an_index() {
        let a = assets(&["en".to_string(), "zz".to_string()]).expect("assets");
        let files = by_path(&a);
        for f in [
            "pagefind.js",
            "pagefind-worker.js",
            "wasm.unknown.pagefind",
            "wasm.en.pagefind",
        ] {
            assert!(files.contains_key(f), "{f}: {files:?}");
        }
        assert!(a.has_wasm("en") && !a.has_wasm("zz"));
        assert!(files.keys().all(|p| !is_index(p)), "{files:?}");
        assert!(!a.version.is_empty());
        // Our words keep the characters the browser keeps in a query.
        assert_eq!(a.include_characters, crate::search::words::INCLUDE);
        assert_eq!(relative(Path::new("/etc/passwd")), None);
        assert_eq!(relative(Path::new("../x")), None);
    }
}
