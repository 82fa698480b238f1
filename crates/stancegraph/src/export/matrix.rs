//! The adjacency matrix as CSV, as DNA writes it for R, UCINET and visone:
//! labels in the first row and the first column, one weight per cell, 0
//! where there is no edge. [`Matrix`] is also what the UCINET DL writer
//! prints.
//!
//! Two-mode networks (actors and stances, no countries) are written as DNA
//! writes them: a row per actor, a column per stance. One-mode networks are
//! square and symmetric. A `full` network whose actors belong to countries
//! has three kinds of node, so it is square over all its nodes, row to
//! column, as are networks with actor → target edges (the interaction
//! network, and the full network of statements with targets). A cell holds
//! one number: where a pair has both an agree and a
//! disagree edge, the cell holds their sum, and the export says so
//! (`--qualifier subtract` or `combine` chooses another way to join them).
//!
//! The CSV is strict RFC 4180, like the event list; the matrix is never in
//! memory whole, only its edges: a network of n nodes writes n² cells.

use crate::choice::Spelling;
use crate::notice::{Notice, NoticeKind};
use std::io::{self, Write};

use petgraph::graph::NodeIndex;

use crate::network::{Network, NodeKind, Relation};

use super::csv::{CsvOptions, Dialect, Table};
use super::write_weight;

/// A network as a matrix: its rows, its columns and the non-zero cells.
pub struct Matrix {
    /// The nodes of the rows, in network order.
    pub rows: Vec<NodeIndex>,
    /// The nodes of the columns, in network order.
    pub cols: Vec<NodeIndex>,
    /// Whether rows and columns are different nodes (actors × stances).
    pub two_mode: bool,
    /// Per row, its cells with an edge: (column, weight), by column.
    cells: Vec<Vec<(usize, f64)>>,
    /// How many cells hold the sum of more than one edge.
    pub summed: usize,
}

impl Matrix {
    /// The matrix of a network.
    pub fn new(net: &Network) -> Matrix {
        let g = &net.graph;
        // Actor → target edges join actors: square, row to column.
        let two_mode = net.directed
            && !net.interaction
            && !g
                .edge_weights()
                .any(|e| e.relation == Relation::Affiliation);
        let (rows, cols): (Vec<NodeIndex>, Vec<NodeIndex>) = if two_mode {
            let is_stance = |n: &NodeIndex| g[*n].kind == NodeKind::Stance;
            (
                g.node_indices().filter(|n| !is_stance(n)).collect(),
                g.node_indices().filter(is_stance).collect(),
            )
        } else {
            (g.node_indices().collect(), g.node_indices().collect())
        };
        let position = |order: &[NodeIndex]| {
            let mut at = vec![usize::MAX; g.node_count()];
            for (i, n) in order.iter().enumerate() {
                at[n.index()] = i;
            }
            at
        };
        let (row_at, col_at) = (position(&rows), position(&cols));
        let mut entries: Vec<(usize, usize, f64)> = Vec::with_capacity(net.edge_count());
        net.for_each_edge(|_, s, t, d| {
            let (r, c) = (row_at[s.index()], col_at[t.index()]);
            // Two-mode rows hold no stance: an edge into an actor has no cell.
            if r != usize::MAX && c != usize::MAX {
                entries.push((r, c, d.weight));
            }
            Ok(())
        })
        .expect("a pass in memory does not fail");
        entries.sort_by_key(|&(r, c, _)| (r, c));
        let mut cells: Vec<Vec<(usize, f64)>> = vec![Vec::new(); rows.len()];
        let mut summed = 0;
        let mut last: Option<(usize, usize)> = None;
        for (r, c, w) in entries {
            if last == Some((r, c)) {
                cells[r].last_mut().expect("the cell just pushed").1 += w;
                summed += 1;
            } else {
                cells[r].push((c, w));
            }
            last = Some((r, c));
        }
        if !net.directed {
            // One-mode ties hold both ways.
            let mirrored: Vec<(usize, usize, f64)> = cells
                .iter()
                .enumerate()
                .flat_map(|(r, row)| row.iter().map(move |&(c, w)| (c, r, w)))
                .filter(|&(r, c, _)| r != c)
                .collect();
            for (r, c, w) in mirrored {
                cells[r].push((c, w));
            }
            for row in &mut cells {
                row.sort_by_key(|&(c, _)| c);
            }
        }
        Matrix {
            rows,
            cols,
            two_mode,
            cells,
            summed,
        }
    }

    /// Calls `cell` with each weight of row `r`, column by column, 0 where
    /// there is no edge.
    pub fn row(&self, r: usize, mut cell: impl FnMut(f64) -> io::Result<()>) -> io::Result<()> {
        let mut next = self.cells[r].iter().peekable();
        for c in 0..self.cols.len() {
            match next.peek() {
                Some(&&(at, w)) if at == c => {
                    next.next();
                    cell(w)?;
                }
                _ => cell(0.0)?,
            }
        }
        Ok(())
    }
}

/// The notices for a matrix: cells that join parallel edges, and a size
/// that a user should know before waiting for it.
pub fn notices(format: &str, net: &Network, spelling: Spelling) -> Vec<Notice> {
    let m = Matrix::new(net);
    let mut out = Vec::new();
    if m.summed > 0 {
        let one = m.summed == 1;
        let text = format!(
            "{format}: {} cell{} of the {} matrix join{} an agree and a disagree edge and hold{} their sum ({} subtract or combine joins them otherwise)",
            m.summed,
            if one { "" } else { "s" },
            net.name,
            if one { "s" } else { "" },
            if one { "s" } else { "" },
            spelling.option("qualifier"),
        );
        out.push(Notice::new(NoticeKind::Joined, text));
    }
    // Each cell takes at least two bytes ("0,").
    let cells = m.rows.len() as u64 * m.cols.len() as u64;
    if cells >= BIG_CELLS {
        let text = format!(
            "{format}: the {} matrix has {} × {} cells, so the file takes at least {:.1} GB",
            net.name,
            m.rows.len(),
            m.cols.len(),
            (2 * cells) as f64 / 1e9
        );
        out.push(Notice::new(NoticeKind::Size, text));
    }
    out
}

/// From this many cells on, the export says how big the file will be.
pub const BIG_CELLS: u64 = 50_000_000;

/// Writes the matrix as CSV: an empty corner, the column labels, then per
/// row its label and its weights.
pub fn write(net: &Network, opts: &CsvOptions, w: &mut dyn Write) -> io::Result<()> {
    let g = &net.graph;
    let m = Matrix::new(net);
    // Labels exactly as they are, for R and UCINET: strict RFC 4180.
    let opts = CsvOptions {
        dialect: Dialect::Rfc4180,
        ..*opts
    };
    let mut table = Table::new(w, opts);
    table.plain(b"")?;
    for c in &m.cols {
        table.text(&g[*c].label)?;
    }
    table.end()?;
    let mut buf = String::new();
    for (r, n) in m.rows.iter().enumerate() {
        table.text(&g[*n].label)?;
        m.row(r, |weight| {
            buf.clear();
            write_weight(weight, &mut buf);
            table.plain(buf.as_bytes())
        })?;
        table.end()?;
    }
    table.finish()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::network::NodeData;

    fn actors(n: usize) -> Network {
        let mut graph = petgraph::graph::DiGraph::new();
        for i in 0..n {
            graph.add_node(NodeData {
                statements: 1,
                ..NodeData::new(format!("a{i}"), format!("A{i}"), NodeKind::Person)
            });
        }
        Network::new("congruence", false, graph, Vec::new())
    }

    #[test]
    fn a_big_matrix_says_how_big_before_it_is_written() {
        let side = (BIG_CELLS as f64).sqrt().ceil() as usize;
        assert_eq!(
            notices("matrix", &actors(side), Spelling::PLAIN),
            [Notice::new(
                NoticeKind::Size,
                format!(
                    "matrix: the congruence matrix has {side} × {side} cells, so the file takes at least 0.1 GB"
                )
            )]
        );
        assert!(notices("matrix", &actors(100), Spelling::PLAIN).is_empty());
    }
}
