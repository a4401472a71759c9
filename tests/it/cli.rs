//! The command line itself: help that teaches, the version, and the summary after a build.

use crate::harness::{html_files, SiteTest};

#[test]
fn help_names_the_commands_and_the_exit_statuses() {
    let run = SiteTest::empty().run(&["--help"]);
    run.assert_code(0);
    let help = run.stdout();
    for word in ["build", "check", "serve"] {
        assert!(help.contains(word), "--help lacks {word:?}:\n{help}");
    }
    let lower = help.to_lowercase();
    assert!(
        lower.contains("exit status"),
        "--help lacks the exit statuses:\n{help}"
    );
    for status in ["0", "1", "2"] {
        assert!(
            help.contains(status),
            "--help lacks exit status {status}:\n{help}"
        );
    }
}

#[test]
fn build_help_explains_its_options_and_exit_statuses() {
    let run = SiteTest::empty().run(&["build", "--help"]);
    run.assert_code(0);
    let help = run.stdout();
    for needle in [
        "--root",
        "--out",
        "--base-url",
        "--drafts",
        "Exit status",
        "0 built",
        "1 content",
        "2 usage",
    ] {
        assert!(
            help.contains(needle),
            "build --help lacks {needle:?}:\n{help}"
        );
    }
}

#[test]
fn version_prints_the_crate_version() {
    let run = SiteTest::empty().run(&["--version"]);
    run.assert_code(0);
    assert_eq!(
        run.stdout().trim(),
        format!("handout {}", env!("CARGO_PKG_VERSION"))
    );
}

#[test]
fn an_unknown_command_is_a_usage_error() {
    let run = SiteTest::empty().run(&["biuld"]);
    run.assert_code(2);
    run.assert_stderr_has("build");
}

#[test]
fn a_build_ends_with_a_one_line_summary() {
    let site = SiteTest::fixture("build/small");
    let run = site.build_ok();
    let stderr = run.stderr();
    let summary = stderr
        .lines()
        .find(|l| l.starts_with("Built "))
        .unwrap_or_else(|| panic!("no summary line:\n{stderr}"));
    let re = regex::Regex::new(r"^Built (\d+) pages .* in (\d+(\.\d+)?) s\.?$").expect("regex");
    let caps = re
        .captures(summary)
        .unwrap_or_else(|| panic!("summary not as documented: {summary}"));
    let pages: usize = caps[1].parse().expect("count");
    assert_eq!(pages, html_files(&site.public()).len(), "{summary}");
    assert!(summary.contains("0 warnings"), "{summary}");
    assert_eq!(
        stderr.lines().count(),
        1,
        "a clean build prints only the summary:\n{stderr}"
    );
}
