//! Times the analyses for `bench/analysis.py`; prints one JSON object.
//!
//! `analysis_bench leiden INPUT EDGES.csv`: the congruence network (average
//! normalization) of INPUT, Leiden with one seed and with the default eight,
//! and the ties written as `source,target,weight` (node indices) for
//! igraph.
//!
//! `analysis_bench polarization ACTORS`: greedy on a synthetic two-camp
//! debate of ACTORS actors (one start), and on 100 actors both with the
//! swap change computed in O(n) and with the score recomputed in full for
//! every candidate swap, as DNA does.
//!
//! `analysis_bench backbone STANCES`: simulated annealing (penalty, 10,000
//! iterations) on a synthetic debate with STANCES stances; and on 20
//! stances annealing against the exhaustive search.
use std::io::Write;
use std::time::Instant;

use stancegraph::analysis::backbone::{self, BackboneOptions, Method};
use stancegraph::analysis::coalitions;
use stancegraph::analysis::polarization::{
    self, Algorithm, Objective, PolarizationOptions, Scorer,
};
use stancegraph::load::{DatasetBuilder, Input, LoadOptions, StatementRow, load};
use stancegraph::model::{Dataset, Polarity};
use stancegraph::network::{self, Options};

/// A deterministic pseudo-random sequence.
struct Lcg(u64);

impl Lcg {
    fn below(&mut self, n: u64) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        (self.0 >> 33) % n
    }
}

/// Two camps of actors taking sides on stances, one statement in five
/// against their camp.
fn debate(actors: u64, stances: u64, statements: u64) -> Dataset {
    let mut rng = Lcg(11);
    let mut b = DatasetBuilder::new("synthetic");
    for _ in 0..statements {
        let a = rng.below(actors);
        let s = rng.below(stances);
        let agree = (a.is_multiple_of(2) == s.is_multiple_of(2)) != (rng.below(5) == 0);
        let polarity = if agree {
            Polarity::Agree
        } else {
            Polarity::Disagree
        };
        b.statement(StatementRow::new(
            format!("a{a}"),
            format!("s{s}"),
            polarity,
        ));
    }
    b.build().expect("a valid synthetic dataset").dataset
}

fn seconds(t: Instant) -> f64 {
    t.elapsed().as_secs_f64()
}

fn leiden(input: &str, edges: &str) {
    let ds = load(
        &Input::from_arg(Some(std::path::Path::new(input))),
        &LoadOptions::default(),
    )
    .expect("valid input")
    .dataset;
    let (prepared, _) = network::prepare(&ds, &Options::default()).expect("no options to fail");
    let t = Instant::now();
    let net = coalitions::network_for(&prepared, coalitions::CoalitionNetwork::Congruence);
    let build = seconds(t);
    let mut out = std::io::BufWriter::new(std::fs::File::create(edges).expect("a writable file"));
    writeln!(out, "source,target,weight").unwrap();
    net.for_each_edge(|_, s, t, d| writeln!(out, "{},{},{:?}", s.index(), t.index(), d.weight))
        .unwrap();
    out.flush().unwrap();
    let t = Instant::now();
    let one = coalitions::find_runs(&net, 1.0, 1, 1).unwrap();
    let one_s = seconds(t);
    let t = Instant::now();
    let all = coalitions::find(&net, 1.0, 1).unwrap();
    let all_s = seconds(t);
    println!(
        "{}",
        serde_json::json!({
            "nodes": net.graph.node_count(), "ties": net.edge_count(), "build_s": build,
            "one_run_s": one_s, "one_run_modularity": one.modularity,
            "default_s": all_s, "default_runs": coalitions::RUNS,
            "default_modularity": all.modularity, "coalitions": all.coalitions.len(),
        })
    );
}

/// DNA's greedy as DNA computes it: every candidate swap scored in full.
fn naive_greedy(s: &Scorer, m: &mut [usize]) -> f64 {
    let mut q = s.score(m);
    loop {
        let mut changed = false;
        for i in 0..s.n {
            for j in i + 1..s.n {
                if m[i] == m[j] {
                    continue;
                }
                m.swap(i, j);
                let candidate = s.score(m);
                if candidate > q {
                    q = candidate;
                    changed = true;
                } else {
                    m.swap(i, j);
                }
            }
        }
        if !changed {
            return q;
        }
    }
}

fn polarization_bench(actors: u64) {
    let ds = debate(actors, 40, actors * 20);
    let (c, f) = polarization::matrices(&ds);
    let opts = PolarizationOptions {
        algorithm: Some(Algorithm::Greedy),
        restarts: 1,
        normalize: true,
        ..PolarizationOptions::default()
    };
    let t = Instant::now();
    let big = polarization::of_matrices(&c, &f, &opts).unwrap();
    let big_s = seconds(t);
    let small = debate(100, 40, 2000);
    let (c, f) = polarization::matrices(&small);
    let t = Instant::now();
    let ours = polarization::of_matrices(&c, &f, &opts).unwrap();
    let ours_s = seconds(t);
    let scorer = Scorer::new(&c, &f, 2, Objective::Dna, true);
    let mut m: Vec<usize> = (0..scorer.n).map(|i| i % 2).collect();
    let t = Instant::now();
    let naive = naive_greedy(&scorer, &mut m);
    let naive_s = seconds(t);
    println!(
        "{}",
        serde_json::json!({
            "actors": big.actors, "greedy_s": big_s, "score": big.score,
            "small_actors": ours.actors, "small_greedy_s": ours_s, "small_score": ours.score,
            "small_naive_s": naive_s, "small_naive_score": naive,
        })
    );
}

fn backbone_bench(stances: u64) {
    let opts = BackboneOptions {
        method: Method::Penalty,
        iterations: 10_000,
        ..BackboneOptions::default()
    };
    let ds = debate(60, stances, stances * 25);
    let t = Instant::now();
    let annealed = backbone::backbone(&ds, &opts).unwrap();
    let anneal_s = seconds(t);
    // 20 stances: annealing is what runs above 20; the exhaustive search is
    // what runs at 20.
    let small = debate(60, 20, 500);
    let model = backbone::Model::new(&small, opts.spectrum);
    let t = Instant::now();
    let exact = backbone::backbone(&small, &opts).unwrap();
    let exact_s = seconds(t);
    let t = Instant::now();
    let keep = backbone::anneal(&model, &opts);
    let small_anneal_s = seconds(t);
    let annealed_loss = model.penalized(model.loss(&keep), &keep, opts.penalty);
    println!(
        "{}",
        serde_json::json!({
            "stances": stances, "iterations": opts.iterations, "anneal_s": anneal_s,
            "search": annealed.search, "backbone": annealed.backbone.len(),
            "small_stances": 20, "exhaustive_s": exact_s, "exhaustive_loss": exact.penalized_loss,
            "small_anneal_s": small_anneal_s, "small_anneal_loss": annealed_loss,
        })
    );
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    match args.get(1).map(String::as_str) {
        Some("leiden") => leiden(&args[2], &args[3]),
        Some("polarization") => polarization_bench(args[2].parse().unwrap()),
        Some("backbone") => backbone_bench(args[2].parse().unwrap()),
        _ => eprintln!("usage: analysis_bench leiden|polarization|backbone ..."),
    }
}
