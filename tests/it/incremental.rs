//! Incremental builds: with a previous output present, `handout build` carries unchanged
//! pages over and renders only what an edit touched, and the result is byte for byte what a
//! clean build of the edited site gives. With nothing changed at all it says so and leaves the
//! published site alone; any edit of an input, or of the output, is seen.

use crate::harness::{snapshot, SiteTest};
use std::collections::BTreeMap;

/// The number of files the build says it carried over ("…, N unchanged)").
fn unchanged(stderr: &str) -> usize {
    let re = regex::Regex::new(r", (\d+) unchanged\)").expect("regex");
    re.captures(stderr)
        .and_then(|c| c[1].parse().ok())
        .unwrap_or(0)
}

/// The number of pages the build says it built ("Built N pages").
fn pages(stderr: &str) -> usize {
    let re = regex::Regex::new(r"Built (\d+) pages").expect("regex");
    re.captures(stderr)
        .and_then(|c| c[1].parse().ok())
        .unwrap_or(0)
}

/// Whether the build said that nothing had changed (and so did nothing).
fn nothing_changed(stderr: &str) -> bool {
    stderr.contains("Nothing changed since the last build")
}

/// Checks that public/ is byte for byte what a clean build of the site gives.
#[track_caller]
fn assert_same_as_clean(site: &SiteTest, after: &str) {
    let fresh = site.root().join("fresh");
    site.build_with(&["--clean", "--out", fresh.to_str().expect("utf-8 path")]);
    let (a, b): (BTreeMap<_, _>, BTreeMap<_, _>) = (snapshot(&site.public()), snapshot(&fresh));
    assert_eq!(
        a.keys().collect::<Vec<_>>(),
        b.keys().collect::<Vec<_>>(),
        "files differ after {after}"
    );
    for (path, bytes) in &a {
        assert!(Some(bytes) == b.get(path), "{path} differs after {after}");
    }
}

/// Builds `site` incrementally into public/ after an edit, checks that the build saw the edit
/// and that its output is identical to a clean build's; then builds again with nothing
/// changed, which must say so and leave the output as it was. Returns how many files the
/// first build carried over.
#[track_caller]
fn check_same(site: &SiteTest, after: &str) -> usize {
    let run = site.build_ok();
    assert!(
        !nothing_changed(&run.stderr()),
        "the build missed {after}: {}",
        run.stderr()
    );
    assert_same_as_clean(site, after);
    let built = snapshot(&site.public());
    let again = site.build_ok();
    assert!(
        nothing_changed(&again.stderr()),
        "a build right after {after} found a change: {}",
        again.stderr()
    );
    assert!(snapshot(&site.public()) == built, "the output changed");
    unchanged(&run.stderr())
}

#[test]
fn incremental_builds_match_a_clean_build_after_each_kind_of_edit() {
    let site = SiteTest::fixture("serve/basic");
    let ham = "content/articles/hamstring-stretch.md";
    let calf = "content/articles/calf-stretch.md";
    let extra = "content/articles/ankle-circles.md";
    site.write(
        extra,
        "---\ntitle: Ankle circles\ntags: [ankles]\n---\n\nDraw slow circles with your foot.\n\n\
## Benefits\n\nLooser ankles.\n",
    );
    let first = site.build_ok();
    assert_eq!(unchanged(&first.stderr()), 0, "{}", first.stderr());
    let (pages, files) = (pages(&first.stderr()), site.output_files().len());
    assert!(pages > 5, "{}", first.stderr());

    // Without a change the build does nothing, and says so with the page count.
    let page = site.public().join("articles/calf-stretch/index.html");
    let mtime = |p: &std::path::Path| std::fs::metadata(p).map(|m| m.modified().ok());
    let before = mtime(&page).expect("page");
    let run = site.build_ok();
    assert!(nothing_changed(&run.stderr()), "{}", run.stderr());
    assert!(
        run.stderr().contains(&format!("({pages} pages")),
        "{}",
        run.stderr()
    );
    assert_eq!(
        mtime(&page).expect("page"),
        before,
        "the page was written again"
    );
    assert_same_as_clean(&site, "no change");

    let edit = |rel: &str, from: &str, to: &str| {
        let text = std::fs::read_to_string(site.root().join(rel)).expect("read");
        assert!(text.contains(from), "{rel} lacks {from:?}");
        site.write(rel, text.replace(from, to));
    };
    edit(ham, "after a long day of sitting", "after hours at a desk");
    let carried = check_same(&site, "an article edit");
    assert!(
        carried > 0 && carried < files,
        "carried {carried} of {files}"
    );

    // Other options are another site.
    let drafts = site.build_with(&["--drafts"]);
    assert!(!nothing_changed(&drafts.stderr()), "{}", drafts.stderr());
    check_same(&site, "a build with other options");

    site.write(
        "templates/article.html",
        "{% extends \"default/article.html\" %}\n{% block article_footer %}<p>Printed by the clinic.</p>{% endblock article_footer %}\n",
    );
    check_same(&site, "a new template");
    assert!(site
        .read("articles/calf-stretch/index.html")
        .contains("Printed by the clinic."));
    edit("templates/article.html", "Printed by", "Handed out by");
    check_same(&site, "a template edit");

    edit("site.yaml", "Serve test site", "Stretching guides");
    check_same(&site, "a config edit");

    let css = std::fs::read_to_string(site.root().join("static/css/extra.css")).expect("read");
    site.write("static/css/extra.css", format!("{css}\n/* edited */\n"));
    check_same(&site, "a static file edit");

    site.remove(extra);
    check_same(&site, "a deleted article");
    assert!(!site.exists("articles/ankle-circles/index.html"));

    edit(
        calf,
        "title: Calf stretch",
        "slug: calves\ntitle: Calf stretch",
    );
    check_same(&site, "a renamed slug");
    assert!(site.exists("articles/calves/index.html"));
    assert!(!site.exists("articles/calf-stretch/index.html"));
}

#[test]
fn a_hand_edited_output_file_is_rendered_again() {
    let site = SiteTest::fixture("serve/basic");
    site.build_ok();
    let page = site.public().join("articles/calf-stretch/index.html");
    let built = std::fs::read(&page).expect("read");
    std::fs::write(&page, b"<p>edited by hand</p>").expect("write");
    site.build_ok();
    assert_eq!(std::fs::read(&page).expect("read"), built);
}

#[test]
fn an_edit_that_keeps_the_size_and_time_of_the_file_is_seen() {
    let site = SiteTest::fixture("serve/basic");
    site.build_ok();
    let file = site.root().join("content/articles/calf-stretch.md");
    let mtime = std::fs::metadata(&file)
        .and_then(|m| m.modified())
        .expect("mtime");
    let text = std::fs::read_to_string(&file).expect("read");
    assert!(text.contains("stretch"), "{text}");
    // Same length, and the old modification time put back, as `cp -p` or `tar` would.
    std::fs::write(&file, text.replacen("stretch", "STRETCH", 1)).expect("write");
    let f = std::fs::File::options()
        .write(true)
        .open(&file)
        .expect("open");
    f.set_modified(mtime).expect("set mtime");
    drop(f);
    let run = site.build_ok();
    assert!(!nothing_changed(&run.stderr()), "{}", run.stderr());
    assert_same_as_clean(&site, "an edit with the old time put back");
}

#[test]
fn a_file_added_to_the_output_by_hand_is_removed_by_the_next_build() {
    let site = SiteTest::fixture("serve/basic");
    site.build_ok();
    std::fs::write(site.public().join("stray.html"), "<p>left here</p>").expect("write");
    let run = site.build_ok();
    assert!(!nothing_changed(&run.stderr()), "{}", run.stderr());
    assert!(!site.exists("stray.html"));
}

#[test]
fn a_damaged_or_foreign_manifest_is_ignored() {
    let site = SiteTest::fixture("serve/basic");
    site.build_ok();
    let manifest = site.root().join(".public.handout-manifest");
    assert!(manifest.is_file(), "no manifest beside the output");
    let good = std::fs::read(&manifest).expect("read");
    let damaged = [
        good[..good.len() / 2].to_vec(),
        b"{\"files\": {}}".to_vec(),
        vec![0xff; 4096],
        Vec::new(),
    ];
    for bytes in damaged {
        std::fs::write(&manifest, &bytes).expect("write");
        let run = site.build_ok().assert_no_panic().stderr();
        assert!(!nothing_changed(&run), "{run}");
        assert_eq!(
            unchanged(&run),
            0,
            "carried files on a damaged manifest: {run}"
        );
        assert_same_as_clean(&site, "a damaged manifest");
    }
}
