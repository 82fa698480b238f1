//! One file per subcommand; this one dispatches and defines the error type
//! that decides the exit code.

mod backbone;
mod check;
mod export;
mod generate;
mod polarization;
mod render;
mod sql;
mod stats;

use stancegraph::load::{
    ColumnMap, Diagnostic, Diagnostics, Input, LoadOptions, Loaded, Preset, load, parse_date,
};
use stancegraph::model::Dataset;
use stancegraph::network::kernel::Smoothing;
use stancegraph::network::{self, Filter, Options, Span};
use stancegraph::output::OutputError;
use stancegraph::render::RenderError;
use stancegraph::{Spelled, Spelling};

use crate::cli::{Cli, Command, InputArgs, NetworkArgs, Selection, TimeArgs};

/// A usage error: what on the command line does not fit.
pub type UsageError = Box<dyn std::error::Error + Send + Sync>;

/// Why a command failed.
#[derive(Debug)]
pub enum Error {
    /// The command line asks for something impossible (exit 2).
    Usage(UsageError),
    /// The input has problems (exit 1); at most `limit` are listed.
    Input {
        diagnostics: Diagnostics,
        limit: usize,
    },
    /// An output could not be written (exit 1).
    Output(OutputError),
    /// Graphviz is missing, failed or took too long (exit 1).
    Graphviz(stancegraph::render::RenderError),
    /// A chart could not be drawn: no font, or plotters failed (exit 1).
    #[cfg_attr(not(feature = "plot"), allow(dead_code))]
    Chart(String),
}

impl Error {
    /// The process exit code for this error.
    pub fn exit_code(&self) -> u8 {
        match self {
            Error::Usage(_) => 2,
            Error::Input { .. } | Error::Output(_) | Error::Graphviz(_) | Error::Chart(_) => 1,
        }
    }

    /// Prints the error to standard error.
    pub fn report(&self) {
        match self {
            Error::Usage(message) => {
                eprintln!("error: {message}\n\nFor more information, try '--help'.")
            }
            Error::Input { diagnostics, limit } => print_diagnostics(diagnostics, *limit),
            Error::Output(e) => eprintln!("error: {}", e.spelled(FLAGS)),
            Error::Graphviz(e) => eprintln!("error: {}", e.spelled(FLAGS)),
            Error::Chart(e) => eprintln!("error: {e}"),
        }
    }
}

impl Error {
    /// A usage error from any typed error or message.
    pub fn usage(e: impl Into<UsageError>) -> Error {
        Error::Usage(e.into())
    }

    /// A usage error from a library error that names options: named here
    /// as flags.
    pub fn options(e: &impl Spelled) -> Error {
        Error::Usage(e.spelled(FLAGS).into())
    }

    /// A picture that could not be made: an unknown cluster attribute is
    /// bad usage, Graphviz's failures are not.
    pub fn render(e: RenderError) -> Error {
        match e {
            RenderError::Cluster(c) => Error::options(&c),
            e => Error::Graphviz(e),
        }
    }
}

/// How the command line spells the library's options: as its flags.
pub const FLAGS: Spelling = Spelling(flag);

fn flag(name: &str) -> String {
    match name {
        "output" => "-o".to_string(),
        name => format!("--{name}"),
    }
}

/// Prints a command's result on standard output; a closed pipe (`| head`)
/// is the reader's choice, not a failure.
pub fn print_out(text: &str) -> Result<(), Error> {
    use std::io::Write;
    let mut out = std::io::stdout().lock();
    match out.write_all(text.as_bytes()).and_then(|()| out.flush()) {
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
        Err(e) => Err(Error::Output(OutputError::new(
            "<stdout>",
            stancegraph::output::OutputErrorKind::Write,
            Some(e),
        ))),
        Ok(()) => Ok(()),
    }
}

/// Prints a command's result: pretty JSON with `--json`, else its text.
pub fn print_result(
    json: bool,
    result: &impl serde::Serialize,
    text: impl FnOnce() -> String,
) -> Result<(), Error> {
    if json {
        let json = serde_json::to_string_pretty(result).expect("a result serializes");
        print_out(&format!("{json}\n"))
    } else {
        print_out(&text())
    }
}

/// The names of a list of actors or stances, joined by `; `.
pub fn names(members: &[stancegraph::analysis::Member]) -> String {
    let names: Vec<&str> = members.iter().map(|m| m.label.as_str()).collect();
    names.join("; ")
}

/// Says which temporary files of stopped runs an output removed.
pub fn announce_removed(removed: &[std::path::PathBuf]) {
    if let Some(first) = removed.first() {
        eprintln!(
            "warning: removed {} partial file{} left by an export that was stopped ({}{})",
            removed.len(),
            if removed.len() == 1 { "" } else { "s" },
            first.display(),
            if removed.len() > 1 { ", ..." } else { "" }
        );
    }
}

/// Prints warnings about the input on standard error.
pub fn print_warnings(warnings: &[Diagnostic]) {
    for w in warnings {
        eprintln!("warning: {w}");
    }
}

/// Lists problems on standard error, at most `limit`, then the count.
pub fn print_diagnostics(diagnostics: &Diagnostics, limit: usize) {
    for d in diagnostics.iter().take(limit) {
        eprintln!("error: {d}");
    }
    let n = diagnostics.len();
    if n > limit {
        eprintln!("... and {} more", n - limit);
    }
    eprintln!(
        "{n} error{} found; nothing was written",
        if n == 1 { "" } else { "s" }
    );
}

/// Runs the chosen subcommand.
pub fn run(cli: Cli) -> Result<(), Error> {
    match cli.command {
        Command::Export(args) => export::run(args),
        Command::Render(args) => render::run(args),
        Command::Check(args) => check::run(args),
        Command::Stats(args) => stats::run(args),
        Command::Sql(args) => sql::run(args),
        Command::Polarization(args) => polarization::run(args),
        Command::Backbone(args) => backbone::run(args),
        Command::Generate(args) => generate::run(args),
    }
}

/// A spinner on standard error that says what a long run is doing, with
/// the time spent. Shown only when standard error is a terminal and the
/// run is not quiet; otherwise nothing is drawn.
pub struct Progress(indicatif::ProgressBar);

impl Progress {
    /// Starts the spinner (hidden when `quiet` or stderr is no terminal).
    pub fn new(quiet: bool) -> Progress {
        use std::io::IsTerminal;
        if quiet || !std::io::stderr().is_terminal() {
            return Progress(indicatif::ProgressBar::hidden());
        }
        let bar = indicatif::ProgressBar::new_spinner().with_style(
            indicatif::ProgressStyle::with_template("{spinner} [{elapsed}] {msg}")
                .expect("a valid template"),
        );
        bar.enable_steady_tick(std::time::Duration::from_millis(120));
        Progress(bar)
    }

    /// Shows what is being done now.
    pub fn stage(&self, message: &str) {
        self.0.set_message(message.to_string());
    }

    /// Prints a line above the spinner.
    pub fn println(&self, line: &str) {
        if self.0.is_hidden() {
            eprintln!("{line}");
        } else {
            self.0.println(line);
        }
    }

    /// Removes the spinner.
    pub fn finish(&self) {
        self.0.finish_and_clear();
    }
}

impl Drop for Progress {
    /// An error ends the run early: clear the spinner before it is printed.
    fn drop(&mut self) {
        self.0.finish_and_clear();
    }
}

/// Loads the input named on the command line (the seed dataset without
/// one); on failure lists at most `limit` problems.
pub fn load_input(args: &InputArgs, limit: usize) -> Result<Loaded, Error> {
    load(
        &Input::from_arg(args.input.as_deref()),
        &load_options(args)?,
    )
    .map_err(|diagnostics| Error::Input { diagnostics, limit })
}

/// Loads the input and prepares its statements as the selection says
/// (filters, level, duplicates), printing the warnings of both.
pub fn load_prepared(input: &InputArgs, selection: &Selection) -> Result<Dataset, Error> {
    let opts = options(selection)?;
    let loaded = load_input(input, 20)?;
    print_warnings(&loaded.warnings);
    let (prepared, warnings) =
        network::prepare(&loaded.dataset, &opts).map_err(|e| Error::options(&e))?;
    for w in &warnings {
        eprintln!("warning: {w}");
    }
    Ok(prepared.into_owned())
}

/// How to read the input named on the command line.
pub fn load_options(args: &InputArgs) -> Result<LoadOptions, Error> {
    let mut columns = ColumnMap::default();
    for map in &args.columns {
        columns.extend(map.clone()).map_err(Error::usage)?;
    }
    if let Some(preset) = args.preset {
        // A preset reads its dataset's own layout: these would be ignored.
        let given = [
            ("--columns", !columns.is_empty()),
            ("--delimiter", args.delimiter.is_some()),
            ("--sheet", args.sheet.is_some()),
            ("--target-variable", args.target_variable.is_some()),
        ];
        if let Some((flag, _)) = given.iter().find(|(_, given)| *given) {
            return Err(Error::usage(format!(
                "--preset {} reads the dataset's own layout; {flag} does not go with it",
                preset.name()
            )));
        }
    }
    if args.acled_polarity.is_some() && args.preset != Some(Preset::Acled) {
        return Err(Error::usage(
            "--acled-polarity maps ACLED's event types; it goes with --preset acled",
        ));
    }
    Ok(LoadOptions {
        columns,
        delimiter: args.delimiter,
        sheet: args.sheet.clone(),
        dna: args.dna(),
        preset: args.preset,
        acled_polarity: args.acled_polarity.clone().unwrap_or_default(),
        spelling: FLAGS,
    })
}

/// Writes one file atomically (a temporary file beside it, renamed into
/// place), its directory made if missing.
#[cfg_attr(not(feature = "plot"), allow(dead_code))]
pub fn write_file(path: &std::path::Path, bytes: &[u8]) -> Result<(), Error> {
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => std::path::Path::new("."),
    };
    let Some(name) = path.file_name() else {
        return Err(Error::usage(format!("{} names no file", path.display())));
    };
    let job: stancegraph::output::Job = (
        name.to_string_lossy().into_owned(),
        Box::new(move |w: &mut (dyn std::io::Write + Send)| w.write_all(bytes)),
    );
    let written = stancegraph::output::write_all(dir, vec![job]).map_err(Error::Output)?;
    announce_removed(&written.removed);
    Ok(())
}

/// A time span option.
pub fn span(flag: &str, text: &str) -> Result<Span, Error> {
    text.parse()
        .map_err(|e| Error::usage(format!("invalid value for --{flag}: {e}")))
}

/// `--window` and `--step` as (size, step): the step by default the size,
/// or with `--kernel` one unit of it.
pub fn windows(args: &TimeArgs) -> Result<Option<(Span, Span)>, Error> {
    let Some(size) = &args.window else {
        return Ok(None);
    };
    let size = span("window", size)?;
    let step = match &args.step {
        Some(step) => span("step", step)?,
        None if args.kernel.is_some() => size.unit(),
        None => size,
    };
    Ok(Some((size, step)))
}

/// `--kernel` and `--indent-time`.
pub fn smoothing(args: &TimeArgs) -> Option<Smoothing> {
    args.kernel.map(|kernel| Smoothing {
        kernel,
        indent_time: args.indent_time,
    })
}

/// Every network option: the network, qualifier and normalization, and the
/// selection; checked to fit together.
pub fn network_options(args: &NetworkArgs) -> Result<Options, Error> {
    let mut opts = options(&args.selection)?;
    opts.kind = args.network;
    opts.qualifier = args.qualifier;
    opts.normalization = args.normalize;
    opts.validate().map_err(|e| Error::options(&e))?;
    Ok(opts)
}

/// The network options that `--level`, `--duplicates` and the filters set.
pub fn options(sel: &Selection) -> Result<Options, Error> {
    let date = |flag: &str, value: &Option<String>| {
        value
            .as_deref()
            .map(|v| {
                parse_date(v).map_err(|e| Error::usage(format!("invalid value for --{flag}: {e}")))
            })
            .transpose()
    };
    let filter = Filter {
        from: date("from", &sel.from)?,
        to: date("to", &sel.to)?,
        actors: sel.actor.clone(),
        exclude_actors: sel.exclude_actor.clone(),
        stances: sel.stance.clone(),
        exclude_stances: sel.exclude_stance.clone(),
        kinds: sel.kind.clone(),
        sources: sel.source.clone(),
        exclude_sources: sel.exclude_source.clone(),
        fields: sel.field.clone(),
        exclude_fields: sel.exclude_field.clone(),
        isolates: sel.isolates,
    };
    Ok(Options {
        level: sel.level.clone(),
        duplicates: sel.duplicates,
        filter,
        ..Options::default()
    })
}
