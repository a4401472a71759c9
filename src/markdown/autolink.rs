//! Bare URLs in text ("see https://example.org/care or www.example.org").
//!
//! pulldown-cmark only links `<https://…>`; authors who paste a bare address
//! expect it to be a link too, and the link checker must see it. Takes in a
//! run of text; gives out the byte ranges of the addresses in it and the
//! destination each links to. The rules follow GitHub's "extended
//! autolinks": `http://`, `https://` or `www.` followed by a domain with at
//! least one dot, at the start of the text or after a space or one of
//! `*_~("'`; trailing punctuation, an unbalanced `)` and a trailing entity
//! such as `&amp;` are not part of the address.

use std::sync::OnceLock;

use regex::Regex;

/// Compiled once per process; `None` only if the constant pattern were
/// invalid, which a test rules out (bare URLs would then stay text).
fn url_regex() -> Option<&'static Regex> {
    static URL: OnceLock<Option<Regex>> = OnceLock::new();
    URL.get_or_init(|| Regex::new(r"(?i)(?:https?://|www\.)[\w-]+(?:\.[\w-]+)+[^\s<]*").ok())
        .as_ref()
}

/// A bare URL found in text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct BareUrl {
    /// Byte range of the address in the text.
    pub start: usize,
    /// End of that range (exclusive).
    pub end: usize,
    /// The destination: the address, with `https://` added before `www.`.
    pub dest: String,
}

/// Byte offsets in `src` where an address may start ("://" or "www."),
/// sorted. Found once per document so that the many text events without
/// one skip the regex with a binary search.
pub(crate) fn url_hints(src: &str) -> Vec<usize> {
    let bytes = src.as_bytes();
    // Looking for ':' (rare in prose, found with a fast byte search) beats
    // a substring search for "://".
    let mut hints: Vec<usize> = src
        .match_indices(':')
        .filter(|&(i, _)| bytes.get(i + 1..i + 3) == Some(b"//".as_slice()))
        .map(|(i, _)| i)
        .collect();
    hints.extend(
        src.match_indices('.')
            .filter(|&(i, _)| i >= 3 && bytes[i - 3..i].eq_ignore_ascii_case(b"www"))
            .map(|(i, _)| i - 3),
    );
    hints.sort_unstable();
    hints
}

/// Whether a hint lies in `start..end`.
pub(crate) fn hint_in(hints: &[usize], start: usize, end: usize) -> bool {
    let i = hints.partition_point(|&h| h < start);
    hints.get(i).is_some_and(|&h| h < end)
}

/// Every bare URL in `text`, in order.
pub(crate) fn find_urls(text: &str) -> Vec<BareUrl> {
    let mut found = Vec::new();
    let Some(re) = url_regex() else {
        return found;
    };
    for m in re.find_iter(text) {
        let before = text[..m.start()].chars().next_back();
        let starts_ok = before.is_none_or(|c| c.is_whitespace() || "*_~(\"'".contains(c));
        if !starts_ok {
            continue;
        }
        let end = m.start() + trimmed_len(m.as_str());
        let url = &text[m.start()..end];
        let dest = if url.len() >= 4 && url[..4].eq_ignore_ascii_case("www.") {
            format!("https://{url}")
        } else {
            url.to_string()
        };
        found.push(BareUrl {
            start: m.start(),
            end,
            dest,
        });
    }
    found
}

/// The length of `url` without its trailing punctuation, unbalanced `)`
/// and trailing entity reference.
fn trimmed_len(url: &str) -> usize {
    let mut s = url;
    loop {
        let Some(last) = s.chars().next_back() else {
            return 0;
        };
        if "?!.,:*_~'\"".contains(last) {
            s = &s[..s.len() - last.len_utf8()];
        } else if last == ')' && s.matches(')').count() > s.matches('(').count() {
            s = &s[..s.len() - 1];
        } else if last == ';' {
            match entity_start(s) {
                Some(at) => s = &s[..at],
                None => return s.len(),
            }
        } else {
            return s.len();
        }
    }
}

/// Where a trailing `&name;` starts, if `s` ends with one.
fn entity_start(s: &str) -> Option<usize> {
    let body = s.strip_suffix(';')?;
    let amp = body.rfind('&')?;
    let name = &body[amp + 1..];
    (!name.is_empty() && name.chars().all(|c| c.is_ascii_alphanumeric())).then_some(amp)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pattern_compiles() {
        assert!(url_regex().is_some());
    }

    #[test]
    fn finds_and_trims() {
        let cases: &[(&str, &[&str])] = &[
            (
                "see https://example.org/care.",
                &["https://example.org/care"],
            ),
            ("(www.nhs.uk)", &["https://www.nhs.uk"]),
            (
                "https://en.wikipedia.org/wiki/Heat_(disambiguation))",
                &["https://en.wikipedia.org/wiki/Heat_(disambiguation)"],
            ),
            ("a https://x.org/?q=1&amp; b", &["https://x.org/?q=1"]),
            (
                "Go to http://a.b, then http://c.d!",
                &["http://a.b", "http://c.d"],
            ),
            ("no http://localhost here", &[]),
            ("xhttps://a.org is glued", &[]),
            ("email me at someone@example.org", &[]),
            ("WWW.EXAMPLE.ORG", &["https://WWW.EXAMPLE.ORG"]),
            ("\"https://q.org\"", &["https://q.org"]),
        ];
        for (text, want) in cases {
            let got: Vec<String> = find_urls(text).into_iter().map(|u| u.dest).collect();
            assert_eq!(&got, want, "{text:?}");
        }
    }

    #[test]
    fn ranges_point_at_the_text() {
        let text = "see www.a.org now";
        let urls = find_urls(text);
        assert_eq!(urls.len(), 1);
        assert_eq!(&text[urls[0].start..urls[0].end], "www.a.org");
        let hints = url_hints("a http://b.c and WWW.d.e");
        assert_eq!(hints, [6, 17]);
        assert!(hint_in(&hints, 2, 10) && hint_in(&hints, 17, 18));
        assert!(!hint_in(&hints, 0, 6) && !hint_in(&hints, 7, 17) && !hint_in(&hints, 18, 99));
    }
}
