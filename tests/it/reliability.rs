//! Hostile input: each case is a mistake or a trap a clinic's site folder can hold (pasted
//! text, a committed symbolic link, a second build, a script in a title). Every case checks the
//! message, its location and the exit status, and that a failed build leaves the previous
//! site byte for byte as it was.

use crate::harness::{Run, SiteTest};
use std::path::Path;

/// One mistake: files written over the base site, the build's arguments, and what it must say.
struct Mistake {
    files: &'static [(&'static str, &'static str)],
    args: &'static [&'static str],
    code: i32,
    has: &'static [&'static str],
    lacks: &'static [&'static str],
}

#[track_caller]
fn check(m: &Mistake) -> (SiteTest, Run) {
    let site = SiteTest::fixture("errors/base");
    site.build_ok();
    let before = site.snapshot();
    for (path, text) in m.files {
        site.write(path, text);
    }
    let mut args = vec!["build"];
    args.extend_from_slice(m.args);
    let run = site.run(&args);
    run.assert_no_panic().assert_code(m.code);
    for fragment in m.has {
        run.assert_stderr_has(fragment);
    }
    for fragment in m.lacks {
        assert!(
            !run.stderr().contains(fragment),
            "stderr has `{fragment}`:\n{}",
            run.stderr()
        );
    }
    if m.code != 0 {
        assert!(
            site.snapshot() == before,
            "the failed build changed public/"
        );
    }
    (site, run)
}

macro_rules! mistakes {
    ($($name:ident: [$($path:literal => $text:expr),* $(,)?] $(args [$($arg:literal),*])?
        => $code:literal, has [$($has:literal),* $(,)?] $(, lacks [$($lacks:literal),*])?;)*) => {
        $(
            #[test]
            fn $name() {
                check(&Mistake {
                    files: &[$(($path, $text)),*],
                    args: &[$($($arg),*)?],
                    code: $code,
                    has: &[$($has),*],
                    lacks: &[$($($lacks),*)?],
                });
            }
        )*
    };
}

const HEAD: &str =
    "---\ntitle: Heat packs\ndescription: Using heat packs safely.\nreviewed: 2026-01-10\n---\n\n";

mistakes! {
    javascript_link_in_markdown: [
        "content/articles/heat.md" => concat!("---\ntitle: Heat packs\n---\n\n", "Tap [here](javascript:alert(1)) now.\n"),
    ] => 1, has [
        "content/articles/heat.md:5:5: error: `javascript:alert(1)` uses the `javascript:` scheme",
        "help: link to a web page (https://…)",
    ];
    data_link_in_markdown: [
        "content/articles/heat.md" => "---\ntitle: Heat packs\n---\n\nSee [this](data:text/html;base64,PHNjcmlwdD4=).\n",
    ] => 1, has ["content/articles/heat.md:5:5: error: `data:text/html;base64,PHNjcmlwdD4=` uses the `data:` scheme"];
    mixed_case_scheme_in_markdown: [
        "content/articles/heat.md" => "---\ntitle: Heat packs\n---\n\n[x](JaVaScRiPt:alert(1))\n",
    ] => 1, has ["uses the `javascript:` scheme"];
    file_link_in_markdown: [
        "content/articles/heat.md" => "---\ntitle: Heat packs\n---\n\n[notes](file:///etc/passwd)\n",
    ] => 1, has ["content/articles/heat.md:5:1: error: `file:///etc/passwd` uses the `file:` scheme"];
    data_image_in_markdown: [
        "content/articles/heat.md" => "---\ntitle: Heat packs\n---\n\n![pack](data:image/svg+xml,<svg/>)\n",
    ] => 1, has ["content/articles/heat.md:5:1: error:", "uses the `data:` scheme"];
    mailto_as_an_image: [
        "content/articles/heat.md" => "---\ntitle: Heat packs\n---\n\n![pack](mailto:a@b.example)\n",
    ] => 1, has ["`mailto:a@b.example` is not an image address"];
    javascript_clinic_url: [
        "site.yaml" => "title: T\nbase_url: https://errors.example/\nclinic:\n  name: Clinic\n  url: javascript:alert(1)\n",
    ] => 1, has ["site.yaml:5:3: error: `javascript:alert(1)` uses the `javascript:` scheme"];
    data_url_in_the_second_footer_link: [
        "site.yaml" => "title: T\nbase_url: https://errors.example/\nfooter_links:\n  - title: Privacy\n    url: /privacy/\n  - title: Bad\n    url: data:text/html,hi\n",
    ] => 1, has ["site.yaml:7:5: error: `data:text/html,hi` uses the `data:` scheme"];
    javascript_logo: [
        "site.yaml" => "title: T\nbase_url: https://errors.example/\nlogo:\n  src: javascript:alert(1)\n  alt: Clinic\n",
    ] => 1, has ["site.yaml:4:3: error: the logo `javascript:alert(1)` is not an image path"];
    remote_logo_is_a_warning: [
        "site.yaml" => "title: T\nbase_url: https://errors.example/\nlogo:\n  src: https://cdn.example/logo.png\n  alt: Clinic\n",
    ] => 0, has ["site.yaml:4:3: warning: the logo `https://cdn.example/logo.png` is loaded from another site"];
    remote_image_in_markdown_is_a_warning: [
        "content/articles/heat.md" => "---\ntitle: Heat packs\n---\n\nLike this:\n\n![pack](https://images.example/pack.jpg)\n",
    ] => 0, has [
        "content/articles/heat.md:7:1: warning: the image `https://images.example/pack.jpg` is loaded from another site",
        "allow_remote_images: true",
    ];
    remote_lead_image_is_a_warning: [
        "content/articles/heat.md" => "---\ntitle: Heat packs\nimage: https://images.example/pack.jpg\n---\n\nBody.\n",
    ] => 0, has ["content/articles/heat.md:3:1: warning: the image `https://images.example/pack.jpg`"];
    remote_images_allowed_by_the_site: [
        "site.yaml" => "title: T\nbase_url: https://errors.example/\nallow_remote_images: true\n",
        "content/articles/heat.md" => "---\ntitle: Heat packs\nimage: https://images.example/pack.jpg\n---\n\n![pack](https://images.example/pack.jpg)\n",
    ] => 0, has ["Built"], lacks ["another site"];
    raw_script_is_a_warning: [
        "content/articles/heat.md" => "---\ntitle: Heat packs\n---\n\nBody.\n\n<script>alert(1)</script>\n",
    ] => 0, has ["content/articles/heat.md:7:1: warning: raw HTML contains a `<script>` element"];
    inline_event_handler_is_a_warning: [
        "content/articles/heat.md" => "---\ntitle: Heat packs\n---\n\nBody <img src=\"/x.png\" alt=\"x\" onerror=\"alert(1)\"> here.\n",
    ] => 0, has ["warning: raw HTML contains an inline event handler `onerror=`"];
    base_url_with_a_query: [
        "site.yaml" => "title: T\nbase_url: https://errors.example/?utm=1\n",
    ] => 1, has ["site.yaml:2:1: error: base_url `https://errors.example/?utm=1` has a query or fragment"];
    base_url_with_a_fragment: [
        "site.yaml" => "title: T\nbase_url: https://errors.example/#top\n",
    ] => 1, has ["has a query or fragment"];
    theme_outside_the_site: [
        "site.yaml" => "title: T\ntheme: ../../somewhere\n",
    ] => 1, has ["error: the theme `../../somewhere` is not a folder inside themes/"];
    theme_as_an_absolute_path: [
        "site.yaml" => "title: T\ntheme: /etc\n",
    ] => 1, has ["the theme `/etc` is not a folder inside themes/"];
    alias_over_the_theme_stylesheet: [
        "content/articles/heat.md" => "---\ntitle: Heat packs\naliases: [/css/style.css]\n---\n\nBody.\n",
    ] => 1, has ["content/articles/heat.md:3:1: error: the alias `/css/style.css` would replace the theme's file /css/style.css"];
    review_date_in_the_year_9999: [
        "content/articles/heat.md" => "---\ntitle: Heat packs\nreviewed: 9999-12-31\n---\n\nBody.\n",
    ] => 1, has ["content/articles/heat.md:3:1: error: `reviewed: 9999-12-31` is not a plausible date"];
    date_in_the_year_1: [
        "content/articles/heat.md" => "---\ntitle: Heat packs\ndate: 0001-01-01\n---\n\nBody.\n",
    ] => 1, has ["`date: 0001-01-01` is not a plausible date"];
    one_broken_article_gives_one_error_not_false_broken_links: [
        "content/articles/heat.md" => "---\ntitle: [unclosed\n---\n\nBody.\n",
        "content/articles/cold.md" => "---\ntitle: Cold\n---\n\nSee [heat](heat.md), [again](heat.md) and [more](./heat.md).\n",
        "content/pages/about.md" => "---\ntitle: About\n---\n\nSee [heat](../articles/heat.md).\n",
    ] => 1, has ["content/articles/heat.md:3:1: error: invalid YAML", "Build failed: 1 error"], lacks ["goes nowhere"];
    templates_that_extend_each_other: [
        "templates/article.html" => "{% extends \"page.html\" %}\n",
        "templates/page.html" => "{% extends \"article.html\" %}\n",
    ] => 1, has [".html:1:1: error: Circular extend detected", "help: templates that extend each other never end"];
    out_inside_static: [] args ["--out", "static/site"] => 2, has ["--out static/site is inside the site's static/ folder"];
    out_inside_content: [] args ["--out", "content/public"] => 2, has ["is inside the site's content/ folder"];
    out_is_a_file: [
        "notes.txt" => "Staff notes",
    ] args ["--out", "notes.txt"] => 2, has ["notes.txt is a file, not a folder"];
}

#[test]
fn template_that_is_not_utf8_names_line_and_column() {
    let site = SiteTest::fixture("errors/base");
    site.build_ok();
    let before = site.snapshot();
    site.write(
        "templates/page.html",
        b"{% extends \"default/page.html\" %}\n{# caf\xe9 #}\n".as_slice(),
    );
    let run = site.run(&["build"]);
    run.assert_no_panic().assert_code(1);
    run.assert_stderr_has("templates/page.html:2:7: error: this file is not UTF-8 text");
    run.assert_stderr_has("help: re-save the file as UTF-8");
    assert!(site.snapshot() == before);
}

#[test]
fn site_yaml_that_is_a_folder() {
    let site = SiteTest::fixture("errors/base");
    site.build_ok();
    let before = site.snapshot();
    std::fs::remove_file(site.root().join("site.yaml")).expect("rm");
    std::fs::create_dir(site.root().join("site.yaml")).expect("mkdir");
    let run = site.run(&["build"]);
    run.assert_no_panic().assert_code(1);
    run.assert_stderr_has("site.yaml: error: site.yaml is a folder, not a file");
    run.assert_stderr_has("help: move the folder away");
    assert!(site.snapshot() == before);
}

#[test]
fn nul_characters_never_reach_a_page() {
    let site = SiteTest::fixture("errors/base");
    site.write(
        "content/articles/heat.md",
        "---\ntitle: Heat\u{0} packs\n---\n\nWarm\u{0} the pack. `co\u{0}de`\n\n<b>\u{0}</b>\n",
    );
    site.build_ok();
    for (path, bytes) in site.snapshot() {
        // The search index's data files are compressed binary; its scripts are text.
        let binary = path.starts_with("pagefind/")
            && ![".js", ".json", ".css"].iter().any(|e| path.ends_with(e));
        assert!(binary || !bytes.contains(&0), "{path} holds a NUL byte");
    }
    assert!(site
        .read("articles/heat/index.html")
        .contains("Warm\u{fffd} the pack"));
}

// ---- JSON-LD inside <script> ------------------------------------------------------------------

#[test]
fn comment_and_script_openers_in_front_matter_do_not_blank_the_page() {
    let site = SiteTest::fixture("errors/base");
    site.write(
        "site.yaml",
        "title: T\nbase_url: https://errors.example/\nclinic:\n  name: \"Back <!--<script> Clinic\"\n",
    );
    site.write(
        "content/articles/heat.md",
        "---\ntitle: \"Heat <!--<script> packs\"\ndescription: \"Warmth </script><!-- and \u{2028} rest\"\nauthor: \"A <!--<script\"\nreviewed: 2026-01-10\n---\n\nUse heat for twenty minutes.\n\n## Benefits\n\nIt eases stiff muscles.\n",
    );
    site.build_ok();
    let page = site.page("articles/heat/index.html");
    // The whole page is there after the structured data: heading, text, footer.
    assert_eq!(page.texts("main h1"), ["Heat <!--<script> packs"]);
    page.assert_main_has(&["Use heat for twenty minutes."]);
    assert!(!page.texts("footer").is_empty(), "the footer was swallowed");
    let ld = page.one_json_ld("MedicalWebPage");
    assert_eq!(ld["name"], "Heat <!--<script> packs");
    let raw = site.read("articles/heat/index.html");
    for script in raw.split("<script type=\"application/ld+json\">").skip(1) {
        let body = script.split("</script>").next().unwrap_or_default();
        assert!(!body.contains('<') && !body.contains('\u{2028}'), "{body}");
    }
}

// ---- symbolic links ---------------------------------------------------------------------------

#[cfg(unix)]
fn symlink(to: &Path, at: &Path) {
    std::fs::create_dir_all(at.parent().expect("parent")).expect("mkdir");
    std::os::unix::fs::symlink(to, at).expect("symlink");
}

/// A file outside the site folder with something private in it.
#[cfg(unix)]
fn secret() -> (tempfile::TempDir, std::path::PathBuf) {
    let dir = tempfile::tempdir().expect("tmp");
    let file = dir.path().join("passwd");
    std::fs::write(&file, "root:x:0:0:secret").expect("write");
    (dir, file)
}

#[cfg(unix)]
#[test]
fn a_static_link_to_a_file_outside_the_site_is_not_published() {
    let (_keep, file) = secret();
    let site = SiteTest::fixture("errors/base");
    symlink(&file, &site.root().join("static/passwd"));
    let run = site.build_ok();
    run.assert_stderr_has(
        "static/passwd: warning: skipped this symbolic link: it points outside the site folder",
    );
    run.assert_stderr_has("allow_links_outside: true");
    assert!(!site.exists("passwd"));
    for (path, bytes) in site.snapshot() {
        assert!(
            !String::from_utf8_lossy(&bytes).contains("root:x:0"),
            "{path}"
        );
    }
}

#[cfg(unix)]
#[test]
fn links_outside_are_followed_when_the_site_allows_them() {
    let (_keep, file) = secret();
    let site = SiteTest::fixture("errors/base");
    site.write(
        "site.yaml",
        "title: T\nbase_url: https://errors.example/\nallow_links_outside: true\n",
    );
    symlink(&file, &site.root().join("static/shared/leaflet.txt"));
    site.build_ok();
    assert_eq!(site.read("shared/leaflet.txt"), "root:x:0:0:secret");
}

#[cfg(unix)]
#[test]
fn a_content_link_outside_the_site_is_skipped_with_a_warning() {
    let outside = tempfile::tempdir().expect("tmp");
    let file = outside.path().join("article.md");
    std::fs::write(&file, "---\ntitle: Outside\n---\n\nNot ours.\n").expect("write");
    let site = SiteTest::fixture("errors/base");
    symlink(&file, &site.root().join("content/articles/outside.md"));
    let run = site.build_ok();
    run.assert_stderr_has("content/articles/outside.md: warning: skipped this symbolic link");
    assert!(!site.exists("articles/outside/index.html"));
}

#[cfg(unix)]
#[test]
fn links_inside_the_site_are_followed() {
    let site = SiteTest::fixture("errors/base");
    site.write(
        "shared/logo.svg",
        "<svg xmlns=\"http://www.w3.org/2000/svg\"/>",
    );
    symlink(
        &site.root().join("shared/logo.svg"),
        &site.root().join("static/logo.svg"),
    );
    symlink(
        &site.root().join("content/articles/massage.md"),
        &site.root().join("content/pages/massage-page.md"),
    );
    let run = site.build_ok();
    assert!(!run.stderr().contains("symbolic link"), "{}", run.stderr());
    assert!(site.exists("logo.svg"));
    assert!(site.exists("massage-page/index.html"));
}

#[cfg(unix)]
#[test]
fn a_dangling_link_is_reported() {
    let site = SiteTest::fixture("errors/base");
    symlink(
        Path::new("/no/such/file"),
        &site.root().join("static/gone.pdf"),
    );
    let run = site.build_ok();
    run.assert_stderr_has(
        "static/gone.pdf: warning: skipped this symbolic link: it points to nothing",
    );
}

#[cfg(unix)]
#[test]
fn a_theme_folder_that_links_outside_is_refused() {
    let outside = tempfile::tempdir().expect("tmp");
    std::fs::create_dir_all(outside.path().join("templates")).expect("mkdir");
    let site = SiteTest::fixture("errors/base");
    symlink(outside.path(), &site.root().join("themes/calm"));
    site.write("site.yaml", "title: T\ntheme: calm\n");
    let run = site.run(&["build"]);
    run.assert_no_panic().assert_code(1);
    run.assert_stderr_has("error: the theme `calm` is not a folder inside themes/");
}

#[cfg(unix)]
#[test]
fn a_link_loop_names_the_folder_and_says_what_to_do() {
    let site = SiteTest::fixture("errors/base");
    std::fs::create_dir_all(site.root().join("static/a")).expect("mkdir");
    symlink(
        &site.root().join("static"),
        &site.root().join("static/a/loop"),
    );
    let run = site.run(&["build"]);
    run.assert_no_panic().assert_code(1);
    run.assert_stderr_has("static/a/loop: error: could not read:");
    run.assert_stderr_has("help: a symbolic link here points back to a folder that contains it");
}

#[cfg(unix)]
#[test]
fn scratch_names_that_are_links_never_lead_the_build_elsewhere() {
    for name in [".public.handout-old", ".public.handout-new"] {
        let victim = tempfile::tempdir().expect("tmp");
        std::fs::write(victim.path().join("thesis.docx"), "years of work").expect("write");
        let site = SiteTest::fixture("errors/base");
        site.build_ok();
        symlink(victim.path(), &site.root().join(name));
        site.build_ok();
        site.build_ok();
        assert_eq!(
            std::fs::read_to_string(victim.path().join("thesis.docx")).expect("kept"),
            "years of work",
            "{name}"
        );
        assert!(site.exists("index.html"));
    }
}

#[cfg(unix)]
#[test]
fn a_lock_file_that_is_a_link_is_refused_and_its_target_kept() {
    let victim = tempfile::tempdir().expect("tmp");
    let file = victim.path().join("notes.txt");
    std::fs::write(&file, "keep").expect("write");
    let site = SiteTest::fixture("errors/base");
    symlink(&file, &site.root().join(".public.handout-lock"));
    let run = site.run(&["build"]);
    run.assert_no_panic().assert_code(2);
    run.assert_stderr_has("could not lock");
    assert_eq!(std::fs::read_to_string(&file).expect("kept"), "keep");
}

#[cfg(unix)]
#[test]
fn out_that_is_a_symbolic_link_is_refused() {
    let elsewhere = tempfile::tempdir().expect("tmp");
    let site = SiteTest::fixture("errors/base");
    symlink(elsewhere.path(), &site.root().join("public"));
    let run = site.run(&["build"]);
    run.assert_no_panic().assert_code(2);
    run.assert_stderr_has("public is a symbolic link");
}

// ---- concurrent builds and the swap ------------------------------------------------------------

#[test]
fn two_builds_at_once_give_one_whole_site() {
    let site = SiteTest::fixture("build/small");
    site.build_ok();
    let clean = site.snapshot();
    let spawn = || {
        std::process::Command::new(env!("CARGO_BIN_EXE_handout"))
            .arg("build")
            .current_dir(site.root())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .expect("spawn")
    };
    for _ in 0..3 {
        let (a, b) = (spawn(), spawn());
        for child in [a, b] {
            let out = child.wait_with_output().expect("wait");
            assert_eq!(
                out.status.code(),
                Some(0),
                "{}",
                String::from_utf8_lossy(&out.stderr)
            );
        }
        assert!(
            site.snapshot() == clean,
            "concurrent builds changed the site"
        );
    }
}

#[test]
fn the_output_folder_exists_at_every_moment_of_a_rebuild() {
    use std::sync::atomic::{AtomicBool, Ordering};
    let site = SiteTest::fixture("build/small");
    site.build_ok();
    let index = site.public().join("index.html");
    let done = AtomicBool::new(false);
    let missing = std::thread::scope(|s| {
        let watcher = s.spawn(|| {
            let mut missing = 0usize;
            while !done.load(Ordering::Relaxed) {
                if std::fs::metadata(&index).is_err() {
                    missing += 1;
                }
            }
            missing
        });
        for _ in 0..8 {
            site.build_ok();
        }
        done.store(true, Ordering::Relaxed);
        watcher.join().expect("watcher")
    });
    assert_eq!(missing, 0, "public/index.html was missing {missing} times");
}

// ---- check on pasted text -----------------------------------------------------------------------

#[test]
fn check_reads_text_pasted_from_a_word_processor() {
    let site = SiteTest::fixture("check/clean");
    site.write(
        "content/articles/pasted.md",
        format!(
            "{HEAD}Keep the pack at 40\u{a0}°C. It costs £5\u{a0}. Ask for \u{201c}Dr.\u{201d} Ortiz\u{2014}she helps. \
             Rest the café chair 👍. Ask Mr\u{a0}J. Smith. Done\u{a0}!\n\n## Benefits\n\nWarmth eases stiffness\u{2026}\u{a0}really.\n"
        ),
    );
    let run = site.run(&["check"]);
    run.assert_no_panic();
    assert!(matches!(run.code(), Some(0 | 1)), "{}", run.stderr());
    assert!(run.stdout().contains("pasted.md") || run.stderr().contains("pasted.md"));
}
