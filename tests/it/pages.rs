//! Large sites: every list is split into pages of `paginate:` entries with previous/next
//! links, the home page shows a bounded selection, the sitemap splits into an index and files,
//! and the feed holds the newest entries. The site is generated in the test (23 articles with
//! a small page size) so that every list runs over several pages.

use crate::harness::{parse_atom, sitemap_locs, Page, SiteTest};
use std::collections::{BTreeMap, BTreeSet};

const BASE: &str = "https://big.example/";
const ARTICLES: usize = 23;

/// A site of `ARTICLES` articles: each has benefits and precautions, every third what to
/// expect, two FAQ questions, and one of three tags ("Knee", "Back", "Sleep"; articles 0 to 6
/// also "Neck"). Article `i` was updated on day `i` of March, so the last is the newest.
fn big_site(paginate: &str) -> SiteTest {
    let t = SiteTest::empty();
    t.write(
        "site.yaml",
        format!("title: Big clinic\nbase_url: {BASE}\npaginate:\n{paginate}"),
    );
    t.write(
        "content/faq.md",
        "---\ntitle: Questions\n---\n\n## Visits\n\n### How do I book?\n\nCall us.\n",
    );
    for i in 0..ARTICLES {
        let tag = ["Knee", "Back", "Sleep"][i % 3];
        let tags = if i < 7 {
            format!("[{tag}, Neck]")
        } else {
            format!("[{tag}]")
        };
        let expect = if i % 3 == 0 {
            "## What to expect\n\nA short visit with gentle movement.\n\n"
        } else {
            ""
        };
        t.write(
            &format!("content/articles/guide-{i:02}.md"),
            format!(
                "---\ntitle: \"{} guide number {i}\"\ndescription: Guide {i}.\ndate: 2026-02-01\nupdated: 2026-03-{:02}\ntags: {tags}\n---\n\nThis guide helps with care at home.\n\n## Benefits\n\nIt can ease pain and help you sleep.\n\n{expect}## Precautions\n\nStop if it hurts more.\n\n## Frequently asked questions\n\n### Is guide {i} safe?\n\nYes, for most people.\n\n### How long does guide {i} take?\n\nAbout ten minutes.\n",
                ["Ankle", "Back", "Calf", "Diet", "Elbow"][i % 5],
                i + 1,
            ),
        );
    }
    t
}

const SMALL_PAGES: &str =
    "  per_page: 5\n  faq_groups: 4\n  tags: 2\n  home: 6\n  feed: 7\n  sitemap: 10\n";

/// The pages of a list, starting at `first` and following `rel=next` links, checking on the
/// way that each next page links back with `rel=prev`, that the head's rel links match the
/// visible navigation, and that the current page is marked.
#[track_caller]
fn walk(t: &SiteTest, first: &str) -> Vec<Page> {
    let mut pages: Vec<Page> = Vec::new();
    let mut rel = first.to_string();
    let mut prev: Option<String> = None;
    loop {
        let page = t.page(&format!("{rel}index.html"));
        let head_prev = page.attrs("head link[rel=prev]", "href").pop();
        let head_next = page.attrs("head link[rel=next]", "href").pop();
        assert_eq!(head_prev, prev.clone(), "{rel}: rel=prev in <head>");
        let nav = "nav[aria-label=\"Pages of this list\"]";
        assert_eq!(
            page.attrs(&format!("{nav} a[rel=prev]"), "href").pop(),
            head_prev,
            "{rel}"
        );
        assert_eq!(
            page.attrs(&format!("{nav} a[rel=next]"), "href").pop(),
            head_next,
            "{rel}"
        );
        let n = pages.len() + 1;
        assert_eq!(
            page.attrs(&format!("{nav} a[aria-current=page]"), "href"),
            vec![format!("/{rel}")],
            "{rel}: the current page is marked"
        );
        if n > 1 {
            let title = page.texts("title").join("");
            assert!(
                title.contains(&format!("page {n} of")),
                "{rel}: title {title:?}"
            );
        }
        prev = Some(format!("/{rel}"));
        pages.push(page);
        match head_next {
            Some(next) => rel = next.trim_start_matches('/').to_string(),
            None => break,
        }
    }
    assert!(pages.len() > 1, "{first} was not split");
    pages
}

/// The entries of a list across all its pages, in order.
fn entries(pages: &[Page], sel: &str) -> Vec<String> {
    pages.iter().flat_map(|p| p.attrs(sel, "href")).collect()
}

#[track_caller]
fn assert_each_once(found: &[String], expected: &BTreeSet<String>, what: &str) {
    let mut counts: BTreeMap<&String, usize> = BTreeMap::new();
    for f in found {
        *counts.entry(f).or_default() += 1;
    }
    let twice: Vec<_> = counts.iter().filter(|(_, n)| **n > 1).collect();
    assert!(twice.is_empty(), "{what}: listed more than once: {twice:?}");
    let found: BTreeSet<String> = found.iter().cloned().collect();
    assert_eq!(&found, expected, "{what}: entries differ");
}

fn article_url(i: usize) -> String {
    format!("/articles/guide-{i:02}/")
}

#[test]
fn every_list_is_split_with_reciprocal_links_and_each_entry_once() {
    let t = big_site(SMALL_PAGES);
    t.build_ok();
    let all: BTreeSet<String> = (0..ARTICLES).map(article_url).collect();

    let index = walk(&t, "articles/");
    assert_eq!(index.len(), 5, "23 articles at 5 a page");
    assert_each_once(
        &entries(&index, "main .card-title a"),
        &all,
        "articles index",
    );
    // A to Z: the letter index sends each first letter to the page where it starts.
    let letters = index[0].texts("nav[aria-label=\"Guides by first letter\"] a");
    assert_eq!(letters, ["A", "B", "C", "D", "E"]);

    let benefits = walk(&t, "benefits/");
    let topics: BTreeSet<String> = (0..ARTICLES)
        .map(|i| format!("{}benefits/", article_url(i)))
        .collect();
    assert_each_once(
        &entries(&benefits, "main .card-title a"),
        &topics,
        "benefits hub",
    );
    let expect = walk(&t, "what-to-expect/");
    let with_expect: BTreeSet<String> = (0..ARTICLES)
        .filter(|i| i % 3 == 0)
        .map(|i| format!("{}what-to-expect/", article_url(i)))
        .collect();
    assert_each_once(
        &entries(&expect, "main .card-title a"),
        &with_expect,
        "what-to-expect hub",
    );

    let knee = walk(&t, "tags/knee/");
    let knee_articles: BTreeSet<String> = (0..ARTICLES)
        .filter(|i| i % 3 == 0)
        .map(article_url)
        .collect();
    assert_each_once(
        &entries(&knee, "main .card-title a"),
        &knee_articles,
        "tag Knee",
    );

    // Four tags at two a page.
    let tags = walk(&t, "tags/");
    let tag_urls: BTreeSet<String> = ["back", "knee", "neck", "sleep"]
        .iter()
        .map(|s| format!("/tags/{s}/"))
        .collect();
    assert_each_once(
        &entries(&tags, "main .tag-index a"),
        &tag_urls,
        "tags index",
    );
}

#[test]
fn the_faq_is_split_by_guide_and_search_finds_each_question_on_its_page() {
    let t = big_site(SMALL_PAGES);
    t.build_ok();
    let faq = walk(&t, "faq/");
    assert_eq!(faq.len(), 6, "23 guides' groups at 4 a page");
    // The site's own questions come first, once; every guide's questions appear on one page.
    let ids: Vec<String> = faq
        .iter()
        .flat_map(|p| p.attrs("main details.faq", "id"))
        .collect();
    assert_eq!(ids.len(), 1 + 2 * ARTICLES);
    assert_each_once(&ids, &ids.iter().cloned().collect(), "FAQ questions");
    assert!(
        faq[0].by_id("how-do-i-book").is_some(),
        "the site's question is on the first page"
    );
    // Each FAQPage block describes only the questions on its own page.
    for p in &faq {
        let ld = p.one_json_ld("FAQPage");
        let asked = ld["mainEntity"].as_array().map_or(0, Vec::len);
        assert_eq!(asked, p.attrs("main details.faq", "id").len(), "{}", p.rel);
    }
}

#[test]
fn the_home_page_shows_the_newest_guides_and_links_to_all() {
    let t = big_site(SMALL_PAGES);
    t.build_ok();
    let home = t.page("index.html");
    let shown = home.attrs("main .card-title a", "href");
    let newest: Vec<String> = (ARTICLES - 6..ARTICLES).rev().map(article_url).collect();
    assert_eq!(shown, newest);
    assert_eq!(home.attrs("main p.more a", "href"), ["/articles/"]);
}

#[test]
fn the_sitemap_splits_into_an_index_and_the_feed_holds_the_newest() {
    let t = big_site(SMALL_PAGES);
    t.build_ok();
    let index = crate::harness::parse_xml(&t.read("sitemap.xml"));
    assert_eq!(index.name, "sitemapindex");
    let mut listed = Vec::new();
    for s in index.all("sitemap") {
        let loc = s
            .first("loc")
            .map(|l| l.text.trim().to_string())
            .unwrap_or_default();
        let file = loc
            .strip_prefix(BASE)
            .unwrap_or_else(|| panic!("{loc} is not on the site"));
        let locs = sitemap_locs(&t.read(file));
        assert!(
            !locs.is_empty() && locs.len() <= 10,
            "{file} has {} addresses",
            locs.len()
        );
        listed.extend(locs);
    }
    crate::harness::assert_sitemap_lists_every_page(&t.public(), BASE);
    let unique: BTreeSet<&String> = listed.iter().collect();
    assert_eq!(
        unique.len(),
        listed.len(),
        "an address is in two sitemap files"
    );

    let feed = parse_atom(&t.read("atom.xml"));
    let links: Vec<String> = feed.entries.iter().map(|(_, href)| href.clone()).collect();
    let newest: Vec<String> = (ARTICLES - 7..ARTICLES)
        .rev()
        .map(|i| format!("{BASE}{}", article_url(i).trim_start_matches('/')))
        .collect();
    assert_eq!(links, newest);
}

#[test]
fn a_site_that_fits_keeps_one_page_per_list_and_one_sitemap() {
    let t = big_site("  per_page: 100\n  faq_groups: 100\n");
    t.build_ok();
    for list in ["articles/", "benefits/", "faq/", "tags/", "tags/knee/"] {
        let page = t.page(&format!("{list}index.html"));
        assert!(page.attrs("link[rel=next]", "href").is_empty(), "{list}");
        assert!(
            page.texts("nav[aria-label=\"Pages of this list\"]")
                .is_empty(),
            "{list}"
        );
        assert!(!t.exists(&format!("{list}page/2/index.html")), "{list}");
    }
    assert_eq!(
        t.page("index.html")
            .attrs("main .card-title a", "href")
            .len(),
        ARTICLES
    );
    // One sitemap file: every article, topic and list page.
    crate::harness::assert_sitemap_lists_every_page(&t.public(), BASE);
    assert!(sitemap_locs(&t.read("sitemap.xml")).len() > ARTICLES);
}

#[test]
fn a_bad_page_size_is_an_error_naming_the_setting() {
    let t = big_site("  per_page: 0\n  sitemap: 60000\n");
    let run = t.run(&["build"]);
    run.assert_code(1)
        .assert_stderr_has("paginate.per_page must be between 1 and 10000, not 0")
        .assert_stderr_has("paginate.sitemap must be between 1 and 50000, not 60000")
        .assert_stderr_has("site.yaml:");
}

/// The search page of a large site lists first letters, not every guide: following its
/// links, and the pages of the articles index they lead to, reaches every guide, and each
/// letter lands on a page that shows guides starting with it.
#[test]
fn search_without_javascript_reaches_every_guide_by_letter() {
    let t = big_site(SMALL_PAGES);
    t.build_ok();
    let search = t.page("search/index.html");
    assert!(search.texts(".search-all .az-list li").is_empty());
    let letters = search.texts(".search-all nav a");
    assert_eq!(letters, ["A", "B", "C", "D", "E"]);
    let mut queue: Vec<String> = search.attrs(".search-all a", "href");
    for (letter, href) in letters
        .iter()
        .zip(search.attrs(".search-all nav a", "href"))
    {
        let page = t.page(&format!("{}index.html", href.trim_start_matches('/')));
        let titles = page.texts("main .card-title a");
        assert!(
            titles.iter().any(|t| t.starts_with(letter.as_str())),
            "{letter} leads to {href}, which shows {titles:?}"
        );
    }
    // Every list page reached from the search page, and every guide on them.
    let mut seen = BTreeSet::new();
    let mut guides = BTreeSet::new();
    while let Some(href) = queue.pop() {
        if !href.starts_with("/articles/") || !seen.insert(href.clone()) {
            continue;
        }
        let page = t.page(&format!("{}index.html", href.trim_start_matches('/')));
        guides.extend(page.attrs("main .card-title a", "href"));
        queue.extend(page.attrs("main nav a", "href"));
    }
    let all: BTreeSet<String> = (0..ARTICLES).map(article_url).collect();
    assert_eq!(guides, all);
}
