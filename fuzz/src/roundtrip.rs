//! The escaping round trip of every writer: a dataset whose actor, stance,
//! quote and attribute value are arbitrary text is written in every format,
//! and each file is read back by that format's parser (the csv crate with
//! Gephi's escape, graphviz-rust's DOT parser, quick-xml with XML 1.0's
//! normalization, serde_json, and the line grammars of GML, Pajek and DL).
//! Each value must come back exactly, or as the format's documented
//! replacement: XML's U+FFFD for the control characters XML 1.0 cannot
//! hold, DOT's one kind of line break, Pajek's and DL's one-line labels
//! without double quotes.

use crate::dot::unquote;
use graphviz_rust::dot_structures::{Attribute, EdgeTy, Graph, Id, Stmt};
use quick_xml::events::Event;
use stancegraph::export::Format;
use stancegraph::export::one_line;
use stancegraph::load::load_json_bytes;
use stancegraph::names::is_id_char;
use stancegraph::network;

/// The default format options: the HTML view laid out by the spring
/// layout, without Graphviz (a run of an outside program per input would
/// slow a fuzzer down a hundredfold).
pub fn spring() -> stancegraph::export::Options {
    stancegraph::export::Options::default()
}

/// The values the files must hold.
struct Expected {
    actor: String,
    stance: String,
    quote: Option<String>,
    party: Option<String>,
}

impl Expected {
    /// Every value that a format with attributes holds.
    fn values(&self) -> impl Iterator<Item = &String> {
        [
            Some(&self.actor),
            Some(&self.stance),
            self.quote.as_ref(),
            self.party.as_ref(),
        ]
        .into_iter()
        .flatten()
    }
}

/// Loads a dataset of one statement with these texts and checks every
/// format's round trip. Returns false when the loader rejects the texts
/// (which it must do with an error, not a panic); panics on a value that
/// does not come back.
pub fn check(actor: &str, stance: &str, quote: &str, party: &str) -> bool {
    let doc = serde_json::json!({
        "statements": [{"actor": actor, "stance": stance, "agree": "yes", "quote": quote}],
        "actors": [{"label": actor, "party": party}],
    });
    let bytes = serde_json::to_vec(&doc).expect("a JSON value");
    let Ok(loaded) = load_json_bytes("roundtrip.json", &bytes) else {
        return false;
    };
    let ds = &loaded.dataset;
    if ds.actors.len() != 1 || ds.stances.len() != 1 {
        // The actor and the stance share a name's id: still fine, but
        // the checks below want one of each.
        return false;
    }
    let expected = Expected {
        actor: ds.actors[0].label.clone(),
        stance: ds.stances[0].label.clone(),
        quote: ds.statements[0].quote.as_deref().map(str::to_string),
        // Typed values are written as numbers or booleans where a format
        // has them: only text is checked as text.
        party: ds
            .actor_attrs
            .first()
            .filter(|d| d.ty == stancegraph::model::AttrType::String)
            .and(ds.actors[0].attrs.first().cloned().flatten()),
    };
    let net = network::full(ds);
    for node in net.graph.node_weights() {
        assert!(
            !node.id.is_empty() && node.id.chars().all(is_id_char),
            "id {:?}",
            node.id
        );
    }
    // Parquet is binary, and read back by DuckDB and pandas in
    // tests/parquet.rs.
    for format in Format::EVERY.into_iter().filter(|f| *f != Format::Parquet) {
        for &part in format.parts() {
            let suffix = format.suffix(part);
            let mut out = Vec::new();
            format
                .write_part(&net, ds, &spring(), part, &mut out)
                .expect("writing to memory");
            let text = String::from_utf8(out).expect("every format writes UTF-8");
            read_back(format, suffix, &text, &expected);
        }
    }
    true
}

fn read_back(format: Format, suffix: &str, text: &str, e: &Expected) {
    match (format, suffix) {
        (Format::Parquet, _) => unreachable!("Parquet is binary"),
        (Format::Csv, "nodes.csv") => {
            let table = csv_table(text, true);
            assert!(column(&table, "Label").contains(&e.actor.as_str()));
            assert!(column(&table, "Label").contains(&e.stance.as_str()));
            if let Some(p) = &e.party {
                assert!(column(&table, "party").contains(&p.as_str()));
            }
        }
        (Format::Csv, _) => {
            let table = csv_table(text, true);
            assert_eq!(column(&table, "quote"), [e.quote.as_deref().unwrap_or("")]);
        }
        (Format::Statements, _) => {
            let table = csv_table(text, false);
            assert_eq!(column(&table, "actor_label"), [e.actor.as_str()]);
            assert_eq!(column(&table, "stance_label"), [e.stance.as_str()]);
            assert_eq!(column(&table, "quote"), [e.quote.as_deref().unwrap_or("")]);
        }
        (Format::Matrix, _) => {
            let table = csv_table(text, false);
            assert_eq!(table[0], ["", e.stance.as_str()]);
            assert_eq!(table[1][0], e.actor);
        }
        (Format::Json | Format::Cytoscape, _) => {
            let v: serde_json::Value = serde_json::from_str(text).expect("JSON");
            let strings = strings(&v);
            for want in e.values() {
                assert!(strings.contains(want), "{format:?}: {want:?} in {text}");
            }
        }
        (Format::Html, _) => {
            let start = text.find("id=\"sg-data\">").expect("the data") + 13;
            let data = &text[start..start + text[start..].find("</script>").expect("its end")];
            let lower = data.to_lowercase();
            assert!(
                !lower.contains("</script") && !data.contains("<!--"),
                "{data}"
            );
            let v: serde_json::Value = serde_json::from_str(data).expect("JSON data");
            let strings = strings(&v);
            for want in [Some(&e.actor), Some(&e.stance), e.quote.as_ref()]
                .into_iter()
                .flatten()
            {
                assert!(strings.contains(want), "html: {want:?}");
            }
        }
        (Format::Dot, _) => dot(text, e),
        (Format::Graphml | Format::Gexf, _) => {
            let values = xml_values(text);
            for want in e.values() {
                let want = sanitize(want);
                assert!(values.contains(&want), "{format:?}: {want:?} in {values:?}");
            }
        }
        (Format::Gml, _) => {
            let mut labels = Vec::new();
            let mut quotes = Vec::new();
            for line in text.lines() {
                let line = line.trim();
                if let Some(v) = line.strip_prefix("label ") {
                    labels.push(gml_string(v));
                } else if let Some(v) = line.strip_prefix("quote ") {
                    quotes.push(gml_string(v));
                }
            }
            assert!(
                labels.contains(&e.actor) && labels.contains(&e.stance),
                "{labels:?}"
            );
            assert_eq!(quotes, e.quote.iter().cloned().collect::<Vec<_>>());
        }
        (Format::Pajek, _) => {
            let labels: Vec<&str> = text
                .lines()
                .filter_map(|l| l.split_once(" \"").map(|(_, rest)| rest))
                .filter_map(|rest| rest.strip_suffix('"'))
                .collect();
            for want in [&e.actor, &e.stance] {
                let want = one_line(want);
                assert!(labels.contains(&want.as_ref()), "pajek: {want:?} in {text}");
            }
            assert!(labels.iter().all(|l| !l.contains('"')));
        }
        (Format::Dl, _) => {
            let labels: Vec<String> = text
                .lines()
                .skip_while(|l| !l.ends_with("labels:"))
                .take_while(|l| *l != "data:")
                .filter(|l| !l.ends_with("labels:"))
                .map(
                    |l| match l.strip_prefix('"').and_then(|l| l.strip_suffix('"')) {
                        Some(quoted) => quoted.to_string(),
                        None => {
                            assert!(!l.contains([' ', ',', '=', '"']), "dl: bare {l:?}");
                            l.to_string()
                        }
                    },
                )
                .collect();
            for want in [&e.actor, &e.stance] {
                assert!(
                    labels.contains(&one_line(want).into_owned()),
                    "dl: {want:?}"
                );
            }
        }
        // A format added later must be read back here too.
        (other, _) => panic!("{other:?} is not read back"),
    }
}

/// A CSV table's records; the Gephi dialect's doubled backslashes undone.
fn csv_table(text: &str, gephi: bool) -> Vec<Vec<String>> {
    let mut rdr = csv::ReaderBuilder::new()
        .has_headers(false)
        .from_reader(text.as_bytes());
    rdr.records()
        .map(|r| {
            r.expect("a CSV record")
                .iter()
                .map(|f| {
                    if gephi {
                        f.replace("\\\\", "\\")
                    } else {
                        f.to_string()
                    }
                })
                .collect()
        })
        .collect()
}

/// The values of the column named `name` (in the first row).
fn column<'t>(table: &'t [Vec<String>], name: &str) -> Vec<&'t str> {
    let i = table[0]
        .iter()
        .position(|h| h == name)
        .unwrap_or_else(|| panic!("no column {name} in {:?}", table[0]));
    table[1..].iter().map(|r| r[i].as_str()).collect()
}

/// Every string in a JSON value.
fn strings(v: &serde_json::Value) -> Vec<String> {
    match v {
        serde_json::Value::String(s) => vec![s.clone()],
        serde_json::Value::Array(a) => a.iter().flat_map(strings).collect(),
        serde_json::Value::Object(o) => o.values().flat_map(strings).collect(),
        _ => Vec::new(),
    }
}

/// Every attribute value and text content of an XML document, as an XML
/// 1.0 parser reports them.
fn xml_values(text: &str) -> Vec<String> {
    let mut reader = quick_xml::Reader::from_str(text);
    let mut values = Vec::new();
    let mut content = String::new();
    loop {
        match reader.read_event().expect("well-formed XML") {
            Event::Eof => break,
            Event::Start(e) | Event::Empty(e) => {
                for a in e.attributes() {
                    let a = a.expect("an attribute");
                    let v = a
                        .normalized_value(quick_xml::XmlVersion::Explicit1_0)
                        .expect("an attribute value");
                    values.push(v.into_owned());
                }
                content.clear();
            }
            Event::Text(t) => content.push_str(&t.xml10_content()),
            Event::GeneralRef(r) => match r.resolve_char_ref().expect("a character reference") {
                Some(c) => content.push(c),
                None => content.push(match r.as_ref() {
                    "amp" => '&',
                    "lt" => '<',
                    "gt" => '>',
                    "quot" => '"',
                    "apos" => '\'',
                    other => panic!("entity {other}"),
                }),
            },
            Event::End(_) => values.push(std::mem::take(&mut content)),
            _ => {}
        }
    }
    values
}

/// What XML 1.0 can hold of a text: its forbidden characters as U+FFFD.
fn sanitize(text: &str) -> String {
    text.chars()
        .map(|c| {
            let forbidden = (c < ' ' && !matches!(c, '\t' | '\n' | '\r'))
                || matches!(c, '\u{FFFE}' | '\u{FFFF}');
            if forbidden { '\u{FFFD}' } else { c }
        })
        .collect()
}

/// A quoted GML string, its `&quot;`, `&amp;` and `&#N;` decoded.
fn gml_string(quoted: &str) -> String {
    let inner = quoted
        .strip_prefix('"')
        .and_then(|q| q.strip_suffix('"'))
        .unwrap_or_else(|| panic!("gml string {quoted:?}"));
    assert!(!inner.contains('"') && inner.is_ascii(), "{inner:?}");
    let mut out = String::new();
    let mut rest = inner;
    while let Some(i) = rest.find('&') {
        out.push_str(&rest[..i]);
        let end = rest[i..].find(';').expect("an entity's end") + i;
        let entity = &rest[i + 1..end];
        match entity {
            "quot" => out.push('"'),
            "amp" => out.push('&'),
            n => out.push(
                n.strip_prefix('#')
                    .and_then(|n| n.parse::<u32>().ok())
                    .and_then(char::from_u32)
                    .unwrap_or_else(|| panic!("entity {n}")),
            ),
        }
        rest = &rest[end + 1..];
    }
    out.push_str(rest);
    out
}

/// DOT's one kind of line break.
fn dot_text(text: &str) -> String {
    text.replace("\r\n", "\n").replace('\r', "\n")
}

fn dot(text: &str, e: &Expected) {
    let graph = graphviz_rust::parse(text).unwrap_or_else(|err| panic!("{err}\n{text}"));
    let stmts = match &graph {
        Graph::Graph { stmts, .. } | Graph::DiGraph { stmts, .. } => stmts,
    };
    let value = |attrs: &[Attribute], name: &str| {
        attrs.iter().find_map(|Attribute(k, v)| {
            let key = match k {
                Id::Plain(k) => k.clone(),
                Id::Escaped(k) => unquote(k).expect("a quoted key"),
                _ => return None,
            };
            match v {
                Id::Escaped(v) if key == name => unquote(v),
                _ => None,
            }
        })
    };
    let mut labels = Vec::new();
    let mut parties = Vec::new();
    let mut quotes = Vec::new();
    for s in stmts {
        match s {
            Stmt::Node(n) => {
                labels.extend(value(&n.attributes, "label"));
                parties.extend(value(&n.attributes, "party"));
            }
            Stmt::Edge(edge) if matches!(edge.ty, EdgeTy::Pair(..)) => {
                quotes.extend(value(&edge.attributes, "quote"));
            }
            _ => {}
        }
    }
    assert!(
        labels.contains(&dot_text(&e.actor)),
        "dot: {:?} in {labels:?}",
        e.actor
    );
    assert!(labels.contains(&dot_text(&e.stance)), "dot: {:?}", e.stance);
    assert_eq!(
        quotes,
        e.quote.iter().map(|q| dot_text(q)).collect::<Vec<_>>()
    );
    if let Some(p) = &e.party {
        assert!(parties.contains(&dot_text(p)), "dot: party {p:?}");
    }
}
