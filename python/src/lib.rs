//! stancegraph for Python: the library compiled into an extension module.
//! Tables cross as Arrow through arrow-rs's C data interface (pyarrow on
//! the Python side), never as text. The Python package (`stancegraph/`)
//! is a thin, typed layer over these classes.

use std::path::PathBuf;
use std::sync::Arc;

use arrow_array::RecordBatch;
use arrow_pyarrow::{FromPyArrow, IntoPyArrow, Table};
use arrow_schema::SchemaRef;
use pyo3::prelude::*;
use pyo3::types::PyDict;

use stancegraph::analysis::{CoalitionNetwork, CoalitionOptions, backbone, polarization};
use stancegraph::export::{self, Format};
use stancegraph::load::{
    self, ColumnMap, Diagnostic, Diagnostics, Input, LoadOptions, Location, Preset,
};
use stancegraph::model::{Dataset as Data, Polarity};
use stancegraph::network::{self, Filter, Network as Net, Options};
use stancegraph::output;
use stancegraph::{Spelled, Spelling};

/// Raises the error class `name` of `stancegraph._errors` with `message`
/// and attributes.
fn raise(py: Python<'_>, name: &str, message: String, attrs: &[(&str, Py<PyAny>)]) -> PyErr {
    let made = (|| -> PyResult<PyErr> {
        let class = py.import("stancegraph._errors")?.getattr(name)?;
        let error = class.call1((message.clone(),))?;
        for (key, value) in attrs {
            error.setattr(*key, value)?;
        }
        Ok(PyErr::from_value(error))
    })();
    made.unwrap_or_else(|e| e)
}

fn usage(py: Python<'_>, message: String) -> PyErr {
    raise(py, "UsageError", message, &[])
}

/// The problems of an input as one `InputError`: the messages the command
/// line prints, one per line; `path` and `line` (or `row`, `sheet`) of the
/// first; `problems`, every one as (path, place, message).
fn input_error(py: Python<'_>, problems: &Diagnostics) -> PyErr {
    let all: Vec<&Diagnostic> = problems.iter().collect();
    let text: Vec<String> = all.iter().map(|d| d.to_string()).collect();
    let first = all.first();
    let mut attrs: Vec<(&str, Py<PyAny>)> = Vec::new();
    let none = || py.None();
    attrs.push((
        "path",
        first.map_or_else(none, |d| {
            d.file
                .clone()
                .into_pyobject(py)
                .unwrap()
                .into_any()
                .unbind()
        }),
    ));
    let (line, row, sheet) = match first.and_then(|d| d.location.as_ref()) {
        Some(Location::Line(l)) => (Some(*l), None, None),
        Some(Location::Cell { sheet, row, .. }) => {
            (None, Some(u64::from(*row)), Some(sheet.clone()))
        }
        Some(Location::Row { row, .. }) => (None, Some(*row), None),
        _ => (None, None, None),
    };
    attrs.push(("line", line.into_pyobject(py).unwrap().into_any().unbind()));
    attrs.push(("row", row.into_pyobject(py).unwrap().into_any().unbind()));
    attrs.push((
        "sheet",
        sheet.into_pyobject(py).unwrap().into_any().unbind(),
    ));
    attrs.push((
        "problems",
        text.clone().into_pyobject(py).unwrap().into_any().unbind(),
    ));
    raise(py, "InputError", text.join("\n"), &attrs)
}

/// Says the loader's warnings through Python's `warnings` module.
fn warn_all(py: Python<'_>, texts: impl IntoIterator<Item = String>) -> PyResult<()> {
    let category = py
        .import("stancegraph._errors")?
        .getattr("StancegraphWarning")?;
    for text in texts {
        let message = std::ffi::CString::new(text.replace('\0', " ")).unwrap_or_default();
        PyErr::warn(py, &category, &message, 2)?;
    }
    Ok(())
}

/// A table in memory as a pyarrow Table.
fn to_table(
    py: Python<'_>,
    made: std::io::Result<(SchemaRef, Vec<RecordBatch>)>,
) -> PyResult<Py<PyAny>> {
    let (schema, batches) = made.map_err(|e| usage(py, e.to_string()))?;
    let table = Table::try_new(batches, schema).map_err(|e| usage(py, e.to_string()))?;
    Ok(table.into_pyarrow(py)?.unbind())
}

/// The column map from a dict of contract column → header name.
fn column_map(py: Python<'_>, columns: Option<&Bound<'_, PyDict>>) -> PyResult<ColumnMap> {
    let mut map = ColumnMap::default();
    let Some(columns) = columns else {
        return Ok(map);
    };
    for (key, value) in columns.iter() {
        let key: String = key.extract()?;
        let value: String = value.extract()?;
        let mut one: ColumnMap = format!("{key}=x")
            .parse()
            .map_err(|e: load::ColumnMapError| usage(py, format!("columns: {e}")))?;
        if let Some(pair) = one.pairs.first_mut() {
            pair.1 = value;
        }
        map.extend(one)
            .map_err(|e| usage(py, format!("columns: {e}")))?;
    }
    Ok(map)
}

/// The load options from the keywords `read` takes.
fn load_options(
    py: Python<'_>,
    columns: Option<&Bound<'_, PyDict>>,
    delimiter: Option<&str>,
    sheet: Option<String>,
    dna: Option<&Bound<'_, PyDict>>,
    preset: Option<&str>,
    acled_polarity: Option<&Bound<'_, PyDict>>,
) -> PyResult<LoadOptions> {
    let mut opts = LoadOptions {
        columns: column_map(py, columns)?,
        sheet,
        spelling: Spelling::PLAIN,
        ..LoadOptions::default()
    };
    if let Some(d) = delimiter {
        opts.delimiter =
            Some(load::parse_delimiter(d).map_err(|e| usage(py, format!("delimiter: {e}")))?);
    }
    if let Some(dna) = dna {
        for (key, value) in dna.iter() {
            let key: String = key.extract()?;
            let value: String = value.extract()?;
            match key.as_str() {
                "statement_type" => opts.dna.statement_type = value,
                "actor" | "actor_variable" => opts.dna.actor = value,
                "stance" | "stance_variable" => opts.dna.stance = value,
                "agree" | "agree_variable" => opts.dna.agree = value,
                "target" | "target_variable" => opts.dna.target = Some(value),
                other => {
                    return Err(usage(
                        py,
                        format!(
                            "dna: unknown option '{other}' (statement_type, actor, stance, agree, target)"
                        ),
                    ));
                }
            }
        }
    }
    if let Some(p) = preset {
        opts.preset = Some(p.parse().map_err(|e| usage(py, format!("preset: {e}")))?);
        // A preset reads its dataset's own layout: these would be ignored.
        let given = [
            ("columns", !opts.columns.is_empty()),
            ("delimiter", opts.delimiter.is_some()),
            ("sheet", opts.sheet.is_some()),
            ("dna", dna.is_some()),
        ];
        if let Some((keyword, _)) = given.iter().find(|(_, given)| *given) {
            return Err(usage(
                py,
                format!(
                    "preset='{p}' reads the dataset's own layout; {keyword} does not go with it"
                ),
            ));
        }
    }
    if let Some(map) = acled_polarity {
        if opts.preset != Some(Preset::Acled) {
            return Err(usage(
                py,
                "acled_polarity maps ACLED's event types; it goes with preset='acled'".into(),
            ));
        }
        for (kind, value) in map.iter() {
            let kind: String = kind.extract()?;
            let value: String = value.extract()?;
            let polarity = Polarity::parse(&value).ok_or_else(|| {
                usage(
                    py,
                    format!("acled_polarity: '{value}' for '{kind}' is neither agree nor disagree"),
                )
            })?;
            opts.acled_polarity.pairs.push((kind, polarity));
        }
    }
    Ok(opts)
}

/// Statements, loaded and checked.
#[pyclass(module = "stancegraph._stancegraph", frozen)]
struct Dataset {
    data: Arc<Data>,
}

#[pyfunction]
#[pyo3(signature = (path=None, *, columns=None, delimiter=None, sheet=None, dna=None, preset=None, acled_polarity=None))]
#[allow(clippy::too_many_arguments)]
fn read(
    py: Python<'_>,
    path: Option<PathBuf>,
    columns: Option<&Bound<'_, PyDict>>,
    delimiter: Option<&str>,
    sheet: Option<String>,
    dna: Option<&Bound<'_, PyDict>>,
    preset: Option<&str>,
    acled_polarity: Option<&Bound<'_, PyDict>>,
) -> PyResult<Dataset> {
    let opts = load_options(py, columns, delimiter, sheet, dna, preset, acled_polarity)?;
    if let Some(p) = path
        .as_ref()
        .filter(|p| !p.exists() && p.as_os_str() != "-")
    {
        let class = py.import("stancegraph._errors")?.getattr("FileNotFound")?;
        let error = class.call1((2, "no such file or directory", p.display().to_string()))?;
        return Err(PyErr::from_value(error));
    }
    let input = Input::from_arg(path.as_deref());
    let loaded = py
        .detach(|| load::load(&input, &opts))
        .map_err(|d| input_error(py, &d))?;
    warn_all(py, loaded.warnings.iter().map(|w| w.to_string()))?;
    Ok(Dataset {
        data: Arc::new(loaded.dataset),
    })
}

#[pyfunction]
#[pyo3(signature = (table, *, name="<DataFrame>", columns=None))]
fn from_arrow(
    py: Python<'_>,
    table: &Bound<'_, PyAny>,
    name: &str,
    columns: Option<&Bound<'_, PyDict>>,
) -> PyResult<Dataset> {
    let opts = load_options(py, columns, None, None, None, None, None)?;
    let table = Table::from_pyarrow_bound(table)?;
    let (batches, schema) = table.into_inner();
    let loaded = py
        .detach(|| load::load_arrow(name, &schema, &batches, &opts))
        .map_err(|d| input_error(py, &d))?;
    warn_all(py, loaded.warnings.iter().map(|w| w.to_string()))?;
    Ok(Dataset {
        data: Arc::new(loaded.dataset),
    })
}

fn parse<T: std::str::FromStr>(py: Python<'_>, what: &str, text: &str) -> PyResult<T>
where
    T::Err: std::fmt::Display,
{
    text.parse()
        .map_err(|e: T::Err| usage(py, format!("{what}: {e}")))
}

#[pymethods]
impl Dataset {
    /// The dataset's name (the file, or `<DataFrame>`).
    #[getter]
    fn name(&self) -> String {
        self.data.name.clone()
    }

    /// How many statements (each counted once, whatever its count).
    fn __len__(&self) -> usize {
        self.data.statements.len()
    }

    fn __repr__(&self) -> String {
        let d = &self.data;
        format!(
            "<stancegraph.Dataset {}: {} statements, {} actors, {} stances>",
            d.name,
            d.statements.len(),
            d.actors.len(),
            d.stances.len()
        )
    }

    /// The event list: one row per statement, every resolved field.
    fn statements_table(&self, py: Python<'_>) -> PyResult<Py<PyAny>> {
        to_table(py, export::arrow::statements(&self.data))
    }

    /// The network with these options (the command line's names).
    #[pyo3(signature = (network="full", *, normalize="none", qualifier="separate", duplicates="include", level=None, start=None, end=None, isolates=false))]
    #[allow(clippy::too_many_arguments)]
    fn network(
        &self,
        py: Python<'_>,
        network: &str,
        normalize: &str,
        qualifier: &str,
        duplicates: &str,
        level: Option<&str>,
        start: Option<&str>,
        end: Option<&str>,
        isolates: bool,
    ) -> PyResult<Network> {
        let date = |what: &str, v: Option<&str>| {
            v.map(|t| load::parse_date(t).map_err(|e| usage(py, format!("{what}: {e}"))))
                .transpose()
        };
        let opts = Options {
            kind: parse(py, "network", network)?,
            normalization: parse(py, "normalize", normalize)?,
            qualifier: parse(py, "qualifier", qualifier)?,
            duplicates: parse(py, "duplicates", duplicates)?,
            level: match level {
                Some(l) => parse(py, "level", l)?,
                None => network::Level::Actor,
            },
            filter: Filter {
                from: date("start", start)?,
                to: date("end", end)?,
                isolates,
                ..Filter::default()
            },
        };
        let data = Arc::clone(&self.data);
        let built = py.detach(|| -> Result<_, network::PrepareError> {
            opts.validate()?;
            let (prepared, warnings) = network::prepare(&data, &opts)?;
            let net = network::project(&prepared, &opts);
            Ok((net, prepared.into_owned(), warnings))
        });
        let (net, prepared, warnings) =
            built.map_err(|e| usage(py, e.spelled(Spelling::PLAIN).to_string()))?;
        warn_all(py, warnings.iter().map(|w| w.to_string()))?;
        Ok(Network {
            net: Arc::new(net),
            data: Arc::new(prepared),
            options: opts,
        })
    }

    /// DNA's polarization score, as `stancegraph polarization --json`.
    #[pyo3(signature = (*, clusters=2, normalize_scores=false, algorithm=None, objective="dna", seed=1))]
    fn polarization_json(
        &self,
        py: Python<'_>,
        clusters: usize,
        normalize_scores: bool,
        algorithm: Option<&str>,
        objective: &str,
        seed: u64,
    ) -> PyResult<String> {
        let opts = polarization::PolarizationOptions {
            clusters,
            normalize: normalize_scores,
            algorithm: algorithm.map(|a| parse(py, "algorithm", a)).transpose()?,
            objective: parse(py, "objective", objective)?,
            seed,
            ..polarization::PolarizationOptions::default()
        };
        let (prepared, _) = network::prepare(&self.data, &Options::default())
            .map_err(|e| usage(py, e.to_string()))?;
        let found = polarization::polarization(&prepared, &opts)
            .map_err(|e| usage(py, e.spelled(Spelling::PLAIN).to_string()))?;
        serde_json::to_string(&found).map_err(|e| usage(py, e.to_string()))
    }

    /// DNA's backbone, as `stancegraph backbone --json`.
    fn backbone_json(&self, py: Python<'_>) -> PyResult<String> {
        let opts = Options {
            duplicates: network::Duplicates::Document,
            ..Options::default()
        };
        let (prepared, _) =
            network::prepare(&self.data, &opts).map_err(|e| usage(py, e.to_string()))?;
        let found = backbone::backbone(&prepared, &backbone::BackboneOptions::default())
            .map_err(|e| usage(py, e.spelled(Spelling::PLAIN).to_string()))?;
        serde_json::to_string(&found).map_err(|e| usage(py, e.to_string()))
    }
}

/// A network built from a dataset.
#[pyclass(module = "stancegraph._stancegraph", frozen)]
struct Network {
    net: Arc<Net>,
    data: Arc<Data>,
    options: Options,
}

#[pymethods]
impl Network {
    /// Its name (`full`, `congruence`, ...).
    #[getter]
    fn name(&self) -> String {
        self.net.name.clone()
    }

    /// Whether its edges have a direction (two-mode networks).
    #[getter]
    fn directed(&self) -> bool {
        self.net.directed
    }

    /// How many nodes.
    #[getter]
    fn node_count(&self) -> usize {
        self.net.graph.node_count()
    }

    /// How many edges.
    #[getter]
    fn edge_count(&self) -> usize {
        self.net.edge_count()
    }

    fn __repr__(&self) -> String {
        format!(
            "<stancegraph.Network {}: {} nodes, {} edges>",
            self.net.name,
            self.net.graph.node_count(),
            self.net.edge_count()
        )
    }

    /// The nodes table (pyarrow).
    fn nodes_table(&self, py: Python<'_>) -> PyResult<Py<PyAny>> {
        to_table(py, export::arrow::nodes(&self.net))
    }

    /// The edges table (pyarrow).
    fn edges_table(&self, py: Python<'_>) -> PyResult<Py<PyAny>> {
        to_table(py, export::arrow::edges(&self.net))
    }

    /// The statements the network was built from (after filters, level and
    /// duplicates), as the event list.
    fn statements_table(&self, py: Python<'_>) -> PyResult<Py<PyAny>> {
        to_table(py, export::arrow::statements(&self.data))
    }

    /// The bytes of one format's whole file.
    fn format_bytes(&self, py: Python<'_>, format: &str) -> PyResult<Vec<u8>> {
        let format: Format = parse(py, "format", format)?;
        if format.parts().len() != 1 {
            return Err(usage(
                py,
                format!(
                    "{} writes several files: write it to a directory",
                    format.name()
                ),
            ));
        }
        let mut out = Vec::new();
        format
            .write(&self.net, &self.data, &mut out)
            .map_err(|e| usage(py, e.to_string()))?;
        Ok(out)
    }

    /// Writes one format's files into `dir` atomically (a CSV export is
    /// two files); returns their paths.
    fn write_dir(
        &self,
        py: Python<'_>,
        format: &str,
        dir: PathBuf,
        name: Option<String>,
    ) -> PyResult<Vec<PathBuf>> {
        let format: Format = parse(py, "format", format)?;
        let name = name.unwrap_or_else(|| self.net.name.clone());
        let opts = export::Options::default();
        let net = &self.net;
        let data = &self.data;
        let jobs: Vec<output::Job> = format
            .parts()
            .iter()
            .map(|&part| {
                let opts = &opts;
                let job: output::Job = (
                    format.file_name(&name, part),
                    Box::new(move |mut w: &mut (dyn std::io::Write + Send)| {
                        format.write_part(net, data, opts, part, &mut w)
                    }),
                );
                job
            })
            .collect();
        let written = output::write_all(&dir, jobs).map_err(|e| {
            let class = py
                .import("stancegraph._errors")
                .and_then(|m| m.getattr("OutputError"));
            match class.and_then(|c| c.call1((e.to_string(), e.path.display().to_string()))) {
                Ok(err) => PyErr::from_value(err),
                Err(err) => err,
            }
        })?;
        let mut paths = written.paths;
        paths.sort();
        Ok(paths)
    }

    /// Finds coalitions (Leiden) and returns the network with each actor's
    /// `coalition`.
    #[pyo3(signature = (*, network="congruence", resolution=1.0, seed=1))]
    fn with_coalitions(
        &self,
        py: Python<'_>,
        network: &str,
        resolution: f64,
        seed: u64,
    ) -> PyResult<Network> {
        let opts = CoalitionOptions {
            network: parse::<CoalitionNetwork>(py, "coalition_network", network)?,
            resolution,
            seed,
        };
        let mut net = (*self.net).clone();
        stancegraph::run::label_coalitions(&mut net, &self.data, &self.options, Some(&opts))
            .map_err(|e| usage(py, e.spelled(Spelling::PLAIN).to_string()))?;
        Ok(Network {
            net: Arc::new(net),
            data: Arc::clone(&self.data),
            options: self.options.clone(),
        })
    }
}

#[pymodule]
fn _stancegraph(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<Dataset>()?;
    m.add_class::<Network>()?;
    m.add_function(wrap_pyfunction!(read, m)?)?;
    m.add_function(wrap_pyfunction!(from_arrow, m)?)?;
    Ok(())
}
