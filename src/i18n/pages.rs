//! The pages languages add: every other language's site under `/CODE/`, a page in each
//! language for each page that has no translation into it yet, and the language-help page.

use super::TranslationIndex;
use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::output::Output;
use crate::render::{Renderer, Shared};
use crate::site::{OutputFile, Site};
use serde::Serialize;
use std::collections::HashSet;
use std::path::Path;

/// The site path of the language-help page, in every language.
pub const LANGUAGE_HELP_PATH: &str = "language-help/";

/// Writes every file under a language's folder (`es/`).
pub struct Prefixed<'a> {
    /// Where files go.
    pub out: &'a dyn Output,
    /// The folder, ending in `/`.
    pub prefix: &'a str,
}

impl Output for Prefixed<'_> {
    fn write(&self, rel: &str, bytes: &[u8]) -> std::io::Result<()> {
        self.out.write(&format!("{}{rel}", self.prefix), bytes)
    }
}

/// A page in a language that lacks the page: what it says and where the page exists.
#[derive(Serialize)]
struct UntranslatedPage {
    page: crate::render::views::PageView,
    untranslated: UntranslatedView,
}

/// The content of an untranslated-page notice.
#[derive(Serialize)]
struct UntranslatedView {
    /// "This page is not in Español yet".
    title: String,
    /// The sentence before the links.
    text: String,
    /// The versions that exist.
    versions: Vec<super::Alternate>,
}

/// The language-help page's context.
#[derive(Serialize)]
struct LanguageHelpPage {
    page: crate::render::views::PageView,
    help: Vec<HelpEntry>,
}

/// The notice in one language.
#[derive(Serialize)]
struct HelpEntry {
    code: String,
    name: String,
    dir: &'static str,
    /// Its heading ("Free language help") in that language.
    title: String,
    /// How to get help, in that language, with `{phone}` where the clinic's phone number
    /// goes (the template marks the number left to right, so it reads the same in Arabic).
    text: String,
}

/// Writes, for one language's `site`, the language-help page and a notice page at each
/// path where the default language has a page and this language does not. Returns the
/// number of pages written.
pub fn write_extra_pages(
    site: &Site,
    renderer: &Renderer,
    shared: &Shared,
    out: &dyn Output,
    diags: &mut Diagnostics,
) -> usize {
    let mut written = 0;
    let mut write = |path: &str, html: Result<Vec<u8>, Diagnostic>| {
        let file = if path.is_empty() || path.ends_with('/') {
            format!("{path}index.html")
        } else {
            path.to_string()
        };
        match html.and_then(|h| {
            out.write(&file, &h)
                .map_err(|e| Diagnostic::io(Path::new(&file), "write", &e))
        }) {
            Ok(()) => written += 1,
            Err(d) => diags.push(d),
        }
    };
    write(
        LANGUAGE_HELP_PATH,
        renderer.render_view(shared, "language-help.html", &language_help(site)),
    );
    let index: &TranslationIndex = &site.config.translations;
    let Some(lang) = site
        .config
        .languages
        .iter()
        .position(|l| l.code == site.config.lang.code)
    else {
        return written;
    };
    if lang == 0 {
        return written;
    }
    // A language without content of its own renders none of its pages: notices stand in
    // for all of them.
    let own: HashSet<String> = match super::has_content(site) {
        true => site
            .pages()
            .into_iter()
            .map(|p| site.page_path(p))
            .collect(),
        false => HashSet::new(),
    };
    for (_, paths) in index.iter() {
        let Some((_, default_path)) = paths.iter().find(|(l, _)| *l == 0) else {
            continue;
        };
        if paths.iter().any(|(l, _)| *l == lang) || own.contains(default_path) {
            continue;
        }
        let view = untranslated(site, default_path, paths);
        write(
            default_path,
            renderer.render_view(shared, "untranslated.html", &view),
        );
    }
    written
}

/// The notice for the page at `path` that exists only at `paths` in other languages.
fn untranslated(site: &Site, path: &str, paths: &[(usize, String)]) -> UntranslatedPage {
    let c = &site.config;
    let t = &c.strings;
    let title = t.fill("untranslated_title", &[("language", &c.lang.name)]);
    let mut page = crate::render::pages::base_at(site, path, "untranslated", title.clone());
    page.noindex = true;
    page.breadcrumbs.truncate(1);
    // Search engines skip the notice, but shared links and read-aloud tools still show it.
    page.description = title.clone();
    let versions = paths
        .iter()
        .filter_map(|(i, p)| {
            let l = c.languages.get(*i)?;
            Some(super::Alternate {
                code: l.code.clone(),
                name: l.name.clone(),
                dir: l.dir,
                url: format!("{}{}{}", c.base_path, l.prefix, p),
                permalink: format!("{}{}{}", c.base_url, l.prefix, p),
                current: false,
            })
        })
        .collect();
    UntranslatedPage {
        page,
        untranslated: UntranslatedView {
            title,
            text: t.fill("untranslated_text", &[("language", &c.lang.name)]),
            versions,
        },
    }
}

/// The language-help page: the notice in every language of the site, each in its script.
fn language_help(site: &Site) -> LanguageHelpPage {
    let c = &site.config;
    let t = &c.strings;
    let mut page = crate::render::pages::base_at(
        site,
        LANGUAGE_HELP_PATH,
        "language-help",
        t.get("language_help_title").into(),
    );
    page.description = t.get("language_help_description").into();
    page.alternates = super::alternates(site, Some(LANGUAGE_HELP_PATH));
    let own = page.title.clone();
    page.breadcrumbs.push(crate::render::views::LinkView {
        title: own,
        url: page.url.clone(),
    });
    let phone = c.clinic.phone.as_deref().unwrap_or("").trim();
    let help = c
        .languages
        .iter()
        .zip(c.translations.strings.iter())
        .map(|(l, s)| HelpEntry {
            code: l.code.clone(),
            name: l.name.clone(),
            dir: l.dir,
            title: s.get("language_help_title").into(),
            text: match phone.is_empty() {
                true => s.get("language_help_no_phone").into(),
                false => s.get("language_help_text").into(),
            },
        })
        .collect();
    LanguageHelpPage { page, help }
}

/// Renders every page of another language's `site` under its folder: its pages, feed,
/// sitemap and bundle images (the theme's files are shared with the default language).
/// Returns the pages and files written.
pub fn write_language_site(
    site: &Site,
    renderer: &Renderer,
    out: &dyn Output,
    diags: &mut Diagnostics,
) -> (usize, usize) {
    let shared = match renderer.prepare(site) {
        Ok(s) => s,
        Err(e) => {
            diags.extend(e);
            return (0, 0);
        }
    };
    let out = Prefixed {
        out,
        prefix: &site.config.lang.prefix,
    };
    let mut pages = 0;
    let mut files = 0;
    // A language without content has notices only, which no sitemap or feed lists.
    let list = match super::has_content(site) {
        true => site.pages(),
        false => Vec::new(),
    };
    for &page in &list {
        match crate::build::write_page(site, renderer, &shared, page, &out) {
            Ok(()) => pages += 1,
            Err(d) => diags.push(d),
        }
    }
    for f in [OutputFile::Sitemap, OutputFile::Feed] {
        let text = renderer.render_file(site, &shared, f, &list);
        match out.write(f.output_path(), text.as_bytes()) {
            Ok(()) => files += 1,
            Err(e) => diags.push(Diagnostic::io(Path::new(f.output_path()), "write", &e)),
        }
    }
    for (_, src, dest) in &site.bundle_assets {
        let copied = std::fs::read(site.root.join(src)).and_then(|b| out.write(dest, &b));
        match copied {
            Ok(()) => files += 1,
            Err(e) => diags.push(Diagnostic::io(src, "copy", &e)),
        }
    }
    pages += write_extra_pages(site, renderer, &shared, &out, diags);
    (pages, files + pages)
}
