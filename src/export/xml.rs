//! What GraphML and GEXF share: escaping text for XML 1.0, and writing
//! elements with pre-escaped attributes through quick-xml.

use std::borrow::Cow;
use std::io::{self, Write};

use quick_xml::Writer;
use quick_xml::events::attributes::Attribute;
use quick_xml::events::{BytesDecl, BytesText, Event};
use quick_xml::name::QName;

/// Escapes text for XML element content and attribute values.
///
/// quick-xml escapes `& < > " '`. On top of that, line feed, carriage
/// return and tab become character references, because XML parsers turn a
/// raw CR into LF and raw line breaks in attributes into spaces. Characters
/// that XML 1.0 forbids even as references (the C0 controls other than tab,
/// LF and CR, and U+FFFE, U+FFFF) become U+FFFD, the replacement character:
/// that is the one change a label can suffer.
pub fn escape(text: &str) -> Cow<'_, str> {
    let escaped = quick_xml::escape::escape(text);
    let needs_more = escaped.chars().any(|c| c < ' ' || is_forbidden(c));
    if !needs_more {
        return escaped;
    }
    let mut out = String::with_capacity(escaped.len() + 8);
    for c in escaped.chars() {
        match c {
            '\n' => out.push_str("&#10;"),
            '\r' => out.push_str("&#13;"),
            '\t' => out.push_str("&#9;"),
            c if c < ' ' || is_forbidden(c) => out.push('\u{FFFD}'),
            c => out.push(c),
        }
    }
    Cow::Owned(out)
}

fn is_forbidden(c: char) -> bool {
    matches!(c, '\u{FFFE}' | '\u{FFFF}')
}

/// An attribute whose value is escaped by [`escape`].
pub fn attr<'a>(name: &'a str, value: &'a str) -> Attribute<'a> {
    Attribute {
        key: QName(name),
        value: escape(value),
    }
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
        .write_text_content(BytesText::from_escaped(escape(text)))?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_markup_line_breaks_and_forbidden_controls() {
        assert_eq!(escape("plain"), "plain");
        assert_eq!(
            escape("<a & \"b\" 'c'>"),
            "&lt;a &amp; &quot;b&quot; &apos;c&apos;&gt;"
        );
        assert_eq!(escape("a\r\nb\tc"), "a&#13;&#10;b&#9;c");
        assert_eq!(escape("bell\u{7}\u{FFFF}"), "bell\u{FFFD}\u{FFFD}");
        assert_eq!(escape("Jean-Noël"), "Jean-Noël");
    }
}
