//! JSON-LD structured data: `MedicalWebPage` on article and topic pages, `FAQPage` wherever
//! questions are shown, and `BreadcrumbList` on every page but the home page.
//!
//! Built with serde_json so it is always valid JSON, then escaped for the inside of a
//! `<script>` element (see [`embed`]).

use super::views::LinkView;
use crate::site::{Article, Site};
use serde_json::{json, Map, Value};

/// Serialises a JSON-LD value for embedding in HTML.
///
/// Inside `<script>` the HTML parser looks for `</script` and also for `<!--`, after which a
/// `<script` makes it swallow the rest of the page; a title or clinic name holding either would
/// blank the page. `<`, `>` and `&` only occur inside JSON strings, where `\u003c`, `\u003e` and
/// `\u0026` mean the same characters, so escaping all three leaves the data unchanged for every
/// JSON reader and gives the HTML parser nothing to act on. U+2028 and U+2029 are escaped for
/// old JavaScript parsers that treat them as line ends.
pub(crate) fn embed(v: &Value) -> String {
    let json = serde_json::to_string(v).unwrap_or_default();
    let mut out = String::with_capacity(json.len() + 16);
    for c in json.chars() {
        match c {
            '<' => out.push_str("\\u003c"),
            '>' => out.push_str("\\u003e"),
            '&' => out.push_str("\\u0026"),
            '\u{2028}' => out.push_str("\\u2028"),
            '\u{2029}' => out.push_str("\\u2029"),
            c => out.push(c),
        }
    }
    out
}

/// `MedicalWebPage` for an article, or one of its topic pages (`url` and `name` differ).
pub(crate) fn medical_web_page(
    site: &Site,
    a: &Article,
    url: &str,
    name: &str,
    aspect: Option<&str>,
) -> Value {
    let f = &a.doc.front;
    let c = &site.config;
    let mut page = Map::new();
    page.insert("@context".into(), json!("https://schema.org"));
    page.insert("@type".into(), json!("MedicalWebPage"));
    page.insert("name".into(), json!(name));
    page.insert("url".into(), json!(url));
    page.insert("inLanguage".into(), json!(c.language));
    if let Some(d) = &f.description {
        page.insert("description".into(), json!(d));
    }
    if let Some(r) = f.reviewed {
        page.insert(
            "lastReviewed".into(),
            json!(r.format("%Y-%m-%d").to_string()),
        );
    }
    if let Some(r) = &f.reviewer {
        page.insert("reviewedBy".into(), json!({"@type": "Person", "name": r}));
    }
    if let Some(d) = a.modified() {
        page.insert(
            "dateModified".into(),
            json!(d.format("%Y-%m-%d").to_string()),
        );
    }
    if let Some(d) = f.date {
        page.insert(
            "datePublished".into(),
            json!(d.format("%Y-%m-%d").to_string()),
        );
    }
    page.insert(
        "audience".into(),
        json!({"@type": "MedicalAudience", "audienceType": "Patient"}),
    );
    page.insert(
        "medicalAudience".into(),
        json!({"@type": "MedicalAudience", "audienceType": "Patient"}),
    );
    let mut about = Vec::new();
    if let Some(t) = &f.treatment {
        about.push(json!({"@type": "MedicalTherapy", "name": t}));
    }
    if let Some(cnd) = &f.condition {
        about.push(json!({"@type": "MedicalCondition", "name": cnd}));
    }
    if about.is_empty() {
        about.push(json!({"@type": "Thing", "name": f.title}));
    }
    page.insert("about".into(), Value::Array(about));
    if let Some(aspect) = aspect {
        page.insert("aspect".into(), json!(aspect));
    }
    if !f.authors.is_empty() {
        let authors: Vec<Value> = f
            .authors
            .iter()
            .map(|n| json!({"@type": "Person", "name": n}))
            .collect();
        page.insert("author".into(), Value::Array(authors));
    }
    let citations: Vec<Value> = f.references.iter().map(citation).collect();
    if !citations.is_empty() {
        page.insert("citation".into(), Value::Array(citations));
    }
    if let Some(org) = publisher(&c.clinic) {
        page.insert("publisher".into(), org);
    }
    Value::Object(page)
}

/// A cited source as a `CreativeWork`.
fn citation(r: &crate::content::Reference) -> Value {
    let mut m = Map::new();
    m.insert("@type".into(), json!("CreativeWork"));
    m.insert("name".into(), json!(r.title));
    if let Some(u) = &r.url {
        m.insert("url".into(), json!(u));
    }
    if let Some(p) = &r.publisher {
        m.insert(
            "publisher".into(),
            json!({"@type": "Organization", "name": p}),
        );
    }
    if let Some(y) = r.year {
        m.insert("datePublished".into(), json!(y.to_string()));
    }
    Value::Object(m)
}

/// The clinic as the page's `MedicalOrganization` publisher, if it has a name.
fn publisher(clinic: &crate::config::Clinic) -> Option<Value> {
    let name = clinic.name.as_ref()?;
    let mut org = Map::new();
    org.insert("@type".into(), json!("MedicalOrganization"));
    org.insert("name".into(), json!(name));
    if let Some(u) = &clinic.url {
        org.insert("url".into(), json!(u));
    }
    if let Some(p) = &clinic.phone {
        org.insert("telephone".into(), json!(p));
    }
    Some(Value::Object(org))
}

/// `FAQPage` with one `Question` per item, each with exactly one accepted answer.
pub(crate) fn faq_page<'a>(
    url: &str,
    items: impl Iterator<Item = (&'a str, &'a str)>,
) -> Option<Value> {
    let questions: Vec<Value> = items
        .map(|(q, answer_text)| {
            json!({
                "@type": "Question",
                "name": q,
                "acceptedAnswer": {"@type": "Answer", "text": answer_text}
            })
        })
        .collect();
    (!questions.is_empty()).then(|| {
        json!({
            "@context": "https://schema.org",
            "@type": "FAQPage",
            "url": url,
            "mainEntity": questions
        })
    })
}

/// `BreadcrumbList` from a trail of root-relative links.
pub(crate) fn breadcrumbs(site: &Site, trail: &[LinkView]) -> Option<Value> {
    if trail.len() < 2 {
        return None;
    }
    let items: Vec<Value> = trail
        .iter()
        .enumerate()
        .map(|(i, l)| {
            let path = l.url.strip_prefix(&site.config.base_path).unwrap_or(&l.url);
            json!({
                "@type": "ListItem",
                "position": i + 1,
                "name": l.title,
                "item": site.config.permalink(path)
            })
        })
        .collect();
    Some(json!({
        "@context": "https://schema.org",
        "@type": "BreadcrumbList",
        "itemListElement": items
    }))
}
