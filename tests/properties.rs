//! Properties of the projections on random datasets: subtract is congruence
//! minus conflict, one-mode networks are symmetric, normalized values stay in
//! their ranges, and filters commute with projection where they should.

use std::collections::BTreeMap;

use proptest::prelude::*;
use stancegraph::load::{DatasetBuilder, StatementRow};
use stancegraph::model::{Dataset, Polarity, Statement};
use stancegraph::network::Network;
use stancegraph::network::{
    Duplicates, Filter, Kind, Normalization, Options, Qualifier, build, duplicates, filter,
    projection,
};

/// A dataset of `actors` actors and `stances` stances with the given
/// (actor, stance, agree) statements, built in memory through the loader's
/// checks, as a program builds one.
fn dataset(actors: usize, stances: usize, statements: &[(usize, usize, bool)]) -> Dataset {
    let mut b = DatasetBuilder::new("random");
    for i in 0..actors {
        let kind = if i % 3 == 0 { "organization" } else { "person" };
        b.actor([
            ("id", format!("a{i}")),
            ("label", format!("Actor {i}")),
            ("kind", kind.to_string()),
        ]);
    }
    for i in 0..stances {
        b.stance([("id", format!("s{i}")), ("label", format!("Stance {i}"))]);
    }
    for &(actor, stance, agree) in statements {
        let polarity = if agree {
            Polarity::Agree
        } else {
            Polarity::Disagree
        };
        b.statement(StatementRow::new(
            format!("a{}", actor % actors),
            format!("s{}", stance % stances),
            polarity,
        ));
    }
    let ds = b.build().expect("valid rows").dataset;
    assert_eq!((ds.actors.len(), ds.stances.len()), (actors, stances));
    ds
}

fn datasets() -> impl Strategy<Value = Dataset> {
    (
        1usize..8,
        1usize..6,
        prop::collection::vec((0usize..8, 0usize..6, any::<bool>()), 0..60),
    )
        .prop_map(|(a, s, st)| dataset(a, s, &st))
}

/// Edge weights by unordered pair of node ids.
fn weights(net: &Network) -> BTreeMap<(String, String), f64> {
    let g = &net.graph;
    let mut out = BTreeMap::new();
    for e in g.edge_indices() {
        let (s, t) = g.edge_endpoints(e).unwrap();
        let (a, b) = (g[s].id.clone(), g[t].id.clone());
        let key = if a <= b { (a, b) } else { (b, a) };
        assert!(out.insert(key, g[e].weight).is_none(), "one edge per pair");
    }
    out
}

fn one(ds: &Dataset, kind: Kind, n: Normalization) -> BTreeMap<(String, String), f64> {
    let net = projection::one_mode(ds, kind, n);
    assert!(!net.directed);
    weights(&net)
}

/// The same dataset with actors listed in reverse order.
fn reversed(ds: &Dataset) -> Dataset {
    let n = ds.actors.len() as u32;
    let mut out = ds.clone();
    out.actors.reverse();
    for s in &mut out.statements {
        s.actor = n - 1 - s.actor;
    }
    out
}

proptest! {
    #[test]
    fn subtract_is_congruence_minus_conflict(ds in datasets()) {
        let cong = one(&ds, Kind::Congruence, Normalization::None);
        let conf = one(&ds, Kind::Conflict, Normalization::None);
        let sub = one(&ds, Kind::Subtract, Normalization::None);
        let mut pairs: Vec<_> = cong.keys().chain(conf.keys()).cloned().collect();
        pairs.sort();
        pairs.dedup();
        for p in pairs {
            let expected = cong.get(&p).unwrap_or(&0.0) - conf.get(&p).unwrap_or(&0.0);
            prop_assert_eq!(sub.get(&p).copied().unwrap_or(0.0), expected);
        }
    }

    #[test]
    fn one_mode_networks_are_symmetric(ds in datasets()) {
        // Listing the actors the other way round gives every pair the same weight.
        for kind in [Kind::Congruence, Kind::Conflict, Kind::Subtract, Kind::Cooccurrence] {
            for n in [Normalization::None, Normalization::Average, Normalization::Jaccard, Normalization::Cosine] {
                prop_assert_eq!(one(&ds, kind, n), one(&reversed(&ds), kind, n));
            }
        }
    }

    #[test]
    fn normalized_values_stay_in_range(ds in datasets()) {
        // DNA's cosine divides by a_i·a_j, which bounds every tie.
        for kind in [Kind::Congruence, Kind::Conflict, Kind::Cooccurrence] {
            for w in one(&ds, kind, Normalization::Cosine).values() {
                prop_assert!((0.0..=1.0).contains(w), "{kind:?} cosine {w}");
            }
        }
        for w in one(&ds, Kind::Subtract, Normalization::Cosine).values() {
            prop_assert!((-1.0..=1.0).contains(w));
        }
        // DNA's Jaccard bounds congruence on any counts ...
        for w in one(&ds, Kind::Congruence, Normalization::Jaccard).values() {
            prop_assert!((0.0..=1.0).contains(w), "congruence jaccard {w}");
        }
        // ... and conflict once repeated statements count once; with repeats
        // its denominator (same-polarity cells) can be smaller than the tie.
        let once = duplicates::remove(&ds, Duplicates::All);
        for w in one(&once, Kind::Conflict, Normalization::Jaccard).values() {
            prop_assert!((0.0..=1.0).contains(w), "conflict jaccard {w}");
        }
        // Activity and prominence shares of one actor or stance sum to 1.
        for n in [Normalization::Activity, Normalization::Prominence] {
            let net = projection::affiliation(&ds, Qualifier::Ignore, n);
            let g = &net.graph;
            let mut sums: BTreeMap<usize, f64> = BTreeMap::new();
            for e in g.edge_indices() {
                let (s, t) = g.edge_endpoints(e).unwrap();
                let key = if n == Normalization::Activity { s.index() } else { t.index() };
                *sums.entry(key).or_default() += g[e].weight;
            }
            for total in sums.values() {
                prop_assert!((total - 1.0).abs() < 1e-9, "{n:?} sums to {total}");
            }
        }
    }

    #[test]
    fn actor_filters_commute_with_one_mode_projection(ds in datasets(), keep in prop::collection::vec(any::<bool>(), 8)) {
        // A tie depends only on its two actors' statements, so filtering
        // actors first gives the induced subgraph of the full projection.
        let kept: Vec<String> = ds.actors.iter().enumerate()
            .filter(|(i, _)| keep[*i])
            .map(|(_, a)| a.id.clone())
            .collect();
        prop_assume!(!kept.is_empty());
        let f = Filter { actors: kept.clone(), ..Filter::default() };
        for kind in [Kind::Congruence, Kind::Conflict, Kind::Subtract, Kind::Cooccurrence] {
            for n in [Normalization::None, Normalization::Average, Normalization::Jaccard, Normalization::Cosine] {
                let opts = Options { kind, normalization: n, filter: f.clone(), ..Options::default() };
                let filtered_first = weights(&build(&ds, &opts).unwrap().network);
                let projected_first: BTreeMap<_, _> = one(&ds, kind, n)
                    .into_iter()
                    .filter(|((a, b), _)| kept.contains(a) && kept.contains(b))
                    .collect();
                prop_assert_eq!(filtered_first, projected_first);
            }
        }
    }

    #[test]
    fn stance_filters_commute_with_affiliation(ds in datasets(), keep in prop::collection::vec(any::<bool>(), 6)) {
        // An actor–stance edge depends only on that cell, and prominence only
        // on the stance's column: both survive a stance filter unchanged.
        let kept: Vec<String> = ds.stances.iter().enumerate()
            .filter(|(i, _)| keep[*i])
            .map(|(_, s)| s.id.clone())
            .collect();
        prop_assume!(!kept.is_empty());
        for q in [Qualifier::Separate, Qualifier::Ignore, Qualifier::Combine, Qualifier::Subtract] {
            for n in [Normalization::None, Normalization::Prominence] {
                let filtered = filter::apply(&ds, &Filter { stances: kept.clone(), ..Filter::default() }).unwrap();
                let edges = |net: &Network| -> Vec<(String, String, String, f64)> {
                    let g = &net.graph;
                    let mut v: Vec<_> = g.edge_indices().map(|e| {
                        let (s, t) = g.edge_endpoints(e).unwrap();
                        (g[s].id.clone(), g[t].id.clone(), g[e].relation.as_str().to_string(), g[e].weight)
                    }).collect();
                    v.sort_by(|a, b| a.partial_cmp(b).unwrap());
                    v
                };
                let first = edges(&projection::affiliation(&filtered, q, n));
                let then: Vec<_> = edges(&projection::affiliation(&ds, q, n))
                    .into_iter()
                    .filter(|e| kept.contains(&e.1))
                    .collect();
                prop_assert_eq!(first, then);
            }
        }
    }
}

/// Every tie straight from DNA's definitions, pair by pair over all
/// stances: the slow path the projection must agree with.
fn naive(ds: &Dataset, kind: Kind, n: Normalization) -> BTreeMap<(String, String), f64> {
    let a = ds.actors.len();
    let mut c = vec![vec![[0u64; 2]; ds.stances.len()]; a];
    for st in &ds.statements {
        c[st.actor()][st.stance()][usize::from(st.polarity == Polarity::Disagree)] += 1;
    }
    let activity = |i: usize| c[i].iter().map(|q| q[0] + q[1]).sum::<u64>() as f64;
    let mut out = BTreeMap::new();
    for i in 0..a {
        for j in i + 1..a {
            let (mut cong, mut conf, mut cooc) = (0u64, 0u64, 0u64);
            let (mut m10, mut m01, mut m11) = (0u64, 0u64, 0u64);
            for (x, y) in c[i].iter().zip(&c[j]) {
                cong += x[0] * y[0] + x[1] * y[1];
                conf += x[0] * y[1] + x[1] * y[0];
                cooc += (x[0] + x[1]) * (y[0] + y[1]);
                for q in 0..2 {
                    if y[q] == 0 {
                        m10 += x[q];
                    }
                    if x[q] == 0 {
                        m01 += y[q];
                    }
                    if x[q] > 0 && y[q] > 0 {
                        m11 += x[q] * y[q];
                    }
                }
            }
            let raw = match kind {
                Kind::Congruence => cong as f64,
                Kind::Conflict => conf as f64,
                Kind::Subtract => cong as f64 - conf as f64,
                _ => cooc as f64,
            };
            let norm = match n {
                Normalization::Average => (activity(i) + activity(j)) / 2.0,
                Normalization::Jaccard => (m10 + m01 + m11) as f64,
                Normalization::Cosine => activity(i) * activity(j),
                _ => 1.0,
            };
            let w = if norm == 0.0 { 0.0 } else { raw / norm };
            if w != 0.0 {
                let (x, y) = (ds.actors[i].id.clone(), ds.actors[j].id.clone());
                out.insert(if x <= y { (x, y) } else { (y, x) }, w);
            }
        }
    }
    out
}

proptest! {
    #[test]
    fn fast_projection_equals_the_definitions(ds in datasets()) {
        for kind in [Kind::Congruence, Kind::Conflict, Kind::Subtract, Kind::Cooccurrence] {
            for n in [Normalization::None, Normalization::Average, Normalization::Jaccard, Normalization::Cosine] {
                prop_assert_eq!(one(&ds, kind, n), naive(&ds, kind, n), "{:?} {:?}", kind, n);
            }
        }
    }
}

/// A dated dataset: each statement on one of ten days (or undated), actors
/// in two countries, so the full network has affiliation edges.
fn dated() -> impl Strategy<Value = Dataset> {
    (
        1usize..7,
        1usize..5,
        prop::collection::vec((0usize..7, 0usize..5, any::<bool>(), 0u32..12), 0..40),
    )
        .prop_map(|(a, s, st)| {
            let plain: Vec<(usize, usize, bool)> = st.iter().map(|x| (x.0, x.1, x.2)).collect();
            let mut ds = dataset(a, s, &plain);
            ds.countries = ["us", "gb"]
                .iter()
                .map(|c| stancegraph::model::Country {
                    id: c.to_string(),
                    label: c.to_uppercase(),
                    ..Default::default()
                })
                .collect();
            for (i, actor) in ds.actors.iter_mut().enumerate() {
                actor.country = (i % 3 != 2).then_some(i % 2);
            }
            for (s, x) in ds.statements.iter_mut().zip(&st) {
                // Days 10 and 11 stand for undated statements.
                s.date =
                    (x.3 < 10).then(|| chrono::NaiveDate::from_ymd_opt(2025, 1, 1 + x.3).unwrap());
            }
            ds
        })
}

proptest! {
    /// Gephi's timeline wants every edge within its nodes' time: the GEXF
    /// spells hold it for every network; one-mode ties start when both
    /// actors have spoken and end by the later actor's last statement.
    #[test]
    fn every_edge_spell_lies_within_its_nodes_spells(ds in dated()) {
        for kind in [Kind::Full, Kind::Affiliation, Kind::Congruence, Kind::Conflict, Kind::Subtract, Kind::Cooccurrence] {
            let opts = Options { kind, ..Options::default() };
            let net = build(&ds, &opts).unwrap().network;
            let g = &net.graph;
            let Some(spells) = stancegraph::export::gexf::spells(&net) else {
                prop_assert!(ds.statements.iter().all(|s| s.date.is_none()));
                continue;
            };
            for e in g.edge_indices() {
                let (s, t) = g.edge_endpoints(e).unwrap();
                let (f, l) = spells.edge(&g[e]);
                prop_assert!(f <= l);
                for v in [s, t] {
                    let (nf, nl) = spells.nodes[v.index()];
                    prop_assert!(nf <= f && l <= nl, "{kind:?}: edge {f}..{l} outside node {nf}..{nl}");
                }
                if kind.is_one_mode() && let (Some(f), Some(l)) = (g[e].first_date, g[e].last_date) {
                    for v in [s, t] {
                        let n = &g[v];
                        prop_assert!(n.first_date.is_some_and(|nf| nf <= f), "{kind:?}: tie starts before an actor spoke");
                    }
                    let latest = g[s].last_date.max(g[t].last_date).unwrap();
                    prop_assert!(l <= latest);
                }
            }
        }
    }
}

/// The dated datasets with sources and quotes, each statement standing for
/// 1 to 4 (its `count`).
fn counted() -> impl Strategy<Value = Dataset> {
    (dated(), prop::collection::vec(1u32..5, 40)).prop_map(|(mut ds, counts)| {
        ds.sources = vec!["doc a".into(), "doc b".into()];
        for (i, (s, n)) in ds.statements.iter_mut().zip(counts).enumerate() {
            s.count = n;
            s.source = if i % 3 != 2 {
                i as u32 % 2
            } else {
                Statement::NO_SOURCE
            };
            s.quote = Some(format!("quote {i}").into());
        }
        ds
    })
}

/// The dataset with each statement written out `count` times, in place.
fn repeated(ds: &Dataset) -> Dataset {
    let statements = ds
        .statements
        .iter()
        .flat_map(|s| {
            std::iter::repeat_n(
                Statement {
                    count: 1,
                    ..s.clone()
                },
                s.count as usize,
            )
        })
        .collect();
    ds.with_statements(statements)
}

/// The network's nodes and edges tables, as the export writes them.
fn tables(net: &Network, ds: &Dataset) -> Vec<u8> {
    use stancegraph::export::{Format, Part};
    let mut out = Vec::new();
    for part in [Part::Nodes, Part::Edges] {
        Format::Csv
            .write_part(net, ds, &Default::default(), part, &mut out)
            .unwrap();
    }
    out
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    /// A row with a count is exactly that many identical rows, for every
    /// network, qualifier, normalization and duplicates mode.
    #[test]
    fn a_count_is_that_many_rows_for_every_network(ds in counted()) {
        let expanded = repeated(&ds);
        for kind in [Kind::Full, Kind::Affiliation, Kind::Congruence, Kind::Conflict, Kind::Subtract, Kind::Cooccurrence] {
            for qualifier in [Qualifier::Separate, Qualifier::Ignore, Qualifier::Combine, Qualifier::Subtract] {
                for normalization in [Normalization::None, Normalization::Average, Normalization::Jaccard, Normalization::Cosine, Normalization::Activity, Normalization::Prominence] {
                    for duplicates in [Duplicates::Include, Duplicates::Document, Duplicates::Week, Duplicates::All] {
                        let opts = Options { kind, qualifier, normalization, duplicates, ..Options::default() };
                        if opts.validate().is_err() {
                            continue;
                        }
                        let counted = build(&ds, &opts).unwrap();
                        let rows = build(&expanded, &opts).unwrap();
                        prop_assert_eq!(counted.statements, rows.statements);
                        prop_assert_eq!(
                            String::from_utf8(tables(&counted.network, &ds)).unwrap(),
                            String::from_utf8(tables(&rows.network, &expanded)).unwrap(),
                            "{:?}", opts
                        );
                    }
                }
            }
        }
    }
}

/// Every file of a network, in every format (the HTML view laid out
/// without Graphviz).
fn every_file(net: &Network, ds: &Dataset) -> Vec<Vec<u8>> {
    use stancegraph::export::{self, Format};
    // The default: the spring layout.
    let opts = export::Options::default();
    let mut files = Vec::new();
    for format in Format::EVERY.into_iter().filter(|f| f.available()) {
        for &part in format.parts() {
            let mut out = Vec::new();
            format.write_part(net, ds, &opts, part, &mut out).unwrap();
            files.push(out);
        }
    }
    files
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    /// Ties made on demand are written byte for byte as held ones, in
    /// every format, for every one-mode network and normalization.
    #[test]
    fn streamed_ties_write_the_same_bytes_as_held_ones(ds in counted()) {
        for kind in [Kind::Congruence, Kind::Conflict, Kind::Subtract, Kind::Cooccurrence] {
            for normalization in [Normalization::None, Normalization::Average, Normalization::Jaccard, Normalization::Cosine] {
                let opts = Options { kind, normalization, ..Options::default() };
                let held = stancegraph::network::project_streamed(&ds, &opts, usize::MAX);
                let streamed = stancegraph::network::project_streamed(&ds, &opts, 0);
                prop_assert!(held.streamed.is_none());
                prop_assert_eq!(streamed.streamed.is_some(), held.graph.edge_count() > 0);
                prop_assert_eq!(streamed.edge_count(), held.edge_count());
                prop_assert!(every_file(&held, &ds) == every_file(&streamed, &ds), "{:?}", opts);
            }
        }
    }
}
