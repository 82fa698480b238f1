//! Reading DOT back, for the tests and fuzz targets: the text of a quoted
//! DOT string, written independently of stancegraph's writer.

/// Reads a quoted DOT string (as graphviz-rust's parser returns it, quotes
/// included) back to its text, each line break as `\n`; `None` when it is
/// not a quoted string or ends in a lone backslash.
pub fn unquote(quoted: &str) -> Option<String> {
    let inner = quoted.strip_prefix('"')?.strip_suffix('"')?;
    let mut out = String::with_capacity(inner.len());
    let mut chars = inner.chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match chars.next()? {
            'n' => out.push('\n'),
            'r' => out.push('\r'),
            other => out.push(other),
        }
    }
    Some(out)
}
