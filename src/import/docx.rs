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
    writer.blocks_of(&parts, body, &mut doc);
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
    /// Paragraphs and tables in order; content controls (`w:sdt`) are looked inside.
    fn blocks_of(&mut self, parts: &Parts, node: &XmlNode, doc: &mut ImportedDoc) {
        for block in node.elements() {
            match block.name.as_str() {
                "w:p" => self.paragraph(parts, block, doc),
                "w:tbl" => self.table(parts, block),
                "w:sdt" | "w:sdtContent" | "w:customXml" => self.blocks_of(parts, block, doc),
                _ => {}
            }
        }
    }

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
                match parts.list(p).or_else(|| parts.style_list(p)) {
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

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    /// A .docx in memory with the parts given (name, XML).
    fn docx(parts: &[(&str, &str)]) -> Vec<u8> {
        let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
        let opts = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Stored);
        for (name, text) in parts {
            zip.start_file(*name, opts).expect("start");
            zip.write_all(text.as_bytes()).expect("write");
        }
        zip.finish().expect("finish").into_inner()
    }

    const NS: &str = r#"xmlns:w="w" xmlns:r="r" xmlns:mc="mc" xmlns:wp="wp" xmlns:a="a""#;

    #[test]
    fn word_shapes_of_lists_images_and_content_controls() {
        let document = format!(
            r#"<w:document {NS}><w:body>
<w:p><w:pPr><w:pStyle w:val="Heading1"/></w:pPr><w:r><w:t>Knee care</w:t></w:r></w:p>
<w:sdt><w:sdtContent><w:p><w:r><w:t>Inside a content control.</w:t></w:r></w:p></w:sdtContent></w:sdt>
<w:p><w:pPr><w:pStyle w:val="ListBullet"/></w:pPr><w:r><w:t>Rest</w:t></w:r></w:p>
<w:p><w:pPr><w:pStyle w:val="ListBullet"/></w:pPr><w:r><w:t>Ice</w:t></w:r></w:p>
<w:p><w:r><mc:AlternateContent><mc:Choice><w:drawing><wp:docPr id="1" descr="A knee brace"/><a:blip r:embed="rId9"/></w:drawing></mc:Choice><mc:Fallback><w:pict/></mc:Fallback></mc:AlternateContent></w:r></w:p>
<w:p><w:r><w:rPr><w:b/></w:rPr><w:t>Precautions</w:t></w:r></w:p>
<w:p><w:r><w:t xml:space="preserve">Call us </w:t></w:r><w:r><w:rPr><w:i w:val="1"/></w:rPr><w:t>today</w:t></w:r><w:r><w:t>.</w:t></w:r></w:p>
</w:body></w:document>"#
        );
        let rels =
            r#"<Relationships><Relationship Id="rId9" Target="media/image1.png"/></Relationships>"#;
        let bytes = docx(&[
            ("word/document.xml", &document),
            ("word/_rels/document.xml.rels", rels),
            ("word/media/image1.png", "png bytes"),
        ]);
        let doc = read(&bytes, "knee-care").expect("reads");
        assert_eq!(doc.title, "Knee care");
        assert_eq!(
            doc.body,
            "Inside a content control.\n\n- Rest\n- Ice\n\n![A knee brace](image1.png)\n\n## Precautions\n\nCall us *today*.\n"
        );
        assert_eq!(doc.images.len(), 1);
        assert_eq!(doc.images[0].alt, "A knee brace");
    }

    #[test]
    fn not_a_word_document() {
        assert!(read(b"plain text", "x").is_err());
        let empty = docx(&[(
            "word/document.xml",
            &format!("<w:document {NS}><w:body/></w:document>"),
        )]);
        assert_eq!(
            read(&empty, "x").err().as_deref(),
            Some("the document has no text")
        );
    }
}
