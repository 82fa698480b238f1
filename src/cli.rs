//! The command line, as clap types.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};
use stancegraph::model::ActorKind;
use stancegraph::network::{Duplicates, Kind, Level, Normalization, Qualifier};

const EXAMPLES: &str = "\
Examples:
  stancegraph export                         the built-in seed dataset, all formats, into out/
  stancegraph export data/my-study -f dot -f csv -o results
  stancegraph export statements.csv -f graphml -o - > full.graphml
  stancegraph export --network conflict --normalize average -f gexf
  stancegraph export --network congruence --level country --duplicates document
  stancegraph export --network affiliation --qualifier combine --from 2025-01-01
  stancegraph export --network subtract --window 1m --step 1w -f csv
  cat statements.csv | stancegraph export - -f dot -o - | dot -Tsvg > full.svg
  stancegraph check data/my-study
  stancegraph stats --json

INPUT is a dataset directory (statements.csv with optional actors.csv, stances.csv,
countries.csv), a statements .csv file, a .json dataset, or - for a statements CSV on
standard input. Without INPUT the seed dataset built into the binary is used.

Exit status: 0 success, 1 bad input or an output error, 2 bad usage.";

/// Turns coded political statements into actor-relationship networks for
/// Graphviz, Gephi, NetworkX and igraph.
#[derive(Debug, Parser)]
#[command(name = "stancegraph", version, after_help = EXAMPLES)]
pub struct Cli {
    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Export a network in one or more formats.
    #[command(after_help = EXAMPLES)]
    Export(ExportArgs),
    /// Validate a dataset, print a summary, and list every error found.
    #[command(after_help = EXAMPLES)]
    Check(CheckArgs),
    /// Summarize a dataset: counts, actor activity, contested stances, and
    /// the strongest congruence and conflict pairs.
    #[command(after_help = EXAMPLES)]
    Stats(StatsArgs),
}

/// `stancegraph export`.
#[derive(Debug, Args)]
pub struct ExportArgs {
    /// Dataset directory, statements .csv, .json dataset, or - for stdin
    /// [default: the built-in seed dataset]
    pub input: Option<PathBuf>,

    /// Output format; repeat for several. `all` writes every format.
    #[arg(short, long = "format", value_enum, default_values_t = [FormatArg::All])]
    pub formats: Vec<FormatArg>,

    /// Output directory, created if missing; `-` writes one format to
    /// standard output. Files are named <network>.<ext>.
    #[arg(short, long, default_value = "out", value_name = "DIR|-")]
    pub output: PathBuf,

    /// Which network to build.
    #[arg(long, value_enum, default_value_t = Kind::Full)]
    pub network: Kind,

    /// How the affiliation network treats polarity.
    #[arg(long, value_enum, default_value_t = Qualifier::Separate)]
    pub qualifier: Qualifier,

    /// Edge-weight normalization (a = an actor's statement count).
    #[arg(long, value_enum, default_value_t = Normalization::None)]
    pub normalize: Normalization,

    /// Write one export per time window of this length (7d, 2w, 1m, 1y),
    /// named <network>.<start-date>.<ext>.
    #[arg(long, value_name = "SIZE")]
    pub window: Option<String>,

    /// How far each window's start moves [default: the window size];
    /// shorter than the window, windows overlap.
    #[arg(long, value_name = "SIZE", requires = "window")]
    pub step: Option<String>,

    #[command(flatten)]
    pub selection: Selection,

    /// Print nothing on success but warnings, and show no progress.
    #[arg(short, long)]
    pub quiet: bool,
}

/// Which statements count, and as whose: shared by `export` and `stats`.
#[derive(Debug, Args)]
pub struct Selection {
    /// Count each actor as its country; actors without one stay themselves.
    #[arg(long, value_enum, default_value_t = Level::Actor)]
    pub level: Level,

    /// Count a repeated (actor, stance, polarity) once per ...
    #[arg(long, value_enum, default_value_t = Duplicates::Include)]
    pub duplicates: Duplicates,

    /// Keep statements dated on or after this day (YYYY-MM-DD).
    #[arg(long, value_name = "DATE")]
    pub from: Option<String>,

    /// Keep statements dated on or before this day (YYYY-MM-DD).
    #[arg(long, value_name = "DATE")]
    pub to: Option<String>,

    /// Keep only this actor (id or name); repeatable.
    #[arg(long, value_name = "ACTOR")]
    pub actor: Vec<String>,

    /// Drop this actor (id or name); repeatable.
    #[arg(long, value_name = "ACTOR")]
    pub exclude_actor: Vec<String>,

    /// Keep only this stance (id or text); repeatable.
    #[arg(long, value_name = "STANCE")]
    pub stance: Vec<String>,

    /// Drop this stance (id or text); repeatable.
    #[arg(long, value_name = "STANCE")]
    pub exclude_stance: Vec<String>,

    /// Keep only actors of this kind; repeatable.
    #[arg(long, value_enum, value_name = "KIND")]
    pub kind: Vec<ActorKind>,

    /// Keep only statements from this source (exact); repeatable.
    #[arg(long, value_name = "SOURCE")]
    pub source: Vec<String>,

    /// Keep filtered-out actors and stances as isolated nodes.
    #[arg(long)]
    pub isolates: bool,
}

/// `stancegraph check`.
#[derive(Debug, Args)]
pub struct CheckArgs {
    /// Dataset directory, statements .csv, .json dataset, or - for stdin
    /// [default: the built-in seed dataset]
    pub input: Option<PathBuf>,

    /// List at most this many errors.
    #[arg(long, default_value_t = 50, value_name = "N")]
    pub max_errors: usize,
}

/// `stancegraph stats`.
#[derive(Debug, Args)]
pub struct StatsArgs {
    /// Dataset directory, statements .csv, .json dataset, or - for stdin
    /// [default: the built-in seed dataset]
    pub input: Option<PathBuf>,

    /// Print JSON instead of tables.
    #[arg(long)]
    pub json: bool,

    /// How many actors, stances and pairs to list.
    #[arg(long, default_value_t = 10, value_name = "N")]
    pub top: usize,

    #[command(flatten)]
    pub selection: Selection,
}

/// `-f`: an output format.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum FormatArg {
    /// Graphviz DOT (<network>.dot)
    Dot,
    /// GraphML (<network>.graphml)
    Graphml,
    /// Gephi spreadsheet CSV (<network>.nodes.csv and <network>.edges.csv)
    Csv,
    /// GEXF 1.3 for Gephi, with a timeline when statements are dated (<network>.gexf)
    Gexf,
    /// NetworkX node-link JSON (<network>.json)
    Json,
    /// Every format
    All,
}
