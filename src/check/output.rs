//! How `handout check` shows what it found: compiler-style text with a summary table, or one
//! JSON object for CI and other tools.

use super::review::DueEntry;
use super::{ArticleSummary, CheckReport, DueReport};
use crate::diagnostic::{Diagnostic, Diagnostics};
use serde_json::{json, Value};
use std::fmt::Write as _;
use std::path::Path;

/// The text of a site that could not be loaded at all: its findings and a last line.
pub fn failed_load_text(diags: &Diagnostics) -> String {
    let mut s = diagnostics_text(diags);
    let _ = writeln!(
        s,
        "Check stopped: the site could not be loaded ({}).",
        counts(diags)
    );
    s
}

/// The JSON of a site that could not be loaded at all.
pub fn failed_load_json(diags: &Diagnostics) -> Value {
    json!({"articles": [], "diagnostics": diagnostics_json(diags)})
}

/// The `--due` list as JSON.
pub fn due_json(due: &DueReport) -> Value {
    let entries: Vec<Value> = due
        .entries
        .iter()
        .map(|e| {
            json!({
                "path": path_str(&e.path),
                "title": e.title,
                "next_review": e.next_review.map(|d| d.to_string()),
                "days_left": e.days_left,
                "reviewed": e.reviewed.map(|d| d.to_string()),
                "reviewer": e.reviewer,
            })
        })
        .collect();
    json!({
        "today": due.today.to_string(),
        "due": entries,
        "diagnostics": diagnostics_json(&due.diagnostics),
    })
}

/// A site-relative path with `/` separators on every platform.
fn path_str(p: &Path) -> String {
    p.to_string_lossy().replace('\\', "/")
}

/// One finding as `path:line:col: severity[rule]: message` and an indented help block.
pub fn diagnostic_text(d: &Diagnostic) -> String {
    let mut s = format!("{}: {}[{}]: {}", d.span, d.severity, d.rule, d.message);
    if let Some(help) = &d.help {
        let mut lines = help.lines();
        if let Some(first) = lines.next() {
            let _ = write!(s, "\n  help: {first}");
        }
        for l in lines {
            let _ = write!(s, "\n        {l}");
        }
    }
    s
}

fn diagnostics_text(diags: &Diagnostics) -> String {
    let mut s = String::new();
    for d in diags {
        s.push_str(&diagnostic_text(d));
        s.push('\n');
    }
    s
}

fn counts(diags: &Diagnostics) -> String {
    let n = |k: usize, w: &str| match k {
        0 => format!("no {w}s"),
        1 => format!("1 {w}"),
        k => format!("{k} {w}s"),
    };
    format!(
        "{}, {}",
        n(diags.error_count(), "error"),
        n(diags.warning_count(), "warning")
    )
}

/// The findings, the section and summary tables and a last line with the counts.
pub fn report_text(r: &CheckReport) -> String {
    let mut s = diagnostics_text(&r.diagnostics);
    if !r.diagnostics.is_empty() {
        s.push('\n');
    }
    s.push_str(&super::topics::sections_text(&r.articles));
    s.push_str(&summary_table(&r.articles));
    let _ = writeln!(
        s,
        "Checked {} articles and {} pages in {:.2} s: {} (reading grade target {}).",
        r.articles.len(),
        r.pages,
        r.elapsed.as_secs_f64(),
        counts(&r.diagnostics),
        r.target_grade
    );
    s
}

/// The per-article table: words, reading time, grades and the next review.
fn summary_table(articles: &[ArticleSummary]) -> String {
    if articles.is_empty() {
        return String::new();
    }
    let width = articles
        .iter()
        .map(|a| path_str(&a.path).chars().count())
        .max()
        .unwrap_or(7)
        .max(7);
    let mut s = format!(
        "{:<width$}  {:>6}  {:>4}  {:>5}  {:>5}  {:>5}  {:>9}  {}\n",
        "Article", "Words", "Min", "FK", "SMOG", "FRE", "PEMAT U/A", "Review due"
    );
    for a in articles {
        let sc = &a.reading.scores;
        let due = match (a.next_review, a.review_status) {
            (None, _) => "not reviewed".to_string(),
            (Some(d), crate::site::ReviewStatus::Overdue) => format!("{d} (overdue)"),
            (Some(d), crate::site::ReviewStatus::DueSoon) => format!("{d} (due soon)"),
            (Some(d), _) => d.to_string(),
        };
        let _ = writeln!(
            s,
            "{:<width$}  {:>6}  {:>4}  {}  {:>9}  {}",
            path_str(&a.path),
            sc.words,
            a.reading_minutes,
            super::reading_output::text_cells(sc),
            super::plain::pemat_output::short(&a.pemat),
            due
        );
    }
    s
}

/// The `--due` list as a table, after any findings of loading the site.
pub fn due_text(due: &DueReport) -> String {
    let mut s = diagnostics_text(&due.diagnostics);
    if !due.diagnostics.is_empty() {
        s.push('\n');
    }
    let rows: Vec<[String; 5]> = due.entries.iter().map(due_row).collect();
    let head = [
        "Next review",
        "Days left",
        "Reviewed",
        "Reviewer",
        "Article",
    ];
    let mut w = head.map(|h| h.chars().count());
    for r in &rows {
        for (i, c) in r.iter().enumerate() {
            w[i] = w[i].max(c.chars().count());
        }
    }
    let line = |cells: [&str; 5]| {
        format!(
            "{:<a$}  {:>b$}  {:<c$}  {:<d$}  {}\n",
            cells[0],
            cells[1],
            cells[2],
            cells[3],
            cells[4],
            a = w[0],
            b = w[1],
            c = w[2],
            d = w[3]
        )
    };
    s.push_str(&line(head));
    for r in &rows {
        s.push_str(&line([&r[0], &r[1], &r[2], &r[3], &r[4]]));
    }
    let _ = writeln!(
        s,
        "{} articles, soonest review first (as of {}).",
        due.entries.len(),
        due.today
    );
    s
}

/// One article's cells in the `--due` table.
fn due_row(e: &DueEntry) -> [String; 5] {
    let dash = || "-".to_string();
    [
        e.next_review
            .map(|d| d.to_string())
            .unwrap_or_else(|| "never reviewed".into()),
        e.days_left
            .map(|d| {
                if d < 0 {
                    format!("{d} (overdue)")
                } else {
                    d.to_string()
                }
            })
            .unwrap_or_else(dash),
        e.reviewed.map(|d| d.to_string()).unwrap_or_else(dash),
        e.reviewer.clone().unwrap_or_else(dash),
        path_str(&e.path),
    ]
}

/// Adds `fields` to the JSON object `v`.
fn extend(v: &mut Value, fields: serde_json::Map<String, Value>) {
    if let Value::Object(o) = v {
        o.extend(fields);
    }
}

/// Seconds for JSON, rounded to milliseconds.
fn num3(x: f64) -> Value {
    json!((x * 1000.0).round() / 1000.0)
}

/// The findings as JSON objects.
pub fn diagnostics_json(diags: &Diagnostics) -> Vec<Value> {
    diags
        .iter()
        .map(|d| {
            json!({
                "path": path_str(&d.span.path),
                "line": d.span.line,
                "column": d.span.column,
                "severity": d.severity,
                "rule": d.rule,
                "message": d.message,
                "hint": d.help,
            })
        })
        .collect()
}

/// The whole report as one JSON object.
pub fn report_json(r: &CheckReport) -> Value {
    json!({
        "site": {
            "title": r.site_title,
            "reading_grade_target": r.target_grade,
            "reading_ease_target": r.target_ease,
            "today": r.today.to_string(),
            "pages_checked": r.pages,
            "seconds": num3(r.elapsed.as_secs_f64()),
            "timings": r.timings.iter().map(|(k, v)| (k.to_string(), num3(v.as_secs_f64()))).collect::<serde_json::Map<String, Value>>(),
        },
        "summary": {
            "articles": r.articles.len(),
            "errors": r.diagnostics.error_count(),
            "warnings": r.diagnostics.warning_count(),
        },
        "articles": r.articles.iter().map(article_json).collect::<Vec<Value>>(),
        "diagnostics": diagnostics_json(&r.diagnostics),
    })
}

/// One article's scores, review dates, topic pages and sections.
fn article_json(a: &ArticleSummary) -> Value {
    let s = &a.reading.scores;
    let topics: Vec<Value> = a
        .reading
        .topics
        .iter()
        .map(|t| {
            let mut v = json!({
                "topic": t.kind.key(),
                "url": t.path,
                "words": t.scores.words,
                "sentences": t.scores.sentences,
            });
            extend(&mut v, super::reading_output::json_fields(&t.scores));
            v
        })
        .collect();
    let hardest: Vec<Value> = a
        .reading
        .hardest
        .iter()
        .map(|h| {
            let (key, score) = super::reading_output::hard_sentence_score(s.language, h);
            json!({
                "text": h.text,
                "line": h.line,
                "words": h.words,
                "long_words": h.long_words,
                key: score,
                "reason": h.reason,
            })
        })
        .collect();
    let mut v = json!({
        "path": path_str(&a.path),
        "url": a.url,
        "title": a.title,
        "words": s.words,
        "sentences": s.sentences,
        "syllables": s.syllables,
        "polysyllables": s.polysyllables,
        "characters": s.characters,
        "reading_minutes": a.reading_minutes,
        "reviewed": a.reviewed.map(|d| d.to_string()),
        "reviewer": a.reviewer,
        "next_review": a.next_review.map(|d| d.to_string()),
        "days_left": a.days_left,
        "review_status": a.review_status,
        "topics": topics,
        "sections": super::topics::sections_json(&a.sections),
        "hardest_sentences": hardest,
        "pemat": super::plain::pemat_output::json(&a.pemat),
    });
    extend(&mut v, super::reading_output::json_fields(s));
    v
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::Span;

    #[test]
    fn prints_rule_and_indented_help() {
        let d =
            Diagnostic::warning("a11y/x", Span::at("a.md", 3, 2), "bad").with_help("first\nsecond");
        assert_eq!(
            diagnostic_text(&d),
            "a.md:3:2: warning[a11y/x]: bad\n  help: first\n        second"
        );
    }
}
