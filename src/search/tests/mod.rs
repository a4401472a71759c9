//! The index we write, read back as the browser reads it, and set against the index
//! Pagefind's own indexer writes for the same records.

mod read;

use super::writer::Writer;
use super::*;
use pagefind::api::PagefindIndex;
use pagefind::options::PagefindServiceConfig;
use std::collections::BTreeMap;

fn record(url: &str, lang: &str, content: &str) -> Record {
    Record {
        url: url.into(),
        title: content.into(),
        guide: String::new(),
        part: records::PART_PAGE,
        tags: Vec::new(),
        content: content.into(),
        lang: lang.into(),
    }
}

/// Records with what the splitter must get right: stems, compounds, diacritics, numbers, a
/// title and guide of their own, tags, a record with no words, two languages.
fn sample() -> Vec<Record> {
    let mut guide = record(
        "/articles/knee/",
        "en",
        "Knee-high socks help swelling. Stretching knees gently, twice daily; \
         see www.nhs.uk/conditions for COVID-19 advice. Ice: 10–15 minutes.",
    );
    guide.title = "Knee pain after running".into();
    guide.guide = "Knee pain after running".into();
    guide.part = records::PART_GUIDE;
    guide.tags = vec!["Knee".into(), "Sport injuries".into()];
    let mut precautions = record(
        "/articles/knee/precautions/",
        "en",
        "Precautions. Stop if the knee swells; a café-style rest won't help.",
    );
    precautions.title = guide.title.clone();
    precautions.guide = guide.guide.clone();
    precautions.part = "precautions";
    precautions.tags = vec!["Knee".into()];
    vec![
        guide,
        precautions,
        record("/faq/#empty", "en", "— … —"),
        record(
            "/about/",
            "en",
            "About the clinic: physiotherapists since 1998.",
        ),
        record(
            "/es/rodilla/",
            "es",
            "Ponga hielo en la rodilla. Evite correr después de la cirugía.",
        ),
    ]
}

/// The files Pagefind's own indexer writes for `records`, as the code before ours did.
fn pagefind_files(records: Vec<Record>) -> Vec<(String, Vec<u8>)> {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .build()
        .expect("runtime");
    let files = runtime.block_on(async move {
        let mut index = PagefindIndex::new(Some(PagefindServiceConfig::builder().build()))?;
        for r in records {
            let meta = BTreeMap::from([
                ("title".to_string(), r.title),
                ("guide".to_string(), r.guide),
                ("part".to_string(), r.part.to_string()),
            ]);
            let mut filters = BTreeMap::from([("part".to_string(), vec![r.part.to_string()])]);
            if !r.tags.is_empty() {
                filters.insert("tag".to_string(), r.tags);
            }
            index
                .add_custom_record(r.url, r.content, r.lang, Some(meta), Some(filters), None)
                .await?;
        }
        index.get_files().await
    });
    files
        .expect("pagefind")
        .into_iter()
        .map(|f| (format!("pagefind/{}", f.filename.display()), f.contents))
        .collect()
}

/// What the browser reads from our files is what it reads from Pagefind's: every word with
/// its pages, positions, weights and meta positions, every variant, filter and fragment.
#[test]
fn the_browser_reads_the_same_index_as_from_pagefind() {
    let ours = read::index(&index_records(sample()).expect("index"));
    let theirs = read::index(&pagefind_files(sample()));
    assert_eq!(ours.keys().collect::<Vec<_>>(), ["en", "es"]);
    assert_eq!(theirs.keys().collect::<Vec<_>>(), ["en", "es"]);
    assert!(
        theirs["en"].words.len() > 40,
        "{:?}",
        theirs["en"].words.keys()
    );
    for (lang, l) in &theirs {
        let o = &ours[lang];
        assert_eq!(o.words, l.words, "{lang} words");
        assert_eq!(o.filters, l.filters, "{lang} filters");
        assert_eq!(o.fragments, l.fragments, "{lang} fragments");
    }
    assert!(ours["en"].words.contains_key("cafe/café"), "variant kept");
    assert!(
        !ours["en"].fragments.contains_key("/faq/#empty"),
        "a record without words"
    );
}

/// A word is in the chunk whose range the browser picks for it, with its page and positions.
#[test]
fn each_word_is_in_the_chunk_its_range_names() {
    let mut files = Vec::new();
    let mut w = Writer::with_chunk(4);
    for r in sample() {
        w.add(r, &mut |p, b| files.push((p, b))).expect("add");
    }
    let n = w.finish(&mut |p, b| files.push((p, b))).expect("finish");
    assert_eq!(n, 4, "records with words");
    let index = read::index(&files);
    let en = &index["en"];
    assert!(en.chunks.len() > 3, "{:?}", en.chunks);
    for (i, (_, _, words)) in en.chunks.iter().enumerate() {
        for word in words {
            let picked = chunks_for(&en.chunks, word);
            assert!(
                picked.contains(&i),
                "{word} in chunk {i}, browser loads {picked:?}"
            );
        }
    }
    let hits = &en.words["swell"];
    let urls: Vec<&str> = hits.iter().map(|(u, _, _)| u.as_str()).collect();
    assert_eq!(urls, ["/articles/knee/", "/articles/knee/precautions/"]);
    // "Knee-high socks help swelling." : the fourth word, at full weight.
    assert_eq!(hits[0].1, [(24, 3)]);
    // "knee" in the title (field 2) and the guide (field 0) of the guide's record.
    let knee = &en.words["knee"][0];
    assert_eq!(knee.0, "/articles/knee/");
    assert_eq!(knee.2, [(0, 0), (2, 0)]);
    assert!(
        knee.1.contains(&(12, 0)),
        "a compound's part at half weight: {knee:?}"
    );
}

/// The chunks the browser loads for `term`: those whose range holds it, or failing that,
/// those whose range holds it when both are cut to the term's length.
fn chunks_for(chunks: &[(String, String, Vec<String>)], term: &str) -> Vec<usize> {
    let cut = |s: &str, n: usize| s.chars().take(n).collect::<String>();
    let strict: Vec<usize> = (0..chunks.len())
        .filter(|&i| term >= chunks[i].0.as_str() && term <= chunks[i].1.as_str())
        .collect();
    if !strict.is_empty() {
        return strict;
    }
    let n = term.chars().count();
    (0..chunks.len())
        .filter(|&i| {
            let (from, to) = (&chunks[i].0, &chunks[i].1);
            let f = n.min(from.chars().count());
            let t = n.min(to.chars().count());
            cut(term, f) >= cut(from, f) && cut(term, t) <= cut(to, t)
        })
        .collect()
}

/// Filters list the pages of each value; a page is found by its part and its tags.
#[test]
fn filters_list_the_pages_of_each_value() {
    let index = read::index(&index_records(sample()).expect("index"));
    let f = &index["en"].filters;
    assert_eq!(f["part"]["precautions"], ["/articles/knee/precautions/"]);
    assert_eq!(f["part"]["page"], ["/about/"]);
    assert_eq!(
        f["tag"]["Knee"],
        ["/articles/knee/", "/articles/knee/precautions/"]
    );
    assert_eq!(f["tag"]["Sport injuries"], ["/articles/knee/"]);
}

/// A bilingual site gets an index per language, so a Spanish page searches Spanish text
/// with a Spanish stemmer and an English one never lists Spanish results.
#[test]
fn records_in_two_languages_get_an_index_each() {
    let files = index_records(vec![
        record("/ice/", "en", "Ice the knee for ten minutes"),
        record("/heat/", "en", "Heat helps stiff muscles"),
        record("/es/hielo/", "es", "Ponga hielo en la rodilla"),
    ])
    .expect("index");
    let index = read::index(&files);
    assert_eq!(index.keys().collect::<Vec<_>>(), ["en", "es"]);
    assert_eq!(index["en"].fragments.len(), 2);
    assert_eq!(index["es"].fragments.len(), 1);
    assert!(index["es"].words.contains_key("rodill"), "Spanish stem");
    assert!(!index["en"].words.contains_key("rodill"));
    for lang in ["en", "es"] {
        assert!(files
            .iter()
            .any(|(p, _)| *p == format!("pagefind/wasm.{lang}.pagefind")));
    }
}
