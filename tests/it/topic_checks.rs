//! How sections are classified, as a reader and an editor see it: topic pages built from the
//! body as well as the heading, several sections on one topic page, FAQs from `###`
//! questions, and what `handout check` says about it (`topics/*` rules, the per-article
//! classification in text, JSON and the HTML report).
//!
//! Fixtures under `tests/fixtures/topics/`: `stages` (an MRI article written in a hospital's
//! own wording), `unknown-class`, `uncertain`, `missing-risks` and `none` (one per rule; each
//! test then applies the fix the rule suggests and checks the finding is gone).

use crate::harness::{Run, SiteTest};
use serde_json::Value;

/// `handout check --format json`, parsed.
#[track_caller]
fn check_json(site: &SiteTest) -> (Value, Run) {
    let run = site.run(&["check", "--format", "json", "--today", "2026-06-01"]);
    let json = serde_json::from_str(&run.stdout())
        .unwrap_or_else(|e| panic!("not JSON ({e}):\n{}\n{}", run.stdout(), run.stderr()));
    (json, run)
}

/// (line, severity, message, hint) of each finding of `rule`.
fn findings(json: &Value, rule: &str) -> Vec<(u64, String, String, String)> {
    json["diagnostics"]
        .as_array()
        .map(Vec::as_slice)
        .unwrap_or(&[])
        .iter()
        .filter(|d| d["rule"] == rule)
        .map(|d| {
            (
                d["line"].as_u64().unwrap_or(0),
                d["severity"].as_str().unwrap_or("").to_string(),
                d["message"].as_str().unwrap_or("").to_string(),
                d["hint"].as_str().unwrap_or("").to_string(),
            )
        })
        .collect()
}

/// A file of the site's source, as text.
#[track_caller]
fn read_source(site: &SiteTest, rel: &str) -> String {
    std::fs::read_to_string(site.root().join(rel)).expect("read source file")
}

#[test]
fn sections_in_a_hospitals_own_wording_reach_their_topic_pages_in_order() {
    let site = SiteTest::fixture("topics/stages");
    site.build_ok();
    // Two stages of care, no "what to expect" anywhere: one page, in article order, each
    // section under its own heading.
    let page = site.page("articles/mri/what-to-expect/index.html");
    assert_eq!(
        page.texts("main h2"),
        ["Before your scan", "The morning of the scan", "Afterwards"]
    );
    page.assert_main_has(&[
        "Take off jewellery",
        "Eat and drink as normal",
        "drive home",
    ])
    .assert_main_lacks(&["must not bring metal", "east wing", "headphones"]);
    // "A word about metal" says nothing of safety in its heading; its body does.
    site.page("articles/mri/precautions/index.html")
        .assert_main_has(&["must not bring metal"])
        .assert_main_lacks(&["Take off jewellery", "east wing"]);
    // Directions stay on the article; questions make a FAQ, not a topic page.
    assert!(!site.exists("articles/mri/benefits/index.html"));
    site.page("faq/index.html")
        .assert_main_has(&["Will it be noisy?", "Can I bring someone with me?"]);
}

#[test]
fn a_mistyped_kind_class_fails_the_build_and_names_the_fix() {
    let site = SiteTest::fixture("topics/unknown-class");
    let run = site.run(&["build"]);
    run.assert_code(1)
        .assert_no_panic()
        .assert_stderr_has("content/articles/heat.md:12:1")
        .assert_stderr_has("`{.precaution}`")
        .assert_stderr_has("did you mean `{.precautions}`?");
    // A styling class is not a typo.
    assert!(!run.stderr().contains("{.wide}"), "{}", run.stderr());
    // check reports the same error and fails.
    let (json, run) = check_json(&site);
    assert_eq!(run.code(), Some(1));
    let found = findings(&json, "topics/unknown-class");
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!((found[0].0, found[0].1.as_str()), (12, "error"));
    // The fix: the section goes to the precautions page.
    let path = "content/articles/heat.md";
    let text = read_source(&site, path).replace("{.precaution}", "{.precautions}");
    site.write(path, text);
    site.build_ok();
    site.page("articles/heat/precautions/index.html")
        .assert_main_has(&["Never fall asleep on a heating pad"]);
}

#[test]
fn a_section_close_to_a_topic_is_uncertain_until_the_editor_says() {
    let site = SiteTest::fixture("topics/uncertain");
    let (json, _) = check_json(&site);
    let found = findings(&json, "topics/uncertain");
    assert_eq!(found.len(), 1, "{found:?}");
    let (line, severity, message, hint) = &found[0];
    assert_eq!((*line, severity.as_str()), (8, "warning"));
    assert!(
        message.contains("Spotting the warning signs") && message.contains("precautions"),
        "{message}"
    );
    assert!(
        hint.contains("{.precautions}") && hint.contains("{.plain}"),
        "{hint}"
    );
    // It is not on the precautions page; the real safety section is.
    site.build_ok();
    site.page("articles/migraine/precautions/index.html")
        .assert_main_has(&["Call 999"])
        .assert_main_lacks(&["zigzag lines"]);
    // The editor decides: {.plain} keeps it off, and check is satisfied.
    let path = "content/articles/migraine.md";
    let text = read_source(&site, path).replace(
        "## Spotting the warning signs",
        "## Spotting the warning signs {.plain}",
    );
    site.write(path, text);
    let (json, _) = check_json(&site);
    assert!(findings(&json, "topics/uncertain").is_empty());
}

#[test]
fn benefits_without_risks_are_flagged() {
    let site = SiteTest::fixture("topics/missing-risks");
    let (json, _) = check_json(&site);
    let found = findings(&json, "topics/missing-risks");
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!((found[0].0, found[0].1.as_str()), (8, "warning"));
    assert!(
        found[0].3.contains("CDC Clear Communication Index"),
        "{:?}",
        found[0]
    );
    let path = "content/articles/yoga.md";
    let text = read_source(&site, path)
        + "\n## Is yoga safe for me?\n\nStop if a pose hurts, and tell the teacher if you are pregnant.\n";
    site.write(path, text);
    let (json, _) = check_json(&site);
    assert!(findings(&json, "topics/missing-risks").is_empty());
}

#[test]
fn an_article_without_topic_sections_is_flagged() {
    let site = SiteTest::fixture("topics/none");
    let (json, run) = check_json(&site);
    assert_eq!(run.code(), Some(0), "warnings do not fail check");
    let found = findings(&json, "topics/none");
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(found[0].0, 8);
    let path = "content/articles/posture.md";
    let text = read_source(&site, path).replace("## Your chair", "## Your chair {.what-to-expect}");
    site.write(path, text);
    let (json, _) = check_json(&site);
    assert!(findings(&json, "topics/none").is_empty());
    site.build_ok();
    site.page("articles/posture/what-to-expect/index.html")
        .assert_main_has(&["feet flat on the floor"]);
}

#[test]
fn check_shows_how_each_section_was_classified_and_why() {
    let site = SiteTest::fixture("topics/stages");
    let run = site.run(&["check", "--today", "2026-06-01"]);
    let out = run.stdout();
    let line_of = |heading: &str| {
        out.lines()
            .find(|l| l.contains(heading))
            .unwrap_or_else(|| panic!("no line for {heading:?} in\n{out}"))
            .to_string()
    };
    assert!(out.contains("content/articles/mri.md"), "{out}");
    let metal = line_of("A word about metal");
    assert!(
        metal.contains("precautions") && metal.contains("must not"),
        "{metal}"
    );
    let morning = line_of("The morning of the scan");
    assert!(
        morning.contains("what-to-expect") && morning.contains("heading"),
        "{morning}"
    );
    let faq = line_of("Questions people ask");
    assert!(faq.contains("faq") && faq.contains("2 questions"), "{faq}");
    // The same in JSON.
    let (json, _) = check_json(&site);
    let sections = json["articles"][0]["sections"]
        .as_array()
        .expect("sections");
    let kinds: Vec<(&str, &str)> = sections
        .iter()
        .map(|s| {
            (
                s["heading"].as_str().unwrap_or(""),
                s["kind"].as_str().unwrap_or(""),
            )
        })
        .collect();
    assert_eq!(
        kinds,
        [
            ("Before your scan", "what-to-expect"),
            ("A word about metal", "precautions"),
            ("The morning of the scan", "what-to-expect"),
            ("Getting here", "plain"),
            ("Afterwards", "what-to-expect"),
            ("Questions people ask", "faq"),
        ]
    );
    assert_eq!(sections[1]["decided_by"], "cues");
    assert_eq!(sections[1]["line"], 12);
    assert!(sections[1]["cue"]
        .as_str()
        .unwrap_or("")
        .contains("must not"));
    // And in the HTML report.
    let report = site.root().join("report.html");
    let report_arg = report.to_string_lossy().to_string();
    site.run(&["check", "--today", "2026-06-01", "--report", &report_arg]);
    let html = std::fs::read_to_string(&report).expect("report written");
    let doc = scraper::Html::parse_document(&html);
    let items: Vec<String> = doc
        .select(&crate::harness::selector("ul.sections li"))
        .map(crate::harness::text_of)
        .collect();
    assert_eq!(items.len(), 6, "{items:?}");
    assert!(
        items[1].contains("precautions") && items[1].contains("must not"),
        "{items:?}"
    );
}
