//! Topic pages (`/articles/SLUG/benefits/` …) and the hubs that list them (`/benefits/` …).
//!
//! The `topics/sections` fixture has three articles, each section holding one phrase found
//! nowhere else, so a test can tell which section ended up on which page:
//! massage (all three topics), walking (benefits and what to expect), ice-packs (precautions).

use crate::harness::{Page, SiteTest};
use std::collections::BTreeSet;

/// One distinctive phrase per section of the massage article.
const MASSAGE_OVERVIEW: &str = "pressing and kneading";
const MASSAGE_BENEFITS: &str = "Massage loosens tight muscles and calms spasm";
const MASSAGE_EXPECT: &str = "forty minutes on a padded table";
const MASSAGE_PRECAUTIONS: &str = "if you take blood thinners";
const MASSAGE_INTRO: &str = "hands-on treatment for sore muscles";

/// The links of the `nav` that links to every one of `urls` (the article's own page list),
/// as (href, aria-current) pairs.
#[track_caller]
fn article_nav(page: &Page, urls: &[&str]) -> Vec<(String, Option<String>)> {
    let nav_sel = crate::harness::selector("nav");
    let a_sel = crate::harness::selector("a[href]");
    let navs: Vec<Vec<(String, Option<String>)>> = page
        .doc
        .select(&nav_sel)
        .map(|nav| {
            nav.select(&a_sel)
                .map(|a| {
                    (
                        a.value().attr("href").unwrap_or("").to_string(),
                        a.value().attr("aria-current").map(str::to_string),
                    )
                })
                .collect::<Vec<_>>()
        })
        .filter(|links| urls.iter().all(|u| links.iter().any(|(h, _)| h == u)))
        .collect();
    assert_eq!(
        navs.len(),
        1,
        "{}: expected one nav linking all of {urls:?}, found {}",
        page.rel,
        navs.len()
    );
    navs.into_iter().next().unwrap_or_default()
}

#[test]
fn each_topic_page_holds_exactly_its_own_section() {
    let site = SiteTest::fixture("topics/sections");
    site.build_ok();
    let all = [
        MASSAGE_OVERVIEW,
        MASSAGE_BENEFITS,
        MASSAGE_EXPECT,
        MASSAGE_PRECAUTIONS,
        MASSAGE_INTRO,
    ];
    for (topic, own) in [
        ("benefits", MASSAGE_BENEFITS),
        ("what-to-expect", MASSAGE_EXPECT),
        ("precautions", MASSAGE_PRECAUTIONS),
    ] {
        let page = site.page(&format!("articles/massage/{topic}/index.html"));
        page.assert_main_has(&[own]);
        let others: Vec<&str> = all.iter().copied().filter(|p| *p != own).collect();
        page.assert_main_lacks(&others);
    }
    // The full article still holds every section.
    site.page("articles/massage/index.html")
        .assert_main_has(&all);
}

#[test]
fn topic_pages_exist_only_for_sections_the_article_has() {
    let site = SiteTest::fixture("topics/sections");
    site.build_ok();
    let expected: BTreeSet<String> = [
        "articles/massage/benefits/index.html",
        "articles/massage/what-to-expect/index.html",
        "articles/massage/precautions/index.html",
        "articles/walking/benefits/index.html",
        "articles/walking/what-to-expect/index.html",
        "articles/ice-packs/precautions/index.html",
    ]
    .into_iter()
    .map(String::from)
    .collect();
    let written: BTreeSet<String> = site
        .output_files()
        .into_iter()
        .filter(|f| {
            let parts: Vec<&str> = f.split('/').collect();
            parts.len() == 4 && parts[0] == "articles" && parts[3] == "index.html"
        })
        .collect();
    assert_eq!(written, expected);
    // Walking's heading "How walking helps" has no topic keyword in its wording but the
    // "helps" rule; ice packs has no benefits at all.
    site.page("articles/ice-packs/precautions/index.html")
        .assert_main_has(&["Wrap the pack in a thin towel"])
        .assert_main_lacks(&["ten minutes at a time", "Hold the pack"]);
}

#[test]
fn an_articles_pages_link_to_each_other_with_the_current_one_marked() {
    let site = SiteTest::fixture("topics/sections");
    site.build_ok();
    let urls = [
        "/articles/massage/",
        "/articles/massage/benefits/",
        "/articles/massage/what-to-expect/",
        "/articles/massage/precautions/",
    ];
    for current in urls {
        let page = site.page(&format!("{}index.html", current.trim_start_matches('/')));
        let nav = article_nav(&page, &urls);
        let hrefs: Vec<&str> = nav.iter().map(|(h, _)| h.as_str()).collect();
        assert_eq!(hrefs, urls, "{}: the article's pages, in order", page.rel);
        let marked: Vec<&str> = nav
            .iter()
            .filter(|(_, cur)| cur.as_deref() == Some("page"))
            .map(|(h, _)| h.as_str())
            .collect();
        assert_eq!(marked, [current], "{}: aria-current", page.rel);
    }
    // An article with one topic lists just the two pages.
    let ice = site.page("articles/ice-packs/index.html");
    let nav = article_nav(
        &ice,
        &["/articles/ice-packs/", "/articles/ice-packs/precautions/"],
    );
    assert_eq!(nav.len(), 2, "{nav:?}");
}

#[test]
fn topic_pages_show_the_section_heading_as_their_title() {
    let site = SiteTest::fixture("topics/sections");
    site.build_ok();
    let page = site.page("articles/massage/benefits/index.html");
    assert_eq!(page.texts("main h1"), ["Benefits of massage"]);
    // The heading is the page's h1, not repeated as an h2 inside it.
    assert!(
        !page
            .texts("main h2")
            .iter()
            .any(|h| h == "Benefits of massage"),
        "{:?}",
        page.texts("main h2")
    );
    let title = page.texts("title").join("");
    assert!(title.contains("Benefits of massage"), "{title}");
}

#[test]
fn an_explicit_class_beats_the_heading_keywords() {
    // "Side effects you will enjoy {.benefits}" would be a precaution by its words.
    let site = SiteTest::fixture("topics/explicit-class");
    site.build_ok();
    site.page("articles/heat/benefits/index.html")
        .assert_main_has(&["Warmth relaxes stiff muscles"])
        .assert_main_lacks(&["Never fall asleep on a heating pad"]);
    site.page("articles/heat/precautions/index.html")
        .assert_main_has(&["Never fall asleep on a heating pad"])
        .assert_main_lacks(&["Warmth relaxes stiff muscles"]);
    let page = site.page("articles/heat/benefits/index.html");
    assert_eq!(page.texts("main h1"), ["Side effects you will enjoy"]);
    for f in site.output_files() {
        if f.ends_with(".html") {
            assert!(
                !site.read(&f).contains("{.benefits}"),
                "{f} shows the attribute text"
            );
        }
    }
}

#[test]
fn site_rules_classify_a_custom_wording() {
    let site = SiteTest::fixture("topics/custom-rules");
    site.build_ok();
    site.page("articles/cycling/benefits/index.html")
        .assert_main_has(&["Pedalling builds strength"])
        .assert_main_lacks(&["Ride with a friend"]);
    // Without the rules the same headings are ordinary sections.
    site.write("site.yaml", "title: Custom topic rules test\n");
    site.build_ok();
    assert!(!site.exists("articles/cycling/benefits/index.html"));
    assert!(!site.exists("articles/cycling/what-to-expect/index.html"));
}

#[test]
fn a_star_in_a_site_rule_stands_for_any_words() {
    // `on * day` matches "On the big day".
    let site = SiteTest::fixture("topics/custom-rules");
    site.build_ok();
    site.page("articles/cycling/what-to-expect/index.html")
        .assert_main_has(&["Ride with a friend"])
        .assert_main_lacks(&["Pedalling builds strength"]);
}

#[test]
fn hubs_list_exactly_the_articles_with_that_section() {
    let site = SiteTest::fixture("topics/sections");
    site.build_ok();
    for (hub, expected) in [
        ("benefits", vec!["massage", "walking"]),
        ("what-to-expect", vec!["massage", "walking"]),
        ("precautions", vec!["ice-packs", "massage"]),
    ] {
        let page = site.page(&format!("{hub}/index.html"));
        let linked: BTreeSet<String> = page
            .attrs("main a[href]", "href")
            .into_iter()
            .filter_map(|h| {
                let rest = h.strip_prefix("/articles/")?;
                let (slug, topic) = rest.trim_end_matches('/').split_once('/')?;
                (topic == hub).then(|| slug.to_string())
            })
            .collect();
        let expected: BTreeSet<String> = expected.into_iter().map(String::from).collect();
        assert_eq!(linked, expected, "/{hub}/ lists");
    }
    site.page("benefits/index.html")
        .assert_main_lacks(&["Ice packs for a new injury"]);
}

#[test]
fn hub_entries_show_the_title_an_excerpt_and_link_the_topic_page() {
    let site = SiteTest::fixture("topics/sections");
    site.build_ok();
    let page = site.page("benefits/index.html");
    let sel = crate::harness::selector(r#"main a[href="/articles/massage/benefits/"]"#);
    let link_texts: Vec<String> = page.doc.select(&sel).map(crate::harness::text_of).collect();
    assert!(
        link_texts
            .iter()
            .any(|t| t.contains("Massage for back pain")),
        "link text to the topic page: {link_texts:?}"
    );
    // The excerpt comes from the section itself, not another one.
    page.assert_main_has(&["Massage loosens tight muscles", "Walking strengthens"])
        .assert_main_lacks(&[MASSAGE_EXPECT, MASSAGE_PRECAUTIONS]);
}
