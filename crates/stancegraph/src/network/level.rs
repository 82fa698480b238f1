//! Levels: every actor counted as its country, or as its value of any
//! attribute (`--level party`), or each statement counted for its value of
//! a statement field (`--level organization` on a DNA database whose actors
//! are persons).

use std::fmt;
use std::str::FromStr;

use rustc_hash::FxHashMap;

use crate::choice::{Spelled, Spelling};
use crate::model::{Actor, ActorKind, Dataset, Statement};
use crate::names::IdAllocator;

/// Whose statements the nodes are.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum Level {
    /// Each actor is a node.
    #[default]
    Actor,
    /// Each actor's statements count for its country; actors without a
    /// country stay themselves.
    Country,
    /// Each actor's statements count for its value of this attribute (an
    /// actor attribute, `role` or `kind`), or each statement for its value
    /// of this statement field; actors without a value stay themselves.
    Attribute(String),
}

impl FromStr for Level {
    type Err = std::convert::Infallible;

    /// `actor`, `country`, or any attribute name.
    fn from_str(text: &str) -> Result<Level, Self::Err> {
        Ok(match text {
            "actor" => Level::Actor,
            "country" => Level::Country,
            other => Level::Attribute(other.to_string()),
        })
    }
}

impl Level {
    /// What an actor lacks when it stays itself: "a country", "a party".
    pub fn describe(&self) -> String {
        match self {
            Level::Actor => "an actor".to_string(),
            Level::Country => "a country".to_string(),
            Level::Attribute(name) => format!("a {name}"),
        }
    }
}

/// `--level` names an attribute the dataset does not have.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LevelError {
    /// The name given.
    pub name: String,
    /// The attributes and fields it could have named.
    pub known: Vec<String>,
}

impl fmt::Display for LevelError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.spell(Spelling::PLAIN, f)
    }
}

impl Spelled for LevelError {
    fn spell(&self, s: Spelling, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{} {}: the dataset has no such actor attribute or statement field; use actor, country{}{}",
            s.option("level"),
            self.name,
            if self.known.is_empty() { "" } else { ", " },
            self.known.join(", ")
        )
    }
}

impl std::error::Error for LevelError {}

/// What an attribute level groups by.
#[derive(Debug, Clone, Copy)]
enum By {
    /// The actors' kind.
    Kind,
    /// The actors' role.
    Role,
    /// An actor attribute.
    Attr(usize),
    /// A statement field.
    Field(usize),
}

/// Finds the attribute or field `name` names: exactly, then ignoring case;
/// actor attributes before statement fields.
fn resolve(ds: &Dataset, name: &str) -> Result<By, LevelError> {
    let mut known: Vec<(String, By)> = vec![("kind".into(), By::Kind), ("role".into(), By::Role)];
    known.extend(
        ds.actor_attrs
            .iter()
            .enumerate()
            .map(|(i, a)| (a.name.clone(), By::Attr(i))),
    );
    known.extend(
        ds.fields
            .iter()
            .enumerate()
            .map(|(i, f)| (f.clone(), By::Field(i))),
    );
    let folded = name.to_lowercase();
    let at = known
        .iter()
        .position(|(n, _)| n == name)
        .or_else(|| known.iter().position(|(n, _)| n.to_lowercase() == folded));
    match at {
        Some(i) => Ok(known.swap_remove(i).1),
        None => Err(LevelError {
            name: name.to_string(),
            known: known.into_iter().map(|(n, _)| n).collect(),
        }),
    }
}

/// Applies a level other than `actor`. Returns the new dataset and the
/// labels of the actors that keep (some of) their statements as themselves
/// for want of a value.
pub fn apply(ds: &Dataset, level: &Level) -> Result<(Dataset, Vec<String>), LevelError> {
    match level {
        Level::Actor => Ok((ds.clone(), Vec::new())),
        Level::Country => Ok(to_countries(ds)),
        Level::Attribute(name) => Ok(to_groups(ds, resolve(ds, name)?)),
    }
}

/// Replaces each actor by its country (an actor of kind `country` with the
/// country's id and name). Returns the new dataset and the labels of the
/// actors that had no country and stay as they are.
pub fn to_countries(ds: &Dataset) -> (Dataset, Vec<String>) {
    // New actors: countries first (in country order), then the actors
    // without a country (in actor order).
    let mut actors: Vec<Actor> = ds
        .countries
        .iter()
        .enumerate()
        .map(|(c, country)| Actor {
            id: country.id.clone(),
            label: country.label.clone(),
            kind: ActorKind::Country,
            country: Some(c),
            attrs: vec![None; ds.actor_attrs.len()],
            ..Actor::default()
        })
        .collect();
    let mut without = Vec::new();
    let map: Vec<usize> = ds
        .actors
        .iter()
        .map(|a| match a.country {
            Some(c) => c,
            None => {
                without.push(a.label.clone());
                actors.push(a.clone());
                actors.len() - 1
            }
        })
        .collect();
    let statements = ds
        .statements
        .iter()
        .map(|s| Statement {
            actor: map[s.actor()] as u32,
            target: s.target().map_or(Statement::NO_TARGET, |t| map[t] as u32),
            ..s.clone()
        })
        .collect();
    let leveled = ds.rebuilt(actors, ds.stances.clone(), ds.countries.clone(), statements);
    (leveled, without)
}

/// Replaces actors by groups: one actor of kind `group` per value, named by
/// it, with the attribute set to it; values in order of first use.
fn to_groups<'d>(ds: &'d Dataset, by: By) -> (Dataset, Vec<String>) {
    // An actor's own value (none for a statement field, which says
    // something of a statement, not of the actor).
    let of_actor = |a: usize| -> Option<&'d str> {
        let a = &ds.actors[a];
        match by {
            By::Kind => Some(a.kind.name()),
            By::Role => a.role.as_deref(),
            By::Attr(i) => a.attrs.get(i).and_then(|v| v.as_deref()),
            By::Field(_) => None,
        }
    };
    let value = |s: &Statement| -> Option<&'d str> {
        match by {
            By::Field(i) => ds.field(s, i),
            _ => of_actor(s.actor()),
        }
    };
    let mut ids = IdAllocator::with_taken(
        ds.stances
            .iter()
            .map(|s| s.id.clone())
            .chain(ds.countries.iter().map(|c| c.id.clone())),
    );
    // Actors that keep statements as themselves keep their ids.
    let mut keeps = vec![false; ds.actors.len()];
    for s in &ds.statements {
        if value(s).is_none() {
            keeps[s.actor()] = true;
        }
        // A target is grouped by its own value, or kept as itself.
        if let Some(t) = s.target().filter(|&t| of_actor(t).is_none()) {
            keeps[t] = true;
        }
    }
    for (a, keep) in ds.actors.iter().zip(&keeps) {
        if *keep {
            ids.take(&a.id);
        }
    }
    let mut groups: FxHashMap<&str, usize> = FxHashMap::default();
    let mut actors: Vec<Actor> = Vec::new();
    let mut own: Vec<Option<usize>> = vec![None; ds.actors.len()];
    let mut statements = Vec::with_capacity(ds.statements.len());
    let mut place = |value: Option<&'d str>, a: usize| -> usize {
        match value {
            Some(v) => *groups.entry(v).or_insert_with(|| {
                let mut attrs = vec![None; ds.actor_attrs.len()];
                if let By::Attr(i) = by {
                    attrs[i] = Some(v.to_string());
                }
                actors.push(Actor {
                    id: ids.fresh(v, "group"),
                    label: v.to_string(),
                    kind: ActorKind::Group,
                    attrs,
                    ..Actor::default()
                });
                actors.len() - 1
            }),
            None => *own[a].get_or_insert_with(|| {
                actors.push(ds.actors[a].clone());
                actors.len() - 1
            }),
        }
    };
    for s in &ds.statements {
        statements.push(Statement {
            actor: place(value(s), s.actor()) as u32,
            ..s.clone()
        });
    }
    // Then the targets, so that the actors who speak come first, in the
    // order they would without targets.
    for s in &mut statements {
        if let Some(t) = s.target() {
            s.target = place(of_actor(t), t) as u32;
        }
    }
    let without = ds
        .actors
        .iter()
        .zip(&keeps)
        .filter(|(_, k)| **k)
        .map(|(a, _)| a.label.clone())
        .collect();
    let leveled = ds.rebuilt(actors, ds.stances.clone(), ds.countries.clone(), statements);
    (leveled, without)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load::seed;
    use crate::model::AttrDef;

    #[test]
    fn actors_become_their_countries() {
        let ds = seed();
        let (out, without) = to_countries(&ds);
        assert_eq!(without, ["NATO allies", "Ukraine Defense Contact Group"]);
        let ids: Vec<&str> = out.actors.iter().map(|a| a.id.as_str()).collect();
        assert_eq!(ids, ["us", "ru", "ua", "fr", "gb", "nato-allies", "udcg"]);
        assert_eq!(out.statements.len(), ds.statements.len());
        // Hegseth (9), Trump (7) and Bessent (1) speak for the United States.
        let us = out.statements.iter().filter(|s| s.actor == 0).count();
        assert_eq!(us, 17);
        assert_eq!(out.actors[0].kind, ActorKind::Country);
    }

    #[test]
    fn actors_become_groups_of_an_attribute() {
        let mut ds = seed();
        ds.actor_attrs = vec![AttrDef {
            name: "camp".into(),
            ty: crate::model::AttrType::String,
        }];
        for a in &mut ds.actors {
            let camp = match a.id.as_str() {
                "hegseth" | "trump" | "bessent" => Some("Washington"),
                "healey" | "barrot" | "nato-allies" => Some("Europe"),
                _ => None,
            };
            a.attrs = vec![camp.map(str::to_string)];
        }
        let (out, without) = apply(&ds, &Level::Attribute("Camp".into())).unwrap();
        let ids: Vec<(&str, ActorKind)> =
            out.actors.iter().map(|a| (a.id.as_str(), a.kind)).collect();
        // Groups and the actors without a camp, in order of first statement.
        assert_eq!(
            ids,
            [
                ("washington", ActorKind::Group),
                ("putin", ActorKind::Person),
                ("zelenskyy", ActorKind::Person),
                ("europe", ActorKind::Group),
                ("udcg", ActorKind::Organization)
            ]
        );
        assert_eq!(out.actors[0].attrs, [Some("Washington".to_string())]);
        assert_eq!(
            without,
            [
                "Vladimir Putin",
                "Volodymyr Zelenskyy",
                "Ukraine Defense Contact Group"
            ]
        );
        let washington = out.statements.iter().filter(|s| s.actor == 0).count();
        assert_eq!(washington, 17);
        let e = apply(&ds, &Level::Attribute("party".into())).unwrap_err();
        assert_eq!(
            e.spelled(crate::choice::FLAGS),
            "--level party: the dataset has no such actor attribute or statement field; use actor, country, kind, role, camp"
        );
    }

    #[test]
    fn statements_become_groups_of_a_field() {
        let mut ds = seed();
        ds.fields = vec!["outlet".into()];
        ds.field_values = vec!["AP".into()];
        ds.field_rows = vec![vec![Some(0)], vec![None]];
        for (i, s) in ds.statements.iter_mut().enumerate() {
            s.fields = (i % 2) as u32;
        }
        let (out, without) = apply(&ds, &Level::Attribute("outlet".into())).unwrap();
        assert_eq!(out.actors[0].id, "ap");
        assert_eq!(out.statements.iter().filter(|s| s.actor == 0).count(), 16);
        // Every actor with a statement at an odd position keeps it.
        assert!(without.contains(&"Pete Hegseth".to_string()));
    }
}
