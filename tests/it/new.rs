//! `handout new`: a site from an empty folder, and articles and pages from templates.

use crate::harness::{page_at, SiteTest};

/// Rules a new or freshly imported site may report: content for a person to write or
/// review, never a broken build or link.
pub(crate) const CONTENT_RULES: &[&str] = &[
    "review/missing",
    "content/placeholder",
    // A new site has no address yet: check asks for one before printouts can carry it.
    "print/base-url",
    "a11y/alt-text",
    "meta/description",
    "readability/grade",
    // Imported articles have no key points until the writer adds them, and their medical
    // words need explaining.
    "plain/key-points",
    "plain/undefined-term",
];

/// Runs `handout check --format json --root ROOT` and returns the (severity, rule) of every
/// finding, asserting the exit status is 0 (no errors).
#[track_caller]
pub(crate) fn check_findings(site: &SiteTest, root: &str) -> Vec<(String, String)> {
    let r = site.run(&["check", "--format", "json", "--root", root]);
    r.assert_code(0);
    let json: serde_json::Value = serde_json::from_str(&r.stdout()).expect("check JSON");
    json["diagnostics"]
        .as_array()
        .expect("diagnostics")
        .iter()
        .map(|d| {
            (
                d["severity"].as_str().unwrap_or("").to_string(),
                d["rule"].as_str().unwrap_or("").to_string(),
            )
        })
        .collect()
}

#[test]
fn a_new_site_builds_from_an_empty_folder() {
    let t = SiteTest::empty();
    let r = t.run(&["new", "clinic"]);
    r.assert_code(0);
    let out = r.stdout();
    assert!(
        out.contains("cd clinic") && out.contains("handout serve"),
        "{out}"
    );
    for f in [
        "site.yaml",
        ".gitignore",
        "content/_index.md",
        "content/faq.md",
        "content/pages/about.md",
    ] {
        assert!(t.root().join("clinic").join(f).is_file(), "missing {f}");
    }
    t.run(&["build", "--root", "clinic"]).assert_code(0);
    let public = t.root().join("clinic/public");
    let article = page_at(&public, "articles/heat-therapy-for-sore-muscles/index.html");
    assert!(article.main_text().contains("Heat can relax tight muscles"));
    assert!(public
        .join("articles/heat-therapy-for-sore-muscles/benefits/index.html")
        .is_file());
    assert!(page_at(&public, "faq/index.html")
        .main_text()
        .contains("How do I book an appointment?"));

    let findings = check_findings(&t, "clinic");
    assert!(
        findings
            .iter()
            .all(|(sev, rule)| sev == "warning" && CONTENT_RULES.contains(&rule.as_str())),
        "{findings:?}"
    );
    assert!(
        findings
            .iter()
            .any(|(_, rule)| rule == "content/placeholder"),
        "the clinic placeholders are flagged"
    );
}

#[test]
fn filling_in_the_placeholders_silences_the_rule() {
    let t = SiteTest::empty();
    t.run(&["new", "."]).assert_code(0);
    let yaml = std::fs::read_to_string(t.root().join("site.yaml")).expect("site.yaml");
    let filled: String = yaml
        .lines()
        .map(|l| match l.split_once(": \"[") {
            Some((key, _)) => format!("{key}: \"Filled in\""),
            None => l.to_string(),
        })
        .collect::<Vec<_>>()
        .join("\n");
    t.write("site.yaml", filled);
    for f in [
        "content/_index.md",
        "content/faq.md",
        "content/pages/about.md",
    ] {
        let text = std::fs::read_to_string(t.root().join(f)).expect("read");
        let text = text.replace(
            "description: \"[",
            "description: \"A plain sentence about this page, long enough to describe it. [",
        );
        t.write(f, text.replace("]\"\n", "\"\n"));
    }
    let findings = check_findings(&t, ".");
    assert!(
        !findings.iter().any(|(_, r)| r == "content/placeholder"),
        "{findings:?}"
    );
}

#[test]
fn new_refuses_a_folder_with_files_in_it() {
    let t = SiteTest::empty();
    t.write("clinic/notes.txt", "mine");
    let r = t.run(&["new", "clinic"]);
    r.assert_code(2).assert_stderr_has("not empty");
    assert!(!t.root().join("clinic/site.yaml").exists());
    assert_eq!(
        std::fs::read_to_string(t.root().join("clinic/notes.txt")).expect("kept"),
        "mine"
    );
}

#[test]
fn new_article_and_page_come_from_templates() {
    let t = SiteTest::empty();
    t.run(&["new", "."]).assert_code(0);
    t.run(&["new", "article", "Knee replacement: recovery at home"])
        .assert_code(0);
    let rel = "content/articles/knee-replacement-recovery-at-home.md";
    let text = std::fs::read_to_string(t.root().join(rel)).expect("article written");
    let today = chrono::Local::now().date_naive().to_string();
    assert!(
        text.contains("title: \"Knee replacement: recovery at home\""),
        "{text}"
    );
    assert!(text.contains(&format!("date: {today}")), "{text}");
    for h in [
        "## Benefits",
        "## What to expect",
        "## Precautions",
        "## Frequently asked questions",
    ] {
        assert!(text.contains(h), "{h} in {text}");
    }
    t.build_ok();
    assert!(t.exists("articles/knee-replacement-recovery-at-home/precautions/index.html"));

    // The same title again would replace the file: refused.
    t.run(&["new", "article", "Knee replacement: recovery at home"])
        .assert_code(2)
        .assert_stderr_has("already exists");
    assert_eq!(
        std::fs::read_to_string(t.root().join(rel)).expect("kept"),
        text
    );

    // A site's own template replaces the built-in one.
    t.write("templates/new/page.md", "---\ntitle: \"{{title}}\"\ndescription: Our own page template, with a description of the right length.\n---\n\nOUR OWN TEMPLATE\n");
    t.run(&["new", "page", "Opening hours"]).assert_code(0);
    let page =
        std::fs::read_to_string(t.root().join("content/pages/opening-hours.md")).expect("page");
    assert!(
        page.contains("OUR OWN TEMPLATE") && page.contains("title: \"Opening hours\""),
        "{page}"
    );
    t.build_ok();
    assert!(t
        .page("opening-hours/index.html")
        .main_text()
        .contains("OUR OWN TEMPLATE"));
}
