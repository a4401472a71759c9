//! Serve's incremental update of the site model: the one place the model is changed after
//! it was assembled.
//!
//! When one content file changes, serve re-reads only that file, renders its Markdown against
//! the links of the rest of the site, puts it in place in the [`Site`] and re-derives the cheap
//! cross-article parts (article order, tags, FAQ groups). It then names the pages that are now
//! [`Stale`] by identity (source path, tag slug) rather than by index, because indexes shift
//! when a title change re-sorts the articles.
//!
//! Anything that changes where files are published (a new, removed or renamed file, a changed
//! slug, a draft flag) is reported as [`UpdateError::NeedsFullLoad`]: assembling the site
//! again from disk is the only way to get every cross-file link right.
//!
//! It lives beside serve, its only user, so that `site` stays the stage that assembles a
//! model once and then only reads it; it reuses `site`'s steps (render one article, sort,
//! gather FAQ and tags, check aliases) rather than repeating them.

use crate::content::{self, DocKind, CONTENT_DIR};
use crate::diagnostic::Diagnostics;
use crate::markdown::{slugify, SectionKind};
use crate::site::{
    build_article, build_faq, build_tags, check_aliases, link_diagnostics, render_doc,
    sort_articles, Article, Extra, FaqGroup, FaqSource, LinkMap, Listing, PageRef, Site, Topic,
};
use std::collections::{BTreeSet, HashSet};
use std::path::{Path, PathBuf};

/// Where every content file of an assembled site is published: what an updated document's
/// links are resolved against.
#[derive(Debug)]
pub(super) struct SiteLinks {
    map: LinkMap,
}

impl SiteLinks {
    /// The links of `site`. `static_files` are the theme's static files as site paths (the keys
    /// of `Theme::static_files`), so links into `static/` resolve as in a full build.
    pub(super) fn new(site: &Site, static_files: Vec<String>) -> SiteLinks {
        let published = (site
            .articles
            .iter()
            .map(|a| (a.doc.path.clone(), a.path.clone())))
        .chain(
            site.pages
                .iter()
                .map(|p| (p.doc.path.clone(), p.path.clone())),
        )
        .chain(
            site.home
                .iter()
                .map(|h| (h.doc.path.clone(), String::new())),
        )
        .chain(
            site.faq_file
                .iter()
                .map(|f| (f.doc.path.clone(), "faq/".into())),
        );
        let assets = (site.bundle_assets.iter()).map(|(_, src, out)| (src.clone(), out.clone()));
        let mut map = LinkMap::new(
            &site.config,
            &site.glossary,
            static_files,
            published,
            assets,
        );
        if !site.drafts {
            map.drafts = unpublished_drafts(&site.root, &map);
        }
        SiteLinks { map }
    }

    /// Whether `rel` is a draft left out of this site (so saving it changes no page).
    pub(super) fn is_unpublished_draft(&self, rel: &Path) -> bool {
        self.map.drafts.iter().any(|d| d == rel)
    }
}

/// Markdown files under `content/` that the model does not hold and that are drafts, so a link
/// to one says "is a draft" as in a full build. Only files missing from the model are parsed.
fn unpublished_drafts(root: &Path, map: &LinkMap) -> Vec<PathBuf> {
    let walker = walkdir::WalkDir::new(root.join(CONTENT_DIR))
        .into_iter()
        .filter_entry(|e| !content::is_ignored(e.file_name().to_string_lossy().as_ref()));
    let mut out = Vec::new();
    for entry in walker.flatten() {
        let Ok(rel) = entry.path().strip_prefix(root) else {
            continue;
        };
        if !entry.file_type().is_file()
            || rel.extension() != Some(std::ffi::OsStr::new("md"))
            || map.targets.contains_key(rel)
        {
            continue;
        }
        let kind = if rel.starts_with(Path::new(CONTENT_DIR).join("articles")) {
            DocKind::Article
        } else {
            DocKind::Page
        };
        if let Ok((doc, _)) = content::load_document(root, rel, kind, None) {
            if doc.front.draft {
                out.push(rel.to_path_buf());
            }
        }
    }
    out
}

/// A part of the output that must be rendered again, named by what it is rather than by
/// index so that it stays valid while later edits change the model.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub(super) enum Stale {
    /// Every page and file (a template or config change).
    Everything,
    /// An article page, its topic pages and its alias redirects, by source path.
    Article(PathBuf),
    /// A standalone page, by source path.
    Page(PathBuf),
    /// The home page.
    Home,
    /// The articles index.
    ArticleIndex,
    /// A topic hub.
    Hub(SectionKind),
    /// The FAQ page.
    Faq,
    /// One page of the FAQ (from 1): a guide's answers edited in place change only the page
    /// that shows its group, and a large site's FAQ has hundreds of pages.
    FaqPage(usize),
    /// The tag index.
    TagIndex,
    /// One tag's page, by slug.
    Tag(String),
    /// `sitemap.xml` and the Atom feed.
    Feeds,
}

/// What one updated document changed.
#[derive(Debug, Default)]
pub(super) struct Update {
    /// What must be rendered again.
    pub(super) stale: Vec<Stale>,
    /// Output files the site no longer has (a topic page whose section was removed, a tag
    /// nothing carries any more, an alias that was taken out).
    pub(super) removed: Vec<String>,
    /// Everything found in the changed file; replaces that file's earlier findings.
    pub(super) diagnostics: Diagnostics,
    /// The alias findings of the whole site, when the change made them worth checking again.
    pub(super) aliases: Option<Diagnostics>,
}

/// Why a document could not be updated in place.
#[derive(Debug)]
pub(super) enum UpdateError {
    /// The change moves or adds or removes published files; assemble the site again.
    // The reason shows in debug output (tests, a debugger); serve only needs the variant.
    #[allow(dead_code)]
    NeedsFullLoad(&'static str),
    /// The file cannot be read as it is now (bad front matter, not UTF-8); the model keeps
    /// the last good version.
    Invalid(Diagnostics),
}

/// Re-reads the content file `rel` (relative to the site root) and updates the model in place.
pub(super) fn update_document(
    site: &mut Site,
    links: &SiteLinks,
    rel: &Path,
) -> Result<Update, UpdateError> {
    if let Some(i) = site.articles.iter().position(|a| a.doc.path == rel) {
        return update_article(site, links, i);
    }
    if let Some(j) = site.pages.iter().position(|p| p.doc.path == rel) {
        return update_page(site, links, j);
    }
    let is = |e: &Option<Extra>| e.as_ref().is_some_and(|x| x.doc.path == rel);
    if is(&site.home) || is(&site.faq_file) {
        return update_extra(site, links, rel);
    }
    Err(UpdateError::NeedsFullLoad("a new content file"))
}

/// What the list pages (home, articles index, tag pages, feed, sitemap) show of an article.
/// Deliberately coarse: the whole front matter rather than the fields the views use today,
/// so a list can never be left stale by a view that starts showing another field.
fn listing_key(a: &Article) -> (&str, u32, Vec<SectionKind>) {
    let front = a.doc.text.get(..a.doc.body_start).unwrap_or("");
    (front, a.reading_minutes, a.topics())
}

/// What a topic hub shows of an article.
fn hub_key(a: &Article, kind: SectionKind) -> Option<(String, String)> {
    Topic::of(a, kind).map(|t| (t.title(), t.excerpt().to_string()))
}

/// What the FAQ page shows of an article.
fn faq_key(a: &Article) -> Vec<(&str, &str, &str)> {
    a.faq()
        .map(|f| {
            (
                f.id.as_str(),
                f.question_inline_html.as_str(),
                f.answer_html.as_str(),
            )
        })
        .collect()
}

fn update_article(site: &mut Site, links: &SiteLinks, i: usize) -> Result<Update, UpdateError> {
    let old = &site.articles[i];
    let rel = old.doc.path.clone();
    let (doc, warnings) =
        content::load_document(&site.root, &rel, DocKind::Article, old.doc.bundle.clone())
            .map_err(UpdateError::Invalid)?;
    if doc.front.draft && !site.drafts {
        return Err(UpdateError::NeedsFullLoad("the article became a draft"));
    }
    let slug = slugify(doc.front.slug.as_deref().unwrap_or(&doc.stem()));
    if slug != old.slug {
        return Err(UpdateError::NeedsFullLoad("the article's address changed"));
    }
    let old_aliases: HashSet<String> = alias_outputs(site, i);
    let old_tags: BTreeSet<String> = site.tags.iter().map(|t| t.slug.clone()).collect();
    let (article, found) = build_article(doc, slug, &links.map, &site.config, site.today);
    let old = std::mem::replace(&mut site.articles[i], article);
    let retitled = old.title() != site.articles[i].title();
    if retitled {
        let articles = std::mem::take(&mut site.articles);
        site.articles = sort_articles(articles, &mut site.bundle_assets);
    }
    let Some(n) = site.articles.iter().position(|a| a.doc.path == rel) else {
        return Err(UpdateError::NeedsFullLoad("the article went missing"));
    };
    // Tags and FAQ groups hold article indexes and titles; derive them again only when the
    // edit could have changed them, since at 10,000 articles that is most of an edit's cost.
    if retitled || old.doc.front.tags != site.articles[n].doc.front.tags {
        site.tags = build_tags(&site.articles);
    }
    let faq_page = if retitled || faq_key(&old) != faq_key(&site.articles[n]) {
        update_faq(site, n)
    } else {
        None
    };
    let new = &site.articles[n];

    let mut up = Update {
        stale: vec![Stale::Article(rel.clone())],
        ..Default::default()
    };
    up.diagnostics.extend(warnings);
    up.diagnostics.extend(found);
    up.stale.extend(stale_lists(&old, new, faq_page));

    let new_topics = new.topics();
    for k in old.topics() {
        if !new_topics.contains(&k) {
            up.removed.push(format!("{}index.html", old.topic_path(k)));
        }
    }
    let tags_now: HashSet<&str> = site.tags.iter().map(|t| t.slug.as_str()).collect();
    for slug in old_tags.iter().filter(|s| !tags_now.contains(s.as_str())) {
        up.removed.push(format!("tags/{slug}/index.html"));
    }
    let new_aliases = alias_outputs(site, n);
    up.removed
        .extend(old_aliases.difference(&new_aliases).cloned());
    if !old_aliases.is_empty() || !new_aliases.is_empty() || !new_topics.is_empty() {
        // A new topic page can collide with another article's alias, so check them all.
        if site
            .articles
            .iter()
            .any(|a| !a.doc.front.aliases.is_empty())
        {
            up.aliases = Some(check_aliases(site, &links.map.static_files));
        }
    }
    Ok(up)
}

/// The list pages an article's edit makes stale: home, the index, feeds and its tags when
/// its listing changed; the hubs and the FAQ when what it gives them changed.
fn stale_lists(old: &Article, new: &Article, faq_page: Option<usize>) -> Vec<Stale> {
    let mut stale = Vec::new();
    let listed = listing_key(old) != listing_key(new);
    if listed {
        stale.extend([Stale::Home, Stale::ArticleIndex, Stale::Feeds]);
        let tags = old.doc.front.tags.iter().chain(&new.doc.front.tags);
        stale.extend(tags.map(|t| Stale::Tag(slugify(t))));
        if old.doc.front.tags != new.doc.front.tags {
            stale.push(Stale::TagIndex);
        }
    }
    for kind in SectionKind::TOPICS {
        let (before, after) = (hub_key(old, kind), hub_key(new, kind));
        if before != after || (listed && (before.is_some() || after.is_some())) {
            stale.push(Stale::Hub(kind));
        }
    }
    let (faq_before, faq_after) = (faq_key(old), faq_key(new));
    if faq_before != faq_after || (listed && !faq_after.is_empty()) {
        stale.push(match faq_page {
            Some(page) if !listed => Stale::FaqPage(page),
            _ => Stale::Faq,
        });
    }
    stale
}

/// Updates the FAQ groups after article `n` changed: in place when only its answers or
/// question wording changed, otherwise by gathering every group again.
///
/// Returns the number of the FAQ page showing the group when it was updated in place (the
/// pages hold the same groups as before), `None` when every group was gathered again.
fn update_faq(site: &mut Site, n: usize) -> Option<usize> {
    let items: Vec<_> = site.articles[n].faq().cloned().collect();
    let position = site
        .faq
        .iter()
        .position(|g| g.source == FaqSource::Article(n) && g.title == site.articles[n].title());
    // Group ids are made unique against every question id, so new question ids need the
    // whole page gathered again.
    let same_ids = |g: &FaqGroup| {
        g.items
            .iter()
            .map(|q| &q.id)
            .eq(items.iter().map(|q| &q.id))
    };
    match position {
        Some(i) if same_ids(&site.faq[i]) => {
            site.faq[i].items = items;
            site.faq_group_pages().get(i).copied()
        }
        _ => {
            site.faq = build_faq(site.faq_file.as_ref(), &site.articles);
            None
        }
    }
}

/// The output files of the alias redirects of article `i`.
fn alias_outputs(site: &Site, i: usize) -> HashSet<String> {
    if site.articles[i].doc.front.aliases.is_empty() {
        return HashSet::new();
    }
    site.aliases()
        .into_iter()
        .filter(|a| a.article == i)
        .map(|a| a.output)
        .collect()
}

fn update_page(site: &mut Site, links: &SiteLinks, j: usize) -> Result<Update, UpdateError> {
    let old = &site.pages[j];
    let rel = old.doc.path.clone();
    let (doc, warnings) = content::load_document(&site.root, &rel, DocKind::Page, None)
        .map_err(UpdateError::Invalid)?;
    if doc.front.draft && !site.drafts {
        return Err(UpdateError::NeedsFullLoad("the page became a draft"));
    }
    if slugify(doc.front.slug.as_deref().unwrap_or(&doc.stem())) != old.slug {
        return Err(UpdateError::NeedsFullLoad("the page's address changed"));
    }
    let rendered = render_doc(&doc, &links.map, &site.config, &old.path, "", false);
    let mut up = Update {
        stale: vec![Stale::Page(rel)],
        ..Default::default()
    };
    up.diagnostics.extend(warnings);
    up.diagnostics
        .extend(link_diagnostics(&doc, &rendered, &site.config));
    let page = &mut site.pages[j];
    page.doc = doc;
    page.rendered = rendered;
    // A new title changes the navigation on every page; serve notices that through the
    // site-wide values and renders everything.
    site.pages
        .sort_by(|a, b| a.doc.front.title.cmp(&b.doc.front.title));
    Ok(up)
}

fn update_extra(site: &mut Site, links: &SiteLinks, rel: &Path) -> Result<Update, UpdateError> {
    let is_faq = site.faq_file.as_ref().is_some_and(|f| f.doc.path == rel);
    let kind = if is_faq { DocKind::Faq } else { DocKind::Home };
    let (doc, warnings) =
        content::load_document(&site.root, rel, kind, None).map_err(UpdateError::Invalid)?;
    if doc.front.draft && !site.drafts {
        return Err(UpdateError::NeedsFullLoad("the file became a draft"));
    }
    let (path, stale) = if is_faq {
        ("faq/", Stale::Faq)
    } else {
        ("", Stale::Home)
    };
    let rendered = render_doc(&doc, &links.map, &site.config, path, "", is_faq);
    let mut up = Update {
        stale: vec![stale],
        ..Default::default()
    };
    up.diagnostics.extend(warnings);
    up.diagnostics
        .extend(link_diagnostics(&doc, &rendered, &site.config));
    let extra = Some(Extra { doc, rendered });
    if is_faq {
        site.faq_file = extra;
        site.faq = build_faq(site.faq_file.as_ref(), &site.articles);
    } else {
        site.home = extra;
    }
    Ok(up)
}

/// The pages that `stale` names in the model as it is now, and whether the sitemap and feed
/// are stale too. Stale parts that no longer exist (a removed tag) are skipped.
pub(super) fn stale_pages<'a>(
    site: &Site,
    stale: impl IntoIterator<Item = &'a Stale>,
) -> (Vec<PageRef>, bool) {
    let mut pages = Vec::new();
    let mut feeds = false;
    let mut seen = HashSet::new();
    let mut push = |p: PageRef, pages: &mut Vec<PageRef>| {
        if seen.insert(p) {
            pages.push(p);
        }
    };
    for s in stale {
        match s {
            Stale::Everything => return (site.pages(), true),
            Stale::Article(path) => {
                let Some(i) = site.articles.iter().position(|a| &a.doc.path == path) else {
                    continue;
                };
                push(PageRef::Article(i), &mut pages);
                for k in site.articles[i].topics() {
                    push(PageRef::Topic(i, k), &mut pages);
                }
                if !site.articles[i].doc.front.aliases.is_empty() {
                    for (n, a) in site.aliases().iter().enumerate() {
                        if a.article == i {
                            push(PageRef::Alias(n), &mut pages);
                        }
                    }
                }
            }
            Stale::Page(path) => {
                if let Some(j) = site.pages.iter().position(|p| &p.doc.path == path) {
                    push(PageRef::Page(j), &mut pages);
                }
            }
            Stale::Home => push(PageRef::Home, &mut pages),
            Stale::ArticleIndex => {
                for p in site.listing_pages(Listing::Articles) {
                    push(p, &mut pages);
                }
                // The search page lists the same guides and topic pages.
                if site.config.search.enabled {
                    push(PageRef::Search, &mut pages);
                }
            }
            Stale::Hub(k) => {
                for p in site.listing_pages(Listing::Hub(*k)) {
                    push(p, &mut pages);
                }
            }
            Stale::Faq => {
                for p in site.listing_pages(Listing::Faq) {
                    push(p, &mut pages);
                }
            }
            Stale::FaqPage(n) => push(Listing::Faq.page(*n), &mut pages),
            Stale::TagIndex => {
                for p in site.listing_pages(Listing::TagIndex) {
                    push(p, &mut pages);
                }
                // Its subject filter lists the tags.
                if site.config.search.enabled {
                    push(PageRef::Search, &mut pages);
                }
            }
            Stale::Tag(slug) => {
                if let Some(t) = site.tags.iter().position(|t| &t.slug == slug) {
                    for p in site.listing_pages(Listing::Tag(t)) {
                        push(p, &mut pages);
                    }
                }
            }
            Stale::Feeds => feeds = true,
        }
    }
    (pages, feeds)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::build::{self, Loaded};
    use crate::output::Memory;
    use crate::serve::state::{Outcome, Shared, State};
    use crate::serve::watch::Change;
    use crate::serve::Reporter;
    use std::sync::Arc;

    fn fixture() -> tempfile::TempDir {
        let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/serve/basic");
        let dir = tempfile::tempdir().expect("tmp");
        for e in walkdir::WalkDir::new(&src) {
            let e = e.expect("walk");
            let to = dir
                .path()
                .join(e.path().strip_prefix(&src).expect("prefix"));
            if e.file_type().is_dir() {
                std::fs::create_dir_all(&to).expect("mkdir");
            } else {
                std::fs::copy(e.path(), &to).expect("copy");
            }
        }
        dir
    }

    fn load(root: &Path) -> Loaded {
        let (loaded, diags) = build::load(root, None, false, chrono::Local::now().date_naive());
        assert!(!diags.has_errors(), "{diags:?}");
        loaded.expect("loads")
    }

    fn render_all(l: &Loaded) -> Memory {
        let m = Memory::new();
        let (_, _, d) = build::render_all(l, &m);
        assert!(!d.has_errors(), "{d:?}");
        m
    }

    /// The served files, without the search index: serve rebuilds that on a thread of its
    /// own after the pages (see serve::search), so it is not part of the comparison.
    fn pages(m: &Memory) -> Vec<(String, Option<Arc<Vec<u8>>>)> {
        let index = format!("{}/", crate::search::DIR);
        m.paths()
            .into_iter()
            .filter(|p| !p.starts_with(&index))
            .map(|p| (p.clone(), m.get(&p)))
            .collect()
    }

    /// Saves an edit of `rel` and hands it to serve's state as the watcher would. Checks that
    /// the served pages changed, and that they are byte for byte what a full build of the
    /// edited site gives. Returns the rebuild's outcome.
    #[track_caller]
    fn check_edit(
        root: &Path,
        state: &mut State,
        served: &Memory,
        rel: &str,
        edit: impl Fn(&str) -> String,
    ) -> Outcome {
        let path = root.join(rel);
        let text = std::fs::read_to_string(&path).expect("read");
        let edited = edit(&text);
        assert_ne!(edited, text, "the edit of {rel} changes the file");
        std::fs::write(&path, edited).expect("write");
        let before = pages(served);
        let outcome = state.apply(&[Change::Content(PathBuf::from(rel))]);
        assert!(
            matches!(outcome, Outcome::Rebuilt { .. }),
            "{rel}: {outcome:?}"
        );
        let after = pages(served);
        assert_ne!(after, before, "editing {rel} changed no served page");
        let fresh = pages(&render_all(&load(root)));
        assert_eq!(
            after.iter().map(|(p, _)| p).collect::<Vec<_>>(),
            fresh.iter().map(|(p, _)| p).collect::<Vec<_>>(),
            "after editing {rel}"
        );
        for ((p, served), (_, fresh)) in after.iter().zip(&fresh) {
            assert!(served == fresh, "{p} differs after editing {rel}");
        }
        outcome
    }

    #[test]
    fn edits_in_place_match_a_full_build() {
        let dir = fixture();
        let root = dir.path();
        let shared = Arc::new(Shared::new(Reporter::new(|_| {})));
        let mut state = State::new(root.to_path_buf(), false, Arc::clone(&shared));
        assert!(matches!(state.load_and_render(), Outcome::Rebuilt { .. }));
        let served = &shared.files;
        let all = pages(served).len();
        let ham = "content/articles/hamstring-stretch.md";
        let calf = "content/articles/calf-stretch.md";
        // A change to one article's text renders only the pages that show it.
        let outcome = check_edit(root, &mut state, served, ham, |t| {
            t.replace("thirty seconds", "a slow count of forty")
        });
        assert!(
            matches!(outcome, Outcome::Rebuilt { files, everything: false, .. } if files < all),
            "{outcome:?}"
        );
        check_edit(root, &mut state, served, ham, |t| {
            t.replace("Hamstring stretch", "A hamstring stretch")
        });
        check_edit(root, &mut state, served, ham, |t| {
            t.replace("[stretching, legs]", "[stretching, knees]")
        });
        check_edit(root, &mut state, served, ham, |t| {
            t.replace("## Precautions", "## More about it")
        });
        check_edit(root, &mut state, served, ham, |t| {
            format!("{t}\n### Can I do it every day?\n\nYes, once a day.\n")
        });
        check_edit(root, &mut state, served, calf, |t| {
            format!("{t}\n## Benefits\n\nLooser calves.\n")
        });
        check_edit(root, &mut state, served, "content/pages/about.md", |t| {
            t.replace("About the clinic", "Who we are")
        });
        check_edit(root, &mut state, served, "content/_index.md", |t| {
            t.replace("stretching", "stretches")
        });
    }

    #[test]
    fn an_edited_answer_renders_only_its_faq_page() {
        let dir = fixture();
        let root = dir.path();
        // One guide's questions per FAQ page, so the FAQ has a page per guide.
        let yaml = root.join("site.yaml");
        let site = std::fs::read_to_string(&yaml).expect("read site.yaml");
        std::fs::write(&yaml, format!("{site}paginate:\n  faq_groups: 1\n")).expect("write");
        let calf = root.join("content/articles/calf-stretch.md");
        let text = std::fs::read_to_string(&calf).expect("read");
        let faq =
            "\n## Frequently asked questions\n\n### Does it help runners?\n\nYes, before a run.\n";
        std::fs::write(&calf, format!("{text}{faq}")).expect("write");
        let shared = Arc::new(Shared::new(Reporter::new(|_| {})));
        let mut state = State::new(root.to_path_buf(), false, Arc::clone(&shared));
        assert!(matches!(state.load_and_render(), Outcome::Rebuilt { .. }));
        let served = &shared.files;
        let faq_pages = |m: &Memory| {
            pages(m)
                .into_iter()
                .filter(|(p, _)| p.starts_with("faq/"))
                .collect::<Vec<_>>()
        };
        assert_eq!(faq_pages(served).len(), 2, "{:?}", served.paths());
        let before = faq_pages(served);
        let outcome = check_edit(
            root,
            &mut state,
            served,
            "content/articles/calf-stretch.md",
            |t| t.replace("before a run", "before and after a run"),
        );
        let after = faq_pages(served);
        let changed = before.iter().zip(&after).filter(|(b, a)| b != a).count();
        assert_eq!(
            changed, 1,
            "one FAQ page shows the calf stretch's questions"
        );
        // The guide's page and its topic page, their print codes, and one FAQ page of two.
        assert!(
            matches!(outcome, Outcome::Rebuilt { files, everything: false, .. } if files == 5),
            "{outcome:?}"
        );
        // A reworded question gets a new id, so every group is gathered again: the FAQ pages
        // are all rendered, and still match a full build.
        let outcome = check_edit(
            root,
            &mut state,
            served,
            "content/articles/calf-stretch.md",
            |t| t.replace("Does it help runners?", "Does it help people who run?"),
        );
        assert!(
            matches!(outcome, Outcome::Rebuilt { files, everything: false, .. } if files == 6),
            "{outcome:?}"
        );
    }

    #[test]
    fn moves_and_new_files_need_a_full_load() {
        let dir = fixture();
        let root = dir.path();
        let mut l = load(root);
        let links = SiteLinks::new(&l.site, Vec::new());
        let calf = "content/articles/calf-stretch.md";
        let text = std::fs::read_to_string(root.join(calf)).expect("read");
        std::fs::write(
            root.join(calf),
            text.replace("title: Calf", "slug: calves\ntitle: Calf"),
        )
        .expect("write");
        let r = update_document(&mut l.site, &links, Path::new(calf));
        assert!(matches!(r, Err(UpdateError::NeedsFullLoad(_))), "{r:?}");
        let r = update_document(&mut l.site, &links, Path::new("content/articles/new.md"));
        assert!(matches!(r, Err(UpdateError::NeedsFullLoad(_))), "{r:?}");
        std::fs::write(root.join(calf), "---\ntitle: [broken\n---\n").expect("write");
        let r = update_document(&mut l.site, &links, Path::new(calf));
        assert!(matches!(r, Err(UpdateError::Invalid(_))), "{r:?}");
        assert_eq!(
            l.site.article_by_slug("calf-stretch").map(|a| a.title()),
            Some("Calf stretch")
        );
    }
}
