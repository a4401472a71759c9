//! Themes: which templates and static files a site uses.
//!
//! Layers, later ones winning by file name: the built-in default theme (compiled into the
//! binary, so `handout` works on any folder), the site's `themes/default/` if it has one, the
//! chosen theme and the themes it `extends`, and last the site's own `templates/` and `static/`.
//! Each theme's templates are also registered as `THEME/name.html`, so a site template can
//! `{% extends "default/article.html" %}` and change only one block.

use crate::diagnostic::{Diagnostic, Diagnostics, Span};
use include_dir::{include_dir, Dir};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

static BUILT_IN: Dir<'static> = include_dir!("$CARGO_MANIFEST_DIR/themes/default");

/// Where a file of the theme comes from.
#[derive(Debug, Clone)]
pub enum Source {
    /// Compiled into the binary.
    BuiltIn(&'static [u8]),
    /// A file on disk (absolute path).
    Disk(PathBuf),
}

impl Source {
    /// The file's bytes.
    pub fn read(&self) -> std::io::Result<std::borrow::Cow<'static, [u8]>> {
        match self {
            Source::BuiltIn(b) => Ok(std::borrow::Cow::Borrowed(b)),
            Source::Disk(p) => std::fs::read(p).map(std::borrow::Cow::Owned),
        }
    }
}

/// One template: its name, its text, and where it came from (for error messages).
#[derive(Debug, Clone)]
pub struct TemplateFile {
    /// Name templates use, e.g. `article.html` or `default/article.html`.
    pub name: String,
    /// Template text.
    pub text: String,
    /// Path shown in errors, relative to the site root where it is a site file.
    pub origin: PathBuf,
}

/// The resolved theme: templates in load order, and static files by output path.
#[derive(Debug, Clone, Default)]
pub struct Theme {
    /// Templates; a later one with the same name replaces an earlier one.
    pub templates: Vec<TemplateFile>,
    /// Static files by output path (no leading slash).
    pub static_files: BTreeMap<String, Source>,
    /// Files the theme came from on disk (for serve to watch).
    pub disk_roots: Vec<PathBuf>,
    /// The theme names templates are also registered under (`default/…`), base first.
    pub namespaces: Vec<String>,
}

/// Loads the theme chain for `theme_name` under `root`.
pub fn load(root: &Path, theme_name: &str) -> Result<Theme, Diagnostics> {
    let mut theme = Theme::default();
    let mut diags = Diagnostics::new();
    add_built_in(&mut theme);
    let chain = chain(root, theme_name, &mut diags);
    for name in &chain {
        if !theme.namespaces.contains(name) {
            theme.namespaces.push(name.clone());
        }
        let dir = root.join("themes").join(name);
        add_dir(
            &mut theme,
            root,
            &dir.join("templates"),
            Some(name),
            true,
            &mut diags,
        );
        add_dir(
            &mut theme,
            root,
            &dir.join("static"),
            None,
            false,
            &mut diags,
        );
        theme.disk_roots.push(dir);
    }
    add_dir(
        &mut theme,
        root,
        &root.join("templates"),
        None,
        true,
        &mut diags,
    );
    add_dir(
        &mut theme,
        root,
        &root.join("static"),
        None,
        false,
        &mut diags,
    );
    if diags.has_errors() {
        Err(diags)
    } else {
        Ok(theme)
    }
}

/// The themes on disk to layer, base first: `default` (if the site has a copy), then the
/// chosen theme's ancestors, then the chosen theme.
fn chain(root: &Path, theme_name: &str, diags: &mut Diagnostics) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let mut name = theme_name.to_string();
    loop {
        let dir = root.join("themes").join(&name);
        if !dir.is_dir() {
            if name != "default" {
                let available: Vec<String> = std::fs::read_dir(root.join("themes"))
                    .map(|rd| {
                        rd.filter_map(|e| e.ok())
                            .filter(|e| e.path().is_dir())
                            .map(|e| e.file_name().to_string_lossy().into_owned())
                            .collect()
                    })
                    .unwrap_or_default();
                diags.push(
                    Diagnostic::error(
                        "config/theme",
                        Span::file(crate::config::CONFIG_FILE),
                        format!("there is no theme `{name}` in themes/"),
                    )
                    .with_help(if available.is_empty() {
                        "remove `theme:` to use the built-in default theme".to_string()
                    } else {
                        format!("themes here: {}", available.join(", "))
                    }),
                );
            }
            break;
        }
        if out.contains(&name) {
            diags.push(Diagnostic::error(
                "config/theme",
                Span::file(Path::new("themes").join(&name).join("theme.yaml")),
                format!(
                    "themes extend each other in a loop: {} -> {name}",
                    out.join(" -> ")
                ),
            ));
            break;
        }
        out.push(name.clone());
        if name == "default" {
            break;
        }
        name = parent_of(&dir).unwrap_or_else(|| "default".into());
    }
    out.reverse();
    out
}

/// `extends: NAME` from a theme's `theme.yaml`, if any.
fn parent_of(theme_dir: &Path) -> Option<String> {
    let text = std::fs::read_to_string(theme_dir.join("theme.yaml")).ok()?;
    text.lines().find_map(|l| {
        let v = l
            .trim()
            .strip_prefix("extends:")?
            .trim()
            .trim_matches(['"', '\'']);
        (!v.is_empty()).then(|| v.to_string())
    })
}

fn add_built_in(theme: &mut Theme) {
    fn walk(dir: &'static Dir<'static>, out: &mut Vec<&'static include_dir::File<'static>>) {
        out.extend(dir.files());
        for d in dir.dirs() {
            walk(d, out);
        }
    }
    let mut files = Vec::new();
    walk(&BUILT_IN, &mut files);
    theme.namespaces.push("default".to_string());
    for f in files {
        let p = f.path().to_string_lossy().replace('\\', "/");
        if let Some(name) = p.strip_prefix("templates/") {
            let text = String::from_utf8_lossy(f.contents()).into_owned();
            let origin = PathBuf::from("themes/default/templates").join(name);
            theme.templates.push(TemplateFile {
                name: name.to_string(),
                text: text.clone(),
                origin: origin.clone(),
            });
            theme.templates.push(TemplateFile {
                name: format!("default/{name}"),
                text,
                origin,
            });
        } else if let Some(name) = p.strip_prefix("static/") {
            theme
                .static_files
                .insert(name.to_string(), Source::BuiltIn(f.contents()));
        }
    }
}

/// Adds every file under `dir` as a template (named by its path under `dir`) or a static file.
fn add_dir(
    theme: &mut Theme,
    root: &Path,
    dir: &Path,
    namespace: Option<&str>,
    templates: bool,
    diags: &mut Diagnostics,
) {
    if !dir.is_dir() {
        return;
    }
    for entry in walkdir::WalkDir::new(dir)
        .sort_by_file_name()
        .follow_links(true)
    {
        let entry = match entry {
            Ok(e) => e,
            Err(e) => {
                diags.push(Diagnostic::error(
                    "io",
                    Span::file(dir.strip_prefix(root).unwrap_or(dir)),
                    format!("could not read: {e}"),
                ));
                continue;
            }
        };
        let name_str = entry.file_name().to_string_lossy();
        if !entry.file_type().is_file() || crate::content::is_ignored(&name_str) {
            continue;
        }
        let rel_name = entry
            .path()
            .strip_prefix(dir)
            .unwrap_or(entry.path())
            .to_string_lossy()
            .replace('\\', "/");
        let origin = entry
            .path()
            .strip_prefix(root)
            .unwrap_or(entry.path())
            .to_path_buf();
        if templates {
            let text = match std::fs::read(entry.path()).map(String::from_utf8) {
                Ok(Ok(t)) => t,
                Ok(Err(_)) => {
                    diags.push(Diagnostic::error(
                        "encoding/utf8",
                        Span::file(&origin),
                        "this template is not UTF-8 text",
                    ));
                    continue;
                }
                Err(e) => {
                    diags.push(Diagnostic::io(&origin, "read", &e));
                    continue;
                }
            };
            if let Some(ns) = namespace {
                theme.templates.push(TemplateFile {
                    name: format!("{ns}/{rel_name}"),
                    text: text.clone(),
                    origin: origin.clone(),
                });
            }
            theme.templates.push(TemplateFile {
                name: rel_name,
                text,
                origin,
            });
        } else {
            theme
                .static_files
                .insert(rel_name, Source::Disk(entry.path().to_path_buf()));
        }
    }
}
