//! What GraphML and GEXF share: escaping text for XML 1.0, and writing
//! elements with pre-escaped attributes through quick-xml.

use std::borrow::Cow;
use std::io::{self, Write};

use quick_xml::Writer;
use quick_xml::events::attributes::Attribute;
use quick_xml::events::{BytesDecl, BytesEnd, BytesStart, BytesText, Event};

/// Makes text fit for XML 1.0: the characters it forbids even as character
/// references (the C0 controls other than tab, line feed and carriage
/// return, and U+FFFE, U+FFFF) become U+FFFD, the replacement character.
/// That is the one change a label can suffer; quick-xml escapes the rest
/// (markup characters, and CR, LF and tab where a parser would normalize them).
pub fn sanitize(text: &str) -> Cow<'_, str> {
    let forbidden = |c: char| {
        (c < ' ' && !matches!(c, '\t' | '\n' | '\r')) || matches!(c, '\u{FFFE}' | '\u{FFFF}')
    };
    // A byte scan first: almost every value is clean.
    let clean = !text
        .bytes()
        .any(|b| b < b' ' && !matches!(b, b'\t' | b'\n' | b'\r'))
        && !text.contains(['\u{FFFE}', '\u{FFFF}']);
    if clean {
        return Cow::Borrowed(text);
    }
    Cow::Owned(
        text.chars()
            .map(|c| if forbidden(c) { '\u{FFFD}' } else { c })
            .collect(),
    )
}

/// The notice for the values of a network that [`sanitize`] changes, if
/// any: how many, and the first.
pub fn notice(format: &str, net: &crate::network::Network) -> Option<String> {
    use super::attrs::{Column, edge_columns, node_columns};
    let changed = |text: &str| matches!(sanitize(text), Cow::Owned(_));
    let columns = node_columns(net);
    let mut count = 0;
    let mut first = None;
    let mut note = |what: String| {
        count += 1;
        first.get_or_insert(what);
    };
    let g = &net.graph;
    for n in g.node_weights() {
        if changed(&n.label) {
            note(format!("the label of node {}", n.id));
        }
        for c in &columns {
            if c.get(n).is_some_and(|v| changed(&v.text())) {
                note(format!("the {} of node {}", c.name(), n.id));
            }
        }
    }
    net.for_each_edge(|e, _, _, d| {
        for a in edge_columns(net) {
            if a.get(d).is_some_and(|v| changed(&v.text())) {
                note(format!("the {} of edge {}", a.name, super::edge_id(e)));
            }
        }
        Ok(())
    })
    .expect("a pass in memory does not fail");
    let first = first?;
    Some(format!(
        "{format}: {count} value{} ({first}{}) hold control characters that XML 1.0 cannot hold, written as U+FFFD",
        if count == 1 { "" } else { "s" },
        if count == 1 { "" } else { " first" },
    ))
}

/// Appends text as quick-xml writes it after [`sanitize`]: in element
/// content `<`, `>`, `&`, `'`, `"` and CR escaped (`BytesText::new`), in an
/// attribute value also LF and tab (`Attribute::from`). One scan; the runs
/// between escapes are copied.
pub fn push_escaped(out: &mut Vec<u8>, text: &str, in_attribute: bool) {
    let text = sanitize(text);
    let bytes = text.as_bytes();
    let mut start = 0;
    for (i, &b) in bytes.iter().enumerate() {
        let entity: &[u8] = match b {
            b'<' => b"&lt;",
            b'>' => b"&gt;",
            b'&' => b"&amp;",
            b'\'' => b"&apos;",
            b'"' => b"&quot;",
            b'\r' => b"&#13;",
            b'\n' if in_attribute => b"&#10;",
            b'\t' if in_attribute => b"&#9;",
            _ => continue,
        };
        out.extend_from_slice(&bytes[start..i]);
        out.extend_from_slice(entity);
        start = i + 1;
    }
    out.extend_from_slice(&bytes[start..]);
}

/// Elements written straight into a buffer, as quick-xml's two-space
/// indenting writer writes them (each tag on its own line, `depth` levels
/// in), for the bulk of a big file: no event per value.
#[derive(Default)]
pub struct Lines {
    /// What is written so far.
    pub out: Vec<u8>,
}

impl Lines {
    fn tag(&mut self, depth: usize, name: &str, attrs: &[(&str, &str)], end: &[u8]) {
        self.out.push(b'\n');
        self.out.resize(self.out.len() + 2 * depth, b' ');
        self.out.push(b'<');
        self.out.extend_from_slice(name.as_bytes());
        for (key, value) in attrs {
            self.out.push(b' ');
            self.out.extend_from_slice(key.as_bytes());
            self.out.extend_from_slice(b"=\"");
            push_escaped(&mut self.out, value, true);
            self.out.push(b'"');
        }
        self.out.extend_from_slice(end);
    }

    /// `<name attrs...>`.
    pub fn open(&mut self, depth: usize, name: &str, attrs: &[(&str, &str)]) {
        self.tag(depth, name, attrs, b">");
    }

    /// `<name attrs.../>`.
    pub fn empty(&mut self, depth: usize, name: &str, attrs: &[(&str, &str)]) {
        self.tag(depth, name, attrs, b"/>");
    }

    /// `<name attrs...>text</name>`, on one line.
    pub fn text_element(&mut self, depth: usize, name: &str, attrs: &[(&str, &str)], text: &str) {
        self.tag(depth, name, attrs, b">");
        push_escaped(&mut self.out, text, false);
        self.out.extend_from_slice(b"</");
        self.out.extend_from_slice(name.as_bytes());
        self.out.push(b'>');
    }

    /// `</name>`.
    pub fn close(&mut self, depth: usize, name: &str) {
        self.out.push(b'\n');
        self.out.resize(self.out.len() + 2 * depth, b' ');
        self.out.extend_from_slice(b"</");
        self.out.extend_from_slice(name.as_bytes());
        self.out.push(b'>');
    }

    /// Hands what is written to `w` once it is big enough to be worth it.
    pub fn drain_into(&mut self, w: &mut dyn Write, at_least: usize) -> io::Result<()> {
        if self.out.len() >= at_least {
            w.write_all(&self.out)?;
            self.out.clear();
        }
        Ok(())
    }
}

/// An attribute, its value sanitized and escaped by quick-xml.
pub fn attr<'a>(name: &'a str, value: &'a str) -> Attribute<'a> {
    Attribute::from((name, sanitize(value)))
}

/// A new writer with two-space indentation and the XML declaration written.
pub fn start<W: Write>(w: W) -> io::Result<Writer<W>> {
    let mut writer = Writer::new_with_indent(w, b' ', 2);
    writer.write_event(Event::Decl(BytesDecl::new("1.0", Some("UTF-8"), None)))?;
    Ok(writer)
}

/// Writes `<name attrs...>text</name>` with the text escaped by [`escape`].
pub fn text_element<W: Write>(
    w: &mut Writer<W>,
    name: &str,
    attrs: &[(&str, &str)],
    text: &str,
) -> io::Result<()> {
    w.create_element(name)
        .with_attributes(attrs.iter().map(|(k, v)| attr(k, v)))
        .write_text_content(BytesText::new(&sanitize(text)))?;
    Ok(())
}

/// A start tag with fixed attributes, built once and written many times
/// (GraphML's `<data key="...">`): the same events as
/// [`text_element`], without building the tag each time.
pub struct Tag {
    name: &'static str,
    content: String,
}

impl Tag {
    /// A tag `name` with attributes, escaped as [`attr`] escapes them.
    pub fn new(name: &'static str, attrs: &[(&str, &str)]) -> Tag {
        let start = BytesStart::new(name).with_attributes(attrs.iter().map(|(k, v)| attr(k, v)));
        Tag {
            name,
            content: start.to_string(),
        }
    }

    /// Writes `<name attrs.../>`.
    pub fn empty<W: Write>(&self, w: &mut Writer<W>) -> io::Result<()> {
        let start = BytesStart::from_content(self.content.as_str(), self.name.len());
        w.write_event(Event::Empty(start))
    }

    /// Writes `<name attrs...>text</name>`, the text sanitized and escaped.
    pub fn text<W: Write>(&self, w: &mut Writer<W>, text: &str) -> io::Result<()> {
        w.write_event(Event::Start(BytesStart::from_content(
            self.content.as_str(),
            self.name.len(),
        )))?;
        w.write_event(Event::Text(BytesText::new(&sanitize(text))))?;
        w.write_event(Event::End(BytesEnd::new(self.name)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #[test]
        fn escaping_is_quick_xmls_for_text_and_attributes(
            text in "[a<>&'\"\\r\\n\\t\\x01\\x1f \u{FFFE}\u{FFFF}é]{0,12}|\\PC{0,6}",
        ) {
            let mut content = Vec::new();
            push_escaped(&mut content, &text, false);
            let sanitized = sanitize(&text);
            let expected = BytesText::new(&sanitized);
            prop_assert_eq!(std::str::from_utf8(&content).unwrap(), &*expected);
            let mut value = Vec::new();
            push_escaped(&mut value, &text, true);
            prop_assert_eq!(std::str::from_utf8(&value).unwrap(), &*attr("k", &text).value);
        }
    }

    #[test]
    fn lines_are_what_quick_xmls_indenting_writer_writes() {
        let attrs = [("id", "a<\"b\"\n>"), ("label", "x & y\t\u{1}")];
        let mut w = Writer::new_with_indent(Vec::new(), b' ', 2);
        w.create_element("root")
            .write_inner_content(|w| {
                w.create_element("node")
                    .with_attributes(attrs.iter().map(|(k, v)| attr(k, v)))
                    .write_inner_content(|w| {
                        w.create_element("inner").write_inner_content(|_| Ok(()))?;
                        w.create_element("leaf")
                            .with_attributes(attrs.iter().map(|(k, v)| attr(k, v)))
                            .write_empty()?;
                        text_element(w, "data", &attrs, "<&> \"q\" \r\n\t\u{2}")?;
                        text_element(w, "data", &[], "")?;
                        Ok(())
                    })?;
                Ok(())
            })
            .unwrap();
        let mut lines = Lines::default();
        lines.out.extend_from_slice(b"<root>");
        lines.open(1, "node", &attrs);
        lines.open(2, "inner", &[]);
        lines.close(2, "inner");
        lines.empty(2, "leaf", &attrs);
        lines.text_element(2, "data", &attrs, "<&> \"q\" \r\n\t\u{2}");
        lines.text_element(2, "data", &[], "");
        lines.close(1, "node");
        lines.close(0, "root");
        assert_eq!(
            String::from_utf8(lines.out).unwrap(),
            String::from_utf8(w.into_inner()).unwrap()
        );
    }

    #[test]
    fn a_built_tag_writes_what_text_element_writes() {
        let mut a = Writer::new_with_indent(Vec::new(), b' ', 2);
        let mut b = Writer::new_with_indent(Vec::new(), b' ', 2);
        let tag = Tag::new("data", &[("key", "e_quote")]);
        for text in ["plain", "<&> \"q\" \r\n", ""] {
            tag.text(&mut a, text).unwrap();
            text_element(&mut b, "data", &[("key", "e_quote")], text).unwrap();
        }
        assert_eq!(a.into_inner(), b.into_inner());
    }

    #[test]
    fn forbidden_controls_become_replacement_characters() {
        assert!(matches!(sanitize("Jean-Noël\ttab\r\n"), Cow::Borrowed(_)));
        assert_eq!(
            sanitize("bell\u{7}\u{0}\u{FFFF}!"),
            "bell\u{FFFD}\u{FFFD}\u{FFFD}!"
        );
    }

    #[test]
    fn attributes_and_text_escape_markup_and_line_breaks() {
        let mut w = Writer::new(Vec::new());
        w.create_element("a")
            .with_attribute(attr("x", "<\"a\" & 'b'>\r\n\t"))
            .write_empty()
            .unwrap();
        text_element(&mut w, "t", &[], "<&>\r\n").unwrap();
        assert_eq!(
            String::from_utf8(w.into_inner()).unwrap(),
            "<a x=\"&lt;&quot;a&quot; &amp; &apos;b&apos;&gt;&#13;&#10;&#9;\"/><t>&lt;&amp;&gt;&#13;\n</t>"
        );
    }

    proptest::proptest! {
        /// Whatever the text, a real XML parser reads the attribute back as
        /// the sanitized text, after XML's attribute-value normalization.
        #[test]
        fn attributes_read_back_after_normalization(text in proptest::prelude::any::<String>()) {
            let mut w = Writer::new(Vec::new());
            w.create_element("a").with_attribute(attr("x", &text)).write_empty().unwrap();
            let xml = String::from_utf8(w.into_inner()).unwrap();
            let mut reader = quick_xml::Reader::from_str(&xml);
            let quick_xml::events::Event::Empty(e) = reader.read_event().unwrap() else {
                panic!("not an empty element: {xml}");
            };
            let a = e.attributes().next().unwrap().unwrap();
            let value = a.normalized_value(quick_xml::XmlVersion::Explicit1_0).unwrap();
            let expected = sanitize(&text);
            proptest::prop_assert_eq!(value.as_ref(), expected.as_ref());
        }
    }
}
