//! Topic pages and hubs: an article's benefits, what-to-expect and precautions sections each get
//! a page of their own, and each topic gets a site-wide hub listing every article that has it.

use super::{Article, Site};
use crate::content::Document;
use crate::diagnostic::{Diagnostic, Diagnostics, Span};
use crate::markdown::{Rendered, Section, SectionKind};

/// One topic of one article: the sections of that kind, as its topic page shows them.
#[derive(Debug, Clone)]
pub struct Topic<'a> {
    /// The kind (benefits, what-to-expect or precautions).
    pub kind: SectionKind,
    /// The article.
    pub article: &'a Article,
    /// Its sections of that kind, in article order (usually one).
    pub sections: Vec<&'a Section>,
}

impl<'a> Topic<'a> {
    /// The topic of `article`, if it has sections of that kind.
    pub fn of(article: &'a Article, kind: SectionKind) -> Option<Self> {
        let sections: Vec<&Section> = article
            .rendered
            .sections
            .iter()
            .filter(|s| s.kind == kind)
            .collect();
        (!sections.is_empty()).then_some(Topic {
            kind,
            article,
            sections,
        })
    }

    /// The page's heading: the section's own heading when there is one section, otherwise
    /// "Label: article title".
    pub fn title(&self) -> String {
        match self.sections.as_slice() {
            [one] => one.heading.clone(),
            _ => format!("{}: {}", self.kind.label(), self.article.title()),
        }
    }

    /// The page's body HTML. With one section its heading is the page's h1, so the content's
    /// headings are raised one level; with several, each keeps its own h2.
    pub fn html(&self) -> String {
        match self.sections.as_slice() {
            [one] => one.topic_html(),
            many => {
                let mut s = String::new();
                for sec in many {
                    s.push_str(&sec.heading_block_html);
                    s.push_str(&sec.html);
                }
                s
            }
        }
    }

    /// A short plain-text excerpt for hubs.
    pub fn excerpt(&self) -> &str {
        self.sections
            .first()
            .map(|s| s.excerpt.as_str())
            .unwrap_or("")
    }
}

/// One line of a hub: an article that has the topic.
#[derive(Debug, Clone)]
pub struct HubEntry<'a> {
    /// Index into `Site::articles`.
    pub index: usize,
    /// The topic.
    pub topic: Topic<'a>,
}

pub(crate) fn hub(site: &Site, kind: SectionKind) -> Vec<HubEntry<'_>> {
    site.articles
        .iter()
        .enumerate()
        .filter_map(|(index, a)| Topic::of(a, kind).map(|topic| HubEntry { index, topic }))
        .collect()
}

/// `topics/unknown-class`: a `##` heading class that looks like a mistyped section kind
/// (`{.precaution}`). It is an error, because the section would otherwise land on a page the
/// editor did not choose, without a word.
pub(crate) fn unknown_classes(doc: &Document, rendered: &Rendered) -> Diagnostics {
    let mut d = Diagnostics::new();
    for s in &rendered.sections {
        let Some((class, kind)) = &s.classification.unknown_class else {
            continue;
        };
        let kinds: Vec<String> = SectionKind::ALL
            .iter()
            .map(|k| format!("{{.{}}}", k.key()))
            .collect();
        d.push(
            Diagnostic::error(
                "topics/unknown-class",
                Span::at(&doc.path, s.line, 1),
                format!("`{{.{class}}}` on \"{}\" is not a section kind", s.heading),
            )
            .with_help(format!(
                "did you mean `{{.{}}}`? The section kinds are {}",
                kind.key(),
                kinds.join(", ")
            )),
        );
    }
    d
}
