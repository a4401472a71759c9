//! Links in the output: every internal `href`/`src` resolves to a file that was written (and a
//! `#fragment` to an id on that page), author `.md` links become site URLs, and `--base-url`
//! moves every link under its path.

use crate::harness::{
    assert_internal_links_resolve, assert_sitemap_lists_every_page, parse_atom, SiteTest,
};

#[test]
fn md_links_become_site_urls() {
    let site = SiteTest::fixture("build/small");
    site.build_ok();
    let hrefs = |rel: &str| site.page(rel).attrs("main a[href]", "href");
    // Fragment kept, relative to the article's file.
    assert!(hrefs("articles/massage/index.html")
        .contains(&"/articles/walking/#first-steps".to_string()));
    // Article to page and page to article, across folders.
    assert!(hrefs("articles/walking/index.html").contains(&"/about/".to_string()));
    assert!(hrefs("about/index.html").contains(&"/articles/massage/".to_string()));
    for rel in [
        "articles/massage/index.html",
        "articles/walking/index.html",
        "about/index.html",
    ] {
        assert!(
            !hrefs(rel)
                .iter()
                .any(|h| h.ends_with(".md") || h.contains(".md#")),
            "{rel} still links to a .md file: {:?}",
            hrefs(rel)
        );
    }
}

#[test]
fn every_internal_link_resolves_and_every_id_is_unique_in_every_fixture() {
    for (fixture, base_url) in [
        ("build/small", "https://small.example/"),
        ("build/review", "https://review.example/"),
        ("build/aliases", "https://aliases.example/"),
        ("build/bundle", "https://bundle.example/"),
        ("build/static", "/"),
        ("topics/sections", "https://topics.example/"),
        ("faq/groups", "https://faq.example/"),
    ] {
        let site = SiteTest::fixture(fixture);
        site.build_ok();
        assert_internal_links_resolve(&site.public(), base_url);
        crate::harness::assert_ids_unique(&site.public());
    }
}

#[test]
fn the_link_check_catches_a_dangling_link() {
    // The checker the other tests rely on must notice a link to a page that was not written
    // and a fragment that names no id.
    let site = SiteTest::fixture("build/review");
    site.build_ok();
    assert_internal_links_resolve(&site.public(), "https://review.example/");
    let page = site.public().join("about/index.html");
    let html = std::fs::read_to_string(&page).expect("about");
    let html = html.replace(
        "</main>",
        r##"<a href="/articles/nowhere/">x</a><a href="/articles/knee/#no-such-id">y</a></main>"##,
    );
    std::fs::write(&page, html).expect("write");
    let broken = crate::harness::broken_internal_links(&site.public(), "https://review.example/");
    assert_eq!(broken.len(), 2, "{broken:#?}");
}

#[test]
fn base_url_puts_every_link_under_its_path() {
    let site = SiteTest::fixture("build/small");
    site.build_with(&["--base-url", "https://clinic.example/guides/"]);
    let out = site.public();
    // A root-relative link outside /guides/ counts as broken here.
    assert_internal_links_resolve(&out, "https://clinic.example/guides/");
    let page = site.page("articles/massage/index.html");
    assert_eq!(
        page.attrs(r#"link[rel="canonical"]"#, "href"),
        ["https://clinic.example/guides/articles/massage/"]
    );
    assert!(page
        .attrs("main a[href]", "href")
        .contains(&"/guides/articles/walking/#first-steps".to_string()));
    assert_sitemap_lists_every_page(&out, "https://clinic.example/guides/");
    assert!(site
        .read("robots.txt")
        .contains("Sitemap: https://clinic.example/guides/sitemap.xml"));
    for (_, link) in parse_atom(&site.read("atom.xml")).entries {
        assert!(
            link.starts_with("https://clinic.example/guides/articles/"),
            "{link}"
        );
    }
}

#[test]
fn base_url_moves_bundle_and_static_files_too() {
    for (fixture, asset) in [
        ("build/bundle", "/sub/articles/knee-brace/photos/straps.svg"),
        ("build/static", "/sub/images/bridge.svg"),
    ] {
        let site = SiteTest::fixture(fixture);
        site.build_with(&["--base-url", "https://clinic.example/sub/"]);
        assert_internal_links_resolve(&site.public(), "https://clinic.example/sub/");
        let srcs: Vec<String> = crate::harness::html_files(&site.public())
            .into_iter()
            .flat_map(|f| site.page(&f).attrs("main img", "src"))
            .collect();
        assert!(srcs.contains(&asset.to_string()), "{fixture}: {srcs:?}");
    }
}
