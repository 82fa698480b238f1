//! `stancegraph generate`: the man page and shell completions, made from
//! the one definition of the command line (clap_mangen, clap_complete).

use std::io::{self, Write};

use clap::CommandFactory;
use clap_complete::Shell;
use stancegraph::output::{OutputError, OutputErrorKind};

use super::Error;
use crate::cli::{Cli, GenerateArgs, Generated};

/// Prints what was asked for to standard output.
pub fn run(args: GenerateArgs) -> Result<(), Error> {
    let mut cmd = Cli::command();
    let mut out = io::stdout().lock();
    let result = match args.what {
        Generated::Man => man(cmd, &mut out),
        shell => {
            let shell = match shell {
                Generated::CompleteBash => Shell::Bash,
                Generated::CompleteZsh => Shell::Zsh,
                Generated::CompleteFish => Shell::Fish,
                Generated::CompletePowershell => Shell::PowerShell,
                _ => Shell::Elvish,
            };
            clap_complete::generate(shell, &mut cmd, "stancegraph", &mut out);
            Ok(())
        }
    };
    match result.and_then(|()| out.flush()) {
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => Ok(()),
        Err(e) => Err(Error::Output(OutputError::new(
            "<stdout>",
            OutputErrorKind::Write,
            Some(e),
        ))),
        Ok(()) => Ok(()),
    }
}

/// The man page: the command, then a section per subcommand (its
/// synopsis, description, options and examples as subsections). Characters
/// beyond ASCII (the formulas' Σ and ·) are written as roff escapes
/// (`\[u03A3]`), which every man reader shows.
fn man(cmd: clap::Command, out: &mut dyn Write) -> io::Result<()> {
    let mut page = Vec::new();
    write_man(cmd, &mut page)?;
    let mut text = String::with_capacity(page.len());
    for c in String::from_utf8_lossy(&page).chars() {
        if c.is_ascii() {
            text.push(c);
        } else {
            text.push_str(&format!("\\[u{:04X}]", u32::from(c)));
        }
    }
    out.write_all(text.as_bytes())
}

fn write_man(cmd: clap::Command, out: &mut dyn Write) -> io::Result<()> {
    let page = clap_mangen::Man::new(cmd.clone());
    page.render(out)?;
    for sub in cmd.get_subcommands().filter(|s| s.get_name() != "help") {
        let name = format!("stancegraph {}", sub.get_name());
        writeln!(out, ".SH \"{}\"", name.to_uppercase())?;
        let man = clap_mangen::Man::new(sub.clone().bin_name(name));
        let mut section = Vec::new();
        man.render_synopsis_section(&mut section)?;
        man.render_description_section(&mut section)?;
        man.render_options_section(&mut section)?;
        man.render_extra_section(&mut section)?;
        // Within the subcommand's section, its parts are subsections.
        let text = String::from_utf8_lossy(&section).replace("\n.SH ", "\n.SS ");
        let text = text
            .strip_prefix(".SH ")
            .map_or(text.clone(), |t| format!(".SS {t}"));
        out.write_all(text.as_bytes())?;
    }
    Ok(())
}
