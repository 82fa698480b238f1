//! The command line, as clap types.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

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
    #[arg(long, value_enum, default_value_t = NetworkArg::Full)]
    pub network: NetworkArg,

    /// How the affiliation network treats polarity.
    #[arg(long, value_enum, default_value_t = QualifierArg::Separate)]
    pub qualifier: QualifierArg,

    /// Edge-weight normalization (a = an actor's statement count).
    #[arg(long, value_enum, default_value_t = NormalizeArg::None)]
    pub normalize: NormalizeArg,

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
    #[arg(long, value_enum, default_value_t = LevelArg::Actor)]
    pub level: LevelArg,

    /// Count a repeated (actor, stance, polarity) once per ...
    #[arg(long, value_enum, default_value_t = DuplicatesArg::Include)]
    pub duplicates: DuplicatesArg,

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
    pub kind: Vec<KindArg>,

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

/// `--network`: which network to build.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum NetworkArg {
    /// Actors, countries and stances; agree, disagree and affiliation edges
    Full,
    /// Two-mode actor→stance network (DNA's affiliation network)
    Affiliation,
    /// Actor–actor: Σ_s Σ_q c(i,s,q)·c(j,s,q), shared polarities
    Congruence,
    /// Actor–actor: Σ_s c(i,s,+)·c(j,s,−) + c(i,s,−)·c(j,s,+), opposed polarities
    Conflict,
    /// Actor–actor: congruence − conflict
    Subtract,
    /// Actor–actor: Σ_s c(i,s)·c(j,s), polarity ignored
    Cooccurrence,
}

/// `--qualifier`: polarity in the affiliation network.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum QualifierArg {
    /// One edge per polarity, weight = statements
    Separate,
    /// One edge per actor and stance, weight = statements of either polarity
    Ignore,
    /// One edge per actor and stance: 1 agree only, 2 disagree only, 3 both
    Combine,
    /// One edge per actor and stance: agree − disagree statements
    Subtract,
}

/// `--normalize`: edge-weight normalization.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum NormalizeArg {
    /// Raw counts
    None,
    /// One-mode: w / ((a_i + a_j) / 2)
    Average,
    /// One-mode: w / (m10 + m01 + m11) over (stance, polarity) cells
    Jaccard,
    /// One-mode, DNA's cosine: w / (a_i · a_j)
    Cosine,
    /// Two-mode: w / the actor's statements (its edges under combine)
    Activity,
    /// Two-mode: w / the stance's statements (its edges under combine)
    Prominence,
}

/// `--level`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum LevelArg {
    /// Actors are nodes
    Actor,
    /// Countries are nodes
    Country,
}

/// `--duplicates`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum DuplicatesArg {
    /// Every statement counts
    Include,
    /// Once per source document
    Document,
    /// Once per ISO calendar week
    Week,
    /// Once per calendar month
    Month,
    /// Once per calendar year
    Year,
    /// Once over the whole range
    All,
}

/// `--kind`: an actor kind.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum KindArg {
    /// People
    Person,
    /// Organizations
    Organization,
    /// Countries speaking as actors
    Country,
}
