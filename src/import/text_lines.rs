//! Line-level reading of plain text: what a single line is (a bullet, a numbered line, a
//! question, a note, a heading) and which lines are blog debris rather than the article.

use regex::Regex;
use std::sync::LazyLock;

/// One logical line of the text (hard-wrapped lines joined), with its first file line.
#[derive(Debug, Clone)]
pub(crate) struct Unit {
    /// The text, trimmed.
    pub(crate) text: String,
    /// 1-based line in the file.
    pub(crate) line: usize,
    /// Whether the line was indented.
    pub(crate) indented: bool,
}

/// What a unit is, before its neighbours are taken into account.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Line {
    /// "## Heading", for text that is already partly Markdown.
    Heading(usize, String),
    /// "•", "-", "*", "–" items.
    Bullet(String),
    /// "1. text" or "1) text".
    Numbered(u32, String),
    /// "Q: …" or "Question: …".
    Question(String),
    /// "A: …" or "Answer: …".
    Answer(String),
    /// "Note: …", "Disclaimer: …", "Warning: …": the callout kind and the whole text.
    Callout(&'static str, String),
    /// Anything else.
    Text(String),
}

static NUMBERED: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^(\d{1,3})[.)]\s+(\S.*)$").unwrap_or_else(|_| never()));
static QUESTION: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(?:q|question)\s*\d*\s*[:.]\s*(\S.*)$").unwrap_or_else(|_| never())
});
static ANSWER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(?:a|answer)\s*\d*\s*[:.]\s*(\S.*)$").unwrap_or_else(|_| never())
});
static CALLOUT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(note|disclaimer|please note|important|warning|caution|tip)\s*:\s*\S")
        .unwrap_or_else(|_| never())
});
/// A short label before a colon: "Warm up: walk for five minutes."
static LABEL: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^([^:.!?]{1,50}?)\s*:\s+(\S.*)$").unwrap_or_else(|_| never()));
/// Lines that start the blog's footer: everything from there on is dropped.
static FOOTER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?ix)^(?:leave\ a\ (?:reply|comment)|share\ this(?:\ post|\ article|\ page)?|like\ this
        |related(?:\ posts|\ articles|\ reading|\ stories)?|you\ (?:may|might)\ also\ (?:like|enjoy)
        |(?:\d+|no|one|two|three)\ (?:comments?|responses?|replies|thoughts\ on\ .*)(?:\ yet)?
        |comments(?:\ \(\d+\))?|post\ navigation|(?:previous|next)\ (?:post|article)
        |about\ the\ author|subscribe(?:\ to\ .*)?|join\ the\ discussion)\s*[:.!]?$",
    )
    .unwrap_or_else(|_| never())
});
/// Lines that name the post's tags or categories ("Posted in Knee, Exercise").
static TAG_LINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(?:posted\ in|filed\ under|categor(?:y|ies)|tag(?:s|ged)(?:\ with)?|topics?)\s*:?\s+(\S.*)$")
        .unwrap_or_else(|_| never())
});
/// "Posted on March 3, 2024 by Admin", "Published: 2024-03-03".
static DATE_LINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)^(?:posted|published|updated|written)(?:\s+on)?\s*:?\s+(.+?)(?:\s+by\s+(.+))?$",
    )
    .unwrap_or_else(|_| never())
});
/// "By Jane Doe, PT" near the top.
static BYLINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?i:by)\s+(\p{Lu}\S*(?:\s+\S+){0,5})$").unwrap_or_else(|_| never())
});
/// One-line debris anywhere: share buttons, "Read more", reading time.
static LINE_DEBRIS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?ix)^(?:click\ to\ (?:share|print|email).*|share\ on\ .*|tweet|pin\ it|print(?:\ this)?
        |email|facebook|twitter|linkedin|pinterest|whatsapp|read\ more.*|continue\ reading.*
        |\d+\s+min(?:ute)?s?\ read|loading\.*|advertisement|skip\ to\ content)$",
    )
    .unwrap_or_else(|_| never())
});

// The patterns above are fixed and tested; this keeps their construction free of unwrap.
fn never() -> Regex {
    Regex::new("$^").unwrap_or_else(|_| unreachable!("an empty pattern always compiles"))
}

/// Classifies one unit on its own.
pub(crate) fn classify(text: &str) -> Line {
    let hashes = text.chars().take_while(|c| *c == '#').count();
    if (1..=6).contains(&hashes) && text[hashes..].starts_with(' ') {
        return Line::Heading(hashes, text[hashes..].trim().to_string());
    }
    if let Some(rest) = bullet_text(text) {
        return Line::Bullet(rest.to_string());
    }
    if let Some(c) = NUMBERED.captures(text) {
        let n = c[1].parse().unwrap_or(1);
        return Line::Numbered(n, c[2].to_string());
    }
    if let Some(c) = QUESTION.captures(text) {
        return Line::Question(c[1].to_string());
    }
    if let Some(c) = ANSWER.captures(text) {
        return Line::Answer(c[1].to_string());
    }
    if let Some(c) = CALLOUT.captures(text) {
        let kind = match c[1].to_ascii_lowercase().as_str() {
            "warning" | "caution" => "WARNING",
            "important" => "IMPORTANT",
            "tip" => "TIP",
            _ => "NOTE",
        };
        return Line::Callout(kind, text.to_string());
    }
    Line::Text(text.to_string())
}

/// The text after a bullet character, if the line starts with one.
fn bullet_text(text: &str) -> Option<&str> {
    let mut chars = text.chars();
    let first = chars.next()?;
    if !matches!(
        first,
        '•' | '-' | '*' | '–' | '—' | '·' | '▪' | '◦' | '‣' | '●' | '○'
    ) {
        return None;
    }
    let rest = chars.as_str();
    // "-5 degrees" or "*emphasis*" is not a bullet: a bullet is followed by a space.
    if first != '•' && first != '●' && !rest.starts_with(char::is_whitespace) {
        return None;
    }
    let rest = rest.trim_start();
    (!rest.is_empty()).then_some(rest)
}

/// "Label: text" as (label, text), for steps.
pub(crate) fn label_split(text: &str) -> Option<(String, String)> {
    let c = LABEL.captures(text)?;
    let label = c[1].trim();
    (label.split_whitespace().count() <= 6).then(|| (label.to_string(), c[2].to_string()))
}

/// Whether a line reads as a heading rather than a sentence: short, no closing punctuation
/// other than a question mark, not starting in lower case.
pub(crate) fn is_heading_like(text: &str) -> bool {
    let words = text.split_whitespace().count();
    let Some(first) = text.chars().next() else {
        return false;
    };
    let last = text.chars().last().unwrap_or(' ');
    (1..=12).contains(&words)
        && text.chars().count() <= 90
        && !first.is_lowercase()
        && !matches!(last, '.' | ',' | ';' | ':' | '!' | '…')
        && !text.contains(". ")
}

/// Whether the line starts the blog's footer (comments, share bar, related posts).
pub(crate) fn is_footer(text: &str) -> bool {
    FOOTER.is_match(text)
}

/// Whether the line is one-line debris (share buttons, "Read more").
pub(crate) fn is_line_debris(text: &str) -> bool {
    LINE_DEBRIS.is_match(text)
}

/// The tags a "Posted in …" / "Tags: …" line names.
pub(crate) fn tag_line(text: &str) -> Option<Vec<String>> {
    let c = TAG_LINE.captures(text)?;
    let list = c[1].split([',', '|', ';', '·']);
    let tags: Vec<String> = list
        .map(|t| t.trim().trim_start_matches('#').trim().to_string())
        .filter(|t| !t.is_empty() && !t.eq_ignore_ascii_case("uncategorized"))
        .collect();
    (!tags.is_empty()).then_some(tags)
}

/// The date (and author) of a "Posted on …" line, when the date parses.
pub(crate) fn date_line(text: &str) -> Option<(chrono::NaiveDate, Option<String>)> {
    let c = DATE_LINE.captures(text)?;
    let date = super::doc::parse_date(&c[1])?;
    Some((date, c.get(2).map(|m| m.as_str().trim().to_string())))
}

/// The author of a "By Jane Doe" line.
pub(crate) fn byline(text: &str) -> Option<String> {
    BYLINE.captures(text).map(|c| c[1].trim().to_string())
}

/// Splits text into units: one per line, except that a hard-wrapped line is joined with the
/// next when that one carries on the sentence (starts in lower case and is no list item).
pub(crate) fn units(text: &str) -> Vec<Unit> {
    let mut out: Vec<Unit> = Vec::new();
    let mut open = false;
    for (i, raw) in text.lines().enumerate() {
        let t = raw.trim();
        if t.is_empty() {
            open = false;
            continue;
        }
        let continues = open
            && t.starts_with(|c: char| c.is_lowercase())
            && matches!(classify(t), Line::Text(_));
        match out.last_mut() {
            Some(prev) if continues => {
                prev.text.push(' ');
                prev.text.push_str(t);
            }
            _ => out.push(Unit {
                text: t.to_string(),
                line: i + 1,
                indented: raw.starts_with([' ', '\t']),
            }),
        }
        let last = out.last().map(|u| u.text.as_str()).unwrap_or("");
        open = !last.ends_with(['.', '!', '?', ':']);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn classifies_lines() {
        assert_eq!(
            classify("• Ice the knee"),
            Line::Bullet("Ice the knee".into())
        );
        assert_eq!(classify("– Rest"), Line::Bullet("Rest".into()));
        assert_eq!(classify("-5 degrees"), Line::Text("-5 degrees".into()));
        assert_eq!(
            classify("2. Less pain"),
            Line::Numbered(2, "Less pain".into())
        );
        assert_eq!(
            classify("Q: Does it hurt?"),
            Line::Question("Does it hurt?".into())
        );
        assert_eq!(classify("Answer: No."), Line::Answer("No.".into()));
        assert!(matches!(
            classify("Disclaimer: this is"),
            Line::Callout("NOTE", _)
        ));
    }

    #[test]
    fn headings_and_sentences() {
        assert!(is_heading_like("Benefits of massage"));
        assert!(is_heading_like("Is it safe for me?"));
        assert!(!is_heading_like("Massage helps. It is safe."));
        assert!(!is_heading_like("You will need:"));
        assert!(!is_heading_like("and then it rests"));
    }

    #[test]
    fn blog_debris() {
        for f in [
            "Leave a Reply",
            "Share this:",
            "Related posts",
            "3 Comments",
            "Like this:",
        ] {
            assert!(is_footer(f), "{f}");
        }
        assert!(!is_footer("Related exercises you can do at home"));
        assert_eq!(
            tag_line("Posted in Knee pain, Exercise"),
            Some(vec!["Knee pain".to_string(), "Exercise".to_string()])
        );
        assert!(date_line("Posted on March 3, 2024 by Admin").is_some());
        assert_eq!(
            byline("By Dr. Jo Wong, PT").as_deref(),
            Some("Dr. Jo Wong, PT")
        );
        assert_eq!(byline("By the end of the week you will feel better"), None);
    }

    #[test]
    fn wrapped_lines_join() {
        let u = units("First line of a\nsentence that goes on.\n- item\nNext\n");
        let texts: Vec<&str> = u.iter().map(|u| u.text.as_str()).collect();
        assert_eq!(
            texts,
            ["First line of a sentence that goes on.", "- item", "Next"]
        );
    }
}
