//! Plain text as copied from a blog or a word processor, read into Markdown.
//!
//! The first line is the title. Each later line is read on its own ([`super::text_lines`])
//! and then with its neighbours: a short numbered line followed by a paragraph is a
//! sub-heading, "1. Label: text" lines are steps, a "FAQ" heading followed by "Q:"/"A:"
//! lines becomes `###` questions, and the blog's footer (comments, share bar, related
//! posts) is dropped. Words are kept exactly as written, curly quotes and dashes included.

use super::doc::ImportedDoc;
use super::text_lines::{self as lines, Line, Unit};
use crate::markdown::{SectionKind, TopicRules};

/// Reads plain text into a document; `Err` says why the text cannot be an article.
pub fn read(text: &str, rules: &TopicRules) -> Result<ImportedDoc, String> {
    let text = text.trim_start_matches('\u{feff}');
    let mut units = lines::units(text);
    if units.is_empty() {
        return Err("the file is empty".into());
    }
    let title_unit = units.remove(0);
    let title = sentence_case(title_unit.text.trim_start_matches('#').trim());
    let mut doc = ImportedDoc::new(title);
    let units = strip_debris(units, &mut doc);
    doc.body = Writer::new(rules).write(&units, &mut doc);
    Ok(doc)
}

/// Takes out the footer, bylines, dates and share buttons, keeping their facts (date,
/// author, tags) and a line in the report for each.
fn strip_debris(units: Vec<Unit>, doc: &mut ImportedDoc) -> Vec<Unit> {
    let total = units.len();
    let mut kept = Vec::with_capacity(total);
    let mut footer_from: Option<usize> = None;
    for (i, u) in units.into_iter().enumerate() {
        let t = u.text.as_str();
        if let Some(tags) = lines::tag_line(t) {
            doc.dropped
                .push(format!("line {}: \"{t}\" (kept as tags)", u.line));
            doc.tags.extend(tags);
            continue;
        }
        if footer_from.is_some() {
            continue;
        }
        // Only in the second half: a "Comments" heading early on is part of the article.
        if lines::is_footer(t) && i * 2 >= total {
            footer_from = Some(u.line);
            doc.dropped.push(format!(
                "from line {}: the blog's footer, starting \"{t}\"",
                u.line
            ));
            continue;
        }
        if let Some((date, author)) = lines::date_line(t) {
            doc.date = doc.date.or(Some(date));
            doc.authors.extend(author.filter(|a| !is_generic_author(a)));
            doc.dropped
                .push(format!("line {}: \"{t}\" (kept as the date)", u.line));
            continue;
        }
        if i < 3 {
            if let Some(author) = lines::byline(t) {
                doc.authors
                    .extend(Some(author).filter(|a| !is_generic_author(a)));
                doc.dropped
                    .push(format!("line {}: \"{t}\" (kept as the author)", u.line));
                continue;
            }
        }
        if lines::is_line_debris(t) {
            doc.dropped.push(format!("line {}: \"{t}\"", u.line));
            continue;
        }
        kept.push(u);
    }
    kept
}

/// "admin" is what a blog shows when nobody set a name.
fn is_generic_author(a: &str) -> bool {
    matches!(
        a.to_ascii_lowercase().as_str(),
        "admin" | "administrator" | "editor" | "webmaster"
    )
}

/// A Markdown block being written: lists are kept together without blank lines.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Block {
    None,
    Bullets,
    Ordered,
    Other,
}

/// Turns units into Markdown, tracking the section it is in.
struct Writer<'a> {
    rules: &'a TopicRules,
    out: String,
    block: Block,
    section: SectionKind,
    next_number: u32,
}

impl<'a> Writer<'a> {
    fn new(rules: &'a TopicRules) -> Self {
        Writer {
            rules,
            out: String::new(),
            block: Block::None,
            section: SectionKind::Plain,
            next_number: 1,
        }
    }

    fn write(mut self, units: &[Unit], doc: &mut ImportedDoc) -> String {
        let kinds: Vec<Line> = units.iter().map(|u| lines::classify(&u.text)).collect();
        for (i, (unit, line)) in units.iter().zip(&kinds).enumerate() {
            let next = kinds.get(i + 1);
            match line {
                Line::Heading(level, t) => self.heading((*level).max(2), t),
                Line::Bullet(t) => self.list_item(Block::Bullets, &format!("- {}", inline(t))),
                Line::Numbered(n, t) => self.numbered(*n, t, unit, next),
                Line::Question(q) => self.question(q),
                Line::Answer(a) => self.paragraph(&inline(a)),
                Line::Callout(kind, t) => {
                    self.start(Block::Other);
                    self.out.push_str(&format!(
                        "> [!{kind}]\n> {}\n",
                        inline(callout_text(kind, t))
                    ));
                    doc.needs_person.push(format!(
                        "line {}: a note was kept as a callout; check it agrees with the site's disclaimer",
                        unit.line
                    ));
                }
                Line::Text(t) => self.text(t, next),
            }
        }
        self.out
    }

    /// Starts a block of the given kind, with a blank line unless it continues a list.
    fn start(&mut self, block: Block) {
        let continues = block == self.block && matches!(block, Block::Bullets | Block::Ordered);
        if !self.out.is_empty() && !continues {
            self.out.push('\n');
        }
        if block != Block::Ordered || !continues {
            self.next_number = 1;
        }
        self.block = block;
    }

    fn list_item(&mut self, block: Block, md: &str) {
        self.start(block);
        self.out.push_str(md);
        self.out.push('\n');
    }

    fn paragraph(&mut self, md: &str) {
        self.start(Block::Other);
        self.out.push_str(md);
        self.out.push('\n');
    }

    fn heading(&mut self, level: usize, text: &str) {
        self.start(Block::Other);
        let text = &sentence_case(text);
        if level == 2 {
            // The questions under it are not headings yet, so ask whether the heading names
            // a FAQ rather than how the section would be classified as written.
            self.section = if self.rules.heading_is_faq(text) {
                SectionKind::Faq
            } else {
                self.rules.classify(text)
            };
        }
        self.out
            .push_str(&format!("{} {}\n", "#".repeat(level), inline(text)));
    }

    /// A numbered line: a step ("Label: text"), a sub-heading (a short title followed by a
    /// paragraph), or an ordered-list item.
    fn numbered(&mut self, n: u32, text: &str, unit: &Unit, next: Option<&Line>) {
        if let Some((label, rest)) = lines::label_split(text) {
            let number = if self.block == Block::Ordered {
                self.next_number
            } else {
                n
            };
            self.list_item(
                Block::Ordered,
                &format!("{number}. **{}:** {}", inline(&label), inline(&rest)),
            );
            self.next_number = number + 1;
            return;
        }
        let before_paragraph = matches!(next, Some(Line::Text(t)) if !lines::is_heading_like(t));
        if !unit.indented && lines::is_heading_like(text) && before_paragraph {
            self.heading(3, text);
            return;
        }
        let number = if self.block == Block::Ordered {
            self.next_number
        } else {
            n
        };
        self.list_item(Block::Ordered, &format!("{number}. {}", inline(text)));
        self.next_number = number + 1;
    }

    /// A "Q:" line: a `###` question, under a FAQ heading (added when there is none).
    fn question(&mut self, q: &str) {
        if self.section != SectionKind::Faq {
            self.heading(2, "Frequently asked questions");
            self.section = SectionKind::Faq;
        }
        self.heading(3, q);
    }

    /// A line of text: a heading when it reads as one and something follows, else a paragraph.
    fn text(&mut self, t: &str, next: Option<&Line>) {
        if next.is_none() || !lines::is_heading_like(t) {
            return self.paragraph(&inline(t));
        }
        let is_question = t.ends_with('?');
        if self.section == SectionKind::Faq && is_question {
            return self.heading(3, t);
        }
        self.heading(2, t);
    }
}

/// "BENEFITS OF MASSAGE" → "Benefits of massage": capitals read as shouting and are hard to
/// read; headings of one word (often an acronym) are left alone.
fn sentence_case(text: &str) -> String {
    let has_lower = text.chars().any(char::is_lowercase);
    if has_lower || text.split_whitespace().count() < 2 {
        return text.to_string();
    }
    let lower = text.to_lowercase();
    let mut chars = lower.chars();
    chars
        .next()
        .map(|c| c.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}

/// The text of a callout: the callout's own heading says "Note" or "Warning", so a "Note:"
/// or "Warning:" label is left out; "Disclaimer:" says more than "Note" and is kept.
fn callout_text<'t>(kind: &str, text: &'t str) -> &'t str {
    match text.split_once(':') {
        Some((label, rest)) if kind != "NOTE" || !label.eq_ignore_ascii_case("disclaimer") => {
            rest.trim_start()
        }
        _ => text,
    }
}

/// Escapes what Markdown would otherwise read as markup in plain text: raw HTML, and a line
/// start that would make a heading, quote or list.
fn inline(text: &str) -> String {
    let mut s = text.replace('<', "&lt;").replace('[', "\\[");
    if s.starts_with(['#', '>', '+', '=']) {
        s.insert(0, '\\');
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    fn body(text: &str) -> ImportedDoc {
        read(text, &TopicRules::defaults()).expect("reads")
    }

    #[test]
    fn numbered_short_lines_before_paragraphs_are_sub_headings() {
        let d = body("Title\n\nBenefits of massage\n\n1. Less stiffness\nYour muscles relax.\n\n2. Better sleep\nYou rest well.\n");
        assert!(d.body.contains("## Benefits of massage\n"), "{}", d.body);
        assert!(d.body.contains("### Less stiffness\n"), "{}", d.body);
        assert!(d.body.contains("### Better sleep\n"), "{}", d.body);
    }

    #[test]
    fn label_lines_are_steps() {
        let d = body("Title\n\nWhat to expect\n\n  1. Arrive: come ten minutes early.\n  2. Talk: tell us how you feel.\n");
        assert!(
            d.body
                .contains("1. **Arrive:** come ten minutes early.\n2. **Talk:**"),
            "{}",
            d.body
        );
    }

    #[test]
    fn faq_pairs_and_footer() {
        let d = body("Title\n\nIntro text here.\n\nFAQ\n\nQ: Does it hurt?\nA: A little.\n\nLeave a Reply\nYour email address will not be published.\nPosted in Knee, Rehab\n");
        assert!(
            d.body
                .contains("## FAQ\n\n### Does it hurt?\n\nA little.\n"),
            "{}",
            d.body
        );
        assert!(!d.body.contains("Reply"), "{}", d.body);
        assert_eq!(d.tags, ["Knee", "Rehab"]);
        assert!(d.dropped.iter().any(|x| x.contains("Leave a Reply")));
    }

    #[test]
    fn curly_quotes_are_kept_and_html_is_escaped() {
        let d = body("Title\n\nIt’s “fine” – really <b>.\n");
        assert_eq!(d.body, "It’s “fine” – really &lt;b>.\n");
    }

    #[test]
    fn capital_headings_and_markdown_headings() {
        let d = body("Title\n\nBENEFITS OF HEAT\n\nIt helps.\n\n## Aftercare\n\nRest.\n");
        assert!(d.body.contains("## Benefits of heat\n"), "{}", d.body);
        assert!(d.body.contains("## Aftercare\n"), "{}", d.body);
    }

    #[test]
    fn an_early_comments_heading_is_not_the_footer() {
        let d = body("Title\n\nComments\n\nTell us what you think.\n\nMore text.\n\nAnd more.\n");
        assert!(d.body.contains("Tell us what you think."), "{}", d.body);
    }

    #[test]
    fn empty_text_is_an_error() {
        assert!(read(" \n\n", &TopicRules::defaults()).is_err());
    }
}
