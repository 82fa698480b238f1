//! Country level: every actor counted as its country.

use crate::model::{Actor, ActorKind, Dataset, Statement};

/// Whether nodes are actors or the countries they belong to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum Level {
    /// Each actor is a node.
    #[default]
    Actor,
    /// Each actor's statements count for its country; actors without a
    /// country stay themselves.
    Country,
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
            role: None,
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
            actor: map[s.actor],
            ..s.clone()
        })
        .collect();
    let leveled = Dataset {
        name: ds.name.clone(),
        actors,
        stances: ds.stances.clone(),
        countries: ds.countries.clone(),
        sources: ds.sources.clone(),
        statements,
    };
    (leveled, without)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load::{Input, load};

    #[test]
    fn actors_become_their_countries() {
        let ds = load(&Input::Embedded).unwrap();
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
}
