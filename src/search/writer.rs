//! Writes a Pagefind index as records stream in: each record's fragment (the JSON a result
//! shows) joins a group of fragments that goes out once it is big enough, its words go into
//! the language's postings; [`Writer::finish`] then writes the word chunks, filters, metadata
//! and entry file, and the browser files from [`assets`](super::assets).

use super::assets::assets;
use super::encode::{self, Meta, Names};
use super::postings::Postings;
use super::words::Splitter;
use super::{Record, DIR};
use rustc_hash::FxHashMap;
use serde::Serialize;
use std::collections::BTreeMap;

/// Where finished files go: (output path, bytes).
pub(crate) type Sink<'a> = dyn FnMut(String, Vec<u8>) + 'a;

/// Meta fields of every record, sorted: a meta word's field is its place here.
const META_FIELDS: [&str; 3] = ["guide", "part", "title"];

/// Characters of a fragment group file's name, and of a chunk's, filter's and metadata
/// file's after the language. Group names are listed once per record in the metadata every
/// query downloads, so they are kept short; a clash gets a longer name.
const GROUP_NAME: usize = 5;
const FILE_NAME: usize = 7;

/// Bytes of fragment JSON per group file. Pagefind's browser side reads a group (a JSON
/// object of fragments by page name) as it reads a single fragment, so records share files:
/// one file per record cost a 10,000-article site 83,000 files, most of the index's share of
/// the build's time. A result then downloads its group, a few records of the same guide
/// (they are added one after another), rather than one record.
const GROUP_BYTES: usize = 6 * 1024;

/// Pagefind's measure of an index chunk: about 20,000 word locations.
const CHUNK: u32 = 20_000;

/// The index of one language so far.
struct Language {
    splitter: Splitter,
    postings: Postings,
    /// Each distinct token of text once: its keys and weights.
    text_words: FxHashMap<Box<str>, Box<[(u32, u8)]>>,
    /// Each distinct token of a meta field once: its keys.
    meta_words: FxHashMap<Box<str>, Box<[u32]>>,
    /// Per page: word count and the number of its fragment group.
    pages: Vec<(u32, u32)>,
    /// The names of the fragment groups written so far.
    groups: Vec<String>,
    /// The fragment group being filled: a JSON object, without its closing brace.
    group: Vec<u8>,
    /// Filter name, value, pages.
    filters: BTreeMap<String, BTreeMap<String, Vec<u32>>>,
}

/// A fragment file's JSON, as Pagefind's browser side reads it.
#[derive(Serialize)]
struct Fragment<'a> {
    url: &'a str,
    content: &'a str,
    word_count: u32,
    filters: BTreeMap<&'a str, &'a [String]>,
    meta: BTreeMap<&'a str, &'a str>,
    anchors: [u8; 0],
}

/// An index being written.
pub(crate) struct Writer {
    languages: BTreeMap<String, Language>,
    names: Names,
    /// The text of the record being added, words separated by one space.
    content: String,
    /// Word locations per index chunk.
    chunk: u32,
    /// The JSON of the fragment being added.
    json: Vec<u8>,
    /// One compressor for every file.
    gzip: encode::Gzip,
}

impl Default for Writer {
    fn default() -> Writer {
        Writer::with_chunk(CHUNK)
    }
}

impl Writer {
    /// A writer that closes an index chunk once it holds `chunk` word locations.
    pub(crate) fn with_chunk(chunk: u32) -> Writer {
        Writer {
            languages: BTreeMap::new(),
            names: Names::default(),
            content: String::new(),
            chunk,
            json: Vec::new(),
            gzip: encode::Gzip::default(),
        }
    }

    /// Indexes `r` and writes its fragment to `sink`. A record without words is left out.
    pub(crate) fn add(&mut self, r: Record, sink: &mut Sink) -> Result<(), String> {
        let lang = match r.lang.as_str() {
            "" => "unknown",
            l => l,
        };
        let l = self
            .languages
            .entry(lang.to_string())
            .or_insert_with(|| Language::new(lang));
        self.content.clear();
        let words = l.text(&r.content, &mut self.content);
        if words == 0 {
            l.postings.discard();
            return Ok(());
        }
        let part = [r.part.to_string()];
        let meta = BTreeMap::from([
            ("guide", r.guide.as_str()),
            ("part", r.part),
            ("title", r.title.as_str()),
        ]);
        for (field, name) in META_FIELDS.iter().enumerate() {
            l.meta(field as u16, meta.get(name).copied().unwrap_or_default());
        }
        let page = l.pages.len() as u32;
        l.postings.end_page(page);
        let mut filters = BTreeMap::from([("part", &part[..])]);
        if !r.tags.is_empty() {
            filters.insert("tag", &r.tags[..]);
        }
        for (name, values) in &filters {
            let by_value = l.filters.entry(name.to_string()).or_default();
            for v in values.iter() {
                by_value.entry(v.clone()).or_default().push(page);
            }
        }
        let fragment = Fragment {
            url: &r.url,
            content: &self.content,
            word_count: words,
            filters,
            meta,
            anchors: [],
        };
        self.json.clear();
        serde_json::to_writer(&mut self.json, &fragment).map_err(|e| e.to_string())?;
        l.group.push(if l.group.is_empty() { b'{' } else { b',' });
        // A page's name only has to be unique in its index: the browser caches fragments by
        // it, and finds the file by the group's name, which follows the content.
        l.group.push(b'"');
        l.group.extend_from_slice(encode::short(page).as_bytes());
        l.group.extend_from_slice(b"\":");
        l.group.extend_from_slice(&self.json);
        l.pages.push((words, l.groups.len() as u32));
        if l.group.len() >= GROUP_BYTES {
            l.write_group(&mut self.names, &mut self.gzip, sink);
        }
        Ok(())
    }

    /// Writes the word chunks, filters and metadata of every language, the entry file and the
    /// browser files. Returns the number of records indexed.
    pub(crate) fn finish(mut self, sink: &mut Sink) -> Result<usize, String> {
        let langs: Vec<String> = self.languages.keys().cloned().collect();
        let assets = assets(&langs)?;
        let mut entry = BTreeMap::new();
        let mut records = 0;
        for (lang, l) in std::mem::take(&mut self.languages) {
            let count = l.pages.len();
            let meta = l.finish(
                &lang,
                &assets.version,
                self.chunk,
                &mut self.names,
                &mut self.gzip,
                sink,
            )?;
            records += count;
            let wasm = assets.has_wasm(&lang).then(|| lang.clone());
            entry.insert(
                lang,
                serde_json::json!({ "hash": meta, "wasm": wasm, "page_count": count }),
            );
        }
        let entry = serde_json::json!({
            "version": assets.version,
            "languages": entry,
            "include_characters": assets.include_characters,
        });
        sink(
            format!("{DIR}/pagefind-entry.json"),
            entry.to_string().into_bytes(),
        );
        for (path, bytes) in &assets.files {
            sink(format!("{DIR}/{path}"), bytes.clone());
        }
        Ok(records)
    }
}

impl Language {
    fn new(lang: &str) -> Language {
        Language {
            splitter: Splitter::new(lang),
            postings: Postings::default(),
            text_words: FxHashMap::default(),
            meta_words: FxHashMap::default(),
            pages: Vec::new(),
            groups: Vec::new(),
            group: Vec::new(),
            filters: BTreeMap::new(),
        }
    }

    /// Writes the fragment group being filled, if it has any fragment.
    fn write_group(&mut self, names: &mut Names, gzip: &mut encode::Gzip, sink: &mut Sink) {
        if self.group.is_empty() {
            return;
        }
        self.group.push(b'}');
        let name = names.name("", &self.group, GROUP_NAME);
        sink(
            format!("{DIR}/fragment/{name}.pf_fragment"),
            gzip.fast(&self.group),
        );
        self.groups.push(name);
        self.group.clear();
    }

    /// Notes the words of `text` and appends them to `content`. Returns the word count.
    fn text(&mut self, text: &str, content: &mut String) -> u32 {
        let mut position = 0u32;
        for token in text.split_whitespace() {
            // Pagefind drops zero-width spaces before indexing.
            let cleaned;
            let token = if token.contains('\u{200B}') {
                cleaned = token.replace('\u{200B}', "");
                if cleaned.is_empty() {
                    continue;
                }
                cleaned.as_str()
            } else {
                token
            };
            if position > 0 {
                content.push(' ');
            }
            content.push_str(token);
            // Each distinct token is split and stemmed once.
            let keys = match self.text_words.get(token) {
                Some(keys) => keys,
                None => {
                    let keys = self
                        .splitter
                        .content_words(token)
                        .into_iter()
                        .map(|(w, weight)| (intern(&mut self.postings, &w), weight))
                        .collect();
                    self.text_words.entry(token.into()).or_insert(keys)
                }
            };
            for &(key, weight) in keys.iter() {
                self.postings.text(key, weight, position);
            }
            position += 1;
        }
        if self.postings.has_text() {
            position
        } else {
            0
        }
    }

    /// Notes the words of meta field number `field`.
    fn meta(&mut self, field: u16, value: &str) {
        for (position, token) in value.split_whitespace().enumerate() {
            let keys = match self.meta_words.get(token) {
                Some(keys) => keys,
                None => {
                    let keys = self
                        .splitter
                        .words(token)
                        .into_iter()
                        .map(|w| intern(&mut self.postings, &w))
                        .collect();
                    self.meta_words.entry(token.into()).or_insert(keys)
                }
            };
            for &key in keys.iter() {
                self.postings.meta(key, field, position as u32);
            }
        }
    }

    /// Writes this language's chunks, filters and metadata. Returns the metadata's name.
    fn finish(
        mut self,
        lang: &str,
        version: &str,
        chunk: u32,
        names: &mut Names,
        gzip: &mut encode::Gzip,
        sink: &mut Sink,
    ) -> Result<String, String> {
        self.write_group(names, gzip, sink);
        let prefix = format!("{lang}_");
        let chunks = super::chunks::write(&mut self.postings, chunk, &prefix, names, gzip, sink)?;
        let mut filters = Vec::new();
        for (name, values) in &self.filters {
            let bytes = encode::filter(name, values.iter()).map_err(|e| e.to_string())?;
            let file = names.name(&prefix, &bytes, FILE_NAME);
            sink(format!("{DIR}/filter/{file}.pf_filter"), gzip.small(&bytes));
            filters.push((name.clone(), file));
        }
        let pages: Vec<(String, u32, &str)> = self
            .pages
            .iter()
            .enumerate()
            .map(|(i, &(words, group))| {
                let group = self.groups.get(group as usize).map_or("", String::as_str);
                (encode::short(i as u32), words, group)
            })
            .collect();
        let bytes = encode::meta(&Meta {
            version,
            pages: &pages,
            chunks: &chunks,
            filters: &filters,
            meta_fields: &META_FIELDS,
        })
        .map_err(|e| e.to_string())?;
        let file = names.name(&prefix, &bytes, FILE_NAME + 3);
        sink(format!("{DIR}/pagefind.{file}.pf_meta"), gzip.small(&bytes));
        Ok(file)
    }
}

/// The key of an indexable word: the stem, or the stem and its written form.
fn intern(postings: &mut Postings, w: &super::words::Indexable) -> u32 {
    match &w.original {
        Some(form) => postings.intern(&format!("{}\0{form}", w.stem)),
        None => postings.intern(&w.stem),
    }
}
