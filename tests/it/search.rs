//! Site search: the index a build writes (read back from Pagefind's own files), the search
//! page without JavaScript, the header form, the off switch, and the preview's index
//! following an edit. What a browser does with the index is in tests/browser/search.test.mjs.

use crate::harness::{html_files, SiteTest};
use crate::serve::Serve;
use serde_json::Value;
use std::io::Read;

/// Every record of the built index: Pagefind's fragments are gzip'd JSON after a signature,
/// a fragment or a group of them by page name.
fn records(site: &SiteTest) -> Vec<Value> {
    let dir = site.public().join("pagefind/fragment");
    let entries = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}\n{:#?}", dir.display(), site.output_files()));
    let mut out = Vec::new();
    for e in entries {
        let bytes = std::fs::read(e.expect("entry").path()).expect("read fragment");
        let mut text = String::new();
        flate2::read::GzDecoder::new(&bytes[..])
            .read_to_string(&mut text)
            .expect("gzip");
        let json = text
            .strip_prefix("pagefind_dcd")
            .expect("fragment signature");
        let json: Value = serde_json::from_str(json).expect("fragment JSON");
        match json.get("url") {
            Some(_) => out.push(json),
            None => out.extend(json.as_object().expect("group").values().cloned()),
        }
    }
    out.sort_by_key(|r: &Value| r["url"].as_str().unwrap_or("").to_string());
    out
}

fn record<'a>(all: &'a [Value], url: &str) -> &'a Value {
    all.iter()
        .find(|r| r["url"] == url)
        .unwrap_or_else(|| panic!("no record for {url}: {all:#?}"))
}

#[test]
fn a_build_indexes_each_text_once_where_a_patient_should_land() {
    let site = SiteTest::fixture("search/basic");
    site.build_ok();
    for f in [
        "pagefind/pagefind.js",
        "pagefind/pagefind-worker.js",
        "pagefind/wasm.en.pagefind",
    ] {
        assert!(site.exists(f), "{f} missing: {:#?}", site.output_files());
    }
    let entry: Value =
        serde_json::from_str(&site.read("pagefind/pagefind-entry.json")).expect("entry JSON");
    let all = records(&site);
    let urls: Vec<&str> = all.iter().filter_map(|r| r["url"].as_str()).collect();
    assert_eq!(
        urls,
        [
            "/about/",
            "/articles/deep-tissue-massage/",
            "/articles/deep-tissue-massage/benefits/",
            "/articles/herniated-disc/",
            "/articles/herniated-disc/benefits/",
            "/articles/herniated-disc/precautions/",
            "/faq/#herniated-disc-will-i-need-surgery",
        ]
    );
    assert_eq!(entry["languages"]["en"]["page_count"], all.len());
    // The topic text is in its topic page's record only, not again in the article's.
    let with_scar: Vec<&str> = all
        .iter()
        .filter(|r| r["content"].as_str().unwrap_or("").contains("scar tissue"))
        .filter_map(|r| r["url"].as_str())
        .collect();
    assert_eq!(with_scar, ["/articles/deep-tissue-massage/benefits/"]);

    let guide = record(&all, "/articles/herniated-disc/");
    let text = guide["content"].as_str().unwrap_or("");
    assert!(text.contains("sciatica"), "keyword missing: {text}");
    assert!(text.contains("slipped disc"), "synonym missing: {text}");
    assert_eq!(guide["meta"]["title"], "Herniated disc");

    let precautions = record(&all, "/articles/herniated-disc/precautions/");
    assert_eq!(
        precautions["filters"]["part"],
        serde_json::json!(["precautions"])
    );
    assert_eq!(precautions["filters"]["tag"], serde_json::json!(["Back"]));
    let question = record(&all, "/faq/#herniated-disc-will-i-need-surgery");
    assert_eq!(question["meta"]["title"], "Will I need surgery?");
    assert_eq!(question["meta"]["guide"], "Herniated disc");
}

#[test]
fn the_search_page_lists_every_guide_a_to_z_without_javascript() {
    let site = SiteTest::fixture("search/basic");
    site.build_ok();
    let page = site.page("search/index.html");
    assert_eq!(page.attrs("main form[role=search]", "action"), ["/search/"]);
    assert_eq!(page.attrs("main form input[type=search]", "name"), ["q"]);
    assert_eq!(
        page.texts(".az-list > li > a"),
        ["Deep tissue massage", "Herniated disc"]
    );
    assert_eq!(
        page.attrs(".az-list .az-topics a", "href"),
        [
            "/articles/deep-tissue-massage/benefits/",
            "/articles/herniated-disc/benefits/",
            "/articles/herniated-disc/precautions/",
        ]
    );
    // Only the search page lets WebAssembly run, and nothing wider.
    let csp = |p: &crate::harness::Page| {
        p.attrs("meta[http-equiv=Content-Security-Policy]", "content")
            .join("")
    };
    assert!(csp(&page).contains("script-src 'self' 'wasm-unsafe-eval';"));
    assert!(!csp(&page).contains("unsafe-inline"));
    let home = site.page("index.html");
    assert!(!csp(&home).contains("wasm"));

    // Every other page has the search field in its header: a GET form to the search page.
    for rel in html_files(&site.public()) {
        if rel == "search/index.html" || rel.starts_with("pagefind/") {
            continue;
        }
        let p = site.page(&rel);
        assert_eq!(
            p.attrs("header form[role=search][method=get]", "action"),
            ["/search/"],
            "{rel}"
        );
        assert_eq!(
            p.attrs("header form input[type=search]", "name"),
            ["q"],
            "{rel}"
        );
    }
}

#[test]
fn search_false_leaves_search_out() {
    let site = SiteTest::fixture("search/basic");
    site.write(
        "site.yaml",
        "title: Search test site\nbase_url: https://search.example/\nsearch: false\n",
    );
    site.build_ok();
    let files = site.output_files();
    assert!(
        !files
            .iter()
            .any(|f| f.starts_with("pagefind/") || f.starts_with("search/")),
        "{files:#?}"
    );
    let home = site.page("index.html");
    assert!(home.attrs("form[role=search]", "action").is_empty());
    assert!(home
        .attrs("link[href='/css/search.css']", "href")
        .is_empty());
}

#[test]
fn the_preview_index_follows_an_edit() {
    let site = SiteTest::fixture("search/basic");
    let s = Serve::start(&site, &[]);
    let count = |body: &str| -> u64 {
        serde_json::from_str::<Value>(body)
            .ok()
            .and_then(|v| v["languages"]["en"]["page_count"].as_u64())
            .unwrap_or(0)
    };
    let entry = "/pagefind/pagefind-entry.json";
    assert_eq!(count(&s.get(entry).body), 7);
    let mut events = s.events();
    let path = "content/articles/herniated-disc.md";
    let text = std::fs::read_to_string(site.root().join(path)).expect("read");
    site.write(
        path,
        format!("{text}\n### Can I drive?\n\nYes, once you can turn your head.\n"),
    );
    events.next("reload");
    s.wait_for_page(entry, "8 records", |b| count(b) == 8);
    assert_eq!(s.get("/search/").status, 200);
}
