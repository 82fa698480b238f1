//! A spring layout in Rust, for when Graphviz is absent or the network is
//! too big for it: Fruchterman and Reingold's forces, with repulsion only
//! between nodes in neighbouring grid cells, so each round costs time in
//! proportion to nodes and edges; above [`BARNES_HUT_NODES`] nodes,
//! ForceAtlas2 with Barnes–Hut repulsion. Deterministic: the same network
//! gives the same positions.

use rustc_hash::FxHashMap;

use crate::network::Network;

/// Networks with more nodes than this are laid out by ForceAtlas2 with
/// Barnes–Hut repulsion (the `fa2` crate): the grid's repulsion turns
/// quadratic where thousands of nodes crowd into a few cells.
pub const BARNES_HUT_NODES: usize = 5_000;

/// ForceAtlas2's rounds for a big network.
const FA2_ROUNDS: usize = 60;

/// Node positions (in arbitrary units, about 1 apart for neighbours), in
/// node order.
pub fn layout(net: &Network) -> Vec<(f64, f64)> {
    let g = &net.graph;
    let n = g.node_count();
    if n == 0 {
        return Vec::new();
    }
    let pos = sunflower(n);
    let edges: Vec<(usize, usize)> = g
        .edge_indices()
        .filter_map(|e| g.edge_endpoints(e))
        .map(|(s, t)| (s.index(), t.index()))
        .filter(|(s, t)| s != t)
        .collect();
    if n > BARNES_HUT_NODES {
        return force_atlas(pos, &edges);
    }
    // Small layouts are not worth a thread.
    let threads = if n < 500 {
        1
    } else {
        std::thread::available_parallelism().map_or(1, |t| t.get())
    };
    grid_springs(pos, &edges, threads)
}

/// Positions on a sunflower spiral: spread out, no two nodes in one place.
fn sunflower(n: usize) -> Vec<(f64, f64)> {
    let golden = std::f64::consts::PI * (3.0 - 5f64.sqrt());
    (0..n)
        .map(|i| {
            let r = (i as f64 + 0.5).sqrt();
            let a = i as f64 * golden;
            (r * a.cos(), r * a.sin())
        })
        .collect()
}

/// ForceAtlas2 from the given start, with Barnes–Hut repulsion, on as many
/// threads as there are cores (each node's force is its own sum, so the
/// result does not depend on the threads).
fn force_atlas(start: Vec<(f64, f64)>, edges: &[(usize, usize)]) -> Vec<(f64, f64)> {
    let mut data = fa2::FA2Data::<f64>::with_capacity(start.len(), edges.len());
    for (x, y) in start {
        data.add_node_with_position(x, y);
    }
    for &(s, t) in edges {
        data.add_edge(s, t);
    }
    let mut layout = fa2::FA2Settings::from_graph_order(data.order())
        .with_barnes_hut()
        .parallel(true)
        .build(data);
    layout.run(FA2_ROUNDS);
    layout.data().positions().collect()
}

/// Fruchterman and Reingold's springs with grid repulsion, on `threads`
/// threads (the same positions on any number).
fn grid_springs(
    mut pos: Vec<(f64, f64)>,
    edges: &[(usize, usize)],
    threads: usize,
) -> Vec<(f64, f64)> {
    let n = pos.len();
    // Ideal distance between neighbours.
    let k = 1.0f64;
    let rounds = if n > 20_000 { 40 } else { 120 };
    let mut temperature = (n as f64).sqrt() / 4.0;
    let cool = temperature / rounds as f64;
    let mut shift = vec![(0.0f64, 0.0f64); n];
    let mut grid: FxHashMap<(i64, i64), Vec<usize>> = FxHashMap::default();
    let cell = 2.0 * k;
    for _ in 0..rounds {
        // Cells emptied, not dropped: their lists are reused each round.
        grid.values_mut().for_each(Vec::clear);
        let key = |(x, y): (f64, f64)| ((x / cell).floor() as i64, (y / cell).floor() as i64);
        for (i, p) in pos.iter().enumerate() {
            grid.entry(key(*p)).or_default().push(i);
        }
        // Repulsion k²/d from nodes within the neighbouring cells: each
        // node's own sum, so the nodes are shared out to the cores and the
        // result does not depend on them.
        let repulse = |from: usize, shift: &mut [(f64, f64)]| {
            for (d, i) in shift.iter_mut().zip(from..) {
                let p = pos[i];
                let (cx, cy) = key(p);
                *d = (0.0, 0.0);
                for dx in -1..=1 {
                    for dy in -1..=1 {
                        let Some(others) = grid.get(&(cx + dx, cy + dy)) else {
                            continue;
                        };
                        for &j in others {
                            if j == i {
                                continue;
                            }
                            let (ddx, ddy) = (p.0 - pos[j].0, p.1 - pos[j].1);
                            let d2 = (ddx * ddx + ddy * ddy).max(1e-6);
                            let f = k * k / d2;
                            d.0 += ddx * f;
                            d.1 += ddy * f;
                        }
                    }
                }
            }
        };
        if threads == 1 {
            repulse(0, &mut shift);
        } else {
            let chunk = n.div_ceil(threads);
            std::thread::scope(|scope| {
                for (c, part) in shift.chunks_mut(chunk).enumerate() {
                    scope.spawn(move || repulse(c * chunk, part));
                }
            });
        }
        // Attraction d²/k along edges, and a weak pull to the centre that
        // keeps separate components together.
        for &(s, t) in edges {
            let (ddx, ddy) = (pos[s].0 - pos[t].0, pos[s].1 - pos[t].1);
            let d = (ddx * ddx + ddy * ddy).sqrt();
            let f = d / k;
            shift[s].0 -= ddx * f;
            shift[s].1 -= ddy * f;
            shift[t].0 += ddx * f;
            shift[t].1 += ddy * f;
        }
        for (p, d) in pos.iter_mut().zip(&mut shift) {
            d.0 -= 0.01 * p.0;
            d.1 -= 0.01 * p.1;
            let len = (d.0 * d.0 + d.1 * d.1).sqrt();
            if len > 0.0 {
                let step = len.min(temperature);
                p.0 += d.0 / len * step;
                p.1 += d.1 / len * step;
            }
        }
        temperature = (temperature - cool).max(0.01);
    }
    pos
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::network::Kind;
    use petgraph::graph::NodeIndex;

    /// Distances between tied nodes, and between every `step`th pair of
    /// nodes that are not tied.
    fn distances(net: &Network, pos: &[(f64, f64)], step: usize) -> (Vec<f64>, Vec<f64>) {
        let g = &net.graph;
        let dist = |a: usize, b: usize| {
            ((pos[a].0 - pos[b].0).powi(2) + (pos[a].1 - pos[b].1).powi(2)).sqrt()
        };
        let mut tied = Vec::new();
        let mut apart = Vec::new();
        let mut k = 0usize;
        for a in 0..pos.len() {
            for b in a + 1..pos.len() {
                let (na, nb) = (NodeIndex::new(a), NodeIndex::new(b));
                if g.find_edge(na, nb).is_some() || g.find_edge(nb, na).is_some() {
                    tied.push(dist(a, b));
                } else {
                    k += 1;
                    if k.is_multiple_of(step) {
                        apart.push(dist(a, b));
                    }
                }
            }
        }
        (tied, apart)
    }

    #[test]
    fn springs_give_the_same_positions_on_any_number_of_threads() {
        // 700 nodes on a ring with chords.
        let n = 700;
        let edges: Vec<(usize, usize)> = (0..n)
            .flat_map(|i| [(i, (i + 1) % n), (i, (i * 7 + 3) % n)])
            .filter(|(s, t)| s != t)
            .collect();
        let one = grid_springs(sunflower(n), &edges, 1);
        for threads in [2, 3, 8] {
            assert_eq!(grid_springs(sunflower(n), &edges, threads), one);
        }
        assert_ne!(one, sunflower(n), "the springs moved the nodes");
    }

    fn mean(v: &[f64]) -> f64 {
        v.iter().sum::<f64>() / v.len() as f64
    }

    /// Above the Barnes–Hut threshold: 5,400 actors in 300 camps, each camp
    /// speaking on its own two stances.
    #[test]
    fn big_networks_are_laid_out_by_force_atlas_with_camps_together() {
        use crate::load::{CsvBytes, LoadOptions, load_csv_bytes};
        let mut csv = String::from("actor,stance,agree\n");
        for a in 0..5_400 {
            let camp = a % 300;
            csv.push_str(&format!("a{a},s{camp},yes\na{a},t{camp},no\n"));
        }
        let tables = CsvBytes {
            statements: csv.as_bytes(),
            ..CsvBytes::default()
        };
        let ds = load_csv_bytes("camps", &tables, &LoadOptions::default())
            .unwrap()
            .dataset;
        let net = crate::network::full(&ds);
        assert!(net.graph.node_count() > BARNES_HUT_NODES);
        let pos = layout(&net);
        assert_eq!(pos.len(), net.graph.node_count());
        assert!(pos.iter().all(|(x, y)| x.is_finite() && y.is_finite()));
        assert_eq!(pos, layout(&net), "deterministic");
        let (tied, apart) = distances(&net, &pos, 997);
        let (tied, apart) = (mean(&tied), mean(&apart));
        assert!(tied * 3.0 < apart, "{tied} vs {apart}");
    }

    #[test]
    fn neighbours_end_closer_than_strangers_and_the_layout_repeats() {
        let net = crate::network::seed(Kind::Congruence);
        let pos = layout(&net);
        assert_eq!(pos.len(), net.graph.node_count());
        assert_eq!(pos, layout(&net), "deterministic");
        let (tied, apart) = distances(&net, &pos, 1);
        assert!(
            mean(&tied) < mean(&apart),
            "{} vs {}",
            mean(&tied),
            mean(&apart)
        );
        // No two nodes on top of each other.
        assert!(apart.iter().chain(&tied).all(|d| *d > 0.05));
    }
}
