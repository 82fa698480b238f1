//! The command line, as clap types.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

const EXAMPLES: &str = "\
Examples:
  stancegraph export                         the built-in seed dataset, all formats, into out/
  stancegraph export data/my-study -f dot -f csv -o results
  stancegraph export statements.csv -f graphml -o - > full.graphml
  cat statements.csv | stancegraph export - -f dot -o - | dot -Tsvg > full.svg
  stancegraph check data/my-study

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

    /// Print nothing on success.
    #[arg(short, long)]
    pub quiet: bool,
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

/// `-f`: an output format.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum FormatArg {
    /// Graphviz DOT (<network>.dot)
    Dot,
    /// GraphML (<network>.graphml)
    Graphml,
    /// Gephi spreadsheet CSV (<network>.nodes.csv and <network>.edges.csv)
    Csv,
    /// Every format
    All,
}

/// `--network`: which network to build.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum NetworkArg {
    /// Actors, countries and stances; agree, disagree and affiliation edges
    Full,
}
