//! The `stancegraph` command: parse the command line, run the subcommand,
//! and map its outcome to an exit code (0 success, 1 bad input or output
//! error, 2 bad usage; clap exits 2 itself on a usage error it finds).

mod choice;
mod cli;
mod cmd;
mod memory;

use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    memory::one_arena_per_core();
    // A panic that a guarded decoder call catches is reported as an input
    // error naming the file; print nothing for it here.
    let default = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        if !stancegraph::load::guarding() {
            default(info);
        }
    }));
    let cli = cli::Cli::parse();
    match cmd::run(cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            e.report();
            ExitCode::from(e.exit_code())
        }
    }
}
