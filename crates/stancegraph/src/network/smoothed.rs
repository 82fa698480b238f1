//! Kernel slices as networks: one network per window middle, its edge
//! weights the slice's kernel-weighted values ([`super::kernel`]), its
//! nodes every actor (and stance) of the statements in every slice, so
//! that they stay the same from slice to slice. One-mode slices keep
//! DNA's diagonal as self-loops. Each edge carries the evidence of the
//! statements in the window: how many, their dates, a quote.
//!
//! ```
//! use stancegraph::load::{DatasetBuilder, StatementRow};
//! use stancegraph::model::Polarity;
//! use stancegraph::network::kernel::{Kernel, Smoothing};
//! use stancegraph::network::{smoothed, Kind, Normalization, Options, Span};
//!
//! let mut b = DatasetBuilder::new("days");
//! for (actor, day) in [("a", "2025-01-01"), ("b", "2025-01-03"), ("a", "2025-01-05")] {
//!     b.statement(StatementRow::new(actor, "s", Polarity::Agree).date_text(day));
//! }
//! let ds = b.build().unwrap().dataset;
//! let opts = Options { kind: Kind::Congruence, ..Options::default() };
//! let smoothing = Smoothing { kernel: Kernel::Uniform, indent_time: false };
//! let slices = smoothed::networks(&ds, &opts, Span::Days(4), None, smoothing).unwrap();
//! assert_eq!(slices.len(), 5);
//! let (net, _) = &slices[2];
//! assert_eq!(net.name, "congruence.2025-01-03");
//! assert_eq!(net.slice.unwrap().middle.to_string(), "2025-01-03");
//! // a–a (a self-loop): four statement pairs of √(0.5 · 0.5); a–b: two;
//! // b–b: one.
//! let weights: Vec<f64> = net.graph.edge_weights().map(|e| e.weight).collect();
//! for (got, want) in weights.iter().zip([2.0, 1.0, 0.5]) {
//!     assert!((got - want).abs() < 1e-12);
//! }
//! ```

use std::collections::HashMap;
use std::fmt;

use petgraph::graph::{DiGraph, NodeIndex};

use super::kernel::{SliceError, SliceOptions, Slicer, Smoothing, Timeline};
use super::{
    EdgeData, Kind, Network, Normalization, Options, Qualifier, Relation, SliceDates, Span, filter,
    project,
};
use crate::choice::{Spelled, Spelling};
use crate::model::{Dataset, Polarity, Statement};

/// Why kernel slices cannot be made.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum SmoothError {
    /// The full network has no kernel form (DNA smooths its one-mode and
    /// two-mode networks only).
    Network(Kind),
    /// A normalization other than `none` or `average` (one-mode), or other
    /// than `none` (affiliation).
    Normalization(Kind, Normalization),
    /// `combine` gives categories, not weights.
    Combine,
    /// The statements cannot be sliced.
    Slice(SliceError),
}

impl fmt::Display for SmoothError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.spell(Spelling::PLAIN, f)
    }
}

impl Spelled for SmoothError {
    fn spell(&self, s: Spelling, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            SmoothError::Network(kind) => write!(
                f,
                "{} makes the affiliation network and the one-mode networks (congruence, \
                 conflict, subtract, cooccurrence), not {}: choose one with {}",
                s.option("kernel"),
                kind.name(),
                s.option("network")
            ),
            SmoothError::Normalization(kind, n) => write!(
                f,
                "{} {} does not apply to kernel slices of {}: {}",
                s.option("normalize"),
                n.name(),
                kind.name(),
                if kind.is_one_mode() {
                    "choose none or average (DNA's kernel average)"
                } else {
                    "two-mode slices are kernel-weighted sums, choose none"
                }
            ),
            SmoothError::Combine => write!(
                f,
                "{} combine has no kernel-weighted form (DNA uses subtract instead): choose \
                 separate, ignore or subtract",
                s.option("qualifier")
            ),
            SmoothError::Slice(e) => write!(f, "{e}"),
        }
    }
}

impl std::error::Error for SmoothError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            SmoothError::Slice(e) => Some(e),
            _ => None,
        }
    }
}

/// Whether the network options have a kernel form.
pub fn check(opts: &Options) -> Result<(), SmoothError> {
    let n = opts.normalization;
    match opts.kind {
        kind @ (Kind::Full | Kind::Interaction) => Err(SmoothError::Network(kind)),
        Kind::Affiliation if n != Normalization::None => {
            Err(SmoothError::Normalization(opts.kind, n))
        }
        Kind::Affiliation if opts.qualifier == Qualifier::Combine => Err(SmoothError::Combine),
        kind if kind.is_one_mode()
            && !matches!(n, Normalization::None | Normalization::Average) =>
        {
            Err(SmoothError::Normalization(kind, n))
        }
        _ => Ok(()),
    }
}

/// The kernel slices of prepared statements as networks named
/// `<network>.<middle>`, each with the statements its window holds (those
/// of nonzero weight): one per window middle, `step` apart (`None`: one
/// unit of the window).
pub fn networks(
    ds: &Dataset,
    opts: &Options,
    window: Span,
    step: Option<Span>,
    smoothing: Smoothing,
) -> Result<Vec<(Network, Dataset)>, SmoothError> {
    check(opts)?;
    let slice_opts = SliceOptions {
        kind: opts.kind,
        normalization: opts.normalization,
        window,
        kernel: smoothing.kernel,
        indent_time: smoothing.indent_time,
        step,
    };
    let timeline =
        Timeline::new(ds, window, step, smoothing.indent_time).map_err(SmoothError::Slice)?;
    let slicer = Slicer::new(ds, &slice_opts);
    let mut out = Vec::with_capacity(timeline.middles.len());
    for &middle in &timeline.middles {
        let weights: Vec<f64> = ds
            .statements
            .iter()
            .map(|s| {
                let date = s.date.expect("the timeline checked every date");
                timeline.weight(smoothing.kernel, middle, date)
            })
            .collect();
        let inside: Vec<&Statement> = ds
            .statements
            .iter()
            .zip(&weights)
            .filter(|(_, w)| **w > 0.0)
            .map(|(s, _)| s)
            .collect();
        // Every actor and stance stays, at the same index.
        let in_window = filter::subset(ds, &inside, true).into_owned();
        let mut net = if opts.kind == Kind::Affiliation {
            two_mode(ds, &in_window, opts.qualifier, &weights)
        } else {
            let slice = slicer.at(&timeline, middle);
            one_mode(&in_window, opts.kind, &slice.values)
        };
        let (start, stop) = timeline.bounds(middle, smoothing.kernel);
        net.name = format!("{}.{middle}", opts.kind.name());
        net.slice = Some(SliceDates {
            start,
            middle,
            stop,
            kernel: smoothing.kernel.name(),
        });
        out.push((net, in_window));
    }
    Ok(out)
}

/// The nodes of `evidence` with no edges.
fn nodes_of(evidence: &Network) -> Network {
    let g = &evidence.graph;
    let mut graph = DiGraph::with_capacity(g.node_count(), g.edge_count());
    for v in g.node_indices() {
        graph.add_node(g[v].clone());
    }
    Network::new(
        evidence.name.clone(),
        evidence.directed,
        graph,
        evidence.node_attrs.clone(),
    )
}

/// The edges of `evidence` by their ends and relation.
fn evidence_of(evidence: &Network) -> HashMap<(usize, usize, Relation), &EdgeData> {
    let g = &evidence.graph;
    g.edge_indices()
        .map(|e| {
            let (s, t) = g.edge_endpoints(e).expect("an edge of the graph");
            ((s.index(), t.index(), g[e].relation), &g[e])
        })
        .collect()
}

/// An edge of `relation` and `weight` with the evidence of `found`, or of
/// no statements.
fn weighted(relation: Relation, weight: f64, found: Option<&&EdgeData>) -> EdgeData {
    match found {
        Some(e) => EdgeData {
            relation,
            weight,
            ..(*e).clone()
        },
        None => EdgeData {
            relation,
            weight,
            statements: 0,
            first_date: None,
            last_date: None,
            sources: None,
            quote: None,
            stances: None,
        },
    }
}

/// A one-mode slice: actors (node i is actor i) joined where the slice's
/// value is not 0, an actor's own value as a self-loop.
fn one_mode(in_window: &Dataset, kind: Kind, values: &[f64]) -> Network {
    let plain = Options {
        kind: Kind::Cooccurrence,
        ..Options::default()
    };
    let evidence = project(in_window, &plain);
    let found = evidence_of(&evidence);
    let mut net = nodes_of(&evidence);
    net.name = kind.name().to_string();
    let relation = super::projection::one_mode_relation(kind);
    let n = in_window.actors.len();
    for i in 0..n {
        for j in i..n {
            let v = values[i * n + j];
            if v == 0.0 {
                continue;
            }
            let data = if i == j {
                let node = &net.graph[NodeIndex::new(i)];
                EdgeData {
                    relation,
                    weight: v,
                    statements: node.statements,
                    first_date: node.first_date,
                    last_date: node.last_date,
                    sources: None,
                    quote: None,
                    stances: None,
                }
            } else {
                weighted(relation, v, found.get(&(i, j, Relation::Cooccurrence)))
            };
            net.graph
                .add_edge(NodeIndex::new(i), NodeIndex::new(j), data);
        }
    }
    net
}

/// A two-mode slice: actors then stances, each actor's edge to a stance
/// weighing the kernel weights of its statements (agree and disagree
/// apart, summed, or agree minus disagree).
fn two_mode(ds: &Dataset, in_window: &Dataset, qualifier: Qualifier, weights: &[f64]) -> Network {
    let evidence_qualifier = match qualifier {
        Qualifier::Separate => Qualifier::Separate,
        _ => Qualifier::Ignore,
    };
    let plain = Options {
        kind: Kind::Affiliation,
        qualifier: evidence_qualifier,
        ..Options::default()
    };
    let evidence = project(in_window, &plain);
    let found = evidence_of(&evidence);
    let mut net = nodes_of(&evidence);
    let (actors, stances) = (ds.actors.len(), ds.stances.len());
    // Per (actor, stance): the weights of agreeing and disagreeing statements.
    let mut sums = vec![[0.0f64; 2]; actors * stances];
    for (s, w) in ds.statements.iter().zip(weights) {
        let k = match s.polarity {
            Polarity::Agree => 0,
            Polarity::Disagree => 1,
        };
        sums[s.actor() * stances + s.stance()][k] += f64::from(s.count) * w;
    }
    for a in 0..actors {
        for t in 0..stances {
            let [agree, disagree] = sums[a * stances + t];
            let (s, st) = (a, actors + t);
            let edges: Vec<(Relation, f64, Relation)> = match qualifier {
                Qualifier::Separate => vec![
                    (Relation::Agree, agree, Relation::Agree),
                    (Relation::Disagree, disagree, Relation::Disagree),
                ],
                Qualifier::Ignore => vec![(Relation::Any, agree + disagree, Relation::Any)],
                _ => vec![(Relation::Net, agree - disagree, Relation::Any)],
            };
            for (relation, weight, key) in edges {
                if weight != 0.0 {
                    let data = weighted(relation, weight, found.get(&(s, st, key)));
                    net.graph
                        .add_edge(NodeIndex::new(s), NodeIndex::new(st), data);
                }
            }
        }
    }
    net
}
