//! The interaction network: actors acting on or addressing each other.
//!
//! A statement with a `target` is an edge from its actor to its target.
//! Statements are grouped by (actor, target) and kept apart by polarity as
//! the affiliation network keeps them ([`Qualifier`]): `separate` gives one
//! `agree` and one `disagree` edge, weighted by their statements; `ignore`
//! one edge of both; `combine` DNA's 1, 2 or 3; `subtract` agree minus
//! disagree. Each edge carries its statements' dates, sources, first quote
//! and the stances they are about.

use petgraph::graph::{DiGraph, NodeIndex};

use super::full::{StatementGroup, bits, sorted_by_group};
use super::nodes::{Activities, NodeAttrs};
use super::projection::qualified;
use super::{Kind, Network, Qualifier};
use crate::model::Dataset;
use crate::network::EdgeData;

/// The statements that name a target, sorted by (actor, target, polarity),
/// input order kept within each: the groups that become edges, in order.
/// Empty, with no sort, when none does.
pub(crate) fn by_actor_target_polarity(ds: &Dataset) -> Vec<u32> {
    if !ds.has_targets() {
        return Vec::new();
    }
    let target_bits = bits(ds.actors.len());
    let group_bits = bits(ds.actors.len()) + target_bits + 1;
    let groups = ds.statements.iter().map(|s| {
        let target = s.target().unwrap_or(0) as u128;
        (u128::from(s.actor) << target_bits | target) << 1 | s.polarity as u128
    });
    let mut order = sorted_by_group(groups, ds.statements.len(), group_bits);
    order.retain(|&i| ds.statements[i as usize].target().is_some());
    order
}

/// The labels of the stances `statements` are about, in order of first
/// mention (input order), joined by `; `.
fn stances(ds: &Dataset, statements: &[u32]) -> Box<str> {
    let mut sorted: Vec<u32> = statements.to_vec();
    sorted.sort_unstable();
    let mut seen: Vec<u32> = Vec::new();
    for i in sorted {
        let stance = ds.statements[i as usize].stance;
        if !seen.contains(&stance) {
            seen.push(stance);
        }
    }
    let labels: Vec<&str> = seen
        .iter()
        .map(|&s| ds.stances[s as usize].label.as_str())
        .collect();
    labels.join("; ").into_boxed_str()
}

/// The interaction edges: (actor, target, edge), in (actor, target,
/// polarity) order.
pub(crate) fn edges(ds: &Dataset, qualifier: Qualifier) -> Vec<(usize, usize, EdgeData)> {
    let order = by_actor_target_polarity(ds);
    let pair = |i: &u32| {
        let s = &ds.statements[*i as usize];
        (s.actor(), s.target())
    };
    let mut edges = Vec::new();
    let mut scratch = Vec::new();
    for statements in order.chunk_by(|a, b| pair(a) == pair(b)) {
        let (actor, target) = pair(&statements[0]);
        let target = target.expect("only statements with a target are grouped");
        // Agree sorts before disagree.
        qualified(ds, qualifier, statements, |relation, weight, group| {
            let mut edge = StatementGroup::of(ds, group, &mut scratch).edge(relation, weight);
            edge.stances = Some(stances(ds, group));
            edges.push((actor, target, edge));
        });
    }
    edges
}

/// The interaction network: every actor (in dataset order) and an edge
/// from each actor to each actor it addresses, as the qualifier says.
///
/// ```
/// use stancegraph::load::{DatasetBuilder, StatementRow};
/// use stancegraph::model::Polarity;
/// use stancegraph::network::{build, Kind, Options, Relation};
///
/// let mut b = DatasetBuilder::new("talks");
/// b.statement(StatementRow::new("Hegseth", "Security guarantees", Polarity::Disagree).target("Kyiv's backers"));
/// b.statement(StatementRow::new("Healey", "Security guarantees", Polarity::Agree).target("Hegseth"));
/// let ds = b.build().unwrap().dataset;
/// let net = build(&ds, &Options { kind: Kind::Interaction, ..Options::default() }).unwrap().network;
/// assert!(net.directed);
/// assert_eq!(net.graph.edge_count(), 2);
/// let e = net.graph.edge_weights().next().unwrap();
/// assert_eq!((e.relation, e.stances.as_deref()), (Relation::Disagree, Some("Security guarantees")));
/// ```
pub fn interaction(ds: &Dataset, qualifier: Qualifier) -> Network {
    let act = Activities::of(ds);
    let attrs = NodeAttrs::of(ds);
    let mut graph = DiGraph::new();
    let nodes: Vec<NodeIndex> = (0..ds.actors.len())
        .map(|a| graph.add_node(attrs.actor(a, &act.actors[a])))
        .collect();
    for (actor, target, edge) in edges(ds, qualifier) {
        graph.add_edge(nodes[actor], nodes[target], edge);
    }
    Network {
        interaction: true,
        ..Network::new(Kind::Interaction.name(), true, graph, attrs.defs)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load::{DatasetBuilder, StatementRow};
    use crate::model::Polarity;
    use crate::network::Relation;
    use std::collections::BTreeMap;

    /// Hegseth addresses Kyiv's backers twice in disagreement and once in
    /// agreement; Healey answers Hegseth; Trump and Putin agree with each
    /// other; Rutte speaks to no one.
    fn dataset() -> Dataset {
        let rows = [
            (
                "Hegseth",
                "Security guarantees",
                "no",
                Some("Kyiv's backers"),
                "2025-02-12",
            ),
            (
                "Hegseth",
                "NATO membership",
                "no",
                Some("Kyiv's backers"),
                "2025-02-13",
            ),
            (
                "Hegseth",
                "Negotiations",
                "yes",
                Some("Kyiv's backers"),
                "2025-02-14",
            ),
            (
                "Healey",
                "Security guarantees",
                "yes",
                Some("Hegseth"),
                "2025-02-13",
            ),
            ("Trump", "Negotiations", "yes", Some("Putin"), "2025-02-12"),
            ("Putin", "Negotiations", "yes", Some("Trump"), "2025-02-12"),
            ("Rutte", "NATO membership", "yes", None, "2025-02-12"),
        ];
        let mut b = DatasetBuilder::new("talks");
        for (actor, stance, agree, target, date) in rows {
            let polarity = if agree == "yes" {
                Polarity::Agree
            } else {
                Polarity::Disagree
            };
            let mut row = StatementRow::new(actor, stance, polarity).date_text(date);
            if let Some(t) = target {
                row = row.target(t);
            }
            b.statement(row);
        }
        b.build().expect("the rows load").dataset
    }

    /// (actor, target, relation) → (weight, stances, first date), by label.
    fn edges_of(net: &Network) -> BTreeMap<(String, String, String), (f64, String, String)> {
        let g = &net.graph;
        g.edge_indices()
            .map(|e| {
                let (s, t) = g.edge_endpoints(e).unwrap();
                let d = &g[e];
                (
                    (
                        g[s].label.clone(),
                        g[t].label.clone(),
                        d.relation.as_str().to_string(),
                    ),
                    (
                        d.weight,
                        d.stances.as_deref().unwrap().to_string(),
                        d.first_date.unwrap().to_string(),
                    ),
                )
            })
            .collect()
    }

    fn key(a: &str, t: &str, r: &str) -> (String, String, String) {
        (a.into(), t.into(), r.into())
    }

    #[test]
    fn edges_run_from_actor_to_target_per_polarity() {
        let net = interaction(&dataset(), Qualifier::Separate);
        assert!(net.directed && net.interaction);
        // Every actor is a node, the target-only one too.
        assert_eq!(net.graph.node_count(), 6);
        let got = edges_of(&net);
        let sg = "Security guarantees".to_string();
        let want = BTreeMap::from([
            (
                key("Hegseth", "Kyiv's backers", "agree"),
                (1.0, "Negotiations".into(), "2025-02-14".into()),
            ),
            (
                key("Hegseth", "Kyiv's backers", "disagree"),
                (2.0, format!("{sg}; NATO membership"), "2025-02-12".into()),
            ),
            (
                key("Healey", "Hegseth", "agree"),
                (1.0, sg, "2025-02-13".into()),
            ),
            (
                key("Trump", "Putin", "agree"),
                (1.0, "Negotiations".into(), "2025-02-12".into()),
            ),
            (
                key("Putin", "Trump", "agree"),
                (1.0, "Negotiations".into(), "2025-02-12".into()),
            ),
        ]);
        assert_eq!(got, want);
    }

    #[test]
    fn the_qualifier_combines_polarities_as_for_affiliation() {
        let ds = dataset();
        let weight = |q, a: &str, t: &str, r: &str| edges_of(&interaction(&ds, q))[&key(a, t, r)].0;
        assert_eq!(
            weight(Qualifier::Ignore, "Hegseth", "Kyiv's backers", "any"),
            3.0
        );
        assert_eq!(
            weight(Qualifier::Combine, "Hegseth", "Kyiv's backers", "both"),
            3.0
        );
        assert_eq!(
            weight(Qualifier::Combine, "Healey", "Hegseth", "agree"),
            1.0
        );
        assert_eq!(
            weight(Qualifier::Subtract, "Hegseth", "Kyiv's backers", "net"),
            -1.0
        );
        assert_eq!(weight(Qualifier::Subtract, "Trump", "Putin", "net"), 1.0);
        // Under subtract, an even pair has no edge; here none is even.
        assert_eq!(interaction(&ds, Qualifier::Subtract).graph.edge_count(), 4);
    }

    #[test]
    fn the_full_network_adds_interaction_edges_after_the_others() {
        let ds = dataset();
        let full = crate::network::full(&ds);
        assert!(full.interaction);
        let g = &full.graph;
        let kinds: Vec<bool> = g.edge_weights().map(EdgeData::is_interaction).collect();
        assert_eq!(kinds.iter().filter(|k| **k).count(), 5);
        // Interaction edges come last.
        assert!(kinds.windows(2).all(|w| w[0] <= w[1]));
        let first = g.edge_weights().find(|e| e.is_interaction()).unwrap();
        assert!(matches!(
            first.relation,
            Relation::Agree | Relation::Disagree
        ));
        // Without targets, no interaction edges and no flag.
        let mut plain = ds.clone();
        for s in &mut plain.statements {
            s.target = crate::model::Statement::NO_TARGET;
        }
        let full = crate::network::full(&plain);
        assert!(!full.interaction);
        assert!(!full.graph.edge_weights().any(EdgeData::is_interaction));
    }
}
