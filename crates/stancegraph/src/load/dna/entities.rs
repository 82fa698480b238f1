//! Entities (the values of short-text variables) with their colours and
//! attributes, and the documents with their fields.

use rustc_hash::FxHashMap as HashMap;
use std::rc::Rc;

use super::{DataType, Db, Entity, Failure, Variable, integer, text};
use crate::load::diag::{DiagnosticKind, Report};
use crate::load::table::{ACTORS, Row, RowAt, Schema, Table, is_spaced};
use crate::model::hex;

/// The entities of the statement type's short-text variables, by ID.
pub(super) fn entities(db: &Db, variables: &[Variable]) -> Result<HashMap<i64, Entity>, Failure> {
    let ids: Vec<String> = variables
        .iter()
        .filter(|v| v.ty == DataType::ShortText)
        .map(|v| v.id.to_string())
        .collect();
    let mut out = HashMap::default();
    if ids.is_empty() {
        return Ok(out);
    }
    let sql = format!(
        "SELECT ID, VariableId, Value, Red, Green, Blue FROM ENTITIES WHERE VariableId IN ({}) ORDER BY ID",
        ids.join(",")
    );
    let mut q = db.conn.prepare(&sql).map_err(|e| db.sql("ENTITIES", e))?;
    let mut rows = q.query([]).map_err(|e| db.sql("ENTITIES", e))?;
    while let Some(r) = rows.next().map_err(|e| db.sql("ENTITIES", e))? {
        let get = |i| r.get_ref(i).map_err(|e| db.sql("ENTITIES", e));
        let id = integer(get(0)?).ok().flatten().unwrap_or_default();
        let variable = integer(get(1)?).ok().flatten().unwrap_or_default();
        let value = text(get(2)?).unwrap_or_default();
        let mut rgb = [0u8; 3];
        let mut has_color = true;
        for (c, slot) in rgb.iter_mut().enumerate() {
            match integer(get(3 + c)?) {
                Ok(Some(v)) if (0..=255).contains(&v) => *slot = v as u8,
                Ok(None) => has_color = false,
                _ => {
                    return Err(db.at(
                        DiagnosticKind::Value,
                        "ENTITIES",
                        id,
                        "the colour (Red, Green, Blue) is not three numbers from 0 to 255",
                    ));
                }
            }
        }
        out.insert(
            id,
            Entity {
                variable,
                value: value.trim().to_string(),
                spaced: is_spaced(&value),
                color: has_color.then_some(rgb),
            },
        );
    }
    Ok(out)
}

/// The entities of one variable as a side table: the value is the label,
/// DNA's attributes are extra columns (or the built-in column of the same
/// name), the entity colour is the `color` column. The empty entity DNA
/// keeps for every variable is left out.
pub(super) fn entity_table(
    db: &Db,
    variable: &Variable,
    schema: Schema,
    entities: &HashMap<i64, Entity>,
    report: &mut Report,
) -> Result<Table, Failure> {
    let mut q = db
        .conn
        .prepare(
            "SELECT ID, AttributeVariable FROM ATTRIBUTEVARIABLES WHERE VariableId = ? ORDER BY ID",
        )
        .map_err(|e| db.sql("ATTRIBUTEVARIABLES", e))?;
    let attributes = q
        .query_map([variable.id], |r| {
            Ok((r.get::<_, i64>(0)?, r.get::<_, String>(1)?))
        })
        .and_then(|rows| rows.collect::<Result<Vec<_>, _>>())
        .map_err(|e| db.sql("ATTRIBUTEVARIABLES", e))?;
    // Each attribute fills a built-in column of the same name (kind,
    // country, role; topic) or an extra column.
    enum Slot {
        Schema(usize),
        Extra(usize),
    }
    let mut slots = Vec::new();
    let mut extra: Vec<String> = Vec::new();
    let mut places: Vec<(&'static str, Option<i64>)> = Vec::new();
    for (id, name) in &attributes {
        if crate::load::attributes::is_color(name) {
            return Err(db.at(
                DiagnosticKind::Conflict, "ATTRIBUTEVARIABLES",
                *id,
                format!(
                    "the attribute '{name}' of variable '{}' has the name stancegraph gives DNA's entity colours; rename the attribute in DNA",
                    variable.name
                ),
            ));
        }
        match schema.find(name).filter(|c| *c >= 2) {
            Some(c) => slots.push(Slot::Schema(c)),
            None => {
                slots.push(Slot::Extra(extra.len()));
                extra.push(name.trim().to_string());
                places.push(("ATTRIBUTEVARIABLES", Some(*id)));
            }
        }
    }
    let color_column = extra.len();
    extra.push("color".to_string());
    places.push(("ENTITIES", None));

    let mut values: HashMap<(i64, i64), String> = HashMap::default();
    if !attributes.is_empty() {
        let ids: Vec<String> = attributes.iter().map(|(id, _)| id.to_string()).collect();
        let sql = format!(
            "SELECT EntityId, AttributeVariableId, AttributeValue FROM ATTRIBUTEVALUES WHERE AttributeVariableId IN ({})",
            ids.join(",")
        );
        let mut q = db
            .conn
            .prepare(&sql)
            .map_err(|e| db.sql("ATTRIBUTEVALUES", e))?;
        let mut rows = q.query([]).map_err(|e| db.sql("ATTRIBUTEVALUES", e))?;
        while let Some(r) = rows.next().map_err(|e| db.sql("ATTRIBUTEVALUES", e))? {
            let get = |i| r.get_ref(i).map_err(|e| db.sql("ATTRIBUTEVALUES", e));
            let (Ok(Some(entity)), Ok(Some(attr))) = (integer(get(0)?), integer(get(1)?)) else {
                continue;
            };
            if let Some(v) = text(get(2)?) {
                values.insert((entity, attr), v.trim().to_string());
            }
        }
    }

    let mut ids: Vec<i64> = entities
        .iter()
        .filter(|(_, e)| e.variable == variable.id && !e.value.is_empty())
        .map(|(id, _)| *id)
        .collect();
    ids.sort_unstable();
    let kind = match variable.name.to_lowercase().as_str() {
        "person" => Some("person"),
        "organization" | "organisation" => Some("organization"),
        _ => None,
    };
    let mut rows = Vec::with_capacity(ids.len());
    for id in ids {
        let entity = &entities[&id];
        let mut row = Row {
            at: RowAt::Record {
                table: "ENTITIES",
                id,
            },
            values: vec![None; schema.columns.len()],
            extra: vec![None; extra.len()],
            spaced: if entity.spaced { 1 << 1 } else { 0 },
        };
        // Column 1 is the label, in the actors and the stances table.
        row.values[1] = Some(entity.value.clone());
        if schema.name == ACTORS.name {
            row.values[2] = kind.map(str::to_string);
        }
        for ((attr, _), slot) in attributes.iter().zip(&slots) {
            let value = values.get(&(id, *attr)).filter(|v| !v.is_empty()).cloned();
            match slot {
                Slot::Schema(c) => row.values[*c] = value,
                Slot::Extra(e) => row.extra[*e] = value,
            }
        }
        row.extra[color_column] = entity.color.map(hex);
        rows.push(row);
    }
    let _ = report;
    Ok(Table {
        file: db.file.clone(),
        schema,
        extra,
        header: RowAt::Columns(Rc::from(places)),
        rows,
    })
}

/// The actors of two short-text variables, who speaks and whom statements
/// address, as one actors table: the first's entities, then the second's
/// whose name the first lacks (the same name is the same actor); their
/// attributes united by name.
pub(super) fn merged(first: Table, second: Table) -> Table {
    let places = |t: &Table| match &t.header {
        RowAt::Columns(places) => places.to_vec(),
        _ => vec![("ENTITIES", None); t.extra.len()],
    };
    let mut extra = first.extra.clone();
    let mut all_places = places(&first);
    let second_places = places(&second);
    let at: Vec<usize> = second
        .extra
        .iter()
        .enumerate()
        .map(
            |(i, name)| match extra.iter().position(|e| e.eq_ignore_ascii_case(name)) {
                Some(j) => j,
                None => {
                    extra.push(name.clone());
                    all_places.push(second_places[i]);
                    extra.len() - 1
                }
            },
        )
        .collect();
    let label = |row: &Row| row.values[1].as_deref().map(crate::names::fold);
    let known: std::collections::HashSet<String> = first.rows.iter().filter_map(label).collect();
    let mut rows: Vec<Row> = first.rows;
    for row in &mut rows {
        row.extra.resize(extra.len(), None);
    }
    for row in second.rows {
        if label(&row).is_some_and(|l| known.contains(&l)) {
            continue;
        }
        let mut values = vec![None; extra.len()];
        for (value, &j) in row.extra.into_iter().zip(&at) {
            values[j] = value;
        }
        rows.push(Row {
            extra: values,
            ..row
        });
    }
    Table {
        extra,
        header: RowAt::Columns(Rc::from(all_places)),
        rows,
        ..first
    }
}
