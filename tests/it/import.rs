//! `handout import`: each format's fixture imports into a new site that builds with its
//! topic pages and FAQ questions; dry runs write nothing; existing files are kept; a bad
//! file fails with its path while the others import.

use crate::harness::{files_under, fixtures_dir, SiteTest};
use crate::new::{check_findings, CONTENT_RULES};

/// A new site in a temp folder with `fixtures/import/NAME` imported; returns the import run.
#[track_caller]
fn imported(name: &str, extra: &[&str]) -> (SiteTest, crate::harness::Run) {
    let t = SiteTest::empty();
    t.run(&["new", "."]).assert_code(0);
    let src = fixtures_dir().join("import").join(name);
    let src = src.to_string_lossy().into_owned();
    let mut args = vec!["import", src.as_str()];
    args.extend_from_slice(extra);
    let r = t.run(&args);
    r.assert_no_panic();
    (t, r)
}

/// Asserts the site builds and `check` reports only content warnings.
#[track_caller]
fn builds_with_only_content_warnings(t: &SiteTest) {
    let r = t.build_ok();
    assert!(r.diagnostics("warning").is_empty(), "{}", r.stderr());
    let findings = check_findings(t, ".");
    let other: Vec<_> = findings
        .iter()
        .filter(|(sev, rule)| sev != "warning" || !CONTENT_RULES.contains(&rule.as_str()))
        .collect();
    assert!(other.is_empty(), "{other:?}");
    assert!(
        findings.iter().any(|(_, r)| r == "review/missing"),
        "imports ask for a clinical review"
    );
}

#[test]
fn plain_text_blog_post() {
    let (t, r) = imported("text", &[]);
    r.assert_code(0);
    let report = r.stdout();
    for line in [
        "section \"Benefits of massage after knee surgery\" → benefits",
        "section \"Frequently asked questions\" → faq",
        "2 FAQ questions",
        "the blog's footer, starting \"Share this:\"",
        "needs a person: no reviewer",
    ] {
        assert!(report.contains(line), "report lacks {line:?}\n{report}");
    }
    builds_with_only_content_warnings(&t);
    let slug = "articles/massage-after-knee-surgery-what-it-does-and-how-to-start";
    let page = t.page(&format!("{slug}/index.html"));
    assert_eq!(
        page.texts("main h3")
            .iter()
            .take(3)
            .cloned()
            .collect::<Vec<_>>(),
        ["Less stiffness", "Less swelling", "Better sleep"]
    );
    assert_eq!(
        page.texts("main ol li strong"),
        ["Warm up:", "Stroke:", "Rest:"]
    );
    let items = page.texts("main ul li");
    for p in [
        "Your scar is red, hot or leaking fluid.",
        "Your calf is swollen or painful.",
        "You have a fever.",
    ] {
        assert!(items.iter().any(|i| i == p), "bullet {p:?} in {items:?}");
    }
    let faq = page.one_json_ld("FAQPage");
    let names: Vec<&str> = faq["mainEntity"]
        .as_array()
        .expect("questions")
        .iter()
        .filter_map(|q| q["name"].as_str())
        .collect();
    assert_eq!(
        names,
        [
            "When can I start massage after surgery?",
            "Will massage hurt?"
        ]
    );
    page.assert_main_has(&[
        "It’s normal to feel “tight” at first.",
        "This article gives general information.",
    ]);
    page.assert_main_lacks(&[
        "Leave a Reply",
        "Share this",
        "Related posts",
        "3 Comments",
        "Posted on",
    ]);
    for topic in ["benefits", "what-to-expect", "precautions"] {
        assert!(
            t.exists(&format!("{slug}/{topic}/index.html")),
            "{topic} page"
        );
    }
    t.page("faq/index.html").assert_main_has(&[
        "When can I start massage after surgery?",
        "Will massage hurt?",
    ]);
    let md =
        std::fs::read_to_string(t.root().join("content").join(format!("{slug}.md"))).expect("md");
    assert!(
        md.contains("date: 2024-03-04") && md.contains("- Knee") && !md.contains("reviewer"),
        "{md}"
    );
    assert!(
        md.contains("description: Many people feel stiff and sore for weeks after knee surgery."),
        "{md}"
    );
}

#[test]
fn saved_html_pages() {
    let (t, r) = imported("html", &[]);
    r.assert_code(0);
    let report = r.stdout();
    assert!(
        report.contains("`exercise-chart.png` has no alt text"),
        "{report}"
    );
    assert!(
        report.contains("comment thread")
            && report.contains("share buttons")
            && report.contains("navigation"),
        "{report}"
    );
    builds_with_only_content_warnings(&t);
    let slug = "articles/exercises-after-hip-replacement";
    let page = t.page(&format!("{slug}/index.html"));
    assert_eq!(page.texts("main h1"), ["Exercises after hip replacement"]);
    page.assert_main_lacks(&[
        "Great article",
        "Tweet",
        "Services",
        "Post comment",
        "Popular posts",
    ]);
    assert_eq!(
        page.attrs("meta[name=description]", "content"),
        ["Simple exercises that help you walk and move safely in the first weeks after a hip replacement."]
    );
    assert!(page
        .attrs("main img:not(.qr)", "alt")
        .iter()
        .any(|a| a.starts_with("A person lying on a bed")));
    assert!(
        t.exists(&format!("{slug}/heel-slide.png")),
        "image copied into the bundle"
    );
    assert!(
        page.attrs("main a", "href")
            .iter()
            .any(|h| h.ends_with("/articles/knee-pain-at-night/")),
        "link between imported pages"
    );
    for topic in ["benefits", "what-to-expect", "precautions"] {
        assert!(
            t.exists(&format!("{slug}/{topic}/index.html")),
            "{topic} page"
        );
    }
    t.page("faq/index.html")
        .assert_main_has(&["How long should I keep doing the exercises?"]);
    assert!(
        t.page("guides/hip-replacement-exercises.html")
            .is_redirect(),
        "old address redirects"
    );
}

#[test]
fn wordpress_export() {
    let (t, r) = imported("wordpress", &[]);
    r.assert_code(0);
    builds_with_only_content_warnings(&t);
    let page = t.page("articles/frozen-shoulder-stretches/index.html");
    page.assert_main_lacks(&["contact-form-7", "wp:paragraph"]);
    assert!(
        t.exists("articles/frozen-shoulder-stretches/shoulder-stretch.png"),
        "image copied"
    );
    assert_eq!(
        page.attrs("main img:not(.qr)", "alt"),
        ["A woman doing a pendulum stretch, leaning on a table"]
    );
    assert!(
        page.attrs("main a", "href")
            .iter()
            .any(|h| h.ends_with("/articles/ice-or-heat/")),
        "link between posts"
    );
    assert!(
        t.page("2024/02/frozen-shoulder-stretches/index.html")
            .is_redirect(),
        "old permalink redirects"
    );
    assert!(t.exists("articles/ice-or-heat/precautions/index.html"));
    assert!(t.exists("tags/shoulder/index.html"));
    t.page("faq/index.html")
        .assert_main_has(&["How long does a frozen shoulder last?"]);
    // The draft is written, marked as a draft, and left out of the site.
    let draft = std::fs::read_to_string(
        t.root()
            .join("content/articles/tennis-elbow-a-first-guide.md"),
    )
    .expect("draft");
    assert!(draft.contains("draft: true"), "{draft}");
    assert!(!t.exists("articles/tennis-elbow-a-first-guide/index.html"));
    let ice = t.page("articles/ice-or-heat/index.html");
    ice.assert_main_has(&["Ice wrapped in a thin towel."])
        .assert_main_lacks(&["[caption"]);
}

#[test]
fn word_document() {
    let (t, r) = imported("docx", &[]);
    r.assert_code(0);
    builds_with_only_content_warnings(&t);
    let slug = "articles/back-pain-at-work";
    let page = t.page(&format!("{slug}/index.html"));
    assert_eq!(page.texts("main h1"), ["Back pain at work"]);
    assert!(page.texts("main strong").contains(&"relaxed".to_string()));
    assert_eq!(page.texts("main em"), ["supple"]);
    let steps = page.texts("main ol li");
    assert!(
        steps.contains(&"Set your screen at eye level.".to_string()),
        "{steps:?}"
    );
    assert_eq!(page.texts("main th"), ["Change", "How long it takes"]);
    assert_eq!(
        page.attrs("main img:not(.qr)", "alt"),
        ["A desk with the screen at eye level and a chair with back support"]
    );
    for topic in ["benefits", "what-to-expect", "precautions"] {
        assert!(
            t.exists(&format!("{slug}/{topic}/index.html")),
            "{topic} page"
        );
    }
    t.page("faq/index.html")
        .assert_main_has(&["Should I use a standing desk?"]);
    let md =
        std::fs::read_to_string(t.root().join("content").join(slug).join("index.md")).expect("md");
    assert!(
        md.contains("date: 2024-05-06") && md.contains("Priya Shah, PT"),
        "{md}"
    );
}

#[test]
fn dry_run_writes_nothing() {
    let t = SiteTest::empty();
    t.run(&["new", "."]).assert_code(0);
    let before = files_under(t.root());
    let src = fixtures_dir().join("import");
    let r = t.run(&["import", "--dry-run", &src.to_string_lossy()]);
    r.assert_code(0);
    assert!(
        r.stdout()
            .contains("would write content/articles/back-pain-at-work/index.md"),
        "{}",
        r.stdout()
    );
    assert_eq!(files_under(t.root()), before);
}

#[test]
fn existing_files_are_kept_unless_forced() {
    let (t, r) = imported("text", &[]);
    r.assert_code(0);
    let rel = "content/articles/massage-after-knee-surgery-what-it-does-and-how-to-start.md";
    t.write(rel, "---\ntitle: Edited by hand\n---\n\nMy edits.\n");
    let src = fixtures_dir().join("import/text");
    let again = t.run(&["import", &src.to_string_lossy()]);
    again
        .assert_code(1)
        .assert_stderr_has(rel)
        .assert_stderr_has("--force");
    assert!(std::fs::read_to_string(t.root().join(rel))
        .expect("kept")
        .contains("My edits."));
    t.run(&["import", "--force", &src.to_string_lossy()])
        .assert_code(0);
    assert!(!std::fs::read_to_string(t.root().join(rel))
        .expect("replaced")
        .contains("My edits."));
}

#[test]
fn unreadable_files_fail_with_their_path_and_the_rest_import() {
    let t = SiteTest::empty();
    t.run(&["new", "."]).assert_code(0);
    t.write("old/broken.xml", "<?xml version=\"1.0\"?>\n<rss xmlns:wp=\"http://wordpress.org/export/1.2/\">\n<channel>\n<item><title>x</item>\n</channel></rss>\n");
    t.write("old/empty.txt", "");
    t.write("old/photo.txt", [0u8, 159, 146, 150, 255, 0, 1]);
    t.write("old/not-word.docx", "plain text, not a zip");
    t.write(
        "old/good.txt",
        "Ankle sprains\n\nMost ankle sprains heal in a few weeks with rest.\n",
    );
    let r = t.run(&["import", "old"]);
    r.assert_no_panic().assert_code(1);
    r.assert_stderr_has("old/broken.xml: error: line 4: malformed XML");
    r.assert_stderr_has("old/empty.txt: error: the file is empty");
    r.assert_stderr_has("old/photo.txt: error: this is not a text file");
    r.assert_stderr_has("old/not-word.docx: error: not a Word document");
    assert!(
        t.root().join("content/articles/ankle-sprains.md").is_file(),
        "the good file imported"
    );
    t.build_ok();
}

#[test]
fn json_report() {
    let (_t, r) = imported("text", &["--format", "json", "--dry-run"]);
    r.assert_code(0);
    let json: serde_json::Value = serde_json::from_str(&r.stdout()).expect("JSON");
    let doc = &json["files"][0]["documents"][0];
    assert_eq!(doc["faq_questions"], 2);
    let topics: Vec<&str> = doc["sections"]
        .as_array()
        .expect("sections")
        .iter()
        .filter_map(|s| s["topic"].as_str())
        .collect();
    assert_eq!(topics, ["benefits", "what-to-expect", "precautions", "faq"]);
    assert_eq!(doc["written"], false);
}
