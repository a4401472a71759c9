//! The word index split into chunks by word order, so a query downloads only the chunks
//! its words fall in; the metadata names each chunk by the shortest prefixes that tell it
//! from its neighbours.

use super::encode::{self, Gzip, Names};
use super::postings::{Packed, Postings};
use super::writer::Sink;
use super::DIR;

/// One word and its keys: the plain stem (if indexed) and its variant forms.
struct Word {
    word: String,
    plain: Option<u32>,
    variants: Vec<(String, u32)>,
    weight: u32,
}

/// Writes the chunks of `postings` (each about `size` locations) through `sink`, emptying
/// the postings as it goes. Returns per chunk its first word, last word and file name.
pub(super) fn write(
    postings: &mut Postings,
    size: u32,
    prefix: &str,
    names: &mut Names,
    gzip: &mut Gzip,
    sink: &mut Sink,
) -> Result<Vec<(String, String, String)>, String> {
    let mut out = Vec::new();
    let mut chunk: Vec<Word> = Vec::new();
    let mut weight = 0;
    for w in words(postings) {
        weight += w.weight;
        chunk.push(w);
        if weight >= size {
            out.push(write_chunk(postings, &chunk, prefix, names, gzip, sink)?);
            chunk.clear();
            weight = 0;
        }
    }
    if !chunk.is_empty() {
        out.push(write_chunk(postings, &chunk, prefix, names, gzip, sink)?);
    }
    trim(&mut out);
    Ok(out)
}

/// The words of `postings` in order, each with its variant keys.
fn words(postings: &Postings) -> Vec<Word> {
    let mut out: Vec<Word> = Vec::new();
    for (id, weight) in postings.sorted() {
        let (word, form) = postings.key(id);
        if out.last().is_none_or(|w| w.word != word) {
            out.push(Word {
                word: word.to_string(),
                plain: None,
                variants: Vec::new(),
                weight: 0,
            });
        }
        let Some(w) = out.last_mut() else { continue };
        w.weight += weight;
        match form {
            Some(f) => {
                w.weight += 1;
                w.variants.push((f.to_string(), id));
            }
            None => w.plain = Some(id),
        }
    }
    out
}

fn write_chunk(
    postings: &mut Postings,
    chunk: &[Word],
    prefix: &str,
    names: &mut Names,
    gzip: &mut Gzip,
    sink: &mut Sink,
) -> Result<(String, String, String), String> {
    let mut e = encode::cbor();
    let mut encode_all = || -> encode::Written {
        e.array(1)?.array(chunk.len() as u64)?;
        for w in chunk {
            let pages = w.plain.map(|id| postings.take(id)).unwrap_or_default();
            let variants: Vec<(&str, Packed)> = w
                .variants
                .iter()
                .map(|(form, id)| (form.as_str(), postings.take(*id)))
                .collect();
            encode::word(&mut e, &w.word, &pages, &variants)?;
        }
        Ok(())
    };
    encode_all().map_err(|e| e.to_string())?;
    let bytes = e.into_writer();
    let name = names.name(prefix, &bytes, 7);
    sink(format!("{DIR}/index/{name}.pf_index"), gzip.fast(&bytes));
    let first = chunk.first().map(|w| w.word.clone()).unwrap_or_default();
    let last = chunk.last().map(|w| w.word.clone()).unwrap_or_default();
    Ok((first, last, name))
}

/// Shortens each boundary between chunks to the prefixes that still tell the two apart
/// (`apple` | `apricot` becomes `app` | `apr`), as the browser expects of chunk ranges.
fn trim(chunks: &mut [(String, String, String)]) {
    for i in 1..chunks.len() {
        let (before, after) = chunks.split_at_mut(i);
        let (a, b) = (&mut before[i - 1], &mut after[0]);
        let common =
            a.1.chars()
                .zip(b.0.chars())
                .take_while(|(x, y)| x == y)
                .count();
        let to: String = a.1.chars().take(common + 1).collect();
        let from: String = b.0.chars().take(common + 1).collect();
        // A shorter end must not sort before the chunk's start.
        if to >= a.0 {
            a.1 = to;
        }
        b.0 = from;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn chunk(from: &str, to: &str) -> (String, String, String) {
        (from.into(), to.into(), String::new())
    }

    #[test]
    fn boundaries_are_trimmed_to_distinguishing_prefixes() {
        let mut c = vec![
            chunk("apple", "apple"),
            chunk("apricot", "banana"),
            chunk("peach", "peach"),
        ];
        trim(&mut c);
        let ranges: Vec<(&str, &str)> =
            c.iter().map(|(f, t, _)| (f.as_str(), t.as_str())).collect();
        assert_eq!(ranges, [("apple", "apple"), ("apr", "b"), ("p", "peach")]);
    }
}
