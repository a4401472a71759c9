//! The `SiteTest` harness: copy a fixture site into a temp folder, run the real `handout`
//! binary on it, and read what it wrote the way a visitor or a crawler would.
//!
//! Helpers are `#[track_caller]` so a failing assertion points at the test, not here, and they
//! print what they found (the output, the file list, the page text) when something is missing.

#![allow(dead_code)]

mod site_checks;
mod xml;

pub(crate) use site_checks::{
    assert_ids_unique, assert_internal_links_resolve, assert_sitemap_lists_every_page,
    broken_internal_links,
};
pub(crate) use xml::{parse_atom, parse_xml, sitemap_locs};

use scraper::{ElementRef, Html, Selector};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// The folder fixture sites live in.
pub(crate) fn fixtures_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures")
}

/// A site in a temporary folder.
pub(crate) struct SiteTest {
    /// Keeps the folder alive for the test.
    pub(crate) dir: tempfile::TempDir,
}

impl SiteTest {
    /// Copies `tests/fixtures/NAME` into a temp folder.
    #[track_caller]
    pub(crate) fn fixture(name: &str) -> SiteTest {
        let t = SiteTest::empty();
        t.overlay(name);
        t
    }

    /// An empty site folder.
    #[track_caller]
    pub(crate) fn empty() -> SiteTest {
        SiteTest {
            dir: tempfile::tempdir().expect("temp dir"),
        }
    }

    /// Copies `tests/fixtures/NAME` over the site, replacing files with the same path.
    #[track_caller]
    pub(crate) fn overlay(&self, name: &str) -> &Self {
        let src = fixtures_dir().join(name);
        assert!(src.is_dir(), "no fixture at {}", src.display());
        copy_dir(&src, self.root());
        self
    }

    /// The site folder.
    pub(crate) fn root(&self) -> &Path {
        self.dir.path()
    }

    /// Writes a file under the site folder (creating folders).
    #[track_caller]
    pub(crate) fn write(&self, rel: &str, text: impl AsRef<[u8]>) -> &Self {
        let p = self.root().join(rel);
        std::fs::create_dir_all(p.parent().expect("parent")).expect("mkdir");
        std::fs::write(p, text).expect("write");
        self
    }

    /// Removes a file under the site folder.
    #[track_caller]
    pub(crate) fn remove(&self, rel: &str) -> &Self {
        std::fs::remove_file(self.root().join(rel)).expect("remove");
        self
    }

    /// Runs `handout ARGS` in the site folder.
    #[track_caller]
    pub(crate) fn run(&self, args: &[&str]) -> Run {
        let out = Command::new(env!("CARGO_BIN_EXE_handout"))
            .args(args)
            .current_dir(self.root())
            .output()
            .expect("run handout");
        Run { out }
    }

    /// Runs `handout build ARGS` and expects it to succeed.
    #[track_caller]
    pub(crate) fn build_with(&self, args: &[&str]) -> Run {
        let mut all = vec!["build"];
        all.extend_from_slice(args);
        let r = self.run(&all);
        r.assert_code(0);
        r
    }

    /// Runs `handout build` and expects it to succeed.
    #[track_caller]
    pub(crate) fn build_ok(&self) -> Run {
        self.build_with(&[])
    }

    /// The default output folder.
    pub(crate) fn public(&self) -> PathBuf {
        self.root().join("public")
    }

    /// Whether the output folder has a file at `rel`.
    pub(crate) fn exists(&self, rel: &str) -> bool {
        self.public().join(rel).is_file()
    }

    /// Reads an output file as text.
    #[track_caller]
    pub(crate) fn read(&self, rel: &str) -> String {
        let p = self.public().join(rel);
        std::fs::read_to_string(&p).unwrap_or_else(|e| {
            panic!(
                "read {}: {e}\noutput files: {:#?}",
                p.display(),
                files_under(&self.public())
            )
        })
    }

    /// Parses an output HTML page.
    #[track_caller]
    pub(crate) fn page(&self, rel: &str) -> Page {
        Page {
            rel: rel.to_string(),
            doc: Html::parse_document(&self.read(rel)),
        }
    }

    /// Every file of the default output folder (relative, `/`-separated, sorted), without
    /// handout's marker file.
    pub(crate) fn output_files(&self) -> Vec<String> {
        files_under(&self.public())
    }

    /// Every file of the default output folder with its bytes, to compare two states.
    pub(crate) fn snapshot(&self) -> BTreeMap<String, Vec<u8>> {
        snapshot(&self.public())
    }
}

/// Files under `dir`, relative and sorted, without the output marker.
pub(crate) fn files_under(dir: &Path) -> Vec<String> {
    snapshot(dir).into_keys().collect()
}

/// Every file under `dir` (marker included) with its bytes.
pub(crate) fn snapshot(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    let mut out = BTreeMap::new();
    if !dir.is_dir() {
        return out;
    }
    for entry in walkdir::WalkDir::new(dir) {
        let entry = entry.expect("walk output");
        if entry.file_type().is_file() {
            let rel = entry
                .path()
                .strip_prefix(dir)
                .expect("prefix")
                .to_string_lossy()
                .replace('\\', "/");
            if rel == ".handout-output" {
                continue;
            }
            out.insert(rel, std::fs::read(entry.path()).expect("read output"));
        }
    }
    out
}

/// The outcome of one run of the binary.
pub(crate) struct Run {
    /// Exit status and output.
    pub(crate) out: Output,
}

impl Run {
    /// Standard error as text.
    pub(crate) fn stderr(&self) -> String {
        String::from_utf8_lossy(&self.out.stderr).into_owned()
    }

    /// Standard output as text.
    pub(crate) fn stdout(&self) -> String {
        String::from_utf8_lossy(&self.out.stdout).into_owned()
    }

    /// The exit status (None if killed by a signal).
    pub(crate) fn code(&self) -> Option<i32> {
        self.out.status.code()
    }

    /// Asserts the exit status, printing the output if it differs.
    #[track_caller]
    pub(crate) fn assert_code(&self, code: i32) -> &Self {
        assert_eq!(
            self.code(),
            Some(code),
            "exit status\n--- stdout\n{}\n--- stderr\n{}",
            self.stdout(),
            self.stderr()
        );
        self
    }

    /// Asserts that standard error holds `fragment`.
    #[track_caller]
    pub(crate) fn assert_stderr_has(&self, fragment: &str) -> &Self {
        let err = self.stderr();
        assert!(
            err.contains(fragment),
            "stderr lacks {fragment:?}\n--- stderr\n{err}"
        );
        self
    }

    /// Asserts that the run did not panic (Rust exits with 101 on a panic).
    #[track_caller]
    pub(crate) fn assert_no_panic(&self) -> &Self {
        let err = self.stderr();
        assert!(
            self.code() != Some(101) && !err.contains("panicked"),
            "handout panicked\n--- stderr\n{err}"
        );
        self
    }

    /// The lines of standard error that are diagnostics of `severity` (`error`, `warning`).
    pub(crate) fn diagnostics(&self, severity: &str) -> Vec<String> {
        let tag = format!(": {severity}: ");
        self.stderr()
            .lines()
            .filter(|l| l.contains(&tag))
            .map(str::to_string)
            .collect()
    }
}

/// A parsed HTML page of the output.
pub(crate) struct Page {
    /// Its path in the output folder.
    pub(crate) rel: String,
    /// The parsed document.
    pub(crate) doc: Html,
}

/// Parses a CSS selector, naming it if it is invalid.
#[track_caller]
pub(crate) fn selector(s: &str) -> Selector {
    Selector::parse(s).unwrap_or_else(|e| panic!("bad selector {s:?}: {e:?}"))
}

/// An element's text with whitespace collapsed.
pub(crate) fn text_of(e: ElementRef<'_>) -> String {
    e.text()
        .collect::<String>()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

impl Page {
    /// Texts of every element matching `sel`, whitespace collapsed.
    pub(crate) fn texts(&self, sel: &str) -> Vec<String> {
        self.doc.select(&selector(sel)).map(text_of).collect()
    }

    /// Values of `attr` on every element matching `sel`.
    pub(crate) fn attrs(&self, sel: &str, attr: &str) -> Vec<String> {
        self.doc
            .select(&selector(sel))
            .filter_map(|e| e.value().attr(attr).map(str::to_string))
            .collect()
    }

    /// The text of the whole `<main>`, whitespace collapsed.
    #[track_caller]
    pub(crate) fn main_text(&self) -> String {
        let mains = self.texts("main");
        assert_eq!(mains.len(), 1, "{}: expected one <main>", self.rel);
        mains.into_iter().next().unwrap_or_default()
    }

    /// The text of the whole page body, whitespace collapsed.
    pub(crate) fn body_text(&self) -> String {
        self.texts("body").join(" ")
    }

    /// Asserts that `<main>` holds each of `phrases`.
    #[track_caller]
    pub(crate) fn assert_main_has(&self, phrases: &[&str]) -> &Self {
        let text = self.main_text();
        for p in phrases {
            assert!(
                text.contains(p),
                "{}: <main> lacks {p:?}\n--- main\n{text}",
                self.rel
            );
        }
        self
    }

    /// Asserts that `<main>` holds none of `phrases`.
    #[track_caller]
    pub(crate) fn assert_main_lacks(&self, phrases: &[&str]) -> &Self {
        let text = self.main_text();
        for p in phrases {
            assert!(
                !text.contains(p),
                "{}: <main> should not hold {p:?}\n--- main\n{text}",
                self.rel
            );
        }
        self
    }

    /// The element with id `id`, if there is exactly one; panics on duplicates.
    #[track_caller]
    pub(crate) fn by_id(&self, id: &str) -> Option<ElementRef<'_>> {
        let found: Vec<ElementRef<'_>> = self
            .doc
            .select(&selector("[id]"))
            .filter(|e| e.value().attr("id") == Some(id))
            .collect();
        assert!(found.len() <= 1, "{}: id {id:?} is used twice", self.rel);
        found.into_iter().next()
    }

    /// Every `id` on the page, in document order.
    pub(crate) fn ids(&self) -> Vec<String> {
        self.attrs("[id]", "id")
    }

    /// Every JSON-LD block on the page, parsed; panics if one is not valid JSON.
    #[track_caller]
    pub(crate) fn json_ld(&self) -> Vec<serde_json::Value> {
        self.doc
            .select(&selector(r#"script[type="application/ld+json"]"#))
            .map(|e| {
                let raw = e.text().collect::<String>();
                serde_json::from_str(&raw).unwrap_or_else(|err| {
                    panic!("{}: JSON-LD is not JSON ({err}):\n{raw}", self.rel)
                })
            })
            .collect()
    }

    /// The JSON-LD blocks of one `@type`.
    #[track_caller]
    pub(crate) fn json_ld_of(&self, ty: &str) -> Vec<serde_json::Value> {
        self.json_ld()
            .into_iter()
            .filter(|v| v["@type"] == ty)
            .collect()
    }

    /// The one JSON-LD block of `@type` `ty`.
    #[track_caller]
    pub(crate) fn one_json_ld(&self, ty: &str) -> serde_json::Value {
        let mut all = self.json_ld_of(ty);
        assert_eq!(
            all.len(),
            1,
            "{}: expected one {ty} block, found {}: {:#?}",
            self.rel,
            all.len(),
            self.json_ld()
        );
        all.remove(0)
    }

    /// Whether the page is a redirect (a meta refresh), as alias pages are.
    pub(crate) fn is_redirect(&self) -> bool {
        !self
            .attrs(r#"meta[http-equiv="refresh"]"#, "content")
            .is_empty()
    }
}

/// Every HTML file of an output folder.
pub(crate) fn html_files(out: &Path) -> Vec<String> {
    files_under(out)
        .into_iter()
        .filter(|f| f.ends_with(".html"))
        .collect()
}

/// Parses an HTML file of an output folder.
#[track_caller]
pub(crate) fn page_at(out: &Path, rel: &str) -> Page {
    let p = out.join(rel);
    let text = std::fs::read_to_string(&p).unwrap_or_else(|e| panic!("read {}: {e}", p.display()));
    Page {
        rel: rel.to_string(),
        doc: Html::parse_document(&text),
    }
}

fn copy_dir(src: &Path, dst: &Path) {
    for entry in walkdir::WalkDir::new(src) {
        let entry = entry.expect("walk fixture");
        let rel = entry.path().strip_prefix(src).expect("prefix");
        let target = dst.join(rel);
        if entry.file_type().is_dir() {
            std::fs::create_dir_all(&target).expect("mkdir");
        } else {
            std::fs::copy(entry.path(), &target).expect("copy");
        }
    }
}
