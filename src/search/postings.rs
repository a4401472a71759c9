//! One language's inverted index while records stream in: an interned table of index keys and,
//! per key, its postings packed as varints, so memory grows with the vocabulary and the
//! number of word positions, not with the text.
//!
//! A key is a stemmed word, or a stemmed word and a written form with diacritics
//! (`stem\0form`): Pagefind stores those forms as variants of the word. `\0` sorts before any
//! other character and is never in a word, so a word's variants follow it when keys are sorted.

use rustc_hash::FxHashMap;

/// A key's postings, page after page.
#[derive(Default)]
struct List {
    /// Per page: page delta, location count and locations, meta location count and meta
    /// locations (zigzag), all as LEB128 varints.
    bytes: Vec<u8>,
    last_page: u32,
    pages: u32,
    /// Pagefind's measure of a word's share of a chunk: locations plus one per page.
    weight: u32,
}

/// One occurrence of a key in the record being added.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
struct Hit {
    key: u32,
    /// 0 for running text, 1 for a meta field (title, guide, part).
    meta: u8,
    /// The weight of a word in text (Pagefind's common weight sorted first), the field of a
    /// meta word.
    group: u16,
    position: u32,
}

/// One page of a key's postings, in Pagefind's encoding.
#[cfg(test)]
#[derive(Debug, Default, PartialEq)]
pub(super) struct Page {
    /// The page number relative to the key's previous page.
    pub delta: u32,
    /// Positions, delta-coded; a negative value `-w - 1` sets the weight `w` for the positions
    /// after it, the first of which is absolute.
    pub locs: Vec<i32>,
    /// Meta positions: `-f - 1` switches to field `f`, positions delta-coded from 0.
    pub meta_locs: Vec<i32>,
}

/// The weight the browser assumes until told otherwise.
const DEFAULT_WEIGHT: u16 = 25;

/// A language's index keys and their postings.
#[derive(Default)]
pub(super) struct Postings {
    ids: FxHashMap<Box<str>, u32>,
    keys: Vec<Box<str>>,
    lists: Vec<List>,
    hits: Vec<Hit>,
}

impl Postings {
    /// The number of `key` in the table, adding it if new.
    pub(super) fn intern(&mut self, key: &str) -> u32 {
        if let Some(&id) = self.ids.get(key) {
            return id;
        }
        let id = u32::try_from(self.keys.len()).unwrap_or(u32::MAX);
        self.ids.insert(key.into(), id);
        self.keys.push(key.into());
        self.lists.push(List::default());
        id
    }

    /// Notes `key` at `position` of the current record's text, with `weight`.
    pub(super) fn text(&mut self, key: u32, weight: u8, position: u32) {
        // Pagefind sorts the common weight first, then by position.
        let group = match u16::from(weight) {
            DEFAULT_WEIGHT => 0,
            w => w,
        };
        self.hits.push(Hit {
            key,
            meta: 0,
            group,
            position,
        });
    }

    /// Notes `key` at `position` of meta field number `field` of the current record.
    pub(super) fn meta(&mut self, key: u32, field: u16, position: u32) {
        self.hits.push(Hit {
            key,
            meta: 1,
            group: field,
            position,
        });
    }

    /// Whether the current record has any word in its text.
    pub(super) fn has_text(&self) -> bool {
        self.hits.iter().any(|h| h.meta == 0)
    }

    /// Forgets the current record's words (a record without text is not indexed).
    pub(super) fn discard(&mut self) {
        self.hits.clear();
    }

    /// Files the current record's words under page number `page`.
    pub(super) fn end_page(&mut self, page: u32) {
        let mut hits = std::mem::take(&mut self.hits);
        hits.sort_unstable();
        let mut locs = Vec::new();
        let mut meta_locs = Vec::new();
        for group in hits.chunk_by(|a, b| a.key == b.key) {
            locs.clear();
            meta_locs.clear();
            encode_text(group.iter().filter(|h| h.meta == 0), &mut locs);
            encode_meta(group.iter().filter(|h| h.meta == 1), &mut meta_locs);
            let list = &mut self.lists[group[0].key as usize];
            push_page(list, page, &locs, &meta_locs);
        }
        hits.clear();
        self.hits = hits;
    }

    /// Every key in sorted order with its chunk weight, for splitting the index into chunks.
    pub(super) fn sorted(&self) -> Vec<(u32, u32)> {
        let mut order: Vec<u32> = (0..self.keys.len() as u32).collect();
        order.sort_unstable_by(|&a, &b| self.keys[a as usize].cmp(&self.keys[b as usize]));
        order
            .into_iter()
            .map(|id| (id, self.lists[id as usize].weight))
            .collect()
    }

    /// The word and the variant form (if any) of key `id`.
    pub(super) fn key(&self, id: u32) -> (&str, Option<&str>) {
        let key = &self.keys[id as usize];
        match key.split_once('\0') {
            Some((word, form)) => (word, Some(form)),
            None => (key, None),
        }
    }

    /// The postings of key `id` as stored, releasing them from the table.
    pub(super) fn take(&mut self, id: u32) -> Packed {
        let list = std::mem::take(&mut self.lists[id as usize]);
        Packed {
            pages: list.pages,
            bytes: list.bytes,
        }
    }

    /// The pages of key `id`, releasing its memory.
    #[cfg(test)]
    pub(super) fn take_pages(&mut self, id: u32) -> Vec<Page> {
        let list = std::mem::take(&mut self.lists[id as usize]);
        let mut pages = Vec::with_capacity(list.pages as usize);
        let mut bytes = list.bytes.as_slice();
        while !bytes.is_empty() {
            let mut page = Page {
                delta: read(&mut bytes) as u32,
                ..Page::default()
            };
            for _ in 0..read(&mut bytes) {
                page.locs.push(unzigzag(read(&mut bytes)));
            }
            for _ in 0..read(&mut bytes) {
                page.meta_locs.push(unzigzag(read(&mut bytes)));
            }
            pages.push(page);
        }
        pages
    }
}

/// A key's postings as stored, read straight into a chunk rather than through a list of
/// pages (millions of small lists at 10,000 articles).
#[derive(Default)]
pub(super) struct Packed {
    /// How many pages there are.
    pub pages: u32,
    /// Per page: page delta, location count and locations, meta location count and meta
    /// locations.
    bytes: Vec<u8>,
}

impl Packed {
    /// Reads the postings from the start.
    pub(super) fn cursor(&self) -> Cursor<'_> {
        Cursor(&self.bytes)
    }
}

/// Where reading a [`Packed`] is.
pub(super) struct Cursor<'a>(&'a [u8]);

impl Cursor<'_> {
    /// Whether every page has been read.
    pub(super) fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// The next page delta or count.
    pub(super) fn number(&mut self) -> u64 {
        read(&mut self.0)
    }

    /// The next location.
    pub(super) fn location(&mut self) -> i32 {
        unzigzag(read(&mut self.0))
    }
}

/// Positions of a key in text, sorted by weight group then position.
fn encode_text<'a>(hits: impl Iterator<Item = &'a Hit>, out: &mut Vec<i32>) {
    let mut weight = DEFAULT_WEIGHT;
    let mut last = 0;
    for h in hits {
        let w = match h.group {
            0 => DEFAULT_WEIGHT,
            w => w,
        };
        if w != weight {
            out.push(-i32::from(w) - 1);
            out.push(h.position as i32);
            weight = w;
        } else {
            out.push((h.position - last) as i32);
        }
        last = h.position;
    }
}

/// Meta positions of a key, sorted by field then position.
fn encode_meta<'a>(hits: impl Iterator<Item = &'a Hit>, out: &mut Vec<i32>) {
    let mut field = None;
    let mut last = 0;
    for h in hits {
        if field != Some(h.group) {
            out.push(-i32::from(h.group) - 1);
            field = Some(h.group);
            last = 0;
        }
        out.push((h.position - last) as i32);
        last = h.position;
    }
}

fn push_page(list: &mut List, page: u32, locs: &[i32], meta_locs: &[i32]) {
    // Grow by a quarter rather than double: the lists are most of the index's memory.
    let most = 15 + 5 * (locs.len() + meta_locs.len());
    if list.bytes.capacity() - list.bytes.len() < most {
        list.bytes.reserve_exact(most + list.bytes.len() / 4);
    }
    write(&mut list.bytes, u64::from(page - list.last_page));
    for part in [locs, meta_locs] {
        write(&mut list.bytes, part.len() as u64);
        for &v in part {
            write(&mut list.bytes, zigzag(v));
        }
    }
    list.last_page = page;
    list.pages += 1;
    list.weight += (locs.len() + meta_locs.len() + 1) as u32;
}

fn zigzag(v: i32) -> u64 {
    u64::from(((v << 1) ^ (v >> 31)) as u32)
}

fn unzigzag(v: u64) -> i32 {
    let v = v as u32;
    ((v >> 1) as i32) ^ -((v & 1) as i32)
}

/// Appends `v` as a LEB128 varint.
fn write(out: &mut Vec<u8>, mut v: u64) {
    while v >= 0x80 {
        out.push((v as u8) | 0x80);
        v >>= 7;
    }
    out.push(v as u8);
}

/// Reads a varint written by [`write`]; the bytes are our own, so a short read is 0.
fn read(bytes: &mut &[u8]) -> u64 {
    let mut v = 0u64;
    let mut shift = 0;
    while let Some((&b, rest)) = bytes.split_first() {
        *bytes = rest;
        v |= u64::from(b & 0x7f) << shift;
        if b < 0x80 {
            break;
        }
        shift += 7;
    }
    v
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn postings_keep_pages_positions_and_weights() {
        let mut p = Postings::default();
        let knee = p.intern("knee");
        let part = p.intern("knee-part");
        p.text(knee, 24, 3);
        p.text(knee, 24, 9);
        p.text(part, 12, 4);
        p.meta(knee, 2, 0);
        p.end_page(0);
        p.text(knee, 24, 300);
        p.end_page(7);
        let pages = p.take_pages(knee);
        assert_eq!(
            pages,
            [
                Page {
                    delta: 0,
                    locs: vec![-25, 3, 6],
                    meta_locs: vec![-3, 0],
                },
                Page {
                    delta: 7,
                    locs: vec![-25, 300],
                    meta_locs: vec![],
                },
            ]
        );
        assert_eq!(p.take_pages(part)[0].locs, [-13, 4]);
    }

    #[test]
    fn varints_and_zigzag_round_trip() {
        let mut buf = Vec::new();
        for v in [0i32, 1, -1, -25, 300, i32::MAX, i32::MIN] {
            write(&mut buf, zigzag(v));
        }
        let mut bytes = buf.as_slice();
        let back: Vec<i32> = (0..7).map(|_| unzigzag(read(&mut bytes))).collect();
        assert_eq!(back, [0, 1, -1, -25, 300, i32::MAX, i32::MIN]);
    }
}
