//! Tera errors as diagnostics: the template file, line and column, what is wrong, and a hint.
//!
//! Tera 2 reports most errors with a span in a named template. Two kinds arrive as plain text
//! instead: the checks Tera runs once all templates are loaded (unknown filter, component or
//! block, as rendered reports), and the component recursion limit, which carries no location
//! at all; this module finds the recursive call in the template sources itself.

use super::theme::TemplateFile;
use crate::diagnostic::{Diagnostic, Span};
use std::path::PathBuf;
use tera::{ErrorKind, ReportError};

/// What Tera 2 says when components nest deeper than it allows.
const RECURSION_LIMIT: &str = "Maximum render recursion depth for components exceeded";

/// The compiled templates by name, in load order, with the file each came from.
#[derive(Debug, Default, Clone)]
pub struct Templates {
    pub(super) list: Vec<(String, TemplateFile)>,
}

impl Templates {
    /// The template called `name`.
    pub fn get(&self, name: &str) -> Option<&TemplateFile> {
        self.list.iter().find(|(n, _)| n == name).map(|(_, t)| t)
    }

    /// Whether there is a template called `name`.
    pub fn contains(&self, name: &str) -> bool {
        self.get(name).is_some()
    }

    /// Every template, by name.
    pub fn iter(&self) -> impl Iterator<Item = (&String, &TemplateFile)> {
        self.list.iter().map(|(n, t)| (n, t))
    }

    /// The file shown for template `name`.
    fn origin(&self, name: &str) -> PathBuf {
        self.get(name)
            .map(|t| t.origin.clone())
            .unwrap_or_else(|| PathBuf::from("templates").join(name))
    }
}

/// A syntax error at its place in the template.
pub(super) fn syntax_error(templates: &Templates, report: &ReportError) -> Diagnostic {
    located(
        templates,
        report.filename(),
        report.span(),
        report.message(),
    )
}

/// The first diagnostic for a Tera error met while loading or rendering template `name`.
pub(super) fn template_error(templates: &Templates, name: &str, e: &tera::Error) -> Diagnostic {
    let mut all = all(templates, name, e);
    all.truncate(1);
    all.pop()
        .unwrap_or_else(|| at_file(templates, name, &e.to_string()))
}

/// Every diagnostic a Tera error holds (a failed load can list several templates).
pub(super) fn all(templates: &Templates, name: &str, e: &tera::Error) -> Vec<Diagnostic> {
    match e.kind() {
        ErrorKind::SyntaxError(r) | ErrorKind::RenderingError(r) => {
            vec![located(templates, r.filename(), r.span(), r.message())]
        }
        ErrorKind::Msg(m) if m.contains(RECURSION_LIMIT) => {
            vec![super::recursion::locate(templates)
                .unwrap_or_else(|| at_file(templates, name, m).with_help(recursion_help()))]
        }
        ErrorKind::Msg(m) if m.contains(" --> ") => reports(templates, m),
        ErrorKind::CircularExtend { tpl, .. } | ErrorKind::MissingParent { current: tpl, .. } => {
            vec![at_extends(templates, tpl, &e.to_string())]
        }
        _ => vec![at_file(templates, name, &e.to_string())],
    }
}

/// The hint for a component that never stops calling itself.
pub(super) fn recursion_help() -> String {
    "a component that calls itself needs a condition that ends it (Tera stops at 20 nested \
     components); check the `{% if %}` around the call"
        .to_string()
}

/// A diagnostic at line `span` of template `name`, with a hint that fits the message.
fn located(templates: &Templates, name: &str, span: &tera::Span, message: &str) -> Diagnostic {
    let path = templates.origin(name);
    let line = span.start_line.max(1);
    // Tera counts columns from 0; editors and every other handout message count from 1.
    let mut column = span.start_col + 1;
    let mut message = tidy(message);
    let mut help = hint(&message);
    if message == "Unknown tag" {
        let text = templates.get(name).map(|t| t.text.as_str()).unwrap_or("");
        if let Some((tag_column, word)) = tag_at(text, line, span.start_col) {
            column = tag_column;
            message = format!("unexpected tag `{word}`");
            help = if word.starts_with("end") {
                "a tag above it is still open: close each `{% if %}`, `{% for %}` and \
                 `{% block %}` with its own `{% end… %}`"
                    .to_string()
            } else {
                hint("macro")
            };
        }
    }
    Diagnostic::error("template/error", Span::at(path, line, column), message).with_help(help)
}

/// For a tag word at 0-based `col` of `line`: the 1-based column of its `{%` and the word.
fn tag_at(text: &str, line: usize, col: usize) -> Option<(usize, String)> {
    let line = text.lines().nth(line - 1)?;
    let chars: Vec<char> = line.chars().collect();
    let word: String = chars
        .get(col..)?
        .iter()
        .take_while(|c| c.is_alphanumeric() || **c == '_')
        .collect();
    let before: String = chars.get(..col)?.iter().collect();
    let open = before.rfind("{%")?;
    Some((before[..open].chars().count() + 1, word))
}

/// An inheritance problem, reported at the template's `{% extends %}` tag.
fn at_extends(templates: &Templates, name: &str, message: &str) -> Diagnostic {
    let line_col = templates.get(name).and_then(|t| {
        t.text.lines().enumerate().find_map(|(i, l)| {
            let at = l.find("{%")?;
            l[at + 2..]
                .trim_start_matches(['-', ' '])
                .starts_with("extends")
                .then(|| (i + 1, l[..at].chars().count() + 1))
        })
    });
    let span = match line_col {
        Some((line, column)) => Span::at(templates.origin(name), line, column),
        None => Span::file(templates.origin(name)),
    };
    let help = if message.contains("ircular") {
        "templates that extend each other never end: make one of them extend the theme's version instead (`{% extends \"default/page.html\" %}`)"
    } else {
        "extend a template that exists: the theme's names are in themes/default/templates, and `default/NAME.html` names the default theme's own version"
    };
    Diagnostic::error("template/error", span, tidy(message)).with_help(help)
}

fn at_file(templates: &Templates, name: &str, message: &str) -> Diagnostic {
    Diagnostic::error(
        "template/error",
        Span::file(templates.origin(name)),
        tidy(message),
    )
    .with_help(hint(message))
}

/// Reads the reports Tera renders as text (`error: …` then ` --> name:line:column`).
fn reports(templates: &Templates, text: &str) -> Vec<Diagnostic> {
    text.split("\n\n")
        .filter_map(|part| {
            let message = part.lines().find_map(|l| l.strip_prefix("error: "))?;
            let place = part.lines().find_map(|l| l.trim().strip_prefix("--> "))?;
            let mut it = place.rsplitn(3, ':');
            let column: usize = it.next()?.parse().ok()?;
            let line: usize = it.next()?.parse().ok()?;
            let name = it.next()?;
            let span = Span::at(templates.origin(name), line, column);
            Some(Diagnostic::error("template/error", span, tidy(message)).with_help(hint(message)))
        })
        .collect()
}

/// One line of text, without Tera's trailing period doubled by our own formatting.
fn tidy(message: &str) -> String {
    let one_line = message.split_whitespace().collect::<Vec<_>>().join(" ");
    one_line.trim_end_matches('.').to_string()
}

/// How to fix what `message` describes.
fn hint(message: &str) -> String {
    let m = message.to_lowercase();
    let text = if m.contains("is not defined") {
        "this page has no such value: the README's Theming section lists what each template \
         receives; test optional values with `{% if x is defined %}` or write `x or \"\"`"
    } else if m.contains("unknown component") {
        "define it with `{% component name(arg) %}…{% endcomponent name %}` in any template \
         (the default theme's are in components.html), or check the name"
    } else if m.contains("unknown filter") || m.contains("unknown function") {
        "check the name against Tera 2's built-in filters and functions (keats.github.io/tera); \
         Tera 1's `filter`, `map`, `concat` and `trim_end_matches` are gone"
    } else if m.contains("unknown tag") || m.contains("macro") {
        "check the tag; Tera 2 replaced `{% macro %}` and `{% import %}` with components \
         (see the README's Theming section)"
    } else if m.contains(&RECURSION_LIMIT.to_lowercase()) {
        return recursion_help();
    } else {
        "fix the template; the Tera 2 documentation describes the syntax (keats.github.io/tera)"
    };
    text.to_string()
}
