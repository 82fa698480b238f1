//! The command line, as clap types.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};
use stancegraph::analysis::{Algorithm, CoalitionNetwork, Method, Objective, Spectrum};
use stancegraph::export::Format;
use stancegraph::export::csv::Dialect;
use stancegraph::export::gexf::Version;
use stancegraph::graphviz::Engine;
use stancegraph::layout::Method as HtmlLayout;
use stancegraph::load::{ColumnMap, DnaOptions, PolarityMap, Preset, parse_delimiter};
use stancegraph::model::ActorKind;
use stancegraph::network::kernel::Kernel;
use stancegraph::network::{Duplicates, Kind, Level, Normalization, Qualifier};
use stancegraph::render::Image;
use stancegraph::sql::Dialect as SqlDialect;

use crate::choice::{choice, possible_value};

const EXAMPLES: &str = "\
Examples:
  stancegraph export                         the built-in seed dataset, all formats, into out/
  stancegraph export data/my-study -f dot -f csv -o results
  stancegraph export statements.csv -f graphml -o - > full.graphml
  stancegraph export study.dna -f gexf              a DNA database, DNA's defaults
  stancegraph export study.dna --actor-variable person --level organization
  stancegraph export coding.xlsx --columns actor=Organisation,stance=Konzept,agree=Zustimmung
  stancegraph export coding.csv --delimiter ';' --field medium=TV -f statements
  stancegraph export --network conflict --normalize average -f gexf
  stancegraph export --network congruence --level country --duplicates document
  stancegraph export --network affiliation --qualifier combine --from 2025-01-01
  stancegraph export --network subtract --window 1m --step 1w -f csv
  stancegraph export study.dna --network congruence --normalize average --window 30d --kernel gaussian -f gexf -f html
  cat statements.csv | stancegraph export - -f dot -o - | dot -Tsvg > full.svg
  stancegraph check data/my-study
  stancegraph stats --json

INPUT is a dataset directory (statements.csv with optional actors.csv, stances.csv,
countries.csv; .tsv too), a statements .csv or .tsv file (comma, semicolon or tab,
detected), a .json dataset, a DNA 3 database (.dna, opened read-only), an Excel or
OpenDocument workbook (.xlsx, .xls, .ods: statements on the first sheet or the one
named statements, side tables on sheets named actors, stances, countries), a Parquet
statements table (.parquet, in builds with the parquet feature), or - for a statements
CSV on standard input. Without INPUT the seed dataset built into the binary
is used.

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
    /// Draw a network with Graphviz: SVG, PNG or PDF, with a title and a
    /// legend.
    #[command(after_help = RENDER_EXAMPLES)]
    Render(RenderArgs),
    /// Validate a dataset, print a summary, and list every error found.
    #[command(after_help = EXAMPLES)]
    Check(CheckArgs),
    /// Summarize a dataset: counts, actor activity, contested stances, and
    /// the strongest congruence and conflict pairs.
    #[command(after_help = EXAMPLES)]
    Stats(StatsArgs),
    /// DNA's polarization score: the best split of the actors into
    /// balanced clusters, with its members.
    #[command(after_help = POLARIZATION_EXAMPLES)]
    Polarization(PolarizationArgs),
    /// DNA's backbone: the stances that carry the network's structure, and
    /// the redundant rest.
    #[command(after_help = BACKBONE_EXAMPLES, mut_arg("duplicates", |a| a.default_value("document")))]
    Backbone(BackboneArgs),
    /// Print one SQL query that computes a network's edge table from a
    /// table or view named `statements`, for DuckDB or Spark SQL.
    #[command(after_help = SQL_EXAMPLES)]
    Sql(SqlArgs),
    /// Print the man page or shell completions, made from these options.
    #[command(after_help = GENERATE_EXAMPLES)]
    Generate(GenerateArgs),
}

const POLARIZATION_EXAMPLES: &str = "\
Examples:
  stancegraph polarization                          the seed dataset, DNA's score
  stancegraph polarization study.dna --normalize-scores --json
  stancegraph polarization study.dna --objective signed --clusters 3
  stancegraph polarization big.csv --algorithm genetic --seed 7
  stancegraph polarization study.dna --window 30d --kernel gaussian --plot polarization.svg

C and F are the congruence and conflict networks with average normalization (duplicates
include, as DNA). Only balanced splits are searched: exact tries them all while there
are at most 10^6, greedy is DNA's swap search from --restarts random starts.

With --window, one score per window middle, as DNA's dna_polarization: the kernel slice
of the statements strictly inside each window (all of them for gaussian), over the
actors active there, the subtract network with DNA's kernel average as both C and F.
A step with no more actors than clusters, or no ties, scores 0 with no clusters.

Exit status: 0 success, 1 bad input, 2 bad usage (among them too few actors for the
clusters, no ties, exact beyond its limit).";

/// `stancegraph polarization`.
#[derive(Debug, Args)]
pub struct PolarizationArgs {
    #[command(flatten)]
    pub input: InputArgs,

    #[command(flatten)]
    pub selection: Selection,

    /// How many clusters (DNA's numClusters).
    #[arg(long, default_value_t = 2, value_name = "K")]
    pub clusters: usize,

    /// Divide the score by the networks' norms (in [0, 1] for dna).
    #[arg(long)]
    pub normalize_scores: bool,

    /// How to search the balanced splits [default: exact up to 10^6
    /// splits, else greedy].
    #[arg(long, value_parser = choice::<Algorithm>())]
    pub algorithm: Option<Algorithm>,

    /// What a split scores: DNA's absolute deviations, or signed agreement
    /// (best split = the camps).
    #[arg(long, value_parser = choice::<Objective>(), default_value_t = Objective::Dna)]
    pub objective: Objective,

    /// Random starts of greedy.
    #[arg(long, default_value_t = 10, value_name = "N")]
    pub restarts: usize,

    /// The random seed of greedy and genetic: the same seed, the same split.
    #[arg(long, default_value_t = 1, value_name = "N")]
    pub seed: u64,

    /// One score per window middle, windows of this length (8d, 2w, 3m):
    /// polarization over time.
    #[arg(long, value_name = "SIZE")]
    pub window: Option<String>,

    /// How far each middle moves [default: one unit of the window].
    #[arg(long, value_name = "SIZE", requires = "window")]
    pub step: Option<String>,

    /// The kernel that weighs statements by their distance from the
    /// window's middle [default: uniform, as DNA].
    #[arg(long, value_parser = choice::<Kernel>(), requires = "window")]
    pub kernel: Option<Kernel>,

    /// Start the first middle half a window after the first statement and
    /// end the last half a window before the last (DNA's indentTime).
    #[arg(long, requires = "window")]
    pub indent_time: bool,

    /// Draw the score over time into this chart (.svg or .png; a build
    /// with --features plot).
    #[arg(long, value_name = "FILE", requires = "window")]
    pub plot: Option<PathBuf>,

    /// Print JSON instead of text.
    #[arg(long)]
    pub json: bool,
}

const BACKBONE_EXAMPLES: &str = "\
Examples:
  stancegraph backbone                              the seed dataset, nested
  stancegraph backbone study.dna --method penalty --penalty 3.5 --json
  stancegraph backbone study.dna --method fixed --size 4
  stancegraph backbone study.dna --spectrum laplacian -o out -f graphml

The network is the subtract network with average normalization (duplicates document,
as DNA). penalty and fixed search every subset up to 20 stances, else anneal with DNA's
schedule for --iterations steps.

Exit status: 0 success, 1 bad input or an output error, 2 bad usage.";

/// `stancegraph backbone`.
#[derive(Debug, Args)]
pub struct BackboneArgs {
    #[command(flatten)]
    pub input: InputArgs,

    #[command(flatten)]
    pub selection: Selection,

    /// How to find the backbone.
    #[arg(long, value_parser = choice::<Method>(), default_value_t = Method::Nested)]
    pub method: Method,

    /// The penalty p of `penalty` (nested: picks its backbone by it).
    #[arg(
        long,
        default_value_t = 3.5,
        value_name = "P",
        allow_negative_numbers = true
    )]
    pub penalty: f64,

    /// The backbone's size for `fixed` (nested: the nested set of this size).
    #[arg(long, value_name = "N")]
    pub size: Option<usize>,

    /// Simulated annealing's iterations.
    #[arg(long, default_value_t = 10_000, value_name = "N")]
    pub iterations: usize,

    /// Simulated annealing's random seed.
    #[arg(long, default_value_t = 1, value_name = "N")]
    pub seed: u64,

    /// Which spectrum the loss compares.
    #[arg(long, value_parser = choice::<Spectrum>(), default_value_t = Spectrum::Dna)]
    pub spectrum: Spectrum,

    /// Print JSON instead of text.
    #[arg(long)]
    pub json: bool,

    /// Also write the backbone and redundant networks in these formats
    /// (backbone.<ext>, redundant.<ext>).
    #[arg(short, long = "format", value_enum)]
    pub formats: Vec<FormatArg>,

    /// The directory for -f.
    #[arg(short, long, default_value = "out", value_name = "DIR")]
    pub output: PathBuf,
}

/// `--window` and its options: shared by `export`, `render` and `stats`.
#[derive(Debug, Args)]
pub struct TimeArgs {
    /// One network per time window of this length (7d, 2w, 1m, 1y), named
    /// <network>.<start-date>; with --kernel, one per window middle, named
    /// <network>.<middle-date>. GEXF holds them all in one dynamic file.
    #[arg(long, value_name = "SIZE")]
    pub window: Option<String>,

    /// How far each window moves [default: the window size; with --kernel,
    /// one unit of it: a day for 8d, a month for 3m]; shorter than the
    /// window, windows overlap.
    #[arg(long, value_name = "SIZE", requires = "window")]
    pub step: Option<String>,

    /// Weigh each statement by its distance from the window's middle, as
    /// DNA's kernel-smoothed time windows do (one-mode cells sum
    /// √(w·w′) over statement pairs).
    #[arg(long, value_parser = choice::<Kernel>(), requires = "window")]
    pub kernel: Option<Kernel>,

    /// Start the first middle half a window after the first statement and
    /// end the last half a window before the last (DNA's indentTime).
    #[arg(long, requires = "kernel")]
    pub indent_time: bool,
}

/// `--coalitions` and its options: shared by `export`, `render` and `stats`.
#[derive(Debug, Args)]
pub struct CoalitionArgs {
    /// Find discourse coalitions (Leiden): each actor's is in every file,
    /// pictures colour by it.
    #[arg(long)]
    pub coalitions: bool,

    /// The one-mode network they are found in (average normalization).
    #[arg(long, value_parser = choice::<CoalitionNetwork>(), default_value_t = CoalitionNetwork::Congruence, requires = "coalitions")]
    pub coalition_network: CoalitionNetwork,

    /// Leiden's resolution: above 1 more and smaller coalitions.
    #[arg(
        long,
        default_value_t = 1.0,
        value_name = "R",
        requires = "coalitions",
        allow_negative_numbers = true
    )]
    pub resolution: f64,

    /// Leiden's random seed: the same seed, the same coalitions.
    #[arg(long, default_value_t = 1, value_name = "N", requires = "coalitions")]
    pub seed: u64,
}

impl CoalitionArgs {
    /// The coalition options, when asked for.
    pub fn options(&self) -> Option<stancegraph::analysis::CoalitionOptions> {
        self.coalitions
            .then_some(stancegraph::analysis::CoalitionOptions {
                network: self.coalition_network,
                resolution: self.resolution,
                seed: self.seed,
            })
    }
}

const SQL_EXAMPLES: &str = "\
Examples:
  stancegraph sql --network congruence > congruence.sql
  duckdb -c \"CREATE VIEW statements AS SELECT * FROM read_csv('statements.csv', all_varchar = true);
             $(stancegraph sql --network conflict --normalize average)\"
  stancegraph sql --network congruence --duplicates document --dialect spark
  stancegraph sql --network affiliation --qualifier combine --normalize activity

The query reads the columns actor, stance and agree (yes/no, true/false, 1/0,
agree/disagree or +/-, as text or typed), source for --duplicates document, date
(YYYY-MM-DD) for week, month and year, and count when the table has that column. It
returns source, target and weight (one-mode pairs once, source < target; the
affiliation network adds relation), with DNA's definitions and normalizations. Names
are trimmed and otherwise compared as they are. Filter or recode rows in the view.

Exit status: 0 success, 2 bad usage.";

/// `stancegraph sql`.
#[derive(Debug, Args)]
pub struct SqlArgs {
    /// Which network: affiliation, congruence, conflict, subtract or
    /// cooccurrence.
    #[arg(long, value_parser = choice::<Kind>())]
    pub network: Kind,

    /// How the affiliation network treats polarity.
    #[arg(long, value_parser = choice::<Qualifier>(), default_value_t = Qualifier::Separate)]
    pub qualifier: Qualifier,

    /// Edge-weight normalization (a = an actor's statement count).
    #[arg(long, value_parser = choice::<Normalization>(), default_value_t = Normalization::None)]
    pub normalize: Normalization,

    /// Count a repeated (actor, stance, polarity) once per ...
    #[arg(long, value_parser = choice::<Duplicates>(), default_value_t = Duplicates::Include)]
    pub duplicates: Duplicates,

    /// The SQL engine to write for.
    #[arg(long, value_parser = choice::<SqlDialect>(), default_value_t = SqlDialect::Duckdb)]
    pub dialect: SqlDialect,
}

const GENERATE_EXAMPLES: &str = "\
Examples:
  stancegraph generate man > ~/.local/share/man/man1/stancegraph.1
  stancegraph generate complete-bash > ~/.local/share/bash-completion/completions/stancegraph
  stancegraph generate complete-zsh > ~/.zfunc/_stancegraph
  stancegraph generate complete-fish > ~/.config/fish/completions/stancegraph.fish";

/// `stancegraph generate`.
#[derive(Debug, Args)]
pub struct GenerateArgs {
    /// What to print.
    #[arg(value_enum)]
    pub what: Generated,
}

/// What `generate` prints.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Generated {
    /// The man page (roff), with every subcommand.
    Man,
    /// Completions for bash.
    CompleteBash,
    /// Completions for zsh.
    CompleteZsh,
    /// Completions for fish.
    CompleteFish,
    /// Completions for PowerShell.
    CompletePowershell,
    /// Completions for elvish.
    CompleteElvish,
}

/// Where the statements come from and how to read them: shared by every
/// subcommand that reads a dataset.
#[derive(Debug, Args)]
pub struct InputArgs {
    /// Dataset directory, statements .csv or .tsv, .json dataset, .dna
    /// database, .xlsx/.xls/.ods workbook, or - for stdin [default: the
    /// built-in seed dataset]
    pub input: Option<PathBuf>,

    /// The statements table's own column names for the contract's columns,
    /// as NAME=COLUMN pairs (actor, stance, agree, actor_kind, country,
    /// date, source, quote, id); repeatable.
    #[arg(long, value_name = "NAME=COLUMN,...", value_parser = parse_columns)]
    pub columns: Vec<ColumnMap>,

    /// The field separator of CSV tables: one character, or `tab`
    /// [default: detected from the header line; tab for .tsv]
    #[arg(long, value_name = "CHAR", value_parser = parse_delimiter)]
    pub delimiter: Option<u8>,

    /// The workbook sheet with the statements [default: the sheet named
    /// statements, else the first].
    #[arg(long, value_name = "NAME")]
    pub sheet: Option<String>,

    /// DNA: the statement type to read.
    #[arg(long, value_name = "LABEL", default_value = "DNA Statement")]
    pub statement_type: String,

    /// DNA: the short-text variable whose entities are the actors.
    #[arg(long, value_name = "VARIABLE", default_value = "organization")]
    pub actor_variable: String,

    /// DNA: the short-text variable whose entities are the stances.
    #[arg(long, value_name = "VARIABLE", default_value = "concept")]
    pub stance_variable: String,

    /// DNA: the boolean variable that says agree (1) or disagree (0).
    #[arg(long, value_name = "VARIABLE", default_value = "agreement")]
    pub agree_variable: String,

    /// DNA: a short-text variable whose entities the statements address
    /// (their target, for `--network interaction`); DNA has none built in.
    #[arg(long, value_name = "VARIABLE")]
    pub target_variable: Option<String>,

    /// Read an event dataset's file as it is downloaded: `gdelt` (a GDELT
    /// events export, 2.0 or 1.0, .CSV or .zip) or `acled` (an ACLED CSV
    /// export); each event becomes a statement with its target.
    #[arg(long, value_name = "DATASET", value_parser = parse_preset)]
    pub preset: Option<Preset>,

    /// ACLED: which event types or sub-event types count as agree or
    /// disagree, as TYPE=agree|disagree pairs [default: Agreement agree,
    /// every other type disagree].
    #[arg(long, value_name = "TYPE=POLARITY,...", value_parser = parse_polarity_map, requires = "preset")]
    pub acled_polarity: Option<PolarityMap>,
}

impl InputArgs {
    /// The DNA options these arguments give.
    pub fn dna(&self) -> DnaOptions {
        DnaOptions {
            statement_type: self.statement_type.clone(),
            actor: self.actor_variable.clone(),
            stance: self.stance_variable.clone(),
            agree: self.agree_variable.clone(),
            target: self.target_variable.clone(),
        }
    }
}

fn parse_preset(text: &str) -> Result<Preset, String> {
    text.parse()
}

fn parse_polarity_map(text: &str) -> Result<PolarityMap, String> {
    text.parse()
}

fn parse_columns(text: &str) -> Result<ColumnMap, String> {
    text.parse::<ColumnMap>().map_err(|e| e.to_string())
}

/// Reads `NAME=VALUE` for the field filters.
fn parse_field(text: &str) -> Result<(String, String), String> {
    match text.split_once('=') {
        Some((name, value)) if !name.trim().is_empty() => {
            Ok((name.trim().to_string(), value.trim().to_string()))
        }
        _ => Err(format!(
            "'{text}' is not NAME=VALUE; write for example document_author=Jane Doe"
        )),
    }
}

/// `stancegraph export`.
#[derive(Debug, Args)]
pub struct ExportArgs {
    #[command(flatten)]
    pub input: InputArgs,

    /// Output format; repeat for several. `all` writes every format but
    /// dl and matrix (which grow with the square of the node count) and
    /// parquet.
    #[arg(short, long = "format", value_enum, default_values_t = [FormatArg::All])]
    pub formats: Vec<FormatArg>,

    /// Output directory, created if missing; `-` writes one format to
    /// standard output. Files are named <network>.<ext>.
    #[arg(short, long, default_value = "out", value_name = "DIR|-")]
    pub output: PathBuf,

    #[command(flatten)]
    pub net: NetworkArgs,

    #[command(flatten)]
    pub time: TimeArgs,

    /// How the Gephi tables write backslashes: doubled for Gephi's parser
    /// (and pandas or Python's csv with escapechar="\\"), or as they are
    /// for strict RFC 4180 readers (pandas, R, Python's csv by default).
    #[arg(long, value_parser = choice::<Dialect>(), default_value_t = Dialect::Gephi)]
    pub csv_dialect: Dialect,

    /// Put ' before CSV text that starts with = + - @ (which Excel and
    /// LibreOffice would run as a formula); changes those values.
    #[arg(long)]
    pub spreadsheet_safe: bool,

    /// The GEXF version: 1.3, or 1.2draft for NetworkX before 3.
    #[arg(long, value_parser = choice::<Version>(), default_value_t = Version::V1_3)]
    pub gexf_version: Version,

    /// Who lays out the HTML view: Graphviz where installed (networks up
    /// to 300 nodes), or always stancegraph's spring layout (the same
    /// bytes on every machine).
    #[arg(long, value_parser = choice::<HtmlLayout>(), default_value_t = HtmlLayout::Auto)]
    pub html_layout: HtmlLayout,

    #[command(flatten)]
    pub coalitions: CoalitionArgs,

    /// Print nothing on success but warnings, and show no progress.
    #[arg(short, long)]
    pub quiet: bool,
}

/// Which network to build, from which statements: shared by `export` and
/// `render`.
#[derive(Debug, Args)]
pub struct NetworkArgs {
    /// Which network to build.
    #[arg(long, value_parser = choice::<Kind>(), default_value_t = Kind::Full)]
    pub network: Kind,

    /// How the affiliation network treats polarity.
    #[arg(long, value_parser = choice::<Qualifier>(), default_value_t = Qualifier::Separate)]
    pub qualifier: Qualifier,

    /// Edge-weight normalization (a = an actor's statement count).
    #[arg(long, value_parser = choice::<Normalization>(), default_value_t = Normalization::None)]
    pub normalize: Normalization,

    #[command(flatten)]
    pub selection: Selection,
}

const RENDER_EXAMPLES: &str = "\
Examples:
  stancegraph render                                 out/full.svg of the seed dataset
  stancegraph render -T png -o full.png
  stancegraph render --network subtract -T pdf -o - > subtract.pdf
  stancegraph render --network conflict --level country -T png
  stancegraph render study.dna --cluster Type --network congruence
  stancegraph render big.csv --network congruence --top-edges 2000 --timeout 600
  stancegraph render study.dna --network subtract --window 8w --kernel gaussian -o frames

Graphviz (its dot command) must be installed. The layout is dot, left to right, for
the full and affiliation networks, neato for one-mode networks, fdp when actors are
clustered, and sfdp (without edge labels) above 500 nodes or 3000 edges; --layout
chooses another.

Exit status: 0 success, 1 bad input, Graphviz missing, failing or too slow, or an
output error, 2 bad usage.";

/// `stancegraph render`.
#[derive(Debug, Args)]
pub struct RenderArgs {
    #[command(flatten)]
    pub input: InputArgs,

    #[command(flatten)]
    pub net: NetworkArgs,

    /// The picture format.
    #[arg(short = 'T', long = "format", value_parser = choice::<Image>(), default_value_t = Image::Svg)]
    pub image: Image,

    /// The picture file, or - for standard output [default:
    /// out/<network>.<format>]; with --window, the directory the pictures
    /// go into [default: out].
    #[arg(short, long, value_name = "FILE|DIR|-")]
    pub output: Option<PathBuf>,

    #[command(flatten)]
    pub time: TimeArgs,

    /// The Graphviz layout engine [default: chosen for the network].
    #[arg(long, value_parser = choice::<Engine>())]
    pub layout: Option<Engine>,

    /// Draw actors in boxes by this attribute: country, kind, role, or any
    /// attribute of the input.
    #[arg(long, value_name = "ATTR")]
    pub cluster: Option<String>,

    /// Draw only the N strongest edges (by absolute weight) and the nodes
    /// they join.
    #[arg(long, value_name = "N")]
    pub top_edges: Option<usize>,

    /// Stop Graphviz after this many seconds.
    #[arg(long, value_name = "SECONDS", default_value_t = 300)]
    pub timeout: u64,

    #[command(flatten)]
    pub coalitions: CoalitionArgs,

    /// Print nothing on success but warnings.
    #[arg(short, long)]
    pub quiet: bool,
}

/// Which statements count, and as whose: shared by `export` and `stats`.
#[derive(Debug, Args)]
pub struct Selection {
    /// Count each actor as its country (`country`), or as its value of any
    /// actor attribute (`party`, DNA's `Type`, `role`, `kind`), or each
    /// statement as its value of a statement field (a DNA variable such as
    /// `organization`); actors without a value stay themselves.
    #[arg(long, value_name = "ATTR", default_value = "actor", value_parser = parse_level)]
    pub level: Level,

    /// Count a repeated (actor, stance, polarity) once per ...
    #[arg(long, value_parser = choice::<Duplicates>(), default_value_t = Duplicates::Include)]
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
    #[arg(long, value_parser = choice::<ActorKind>(), value_name = "KIND")]
    pub kind: Vec<ActorKind>,

    /// Keep only statements from this source (exact); repeatable.
    #[arg(long, value_name = "SOURCE")]
    pub source: Vec<String>,

    /// Drop statements from this source (exact); repeatable.
    #[arg(long, value_name = "SOURCE")]
    pub exclude_source: Vec<String>,

    /// Keep only statements whose field NAME has this value (exact; any
    /// extra statement column, a DNA variable or document field such as
    /// document_author); repeatable, values of one field are alternatives.
    #[arg(long, value_name = "NAME=VALUE", value_parser = parse_field)]
    pub field: Vec<(String, String)>,

    /// Drop statements whose field NAME has this value; repeatable.
    #[arg(long, value_name = "NAME=VALUE", value_parser = parse_field)]
    pub exclude_field: Vec<(String, String)>,

    /// Keep filtered-out actors and stances as isolated nodes.
    #[arg(long)]
    pub isolates: bool,
}

fn parse_level(text: &str) -> Result<Level, String> {
    Ok(text.parse::<Level>().unwrap_or_default())
}

/// `stancegraph check`.
#[derive(Debug, Args)]
pub struct CheckArgs {
    #[command(flatten)]
    pub input: InputArgs,

    /// List at most this many errors.
    #[arg(long, default_value_t = 50, value_name = "N")]
    pub max_errors: usize,
}

/// `stancegraph stats`.
#[derive(Debug, Args)]
pub struct StatsArgs {
    #[command(flatten)]
    pub input: InputArgs,

    /// Print JSON instead of tables.
    #[arg(long)]
    pub json: bool,

    /// How many actors, stances and pairs to list.
    #[arg(long, default_value_t = 10, value_name = "N")]
    pub top: usize,

    #[command(flatten)]
    pub selection: Selection,

    #[command(flatten)]
    pub coalitions: CoalitionArgs,

    /// Add DNA's polarization score (two clusters, DNA's objective,
    /// normalized; as `stancegraph polarization --normalize-scores`).
    #[arg(long)]
    pub polarization: bool,

    /// Add DNA's backbone (nested; as `stancegraph backbone`, of the
    /// statements the selection options give).
    #[arg(long)]
    pub backbone: bool,

    #[command(flatten)]
    pub time: TimeArgs,
}

/// `-f`: one output format, or `all`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FormatArg {
    /// Every format but dl, matrix and parquet.
    All,
    /// One format.
    One(Format),
}

impl ValueEnum for FormatArg {
    fn value_variants<'a>() -> &'a [Self] {
        static VARIANTS: std::sync::OnceLock<Vec<FormatArg>> = std::sync::OnceLock::new();
        VARIANTS.get_or_init(|| {
            Format::EVERY
                .into_iter()
                .map(FormatArg::One)
                .chain([FormatArg::All])
                .collect()
        })
    }

    fn to_possible_value(&self) -> Option<clap::builder::PossibleValue> {
        match self {
            FormatArg::All => Some(
                clap::builder::PossibleValue::new("all")
                    .help("Every format but dl, matrix and parquet"),
            ),
            FormatArg::One(f) => Some(possible_value(*f)),
        }
    }
}
