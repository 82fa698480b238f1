//! The node and edge tables as Arrow record batches: the columns of the
//! Gephi tables with lower-case names and real types (counts as integers,
//! weights as doubles, dates as dates, user attributes as their type).
//! The Parquet writer writes them to files; the Python package hands them
//! to pandas through Arrow's C data interface.

use std::collections::HashMap;
use std::io;
use std::sync::Arc;

use arrow_array::builder::{
    BooleanBuilder, Date32Builder, Float64Builder, Int64Builder, StringBuilder,
};
use arrow_array::{ArrayRef, RecordBatch};
use arrow_schema::{DataType, Field, Schema, SchemaRef};

use crate::model::AttrType;
use crate::network::{EdgeData, Network, NodeData};

use super::attrs::{Column, Value, edge_columns, graph_attrs, node_columns};

/// Records per batch.
pub(crate) const BATCH: usize = 65_536;

/// One column being filled.
pub(crate) enum Builder {
    Text(StringBuilder),
    Whole(Int64Builder),
    Decimal(Float64Builder),
    Flag(BooleanBuilder),
    Day(Date32Builder),
}

impl Builder {
    /// The builder for a column of `ty`; built-in dates (`first_date`,
    /// `last_date`) are dates.
    fn new(name: &str, ty: AttrType) -> Builder {
        match ty {
            AttrType::String if matches!(name, "first_date" | "last_date") => {
                Builder::Day(Date32Builder::new())
            }
            AttrType::String => Builder::Text(StringBuilder::new()),
            AttrType::Int | AttrType::Long => Builder::Whole(Int64Builder::new()),
            AttrType::Double => Builder::Decimal(Float64Builder::new()),
            AttrType::Boolean => Builder::Flag(BooleanBuilder::new()),
        }
    }

    fn data_type(&self) -> DataType {
        match self {
            Builder::Text(_) => DataType::Utf8,
            Builder::Whole(_) => DataType::Int64,
            Builder::Decimal(_) => DataType::Float64,
            Builder::Flag(_) => DataType::Boolean,
            Builder::Day(_) => DataType::Date32,
        }
    }

    /// Appends a value (the loader checked that typed values parse; one
    /// that does not would be null, never a wrong number).
    fn push(&mut self, value: Option<Value<'_>>) {
        let text = |v: &Value<'_>| v.text();
        match (self, value) {
            (Builder::Text(b), Some(Value::Str(s) | Value::Typed(s, _))) => b.append_value(s),
            (Builder::Text(b), Some(v)) => b.append_value(text(&v)),
            (Builder::Whole(b), Some(Value::Int(n))) => b.append_option(i64::try_from(n).ok()),
            (Builder::Whole(b), Some(Value::Typed(s, _))) => b.append_option(s.parse().ok()),
            (Builder::Decimal(b), Some(Value::Typed(s, _))) => b.append_option(s.parse().ok()),
            (Builder::Decimal(b), Some(Value::Int(n))) => b.append_value(n as f64),
            (Builder::Flag(b), Some(Value::Typed(s, _))) => b.append_option(match s {
                "true" => Some(true),
                "false" => Some(false),
                _ => None,
            }),
            (Builder::Day(b), Some(Value::Date(d))) => {
                let epoch = chrono::NaiveDate::from_ymd_opt(1970, 1, 1).expect("a date");
                b.append_option(i32::try_from((d - epoch).num_days()).ok())
            }
            (Builder::Text(b), None) => b.append_null(),
            (Builder::Whole(b), _) => b.append_null(),
            (Builder::Decimal(b), _) => b.append_null(),
            (Builder::Flag(b), _) => b.append_null(),
            (Builder::Day(b), _) => b.append_null(),
        }
    }

    fn finish(&mut self) -> ArrayRef {
        match self {
            Builder::Text(b) => Arc::new(b.finish()),
            Builder::Whole(b) => Arc::new(b.finish()),
            Builder::Decimal(b) => Arc::new(b.finish()),
            Builder::Flag(b) => Arc::new(b.finish()),
            Builder::Day(b) => Arc::new(b.finish()),
        }
    }
}

fn io_error(e: impl std::error::Error + Send + Sync + 'static) -> io::Error {
    io::Error::other(e)
}

/// The network's own metadata, for a table's schema or file: its name,
/// whether its edges are directed, and its graph attributes, each under
/// `stancegraph.<name>`.
pub(crate) fn metadata(net: &Network) -> Vec<(String, String)> {
    [
        ("stancegraph.network".to_string(), net.name.clone()),
        ("stancegraph.directed".to_string(), net.directed.to_string()),
    ]
    .into_iter()
    .chain(
        graph_attrs(net)
            .into_iter()
            .map(|(name, _, value)| (format!("stancegraph.{name}"), value)),
    )
    .collect()
}

/// A table filled row by row and handed on in batches.
struct Table<'s> {
    schema: SchemaRef,
    columns: Vec<Builder>,
    rows: usize,
    sink: &'s mut dyn FnMut(RecordBatch) -> io::Result<()>,
}

impl<'s> Table<'s> {
    /// A table of these columns (name, builder; the first `keys` never
    /// null), its schema carrying the network's metadata.
    fn new(
        columns: Vec<(String, Builder)>,
        keys: usize,
        sink: &'s mut dyn FnMut(RecordBatch) -> io::Result<()>,
    ) -> Table<'s> {
        Table {
            schema: schema_of(&columns, keys),
            columns: columns.into_iter().map(|(_, b)| b).collect(),
            rows: 0,
            sink,
        }
    }

    /// Counts a row whose values were pushed; hands on a full batch.
    fn row_done(&mut self) -> io::Result<()> {
        self.rows += 1;
        if self.rows == BATCH {
            self.flush()?;
        }
        Ok(())
    }

    fn flush(&mut self) -> io::Result<()> {
        if self.rows == 0 {
            return Ok(());
        }
        let arrays: Vec<ArrayRef> = self.columns.iter_mut().map(Builder::finish).collect();
        let batch = RecordBatch::try_new(self.schema.clone(), arrays).map_err(io_error)?;
        (self.sink)(batch)?;
        self.rows = 0;
        Ok(())
    }

    /// Hands on the last rows.
    fn finish(mut self) -> io::Result<()> {
        self.flush()
    }
}

/// The nodes table's columns: `id`, `label`, then every node attribute.
fn node_table_columns(net: &Network) -> Vec<(String, Builder)> {
    let mut columns = vec![
        ("id".to_string(), Builder::Text(StringBuilder::new())),
        ("label".to_string(), Builder::Text(StringBuilder::new())),
    ];
    columns.extend(
        node_columns(net)
            .iter()
            .map(|a| (a.name().to_string(), Builder::new(a.name(), a.ty()))),
    );
    columns
}

/// The edges table's columns: `source`, `target` (node ids), `weight`,
/// then every edge attribute.
fn edge_table_columns(net: &Network) -> Vec<(String, Builder)> {
    let mut columns = vec![
        ("source".to_string(), Builder::Text(StringBuilder::new())),
        ("target".to_string(), Builder::Text(StringBuilder::new())),
        (
            "weight".to_string(),
            Builder::Decimal(Float64Builder::new()),
        ),
    ];
    columns.extend(
        edge_columns(net)
            .iter()
            .map(|a| (a.name.to_string(), Builder::new(a.name, a.ty))),
    );
    columns
}

/// The schema of a table of these columns (the first `keys` never null).
fn schema_of(columns: &[(String, Builder)], keys: usize) -> SchemaRef {
    let fields: Vec<Field> = columns
        .iter()
        .enumerate()
        .map(|(i, (name, b))| Field::new(name, b.data_type(), i >= keys))
        .collect();
    Arc::new(Schema::new(fields))
}

/// A table's schema and batches with the network's [`metadata`] in the
/// schema.
fn with_metadata(
    net: &Network,
    schema: SchemaRef,
    batches: Vec<RecordBatch>,
) -> io::Result<(SchemaRef, Vec<RecordBatch>)> {
    let meta: HashMap<String, String> = metadata(net).into_iter().collect();
    let schema = Arc::new(schema.as_ref().clone().with_metadata(meta));
    let batches = batches
        .into_iter()
        .map(|b| b.with_schema(schema.clone()).map_err(io_error))
        .collect::<io::Result<Vec<_>>>()?;
    Ok((schema, batches))
}

/// The nodes table's schema (without metadata).
pub fn node_schema(net: &Network) -> SchemaRef {
    schema_of(&node_table_columns(net), 2)
}

/// The edges table's schema (without metadata).
pub fn edge_schema(net: &Network) -> SchemaRef {
    schema_of(&edge_table_columns(net), 3)
}

/// The nodes table ([`node_schema`]), batch by batch into `sink`.
pub fn node_batches(
    net: &Network,
    sink: &mut dyn FnMut(RecordBatch) -> io::Result<()>,
) -> io::Result<()> {
    let attrs = node_columns(net);
    let mut table = Table::new(node_table_columns(net), 2, sink);
    for n in net.graph.node_weights() {
        let NodeData { id, label, .. } = n;
        table.columns[0].push(Some(Value::Str(id)));
        table.columns[1].push(Some(Value::Str(label)));
        for (b, a) in table.columns[2..].iter_mut().zip(&attrs) {
            b.push(a.get(n));
        }
        table.row_done()?;
    }
    table.finish()
}

/// The edges table ([`edge_schema`]), batch by batch into `sink`.
pub fn edge_batches(
    net: &Network,
    sink: &mut dyn FnMut(RecordBatch) -> io::Result<()>,
) -> io::Result<()> {
    let mut table = Table::new(edge_table_columns(net), 3, sink);
    let g = &net.graph;
    net.for_each_edge(|_, s, t, e: &EdgeData| {
        table.columns[0].push(Some(Value::Str(&g[s].id)));
        table.columns[1].push(Some(Value::Str(&g[t].id)));
        if let Builder::Decimal(b) = &mut table.columns[2] {
            b.append_value(e.weight);
        }
        for (b, a) in table.columns[3..].iter_mut().zip(edge_columns(net)) {
            b.push(a.get(e));
        }
        table.row_done()
    })?;
    table.finish()
}

/// The nodes table in memory: its schema (with the network's metadata)
/// and batches.
pub fn nodes(net: &Network) -> io::Result<(SchemaRef, Vec<RecordBatch>)> {
    let mut batches = Vec::new();
    node_batches(net, &mut |b| {
        batches.push(b);
        Ok(())
    })?;
    with_metadata(net, node_schema(net), batches)
}

/// The edges table in memory: its schema (with the network's metadata)
/// and batches.
pub fn edges(net: &Network) -> io::Result<(SchemaRef, Vec<RecordBatch>)> {
    let mut batches = Vec::new();
    edge_batches(net, &mut |b| {
        batches.push(b);
        Ok(())
    })?;
    with_metadata(net, edge_schema(net), batches)
}

/// The event list ([`super::statements`]) as one table in memory: every
/// column text but `date` (a date) and `count` (a whole number); empty
/// values are nulls.
pub fn statements(ds: &crate::model::Dataset) -> io::Result<(SchemaRef, Vec<RecordBatch>)> {
    let names = super::statements::header(ds);
    let mut columns: Vec<(String, Builder)> = names
        .iter()
        .map(|n| {
            let b = match n.as_str() {
                "date" => Builder::Day(Date32Builder::new()),
                "count" => Builder::Whole(Int64Builder::new()),
                _ => Builder::Text(StringBuilder::new()),
            };
            (n.clone(), b)
        })
        .collect();
    let schema = schema_of(&columns, 0);
    let mut batches = Vec::new();
    let mut rows = 0;
    super::statements::each_row(ds, |row| {
        for ((_, b), value) in columns.iter_mut().zip(row) {
            match b {
                _ if value.is_empty() => b.push(None),
                Builder::Day(_) => {
                    let date = value.parse().ok().map(Value::Date);
                    b.push(date);
                }
                Builder::Whole(_) => b.push(value.parse().ok().map(Value::Int)),
                _ => b.push(Some(Value::Str(value))),
            }
        }
        rows += 1;
        if rows == BATCH {
            let arrays: Vec<ArrayRef> = columns.iter_mut().map(|(_, b)| b.finish()).collect();
            batches.push(RecordBatch::try_new(schema.clone(), arrays).map_err(io_error)?);
            rows = 0;
        }
        Ok(())
    })?;
    if rows > 0 || batches.is_empty() {
        let arrays: Vec<ArrayRef> = columns.iter_mut().map(|(_, b)| b.finish()).collect();
        batches.push(RecordBatch::try_new(schema.clone(), arrays).map_err(io_error)?);
    }
    Ok((schema, batches))
}
