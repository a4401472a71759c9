//! Reading the XML a build writes (Atom feed, sitemap) through a small element tree built on
//! quick-xml, which also proves the file is well-formed.

/// An XML element, parsed into a small tree so tests can read feeds and sitemaps.
#[derive(Debug, Default, Clone)]
pub(crate) struct XmlElem {
    /// Qualified name as written (`feed`, `link`).
    pub(crate) name: String,
    /// Attributes, unescaped.
    pub(crate) attrs: Vec<(String, String)>,
    /// Child elements in order.
    pub(crate) children: Vec<XmlElem>,
    /// Text directly inside, unescaped.
    pub(crate) text: String,
}

impl XmlElem {
    /// The value of an attribute.
    pub(crate) fn attr(&self, key: &str) -> Option<&str> {
        self.attrs
            .iter()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v.as_str())
    }

    /// The child elements called `name`.
    pub(crate) fn all<'a>(&'a self, name: &'a str) -> impl Iterator<Item = &'a XmlElem> + 'a {
        self.children.iter().filter(move |c| c.name == name)
    }

    /// The first child element called `name`.
    pub(crate) fn first<'a>(&'a self, name: &'a str) -> Option<&'a XmlElem> {
        self.all(name).next()
    }
}

/// Parses well-formed XML into its root element; panics (showing the text) if it is not
/// well-formed.
#[track_caller]
pub(crate) fn parse_xml(xml: &str) -> XmlElem {
    use quick_xml::events::Event;
    fn elem(e: &quick_xml::events::BytesStart<'_>, xml: &str) -> XmlElem {
        let attrs = e
            .attributes()
            .map(|a| {
                let a = a.unwrap_or_else(|err| panic!("bad XML attribute: {err}\n{xml}"));
                let key = a.key.as_ref().to_string();
                let value = a
                    .normalized_value(quick_xml::XmlVersion::Implicit1_0)
                    .unwrap_or_else(|err| panic!("bad XML attribute value: {err}\n{xml}"))
                    .into_owned();
                (key, value)
            })
            .collect();
        XmlElem {
            name: e.name().as_ref().to_string(),
            attrs,
            ..Default::default()
        }
    }
    let mut reader = quick_xml::Reader::from_str(xml);
    let mut stack: Vec<XmlElem> = Vec::new();
    let mut root: Option<XmlElem> = None;
    loop {
        let ev = reader
            .read_event()
            .unwrap_or_else(|e| panic!("not well-formed XML: {e}\n{xml}"));
        match ev {
            Event::Start(e) => stack.push(elem(&e, xml)),
            Event::Empty(e) => {
                let el = elem(&e, xml);
                match stack.last_mut() {
                    Some(parent) => parent.children.push(el),
                    None => root = Some(el),
                }
            }
            Event::End(_) => {
                let el = stack.pop().expect("end without start");
                match stack.last_mut() {
                    Some(parent) => parent.children.push(el),
                    None => root = Some(el),
                }
            }
            Event::Text(t) => {
                if let Some(top) = stack.last_mut() {
                    top.text.push_str(&t.xml10_content());
                }
            }
            Event::CData(t) => {
                if let Some(top) = stack.last_mut() {
                    top.text.push_str(&t);
                }
            }
            Event::GeneralRef(r) => {
                let ch = match r.resolve_char_ref() {
                    Ok(Some(c)) => c.to_string(),
                    _ => match r.xml10_content().as_ref() {
                        "amp" => "&".into(),
                        "lt" => "<".into(),
                        "gt" => ">".into(),
                        "quot" => "\"".into(),
                        "apos" => "'".into(),
                        other => panic!("undefined XML entity &{other};\n{xml}"),
                    },
                };
                if let Some(top) = stack.last_mut() {
                    top.text.push_str(&ch);
                }
            }
            Event::Eof => break,
            _ => {}
        }
    }
    assert!(stack.is_empty(), "unclosed XML elements\n{xml}");
    root.unwrap_or_else(|| panic!("no XML root element\n{xml}"))
}

/// The `<loc>` URLs of a sitemap.
#[track_caller]
pub(crate) fn sitemap_locs(xml: &str) -> Vec<String> {
    let root = parse_xml(xml);
    assert_eq!(root.name, "urlset", "sitemap root\n{xml}");
    root.all("url")
        .map(|u| {
            u.first("loc")
                .expect("<url> without <loc>")
                .text
                .trim()
                .to_string()
        })
        .collect()
}

/// An Atom feed, as the titles and links of its entries.
#[derive(Debug, Default)]
pub(crate) struct Feed {
    /// The feed's own `<title>`.
    pub(crate) title: String,
    /// (title, link href) of each entry.
    pub(crate) entries: Vec<(String, String)>,
}

/// Parses an Atom feed; panics if it is not well-formed XML with a `<feed>` root in the Atom
/// namespace, or an entry lacks a title, link, id or updated date.
#[track_caller]
pub(crate) fn parse_atom(xml: &str) -> Feed {
    let root = parse_xml(xml);
    assert_eq!(root.name, "feed", "feed root\n{xml}");
    assert_eq!(
        root.attr("xmlns"),
        Some("http://www.w3.org/2005/Atom"),
        "feed namespace\n{xml}"
    );
    let rfc3339 =
        regex::Regex::new(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$")
            .expect("regex");
    let check_updated = |el: &XmlElem| {
        let updated = el.first("updated").map(|u| u.text.trim()).unwrap_or("");
        assert!(
            rfc3339.is_match(updated),
            "<updated>{updated}</updated> is not an RFC 3339 date\n{xml}"
        );
    };
    for required in ["title", "id", "updated"] {
        assert!(
            root.first(required).is_some(),
            "feed lacks <{required}>\n{xml}"
        );
    }
    check_updated(&root);
    let entries = root
        .all("entry")
        .map(|e| {
            for required in ["title", "id", "updated"] {
                assert!(
                    e.first(required).is_some(),
                    "entry lacks <{required}>\n{xml}"
                );
            }
            check_updated(e);
            let link = e
                .all("link")
                .find(|l| l.attr("rel").unwrap_or("alternate") == "alternate")
                .and_then(|l| l.attr("href"))
                .expect("entry without a link")
                .to_string();
            (
                e.first("title").map(|t| t.text.clone()).unwrap_or_default(),
                link,
            )
        })
        .collect();
    Feed {
        title: root
            .first("title")
            .map(|t| t.text.clone())
            .unwrap_or_default(),
        entries,
    }
}
