//! Filling the page's template in one pass: each `{{name}}` of the
//! template is replaced by its value, and the values are written as they
//! are, never read again, so a label or quote that holds `{{data}}` (or
//! any other text of the template) comes out exactly as it was written.

use std::io::{self, Write};

/// What a placeholder is filled with.
#[derive(Clone, Copy)]
pub(super) enum Value<'a> {
    /// Text, written as it is.
    Text(&'a str),
    /// Written by the function straight into the page: a large value is
    /// never held whole.
    Writer(&'a dyn Fn(&mut dyn Write) -> io::Result<()>),
}

/// Writes `template` with each `{{name}}` replaced by the value of `name`
/// in `values`. A placeholder with no value is an error: the template and
/// the writer must agree.
pub(super) fn fill(
    template: &str,
    values: &[(&str, Value<'_>)],
    w: &mut dyn Write,
) -> io::Result<()> {
    let mut rest = template;
    while let Some(open) = rest.find("{{") {
        let close = rest[open..]
            .find("}}")
            .map(|c| open + c)
            .ok_or_else(|| bad(&rest[open..]))?;
        let name = &rest[open + 2..close];
        let value = values
            .iter()
            .find(|(n, _)| *n == name)
            .map(|(_, v)| *v)
            .ok_or_else(|| bad(name))?;
        w.write_all(&rest.as_bytes()[..open])?;
        match value {
            Value::Text(text) => w.write_all(text.as_bytes())?,
            Value::Writer(write) => write(w)?,
        }
        rest = &rest[close + 2..];
    }
    w.write_all(rest.as_bytes())
}

fn bad(what: &str) -> io::Error {
    io::Error::new(
        io::ErrorKind::InvalidData,
        format!("the page template has a placeholder without a value: {what}"),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts<'a>(values: &[(&'a str, &'a str)]) -> Vec<(&'a str, Value<'a>)> {
        values.iter().map(|&(n, v)| (n, Value::Text(v))).collect()
    }

    fn filled(template: &str, values: &[(&str, &str)]) -> String {
        let mut out = Vec::new();
        fill(template, &texts(values), &mut out).unwrap();
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn values_are_written_once_and_never_expanded_again() {
        let values = [
            ("title", "{{data}} and {{script}}"),
            ("data", "[1]"),
            ("script", "}}{{"),
        ];
        assert_eq!(
            filled("<t>{{title}}</t><d>{{data}}</d><s>{{script}}</s>", &values),
            "<t>{{data}} and {{script}}</t><d>[1]</d><s>}}{{</s>"
        );
    }

    #[test]
    fn a_placeholder_may_repeat() {
        assert_eq!(filled("{{a}}-{{a}}", &[("a", "x")]), "x-x");
    }

    #[test]
    fn an_unknown_or_unclosed_placeholder_is_an_error() {
        let a = texts(&[("a", "x")]);
        assert!(fill("{{nope}}", &a, &mut Vec::new()).is_err());
        assert!(fill("{{a", &a, &mut Vec::new()).is_err());
    }

    #[test]
    fn a_writer_writes_its_value_in_place() {
        let write = |w: &mut dyn Write| w.write_all(b"{{a}} streamed");
        let mut out = Vec::new();
        let values = [("a", Value::Text("x")), ("b", Value::Writer(&write))];
        fill("<{{b}}|{{a}}>", &values, &mut out).unwrap();
        assert_eq!(String::from_utf8(out).unwrap(), "<{{a}} streamed|x>");
    }
}
