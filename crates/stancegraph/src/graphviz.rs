//! Running Graphviz ourselves: `dot -K<engine> -T<format>` as a child
//! process, the DOT text on its standard input and the output read back,
//! within a time limit on every platform. On timeout only the process
//! started here is killed; nothing else of the program's is touched.
//!
//! ```no_run
//! use std::time::Duration;
//! use stancegraph::graphviz::{Engine, Graphviz};
//!
//! let svg = Graphviz::default()
//!     .run(Engine::Dot, "svg", b"digraph { a -> b }", Duration::from_secs(10))
//!     .unwrap();
//! assert!(String::from_utf8_lossy(&svg).contains("<svg"));
//! ```

use std::ffi::OsString;
use std::fmt;
use std::io::{self, Read, Write};
use std::process::{Child, Command, ExitStatus, Stdio};
use std::thread;
use std::time::{Duration, Instant};

use crate::choice::choices;

choices! {
    /// A Graphviz layout engine.
    #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
    #[non_exhaustive]
    pub enum Engine as "layout engine" {
        Dot = "dot": "Layers left to right: for two-mode networks.",
        Neato = "neato": "A spring model: for small one-mode networks.",
        Sfdp = "sfdp": "A multiscale spring model: for big networks.",
        Fdp = "fdp": "A spring model that draws clusters.",
        Circo = "circo": "A circle.",
        Twopi = "twopi": "Rings around a centre.",
    }
}

/// Why Graphviz gave no output.
#[derive(Debug)]
#[non_exhaustive]
pub enum RunError {
    /// The program is not on PATH (or not at the path given).
    NotInstalled {
        /// The program looked for.
        program: String,
    },
    /// It did not finish in time, and was stopped.
    Timeout(Duration),
    /// It ended with an error; what it printed.
    Failed {
        /// How it ended.
        status: ExitStatus,
        /// What it printed on standard error, trimmed.
        message: String,
    },
    /// Starting it, or talking to it, failed.
    Io(io::Error),
}

impl fmt::Display for RunError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            RunError::NotInstalled { program } => write!(f, "{program} is not installed"),
            RunError::Timeout(limit) => {
                write!(f, "did not finish within {} s", limit.as_secs_f64())
            }
            RunError::Failed { status, message } if message.is_empty() => {
                write!(f, "it ended with {status}")
            }
            RunError::Failed { message, .. } => f.write_str(message),
            RunError::Io(e) => e.fmt(f),
        }
    }
}

impl std::error::Error for RunError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            RunError::Io(e) => Some(e),
            _ => None,
        }
    }
}

/// Which Graphviz program to run: `dot` on PATH by default (it runs every
/// engine with `-K`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Graphviz {
    /// The program.
    pub program: OsString,
}

impl Default for Graphviz {
    fn default() -> Graphviz {
        Graphviz {
            program: OsString::from("dot"),
        }
    }
}

/// How often a running Graphviz is checked on, at most.
const POLL: Duration = Duration::from_millis(20);

impl Graphviz {
    /// Lays out and renders `dot` (DOT text) with `engine` into `format`
    /// (Graphviz's `-T` value: `svg`, `png`, `pdf`, `json`, ...), waiting
    /// at most `limit`. On timeout the process is killed and waited for.
    pub fn run(
        &self,
        engine: Engine,
        format: &str,
        dot: &[u8],
        limit: Duration,
    ) -> Result<Vec<u8>, RunError> {
        let mut child = Command::new(&self.program)
            .arg(format!("-K{}", engine.name()))
            .arg(format!("-T{format}"))
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .map_err(|e| match e.kind() {
                io::ErrorKind::NotFound => RunError::NotInstalled {
                    program: self.program.to_string_lossy().into_owned(),
                },
                _ => RunError::Io(e),
            })?;
        let started = Instant::now();
        // Input and output go through threads, so that neither side can
        // block the other on a full pipe, and the wait below can time out.
        let outcome = thread::scope(|scope| {
            let mut stdin = child.stdin.take().expect("stdin is piped");
            let writer = scope.spawn(move || {
                // A Graphviz that stops reading (killed, or failed) closes
                // the pipe: its status says why, not this write.
                let _ = stdin.write_all(dot);
            });
            let stdout = read_all(scope, child.stdout.take().expect("stdout is piped"));
            let stderr = read_all(scope, child.stderr.take().expect("stderr is piped"));
            let status = wait(&mut child, started, limit);
            let _ = writer.join();
            let stdout = stdout.join().unwrap_or_else(|_| Ok(Vec::new()));
            let stderr = stderr.join().unwrap_or_else(|_| Ok(Vec::new()));
            (status, stdout, stderr)
        });
        match outcome {
            (Err(e), _, _) => Err(e),
            (Ok(status), stdout, _) if status.success() => stdout.map_err(RunError::Io),
            (Ok(status), _, stderr) => Err(RunError::Failed {
                status,
                message: String::from_utf8_lossy(&stderr.unwrap_or_default())
                    .trim()
                    .to_string(),
            }),
        }
    }
}

/// Reads a pipe to its end on a thread of `scope`.
fn read_all<'s, R: Read + Send + 's>(
    scope: &'s thread::Scope<'s, '_>,
    mut pipe: R,
) -> thread::ScopedJoinHandle<'s, io::Result<Vec<u8>>> {
    scope.spawn(move || {
        let mut out = Vec::new();
        pipe.read_to_end(&mut out).map(|_| out)
    })
}

/// Waits for `child` until `limit` after `started`; past it, kills the
/// child (this one process, by its handle) and reaps it.
fn wait(child: &mut Child, started: Instant, limit: Duration) -> Result<ExitStatus, RunError> {
    let error = loop {
        match child.try_wait() {
            Ok(Some(status)) => return Ok(status),
            Ok(None) => {}
            Err(e) => break RunError::Io(e),
        }
        let elapsed = started.elapsed();
        if elapsed >= limit {
            break RunError::Timeout(limit);
        }
        thread::sleep(POLL.min(limit - elapsed));
    };
    // Stop it (it may have ended just now: then kill fails and wait reaps
    // it), so that its pipes close and the readers end.
    let _ = child.kill();
    let _ = child.wait();
    Err(error)
}
