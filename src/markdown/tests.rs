//! Tests of `render` as the rest of the crate uses it: sections and their
//! kinds, ids and anchors, FAQ items, topic HTML, links with positions,
//! prose and excerpts. Markup details (callouts, code, tables, footnotes)
//! and the no-panic checks are in `tests_markup.rs`.

use super::*;

/// Rewrites `heat.md`, calls anything starting with `missing` broken.
pub(super) struct TestLinks;

impl LinkResolver for TestLinks {
    fn resolve(&self, dest: &str, kind: LinkKind) -> LinkTarget {
        match (dest, kind) {
            ("heat.md", LinkKind::Link) => LinkTarget::Rewritten("/articles/heat/".into()),
            ("pic.png", LinkKind::Image) => LinkTarget::Rewritten("/media/pic.png".into()),
            _ if dest.starts_with("missing") => {
                LinkTarget::Broken(format!("no article at content/articles/{dest}"))
            }
            _ => LinkTarget::Unchanged,
        }
    }
}

pub(super) fn render_with(src: &str, first_line: usize, prefix: &str, all_faq: bool) -> Rendered {
    let rules = TopicRules::defaults();
    let opts = RenderOptions {
        first_line,
        rules: &rules,
        links: &TestLinks,
        faq_id_prefix: prefix,
        all_sections_faq: all_faq,
        reserved_ids: &["main", "top"],
        callouts: &crate::markdown::CalloutWording::default(),
        glossary: &crate::markdown::GlossaryTerms::default(),
    };
    render(src, &opts)
}

pub(super) fn md(src: &str) -> Rendered {
    render_with(src, 1, "", false)
}

#[test]
fn splits_sections_and_classifies() {
    let out = md("Intro.\n\n## What is heat therapy?\n\nA.\n\n## Living with pain {.benefits .wide}\n\nB.\n\n\
                  ## Benefits {.plain}\n\nC.\n\n## Risks and benefits\n\nD.\n\n# Stray title\n\nE.\n");
    assert_eq!(out.intro_html, "<p>Intro.</p>\n");
    let kinds: Vec<(&str, SectionKind)> = out
        .sections
        .iter()
        .map(|s| (s.heading.as_str(), s.kind))
        .collect();
    assert_eq!(
        kinds,
        [
            ("What is heat therapy?", SectionKind::Overview),
            ("Living with pain", SectionKind::Benefits),
            ("Benefits", SectionKind::Plain),
            ("Risks and benefits", SectionKind::Precautions),
        ]
    );
    let living = &out.sections[1];
    assert!(living
        .heading_block_html
        .starts_with("<h2 id=\"living-with-pain\" class=\"wide\">"));
    assert!(!living.heading_block_html.contains("benefits\""));
    // An h1 in the body stays in the HTML as written, in its section.
    assert!(out.sections[3]
        .html
        .contains("<h1 id=\"stray-title\">Stray title</h1>"));
    assert_eq!(out.sections[3].line, 15);
}

#[test]
fn ids_are_unique_and_never_reserved() {
    let out = md(
        "## Main\n\n## Risks\n\n## Risks\n\n## Later {#risks-3}\n\n## Risks\n\n## !!!\n\n### Top\n",
    );
    let ids: Vec<&str> = out.headings.iter().map(|h| h.id.as_str()).collect();
    assert_eq!(
        ids,
        ["main-2", "risks", "risks-2", "risks-3", "risks-4", "section", "top-2"]
    );
    let toc: Vec<(u8, &str)> = out.toc.iter().map(|t| (t.level, t.id.as_str())).collect();
    assert_eq!(toc[0], (2, "main-2"));
    assert_eq!(toc[6], (3, "top-2"));
}

#[test]
fn anchors_are_the_heading_text_unless_it_links() {
    let out = md("## Plain *one*\n\n## See [heat](heat.md)\n\n##### Small\n\n## \n");
    let s = &out.sections;
    assert_eq!(
        s[0].heading_block_html,
        "<h2 id=\"plain-one\"><a class=\"heading-link\" href=\"#plain-one\">Plain <em>one</em></a></h2>\n"
    );
    assert_eq!(s[0].heading_inline_html, "Plain <em>one</em>");
    assert_eq!(
        s[1].heading_block_html,
        "<h2 id=\"see-heat\">See <a href=\"/articles/heat/\">heat</a></h2>\n"
    );
    assert_eq!(s[1].heading_inline_html, "See heat");
    assert!(s[1].html.contains("<h5 id=\"small\">Small</h5>"));
    // An empty heading gets an id but no empty link.
    assert_eq!(s[2].heading_block_html, "<h2 id=\"section\"></h2>\n");
    // Footnote references and raw `<a>` tags are links too: no nesting.
    let out = md("## Risks[^1]\n\n## See <a href=\"x.html\">this</a>\n\n[^1]: Note.\n");
    let s = &out.sections;
    assert!(
        s[0].heading_block_html
            .starts_with("<h2 id=\"risks\">Risks<sup"),
        "{}",
        s[0].heading_block_html
    );
    assert_eq!(s[0].heading_inline_html, "Risks");
    assert_eq!(
        s[1].heading_block_html,
        "<h2 id=\"see-this\">See <a href=\"x.html\">this</a></h2>\n"
    );
    assert_eq!(s[1].heading_inline_html, "See this");
}

#[test]
fn faq_items_with_answers() {
    let src = "## Questions and answers\n\nLead-in.\n\n### Does it *hurt*?\n\nNo.\n\nNot at all.\n\n\
               #### Detail\n\nMore.\n\n### Is it safe? {#safe}\n\n- Yes\n- Mostly\n\n## Risks\n\nR.\n";
    let out = render_with(src, 1, "heat-", false);
    let faq = &out.sections[0];
    assert_eq!(faq.kind, SectionKind::Faq);
    assert_eq!(faq.faq.len(), 2);
    let q = &faq.faq[0];
    assert_eq!(q.question, "Does it hurt?");
    assert_eq!(q.question_inline_html, "Does it <em>hurt</em>?");
    assert_eq!(q.id, "heat-does-it-hurt");
    assert_eq!(q.line, 5);
    assert!(q
        .answer_html
        .starts_with("<p>No.</p>\n<p>Not at all.</p>\n<h4 id=\"detail\">"));
    assert!(!q.answer_html.contains("Lead-in") && !q.answer_html.contains("Is it safe"));
    assert_eq!(q.answer_text, "No.\n\nNot at all.\n\nMore.");
    assert_eq!(faq.faq[1].id, "safe");
    assert_eq!(faq.faq[1].answer_text, "Yes\n\nMostly");
    assert!(faq.html.contains(
        "<h3 id=\"heat-does-it-hurt\"><a class=\"heading-link\" href=\"#heat-does-it-hurt\">"
    ));
    assert!(out.sections[1].faq.is_empty());
    let kinds: Vec<ProseKind> = out.prose.iter().map(|p| p.kind).collect();
    assert_eq!(
        kinds[..5],
        [
            ProseKind::Paragraph,
            ProseKind::FaqAnswer,
            ProseKind::FaqAnswer,
            ProseKind::FaqAnswer,
            ProseKind::FaqAnswer
        ]
    );
}

#[test]
fn faq_file_mode_has_an_untitled_group() {
    let src = "Welcome.\n\n### Where are you?\n\nHere.\n\n## Benefits\n\n### Why?\n\nBecause.\n\n## Empty\n";
    let out = render_with(src, 3, "", true);
    assert_eq!(out.intro_html, "<p>Welcome.</p>\n");
    assert_eq!(out.sections.len(), 3);
    let untitled = &out.sections[0];
    assert_eq!(
        (untitled.heading.as_str(), untitled.kind),
        ("", SectionKind::Faq)
    );
    assert_eq!(untitled.heading_block_html, "");
    assert_eq!(untitled.id, "questions");
    assert_eq!(untitled.line, 5);
    assert_eq!(untitled.faq[0].id, "where-are-you");
    assert_eq!(untitled.faq[0].answer_html, "<p>Here.</p>\n");
    // Every `##` is a FAQ group, whatever its words.
    assert_eq!(out.sections[1].kind, SectionKind::Faq);
    assert_eq!(out.sections[1].faq[0].question, "Why?");
    assert!(out.sections[1].topic_html().is_empty());
    assert!(out.sections[2].faq.is_empty());
}

#[test]
fn topic_html_raises_headings_one_level() {
    let out =
        md("## Benefits\n\nA.\n\n### Sleep\n\n#### Deep sleep\n\n## Overview\n\n### Not a topic\n");
    let benefits = &out.sections[0];
    assert_eq!(
        benefits.topic_html(),
        "<p>A.</p>\n<h2 id=\"sleep\"><a class=\"heading-link\" href=\"#sleep\">Sleep</a></h2>\n\
         <h3 id=\"deep-sleep\"><a class=\"heading-link\" href=\"#deep-sleep\">Deep sleep</a></h3>\n"
    );
    assert!(
        benefits.html.contains("<h3 id=\"sleep\">")
            && benefits.html.contains("<h4 id=\"deep-sleep\">")
    );
    assert_eq!(out.sections[1].topic_html(), "");
}

#[test]
fn links_are_resolved_with_file_positions() {
    let src = "Intro with [heat](heat.md).\n\n## Links\n\nCafé [gone](missing.md) and ![A pic](pic.png)\n\
               ![x](missing.png) <https://a.org> <me@b.org> see www.c.org.\n";
    let out = render_with(src, 5, "", false);
    let links: Vec<(&str, &str, &str, usize, usize)> = out
        .links
        .iter()
        .map(|l| {
            (
                l.dest.as_str(),
                l.href.as_str(),
                l.text.as_str(),
                l.line,
                l.column,
            )
        })
        .collect();
    assert_eq!(
        links,
        [
            ("heat.md", "/articles/heat/", "heat", 5, 12),
            ("missing.md", "missing.md", "gone", 9, 6),
            ("https://a.org", "https://a.org", "https://a.org", 10, 19),
            ("mailto:me@b.org", "mailto:me@b.org", "me@b.org", 10, 35),
            (
                "https://www.c.org",
                "https://www.c.org",
                "www.c.org",
                10,
                50
            ),
        ]
    );
    assert_eq!(out.images[0].final_src, "/media/pic.png");
    assert_eq!(
        (
            out.images[0].alt.as_str(),
            out.images[0].line,
            out.images[0].column
        ),
        ("A pic", 9, 29)
    );
    let broken: Vec<(&str, LinkKind, usize, usize)> = out
        .broken_links
        .iter()
        .map(|b| (b.dest.as_str(), b.kind, b.line, b.column))
        .collect();
    assert_eq!(
        broken,
        [
            ("missing.md", LinkKind::Link, 9, 6),
            ("missing.png", LinkKind::Image, 10, 1)
        ]
    );
    assert_eq!(
        out.broken_links[0].message,
        "no article at content/articles/missing.md"
    );
    let html = out.full_html();
    assert!(html.contains("<a href=\"/articles/heat/\">heat</a>"));
    assert!(html.contains("<img src=\"/media/pic.png\" alt=\"A pic\" />"));
    assert!(html.contains("<a href=\"mailto:me@b.org\">me@b.org</a>"));
    assert!(html.contains("<a href=\"https://www.c.org\">www.c.org</a>."));
}

#[test]
fn prose_keeps_what_a_patient_reads() {
    let src = "# Title\n\nRead [this link](heat.md) and\n`code` here ![alt words](p.png) <b>bold</b>[^n]\n\
               at https://x.org now.\n\n- item one\n  - nested\n- item two\n\nAfter.\n\n    indented code\n\n\
               | a | b |\n|---|---|\n| 1 | 2 |\n\n<div>\nhtml block\n</div>\n\n[^n]: Footnote text.\n";
    let out = render_with(src, 10, "", false);
    let prose: Vec<(&str, usize, usize, ProseKind)> = out
        .prose
        .iter()
        .map(|p| (p.text.as_str(), p.line, p.column, p.kind))
        .collect();
    assert_eq!(
        prose,
        [
            (
                "Read this link and\n here  bold\nat  now.",
                12,
                1,
                ProseKind::Paragraph
            ),
            ("item one", 16, 3, ProseKind::ListItem),
            ("nested", 17, 5, ProseKind::ListItem),
            ("item two", 18, 3, ProseKind::ListItem),
            ("After.", 20, 1, ProseKind::Paragraph),
        ]
    );
    assert!(out.prose.iter().all(|p| p.section.is_none()));
}

#[test]
fn prose_kinds_and_sections() {
    let src = "## Benefits\n\nPara.\n\n> [!TIP]\n> Drink water.\n>\n> - Rest\n\n> Quoted.\n";
    let out = md(src);
    let prose: Vec<(&str, ProseKind, Option<usize>)> = out
        .prose
        .iter()
        .map(|p| (p.text.as_str(), p.kind, p.section))
        .collect();
    assert_eq!(
        prose,
        [
            ("Para.", ProseKind::Paragraph, Some(0)),
            ("Drink water.", ProseKind::Callout, Some(0)),
            ("Rest", ProseKind::Callout, Some(0)),
            ("Quoted.", ProseKind::Paragraph, Some(0)),
        ]
    );
}

#[test]
fn excerpts() {
    let long = (1..=45)
        .map(|n| format!("word{n}"))
        .collect::<Vec<_>>()
        .join(" ");
    let src = format!(
        "Intro `x` text.\n\n## Benefits\n\n![pic](p.png)\n\n{long}\n\n## Risks\n\n- Burns\n- Bruising\n\nLater.\n\n## Empty\n"
    );
    let out = md(&src);
    assert_eq!(out.intro_excerpt, "Intro x text.");
    assert!(out.sections[0].excerpt.starts_with("word1 word2"));
    assert!(out.sections[0].excerpt.ends_with("word30\u{2026}"));
    assert_eq!(out.sections[1].excerpt, "Burns; Bruising");
    assert_eq!(out.sections[2].excerpt, "");
}

#[test]
fn full_html_is_the_whole_document() {
    let out = md("Intro.\n\n## One\n\nA.\n\n## Two\n\nB.\n");
    assert_eq!(
        out.full_html(),
        "<p>Intro.</p>\n<h2 id=\"one\"><a class=\"heading-link\" href=\"#one\">One</a></h2>\n<p>A.</p>\n\
         <h2 id=\"two\"><a class=\"heading-link\" href=\"#two\">Two</a></h2>\n<p>B.</p>\n"
    );
}
