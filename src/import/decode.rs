//! Bytes to text for files saved by older tools: UTF-8 (with or without a byte-order mark),
//! UTF-16 with a byte-order mark (Windows Notepad's "Unicode"), and Windows-1252, the
//! encoding of most old Windows text and web pages, where curly quotes and dashes live in
//! bytes 0x80–0x9F. Binary data is refused.

/// Windows-1252 characters for bytes 0x80–0x9F; the five bytes it leaves undefined give
/// `None`.
const CP1252_HIGH: [Option<char>; 32] = [
    Some('€'),
    None,
    Some('‚'),
    Some('ƒ'),
    Some('„'),
    Some('…'),
    Some('†'),
    Some('‡'),
    Some('ˆ'),
    Some('‰'),
    Some('Š'),
    Some('‹'),
    Some('Œ'),
    None,
    Some('Ž'),
    None,
    None,
    Some('‘'),
    Some('’'),
    Some('“'),
    Some('”'),
    Some('•'),
    Some('–'),
    Some('—'),
    Some('˜'),
    Some('™'),
    Some('š'),
    Some('›'),
    Some('œ'),
    None,
    Some('ž'),
    Some('Ÿ'),
];

/// The text of a file, or `None` when it holds binary data.
pub(super) fn decode(bytes: &[u8]) -> Option<String> {
    if let Some(rest) = bytes.strip_prefix(&[0xFF, 0xFE]) {
        return utf16(rest, u16::from_le_bytes);
    }
    if let Some(rest) = bytes.strip_prefix(&[0xFE, 0xFF]) {
        return utf16(rest, u16::from_be_bytes);
    }
    let bytes = bytes.strip_prefix(&[0xEF, 0xBB, 0xBF]).unwrap_or(bytes);
    if bytes.contains(&0) {
        return None;
    }
    if let Ok(s) = std::str::from_utf8(bytes) {
        return Some(s.to_string());
    }
    let mut out = String::with_capacity(bytes.len());
    for &b in bytes {
        let c = match b {
            0x80..=0x9F => CP1252_HIGH[usize::from(b - 0x80)]?,
            _ => char::from(b),
        };
        // Control characters other than whitespace mean this is not text.
        if c.is_control() && !matches!(c, '\n' | '\r' | '\t' | '\u{c}') {
            return None;
        }
        out.push(c);
    }
    Some(out)
}

fn utf16(bytes: &[u8], unit: fn([u8; 2]) -> u16) -> Option<String> {
    let units: Vec<u16> = bytes.chunks_exact(2).map(|c| unit([c[0], c[1]])).collect();
    String::from_utf16(&units).ok()
}

#[cfg(test)]
mod tests {
    use super::decode;

    #[test]
    fn encodings() {
        assert_eq!(decode("It’s".as_bytes()).as_deref(), Some("It’s"));
        assert_eq!(decode(b"\xEF\xBB\xBFHi").as_deref(), Some("Hi"));
        assert_eq!(
            decode(b"It\x92s \x93fine\x94 \x96 caf\xE9").as_deref(),
            Some("It’s “fine” – café")
        );
        assert_eq!(decode(b"\xFF\xFEH\0i\0").as_deref(), Some("Hi"));
        assert_eq!(decode(&[0x89, b'P', b'N', b'G', 0, 0]), None);
        assert_eq!(decode(&[0x81, 0x8D]), None);
    }
}
