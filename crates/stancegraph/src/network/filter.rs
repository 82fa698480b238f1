//! Statement filters: dates, actors, stances, actor kinds, sources and any
//! statement field. Each list keeps statements that match any of its
//! entries; different filters must all hold. Actors and stances are named
//! by id or label (any case); sources and field values match exactly.

use std::borrow::Cow;
use std::fmt;

use chrono::NaiveDate;

use crate::choice::{Spelled, Spelling};
use crate::model::{ActorKind, Dataset, Statement};
use crate::names::{Named, Names, closest};

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
    /// Drop statements from these sources (exact match).
    pub exclude_sources: Vec<String>,
    /// Keep only statements whose field (name, any case) has one of the
    /// values given for it (exact match): DNA's `invertValues`.
    pub fields: Vec<(String, String)>,
    /// Drop statements whose field has this value: DNA's `excludeValues`.
    pub exclude_fields: Vec<(String, String)>,
    /// Keep every actor and stance as a node, even without statements left.
    pub isolates: bool,
}

/// A filter names something the dataset does not have.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum FilterError {
    /// An actor or stance that matches no id or label.
    UnknownName {
        /// The option, without dashes.
        flag: &'static str,
        /// What it names: actor or stance.
        what: &'static str,
        /// The name given.
        name: String,
        /// The closest known id.
        closest: Option<String>,
    },
    /// A statement field the dataset does not have.
    UnknownField {
        /// The option, without dashes.
        flag: &'static str,
        /// The field given.
        name: String,
        /// The fields it has.
        known: Vec<String>,
    },
}

impl fmt::Display for FilterError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.spell(Spelling::PLAIN, f)
    }
}

impl Spelled for FilterError {
    fn spell(&self, s: Spelling, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            FilterError::UnknownName {
                flag,
                what,
                name,
                closest,
            } => {
                write!(f, "{} '{name}' matches no {what}", s.option(flag))?;
                match closest {
                    Some(id) => write!(f, "; closest id: '{id}'"),
                    None => Ok(()),
                }
            }
            FilterError::UnknownField { flag, name, known } if known.is_empty() => write!(
                f,
                "{} {name}=...: the statements have no extra fields (extra columns of the statements table, or a DNA database's variables and document fields)",
                s.option(flag)
            ),
            FilterError::UnknownField { flag, name, known } => write!(
                f,
                "{} {name}=...: the statements have no field '{name}'; their fields are {}",
                s.option(flag),
                known.join(", ")
            ),
        }
    }
}

impl std::error::Error for FilterError {}

/// Marks the items named by `names`, found as the loader finds references
/// (exact id, exact label, then either ignoring case). An unknown name is an
/// error that names the closest id.
fn resolve<T: Named>(
    flag: &'static str,
    what: &'static str,
    names: &[String],
    items: &[T],
) -> Result<Vec<bool>, FilterError> {
    let mut chosen = vec![false; items.len()];
    if names.is_empty() {
        return Ok(chosen);
    }
    let index = Names::build(items);
    for name in names {
        match index.find(name) {
            Some(i) => chosen[i] = true,
            None => {
                return Err(FilterError::UnknownName {
                    flag,
                    what,
                    name: name.clone(),
                    closest: closest(name, items).map(|item| item.id().to_string()),
                });
            }
        }
    }
    Ok(chosen)
}

/// Groups `NAME=VALUE` pairs by field: (field index, its values). A name
/// the dataset's fields do not have (in any case) is an error.
fn field_values(
    flag: &'static str,
    pairs: &[(String, String)],
    ds: &Dataset,
) -> Result<Vec<(usize, Vec<String>)>, FilterError> {
    let mut out: Vec<(usize, Vec<String>)> = Vec::new();
    for (name, value) in pairs {
        let folded = name.to_lowercase();
        let field = ds
            .fields
            .iter()
            .position(|f| f == name)
            .or_else(|| ds.fields.iter().position(|f| f.to_lowercase() == folded))
            .ok_or_else(|| FilterError::UnknownField {
                flag,
                name: name.clone(),
                known: ds.fields.clone(),
            })?;
        match out.iter_mut().find(|(f, _)| *f == field) {
            Some((_, values)) => values.push(value.clone()),
            None => out.push((field, vec![value.clone()])),
        }
    }
    Ok(out)
}

/// Applies the filter. Unless `isolates` is set, actors, stances and
/// countries left without statements are dropped.
pub fn apply<'a>(ds: &'a Dataset, f: &Filter) -> Result<Cow<'a, Dataset>, FilterError> {
    let keep_actor = resolve("actor", "actor", &f.actors, &ds.actors)?;
    let drop_actor = resolve("exclude-actor", "actor", &f.exclude_actors, &ds.actors)?;
    let keep_stance = resolve("stance", "stance", &f.stances, &ds.stances)?;
    let drop_stance = resolve("exclude-stance", "stance", &f.exclude_stances, &ds.stances)?;

    let wanted_source: Vec<bool> = ds.sources.iter().map(|s| f.sources.contains(s)).collect();
    let unwanted_source: Vec<bool> = ds
        .sources
        .iter()
        .map(|s| f.exclude_sources.contains(s))
        .collect();
    let keep_fields = field_values("field", &f.fields, ds)?;
    let drop_fields = field_values("exclude-field", &f.exclude_fields, ds)?;
    let has = |s: &Statement, (field, values): &(usize, Vec<String>)| {
        ds.field(s, *field)
            .is_some_and(|v| values.iter().any(|w| w == v))
    };
    let keep = |s: &Statement| {
        let dated = |bound: Option<NaiveDate>, ok: fn(NaiveDate, NaiveDate) -> bool| {
            bound.is_none_or(|b| s.date.is_some_and(|d| ok(d, b)))
        };
        dated(f.from, |d, b| d >= b)
            && dated(f.to, |d, b| d <= b)
            && (f.actors.is_empty() || keep_actor[s.actor()])
            && !drop_actor[s.actor()]
            && (f.stances.is_empty() || keep_stance[s.stance()])
            && !drop_stance[s.stance()]
            && (f.kinds.is_empty() || f.kinds.contains(&ds.actors[s.actor()].kind))
            && (f.sources.is_empty() || s.source().is_some_and(|i| wanted_source[i]))
            && !s.source().is_some_and(|i| unwanted_source[i])
            && keep_fields.iter().all(|fv| has(s, fv))
            && !drop_fields.iter().any(|fv| has(s, fv))
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
pub(crate) fn subset<'a>(
    ds: &'a Dataset,
    statements: &[&Statement],
    isolates: bool,
) -> Cow<'a, Dataset> {
    let mut used_actor = vec![isolates; ds.actors.len()];
    let mut used_stance = vec![isolates; ds.stances.len()];
    for s in statements {
        used_actor[s.actor()] = true;
        used_stance[s.stance()] = true;
        if let Some(t) = s.target() {
            used_actor[t] = true;
        }
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
    let statements = statements
        .iter()
        .map(|s| Statement {
            actor: actor_ix[s.actor()].expect("a kept statement's actor is kept") as u32,
            target: s.target().map_or(Statement::NO_TARGET, |t| {
                actor_ix[t].expect("a kept statement's target is kept") as u32
            }),
            stance: stance_ix[s.stance()].expect("a kept statement's stance is kept") as u32,
            ..(*s).clone()
        })
        .collect();
    let actors = kept(&actor_ix)
        .map(|i| {
            let mut a = ds.actors[i].clone();
            a.country = a.country.and_then(|c| country_ix[c]);
            a
        })
        .collect();
    let stances = kept(&stance_ix).map(|i| ds.stances[i].clone()).collect();
    let countries = kept(&country_ix).map(|i| ds.countries[i].clone()).collect();
    Cow::Owned(ds.rebuilt(actors, stances, countries, statements))
}

/// The old indices that are kept.
fn kept(ix: &[Option<usize>]) -> impl Iterator<Item = usize> + '_ {
    (0..ix.len()).filter(|i| ix[*i].is_some())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load::seed;

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
        // The actors Hegseth addresses are kept with his statements.
        assert_eq!(ids, ["hegseth", "healey", "udcg"]);
        // Hegseth 9 statements + Healey 3, minus one each on NATO membership.
        assert_eq!(out.statements.len(), 10);
        assert!(out.stances.iter().all(|s| s.id != "ukraine-in-nato"));
        let countries: Vec<&str> = out.countries.iter().map(|c| c.id.as_str()).collect();
        assert_eq!(countries, ["us", "gb"]);
        // Indices point at the right entities after renumbering.
        for s in &out.statements {
            assert!(["hegseth", "healey"].contains(&out.actors[s.actor()].id.as_str()));
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
        let e = apply(&seed(), &f).unwrap_err();
        assert_eq!(
            e.to_string(),
            "actor 'hegset' matches no actor; closest id: 'hegseth'"
        );
        assert_eq!(
            e.spelled(crate::choice::FLAGS),
            "--actor 'hegset' matches no actor; closest id: 'hegseth'"
        );
    }

    #[test]
    fn sources_and_fields_include_and_exclude() {
        let mut ds = seed();
        ds.fields = vec!["outlet".into()];
        ds.field_values = vec!["AP".into(), "Reuters".into()];
        ds.field_rows = vec![vec![Some(0)], vec![Some(1)]];
        for (i, s) in ds.statements.iter_mut().enumerate() {
            s.fields = (i % 2) as u32;
        }
        let only = |f: Filter| apply(&ds, &f).unwrap().statements.len();
        let field = |v: &str| ("Outlet".to_string(), v.to_string());
        assert_eq!(
            only(Filter {
                fields: vec![field("AP")],
                ..Filter::default()
            }),
            16
        );
        assert_eq!(
            only(Filter {
                fields: vec![field("AP"), field("Reuters")],
                ..Filter::default()
            }),
            31
        );
        assert_eq!(
            only(Filter {
                exclude_fields: vec![field("AP")],
                ..Filter::default()
            }),
            15
        );
        assert_eq!(
            only(Filter {
                exclude_sources: vec!["AP 2025-02-12".into()],
                ..Filter::default()
            }),
            0
        );
        let e = apply(
            &ds,
            &Filter {
                fields: vec![("medium".into(), "TV".into())],
                ..Filter::default()
            },
        )
        .unwrap_err();
        assert_eq!(
            e.spelled(crate::choice::FLAGS),
            "--field medium=...: the statements have no field 'medium'; their fields are outlet"
        );
    }
}
