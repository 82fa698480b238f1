//! The library's structure stays true: each top-level module of
//! `crates/stancegraph` may use only the modules below it (the pipeline of
//! DESIGN.md), and the library's dependency tree has no command line in it.
//! A new upward import fails here, naming the file and the module it
//! reaches.

use std::collections::BTreeSet;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

/// Each module and the modules it may use. Test code (`#[cfg(test)]`
/// modules at the end of a file) may use anything.
const ALLOWED: &[(&str, &[&str])] = &[
    ("choice", &[]),
    ("notice", &[]),
    ("model", &["choice"]),
    ("names", &["model"]),
    ("output", &["choice"]),
    ("load", &["choice", "model", "names"]),
    ("network", &["choice", "model", "names", "notice"]),
    ("graphviz", &["choice"]),
    ("analysis", &["choice", "model", "network"]),
    ("plot", &["analysis", "choice", "model", "network"]),
    ("layout", &["choice", "graphviz", "model", "network"]),
    (
        "export",
        &["choice", "layout", "model", "names", "network", "notice"],
    ),
    (
        "render",
        &["choice", "export", "graphviz", "layout", "model", "network"],
    ),
    ("stats", &["analysis", "choice", "model", "network"]),
    ("sql", &["choice", "model", "network"]),
    (
        "run",
        &[
            "analysis", "choice", "export", "graphviz", "layout", "load", "model", "names",
            "network", "notice", "output", "render",
        ],
    ),
];

fn src() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("crates/stancegraph/src")
}

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// The code of a file without comments and without the items marked
/// `#[cfg(test)]` (test code may use anything).
fn code(text: &str) -> String {
    let mut out = Vec::new();
    // Inside a test item: the braces still open, and whether one opened.
    let mut skipping: Option<(i32, bool)> = None;
    for line in text.lines() {
        let line = match line.find("//") {
            // `//` inside a string is rare in this code base, and a string
            // that held `crate::x` would only be flagged, never missed.
            Some(i) => &line[..i],
            None => line,
        };
        if let Some((depth, opened)) = skipping.as_mut() {
            *depth += line.matches('{').count() as i32 - line.matches('}').count() as i32;
            *opened |= line.contains('{');
            let ended = if *opened {
                *depth <= 0
            } else {
                line.contains(';')
            };
            if ended {
                skipping = None;
            }
            continue;
        }
        if line.trim() == "#[cfg(test)]" {
            skipping = Some((0, false));
            continue;
        }
        out.push(line);
    }
    out.join("\n")
}

/// The top-level modules a piece of code names through `crate::`, in
/// paths and in `use crate::{a, b::c}` groups.
fn modules_used(code: &str) -> BTreeSet<String> {
    let mut used = BTreeSet::new();
    let mut rest = code;
    while let Some(i) = rest.find("crate::") {
        rest = &rest[i + "crate::".len()..];
        if let Some(group) = rest.strip_prefix('{') {
            // Top-level names of the group: after `{` or a `,` at depth 0.
            let mut depth = 0;
            let mut start = true;
            for (j, c) in group.char_indices() {
                match c {
                    '{' => depth += 1,
                    '}' if depth == 0 => {
                        rest = &group[j..];
                        break;
                    }
                    '}' => depth -= 1,
                    ',' if depth == 0 => start = true,
                    c if start && (c.is_alphanumeric() || c == '_') => {
                        let name: String = group[j..]
                            .chars()
                            .take_while(|c| c.is_alphanumeric() || *c == '_')
                            .collect();
                        used.insert(name);
                        start = false;
                    }
                    _ => {}
                }
            }
        } else {
            let name: String = rest
                .chars()
                .take_while(|c| c.is_alphanumeric() || *c == '_')
                .collect();
            used.insert(name);
        }
    }
    used
}

#[test]
fn no_module_imports_one_above_it() {
    let root = src();
    let mut files = Vec::new();
    rust_files(&root, &mut files);
    files.sort();
    let modules: BTreeSet<&str> = ALLOWED.iter().map(|(m, _)| *m).collect();
    let mut upward = Vec::new();
    let mut checked = 0;
    for file in &files {
        let relative = file.strip_prefix(&root).unwrap();
        let first = relative.components().next().unwrap().as_os_str();
        let module = first.to_str().unwrap().trim_end_matches(".rs");
        if module == "lib" {
            continue;
        }
        let allowed = ALLOWED
            .iter()
            .find(|(m, _)| *m == module)
            .unwrap_or_else(|| {
                panic!(
                    "{} is in module {module}, which tests/layers.rs does not place: add it to ALLOWED",
                    relative.display()
                )
            })
            .1;
        checked += 1;
        for used in modules_used(&code(&fs::read_to_string(file).unwrap())) {
            if used != module && modules.contains(used.as_str()) && !allowed.contains(&&*used) {
                upward.push(format!("{} uses crate::{used}", relative.display()));
            }
        }
    }
    assert!(checked > 40, "only {checked} files were checked");
    assert!(
        upward.is_empty(),
        "imports that run upward or sideways:\n{}",
        upward.join("\n")
    );
}

#[test]
fn the_check_finds_paths_and_groups() {
    let code = code(concat!(
        "use crate::{network::{Network, Relation}, model};\n",
        "fn f() { crate::export::x(); }\n",
        "// crate::render in a comment\n",
        "#[cfg(test)]\n",
        "fn seed() {\n",
        "    crate::load::load();\n",
        "}\n",
        "#[cfg(test)]\n",
        "use crate::stats;\n",
        "fn g() { crate::names::fold(); }\n",
        "#[cfg(test)]\n",
        "mod tests { use crate::run; }\n",
    ));
    let found: Vec<String> = modules_used(&code).into_iter().collect();
    assert_eq!(found, ["export", "model", "names", "network"]);
}

/// The packages of the library's dependency tree (normal and build
/// dependencies, every feature), to `depth` levels.
fn library_tree(depth: &str) -> BTreeSet<String> {
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
    let out = Command::new(cargo)
        .args([
            "tree",
            "--package",
            "stancegraph",
            "--edges",
            "normal,build",
            "--prefix",
            "none",
            "--format",
            "{p}",
            "--all-features",
            "--depth",
            depth,
        ])
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .filter_map(|l| l.split_whitespace().next())
        .map(str::to_string)
        .collect()
}

#[test]
fn the_library_builds_without_the_command_line() {
    let all = library_tree("100");
    assert!(all.contains("petgraph"), "{all:?}");
    for cli in ["clap", "clap_complete", "clap_mangen", "indicatif"] {
        assert!(!all.contains(cli), "the library depends on {cli}: {all:?}");
    }
    // Graphviz runs as our own process, without graphviz-rust or libc
    // (which other crates may still use underneath).
    let direct = library_tree("1");
    for gone in ["graphviz-rust", "libc"] {
        assert!(
            !direct.contains(gone),
            "the library uses {gone}: {direct:?}"
        );
    }
}
