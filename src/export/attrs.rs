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

/// An attribute value.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    /// Text.
    Str(String),
    /// A whole number.
    Int(u64),
}

impl Value {
    /// The value as text, as CSV, GraphML and GEXF write it.
    pub fn text(&self) -> String {
        match self {
            Value::Str(s) => s.clone(),
            Value::Int(n) => n.to_string(),
        }
    }

    /// The value as JSON.
    pub fn json(&self) -> serde_json::Value {
        match self {
            Value::Str(s) => serde_json::Value::from(s.as_str()),
            Value::Int(n) => serde_json::Value::from(*n),
        }
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
    pub get: fn(&T) -> Option<Value>,
}

fn text(s: &Option<String>) -> Option<Value> {
    s.clone().map(Value::Str)
}

fn date(d: Option<chrono::NaiveDate>) -> Option<Value> {
    d.map(|d| Value::Str(d.to_string()))
}

/// The node attributes, in output order.
pub const NODE_ATTRS: [Attr<NodeData>; 7] = [
    Attr {
        name: "kind",
        ty: AttrType::String,
        get: |n| Some(Value::Str(n.kind.as_str().to_string())),
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
        get: |e| Some(Value::Str(e.relation.as_str().to_string())),
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
