//! Code blocks: syntax highlighting with CSS classes, and the stylesheet.
//!
//! Takes in a fenced block's info string and its text; gives out the
//! `<pre class="code" tabindex="0"><code class="language-…">` markup, with
//! syntect's scopes as `hl-` classes (`hl-keyword`, `hl-string`, …) so the
//! colours live in `themes/default/static/highlight.css` and follow the
//! reader's light or dark preference. [`highlight_css`] generates that file
//! from one palette; a test checks the shipped file matches it and that
//! every colour has a contrast of at least 4.5:1 on its background.
//!
//! syntect's syntax set takes milliseconds to load, so it is loaded the
//! first time a block names a language, once per process: a site without
//! code never pays for it.

use std::sync::OnceLock;

use syntect::html::{ClassStyle, ClassedHTMLGenerator};
use syntect::parsing::SyntaxSet;
use syntect::util::LinesWithEndings;

use super::anchors::escape_into;

/// The class style: scope atoms as separate classes, each with `hl-`.
const STYLE: ClassStyle = ClassStyle::SpacedPrefixed { prefix: "hl-" };

/// Languages that mean "no highlighting", answered without loading syntect.
const PLAIN_LANGUAGES: &[&str] = &[
    "",
    "text",
    "txt",
    "plain",
    "plaintext",
    "none",
    "nohighlight",
];

/// The syntax set, loaded on first use.
static SYNTAXES: OnceLock<SyntaxSet> = OnceLock::new();

fn syntaxes() -> &'static SyntaxSet {
    SYNTAXES.get_or_init(SyntaxSet::load_defaults_newlines)
}

/// The language named by a fence's info string: its first word, stopping at
/// a space, a comma or a `{` (as in "rust,ignore" or "python {.wide}").
pub(crate) fn language_of(info: &str) -> &str {
    let info = info.trim();
    let end = info
        .find(|c: char| c.is_whitespace() || c == ',' || c == '{')
        .unwrap_or(info.len());
    &info[..end]
}

/// Appends a code block: highlighted when the language is one syntect
/// knows, else escaped plain text. The `tabindex` makes a block that scrolls
/// sideways reachable from the keyboard.
pub(crate) fn code_block_html(out: &mut String, info: &str, code: &str) {
    let lang = language_of(info);
    out.push_str("<pre class=\"code\" tabindex=\"0\"><code");
    let class: String = lang
        .chars()
        .filter(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '+' | '#' | '.'))
        .map(|c| c.to_ascii_lowercase())
        .collect();
    if !class.is_empty() {
        out.push_str(" class=\"language-");
        escape_into(out, &class);
        out.push('"');
    }
    out.push('>');
    if !highlight_into(out, lang, code) {
        escape_into(out, code);
    }
    out.push_str("</code></pre>\n");
}

/// Appends highlighted spans for `code`; false (with nothing appended) when
/// the language is plain or unknown, or syntect fails on this input.
fn highlight_into(out: &mut String, lang: &str, code: &str) -> bool {
    if PLAIN_LANGUAGES.iter().any(|p| p.eq_ignore_ascii_case(lang)) {
        return false;
    }
    let set = syntaxes();
    let Some(syntax) = set
        .find_syntax_by_token(lang)
        .or_else(|| set.find_syntax_by_token(&lang.to_ascii_lowercase()))
    else {
        return false;
    };
    let mut generator = ClassedHTMLGenerator::new_with_class_style(syntax, set, STYLE);
    for line in LinesWithEndings::from(code) {
        if generator
            .parse_html_for_line_which_includes_newline(line)
            .is_err()
        {
            return false;
        }
    }
    out.push_str(&generator.finalize());
    true
}

/// One colour rule: the selector (without the `pre.code` prefix) and its
/// light and dark colours.
struct Swatch {
    selector: &'static str,
    light: &'static str,
    dark: &'static str,
    extra: &'static str,
}

/// Background and plain text of code blocks, light then dark.
const LIGHT_BG: &str = "#f6f8fa";
const LIGHT_FG: &str = "#1f2328";
const DARK_BG: &str = "#161b22";
const DARK_FG: &str = "#e6edf3";

/// The palette. Colours were picked for contrast with the backgrounds
/// above (checked in the tests), not only for looks.
const PALETTE: &[Swatch] = &[
    Swatch {
        selector: ".hl-comment",
        light: "#57606a",
        dark: "#8b949e",
        extra: " font-style: italic;",
    },
    Swatch {
        selector: ".hl-string",
        light: "#0a3069",
        dark: "#a5d6ff",
        extra: "",
    },
    Swatch {
        selector: ".hl-keyword, .hl-storage",
        light: "#cf222e",
        dark: "#ff7b72",
        extra: "",
    },
    Swatch {
        selector: ".hl-constant",
        light: "#0550ae",
        dark: "#79c0ff",
        extra: "",
    },
    Swatch {
        selector: ".hl-entity.hl-name.hl-function, .hl-support.hl-function",
        light: "#6639ba",
        dark: "#d2a8ff",
        extra: "",
    },
    Swatch {
        selector: ".hl-entity.hl-name.hl-type, .hl-entity.hl-name.hl-class, .hl-support.hl-type, \
                   .hl-support.hl-class",
        light: "#953800",
        dark: "#ffa657",
        extra: "",
    },
    Swatch {
        selector: ".hl-entity.hl-name.hl-tag",
        light: "#116329",
        dark: "#7ee787",
        extra: "",
    },
    Swatch {
        selector: ".hl-entity.hl-other.hl-attribute-name",
        light: "#0550ae",
        dark: "#79c0ff",
        extra: "",
    },
    Swatch {
        selector: ".hl-variable.hl-parameter",
        light: "#953800",
        dark: "#ffa657",
        extra: "",
    },
    Swatch {
        selector: ".hl-markup.hl-heading",
        light: "#0550ae",
        dark: "#79c0ff",
        extra: " font-weight: bold;",
    },
    Swatch {
        selector: ".hl-invalid",
        light: "#82071e",
        dark: "#ffa198",
        extra: " text-decoration: underline wavy;",
    },
];

/// The stylesheet for the classes [`code_block_html`] emits: a light
/// palette, and a dark one under `prefers-color-scheme: dark`.
pub fn highlight_css() -> String {
    let mut css = String::from(
        "/* Code highlighting for handout: generated by markdown::highlight::highlight_css().\n   \
         Every colour has a contrast of at least 4.5:1 on its background (WCAG AA). */\n",
    );
    push_scheme(&mut css, LIGHT_BG, LIGHT_FG, |s| s.light, "");
    css.push_str("\n@media (prefers-color-scheme: dark) {\n");
    push_scheme(&mut css, DARK_BG, DARK_FG, |s| s.dark, "  ");
    css.push_str("}\n");
    css
}

fn push_scheme(
    css: &mut String,
    bg: &str,
    fg: &str,
    pick: fn(&Swatch) -> &'static str,
    indent: &str,
) {
    use std::fmt::Write as _;
    // Writing to a String cannot fail, so the results are ignored.
    let _ = writeln!(css, "{indent}pre.code {{ background: {bg}; color: {fg}; }}");
    for swatch in PALETTE {
        let selector = swatch
            .selector
            .split(',')
            .map(|s| format!("pre.code {}", s.trim()))
            .collect::<Vec<_>>()
            .join(", ");
        let _ = writeln!(
            css,
            "{indent}{selector} {{ color: {};{} }}",
            pick(swatch),
            swatch.extra
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn channel(hex: &str, at: usize) -> f64 {
        let v = u8::from_str_radix(&hex[at..at + 2], 16).expect("hex colour");
        let c = f64::from(v) / 255.0;
        if c <= 0.03928 {
            c / 12.92
        } else {
            ((c + 0.055) / 1.055).powf(2.4)
        }
    }

    fn luminance(hex: &str) -> f64 {
        0.2126 * channel(hex, 1) + 0.7152 * channel(hex, 3) + 0.0722 * channel(hex, 5)
    }

    fn contrast(a: &str, b: &str) -> f64 {
        let (la, lb) = (luminance(a), luminance(b));
        (la.max(lb) + 0.05) / (la.min(lb) + 0.05)
    }

    #[test]
    fn palette_contrast_is_aa() {
        assert!(contrast(LIGHT_FG, LIGHT_BG) >= 4.5);
        assert!(contrast(DARK_FG, DARK_BG) >= 4.5);
        for s in PALETTE {
            let light = contrast(s.light, LIGHT_BG);
            let dark = contrast(s.dark, DARK_BG);
            assert!(light >= 4.5, "{} light {light:.2}", s.selector);
            assert!(dark >= 4.5, "{} dark {dark:.2}", s.selector);
        }
    }

    #[test]
    fn shipped_css_is_current() {
        let path = concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/themes/default/static/highlight.css"
        );
        let shipped = std::fs::read_to_string(path).expect("highlight.css is shipped");
        assert!(
            shipped == highlight_css(),
            "{path} is out of date: write the output of markdown::highlight::highlight_css() to it"
        );
    }

    #[test]
    fn highlights_known_languages_with_classes() {
        let mut out = String::new();
        code_block_html(
            &mut out,
            "rust,ignore",
            "fn main() { let x = \"hi\"; } // c\n",
        );
        assert!(
            out.starts_with("<pre class=\"code\" tabindex=\"0\"><code class=\"language-rust\">")
        );
        for class in ["hl-keyword", "hl-string", "hl-comment", "hl-storage"] {
            assert!(out.contains(class), "{class} missing in {out}");
        }
        assert!(out.ends_with("</code></pre>\n"));
    }

    #[test]
    fn unknown_and_plain_languages_are_escaped() {
        for info in ["", "text", "no-such-language", "<script>"] {
            let mut out = String::new();
            code_block_html(&mut out, info, "<b> & \"x\"\n");
            assert!(out.contains("&lt;b&gt; &amp; &quot;x&quot;"), "{out}");
            assert!(!out.contains("hl-"), "{out}");
            assert!(!out.contains("<script>"), "{out}");
        }
    }

    #[test]
    fn language_word() {
        assert_eq!(language_of(" python {.wide}"), "python");
        assert_eq!(language_of("rust,ignore"), "rust");
        assert_eq!(language_of(""), "");
    }
}
