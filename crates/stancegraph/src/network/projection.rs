//! DNA's projections: the two-mode affiliation network and the one-mode
//! actor networks, with DNA's normalizations.
//!
//! With c(i,s,q) the number of statements of actor i on stance s with
//! polarity q, and a_i = Σ_s Σ_q c(i,s,q) the actor's activity:
//!
//! - congruence(i,j) = Σ_s Σ_q c(i,s,q)·c(j,s,q)
//! - conflict(i,j) = Σ_s c(i,s,+)·c(j,s,−) + c(i,s,−)·c(j,s,+)
//! - subtract = congruence − conflict
//! - cooccurrence(i,j) = Σ_s (c(i,s,+) + c(i,s,−))·(c(j,s,+) + c(j,s,−))
//!
//! Normalizations divide by: average (a_i + a_j)/2; jaccard m10 + m01 + m11,
//! summed over (stance, polarity) cells, where m10 sums c(i,·) over cells
//! where j has none, m01 the reverse, and m11 sums c(i,·)·c(j,·) over cells
//! both use; cosine (DNA's) a_i·a_j. A zero denominator gives 0. Pairs with
//! weight 0 have no edge.
//!
//! The pairs are accumulated actor by actor over shared stances, so the cost
//! grows with the number of actor pairs that share a stance, not with actors
//! squared, and no actor-by-actor matrix is ever built.

use petgraph::graph::{DiGraph, NodeIndex};

use super::full::{StatementGroup, by_actor_stance_polarity};
use super::nodes::{Activities, NodeAttrs};
use super::ties::Ties;
pub(crate) use super::ties::one_mode_relation;
use super::{Kind, Normalization, Qualifier};
use std::sync::Arc;

use crate::model::{Dataset, Polarity};
use crate::network::{EdgeData, Network, Relation, StreamedEdges};

/// The edges one group of statements (all of one actor and one stance or
/// target, agree ones first) gives under `qualifier`: `push` gets each
/// edge's relation, weight and statements.
pub(crate) fn qualified(
    ds: &Dataset,
    qualifier: Qualifier,
    statements: &[u32],
    mut push: impl FnMut(Relation, f64, &[u32]),
) {
    let split =
        statements.partition_point(|&i| ds.statements[i as usize].polarity == Polarity::Agree);
    let (agree, disagree) = statements.split_at(split);
    let count = |group: &[u32]| -> u64 {
        group
            .iter()
            .map(|&i| u64::from(ds.statements[i as usize].count))
            .sum()
    };
    let (na, nd) = (count(agree), count(disagree));
    match qualifier {
        Qualifier::Separate => {
            if na > 0 {
                push(Relation::Agree, na as f64, agree);
            }
            if nd > 0 {
                push(Relation::Disagree, nd as f64, disagree);
            }
        }
        Qualifier::Ignore => push(Relation::Any, (na + nd) as f64, statements),
        Qualifier::Combine => match (na > 0, nd > 0) {
            (true, false) => push(Relation::Agree, 1.0, statements),
            (false, true) => push(Relation::Disagree, 2.0, statements),
            _ => push(Relation::Both, 3.0, statements),
        },
        Qualifier::Subtract => {
            if na != nd {
                push(Relation::Net, na as f64 - nd as f64, statements);
            }
        }
    }
}

/// The two-mode network: actors, then stances; edges actor→stance as the
/// qualifier says, normalized by actor activity or stance prominence.
pub fn affiliation(ds: &Dataset, qualifier: Qualifier, normalization: Normalization) -> Network {
    let act = Activities::of(ds);
    let order = by_actor_stance_polarity(ds);
    let cell = |i: &u32| {
        let s = &ds.statements[*i as usize];
        (s.actor(), s.stance())
    };
    // The edges before normalization: (actor, stance, edge).
    let mut edges: Vec<(usize, usize, EdgeData)> = Vec::new();
    let mut scratch = Vec::new();
    for statements in order.chunk_by(|a, b| cell(a) == cell(b)) {
        let (a, s) = cell(&statements[0]);
        // Agree sorts before disagree.
        qualified(ds, qualifier, statements, |relation, weight, group| {
            let edge = StatementGroup::of(ds, group, &mut scratch).edge(relation, weight);
            edges.push((a, s, edge));
        });
    }

    // DNA's denominators: statement totals of the actor (activity) or the
    // stance (prominence), or under `combine` its number of edges.
    let by_actor = normalization == Normalization::Activity;
    if matches!(
        normalization,
        Normalization::Activity | Normalization::Prominence
    ) {
        let totals = if by_actor { &act.actors } else { &act.stances };
        let mut denominators: Vec<f64> = if qualifier == Qualifier::Combine {
            vec![0.0; totals.len()]
        } else {
            totals.iter().map(|a| a.count as f64).collect()
        };
        if qualifier == Qualifier::Combine {
            for (a, s, _) in &edges {
                denominators[if by_actor { *a } else { *s }] += 1.0;
            }
        }
        for (a, s, e) in &mut edges {
            let d = denominators[if by_actor { *a } else { *s }];
            e.weight = if d == 0.0 { 0.0 } else { e.weight / d };
        }
    }

    let mut graph = DiGraph::new();
    let nodes = NodeAttrs::of(ds);
    let actor_nodes: Vec<NodeIndex> = (0..ds.actors.len())
        .map(|a| graph.add_node(nodes.actor(a, &act.actors[a])))
        .collect();
    let stance_nodes: Vec<NodeIndex> = (0..ds.stances.len())
        .map(|s| graph.add_node(nodes.stance(s, &act.stances[s])))
        .collect();
    for (a, s, data) in edges {
        graph.add_edge(actor_nodes[a], stance_nodes[s], data);
    }
    Network {
        name: Kind::Affiliation.name().to_string(),
        directed: true,
        graph,
        node_attrs: nodes.defs,
        streamed: None,
        coalitions: None,
        slice: None,
        interaction: false,
    }
}

/// The one-mode network's nodes: every actor, in dataset order.
fn actor_nodes(ds: &Dataset, kind: Kind, edges: usize) -> Network {
    let act = Activities::of(ds);
    let mut graph = DiGraph::with_capacity(ds.actors.len(), edges);
    let attrs = NodeAttrs::of(ds);
    for a in 0..ds.actors.len() {
        graph.add_node(attrs.actor(a, &act.actors[a]));
    }
    Network::new(kind.name(), false, graph, attrs.defs)
}

/// The one-mode network of `kind`: actors as nodes, undirected weighted
/// edges between actors who spoke on the same stances, every tie held in
/// the graph.
pub fn one_mode(ds: &Dataset, kind: Kind, normalization: Normalization) -> Network {
    one_mode_streamed(ds, kind, normalization, usize::MAX)
}

/// The one-mode network of `kind` with its ties made on demand when there
/// are more than `held` of them (else held, as [`one_mode`] holds them):
/// every format writes it the same bytes, and memory stays with the
/// statements however many ties there are.
pub fn one_mode_streamed(
    ds: &Dataset,
    kind: Kind,
    normalization: Normalization,
    held: usize,
) -> Network {
    let ties = Ties::new(ds, kind, normalization);
    if ties.count() <= held {
        let mut net = actor_nodes(ds, kind, ties.count());
        ties.each(&mut |i, j, e| {
            net.graph
                .add_edge(NodeIndex::new(i), NodeIndex::new(j), e.clone());
            Ok(())
        })
        .expect("building a graph in memory does not fail");
        return net;
    }
    let mut net = actor_nodes(ds, kind, 0);
    net.streamed = Some(StreamedEdges(Arc::new(ties)));
    net
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Actor, ActorKind, Stance, Statement};

    /// A: s+ ×2, t− ×1;  B: s+ ×1, s− ×1, t− ×1;  C: t+ ×1.
    /// Activities: a_A = 3, a_B = 3, a_C = 1.
    pub(crate) fn small() -> Dataset {
        let actor = |id: &str| Actor {
            id: id.into(),
            label: id.into(),
            kind: ActorKind::Person,
            ..Actor::default()
        };
        let stance = |id: &str| Stance {
            id: id.into(),
            label: id.into(),
            ..Stance::default()
        };
        let st = |actor, stance, polarity| Statement {
            actor,
            stance,
            polarity,
            ..Statement::default()
        };
        use Polarity::*;
        Dataset {
            name: "small".into(),
            actors: vec![actor("A"), actor("B"), actor("C")],
            stances: vec![stance("s"), stance("t")],
            countries: vec![],
            sources: vec![],
            statements: vec![
                st(0, 0, Agree),
                st(0, 0, Agree),
                st(0, 1, Disagree),
                st(1, 0, Agree),
                st(1, 0, Disagree),
                st(1, 1, Disagree),
                st(2, 1, Agree),
            ],
            ..Dataset::default()
        }
    }

    /// (source, target, relation, weight) of every edge, in order.
    fn edges(net: &Network) -> Vec<(String, String, &'static str, f64)> {
        let g = &net.graph;
        g.edge_indices()
            .map(|e| {
                let (s, t) = g.edge_endpoints(e).unwrap();
                (
                    g[s].id.clone(),
                    g[t].id.clone(),
                    g[e].relation.as_str(),
                    g[e].weight,
                )
            })
            .collect()
    }

    fn e(s: &str, t: &str, r: &'static str, w: f64) -> (String, String, &'static str, f64) {
        (s.into(), t.into(), r, w)
    }

    fn one(kind: Kind, n: Normalization) -> Vec<(String, String, &'static str, f64)> {
        let net = one_mode(&small(), kind, n);
        assert!(!net.directed);
        assert_eq!(net.graph.node_count(), 3);
        edges(&net)
    }

    #[test]
    fn congruence_by_hand() {
        // A–B: s: 2·1 (agree) + 0·1 (disagree) = 2; t: 1·1 (disagree) = 1; total 3.
        // A–C and B–C share only t, with opposite polarities: 0, no edge.
        assert_eq!(
            one(Kind::Congruence, Normalization::None),
            [e("A", "B", "congruence", 3.0)]
        );
    }

    #[test]
    fn conflict_by_hand() {
        // A–B: s: c(A,+)·c(B,−) = 2·1 = 2; t: both disagree, 0. Total 2.
        // A–C: t: c(A,−)·c(C,+) = 1·1 = 1.   B–C: t: 1·1 = 1.
        assert_eq!(
            one(Kind::Conflict, Normalization::None),
            [
                e("A", "B", "conflict", 2.0),
                e("A", "C", "conflict", 1.0),
                e("B", "C", "conflict", 1.0)
            ]
        );
    }

    #[test]
    fn subtract_by_hand() {
        // A–B: 3 − 2 = 1;  A–C: 0 − 1 = −1;  B–C: 0 − 1 = −1.
        assert_eq!(
            one(Kind::Subtract, Normalization::None),
            [
                e("A", "B", "subtract", 1.0),
                e("A", "C", "subtract", -1.0),
                e("B", "C", "subtract", -1.0)
            ]
        );
    }

    #[test]
    fn cooccurrence_by_hand() {
        // A–B: s: (2+0)·(1+1) = 4; t: 1·1 = 1; total 5.  A–C: t: 1·1 = 1.  B–C: t: 1·1 = 1.
        assert_eq!(
            one(Kind::Cooccurrence, Normalization::None),
            [
                e("A", "B", "cooccurrence", 5.0),
                e("A", "C", "cooccurrence", 1.0),
                e("B", "C", "cooccurrence", 1.0)
            ]
        );
    }

    #[test]
    fn one_mode_normalizations_by_hand() {
        // Congruence A–B = 3.
        // average: 3 / ((3 + 3) / 2) = 1.
        assert_eq!(one(Kind::Congruence, Normalization::Average)[0].3, 1.0);
        // jaccard: cells (s,+): A2 B1; (s,−): A0 B1; (t,−): A1 B1.
        // m10 = A where B has none = 0; m01 = B where A has none = 1 (s,−);
        // m11 = 2·1 + 1·1 = 3; 3 / (0 + 1 + 3) = 0.75.
        assert_eq!(one(Kind::Congruence, Normalization::Jaccard)[0].3, 0.75);
        // cosine (DNA): 3 / (3 · 3) = 1/3.
        assert_eq!(one(Kind::Congruence, Normalization::Cosine)[0].3, 1.0 / 3.0);
        // Conflict A–C = 1.
        // average: 1 / ((3 + 1) / 2) = 0.5.
        assert_eq!(one(Kind::Conflict, Normalization::Average)[1].3, 0.5);
        // jaccard: m10 = A's cells where C has none = 2 + 1 = 3; m01 = C's
        // (t,+) where A has none = 1; m11 = 0; 1 / 4 = 0.25.
        assert_eq!(one(Kind::Conflict, Normalization::Jaccard)[1].3, 0.25);
        // cosine: 1 / (3 · 1) = 1/3.
        assert_eq!(one(Kind::Conflict, Normalization::Cosine)[1].3, 1.0 / 3.0);
    }

    fn two(q: Qualifier, n: Normalization) -> Vec<(String, String, &'static str, f64)> {
        let net = affiliation(&small(), q, n);
        assert!(net.directed);
        assert_eq!(net.graph.node_count(), 5);
        edges(&net)
    }

    #[test]
    fn affiliation_qualifiers_by_hand() {
        assert_eq!(
            two(Qualifier::Separate, Normalization::None),
            [
                e("A", "s", "agree", 2.0),
                e("A", "t", "disagree", 1.0),
                e("B", "s", "agree", 1.0),
                e("B", "s", "disagree", 1.0),
                e("B", "t", "disagree", 1.0),
                e("C", "t", "agree", 1.0)
            ]
        );
        // ignore: statements of either polarity.
        assert_eq!(
            two(Qualifier::Ignore, Normalization::None),
            [
                e("A", "s", "any", 2.0),
                e("A", "t", "any", 1.0),
                e("B", "s", "any", 2.0),
                e("B", "t", "any", 1.0),
                e("C", "t", "any", 1.0)
            ]
        );
        // combine: 1 agree only, 2 disagree only, 3 both.
        assert_eq!(
            two(Qualifier::Combine, Normalization::None),
            [
                e("A", "s", "agree", 1.0),
                e("A", "t", "disagree", 2.0),
                e("B", "s", "both", 3.0),
                e("B", "t", "disagree", 2.0),
                e("C", "t", "agree", 1.0)
            ]
        );
        // subtract: agree − disagree; B on s is 1 − 1 = 0, no edge.
        assert_eq!(
            two(Qualifier::Subtract, Normalization::None),
            [
                e("A", "s", "net", 2.0),
                e("A", "t", "net", -1.0),
                e("B", "t", "net", -1.0),
                e("C", "t", "net", 1.0)
            ]
        );
    }

    #[test]
    fn affiliation_normalizations_by_hand() {
        // activity: divide by the actor's statements (A 3, B 3, C 1).
        let w: Vec<f64> = two(Qualifier::Separate, Normalization::Activity)
            .iter()
            .map(|e| e.3)
            .collect();
        assert_eq!(
            w,
            [2.0 / 3.0, 1.0 / 3.0, 1.0 / 3.0, 1.0 / 3.0, 1.0 / 3.0, 1.0]
        );
        // prominence: divide by the stance's statements (s: 2 + 2 = 4; t: 3).
        let w: Vec<f64> = two(Qualifier::Ignore, Normalization::Prominence)
            .iter()
            .map(|e| e.3)
            .collect();
        assert_eq!(w, [0.5, 1.0 / 3.0, 0.5, 1.0 / 3.0, 1.0 / 3.0]);
        // combine with activity: divide by the actor's number of edges (A 2, B 2, C 1).
        let w: Vec<f64> = two(Qualifier::Combine, Normalization::Activity)
            .iter()
            .map(|e| e.3)
            .collect();
        assert_eq!(w, [0.5, 1.0, 1.5, 1.0, 1.0]);
    }
}
