//! The bytes of Pagefind's index files: CBOR arrays for the metadata, word chunks and filters
//! (the layout Pagefind's WebAssembly decodes), gzip behind the `pagefind_dcd` signature, and
//! short content-derived file names.

use super::postings::Page;
use flate2::write::GzEncoder;
use flate2::Compression;
use minicbor::Encoder;
use sha2::{Digest, Sha256};
use std::collections::HashSet;
use std::convert::Infallible;
use std::io::Write;

/// CBOR into a byte vector, which cannot fail to grow.
pub(super) type Cbor = Encoder<Vec<u8>>;
/// The result of a CBOR write.
pub(super) type Written = Result<(), minicbor::encode::Error<Infallible>>;

/// A new CBOR buffer.
pub(super) fn cbor() -> Cbor {
    Encoder::new(Vec::new())
}

/// One word of a chunk: its pages, then its variant forms and their pages.
pub(super) fn word(
    e: &mut Cbor,
    word: &str,
    pages: &[Page],
    variants: &[(&str, Vec<Page>)],
) -> Written {
    e.array(3)?.str(word)?;
    pages_of(e, pages)?;
    e.array(variants.len() as u64)?;
    for (form, pages) in variants {
        e.array(2)?.str(form)?;
        pages_of(e, pages)?;
    }
    Ok(())
}

fn pages_of(e: &mut Cbor, pages: &[Page]) -> Written {
    e.array(pages.len() as u64)?;
    for p in pages {
        e.array(3)?.u32(p.delta)?;
        for locs in [&p.locs, &p.meta_locs] {
            e.array(locs.len() as u64)?;
            for &l in locs {
                e.i32(l)?;
            }
        }
    }
    Ok(())
}

/// A filter file: the filter's name and, per value in order, the pages that have it.
pub(super) fn filter<'a>(
    name: &str,
    values: impl ExactSizeIterator<Item = (&'a String, &'a Vec<u32>)>,
) -> Result<Vec<u8>, minicbor::encode::Error<Infallible>> {
    let mut e = cbor();
    e.array(2)?.str(name)?.array(values.len() as u64)?;
    for (value, pages) in values {
        e.array(2)?.str(value)?.array(pages.len() as u64)?;
        for &p in pages {
            e.u32(p)?;
        }
    }
    Ok(e.into_writer())
}

/// What the metadata file lists.
pub(super) struct Meta<'a> {
    pub version: &'a str,
    /// Per page: file name and word count.
    pub pages: &'a [(String, u32)],
    /// Per chunk: first word, last word, file name.
    pub chunks: &'a [(String, String, String)],
    /// Per filter: name, file name.
    pub filters: &'a [(String, String)],
    pub meta_fields: &'a [&'a str],
}

/// The metadata file every query downloads first.
pub(super) fn meta(m: &Meta) -> Result<Vec<u8>, minicbor::encode::Error<Infallible>> {
    let mut e = cbor();
    e.array(6)?.str(m.version)?;
    e.array(m.pages.len() as u64)?;
    for (hash, words) in m.pages {
        // The third field names a group of fragments; ours are one file each.
        e.array(3)?.str(hash)?.u32(*words)?.str("")?;
    }
    e.array(m.chunks.len() as u64)?;
    for (from, to, hash) in m.chunks {
        e.array(3)?.str(from)?.str(to)?.str(hash)?;
    }
    e.array(m.filters.len() as u64)?;
    for (name, hash) in m.filters {
        e.array(2)?.str(name)?.str(hash)?;
    }
    // No sort orders.
    e.array(0)?;
    e.array(m.meta_fields.len() as u64)?;
    for f in m.meta_fields {
        e.str(f)?;
    }
    Ok(e.into_writer())
}

/// `bytes` as Pagefind's browser side reads a compressed file: gzip of the signature and
/// the bytes. A fast level: these files are small and a build writes thousands.
pub(super) fn gzip(bytes: &[u8]) -> Vec<u8> {
    let mut gz = GzEncoder::new(
        Vec::with_capacity(bytes.len() / 3 + 32),
        Compression::fast(),
    );
    // Writing to a vector cannot fail.
    let _ = gz.write_all(b"pagefind_dcd");
    let _ = gz.write_all(bytes);
    gz.finish().unwrap_or_default()
}

/// Gives files short names from their content, unique within one index.
#[derive(Default)]
pub(super) struct Names {
    taken: HashSet<String>,
}

/// Characters of a name: lowercase, so names differ on case-insensitive disks too.
const ALPHABET: &[u8; 32] = b"0123456789abcdefghijklmnopqrstuv";

impl Names {
    /// A name for `bytes` of `len` characters (more if that is taken), after `prefix`.
    pub(super) fn name(&mut self, prefix: &str, bytes: &[u8], len: usize) -> String {
        let digest = Sha256::digest(bytes);
        // Five bits a character; 51 characters exhaust the digest.
        let chars: String = (0..51)
            .map(|i| {
                let bit = i * 5;
                let word = u16::from(digest[bit / 8]) << 8
                    | u16::from(digest.get(bit / 8 + 1).copied().unwrap_or(0));
                ALPHABET[usize::from((word >> (11 - bit % 8)) & 31)] as char
            })
            .collect();
        for n in len..=chars.len() {
            let name = format!("{prefix}{}", &chars[..n]);
            if self.taken.insert(name.clone()) {
                return name;
            }
        }
        // The same bytes twice (two identical records): the same file serves both.
        format!("{prefix}{chars}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Read;

    #[test]
    fn gzip_carries_the_signature() {
        let mut text = String::new();
        flate2::read::GzDecoder::new(&gzip(b"{}")[..])
            .read_to_string(&mut text)
            .expect("gzip");
        assert_eq!(text, "pagefind_dcd{}");
    }

    #[test]
    fn names_are_short_and_unique() {
        let mut names = Names::default();
        let a = names.name("", b"one", 6);
        assert_eq!(a.len(), 6);
        assert!(a.bytes().all(|b| ALPHABET.contains(&b)));
        let b = names.name("", b"one", 6);
        assert_eq!(
            b.len(),
            7,
            "a second file with the same bytes gets a longer name"
        );
        assert_eq!(names.name("en_", b"two", 7).len(), 10);
    }
}
