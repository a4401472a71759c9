//! `handout new`: a new site folder, or a new article or page inside a site.
//!
//! The files a new site starts with live in `src/scaffold/files/` and are embedded in the
//! binary, so they can be read and edited as the files they become. A site's own
//! `templates/new/article.md` or `templates/new/page.md` replaces the built-in template of
//! that kind. Nothing here ever replaces an existing file.

use crate::diagnostic::{Diagnostic, Span};
use crate::markdown::slugify;
use chrono::NaiveDate;
use std::path::{Path, PathBuf};

const SITE_YAML: &str = include_str!("files/site.yaml");
const GITIGNORE: &str = include_str!("files/gitignore");
const HOME: &str = include_str!("files/_index.md");
const FAQ: &str = include_str!("files/faq.md");
const ABOUT: &str = include_str!("files/about.md");
const EXAMPLE_ARTICLE: &str = include_str!("files/example-article.md");
const ARTICLE_TEMPLATE: &str = include_str!("files/article.md");
const PAGE_TEMPLATE: &str = include_str!("files/page.md");

/// What `handout new` makes inside an existing site.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NewKind {
    /// `content/articles/SLUG.md`.
    Article,
    /// `content/pages/SLUG.md`.
    Page,
}

impl NewKind {
    /// The content folder and template name: `articles`/`article` or `pages`/`page`.
    fn names(self) -> (&'static str, &'static str) {
        match self {
            NewKind::Article => ("articles", "article"),
            NewKind::Page => ("pages", "page"),
        }
    }
}

/// Creates a complete site in `dir`, which must be missing or empty.
///
/// Returns the files written, relative to `dir`.
pub fn new_site(dir: &Path, today: NaiveDate) -> Result<Vec<PathBuf>, Diagnostic> {
    if let Ok(mut entries) = std::fs::read_dir(dir) {
        if entries.next().is_some() {
            return Err(Diagnostic::error(
                "new/not-empty",
                Span::file(dir),
                "this folder is not empty, and `handout new` never replaces files",
            )
            .with_help("choose a new folder name, e.g. `handout new my-clinic-site`"));
        }
    } else if dir.exists() {
        return Err(Diagnostic::error(
            "new/not-a-folder",
            Span::file(dir),
            "this path exists and is not a folder",
        )
        .with_help("choose a new folder name, e.g. `handout new my-clinic-site`"));
    }
    let example = EXAMPLE_ARTICLE.replace("{{date}}", &today.to_string());
    let files: [(&str, &str); 6] = [
        ("site.yaml", SITE_YAML),
        (".gitignore", GITIGNORE),
        ("content/_index.md", HOME),
        ("content/faq.md", FAQ),
        ("content/pages/about.md", ABOUT),
        (
            "content/articles/heat-therapy-for-sore-muscles.md",
            &example,
        ),
    ];
    let mut written = Vec::new();
    for (rel, text) in files {
        write_new(&dir.join(rel), text)?;
        written.push(PathBuf::from(rel));
    }
    Ok(written)
}

/// Creates an article or page titled `title` in the site at `root` from the site's template
/// (`templates/new/KIND.md`) or the built-in one. Returns the path written, relative to `root`.
pub fn new_document(
    root: &Path,
    kind: NewKind,
    title: &str,
    today: NaiveDate,
) -> Result<PathBuf, Diagnostic> {
    let title = title.trim();
    if title.is_empty() {
        return Err(Diagnostic::error(
            "new/title",
            Span::file(root),
            "the title is empty",
        )
        .with_help("give the title in quotes, e.g. `handout new article \"Knee replacement: recovery at home\"`"));
    }
    if !root.join("content").is_dir() {
        return Err(Diagnostic::error(
            "new/no-site",
            Span::file(root),
            "this folder has no content/ folder, so it is not a handout site",
        )
        .with_help(
            "run this in your site folder, pass --root DIR, or start a site with `handout new DIR`",
        ));
    }
    let (folder, template_name) = kind.names();
    let own = root
        .join("templates/new")
        .join(format!("{template_name}.md"));
    let template = match std::fs::read_to_string(&own) {
        Ok(t) => t,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => match kind {
            NewKind::Article => ARTICLE_TEMPLATE.to_string(),
            NewKind::Page => PAGE_TEMPLATE.to_string(),
        },
        Err(e) => return Err(Diagnostic::io(&own, "read", &e)),
    };
    let rel = Path::new("content")
        .join(folder)
        .join(format!("{}.md", slugify(title)));
    write_new(&root.join(&rel), &fill(&template, title, today))?;
    Ok(rel)
}

/// Fills `{{title}}` and `{{date}}` in a template. The title goes into a double-quoted YAML
/// string in the built-in templates, so quotes and backslashes in it are escaped.
fn fill(template: &str, title: &str, today: NaiveDate) -> String {
    let yaml_safe = title.replace('\\', "\\\\").replace('"', "\\\"");
    template
        .replace("{{title}}", &yaml_safe)
        .replace("{{date}}", &today.to_string())
}

/// Writes a new file, creating its folder; an existing file is an error, never replaced.
fn write_new(path: &Path, text: &str) -> Result<(), Diagnostic> {
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent).map_err(|e| Diagnostic::io(parent, "create", &e))?;
    }
    let file = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(path);
    match file {
        Ok(mut f) => {
            use std::io::Write;
            f.write_all(text.as_bytes())
                .map_err(|e| Diagnostic::io(path, "write", &e))
        }
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => Err(Diagnostic::error(
            "new/exists",
            Span::file(path),
            "this file already exists, and `handout new` never replaces files",
        )
        .with_help("choose another title, or edit the existing file")),
        Err(e) => Err(Diagnostic::io(path, "create", &e)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fill_escapes_quotes_for_yaml() {
        let d = NaiveDate::from_ymd_opt(2026, 3, 1).expect("date");
        let out = fill(
            "title: \"{{title}}\"\ndate: {{date}}\n",
            "The \"new\" knee",
            d,
        );
        assert_eq!(out, "title: \"The \\\"new\\\" knee\"\ndate: 2026-03-01\n");
    }

    #[test]
    fn built_in_files_have_front_matter() {
        for text in [
            HOME,
            FAQ,
            ABOUT,
            EXAMPLE_ARTICLE,
            ARTICLE_TEMPLATE,
            PAGE_TEMPLATE,
        ] {
            assert!(text.starts_with("---\ntitle:"), "{text}");
        }
    }
}
