//! Parquet node and edge tables (`<network>.nodes.parquet`,
//! `<network>.edges.parquet`) for pandas, Polars, DuckDB and Spark: the
//! Arrow tables of [`super::arrow`], Snappy-compressed, written in batches
//! so that a streamed network never sits in memory. The file's metadata
//! says which network it is and whether its edges are directed.

use std::io::{self, Write};

use arrow_array::RecordBatch;
use parquet::arrow::ArrowWriter;
use parquet::basic::Compression;
use parquet::file::metadata::KeyValue;
use parquet::file::properties::WriterProperties;

use crate::network::Network;

use super::arrow::{edge_batches, edge_schema, metadata, node_batches, node_schema};

fn io_error(e: impl std::error::Error + Send + Sync + 'static) -> io::Error {
    io::Error::other(e)
}

/// Writes the nodes table (`nodes`) or the edges table. The file is made
/// in memory (the Parquet writer needs a writer it may send between
/// threads), then written to `w`: it takes as much memory as the file.
pub fn write(net: &Network, nodes: bool, w: &mut dyn Write) -> io::Result<()> {
    let mut file = Vec::new();
    let props = WriterProperties::builder()
        .set_compression(Compression::SNAPPY)
        .set_created_by(format!("stancegraph {}", env!("CARGO_PKG_VERSION")))
        .set_key_value_metadata(Some(
            metadata(net)
                .into_iter()
                .map(|(k, v)| KeyValue::new(k, v))
                .collect(),
        ))
        .build();
    let schema = if nodes {
        node_schema(net)
    } else {
        edge_schema(net)
    };
    let mut writer = ArrowWriter::try_new(&mut file, schema, Some(props)).map_err(io_error)?;
    let mut sink = |batch: RecordBatch| writer.write(&batch).map_err(io_error);
    if nodes {
        node_batches(net, &mut sink)?;
    } else {
        edge_batches(net, &mut sink)?;
    }
    writer.close().map_err(io_error)?;
    w.write_all(&file)
}
