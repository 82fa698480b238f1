//! One dynamic GEXF for a series of networks over time (time windows or
//! kernel slices): the union of their nodes and edges, each edge's weight
//! and statement count as dynamic attribute values, one per slice with the
//! slice's period as start and end, so that Gephi's timeline animates the
//! weights; nodes' statement counts and coalitions likewise. Nodes and
//! edges carry spells for the slices they are in.
//!
//! A slice's period runs from its date (a kernel slice's middle, a
//! window's start) to the day before the next slice's, so that no two
//! values of one attribute overlap (Gephi refuses overlapping intervals);
//! the last runs to its own end (a kernel slice's middle, a window's last
//! day).

use std::collections::HashMap;
use std::io::{self, Write};

use chrono::NaiveDate;
use quick_xml::Writer;

use crate::network::{EdgeData, Network, NodeData, Relation};

use super::attrs::{Column, gexf_type, node_columns};
use super::gexf::{Version, VizTags, document, viz_value};
use super::style::{edge_style, fill};
use super::xml::attr;
use super::{TwoDecimals, format_weight};

/// Node attributes whose value changes from slice to slice.
const DYNAMIC_NODE: [&str; 4] = ["statements", "first_date", "last_date", "coalition"];

/// A node of the union: its first appearance, and per slice its data.
struct UnionNode<'n> {
    first: &'n NodeData,
    at: Vec<Option<&'n NodeData>>,
}

/// An edge of the union: its ends, and per slice its data.
struct UnionEdge<'n> {
    source: &'n str,
    target: &'n str,
    relation: Relation,
    at: Vec<Option<&'n EdgeData>>,
}

/// The runs of consecutive slices in which something is present, as
/// periods.
fn runs(
    present: impl Iterator<Item = bool>,
    periods: &[(NaiveDate, NaiveDate)],
) -> Vec<(NaiveDate, NaiveDate)> {
    let mut out: Vec<(NaiveDate, NaiveDate)> = Vec::new();
    let mut open = false;
    for (p, here) in periods.iter().zip(present) {
        match (here, open) {
            (true, true) => out.last_mut().expect("an open run").1 = p.1,
            (true, false) => out.push(*p),
            _ => {}
        }
        open = here;
    }
    out
}

fn spells<W: Write>(w: &mut Writer<W>, runs: &[(NaiveDate, NaiveDate)]) -> io::Result<()> {
    w.create_element("spells").write_inner_content(|w| {
        for (start, end) in runs {
            let (start, end) = (start.to_string(), end.to_string());
            w.create_element("spell")
                .with_attributes([("start", start.as_str()), ("end", end.as_str())])
                .write_empty()?;
        }
        Ok(())
    })?;
    Ok(())
}

fn declare<W: Write>(
    w: &mut Writer<W>,
    class: &str,
    mode: &str,
    attrs: &[(&str, &str)],
) -> io::Result<()> {
    w.create_element("attributes")
        .with_attributes([("class", class), ("mode", mode)])
        .write_inner_content(|w| {
            for (name, ty) in attrs {
                w.create_element("attribute")
                    .with_attributes([attr("id", name), attr("title", name), attr("type", ty)])
                    .write_empty()?;
            }
            Ok(())
        })?;
    Ok(())
}

/// One dynamic value: `value` from `start` to `end`.
fn dynamic<W: Write>(
    w: &mut Writer<W>,
    name: &str,
    value: &str,
    (start, end): (NaiveDate, NaiveDate),
) -> io::Result<()> {
    let (start, end) = (start.to_string(), end.to_string());
    w.create_element("attvalue")
        .with_attributes([
            ("for", name),
            ("value", value),
            ("start", start.as_str()),
            ("end", end.as_str()),
        ])
        .write_empty()?;
    Ok(())
}

/// Writes networks over time as one dynamic GEXF, each network holding
/// for its period (the same number of each).
pub fn write_series(
    name: &str,
    nets: &[&Network],
    periods: &[(NaiveDate, NaiveDate)],
    version: Version,
    w: &mut dyn Write,
) -> io::Result<()> {
    let directed = nets.first().is_some_and(|n| n.directed);
    // The union, in order of first appearance.
    let mut node_at: HashMap<&str, usize> = HashMap::new();
    let mut nodes: Vec<UnionNode> = Vec::new();
    let mut edge_at: HashMap<(&str, &str, Relation), usize> = HashMap::new();
    let mut edges: Vec<UnionEdge> = Vec::new();
    for (t, net) in nets.iter().enumerate() {
        let g = &net.graph;
        for n in g.node_weights() {
            let i = *node_at.entry(n.id.as_str()).or_insert_with(|| {
                nodes.push(UnionNode {
                    first: n,
                    at: vec![None; nets.len()],
                });
                nodes.len() - 1
            });
            nodes[i].at[t] = Some(n);
        }
        for e in g.edge_indices() {
            let (s, d) = g.edge_endpoints(e).expect("an edge of the graph");
            let (source, target) = (g[s].id.as_str(), g[d].id.as_str());
            let data = &g[e];
            let i = *edge_at
                .entry((source, target, data.relation))
                .or_insert_with(|| {
                    edges.push(UnionEdge {
                        source,
                        target,
                        relation: data.relation,
                        at: vec![None; nets.len()],
                    });
                    edges.len() - 1
                });
            edges[i].at[t] = Some(data);
        }
    }
    let coalitions = nets.iter().any(|n| n.coalitions.is_some());
    let first = nets.first().copied();
    let columns = first.map(node_columns).unwrap_or_default();
    let fixed: Vec<_> = columns
        .iter()
        .filter(|c| !DYNAMIC_NODE.contains(&c.name()))
        .collect();
    let max = nets.iter().map(|n| n.max_weight()).fold(0.0, f64::max);
    let mut decimals = TwoDecimals::default();
    let mut viz = VizTags::default();
    let mut buf = String::new();
    let description = format!("{name} network over {} time slices", nets.len());
    document(w, version, &description, directed, true, |w| {
        let fixed_types: Vec<(&str, &str)> = fixed
            .iter()
            .map(|c| (c.name(), gexf_type(c.ty())))
            .collect();
        declare(w, "node", "static", &fixed_types)?;
        let mut changing = vec![("statements", "integer")];
        if coalitions {
            changing.push(("coalition", "integer"));
        }
        declare(w, "node", "dynamic", &changing)?;
        declare(w, "edge", "static", &[("relation", "string")])?;
        declare(
            w,
            "edge",
            "dynamic",
            &[("weight", "double"), ("statements", "integer")],
        )?;
        w.create_element("nodes")
            .with_attribute(("count", nodes.len().to_string().as_str()))
            .write_inner_content(|w| {
                for n in &nodes {
                    let here = |d: &&NodeData| d.statements > 0;
                    let present = runs(n.at.iter().map(|d| d.as_ref().is_some_and(here)), periods);
                    w.create_element("node")
                        .with_attributes([attr("id", &n.first.id), attr("label", &n.first.label)])
                        .write_inner_content(|w| {
                            w.create_element("attvalues").write_inner_content(|w| {
                                for c in &fixed {
                                    if let Some(v) = c.get(n.first) {
                                        buf.clear();
                                        v.write(&mut buf);
                                        w.create_element("attvalue")
                                            .with_attributes([
                                                ("for", c.name()),
                                                ("value", buf.as_str()),
                                            ])
                                            .write_empty()?;
                                    }
                                }
                                for (d, p) in n.at.iter().zip(periods) {
                                    let Some(d) = d else { continue };
                                    let count = d.statements.to_string();
                                    dynamic(w, "statements", &count, *p)?;
                                    if let Some(c) = d.coalition {
                                        dynamic(w, "coalition", &c.to_string(), *p)?;
                                    }
                                }
                                Ok(())
                            })?;
                            if !present.is_empty() {
                                spells(w, &present)?;
                            }
                            viz.color(w, fill(n.first))?;
                            let most =
                                n.at.iter()
                                    .flatten()
                                    .map(|d| d.statements)
                                    .max()
                                    .unwrap_or(0);
                            let size = 10.0 + 5.0 * (most as f64).sqrt();
                            viz_value(w, "viz:size", decimals.get(size))
                        })?;
                }
                Ok(())
            })?;
        w.create_element("edges")
            .with_attribute(("count", edges.len().to_string().as_str()))
            .write_inner_content(|w| {
                for (i, e) in edges.iter().enumerate() {
                    let id = format!("e{i}");
                    let relation = e.relation.as_str();
                    let mut attrs = vec![
                        attr("id", &id),
                        attr("source", e.source),
                        attr("target", e.target),
                    ];
                    if version == Version::V1_3 {
                        attrs.push(attr("kind", relation));
                    }
                    attrs.push(attr("label", relation));
                    let present = runs(e.at.iter().map(Option::is_some), periods);
                    let first = e.at.iter().flatten().next().expect("seen once");
                    w.create_element("edge")
                        .with_attributes(attrs)
                        .write_inner_content(|w| {
                            w.create_element("attvalues").write_inner_content(|w| {
                                w.create_element("attvalue")
                                    .with_attributes([("for", "relation"), ("value", relation)])
                                    .write_empty()?;
                                for (d, p) in e.at.iter().zip(periods) {
                                    let Some(d) = d else { continue };
                                    let weight = format_weight(d.weight);
                                    dynamic(w, "weight", &weight, *p)?;
                                    let count = d.statements.to_string();
                                    dynamic(w, "statements", &count, *p)?;
                                }
                                Ok(())
                            })?;
                            spells(w, &present)?;
                            let (rgb, line) = edge_style(first);
                            viz.color(w, rgb)?;
                            let strongest =
                                e.at.iter()
                                    .flatten()
                                    .map(|d| d.weight.abs())
                                    .fold(0.0, f64::max);
                            let thick = if max > 0.0 {
                                1.0 + 4.0 * strongest / max
                            } else {
                                1.0
                            };
                            viz_value(w, "viz:thickness", decimals.get(thick))?;
                            viz.shape(w, line.as_str())
                        })?;
                }
                Ok(())
            })?;
        Ok(())
    })
}
