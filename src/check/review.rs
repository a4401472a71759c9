//! The clinical review lifecycle: every article names its last review and its reviewer, and
//! is reviewed again before `reviewed` + `review_interval_months`.
//!
//! A review due within `check.due_soon_days` is a warning so editors can plan it; an overdue
//! one is an error by default (`check.overdue: warning` softens it), because patients read
//! the review date as a promise that the advice is current.

use crate::diagnostic::{Diagnostic, Severity, Span};
use crate::site::{Article, ReviewStatus, Site};
use chrono::NaiveDate;
use std::path::PathBuf;

/// `review/*` findings for one article, as of `today`.
pub fn check_review(site: &Site, article: &Article, today: NaiveDate) -> Vec<Diagnostic> {
    let doc = &article.doc;
    let f = &doc.front;
    let mut out = Vec::new();
    let title_line = Span::at(&doc.path, f.line_of("title"), 1);
    if f.reviewed.is_none() {
        out.push(
            Diagnostic::warning(
                "review/missing",
                title_line.clone(),
                "no `reviewed` date: patients cannot tell whether a clinician has checked this article",
            )
            .with_help("after a clinician reviews it, add `reviewed: YYYY-MM-DD` to the front matter"),
        );
    }
    if f.reviewer.is_none() {
        out.push(
            Diagnostic::warning(
                "review/missing",
                title_line,
                "no `reviewer`: the page cannot say who checked the advice",
            )
            .with_help(
                "add the clinician's name and credentials, e.g. `reviewer: Dr. Maya Ortiz, DPT`",
            ),
        );
    }
    let at_reviewed = Span::at(&doc.path, f.line_of("reviewed"), 1);
    if let Some(reviewed) = f.reviewed {
        if reviewed > today {
            out.push(
                Diagnostic::warning(
                    "review/future-date",
                    at_reviewed.clone(),
                    format!("`reviewed: {reviewed}` is in the future"),
                )
                .with_help("use the date the clinical review actually took place"),
            );
        }
    }
    out.extend(deadline(site, article, at_reviewed));
    out
}

/// `review/overdue` or `review/due-soon`, at the `reviewed` line, when the next review is
/// past or near.
fn deadline(site: &Site, article: &Article, at_reviewed: Span) -> Option<Diagnostic> {
    let (Some(next), Some(days)) = (article.review.next, article.review.days_left) else {
        return None;
    };
    let days = crate::diagnostic::plural(days.unsigned_abs() as usize, "day");
    match article.review.status {
        ReviewStatus::Overdue => {
            let msg =
                format!("clinical review overdue: the next review was due on {next} ({days} ago)");
            let help = format!(
                "have a clinician review the article, then update `reviewed:`; reviews are due every {} months (`review_interval_months`)",
                site.config.review_interval_months
            );
            let d = match site.config.check.overdue {
                Severity::Error => Diagnostic::error("review/overdue", at_reviewed, msg),
                Severity::Warning => Diagnostic::warning("review/overdue", at_reviewed, msg),
            };
            Some(d.with_help(help))
        }
        ReviewStatus::DueSoon => Some(
            Diagnostic::warning(
                "review/due-soon",
                at_reviewed,
                format!("clinical review due soon: on {next} (in {days})"),
            )
            .with_help("book the review with a clinician now, then update `reviewed:`"),
        ),
        _ => None,
    }
}

/// One line of `handout check --due`.
#[derive(Debug, Clone)]
pub struct DueEntry {
    /// When the next review is due (none if never reviewed).
    pub next_review: Option<NaiveDate>,
    /// Days from today (negative when overdue).
    pub days_left: Option<i64>,
    /// The last review.
    pub reviewed: Option<NaiveDate>,
    /// Who did it.
    pub reviewer: Option<String>,
    /// Source file relative to the site root.
    pub path: PathBuf,
    /// Title.
    pub title: String,
}

/// Every article by next review date, soonest first; never-reviewed articles come first of
/// all, since they are the most urgent.
pub fn due_list(site: &Site) -> Vec<DueEntry> {
    let mut list: Vec<DueEntry> = site
        .articles
        .iter()
        .map(|a| DueEntry {
            next_review: a.review.next,
            days_left: a.review.days_left,
            reviewed: a.doc.front.reviewed,
            reviewer: a.doc.front.reviewer.clone(),
            path: a.doc.path.clone(),
            title: a.title().to_string(),
        })
        .collect();
    list.sort_by(|a, b| {
        let key = |e: &DueEntry| (e.next_review.is_some(), e.next_review);
        key(a).cmp(&key(b)).then_with(|| a.path.cmp(&b.path))
    });
    list
}
