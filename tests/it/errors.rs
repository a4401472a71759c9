//! The bad-input catalogue: what `handout build` says about each kind of mistake, with which
//! exit status, and that a failed build leaves the previous site exactly as it was.
//!
//! Each case builds the good site `errors/base`, copies the case's fixture `errors/CASE` over
//! it (the files that break it), builds again and compares. Garbage inputs at the end only have
//! to fail politely: exit 0 or 1, never a panic.

use crate::harness::{Run, SiteTest};

/// One mistake and what `handout build` must say about it.
struct Case {
    /// Fixture under `tests/fixtures/errors/` copied over the base site.
    overlay: &'static str,
    /// Expected exit status.
    code: i32,
    /// Fragments stderr must hold.
    stderr: &'static [&'static str],
}

/// Every diagnostic line has `path:line:col: severity: message` and is followed by `help:`.
#[track_caller]
fn assert_diagnostics_are_located_with_help(run: &Run) {
    let located = regex::Regex::new(r"^[^\s:][^:]*:\d+:\d+: (error|warning): \S").expect("regex");
    let stderr = run.stderr();
    let lines: Vec<&str> = stderr.lines().collect();
    for (i, line) in lines.iter().enumerate() {
        if line.contains(": error: ") || line.contains(": warning: ") {
            assert!(
                located.is_match(line),
                "not path:line:col: {line}\n{stderr}"
            );
            assert!(
                lines
                    .get(i + 1)
                    .is_some_and(|n| n.trim_start().starts_with("help: ")),
                "no help after: {line}\n{stderr}"
            );
        }
    }
}

#[track_caller]
fn check(case: &Case) {
    let site = SiteTest::fixture("errors/base");
    site.build_ok();
    let before = site.snapshot();
    assert!(before.contains_key("articles/massage/index.html"));
    site.overlay(&format!("errors/{}", case.overlay));
    let run = site.run(&["build"]);
    run.assert_no_panic().assert_code(case.code);
    for fragment in case.stderr {
        run.assert_stderr_has(fragment);
    }
    assert_diagnostics_are_located_with_help(&run);
    if case.code == 0 {
        assert_ne!(
            site.snapshot(),
            before,
            "a successful build rewrote nothing"
        );
        return;
    }
    run.assert_stderr_has("was left unchanged");
    assert!(
        site.snapshot() == before,
        "the failed build changed public/: now {:?}",
        site.output_files()
    );
    let leftovers: Vec<String> = std::fs::read_dir(site.root())
        .expect("read site")
        .filter_map(|e| e.ok())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        // The lock file stays by design: removing it while another build waits on it would let
        // a third build take a second lock. The manifest of the last good build stays too.
        .filter(|n| {
            n.contains("handout-")
                && !n.ends_with("handout-lock")
                && !n.ends_with("handout-manifest")
        })
        .collect();
    assert!(leftovers.is_empty(), "staging left behind: {leftovers:?}");
}

macro_rules! error_cases {
    ($($name:ident: $overlay:literal => $code:literal, [$($frag:literal),* $(,)?];)*) => {
        $(
            #[test]
            fn $name() {
                check(&Case { overlay: $overlay, code: $code, stderr: &[$($frag),*] });
            }
        )*
    };
}

error_cases! {
    malformed_yaml_in_front_matter: "front-matter-yaml" => 1, [
        "content/articles/broken-yaml.md:4:12: error: invalid YAML",
        "help: check the indentation",
    ];
    malformed_site_yaml: "site-yaml" => 1, [
        "site.yaml:4:2: error: invalid YAML",
    ];
    bad_topic_rules_in_site_yaml: "bad-topic-rules" => 1, [
        "site.yaml:2:1: error: topic pattern \"*\" for benefits: the pattern has no words",
        "site.yaml:5:3: error: unknown key `topics.benifits`",
        "help: did you mean `benefits`?",
    ];
    missing_title: "missing-title" => 1, [
        "content/articles/untitled.md:1:1: error: missing `title` in the front matter",
        "help: add a line such as `title:",
    ];
    unknown_config_key_names_the_closest_valid_key: "unknown-config-key" => 1, [
        "site.yaml:3:1: error: unknown key `disclaimr`",
        "help: did you mean `disclaimer`?",
    ];
    unknown_front_matter_key_is_a_warning: "unknown-front-matter-key" => 0, [
        "content/articles/heat.md:3:1: warning: unknown key `reviwed`",
        "help: did you mean `reviewed`?",
        "with 1 warning",
    ];
    two_articles_with_one_slug_name_both_files: "duplicate-slug" => 1, [
        "error: two files would be published at `/articles/massage/`",
        "content/articles/massage.md",
        "content/articles/massage-therapy.md",
        "Build failed: 1 error,",
    ];
    link_to_a_missing_article: "missing-link" => 1, [
        "content/articles/heat.md:7:",
        "stretches.md",
    ];
    missing_image: "missing-image" => 1, [
        "content/articles/heat.md:7:1: error: link to `pack-position.png` goes nowhere",
        "help: put the image beside the article's index.md (a page bundle) or under static/",
    ];
    link_to_a_draft_says_it_is_a_draft: "link-to-draft" => 1, [
        "content/articles/heat.md:5:51: error: link to `cold.md` goes nowhere: `content/articles/cold.md` is a draft",
        "--drafts",
    ];
    non_utf8_file_names_the_bad_byte: "non-utf8" => 1, [
        "content/articles/chairs.md:6:15: error: this file is not UTF-8 text",
        "help: re-save the file as UTF-8",
    ];
    template_error_names_the_template_and_line: "template" => 1, [
        "templates/article.html:6:1: error:",
        "Build failed: 1 error,",
    ];
    component_calling_itself_without_end_is_located: "template-recursion" => 1, [
        "templates/parts.html:3:29: error: component `nested` calls itself without end",
        "help: a component that calls itself needs a condition that ends it",
        "Build failed: 1 error,",
    ];
    unknown_filter_is_located: "template-unknown-filter" => 1, [
        "templates/article.html:3:24: error: Unknown filter `shout`",
        "help: check the name against Tera 2's built-in filters",
    ];
    unknown_component_is_located: "template-unknown-component" => 1, [
        "templates/article.html:4:3: error: Unknown component `badge`",
        "help: define it with `{% component name(arg) %}",
    ];
    undefined_template_value_is_located: "template-undefined" => 1, [
        "templates/article.html:4:32: error: Field `subtitle` is not defined",
        "Available fields: authors,",
        "help: this page has no such value",
    ];
    tera1_import_says_components_replaced_macros: "template-tera1-macro" => 1, [
        "templates/article.html:2:1: error: unexpected tag `import`",
        "help: check the tag; Tera 2 replaced `{% macro %}` and `{% import %}` with components",
    ];
    wrong_types_point_at_their_keys: "wrong-type" => 1, [
        "site.yaml:2:1: error: `review_interval_months`: invalid type: string \"soon\", expected",
        "content/articles/heat.md:5:5: error: `references[0].year`: invalid type: string \"next spring\"",
        "Build failed: 2 errors,",
    ];
    bad_date: "bad-date" => 1, [
        "content/articles/heat.md:3:1: error: `reviewed: last spring` is not a date",
        "help: write dates as YYYY-MM-DD",
    ];
    alias_colliding_with_a_page: "alias-collision" => 1, [
        "content/articles/heat.md:3:1: error: the alias `/about/` would replace the page /about/",
    ];
    alias_over_a_generated_or_static_file: "alias-over-file" => 1, [
        "content/articles/heat.md:3:1: error: the alias `/sitemap.xml` would replace the generated /sitemap.xml",
        "content/articles/heat.md:3:1: error: the alias `/leaflets/heat.html` would replace the file static/leaflets/heat.html",
    ];
    several_errors_are_reported_together: "several" => 1, [
        "content/articles/broken-yaml.md:3:1: error: invalid YAML",
        "content/articles/heat.md:3:1: error: `reviewed: 2026-13-40` is not a date",
        "content/articles/untitled.md:1:1: error: missing `title`",
        "Build failed: 3 errors,",
    ];
}

#[test]
fn a_broken_link_is_reported_at_the_link() {
    // Line 7 is "Afterwards, try [gentle stretches](stretches.md) to stay loose."
    // The link runs from column 17 to column 48.
    let site = SiteTest::fixture("errors/base");
    site.overlay("errors/missing-link");
    let run = site.run(&["build"]);
    run.assert_code(1);
    let errors = run.diagnostics("error");
    assert_eq!(errors.len(), 1, "{}", run.stderr());
    let rest = errors[0]
        .strip_prefix("content/articles/heat.md:7:")
        .unwrap_or_else(|| panic!("not at line 7: {}", errors[0]));
    let col: usize = rest
        .split(':')
        .next()
        .and_then(|c| c.parse().ok())
        .unwrap_or_else(|| panic!("no column: {}", errors[0]));
    assert!((17..=48).contains(&col), "column {col} is outside the link");
}

#[test]
fn an_article_in_a_folder_without_index_md_is_not_silently_dropped() {
    let site = SiteTest::fixture("errors/base");
    site.write(
        "content/articles/back/stretches.md",
        "---\ntitle: Stretches\n---\n\nBody.\n",
    );
    let run = site.run(&["build"]);
    run.assert_code(0);
    run.assert_stderr_has(
        "content/articles/back/stretches.md: warning: this file is not part of the site",
    );
}

#[test]
fn out_refuses_a_folder_handout_did_not_make() {
    let site = SiteTest::fixture("errors/base");
    site.write("docs/minutes.txt", "Staff meeting minutes");
    let run = site.run(&["build", "--out", "docs"]);
    run.assert_no_panic().assert_code(2);
    run.assert_stderr_has("docs already exists and was not made by handout");
    let left: Vec<String> = std::fs::read_dir(site.root().join("docs"))
        .expect("docs")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(left, ["minutes.txt"], "handout wrote into docs/");
    assert_eq!(
        std::fs::read_to_string(site.root().join("docs/minutes.txt")).expect("kept"),
        "Staff meeting minutes"
    );
}

#[test]
fn out_refuses_the_site_folder_itself() {
    let site = SiteTest::fixture("errors/base");
    let run = site.run(&["build", "--out", "."]);
    run.assert_no_panic().assert_code(2);
    run.assert_stderr_has("would replace the site folder itself");
    assert!(site.root().join("content/articles/massage.md").is_file());
    assert!(site.root().join("site.yaml").is_file());
}

#[test]
fn a_missing_root_is_a_usage_error() {
    let site = SiteTest::empty();
    let run = site.run(&["build", "--root", "no-such-site"]);
    run.assert_no_panic().assert_code(2);
    run.assert_stderr_has("no-such-site: error: this site folder does not exist");
    run.assert_stderr_has("help: ");
    // `--root` with no folder at all is also a usage error.
    site.run(&["build", "--root"]).assert_code(2);
}

#[test]
fn a_base_url_that_is_not_an_address_is_a_usage_error() {
    let site = SiteTest::fixture("errors/base");
    site.build_ok();
    let before = site.snapshot();
    for bad in [
        "guides",
        "ftp://files.example/",
        "https://my clinic.example/",
    ] {
        let run = site.run(&["build", "--base-url", bad]);
        run.assert_no_panic().assert_code(2);
        run.assert_stderr_has(&format!("error: `{bad}` is not an http(s) address"));
    }
    assert!(site.snapshot() == before, "public/ changed");
}

// ---- garbage: must fail politely -------------------------------------------------------------

/// A valid article around `body`, so the Markdown stage has to deal with it.
fn article(body: &str) -> Vec<u8> {
    format!("---\ntitle: Odd input\n---\n\n{body}\n").into_bytes()
}

/// Pseudo-random bytes, the same in every run.
fn junk(len: usize, seed: u64) -> Vec<u8> {
    let mut x = seed;
    (0..len)
        .map(|_| {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            (x >> 24) as u8
        })
        .collect()
}

#[track_caller]
fn survives(path: &str, bytes: Vec<u8>) {
    let site = SiteTest::fixture("errors/base");
    site.write(path, bytes);
    let run = site.run(&["build"]);
    run.assert_no_panic();
    assert!(
        matches!(run.code(), Some(0) | Some(1)),
        "{path}: exit status {:?} (signal or usage error)\n{}",
        run.code(),
        run.stderr()
    );
    if run.code() == Some(1) {
        assert!(
            !run.diagnostics("error").is_empty(),
            "{path}: failed without saying why\n{}",
            run.stderr()
        );
    }
}

#[test]
fn garbage_empty_files() {
    survives("content/articles/empty.md", Vec::new());
    survives("content/faq.md", Vec::new());
    survives("content/_index.md", Vec::new());
    survives("site.yaml", Vec::new());
}

#[test]
fn garbage_a_file_that_is_only_dashes() {
    survives("content/articles/dashes.md", b"---".to_vec());
    survives("content/articles/dashes.md", b"---\n---\n".to_vec());
    survives("content/faq.md", b"---\n".to_vec());
    survives("site.yaml", b"---\n".to_vec());
}

#[test]
fn garbage_binary_junk() {
    survives(
        "content/articles/junk.md",
        junk(4096, 0x9e37_79b9_7f4a_7c15),
    );
    let mut framed = b"---\ntitle: Junk\n---\n".to_vec();
    framed.extend(junk(4096, 42));
    survives("content/articles/junk.md", framed);
    survives("site.yaml", junk(512, 7));
    // Valid UTF-8 but hostile: control characters, NUL, bidi marks, raw HTML, odd links.
    survives(
        "content/articles/hostile.md",
        article(
            "\u{0}\u{1}\u{202e}abc\u{feff} <script>alert(1)</script> [x](<>) [y]( ) ![](#) \
             [z](../../../../etc/passwd.md) <!-- never closed\n## \u{0}\n### \n## {.benefits}\n",
        ),
    );
}

#[test]
fn garbage_a_one_megabyte_line() {
    survives(
        "content/articles/long.md",
        article(&"word ".repeat(210_000)),
    );
    survives(
        "content/articles/long-link.md",
        article(&format!("[x]({}.md)", "a".repeat(1_000_000))),
    );
}

#[test]
fn garbage_deep_nesting() {
    let lists: String = (0..2000)
        .map(|i| format!("{}- item\n", "  ".repeat(i)))
        .collect();
    survives("content/articles/lists.md", article(&lists));
    survives(
        "content/articles/quotes.md",
        article(&format!("{} deep", ">".repeat(5000))),
    );
    survives(
        "content/articles/brackets.md",
        article(&format!("{}x{}", "[".repeat(20_000), "]".repeat(20_000))),
    );
    survives(
        "content/articles/yaml-nesting.md",
        format!(
            "---\ntitle: x\ntags: {}{}\n---\n",
            "[".repeat(3000),
            "]".repeat(3000)
        )
        .into_bytes(),
    );
}

#[test]
fn garbage_yaml_of_the_wrong_shape() {
    survives("site.yaml", b"- just\n- a list\n".to_vec());
    survives("site.yaml", b"title: [1, 2]\nclinic: yes\n".to_vec());
    survives(
        "content/articles/shape.md",
        b"---\n- title\n---\nBody\n".to_vec(),
    );
    survives(
        "content/articles/types.md",
        b"---\ntitle: {a: 1}\ntags: 3\naliases: no\ndraft: maybe\n---\nBody\n".to_vec(),
    );
}
