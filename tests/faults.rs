//! Faults, each real: the process killed with SIGKILL while it writes, a
//! full disk, a directory it may not write, standard output closed early,
//! an output path that is a symbolic link, and two exports into one
//! directory at once. No final file is ever partial, and nothing is lost.

#![cfg(unix)]

mod common;

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::Instant;

use common::succeeded;

/// The binary, as a plain command (not assert_cmd's, which waits).
fn bin() -> PathBuf {
    PathBuf::from(env!("CARGO_BIN_EXE_stancegraph"))
}

/// A statements table big enough that an export takes a while (seconds in
/// a debug build, most of it writing): 20,000 statements of 4,000 actors on
/// 400 stances over a year, with quotes.
fn big_table(dir: &Path) -> PathBuf {
    table(dir, 20_000)
}

/// A statements table of `rows` statements.
fn table(dir: &Path, rows: u64) -> PathBuf {
    let mut text = String::from("actor,stance,agree,date,quote\n");
    for i in 0..rows {
        let day = 1 + i % 28;
        let month = 1 + (i / 28) % 12;
        text.push_str(&format!(
            "\"Actor {} \"\"the {}th\"\"\",Stance {},{},2025-{month:02}-{day:02},\"Quote {i}, said \"\"so\"\"\"\n",
            (i * 7919) % 4000,
            i % 13,
            (i * 31) % 400,
            if i.is_multiple_of(3) { "no" } else { "yes" },
        ));
    }
    let path = dir.join("big.csv");
    fs::write(&path, text).unwrap();
    path
}

/// Every file in `dir` by name, with its bytes.
fn files(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    fs::read_dir(dir)
        .map(|entries| {
            entries
                .map(|e| {
                    let e = e.unwrap();
                    let bytes = fs::read(e.path()).unwrap_or_default();
                    (e.file_name().to_string_lossy().into_owned(), bytes)
                })
                .collect()
        })
        .unwrap_or_default()
}

fn is_partial(name: &str) -> bool {
    name.starts_with('.') && name.ends_with(stancegraph::output::PARTIAL_SUFFIX)
}

#[test]
fn killed_exports_leave_no_partial_final_file_and_the_next_run_cleans_up() {
    let tmp = tempfile::tempdir().unwrap();
    let input = big_table(tmp.path());
    let reference = tmp.path().join("reference");
    let started = Instant::now();
    succeeded(
        Command::new(bin())
            .arg("export")
            .arg(&input)
            .args(["-q", "-o"])
            .arg(&reference)
            .output()
            .unwrap(),
    );
    let took = started.elapsed();
    let reference = files(&reference);
    let out = tmp.path().join("out");
    // Starts an export into `out` and kills it after `twelfths` of a run.
    let kill_at = |twelfths: u32| {
        let mut child = Command::new(bin())
            .arg("export")
            .arg(&input)
            .args(["-q", "-o"])
            .arg(&out)
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        std::thread::sleep(took * twelfths / 12);
        child.kill().unwrap(); // SIGKILL
        child.wait().unwrap();
    };
    let has_partials = || files(&out).keys().any(|n| is_partial(n));
    let mut partials_seen = 0;
    let mut leaves_partials = None;
    // Kill points over the whole run: reading, building, writing.
    for tenth in 1..=12u32 {
        kill_at(tenth);
        for (name, bytes) in files(&out) {
            if is_partial(&name) {
                partials_seen += 1;
                leaves_partials.get_or_insert(tenth);
                continue;
            }
            assert!(
                !name.starts_with('.'),
                "an unrecognizable temporary file: {name}"
            );
            assert!(
                reference.get(&name) == Some(&bytes),
                "{name} is not the complete file after a kill at {tenth}/12"
            );
        }
    }
    assert!(
        partials_seen > 0,
        "no kill fell while files were written; the test did not test"
    );
    // The last kill may fall after the run ended, and each run removes what
    // earlier ones left: kill once more where kills left partial files, so
    // that the next run has some to remove.
    for _ in 0..10 {
        if has_partials() {
            break;
        }
        kill_at(leaves_partials.expect("a kill left partial files"));
    }
    assert!(
        has_partials(),
        "no kill left a partial file for the next run"
    );
    // The next run into the directory removes what the killed ones left.
    let next = succeeded(
        Command::new(bin())
            .arg("export")
            .arg(&input)
            .args(["-q", "-f", "dot", "-o"])
            .arg(&out)
            .output()
            .unwrap(),
    );
    let stderr = String::from_utf8_lossy(&next.stderr);
    let left: Vec<String> = files(&out).into_keys().filter(|n| is_partial(n)).collect();
    assert!(left.is_empty(), "{left:?}");
    assert!(
        stderr.contains("partial file") && stderr.contains("left by an export that was stopped"),
        "{stderr}"
    );
}

#[test]
fn a_full_disk_is_an_error_that_leaves_nothing_behind() {
    // Standard output on /dev/full.
    let out = Command::new(bin())
        .args(["export", "-f", "json", "-o", "-"])
        .stdout(fs::File::create("/dev/full").unwrap())
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(stderr.contains("No space left on device"), "{stderr}");
    assert!(!stderr.contains("panicked"), "{stderr}");

    // A directory on a small file system, where this test may mount one.
    let tmp = tempfile::tempdir().unwrap();
    let input = big_table(tmp.path());
    let disk = tmp.path().join("disk");
    fs::create_dir(&disk).unwrap();
    let mounted = Command::new("mount")
        .args(["-t", "tmpfs", "-o", "size=256k", "tmpfs"])
        .arg(&disk)
        .output()
        .is_ok_and(|o| o.status.success());
    // CI runs as root, where the mount works: there this check must run.
    if !common::runs_unless(
        (!mounted).then(|| "cannot mount a small tmpfs here (not root?)".to_string()),
    ) {
        return;
    }
    let out = Command::new(bin())
        .arg("export")
        .arg(&input)
        .args(["-q", "-o"])
        .arg(disk.join("out"))
        .output()
        .unwrap();
    let left = files(&disk);
    let _ = Command::new("umount").arg(&disk).status();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(stderr.contains("No space left on device"), "{stderr}");
    assert!(left.is_empty(), "{:?}", left.keys());
}

#[test]
fn a_directory_it_may_not_write_is_an_error() {
    use std::os::unix::fs::PermissionsExt;
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path();
    fs::set_permissions(root, fs::Permissions::from_mode(0o755)).unwrap();
    let closed = root.join("closed");
    fs::create_dir(&closed).unwrap();
    fs::set_permissions(&closed, fs::Permissions::from_mode(0o555)).unwrap();
    // Root writes anywhere: run as nobody then, from a copy of the binary
    // that nobody can run.
    let mut cmd = if unsafe { libc::geteuid() } == 0 {
        let copy = root.join("stancegraph");
        fs::copy(bin(), &copy).unwrap();
        fs::set_permissions(&copy, fs::Permissions::from_mode(0o755)).unwrap();
        if !common::tool_available("setpriv", &["--version"]) {
            return;
        }
        let mut c = Command::new("setpriv");
        c.args(["--reuid=65534", "--regid=65534", "--clear-groups"])
            .arg(copy);
        c
    } else {
        Command::new(bin())
    };
    let out = cmd
        .args(["export", "-f", "dot", "-o"])
        .arg(&closed)
        .current_dir(root)
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(stderr.contains("Permission denied"), "{stderr}");
    assert!(stderr.contains("closed"), "names the directory: {stderr}");
    assert!(files(&closed).is_empty());
}

#[test]
fn standard_output_closed_early_ends_quietly() {
    let tmp = tempfile::tempdir().unwrap();
    // Each output is far more than a pipe holds.
    let input = table(tmp.path(), 5_000);
    for format in [
        "dot",
        "graphml",
        "gexf",
        "json",
        "statements",
        "html",
        "pajek",
        "gml",
        "cytoscape",
        "dl",
        "matrix",
    ] {
        let out = Command::new("bash")
            .arg("-c")
            .arg(format!(
                "set -o pipefail; '{}' export '{}' -f {format} -o - | head -c 100 > /dev/null",
                bin().display(),
                input.display()
            ))
            .output()
            .unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(out.status.success(), "{format}: {stderr}");
        // Warnings about labels may come; no error, no panic.
        assert!(
            !stderr.contains("error") && !stderr.contains("panicked"),
            "{format}: {stderr}"
        );
    }
}

#[test]
fn an_output_path_that_is_a_symbolic_link_is_replaced_not_followed() {
    let tmp = tempfile::tempdir().unwrap();
    let victim = tmp.path().join("victim.txt");
    fs::write(&victim, "precious").unwrap();
    let out = tmp.path().join("out");
    fs::create_dir(&out).unwrap();
    std::os::unix::fs::symlink(&victim, out.join("full.dot")).unwrap();
    succeeded(
        Command::new(bin())
            .args(["export", "-q", "-f", "dot", "-o"])
            .arg(&out)
            .output()
            .unwrap(),
    );
    assert_eq!(fs::read_to_string(&victim).unwrap(), "precious");
    let written = fs::symlink_metadata(out.join("full.dot")).unwrap();
    assert!(written.file_type().is_file());
    assert!(
        fs::read_to_string(out.join("full.dot"))
            .unwrap()
            .starts_with("digraph")
    );
    // A link to a directory where a file would go is refused.
    let dir = tmp.path().join("somewhere");
    fs::create_dir(&dir).unwrap();
    std::os::unix::fs::symlink(&dir, out.join("full.json")).unwrap();
    let refused = Command::new(bin())
        .args(["export", "-q", "-f", "json", "-o"])
        .arg(&out)
        .output()
        .unwrap();
    assert_eq!(refused.status.code(), Some(1));
    assert!(fs::read_dir(&dir).unwrap().next().is_none());
}

#[test]
fn exports_into_one_directory_at_once_all_finish_complete() {
    let tmp = tempfile::tempdir().unwrap();
    let input = big_table(tmp.path());
    let run = |out: &Path, network: &str| {
        Command::new(bin())
            .arg("export")
            .arg(&input)
            .args(["-q", "--network", network, "-o"])
            .arg(out)
            .stderr(Stdio::null())
            .spawn()
            .unwrap()
    };
    let reference = tmp.path().join("reference");
    for network in ["full", "congruence"] {
        assert!(run(&reference, network).wait().unwrap().success());
    }
    let out = tmp.path().join("out");
    let mut children: Vec<_> = ["full", "full", "congruence"]
        .iter()
        .map(|n| run(&out, n))
        .collect();
    for c in &mut children {
        assert!(c.wait().unwrap().success());
    }
    assert_eq!(files(&out), files(&reference));
}
