//! Any text as a content file: front matter split, YAML, every field's checks.
#![no_main]
use handout::content::{parse_document, DocKind};
use libfuzzer_sys::fuzz_target;
use std::path::Path;

fuzz_target!(|text: &str| {
    for kind in [DocKind::Article, DocKind::Page, DocKind::Faq, DocKind::Home] {
        let _ = parse_document(text.to_string(), Path::new("content/articles/x.md"), kind, None);
    }
});
