//! Quoting for DOT: every id and value goes through [`push_quoted`] while
//! it is written.

/// Quotes and escapes a string as a DOT id or attribute value.
///
/// Inside a quoted DOT string only `\"` is an escape to the lexer; in labels
/// and tooltips Graphviz also reads `\\` as a backslash and `\n`, `\r`,
/// `\l` as line breaks (centred, right- and left-justified). So `\` becomes
/// `\\`, `"` becomes `\"`, and every line break (LF, CR or CR LF) `\n`: the
/// text reads back as it reads, and no backslash can swallow the closing
/// quote.
///
/// `Zelenskyy's "office"` becomes `"Zelenskyy's \"office\""`.
#[cfg(test)]
pub(crate) fn quote(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    push_quoted(&mut out, text);
    out
}

/// Appends `text` quoted and escaped, as [`quote`] returns it.
pub(crate) fn push_quoted(out: &mut String, text: &str) {
    out.push('"');
    let mut rest = text;
    // Copy runs that need no escape in one go. The four are ASCII, so a
    // byte scan finds them and cuts only between characters.
    while let Some(i) = rest
        .bytes()
        .position(|b| matches!(b, b'\\' | b'"' | b'\n' | b'\r'))
    {
        out.push_str(&rest[..i]);
        let mut skip = 1;
        out.push_str(match rest.as_bytes()[i] {
            b'\\' => "\\\\",
            b'"' => "\\\"",
            b'\r' if rest.as_bytes().get(i + 1) == Some(&b'\n') => {
                skip = 2;
                "\\n"
            }
            _ => "\\n",
        });
        rest = &rest[i + skip..];
    }
    out.push_str(rest);
    out.push('"');
}

/// Whether a name can stand unquoted as a DOT id: ASCII letters, digits
/// and `_`, not starting with a digit.
pub(crate) fn is_plain(name: &str) -> bool {
    let b = name.as_bytes();
    !b.is_empty()
        && !b[0].is_ascii_digit()
        && b.iter().all(|c| c.is_ascii_alphanumeric() || *c == b'_')
}

/// The reader the tests and fuzz targets read DOT back with.
#[cfg(test)]
#[path = "../../../../../fuzz/src/dot.rs"]
mod test_reader;

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    use super::test_reader::unquote;

    #[test]
    fn quotes_backslashes_and_line_breaks_are_escaped() {
        assert_eq!(
            quote(r#"Zelenskyy's "office""#),
            r#""Zelenskyy's \"office\"""#
        );
        assert_eq!(quote("a\\b\nc\r\nd\re"), r#""a\\b\nc\nd\ne""#);
    }

    #[test]
    fn keywords_and_digits_are_quoted() {
        for word in ["graph", "NODE", "Strict", "1a", "-1", ""] {
            assert_eq!(quote(word), format!("\"{word}\""));
        }
    }

    #[test]
    fn trailing_backslash_cannot_swallow_the_quote() {
        assert_eq!(quote("a\\"), "\"a\\\\\"");
        assert_eq!(unquote("\"a\\\\\"").as_deref(), Some("a\\"));
    }

    #[test]
    fn unquote_rejects_unquoted_and_dangling_escape() {
        assert_eq!(unquote("abc"), None);
        assert_eq!(unquote("\"abc\\\""), None);
    }

    proptest! {
        #[test]
        fn quote_round_trips(text in any::<String>()) {
            prop_assert_eq!(unquote(&quote(&text)), Some(text));
        }

        #[test]
        fn quoted_has_no_bare_quote_or_line_break(text in any::<String>()) {
            let q = quote(&text);
            let inner = &q[1..q.len() - 1];
            prop_assert!(!inner.contains('\n') && !inner.contains('\r'));
            // Every quote inside is preceded by an odd run of backslashes.
            let bytes = inner.as_bytes();
            for (i, b) in bytes.iter().enumerate() {
                if *b == b'"' {
                    let run = bytes[..i].iter().rev().take_while(|c| **c == b'\\').count();
                    prop_assert!(run % 2 == 1);
                }
            }
        }
    }
}
