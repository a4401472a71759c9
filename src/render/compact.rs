//! Drops the indentation and blank lines that templates leave in a rendered page, so that the
//! same few hundred bytes of layout whitespace are not sent with every one of a large site's
//! pages. A line break stays a line break, so the page renders exactly as before; `<pre>` and
//! `<textarea>`, where whitespace is content, are left as they are.

/// Removes spaces and tabs at the start of lines, and empty lines, outside `<pre>` and
/// `<textarea>` elements, in place.
///
/// Runs on every page of a large site, so it jumps between the bytes that matter (line breaks
/// and tags) with `memchr` and moves the text between them in one copy.
pub(crate) fn compact(html: &mut Vec<u8>) {
    let len = html.len();
    let mut out = 0;
    let mut i = 0;
    while i < len {
        // At the start of a line: indentation and empty lines go, the line break before stays.
        while i < len && matches!(html[i], b' ' | b'\t' | b'\n' | b'\r') {
            i += 1;
        }
        // Copy up to and including the line's end, stepping over tags that keep whitespace.
        let line_end = loop {
            let Some(k) = memchr::memchr2(b'\n', b'<', &html[i..]) else {
                break len;
            };
            let at = i + k;
            if html[at] == b'\n' {
                break at + 1;
            }
            let keep_until: Option<&[u8]> = if starts_with_ignore_case(&html[at..], b"<pre") {
                Some(b"</pre")
            } else if starts_with_ignore_case(&html[at..], b"<textarea") {
                Some(b"</textarea")
            } else {
                None
            };
            let next = match keep_until {
                Some(end) => closing_tag(html, at + 1, end),
                None => at + 1,
            };
            html.copy_within(i..next, out);
            out += next - i;
            i = next;
        };
        html.copy_within(i..line_end, out);
        out += line_end - i;
        i = line_end;
    }
    html.truncate(out);
}

/// Where the first `end` tag (any case) at or after `from` starts, or the end of `html`.
fn closing_tag(html: &[u8], mut from: usize, end: &[u8]) -> usize {
    while let Some(k) = memchr::memchr(b'<', &html[from..]) {
        let at = from + k;
        if starts_with_ignore_case(&html[at..], end) {
            return at;
        }
        from = at + 1;
    }
    html.len()
}

fn starts_with_ignore_case(s: &[u8], prefix: &[u8]) -> bool {
    s.len() >= prefix.len() && s[..prefix.len()].eq_ignore_ascii_case(prefix)
}

#[cfg(test)]
mod tests {
    use super::compact;

    fn run(s: &str) -> String {
        let mut v = s.as_bytes().to_vec();
        compact(&mut v);
        String::from_utf8(v).expect("utf-8")
    }

    #[test]
    fn indentation_and_empty_lines_go() {
        assert_eq!(
            run("<div>\n  <p>a\n    b</p>\n\n\n  <p>c</p>\n</div>\n"),
            "<div>\n<p>a\nb</p>\n<p>c</p>\n</div>\n"
        );
    }

    #[test]
    fn preformatted_text_is_kept() {
        let s = "<main>\n  <pre><code>fn x() {\n    y();\n\n}\n</code></pre>\n  <TEXTAREA>\n  a\n</TEXTAREA>\n</main>";
        assert_eq!(
            run(s),
            "<main>\n<pre><code>fn x() {\n    y();\n\n}\n</code></pre>\n<TEXTAREA>\n  a\n</TEXTAREA>\n</main>"
        );
    }

    /// The rule written byte by byte, as plainly as possible: the reference for `compact`.
    fn reference(html: &[u8]) -> Vec<u8> {
        let mut out = Vec::new();
        let mut keep_until: Option<&[u8]> = None;
        let mut line_start = true;
        for (i, &b) in html.iter().enumerate() {
            let rest = &html[i..];
            if let Some(end) = keep_until {
                if b == b'<' && super::starts_with_ignore_case(rest, end) {
                    keep_until = None;
                }
            } else if line_start && matches!(b, b' ' | b'\t' | b'\n' | b'\r') {
                continue;
            } else if super::starts_with_ignore_case(rest, b"<pre") {
                keep_until = Some(b"</pre");
            } else if super::starts_with_ignore_case(rest, b"<textarea") {
                keep_until = Some(b"</textarea");
            }
            line_start = b == b'\n' && keep_until.is_none();
            out.push(b);
        }
        out
    }

    #[test]
    fn agrees_with_the_reference_on_generated_markup() {
        // Pieces that meet at every position: tags that keep whitespace (any case, nested,
        // unclosed), line breaks, indentation and text.
        let pieces: [&[u8]; 12] = [
            b"<pre>",
            b"</PRE>",
            b"<textarea>",
            b"</textarea>",
            b"\n",
            b"\r\n",
            b"  ",
            b"\t",
            b"<p>",
            b"</p>",
            b"word",
            b"<preload>",
        ];
        let mut state: u64 = 0x9e37_79b9_7f4a_7c15;
        for _ in 0..3000 {
            let mut html = Vec::new();
            for _ in 0..(state % 24) {
                state ^= state << 13;
                state ^= state >> 7;
                state ^= state << 17;
                html.extend_from_slice(pieces[(state % pieces.len() as u64) as usize]);
            }
            let mut got = html.clone();
            compact(&mut got);
            assert_eq!(
                String::from_utf8_lossy(&got),
                String::from_utf8_lossy(&reference(&html)),
                "input {:?}",
                String::from_utf8_lossy(&html)
            );
            state = state.wrapping_add(1);
        }
    }

    #[test]
    fn words_on_one_line_keep_their_spaces() {
        assert_eq!(
            run("<p>one  two <b>three</b></p>"),
            "<p>one  two <b>three</b></p>"
        );
    }
}
