//! The PEMAT-style score as the three outputs of `handout check` show it: a short cell for
//! the terminal table, JSON, and a cell of the HTML report with the items behind it.

use super::pemat::{Pemat, Scale, Status};
use serde_json::{json, Value};
use std::fmt::Write as _;

/// "83/67": understandability and actionability percentages; "-" for a scale not judged.
pub fn short(p: &Pemat) -> String {
    let pct = |s| p.percent(s).map_or("-".to_string(), |v| format!("{v:.0}"));
    format!(
        "{}/{}",
        pct(Scale::Understandability),
        pct(Scale::Actionability)
    )
}

/// The score and every item, for `--format json`.
pub fn json(p: &Pemat) -> Value {
    let pct = |s| p.percent(s).map(|v| (v * 10.0).round() / 10.0);
    json!({
        "understandability": pct(Scale::Understandability),
        "actionability": pct(Scale::Actionability),
        "items": p.items,
    })
}

fn label(s: Status) -> &'static str {
    match s {
        Status::Met => "met",
        Status::NotMet => "not met",
        Status::NotChecked => "not checked",
    }
}

/// A table cell: both percentages, and the items in a disclosure (no script needed).
pub fn html_cell(p: &Pemat, esc: impl Fn(&str) -> String) -> String {
    let sort = p.percent(Scale::Understandability).unwrap_or(-1.0);
    let mut s = format!(
        "<td data-sort=\"{sort:06.1}\"><details><summary>{}</summary><ul class=\"pemat\">",
        esc(&format!(
            "Understandable {}, actionable {}",
            pct(p, Scale::Understandability),
            pct(p, Scale::Actionability)
        ))
    );
    for item in &p.items {
        let _ = write!(
            s,
            "<li>{}. {}: <strong>{}</strong></li>",
            item.number,
            esc(item.item),
            label(item.status)
        );
    }
    s.push_str("</ul></details></td>");
    s
}

fn pct(p: &Pemat, scale: Scale) -> String {
    p.percent(scale)
        .map_or("not judged".to_string(), |v| format!("{v:.0}%"))
}
