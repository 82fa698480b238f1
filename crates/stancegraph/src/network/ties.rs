//! The ties of a one-mode network, made on demand and in parallel: each
//! actor's row of pairs is accumulated (Gustavson's sparse accumulation)
//! by as many threads as there are cores, and handed on in actor order, so
//! the ties come out as one thread would make them.

use std::io;
use std::ops::Range;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::mpsc::sync_channel;

use chrono::{Datelike, NaiveDate};
use petgraph::graph::NodeIndex;

use super::full::by_actor_stance_polarity;
use super::nodes::{Activities, Activity};
use super::{Kind, Normalization};
use crate::model::{Dataset, Polarity};
use crate::network::{EdgeData, EdgeSource, Relation};

/// Statements as a count and a range of days (days from the common era;
/// without a date, `first` is [`NO_FIRST`] and `last` [`NO_LAST`]), so
/// that the inner loop compares integers.
#[derive(Clone, Copy)]
struct Span {
    count: u64,
    first: i32,
    last: i32,
}

const NO_FIRST: i32 = i32::MAX;
const NO_LAST: i32 = i32::MIN;

impl Span {
    fn of(a: &Activity) -> Span {
        let day = |d: NaiveDate| d.num_days_from_ce();
        Span {
            count: a.count,
            first: a.first.map_or(NO_FIRST, day),
            last: a.last.map_or(NO_LAST, day),
        }
    }

    fn merged(a: Span, b: Span) -> Span {
        Span {
            count: a.count + b.count,
            first: a.first.min(b.first),
            last: a.last.max(b.last),
        }
    }
}

/// The day `day` stands for, if any.
fn date(day: i32, none: i32) -> Option<NaiveDate> {
    (day != none)
        .then(|| NaiveDate::from_num_days_from_ce_opt(day))
        .flatten()
}

/// What one pair of actors accumulates over the stances they share.
#[derive(Clone, Copy)]
struct Pair {
    congruence: u64,
    conflict: u64,
    cooccurrence: u64,
    /// Σ c(i,·) over the cells where j has statements (for m10).
    shared_i: u64,
    /// Σ c(j,·) over the cells where i has statements (for m01).
    shared_j: u64,
    /// The statements of both on their shared stances.
    statements: u64,
    /// When the tie exists, in days: see [`Pair::join`].
    first: i32,
    last: i32,
}

impl Default for Pair {
    fn default() -> Pair {
        Pair {
            congruence: 0,
            conflict: 0,
            cooccurrence: 0,
            shared_i: 0,
            shared_j: 0,
            statements: 0,
            first: NO_FIRST,
            last: NO_LAST,
        }
    }
}

/// One actor's statements on one stance, by polarity (agree, disagree),
/// and both together.
struct Cell {
    actor: usize,
    stance: usize,
    by: [Span; 2],
    any: Span,
}

impl Pair {
    /// Adds a pair of cells, one of each actor, on a stance they share:
    /// the counts the weight is made of, and with `FULL` the statements
    /// and dates the tie carries.
    fn add<const FULL: bool>(&mut self, ci: &Cell, cj: &Cell, kind: Kind) {
        let (ia, id) = (ci.by[0].count, ci.by[1].count);
        let (ja, jd) = (cj.by[0].count, cj.by[1].count);
        self.congruence += ia * ja + id * jd;
        self.conflict += ia * jd + id * ja;
        self.cooccurrence += (ia + id) * (ja + jd);
        let present = |n: u64| u64::from(n > 0);
        self.shared_i += ia * present(ja) + id * present(jd);
        self.shared_j += ja * present(ia) + jd * present(id);
        if !FULL {
            return;
        }
        self.statements += ci.any.count + cj.any.count;
        // The polarity pairs that make the tie: same polarity (congruence),
        // opposite (conflict), both (subtract), any (cooccurrence).
        let (x, y) = (&ci.by, &cj.by);
        match kind {
            Kind::Congruence => {
                self.join(&x[0], &y[0]);
                self.join(&x[1], &y[1]);
            }
            Kind::Conflict => {
                self.join(&x[0], &y[1]);
                self.join(&x[1], &y[0]);
            }
            Kind::Subtract => {
                self.join(&x[0], &y[0]);
                self.join(&x[1], &y[1]);
                self.join(&x[0], &y[1]);
                self.join(&x[1], &y[0]);
            }
            _ => self.join(&ci.any, &cj.any),
        }
    }

    /// Widens the tie's time by a pair of statement groups, one of each
    /// actor, that makes it: the tie exists from the day both have spoken
    /// (the later of their first dates) to the day of the last statement
    /// in the pair.
    fn join(&mut self, x: &Span, y: &Span) {
        if x.count == 0 || y.count == 0 {
            return;
        }
        if x.first != NO_FIRST && y.first != NO_FIRST {
            self.first = self.first.min(x.first.max(y.first));
        }
        self.last = self.last.max(x.last.max(y.last));
    }
}

/// The ties of a one-mode network, made on demand: what they are built
/// from (each actor's statements per stance and polarity, and each
/// stance's actors) and, from one counting pass, how many there are and
/// the largest weight. Memory grows with the statements, not the ties.
///
/// Row by row (Gustavson's sparse accumulation): for each actor i, walk the
/// actors j > i on each of i's stances, summing into a dense row that is
/// reset after use. Time grows with the pair updates; blocks of rows go to
/// as many threads as there are cores.
pub(crate) struct Ties {
    kind: Kind,
    normalization: Normalization,
    relation: Relation,
    /// Cells in (actor, stance) order.
    cells: Vec<Cell>,
    /// Each actor's cells (for actors with any), in actor order.
    rows: Vec<Range<usize>>,
    /// Blocks of rows (indices into `rows`) for the threads that make ties.
    blocks: Vec<Range<usize>>,
    /// Each stance's cells, in actor order.
    members: Vec<Vec<u32>>,
    /// Each actor's statements (a_i).
    activity: Vec<u64>,
    count: usize,
    max: f64,
}

/// The relation of a one-mode network's ties.
pub(crate) fn one_mode_relation(kind: Kind) -> Relation {
    match kind {
        Kind::Congruence => Relation::Congruence,
        Kind::Conflict => Relation::Conflict,
        Kind::Subtract => Relation::Subtract,
        Kind::Cooccurrence => Relation::Cooccurrence,
        Kind::Full | Kind::Affiliation | Kind::Interaction => {
            unreachable!("two-mode and directed networks are not one-mode")
        }
    }
}

/// Rows a counting thread takes at a time.
const COUNT_ROWS: usize = 16;
/// About how many ties a thread makes at a time for the writer.
const BLOCK_TIES: usize = 16_384;
/// Blocks of ties a thread may have made ahead of the writer.
const AHEAD: usize = 2;

/// A block of ties: (i, j, edge), in (i, j) order.
type Block = Vec<(u32, u32, EdgeData)>;

impl Ties {
    pub fn new(ds: &Dataset, kind: Kind, normalization: Normalization) -> Ties {
        let order = by_actor_stance_polarity(ds);
        let mut groups: Vec<(usize, usize, [Activity; 2])> = Vec::new();
        for &i in &order {
            let s = &ds.statements[i as usize];
            let same = groups
                .last()
                .is_some_and(|g| g.0 == s.actor() && g.1 == s.stance());
            if !same {
                groups.push((s.actor(), s.stance(), [Activity::default(); 2]));
            }
            let g = groups.last_mut().expect("just pushed");
            let p = match s.polarity {
                Polarity::Agree => 0,
                Polarity::Disagree => 1,
            };
            g.2[p].add(s.date, s.count);
        }
        let cells: Vec<Cell> = groups
            .into_iter()
            .map(|(actor, stance, by)| {
                let by = [Span::of(&by[0]), Span::of(&by[1])];
                Cell {
                    actor,
                    stance,
                    by,
                    any: Span::merged(by[0], by[1]),
                }
            })
            .collect();
        let mut members: Vec<Vec<u32>> = vec![Vec::new(); ds.stances.len()];
        for (c, cell) in cells.iter().enumerate() {
            members[cell.stance].push(c as u32);
        }
        let mut rows = Vec::new();
        let mut start = 0;
        for row in cells.chunk_by(|a, b| a.actor == b.actor) {
            rows.push(start..start + row.len());
            start += row.len();
        }
        let act = Activities::of(ds);
        let mut ties = Ties {
            kind,
            normalization,
            relation: one_mode_relation(kind),
            cells,
            rows,
            blocks: Vec::new(),
            members,
            activity: act.actors.iter().map(|a| a.count).collect(),
            count: 0,
            max: 0.0,
        };
        let (counts, max) = ties.count_rows();
        ties.count = counts.iter().map(|&c| c as usize).sum();
        ties.max = max;
        ties.blocks = Self::blocks(&counts);
        ties
    }

    fn threads() -> usize {
        std::thread::available_parallelism().map_or(1, |n| n.get())
    }

    /// How many ties each row has, and their largest absolute weight:
    /// threads take blocks of rows as they come free (the first actors are
    /// often the busiest).
    fn count_rows(&self) -> (Vec<u32>, f64) {
        let blocks: Vec<Range<usize>> = (0..self.rows.len())
            .step_by(COUNT_ROWS)
            .map(|start| start..(start + COUNT_ROWS).min(self.rows.len()))
            .collect();
        let next = AtomicUsize::new(0);
        let threads = Self::threads().min(blocks.len()).max(1);
        let mut counts = vec![0u32; self.rows.len()];
        let mut max = 0.0f64;
        std::thread::scope(|scope| {
            let workers: Vec<_> = (0..threads)
                .map(|_| {
                    let (blocks, next) = (&blocks, &next);
                    scope.spawn(move || {
                        let mut scratch = Scratch::new(self.activity.len());
                        let mut counted = Vec::new();
                        let mut max = 0.0f64;
                        while let Some(block) = blocks.get(next.fetch_add(1, Ordering::Relaxed)) {
                            for r in block.clone() {
                                let (count, m) = self.count_row(self.rows[r].clone(), &mut scratch);
                                max = max.max(m);
                                counted.push((r, count));
                            }
                        }
                        (counted, max)
                    })
                })
                .collect();
            for w in workers {
                let (counted, m) = w.join().expect("a counting thread does not panic");
                max = max.max(m);
                for (r, c) in counted {
                    counts[r] = c;
                }
            }
        });
        (counts, max)
    }

    /// Blocks of rows of about [`BLOCK_TIES`] ties each (a row is never
    /// split).
    fn blocks(counts: &[u32]) -> Vec<Range<usize>> {
        let mut blocks = Vec::new();
        let (mut start, mut ties) = (0, 0usize);
        for (r, &c) in counts.iter().enumerate() {
            ties += c as usize;
            if ties >= BLOCK_TIES {
                blocks.push(start..r + 1);
                (start, ties) = (r + 1, 0);
            }
        }
        if start < counts.len() {
            blocks.push(start..counts.len());
        }
        blocks
    }

    /// Calls `f` with each tie (i < j), in (i, j) order. Threads make the
    /// blocks of rows (thread t every t-th block) while `f` takes them in
    /// order.
    pub fn each(
        &self,
        f: &mut dyn FnMut(usize, usize, &EdgeData) -> io::Result<()>,
    ) -> io::Result<()> {
        let blocks = &self.blocks;
        let threads = Self::threads().min(blocks.len());
        if threads <= 1 {
            let mut scratch = Scratch::new(self.activity.len());
            for row in &self.rows {
                self.row_ties(row.clone(), &mut scratch, f)?;
            }
            return Ok(());
        }
        std::thread::scope(|scope| {
            let mut inboxes = Vec::with_capacity(threads);
            for t in 0..threads {
                let (send, receive) = sync_channel::<Block>(AHEAD);
                inboxes.push(receive);
                scope.spawn(move || {
                    let mut scratch = Scratch::new(self.activity.len());
                    for block in blocks.iter().skip(t).step_by(threads) {
                        let mut made: Block = Vec::new();
                        for row in &self.rows[block.clone()] {
                            self.row_ties(row.clone(), &mut scratch, &mut |i, j, e| {
                                made.push((i as u32, j as u32, e.clone()));
                                Ok(())
                            })
                            .expect("making ties in memory does not fail");
                        }
                        // The writer stopped (an error): stop too.
                        if send.send(made).is_err() {
                            return;
                        }
                    }
                });
            }
            for b in 0..blocks.len() {
                let block = inboxes[b % threads]
                    .recv()
                    .expect("each thread sends all its blocks");
                for (i, j, e) in &block {
                    f(*i as usize, *j as usize, e)?;
                }
            }
            Ok(())
        })
    }

    /// Accumulates one actor's row (its cells) into `scratch`: the pairs
    /// with every actor j > i it shares a stance with, and those j in
    /// order. Returns i.
    fn accumulate<const FULL: bool>(&self, row: Range<usize>, scratch: &mut Scratch) -> usize {
        let (kind, cells) = (self.kind, &self.cells);
        let Scratch { pairs, touched } = scratch;
        let i = cells[row.start].actor;
        for ci in &cells[row] {
            let on_stance = &self.members[ci.stance];
            let after = on_stance.partition_point(|&d| cells[d as usize].actor <= i);
            for &d in &on_stance[after..] {
                let cj = &cells[d as usize];
                let p = &mut pairs[cj.actor];
                // Every cell holds a statement, so a pair that has one
                // has co-occurred.
                if p.cooccurrence == 0 {
                    touched.push(cj.actor);
                }
                p.add::<FULL>(ci, cj, kind);
            }
        }
        // The touched actors in order: sorted, or, when they are many
        // among the actors after i, read off the row (no sort).
        let after = pairs.len() - (i + 1);
        if touched.len() * 16 >= after {
            touched.clear();
            touched.extend((i + 1..pairs.len()).filter(|&j| pairs[j].cooccurrence > 0));
        } else {
            touched.sort_unstable();
        }
        i
    }

    /// The weight of the tie between i and j (0 for none).
    fn weight(&self, i: usize, j: usize, p: &Pair) -> f64 {
        let raw = match self.kind {
            Kind::Congruence => p.congruence as f64,
            Kind::Conflict => p.conflict as f64,
            Kind::Subtract => p.congruence as f64 - p.conflict as f64,
            _ => p.cooccurrence as f64,
        };
        let (ai, aj) = (self.activity[i] as f64, self.activity[j] as f64);
        let norm = match self.normalization {
            Normalization::Average => (ai + aj) / 2.0,
            Normalization::Jaccard => {
                (ai - p.shared_i as f64) + (aj - p.shared_j as f64) + p.congruence as f64
            }
            Normalization::Cosine => ai * aj,
            _ => 1.0,
        };
        if norm == 0.0 { 0.0 } else { raw / norm }
    }

    /// The number of ties in one actor's row and their largest absolute
    /// weight.
    fn count_row(&self, row: Range<usize>, scratch: &mut Scratch) -> (u32, f64) {
        let i = self.accumulate::<false>(row, scratch);
        let (mut count, mut max) = (0u32, 0.0f64);
        for &j in &scratch.touched {
            let p = std::mem::take(&mut scratch.pairs[j]);
            let weight = self.weight(i, j, &p);
            if weight != 0.0 {
                count += 1;
                max = max.max(weight.abs());
            }
        }
        scratch.touched.clear();
        (count, max)
    }

    /// Calls `f` with the ties of one actor's row (its cells), in j order.
    fn row_ties(
        &self,
        row: Range<usize>,
        scratch: &mut Scratch,
        f: &mut dyn FnMut(usize, usize, &EdgeData) -> io::Result<()>,
    ) -> io::Result<()> {
        let i = self.accumulate::<true>(row, scratch);
        let mut result = Ok(());
        for &j in &scratch.touched {
            let p = std::mem::take(&mut scratch.pairs[j]);
            let weight = self.weight(i, j, &p);
            if weight != 0.0 && result.is_ok() {
                let edge = EdgeData {
                    relation: self.relation,
                    weight,
                    statements: p.statements,
                    first_date: date(p.first, NO_FIRST),
                    last_date: date(p.last, NO_LAST),
                    sources: None,
                    quote: None,
                    stances: None,
                };
                result = f(i, j, &edge);
            }
        }
        scratch.touched.clear();
        result
    }

    /// How many ties there are.
    pub fn count(&self) -> usize {
        self.count
    }
}

/// A thread's dense row of pairs and the actors it touched.
struct Scratch {
    pairs: Vec<Pair>,
    touched: Vec<usize>,
}

impl Scratch {
    fn new(actors: usize) -> Scratch {
        Scratch {
            pairs: vec![Pair::default(); actors],
            touched: Vec::new(),
        }
    }
}

impl EdgeSource for Ties {
    fn each(
        &self,
        f: &mut dyn FnMut(NodeIndex, NodeIndex, &EdgeData) -> io::Result<()>,
    ) -> io::Result<()> {
        // Actor i is node i of a one-mode network.
        Ties::each(self, &mut |i, j, e| {
            f(NodeIndex::new(i), NodeIndex::new(j), e)
        })
    }

    fn len(&self) -> usize {
        self.count
    }

    fn max_weight(&self) -> f64 {
        self.max
    }
}
