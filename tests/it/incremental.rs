//! Incremental builds: with a previous output present, `handout build` carries unchanged
//! pages over and renders only what an edit touched, and the result is byte for byte what a
//! clean build of the edited site gives.

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

/// Builds `site` incrementally into public/ and from scratch into another folder, and checks
/// that both outputs are identical. Returns how many files the incremental build carried over.
#[track_caller]
fn check_same(site: &SiteTest, after: &str) -> usize {
    let run = site.build_ok();
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

    // Without a change every page is carried over.
    let carried = check_same(&site, "no change");
    assert!(carried >= pages, "carried {carried} of {pages} pages");

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
