//! Site search: an index of every guide, question and page in Pagefind's format, served from
//! the site itself (`pagefind/`) with Pagefind's browser side, so a search needs no other host.
//!
//! The index is a derived output like the sitemap: [`write`] builds it from the model and
//! writes it through the same [`Output`] as the pages, so a build's staging folder and serve's
//! memory both get it. We write the index files ourselves ([`writer`]), streaming: Pagefind's
//! own indexer keeps every record's text and positions until the end, which cost a site of
//! 10,000 articles five gigabytes.

mod assets;
mod chunks;
mod encode;
mod postings;
mod records;
mod text;
mod words;
mod writer;

use crate::diagnostic::{Diagnostic, Span};
use crate::output::Output;
use crate::site::Site;
use std::path::Path;

/// The folder of the index and Pagefind's scripts in the output.
pub const DIR: &str = "pagefind";

pub(crate) use records::Record;

/// The records of every guide, question and page of `site`.
pub(crate) fn records(site: &Site) -> Vec<Record> {
    records::records(site)
}

/// Hands every record of `site` to `f` as it is made.
pub(crate) fn each_record(site: &Site, f: &mut dyn FnMut(Record)) {
    records::each(site, f)
}

/// Builds the index of `site`. Returns its files as (output path, bytes).
pub fn index(site: &Site) -> Result<Vec<(String, Vec<u8>)>, Diagnostic> {
    let mut files = Vec::new();
    build(site, &mut |path, bytes| files.push((path, bytes)))?;
    Ok(files)
}

/// Builds the index of `site`, handing each file to `sink` (output path, bytes) as soon as it
/// is made. Returns the number of records indexed.
pub(crate) fn build(site: &Site, sink: &mut writer::Sink) -> Result<usize, Diagnostic> {
    let mut w = writer::Writer::default();
    let mut error = None;
    records::each(site, &mut |r| {
        if error.is_none() {
            error = w.add(r, sink).err();
        }
    });
    if let Some(e) = error {
        return Err(failed(&e));
    }
    w.finish(sink).map_err(|e| failed(&e))
}

/// Builds an index of `records`, one per language they are in. Returns its files as
/// (output path, bytes).
pub(crate) fn index_records(records: Vec<Record>) -> Result<Vec<(String, Vec<u8>)>, Diagnostic> {
    let mut files = Vec::new();
    let mut sink = |path, bytes| files.push((path, bytes));
    let mut w = writer::Writer::default();
    for r in records {
        w.add(r, &mut sink).map_err(|e| failed(&e))?;
    }
    w.finish(&mut sink).map_err(|e| failed(&e))?;
    Ok(files)
}

/// Builds the index and writes it to `out`. Returns the number of files written.
pub fn write(site: &Site, out: &dyn Output) -> (usize, Vec<Diagnostic>) {
    let mut errors = Vec::new();
    let mut n = 0;
    let built = build(site, &mut |path, bytes| match out.write(&path, &bytes) {
        Ok(()) => n += 1,
        Err(e) => errors.push(Diagnostic::io(Path::new(&path), "write", &e)),
    });
    if let Err(d) = built {
        errors.push(d);
    }
    (n, errors)
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
