//! Side tables: countries, actors and stances with their ids, built-in
//! attributes, user attributes (typed from all their values) and colours.

use super::attributes::{RESERVED, attribute_name, infer_type, is_color, parse_color};
use super::diag::{Diagnostic, DiagnosticKind};
use super::registry::{Registry, control_character};
use super::resolve::{Origin, Resolver};
use super::table::{ACTORS, Col, Row, STANCES, Table};
use crate::model::{Actor, ActorKind, AttrDef, AttrType, Country, Rgb, Stance};
use crate::names::Names;
use crate::names::is_id_char;

/// The user attributes of one side table: its extra columns.
struct Attributes {
    defs: Vec<AttrDef>,
    /// Per extra column, the attribute it holds (`None` when the column
    /// was rejected).
    columns: Vec<Option<usize>>,
    /// The extra column that holds colours.
    color: Option<usize>,
}

/// What a side-table row gives every entity: id, label, attributes, colour.
struct Common {
    id: Option<String>,
    label: String,
    /// Whether the label had spaces around it.
    spaced: bool,
    attrs: Vec<Option<String>>,
    color: Option<Rgb>,
    origin: Origin,
}

impl Resolver {
    /// Reads the extra columns of a side table as attributes: names fit for
    /// every format, not taken by a built-in one, types inferred.
    fn attributes(&mut self, table: &Table) -> Attributes {
        let mut out = Attributes {
            defs: Vec::new(),
            columns: Vec::new(),
            color: None,
        };
        for (e, raw) in table.extra.iter().enumerate() {
            let at = table.header.location(Some(Col::Extra(e)));
            let name = attribute_name(raw).into_owned();
            out.columns.push(None);
            if &name != raw {
                self.report.warn(Diagnostic::located(DiagnosticKind::Changed,
                    &table.file,
                    at.clone(),
                    format!(
                        "the column '{raw}' becomes the attribute '{name}': names in GraphML, GEXF and Gephi's tables hold only letters, digits, '.', '-', '_' and ':'"
                    ),
                ));
            }
            if let Some(builtin) = RESERVED.iter().find(|r| r.eq_ignore_ascii_case(&name)) {
                let why = if ["x", "y", "z", "r", "g", "b", "size"].contains(builtin) {
                    format!(
                        "Gephi reads an attribute '{builtin}' as the node's position, colour or size"
                    )
                } else {
                    format!("it has the name of the built-in attribute '{builtin}'")
                };
                self.report.error(Diagnostic::located(
                    DiagnosticKind::Name,
                    &table.file,
                    at,
                    format!("the column '{raw}' cannot be an attribute: {why}; rename the column"),
                ));
                continue;
            }
            if let Some(other) = out.defs.iter().find(|d| d.name.eq_ignore_ascii_case(&name)) {
                self.report.error(Diagnostic::located(
                    DiagnosticKind::Conflict,
                    &table.file,
                    at,
                    format!(
                        "the column '{raw}' and the attribute '{}' have the same name; rename one",
                        other.name
                    ),
                ));
                continue;
            }
            let values = table.rows.iter().filter_map(|r| r.extra[e].as_deref());
            let ty = if is_color(&name) {
                out.color = Some(e);
                AttrType::String
            } else {
                infer_type(values)
            };
            out.columns[e] = Some(out.defs.len());
            out.defs.push(AttrDef { name, ty });
        }
        out
    }

    /// The id, label, attributes and colour of a side-table row; `None`
    /// (with the problem reported) when the row is unusable.
    fn common(
        &mut self,
        table: &Table,
        row: &Row,
        attrs: &Attributes,
        what: &'static str,
    ) -> Option<Common> {
        let origin = Origin {
            file: table.file.clone(),
            location: row.at.location(None),
        };
        let id = self.table_id(table, row, what)?;
        let Some(label) = row.get(&table.schema, "label").or(id.as_deref()) else {
            self.report.error(Diagnostic::located(
                DiagnosticKind::Name,
                &table.file,
                origin.location,
                "the row has neither an id nor a label",
            ));
            return None;
        };
        if let Some(message) = control_character(what, label) {
            let at = row
                .at
                .location(table.schema.index("label").map(Col::Schema));
            self.report.error(Diagnostic::located(
                DiagnosticKind::Name,
                &table.file,
                at,
                message,
            ));
            return None;
        }
        let spaced = row.spaced(&table.schema, "label")
            || (row.get(&table.schema, "label").is_none() && row.spaced(&table.schema, "id"));
        let label = label.to_string();
        let mut values = vec![None; attrs.defs.len()];
        for (e, def) in attrs.columns.iter().enumerate() {
            let (Some(d), Some(v)) = (def, &row.extra[e]) else {
                continue;
            };
            values[*d] = Some(match attrs.defs[*d].ty {
                AttrType::Boolean => v.to_lowercase(),
                _ => v.clone(),
            });
        }
        let color = match attrs.color.and_then(|e| row.extra[e].as_deref()) {
            Some(text) => match parse_color(text) {
                Some(c) => Some(c),
                None => {
                    let at = row.at.location(attrs.color.map(Col::Extra));
                    self.report.error(Diagnostic::located(
                        DiagnosticKind::Value,
                        &table.file,
                        at,
                        format!("'{text}' is not a colour; write colours as #rrggbb"),
                    ));
                    return None;
                }
            },
            None => None,
        };
        Some(Common {
            id,
            label,
            spaced,
            attrs: values,
            color,
            origin,
        })
    }

    /// Reads a side-table id: `Ok(None)` when the row has none (it gets one
    /// made from its label), `None` when it is not valid or already used.
    fn table_id(&mut self, table: &Table, row: &Row, what: &'static str) -> Option<Option<String>> {
        let Some(id) = row.get(&table.schema, "id") else {
            return Some(None);
        };
        let at = row.at.location(table.schema.index("id").map(Col::Schema));
        if let Some(bad) = id.chars().find(|c| !is_id_char(*c)) {
            self.report.error(Diagnostic::located(DiagnosticKind::Name,
                &table.file,
                at,
                format!(
                    "id '{id}' has the character {bad:?}; ids may hold only letters, digits, '.', '-', '_' and ':' (they become node ids in GraphML and GEXF); put the name in the label column"
                ),
            ));
            return None;
        }
        let origin = Origin {
            file: table.file.clone(),
            location: row.at.location(None),
        };
        if let Some((other, first)) = self.id_places.get(id) {
            // A country speaking as an actor may share its id with the country.
            let shared_country = (what, *other) == ("actor", "country")
                && row
                    .get(&table.schema, "kind")
                    .and_then(|k| ActorKind::parse(k).ok())
                    .is_some_and(|k| k == ActorKind::Country);
            if !shared_country {
                self.report.error(Diagnostic::located(DiagnosticKind::Conflict,
                    &table.file,
                    at,
                    format!(
                        "id '{id}' is already used by a {other} at {first}; ids must be unique across actors, stances and countries"
                    ),
                ));
                return None;
            }
        } else {
            self.id_places.insert(id.to_string(), (what, origin));
        }
        Some(Some(id.to_string()))
    }

    /// The registry of one kind of entity.
    fn registry(&mut self, what: &str) -> &mut Registry {
        match what {
            "actor" => &mut self.actor_refs,
            "stance" => &mut self.stance_refs,
            _ => &mut self.country_refs,
        }
    }

    /// Whether a side-table row is a new entity, which it then records. A
    /// row without an id is found by its label: when an earlier row has
    /// that label written the same way, the two cannot be told apart (an
    /// error); written another way (case, Unicode normalization, spaces
    /// around it), they are one entity, and the row is announced and not
    /// read.
    fn admit(&mut self, table: &Table, names: &Names, c: &Common, what: &'static str) -> bool {
        let at = c.origin.location.clone();
        let earlier = if c.id.is_some() {
            None
        } else {
            names.lookup(&c.label)
        };
        let Some((i, exact)) = earlier else {
            let registry = self.registry(what);
            let index = registry.has_id.len();
            registry.added(c.id.is_some(), &table.file, at.clone());
            if c.spaced {
                registry
                    .spellings
                    .record(index, &c.label, true, &table.file, at);
            }
            return true;
        };
        let registry = self.registry(what);
        if exact && !c.spaced && !registry.spellings.has_spaced(i) {
            self.report.error(Diagnostic::located(DiagnosticKind::Conflict,
                &table.file,
                at,
                format!(
                    "the label '{}' is already used by another row without an id; give the rows ids",
                    c.label
                ),
            ));
            return false;
        }
        let first = registry.spellings.first_place(i).unwrap_or_default();
        registry
            .spellings
            .record(i, &c.label, c.spaced, &table.file, at.clone());
        self.report.warn(Diagnostic::located(DiagnosticKind::Merged,
            &table.file,
            at,
            format!(
                "the label '{}' is the label of the {what} at {first} written another way (case, Unicode normalization or spaces around it), so the two rows are one {what} and the rest of this row is not read; to keep them apart, give the rows ids or different labels",
                c.label
            ),
        ));
        false
    }

    pub(super) fn countries(&mut self, table: &Table) {
        let attrs = self.attributes(table);
        let mut names = Names::default();
        for row in &table.rows {
            let Some(c) = self.common(table, row, &attrs, "country") else {
                continue;
            };
            if !self.admit(table, &names, &c, "country") {
                continue;
            }
            names.insert(&c.label, self.ds.countries.len());
            self.ds.countries.push(Country {
                id: c.id.unwrap_or_default(),
                label: c.label,
                attrs: c.attrs,
                color: c.color,
            });
        }
        self.ds.country_attrs = attrs.defs;
        self.country_refs.names = rebuild(&self.ds.countries, &self.country_refs.has_id);
    }

    pub(super) fn actors(&mut self, table: &Table) {
        let attrs = self.attributes(table);
        let mut names = Names::default();
        for row in &table.rows {
            let Some(c) = self.common(table, row, &attrs, "actor") else {
                continue;
            };
            let column = |name: &str| row.at.location(ACTORS.index(name).map(Col::Schema));
            let kind = match row.get(&ACTORS, "kind") {
                Some(text) => match self.parse_kind(&table.file, column("kind"), text) {
                    Some(k) => Some(k),
                    None => continue,
                },
                None => None,
            };
            let country = match row.get(&ACTORS, "country") {
                Some(text) => match self.country(
                    &table.file,
                    column("country"),
                    text,
                    row.spaced(&ACTORS, "country"),
                ) {
                    Some(c) => Some(c),
                    None => continue,
                },
                None => None,
            };
            if !self.admit(table, &names, &c, "actor") {
                continue;
            }
            names.insert(&c.label, self.ds.actors.len());
            self.kind_origin.push(kind.map(|_| c.origin.clone()));
            self.country_origin.push(country.map(|_| c.origin.clone()));
            self.ds.actors.push(Actor {
                id: c.id.unwrap_or_default(),
                label: c.label,
                kind: kind.unwrap_or(ActorKind::Person),
                country,
                role: row.get(&ACTORS, "role").map(str::to_string),
                attrs: c.attrs,
                color: c.color,
            });
        }
        self.ds.actor_attrs = attrs.defs;
        self.actor_refs.names = rebuild(&self.ds.actors, &self.actor_refs.has_id);
    }

    pub(super) fn stances(&mut self, table: &Table) {
        let attrs = self.attributes(table);
        let mut names = Names::default();
        for row in &table.rows {
            let Some(c) = self.common(table, row, &attrs, "stance") else {
                continue;
            };
            if !self.admit(table, &names, &c, "stance") {
                continue;
            }
            names.insert(&c.label, self.ds.stances.len());
            self.ds.stances.push(Stance {
                id: c.id.unwrap_or_default(),
                label: c.label,
                topic: row.get(&STANCES, "topic").map(str::to_string),
                attrs: c.attrs,
                color: c.color,
            });
        }
        self.ds.stance_attrs = attrs.defs;
        self.stance_refs.names = rebuild(&self.ds.stances, &self.stance_refs.has_id);
    }
}

/// The lookup of side-table entities: given ids first, then labels.
fn rebuild<T: crate::names::Named>(items: &[T], has_id: &[bool]) -> Names {
    let mut names = Names::default();
    for (i, (item, given)) in items.iter().zip(has_id).enumerate() {
        if *given {
            names.insert(item.id(), i);
        }
    }
    for (i, item) in items.iter().enumerate() {
        names.insert(item.label(), i);
    }
    names
}

#[cfg(test)]
mod tests {
    use super::super::resolve::SideTables;
    use super::super::resolve::tests::{run, table, table_with};
    use super::super::table::{COUNTRIES, STATEMENTS};
    use super::*;

    #[test]
    fn extra_columns_become_typed_attributes() {
        let actors = table_with(
            "a.csv",
            ACTORS,
            &["party", "founded", "share", "Active", "color"],
            &[
                (
                    &["spd", "SPD"],
                    &["left", "1863", "0.25", "TRUE", "#E3000F"],
                ),
                (&["cdu", "CDU"], &["right", "1945", "1", "false", ""]),
                (&["", "Greens"], &["", "", "", "", "#46962b"]),
            ],
        );
        let st = table("s.csv", STATEMENTS, &[&["Greens", "s", "yes"]]);
        let (ds, report) = run(
            st,
            SideTables {
                actors: Some(actors),
                ..SideTables::default()
            },
        );
        assert!(report.errors.is_empty(), "{}", report.errors);
        let types: Vec<(&str, AttrType)> = ds
            .actor_attrs
            .iter()
            .map(|a| (a.name.as_str(), a.ty))
            .collect();
        assert_eq!(
            types,
            [
                ("party", AttrType::String),
                ("founded", AttrType::Int),
                ("share", AttrType::Double),
                ("Active", AttrType::Boolean),
                ("color", AttrType::String)
            ]
        );
        assert_eq!(ds.actors[0].attrs[3].as_deref(), Some("true"));
        assert_eq!(ds.actors[0].color, Some([0xe3, 0x00, 0x0f]));
        // A row without an id gets one from its label.
        assert_eq!(ds.actors[2].id, "greens");
        assert_eq!(
            ds.actors[2].attrs,
            [None, None, None, None, Some("#46962b".into())]
        );
        assert_eq!(ds.statements[0].actor, 2);
    }

    #[test]
    fn attribute_names_fit_every_format_or_are_refused() {
        let stances = table_with(
            "t.csv",
            STANCES,
            &["policy field", "Statements", "size", "color"],
            &[(&["s"], &["energy", "3", "big", "red"])],
        );
        let st = table("s.csv", STATEMENTS, &[&["a", "s", "yes"]]);
        let (ds, report) = run(
            st,
            SideTables {
                stances: Some(stances),
                ..SideTables::default()
            },
        );
        assert_eq!(ds.stance_attrs[0].name, "policy_field");
        assert_eq!(
            report.warnings[0].to_string(),
            "t.csv:1: the column 'policy field' becomes the attribute 'policy_field': names in GraphML, GEXF and Gephi's tables hold only letters, digits, '.', '-', '_' and ':'"
        );
        let text = report.errors.to_string();
        assert!(
            text.contains("t.csv:1: the column 'Statements' cannot be an attribute: it has the name of the built-in attribute 'statements'; rename the column"),
            "{text}"
        );
        assert!(text.contains("Gephi reads an attribute 'size'"), "{text}");
        assert!(
            text.contains("t.csv:2: 'red' is not a colour; write colours as #rrggbb"),
            "{text}"
        );
    }

    #[test]
    fn rows_without_ids_need_distinct_labels() {
        let countries = table(
            "c.csv",
            COUNTRIES,
            &[&["", "France"], &["", "France"], &[""]],
        );
        let st = table("s.csv", STATEMENTS, &[&["a", "s", "yes"]]);
        let (_, report) = run(
            st,
            SideTables {
                countries: Some(countries),
                ..SideTables::default()
            },
        );
        let text = report.errors.to_string();
        assert!(
            text.contains(
                "c.csv:3: the label 'France' is already used by another row without an id"
            ),
            "{text}"
        );
        assert!(
            text.contains("c.csv:4: the row has neither an id nor a label"),
            "{text}"
        );
    }
}
