//! Site search: an index of every guide, question and page, built in-process with Pagefind
//! and served from the site itself (`pagefind/`), so a search needs no other host.
//!
//! The index is a derived output like the sitemap: [`write`] builds it from the model and
//! writes it through the same [`Output`] as the pages, so a build's staging folder and serve's
//! memory both get it.

mod records;
mod text;

use crate::diagnostic::{Diagnostic, Span};
use crate::output::Output;
use crate::site::Site;
use pagefind::api::PagefindIndex;
use pagefind::options::PagefindServiceConfig;
use std::collections::BTreeMap;
use std::path::{Component, Path};

/// The folder of the index and Pagefind's scripts in the output.
pub const DIR: &str = "pagefind";

pub(crate) use records::Record;

/// The records of every guide, question and page of `site`.
pub(crate) fn records(site: &Site) -> Vec<Record> {
    records::records(site)
}

/// Builds the index of `site`. Returns its files as (output path, bytes).
pub fn index(site: &Site) -> Result<Vec<(String, Vec<u8>)>, Diagnostic> {
    index_records(records::records(site))
}

/// Builds an index of `records`, one per language they are in. Returns its files as
/// (output path, bytes).
pub(crate) fn index_records(records: Vec<Record>) -> Result<Vec<(String, Vec<u8>)>, Diagnostic> {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .build()
        .map_err(|e| failed(&e.to_string()))?;
    let files = runtime.block_on(async move {
        let options = PagefindServiceConfig::builder().build();
        let mut index = PagefindIndex::new(Some(options))?;
        for r in records {
            let meta = BTreeMap::from([
                ("title".to_string(), r.title),
                ("guide".to_string(), r.guide),
                ("part".to_string(), r.part.to_string()),
            ]);
            let mut filters = BTreeMap::from([("part".to_string(), vec![r.part.to_string()])]);
            if !r.tags.is_empty() {
                filters.insert("tag".to_string(), r.tags);
            }
            index
                .add_custom_record(r.url, r.content, r.lang, Some(meta), Some(filters), None)
                .await?;
        }
        index.get_files().await
    });
    let files = files.map_err(|e| failed(&e.to_string()))?;
    Ok(files
        .into_iter()
        .filter_map(|f| Some((relative(&f.filename)?, f.contents)))
        .collect())
}

/// Builds the index and writes it to `out`. Returns the number of files written.
pub fn write(site: &Site, out: &dyn Output) -> (usize, Vec<Diagnostic>) {
    let files = match index(site) {
        Ok(f) => f,
        Err(d) => return (0, vec![d]),
    };
    let mut errors = Vec::new();
    let mut n = 0;
    for (path, bytes) in files {
        match out.write(&path, &bytes) {
            Ok(()) => n += 1,
            Err(e) => errors.push(Diagnostic::io(Path::new(&path), "write", &e)),
        }
    }
    (n, errors)
}

/// `fragment/x.pf_fragment` as `pagefind/fragment/x.pf_fragment`. Pagefind names its files
/// relative to its bundle folder; anything else (an absolute path, `..`) is not written.
fn relative(path: &Path) -> Option<String> {
    let mut out = String::from(DIR);
    for c in path.components() {
        let Component::Normal(s) = c else {
            return None;
        };
        out.push('/');
        out.push_str(s.to_str()?);
    }
    Some(out)
}

fn failed(reason: &str) -> Diagnostic {
    Diagnostic::error(
        "search/index",
        Span::file(DIR),
        format!("the search index could not be built: {reason}"),
    )
    .with_help("set `search: false` in site.yaml to build without search, and report this")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_names_are_relative_to_the_output() {
        assert_eq!(
            relative(Path::new("fragment/en_1.pf_fragment")).as_deref(),
            Some("pagefind/fragment/en_1.pf_fragment")
        );
        assert_eq!(relative(Path::new("/etc/passwd")), None);
        assert_eq!(relative(Path::new("../x")), None);
    }

    fn record(url: &str, lang: &str, content: &str) -> Record {
        Record {
            url: url.into(),
            title: content.into(),
            guide: String::new(),
            part: records::PART_PAGE,
            tags: Vec::new(),
            content: content.into(),
            lang: lang.into(),
        }
    }

    /// A bilingual site gets an index per language, so a Spanish page searches Spanish text
    /// with a Spanish stemmer and an English one never lists Spanish results.
    #[test]
    fn records_in_two_languages_get_an_index_each() {
        let files = index_records(vec![
            record("/ice/", "en", "Ice the knee for ten minutes"),
            record("/heat/", "en", "Heat helps stiff muscles"),
            record("/es/hielo/", "es", "Ponga hielo en la rodilla"),
        ])
        .expect("index");
        let file = |name: &str| {
            files
                .iter()
                .find(|(p, _)| p == name)
                .map(|(_, b)| b.as_slice())
        };
        let entry: serde_json::Value =
            serde_json::from_slice(file("pagefind/pagefind-entry.json").expect("entry"))
                .expect("entry JSON");
        let languages = entry["languages"].as_object().expect("languages");
        let mut names: Vec<&str> = languages.keys().map(String::as_str).collect();
        names.sort_unstable();
        assert_eq!(names, ["en", "es"]);
        assert_eq!(languages["en"]["page_count"], 2);
        assert_eq!(languages["es"]["page_count"], 1);
        for lang in ["en", "es"] {
            let hash = languages[lang]["hash"].as_str().expect("hash");
            assert!(file(&format!("pagefind/pagefind.{hash}.pf_meta")).is_some());
            assert!(file(&format!("pagefind/wasm.{lang}.pagefind")).is_some());
            let prefix = format!("pagefind/index/{lang}_");
            assert!(files.iter().any(|(p, _)| p.starts_with(&prefix)), "{lang}");
        }
    }
}
