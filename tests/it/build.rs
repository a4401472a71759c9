//! `handout build` end to end: what each page says about review dates and the clinic,
//! structured data, sitemap, feed and robots.txt, redirects, drafts, output options, page
//! bundles, template overrides, static files, and the example site at the repo root.

use crate::harness::{
    assert_ids_unique, assert_internal_links_resolve, assert_sitemap_lists_every_page, html_files,
    page_at, parse_atom, sitemap_locs, SiteTest,
};
use std::path::Path;

// ---- review dates, disclaimer, emergency notice, contact -------------------------------

#[test]
fn article_and_topic_pages_show_the_review_line() {
    // reviewed 2025-08-31 + 18 months: February has no 31st, so the 28th.
    let site = SiteTest::fixture("build/review");
    site.build_ok();
    let line =
        "Last reviewed 31 August 2025 by Dr. Sam Okafor, PT · Next review due 28 February 2027";
    for rel in [
        "articles/knee/index.html",
        "articles/knee/benefits/index.html",
        "articles/knee/precautions/index.html",
    ] {
        let page = site.page(rel);
        page.assert_main_has(&[line]);
        let times = page.attrs("main time[datetime]", "datetime");
        assert!(
            times.contains(&"2025-08-31".to_string()) && times.contains(&"2027-02-28".to_string()),
            "{rel}: <time datetime> values {times:?}"
        );
    }
    site.page("articles/hip/index.html").assert_main_has(&[
        "Last reviewed 15 March 2026 by Dr. Ada Lee, DPT · Next review due 15 September 2027",
    ]);
}

#[test]
fn every_page_carries_the_disclaimer_emergency_notice_and_contact() {
    let site = SiteTest::fixture("build/review");
    site.build_ok();
    let pages = html_files(&site.public());
    assert!(pages.len() >= 10, "{pages:?}");
    for rel in pages {
        let page = site.page(&rel);
        let body = page.body_text();
        for needle in [
            "General information only. Ask your own clinician about your care.",
            "If you cannot feel your legs, call 911 now.",
            "Riverside Physio (test)",
            "(555) 010-2030",
            "desk@riverside.example",
        ] {
            assert!(body.contains(needle), "{rel} lacks {needle:?}");
        }
        let hrefs = page.attrs("a[href]", "href");
        assert!(
            hrefs.iter().any(|h| h == "tel:5550102030"),
            "{rel}: no tel: link"
        );
        assert!(
            hrefs.iter().any(|h| h == "mailto:desk@riverside.example"),
            "{rel}: no mailto: link"
        );
    }
}

// ---- structured data ----------------------------------------------------------------------

#[test]
fn article_and_topic_pages_describe_themselves_as_medical_web_pages() {
    let site = SiteTest::fixture("build/review");
    site.build_ok();
    for (rel, url) in [
        (
            "articles/knee/index.html",
            "https://review.example/articles/knee/",
        ),
        (
            "articles/knee/benefits/index.html",
            "https://review.example/articles/knee/benefits/",
        ),
    ] {
        let page = site.page(rel);
        let ld = page.one_json_ld("MedicalWebPage");
        assert_eq!(ld["@context"], "https://schema.org", "{rel}");
        assert!(
            ld["name"]
                .as_str()
                .unwrap_or("")
                .contains("Knee exercises after surgery"),
            "{rel}: name {}",
            ld["name"]
        );
        assert_eq!(ld["url"], url, "{rel}");
        assert_eq!(
            ld["description"], "Simple exercises to get your knee moving again.",
            "{rel}"
        );
        assert_eq!(ld["lastReviewed"], "2025-08-31", "{rel}");
        assert_eq!(ld["reviewedBy"]["name"], "Dr. Sam Okafor, PT", "{rel}");
        assert_eq!(ld["audience"]["audienceType"], "Patient", "{rel}");
        assert_eq!(ld["medicalAudience"]["audienceType"], "Patient", "{rel}");
        let about: Vec<(&str, &str)> = ld["about"]
            .as_array()
            .expect("about list")
            .iter()
            .map(|a| {
                (
                    a["@type"].as_str().unwrap_or(""),
                    a["name"].as_str().unwrap_or(""),
                )
            })
            .collect();
        assert!(
            about.contains(&("MedicalCondition", "Knee replacement"))
                && about.contains(&("MedicalTherapy", "Exercise therapy")),
            "{rel}: about {about:?}"
        );
    }
}

#[test]
fn breadcrumb_lists_lead_from_home_to_the_page() {
    let site = SiteTest::fixture("build/review");
    site.build_ok();
    let ld = site
        .page("articles/knee/benefits/index.html")
        .one_json_ld("BreadcrumbList");
    let items = ld["itemListElement"].as_array().expect("items");
    let trail: Vec<(u64, &str)> = items
        .iter()
        .map(|i| {
            (
                i["position"].as_u64().unwrap_or(0),
                i["item"].as_str().unwrap_or(""),
            )
        })
        .collect();
    assert_eq!(
        trail,
        [
            (1, "https://review.example/"),
            (2, "https://review.example/articles/"),
            (3, "https://review.example/articles/knee/"),
            (4, "https://review.example/articles/knee/benefits/"),
        ]
    );
    // Every page with a trail has one; the home page has none.
    for rel in [
        "articles/index.html",
        "about/index.html",
        "benefits/index.html",
    ] {
        site.page(rel).one_json_ld("BreadcrumbList");
    }
    assert!(site
        .page("index.html")
        .json_ld_of("BreadcrumbList")
        .is_empty());
}

// ---- sitemap, feed, robots.txt ------------------------------------------------------------

#[test]
fn the_sitemap_lists_every_page_written() {
    let site = SiteTest::fixture("build/small");
    site.build_ok();
    assert_sitemap_lists_every_page(&site.public(), "https://small.example/");
}

#[test]
fn the_sitemap_leaves_out_redirects_and_the_404_page() {
    let site = SiteTest::fixture("build/aliases");
    site.build_ok();
    let locs = sitemap_locs(&site.read("sitemap.xml"));
    assert!(locs.contains(&"https://aliases.example/articles/massage/".to_string()));
    for loc in &locs {
        assert!(
            !loc.contains("old/") && !loc.contains("guides/") && !loc.contains("404"),
            "{loc} should not be in the sitemap"
        );
    }
    assert_sitemap_lists_every_page(&site.public(), "https://aliases.example/");
}

#[test]
fn the_feed_is_atom_and_lists_the_articles() {
    let site = SiteTest::fixture("build/small");
    site.build_ok();
    let feed = parse_atom(&site.read("atom.xml"));
    assert_eq!(feed.title, "Small test site");
    let mut entries = feed.entries.clone();
    entries.sort();
    assert_eq!(
        entries,
        [
            (
                "Massage & back pain".to_string(),
                "https://small.example/articles/massage/".to_string()
            ),
            (
                "Walking with back pain".to_string(),
                "https://small.example/articles/walking/".to_string()
            ),
        ]
    );
    // Most recently changed first: massage was updated in May, walking published in January.
    assert_eq!(feed.entries[0].0, "Massage & back pain");
}

#[test]
fn the_feed_has_valid_dates_even_when_no_article_has_one() {
    // build/aliases has no date, updated or reviewed anywhere.
    let site = SiteTest::fixture("build/aliases");
    site.build_ok();
    let feed = parse_atom(&site.read("atom.xml"));
    assert_eq!(feed.entries.len(), 1);
}

#[test]
fn robots_txt_points_to_the_sitemap() {
    let site = SiteTest::fixture("build/small");
    site.build_ok();
    let robots = site.read("robots.txt");
    assert!(robots.contains("User-agent: *"), "{robots}");
    assert!(
        robots
            .lines()
            .any(|l| l.trim() == "Sitemap: https://small.example/sitemap.xml"),
        "{robots}"
    );
}

// ---- aliases and drafts ---------------------------------------------------------------------

#[test]
fn aliases_redirect_to_the_new_address() {
    let site = SiteTest::fixture("build/aliases");
    site.build_ok();
    for rel in ["old/deep-tissue.html", "guides/massage/index.html"] {
        let page = site.page(rel);
        assert!(page.is_redirect(), "{rel} is not a redirect");
        let refresh = page
            .attrs(r#"meta[http-equiv="refresh"]"#, "content")
            .join("");
        assert!(
            refresh.ends_with("url=/articles/massage/"),
            "{rel}: {refresh}"
        );
        assert_eq!(
            page.attrs(r#"link[rel="canonical"]"#, "href"),
            ["https://aliases.example/articles/massage/"]
        );
        // A link for browsers that ignore meta refresh.
        assert!(page
            .attrs("a[href]", "href")
            .contains(&"/articles/massage/".to_string()));
    }
    assert_internal_links_resolve(&site.public(), "https://aliases.example/");
}

#[test]
fn drafts_are_left_out_unless_asked_for() {
    let site = SiteTest::fixture("build/drafts");
    site.build_ok();
    let files = site.output_files();
    assert!(
        !files.iter().any(|f| f.contains("swimming")),
        "draft pages written: {files:?}"
    );
    for rel in [
        "index.html",
        "articles/index.html",
        "benefits/index.html",
        "faq/index.html",
        "tags/exercise/index.html",
    ] {
        site.page(rel)
            .assert_main_lacks(&["Swimming while your back heals", "breaststroke"]);
    }
    for file in ["sitemap.xml", "atom.xml"] {
        assert!(
            !site.read(file).contains("swimming"),
            "{file} lists the draft"
        );
    }
    assert!(site.exists("articles/walking/index.html"));

    site.build_with(&["--drafts"]);
    let page = site.page("articles/swimming/index.html");
    page.assert_main_has(&["Water holds up your weight"]);
    assert_eq!(
        page.attrs(r#"meta[name="robots"]"#, "content"),
        ["noindex"],
        "a draft asks not to be indexed"
    );
    assert!(site.exists("articles/swimming/benefits/index.html"));
    site.page("benefits/index.html")
        .assert_main_has(&["Swimming while your back heals"]);
    site.page("faq/index.html")
        .assert_main_has(&["Is the breaststroke safe?"]);
}

// ---- output options ---------------------------------------------------------------------

#[test]
fn out_writes_the_site_where_asked() {
    let site = SiteTest::fixture("build/small");
    let elsewhere = tempfile::tempdir().expect("tmp");
    let out = elsewhere.path().join("site-output");
    let out_s = out.to_string_lossy().into_owned();
    site.build_with(&["--out", &out_s]);
    assert!(out.join("index.html").is_file());
    assert!(out.join("articles/massage/index.html").is_file());
    assert!(!site.public().exists(), "public/ was written too");
    // A second build replaces the first one in place.
    site.build_with(&["--out", &out_s]);
    assert!(out.join("articles/walking/index.html").is_file());
}

// ---- bundles, templates, static files ---------------------------------------------------

#[test]
fn page_bundles_copy_their_files_beside_the_article() {
    let fixture = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/build/bundle/content/articles/knee-brace");
    let site = SiteTest::fixture("build/bundle");
    site.build_ok();
    for f in ["brace.svg", "photos/straps.svg", "fitting-sheet.txt"] {
        let copied = std::fs::read(site.public().join("articles/knee-brace").join(f))
            .unwrap_or_else(|e| panic!("{f} not copied: {e}"));
        assert_eq!(
            copied,
            std::fs::read(fixture.join(f)).expect("fixture"),
            "{f}"
        );
    }
    assert!(
        !site.exists("articles/knee-brace/index.md"),
        "the source was copied"
    );
    let page = site.page("articles/knee-brace/index.html");
    assert!(page
        .attrs("main img", "src")
        .contains(&"/articles/knee-brace/photos/straps.svg".to_string()));
    assert_internal_links_resolve(&site.public(), "/");
}

#[test]
fn site_templates_override_the_theme() {
    let site = SiteTest::fixture("build/templates");
    site.build_ok();
    // page.html extends the theme's own page.html and adds a note.
    let about = site.page("about/index.html");
    about.assert_main_has(&[
        "Printed copies are at the front desk.",
        "We are a small clinic",
    ]);
    assert_eq!(about.texts("main h1"), ["About us"]);
    // 404.html is replaced outright.
    let not_found = site.page("404.html");
    assert_eq!(not_found.texts("main h1"), ["Lost your way?"]);
    not_found.assert_main_has(&["That guide has moved. Ask at the front desk."]);
    // Other templates are the theme's.
    site.page("articles/walking/index.html")
        .assert_main_lacks(&["Printed copies are at the front desk."]);
}

#[test]
fn a_site_component_replaces_the_themes_of_the_same_name() {
    let site = SiteTest::fixture("build/components");
    site.build_ok();
    let walking = site.page("articles/walking/index.html");
    // `tools` is the site's own; `review` is still the default theme's.
    walking.assert_main_has(&[
        "Ask at reception for a large-print copy.",
        "Not yet reviewed by a clinician",
    ]);
    walking.assert_main_lacks(&["Print this page"]);
}

#[test]
fn static_files_are_copied_as_they_are() {
    let fixture = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/build/static/static");
    let site = SiteTest::fixture("build/static");
    site.build_ok();
    for f in ["files/exercise-sheet.txt", "images/bridge.svg"] {
        assert_eq!(
            std::fs::read(site.public().join(f)).unwrap_or_default(),
            std::fs::read(fixture.join(f)).expect("fixture"),
            "{f}"
        );
    }
    // The theme's own static files are still there.
    assert!(site.exists("css/style.css"));
    assert_internal_links_resolve(&site.public(), "/");
}

#[test]
fn windows_line_endings_and_a_byte_order_mark_are_read_normally() {
    let site = SiteTest::fixture("build/review");
    site.write(
        "content/articles/windows.md",
        "\u{feff}---\r\ntitle: Written on Windows\r\nreviewed: 2026-01-02\r\nreviewer: Dr. Ada Lee\r\n---\r\n\r\nSaved by Notepad.\r\n\r\n## Benefits\r\n\r\nIt still works.\r\n",
    );
    site.build_ok();
    let page = site.page("articles/windows/index.html");
    assert_eq!(page.texts("main h1"), ["Written on Windows"]);
    page.assert_main_has(&[
        "Saved by Notepad.",
        "Last reviewed 2 January 2026 by Dr. Ada Lee",
    ]);
    site.page("articles/windows/benefits/index.html")
        .assert_main_has(&["It still works."]);
}

// ---- the example site ---------------------------------------------------------------------

#[test]
fn the_example_site_builds_cleanly_with_every_kind_of_page() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let tmp = tempfile::tempdir().expect("tmp");
    let out = tmp.path().join("out");
    let run = std::process::Command::new(env!("CARGO_BIN_EXE_handout"))
        .args(["build", "--root"])
        .arg(root)
        .arg("--out")
        .arg(&out)
        .output()
        .expect("run handout");
    let stderr = String::from_utf8_lossy(&run.stderr);
    assert_eq!(run.status.code(), Some(0), "{stderr}");
    assert!(
        !stderr.contains(": warning: "),
        "the example site should build without warnings:\n{stderr}"
    );
    assert!(stderr.contains("with 0 warnings"), "{stderr}");

    let articles: Vec<String> = std::fs::read_dir(root.join("content/articles"))
        .expect("articles")
        .map(|e| {
            let p = e.expect("entry").path();
            let name = p.file_name().expect("name").to_string_lossy().into_owned();
            name.trim_end_matches(".md").to_string()
        })
        .collect();
    assert!(articles.len() >= 4, "{articles:?}");
    let mut expected = vec![
        "index.html".to_string(),
        "articles/index.html".into(),
        "benefits/index.html".into(),
        "what-to-expect/index.html".into(),
        "precautions/index.html".into(),
        "faq/index.html".into(),
        "tags/index.html".into(),
        "tags/back-pain/index.html".into(),
        "about/index.html".into(),
        "contact/index.html".into(),
        "sitemap.xml".into(),
        "atom.xml".into(),
        "robots.txt".into(),
        "404.html".into(),
    ];
    for slug in &articles {
        expected.push(format!("articles/{slug}/index.html"));
        for topic in ["benefits", "what-to-expect", "precautions"] {
            expected.push(format!("articles/{slug}/{topic}/index.html"));
        }
    }
    let missing: Vec<&String> = expected
        .iter()
        .filter(|f| !out.join(f.as_str()).is_file())
        .collect();
    assert!(missing.is_empty(), "not written: {missing:#?}");

    // Each hub lists every article (each has all three topics).
    for hub in ["benefits", "what-to-expect", "precautions"] {
        let hrefs = page_at(&out, &format!("{hub}/index.html")).attrs("main a[href]", "href");
        for slug in &articles {
            let want = format!("/articles/{slug}/{hub}/");
            assert!(hrefs.contains(&want), "/{hub}/ lacks {want}: {hrefs:?}");
        }
    }
    assert_ids_unique(&out);
    assert_internal_links_resolve(&out, "https://guides.harbourside-physio.example/");
    assert_sitemap_lists_every_page(&out, "https://guides.harbourside-physio.example/");
    let feed = parse_atom(&std::fs::read_to_string(out.join("atom.xml")).expect("feed"));
    assert_eq!(feed.entries.len(), articles.len());
}
