//! A Word document (`.docx`: a zip of XML parts) read into a document: headings from the
//! paragraph styles, numbered and bulleted lists from the numbering definitions, bold and
//! italics, links, tables, and images with their alt text (copied into the page bundle).

use super::doc::{parse_date, ImportedDoc, ImportedImage};
use super::docx_parts::{Parts, Segment, Style};
use super::xml::XmlNode;
use std::io::Read;

/// Parts larger than this are refused, so a hostile archive cannot fill the memory.
const MAX_PART: u64 = 64 * 1024 * 1024;

/// Reads a `.docx` file's bytes; `Err` says why it is not a readable Word document.
pub fn read(bytes: &[u8], file_stem: &str) -> Result<ImportedDoc, String> {
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes))
        .map_err(|e| format!("not a Word document (.docx is a zip archive): {e}"))?;
    let mut part = |name: &str| -> Result<Option<Vec<u8>>, String> {
        let Ok(file) = zip.by_name(name) else {
            return Ok(None);
        };
        let mut buf = Vec::new();
        file.take(MAX_PART)
            .read_to_end(&mut buf)
            .map_err(|e| format!("{name} in the archive cannot be read: {e}"))?;
        Ok(Some(buf))
    };
    let text = |b: Option<Vec<u8>>| b.map(|b| String::from_utf8_lossy(&b).into_owned());
    let document = text(part("word/document.xml")?)
        .ok_or("not a Word document: the archive has no word/document.xml")?;
    let parts = Parts::read(
        &document,
        text(part("word/styles.xml")?).as_deref(),
        text(part("word/numbering.xml")?).as_deref(),
        text(part("word/_rels/document.xml.rels")?).as_deref(),
    )?;
    let core_title = text(part("docProps/core.xml")?)
        .and_then(|c| super::xml::parse(&c).ok())
        .and_then(|c| c.child("dc:title").map(XmlNode::text))
        .filter(|t| !t.trim().is_empty());
    let mut doc = ImportedDoc::new(title_from_file_name(file_stem));
    let mut writer = Writer::default();
    let body = parts.body().ok_or("word/document.xml has no <w:body>")?;
    for block in body.elements() {
        match block.name.as_str() {
            "w:p" => writer.paragraph(&parts, block, &mut doc),
            "w:tbl" => writer.table(&parts, block),
            _ => {}
        }
    }
    for (name, target, alt) in std::mem::take(&mut writer.images) {
        let bytes = part(&format!("word/{target}"))?.unwrap_or_default();
        if bytes.is_empty() {
            doc.needs_person
                .push(format!("image `{name}` is missing from the document"));
            continue;
        }
        if alt.is_empty() {
            doc.needs_person.push(format!(
                "image `{name}` has no alt text; describe what it shows"
            ));
        }
        doc.images.push(ImportedImage { name, bytes, alt });
    }
    doc.title = writer.title.take().or(core_title).unwrap_or(doc.title);
    doc.body = writer.finish();
    if doc.body.trim().is_empty() {
        return Err("the document has no text".into());
    }
    Ok(doc)
}

/// Collects Markdown blocks; list items of one list are kept together.
#[derive(Default)]
struct Writer {
    blocks: Vec<(String, bool)>,
    title: Option<String>,
    /// The heading level written as `##` (the highest level used after the title).
    top_level: Option<usize>,
    /// (file name, archive path under word/, alt text) of each image.
    images: Vec<(String, String, String)>,
    /// Numbers of ordered lists, by (list id, level).
    counters: Vec<((String, usize), u32)>,
}

impl Writer {
    fn paragraph(&mut self, parts: &Parts, p: &XmlNode, doc: &mut ImportedDoc) {
        let segments = parts.segments(p);
        let plain: String = segments.iter().map(Segment::plain).collect();
        let plain = plain.trim().to_string();
        match parts.style(p) {
            Style::Title if self.title.is_none() => self.title = Some(plain),
            Style::Author => doc.authors.push(plain),
            Style::Date => doc.date = parse_date(&plain).or(doc.date),
            // A caption that repeats the image's alt text (as pandoc writes) says nothing new.
            Style::Caption if self.repeats_alt(&plain) => {}
            Style::Heading(level) if !plain.is_empty() => {
                if self.title.is_none() && self.blocks.is_empty() && self.top_level.is_none() {
                    self.title = Some(plain);
                    return;
                }
                let top = *self.top_level.get_or_insert(level);
                let depth = (level.saturating_sub(top) + 2).min(6);
                self.blocks
                    .push((format!("{} {plain}", "#".repeat(depth)), false));
            }
            Style::Body if is_bold_heading(&segments, &plain) && parts.list(p).is_none() => {
                let depth = if self.top_level.is_some() { 3 } else { 2 };
                self.blocks
                    .push((format!("{} {plain}", "#".repeat(depth)), false));
            }
            _ => {
                let md = self.inline(&segments);
                if md.trim().is_empty() {
                    return;
                }
                match parts.list(p) {
                    Some((id, level, ordered)) => {
                        let indent = "   ".repeat(level);
                        let marker = if ordered {
                            format!("{}.", self.next_number(id, level))
                        } else {
                            "-".to_string()
                        };
                        self.blocks
                            .push((format!("{indent}{marker} {}", md.trim()), true));
                    }
                    None => self.blocks.push((md.trim().to_string(), false)),
                }
            }
        }
    }

    fn repeats_alt(&self, caption: &str) -> bool {
        self.blocks
            .last()
            .is_some_and(|(b, _)| b.starts_with(&format!("![{}](", escape(caption))))
    }

    fn next_number(&mut self, id: String, level: usize) -> u32 {
        let key = (id, level);
        match self.counters.iter_mut().find(|(k, _)| *k == key) {
            Some((_, n)) => {
                *n += 1;
                *n
            }
            None => {
                self.counters.push((key, 1));
                1
            }
        }
    }

    /// Inline Markdown of a paragraph's runs, with images registered for copying.
    fn inline(&mut self, segments: &[Segment]) -> String {
        let mut out = String::new();
        for s in segments {
            match s {
                Segment::Image { target, alt } => {
                    let name = target.rsplit('/').next().unwrap_or(target).to_string();
                    out.push_str(&format!("![{}]({name})", escape(alt)));
                    if !self.images.iter().any(|(n, _, _)| *n == name) {
                        self.images.push((name, target.clone(), alt.clone()));
                    }
                }
                Segment::Text { .. } => out.push_str(&s.markdown()),
            }
        }
        out
    }

    /// A table as a Markdown table; the first row is the header.
    fn table(&mut self, parts: &Parts, tbl: &XmlNode) {
        let rows: Vec<Vec<String>> = tbl
            .elements()
            .filter(|r| r.name == "w:tr")
            .map(|r| {
                r.elements()
                    .filter(|c| c.name == "w:tc")
                    .map(|c| {
                        let cell: Vec<String> = c
                            .elements()
                            .filter(|p| p.name == "w:p")
                            .map(|p| self.inline(&parts.segments(p)).trim().to_string())
                            .filter(|t| !t.is_empty())
                            .collect();
                        cell.join(" ").replace('|', "\\|")
                    })
                    .collect()
            })
            .filter(|r: &Vec<String>| !r.is_empty())
            .collect();
        let Some(width) = rows.iter().map(Vec::len).max() else {
            return;
        };
        let line = |r: &[String]| {
            let mut cells: Vec<&str> = r.iter().map(String::as_str).collect();
            cells.resize(width, "");
            format!("| {} |", cells.join(" | "))
        };
        let mut md = vec![line(&rows[0]), format!("|{}", " --- |".repeat(width))];
        md.extend(rows[1..].iter().map(|r| line(r)));
        self.blocks.push((md.join("\n"), false));
    }

    fn finish(self) -> String {
        let mut out = String::new();
        let mut prev_list = false;
        for (block, is_list) in self.blocks {
            if !out.is_empty() {
                out.push_str(if is_list && prev_list { "\n" } else { "\n\n" });
            }
            out.push_str(&block);
            prev_list = is_list;
        }
        out.push('\n');
        out
    }
}

/// A short paragraph in bold only, without closing punctuation: how many people make a
/// heading in Word without using the heading styles.
fn is_bold_heading(segments: &[Segment], plain: &str) -> bool {
    let all_bold = segments.iter().all(|s| match s {
        Segment::Text { text, bold, .. } => *bold || text.trim().is_empty(),
        Segment::Image { .. } => false,
    });
    all_bold && super::text_lines::is_heading_like(plain)
}

/// "back-pain_at-work" → "Back pain at work", for a document without a title.
fn title_from_file_name(stem: &str) -> String {
    let spaced = stem.replace(['-', '_'], " ");
    let mut chars = spaced.trim().chars();
    chars
        .next()
        .map(|c| c.to_uppercase().chain(chars).collect())
        .unwrap_or_else(|| "Untitled".to_string())
}

/// Escapes text from a Word run for Markdown.
pub(crate) fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '<' => out.push_str("&lt;"),
            '*' | '_' | '[' | ']' | '`' | '\\' => {
                out.push('\\');
                out.push(c);
            }
            _ => out.push(c),
        }
    }
    if out.starts_with(['#', '>']) {
        out.insert(0, '\\');
    }
    out
}
