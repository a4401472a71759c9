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
mod tests;
