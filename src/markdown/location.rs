//! Byte offsets in a Markdown body to 1-based line and column in the file.
//!
//! Takes in the body (the file after its front matter) and the file line the
//! body starts on; gives out `(line, column)` for any byte offset that
//! pulldown-cmark reports, with columns counted in characters so they match
//! what an editor shows.

/// A table of line starts for one body.
#[derive(Debug)]
pub(crate) struct LineIndex<'a> {
    src: &'a str,
    starts: Vec<usize>,
    first_line: usize,
}

impl<'a> LineIndex<'a> {
    /// Builds the table. `\n`, `\r\n` and a lone `\r` each end a line, as in
    /// CommonMark.
    pub(crate) fn new(src: &'a str, first_line: usize) -> Self {
        let mut starts = Vec::with_capacity(src.len() / 40 + 1);
        starts.push(0);
        if src.contains('\r') {
            let bytes = src.as_bytes();
            for (i, &b) in bytes.iter().enumerate() {
                let ends_line = b == b'\n' || (b == b'\r' && bytes.get(i + 1) != Some(&b'\n'));
                if ends_line {
                    starts.push(i + 1);
                }
            }
        } else {
            // The common case, with the standard library's fast byte search.
            starts.extend(src.match_indices('\n').map(|(i, _)| i + 1));
        }
        LineIndex {
            src,
            starts,
            first_line: first_line.max(1),
        }
    }

    /// The file line and character column of a byte offset (clamped to the
    /// body, so a bad offset still gives a usable position).
    pub(crate) fn locate(&self, offset: usize) -> (usize, usize) {
        let offset = offset.min(self.src.len());
        let row = match self.starts.binary_search(&offset) {
            Ok(row) => row,
            Err(next) => next.saturating_sub(1),
        };
        let start = self.starts.get(row).copied().unwrap_or(0);
        // Count characters by their first bytes, which works even if the
        // offset were not on a character boundary.
        let column = self.src.as_bytes()[start..offset]
            .iter()
            .filter(|&&b| (b & 0xC0) != 0x80)
            .count()
            + 1;
        (self.first_line + row, column)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_and_columns() {
        let src = "ab\ncdé f\r\ng\rh";
        let index = LineIndex::new(src, 5);
        let cases = [
            (0, (5, 1)),
            (1, (5, 2)),
            (3, (6, 1)),
            (src.find('f').unwrap_or(0), (6, 5)),
            (src.find('g').unwrap_or(0), (7, 1)),
            (src.find('h').unwrap_or(0), (8, 1)),
            (src.len(), (8, 2)),
            (999, (8, 2)),
        ];
        for (offset, want) in cases {
            assert_eq!(index.locate(offset), want, "offset {offset}");
        }
        assert_eq!(LineIndex::new("", 0).locate(0), (1, 1));
    }
}
