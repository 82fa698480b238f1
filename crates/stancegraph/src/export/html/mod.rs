//! The HTML view (`-f html`, `<network>.html`): one self-contained page
//! that works offline. The network is laid out before the page is written,
//! by the layout its caller gives (the run asks Graphviz when it is
//! installed and the network small; the default is the spring layout in
//! Rust; the writer starts no process), and drawn on a canvas by a small
//! script in the page (`html/view.js`, written for stancegraph; no library
//! is fetched or embedded): zoom and pan, a click on a node or an edge shows its
//! attributes and the statements behind it with their quotes, a search box,
//! filters by relation and topic, a legend, and for dated data a time
//! slider.
//!
//! Every label and quote reaches the page as JSON inside a
//! `<script type="application/json">` element, with `<`, `>` and `&`
//! escaped, and the script shows text only through `textContent` and the
//! canvas: a label cannot become markup or code.

mod page;
mod series;
mod template;

use std::io::{self, Write};

use crate::layout::Positions;
use crate::model::Dataset;
use crate::network::Network;

use page::{Page, page};
use template::Value;

/// The most edges the page draws: a bigger network shows its strongest.
pub const MAX_EDGES: usize = 20_000;
/// How many statements the page lists for its nodes in all, and again for
/// its edges: each node lists its first statements, at most
/// `LISTED / nodes` of them (at least 5, at most 200), each edge at most
/// `LISTED / edges` (at least 3, at most 50); the page says how many there
/// are. A big network's page stays tens of megabytes.
pub const LISTED: usize = 50_000;

/// Writes the page's JSON for embedding: `<`, `>` and `&` as `\u` escapes,
/// so that no text can close the script element or open a comment.
/// Escaped while serde writes it, straight into the page: the data is
/// never held whole.
fn write_embedded_json(page: &Page<'_>, w: &mut dyn Write) -> io::Result<()> {
    /// Bytes as serde_json writes them, `<`, `>` and `&` escaped.
    struct Escaping<'w>(&'w mut dyn Write);
    impl Write for Escaping<'_> {
        fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
            let mut rest = buf;
            while let Some(i) = rest.iter().position(|b| matches!(b, b'<' | b'>' | b'&')) {
                self.0.write_all(&rest[..i])?;
                self.0.write_all(match rest[i] {
                    b'<' => b"\\u003c",
                    b'>' => b"\\u003e",
                    _ => b"\\u0026",
                })?;
                rest = &rest[i + 1..];
            }
            self.0.write_all(rest)?;
            Ok(buf.len())
        }
        fn flush(&mut self) -> io::Result<()> {
            self.0.flush()
        }
    }
    serde_json::to_writer(Escaping(w), page).map_err(io::Error::from)
}

/// Appends `text` with each byte that `replace` names replaced, copying
/// the runs between them as they are: one scan. Only ASCII bytes may be
/// named, so cuts fall between characters.
fn push_replacing(out: &mut String, text: &str, replace: impl Fn(u8) -> Option<&'static str>) {
    let mut rest = text;
    while let Some((i, with)) = rest
        .bytes()
        .enumerate()
        .find_map(|(i, b)| replace(b).map(|with| (i, with)))
    {
        out.push_str(&rest[..i]);
        out.push_str(with);
        rest = &rest[i + 1..];
    }
    out.push_str(rest);
}

/// Escapes text for HTML element content and attribute values.
pub(crate) fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    push_replacing(&mut out, text, |b| match b {
        b'<' => Some("&lt;"),
        b'>' => Some("&gt;"),
        b'&' => Some("&amp;"),
        b'"' => Some("&quot;"),
        b'\'' => Some("&#39;"),
        _ => None,
    });
    out
}

/// The page around the data: markup, style and script.
const TEMPLATE: &str = include_str!("view.html");
const STYLE: &str = include_str!("view.css");
const SCRIPT: &str = include_str!("view.js");

/// What the script's `/*@coalition-…*/` hooks become when the network has
/// coalitions: a filter to one coalition. Without coalitions the hooks go,
/// and the page is what it was before coalitions existed, byte for byte.
const COALITION_HOOKS: [(&str, &str); 3] = [
    ("/*@coalition-active*/", " || Boolean(state.coalition)"),
    (
        "/*@coalition-edge*/",
        "\n    if (state.coalition && !coalitionEdge(e)) return false;",
    ),
    ("/*@coalition-init*/", include_str!("coalitions.js")),
];

/// The script, its coalition hooks filled or removed.
fn script(coalitions: bool) -> String {
    let mut out = SCRIPT.to_string();
    for (hook, code) in COALITION_HOOKS {
        out = out.replace(hook, if coalitions { code } else { "" });
    }
    out
}

/// Writes the HTML view of a network built from the statements of `ds`,
/// laid out by `layout` (called once, with the network the view shows).
/// Networks with more than [`MAX_EDGES`] edges show their strongest.
pub fn write(
    net: &Network,
    ds: &Dataset,
    layout: &dyn Fn(&Network) -> Positions,
    w: &mut dyn Write,
) -> io::Result<()> {
    let total = net.edge_count();
    // The view holds its edges: at most MAX_EDGES, chosen without holding
    // more.
    let shown = net.strongest(MAX_EDGES);
    let positions = layout(&shown);
    if positions.xy.len() != shown.graph.node_count() {
        return Err(io::Error::new(
            io::ErrorKind::InvalidInput,
            format!(
                "the layout gave {} positions for {} nodes",
                positions.xy.len(),
                shown.graph.node_count()
            ),
        ));
    }
    let page = page(&shown, ds, total, positions);
    fill(&page, shown.coalitions.is_some(), w)
}

/// The page's template filled with its data, style and script (the
/// coalition code when the network has coalitions).
fn fill(page: &Page<'_>, coalitions: bool, w: &mut dyn Write) -> io::Result<()> {
    let title = escape(&page.title);
    let script = script(coalitions);
    let data = |w: &mut dyn Write| write_embedded_json(page, w);
    template::fill(
        TEMPLATE,
        &[
            ("title", Value::Text(&title)),
            ("style", Value::Text(STYLE)),
            ("data", Value::Writer(&data)),
            ("script", Value::Text(&script)),
        ],
        w,
    )
}

/// Writes one HTML view that plays a series of kernel slices: laid out
/// once, on the union of their nodes and edges (each edge with its
/// strongest slice's data), so that nodes stay put; every edge carries its
/// weight in each slice. Self-loops (an actor's own kernel weight) are
/// left out: the view draws ties between two nodes.
pub fn write_series(
    nets: &[&Network],
    ds: &Dataset,
    layout: &dyn Fn(&Network) -> Positions,
    w: &mut dyn Write,
) -> io::Result<()> {
    let (union, weights) = series::union(nets);
    let positions = layout(&union);
    let total = union.edge_count();
    let mut page = page(&union, ds, total, positions);
    page.play(
        series::slices(nets),
        weights,
        series::coalitions(&union, nets),
    );
    fill(&page, union.coalitions.is_some(), w)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load::seed;

    #[test]
    fn the_embedded_data_cannot_close_its_script_element() {
        let mut ds = seed();
        ds.actors[0].label = "</script><script>alert(1)</script>".into();
        ds.stances[0].label = "\" onmouseover=\"alert(1)".into();
        ds.statements[0].quote = Some("<!-- & -->".into());
        let net = crate::network::full(&ds);
        let mut out = Vec::new();
        write(&net, &ds, &crate::layout::spring, &mut out).unwrap();
        let html = String::from_utf8(out).unwrap();
        // One script element of data and one of code, nothing else.
        assert_eq!(html.matches("<script").count(), 2, "{html}");
        assert_eq!(html.matches("</script>").count(), 2);
        assert!(!html.contains("<!--"));
        let start = html.find("id=\"sg-data\">").unwrap() + "id=\"sg-data\">".len();
        let end = start + html[start..].find("</script>").unwrap();
        let data: serde_json::Value = serde_json::from_str(&html[start..end]).unwrap();
        assert_eq!(
            data["nodes"][0]["label"],
            "</script><script>alert(1)</script>"
        );
        let labels: Vec<&str> = data["nodes"]
            .as_array()
            .unwrap()
            .iter()
            .map(|n| n["label"].as_str().unwrap())
            .collect();
        assert!(labels.contains(&"\" onmouseover=\"alert(1)"));
    }

    #[test]
    fn escape_covers_markup_and_both_quotes() {
        assert_eq!(
            escape(r#"<b>"x" & 'y'</b>"#),
            "&lt;b&gt;&quot;x&quot; &amp; &#39;y&#39;&lt;/b&gt;"
        );
    }
}
