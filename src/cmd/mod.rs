//! One file per subcommand; this one dispatches and defines the error type
//! that decides the exit code.

mod check;
mod export;

use stancegraph::load::Diagnostics;
use stancegraph::output::OutputError;

use crate::cli::{Cli, Command};

/// Why a command failed.
#[derive(Debug)]
pub enum Error {
    /// The command line asks for something impossible (exit 2).
    Usage(String),
    /// The input has problems (exit 1); at most `limit` are listed.
    Input {
        diagnostics: Diagnostics,
        limit: usize,
    },
    /// An output could not be written (exit 1).
    Output(OutputError),
}

impl Error {
    /// The process exit code for this error.
    pub fn exit_code(&self) -> u8 {
        match self {
            Error::Usage(_) => 2,
            Error::Input { .. } | Error::Output(_) => 1,
        }
    }

    /// Prints the error to standard error.
    pub fn report(&self) {
        match self {
            Error::Usage(message) => {
                eprintln!("error: {message}\n\nFor more information, try '--help'.")
            }
            Error::Input { diagnostics, limit } => print_diagnostics(diagnostics, *limit),
            Error::Output(e) => eprintln!("error: {e}"),
        }
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
        Command::Check(args) => check::run(args),
    }
}
