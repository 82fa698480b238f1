//! The node and edge attributes every format writes, in one place, so that
//! CSV, GraphML, GEXF, JSON and DOT always carry the same data under the
//! same names: the built-in ones listed here, then the network's user
//! attributes. `label` and `weight` are not listed: each format has its own
//! slot for them.

use crate::model::{AttrDef, AttrType};
use crate::network::{EdgeData, Network, NodeData, Relation};

/// The GraphML `attr.type` of a type.
pub fn graphml_type(ty: AttrType) -> &'static str {
    ty.name()
}

/// The GEXF attribute `type` of a type.
pub fn gexf_type(ty: AttrType) -> &'static str {
    match ty {
        AttrType::Boolean => "boolean",
        AttrType::Int => "integer",
        AttrType::Long => "long",
        AttrType::Double => "double",
        AttrType::String => "string",
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
    /// A user attribute's value, written as read (the loader checked it
    /// fits its type, and wrote booleans `true`/`false`).
    Typed(&'a str, AttrType),
}

impl Value<'_> {
    /// Appends the value as text, as CSV, GraphML and GEXF write it.
    pub fn write(&self, buf: &mut String) {
        use chrono::Datelike;
        use std::fmt::Write;
        // Writing to a String cannot fail.
        let _ = match self {
            Value::Str(s) | Value::Typed(s, _) => {
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

    /// Whether JSON writes it bare: a number or a boolean.
    pub fn is_bare_in_json(&self) -> bool {
        match self {
            Value::Int(_) => true,
            Value::Typed(_, ty) => ty.is_number() || *ty == AttrType::Boolean,
            _ => false,
        }
    }

    /// The value as text.
    pub fn text(&self) -> String {
        let mut buf = String::new();
        self.write(&mut buf);
        buf
    }
}

/// A column of a table of nodes or edges: a name, a type and how to read
/// a value (`None` when absent; absent values are left out, or blank in
/// CSV).
pub trait Column<T> {
    /// The attribute name, the same in every format.
    fn name(&self) -> &str;
    /// Its type.
    fn ty(&self) -> AttrType;
    /// Reads it.
    fn get<'a>(&self, item: &'a T) -> Option<Value<'a>>;
}

/// A built-in attribute of `T`.
pub struct Attr<T> {
    /// The attribute name, the same in every format.
    pub name: &'static str,
    /// Its type.
    pub ty: AttrType,
    /// Reads it.
    pub get: for<'a> fn(&'a T) -> Option<Value<'a>>,
}

impl<T> Column<T> for Attr<T> {
    fn name(&self) -> &str {
        self.name
    }

    fn ty(&self) -> AttrType {
        self.ty
    }

    fn get<'a>(&self, item: &'a T) -> Option<Value<'a>> {
        (self.get)(item)
    }
}

fn text(s: &Option<String>) -> Option<Value<'_>> {
    s.as_deref().map(Value::Str)
}

fn date(d: Option<chrono::NaiveDate>) -> Option<Value<'static>> {
    d.map(Value::Date)
}

/// The built-in node attributes, in output order.
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

/// The node attribute `--coalitions` adds: the actor's coalition, blank
/// for isolates and stances.
pub const COALITION: Attr<NodeData> = Attr {
    name: "coalition",
    ty: AttrType::Int,
    get: |n| n.coalition.map(|c| Value::Int(u64::from(c))),
};

/// A node attribute: built-in, or one of the network's user attributes.
pub enum NodeColumn<'n> {
    /// A built-in attribute.
    Builtin(&'static Attr<NodeData>),
    /// The user attribute at this index of [`Network::node_attrs`].
    User(usize, &'n AttrDef),
}

impl Column<NodeData> for NodeColumn<'_> {
    fn name(&self) -> &str {
        match self {
            NodeColumn::Builtin(a) => a.name,
            NodeColumn::User(_, d) => &d.name,
        }
    }

    fn ty(&self) -> AttrType {
        match self {
            NodeColumn::Builtin(a) => a.ty,
            NodeColumn::User(_, d) => d.ty,
        }
    }

    fn get<'a>(&self, n: &'a NodeData) -> Option<Value<'a>> {
        match self {
            NodeColumn::Builtin(a) => (a.get)(n),
            NodeColumn::User(i, d) => n.attrs.get(*i)?.as_deref().map(|v| Value::Typed(v, d.ty)),
        }
    }
}

/// Every node attribute of a network, in output order: the built-in ones,
/// `coalition` when the network has coalitions, then the user attributes.
pub fn node_columns(net: &Network) -> Vec<NodeColumn<'_>> {
    NODE_ATTRS
        .iter()
        .chain(net.coalitions.is_some().then_some(&COALITION))
        .map(NodeColumn::Builtin)
        .chain(
            net.node_attrs
                .iter()
                .enumerate()
                .map(|(i, d)| NodeColumn::User(i, d)),
        )
        .collect()
}

/// The network's own attributes, for the formats that have graph
/// attributes. For a kernel slice: its window's `slice_start`,
/// `slice_middle` and `slice_stop` and its `kernel` (not `start`, which
/// Graphviz reads as a layout seed). With coalitions: how many
/// (`coalitions`), their `modularity`, the `coalition_network` and the
/// `coalition_resolution` (not `resolution`, which Graphviz reads as dots
/// per inch). Each is (name, type, value as text); none for a plain
/// network.
pub fn graph_attrs(net: &Network) -> Vec<(&'static str, AttrType, String)> {
    let mut out = Vec::new();
    if let Some(t) = &net.slice {
        out.extend([
            ("slice_start", AttrType::String, t.start.to_string()),
            ("slice_middle", AttrType::String, t.middle.to_string()),
            ("slice_stop", AttrType::String, t.stop.to_string()),
            ("kernel", AttrType::String, t.kernel.to_string()),
        ]);
    }
    let Some(c) = &net.coalitions else {
        return out;
    };
    out.push(("coalitions", AttrType::Int, c.count.to_string()));
    if let Some(q) = c.modularity {
        out.push(("modularity", AttrType::Double, super::format_weight(q)));
    }
    out.push(("coalition_network", AttrType::String, c.network.clone()));
    out.push((
        "coalition_resolution",
        AttrType::Double,
        super::format_weight(c.resolution),
    ));
    out
}

/// An edge's relation: `agree`, `disagree`, `affiliation`, ...
const RELATION: Attr<EdgeData> = Attr {
    name: "relation",
    ty: AttrType::String,
    get: |e| Some(Value::Str(e.relation.as_str())),
};

/// How many statements an edge stands for.
const STATEMENTS: Attr<EdgeData> = Attr {
    name: "statements",
    ty: AttrType::Int,
    get: |e| Some(Value::Int(e.statements)),
};

/// An edge's first statement date.
const FIRST_DATE: Attr<EdgeData> = Attr {
    name: "first_date",
    ty: AttrType::String,
    get: |e| date(e.first_date),
};

/// An edge's last statement date.
const LAST_DATE: Attr<EdgeData> = Attr {
    name: "last_date",
    ty: AttrType::String,
    get: |e| date(e.last_date),
};

/// How many distinct sources an edge's statements come from.
const SOURCES: Attr<EdgeData> = Attr {
    name: "sources",
    ty: AttrType::Int,
    get: |e| e.sources.map(|n| Value::Int(n.into())),
};

/// An edge's first quote.
const QUOTE: Attr<EdgeData> = Attr {
    name: "quote",
    ty: AttrType::String,
    get: |e| e.quote.as_deref().map(Value::Str),
};

/// What an edge of a network with actor → target edges joins: `stance`
/// (actor → stance), `affiliation` (actor → country) or `interaction`
/// (actor → actor). Not `kind`, which Gephi's spreadsheet import takes for
/// its own `Kind` column.
const EDGE_KIND: Attr<EdgeData> = Attr {
    name: "edge_kind",
    ty: AttrType::String,
    get: |e| {
        Some(Value::Str(if e.is_interaction() {
            "interaction"
        } else if e.relation == Relation::Affiliation {
            "affiliation"
        } else {
            "stance"
        }))
    },
};

/// The stances an actor → target edge's statements are about.
const STANCES: Attr<EdgeData> = Attr {
    name: "stances",
    ty: AttrType::String,
    get: |e| e.stances.as_deref().map(Value::Str),
};

/// The edge attributes, in output order.
pub const EDGE_ATTRS: [Attr<EdgeData>; 6] =
    [RELATION, STATEMENTS, FIRST_DATE, LAST_DATE, SOURCES, QUOTE];

/// The edge attributes of a network with actor → target edges, in output
/// order: those of [`EDGE_ATTRS`], then `edge_kind` and `stances`.
pub const INTERACTION_EDGE_ATTRS: [Attr<EdgeData>; 8] = [
    RELATION, STATEMENTS, FIRST_DATE, LAST_DATE, SOURCES, QUOTE, EDGE_KIND, STANCES,
];

/// The edge attributes a network's edges carry, in output order: the two
/// of actor → target edges only where it has them, so that every other
/// network is written as before.
pub fn edge_columns(net: &Network) -> &'static [Attr<EdgeData>] {
    if net.interaction {
        &INTERACTION_EDGE_ATTRS
    } else {
        &EDGE_ATTRS
    }
}

/// A column under the name a format gives it.
pub struct Renamed<'c, C> {
    /// The column.
    pub column: &'c C,
    /// Its name in the format.
    pub name: String,
}

impl<T, C: Column<T>> Column<T> for Renamed<'_, C> {
    fn name(&self) -> &str {
        &self.name
    }

    fn ty(&self) -> AttrType {
        self.column.ty()
    }

    fn get<'a>(&self, item: &'a T) -> Option<Value<'a>> {
        self.column.get(item)
    }
}

/// Columns under the names a format can use, and the names that changed.
pub struct Spelled<'c, C> {
    /// The columns, in order.
    pub columns: Vec<Renamed<'c, C>>,
    /// `(name, name in the format)` for each column whose name changed.
    pub renamed: Vec<(String, String)>,
}

/// Spells each column's name for a format: `spell` turns a name into one
/// the format accepts and that it does not read as something else; a name
/// that is in `taken` (the format's own keys) or already given to an
/// earlier column gets `_2`, `_3`, ... so no two columns share a name.
pub fn spelled<'c, T, C: Column<T>>(
    columns: &'c [C],
    taken: &[&str],
    spell: impl Fn(&str) -> std::borrow::Cow<'_, str>,
) -> Spelled<'c, C> {
    let mut used: std::collections::HashSet<String> = taken.iter().map(|s| s.to_string()).collect();
    let mut out = Spelled {
        columns: Vec::with_capacity(columns.len()),
        renamed: Vec::new(),
    };
    for column in columns {
        let base = spell(column.name()).into_owned();
        let mut name = base.clone();
        let mut n = 2;
        while used.contains(&name) {
            name = format!("{base}_{n}");
            n += 1;
        }
        used.insert(name.clone());
        if name != column.name() {
            out.renamed.push((column.name().to_string(), name.clone()));
        }
        out.columns.push(Renamed { column, name });
    }
    out
}

/// The spelling of a format that takes every name as it is.
pub fn as_is(name: &str) -> std::borrow::Cow<'_, str> {
    std::borrow::Cow::Borrowed(name)
}

/// The notice for the node attributes a format writes under other names
/// ([`spelled`] with `taken` and `spell`), if any: `why` says why.
pub fn rename_notice(
    net: &Network,
    format: &str,
    why: &str,
    taken: &[&str],
    spell: impl Fn(&str) -> std::borrow::Cow<'_, str>,
) -> Option<String> {
    let columns = node_columns(net);
    let renamed = spelled(&columns, taken, spell).renamed;
    if renamed.is_empty() {
        return None;
    }
    let list: Vec<String> = renamed
        .iter()
        .map(|(from, to)| format!("'{from}' as '{to}'"))
        .collect();
    Some(format!("{format}: {why}, so it writes {}", list.join(", ")))
}

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
        assert_eq!(Value::Typed("1.5", AttrType::Double).text(), "1.5");
    }

    #[test]
    fn user_attributes_follow_the_built_in_ones() {
        let mut net = crate::network::full(&crate::model::Dataset::default());
        net.node_attrs = vec![AttrDef {
            name: "party".into(),
            ty: AttrType::String,
        }];
        let names: Vec<String> = node_columns(&net)
            .iter()
            .map(|c| c.name().to_string())
            .collect();
        assert_eq!(names.len(), NODE_ATTRS.len() + 1);
        assert_eq!(names.last().unwrap(), "party");
    }

    #[test]
    fn spelled_names_are_unique_and_renames_are_listed() {
        let mut net = crate::network::full(&crate::model::Dataset::default());
        net.node_attrs = ["a-b", "a_b", "id"]
            .into_iter()
            .map(|name| AttrDef {
                name: name.into(),
                ty: AttrType::String,
            })
            .collect();
        let columns = node_columns(&net);
        let s = spelled(&columns, &["id", "kind"], |n| n.replace('-', "_").into());
        let names: Vec<&str> = s.columns.iter().map(|c| c.name.as_str()).collect();
        assert_eq!(names[0], "kind_2");
        assert_eq!(&names[NODE_ATTRS.len()..], ["a_b", "a_b_2", "id_2"]);
        assert_eq!(s.renamed.len(), 4);
        fn spell(n: &str) -> std::borrow::Cow<'_, str> {
            n.replace('-', "_").into()
        }
        let notice = rename_notice(&net, "gml", "why", &["id"], spell).unwrap();
        assert_eq!(
            notice,
            "gml: why, so it writes 'a-b' as 'a_b', 'a_b' as 'a_b_2', 'id' as 'id_2'"
        );
        assert_eq!(rename_notice(&net, "gml", "why", &[], as_is), None);
    }
}
