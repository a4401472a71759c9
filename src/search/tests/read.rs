//! Reads an index back the way Pagefind's browser side does: the entry file, each language's
//! metadata, chunks, filters and fragments, with page numbers resolved to URLs.

use minicbor::data::Type;
use minicbor::Decoder;
use serde_json::Value;
use std::collections::BTreeMap;
use std::io::Read;

/// Where a word is on one page: the page's URL, (weight, position) in its text, and
/// (field, position) in its meta fields.
pub(super) type Hits = (String, Vec<(i64, i64)>, Vec<(i64, i64)>);

/// One language of an index.
#[derive(Debug, Default, PartialEq)]
pub(super) struct Language {
    /// Word (or `word/form` for a variant) to where it is, pages sorted by URL.
    pub words: BTreeMap<String, Vec<Hits>>,
    /// Per chunk: from, to, and its words.
    pub chunks: Vec<(String, String, Vec<String>)>,
    /// Filter, value, URLs.
    pub filters: BTreeMap<String, BTreeMap<String, Vec<String>>>,
    /// URL to fragment JSON.
    pub fragments: BTreeMap<String, Value>,
}

/// The languages of an index given as (path, bytes).
pub(super) fn index(files: &[(String, Vec<u8>)]) -> BTreeMap<String, Language> {
    let file = |name: String| {
        files
            .iter()
            .find(|(p, _)| *p == name)
            .map(|(_, b)| b.as_slice())
            .unwrap_or_else(|| panic!("no {name}"))
    };
    let entry: Value =
        serde_json::from_slice(file("pagefind/pagefind-entry.json".into())).expect("entry");
    let mut out = BTreeMap::new();
    for (lang, e) in entry["languages"].as_object().expect("languages") {
        let hash = e["hash"].as_str().expect("hash");
        let meta = cbor(&gunzip(file(format!("pagefind/pagefind.{hash}.pf_meta"))));
        let mut l = Language::default();
        let mut urls = Vec::new();
        for page in meta[1].as_array().expect("pages") {
            let name = page[0].as_str().expect("page hash");
            // A page in a group is that group file's entry under its name.
            let (file_name, group) = match page[2].as_str().expect("group") {
                "" => (name, false),
                g => (g, true),
            };
            let json = gunzip(file(format!("pagefind/fragment/{file_name}.pf_fragment")));
            let mut fragment: Value = serde_json::from_slice(&json).expect("fragment JSON");
            if group {
                fragment = fragment[name].take();
            }
            let url = fragment["url"].as_str().expect("url").to_string();
            assert_eq!(page[1], fragment["word_count"], "{url}");
            urls.push(url.clone());
            l.fragments.insert(url, fragment);
        }
        for chunk in meta[2].as_array().expect("chunks") {
            let name = chunk[2].as_str().expect("chunk hash");
            let words = cbor(&gunzip(file(format!("pagefind/index/{name}.pf_index"))));
            let mut in_chunk = Vec::new();
            for w in words[0].as_array().expect("words") {
                let word = w[0].as_str().expect("word").to_string();
                l.words.insert(word.clone(), hits(&w[1], &urls));
                for v in w[2].as_array().expect("variants") {
                    let form = v[0].as_str().expect("form");
                    l.words.insert(format!("{word}/{form}"), hits(&v[1], &urls));
                }
                in_chunk.push(word);
            }
            let text = |i: usize| chunk[i].as_str().expect("range").to_string();
            l.chunks.push((text(0), text(1), in_chunk));
        }
        for f in meta[3].as_array().expect("filters") {
            let name = f[1].as_str().expect("filter hash");
            let filter = cbor(&gunzip(file(format!("pagefind/filter/{name}.pf_filter"))));
            let values = l
                .filters
                .entry(filter[0].as_str().expect("name").into())
                .or_default();
            for v in filter[1].as_array().expect("values") {
                let pages = v[1].as_array().expect("pages");
                let mut at: Vec<String> = pages.iter().map(|p| page_url(p, &urls)).collect();
                at.sort();
                values.insert(v[0].as_str().expect("value").into(), at);
            }
        }
        out.insert(lang.clone(), l);
    }
    out
}

/// A word's pages: page numbers delta-coded, positions decoded as the browser does.
fn hits(pages: &Value, urls: &[String]) -> Vec<Hits> {
    let mut page = 0;
    let mut out = Vec::new();
    for p in pages.as_array().expect("pages") {
        page += p[0].as_i64().expect("page");
        let mut locs = Vec::new();
        let (mut weight, mut last) = (25, 0);
        for l in p[1]
            .as_array()
            .expect("locs")
            .iter()
            .filter_map(Value::as_i64)
        {
            if l < 0 {
                (weight, last) = (-l - 1, 0);
            } else {
                last += l;
                locs.push((weight, last));
            }
        }
        let mut meta = Vec::new();
        let (mut field, mut last) = (0, 0);
        for l in p[2]
            .as_array()
            .expect("meta locs")
            .iter()
            .filter_map(Value::as_i64)
        {
            if l < 0 {
                (field, last) = (-l - 1, 0);
            } else {
                last += l;
                meta.push((field, last));
            }
        }
        locs.sort_unstable();
        out.push((page_url(&page.into(), urls), locs, meta));
    }
    out.sort();
    out
}

fn page_url(page: &Value, urls: &[String]) -> String {
    let n = page.as_u64().expect("page number") as usize;
    urls.get(n)
        .cloned()
        .unwrap_or_else(|| panic!("page {n} of {}", urls.len()))
}

/// A gzip'd file after its signature.
fn gunzip(bytes: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    flate2::read::GzDecoder::new(bytes)
        .read_to_end(&mut out)
        .expect("gzip");
    out.strip_prefix(b"pagefind_dcd")
        .expect("signature")
        .to_vec()
}

/// CBOR of arrays, strings and integers as JSON.
fn cbor(bytes: &[u8]) -> Value {
    let mut d = Decoder::new(bytes);
    let v = item(&mut d);
    assert_eq!(d.position(), bytes.len(), "trailing bytes");
    v
}

fn item(d: &mut Decoder) -> Value {
    match d.datatype().expect("type") {
        Type::Array => {
            let n = d.array().expect("array").expect("definite length");
            Value::Array((0..n).map(|_| item(d)).collect())
        }
        Type::String => d.str().expect("string").into(),
        Type::U8 | Type::U16 | Type::U32 | Type::U64 => d.u64().expect("unsigned").into(),
        Type::I8 | Type::I16 | Type::I32 | Type::I64 => d.i64().expect("signed").into(),
        t => panic!("unexpected {t}"),
    }
}
