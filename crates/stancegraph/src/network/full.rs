//! The `full` network (actors, countries, stances) and what two-mode
//! networks share: statements grouped by (actor, stance, polarity) into
//! edges with their evidence.

use std::collections::HashMap;

use petgraph::graph::{DiGraph, NodeIndex};

use super::nodes::{Activities, Activity, NodeAttrs};
use crate::model::{ActorKind, Dataset};
use crate::network::{EdgeData, Network, Relation};

/// What a group of statements adds up to as one two-mode edge.
pub(crate) struct StatementGroup<'a> {
    pub activity: Activity,
    pub sources: u32,
    pub quote: Option<&'a std::sync::Arc<str>>,
}

impl<'a> StatementGroup<'a> {
    /// Sums up statements (indices into `ds.statements`, in input order
    /// within each polarity); `scratch` is reused to count distinct sources.
    pub fn of(ds: &'a Dataset, statements: &[u32], scratch: &mut Vec<usize>) -> StatementGroup<'a> {
        let mut activity = Activity::default();
        let mut quote = None;
        scratch.clear();
        for &i in statements {
            let s = &ds.statements[i as usize];
            activity.add(s.date, s.count);
            scratch.extend(s.source());
            if quote.is_none() {
                quote = s.quote.as_ref();
            }
        }
        scratch.sort_unstable();
        scratch.dedup();
        StatementGroup {
            activity,
            // Indices into the dataset's sources, so fewer than 2^32.
            sources: u32::try_from(scratch.len()).expect("sources are u32 indices"),
            quote,
        }
    }

    /// The edge, with the given relation and weight.
    pub fn edge(&self, relation: Relation, weight: f64) -> EdgeData {
        EdgeData {
            relation,
            weight,
            statements: self.activity.count,
            first_date: self.activity.first,
            last_date: self.activity.last,
            sources: Some(self.sources),
            quote: self.quote.cloned(),
            stances: None,
        }
    }
}

/// Statement indices sorted by (actor, stance, polarity), input order kept
/// within each: the groups that become two-mode edges, in edge order.
pub(crate) fn by_actor_stance_polarity(ds: &Dataset) -> Vec<u32> {
    let stance_bits = bits(ds.stances.len());
    let group_bits = bits(ds.actors.len()) + stance_bits + 1;
    let groups = ds.statements.iter().map(|s| {
        (u128::from(s.actor) << stance_bits | u128::from(s.stance)) << 1 | s.polarity as u128
    });
    sorted_by_group(groups, ds.statements.len(), group_bits)
}

/// How many bits hold the numbers below `n`.
pub(crate) fn bits(n: usize) -> u32 {
    usize::BITS - n.saturating_sub(1).leading_zeros()
}

/// The indices of `n` items ordered by their groups (numbers below
/// 2^`group_bits`), input order kept within a group.
///
/// Sorting packed keys keeps the comparisons in cache; the index is the
/// key's last part, so input order is kept. Group and index fit in 64
/// bits for all but huge corpora (8 bytes an item while sorting); those
/// take 128.
pub(crate) fn sorted_by_group(
    groups: impl Iterator<Item = u128>,
    n: usize,
    group_bits: u32,
) -> Vec<u32> {
    let index_bits = bits(n);
    let keys = groups
        .enumerate()
        .map(|(i, group)| group << index_bits | i as u128);
    let index = |key: u128| (key & ((1u128 << index_bits) - 1)) as u32;
    if group_bits + index_bits <= 64 {
        let mut keys: Vec<u64> = keys.map(|k| k as u64).collect();
        keys.sort_unstable();
        keys.into_iter().map(|k| index(k.into())).collect()
    } else {
        let mut keys: Vec<u128> = keys.collect();
        keys.sort_unstable();
        keys.into_iter().map(index).collect()
    }
}

/// The `full` network: actors, countries and stances; one agree or
/// disagree edge per (actor, stance, polarity) weighted by the number of
/// statements; one affiliation edge from each actor to its country.
///
/// Nodes come in dataset order: actors, then countries (a country-kind
/// actor with a country's id is that country's node), then stances.
/// Edges come in (actor, stance, polarity) order, then affiliations, then
/// the interaction edges (actor → target, for statements with a target; see
/// [`crate::network::interaction`]).
///
/// ```
/// use stancegraph::{load::{load, Input, LoadOptions}, network::full};
/// let ds = load(&Input::Embedded, &LoadOptions::default()).unwrap().dataset;
/// let net = full(&ds);
/// assert!(net.graph.node_count() > 20);
/// ```
pub fn full(ds: &Dataset) -> Network {
    let mut graph = DiGraph::new();
    let act = Activities::of(ds);
    let nodes = NodeAttrs::of(ds);
    let actor_nodes: Vec<NodeIndex> = (0..ds.actors.len())
        .map(|a| graph.add_node(nodes.actor(a, &act.actors[a])))
        .collect();
    // Country-kind actors by id: one of them with a country's id is that
    // country's node.
    let speaking: HashMap<&str, usize> = ds
        .actors
        .iter()
        .enumerate()
        .filter(|(_, a)| a.kind == ActorKind::Country)
        .map(|(i, a)| (a.id.as_str(), i))
        .collect();
    let country_nodes: Vec<NodeIndex> = ds
        .countries
        .iter()
        .enumerate()
        .map(|(c, country)| match speaking.get(country.id.as_str()) {
            Some(&a) => actor_nodes[a],
            None => graph.add_node(nodes.country(c, &act.countries[c])),
        })
        .collect();
    let stance_nodes: Vec<NodeIndex> = (0..ds.stances.len())
        .map(|s| graph.add_node(nodes.stance(s, &act.stances[s])))
        .collect();

    let order = by_actor_stance_polarity(ds);
    let key = |i: &u32| {
        let s = &ds.statements[*i as usize];
        (s.actor(), s.stance(), s.polarity)
    };
    let mut scratch = Vec::new();
    for group in order.chunk_by(|a, b| key(a) == key(b)) {
        let (actor, stance, polarity) = key(&group[0]);
        let g = StatementGroup::of(ds, group, &mut scratch);
        let edge = g.edge(polarity.into(), g.activity.count as f64);
        graph.add_edge(actor_nodes[actor], stance_nodes[stance], edge);
    }
    for (a, actor) in ds.actors.iter().enumerate() {
        if let Some(c) = actor.country
            && actor_nodes[a] != country_nodes[c]
        {
            let active = &act.actors[a];
            let edge = EdgeData::affiliation(active.first, active.last);
            graph.add_edge(actor_nodes[a], country_nodes[c], edge);
        }
    }
    // Actors acting on actors, one edge per polarity (none without targets).
    let addressed = super::interaction::edges(ds, super::Qualifier::Separate);
    let interaction = !addressed.is_empty();
    for (actor, target, edge) in addressed {
        graph.add_edge(actor_nodes[actor], actor_nodes[target], edge);
    }
    Network {
        name: "full".to_string(),
        directed: true,
        graph,
        node_attrs: nodes.defs,
        streamed: None,
        coalitions: None,
        slice: None,
        interaction,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn items_sort_by_group_in_input_order_in_64_and_128_bits() {
        // A stable sort by group is the reference.
        let groups: Vec<u128> = (0..1000u128).map(|i| (i * 7919) % 13).collect();
        let mut expected: Vec<u32> = (0..1000).collect();
        expected.sort_by_key(|&i| groups[i as usize]);
        for group_bits in [4, 60, 100] {
            let got = sorted_by_group(groups.iter().copied(), groups.len(), group_bits);
            assert_eq!(got, expected, "{group_bits} bits");
        }
        assert_eq!(sorted_by_group([5u128].into_iter(), 1, 3), [0]);
        assert!(sorted_by_group(std::iter::empty(), 0, 3).is_empty());
        assert_eq!(
            (bits(0), bits(1), bits(2), bits(3), bits(4), bits(5)),
            (0, 0, 1, 2, 2, 3)
        );
    }
    use crate::model::{Actor, Country, Polarity, Stance, Statement};
    use chrono::NaiveDate;

    fn statement(actor: u32, stance: u32, polarity: Polarity, day: u32) -> Statement {
        Statement {
            id: None,
            actor,
            stance,
            polarity,
            date: NaiveDate::from_ymd_opt(2025, 2, day),
            source: day,
            quote: Some(format!("q{day}").into()),
            line: day as u64,
            ..Statement::default()
        }
    }

    fn dataset() -> Dataset {
        let actor = |id: &str, kind, country| Actor {
            id: id.into(),
            label: id.to_uppercase(),
            kind,
            country,
            ..Actor::default()
        };
        Dataset {
            name: "t".into(),
            actors: vec![
                actor("a", ActorKind::Person, Some(0)),
                actor("b", ActorKind::Person, Some(1)),
                actor("ua", ActorKind::Country, Some(1)),
            ],
            stances: vec![Stance {
                id: "s".into(),
                label: "S".into(),
                ..Stance::default()
            }],
            sources: (0..6).map(|d| format!("doc{d}")).collect(),
            countries: vec![
                Country {
                    id: "us".into(),
                    label: "US".into(),
                    ..Country::default()
                },
                Country {
                    id: "ua".into(),
                    label: "Ukraine".into(),
                    ..Country::default()
                },
            ],
            statements: vec![
                statement(0, 0, Polarity::Agree, 3),
                statement(0, 0, Polarity::Agree, 1),
                statement(0, 0, Polarity::Disagree, 2),
                statement(1, 0, Polarity::Disagree, 4),
                statement(2, 0, Polarity::Agree, 5),
            ],
            ..Dataset::default()
        }
    }

    #[test]
    fn full_network_aggregates_statements_per_polarity() {
        let net = full(&dataset());
        let g = &net.graph;
        let ids: Vec<&str> = g.node_weights().map(|n| n.id.as_str()).collect();
        // The speaking country "ua" is one node.
        assert_eq!(ids, ["a", "b", "ua", "us", "s"]);
        let edges: Vec<(String, String, &str, f64)> = g
            .edge_indices()
            .map(|e| {
                let (s, t) = g.edge_endpoints(e).unwrap();
                let d = &g[e];
                (
                    g[s].id.clone(),
                    g[t].id.clone(),
                    d.relation.as_str(),
                    d.weight,
                )
            })
            .collect();
        let expected = [
            ("a", "s", "agree", 2.0),
            ("a", "s", "disagree", 1.0),
            ("b", "s", "disagree", 1.0),
            ("ua", "s", "agree", 1.0),
            ("a", "us", "affiliation", 1.0),
            ("b", "ua", "affiliation", 1.0),
        ];
        let expected: Vec<(String, String, &str, f64)> = expected
            .iter()
            .map(|(s, t, r, w)| (s.to_string(), t.to_string(), *r, *w))
            .collect();
        assert_eq!(edges, expected);
        let agree = &g[g.edge_indices().next().unwrap()];
        assert_eq!(agree.first_date, NaiveDate::from_ymd_opt(2025, 2, 1));
        assert_eq!(agree.last_date, NaiveDate::from_ymd_opt(2025, 2, 3));
        assert_eq!(agree.sources, Some(2));
        assert_eq!(agree.quote.as_deref(), Some("q3"));
        // Activity: a made 3 statements, the stance got 5, Ukraine's actors 2.
        let stat = |id: &str| g.node_weights().find(|n| n.id == id).unwrap().statements;
        assert_eq!((stat("a"), stat("s"), stat("ua"), stat("us")), (3, 5, 1, 3));
        assert_eq!(net.max_weight(), 2.0);
    }
}
