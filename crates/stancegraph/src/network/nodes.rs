//! What every network's nodes share: actors, stances and countries with
//! their activity (statements and date range), attributes and colours.

use chrono::NaiveDate;

use crate::model::{ActorKind, AttrDef, Dataset};
use crate::network::{NodeData, NodeKind};

/// How often and when something was said: a count with its date range.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Activity {
    /// How many statements.
    pub count: u64,
    /// The earliest statement date.
    pub first: Option<NaiveDate>,
    /// The latest statement date.
    pub last: Option<NaiveDate>,
}

impl Activity {
    /// Counts `n` statements made on `date`.
    pub fn add(&mut self, date: Option<NaiveDate>, n: u32) {
        self.count += u64::from(n);
        self.widen(date, date);
    }

    /// Adds another activity to this one.
    pub fn merge(&mut self, other: &Activity) {
        self.count += other.count;
        self.widen(other.first, other.last);
    }

    fn widen(&mut self, first: Option<NaiveDate>, last: Option<NaiveDate>) {
        if let Some(f) = first {
            self.first = Some(self.first.map_or(f, |x| x.min(f)));
        }
        if let Some(l) = last {
            self.last = Some(self.last.map_or(l, |x| x.max(l)));
        }
    }
}

/// Every statement's actor, stance and country activity, in one pass.
pub(crate) struct Activities {
    pub actors: Vec<Activity>,
    pub stances: Vec<Activity>,
    pub countries: Vec<Activity>,
}

impl Activities {
    pub fn of(ds: &Dataset) -> Activities {
        let mut out = Activities {
            actors: vec![Activity::default(); ds.actors.len()],
            stances: vec![Activity::default(); ds.stances.len()],
            countries: vec![Activity::default(); ds.countries.len()],
        };
        for s in &ds.statements {
            out.actors[s.actor()].add(s.date, s.count);
            out.stances[s.stance()].add(s.date, s.count);
            if let Some(c) = ds.actors[s.actor()].country {
                out.countries[c].add(s.date, s.count);
            }
        }
        out
    }
}

/// The network's node attributes: the attributes of actors, stances and
/// countries under one list (a name they share, ignoring case, is one
/// attribute, its type wide enough for all), and where each table's
/// attributes go in it.
pub(crate) struct NodeAttrs<'d> {
    ds: &'d Dataset,
    pub defs: Vec<AttrDef>,
    actor: Vec<usize>,
    stance: Vec<usize>,
    country: Vec<usize>,
}

impl<'d> NodeAttrs<'d> {
    pub fn of(ds: &'d Dataset) -> NodeAttrs<'d> {
        let mut defs: Vec<AttrDef> = Vec::new();
        let mut place = |attrs: &[AttrDef]| -> Vec<usize> {
            attrs
                .iter()
                .map(|a| {
                    match defs
                        .iter()
                        .position(|d| d.name.eq_ignore_ascii_case(&a.name))
                    {
                        Some(i) => {
                            defs[i].ty = defs[i].ty.widen(a.ty);
                            i
                        }
                        None => {
                            defs.push(a.clone());
                            defs.len() - 1
                        }
                    }
                })
                .collect()
        };
        let actor = place(&ds.actor_attrs);
        let stance = place(&ds.stance_attrs);
        let country = place(&ds.country_attrs);
        NodeAttrs {
            ds,
            defs,
            actor,
            stance,
            country,
        }
    }

    fn spread(&self, places: &[usize], values: &[Option<String>], into: &mut [Option<String>]) {
        for (p, v) in places.iter().zip(values) {
            if v.is_some() {
                into[*p] = v.clone();
            }
        }
    }

    /// A node for actor `a` with its activity. An actor of kind country
    /// that is its country's node carries the country's attributes too.
    pub fn actor(&self, a: usize, activity: &Activity) -> NodeData {
        let ds = self.ds;
        let actor = &ds.actors[a];
        let mut attrs = vec![None; self.defs.len()];
        let mut color = actor.color;
        if let Some(c) = actor.country.map(|c| &ds.countries[c])
            && actor.kind == ActorKind::Country
            && c.id == actor.id
        {
            self.spread(&self.country, &c.attrs, &mut attrs);
            color = color.or(c.color);
        }
        self.spread(&self.actor, &actor.attrs, &mut attrs);
        NodeData {
            id: actor.id.clone(),
            label: actor.label.clone(),
            kind: actor.kind.into(),
            country: actor.country.map(|c| ds.countries[c].id.clone()),
            role: actor.role.clone(),
            topic: None,
            attrs,
            color,
            statements: activity.count,
            first_date: activity.first,
            last_date: activity.last,
            coalition: None,
        }
    }

    /// A node for stance `s` with its activity.
    pub fn stance(&self, s: usize, activity: &Activity) -> NodeData {
        let stance = &self.ds.stances[s];
        let mut attrs = vec![None; self.defs.len()];
        self.spread(&self.stance, &stance.attrs, &mut attrs);
        NodeData {
            id: stance.id.clone(),
            label: stance.label.clone(),
            kind: NodeKind::Stance,
            country: None,
            role: None,
            topic: stance.topic.clone(),
            attrs,
            color: stance.color,
            statements: activity.count,
            first_date: activity.first,
            last_date: activity.last,
            coalition: None,
        }
    }

    /// A node for country `c` with the activity of its actors.
    pub fn country(&self, c: usize, activity: &Activity) -> NodeData {
        let country = &self.ds.countries[c];
        let mut attrs = vec![None; self.defs.len()];
        self.spread(&self.country, &country.attrs, &mut attrs);
        NodeData {
            id: country.id.clone(),
            label: country.label.clone(),
            kind: NodeKind::Country,
            country: None,
            role: None,
            topic: None,
            attrs,
            color: country.color,
            statements: activity.count,
            first_date: activity.first,
            last_date: activity.last,
            coalition: None,
        }
    }
}
