//! How readability scores are shown in the terminal table, the JSON and the HTML report, per
//! language: English grades for English text, the Spanish ease scores and INFLESZ band for
//! Spanish, and "not scored" for a language without a formula (never an English grade).

use serde_json::{json, Map, Value};

use super::readability::{HardSentence, Language, Scores};

/// The text shown in place of scores for a language without a formula.
pub const NOT_SCORED: &str = "not scored";

/// A number for JSON, rounded to two decimals; `null` if it is not finite.
fn num(x: f64) -> Value {
    if x.is_finite() {
        json!((x * 100.0).round() / 100.0)
    } else {
        Value::Null
    }
}

/// The three score cells of the terminal table (FK, SMOG, FRE), 19 characters together. Other
/// languages fill the three with one text: "INFLESZ 62.1 normal" or "not scored".
pub fn text_cells(s: &Scores) -> String {
    match s.language {
        Language::English => format!(
            "{:>5.1}  {:>5.1}  {:>5.1}",
            s.flesch_kincaid_grade, s.smog_grade, s.flesch_reading_ease
        ),
        Language::Spanish => format!(
            "{:>19}",
            format!(
                "INFLESZ {:.1} {}",
                s.szigriszt_pazos,
                s.inflesz().map_or("", |b| b.label())
            )
        ),
        Language::NotScored => format!("{NOT_SCORED:>19}"),
    }
}

/// The score fields of an article or topic page in the JSON report. Every key is present for
/// every language (so a consumer can rely on them), with `null` where a measure does not apply.
pub fn json_fields(s: &Scores) -> Map<String, Value> {
    let english = s.language == Language::English;
    let spanish = s.language == Language::Spanish;
    let only = |on: bool, x: f64| if on { num(x) } else { Value::Null };
    let mut m = Map::new();
    m.insert("readability_formulas".into(), json!(s.language));
    m.insert(
        "reading_level".into(),
        json!(match s.language {
            Language::English => "flesch-kincaid",
            Language::Spanish => "inflesz",
            Language::NotScored => NOT_SCORED,
        }),
    );
    m.insert(
        "flesch_kincaid_grade".into(),
        only(english, s.flesch_kincaid_grade),
    );
    m.insert("smog_grade".into(), only(english, s.smog_grade));
    m.insert(
        "flesch_reading_ease".into(),
        only(english, s.flesch_reading_ease),
    );
    m.insert(
        "automated_readability_index".into(),
        only(english, s.automated_readability_index),
    );
    m.insert("fernandez_huerta".into(), only(spanish, s.fernandez_huerta));
    m.insert("szigriszt_pazos".into(), only(spanish, s.szigriszt_pazos));
    m.insert(
        "inflesz".into(),
        s.inflesz().map_or(Value::Null, |b| json!(b.label())),
    );
    m
}

/// A hard sentence's own score in the JSON report, named for what it is.
pub fn hard_sentence_score(language: Language, h: &HardSentence) -> (&'static str, Value) {
    match language {
        Language::Spanish => ("szigriszt_pazos", num(h.grade)),
        Language::English | Language::NotScored => ("grade", num(h.grade)),
    }
}

/// The HTML report's three score cells (grade, SMOG, reading ease), with the first marked
/// when the text misses its target. Spanish text shows its INFLESZ band in the first and its
/// Szigriszt-Pazos score (a Spanish reading ease) in the third; a language without a formula
/// shows "not scored". Three cells always, so the columns still sort.
pub fn html_cells(s: &Scores, over: bool) -> String {
    let class = if over { " over" } else { "" };
    match s.language {
        Language::English => format!(
            "<td class=\"num{class}\">{:.1}</td><td class=\"num\">{:.1}</td><td class=\"num\">{:.0}</td>",
            s.flesch_kincaid_grade, s.smog_grade, s.flesch_reading_ease
        ),
        Language::Spanish => format!(
            "<td class=\"{}\" data-sort=\"{:.1}\">{} (INFLESZ)</td><td>—</td><td class=\"num\">{:.0}</td>",
            class.trim(),
            s.szigriszt_pazos,
            s.inflesz().map_or("", |b| b.label()),
            s.szigriszt_pazos
        ),
        Language::NotScored => format!("<td>{NOT_SCORED}</td><td>—</td><td>—</td>"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::check::readability::{score_in, Passage};

    fn scores(text: &str, language: Language) -> Scores {
        score_in(&[Passage { text, line: 1 }], language)
    }

    #[test]
    fn each_language_shows_its_own_measures() {
        let en = scores("Rest your knee. Walk a bit.", Language::English);
        assert!(text_cells(&en).contains('.'));
        assert_eq!(text_cells(&en).chars().count(), 19);
        let es = scores("Descanse la rodilla. Camine un poco.", Language::Spanish);
        assert!(text_cells(&es).contains("INFLESZ"), "{}", text_cells(&es));
        let json = json_fields(&es);
        assert_eq!(json["flesch_kincaid_grade"], Value::Null);
        assert!(json["szigriszt_pazos"].is_f64());
        assert!(json["inflesz"].is_string());
        let pl = scores("Odpoczywaj. Chodź powoli.", Language::NotScored);
        assert_eq!(text_cells(&pl).trim(), NOT_SCORED);
        assert_eq!(json_fields(&pl)["reading_level"], NOT_SCORED);
        assert_eq!(json_fields(&pl)["smog_grade"], Value::Null);
        assert!(html_cells(&pl, false).contains(NOT_SCORED));
    }
}
