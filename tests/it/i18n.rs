//! Several languages: pages per language under `/CODE/`, reciprocal `hreflang` links, `lang`
//! and `dir` on every page, notices for pages not translated yet, the language-help page,
//! the theme's words per language with their fallback, and a site in a made-up language
//! that shows no English word of the theme.
//!
//! Fixture `i18n/site`: English (default), Spanish and Arabic. The massage guide, the home
//! intro and the FAQ have Spanish translations (the guide with its own slug `masaje`); the
//! walking guide and the About page have none; Arabic has no content of its own.

use crate::harness::{
    assert_internal_links_resolve, assert_sitemap_lists_every_page, selector, SiteTest,
};
use std::collections::{BTreeMap, BTreeSet};

const BASE: &str = "https://i18n.example/guides/";

/// The output file a permalink of the fixture points at.
fn file_of(permalink: &str) -> String {
    let rel = permalink.strip_prefix(BASE).unwrap_or(permalink);
    if rel.is_empty() || rel.ends_with('/') {
        format!("{rel}index.html")
    } else {
        rel.to_string()
    }
}

/// Every HTML file of the output.
fn html_files(t: &SiteTest) -> Vec<String> {
    t.output_files()
        .into_iter()
        .filter(|f| f.ends_with(".html"))
        .collect()
}

#[test]
fn each_language_has_its_pages() {
    let t = SiteTest::fixture("i18n/site");
    t.build_ok();
    for f in [
        "es/index.html",
        "es/articles/masaje/index.html",
        "es/articles/masaje/benefits/index.html",
        "es/articles/masaje/diagram.svg",
        "es/faq/index.html",
        "es/atom.xml",
        "es/language-help/index.html",
        "ar/language-help/index.html",
    ] {
        assert!(t.exists(f), "{f} missing: {:#?}", t.output_files());
    }
    let home = t.page("es/index.html");
    home.assert_main_has(&[
        "Guías sencillas sobre el dolor de espalda",
        "Nuestras guías",
    ]);
    let guide = t.page("es/articles/masaje/index.html");
    guide.assert_main_has(&[
        "Revisado por última vez el 1 de junio de 2026",
        "Traducido por Lucía Pérez.",
        "Traducción revisada por Dr. Jorge Ruiz.",
        "Emergencia: llame ya al 911",
    ]);
    let body = guide.body_text();
    // The site's own words override the theme's; site.yaml's Spanish texts replace the English.
    assert!(body.contains("Todas nuestras guías"), "{body}");
    assert!(
        body.contains("Estas guías dan información general"),
        "{body}"
    );
    assert!(!body.contains("Last reviewed"), "{body}");
    // The English guide keeps its own words.
    t.page("articles/massage/index.html")
        .assert_main_has(&["Last reviewed 1 June 2026", "Emergency: call 911 now"]);
    // Each language's sitemap lists its pages (not the notices), and every link resolves.
    assert_sitemap_lists_every_page(&t.public(), BASE);
    assert_internal_links_resolve(&t.public(), BASE);
    // Only the guide is in Spanish: the Spanish list has one guide.
    let list = t.page("es/articles/index.html");
    assert_eq!(
        list.texts("main .card-title"),
        ["Masaje para el dolor de espalda"]
    );
}

#[test]
fn untranslated_pages_say_so_and_link_to_the_version_that_exists() {
    let t = SiteTest::fixture("i18n/site");
    t.build_ok();
    let notice = t.page("es/articles/walking/index.html");
    notice.assert_main_has(&["Esta página todavía no está traducida", "English"]);
    assert_eq!(
        notice.attrs("main a[hreflang]", "href"),
        ["/guides/articles/walking/"]
    );
    assert_eq!(notice.attrs("meta[name=robots]", "content"), ["noindex"]);
    // Arabic has no content of its own: its home is a notice, in Arabic, right to left.
    let ar = t.page("ar/index.html");
    assert_eq!(ar.attrs("html", "dir"), ["rtl"]);
    ar.assert_main_has(&["هذه الصفحة غير مترجمة بعد"]);
    let links = ar.attrs("main a[hreflang]", "hreflang");
    assert_eq!(
        links,
        ["en", "es"],
        "the home exists in English and Spanish"
    );
    // The switcher offers only pages that exist: no Arabic guide to link to.
    let en = t.page("articles/massage/index.html");
    assert_eq!(en.texts(".language-switch a"), ["English", "Español"]);
    assert!(t
        .page("articles/walking/index.html")
        .texts(".language-switch a")
        .is_empty());
}

#[test]
fn hreflang_links_are_reciprocal_across_the_output() {
    let t = SiteTest::fixture("i18n/site");
    t.build_ok();
    let alt = selector("link[rel=alternate][hreflang]");
    let mut sets: BTreeMap<String, BTreeSet<(String, String)>> = BTreeMap::new();
    for f in html_files(&t) {
        let page = t.page(&f);
        let links: BTreeSet<(String, String)> = page
            .doc
            .select(&alt)
            .map(|e| {
                let a = |n| e.value().attr(n).unwrap_or("").to_string();
                (a("hreflang"), a("href"))
            })
            .collect();
        if !links.is_empty() {
            sets.insert(f, links);
        }
    }
    assert!(sets.len() >= 10, "few pages with translations: {sets:#?}");
    for (file, links) in &sets {
        assert!(
            links.iter().all(|(_, href)| href.starts_with(BASE)),
            "{file}: hreflang URLs must be absolute: {links:?}"
        );
        let langs: Vec<&str> = links.iter().map(|(l, _)| l.as_str()).collect();
        assert!(langs.contains(&"x-default"), "{file}: no x-default");
        let own = links
            .iter()
            .filter(|(l, _)| l != "x-default")
            .find(|(_, href)| file_of(href) == *file);
        assert!(own.is_some(), "{file} does not list itself: {links:?}");
        for (lang, href) in links.iter().filter(|(l, _)| l != "x-default") {
            let target = file_of(href);
            assert_eq!(
                sets.get(&target),
                Some(links),
                "{file} names {target} ({lang}), which must exist and name the same versions"
            );
        }
    }
}

#[test]
fn every_page_has_its_language_and_direction() {
    let t = SiteTest::fixture("i18n/site");
    t.build_ok();
    for f in html_files(&t) {
        let page = t.page(&f);
        let (lang, dir) = match f.split('/').next() {
            Some("es") => ("es", "ltr"),
            Some("ar") => ("ar", "rtl"),
            _ => ("en", "ltr"),
        };
        assert_eq!(page.attrs("html", "lang"), [lang], "{f}");
        assert_eq!(page.attrs("html", "dir"), [dir], "{f}");
    }
    // The language-help page speaks every language, each marked with its own.
    let help = t.page("language-help/index.html");
    assert_eq!(help.attrs("main section", "lang"), ["en", "es", "ar"]);
    assert_eq!(help.attrs("main section", "dir"), ["ltr", "ltr", "rtl"]);
    help.assert_main_has(&["Llame al (360) 555-0100", "اتصل بالرقم (360) 555-0100"]);
    // ... and every page links to it from the footer, in its own language.
    let es = t.page("es/articles/masaje/index.html");
    assert_eq!(
        es.attrs("footer a[href$='language-help/']", "href"),
        ["/guides/es/language-help/"]
    );
}

#[test]
fn a_missing_word_falls_back_with_one_warning() {
    let t = SiteTest::fixture("i18n/site");
    let yaml = std::fs::read_to_string(t.root().join("site.yaml")).expect("site.yaml");
    t.write(
        "site.yaml",
        yaml.replace(
            "languages:\n",
            "languages:\n  - code: fr\n    name: Français\n",
        ),
    );
    t.write(
        "i18n/fr.yaml",
        "language_name: Français\nnav_home: Accueil\n",
    );
    t.write(
        "content/pages/about.fr.md",
        "---\ntitle: À propos\n---\n\nUne petite clinique.\n",
    );
    let run = t.build_ok();
    let warnings = run.diagnostics("warning");
    let skip: Vec<&String> = warnings
        .iter()
        .filter(|w| w.contains("`skip_link`"))
        .collect();
    assert_eq!(skip.len(), 1, "{warnings:#?}");
    assert!(skip[0].starts_with("i18n/fr.yaml: warning:"), "{}", skip[0]);
    assert!(skip[0].contains("`fr`"), "{}", skip[0]);
    let page = t.page("fr/about/index.html");
    assert_eq!(page.texts("nav[aria-label=Main] a")[0], "Accueil");
    assert_eq!(page.texts(".skip-link"), ["Skip to main content"]);
}

#[test]
fn a_language_file_error_and_a_bad_language_are_located() {
    let t = SiteTest::fixture("i18n/site");
    let yaml = std::fs::read_to_string(t.root().join("site.yaml")).expect("site.yaml");
    t.write(
        "site.yaml",
        yaml.replace("name: العربية\n", "name: العربية\n    dir: sideways\n"),
    );
    let run = t.run(&["build"]);
    run.assert_code(1);
    run.assert_stderr_has("site.yaml:12:5: error: `dir: sideways` is not a direction");
    run.assert_no_panic();
}

/// Made-up words for the made-up language, none of them English.
const WORDS: &[&str] = &[
    "alda", "tári", "nénë", "quen", "sílë", "lossë", "menel", "ambar", "elen", "lúmë", "oromë",
    "vanwa", "hísië", "calma", "rómen", "nárë",
];

/// `text` with each run of letters replaced by a made-up word and each `{placeholder}` kept.
fn made_up(text: &str, seed: usize) -> String {
    let mut out = String::new();
    let (mut n, mut in_word, mut in_placeholder) = (seed, false, false);
    for c in text.chars() {
        in_placeholder = (in_placeholder || c == '{') && c != '}';
        if c.is_ascii_alphabetic() && !in_placeholder {
            if !in_word {
                out.push_str(WORDS[n % WORDS.len()]);
                n += 1;
            }
            in_word = true;
        } else {
            in_word = false;
            out.push(c);
        }
    }
    out
}

/// Visible words of a page: text outside scripts and styles, and the attributes people read
/// or hear (alt, title, aria-label, placeholder, meta descriptions, the search page's messages).
fn visible_words(page: &crate::harness::Page) -> Vec<String> {
    let mut texts: Vec<String> = Vec::new();
    for node in page.doc.root_element().descendants() {
        if let Some(t) = node.value().as_text() {
            let hidden = node.ancestors().any(|a| {
                a.value()
                    .as_element()
                    .is_some_and(|e| matches!(e.name(), "script" | "style"))
            });
            if !hidden {
                texts.push(t.to_string());
            }
        }
        if let Some(e) = node.value().as_element() {
            for (name, value) in e.attrs() {
                let read = matches!(name, "alt" | "title" | "aria-label" | "placeholder")
                    || name.starts_with("data-") && !matches!(name, "data-bundle" | "data-print")
                    || (e.name() == "meta"
                        && name == "content"
                        && e.attr("name") == Some("description"));
                if read {
                    texts.push(value.to_string());
                }
            }
        }
    }
    // Addresses (the printed page address, an email) are not words; their paths are the
    // same in every language.
    texts
        .join(" ")
        .split_whitespace()
        .filter(|token| !token.contains("://") && !token.contains('@'))
        .flat_map(|token| token.split(|c: char| !c.is_alphabetic()))
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect()
}

#[test]
fn a_made_up_language_replaces_every_word_of_the_theme() {
    let english: std::collections::BTreeMap<String, String> = serde_yaml::from_str(
        &std::fs::read_to_string(
            std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("themes/default/i18n/en.yaml"),
        )
        .expect("en.yaml"),
    )
    .expect("en.yaml parses");
    let mut qya = String::new();
    for (i, (key, text)) in english.iter().enumerate() {
        let value = made_up(text, i);
        qya.push_str(&format!(
            "{key}: {}\n",
            serde_yaml::to_string(&value).expect("yaml").trim()
        ));
    }
    let t = SiteTest::fixture("i18n/made-up");
    t.write("i18n/qya.yaml", &qya);
    let run = t.build_ok();
    assert!(run.diagnostics("warning").is_empty(), "{}", run.stderr());
    // Words of three letters or more, so that "a", "of" and "by" in a URL or a made-up
    // sentence are not mistaken for the theme's English.
    let theme_words: BTreeSet<String> = english
        .values()
        .flat_map(|v| {
            v.split(|c: char| !c.is_ascii_alphabetic())
                .filter(|w| w.len() >= 3)
                .map(str::to_lowercase)
                .collect::<Vec<_>>()
        })
        .collect();
    let mut found: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    let pages = html_files(&t);
    assert!(pages.len() > 15, "{pages:?}");
    for f in pages {
        for w in visible_words(&t.page(&f)) {
            if theme_words.contains(&w) {
                found.entry(w).or_default().insert(f.clone());
            }
        }
    }
    let found: BTreeMap<String, Vec<String>> = found
        .into_iter()
        .map(|(w, files)| (w, files.into_iter().take(2).collect()))
        .collect();
    assert!(
        found.is_empty(),
        "English words of the theme in the output: {found:#?}"
    );
    let guide = t.page("articles/alda/index.html");
    assert_eq!(guide.attrs("html", "lang"), ["qya"]);
}
