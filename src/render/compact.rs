//! Drops the indentation and blank lines that templates leave in a rendered page, so that the
//! same few hundred bytes of layout whitespace are not sent with every one of a large site's
//! pages. A line break stays a line break, so the page renders exactly as before; `<pre>` and
//! `<textarea>`, where whitespace is content, are left as they are.

/// Removes spaces and tabs at the start of lines, and empty lines, outside `<pre>` and
/// `<textarea>` elements, in place.
pub(crate) fn compact(html: &mut Vec<u8>) {
    let mut out = 0;
    let mut i = 0;
    let mut keep_until: Option<&'static [u8]> = None;
    let mut line_start = true;
    while i < html.len() {
        let b = html[i];
        if let Some(end) = keep_until {
            if b == b'<' && starts_with_ignore_case(&html[i..], end) {
                keep_until = None;
            }
        } else if line_start && matches!(b, b' ' | b'\t' | b'\n' | b'\r') {
            // Indentation or an empty line: skip it, the line break before it stays.
            i += 1;
            continue;
        } else if b == b'<' {
            if starts_with_ignore_case(&html[i..], b"<pre") {
                keep_until = Some(b"</pre");
            } else if starts_with_ignore_case(&html[i..], b"<textarea") {
                keep_until = Some(b"</textarea");
            }
        }
        line_start = b == b'\n' && keep_until.is_none();
        html[out] = b;
        out += 1;
        i += 1;
    }
    html.truncate(out);
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

    #[test]
    fn words_on_one_line_keep_their_spaces() {
        assert_eq!(
            run("<p>one  two <b>three</b></p>"),
            "<p>one  two <b>three</b></p>"
        );
    }
}
