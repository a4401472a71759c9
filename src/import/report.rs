//! What an import found, per source file: the documents written, the sections each has and
//! the topic each became, FAQ questions, what was dropped, and what needs a person.
//!
//! The sections are classified and the reading grade measured by the same code as `build`
//! and `check`, on the Markdown as written, so the report says what the site will show.

use super::doc::ImportedDoc;
use crate::check::readability::{self, Passage};
use crate::config::Config;
use crate::diagnostic::plural;
use crate::markdown::{self, KeepLinks, RenderOptions};
use serde::Serialize;
use std::fmt::Write as _;
use std::path::PathBuf;

/// The whole import.
#[derive(Debug, Default, Serialize)]
pub struct ImportReport {
    /// One entry per source file, in the order given.
    pub files: Vec<FileReport>,
    /// Whether nothing was written (`--dry-run`).
    pub dry_run: bool,
}

impl ImportReport {
    /// How many source files failed (unreadable, or a document could not be written).
    pub fn failed(&self) -> usize {
        self.files
            .iter()
            .filter(|f| f.error.is_some() || f.documents.iter().any(|d| d.error.is_some()))
            .count()
    }
}

/// One source file.
#[derive(Debug, Serialize)]
pub struct FileReport {
    /// The file as given.
    pub source: PathBuf,
    /// `text`, `html`, `wordpress` or `docx`; empty when it could not be told.
    pub format: &'static str,
    /// Why the file could not be imported.
    pub error: Option<String>,
    /// Posts skipped on purpose (private, trashed).
    pub skipped: Vec<String>,
    /// The documents made from it.
    pub documents: Vec<DocReport>,
}

/// A topic the site gives a section.
#[derive(Debug, Serialize)]
pub struct SectionReport {
    /// The heading text.
    pub heading: String,
    /// The topic key: `overview`, `benefits`, `what-to-expect`, `precautions`, `faq`, `plain`.
    pub topic: &'static str,
}

/// One document written (or to be written).
#[derive(Debug, Serialize)]
pub struct DocReport {
    /// Where it goes, relative to the site folder.
    pub path: PathBuf,
    /// Its title.
    pub title: String,
    /// Whether it was written (false on a dry run or an error).
    pub written: bool,
    /// Why it was not written (it exists and `--force` was not given).
    pub error: Option<String>,
    /// Whether it is a draft.
    pub draft: bool,
    /// Its `##` sections and the topic each became.
    pub sections: Vec<SectionReport>,
    /// FAQ questions.
    pub faq_questions: usize,
    /// Images copied beside it.
    pub images: usize,
    /// Flesch–Kincaid grade of its prose.
    pub grade: f64,
    /// What was left out.
    pub dropped: Vec<String>,
    /// What a person must do before publishing.
    pub needs_person: Vec<String>,
}

impl DocReport {
    /// Analyses a document's Markdown body with the site's own classifier and readability
    /// scores.
    pub fn analyse(doc: &ImportedDoc, path: PathBuf, config: &Config) -> DocReport {
        let rendered = markdown::render(
            &doc.body,
            &RenderOptions {
                first_line: 1,
                rules: &config.topics,
                links: &KeepLinks,
                faq_id_prefix: "",
                all_sections_faq: false,
                reserved_ids: &[],
                callouts: &markdown::CalloutWording::default(),
                glossary: &markdown::GlossaryTerms::default(),
            },
        );
        let sections = rendered
            .sections
            .iter()
            .map(|s| SectionReport {
                heading: s.heading.clone(),
                topic: s.kind.key(),
            })
            .collect();
        let faq_questions = rendered.sections.iter().map(|s| s.faq.len()).sum();
        let passages: Vec<Passage<'_>> = rendered
            .prose
            .iter()
            .map(|p| Passage {
                text: &p.text,
                line: p.line,
            })
            .collect();
        let scores = readability::score(&passages);
        let mut needs_person = vec![
            "no reviewer: have a clinician review it, then add `reviewed:` and `reviewer:`"
                .to_string(),
        ];
        if scores.words >= crate::check::reading_level::MIN_WORDS
            && scores.flesch_kincaid_grade > config.reading_grade_target
        {
            needs_person.push(format!(
                "reads at grade {:.1}, above the site's target of {}; `handout check` lists the hardest sentences",
                scores.flesch_kincaid_grade, config.reading_grade_target
            ));
        }
        needs_person.extend(doc.needs_person.iter().cloned());
        DocReport {
            path,
            title: doc.title.clone(),
            written: false,
            error: None,
            draft: doc.draft,
            sections,
            faq_questions,
            images: doc.images.len(),
            grade: (scores.flesch_kincaid_grade * 10.0).round() / 10.0,
            dropped: doc.dropped.clone(),
            needs_person,
        }
    }
}

/// The report as text for a person, one block per source file.
pub fn to_text(report: &ImportReport) -> String {
    let mut out = String::new();
    for f in &report.files {
        let _ = writeln!(
            out,
            "{} ({})",
            f.source.display(),
            if f.format.is_empty() {
                "unknown"
            } else {
                f.format
            }
        );
        if let Some(e) = &f.error {
            let _ = writeln!(out, "  error: {e}");
        }
        for s in &f.skipped {
            let _ = writeln!(out, "  skipped: {s}");
        }
        for d in &f.documents {
            doc_text(&mut out, d, report.dry_run);
        }
    }
    let docs: usize = report.files.iter().map(|f| f.documents.len()).sum();
    let verb = if report.dry_run {
        "would import"
    } else {
        "imported"
    };
    let files = plural(report.files.len(), "file");
    let _ = write!(out, "{files}: {verb} {}", plural(docs, "document"));
    match report.failed() {
        0 => out.push_str(".\n"),
        n => {
            let _ = writeln!(out, "; {} failed.", plural(n, "file"));
        }
    }
    if !report.dry_run && docs > 0 {
        out.push_str("Next: `handout serve` to read them, `handout check` before you publish.\n");
    }
    out
}

fn doc_text(out: &mut String, d: &DocReport, dry_run: bool) {
    let state = match (&d.error, d.written, dry_run) {
        (Some(_), _, _) => "not written",
        (None, true, _) => "wrote",
        (None, false, true) => "would write",
        (None, false, false) => "not written",
    };
    let draft = if d.draft { " (draft)" } else { "" };
    let _ = writeln!(
        out,
        "  {state} {}{draft}: \"{}\"",
        d.path.display(),
        d.title
    );
    if let Some(e) = &d.error {
        let _ = writeln!(out, "    error: {e}");
    }
    for s in &d.sections {
        let _ = writeln!(out, "    section \"{}\" → {}", s.heading, s.topic);
    }
    let _ = writeln!(
        out,
        "    {}, {}, reading grade {:.1}",
        plural(d.faq_questions, "FAQ question"),
        plural(d.images, "image"),
        d.grade
    );
    for x in &d.dropped {
        let _ = writeln!(out, "    dropped: {x}");
    }
    for x in &d.needs_person {
        let _ = writeln!(out, "    needs a person: {x}");
    }
}
