//! The backbone searches: DNA's nested removal, every subset (up to
//! [`super::EXHAUSTIVE_LIMIT`] stances), and DNA's simulated annealing,
//! seeded.

use rand::rngs::StdRng;
use rand::seq::{IndexedRandom, SliceRandom};
use rand::{Rng, SeedableRng};

use super::model::Sums;
use super::{BackboneOptions, Method, Model};

/// One removal of the nested method.
#[derive(Debug, Clone, PartialEq)]
pub struct Removal {
    /// The stance (its index in the model).
    pub stance: usize,
    /// L(S \ {stance}), the least of the round.
    pub backbone_loss: f64,
    /// L(R) of the redundant set with it.
    pub redundant_loss: f64,
    /// The statements of S \ {stance}.
    pub statements: u64,
}

/// Losses this close count as equal in the nested method: DNA compares
/// doubles exactly, but sums in another order can differ in the last bits.
fn tied(a: f64, b: f64) -> bool {
    (a - b).abs() <= 1e-12 * a.abs().max(b.abs()).max(1.0)
}

/// DNA's nested method: from all stances, remove in each round the stance
/// whose removal leaves the least loss (every stance tied for it, walking
/// from the last), until none is left.
pub fn nested(model: &Model) -> Vec<Removal> {
    let c = model.stances.len();
    let mut keep = vec![true; c];
    let mut gone = vec![false; c];
    let mut out = Vec::with_capacity(c);
    let mut sums = model.sums(&keep);
    while keep.iter().any(|k| *k) {
        let inside: Vec<usize> = (0..c).filter(|&j| keep[j]).collect();
        let round: Vec<(usize, f64, u64)> = inside
            .into_iter()
            .map(|j| {
                model.change(&mut sums, j, -1.0);
                keep[j] = false;
                let loss = model.loss_of(&sums);
                let statements = model.statements_of(&keep);
                keep[j] = true;
                model.change(&mut sums, j, 1.0);
                (j, loss, statements)
            })
            .collect();
        let least = round.iter().map(|r| r.1).fold(f64::INFINITY, f64::min);
        for &(j, loss, statements) in round.iter().rev() {
            if tied(loss, least) {
                gone[j] = true;
                out.push(Removal {
                    stance: j,
                    backbone_loss: least,
                    redundant_loss: model.loss(&gone),
                    statements,
                });
            }
        }
        for (j, g) in gone.iter().enumerate() {
            if *g && keep[j] {
                keep[j] = false;
                model.change(&mut sums, j, -1.0);
            }
        }
    }
    out
}

/// The backbone the nested method reports: the nested set of `--size`
/// stances, else the nested set (1 to |C| − 1 stances) with the least
/// penalized loss.
pub fn pick_nested(model: &Model, steps: &[Removal], opts: &BackboneOptions) -> Vec<bool> {
    let c = model.stances.len();
    // After the first r removals the backbone is the rest.
    let set_after = |r: usize| -> Vec<bool> {
        let mut keep = vec![true; c];
        for s in &steps[..r] {
            keep[s.stance] = false;
        }
        keep
    };
    let removals = match opts.size {
        Some(size) => c - size,
        None => {
            (1..c)
                .map(|r| {
                    let keep = set_after(r);
                    let loss = model.penalized(steps[r - 1].backbone_loss, &keep, opts.penalty);
                    (r, loss)
                })
                .fold((1, f64::INFINITY), |best, (r, loss)| {
                    if loss < best.1 { (r, loss) } else { best }
                })
                .0
        }
    };
    set_after(removals)
}

/// What a method minimizes for a subset, from the subset's sums.
fn objective(model: &Model, sums: &Sums, keep: &[bool], opts: &BackboneOptions) -> f64 {
    let loss = model.loss_of(sums);
    match opts.method {
        Method::Penalty => model.penalized(loss, keep, opts.penalty),
        _ => loss,
    }
}

/// The exact optimum over every subset: for `penalty` all with 1 to
/// |C| − 1 stances, for `fixed` all of `--size`. Subsets are visited in
/// Gray-code order, one stance in or out at a time, so the sums change by
/// one stance per step; of equal losses the smaller bit pattern wins.
pub fn exhaustive(model: &Model, opts: &BackboneOptions) -> Vec<bool> {
    let c = model.stances.len();
    let size = opts.size.unwrap_or(1);
    let mut best: Option<(f64, u64)> = None;
    let mut keep = vec![false; c];
    let mut sums = model.empty();
    let mut bits: u64 = 0;
    for step in 1u64..(1u64 << c) {
        let next = step ^ (step >> 1);
        let j = (next ^ bits).trailing_zeros() as usize;
        keep[j] = !keep[j];
        model.change(&mut sums, j, if keep[j] { 1.0 } else { -1.0 });
        bits = next;
        let n = bits.count_ones() as usize;
        let fits = match opts.method {
            Method::Fixed => n == size,
            _ => n < c,
        };
        if !fits {
            continue;
        }
        let value = objective(model, &sums, &keep, opts);
        let better = best.is_none_or(|(b, at)| value < b || (value == b && bits < at));
        if better {
            best = Some((value, bits));
        }
    }
    let bits = best.expect("at least two stances give a subset").1;
    (0..c).map(|j| bits >> j & 1 == 1).collect()
}

/// DNA's simulated annealing: temperature 1 − logistic(12 t / T − 5); add,
/// remove or swap moves for `penalty` (keeping 1 to |C| − 1 stances), swaps
/// only for `fixed`; a better subset always taken, a worse one with
/// probability exp(−Δ) × temperature; the best seen kept (the later of
/// equals).
pub fn anneal(model: &Model, opts: &BackboneOptions) -> Vec<bool> {
    let c = model.stances.len();
    let mut rng = StdRng::seed_from_u64(opts.seed);
    let mut order: Vec<usize> = (0..c).collect();
    order.shuffle(&mut rng);
    let start = match opts.method {
        Method::Fixed => opts.size.unwrap_or(1),
        _ => 1,
    }
    .min(c);
    let mut keep = vec![false; c];
    for &j in &order[..start] {
        keep[j] = true;
    }
    // The sums of the current subset, changed a stance at a time (their
    // values are whole numbers, so they equal the sums built afresh).
    let mut sums = model.sums(&keep);
    let mut current = objective(model, &sums, &keep, opts);
    let mut best = (current, keep.clone());
    let iterations = opts.iterations.max(1);
    #[derive(Clone, Copy)]
    enum Move {
        Add,
        Remove,
        Swap,
    }
    for t in 1..=iterations {
        let x = -5.0 + 12.0 * t as f64 / iterations as f64;
        let temperature = 1.0 - 1.0 / (1.0 + (-x).exp());
        let size = keep.iter().filter(|k| **k).count();
        let inside: Vec<usize> = (0..c).filter(|&j| keep[j]).collect();
        let outside: Vec<usize> = (0..c).filter(|&j| !keep[j]).collect();
        // DNA's moves for the size, less those that cannot be made (a
        // model of fewer than three stances, which `backbone` searches
        // exhaustively instead).
        let wanted: &[Move] = match opts.method {
            Method::Fixed => &[Move::Swap],
            _ if size < 2 => &[Move::Add, Move::Swap],
            _ if size + 2 > c => &[Move::Remove, Move::Swap],
            _ => &[Move::Add, Move::Remove, Move::Swap],
        };
        let moves: Vec<Move> = wanted
            .iter()
            .copied()
            .filter(|m| match m {
                Move::Add => !outside.is_empty(),
                Move::Remove => inside.len() > 1,
                Move::Swap => !inside.is_empty() && !outside.is_empty(),
            })
            .collect();
        let Some(&chosen) = moves.choose(&mut rng) else {
            break;
        };
        let pick =
            |from: &[usize], rng: &mut StdRng| *from.choose(rng).expect("checked: not empty");
        // The stances to take in and to leave out, drawn as DNA draws them.
        let (take, leave) = match chosen {
            Move::Add => (Some(pick(&outside, &mut rng)), None),
            Move::Remove => (None, Some(pick(&inside, &mut rng))),
            Move::Swap => {
                let take = pick(&outside, &mut rng);
                (Some(take), Some(pick(&inside, &mut rng)))
            }
        };
        let mut candidate = keep.clone();
        let mut candidate_sums = sums.clone();
        for (j, to) in [(take, true), (leave, false)] {
            if let Some(j) = j {
                candidate[j] = to;
                model.change(&mut candidate_sums, j, if to { 1.0 } else { -1.0 });
            }
        }
        let value = objective(model, &candidate_sums, &candidate, opts);
        let accept = value < current || {
            let probability = (-(value - current)).exp() * temperature;
            rng.random::<f64>() < probability
        };
        if accept {
            keep = candidate;
            sums = candidate_sums;
            current = value;
            if value <= best.0 {
                best = (value, keep.clone());
            }
        }
    }
    best.1
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::backbone::Spectrum;
    use crate::load::{DatasetBuilder, StatementRow};
    use crate::model::Polarity;

    fn model(stances: usize) -> Model {
        let mut b = DatasetBuilder::new("t");
        for s in 0..stances {
            for a in ["a", "b", "c"] {
                b.statement(StatementRow::new(a, format!("s{s}"), Polarity::Agree));
            }
        }
        Model::new(&b.build().unwrap().dataset, Spectrum::Dna)
    }

    /// Annealing is only run above 20 stances, but as a library function
    /// it must not fail on small models: it makes the moves there are.
    #[test]
    fn annealing_small_models_does_not_fail() {
        for stances in 1..=3 {
            let m = model(stances);
            for method in [Method::Penalty, Method::Fixed] {
                let opts = BackboneOptions {
                    method,
                    size: Some(5),
                    iterations: 50,
                    ..BackboneOptions::default()
                };
                let keep = anneal(&m, &opts);
                assert_eq!(keep.len(), stances);
                assert!(keep.iter().any(|k| *k), "{stances} {method:?}");
            }
        }
    }
}
