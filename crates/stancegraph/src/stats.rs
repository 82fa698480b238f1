//! Summary statistics of a dataset: counts, actor activity, the most
//! contested stances and the strongest congruence and conflict pairs.

use chrono::NaiveDate;
use serde::Serialize;

use crate::model::{Dataset, Polarity};
use crate::network::{EdgeData, Network, Relation};
use crate::network::{Kind, Normalization, projection};

/// Everything `stancegraph stats` reports.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Stats {
    /// Where the data came from.
    pub dataset: String,
    /// How much there is.
    pub counts: Counts,
    /// Actors by statement count, most active first.
    pub actors: Vec<ActorActivity>,
    /// Stances that meet both agreement and disagreement, most contested first.
    pub contested: Vec<StanceBalance>,
    /// The strongest congruence ties, strongest first.
    pub congruence: Vec<Tie>,
    /// The strongest conflict ties, strongest first.
    pub conflict: Vec<Tie>,
    /// The strongest actor → target pairs, when statements name targets.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub interaction: Option<Interactions>,
    /// The actors' coalitions, when asked for (see
    /// [`crate::analysis::coalitions`]).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub coalitions: Option<crate::analysis::Coalitions>,
    /// DNA's polarization score, when asked for (see
    /// [`crate::analysis::polarization`]).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub polarization: Option<crate::analysis::Polarization>,
    /// DNA's backbone, when asked for (see [`crate::analysis::backbone`]).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub backbone: Option<crate::analysis::Backbone>,
}

/// Dataset counts.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Counts {
    /// Actors with statements.
    pub actors: usize,
    /// Countries.
    pub countries: usize,
    /// Stances.
    pub stances: usize,
    /// Statements.
    pub statements: usize,
    /// Of which agree.
    pub agree: usize,
    /// Of which disagree.
    pub disagree: usize,
    /// The earliest date.
    pub first_date: Option<String>,
    /// The latest date.
    pub last_date: Option<String>,
}

/// The counts of a dataset: its statements (each standing for its
/// `count`), agree and disagree, date range, and entities (`actors`: those
/// with statements).
pub fn counts(ds: &Dataset) -> Counts {
    let mut spoke = vec![false; ds.actors.len()];
    let mut agree = 0;
    for s in &ds.statements {
        spoke[s.actor()] = true;
        if s.polarity == Polarity::Agree {
            agree += s.count as usize;
        }
    }
    let total = ds.statement_count() as usize;
    let dates = ds.date_range();
    let text = |d: Option<NaiveDate>| d.map(|d| d.to_string());
    Counts {
        actors: spoke.iter().filter(|s| **s).count(),
        countries: ds.countries.len(),
        stances: ds.stances.len(),
        statements: total,
        agree,
        disagree: total - agree,
        first_date: text(dates.range.map(|r| r.0)),
        last_date: text(dates.range.map(|r| r.1)),
    }
}

/// One actor's activity.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ActorActivity {
    /// The actor id.
    pub id: String,
    /// The actor's name.
    pub label: String,
    /// Statements made.
    pub statements: u64,
    /// Of which agree.
    pub agree: u64,
    /// Of which disagree.
    pub disagree: u64,
    /// Distinct stances spoken about.
    pub stances: usize,
}

/// Agreement against disagreement on one stance.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct StanceBalance {
    /// The stance id.
    pub id: String,
    /// The stance text.
    pub label: String,
    /// Agreeing statements.
    pub agree: u64,
    /// Disagreeing statements.
    pub disagree: u64,
}

/// The strongest pairs of the interaction network (actor → target,
/// [`crate::network::interaction`]).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Interactions {
    /// Cooperation: agreeing statements addressed to the target, most first.
    pub cooperation: Vec<Tie>,
    /// Conflict: disagreeing statements addressed to the target, most
    /// first.
    pub conflict: Vec<Tie>,
}

/// The `top` strongest `agree` and `disagree` edges of the interaction
/// network; `None` when no statement names a target.
pub fn interactions(ds: &Dataset, top: usize) -> Option<Interactions> {
    if !ds.has_targets() {
        return None;
    }
    let net = crate::network::interaction::interaction(ds, crate::network::Qualifier::Separate);
    let of = |relation: Relation| strongest_where(&net, top, |e| e.relation == relation);
    Some(Interactions {
        cooperation: of(Relation::Agree),
        conflict: of(Relation::Disagree),
    })
}

/// A weighted tie between two actors.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Tie {
    /// One actor's id.
    pub source: String,
    /// The other actor's id.
    pub target: String,
    /// The tie weight (unnormalized).
    pub weight: f64,
}

/// The `top` strongest ties of a one-mode network between two actors
/// (self-loops, which kernel slices have, left out).
pub fn strongest(net: &Network, top: usize) -> Vec<Tie> {
    strongest_where(net, top, |_| true)
}

/// The `top` strongest ties between two actors among the edges `keep`
/// keeps, strongest first (then by ids).
fn strongest_where(net: &Network, top: usize, keep: impl Fn(&EdgeData) -> bool) -> Vec<Tie> {
    let g = &net.graph;
    let mut ties: Vec<Tie> = g
        .edge_indices()
        .filter(|&e| g.edge_endpoints(e).is_some_and(|(s, t)| s != t) && keep(&g[e]))
        .map(|e| {
            let (s, t) = g.edge_endpoints(e).expect("edge index from the graph");
            Tie {
                source: g[s].id.clone(),
                target: g[t].id.clone(),
                weight: g[e].weight,
            }
        })
        .collect();
    ties.sort_by(|a, b| {
        b.weight
            .total_cmp(&a.weight)
            .then_with(|| (&a.source, &a.target).cmp(&(&b.source, &b.target)))
    });
    ties.truncate(top);
    ties
}

/// Computes the statistics, listing at most `top` actors, stances and ties.
pub fn compute(ds: &Dataset, top: usize) -> Stats {
    let mut actors: Vec<ActorActivity> = ds
        .actors
        .iter()
        .map(|a| ActorActivity {
            id: a.id.clone(),
            label: a.label.clone(),
            statements: 0,
            agree: 0,
            disagree: 0,
            stances: 0,
        })
        .collect();
    let mut stances: Vec<StanceBalance> = ds
        .stances
        .iter()
        .map(|s| StanceBalance {
            id: s.id.clone(),
            label: s.label.clone(),
            agree: 0,
            disagree: 0,
        })
        .collect();
    let mut spoke = std::collections::HashSet::new();
    for s in &ds.statements {
        let a = &mut actors[s.actor()];
        let n = u64::from(s.count);
        a.statements += n;
        match s.polarity {
            Polarity::Agree => {
                a.agree += n;
                stances[s.stance()].agree += n;
            }
            Polarity::Disagree => {
                a.disagree += n;
                stances[s.stance()].disagree += n;
            }
        }
        if spoke.insert((s.actor, s.stance)) {
            a.stances += 1;
        }
    }
    actors.retain(|a| a.statements > 0);
    actors.sort_by(|a, b| {
        b.statements
            .cmp(&a.statements)
            .then_with(|| a.id.cmp(&b.id))
    });
    let active = actors.len();
    actors.truncate(top);
    // Most contested: the most statements on the weaker side, then the most
    // statements in all.
    stances.retain(|s| s.agree > 0 && s.disagree > 0);
    stances.sort_by(|a, b| {
        let key = |s: &StanceBalance| (s.agree.min(s.disagree), s.agree + s.disagree);
        key(b).cmp(&key(a)).then_with(|| a.id.cmp(&b.id))
    });
    stances.truncate(top);

    Stats {
        dataset: ds.name.clone(),
        counts: Counts {
            actors: active,
            ..counts(ds)
        },
        actors,
        contested: stances,
        congruence: strongest(
            &projection::one_mode(ds, Kind::Congruence, Normalization::None),
            top,
        ),
        conflict: strongest(
            &projection::one_mode(ds, Kind::Conflict, Normalization::None),
            top,
        ),
        interaction: interactions(ds, top),
        coalitions: None,
        polarization: None,
        backbone: None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load::{Input, LoadOptions, load};

    #[test]
    fn seed_statistics() {
        let s = compute(
            &load(&Input::Embedded, &LoadOptions::default())
                .unwrap()
                .dataset,
            3,
        );
        assert_eq!(s.counts.statements, 31);
        assert_eq!((s.counts.agree, s.counts.disagree), (21, 10));
        assert_eq!(s.actors[0].id, "hegseth");
        assert_eq!(s.actors[0].statements, 9);
        // NATO membership: 2 agree (Healey, NATO allies), 3 disagree.
        assert_eq!(s.contested[0].id, "ukraine-in-nato");
        assert_eq!((s.contested[0].agree, s.contested[0].disagree), (2, 3));
        // Hegseth and Trump share four stances with the same polarity.
        assert_eq!(
            (
                s.congruence[0].source.as_str(),
                s.congruence[0].target.as_str()
            ),
            ("hegseth", "trump")
        );
        assert!(s.conflict.iter().all(|t| t.weight >= 1.0));
        assert!(s.conflict.len() <= 3);
    }
}
