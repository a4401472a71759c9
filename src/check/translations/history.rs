//! When a translation's source changed, and what changed in it.
//!
//! A translation records only the hash of the source text it was made from, not the text. If
//! the site is kept in git, the version with that hash is looked up in the source's history,
//! which gives both the date of the next change and the old text to compare `##` sections
//! with. Without git (or when no committed version has that hash), the date is the source's
//! `updated` or `reviewed` front-matter date, or else its file time, and the sections are not
//! compared.

use std::path::Path;
use std::process::Command;

use chrono::NaiveDate;

use serde::Deserialize;

use super::hash::{matches, source_hash};
use crate::content::language::front_yaml;

/// How many commits of a source's history are searched for the translated version.
const MAX_COMMITS: usize = 200;

/// What is known about the change.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Change {
    /// When the source changed, and how that is known ("git", "updated", "file time").
    pub date: Option<(NaiveDate, &'static str)>,
    /// The `##` sections that differ, when the old text was found.
    pub sections: Option<Vec<SectionChange>>,
}

/// One `##` section that differs between the translated version and the current source.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SectionChange {
    /// The heading ("" for the text before the first `##`).
    pub heading: String,
    /// How it differs.
    pub how: &'static str,
}

/// What changed in the source at `root/source` (whose current text is `current`) since the
/// version whose hash is `recorded`.
pub fn change(root: &Path, source: &Path, current: &str, recorded: &str) -> Change {
    if let Some((old, date)) = from_git(root, source, recorded) {
        let date = date.or_else(|| file_date(root, source)).map(|d| (d, "git"));
        return Change {
            date,
            sections: Some(compare(&old, current)),
        };
    }
    let date = front_matter_dates(current)
        .map(|d| (d, "its `updated` or `reviewed` date"))
        .or_else(|| file_date(root, source).map(|d| (d, "file time")));
    Change {
        date,
        sections: None,
    }
}

/// The committed version of `source` with hash `recorded`, and the date of the commit that
/// changed it next (`None` when the change is not committed yet).
fn from_git(root: &Path, source: &Path, recorded: &str) -> Option<(String, Option<NaiveDate>)> {
    let rel = format!("./{}", source.to_string_lossy().replace('\\', "/"));
    let limit = MAX_COMMITS.to_string();
    let log = git(root, &["log", "--format=%H %cs", "-n", &limit, "--", &rel])?;
    let commits: Vec<(&str, &str)> = log.lines().filter_map(|l| l.split_once(' ')).collect();
    for (i, (commit, _)) in commits.iter().enumerate() {
        let Some(text) = git(root, &["show", &format!("{commit}:{rel}")]) else {
            continue;
        };
        if matches(recorded, &source_hash(&text)) {
            let next = i
                .checked_sub(1)
                .and_then(|j| commits.get(j))
                .and_then(|(_, d)| NaiveDate::parse_from_str(d, "%Y-%m-%d").ok());
            return Some((text, next));
        }
    }
    None
}

/// Runs git in `root`; its standard output, or `None` if git is missing or fails.
fn git(root: &Path, args: &[&str]) -> Option<String> {
    let out = Command::new("git")
        .arg("-C")
        .arg(root)
        .args(args)
        .output()
        .ok()?;
    out.status
        .success()
        .then(|| String::from_utf8_lossy(&out.stdout).into_owned())
}

/// The later of a source's `updated` and `reviewed` front-matter dates.
fn front_matter_dates(text: &str) -> Option<NaiveDate> {
    #[derive(Default, Deserialize)]
    #[serde(default)]
    struct Dates {
        updated: Option<String>,
        reviewed: Option<String>,
    }
    let dates: Dates = serde_yaml::from_str(front_yaml(text)?).unwrap_or_default();
    [dates.updated, dates.reviewed]
        .into_iter()
        .flatten()
        .filter_map(|d| NaiveDate::parse_from_str(d.trim().get(..10)?, "%Y-%m-%d").ok())
        .max()
}

/// The day a file was last modified, in local time.
fn file_date(root: &Path, source: &Path) -> Option<NaiveDate> {
    let modified = std::fs::metadata(root.join(source)).ok()?.modified().ok()?;
    Some(chrono::DateTime::<chrono::Local>::from(modified).date_naive())
}

/// The `##` sections of a Markdown text (front matter dropped), as (heading, body) pairs in
/// order; the text before the first `##` has the heading "".
fn sections(text: &str) -> Vec<(String, String)> {
    let body = skip_front_matter(text);
    let mut out = vec![(String::new(), String::new())];
    let mut fence: Option<&str> = None;
    for line in body.lines() {
        let trimmed = line.trim_start();
        if let Some(f) = fence {
            if trimmed.starts_with(f) {
                fence = None;
            }
        } else if trimmed.starts_with("```") || trimmed.starts_with("~~~") {
            fence = Some(&trimmed[..3]);
        } else if let Some(heading) = line.strip_prefix("## ") {
            out.push((
                heading.trim().trim_end_matches('#').trim().to_string(),
                String::new(),
            ));
            continue;
        }
        if let Some((_, b)) = out.last_mut() {
            b.push_str(line.trim_end());
            b.push('\n');
        }
    }
    for (_, b) in &mut out {
        *b = b.trim().to_string();
    }
    out
}

fn skip_front_matter(text: &str) -> &str {
    let Some(rest) = text.strip_prefix("---\n") else {
        return text;
    };
    match rest.find("\n---\n") {
        Some(end) => &rest[end + 5..],
        None => rest.strip_suffix("\n---").map_or(text, |_| ""),
    }
}

/// The sections that differ between `old` and `new`, in the order of `new`, then removed ones.
fn compare(old: &str, new: &str) -> Vec<SectionChange> {
    let (old, new) = (sections(old), sections(new));
    let mut out = Vec::new();
    for (heading, body) in &new {
        match old.iter().find(|(h, _)| h == heading) {
            None => out.push(SectionChange {
                heading: heading.clone(),
                how: "new",
            }),
            Some((_, b)) if b != body => out.push(SectionChange {
                heading: heading.clone(),
                how: "edited",
            }),
            Some(_) => {}
        }
    }
    for (heading, _) in &old {
        if !new.iter().any(|(h, _)| h == heading) {
            out.push(SectionChange {
                heading: heading.clone(),
                how: "removed",
            });
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn compares_sections_by_heading() {
        let old = "---\ntitle: A\n---\nIntro.\n\n## Benefits\nEases pain.\n\n## Risks\nBruising.\n\n## Cost\nFree.\n";
        let new = "---\ntitle: A\nupdated: 2026-05-01\n---\nIntro.\n\n## Benefits\nEases pain.\n\n## Risks\nBruising and soreness.\n\n```\n## not a heading\n```\n\n## Aftercare\nDrink water.\n";
        let got: Vec<(String, &str)> = compare(old, new)
            .into_iter()
            .map(|c| (c.heading, c.how))
            .collect();
        assert_eq!(
            got,
            [
                ("Risks".to_string(), "edited"),
                ("Aftercare".to_string(), "new"),
                ("Cost".to_string(), "removed")
            ]
        );
        assert!(compare(old, old).is_empty());
    }
}
