//! Tests of the markup `render` writes (callouts, code, task lists, tables,
//! raw HTML, footnotes) and that no input makes it panic.

use super::tests::{md, render_with};

#[test]
fn alerts_become_callouts() {
    for (marker, class, title) in [
        ("NOTE", "note", "Note"),
        ("TIP", "tip", "Tip"),
        ("IMPORTANT", "important", "Important"),
        ("WARNING", "warning", "Warning"),
        ("CAUTION", "caution", "Caution"),
    ] {
        let out = md(&format!("> [!{marker}]\n> Take care.\n"));
        assert_eq!(
            out.intro_html,
            format!(
                "<div class=\"callout callout-{class}\" role=\"note\">\n<p class=\"callout-title\">{title}</p>\n\
                 <p>Take care.</p>\n</div>\n"
            )
        );
    }
    let plain = md("> Just a quote.\n");
    assert_eq!(
        plain.intro_html,
        "<blockquote>\n<p>Just a quote.</p>\n</blockquote>\n"
    );
}

#[test]
fn code_is_highlighted_with_classes() {
    let out = md("## Setup\n\n```python\nprint(\"hi\")  # greet\n```\n");
    assert!(out.has_code);
    let html = &out.sections[0].html;
    assert!(
        html.starts_with("<pre class=\"code\" tabindex=\"0\"><code class=\"language-python\">"),
        "{html}"
    );
    assert!(
        html.contains("hl-string") && html.contains("hl-comment"),
        "{html}"
    );
    let plain = md("    indented <code>\n\n```mystery\na < b\n```\n");
    assert!(plain.has_code);
    assert!(plain
        .intro_html
        .contains("<pre class=\"code\" tabindex=\"0\"><code>indented &lt;code&gt;\n</code></pre>"));
    assert!(plain
        .intro_html
        .contains("<code class=\"language-mystery\">a &lt; b\n</code>"));
    assert!(!md("No code, only `inline`.\n").has_code);
}

#[test]
fn task_list_checkboxes_have_names() {
    let out = md("- [x] Ice the knee\n- [ ] Book a visit\n");
    assert!(out.intro_html.contains(
        "<li><input type=\"checkbox\" disabled checked aria-label=\"Done\"> Ice the knee</li>"
    ));
    assert!(out.intro_html.contains(
        "<li><input type=\"checkbox\" disabled aria-label=\"Not done\"> Book a visit</li>"
    ));
    assert_eq!(out.prose[0].text, "Ice the knee");
}

#[test]
fn tables_scroll_in_labelled_regions() {
    let src = "Text.\n\n| Food | Amount |\n|---|---|\n| Water | 2 l |\n\n| Food | Amount |\n|--|--|\n| x | y |\n\n\
               |   |   |\n|---|---|\n| a | b |\n";
    let out = render_with(src, 4, "", false);
    let html = &out.intro_html;
    assert!(html.contains("<div class=\"table-scroll\" tabindex=\"0\" role=\"region\" aria-label=\"Table: Food, Amount\">\n<table>"));
    assert!(html.contains("aria-label=\"Table: Food, Amount (2)\""));
    assert!(html.contains("aria-label=\"Table 3\""));
    assert!(html.contains("</table>\n</div>\n"));
    let tables: Vec<(usize, usize, bool)> = out
        .tables
        .iter()
        .map(|t| (t.line, t.column, t.has_header))
        .collect();
    assert_eq!(tables, [(6, 1, true), (10, 1, true), (14, 1, false)]);
    assert!(out.prose.iter().all(|p| !p.text.contains("Water")));
}

#[test]
fn raw_html_passes_through_and_is_recorded() {
    let out = render_with(
        "Hi <span onclick=\"x()\">there</span>.\n\n<script>\nalert(1)\n</script>\n",
        2,
        "",
        false,
    );
    assert!(out
        .intro_html
        .contains("<span onclick=\"x()\">there</span>"));
    assert!(out.intro_html.contains("<script>\nalert(1)\n</script>\n"));
    let raw: Vec<(&str, bool, usize, usize)> = out
        .raw_html
        .iter()
        .map(|r| (r.html.as_str(), r.inline, r.line, r.column))
        .collect();
    assert_eq!(
        raw,
        [
            ("<span onclick=\"x()\">", true, 2, 4),
            ("</span>", true, 2, 29),
            ("<script>\nalert(1)\n</script>\n", false, 4, 1),
        ]
    );
}

#[test]
fn footnotes_are_numbered_once_for_the_document() {
    let src = "Intro[^b].\n\n## Benefits\n\nOne[^a] and again[^b].\n\n[^a]: First note.\n\n## Risks\n\nTwo[^a].\n\n[^b]: Second.\n";
    let out = md(src);
    assert!(out
        .intro_html
        .contains("<a id=\"fnref-b\" href=\"#fn-b\" aria-label=\"Note 1\">1</a>"));
    let benefits = &out.sections[0].html;
    assert!(benefits.contains("<a id=\"fnref-a\" href=\"#fn-a\" aria-label=\"Note 2\">2</a>"));
    assert!(benefits.contains("<a id=\"fnref-b-2\" href=\"#fn-b\" aria-label=\"Note 1\">1</a>"));
    assert!(
        !benefits.contains("First note"),
        "definitions leave the section"
    );
    assert!(out.sections[1]
        .html
        .contains("<a id=\"fnref-a-2\" href=\"#fn-a\""));
    let notes = &out.footnotes_html;
    let b = notes.find("<li id=\"fn-b\">").unwrap_or(usize::MAX);
    let a = notes.find("<li id=\"fn-a\">").unwrap_or(0);
    assert!(b < a, "numbered in order of first mention: {notes}");
    assert!(notes.contains("<p>Second. <a class=\"footnote-back\" href=\"#fnref-b\""));
    assert!(out.full_html().ends_with("</ol>\n</section>\n"));
    assert!(out
        .prose
        .iter()
        .all(|p| !p.text.contains("note") && !p.text.contains("Second")));
}

/// A small deterministic generator, so the fuzz inputs are the same each run.
struct XorShift(u64);

impl XorShift {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
}

fn check_invariants(src: &str, first_line: usize) {
    for all_faq in [false, true] {
        let out = render_with(src, first_line, "p-", all_faq);
        let _ = out.full_html();
        let positions = out
            .headings
            .iter()
            .map(|h| (h.line, h.column))
            .chain(out.links.iter().map(|l| (l.line, l.column)))
            .chain(out.prose.iter().map(|p| (p.line, p.column)));
        for (line, column) in positions {
            assert!(line >= first_line && column >= 1, "{src:?}");
        }
        let mut ids: Vec<&str> = out.headings.iter().map(|h| h.id.as_str()).collect();
        ids.sort_unstable();
        let before = ids.len();
        ids.dedup();
        assert_eq!(before, ids.len(), "duplicate ids for {src:?}");
        assert!(ids.iter().all(|id| *id != "main" && *id != "top"));
    }
}

#[test]
fn odd_inputs_do_not_panic() {
    let deep_quote = ">".repeat(500) + " deep";
    let deep_list = (0..200)
        .map(|n| format!("{}- item\n", "  ".repeat(n)))
        .collect::<String>();
    let cases = [
        "",
        "\n\n\n",
        "```",
        "```rust\nfn main() {",
        "~~~\nunclosed",
        "## !!!\n## ???\n## ...",
        "### Before any section\n\nText.",
        "## FAQ\n",
        "## FAQ\n### \n### \n",
        "#\n##\n###\n####\n#####\n######\n",
        "## {#}\n## {.}\n## {#main}\n## x {onclick=alert(1)}",
        "[^x]\n\n[^x]: ## Heading in a note\n\n    code in note",
        "[^x]: Only a definition",
        "| a |\n|---|\n| [link](missing) | `code` |\n",
        "- [ ] \n- [x]\n",
        "> [!NOTE]\n",
        "> [!WARNING]\n> ## Heading in a callout\n> - list\n>   ```\n>   code",
        "![![nested](a.png)](b.png) [![img](c.png)](d.md)",
        "<div>\n\n## Heading in html\n\n</div>",
        "www. http:// https://.. www.a. https://a.b.)))))",
        "\r\n## Windows\r\nline\rold mac\r",
        "\u{feff}## BOM\n\u{0}\u{1}\u{7f}",
        "## Café ☕ 日本語\n\nÉté https://例え.jp/パス",
        &deep_quote,
        &deep_list,
    ];
    for src in cases {
        check_invariants(src, 1);
    }
}

#[test]
fn random_inputs_do_not_panic() {
    const PIECES: &[&str] = &[
        "## ",
        "### ",
        "# ",
        "\n",
        "\n\n",
        "- ",
        "1. ",
        "> ",
        "> [!NOTE]\n",
        "```",
        "`",
        "*",
        "_",
        "[",
        "]",
        "(",
        ")",
        "![",
        "<",
        ">",
        "|",
        "---",
        "[^1]",
        "[^1]: ",
        "{#x}",
        "{.faq}",
        "https://a.org/",
        "www.b.org",
        "&amp;",
        "text ",
        "é",
        "\t",
        "    ",
        "<b>",
        "</b>",
        "\\",
        "FAQ",
        "Benefits",
        "Risks",
        "~~",
        "- [x] ",
    ];
    let mut rng = XorShift(0x9e37_79b9_7f4a_7c15);
    for round in 0..400 {
        let len = (rng.next() % 60) as usize;
        let src: String = if round % 4 == 0 {
            let bytes: Vec<u8> = (0..len * 3).map(|_| (rng.next() & 0xff) as u8).collect();
            String::from_utf8_lossy(&bytes).into_owned()
        } else {
            (0..len)
                .map(|_| PIECES[(rng.next() % PIECES.len() as u64) as usize])
                .collect()
        };
        check_invariants(&src, 1 + round % 7);
    }
}

#[test]
fn aligned_table_cells_use_classes_not_styles() {
    // The page's Content-Security-Policy blocks style attributes.
    let html = md("| a | b |\n|:--|--:|\n| 1 | 2 |\n").full_html();
    assert!(!html.contains("style="), "{html}");
    assert!(
        html.contains("class=\"align-left\"") && html.contains("class=\"align-right\""),
        "{html}"
    );
}
