//! Running Graphviz through graphviz-rust's `exec`, with a time limit:
//! `exec` waits for `dot` without one, so it runs on a worker thread, and
//! when the limit passes the `dot` process it started is killed.

use std::io;
use std::sync::mpsc;
use std::time::Duration;

use graphviz_rust::cmd::CommandArg;
use graphviz_rust::dot_structures::Graph;
use graphviz_rust::printer::PrinterContext;

/// Why Graphviz gave no output.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RunError {
    /// `dot` is not on PATH.
    NotInstalled,
    /// It did not finish in time (and was stopped).
    Timeout(Duration),
    /// It failed; its message.
    Failed(String),
}

/// Runs Graphviz on `graph` with `args` (layout engine, output format),
/// waiting at most `limit`; returns its output.
pub fn run(graph: Graph, args: Vec<CommandArg>, limit: Duration) -> Result<Vec<u8>, RunError> {
    let (tx, rx) = mpsc::channel();
    let worker = std::thread::spawn(move || {
        let result = graphviz_rust::exec(graph, &mut PrinterContext::default(), args);
        // The receiver is gone only after a timeout; nothing is waiting then.
        let _ = tx.send(result);
    });
    match rx.recv_timeout(limit) {
        Ok(result) => {
            let _ = worker.join();
            result.map_err(|e| match e.kind() {
                io::ErrorKind::NotFound => RunError::NotInstalled,
                _ => RunError::Failed(e.to_string().trim().to_string()),
            })
        }
        Err(mpsc::RecvTimeoutError::Timeout) => {
            stop_children();
            // The worker returns once its `dot` is gone.
            let _ = worker.join();
            Err(RunError::Timeout(limit))
        }
        Err(mpsc::RecvTimeoutError::Disconnected) => Err(RunError::Failed(
            "the Graphviz worker stopped without a result".to_string(),
        )),
    }
}

/// Kills this process's child processes (the `dot` that graphviz-rust
/// started: it runs `dot` as a child and gives no handle to it).
#[cfg(target_os = "linux")]
fn stop_children() {
    let me = std::process::id();
    let Ok(entries) = std::fs::read_dir("/proc") else {
        return;
    };
    for entry in entries.flatten() {
        let Some(pid) = entry
            .file_name()
            .to_str()
            .and_then(|s| s.parse::<i32>().ok())
        else {
            continue;
        };
        let Ok(stat) = std::fs::read_to_string(format!("/proc/{pid}/stat")) else {
            continue;
        };
        // `pid (comm) state ppid ...`: the command may hold spaces and
        // parentheses, so read after the last `)`.
        let after = stat.rsplit_once(')').map_or("", |(_, rest)| rest);
        let ppid = after
            .split_whitespace()
            .nth(1)
            .and_then(|p| p.parse::<u32>().ok());
        if ppid == Some(me) {
            // SAFETY: kill(2) with a pid read from /proc and a constant
            // signal has no memory-safety preconditions.
            unsafe {
                libc::kill(pid, libc::SIGKILL);
            }
        }
    }
}

#[cfg(not(target_os = "linux"))]
fn stop_children() {}
