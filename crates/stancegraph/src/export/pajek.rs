//! Pajek `.net`, UTF-8: the vertices with their labels, then the arcs
//! (two-mode networks) or edges (one-mode) with their weights and
//! relations:
//!
//! ```text
//! *Network full
//! *Vertices 3
//! 1 "Jean-Noël Barrot"
//! ...
//! *Arcs
//! 1 3 2 l "agree"
//! ```
//!
//! igraph's `Read_Pajek` reads the labels as vertex names and `l` as the
//! edge label; NetworkX's `read_pajek` keys nodes by label. Pajek has no
//! escape in a quoted label, so labels are on one line and have no double
//! quotes ([`crate::export::one_line`]); backslashes stay as they are, as igraph reads
//! them (NetworkX reads `\\` as one backslash and fails on a label that
//! ends in one).

use std::io::{self, Write};

use crate::network::Network;

use super::label::one_line;
use super::write_weight;

/// Writes the network in Pajek's format.
pub fn write(net: &Network, w: &mut dyn Write) -> io::Result<()> {
    let g = &net.graph;
    let mut buf = String::new();
    // A network name is one word to Pajek.
    let name: String = net
        .name
        .chars()
        .map(|c| if c.is_whitespace() { '_' } else { c })
        .collect();
    buf.push_str(&format!("*Network {name}\n*Vertices {}\n", g.node_count()));
    w.write_all(buf.as_bytes())?;
    for (i, n) in g.node_weights().enumerate() {
        buf.clear();
        buf.push_str(&(i + 1).to_string());
        buf.push_str(" \"");
        buf.push_str(&one_line(&n.label));
        buf.push_str("\"\n");
        w.write_all(buf.as_bytes())?;
    }
    w.write_all(if net.directed {
        b"*Arcs\n"
    } else {
        b"*Edges\n"
    })?;
    net.for_each_edge(|_, s, t, d| {
        buf.clear();
        let mut number = itoa::Buffer::new();
        buf.push_str(number.format(s.index() + 1));
        buf.push(' ');
        buf.push_str(number.format(t.index() + 1));
        buf.push(' ');
        write_weight(d.weight, &mut buf);
        buf.push_str(" l \"");
        buf.push_str(d.relation.as_str());
        buf.push_str("\"\n");
        w.write_all(buf.as_bytes())
    })
}
