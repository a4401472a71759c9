//! A small XML element tree over quick-xml, for WordPress exports and Word documents: both
//! are read whole, in document order, and neither is large enough for streaming to matter.

use quick_xml::events::{BytesStart, Event};

/// An element with its attributes and its children in order.
#[derive(Debug, Default, Clone)]
pub struct XmlNode {
    /// The qualified name as written (`wp:status`, `w:p`).
    pub name: String,
    /// Attributes (qualified name, unescaped value).
    pub attrs: Vec<(String, String)>,
    /// Child elements and text, in document order.
    pub children: Vec<XmlChild>,
}

/// A child of an element.
#[derive(Debug, Clone)]
pub enum XmlChild {
    /// An element.
    Element(XmlNode),
    /// Text or CDATA, unescaped.
    Text(String),
}

impl XmlNode {
    /// The value of an attribute.
    pub fn attr(&self, key: &str) -> Option<&str> {
        self.attrs
            .iter()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v.as_str())
    }

    /// The child elements, in order.
    pub fn elements(&self) -> impl Iterator<Item = &XmlNode> {
        self.children.iter().filter_map(|c| match c {
            XmlChild::Element(e) => Some(e),
            XmlChild::Text(_) => None,
        })
    }

    /// The first child element called `name`.
    pub fn child(&self, name: &str) -> Option<&XmlNode> {
        self.elements().find(|e| e.name == name)
    }

    /// Every element called `name` at any depth below this one, in document order.
    pub fn find_all<'a>(&'a self, name: &str, out: &mut Vec<&'a XmlNode>) {
        for e in self.elements() {
            if e.name == name {
                out.push(e);
            }
            e.find_all(name, out);
        }
    }

    /// All text below this element, concatenated.
    pub fn text(&self) -> String {
        let mut s = String::new();
        self.collect_text(&mut s);
        s
    }

    fn collect_text(&self, s: &mut String) {
        for c in &self.children {
            match c {
                XmlChild::Text(t) => s.push_str(t),
                XmlChild::Element(e) => e.collect_text(s),
            }
        }
    }
}

/// Parses XML into its root element; `Err` names the line and what is wrong.
pub fn parse(xml: &str) -> Result<XmlNode, String> {
    let mut reader = quick_xml::Reader::from_str(xml);
    let line_at = |pos: u64| {
        let pos = usize::try_from(pos).unwrap_or(usize::MAX).min(xml.len());
        xml.as_bytes()[..pos]
            .iter()
            .filter(|b| **b == b'\n')
            .count()
            + 1
    };
    let mut stack: Vec<XmlNode> = Vec::new();
    let mut root: Option<XmlNode> = None;
    loop {
        let ev = reader.read_event().map_err(|e| {
            format!(
                "line {}: malformed XML: {e}",
                line_at(reader.error_position())
            )
        })?;
        match ev {
            Event::Start(e) => stack.push(element(&e)?),
            Event::Empty(e) => attach(&mut stack, &mut root, element(&e)?),
            Event::End(_) => {
                let el = stack
                    .pop()
                    .ok_or("malformed XML: a closing tag without its opening tag")?;
                attach(&mut stack, &mut root, el);
            }
            Event::Text(t) => push_text(&mut stack, &t.xml10_content()),
            Event::CData(t) => push_text(&mut stack, t.as_ref()),
            Event::GeneralRef(r) => {
                let ch = match r.resolve_char_ref() {
                    Ok(Some(c)) => c.to_string(),
                    _ => match r.xml10_content().as_ref() {
                        "amp" => "&".into(),
                        "lt" => "<".into(),
                        "gt" => ">".into(),
                        "quot" => "\"".into(),
                        "apos" => "'".into(),
                        other => {
                            return Err(format!(
                                "line {}: malformed XML: unknown entity `&{other};`",
                                line_at(reader.buffer_position())
                            ))
                        }
                    },
                };
                push_text(&mut stack, &ch);
            }
            Event::Eof => break,
            _ => {}
        }
    }
    if let Some(open) = stack.last() {
        return Err(format!(
            "malformed XML: the file ends inside `<{}>`",
            open.name
        ));
    }
    root.ok_or_else(|| "malformed XML: no root element".to_string())
}

fn element(e: &BytesStart<'_>) -> Result<XmlNode, String> {
    let mut attrs = Vec::new();
    for a in e.attributes() {
        let a = a.map_err(|err| format!("malformed XML attribute: {err}"))?;
        let value = a
            .normalized_value(quick_xml::XmlVersion::Implicit1_0)
            .map_err(|err| format!("malformed XML attribute value: {err}"))?;
        attrs.push((a.key.as_ref().to_string(), value.into_owned()));
    }
    Ok(XmlNode {
        name: e.name().as_ref().to_string(),
        attrs,
        children: Vec::new(),
    })
}

fn attach(stack: &mut [XmlNode], root: &mut Option<XmlNode>, el: XmlNode) {
    match stack.last_mut() {
        Some(parent) => parent.children.push(XmlChild::Element(el)),
        None => *root = Some(el),
    }
}

fn push_text(stack: &mut [XmlNode], text: &str) {
    if let Some(top) = stack.last_mut() {
        if let Some(XmlChild::Text(t)) = top.children.last_mut() {
            t.push_str(text);
        } else {
            top.children.push(XmlChild::Text(text.to_string()));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_text_cdata_and_entities() {
        let root = parse("<a x=\"1\"><b>one &amp; <![CDATA[<two>]]></b><c/></a>").expect("ok");
        assert_eq!(root.attr("x"), Some("1"));
        assert_eq!(
            root.child("b").map(XmlNode::text).as_deref(),
            Some("one & <two>")
        );
        assert!(root.child("c").is_some());
    }

    #[test]
    fn malformed_xml_names_the_line() {
        let e = parse("<a>\n<b>\n</a>").expect_err("mismatched");
        assert!(e.contains("line 3"), "{e}");
    }
}
