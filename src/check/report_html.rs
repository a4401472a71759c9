//! `--report FILE`: a content inventory for the clinic's content lead, as one HTML file.
//!
//! Every article is a row with its reading grade, length, reviewer, review dates and open
//! issues. The file is self-contained (inline styles, no fonts, images or scripts from
//! elsewhere) so it can be mailed or opened offline. A few lines of inline script make the
//! columns sortable; without script the table still reads well, sorted by next review date.

use super::reading_level::Targets;
use super::{ArticleSummary, CheckReport};
use crate::diagnostic::{plural, Diagnostic, Severity};
use std::collections::HashMap;
use std::fmt::Write as _;
use std::path::Path;

const STYLE: &str = "
body{font:16px/1.5 system-ui,sans-serif;margin:2rem;color:#1a1a1a;background:#fff}
h1{font-size:1.6rem;margin:0 0 .25rem}
p.meta{color:#444;margin:0 0 1rem}
table{border-collapse:collapse;width:100%}
caption{text-align:left;font-weight:600;padding:.5rem 0}
th,td{border-bottom:1px solid #ccc;padding:.4rem .5rem;text-align:left;vertical-align:top}
th{background:#f2f2f2;position:sticky;top:0}
th button{font:inherit;font-weight:600;background:none;border:0;padding:0;cursor:pointer;text-align:left}
th button::after{content:' \\2195';color:#666}
td.num{text-align:right;font-variant-numeric:tabular-nums}
.over,.overdue,.error{color:#a00000;font-weight:600}
.soon,.warning{color:#7a4b00}
.path{color:#555;font-size:.85rem;display:block}
ul.issues,ul.sections{margin:.25rem 0 0;padding-left:1.1rem;font-size:.9rem}
.sections .kind{font-weight:600}
.sections .cue{color:#555;display:block}
.summary span{display:inline-block;margin-right:1.5rem}
@media print{th{position:static}details{display:block}}
";

const SCRIPT: &str = "
document.querySelectorAll('th[data-col]').forEach(function(th){
  var b=document.createElement('button');b.type='button';b.textContent=th.textContent;
  th.textContent='';th.appendChild(b);
  b.addEventListener('click',function(){
    var table=th.closest('table'),body=table.tBodies[0],col=+th.dataset.col;
    var asc=th.getAttribute('aria-sort')!=='ascending';
    table.querySelectorAll('th').forEach(function(h){h.removeAttribute('aria-sort')});
    th.setAttribute('aria-sort',asc?'ascending':'descending');
    var rows=Array.prototype.slice.call(body.rows);
    rows.sort(function(x,y){
      var a=x.cells[col].dataset.sort||x.cells[col].textContent,c=y.cells[col].dataset.sort||y.cells[col].textContent;
      var na=parseFloat(a),nc=parseFloat(c),r=(!isNaN(na)&&!isNaN(nc))?na-nc:a.localeCompare(c);
      return asc?r:-r;});
    rows.forEach(function(r){body.appendChild(r)});
  });
});
";

/// Escapes text for HTML content and attribute values.
fn esc(s: &str) -> String {
    crate::markdown::escape_html(s)
}

/// The class and text of an article's "review due" cell, from the status the site model
/// decided (so the report and the terminal agree on `check.due_soon_days`).
fn due_cell(a: &super::ArticleSummary) -> (&'static str, String) {
    use crate::site::ReviewStatus;
    match (a.next_review, a.days_left, a.review_status) {
        (Some(d), _, ReviewStatus::Overdue) => (" overdue", format!("{d} (overdue)")),
        (Some(d), Some(left), ReviewStatus::DueSoon) => (
            " soon",
            format!(
                "{d} (in {})",
                crate::diagnostic::plural(left.unsigned_abs() as usize, "day")
            ),
        ),
        (Some(d), _, _) => ("", d.to_string()),
        (None, _, _) => (" overdue", "not reviewed".to_string()),
    }
}

/// The inventory as a complete HTML document.
pub fn render(r: &CheckReport) -> String {
    let mut by_file: HashMap<&Path, Vec<&Diagnostic>> = HashMap::new();
    for d in &r.diagnostics {
        by_file.entry(d.span.path.as_path()).or_default().push(d);
    }
    let mut rows: Vec<&ArticleSummary> = r.articles.iter().collect();
    // Without script the table cannot be re-sorted, so start with what needs action first.
    rows.sort_by_key(|a| (a.next_review.is_some(), a.next_review));
    let mut s = head(r);
    s.push_str("<table>\n<caption>Articles, soonest review first. Select a column heading to sort.</caption>\n<thead><tr>");
    let heads = [
        "Article",
        "Grade (FK)",
        "SMOG",
        "Reading ease",
        "PEMAT",
        "Words",
        "Minutes",
        "Reviewer",
        "Reviewed",
        "Next review",
        "Sections (kind, heading, cue)",
        "Open issues",
    ];
    for (i, h) in heads.iter().enumerate() {
        let _ = write!(s, "<th scope=\"col\" data-col=\"{i}\">{h}</th>");
    }
    s.push_str("</tr></thead>\n<tbody>\n");
    for a in rows {
        let issues = by_file
            .get(a.path.as_path())
            .map(Vec::as_slice)
            .unwrap_or(&[]);
        article_row(&mut s, a, issues, &targets(r));
    }
    s.push_str("</tbody>\n</table>\n");
    let article_paths: Vec<&Path> = r.articles.iter().map(|a| a.path.as_path()).collect();
    let others: Vec<&Diagnostic> = r
        .diagnostics
        .iter()
        .filter(|d| !article_paths.contains(&d.span.path.as_path()))
        .collect();
    if !others.is_empty() {
        s.push_str("<h2>Other issues</h2>\n<p>Settings, pages and the theme.</p>\n");
        issue_list(&mut s, &others);
    }
    let _ = write!(s, "</main>\n<script>{SCRIPT}</script>\n</body>\n</html>\n");
    s
}

/// The document head, the title and the summary line.
fn head(r: &CheckReport) -> String {
    let over = r
        .articles
        .iter()
        .filter(|a| super::reading_level::above(&a.reading.scores, &targets(r)))
        .count();
    let overdue = r
        .articles
        .iter()
        .filter(|a| a.days_left.is_some_and(|d| d < 0) || a.next_review.is_none())
        .count();
    format!(
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>Content report: {title}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n<main>\n<h1>Content report: {title}</h1>\n<p class=\"meta\">Made by <code>handout check</code> on {today}. Reading grade target: {target}.</p>\n<p class=\"summary\"><span>{n}</span><span>{over} above the grade target</span><span>{overdue} overdue or never reviewed</span><span>{e}</span><span>{w}</span></p>\n",
        title = esc(&r.site_title),
        today = r.today,
        target = r.target_grade,
        n = plural(r.articles.len(), "article"),
        e = plural(r.diagnostics.error_count(), "error"),
        w = plural(r.diagnostics.warning_count(), "warning"),
    )
}

/// One article's row: scores, review dates, sections and open issues.
/// The report's reading targets.
fn targets(r: &CheckReport) -> Targets {
    Targets {
        grade: r.target_grade,
        ease: r.target_ease,
    }
}

fn article_row(s: &mut String, a: &ArticleSummary, issues: &[&Diagnostic], targets: &Targets) {
    let sc = &a.reading.scores;
    let scores = super::reading_output::html_cells(sc, super::reading_level::above(sc, targets));
    let (due_class, due_text) = due_cell(a);
    let _ = write!(
        s,
        "<tr><th scope=\"row\" data-sort=\"{t}\">{t}<span class=\"path\">{p}</span></th>\
{scores}{pemat}\
<td class=\"num\">{words}</td><td class=\"num\">{min}</td><td>{reviewer}</td><td>{reviewed}</td>\
<td class=\"{dc}\" data-sort=\"{due_key}\">{due}</td><td data-sort=\"{topic_count}\">",
        t = esc(&a.title),
        p = esc(&a.path.to_string_lossy()),
        pemat = super::plain::pemat_output::html_cell(&a.pemat, esc),
        words = sc.words,
        min = a.reading_minutes,
        reviewer = esc(a.reviewer.as_deref().unwrap_or("—")),
        reviewed = a
            .reviewed
            .map(|d| d.to_string())
            .unwrap_or_else(|| "—".into()),
        dc = due_class.trim(),
        due_key = a
            .next_review
            .map(|d| d.to_string())
            .unwrap_or_else(|| "0000".into()),
        due = esc(&due_text),
        topic_count = a.sections.iter().filter(|c| c.kind.is_topic()).count(),
    );
    super::topics::sections_html(s, &a.sections, esc);
    let _ = write!(s, "</td><td data-sort=\"{}\">", issues.len());
    issue_list(s, issues);
    s.push_str("</td></tr>\n");
}

fn issue_list(s: &mut String, issues: &[&Diagnostic]) {
    if issues.is_empty() {
        s.push_str("None");
        return;
    }
    let _ = write!(s, "{} <ul class=\"issues\">", issues.len());
    for d in issues {
        let class = match d.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        let line = d
            .span
            .line
            .map(|l| format!("line {l}: "))
            .unwrap_or_default();
        let _ = write!(
            s,
            "<li><span class=\"{class}\">{class}</span> <code>{rule}</code> {line}{msg}</li>",
            rule = esc(d.rule),
            msg = esc(&d.message),
        );
    }
    s.push_str("</ul>");
}
