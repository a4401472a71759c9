//! Plain text from the HTML the markdown stage wrote, and the words synonyms add to it.
//!
//! The markup is the site's own (no scripts or styles), so dropping tags and decoding the
//! few entities the renderer writes is enough; a full HTML parser per section would cost a
//! large site seconds.

/// The text of `html`: tags dropped (block ends become spaces), entities decoded.
pub(crate) fn plain(html: &str, out: &mut String) {
    let mut rest = html;
    while let Some(lt) = rest.find('<') {
        decode(&rest[..lt], out);
        let Some(gt) = rest[lt..].find('>') else {
            rest = "";
            break;
        };
        // Tags separate words ("<li>a</li><li>b</li>" is "a b"), except the inline ones.
        let tag = &rest[lt + 1..lt + gt];
        if !is_inline(tag) && !out.ends_with(' ') {
            out.push(' ');
        }
        rest = &rest[lt + gt + 1..];
    }
    decode(rest, out);
}

/// Inline elements that may sit inside a word (`<em>un</em>usual`).
fn is_inline(tag: &str) -> bool {
    let name = tag
        .trim_start_matches('/')
        .split(|c: char| c.is_whitespace() || c == '/')
        .next()
        .unwrap_or("");
    matches!(
        name,
        "a" | "em" | "strong" | "code" | "span" | "b" | "i" | "abbr" | "mark" | "sub" | "sup"
    )
}

/// Appends `s` with `&amp;`-style and numeric entities decoded; an unknown entity stays as written.
fn decode(s: &str, out: &mut String) {
    let mut rest = s;
    while let Some(amp) = rest.find('&') {
        out.push_str(&rest[..amp]);
        let after = &rest[amp + 1..];
        let end = after.find(';').filter(|&e| e <= 10);
        let decoded = end.and_then(|e| entity(&after[..e]).map(|c| (c, e)));
        match decoded {
            Some((c, e)) => {
                out.push(c);
                rest = &after[e + 1..];
            }
            None => {
                out.push('&');
                rest = after;
            }
        }
    }
    out.push_str(rest);
}

fn entity(name: &str) -> Option<char> {
    Some(match name {
        "amp" => '&',
        "lt" => '<',
        "gt" => '>',
        "quot" => '"',
        "apos" => '\'',
        "nbsp" => ' ',
        _ => {
            let n = name.strip_prefix('#')?;
            let code = match n.strip_prefix(['x', 'X']) {
                Some(hex) => u32::from_str_radix(hex, 16).ok()?,
                None => n.parse().ok()?,
            };
            return char::from_u32(code);
        }
    })
}

/// The words of every synonym group that `text` meets: a text about a "herniated disc"
/// gets "slipped disc" when the site says they are the same. Matching ignores case.
pub(crate) fn synonyms_for(text: &str, groups: &[Vec<String>]) -> Vec<String> {
    if groups.is_empty() {
        return Vec::new();
    }
    let lower = text.to_lowercase();
    let mut out = Vec::new();
    for group in groups {
        if group.iter().any(|w| contains_phrase(&lower, w)) {
            out.extend(
                group
                    .iter()
                    .filter(|w| !contains_phrase(&lower, w))
                    .cloned(),
            );
        }
    }
    out
}

/// Whether `phrase` occurs in `text` as whole words.
fn contains_phrase(text: &str, phrase: &str) -> bool {
    text.match_indices(phrase).any(|(i, m)| {
        let before = text[..i].chars().next_back();
        let after = text[i + m.len()..].chars().next();
        !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(html: &str) -> String {
        let mut s = String::new();
        plain(html, &mut s);
        s.split_whitespace().collect::<Vec<_>>().join(" ")
    }

    #[test]
    fn drops_tags_and_decodes_entities() {
        assert_eq!(
            text("<ul><li>Ice &amp; heat</li><li>Rest</li></ul><p>un<em>usual</em> &#8211; &#x41;&bogus;</p>"),
            "Ice & heat Rest unusual – A&bogus;"
        );
    }

    #[test]
    fn synonyms_add_the_other_words_of_a_group() {
        let groups = vec![vec![
            "slipped disc".to_string(),
            "herniated disc".to_string(),
        ]];
        assert_eq!(
            synonyms_for("A Herniated disc can press on a nerve.", &groups),
            vec!["slipped disc"]
        );
        assert!(synonyms_for("Discs herniated discreetly.", &groups).is_empty());
    }
}
