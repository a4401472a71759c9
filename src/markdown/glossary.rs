//! Glossary terms in prose: finding the first use of each term in a document
//! and marking it up as a definition the reader can open in place.
//!
//! Takes in the site's terms (each with its other forms and a definition)
//! and a piece of text; gives out where the earliest not-yet-marked term is,
//! and the HTML that replaces it. The walker decides where terms may be
//! marked (not in headings, links, image text, code or notes).

use std::collections::HashMap;
use std::ops::Range;

use regex::Regex;

use super::anchors::escape_into;

/// One term as the site's glossary gives it.
#[derive(Debug, Clone)]
pub struct TermSpec<'a> {
    /// The term's id on the glossary page (`fever`).
    pub slug: &'a str,
    /// Every form that counts as a use: the term itself, plurals, synonyms.
    pub forms: Vec<&'a str>,
    /// The plain definition, one or two sentences.
    pub definition: &'a str,
}

#[derive(Debug, Clone)]
struct Entry {
    slug: String,
    definition: String,
}

/// The terms of one site, ready to be found in text.
#[derive(Debug, Clone, Default)]
pub struct GlossaryTerms {
    /// Any form, longest first (so "low back pain" wins over "back pain"),
    /// whole words only, any case. `None` when there are no terms.
    pattern: Option<Regex>,
    /// Lower-cased form to its entry.
    forms: HashMap<String, usize>,
    entries: Vec<Entry>,
    /// The glossary page's URL (`/glossary/`).
    page_url: String,
}

impl GlossaryTerms {
    /// Prepares `terms`, linking each to its entry on the page at `page_url`.
    pub fn new<'a>(page_url: &str, terms: impl IntoIterator<Item = TermSpec<'a>>) -> Self {
        let mut forms = HashMap::new();
        let mut entries = Vec::new();
        for t in terms {
            for f in &t.forms {
                let f = f.trim().to_lowercase();
                if !f.is_empty() {
                    // The first term to claim a form keeps it.
                    forms.entry(f).or_insert(entries.len());
                }
            }
            entries.push(Entry {
                slug: t.slug.to_string(),
                definition: t.definition.trim().to_string(),
            });
        }
        let mut sorted: Vec<&String> = forms.keys().collect();
        sorted.sort_by(|a, b| b.chars().count().cmp(&a.chars().count()).then(a.cmp(b)));
        let alternatives: Vec<String> = sorted.iter().map(|f| regex::escape(f)).collect();
        // Built from escaped text only, so it always compiles; a site with an
        // absurdly large glossary past the size limit simply gets no markup.
        let pattern = (!alternatives.is_empty())
            .then(|| Regex::new(&format!(r"(?i)\b(?:{})\b", alternatives.join("|"))).ok())
            .flatten();
        GlossaryTerms {
            pattern,
            forms,
            entries,
            page_url: page_url.to_string(),
        }
    }

    /// Whether there are no terms to look for.
    pub fn is_empty(&self) -> bool {
        self.pattern.is_none()
    }

    /// The earliest use in `text` of a term not in `used`: its byte range and
    /// the term's index.
    pub(crate) fn find(&self, text: &str, used: &[usize]) -> Option<(Range<usize>, usize)> {
        let pattern = self.pattern.as_ref()?;
        pattern.find_iter(text).find_map(|m| {
            let i = *self.forms.get(&m.as_str().to_lowercase())?;
            (!used.contains(&i)).then_some((m.range(), i))
        })
    }

    /// The slug of term `i`.
    pub(crate) fn slug(&self, i: usize) -> &str {
        self.entries.get(i).map_or("", |e| &e.slug)
    }

    /// The markup of term `i` as written (`written`).
    ///
    /// A link to the term's glossary entry whose text is the term in `<dfn>`
    /// followed by the definition in brackets. The definition is part of the
    /// link's name, so a screen reader says it both in reading order and when
    /// the link is reached with Tab, and no ids are needed (a topic page may
    /// show sections of several guides). The theme's CSS keeps the definition
    /// off screen until the link is hovered or focused, then draws it as a box
    /// under the term: the reader opens it by keyboard, pointer or tap without
    /// JavaScript and without leaving the sentence, and following the link
    /// leads to the full glossary. `<details>` cannot sit inside a paragraph,
    /// and a `title` attribute is out of reach of keyboards and touch. Print
    /// hides the box and lists the terms at the end of the guide.
    pub(crate) fn markup(&self, i: usize, written: &str) -> String {
        let Some(e) = self.entries.get(i) else {
            let mut plain = String::new();
            escape_into(&mut plain, written);
            return plain;
        };
        let mut html = String::with_capacity(written.len() + e.definition.len() + 96);
        html.push_str("<a class=\"term\" href=\"");
        escape_into(&mut html, &self.page_url);
        html.push('#');
        escape_into(&mut html, &e.slug);
        html.push_str("\"><dfn>");
        escape_into(&mut html, written);
        html.push_str("</dfn><span class=\"term-def\"> (");
        escape_into(&mut html, &e.definition);
        html.push_str(")</span></a>");
        html
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn terms() -> GlossaryTerms {
        GlossaryTerms::new(
            "/glossary/",
            [
                TermSpec {
                    slug: "back-pain",
                    forms: vec!["back pain"],
                    definition: "Pain in the back.",
                },
                TermSpec {
                    slug: "low-back-pain",
                    forms: vec!["low back pain", "lumbago"],
                    definition: "Pain <low> in the back.",
                },
            ],
        )
    }

    #[test]
    fn finds_whole_words_longest_form_first_and_skips_used_terms() {
        let t = terms();
        let text = "Lumbago, or low back pain, is not feedback pain.";
        assert_eq!(t.find(text, &[]), Some((0..7, 1)));
        assert_eq!(t.find(text, &[1]), None);
        assert_eq!(t.find("Back pain again", &[1]), Some((0..9, 0)));
        assert!(t.markup(1, "Lumbago").contains(
            "<a class=\"term\" href=\"/glossary/#low-back-pain\"><dfn>Lumbago</dfn><span class=\"term-def\"> (Pain &lt;low&gt; in the back.)</span></a>"
        ));
        assert!(GlossaryTerms::default().find(text, &[]).is_none());
    }
}
