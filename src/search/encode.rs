//! The bytes of Pagefind's index files: CBOR arrays for the metadata, word chunks and filters
//! (the layout Pagefind's WebAssembly decodes), gzip behind the `pagefind_dcd` signature, and
//! short content-derived file names.

use super::postings::Packed;
use flate2::{Compress, Compression, Crc, FlushCompress, Status};
use minicbor::Encoder;
use sha2::{Digest, Sha256};
use std::collections::HashSet;
use std::convert::Infallible;

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
    pages: &Packed,
    variants: &[(&str, Packed)],
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

fn pages_of(e: &mut Cbor, pages: &Packed) -> Written {
    e.array(u64::from(pages.pages))?;
    let mut c = pages.cursor();
    while !c.is_empty() {
        // The delta, then the locations and the meta locations, each after its count.
        e.array(3)?
            .u32(u32::try_from(c.number()).unwrap_or(u32::MAX))?;
        for _ in 0..2 {
            let n = c.number();
            e.array(n)?;
            for _ in 0..n {
                e.i32(c.location())?;
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
    /// Per page: name, word count and the name of its fragment group file.
    pub pages: &'a [(String, u32, &'a str)],
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
    for (name, words, group) in m.pages {
        e.array(3)?.str(name)?.u32(*words)?.str(group)?;
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

/// Compresses files as Pagefind's browser side reads them: gzip of the `pagefind_dcd`
/// signature and the bytes. It keeps one compressor per level and resets it between files:
/// setting one up costs about as much as compressing a small file, and a build writes
/// thousands.
pub(super) struct Gzip {
    fast: Compress,
    small: Compress,
}

impl Default for Gzip {
    fn default() -> Gzip {
        Gzip {
            fast: Compress::new(Compression::fast(), false),
            small: Compress::new(Compression::default(), false),
        }
    }
}

impl Gzip {
    /// `bytes` at a fast level, for fragments and word chunks: a result or a query word
    /// downloads one of them, and there are thousands to write.
    pub(super) fn fast(&mut self, bytes: &[u8]) -> Vec<u8> {
        gzip_with(&mut self.fast, bytes)
    }

    /// `bytes` at the default level, for the metadata and filter files: a query downloads
    /// them whole, and there are only a few per language.
    pub(super) fn small(&mut self, bytes: &[u8]) -> Vec<u8> {
        gzip_with(&mut self.small, bytes)
    }
}

/// The gzip header without a name or time, then the deflated signature and bytes, then
/// their CRC-32 and length.
fn gzip_with(c: &mut Compress, bytes: &[u8]) -> Vec<u8> {
    const HEADER: [u8; 10] = [0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 0xff];
    const SIGNATURE: &[u8] = b"pagefind_dcd";
    c.reset();
    let mut out = Vec::with_capacity(bytes.len() / 3 + 64);
    out.extend_from_slice(&HEADER);
    deflate(c, SIGNATURE, FlushCompress::None, &mut out);
    deflate(c, bytes, FlushCompress::Finish, &mut out);
    let mut crc = Crc::new();
    crc.update(SIGNATURE);
    crc.update(bytes);
    out.extend_from_slice(&crc.sum().to_le_bytes());
    out.extend_from_slice(&crc.amount().to_le_bytes());
    out
}

/// Feeds all of `input` to `c`, appending what comes out to `out`; with `Finish`, until the
/// stream ends.
fn deflate(c: &mut Compress, mut input: &[u8], flush: FlushCompress, out: &mut Vec<u8>) {
    loop {
        if out.capacity() - out.len() < 64 {
            out.reserve(out.len() / 2 + 64);
        }
        let before = c.total_in();
        let status = c.compress_vec(input, out, flush);
        let used = usize::try_from(c.total_in() - before).unwrap_or(input.len());
        input = input.get(used..).unwrap_or_default();
        match status {
            // Writing to memory cannot fail; a stream error would be ours, and ends the file.
            Ok(Status::StreamEnd) | Err(_) => return,
            Ok(_) if input.is_empty() && !matches!(flush, FlushCompress::Finish) => return,
            Ok(_) => {}
        }
    }
}

/// `n` written in the name alphabet: a short name for the `n`th page of an index.
pub(super) fn short(mut n: u32) -> String {
    let mut out = Vec::new();
    loop {
        out.push(ALPHABET[(n % 32) as usize]);
        n /= 32;
        if n == 0 {
            break;
        }
    }
    out.reverse();
    String::from_utf8(out).unwrap_or_default()
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
        let mut gz = Gzip::default();
        let long = "knee ".repeat(20_000);
        // The compressor is reused: each file must come out whole and on its own.
        for _ in 0..2 {
            for (bytes, level) in [("{}", 0), (long.as_str(), 0), ("[]", 1)] {
                let file = match level {
                    0 => gz.fast(bytes.as_bytes()),
                    _ => gz.small(bytes.as_bytes()),
                };
                let mut text = String::new();
                flate2::read::GzDecoder::new(&file[..])
                    .read_to_string(&mut text)
                    .expect("gzip");
                assert_eq!(text, format!("pagefind_dcd{bytes}"));
            }
        }
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
