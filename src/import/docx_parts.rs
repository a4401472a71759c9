//! The parts of a Word document that give its text meaning: paragraph styles (which
//! paragraph is a heading), numbering definitions (bullets or numbers), relationships (link
//! addresses and image files), and the runs of a paragraph as formatted segments.

use super::docx::escape;
use super::xml::{self, XmlNode};
use std::collections::HashMap;

/// What a paragraph style makes of a paragraph.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Style {
    /// The document's title.
    Title,
    /// A heading of this level (1 = "Heading 1").
    Heading(usize),
    /// The author line (pandoc writes one).
    Author,
    /// The date line.
    Date,
    /// A caption under an image or table.
    Caption,
    /// A list paragraph style ("List Bullet", "List Number 2"): ordered, and the level.
    List(bool, usize),
    /// Body text.
    Body,
}

/// A piece of a paragraph: text with one formatting, or an image.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Segment {
    /// Text with its formatting and link.
    Text {
        text: String,
        bold: bool,
        italic: bool,
        link: Option<String>,
    },
    /// An image: its path under `word/` and its alt text.
    Image { target: String, alt: String },
}

impl Segment {
    /// The text without formatting.
    pub(crate) fn plain(&self) -> &str {
        match self {
            Segment::Text { text, .. } => text,
            Segment::Image { .. } => "",
        }
    }

    /// The text as Markdown, whitespace kept outside the emphasis markers.
    pub(crate) fn markdown(&self) -> String {
        let Segment::Text {
            text,
            bold,
            italic,
            link,
        } = self
        else {
            return String::new();
        };
        let core = text.trim();
        if core.is_empty() {
            return text.clone();
        }
        let lead = &text[..text.len() - text.trim_start().len()];
        let trail = &text[text.trim_end().len()..];
        let marks = match (bold, italic) {
            (true, true) => "***",
            (true, false) => "**",
            (false, true) => "*",
            (false, false) => "",
        };
        let mut inner = format!("{marks}{}{marks}", escape(core));
        if let Some(url) = link {
            inner = format!("[{inner}]({})", url.replace(' ', "%20").replace(')', "%29"));
        }
        format!("{lead}{inner}{trail}")
    }
}

/// The parsed parts of one document.
pub(crate) struct Parts {
    document: XmlNode,
    styles: HashMap<String, Style>,
    /// numId → level → ordered.
    numbering: HashMap<String, HashMap<usize, bool>>,
    rels: HashMap<String, String>,
}

impl Parts {
    /// Parses the document and the optional parts.
    pub(crate) fn read(
        document: &str,
        styles: Option<&str>,
        numbering: Option<&str>,
        rels: Option<&str>,
    ) -> Result<Parts, String> {
        let document = xml::parse(document).map_err(|e| format!("word/document.xml: {e}"))?;
        let styles = styles
            .and_then(|s| xml::parse(s).ok())
            .map(read_styles)
            .unwrap_or_default();
        let numbering = numbering
            .and_then(|s| xml::parse(s).ok())
            .map(read_numbering)
            .unwrap_or_default();
        let rels = rels
            .and_then(|s| xml::parse(s).ok())
            .map(|r| {
                r.elements()
                    .filter_map(|e| {
                        Some((e.attr("Id")?.to_string(), e.attr("Target")?.to_string()))
                    })
                    .collect()
            })
            .unwrap_or_default();
        Ok(Parts {
            document,
            styles,
            numbering,
            rels,
        })
    }

    /// The `<w:body>` element.
    pub(crate) fn body(&self) -> Option<&XmlNode> {
        self.document.child("w:body")
    }

    /// The style of a paragraph.
    pub(crate) fn style(&self, p: &XmlNode) -> Style {
        let id = p
            .child("w:pPr")
            .and_then(|pr| pr.child("w:pStyle"))
            .and_then(|s| s.attr("w:val"))
            .unwrap_or("");
        self.styles
            .get(id)
            .copied()
            .unwrap_or_else(|| style_from_name(id))
    }

    /// (list id, level, ordered) when the paragraph is a list item.
    pub(crate) fn list(&self, p: &XmlNode) -> Option<(String, usize, bool)> {
        let num = p.child("w:pPr")?.child("w:numPr")?;
        let id = num.child("w:numId")?.attr("w:val")?.to_string();
        if id == "0" {
            return None;
        }
        let level = num
            .child("w:ilvl")
            .and_then(|l| l.attr("w:val"))
            .and_then(|v| v.parse().ok())
            .unwrap_or(0);
        let ordered = self
            .numbering
            .get(&id)
            .and_then(|l| l.get(&level))
            .copied()
            .unwrap_or(false);
        Some((id, level, ordered))
    }

    /// (list id, level, ordered) for a paragraph whose list comes from its style
    /// ("List Bullet") rather than its own numbering.
    pub(crate) fn style_list(&self, p: &XmlNode) -> Option<(String, usize, bool)> {
        match self.style(p) {
            Style::List(ordered, level) => Some((format!("style-{ordered}"), level, ordered)),
            _ => None,
        }
    }

    /// The runs of a paragraph as segments, neighbours with the same formatting merged.
    pub(crate) fn segments(&self, p: &XmlNode) -> Vec<Segment> {
        let mut out = Vec::new();
        self.collect(p, None, &mut out);
        out
    }

    fn collect(&self, node: &XmlNode, link: Option<&str>, out: &mut Vec<Segment>) {
        for e in node.elements() {
            match e.name.as_str() {
                "w:pPr" => {}
                "w:hyperlink" => {
                    let target = e
                        .attr("r:id")
                        .and_then(|id| self.rels.get(id))
                        .map(String::as_str);
                    self.collect(e, target.or(link), out);
                }
                "w:r" => self.run(e, link, out),
                _ => self.collect(e, link, out),
            }
        }
    }

    fn run(&self, r: &XmlNode, link: Option<&str>, out: &mut Vec<Segment>) {
        let props = r.child("w:rPr");
        let on = |name: &str| {
            props
                .and_then(|p| p.child(name))
                .is_some_and(|b| !matches!(b.attr("w:val"), Some("0" | "false" | "none")))
        };
        let (bold, italic) = (on("w:b"), on("w:i"));
        for e in r.elements() {
            let text = match e.name.as_str() {
                "w:t" => e.text(),
                "w:tab" | "w:br" | "w:cr" => " ".to_string(),
                "w:drawing" | "w:pict" => {
                    out.extend(self.image(e));
                    continue;
                }
                // Newer Word writes a drawing twice, as a choice and a fallback: take one.
                "mc:AlternateContent" => {
                    out.extend(e.child("mc:Choice").and_then(|c| self.image(c)));
                    continue;
                }
                _ => continue,
            };
            push_text(out, text, bold, italic, link);
        }
    }

    /// An image in a drawing: the file its `r:embed` names and the alt text of `wp:docPr`.
    fn image(&self, drawing: &XmlNode) -> Option<Segment> {
        let mut blips = Vec::new();
        drawing.find_all("a:blip", &mut blips);
        let target = blips
            .first()
            .and_then(|b| b.attr("r:embed"))
            .and_then(|id| self.rels.get(id))?;
        let mut props = Vec::new();
        drawing.find_all("wp:docPr", &mut props);
        let alt = props
            .first()
            .and_then(|p| {
                p.attr("descr")
                    .filter(|d| !d.trim().is_empty())
                    .or(p.attr("title"))
            })
            .unwrap_or("")
            .trim()
            .to_string();
        Some(Segment::Image {
            target: target.clone(),
            alt,
        })
    }
}

fn push_text(out: &mut Vec<Segment>, text: String, bold: bool, italic: bool, link: Option<&str>) {
    if let Some(Segment::Text {
        text: t,
        bold: b,
        italic: i,
        link: l,
    }) = out.last_mut()
    {
        if *b == bold && *i == italic && l.as_deref() == link {
            t.push_str(&text);
            return;
        }
    }
    out.push(Segment::Text {
        text,
        bold,
        italic,
        link: link.map(String::from),
    });
}

/// Style ids to styles, by each style's name ("heading 2", "Title").
fn read_styles(root: XmlNode) -> HashMap<String, Style> {
    root.elements()
        .filter(|s| s.name == "w:style")
        .filter_map(|s| {
            let id = s.attr("w:styleId")?;
            let name = s
                .child("w:name")
                .and_then(|n| n.attr("w:val"))
                .unwrap_or(id);
            Some((id.to_string(), style_from_name(name)))
        })
        .collect()
}

/// A style from its name or id: "heading 1", "Heading1", "Title", "Author", "Date".
fn style_from_name(name: &str) -> Style {
    let n = name.to_ascii_lowercase().replace(' ', "");
    if let Some(level) = n.strip_prefix("heading").and_then(|l| l.parse().ok()) {
        return Style::Heading(level);
    }
    match n.as_str() {
        "title" => Style::Title,
        "author" => Style::Author,
        "date" => Style::Date,
        "caption" | "imagecaption" | "tablecaption" => Style::Caption,
        _ => list_style(&n).unwrap_or(Style::Body),
    }
}

/// "listbullet2" → a bulleted list at level 1; "listnumber" → a numbered list at level 0.
fn list_style(name: &str) -> Option<Style> {
    let (ordered, rest) = if let Some(r) = name.strip_prefix("listbullet") {
        (false, r)
    } else {
        (true, name.strip_prefix("listnumber")?)
    };
    let level = rest.parse::<usize>().map_or(0, |n| n.saturating_sub(1));
    Some(Style::List(ordered, level))
}

/// numId → level → whether the level is numbered (not bullets).
fn read_numbering(root: XmlNode) -> HashMap<String, HashMap<usize, bool>> {
    let abstracts: HashMap<String, HashMap<usize, bool>> = root
        .elements()
        .filter(|e| e.name == "w:abstractNum")
        .filter_map(|a| {
            let levels = a
                .elements()
                .filter(|l| l.name == "w:lvl")
                .filter_map(|l| {
                    let level = l.attr("w:ilvl")?.parse().ok()?;
                    let fmt = l
                        .child("w:numFmt")
                        .and_then(|f| f.attr("w:val"))
                        .unwrap_or("bullet");
                    Some((level, !matches!(fmt, "bullet" | "none")))
                })
                .collect();
            Some((a.attr("w:abstractNumId")?.to_string(), levels))
        })
        .collect();
    root.elements()
        .filter(|e| e.name == "w:num")
        .filter_map(|n| {
            let abs = n.child("w:abstractNumId")?.attr("w:val")?;
            Some((n.attr("w:numId")?.to_string(), abstracts.get(abs)?.clone()))
        })
        .collect()
}
