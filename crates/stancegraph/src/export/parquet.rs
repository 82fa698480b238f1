//! Parquet node and edge tables (`<network>.nodes.parquet`,
//! `<network>.edges.parquet`) for pandas, Polars, DuckDB and Spark: the
//! columns of the Gephi tables with lower-case names and real types
//! (counts as integers, weights as doubles, dates as dates, user
//! attributes as their type), Snappy-compressed, written in batches so
//! that a streamed network never sits in memory. The file's metadata says
//! which network it is and whether its edges are directed.

use std::io::{self, Write};
use std::sync::Arc;

use arrow_array::builder::{
    BooleanBuilder, Date32Builder, Float64Builder, Int64Builder, StringBuilder,
};
use arrow_array::{ArrayRef, RecordBatch};
use arrow_schema::{DataType, Field, Schema, SchemaRef};
use parquet::arrow::ArrowWriter;
use parquet::basic::Compression;
use parquet::file::metadata::KeyValue;
use parquet::file::properties::WriterProperties;

use crate::model::AttrType;
use crate::network::{EdgeData, Network, NodeData};

use super::attrs::{Column, EDGE_ATTRS, Value, graph_attrs, node_columns};

/// Records per batch written.
const BATCH: usize = 65_536;

/// One column being filled.
enum Builder {
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

/// A table written batch by batch.
struct Table<'w> {
    schema: SchemaRef,
    columns: Vec<Builder>,
    rows: usize,
    writer: ArrowWriter<&'w mut Vec<u8>>,
}

fn io_error(e: impl std::error::Error + Send + Sync + 'static) -> io::Error {
    io::Error::other(e)
}

impl<'w> Table<'w> {
    /// Starts a table of these columns (name, builder; the first `keys`
    /// never null).
    fn new(
        net: &Network,
        columns: Vec<(String, Builder)>,
        keys: usize,
        w: &'w mut Vec<u8>,
    ) -> io::Result<Table<'w>> {
        let fields: Vec<Field> = columns
            .iter()
            .enumerate()
            .map(|(i, (name, b))| Field::new(name, b.data_type(), i >= keys))
            .collect();
        let schema = Arc::new(Schema::new(fields));
        let props =
            WriterProperties::builder()
                .set_compression(Compression::SNAPPY)
                .set_created_by(format!("stancegraph {}", env!("CARGO_PKG_VERSION")))
                .set_key_value_metadata(Some(
                    [
                        KeyValue::new("stancegraph.network".into(), net.name.clone()),
                        KeyValue::new("stancegraph.directed".into(), net.directed.to_string()),
                    ]
                    .into_iter()
                    .chain(graph_attrs(net).into_iter().map(|(name, _, value)| {
                        KeyValue::new(format!("stancegraph.{name}"), value)
                    }))
                    .collect(),
                ))
                .build();
        let writer = ArrowWriter::try_new(w, schema.clone(), Some(props)).map_err(io_error)?;
        Ok(Table {
            schema,
            columns: columns.into_iter().map(|(_, b)| b).collect(),
            rows: 0,
            writer,
        })
    }

    /// Counts a row whose values were pushed; writes a full batch.
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
        self.writer.write(&batch).map_err(io_error)?;
        self.rows = 0;
        Ok(())
    }

    fn finish(mut self) -> io::Result<()> {
        self.flush()?;
        self.writer.close().map_err(io_error)?;
        Ok(())
    }
}

/// Writes the nodes table (`nodes`) or the edges table. The file is made
/// in memory (the Parquet writer needs a writer it may send between
/// threads), then written to `w`: it takes as much memory as the file.
pub fn write(net: &Network, nodes: bool, w: &mut dyn Write) -> io::Result<()> {
    let mut file = Vec::new();
    if nodes {
        write_nodes(net, &mut file)?;
    } else {
        write_edges(net, &mut file)?;
    }
    w.write_all(&file)
}

/// Writes the nodes table: `id`, `label`, then every node attribute.
fn write_nodes(net: &Network, w: &mut Vec<u8>) -> io::Result<()> {
    let attrs = node_columns(net);
    let mut columns = vec![
        ("id".to_string(), Builder::Text(StringBuilder::new())),
        ("label".to_string(), Builder::Text(StringBuilder::new())),
    ];
    columns.extend(
        attrs
            .iter()
            .map(|a| (a.name().to_string(), Builder::new(a.name(), a.ty()))),
    );
    let mut table = Table::new(net, columns, 2, w)?;
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

/// Writes the edges table: `source`, `target` (node ids), `weight`, then
/// every edge attribute.
fn write_edges(net: &Network, w: &mut Vec<u8>) -> io::Result<()> {
    let mut columns = vec![
        ("source".to_string(), Builder::Text(StringBuilder::new())),
        ("target".to_string(), Builder::Text(StringBuilder::new())),
        (
            "weight".to_string(),
            Builder::Decimal(Float64Builder::new()),
        ),
    ];
    columns.extend(
        EDGE_ATTRS
            .iter()
            .map(|a| (a.name.to_string(), Builder::new(a.name, a.ty))),
    );
    let mut table = Table::new(net, columns, 3, w)?;
    let g = &net.graph;
    net.for_each_edge(|_, s, t, e: &EdgeData| {
        table.columns[0].push(Some(Value::Str(&g[s].id)));
        table.columns[1].push(Some(Value::Str(&g[t].id)));
        if let Builder::Decimal(b) = &mut table.columns[2] {
            b.append_value(e.weight);
        }
        for (b, a) in table.columns[3..].iter_mut().zip(&EDGE_ATTRS) {
            b.push(a.get(e));
        }
        table.row_done()
    })?;
    table.finish()
}
