//! Where each article stands in its clinical review cycle, decided once for the page, the
//! terminal, the JSON output and the HTML report.
//!
//! The next review is due `review_interval_months` after `reviewed`; within
//! `check.due_soon_days` of it the review is due soon, after it overdue. "Today" is an input
//! (the build's date, or `handout check --today`), so every consumer of one run agrees and
//! tests can fix the date.

use chrono::{Months, NaiveDate};
use serde::Serialize;

/// Where an article stands in its review cycle.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum ReviewStatus {
    /// Reviewed and not yet due.
    Current,
    /// Due within the check's warning window.
    DueSoon,
    /// Past its next review date.
    Overdue,
    /// Never clinically reviewed.
    Unreviewed,
}

/// An article's review dates and status as of one day.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Review {
    /// When the next clinical review is due: `reviewed` + the review interval.
    pub next: Option<NaiveDate>,
    /// Days from today to the next review, negative when overdue.
    pub days_left: Option<i64>,
    /// The status those dates give.
    pub status: ReviewStatus,
}

impl Review {
    /// The review state of an article last reviewed on `reviewed`, as of `today`.
    pub fn of(
        reviewed: Option<NaiveDate>,
        interval_months: u32,
        due_soon_days: u32,
        today: NaiveDate,
    ) -> Review {
        let next = reviewed.and_then(|r| r.checked_add_months(Months::new(interval_months)));
        let days_left = next.map(|n| (n - today).num_days());
        let status = match days_left {
            None => ReviewStatus::Unreviewed,
            Some(d) if d < 0 => ReviewStatus::Overdue,
            Some(d) if d <= i64::from(due_soon_days) => ReviewStatus::DueSoon,
            Some(_) => ReviewStatus::Current,
        };
        Review {
            next,
            days_left,
            status,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").expect("date")
    }

    #[test]
    fn statuses_at_the_edges_of_the_window() {
        let today = day("2026-12-01");
        let at = |reviewed: &str, window| Review::of(Some(day(reviewed)), 12, window, today);
        assert_eq!(at("2025-12-01", 30).status, ReviewStatus::DueSoon); // due today
        assert_eq!(at("2025-11-30", 30).status, ReviewStatus::Overdue);
        assert_eq!(at("2026-01-10", 30).status, ReviewStatus::Current); // 40 days left
        assert_eq!(at("2026-01-10", 45).status, ReviewStatus::DueSoon);
        assert_eq!(at("2026-01-10", 45).days_left, Some(40));
        assert_eq!(
            Review::of(None, 12, 30, today).status,
            ReviewStatus::Unreviewed
        );
    }
}
