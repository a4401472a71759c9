//! Writing aids: urgent-care callouts, key points and the glossary, as a reader meets them
//! in the built pages.
//!
//! The `writing/aids` fixture has a shoulder article (front-matter key points, the three
//! urgent levels in its precautions, glossary terms in prose, a heading, a link and code) and
//! a knee article (a `[!KEY]` callout); its site.yaml sets `emergency_number: "112"`.

use crate::harness::{selector, text_of, Page, SiteTest};

/// The (class, title) of each urgent-care callout inside `scope` of the page.
fn callouts(page: &Page, scope: &str) -> Vec<(String, String)> {
    let sel = selector(&format!(
        "{scope} .callout-emergency, {scope} .callout-urgent, {scope} .callout-routine"
    ));
    let title = selector(".callout-title");
    page.doc
        .select(&sel)
        .map(|c| {
            let class = c.value().attr("class").unwrap_or("").to_string();
            let t = c.select(&title).next().map(text_of).unwrap_or_default();
            assert_eq!(c.value().attr("role"), Some("note"), "{class} is a note");
            (class, t)
        })
        .collect()
}

#[test]
fn urgent_callouts_name_their_level_and_the_sites_emergency_number() {
    let site = SiteTest::fixture("writing/aids");
    site.build_ok();
    let expected = vec![
        (
            "callout callout-emergency".to_string(),
            "Emergency: call 112 now".to_string(),
        ),
        (
            "callout callout-urgent".to_string(),
            "Urgent: ask for an urgent appointment today".to_string(),
        ),
        (
            "callout callout-routine".to_string(),
            "Not urgent: mention it at your next visit".to_string(),
        ),
    ];
    // The article, its precautions page and the precautions hub all show them.
    for rel in [
        "articles/shoulder/index.html",
        "articles/shoulder/precautions/index.html",
        "precautions/index.html",
    ] {
        let page = site.page(rel);
        assert_eq!(callouts(&page, "main"), expected, "{rel}");
        page.assert_main_lacks(&["[!EMERGENCY]", "[!URGENT]", "[!ROUTINE]"]);
    }
    let page = site.page("articles/shoulder/index.html");
    page.assert_main_has(&["Your arm goes numb and your chest hurts."]);
    // Icons are drawn inline and hidden from screen readers.
    let icons = page.attrs(".callout-urgent svg", "aria-hidden");
    assert_eq!(icons, ["true"]);
}

#[test]
fn without_an_emergency_number_the_callout_says_the_emergency_number() {
    let site = SiteTest::fixture("writing/aids");
    site.write("site.yaml", "title: No number\n");
    site.build_ok();
    let page = site.page("articles/shoulder/index.html");
    assert_eq!(
        callouts(&page, "main")[0].1,
        "Emergency: call the emergency number now"
    );
}

#[test]
fn key_points_lead_the_article_and_its_topic_pages() {
    let site = SiteTest::fixture("writing/aids");
    site.build_ok();
    for rel in [
        "articles/shoulder/index.html",
        "articles/shoulder/benefits/index.html",
        "articles/shoulder/precautions/index.html",
    ] {
        let page = site.page(rel);
        let points = page.texts(".key-points li");
        assert_eq!(
            points,
            [
                "Keep your shoulder moving gently.",
                "Ice can ease a flare of pain."
            ],
            "{rel}"
        );
        // First in the guide's body: before the intro and every section.
        let first = page
            .doc
            .select(&selector(".guide-body > *"))
            .next()
            .and_then(|e| e.value().attr("class").map(str::to_string));
        assert_eq!(first.as_deref(), Some("key-points"), "{rel}");
    }
    // A `> [!KEY]` callout becomes the key points and leaves the body.
    let knee = site.page("articles/knee/index.html");
    assert_eq!(
        knee.texts(".key-points li"),
        [
            "Rest the knee for a day or two.",
            "Then start moving again."
        ]
    );
    assert_eq!(knee.texts(".intro li").len(), 0);
    knee.assert_main_lacks(&["[!KEY]"]);
    assert_eq!(
        site.page("articles/knee/what-to-expect/index.html")
            .texts(".key-points li")
            .len(),
        2
    );
}

#[test]
fn glossary_terms_are_defined_at_their_first_use_in_prose_only() {
    let site = SiteTest::fixture("writing/aids");
    site.build_ok();
    let page = site.page("articles/shoulder/index.html");
    // Each term once, in reading order; "tendons" in the heading, link text and code does
    // not count, and the later plain "tendon" stays plain.
    assert_eq!(
        page.texts("main dfn"),
        ["tendon", "frozen shoulder", "anti-inflammatories"]
    );
    assert_eq!(
        page.attrs("main a.term", "href"),
        [
            "/glossary/#tendon",
            "/glossary/#frozen-shoulder",
            "/glossary/#anti-inflammatory"
        ]
    );
    let term = page
        .doc
        .select(&selector("main a.term"))
        .next()
        .map(text_of)
        .unwrap_or_default();
    assert_eq!(
        term,
        "tendon (A strong cord that joins a muscle to a bone.)"
    );
    assert_eq!(page.texts("h2 dfn, h2 .term").len(), 0);
    assert_eq!(page.texts("code .term").len(), 0);
    // "adhesive capsulitis" is another form of a term already defined.
    page.assert_main_has(&["also called adhesive capsulitis."]);
    // The printout's list names the terms used, in order.
    assert_eq!(
        page.texts(".terms-used dt"),
        ["Tendon", "Frozen shoulder", "anti-inflammatory"]
    );
    // A topic page lists only the terms it shows.
    let precautions = site.page("articles/shoulder/precautions/index.html");
    assert_eq!(precautions.texts(".terms-used dt"), ["anti-inflammatory"]);
}

#[test]
fn the_glossary_page_lists_terms_a_to_z_with_ids() {
    let site = SiteTest::fixture("writing/aids");
    site.build_ok();
    let page = site.page("glossary/index.html");
    assert_eq!(page.texts("h2"), ["A", "B", "F", "T"]);
    assert_eq!(
        page.texts("dt"),
        ["anti-inflammatory", "Bursa", "Frozen shoulder", "Tendon"]
    );
    assert_eq!(
        page.attrs("dt", "id"),
        ["anti-inflammatory", "bursa", "frozen-shoulder", "tendon"]
    );
    assert_eq!(
        page.attrs(".glossary-letters a", "href"),
        ["#letter-a", "#letter-b", "#letter-f", "#letter-t"]
    );
    for id in ["letter-a", "tendon"] {
        assert!(page.by_id(id).is_some(), "no #{id}");
    }
    page.assert_main_has(&["A strong cord that joins a muscle to a bone."]);
    // Every term link in the guides leads to an entry that exists.
    let article = site.page("articles/knee/index.html");
    assert_eq!(article.attrs("main a.term", "href"), ["/glossary/#bursa"]);
}

#[test]
fn a_broken_glossary_is_an_error_that_names_its_line() {
    let site = SiteTest::fixture("writing/aids");
    site.write(
        "content/glossary.yaml",
        "terms:\n  - term: Tendon\n    definition: A cord.\n  - term: Bursa\n    definition: \"\"\n",
    );
    let run = site.run(&["build"]);
    run.assert_no_panic();
    assert_ne!(run.code(), Some(0));
    let errors = run.diagnostics("error");
    assert!(
        errors
            .iter()
            .any(|e| e.starts_with("content/glossary.yaml:4:") && e.contains("empty `definition`")),
        "{errors:#?}"
    );

    site.write(
        "content/glossary.yaml",
        "terms:\n  - term: Tendon\n    definition: [A cord\n",
    );
    let run = site.run(&["build"]);
    run.assert_no_panic();
    assert_ne!(run.code(), Some(0));
    assert!(
        run.diagnostics("error")
            .iter()
            .any(|e| e.starts_with("content/glossary.yaml:")),
        "{}",
        run.stderr()
    );
}

#[test]
fn a_site_without_a_glossary_has_no_glossary_page() {
    let site = SiteTest::fixture("writing/aids");
    site.remove("content/glossary.yaml");
    site.build_ok();
    assert!(!site.exists("glossary/index.html"));
    let page = site.page("articles/shoulder/index.html");
    assert_eq!(page.texts("main dfn").len(), 0);
    assert_eq!(page.texts(".terms-used").len(), 0);
}
