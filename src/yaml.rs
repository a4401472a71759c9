//! YAML with locations: parsing `site.yaml` and front matter so every problem names its line.
//!
//! serde_yaml reports type errors with a position inside the YAML text; front matter starts a
//! few lines into its file, so positions are shifted by the caller's `first_line`. Unknown keys
//! are found by walking the parsed mapping against the list of known keys (so all of them are
//! reported, not just the first), and their lines are found by scanning the text, because
//! `serde_yaml::Value` keeps no positions.

use crate::diagnostic::{did_you_mean, Diagnostic, Severity, Span};
use serde::de::DeserializeOwned;
use serde_yaml::Value;
use std::path::Path;

/// The known keys of one YAML mapping, and of the mappings nested under some of them.
pub(crate) struct Schema {
    /// Keys allowed at this level.
    pub(crate) keys: &'static [&'static str],
    /// Nested mappings (key, schema of its value); a list of mappings uses the item schema.
    pub(crate) nested: Vec<(&'static str, Schema)>,
}

impl Schema {
    /// The keys of a serde struct, read from its `Deserialize` implementation, so the list of
    /// known keys can never drift from the fields that are really read.
    pub(crate) fn of<T: serde::Deserialize<'static>>() -> Schema {
        Schema {
            keys: serde_aux::serde_introspection::serde_introspect::<T>(),
            nested: Vec::new(),
        }
    }

    /// Keys that are not struct fields (the keys of a map with a fixed set of names).
    pub(crate) fn keys(keys: &'static [&'static str]) -> Schema {
        Schema {
            keys,
            nested: Vec::new(),
        }
    }

    /// Adds the schema of the value under `key`.
    pub(crate) fn with(mut self, key: &'static str, inner: Schema) -> Schema {
        self.nested.push((key, inner));
        self
    }
}

/// Parses `text` (YAML starting at line `first_line` of `path`) into `T`.
///
/// Errors carry the file position of the problem.
pub(crate) fn parse<T: DeserializeOwned>(
    text: &str,
    path: &Path,
    first_line: usize,
) -> Result<(T, Value), Diagnostic> {
    let value: Value = if text.trim().is_empty() {
        Value::Mapping(Default::default())
    } else {
        serde_yaml::from_str(text).map_err(|e| yaml_error(&e, path, first_line))?
    };
    if !value.is_mapping() && !value.is_null() {
        return Err(Diagnostic::error(
            "yaml/not-a-mapping",
            Span::at(path, first_line, 1),
            "expected `key: value` lines",
        )
        .with_help("each setting goes on its own line as `name: value`"));
    }
    let value = if value.is_null() {
        Value::Mapping(Default::default())
    } else {
        value
    };
    // Deserialising the parsed value is cheap; when it fails, deserialising the text again
    // keeps serde_yaml's position of a type error (and its more lenient reading of scalars,
    // such as `title: 2024` for a string).
    let typed: Result<T, _> = if value.as_mapping().is_some_and(|m| m.is_empty()) {
        serde_yaml::from_value(value.clone())
    } else {
        T::deserialize(&value).or_else(|_| serde_yaml::from_str(text))
    };
    let typed = typed.map_err(|e| yaml_error_at_key(&e, text, path, first_line))?;
    Ok((typed, value))
}

/// Turns a serde_yaml syntax error into a located diagnostic.
fn yaml_error(e: &serde_yaml::Error, path: &Path, first_line: usize) -> Diagnostic {
    let span = match e.location() {
        Some(loc) => Span::at(path, first_line + loc.line() - 1, loc.column()),
        None => Span::at(path, first_line, 1),
    };
    let message = clean_message(&e.to_string());
    Diagnostic::error("yaml/syntax", span, format!("invalid YAML: {message}")).with_help(
        "check the indentation and that text containing `: ` or starting with a quote is wrapped in quotes",
    )
}

/// A type error found after parsing: serde_yaml has no position then, so the key it names is
/// looked up in the text.
fn yaml_error_at_key(
    e: &serde_yaml::Error,
    text: &str,
    path: &Path,
    first_line: usize,
) -> Diagnostic {
    let message = clean_message(&e.to_string());
    let key_path_known = message
        .split_once(": ")
        .is_some_and(|(k, _)| !k.contains(' '));
    if let (Some(loc), false) = (e.location(), key_path_known) {
        return Diagnostic::error(
            "yaml/type",
            Span::at(path, first_line + loc.line() - 1, loc.column()),
            message,
        )
        .with_help("see the README's content format for what each key takes");
    }
    // Messages look like "clinic.phone: invalid type: ..." when serde_yaml knows the key path.
    let (key_path, rest) = match message.split_once(": ") {
        Some((k, r)) if !k.contains(' ') => (Some(k.to_string()), r.to_string()),
        _ => (None, message.clone()),
    };
    let span = key_path
        .as_deref()
        .and_then(|k| {
            let parts: Vec<&str> = k
                .split('.')
                .map(|p| p.split('[').next().unwrap_or(p))
                .collect();
            find_key(text, &parts)
        })
        .map(|(l, c)| Span::at(path, first_line + l - 1, c))
        .unwrap_or_else(|| Span::at(path, first_line, 1));
    let what = key_path.map(|k| format!("`{k}`: ")).unwrap_or_default();
    Diagnostic::error("yaml/type", span, format!("{what}{rest}"))
        .with_help("see the README's content format for what each key takes")
}

fn clean_message(m: &str) -> String {
    // serde_yaml appends " at line L column C"; the span already says that.
    match m.find(" at line ") {
        Some(i) => m[..i].to_string(),
        None => m.to_string(),
    }
}

/// Reports keys of `value` that `schema` does not know, with the closest known key.
pub(crate) fn unknown_keys(
    value: &Value,
    schema: &Schema,
    text: &str,
    path: &Path,
    first_line: usize,
    severity: Severity,
    rule: &'static str,
) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    walk(
        value,
        schema,
        &mut Vec::new(),
        &mut |key_path: &[String], key: &str, known: &[&str]| {
            let parts: Vec<&str> = key_path.iter().map(String::as_str).collect();
            let (line, col) = find_key(text, &parts).unwrap_or((1, 1));
            let span = Span::at(path, first_line + line - 1, col);
            let shown = key_path.join(".");
            let mut d = Diagnostic {
                severity,
                span,
                rule,
                message: format!("unknown key `{shown}`"),
                help: None,
            };
            d.help = Some(match did_you_mean(key, known) {
                Some(k) => format!("did you mean `{k}`?"),
                None => format!("known keys here: {}", known.join(", ")),
            });
            out.push(d);
        },
    );
    out
}

/// Called with (key path, the unknown key, the keys known at that level).
type Report<'a> = dyn FnMut(&[String], &str, &[&str]) + 'a;

fn walk(value: &Value, schema: &Schema, prefix: &mut Vec<String>, report: &mut Report<'_>) {
    match value {
        Value::Mapping(map) => {
            for (k, v) in map {
                let key = match k {
                    Value::String(s) => s.clone(),
                    other => serde_yaml::to_string(other)
                        .unwrap_or_default()
                        .trim()
                        .to_string(),
                };
                prefix.push(key.clone());
                if !schema.keys.contains(&key.as_str()) {
                    report(prefix, &key, schema.keys);
                } else if let Some((_, inner)) =
                    schema.nested.iter().find(|(n, _)| *n == key.as_str())
                {
                    walk(v, inner, prefix, report);
                }
                prefix.pop();
            }
        }
        Value::Sequence(items) => {
            for item in items {
                walk(item, schema, prefix, report);
            }
        }
        _ => {}
    }
}

/// The 1-based line of each of `keys` at the top level of YAML text, as [`find_key`] finds a
/// one-key path, in one pass over the text.
pub(crate) fn find_top_keys(text: &str, keys: &[&str]) -> Vec<Option<usize>> {
    let mut found = vec![None; keys.len()];
    let indent_of = |line: &str| line.len() - line.trim_start_matches([' ', '-']).len();
    let is_content = |line: &str| {
        let t = line.trim();
        !t.is_empty() && !t.starts_with('#')
    };
    let Some(level) = text.lines().find(|l| is_content(l)).map(indent_of) else {
        return found;
    };
    for (i, line) in text.lines().enumerate() {
        if !is_content(line) || indent_of(line) != level {
            continue;
        }
        let trimmed = &line[level..];
        let unquoted = trimmed.trim_start_matches(['"', '\'']);
        for (key, slot) in keys.iter().zip(found.iter_mut()) {
            if slot.is_none()
                && unquoted
                    .strip_prefix(key)
                    .is_some_and(|rest| rest.trim_start_matches(['"', '\'']).starts_with(':'))
            {
                *slot = Some(i + 1);
            }
        }
    }
    found
}

/// Finds the 1-based (line, column) of a key path such as `["clinic", "phone"]` in YAML text.
///
/// Each step looks for `key:` on a line after the previous step's line, indented deeper than it.
/// Good enough for the block style people write by hand; flow style falls back to the parent.
/// The line and column of the first `key: value` line holding `value` (for list items that
/// share a key, such as the `url` of each footer link).
pub(crate) fn find_value(text: &str, key: &str, value: &str) -> Option<(usize, usize)> {
    text.lines().enumerate().find_map(|(i, line)| {
        let t = line.trim_start_matches([' ', '-']);
        let rest = t.strip_prefix(key)?.trim_start().strip_prefix(':')?;
        rest.contains(value.trim())
            .then(|| (i + 1, line.len() - t.len() + 1))
    })
}

pub(crate) fn find_key(text: &str, key_path: &[&str]) -> Option<(usize, usize)> {
    let lines: Vec<&str> = text.lines().collect();
    // A list item's keys line up with the key after its dash, so `-` counts as indentation.
    let indent_of = |line: &str| line.len() - line.trim_start_matches([' ', '-']).len();
    let is_content = |line: &str| {
        let t = line.trim();
        !t.is_empty() && !t.starts_with('#')
    };
    let mut from = 0usize;
    let mut parent_indent: Option<usize> = None;
    let mut found = None;
    for key in key_path {
        // The keys of this level are indented like its first line; deeper lines belong to
        // their values, so `phon` nested under `clinic` is not the top-level `phon`.
        let Some(level) = lines[from..]
            .iter()
            .find(|l| is_content(l))
            .map(|l| indent_of(l))
        else {
            return found;
        };
        if parent_indent.is_some_and(|p| level <= p) {
            return found;
        }
        let mut hit = None;
        for (i, line) in lines.iter().enumerate().skip(from) {
            if !is_content(line) {
                continue;
            }
            let indent = indent_of(line);
            if parent_indent.is_some_and(|p| indent <= p) {
                break;
            }
            if indent != level {
                continue;
            }
            let trimmed = &line[indent..];
            let unquoted = trimmed.trim_start_matches(['"', '\'']);
            if let Some(rest) = unquoted.strip_prefix(key) {
                let rest = rest.trim_start_matches(['"', '\'']);
                if rest.starts_with(':') {
                    hit = Some((i, indent + (trimmed.len() - unquoted.len())));
                    break;
                }
            }
        }
        match hit {
            Some((i, col)) => {
                found = Some((i + 1, col + 1));
                from = i + 1;
                parent_indent = Some(indent_of(lines[i]));
            }
            None => return found,
        }
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn top_keys_in_one_pass_match_find_key() {
        let text = "# comment\ntitle: A\nimage_alt: x\n\"image\": y.jpg\nreferences:\n  - title: nested\n    url: u\ntags: [a]\ntitle: again\n";
        let keys = ["title", "image", "image_alt", "url", "tags", "slug"];
        let one_pass = find_top_keys(text, &keys);
        let each: Vec<Option<usize>> = keys
            .iter()
            .map(|k| find_key(text, &[k]).map(|(l, _)| l))
            .collect();
        assert_eq!(one_pass, each);
        assert_eq!(
            one_pass,
            vec![Some(2), Some(4), Some(3), None, Some(8), None]
        );
    }

    #[test]
    fn finds_nested_keys() {
        let text = "title: x\nclinic:\n  name: a\n  phon: b\nphon: top\n";
        assert_eq!(find_key(text, &["title"]), Some((1, 1)));
        assert_eq!(find_key(text, &["clinic", "phon"]), Some((4, 3)));
        assert_eq!(find_key(text, &["phon"]), Some((5, 1)));
    }

    #[test]
    fn finds_keys_in_lists() {
        let text = "references:\n  - title: a\n    urll: b\n";
        assert_eq!(find_key(text, &["references", "urll"]), Some((3, 5)));
    }
}
