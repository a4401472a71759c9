//! Plain-language rules of `handout check` (`plain/*`) and the PEMAT-style score: each rule
//! fires on a case written to break it, at the right line and column with a plainer
//! suggestion, and stays quiet on the same case rewritten in plain words
//! (`tests/fixtures/plain/cases/RULE.md` and `RULE-fixed.md`, added to `plain/clean`).

use crate::harness::SiteTest;
use serde_json::Value;

const TODAY: &str = "2026-06-01";

/// `check --format json` on the clean site plus, optionally, one case as an article.
fn check_case(case: Option<&str>) -> (Value, String) {
    let site = SiteTest::fixture("plain/clean");
    let rel = match case {
        Some(name) => {
            let text = std::fs::read_to_string(
                crate::harness::fixtures_dir().join(format!("plain/cases/{name}.md")),
            )
            .expect("case file");
            let rel = format!("content/articles/{name}.md");
            site.write(&rel, text);
            rel
        }
        None => "content/articles/knee.md".to_string(),
    };
    let run = site.run(&["check", "--format", "json", "--today", TODAY]);
    let json: Value = serde_json::from_str(&run.stdout())
        .unwrap_or_else(|e| panic!("no JSON ({e}): {}\n{}", run.stdout(), run.stderr()));
    (json, rel)
}

/// The findings of `rule` in `path`: (line, column, message, help).
fn found(json: &Value, path: &str, rule: &str) -> Vec<(u64, u64, String, String)> {
    json["diagnostics"]
        .as_array()
        .expect("diagnostics")
        .iter()
        .filter(|d| d["path"] == path && d["rule"] == rule)
        .map(|d| {
            (
                d["line"].as_u64().unwrap_or(0),
                d["column"].as_u64().unwrap_or(0),
                d["message"].as_str().unwrap_or("").to_string(),
                d["hint"].as_str().unwrap_or("").to_string(),
            )
        })
        .collect()
}

/// Every `plain/*` rule id found in `path`.
fn plain_rules(json: &Value, path: &str) -> Vec<String> {
    json["diagnostics"]
        .as_array()
        .expect("diagnostics")
        .iter()
        .filter(|d| d["path"] == path)
        .filter_map(|d| d["rule"].as_str())
        .filter(|r| r.starts_with("plain/"))
        .map(str::to_string)
        .collect()
}

/// The case breaks `rule` (returning its findings); the fixed case has no `plain/*` finding.
fn breaks_and_fixed(rule: &str) -> Vec<(u64, u64, String, String)> {
    let name = rule.trim_start_matches("plain/");
    let (json, rel) = check_case(Some(name));
    let hits = found(&json, &rel, rule);
    assert!(!hits.is_empty(), "{rule} did not fire:\n{json:#}");
    let fixed = format!("{name}-fixed");
    let (json, rel) = check_case(Some(&fixed));
    assert_eq!(
        plain_rules(&json, &rel),
        Vec::<String>::new(),
        "{fixed}: {json:#}"
    );
    hits
}

#[test]
fn the_clean_site_has_no_plain_language_findings() {
    let (json, rel) = check_case(None);
    assert_eq!(json["diagnostics"], serde_json::json!([]), "{json:#}");
    assert!(plain_rules(&json, &rel).is_empty());
}

#[test]
fn jargon_names_the_word_its_place_and_a_plainer_one() {
    let hits = breaks_and_fixed("plain/jargon");
    let words: Vec<(u64, u64, &str)> = hits
        .iter()
        .map(|(l, c, m, _)| (*l, *c, m.split('"').nth(1).unwrap_or("")))
        .collect();
    // Word forms and phrases, case-insensitive; never inside code or a link address.
    assert_eq!(
        words,
        [
            (8, 1, "Prior to"),
            (10, 9, "utilise"),
            (10, 32, "utilised"),
            (10, 71, "inflammation")
        ]
    );
    assert!(hits[0].3.contains("\"before\""), "{:?}", hits[0]);
    assert!(hits[3].3.contains("\"swelling\""), "{:?}", hits[3]);
}

#[test]
fn passive_voice_over_a_fifth_lists_the_sentences() {
    let hits = breaks_and_fixed("plain/passive");
    assert_eq!(hits.len(), 1, "one finding per article");
    let (line, _, message, help) = &hits[0];
    assert_eq!(*line, 8);
    assert!(message.starts_with("4 of 6 sentences"), "{message}");
    for s in [
        "will be checked",
        "is changed",
        "were given",
        "is not recommended",
    ] {
        assert!(help.contains(s), "{s} not listed: {help}");
    }
    assert!(!help.contains("Rest your knee"), "{help}");
}

#[test]
fn third_person_asks_for_you() {
    let hits = breaks_and_fixed("plain/third-person");
    let places: Vec<(u64, u64)> = hits.iter().map(|h| (h.0, h.1)).collect();
    assert_eq!(places, [(8, 1), (10, 1)]);
    assert!(hits[0].3.contains("\"you should\""), "{:?}", hits[0]);
    assert!(hits[1].3.contains("\"you must\""), "{:?}", hits[1]);
}

#[test]
fn numbers_that_need_arithmetic() {
    let hits = breaks_and_fixed("plain/numbers");
    let places: Vec<(u64, u64)> = hits.iter().map(|h| (h.0, h.1)).collect();
    assert_eq!(places, [(8, 7), (10, 13), (12, 24)]);
    assert!(hits[1].2.contains("relative risk"), "{:?}", hits[1]);
    assert!(hits[0].3.contains("1 in 4"), "{:?}", hits[0]);
}

#[test]
fn long_sentences_and_paragraphs() {
    let hits = breaks_and_fixed("plain/long-sentence");
    assert_eq!(hits.len(), 1);
    assert!(hits[0].2.contains("has 35 words"), "{:?}", hits[0]);
    let hits = breaks_and_fixed("plain/long-paragraph");
    assert_eq!(hits.len(), 1);
    assert!(hits[0].2.contains("6 sentences"), "{:?}", hits[0]);
}

#[test]
fn acronyms_are_spelled_out_at_first_use() {
    let hits = breaks_and_fixed("plain/acronym");
    // GP is an everyday acronym; the second MRI is not a first use.
    let places: Vec<(u64, u64)> = hits.iter().map(|h| (h.0, h.1)).collect();
    assert_eq!(places, [(8, 17), (10, 4)]);
    assert!(
        hits[0]
            .3
            .contains("non-steroidal anti-inflammatory drug (NSAID)"),
        "{:?}",
        hits[0]
    );
}

#[test]
fn undefined_terms_are_found_once_unless_the_article_or_glossary_explains_them() {
    let hits = breaks_and_fixed("plain/undefined-term");
    let words: Vec<(u64, u64, &str)> = hits
        .iter()
        .map(|(l, c, m, _)| (*l, *c, m.split('"').nth(1).unwrap_or("")))
        .collect();
    // Sciatica once (its first use); "herniated disc" is in the glossary; osteoporosis is
    // explained in brackets; "nerve glide" is the site's own word (check.terms); never code
    // or a link address.
    assert_eq!(
        words,
        [
            (8, 6, "sciatica"),
            (10, 52, "tendons"),
            (12, 80, "nerve glide")
        ]
    );
    assert!(
        hits[0]
            .3
            .contains("add \"sciatica\" to content/glossary.yaml"),
        "{:?}",
        hits[0]
    );

    // Without the glossary entry, the herniated disc needs explaining too.
    let site = SiteTest::fixture("plain/clean");
    site.write("content/glossary.yaml", "terms: []\n");
    let case = crate::harness::fixtures_dir().join("plain/cases/undefined-term.md");
    site.write(
        "content/articles/terms.md",
        std::fs::read_to_string(case).expect("case"),
    );
    let run = site.run(&["check", "--format", "json", "--today", TODAY]);
    let json: Value = serde_json::from_str(&run.stdout()).expect("json");
    let found = found(&json, "content/articles/terms.md", "plain/undefined-term");
    assert!(
        found
            .iter()
            .any(|(l, c, m, _)| (*l, *c) == (10, 3) && m.contains("\"herniated disc\"")),
        "{found:?}"
    );
}

#[test]
fn an_article_without_key_points_is_warned_on_its_title_line() {
    // The fixed case has them as a callout; the other fixed cases in front matter.
    let hits = breaks_and_fixed("plain/key-points");
    assert_eq!(hits.len(), 1);
    let (line, column, message, help) = &hits[0];
    assert_eq!((*line, *column), (2, 1));
    assert!(
        message.starts_with("\"Key points\" has no key points"),
        "{message}"
    );
    assert!(
        help.contains("key_points:") && help.contains("[!KEY]"),
        "{help}"
    );
}

#[test]
fn a_rule_can_be_turned_off_for_a_file() {
    let site = SiteTest::fixture("plain/clean");
    let text =
        std::fs::read_to_string(crate::harness::fixtures_dir().join("plain/cases/third-person.md"))
            .expect("case");
    let text = text.replacen("---\n", "---\ncheck:\n  disable: [plain/third-person]\n", 1);
    site.write("content/articles/third.md", text);
    let run = site.run(&["check", "--format", "json", "--today", TODAY]);
    let json: Value = serde_json::from_str(&run.stdout()).expect("json");
    assert!(found(&json, "content/articles/third.md", "plain/third-person").is_empty());
    let pemat = json["articles"]
        .as_array()
        .expect("articles")
        .iter()
        .find(|a| a["path"] == "content/articles/third.md")
        .expect("article")["pemat"]
        .clone();
    let item21 = pemat["items"]
        .as_array()
        .expect("items")
        .iter()
        .find(|i| i["number"] == 21)
        .expect("item 21")
        .clone();
    assert_eq!(item21["status"], "not-checked", "{pemat:#}");
}

#[test]
fn pemat_score_in_all_three_outputs_and_the_minimum() {
    let site = SiteTest::fixture("plain/clean");
    // The clean article without its key points: every judged item met but the summary.
    let knee: String = std::fs::read_to_string(site.root().join("content/articles/knee.md"))
        .expect("knee")
        .lines()
        .filter(|l| !l.starts_with("key_points:") && !l.starts_with("  - "))
        .map(|l| format!("{l}\n"))
        .collect();
    site.write("content/articles/knee.md", &knee);
    let run = site.run(&["check", "--today", TODAY]);
    run.assert_code(0);
    let out = run.stdout();
    assert!(out.contains("PEMAT U/A"), "{out}");
    // The summary table comes last; the path also heads the topic listing above it.
    let row = out
        .lines()
        .rev()
        .find(|l| l.starts_with("content/articles/knee.md"))
        .expect("knee row");
    assert!(row.contains("88/100"), "{row}");

    let json: Value = serde_json::from_str(
        &site
            .run(&["check", "--format", "json", "--today", TODAY])
            .stdout(),
    )
    .expect("json");
    assert_eq!(
        found(&json, "content/articles/knee.md", "plain/key-points").len(),
        1
    );
    let pemat = &json["articles"][0]["pemat"];
    assert_eq!(pemat["understandability"], 87.5, "{pemat:#}");
    assert_eq!(pemat["actionability"], 100.0, "{pemat:#}");
    let status = |n: u64| {
        pemat["items"]
            .as_array()
            .expect("items")
            .iter()
            .find(|i| i["number"] == n)
            .map(|i| i["status"].as_str().unwrap_or("").to_string())
    };
    assert_eq!(status(13).as_deref(), Some("not-met"));
    assert_eq!(status(22).as_deref(), Some("met"));
    assert_eq!(status(2).as_deref(), Some("not-checked"));

    // Key points as a callout meet item 13.
    let with_key = knee.replacen(
        "A sore knee",
        "> [!KEY]\n> Rest, ice and gentle walking help most sore knees.\n\nA sore knee",
        1,
    );
    site.write("content/articles/knee.md", &with_key);
    let (json, _) = {
        let run = site.run(&["check", "--format", "json", "--today", TODAY]);
        (
            serde_json::from_str::<Value>(&run.stdout()).expect("json"),
            run,
        )
    };
    assert_eq!(json["articles"][0]["pemat"]["understandability"], 100.0);
    site.write("content/articles/knee.md", &knee);

    // The HTML report shows the score and the items without a script.
    let report = site.root().join("report.html");
    let report_arg = report.to_string_lossy().to_string();
    site.run(&["check", "--today", TODAY, "--report", &report_arg])
        .assert_code(0);
    let html = scraper::Html::parse_document(&std::fs::read_to_string(&report).expect("report"));
    let summary = crate::harness::selector("td details summary");
    let text: Vec<String> = html.select(&summary).map(crate::harness::text_of).collect();
    assert_eq!(text, ["Understandable 88%, actionable 100%"]);
    assert!(html
        .select(&crate::harness::selector("ul.pemat li"))
        .any(|li| crate::harness::text_of(li).contains("A summary (key points): not met")));

    // A minimum above the score is an error on the article's title line.
    site.write(
        "site.yaml",
        "title: Plain language test clinic\nbase_url: https://plain.example/\nlanguage: en-GB\ncheck:\n  pemat_minimum: 90\n",
    );
    let run = site.run(&["check", "--today", TODAY]);
    run.assert_code(1);
    let out = run.stdout() + &run.stderr();
    assert!(
        out.contains("content/articles/knee.md:2:1: error[plain/pemat]: \"Looking after a sore knee\" scores 88% for PEMAT understandability, below the site's minimum of 90%"),
        "{out}"
    );
    assert!(out.contains("13. A summary (key points)"), "{out}");
    site.write(
        "site.yaml",
        "title: Plain language test clinic\nbase_url: https://plain.example/\ncheck:\n  pemat_minimum: 170\n",
    );
    let run = site.run(&["check", "--today", TODAY]);
    run.assert_code(1);
    let out = run.stdout() + &run.stderr();
    assert!(
        out.contains("site.yaml:4:3: error[config/pemat-minimum]: check.pemat_minimum is a percentage from 0 to 100, not 170"),
        "{out}"
    );
}

#[test]
fn the_example_site_checks_clean_of_plain_language_findings() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    // Check reads the site only; review dates are measured from a date they are all valid on.
    let run = std::process::Command::new(env!("CARGO_BIN_EXE_handout"))
        .args([
            "check",
            "--format",
            "json",
            "--today",
            "2026-06-01",
            "--root",
        ])
        .arg(root)
        .output()
        .expect("run handout");
    let json: Value = serde_json::from_slice(&run.stdout).expect("check JSON");
    let plain: Vec<&Value> = json["diagnostics"]
        .as_array()
        .expect("diagnostics")
        .iter()
        .filter(|d| d["rule"].as_str().is_some_and(|r| r.starts_with("plain/")))
        .collect();
    assert!(plain.is_empty(), "{plain:#?}");
    for a in json["articles"].as_array().expect("articles") {
        let u = a["pemat"]["understandability"].as_f64().unwrap_or(0.0);
        assert!(u >= 70.0, "{}: PEMAT understandability {u}", a["path"]);
    }
}
