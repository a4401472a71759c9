//! `handout check` on translations (issue 15): provenance rules (`translations/*`), and
//! readability and plain-language rules that follow each page's language.
//!
//! `tests/fixtures/translations/clean` has two English articles and their Spanish translations
//! (`heat.es.md`, `massage/index.es.md`), each recording its translator and the hash of its
//! source. The tests edit, remove or add files and read `check --format json`.

use crate::harness::{Run, SiteTest};
use serde_json::Value;
use sha2::{Digest, Sha256};
use std::process::Command;

const TODAY: &str = "2026-06-01";

/// `handout check --format json --today TODAY`, parsed.
#[track_caller]
fn check_json(site: &SiteTest) -> (Value, Run) {
    let run = site.run(&["check", "--format", "json", "--today", TODAY]);
    let json = serde_json::from_str(&run.stdout())
        .unwrap_or_else(|e| panic!("not JSON ({e}):\n{}\n{}", run.stdout(), run.stderr()));
    (json, run)
}

/// The findings of rules starting with `prefix`, as (path, rule, severity, message, hint).
fn findings(json: &Value, prefix: &str) -> Vec<(String, String, String, String, String)> {
    json["diagnostics"]
        .as_array()
        .expect("diagnostics")
        .iter()
        .filter(|d| d["rule"].as_str().unwrap_or("").starts_with(prefix))
        .map(|d| {
            let s = |k: &str| d[k].as_str().unwrap_or("").to_string();
            (s("path"), s("rule"), s("severity"), s("message"), s("hint"))
        })
        .collect()
}

/// The first 12 hex digits of the SHA-256 of a file's text: the hash a translation records.
fn hash_of(site: &SiteTest, rel: &str) -> String {
    let digest = Sha256::digest(site.read_source(rel).as_bytes());
    digest.iter().take(6).map(|b| format!("{b:02x}")).collect()
}

trait ReadSource {
    fn read_source(&self, rel: &str) -> String;
}

impl ReadSource for SiteTest {
    fn read_source(&self, rel: &str) -> String {
        std::fs::read_to_string(self.root().join(rel)).expect("read source")
    }
}

#[track_caller]
fn git(site: &SiteTest, args: &[&str]) {
    let out = Command::new("git")
        .arg("-C")
        .arg(site.root())
        .args(["-c", "user.name=Test", "-c", "user.email=test@example.org"])
        .args(args)
        .output()
        .expect("git runs");
    assert!(out.status.success(), "git {args:?}: {out:?}");
}

#[test]
fn translations_with_provenance_pass() {
    let site = SiteTest::fixture("translations/clean");
    let (json, run) = check_json(&site);
    run.assert_code(0);
    assert_eq!(findings(&json, "translations/"), [], "{json:#}");
}

#[test]
fn an_edited_source_makes_its_translation_stale() {
    let site = SiteTest::fixture("translations/clean");
    let source = "content/articles/heat.md";
    let text = site.read_source(source);
    site.write(
        source,
        text.replace(
            "Do not sleep",
            "Check your skin every 5 minutes. Do not sleep",
        ),
    );
    let (json, run) = check_json(&site);
    run.assert_code(0);
    let stale = findings(&json, "translations/stale");
    assert_eq!(stale.len(), 1, "{stale:?}");
    let (path, _, severity, message, hint) = &stale[0];
    assert_eq!(path, "content/articles/heat.es.md");
    assert_eq!(severity, "warning");
    assert!(
        message.contains("older version of content/articles/heat.md"),
        "{message}"
    );
    assert!(message.contains("changed on 2026-03-01"), "{message}");
    assert!(
        hint.contains(&format!("source_hash: {}", hash_of(&site, source))),
        "{hint}"
    );
    // The other translation's source did not change.
    assert!(!stale.iter().any(|f| f.0.contains("massage")));
}

#[test]
fn with_git_the_warning_names_the_changed_sections() {
    let site = SiteTest::fixture("translations/clean");
    git(&site, &["init", "-q"]);
    git(&site, &["add", "."]);
    git(&site, &["commit", "-qm", "first"]);
    let source = "content/articles/massage/index.md";
    let text = site.read_source(source);
    let edited = text.replace(
        "Tell us if you bruise easily.",
        "Tell us if you take blood thinners.",
    ) + "\n## Who should not have it\n\nPeople with a blood clot.\n";
    site.write(source, edited);
    git(&site, &["commit", "-qam", "second"]);
    let (json, _) = check_json(&site);
    let stale = findings(&json, "translations/stale");
    assert_eq!(stale.len(), 1, "{stale:?}");
    let (path, _, _, message, hint) = &stale[0];
    assert_eq!(path, "content/articles/massage/index.es.md");
    assert!(message.contains("(git)"), "{message}");
    assert!(hint.contains("\"Risks\" (edited)"), "{hint}");
    assert!(hint.contains("\"Who should not have it\" (new)"), "{hint}");
    assert!(!hint.contains("After your visit"), "{hint}");
}

#[test]
fn a_translation_without_a_source_is_an_error() {
    let site = SiteTest::fixture("translations/clean");
    site.write(
        "content/articles/gone.es.md",
        "---\ntitle: Ya no existe\ntranslator: Lucía Gómez\nsource_hash: 0123456789ab\n---\n\nTexto.\n",
    );
    let (json, run) = check_json(&site);
    run.assert_code(1);
    let missing = findings(&json, "translations/missing-source");
    assert_eq!(missing.len(), 1, "{json:#}");
    assert_eq!(missing[0].0, "content/articles/gone.es.md");
    assert_eq!(missing[0].2, "error");
    assert!(missing[0]
        .3
        .contains("content/articles/gone.md does not exist"));
}

#[test]
fn a_translation_without_provenance_is_told_the_hash() {
    let site = SiteTest::fixture("translations/clean");
    let rel = "content/articles/heat.es.md";
    let text = site.read_source(rel);
    let bare: String = text
        .lines()
        .filter(|l| !l.starts_with("translator:") && !l.starts_with("source_hash:"))
        .map(|l| format!("{l}\n"))
        .collect();
    site.write(rel, bare);
    let (json, run) = check_json(&site);
    run.assert_code(0);
    let found = findings(&json, "translations/");
    assert_eq!(found.len(), 1, "{found:?}");
    let (path, rule, severity, message, hint) = &found[0];
    assert_eq!(
        (path.as_str(), rule.as_str()),
        (rel, "translations/no-provenance")
    );
    assert_eq!(severity, "warning");
    assert!(
        message.contains("`translator` or `source_hash`"),
        "{message}"
    );
    let hash = hash_of(&site, "content/articles/heat.md");
    assert!(hint.contains(&format!("source_hash: {hash}")), "{hint}");
    // The text output shows the same hash.
    let text_run = site.run(&["check", "--today", TODAY]);
    assert!(text_run.stdout().contains(&hash), "{}", text_run.stdout());
}

#[test]
fn spanish_pages_get_spanish_readability_and_word_lists() {
    let site = SiteTest::fixture("translations/clean");
    let (json, _) = check_json(&site);
    let articles = json["articles"].as_array().expect("articles");
    let es = articles
        .iter()
        .find(|a| a["path"] == "content/articles/heat.es.md")
        .expect("the Spanish article is checked");
    assert_eq!(es["readability_formulas"], "spanish");
    assert!(es["flesch_kincaid_grade"].is_null(), "{es:#}");
    assert!(es["smog_grade"].is_null());
    let sp = es["szigriszt_pazos"].as_f64().expect("Szigriszt-Pazos");
    assert!(sp > 65.0, "plain Spanish scores high: {sp}");
    assert!(es["fernandez_huerta"].as_f64().is_some());
    assert_eq!(es["inflesz"], "muy fácil");
    let en = articles
        .iter()
        .find(|a| a["path"] == "content/articles/heat.md")
        .expect("English article");
    assert_eq!(en["readability_formulas"], "english");
    assert!(en["flesch_kincaid_grade"].is_f64());
    assert!(en["szigriszt_pazos"].is_null());
    // Spanish jargon, with a Spanish alternative; no English-only rule ran on it.
    let plain = findings(&json, "plain/");
    let lesion = plain
        .iter()
        .find(|f| f.0 == "content/articles/heat.es.md" && f.3.contains("lesión"))
        .expect("lesión is flagged");
    assert!(lesion.4.contains("herida"), "{}", lesion.4);
    let text = site.run(&["check", "--today", TODAY]).stdout();
    assert!(text.contains("INFLESZ"), "{text}");
    // Its "## Riesgos" section is found by the Spanish cues, so it gets a precautions page.
    let riesgos = es["sections"]
        .as_array()
        .expect("sections")
        .iter()
        .find(|c| c["heading"] == "Riesgos")
        .expect("the Riesgos section");
    assert_eq!(riesgos["kind"], "precautions", "{riesgos:#}");
}

/// A long, dense Spanish article: long sentences of long words.
fn hard_spanish(extra_front: &str) -> String {
    let sentence = "La administración sistemática de antiinflamatorios no esteroideos durante periodos prolongados incrementa considerablemente la probabilidad de complicaciones gastrointestinales, renales y cardiovasculares en determinadas poblaciones especialmente vulnerables.";
    format!(
        "---\ntitle: Medicamentos antiinflamatorios\ndescription: Información detallada sobre los medicamentos antiinflamatorios y sus efectos en personas mayores.\nreviewed: 2026-03-01\nreviewer: Dra. Ana Ruiz\nlang: es\n{extra_front}---\n\n{s}\n\n{s}\n\n{s}\n",
        s = sentence
    )
}

#[test]
fn hard_spanish_misses_the_ease_target_on_the_inflesz_scale() {
    let site = SiteTest::fixture("translations/clean");
    let rel = "content/articles/antiinflamatorios.md";
    site.write(rel, hard_spanish(""));
    let (json, _) = check_json(&site);
    let grade: Vec<_> = findings(&json, "readability/grade")
        .into_iter()
        .filter(|f| f.0 == rel)
        .collect();
    assert_eq!(grade.len(), 1, "{json:#}");
    let message = &grade[0].3;
    assert!(message.contains("muy difícil"), "{message}");
    assert!(message.contains("INFLESZ"), "{message}");
    assert!(message.contains("target of 55"), "{message}");
    assert!(!message.contains("grade"), "no English grade: {message}");
}

#[test]
fn the_spanish_target_is_configurable() {
    let site = SiteTest::fixture("translations/clean");
    let rel = "content/articles/caminar.md";
    let body = "Camine un poco cada día. Use zapatos cómodos. Pare si le duele. Beba agua antes de salir. ".repeat(4);
    site.write(
        rel,
        format!("---\ntitle: Caminar\ndescription: Cómo caminar un poco cada día puede ayudar a su espalda y cómo empezar poco a poco.\nreviewed: 2026-03-01\nreviewer: Dra. Ana Ruiz\nlang: es\n---\n\n{body}\n"),
    );
    let (json, _) = check_json(&site);
    assert!(
        !findings(&json, "readability/grade")
            .iter()
            .any(|f| f.0 == rel),
        "easy Spanish passes the default target: {json:#}"
    );
    let yaml = site.read_source("site.yaml") + "check:\n  reading_ease_target: 99\n";
    site.write("site.yaml", yaml);
    let (json, _) = check_json(&site);
    let grade: Vec<_> = findings(&json, "readability/grade")
        .into_iter()
        .filter(|f| f.0 == rel)
        .collect();
    assert_eq!(grade.len(), 1, "{json:#}");
    assert!(grade[0].3.contains("target of 99"), "{}", grade[0].3);
}

#[test]
fn a_language_without_a_formula_is_not_scored() {
    let site = SiteTest::fixture("translations/clean");
    let rel = "content/articles/cieplo.md";
    let body = "Ciepło łagodzi ból mięśni, ale należy uważać na oparzenia skóry podczas stosowania okładów rozgrzewających przez dłuższy czas. ".repeat(4);
    site.write(
        rel,
        format!("---\ntitle: Ciepło na bolące mięśnie\ndescription: Jak ciepły okład może złagodzić ból mięśni w domu i jak go bezpiecznie stosować.\nreviewed: 2026-03-01\nreviewer: Dr Anna Nowak\nlang: pl\n---\n\n{body}\n"),
    );
    let report = site.root().join("report.html");
    let report_arg = report.to_string_lossy().to_string();
    let run = site.run(&["check", "--today", TODAY, "--report", &report_arg]);
    let row = run
        .stdout()
        .lines()
        .find(|l| l.starts_with(rel) && !l.contains('[') && l.split_whitespace().count() > 3)
        .map(str::to_string)
        .expect("a summary row");
    assert!(row.contains("not scored"), "{row}");
    let html = std::fs::read_to_string(&report).expect("report written");
    assert!(html.contains("not scored"));
    let (json, _) = check_json(&site);
    let a = json["articles"]
        .as_array()
        .expect("articles")
        .iter()
        .find(|a| a["path"] == rel)
        .cloned()
        .expect("Polish article");
    assert_eq!(a["reading_level"], "not scored");
    assert!(a["flesch_kincaid_grade"].is_null() && a["szigriszt_pazos"].is_null());
    assert!(
        !findings(&json, "readability/").iter().any(|f| f.0 == rel),
        "never an English grade"
    );
    assert!(
        !findings(&json, "plain/")
            .iter()
            .any(|f| f.0 == rel && f.1 != "plain/key-points"),
        "no rule that needs word lists runs on it"
    );
}
