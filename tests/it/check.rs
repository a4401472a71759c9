//! `handout check`: each rule fires on a small site that breaks it and stays quiet on one that
//! does not; exit statuses; JSON, `--due`, `--report` and `--external`.
//!
//! Most tests start from `tests/fixtures/check/clean` (a site that passes every rule) and
//! write one more file into it. Review dates are measured from a fixed `--today`.

use crate::harness::{Run, SiteTest};
use serde_json::Value;
use std::io::{Read, Write};
use std::net::TcpListener;
use std::time::{Duration, Instant};

/// The date every test checks review deadlines against.
const TODAY: &str = "2026-06-01";

/// An article with a title, extra front-matter lines and a body. It has its own
/// description (so `meta/duplicate` stays quiet) and a recent review.
fn article(title: &str, extra_front: &str, body: &str) -> String {
    let extra = if extra_front.is_empty() {
        "reviewed: 2026-02-01\nreviewer: Dr. Ada Lee, DPT\n".to_string()
    } else {
        format!("{extra_front}\n")
    };
    format!(
        "---\ntitle: {title}\ndescription: A plain guide to {title}, written for patients of our clinic and their families.\n{extra}---\n\n{body}"
    )
}

/// `handout check --format json --today TODAY ARGS`, parsed.
#[track_caller]
fn check_json(site: &SiteTest, args: &[&str]) -> (Value, Run) {
    let mut all = vec!["check", "--format", "json", "--today", TODAY];
    all.extend_from_slice(args);
    let run = site.run(&all);
    let json: Value = serde_json::from_str(&run.stdout()).unwrap_or_else(|e| {
        panic!(
            "check --format json did not print one JSON object ({e})\n--- stdout\n{}\n--- stderr\n{}",
            run.stdout(),
            run.stderr()
        )
    });
    (json, run)
}

/// The (rule, line, severity) of every finding in `path`.
fn findings(json: &Value, path: &str) -> Vec<(String, Option<u64>, String)> {
    json["diagnostics"]
        .as_array()
        .expect("diagnostics array")
        .iter()
        .filter(|d| d["path"] == path)
        .map(|d| {
            (
                d["rule"].as_str().unwrap_or("").to_string(),
                d["line"].as_u64(),
                d["severity"].as_str().unwrap_or("").to_string(),
            )
        })
        .collect()
}

/// The findings of one rule in one file.
fn of_rule(json: &Value, path: &str, rule: &str) -> Vec<(Option<u64>, String)> {
    findings(json, path)
        .into_iter()
        .filter(|(r, _, _)| r == rule)
        .map(|(_, l, s)| (l, s))
        .collect()
}

/// The clean fixture plus one article at `content/articles/NAME.md`.
fn site_with(name: &str, text: &str) -> (SiteTest, String) {
    let site = SiteTest::fixture("check/clean");
    let rel = format!("content/articles/{name}.md");
    site.write(&rel, text);
    (site, rel)
}

#[test]
fn a_clean_site_passes_with_a_summary() {
    let site = SiteTest::fixture("check/clean");
    let run = site.run(&["check", "--today", TODAY]);
    run.assert_code(0);
    let out = run.stdout();
    assert!(!out.contains("warning["), "{out}");
    assert!(!out.contains("error["), "{out}");
    for col in ["Article", "Words", "FK", "SMOG", "FRE", "Review due"] {
        assert!(out.contains(col), "summary lacks {col}\n{out}");
    }
    assert!(out.contains("content/articles/walking.md"), "{out}");
    assert!(out.contains("no errors, no warnings"), "{out}");
    let (json, _) = check_json(&site, &["--strict"]);
    assert_eq!(json["diagnostics"], serde_json::json!([]), "{json:#}");
}

#[test]
fn json_carries_articles_and_located_diagnostics() {
    let (site, rel) = site_with(
        "links",
        &article(
            "Link words",
            "",
            "Some text here. See [here](walking.md) for more.\n",
        ),
    );
    let (json, run) = check_json(&site, &[]);
    run.assert_code(0);
    let articles = json["articles"].as_array().expect("articles");
    assert_eq!(articles.len(), 3);
    let walking = articles
        .iter()
        .find(|a| a["path"] == "content/articles/walking.md")
        .expect("walking in articles");
    for key in [
        "title",
        "words",
        "sentences",
        "syllables",
        "polysyllables",
        "flesch_kincaid_grade",
        "smog_grade",
        "flesch_reading_ease",
        "reading_minutes",
        "reviewed",
        "next_review",
    ] {
        assert!(!walking[key].is_null(), "{key} missing: {walking:#}");
    }
    assert_eq!(walking["reviewed"], "2026-03-01");
    assert_eq!(walking["next_review"], "2027-03-01");
    let d = json["diagnostics"]
        .as_array()
        .expect("diagnostics")
        .iter()
        .find(|d| d["rule"] == "a11y/link-text")
        .expect("a link-text finding");
    assert_eq!(d["path"], rel.as_str());
    assert_eq!(d["line"], 8);
    assert_eq!(d["severity"], "warning");
    assert!(d["message"].as_str().unwrap_or("").contains("here"));
    assert!(d["hint"].is_string());
}

#[test]
fn text_output_reads_like_a_compiler() {
    let (site, rel) = site_with(
        "links",
        &article(
            "Link words",
            "",
            "Some text here. See [here](walking.md) for more.\n",
        ),
    );
    let run = site.run(&["check", "--today", TODAY]);
    run.assert_code(0);
    let out = run.stdout();
    let line = out
        .lines()
        .find(|l| l.contains("a11y/link-text"))
        .unwrap_or_else(|| panic!("no link-text line\n{out}"));
    assert!(
        line.starts_with(&format!("{rel}:8:")) && line.contains(": warning[a11y/link-text]: "),
        "{line}"
    );
    assert!(out.contains("\n  help: "), "{out}");
}

#[test]
fn exit_statuses() {
    let (site, _) = site_with(
        "links",
        &article("Link words", "", "See [here](walking.md) for more.\n"),
    );
    site.run(&["check", "--today", TODAY]).assert_code(0);
    site.run(&["check", "--today", TODAY, "--strict"])
        .assert_code(1);
    // A usage problem: the folder does not exist.
    site.run(&["check", "--root", "no/such/folder"])
        .assert_code(2);
    // A bad flag (clap).
    site.run(&["check", "--format", "yaml"]).assert_code(2);
    // A build error (a .md link to nothing) fails the check too.
    site.write(
        "content/articles/broken.md",
        article("Broken", "", "Go to [the missing guide](missing.md).\n"),
    );
    let (json, run) = check_json(&site, &[]);
    run.assert_code(1);
    assert_eq!(
        of_rule(&json, "content/articles/broken.md", "links/broken"),
        [(Some(8), "error".to_string())]
    );
}

#[test]
fn reading_grade_above_target_names_the_hardest_sentences() {
    let hard = "Musculoskeletal rehabilitation necessitates individualized interdisciplinary \
collaboration, comprehensive functional evaluation and progressive therapeutic loading \
considerations throughout the postoperative recuperation trajectory.\n\n\
Physiotherapeutic intervention effectiveness demonstrates considerable variability, \
particularly regarding psychosocial determinants influencing patient adherence and \
self-management capabilities.\n\n\
Pharmacological analgesia administration should additionally incorporate consideration of \
gastrointestinal, cardiovascular and renal contraindications before commencement.\n\n\
Rest a bit.\n";
    let (site, rel) = site_with("hard", &article("Hard words", "", hard));
    let (json, run) = check_json(&site, &[]);
    run.assert_code(0);
    let d = json["diagnostics"]
        .as_array()
        .expect("diagnostics")
        .iter()
        .find(|d| d["rule"] == "readability/grade" && d["path"] == rel.as_str())
        .unwrap_or_else(|| panic!("no readability finding: {json:#}"));
    assert_eq!(d["severity"], "warning");
    assert_eq!(d["line"], 2, "at the title");
    let msg = d["message"].as_str().unwrap_or("");
    assert!(msg.contains("Hard words") && msg.contains("grade"), "{msg}");
    let hint = d["hint"].as_str().unwrap_or("");
    let listed: Vec<&str> = hint.lines().filter(|l| l.starts_with("line ")).collect();
    assert_eq!(listed.len(), 3, "{hint}");
    for l in ["line 8:", "line 10:", "line 12:"] {
        assert!(hint.contains(l), "{l} missing in {hint}");
    }
    assert!(!hint.contains("Rest a bit"), "{hint}");
    // The easy articles of the clean site are not flagged.
    assert!(of_rule(&json, "content/articles/walking.md", "readability/grade").is_empty());
    let a = json["articles"]
        .as_array()
        .expect("articles")
        .iter()
        .find(|a| a["path"] == rel.as_str())
        .expect("hard article");
    assert!(a["flesch_kincaid_grade"].as_f64().unwrap_or(0.0) > 8.0);
    assert_eq!(a["hardest_sentences"].as_array().map(Vec::len), Some(3));
}

#[test]
fn a_hard_topic_page_is_reported_at_its_section() {
    let body = "Heat is a simple way to ease pain. You can use it at home. It costs little. \
Put a warm pack on your back. Keep a towel under it. Take it off after a while. \
Most people feel better soon. Ask us if you are not sure. We are glad to help you. \
Use it once or twice a day. Do not use it when you sleep. Check your skin each time. \
Stop if it hurts. A warm bath can help too. So can a hot shower. Rest when you need to. \
Walk a bit each day. Drink lots of water. Call us with any questions.\n\n\
## Precautions\n\n\
Individuals experiencing peripheral neuropathy, compromised circulation, or dermatological \
conditions should consult healthcare professionals before thermotherapy application, \
considering potential complications. Concurrent topical analgesic preparations containing \
methyl salicylate or menthol substantially intensify cutaneous irritation, occasionally \
precipitating significant thermal injuries requiring medical evaluation.\n";
    let (site, rel) = site_with("topic", &article("Topic grade", "", body));
    let (json, _) = check_json(&site, &[]);
    let found = of_rule(&json, &rel, "readability/grade");
    assert_eq!(found.len(), 1, "{json:#}");
    assert_eq!(found[0].0, Some(10), "at the precautions heading");
    let msg = json["diagnostics"]
        .as_array()
        .expect("diagnostics")
        .iter()
        .find(|d| d["rule"] == "readability/grade")
        .and_then(|d| d["message"].as_str())
        .unwrap_or("")
        .to_string();
    assert!(msg.contains("/articles/topic/precautions/"), "{msg}");
}

#[test]
fn review_rules() {
    let site = SiteTest::fixture("check/clean");
    site.write(
        "content/articles/unreviewed.md",
        article("Never reviewed", "date: 2026-01-01", "Plain text.\n"),
    );
    site.write(
        "content/articles/no-reviewer.md",
        article("No reviewer", "reviewed: 2026-01-01", "Plain text.\n"),
    );
    // Reviewed 2025-06-20 with a 12-month interval: due 2026-06-20, 19 days after TODAY.
    site.write(
        "content/articles/soon.md",
        article(
            "Due soon",
            "reviewed: 2025-06-20\nreviewer: Dr. A",
            "Plain text.\n",
        ),
    );
    site.write(
        "content/articles/late.md",
        article(
            "Overdue",
            "reviewed: 2025-01-10\nreviewer: Dr. A",
            "Plain text.\n",
        ),
    );
    let (json, run) = check_json(&site, &[]);
    run.assert_code(1);
    assert_eq!(
        of_rule(&json, "content/articles/unreviewed.md", "review/missing").len(),
        2,
        "no date and no reviewer"
    );
    assert_eq!(
        of_rule(&json, "content/articles/no-reviewer.md", "review/missing").len(),
        1
    );
    assert_eq!(
        of_rule(&json, "content/articles/soon.md", "review/due-soon"),
        [(Some(4), "warning".to_string())]
    );
    assert_eq!(
        of_rule(&json, "content/articles/late.md", "review/overdue"),
        [(Some(4), "error".to_string())]
    );
    for quiet in ["walking", "sleep"] {
        let f = findings(&json, &format!("content/articles/{quiet}.md"));
        assert!(f.is_empty(), "{quiet}: {f:?}");
    }
    // Overdue as a warning passes without --strict; and a later `--today` moves deadlines.
    site.write(
        "site.yaml",
        "title: Check test clinic\nbase_url: https://check.example/\ncheck:\n  overdue: warning\n  due_soon_days: 10\n",
    );
    let (json, run) = check_json(&site, &[]);
    run.assert_code(0);
    assert_eq!(
        of_rule(&json, "content/articles/late.md", "review/overdue"),
        [(Some(4), "warning".to_string())]
    );
    assert!(
        of_rule(&json, "content/articles/soon.md", "review/due-soon").is_empty(),
        "19 days is not within due_soon_days: 10"
    );
}

#[test]
fn due_lists_articles_by_next_review() {
    let site = SiteTest::fixture("check/clean");
    site.write(
        "content/articles/late.md",
        article(
            "Overdue",
            "reviewed: 2025-01-10\nreviewer: Dr. Late",
            "Plain text.\n",
        ),
    );
    site.write(
        "content/articles/unreviewed.md",
        article("Never reviewed", "date: 2026-01-01", "Plain text.\n"),
    );
    let run = site.run(&["check", "--due", "--today", TODAY]);
    run.assert_code(0);
    let out = run.stdout();
    let order: Vec<&str> = out
        .lines()
        .filter_map(|l| l.split_whitespace().last())
        .filter(|w| w.ends_with(".md"))
        .collect();
    assert_eq!(
        order,
        [
            "content/articles/unreviewed.md",
            "content/articles/late.md",
            "content/articles/walking.md",
            "content/articles/sleep.md"
        ],
        "{out}"
    );
    let header = out.lines().next().unwrap_or("");
    for col in [
        "Next review",
        "Days left",
        "Reviewed",
        "Reviewer",
        "Article",
    ] {
        assert!(header.contains(col), "{header}");
    }
    let late = out
        .lines()
        .find(|l| l.contains("late.md"))
        .unwrap_or_default();
    assert!(
        late.contains("2026-01-10") && late.contains("-142") && late.contains("Dr. Late"),
        "{late}"
    );
    let (json, _) = check_json(&site, &["--due"]);
    let due = json["due"].as_array().expect("due");
    assert_eq!(due[1]["path"], "content/articles/late.md");
    assert_eq!(due[1]["days_left"], -142);
}

#[test]
fn links_and_anchors_in_the_built_site() {
    let body = "Good: [topic page](/articles/walking/what-to-expect/), \
[a question](walking.md#walking-how-far-should-i-walk), [the FAQ](/faq/), [old address](/old/walking.html), \
[tags](/tags/).\n\n\
Bad: [no page](/articles/nowhere/).\n\n\
Bad: [no anchor](walking.md#no-such-heading).\n\n\
Bad: [own anchor](#missing-part).\n\n\
Bad: [question id without its prefix](walking.md#can-i-walk-with-a-cane).\n";
    let (site, rel) = site_with("links", &article("Links", "", body));
    let (json, run) = check_json(&site, &[]);
    run.assert_code(1);
    let broken = of_rule(&json, &rel, "links/broken");
    assert_eq!(broken, [(Some(10), "error".to_string())], "{json:#}");
    let anchors = of_rule(&json, &rel, "links/anchor");
    assert_eq!(
        anchors.iter().map(|a| a.0).collect::<Vec<_>>(),
        [Some(12), Some(14), Some(16)],
        "{json:#}"
    );
    let hint = json["diagnostics"]
        .as_array()
        .expect("diagnostics")
        .iter()
        .find(|d| d["rule"] == "links/anchor" && d["line"] == 16)
        .and_then(|d| d["hint"].as_str())
        .unwrap_or("")
        .to_string();
    assert!(hint.contains("#walking-can-i-walk-with-a-cane"), "{hint}");
    // Links into topic pages, questions and aliases in the clean site are fine.
    for quiet in ["walking", "sleep"] {
        let f = findings(&json, &format!("content/articles/{quiet}.md"));
        assert!(f.is_empty(), "{quiet}: {f:?}");
    }
    let msg = json["diagnostics"]
        .as_array()
        .expect("diagnostics")
        .iter()
        .find(|d| d["rule"] == "links/anchor" && d["line"] == 12)
        .and_then(|d| d["message"].as_str())
        .unwrap_or("")
        .to_string();
    assert!(
        msg.contains("#no-such-heading") && msg.contains("/articles/walking/"),
        "{msg}"
    );
}

#[test]
fn malformed_external_addresses() {
    let body = "See [the NHS](https//www.nhs.uk/conditions/back-pain/).\n\n\
And [email us](mailto:frontdesk).\n\n\
And [MedlinePlus](https://medlineplus.gov/backpain.html) is fine.\n";
    let (site, rel) = site_with("urls", &article("Addresses", "", body));
    let (json, run) = check_json(&site, &[]);
    run.assert_code(1);
    let lines: Vec<Option<u64>> = of_rule(&json, &rel, "links/malformed")
        .into_iter()
        .map(|(l, _)| l)
        .collect();
    assert_eq!(lines, [Some(8), Some(10)], "{json:#}");
}

#[test]
fn image_alt_text() {
    let body = "![](one.svg)\n\n![two.svg](two.svg)\n\n![IMG_2031](three.svg)\n\n\
![A therapist presses on the lower back](four.svg)\n";
    let site = SiteTest::fixture("check/clean");
    let rel = "content/articles/pics/index.md";
    site.write(rel, article("Pictures", "", body));
    for f in ["one", "two", "three", "four"] {
        site.write(
            &format!("content/articles/pics/{f}.svg"),
            "<svg xmlns=\"http://www.w3.org/2000/svg\"/>",
        );
    }
    let (json, _) = check_json(&site, &[]);
    let lines: Vec<Option<u64>> = of_rule(&json, rel, "a11y/alt-text")
        .into_iter()
        .map(|(l, _)| l)
        .collect();
    assert_eq!(lines, [Some(8), Some(10), Some(12)], "{json:#}");
}

#[test]
fn heading_order() {
    let body = "Intro text.\n\n## Good\n\nText.\n\n### Also good\n\nText.\n\n\
## Next\n\nText.\n\n#### Skipped a level\n\nText.\n\n# Second title\n\nText.\n";
    let (site, rel) = site_with("headings", &article("Headings", "", body));
    let (json, _) = check_json(&site, &[]);
    let lines: Vec<Option<u64>> = of_rule(&json, &rel, "a11y/heading-order")
        .into_iter()
        .map(|(l, _)| l)
        .collect();
    assert_eq!(lines, [Some(22), Some(26)], "{json:#}");
}

#[test]
fn vague_link_text_and_bare_addresses() {
    let body = "To book, [click here](/faq/).\n\n[Read more](walking.md)\n\n\
<https://www.nhs.uk/conditions/back-pain/>\n\n\
Read our [guide to walking](walking.md) and [this page](sleep.md).\n";
    let (site, rel) = site_with("vague", &article("Vague links", "", body));
    let (json, _) = check_json(&site, &[]);
    let lines: Vec<Option<u64>> = of_rule(&json, &rel, "a11y/link-text")
        .into_iter()
        .map(|(l, _)| l)
        .collect();
    assert_eq!(lines, [Some(8), Some(10), Some(12), Some(14)], "{json:#}");
}

#[test]
fn tables_need_a_header_row() {
    let body = "| When | What |\n| --- | --- |\n| Day 1 | Ice |\n\n\
<table><tr><td>Day 1</td><td>Ice</td></tr></table>\n\n\
<table><tr><th>When</th></tr><tr><td>Day 1</td></tr></table>\n";
    let (site, rel) = site_with("tables", &article("Tables", "", body));
    let (json, _) = check_json(&site, &[]);
    let lines: Vec<Option<u64>> = of_rule(&json, &rel, "a11y/table-header")
        .into_iter()
        .map(|(l, _)| l)
        .collect();
    assert_eq!(lines, [Some(12)], "{json:#}");
}

#[test]
fn long_all_caps_text() {
    let body =
        "DO NOT USE HEAT on a fresh injury.\n\nAsk the NHS, CDC or NIH. An MRI can help.\n\n\
## WHEN TO CALL YOUR DOCTOR\n\nCall us.\n";
    let (site, rel) = site_with("caps", &article("Capitals", "", body));
    let (json, _) = check_json(&site, &[]);
    let lines: Vec<Option<u64>> = of_rule(&json, &rel, "a11y/all-caps")
        .into_iter()
        .map(|(l, _)| l)
        .collect();
    assert_eq!(lines, [Some(8), Some(12)], "{json:#}");
}

#[test]
fn descriptions_missing_short_long_and_duplicate() {
    let site = SiteTest::fixture("check/clean");
    site.write(
        "content/articles/none.md",
        "---\ntitle: No description\nreviewed: 2026-02-01\nreviewer: Dr. A\n---\n\nText.\n",
    );
    site.write(
        "content/articles/short.md",
        "---\ntitle: Short description\ndescription: Too short.\nreviewed: 2026-02-01\nreviewer: Dr. A\n---\n\nText.\n",
    );
    let long = "Long ".repeat(40);
    site.write(
        "content/articles/long.md",
        format!("---\ntitle: Long description\ndescription: {long}\nreviewed: 2026-02-01\nreviewer: Dr. A\n---\n\nText.\n"),
    );
    site.write(
        "content/articles/twin.md",
        "---\ntitle: Walking for Back Pain\ndescription: How a short daily walk can ease back pain, and how to start slowly and safely at home.\nreviewed: 2026-02-01\nreviewer: Dr. A\n---\n\nText.\n",
    );
    let (json, _) = check_json(&site, &[]);
    assert_eq!(
        of_rule(&json, "content/articles/none.md", "meta/description").len(),
        1
    );
    assert_eq!(
        of_rule(&json, "content/articles/short.md", "meta/description"),
        [(Some(3), "warning".to_string())]
    );
    assert_eq!(
        of_rule(&json, "content/articles/long.md", "meta/description").len(),
        1
    );
    // The later file (in title order) names the first; both title and description repeat.
    let dup = of_rule(&json, "content/articles/twin.md", "meta/duplicate");
    let dup_walking = of_rule(&json, "content/articles/walking.md", "meta/duplicate");
    assert_eq!(dup.len() + dup_walking.len(), 2, "{json:#}");
    assert!(of_rule(&json, "content/articles/sleep.md", "meta/description").is_empty());
}

#[test]
fn empty_sections_and_unanswered_questions() {
    let body = "Intro text.\n\n## Benefits\n\n## What to expect\n\nIt takes an hour.\n\n\
## Common questions\n\n### Does it hurt?\n\n### How long is a visit?\n\nAbout an hour.\n";
    let (site, rel) = site_with("empty", &article("Empty parts", "", body));
    let (json, _) = check_json(&site, &[]);
    assert_eq!(
        of_rule(&json, &rel, "content/empty-section"),
        [(Some(10), "warning".to_string())],
        "{json:#}"
    );
    assert_eq!(
        of_rule(&json, &rel, "content/faq-answer"),
        [(Some(18), "warning".to_string())],
        "{json:#}"
    );
    assert!(of_rule(&json, "content/articles/walking.md", "content/faq-answer").is_empty());
}

#[test]
fn scripts_and_event_handlers_in_raw_html() {
    let body = "<script>alert(1)</script>\n\n<p onclick=\"go()\">Tap</p>\n\n\
<p class=\"note\">Fine HTML.</p>\n";
    let (site, rel) = site_with("raw", &article("Raw HTML", "", body));
    let (json, run) = check_json(&site, &[]);
    run.assert_code(1);
    assert_eq!(
        of_rule(&json, &rel, "security/raw-html"),
        [
            (Some(8), "error".to_string()),
            (Some(10), "error".to_string())
        ],
        "{json:#}"
    );
}

#[test]
fn rules_can_be_turned_off_per_site_and_per_article() {
    let body = "See [here](walking.md).\n\n![](pic.svg)\n";
    let site = SiteTest::fixture("check/clean");
    site.write(
        "content/articles/off/index.md",
        article(
            "Turned off",
            "reviewed: 2026-02-01\nreviewer: Dr. A\ncheck:\n  disable: [a11y/link-text]",
            body,
        ),
    );
    site.write(
        "content/articles/off/pic.svg",
        "<svg xmlns=\"http://www.w3.org/2000/svg\"/>",
    );
    site.write(
        "content/articles/on/index.md",
        article("Turned on", "", body),
    );
    site.write(
        "content/articles/on/pic.svg",
        "<svg xmlns=\"http://www.w3.org/2000/svg\"/>",
    );
    let (json, _) = check_json(&site, &[]);
    let off = "content/articles/off/index.md";
    let on = "content/articles/on/index.md";
    assert!(of_rule(&json, off, "a11y/link-text").is_empty());
    assert_eq!(of_rule(&json, off, "a11y/alt-text").len(), 1);
    assert_eq!(of_rule(&json, on, "a11y/link-text").len(), 1);
    // A prefix turns off a whole group for the site; a typo is reported.
    site.write(
        "site.yaml",
        "title: Check test clinic\nbase_url: https://check.example/\ncheck:\n  disable: [a11y, meta/duplicat]\n",
    );
    let (json, _) = check_json(&site, &[]);
    assert!(of_rule(&json, on, "a11y/alt-text").is_empty());
    assert!(of_rule(&json, on, "a11y/link-text").is_empty());
    let typo = of_rule(&json, "site.yaml", "check/unknown-rule");
    assert_eq!(typo.len(), 1, "{json:#}");
}

#[test]
fn report_writes_a_self_contained_inventory() {
    let site = SiteTest::fixture("check/clean");
    site.write(
        "content/articles/late.md",
        article(
            "Overdue <guide>",
            "reviewed: 2025-01-10\nreviewer: Dr. Late",
            "See [here](walking.md).\n",
        ),
    );
    let run = site.run(&["check", "--today", TODAY, "--report", "report.html"]);
    run.assert_code(1);
    let html = std::fs::read_to_string(site.root().join("report.html")).expect("report written");
    let doc = scraper::Html::parse_document(&html);
    let rows = crate::harness::selector("tbody tr");
    assert_eq!(doc.select(&rows).count(), 3);
    assert!(html.contains("Overdue &lt;guide&gt;"), "titles are escaped");
    assert!(html.contains("Dr. Late") && html.contains("2026-01-10"));
    assert!(html.contains("a11y/link-text") && html.contains("review/overdue"));
    // Self-contained: nothing is loaded from elsewhere.
    for attr in ["src", "href"] {
        let sel = crate::harness::selector(&format!("[{attr}]"));
        let external: Vec<String> = doc
            .select(&sel)
            .filter_map(|e| e.value().attr(attr).map(str::to_string))
            .collect();
        assert!(external.is_empty(), "{attr}: {external:?}");
    }
    assert!(
        !html.contains("@import") && !html.contains("url("),
        "no CSS fetches"
    );
}

/// A tiny HTTP server on 127.0.0.1 for `--external`: `/ok` answers 200, `/gone` 404, and
/// `/slow` waits three seconds. It serves at most `max` connections and stops after 20 s.
fn serve_locally(max: usize) -> (u16, std::thread::JoinHandle<()>) {
    let listener = TcpListener::bind("127.0.0.1:0").expect("bind");
    listener.set_nonblocking(true).expect("nonblocking");
    let port = listener.local_addr().expect("addr").port();
    let handle = std::thread::spawn(move || {
        let deadline = Instant::now() + Duration::from_secs(20);
        let mut served = 0;
        let mut workers = Vec::new();
        while served < max && Instant::now() < deadline {
            match listener.accept() {
                Ok((mut stream, _)) => {
                    served += 1;
                    workers.push(std::thread::spawn(move || {
                        let _ = stream.set_nonblocking(false);
                        let _ = stream.set_read_timeout(Some(Duration::from_secs(5)));
                        let mut buf = [0u8; 2048];
                        let n = stream.read(&mut buf).unwrap_or(0);
                        let req = String::from_utf8_lossy(&buf[..n]).to_string();
                        let path = req.split_whitespace().nth(1).unwrap_or("/").to_string();
                        let status = match path.as_str() {
                            "/ok" => "200 OK",
                            "/slow" => {
                                std::thread::sleep(Duration::from_secs(3));
                                "200 OK"
                            }
                            _ => "404 Not Found",
                        };
                        let _ = write!(
                            stream,
                            "HTTP/1.1 {status}\r\nContent-Length: 2\r\nConnection: close\r\n\r\nok"
                        );
                    }));
                }
                Err(_) => std::thread::sleep(Duration::from_millis(20)),
            }
        }
        for w in workers {
            let _ = w.join();
        }
    });
    (port, handle)
}

#[test]
fn external_links_over_http() {
    let (port, server) = serve_locally(3);
    let body = format!(
        "See [a working page](http://127.0.0.1:{port}/ok).\n\n\
See [a gone page](http://127.0.0.1:{port}/gone).\n\n\
See [a slow page](http://127.0.0.1:{port}/slow).\n"
    );
    let (site, rel) = site_with("external", &article("External", "", &body));
    // Without --external nothing is fetched.
    let (json, _) = check_json(&site, &[]);
    assert!(of_rule(&json, &rel, "links/external").is_empty());
    let start = Instant::now();
    let (json, run) = check_json(&site, &["--external", "--timeout", "1"]);
    assert!(
        start.elapsed() < Duration::from_secs(10),
        "the timeout bounds the wait"
    );
    run.assert_code(1);
    let found = of_rule(&json, &rel, "links/external");
    assert_eq!(
        found,
        [
            (Some(10), "error".to_string()),
            (Some(12), "warning".to_string())
        ],
        "{json:#}"
    );
    let msgs: Vec<String> = json["diagnostics"]
        .as_array()
        .expect("diagnostics")
        .iter()
        .filter(|d| d["rule"] == "links/external")
        .map(|d| d["message"].as_str().unwrap_or("").to_string())
        .collect();
    assert!(msgs[0].contains("404"), "{msgs:?}");
    assert!(msgs[1].contains("did not answer"), "{msgs:?}");
    let _ = server.join();
}

#[test]
fn the_example_site_passes() {
    let root = env!("CARGO_MANIFEST_DIR");
    let run =
        SiteTest::empty().run(&["check", "--root", root, "--strict", "--today", "2026-11-24"]);
    run.assert_code(0);
}

/// Issue 10: the terminal, the JSON output and the HTML report all read the review status the
/// site model decides, so a wider `due_soon_days` reaches every one of them.
#[test]
fn due_soon_days_is_the_same_window_in_every_output() {
    let site = SiteTest::fixture("check/clean");
    site.write(
        "site.yaml",
        "title: Check test clinic\nbase_url: https://check.example/\nreview_interval_months: 12\nreading_grade_target: 8\ncheck:\n  due_soon_days: 45\n",
    );
    // Next review due 2026-07-11: 40 days after TODAY, inside 45 and outside the default 30.
    site.write(
        "content/articles/soon.md",
        article(
            "Knee taping",
            "reviewed: 2025-07-11\nreviewer: Dr. Ada Lee, DPT",
            "Tape the knee as your physio showed you.\n",
        ),
    );
    let (json, _) = check_json(&site, &[]);
    assert!(
        findings(&json, "content/articles/soon.md")
            .iter()
            .any(|(rule, _, sev)| rule == "review/due-soon" && sev == "warning"),
        "{json}"
    );
    let entry = json["articles"]
        .as_array()
        .expect("articles")
        .iter()
        .find(|a| a["path"] == "content/articles/soon.md")
        .expect("soon.md in articles")
        .clone();
    assert_eq!(entry["days_left"], 40);
    assert_eq!(entry["review_status"], "due-soon");
    let text = site.run(&["check", "--today", TODAY, "--report", "report.html"]);
    assert!(
        text.stdout().contains("2026-07-11 (due soon)"),
        "{}",
        text.stdout()
    );
    let html = std::fs::read_to_string(site.root().join("report.html")).expect("report");
    let doc = scraper::Html::parse_document(&html);
    let soon: Vec<String> = doc
        .select(&crate::harness::selector("td.soon"))
        .map(crate::harness::text_of)
        .collect();
    assert_eq!(soon, ["2026-07-11 (in 40 days)"], "the report's due column");
}
