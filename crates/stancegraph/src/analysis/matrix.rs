//! A one-mode network as DNA's analyses read it: a dense matrix over the
//! actors who made at least one of the prepared statements (DNA's row
//! labels without isolates), diagonal 0.

use crate::model::Dataset;
use crate::network::{Kind, Normalization, projection};

use super::coalitions::Member;

/// A dense, symmetric actor × actor matrix.
#[derive(Debug, Clone, PartialEq)]
pub struct ActorMatrix {
    /// The actors, in dataset order.
    pub actors: Vec<Member>,
    /// Row-major values, `actors.len()²` of them.
    pub values: Vec<f64>,
}

impl ActorMatrix {
    /// The one-mode network `kind` of prepared statements with
    /// `normalization`, over the actors who made any of them.
    pub fn of(ds: &Dataset, kind: Kind, normalization: Normalization) -> ActorMatrix {
        let net = projection::one_mode(ds, kind, normalization);
        let g = &net.graph;
        let mut row = vec![usize::MAX; g.node_count()];
        let mut actors = Vec::new();
        for v in g.node_indices() {
            if g[v].statements > 0 {
                row[v.index()] = actors.len();
                actors.push(Member {
                    id: g[v].id.clone(),
                    label: g[v].label.clone(),
                });
            }
        }
        let n = actors.len();
        let mut values = vec![0.0; n * n];
        for e in g.edge_indices() {
            let (s, t) = g.edge_endpoints(e).expect("an edge of the graph");
            let (i, j) = (row[s.index()], row[t.index()]);
            // Ties join actors with statements, so both have rows.
            if i != j {
                values[i * n + j] = g[e].weight;
                values[j * n + i] = g[e].weight;
            }
        }
        ActorMatrix { actors, values }
    }

    /// How many actors.
    pub fn len(&self) -> usize {
        self.actors.len()
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.actors.is_empty()
    }

    /// The value of row `i`, column `j`.
    pub fn get(&self, i: usize, j: usize) -> f64 {
        self.values[i * self.len() + j]
    }

    /// The sum of absolute values, Σ_ij |x_ij| (DNA's norm).
    pub fn norm(&self) -> f64 {
        self.values.iter().map(|v| v.abs()).sum()
    }
}
