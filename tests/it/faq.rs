//! The FAQ: `/faq/` gathers the groups of `content/faq.md` and every article's FAQ section;
//! each question has an anchor id that stays the same from build to build.
//!
//! Fixture `faq/groups`: faq.md with groups "Appointments" (2 questions) and "Costs" (1);
//! articles massage (2 questions, one worded like a faq.md question), stretching (1) and
//! posture (none). `faq/extra-article` adds an article whose title sorts first.

use crate::harness::{selector, text_of, Page, SiteTest};
use std::collections::{BTreeMap, BTreeSet};

/// (group heading, question, anchor id) for every question of the fixture, in page order.
const QUESTIONS: &[(&str, &str, &str)] = &[
    (
        "Appointments",
        "How do I book a visit?",
        "how-do-i-book-a-visit",
    ),
    (
        "Appointments",
        "Do I need a referral?",
        "do-i-need-a-referral",
    ),
    ("Costs", "Do you take insurance?", "do-you-take-insurance"),
    (
        "Massage for back pain",
        "Does massage hurt?",
        "massage-does-massage-hurt",
    ),
    (
        "Massage for back pain",
        "How do I book a visit?",
        "massage-how-do-i-book-a-visit",
    ),
    (
        "Stretching for back pain",
        "Can I stretch every day?",
        "stretching-can-i-stretch-every-day",
    ),
];

/// For each id on the page under `<main>`, the text of the last `h2` before it.
fn group_of_each_id(page: &Page) -> BTreeMap<String, String> {
    let mut current = String::new();
    let mut out = BTreeMap::new();
    for e in page.doc.select(&selector("main h2, main [id]")) {
        if e.value().name() == "h2" {
            current = text_of(e);
        }
        if let Some(id) = e.value().attr("id") {
            out.insert(id.to_string(), current.clone());
        }
    }
    out
}

/// The question id -> question text pairs on a page: every element whose id is one of the
/// fixture's question ids, with its text.
fn question_ids(page: &Page) -> BTreeMap<String, String> {
    page.doc
        .select(&selector("main [id]"))
        .filter_map(|e| {
            let id = e.value().attr("id")?;
            QUESTIONS
                .iter()
                .any(|(_, _, qid)| *qid == id)
                .then(|| (id.to_string(), text_of(e)))
        })
        .collect()
}

#[test]
fn the_faq_page_gathers_site_and_article_questions_by_group() {
    let site = SiteTest::fixture("faq/groups");
    site.build_ok();
    let page = site.page("faq/index.html");
    let groups = group_of_each_id(&page);
    for (group, question, id) in QUESTIONS {
        let el = page
            .by_id(id)
            .unwrap_or_else(|| panic!("no #{id} on /faq/; ids: {:?}", page.ids()));
        assert!(
            text_of(el).contains(question),
            "#{id} should hold {question:?}, holds {:?}",
            text_of(el)
        );
        assert_eq!(groups.get(*id).map(String::as_str), Some(*group), "#{id}");
    }
    // Groups in order: faq.md's, then one per article with questions; none for posture.
    let mut order: Vec<&str> = Vec::new();
    for e in page.doc.select(&selector("main [id]")) {
        let id = e.value().attr("id").unwrap_or("");
        if let Some(group) = groups
            .get(id)
            .filter(|_| QUESTIONS.iter().any(|q| q.2 == id))
        {
            if order.last() != Some(&group.as_str()) {
                order.push(group);
            }
        }
    }
    let expected = [
        "Appointments",
        "Costs",
        "Massage for back pain",
        "Stretching for back pain",
    ];
    assert_eq!(order, expected);
    page.assert_main_has(&["Call the front desk on a weekday morning"])
        .assert_main_lacks(&["Posture at your desk"]);
}

#[test]
fn every_id_on_faq_and_article_pages_is_unique() {
    let site = SiteTest::fixture("faq/groups");
    site.build_ok();
    for rel in [
        "faq/index.html",
        "articles/massage/index.html",
        "articles/stretching/index.html",
    ] {
        let ids = site.page(rel).ids();
        let mut seen = BTreeSet::new();
        let dups: Vec<&String> = ids.iter().filter(|i| !seen.insert(*i)).collect();
        assert!(dups.is_empty(), "{rel}: duplicate ids {dups:?}");
    }
}

#[test]
fn group_anchors_never_take_a_question_id_or_each_others() {
    // faq.md gains a group "Massage" (the article massage also has a group) and a question
    // "Group appointments" (worded like the id of the group "Appointments").
    let site = SiteTest::fixture("faq/groups");
    site.overlay("faq/clashing-ids");
    site.build_ok();
    let page = site.page("faq/index.html");
    let ids = page.ids();
    let mut seen = BTreeSet::new();
    let dups: Vec<&String> = ids.iter().filter(|i| !seen.insert(*i)).collect();
    assert!(dups.is_empty(), "duplicate ids on /faq/: {dups:?}");
    // The question keeps its natural id; the groups make way.
    let q = page.by_id("group-appointments").expect("question id");
    assert!(text_of(q).contains("Group appointments"), "{}", text_of(q));
    assert!(page.by_id("massage-does-massage-hurt").is_some());
    crate::harness::assert_internal_links_resolve(&site.public(), "https://faq.example/");
}

#[test]
fn question_ids_are_the_same_in_every_build() {
    let site = SiteTest::fixture("faq/groups");
    site.build_ok();
    let first = question_ids(&site.page("faq/index.html"));
    assert_eq!(first.len(), QUESTIONS.len(), "{first:?}");
    site.build_ok();
    assert_eq!(question_ids(&site.page("faq/index.html")), first);
}

#[test]
fn adding_an_article_leaves_existing_question_ids_alone() {
    let site = SiteTest::fixture("faq/groups");
    site.build_ok();
    let before = question_ids(&site.page("faq/index.html"));
    let article_before = site.page("articles/massage/index.html").ids();
    site.overlay("faq/extra-article");
    site.build_ok();
    let page = site.page("faq/index.html");
    assert_eq!(question_ids(&page), before);
    assert_eq!(
        site.page("articles/massage/index.html").ids(),
        article_before
    );
    // The new article's questions get ids of their own, even one worded like massage's.
    let new = page
        .by_id("acupuncture-does-massage-hurt")
        .expect("the new article's question");
    assert!(text_of(new).contains("Does massage hurt?"));
    assert!(page.by_id("acupuncture-do-the-needles-hurt").is_some());
}

#[test]
fn article_pages_show_their_own_questions_only() {
    let site = SiteTest::fixture("faq/groups");
    site.build_ok();
    let page = site.page("articles/massage/index.html");
    for id in ["massage-does-massage-hurt", "massage-how-do-i-book-a-visit"] {
        assert!(page.by_id(id).is_some(), "no #{id}; ids: {:?}", page.ids());
    }
    page.assert_main_has(&[
        "It can feel firm, but it should never be painful",
        "Ask for a massage slot",
    ])
    .assert_main_lacks(&["Can I stretch every day?", "Do you take insurance?"]);
}

#[test]
fn faq_page_json_ld_lists_every_question_with_one_answer() {
    let site = SiteTest::fixture("faq/groups");
    site.build_ok();
    let ld = site.page("faq/index.html").one_json_ld("FAQPage");
    let questions = ld["mainEntity"].as_array().expect("mainEntity list");
    let names: Vec<&str> = questions
        .iter()
        .map(|q| q["name"].as_str().unwrap_or(""))
        .collect();
    let expected: Vec<&str> = QUESTIONS.iter().map(|(_, q, _)| *q).collect();
    assert_eq!(names, expected);
    for q in questions {
        assert_eq!(q["@type"], "Question");
        assert_eq!(q["acceptedAnswer"]["@type"], "Answer", "{q}");
        assert!(
            !q["acceptedAnswer"]["text"]
                .as_str()
                .unwrap_or("")
                .trim()
                .is_empty(),
            "empty answer: {q}"
        );
    }
    assert!(questions[0]["acceptedAnswer"]["text"]
        .as_str()
        .unwrap_or("")
        .contains("Call the front desk"));
}

#[test]
fn article_json_ld_has_faq_page_only_where_questions_are_shown() {
    let site = SiteTest::fixture("faq/groups");
    site.build_ok();
    let ld = site
        .page("articles/massage/index.html")
        .one_json_ld("FAQPage");
    let names: Vec<&str> = ld["mainEntity"]
        .as_array()
        .expect("mainEntity")
        .iter()
        .map(|q| q["name"].as_str().unwrap_or(""))
        .collect();
    assert_eq!(names, ["Does massage hurt?", "How do I book a visit?"]);
    let posture = site.page("articles/posture/index.html");
    assert!(posture.json_ld_of("FAQPage").is_empty());
}
