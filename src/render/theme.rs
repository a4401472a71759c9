//! Themes: which templates and static files a site uses.
//!
//! Layers, later ones winning by file name: the built-in default theme (compiled into the
//! binary, so `handout` works on any folder), the site's `themes/default/` if it has one, the
//! chosen theme and the themes it `extends`, and last the site's own `templates/` and `static/`.
//! Each theme's templates are also registered as `THEME/name.html`, so a site template can
//! `{% extends "default/article.html" %}` and change only one block.

use crate::confine::Confinement;
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
/// Returns the theme with any warnings (skipped links), or every error.
pub fn load(
    root: &Path,
    theme_name: &str,
    confine: &Confinement,
) -> Result<(Theme, Diagnostics), Diagnostics> {
    let mut theme = Theme::default();
    let mut diags = Diagnostics::new();
    add_built_in(&mut theme);
    let chain = chain(root, theme_name, confine, &mut diags);
    let mut walk = Walk {
        theme: &mut theme,
        root,
        confine,
        diags: &mut diags,
    };
    for name in &chain {
        if !walk.theme.namespaces.contains(name) {
            walk.theme.namespaces.push(name.clone());
        }
        let dir = root.join("themes").join(name);
        walk.add_dir(&dir.join("templates"), Some(name), true);
        walk.add_dir(&dir.join("static"), None, false);
        walk.theme.disk_roots.push(dir);
    }
    walk.add_dir(&root.join("templates"), None, true);
    walk.add_dir(&root.join("static"), None, false);
    if diags.has_errors() {
        Err(diags)
    } else {
        Ok((theme, diags))
    }
}

/// The themes on disk to layer, base first: `default` (if the site has a copy), then the
/// chosen theme's ancestors, then the chosen theme.
fn chain(
    root: &Path,
    theme_name: &str,
    confine: &Confinement,
    diags: &mut Diagnostics,
) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let mut name = theme_name.to_string();
    loop {
        let dir = root.join("themes").join(&name);
        if !is_plain_name(&name) || (dir.exists() && !confine.contains(&dir)) {
            diags.push(
                Diagnostic::error(
                    "config/theme",
                    Span::file(crate::config::CONFIG_FILE),
                    format!("the theme `{name}` is not a folder inside themes/"),
                )
                .with_help("name a folder of the site's themes/ folder, such as `calm`; copy a theme kept elsewhere into themes/"),
            );
            break;
        }
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

/// A theme name is one folder name: no separators, no `..`, nothing hidden.
fn is_plain_name(name: &str) -> bool {
    !name.is_empty() && !name.starts_with('.') && !name.contains(['/', '\\', ':'])
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

/// A file of the built-in default theme, by its path inside the theme (`i18n/en.yaml`).
pub(crate) fn built_in_file(path: &str) -> Option<&'static [u8]> {
    BUILT_IN.get_file(path).map(|f| f.contents())
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

/// The state of loading the theme's folders from disk.
struct Walk<'a> {
    theme: &'a mut Theme,
    root: &'a Path,
    confine: &'a Confinement,
    diags: &'a mut Diagnostics,
}

impl Walk<'_> {
    /// Adds every file under `dir` as a template (named by its path under `dir`) or a static
    /// file. Symbolic links are followed only inside the site folder.
    fn add_dir(&mut self, dir: &Path, namespace: Option<&str>, templates: bool) {
        if !dir.is_dir() {
            return;
        }
        let (root, confine) = (self.root, self.confine);
        let skipped = std::cell::RefCell::new(Vec::new());
        let walker = walkdir::WalkDir::new(dir)
            .sort_by_file_name()
            .follow_links(true)
            .into_iter()
            .filter_entry(|e| {
                !e.path_is_symlink()
                    || confine
                        .follow(e.path(), &crate::content::rel_to(root, e.path()))
                        .map_err(|d| skipped.borrow_mut().push(*d))
                        .is_ok()
            });
        for entry in walker {
            let entry = match entry {
                Ok(e) => e,
                Err(e) => {
                    self.diags
                        .push(crate::content::walk_error(root, confine, &e));
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
            if templates {
                self.add_template(entry.path(), rel_name, namespace);
            } else {
                self.theme
                    .static_files
                    .insert(rel_name, Source::Disk(entry.path().to_path_buf()));
            }
        }
        self.diags.extend(skipped.into_inner());
    }

    /// Reads one template file, registering it under `NAMESPACE/name` too when it belongs to
    /// a theme.
    fn add_template(&mut self, path: &Path, rel_name: String, namespace: Option<&str>) {
        let origin = crate::content::rel_to(self.root, path);
        let bytes = match std::fs::read(path) {
            Ok(b) => b,
            Err(e) => {
                self.diags.push(Diagnostic::io(&origin, "read", &e));
                return;
            }
        };
        let text = match crate::content::decode_utf8(bytes, &origin) {
            Ok(t) => t,
            Err(d) => {
                self.diags.extend(d);
                return;
            }
        };
        if let Some(ns) = namespace {
            self.theme.templates.push(TemplateFile {
                name: format!("{ns}/{rel_name}"),
                text: text.clone(),
                origin: origin.clone(),
            });
        }
        self.theme.templates.push(TemplateFile {
            name: rel_name,
            text,
            origin,
        });
    }
}
