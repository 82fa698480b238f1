//! The node and edge attributes every format writes, in one place, so that
//! CSV, GraphML, GEXF and JSON always carry the same data under the same
//! names. `label` and `weight` are not listed: each format has its own slot
//! for them.

use crate::graph::{EdgeData, NodeData};

/// An attribute's type, mapped to each format's type names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AttrType {
    /// Text.
    String,
    /// A whole number.
    Int,
}

impl AttrType {
    /// The GraphML `attr.type`.
    pub fn graphml(self) -> &'static str {
        match self {
            AttrType::String => "string",
            AttrType::Int => "int",
        }
    }

    /// The GEXF attribute `type`.
    pub fn gexf(self) -> &'static str {
        match self {
            AttrType::String => "string",
            AttrType::Int => "integer",
        }
    }
}

/// An attribute value, borrowed from the node or edge.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Value<'a> {
    /// Text.
    Str(&'a str),
    /// A whole number.
    Int(u64),
    /// A day, written `YYYY-MM-DD`.
    Date(chrono::NaiveDate),
}

impl Value<'_> {
    /// Appends the value as text, as CSV, GraphML and GEXF write it.
    pub fn write(&self, buf: &mut String) {
        use chrono::Datelike;
        use std::fmt::Write;
        // Writing to a String cannot fail.
        let _ = match self {
            Value::Str(s) => {
                buf.push_str(s);
                Ok(())
            }
            Value::Int(n) => write!(buf, "{n}"),
            Value::Date(d) if (0..=9999).contains(&d.year()) => {
                // The common case by hand: the formatting machinery is slow.
                let (y, m, day) = (d.year() as u32, d.month(), d.day());
                let digit = |n: u32| char::from(b'0' + n as u8);
                for n in [y / 1000, y / 100 % 10, y / 10 % 10, y % 10] {
                    buf.push(digit(n));
                }
                buf.push('-');
                buf.push(digit(m / 10));
                buf.push(digit(m % 10));
                buf.push('-');
                buf.push(digit(day / 10));
                buf.push(digit(day % 10));
                Ok(())
            }
            Value::Date(d) => write!(buf, "{d}"),
        };
    }

    /// Whether JSON writes it as a number.
    pub fn is_number(&self) -> bool {
        matches!(self, Value::Int(_))
    }

    /// The value as text.
    pub fn text(&self) -> String {
        let mut buf = String::new();
        self.write(&mut buf);
        buf
    }
}

/// One attribute of `T`: its name, type and how to read it (`None` when
/// absent; absent values are left out, or blank in CSV).
pub struct Attr<T> {
    /// The attribute name, the same in every format.
    pub name: &'static str,
    /// Its type.
    pub ty: AttrType,
    /// Reads it.
    pub get: for<'a> fn(&'a T) -> Option<Value<'a>>,
}

fn text(s: &Option<String>) -> Option<Value<'_>> {
    s.as_deref().map(Value::Str)
}

fn date(d: Option<chrono::NaiveDate>) -> Option<Value<'static>> {
    d.map(Value::Date)
}

/// The node attributes, in output order.
pub const NODE_ATTRS: [Attr<NodeData>; 7] = [
    Attr {
        name: "kind",
        ty: AttrType::String,
        get: |n| Some(Value::Str(n.kind.as_str())),
    },
    Attr {
        name: "country",
        ty: AttrType::String,
        get: |n| text(&n.country),
    },
    Attr {
        name: "role",
        ty: AttrType::String,
        get: |n| text(&n.role),
    },
    Attr {
        name: "topic",
        ty: AttrType::String,
        get: |n| text(&n.topic),
    },
    Attr {
        name: "statements",
        ty: AttrType::Int,
        get: |n| Some(Value::Int(n.statements)),
    },
    Attr {
        name: "first_date",
        ty: AttrType::String,
        get: |n| date(n.first_date),
    },
    Attr {
        name: "last_date",
        ty: AttrType::String,
        get: |n| date(n.last_date),
    },
];

/// The edge attributes, in output order.
pub const EDGE_ATTRS: [Attr<EdgeData>; 6] = [
    Attr {
        name: "relation",
        ty: AttrType::String,
        get: |e| Some(Value::Str(e.relation.as_str())),
    },
    Attr {
        name: "statements",
        ty: AttrType::Int,
        get: |e| Some(Value::Int(e.statements)),
    },
    Attr {
        name: "first_date",
        ty: AttrType::String,
        get: |e| date(e.first_date),
    },
    Attr {
        name: "last_date",
        ty: AttrType::String,
        get: |e| date(e.last_date),
    },
    Attr {
        name: "sources",
        ty: AttrType::Int,
        get: |e| e.sources.map(Value::Int),
    },
    Attr {
        name: "quote",
        ty: AttrType::String,
        get: |e| text(&e.quote),
    },
];

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;

    #[test]
    fn dates_are_written_as_chrono_writes_them() {
        for (y, m, d) in [
            (2025, 2, 12),
            (1, 1, 1),
            (999, 12, 31),
            (9999, 10, 9),
            (-44, 3, 15),
        ] {
            let date = NaiveDate::from_ymd_opt(y, m, d).unwrap();
            assert_eq!(Value::Date(date).text(), date.to_string());
        }
        assert_eq!(Value::Int(42).text(), "42");
        assert_eq!(Value::Str("x").text(), "x");
    }
}
