//! handout's own callouts: the urgent-care levels `> [!EMERGENCY]`,
//! `> [!URGENT]`, `> [!ROUTINE]`, and the `> [!KEY]` key points.
//!
//! pulldown-cmark knows only GitHub's five alert kinds; any other `[!WORD]`
//! marker reaches the walker as a plain blockquote whose first paragraph
//! starts with the marker's text. This module finds those blockquotes in
//! the event list (before the walk) and gives out, per blockquote, its
//! level and the byte range of the marker line, whose events the walker
//! drops; and the callout's opening HTML, with the wording passed in
//! [`CalloutWording`].

use std::ops::Range;

use pulldown_cmark::{Event, Tag};

use super::anchors::escape_into;

/// One of handout's own callout kinds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Level {
    /// Call the emergency number now.
    Emergency,
    /// Get help today.
    Urgent,
    /// Mention it at the next visit.
    Routine,
    /// The article's key points: taken out of the body, shown at the top.
    Key,
}

impl Level {
    fn from_marker(word: &str) -> Option<Level> {
        // GitHub reads alert markers case-insensitively; so does handout.
        match word.to_ascii_uppercase().as_str() {
            "EMERGENCY" => Some(Level::Emergency),
            "URGENT" => Some(Level::Urgent),
            "ROUTINE" => Some(Level::Routine),
            "KEY" => Some(Level::Key),
            _ => None,
        }
    }
}

/// The titles the urgent-care callouts show, so screen readers and print
/// name the level in words and not only by colour and icon.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CalloutWording {
    /// Title of `[!EMERGENCY]`.
    pub emergency: String,
    /// Title of `[!URGENT]`.
    pub urgent: String,
    /// Title of `[!ROUTINE]`.
    pub routine: String,
    /// The label of a document's notes (footnotes) section.
    pub notes: String,
    /// A note reference's label, `{n}` for its number.
    pub note: String,
    /// The text of a note's link back to where it is cited.
    pub back: String,
    /// That link's label, `{n}` for the note's number.
    pub back_to_note: String,
    /// A ticked task-list box.
    pub done: String,
    /// An unticked task-list box.
    pub not_done: String,
    /// A wide table's scrolling region: the word before its header cells or number.
    pub table: String,
}

impl CalloutWording {
    /// The built-in English wording (from the theme's `en.yaml`), naming `number` (site.yaml's
    /// `emergency_number`) when the site gives one.
    pub fn new(number: Option<&str>) -> Self {
        crate::i18n::Strings::default().callout_wording(number)
    }
}

impl Default for CalloutWording {
    fn default() -> Self {
        CalloutWording::new(None)
    }
}

/// A blockquote that is one of handout's callouts.
#[derive(Debug, Clone)]
pub(crate) struct Custom {
    /// Byte offset where the blockquote starts.
    pub start: usize,
    /// Its kind.
    pub level: Level,
    /// The marker from `[` to the end of its line, newline included: every
    /// event wholly inside it is dropped.
    pub marker: Range<usize>,
}

/// Finds the blockquotes whose first line is `> [!EMERGENCY]`, `> [!URGENT]`,
/// `> [!ROUTINE]` or `> [!KEY]` (nothing else on the line), in order.
pub(crate) fn find(src: &str, events: &[(Event<'_>, Range<usize>)]) -> Vec<Custom> {
    events
        .iter()
        .filter(|(e, _)| matches!(e, Event::Start(Tag::BlockQuote(None))))
        .filter_map(|(_, range)| marker_at(src, range.start))
        .collect()
}

fn marker_at(src: &str, start: usize) -> Option<Custom> {
    let rest = src.get(start..)?;
    let line_len = rest.find('\n').map_or(rest.len(), |i| i + 1);
    let line = &rest[..line_len];
    let after_quote = line.trim_start().strip_prefix('>')?;
    let marker = after_quote.trim_start();
    let word = marker.trim_end().strip_prefix("[!")?.strip_suffix(']')?;
    let level = Level::from_marker(word)?;
    let marker_start = start + (line.len() - marker.len());
    Some(Custom {
        start,
        level,
        marker: marker_start..start + line_len,
    })
}

/// An icon for each urgent level, drawn inline (no request to another file)
/// and hidden from screen readers: the title says the same in words.
fn icon(level: Level) -> &'static str {
    match level {
        // A warning triangle with an exclamation mark.
        Level::Emergency => {
            "<path d=\"M12 2 1 21h22L12 2z\" fill=\"currentColor\"/><path d=\"M11 9h2v6h-2zm0 8h2v2h-2z\" class=\"callout-icon-mark\"/>"
        }
        // A clock: today.
        Level::Urgent => {
            "<circle cx=\"12\" cy=\"12\" r=\"10\" fill=\"currentColor\"/><path d=\"M11 6h2v6l4 2-1 1.8-5-2.8z\" class=\"callout-icon-mark\"/>"
        }
        // A calendar: the next visit.
        Level::Routine | Level::Key => {
            "<rect x=\"3\" y=\"4\" width=\"18\" height=\"17\" rx=\"2\" fill=\"currentColor\"/><path d=\"M6 9h12v9H6z\" class=\"callout-icon-mark\"/>"
        }
    }
}

/// The opening of an urgent-care callout: the same `role="note"` pattern as
/// GitHub alerts (see `blocks::callout_open`), with an icon and the title.
pub(crate) fn open_html(level: Level, wording: &CalloutWording) -> String {
    let (class, title) = match level {
        Level::Emergency => ("emergency", &wording.emergency),
        Level::Urgent => ("urgent", &wording.urgent),
        Level::Routine | Level::Key => ("routine", &wording.routine),
    };
    let mut html = format!(
        "<div class=\"callout callout-{class}\" role=\"note\">\n<p class=\"callout-title\">\
         <svg class=\"callout-icon\" viewBox=\"0 0 24 24\" width=\"24\" height=\"24\" \
         aria-hidden=\"true\">{}</svg> <strong>",
        icon(level)
    );
    escape_into(&mut html, title);
    html.push_str("</strong></p>\n");
    html
}

#[cfg(test)]
mod tests {
    use super::*;
    use pulldown_cmark::Parser;

    fn markers(src: &str) -> Vec<(Level, String)> {
        let events: Vec<_> = Parser::new(src).into_offset_iter().collect();
        find(src, &events)
            .into_iter()
            .map(|c| (c.level, src[c.marker].to_string()))
            .collect()
    }

    #[test]
    fn finds_markers_alone_on_the_first_line() {
        assert_eq!(
            markers("> [!EMERGENCY]\n> Chest pain.\n\n- > [!urgent]  \n  > Fever.\n"),
            vec![
                (Level::Emergency, "[!EMERGENCY]\n".to_string()),
                (Level::Urgent, "[!urgent]  \n".to_string()),
            ]
        );
        assert!(markers("> [!EMERGENCY] call now\n\n> [!OTHER]\n> x\n").is_empty());
    }

    #[test]
    fn levels_render_as_titled_notes_and_key_points_leave_the_body() {
        let out = crate::markdown::tests::render_with(
            "Intro.\n\n> [!KEY]\n> - Rest.\n\n> [!URGENT]\n> Fever.\n\n> [!ROUTINE]\n>\n> Stiffness.\n",
            1,
            "",
            false,
        );
        assert!(out.key_points_html.contains("<li>Rest.</li>"));
        assert!(!out.intro_html.contains("Rest."));
        assert!(!out.intro_html.contains("[!"));
        assert!(out
            .intro_html
            .contains("<div class=\"callout callout-urgent\" role=\"note\">"));
        assert!(out.intro_html.contains("<strong>Urgent: ask for an urgent appointment today</strong></p>\n<p>Fever.</p>\n</div>"));
        assert!(out
            .intro_html
            .contains("next visit</strong></p>\n<p>Stiffness.</p>\n</div>"));
    }
}
