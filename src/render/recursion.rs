//! Finding the component call that makes rendering recurse without end.
//!
//! Tera 2 stops a render after 20 nested components, but its error names no template and no
//! line. This module reads the component definitions in the template sources, finds a
//! component that reaches itself through its calls, and points at the call that starts the
//! loop, so the message can say where to look.

use super::template_errors::{recursion_help, Templates};
use crate::diagnostic::{Diagnostic, LineIndex, Span};
use std::collections::HashMap;

/// A call from inside one component's body to another component.
struct Call<'a> {
    callee: &'a str,
    template: &'a str,
    offset: usize,
}

/// The diagnostic for the first component (in load order) that reaches itself again.
pub(super) fn locate(templates: &Templates) -> Option<Diagnostic> {
    let graph = calls(templates);
    let mut names: Vec<&str> = graph.iter().map(|(n, _)| *n).collect();
    names.dedup();
    for start in names {
        let Some(path) = cycle_from(&graph, start) else {
            continue;
        };
        let first = path.first()?;
        let t = templates.get(first.template)?;
        let (line, column) = LineIndex::new(&t.text).locate(&t.text, first.offset);
        let mut chain = vec![start];
        chain.extend(path.iter().map(|c| c.callee));
        let message = if chain.len() == 2 {
            format!("component `{start}` calls itself without end")
        } else {
            format!(
                "component `{start}` calls itself without end ({})",
                chain.join(" -> ")
            )
        };
        return Some(
            Diagnostic::error(
                "template/recursion",
                Span::at(&t.origin, line, column),
                message,
            )
            .with_help(recursion_help()),
        );
    }
    None
}

/// The calls from `start` that lead back to it, shortest first found, if any.
fn cycle_from<'a>(graph: &'a [(&'a str, Call<'a>)], start: &'a str) -> Option<Vec<&'a Call<'a>>> {
    // Breadth-first over components, remembering the call that reached each one.
    let mut reached: HashMap<&str, &Call<'a>> = HashMap::new();
    let mut queue: std::collections::VecDeque<&str> = [start].into();
    while let Some(at) = queue.pop_front() {
        for (_, call) in graph.iter().filter(|(from, _)| *from == at) {
            if call.callee == start {
                let mut path = vec![call];
                let mut back = at;
                while back != start {
                    let c = reached.get(back)?;
                    path.push(c);
                    back = graph
                        .iter()
                        .find(|(_, x)| std::ptr::eq(x, *c))
                        .map(|(from, _)| *from)?;
                }
                path.reverse();
                return Some(path);
            }
            if !reached.contains_key(call.callee) {
                reached.insert(call.callee, call);
                queue.push_back(call.callee);
            }
        }
    }
    None
}

/// Every (component, call in its body), over the templates that would be used: a plain
/// template name shadows the themes' copies, so namespaced templates come last and only add
/// components the plain ones do not define.
fn calls(templates: &Templates) -> Vec<(&str, Call<'_>)> {
    let mut defs: Vec<(&str, &str, usize, usize)> = Vec::new();
    let (plain, themed): (Vec<_>, Vec<_>) = templates.iter().partition(|(n, _)| !n.contains('/'));
    for (name, t) in plain.into_iter().chain(themed) {
        for (component, start, end) in definitions(&t.text) {
            if !defs.iter().any(|d| d.0 == component) {
                defs.push((component, name, start, end));
            }
        }
    }
    let known: Vec<&str> = defs.iter().map(|d| d.0).collect();
    let mut out = Vec::new();
    for &(component, template, start, end) in &defs {
        let Some(t) = templates.get(template) else {
            continue;
        };
        let body = &t.text[start..end];
        for (offset, callee) in call_sites(body, &known) {
            out.push((
                component,
                Call {
                    callee,
                    template,
                    offset: start + offset,
                },
            ));
        }
    }
    out
}

/// The components a template defines: name and the byte range of the body.
fn definitions(text: &str) -> Vec<(&str, usize, usize)> {
    let mut out = Vec::new();
    let mut from = 0;
    while let Some((tag_end, inner)) = next_tag(text, from) {
        from = tag_end;
        let Some(rest) = inner.strip_prefix("component") else {
            continue;
        };
        let name = component_name(rest.trim_start());
        if name.is_empty() || !rest.starts_with(char::is_whitespace) {
            continue;
        }
        let mut end = text.len();
        let mut scan = tag_end;
        while let Some((next_end, inner)) = next_tag(text, scan) {
            if inner.starts_with("endcomponent") {
                end = text[..next_end].rfind("{%").unwrap_or(next_end);
                break;
            }
            scan = next_end;
        }
        out.push((name, tag_end, end));
        from = end;
    }
    out
}

/// The next `{% … %}` tag at or after `from`: where it ends, and its trimmed inside.
fn next_tag(text: &str, from: usize) -> Option<(usize, &str)> {
    let open = from + text.get(from..)?.find("{%")?;
    let close = open + text[open..].find("%}")?;
    let inner = text[open + 2..close].trim_matches('-').trim();
    Some((close + 2, inner))
}

/// The name a component tag starts with (letters, digits, `_` and `.`).
fn component_name(s: &str) -> &str {
    let end = s
        .find(|c: char| !(c.is_alphanumeric() || c == '_' || c == '.'))
        .unwrap_or(s.len());
    &s[..end]
}

/// Calls of known components in `body`: `{{<name …/>}}` or `{% <name …> %}`.
fn call_sites<'k>(body: &str, known: &[&'k str]) -> Vec<(usize, &'k str)> {
    let mut out = Vec::new();
    for (i, _) in body.match_indices('<') {
        let before = body[..i].trim_end().trim_end_matches('-');
        if !(before.ends_with("{{") || before.ends_with("{%")) {
            continue;
        }
        let name = component_name(&body[i + 1..]);
        if let Some(k) = known.iter().find(|k| **k == name) {
            out.push((i + 1, *k));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::render::theme::TemplateFile;

    fn templates(files: &[(&str, &str)]) -> Templates {
        Templates {
            list: files
                .iter()
                .map(|(n, t)| {
                    let f = TemplateFile {
                        name: n.to_string(),
                        text: t.to_string(),
                        origin: format!("templates/{n}").into(),
                    };
                    (n.to_string(), f)
                })
                .collect(),
        }
    }

    #[test]
    fn a_loop_through_two_components_is_found_at_its_first_call() {
        let t = templates(&[(
            "parts.html",
            "{% component a(n: integer) %}\n<p>{{<b n={n} />}}</p>\n{% endcomponent a %}\n\
             {% component b(n: integer) %}{{<a n={n} />}}{% endcomponent b %}",
        )]);
        let d = locate(&t).expect("a loop");
        assert_eq!(d.span, Span::at("templates/parts.html", 2, 7));
        assert!(d.message.contains("a -> b -> a"), "{}", d.message);
    }

    #[test]
    fn components_that_do_not_loop_are_not_blamed() {
        let t = templates(&[(
            "parts.html",
            "{% component a() %}{{<b />}}{% endcomponent a %}{% component b() %}b{% endcomponent b %}",
        )]);
        assert!(locate(&t).is_none());
    }
}
