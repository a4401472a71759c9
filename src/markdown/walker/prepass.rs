//! The pre-pass: what the walker must know before it meets it.
//!
//! Takes in the document's events; gives out the explicit `{#id}`s (reserved
//! so an earlier generated id cannot take one), each table's region label
//! and whether it has header text (the label is written before the header
//! is reached), and the offsets of the `##` headings (to size each
//! section's HTML up front).

use std::ops::Range;

use pulldown_cmark::{Event, HeadingLevel, Tag, TagEnd};

use crate::markdown::anchors::IdAllocator;
use crate::markdown::blocks::table_label;

/// What the pre-pass learns about one table.
#[derive(Debug, Default)]
pub(super) struct TableMeta {
    /// The label of its scrolling region.
    pub label: String,
    /// False when every header cell is empty.
    pub has_header: bool,
}

/// Everything the pre-pass learns.
#[derive(Debug)]
pub(super) struct Prepass<'r> {
    /// An allocator with the explicit ids reserved.
    pub ids: IdAllocator<'r>,
    /// One per table, in order.
    pub tables: Vec<TableMeta>,
    /// Byte offsets of the `##` headings.
    pub h2_offsets: Vec<usize>,
}

/// Runs the pre-pass.
pub(super) fn prepass<'r>(
    events: &[(Event<'_>, Range<usize>)],
    reserved: &'r [&'r str],
    table_word: &str,
) -> Prepass<'r> {
    let mut ids = IdAllocator::new(reserved);
    let mut tables: Vec<TableMeta> = Vec::new();
    let mut used_labels = Vec::new();
    let mut header: Option<Vec<String>> = None;
    let mut h2_offsets = Vec::new();
    for (event, range) in events {
        match event {
            Event::Start(Tag::Heading { id, level, .. }) => {
                if let Some(id) = id.as_deref().filter(|id| !id.is_empty()) {
                    ids.reserve_explicit(id);
                }
                if *level == HeadingLevel::H2 {
                    h2_offsets.push(range.start);
                }
            }
            Event::Start(Tag::Table(_)) => tables.push(TableMeta::default()),
            Event::Start(Tag::TableHead) => header = Some(Vec::new()),
            Event::Start(Tag::TableCell) => {
                if let Some(cells) = header.as_mut() {
                    cells.push(String::new());
                }
            }
            Event::Text(text) | Event::Code(text) => {
                if let Some(cell) = header.as_mut().and_then(|cells| cells.last_mut()) {
                    cell.push_str(text);
                }
            }
            Event::End(TagEnd::TableHead) => {
                let cells = header.take().unwrap_or_default();
                let number = tables.len();
                if let Some(meta) = tables.last_mut() {
                    meta.has_header = cells.iter().any(|c| !c.trim().is_empty());
                    meta.label = table_label(&cells, number, &mut used_labels, table_word);
                }
            }
            _ => {}
        }
    }
    Prepass {
        ids,
        tables,
        h2_offsets,
    }
}
