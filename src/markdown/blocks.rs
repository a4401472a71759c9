//! Markup for the block extras pulldown-cmark's own HTML writer does not
//! make accessible: GitHub alerts (callouts), task-list checkboxes, the
//! scrolling wrapper around tables, and footnotes.
//!
//! Takes in what the event walker knows (the alert kind, the table's header
//! text, footnote labels and their rendered bodies); gives out HTML strings
//! that the walker inserts into the event stream as `Event::Html`.

use pulldown_cmark::BlockQuoteKind;

use super::anchors::{escape_into, fragment_href_into, slugify, IdAllocator};
use super::CalloutWording;

/// The opening of a callout for a GitHub alert.
///
/// A `div` with `role="note"` and a visible title rather than an `aside`
/// (an `aside` inside `main` is a nested complementary landmark, which axe
/// reports) or an `aria-label` (which would make screen readers say the
/// title twice). The title is a paragraph, not a heading, so it stays out
/// of the outline and the table of contents.
pub(crate) fn callout_open(kind: BlockQuoteKind) -> &'static str {
    match kind {
        BlockQuoteKind::Note => {
            "<div class=\"callout callout-note\" role=\"note\">\n<p class=\"callout-title\">Note</p>\n"
        }
        BlockQuoteKind::Tip => {
            "<div class=\"callout callout-tip\" role=\"note\">\n<p class=\"callout-title\">Tip</p>\n"
        }
        BlockQuoteKind::Important => {
            "<div class=\"callout callout-important\" role=\"note\">\n<p class=\"callout-title\">Important</p>\n"
        }
        BlockQuoteKind::Warning => {
            "<div class=\"callout callout-warning\" role=\"note\">\n<p class=\"callout-title\">Warning</p>\n"
        }
        BlockQuoteKind::Caution => {
            "<div class=\"callout callout-caution\" role=\"note\">\n<p class=\"callout-title\">Caution</p>\n"
        }
    }
}

/// The end of a callout.
pub(crate) const CALLOUT_CLOSE: &str = "</div>\n";

/// A task-list checkbox. It is read-only (`disabled`), and the label gives
/// it the accessible name axe asks every form control to have.
pub(crate) fn task_checkbox(checked: bool, words: &CalloutWording) -> String {
    let mut out = String::from("<input type=\"checkbox\" disabled");
    out.push_str(if checked { " checked" } else { "" });
    out.push_str(" aria-label=\"");
    escape_into(
        &mut out,
        if checked {
            &words.done
        } else {
            &words.not_done
        },
    );
    out.push_str("\"> ");
    out
}

/// The wrapper that lets a wide table scroll sideways on a phone. It is
/// focusable so keyboard users can scroll it, and therefore a labelled
/// region; the label is unique in the document because axe asks landmarks
/// of one role to have distinct names.
pub(crate) fn table_open(label: &str) -> String {
    let mut out = String::with_capacity(80 + label.len());
    out.push_str("<div class=\"table-scroll\" tabindex=\"0\" role=\"region\" aria-label=\"");
    escape_into(&mut out, label);
    out.push_str("\">\n");
    out
}

/// The end of the table wrapper.
pub(crate) const TABLE_CLOSE: &str = "</div>\n";

/// The label of a table's scrolling region: "Table: " and its header cells,
/// or "Table N" for a table without header text; made unique with " (2)"….
pub(crate) fn table_label(
    header_cells: &[String],
    number: usize,
    used: &mut Vec<String>,
    word: &str,
) -> String {
    let cells: Vec<&str> = header_cells
        .iter()
        .map(|c| c.trim())
        .filter(|c| !c.is_empty())
        .take(6)
        .collect();
    let base = if cells.is_empty() {
        format!("{word} {number}")
    } else {
        format!("{word}: {}", cells.join(", "))
    };
    let mut label = base.clone();
    let mut n = 2;
    while used.contains(&label) {
        label = format!("{base} ({n})");
        n += 1;
    }
    used.push(label.clone());
    label
}

/// How a footnote reference's markup starts (headings leave references out
/// of their link-free HTML).
pub(crate) const FOOTNOTE_REF_START: &str = "<sup class=\"footnote-ref\">";

/// One footnote: its number (in order of first mention), ids and body.
#[derive(Debug)]
struct Note {
    key: String,
    number: usize,
    id: String,
    first_ref: Option<String>,
    body: String,
}

/// Footnotes of one document, numbered in order of first mention and
/// gathered at the end of the document so that a note's number is the same
/// wherever its reference and definition are written.
#[derive(Debug, Default)]
pub(crate) struct Footnotes {
    notes: Vec<Note>,
    /// The words of the notes' labels, in the document's language.
    words: Option<CalloutWording>,
}

impl Footnotes {
    /// No notes yet; labels in `words`.
    pub(crate) fn new(words: &CalloutWording) -> Self {
        Footnotes {
            notes: Vec::new(),
            words: Some(words.clone()),
        }
    }

    fn words(&self) -> std::borrow::Cow<'_, CalloutWording> {
        match &self.words {
            Some(w) => std::borrow::Cow::Borrowed(w),
            None => std::borrow::Cow::Owned(CalloutWording::default()),
        }
    }

    fn note(&mut self, label: &str, ids: &mut IdAllocator<'_>) -> usize {
        let key = label.to_lowercase();
        if let Some(i) = self.notes.iter().position(|n| n.key == key) {
            return i;
        }
        let number = self.notes.len() + 1;
        let id = ids.unique(&format!("fn-{}", slugify(label)));
        self.notes.push(Note {
            key,
            number,
            id,
            first_ref: None,
            body: String::new(),
        });
        number - 1
    }

    /// The markup of a reference `[^label]`.
    pub(crate) fn reference(&mut self, label: &str, ids: &mut IdAllocator<'_>) -> String {
        let i = self.note(label, ids);
        let ref_id = ids.unique(&format!("fnref-{}", slugify(label)));
        let note = &self.notes[i];
        let mut out = String::with_capacity(96);
        out.push_str(FOOTNOTE_REF_START);
        out.push_str("<a id=\"");
        escape_into(&mut out, &ref_id);
        out.push_str("\" href=\"");
        fragment_href_into(&mut out, &note.id);
        let number = note.number.to_string();
        let label = self.words().note.replace("{n}", &number);
        out.push_str("\" aria-label=\"");
        escape_into(&mut out, &label);
        out.push_str(&format!("\">{number}</a></sup>"));
        let note = &mut self.notes[i];
        note.first_ref.get_or_insert(ref_id);
        out
    }

    /// Stores the rendered body of the definition of `label`.
    pub(crate) fn define(&mut self, label: &str, body: &str, ids: &mut IdAllocator<'_>) {
        let i = self.note(label, ids);
        self.notes[i].body.push_str(body);
    }

    /// The notes section, or "" when the document has no footnotes.
    pub(crate) fn into_html(self) -> String {
        if self.notes.is_empty() {
            return String::new();
        }
        let words = self.words().into_owned();
        let mut out = String::from("<section class=\"footnotes\" aria-label=\"");
        escape_into(&mut out, &words.notes);
        out.push_str("\">\n<ol>\n");
        for note in &self.notes {
            out.push_str("<li id=\"");
            escape_into(&mut out, &note.id);
            out.push_str("\">\n");
            let mut back = String::new();
            if let Some(r) = &note.first_ref {
                back.push_str(" <a class=\"footnote-back\" href=\"");
                fragment_href_into(&mut back, r);
                // A word rather than an arrow glyph: axe cannot check a
                // glyph's contrast, and the visible word stays in the
                // accessible name (WCAG 2.5.3).
                let label = words.back_to_note.replace("{n}", &note.number.to_string());
                back.push_str("\" aria-label=\"");
                escape_into(&mut back, &label);
                back.push_str("\">");
                escape_into(&mut back, &words.back);
                back.push_str("</a>");
            }
            // Put the back link at the end of the last paragraph when there
            // is one, so it does not sit alone on a line.
            match note.body.strip_suffix("</p>\n") {
                Some(head) => {
                    out.push_str(head);
                    out.push_str(&back);
                    out.push_str("</p>\n");
                }
                None => {
                    out.push_str(&note.body);
                    out.push_str(&back);
                }
            }
            out.push_str("</li>\n");
        }
        out.push_str("</ol>\n</section>\n");
        out
    }
}
