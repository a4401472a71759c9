//! Keeps every file a build reads inside the site folder.
//!
//! A site folder is often a Git repository, and a symbolic link is as easy to commit as a file:
//! `static/passwd -> /etc/passwd` would otherwise be published with the site. The walkers of
//! `content/`, `static/`, `templates/` and `themes/` follow a link only when its target lies
//! inside the site folder, and report every link they skip. A site that really keeps files
//! elsewhere opts in with `allow_links_outside: true` in site.yaml.

use crate::diagnostic::{Diagnostic, Span};
use std::path::{Path, PathBuf};

/// The site folder, resolved, and whether links may lead out of it.
#[derive(Debug, Clone)]
pub struct Confinement {
    root: PathBuf,
    allow_outside: bool,
}

impl Confinement {
    /// The rules for the site at `root`.
    pub fn new(root: &Path, allow_outside: bool) -> Self {
        let root = std::fs::canonicalize(root).unwrap_or_else(|_| root.to_path_buf());
        Confinement {
            root,
            allow_outside,
        }
    }

    /// Whether the walk may go through `path`, a symbolic link met at `rel` (relative to the
    /// site root, for messages). `Err` holds the warning that says why it was skipped.
    pub fn follow(&self, path: &Path, rel: &Path) -> Result<(), Box<Diagnostic>> {
        let skipped = |why: String, help: &str| {
            Box::new(
                Diagnostic::warning(
                    "files/symlink",
                    Span::file(rel),
                    format!("skipped this symbolic link: {why}"),
                )
                .with_help(help),
            )
        };
        match std::fs::canonicalize(path) {
            Err(_) => Err(skipped(
                "it points to nothing".into(),
                "remove the link, or point it at a file in the site folder",
            )),
            Ok(target) if self.allow_outside || target.starts_with(&self.root) => Ok(()),
            Ok(target) => Err(skipped(
                format!("it points outside the site folder, to {}", target.display()),
                "copy the file into the site folder, or set `allow_links_outside: true` in site.yaml if the site really keeps files elsewhere",
            )),
        }
    }

    /// Whether a folder the build is about to read (a theme) lies inside the site folder.
    pub fn contains(&self, path: &Path) -> bool {
        self.allow_outside
            || std::fs::canonicalize(path).is_ok_and(|target| target.starts_with(&self.root))
    }
}

/// The help for a walk that found a folder link leading back to one of its own parents.
pub const LOOP_HELP: &str =
    "a symbolic link here points back to a folder that contains it; remove or replace the link";

#[cfg(all(test, unix))]
mod tests {
    use super::*;

    #[test]
    fn follows_links_inside_and_refuses_links_outside_or_dangling() {
        let tmp = tempfile::tempdir().expect("tmp");
        let site = tmp.path().join("site");
        std::fs::create_dir_all(site.join("static")).expect("mkdir");
        std::fs::write(site.join("logo.svg"), "<svg/>").expect("write");
        std::fs::write(tmp.path().join("secret"), "x").expect("write");
        let link = |name: &str, to: &Path| {
            let p = site.join("static").join(name);
            std::os::unix::fs::symlink(to, &p).expect("symlink");
            p
        };
        let inside = link("logo.svg", &site.join("logo.svg"));
        let outside = link("secret", &tmp.path().join("secret"));
        let dangling = link("gone", &tmp.path().join("gone"));
        let c = Confinement::new(&site, false);
        assert!(c.follow(&inside, Path::new("static/logo.svg")).is_ok());
        let refused = c
            .follow(&outside, Path::new("static/secret"))
            .expect_err("outside");
        assert!(refused.message.contains("outside the site folder"));
        assert!(c.follow(&dangling, Path::new("static/gone")).is_err());
        assert!(Confinement::new(&site, true)
            .follow(&outside, Path::new("static/secret"))
            .is_ok());
    }
}
