//! DNA's kernel-smoothed slices against a reference implementation written
//! from the spec (`tests/analysis/kernel_reference.py`: sqlite3 and plain
//! Python, statement pair by statement pair) on a DNA database: every
//! kernel, with and without indented time, the subtract, congruence and
//! conflict networks with average normalization and none, and the two-mode
//! network; days, weeks and months.

#![cfg(feature = "dna")]

mod common;

use std::collections::HashMap;
use std::path::Path;

use common::dna::DnaDb;
use common::{fixture, runs_unless, tool_available};
use serde_json::Value;
use stancegraph::Choice;
use stancegraph::load::{Input, LoadOptions, load};
use stancegraph::network::kernel::{self, Kernel, SliceOptions};
use stancegraph::network::{self, Kind, Normalization, Options, Span};

const ORGANIZATIONS: [&str; 5] = ["Greenpeace", "BDI", "SPD", "CDU", "Öko-Institut"];
const CONCEPTS: [&str; 4] = ["Coal out", "Carbon tax", "Nuclear", "Speed limit"];

/// Twenty statements over seven documents from 30 December 2024 to 7
/// March 2025 (across a year and a month end).
fn database(dir: &Path) -> std::path::PathBuf {
    let path = dir.join("timeline.dna");
    let db = DnaDb::create(&path);
    let days = [
        "2024-12-30",
        "2025-01-02",
        "2025-01-05",
        "2025-01-06",
        "2025-01-31",
        "2025-02-14",
        "2025-03-07",
    ];
    let mut next = common::lcg(5);
    let coded: Vec<(usize, usize, bool, usize)> = (0..20)
        .map(|_| {
            (
                next(5) as usize,
                next(4) as usize,
                next(3) > 0,
                next(7) as usize,
            )
        })
        .collect();
    for (d, day) in days.iter().enumerate() {
        let quotes: Vec<String> = coded
            .iter()
            .enumerate()
            .filter(|(_, c)| c.3 == d)
            .map(|(i, c)| format!("S{i} {} on {}.", ORGANIZATIONS[c.0], CONCEPTS[c.1]))
            .collect();
        let text = format!("Day {day}. {}", quotes.join(" "));
        let doc = db.document(&format!("doc {d}"), &text, day, 3600, ["", "", "", ""]);
        for (i, c) in coded.iter().enumerate().filter(|(_, c)| c.3 == d) {
            let quote = format!("S{i} {} on {}.", ORGANIZATIONS[c.0], CONCEPTS[c.1]);
            db.statement(doc, &quote, "", ORGANIZATIONS[c.0], CONCEPTS[c.1], c.2);
        }
    }
    path
}

fn reference(db: &Path, args: &[&str]) -> Value {
    let mut all: Vec<&std::ffi::OsStr> = vec![db.as_os_str()];
    all.extend(args.iter().map(std::ffi::OsStr::new));
    common::python_json("analysis/kernel_reference.py", &all)
}

fn span(size: u32, unit: &str) -> Span {
    match unit {
        "days" => Span::Days(size),
        "weeks" => Span::Weeks(size),
        "months" => Span::Months(size),
        _ => Span::Years(size),
    }
}

#[test]
fn kernel_slices_match_the_reference_for_every_kernel_and_network() {
    if !runs_unless(
        (!tool_available("python3", &["--version"])).then(|| "python3 is missing".to_string()),
    ) {
        return;
    }
    let dir = fixture(&[]);
    let db = database(dir.path());
    let ds = load(&Input::from_arg(Some(&db)), &LoadOptions::default())
        .unwrap()
        .dataset;
    let (prepared, _) = network::prepare(&ds, &Options::default()).unwrap();
    let actor_label: Vec<&str> = prepared.actors.iter().map(|a| a.label.as_str()).collect();
    let stance_label: Vec<&str> = prepared.stances.iter().map(|s| s.label.as_str()).collect();
    let mut cases: Vec<(&str, &str, u32, &str, Kernel, bool)> = Vec::new();
    for &kernel in Kernel::ALL {
        for indent in [false, true] {
            for network in ["subtract", "congruence", "conflict"] {
                for normalization in ["none", "average"] {
                    cases.push((network, normalization, 7, "days", kernel, indent));
                }
            }
            cases.push(("affiliation", "none", 2, "weeks", kernel, indent));
        }
    }
    cases.push((
        "congruence",
        "average",
        1,
        "months",
        Kernel::Epanechnikov,
        false,
    ));
    cases.push(("affiliation", "none", 2, "months", Kernel::Triangular, true));
    for (network, normalization, size, unit, kernel, indent) in cases {
        let case = format!("{network} {normalization} {size} {unit} {kernel:?} indent={indent}");
        let opts = SliceOptions {
            kind: network.parse::<Kind>().unwrap(),
            normalization: normalization.parse::<Normalization>().unwrap(),
            window: span(size, unit),
            kernel,
            indent_time: indent,
        };
        let ours = kernel::slices(&prepared, &opts).unwrap();
        let size_text = size.to_string();
        let want = reference(
            &db,
            &[
                network,
                normalization,
                &size_text,
                unit,
                kernel.name(),
                if indent { "1" } else { "0" },
            ],
        );
        let want = want.as_array().unwrap();
        assert_eq!(ours.len(), want.len(), "{case}: slices");
        assert!(!ours.is_empty(), "{case}");
        for (s, w) in ours.iter().zip(want) {
            for (field, date) in [("start", s.start), ("middle", s.middle), ("stop", s.stop)] {
                assert_eq!(w[field], date.to_string(), "{case}: {field}");
            }
            let cells: HashMap<&str, f64> = w["cells"]
                .as_object()
                .unwrap()
                .iter()
                .map(|(k, v)| (k.as_str(), v.as_f64().unwrap()))
                .collect();
            let columns: &[&str] = if network == "affiliation" {
                &stance_label
            } else {
                &actor_label
            };
            for (i, row) in actor_label.iter().enumerate() {
                for (j, column) in columns.iter().enumerate() {
                    let expected = cells
                        .get(format!("{row}|{column}").as_str())
                        .copied()
                        .unwrap_or(0.0);
                    let got = s.value(i, j);
                    assert!(
                        (got - expected).abs() <= 1e-9 * expected.abs().max(1.0),
                        "{case}, {}: {row}|{column}: {got} vs {expected}",
                        s.middle
                    );
                }
            }
        }
    }
}
