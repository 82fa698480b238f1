//! UCINET DL, full matrix with labels, as DNA writes it:
//!
//! ```text
//! dl n = 3
//! format = fullmatrix
//! labels:
//! barrot
//! "Jean-Noël Barrot"
//! ...
//! data:
//! 0 2 1
//! ...
//! ```
//!
//! Two-mode networks write `dl nr = R, nc = C` with `row labels:` and
//! `col labels:`. The cells are those of the adjacency matrix
//! ([`super::matrix`]). Each keyword has its own line, which UCINET reads
//! and igraph's reader needs. UCINET separates labels by spaces, commas and
//! `=`, and reads `data:` or `labels:` on a line as keywords, so a label
//! holding one of those separators or ending in `:` is quoted; any other
//! label is written bare, as igraph (which keeps quotes as part of a name)
//! reads it. Labels
//! are on one line and have no double quotes ([`crate::export::one_line`]).
//! UCINET itself reads no Unicode (DNA issue #40); the file is UTF-8.

use std::io::{self, Write};

use crate::network::Network;

use super::label::one_line;
use super::matrix::Matrix;
use super::write_weight;

/// Appends a label: bare when it holds no separator, else quoted.
fn push_label(out: &mut String, label: &str) {
    let label = one_line(label);
    if label.is_empty() || label.ends_with(':') || label.contains([' ', '\t', ',', '=', '\u{a0}']) {
        out.push('"');
        out.push_str(&label);
        out.push('"');
    } else {
        out.push_str(&label);
    }
    out.push('\n');
}

/// Writes the network as a DL full matrix.
pub fn write(net: &Network, w: &mut dyn Write) -> io::Result<()> {
    let g = &net.graph;
    let m = Matrix::new(net);
    let mut buf = String::new();
    if m.two_mode {
        buf.push_str(&format!(
            "dl nr = {}, nc = {}\nformat = fullmatrix\nrow labels:\n",
            m.rows.len(),
            m.cols.len()
        ));
        for n in &m.rows {
            push_label(&mut buf, &g[*n].label);
        }
        buf.push_str("col labels:\n");
        for n in &m.cols {
            push_label(&mut buf, &g[*n].label);
        }
    } else {
        buf.push_str(&format!(
            "dl n = {}\nformat = fullmatrix\nlabels:\n",
            m.rows.len()
        ));
        for n in &m.rows {
            push_label(&mut buf, &g[*n].label);
        }
    }
    buf.push_str("data:\n");
    w.write_all(buf.as_bytes())?;
    for r in 0..m.rows.len() {
        buf.clear();
        let mut first = true;
        m.row(r, |weight| {
            if !first {
                buf.push(' ');
            }
            first = false;
            write_weight(weight, &mut buf);
            Ok(())
        })?;
        buf.push('\n');
        w.write_all(buf.as_bytes())?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_with_separators_are_quoted() {
        let mut out = String::new();
        for label in [
            "plain",
            "Jean-Noël Barrot",
            "a,b",
            "x=y",
            "say \"hi\"",
            "",
            "data:",
        ] {
            push_label(&mut out, label);
        }
        assert_eq!(
            out,
            "plain\n\"Jean-Noël Barrot\"\n\"a,b\"\n\"x=y\"\n\"say 'hi'\"\n\"\"\n\"data:\"\n"
        );
    }
}
