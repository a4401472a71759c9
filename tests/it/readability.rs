//! Checks handout's readability scores against textstat, an independent
//! Python implementation, on the fixture texts in
//! `tests/fixtures/readability/`. The values were recorded by
//! `make_reference.py` there (versions and command in `reference.json`), so
//! this test needs no Python.
//!
//! The asserted reference is textstat's word and syllable counts, with hand
//! counts where textstat is known to be wrong (sentences after "Dr." or in
//! "2.5", and syllables of words missing from the CMU dictionary), combined
//! by textstat's formulas; plain textstat is printed beside it. The README in
//! the fixtures folder shows both and explains each difference.
//!
//! Tolerances: Flesch–Kincaid and SMOG grades within 0.5, as issue 4 asks.
//! Flesch Reading Ease within 5 points: it uses the same two ratios as
//! Flesch–Kincaid with weights 2.6 (1.015 / 0.39) and 7.2 (84.6 / 11.8) times
//! larger, so a 0.5-grade agreement allows up to about 3.6 points, and 5
//! leaves room for both ratios moving at once. Sentence counts must be within
//! one of the hand count (a quotation followed by a capitalised tag, as in
//! "\"Will I need a shot?\" Sam asked.", is split by handout).

use std::fs;
use std::path::{Path, PathBuf};

use handout::check::readability::{hardest_sentences, score, Passage, Scores};

const GRADE_TOLERANCE: f64 = 0.5;
const EASE_TOLERANCE: f64 = 5.0;

fn fixtures_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/readability")
}

/// Splits a fixture on blank lines into passages, with their first line.
fn passages(text: &str) -> Vec<Passage<'_>> {
    let mut out = Vec::new();
    let mut start: Option<(usize, usize)> = None; // (byte offset, line)
    let mut offset = 0;
    for (index, line) in text.split_inclusive('\n').enumerate() {
        if line.trim().is_empty() {
            if let Some((from, first)) = start.take() {
                out.push(Passage {
                    text: text[from..offset].trim_end(),
                    line: first,
                });
            }
        } else if start.is_none() {
            start = Some((offset, index + 1));
        }
        offset += line.len();
    }
    if let Some((from, first)) = start {
        out.push(Passage {
            text: text[from..].trim_end(),
            line: first,
        });
    }
    out
}

#[track_caller]
fn number(value: &serde_json::Value, key: &str) -> f64 {
    value[key]
        .as_f64()
        .unwrap_or_else(|| panic!("reference.json lacks {key}"))
}

#[test]
fn scores_match_textstat_on_fixtures() {
    let path = fixtures_dir().join("reference.json");
    let reference: serde_json::Value =
        serde_json::from_str(&fs::read_to_string(path).expect("read reference.json"))
            .expect("parse reference.json");
    let fixtures = reference["fixtures"].as_object().expect("fixtures object");
    assert!(fixtures.len() >= 10, "want at least ten fixtures");

    let mut failures = Vec::new();
    println!(
        "textstat {}; columns: handout / corrected reference / plain textstat",
        reference["textstat"]
    );
    println!(
        "{:<24} {:^20} {:^20} {:^24} {:^11}",
        "fixture", "FK", "SMOG", "FRE", "sentences"
    );
    for (name, expected) in fixtures {
        let text =
            fs::read_to_string(fixtures_dir().join(format!("{name}.txt"))).expect("read fixture");
        let ours: Scores = score(&passages(&text));
        let (reference, plain) = (&expected["reference"], &expected["textstat"]);
        let measures = [
            (
                "Flesch-Kincaid",
                ours.flesch_kincaid_grade,
                "flesch_kincaid_grade",
                GRADE_TOLERANCE,
            ),
            ("SMOG", ours.smog_grade, "smog_index", GRADE_TOLERANCE),
            (
                "Reading Ease",
                ours.flesch_reading_ease,
                "flesch_reading_ease",
                EASE_TOLERANCE,
            ),
        ];
        let mut row = format!("{name:<24}");
        for (measure, us, key, tolerance) in measures {
            let (them, raw) = (number(reference, key), number(plain, key));
            row.push_str(&format!(" {us:>6.2}/{them:>6.2}/{raw:>6.2}"));
            if (us - them).abs() > tolerance {
                failures.push(format!("{name}: {measure} {us:.2} vs reference {them:.2}"));
            }
        }
        let hand = number(reference, "sentence_count");
        row.push_str(&format!(
            "   {}/{hand}/{}",
            ours.sentences,
            number(plain, "sentence_count")
        ));
        println!("{row}");
        if (ours.sentences as f64 - hand).abs() > 1.0 {
            failures.push(format!(
                "{name}: {} sentences, hand count {hand}",
                ours.sentences
            ));
        }
    }
    assert!(
        failures.is_empty(),
        "differences beyond tolerance:\n{}",
        failures.join("\n")
    );
}

#[test]
fn fixture_passages_keep_their_lines() {
    let text =
        fs::read_to_string(fixtures_dir().join("back_exercises_list.txt")).expect("read fixture");
    let passages = passages(&text);
    assert_eq!(
        passages[0],
        Passage {
            text: "Exercises for low back pain",
            line: 1
        }
    );
    assert_eq!(passages[2].line, 5);
    // The hardest sentence is reported on the source line it starts on.
    for hard in hardest_sentences(&passages, 3) {
        let line = text.lines().nth(hard.line - 1).expect("line exists");
        let first_words: String = hard.text.split(' ').take(3).collect::<Vec<_>>().join(" ");
        assert!(
            line.contains(&first_words),
            "line {} {line:?} lacks {first_words:?}",
            hard.line
        );
    }
}

#[test]
fn scores_serialize_for_reports() {
    let text = "Rest your knee. Use ice for twenty minutes.";
    let json = serde_json::to_value(score(&[Passage { text, line: 1 }])).expect("serialize");
    assert_eq!(json["sentences"], 2);
    assert!(json["flesch_kincaid_grade"].is_f64());
    let hard = serde_json::to_value(hardest_sentences(&[Passage { text, line: 1 }], 1))
        .expect("serialize");
    assert_eq!(hard[0]["line"], 1);
}

/// Throughput of `score` in a release build; `handout check` must score
/// 10,000 articles of ~1,200 words in well under 2 s on 2 cores. Run with
/// `cargo test --release --test it readability::throughput -- --ignored --nocapture`.
#[test]
#[ignore = "timing; run in release"]
fn throughput() {
    use std::time::Instant;

    // One ~1,200-word article made of fixture paragraphs (all kinds mixed).
    let mut texts = Vec::new();
    for entry in fs::read_dir(fixtures_dir()).expect("list fixtures") {
        let path = entry.expect("entry").path();
        if path.extension().is_some_and(|e| e == "txt") {
            texts.push(fs::read_to_string(path).expect("read fixture"));
        }
    }
    texts.sort();
    let all: Vec<Passage> = texts.iter().flat_map(|t| passages(t)).collect();
    let mut article = Vec::new();
    let mut words = 0;
    for passage in all.iter().cycle() {
        if words >= 1_200 {
            break;
        }
        words += score(std::slice::from_ref(passage)).words;
        article.push(*passage);
    }
    let article_words = score(&article).words;
    let articles = 10_000;

    for threads in [1, 2] {
        let start = Instant::now();
        let total: usize = std::thread::scope(|scope| {
            let handles: Vec<_> = (0..threads)
                .map(|_| {
                    scope.spawn(|| {
                        (0..articles / threads)
                            .map(|_| {
                                std::hint::black_box(score(std::hint::black_box(&article))).words
                            })
                            .sum::<usize>()
                    })
                })
                .collect();
            handles.into_iter().map(|h| h.join().expect("thread")).sum()
        });
        let seconds = start.elapsed().as_secs_f64();
        println!(
            "{threads} thread(s): {articles} articles x {article_words} words = {total} words in {seconds:.3} s, {:.1} M words/s",
            total as f64 / seconds / 1e6
        );
    }
}

/// Sentences that run into lists (`runs/`): the site is checked with handout, and its grades
/// are compared with textstat's on the same prose written out by hand as the sentences it is
/// (`runs/truth/`, recorded by `make_runs_reference.py`). A lead-in and the list it runs into
/// are one sentence; counting each item as a sentence would read far easier than the text is.
#[test]
fn sentences_running_into_lists_match_textstat() {
    let site = crate::harness::SiteTest::fixture("readability/runs");
    let run = site.run(&["check", "--format", "json", "--today", "2026-06-01"]);
    let json: serde_json::Value = serde_json::from_str(&run.stdout()).expect("check JSON");
    let reference: serde_json::Value = serde_json::from_str(
        &fs::read_to_string(fixtures_dir().join("runs/reference.json")).expect("reference"),
    )
    .expect("reference JSON");
    let articles = json["articles"].as_array().expect("articles");
    assert_eq!(articles.len(), 5);
    let (mut fk_sum, mut smog_sum) = (0.0, 0.0);
    println!("| text | FK handout / textstat | SMOG handout / textstat | sentences |");
    for a in articles {
        let name = Path::new(a["path"].as_str().unwrap_or(""))
            .file_stem()
            .and_then(|s| s.to_str())
            .unwrap_or("")
            .to_string();
        let r = &reference["fixtures"][&name]["reference"];
        let (fk, smog) = (number(a, "flesch_kincaid_grade"), number(a, "smog_grade"));
        let (rfk, rsmog) = (number(r, "flesch_kincaid_grade"), number(r, "smog_index"));
        println!(
            "| {name} | {fk:.2} / {rfk:.2} | {smog:.2} / {rsmog:.2} | {} / {} |",
            a["sentences"], r["sentence_count"]
        );
        assert_eq!(
            a["sentences"], r["sentence_count"],
            "{name}: sentence count"
        );
        assert!((fk - rfk).abs() <= 1.0, "{name}: FK {fk} vs {rfk}");
        assert!(
            (smog - rsmog).abs() <= 1.0,
            "{name}: SMOG {smog} vs {rsmog}"
        );
        fk_sum += (fk - rfk).abs();
        smog_sum += (smog - rsmog).abs();
    }
    let n = articles.len() as f64;
    println!(
        "mean |difference|: FK {:.2}, SMOG {:.2}",
        fk_sum / n,
        smog_sum / n
    );
    assert!(fk_sum / n <= 0.5, "mean FK difference {}", fk_sum / n);
    assert!(smog_sum / n <= 0.5, "mean SMOG difference {}", smog_sum / n);
}

/// How far handout's grade may be from textstat's on any one real text (`public_domain/`);
/// the README there explains each text over 1 grade apart.
const REAL_TEXT_TOLERANCE: f64 = 1.25;

/// Real patient pages from US federal agencies (`public_domain/`, public domain as US
/// government works), checked with handout and compared with textstat 0.7.13 on the same prose
/// written out as the sentences it is (`public_domain/truth/`, recorded by
/// `make_public_domain_reference.py`). Lists that a sentence runs into are among them: counted
/// as sentences of their own, they made two of these texts read 2 grades easier than they are.
#[test]
fn real_public_domain_pages_match_textstat() {
    let site = crate::harness::SiteTest::fixture("readability/public_domain");
    let run = site.run(&["check", "--format", "json", "--today", "2026-06-01"]);
    let json: serde_json::Value = serde_json::from_str(&run.stdout()).expect("check JSON");
    let reference: serde_json::Value = serde_json::from_str(
        &fs::read_to_string(fixtures_dir().join("public_domain/reference.json"))
            .expect("reference"),
    )
    .expect("reference JSON");
    let texts = reference["fixtures"].as_object().expect("fixtures");
    let articles = json["articles"].as_array().expect("articles");
    assert!(texts.len() >= 10, "{} texts", texts.len());
    assert_eq!(articles.len(), texts.len(), "every text is checked");
    let (mut fk_sum, mut smog_sum) = (0.0, 0.0);
    println!("| text | FK handout / textstat | SMOG handout / textstat | sentences |");
    for a in articles {
        let name = Path::new(a["path"].as_str().unwrap_or(""))
            .file_stem()
            .and_then(|s| s.to_str())
            .unwrap_or("")
            .to_string();
        let r = &texts[&name];
        let (fk, smog) = (number(a, "flesch_kincaid_grade"), number(a, "smog_grade"));
        let (rfk, rsmog) = (number(r, "flesch_kincaid_grade"), number(r, "smog_index"));
        println!(
            "| {name} | {fk:.2} / {rfk:.2} | {smog:.2} / {rsmog:.2} | {} / {} |",
            a["sentences"], r["sentence_count"]
        );
        assert!(
            (fk - rfk).abs() <= REAL_TEXT_TOLERANCE,
            "{name}: FK {fk} vs {rfk}"
        );
        assert!(
            (smog - rsmog).abs() <= REAL_TEXT_TOLERANCE,
            "{name}: SMOG {smog} vs {rsmog}"
        );
        fk_sum += (fk - rfk).abs();
        smog_sum += (smog - rsmog).abs();
    }
    let n = articles.len() as f64;
    println!(
        "mean |difference|: FK {:.2}, SMOG {:.2}",
        fk_sum / n,
        smog_sum / n
    );
    assert!(fk_sum / n <= 0.5, "mean FK difference {}", fk_sum / n);
    assert!(smog_sum / n <= 0.5, "mean SMOG difference {}", smog_sum / n);
}
