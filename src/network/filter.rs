//! Statement filters: dates, actors, stances, actor kinds, sources. Each
//! list keeps statements that match any of its entries; different filters
//! must all hold. Actors and stances are named by id or label (any case).

use std::borrow::Cow;

use chrono::NaiveDate;

use crate::load::{Named, Names, closest};
use crate::model::{ActorKind, Dataset, Statement};

/// Which statements to keep.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Filter {
    /// Keep statements dated on or after this day (undated ones are dropped).
    pub from: Option<NaiveDate>,
    /// Keep statements dated on or before this day (undated ones are dropped).
    pub to: Option<NaiveDate>,
    /// Keep only these actors.
    pub actors: Vec<String>,
    /// Drop these actors.
    pub exclude_actors: Vec<String>,
    /// Keep only these stances.
    pub stances: Vec<String>,
    /// Drop these stances.
    pub exclude_stances: Vec<String>,
    /// Keep only actors of these kinds.
    pub kinds: Vec<ActorKind>,
    /// Keep only statements from these sources (exact match).
    pub sources: Vec<String>,
    /// Keep every actor and stance as a node, even without statements left.
    pub isolates: bool,
}

/// Marks the items named by `names`, found as the loader finds references
/// (exact id, exact label, then either ignoring case). An unknown name is an
/// error that names the closest id.
fn resolve<T: Named>(
    flag: &str,
    what: &str,
    names: &[String],
    items: &[T],
) -> Result<Vec<bool>, String> {
    let mut chosen = vec![false; items.len()];
    if names.is_empty() {
        return Ok(chosen);
    }
    let index = Names::build(items);
    for name in names {
        match index.find(name) {
            Some(i) => chosen[i] = true,
            None => {
                let hint = closest(name, items)
                    .map(|item| format!("; closest id: '{}'", item.id()))
                    .unwrap_or_default();
                return Err(format!("--{flag} '{name}' matches no {what}{hint}"));
            }
        }
    }
    Ok(chosen)
}

/// Applies the filter. Unless `isolates` is set, actors, stances and
/// countries left without statements are dropped.
pub fn apply<'a>(ds: &'a Dataset, f: &Filter) -> Result<Cow<'a, Dataset>, String> {
    let keep_actor = resolve("actor", "actor", &f.actors, &ds.actors)?;
    let drop_actor = resolve("exclude-actor", "actor", &f.exclude_actors, &ds.actors)?;
    let keep_stance = resolve("stance", "stance", &f.stances, &ds.stances)?;
    let drop_stance = resolve("exclude-stance", "stance", &f.exclude_stances, &ds.stances)?;

    let wanted_source: Vec<bool> = ds.sources.iter().map(|s| f.sources.contains(s)).collect();
    let keep = |s: &Statement| {
        let dated = |bound: Option<NaiveDate>, ok: fn(NaiveDate, NaiveDate) -> bool| {
            bound.is_none_or(|b| s.date.is_some_and(|d| ok(d, b)))
        };
        dated(f.from, |d, b| d >= b)
            && dated(f.to, |d, b| d <= b)
            && (f.actors.is_empty() || keep_actor[s.actor])
            && !drop_actor[s.actor]
            && (f.stances.is_empty() || keep_stance[s.stance])
            && !drop_stance[s.stance]
            && (f.kinds.is_empty() || f.kinds.contains(&ds.actors[s.actor].kind))
            && (f.sources.is_empty() || s.source.is_some_and(|i| wanted_source[i]))
    };
    let statements: Vec<&Statement> = ds.statements.iter().filter(|s| keep(s)).collect();
    Ok(subset(ds, &statements, f.isolates))
}

/// Whether every entity of `used` is used.
fn all(used: &[bool]) -> bool {
    used.iter().all(|u| *u)
}

/// A dataset of the given statements. Without `isolates`, only the actors,
/// stances and countries they use remain; indices are renumbered, order is
/// kept.
fn subset<'a>(ds: &'a Dataset, statements: &[&Statement], isolates: bool) -> Cow<'a, Dataset> {
    let mut used_actor = vec![isolates; ds.actors.len()];
    let mut used_stance = vec![isolates; ds.stances.len()];
    for s in statements {
        used_actor[s.actor] = true;
        used_stance[s.stance] = true;
    }
    let mut used_country = vec![false; ds.countries.len()];
    for (a, used) in ds.actors.iter().zip(&used_actor) {
        if let (true, Some(c)) = (*used, a.country) {
            used_country[c] = true;
        }
    }
    if statements.len() == ds.statements.len()
        && all(&used_actor)
        && all(&used_stance)
        && all(&used_country)
    {
        // Nothing filtered out: no copy.
        return Cow::Borrowed(ds);
    }
    let renumber = |used: &[bool]| -> Vec<Option<usize>> {
        let mut next = 0;
        used.iter()
            .map(|u| {
                u.then(|| {
                    next += 1;
                    next - 1
                })
            })
            .collect()
    };
    let (actor_ix, stance_ix, country_ix) = (
        renumber(&used_actor),
        renumber(&used_stance),
        renumber(&used_country),
    );
    Cow::Owned(Dataset {
        name: ds.name.clone(),
        sources: ds.sources.clone(),
        actors: kept(&actor_ix)
            .map(|i| {
                let mut a = ds.actors[i].clone();
                a.country = a.country.and_then(|c| country_ix[c]);
                a
            })
            .collect(),
        stances: kept(&stance_ix).map(|i| ds.stances[i].clone()).collect(),
        countries: kept(&country_ix).map(|i| ds.countries[i].clone()).collect(),
        statements: statements
            .iter()
            .map(|s| Statement {
                actor: actor_ix[s.actor].expect("a kept statement's actor is kept"),
                stance: stance_ix[s.stance].expect("a kept statement's stance is kept"),
                ..(*s).clone()
            })
            .collect(),
    })
}

/// The old indices that are kept.
fn kept(ix: &[Option<usize>]) -> impl Iterator<Item = usize> + '_ {
    (0..ix.len()).filter(|i| ix[*i].is_some())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load::{Input, load};

    fn seed() -> Dataset {
        load(&Input::Embedded).unwrap()
    }

    #[test]
    fn no_filter_keeps_everything_used() {
        let ds = seed();
        assert!(matches!(
            apply(&ds, &Filter::default()).unwrap(),
            Cow::Borrowed(_)
        ));
    }

    #[test]
    fn actor_and_stance_filters_match_ids_and_labels() {
        let ds = seed();
        let f = Filter {
            actors: vec!["hegseth".into(), "john healey".into()],
            exclude_stances: vec!["Ukraine should become a member of NATO.".into()],
            ..Filter::default()
        };
        let out = apply(&ds, &f).unwrap();
        let ids: Vec<&str> = out.actors.iter().map(|a| a.id.as_str()).collect();
        assert_eq!(ids, ["hegseth", "healey"]);
        // Hegseth 9 statements + Healey 3, minus one each on NATO membership.
        assert_eq!(out.statements.len(), 10);
        assert!(out.stances.iter().all(|s| s.id != "ukraine-in-nato"));
        let countries: Vec<&str> = out.countries.iter().map(|c| c.id.as_str()).collect();
        assert_eq!(countries, ["us", "gb"]);
        // Indices point at the right entities after renumbering.
        for s in &out.statements {
            assert!(["hegseth", "healey"].contains(&out.actors[s.actor].id.as_str()));
        }
    }

    #[test]
    fn isolates_keep_every_actor_and_stance() {
        let ds = seed();
        let f = Filter {
            kinds: vec![ActorKind::Organization],
            isolates: true,
            ..Filter::default()
        };
        let out = apply(&ds, &f).unwrap();
        assert_eq!(out.actors.len(), ds.actors.len());
        assert_eq!(out.stances.len(), ds.stances.len());
        assert_eq!(out.statements.len(), 3);
    }

    #[test]
    fn dates_and_sources() {
        let ds = seed();
        let day = NaiveDate::from_ymd_opt(2025, 2, 12);
        let f = Filter {
            from: day,
            to: day,
            sources: vec!["AP 2025-02-12".into()],
            ..Filter::default()
        };
        assert_eq!(apply(&ds, &f).unwrap().statements.len(), 31);
        let f = Filter {
            from: NaiveDate::from_ymd_opt(2025, 2, 13),
            ..Filter::default()
        };
        let out = apply(&ds, &f).unwrap();
        assert!(out.statements.is_empty() && out.actors.is_empty());
    }

    #[test]
    fn unknown_names_are_errors_with_the_closest_id() {
        let f = Filter {
            actors: vec!["hegset".into()],
            ..Filter::default()
        };
        assert_eq!(
            apply(&seed(), &f).unwrap_err(),
            "--actor 'hegset' matches no actor; closest id: 'hegseth'"
        );
    }
}
