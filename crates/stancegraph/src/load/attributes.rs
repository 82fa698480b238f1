//! User attributes: their names (fit for every output format), their types
//! (inferred from all their values) and colours.

use std::borrow::Cow;

use crate::model::{AttrType, Rgb};
use crate::names::is_id_char;

/// Names an attribute may not take: the built-in node attributes, and the
/// names Gephi reads as a node's position, colour channels or size.
pub const RESERVED: &[&str] = &[
    "id",
    "label",
    "kind",
    "country",
    "role",
    "topic",
    "statements",
    "first_date",
    "last_date",
    "x",
    "y",
    "z",
    "r",
    "g",
    "b",
    "size",
];

/// Whether a name is the colour attribute, which also sets the node colour.
pub fn is_color(name: &str) -> bool {
    name.eq_ignore_ascii_case("color")
}

/// The name an attribute gets in every format: characters that GraphML
/// names, Gephi's CSV headers or GEXF ids cannot hold (spaces, `/`, `#`,
/// ...) become `_`.
///
/// ```
/// use stancegraph::load::attribute_name;
/// assert_eq!(attribute_name("Party affiliation"), "Party_affiliation");
/// assert_eq!(attribute_name("founded"), "founded");
/// ```
pub fn attribute_name(raw: &str) -> Cow<'_, str> {
    if !raw.is_empty() && raw.chars().all(is_id_char) {
        return Cow::Borrowed(raw);
    }
    Cow::Owned(
        raw.chars()
            .map(|c| if is_id_char(c) { c } else { '_' })
            .collect(),
    )
}

/// The type of one value: JSON's number syntax decides integers and
/// doubles (so every format reads them back the same), `true`/`false` in
/// any case booleans; anything else is text.
fn value_type(text: &str) -> AttrType {
    if text.eq_ignore_ascii_case("true") || text.eq_ignore_ascii_case("false") {
        return AttrType::Boolean;
    }
    let b = text.as_bytes();
    let mut i = usize::from(b.first() == Some(&b'-'));
    let digits = |i: &mut usize| {
        let start = *i;
        while *i < b.len() && b[*i].is_ascii_digit() {
            *i += 1;
        }
        *i - start
    };
    let int_start = i;
    let n = digits(&mut i);
    // JSON allows no leading zeros: "007" stays text (an id, a postcode).
    if n == 0 || (n > 1 && b[int_start] == b'0') {
        return AttrType::String;
    }
    let mut whole = true;
    if i < b.len() && b[i] == b'.' {
        i += 1;
        if digits(&mut i) == 0 {
            return AttrType::String;
        }
        whole = false;
    }
    if i < b.len() && (b[i] == b'e' || b[i] == b'E') {
        i += 1;
        if i < b.len() && (b[i] == b'+' || b[i] == b'-') {
            i += 1;
        }
        if digits(&mut i) == 0 {
            return AttrType::String;
        }
        whole = false;
    }
    if i != b.len() {
        return AttrType::String;
    }
    if whole {
        match text.parse::<i64>() {
            Ok(v) if i32::try_from(v).is_ok() => AttrType::Int,
            Ok(_) => AttrType::Long,
            // Beyond 64 bits: a double reads it, approximately.
            Err(_) => AttrType::Double,
        }
    } else if text.parse::<f64>().is_ok_and(f64::is_finite) {
        AttrType::Double
    } else {
        AttrType::String
    }
}

/// The type of a column: the narrowest type that holds all its (non-blank)
/// values; text when it has none.
///
/// ```
/// use stancegraph::load::infer_type;
/// use stancegraph::model::AttrType;
/// assert_eq!(infer_type(["1990", "2001"]), AttrType::Int);
/// assert_eq!(infer_type(["1.5", "2"]), AttrType::Double);
/// assert_eq!(infer_type(["TRUE", "false"]), AttrType::Boolean);
/// assert_eq!(infer_type(["007"]), AttrType::String);
/// ```
pub fn infer_type<'a>(values: impl IntoIterator<Item = &'a str>) -> AttrType {
    values
        .into_iter()
        .map(value_type)
        .reduce(AttrType::widen)
        .unwrap_or(AttrType::String)
}

/// Reads a colour written `#rrggbb` (or `#rgb`), in any case.
///
/// ```
/// use stancegraph::load::parse_color;
/// assert_eq!(parse_color("#1A9641"), Some([0x1a, 0x96, 0x41]));
/// assert_eq!(parse_color("#f00"), Some([0xff, 0, 0]));
/// assert_eq!(parse_color("red"), None);
/// ```
pub fn parse_color(text: &str) -> Option<Rgb> {
    let hex = text.strip_prefix('#')?;
    if !hex.bytes().all(|b| b.is_ascii_hexdigit()) {
        return None;
    }
    let digit = |i: usize| u8::from_str_radix(&hex[i..i + 1], 16).ok();
    match hex.len() {
        6 => {
            let byte = |i: usize| u8::from_str_radix(&hex[i..i + 2], 16).ok();
            Some([byte(0)?, byte(2)?, byte(4)?])
        }
        3 => Some([digit(0)? * 17, digit(1)? * 17, digit(2)? * 17]),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_are_typed_by_json_number_syntax() {
        use AttrType::*;
        for (text, ty) in [
            ("0", Int),
            ("-12", Int),
            ("2147483647", Int),
            ("2147483648", Long),
            ("-9223372036854775808", Long),
            ("99999999999999999999", Double),
            ("1.5", Double),
            ("-0.25e3", Double),
            ("1E5", Double),
            ("1e400", String),
            ("01", String),
            ("1.", String),
            (".5", String),
            ("+5", String),
            ("1,5", String),
            ("NaN", String),
            ("inf", String),
            ("True", Boolean),
            ("yes", String),
            ("", String),
        ] {
            assert_eq!(value_type(text), ty, "{text}");
        }
    }

    #[test]
    fn columns_widen_over_their_values() {
        assert_eq!(infer_type(["1", "2147483648"]), AttrType::Long);
        assert_eq!(infer_type(["1", "x"]), AttrType::String);
        assert_eq!(infer_type(["true", "1"]), AttrType::String);
        assert_eq!(infer_type(Vec::<&str>::new()), AttrType::String);
    }

    #[test]
    fn names_keep_what_every_format_holds() {
        assert_eq!(attribute_name("a b/c#d"), "a_b_c_d");
        assert_eq!(attribute_name("Gründung"), "Gründung");
        assert_eq!(attribute_name("年"), "年");
        assert_eq!(attribute_name("☃"), "_");
        assert!(matches!(attribute_name("Type"), Cow::Borrowed(_)));
    }

    #[test]
    fn colours() {
        assert_eq!(parse_color("#000000"), Some([0, 0, 0]));
        assert_eq!(parse_color("#12345"), None);
        assert_eq!(parse_color("#gg0000"), None);
        assert_eq!(parse_color("#ÿÿÿ"), None);
    }
}
