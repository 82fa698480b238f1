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

const ORGANIZATIONS: [&str; 7] = [
    "Greenpeace",
    "BDI",
    "SPD",
    "CDU",
    "Öko-Institut",
    "FDP",
    "NABU",
];
const CONCEPTS: [&str; 4] = ["Coal out", "Carbon tax", "Nuclear", "Speed limit"];

/// Twenty statements over seven documents from 30 December 2024 to 7
/// March 2025 (across a year and a month end).
fn database(dir: &Path) -> std::path::PathBuf {
    let days = [
        "2024-12-30",
        "2025-01-02",
        "2025-01-05",
        "2025-01-06",
        "2025-01-31",
        "2025-02-14",
        "2025-03-07",
    ];
    database_of(&dir.join("timeline.dna"), &days, 20, 5, 5)
}

/// `statements` statements of the first `organizations` organizations on
/// the four concepts, spread over documents dated `days`, drawn from a
/// fixed pseudo-random sequence.
fn database_of(
    path: &Path,
    days: &[&str],
    statements: usize,
    organizations: u64,
    seed: u64,
) -> std::path::PathBuf {
    let db = DnaDb::create(path);
    let mut next = common::lcg(seed);
    let coded: Vec<(usize, usize, bool, usize)> = (0..statements)
        .map(|_| {
            (
                next(organizations) as usize,
                next(4) as usize,
                next(3) > 0,
                next(days.len() as u64) as usize,
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
    path.to_path_buf()
}

fn reference(db: &Path, args: &[&str]) -> Value {
    run_reference("analysis/kernel_reference.py", db, args)
}

fn run_reference(script: &str, db: &Path, args: &[&str]) -> Value {
    let mut all: Vec<&std::ffi::OsStr> = vec![db.as_os_str()];
    all.extend(args.iter().map(std::ffi::OsStr::new));
    common::python_json(script, &all)
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
            step: None,
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

fn python_runs() -> bool {
    runs_unless(
        (!tool_available("python3", &["--version"])).then(|| "python3 is missing".to_string()),
    )
}

/// The exports of `stancegraph export --window --kernel` hold the
/// reference's values: every nonzero cell an edge with its weight (one-mode
/// diagonal cells as self-loops), no other edges, in one file per middle.
#[test]
fn kernel_exports_hold_the_reference_values() {
    if !python_runs() {
        return;
    }
    let dir = fixture(&[]);
    let db = database(dir.path());
    let cases: &[(&str, &str, &str, &str, &str, bool)] = &[
        ("subtract", "average", "7", "days", "epanechnikov", false),
        ("conflict", "none", "2", "weeks", "gaussian", true),
        ("congruence", "average", "1", "months", "triangular", false),
        ("affiliation", "none", "2", "weeks", "uniform", false),
    ];
    for (i, &(network, normalization, size, unit, kernel, indent)) in cases.iter().enumerate() {
        let case = format!("{network} {normalization} {size} {unit} {kernel} {indent}");
        let out = dir.path().join(format!("o{i}"));
        let window = format!("{size}{}", &unit[..1]);
        let mut cmd = common::stancegraph(dir.path());
        cmd.arg("export")
            .arg(&db)
            .args([
                "--network",
                network,
                "--normalize",
                normalization,
                "--window",
                &window,
            ])
            .args(["--kernel", kernel, "-f", "json", "-q", "-o"])
            .arg(&out);
        if network == "affiliation" {
            cmd.args(["--qualifier", "subtract"]);
        }
        if indent {
            cmd.arg("--indent-time");
        }
        cmd.assert().success();
        let want = reference(
            &db,
            &[
                network,
                normalization,
                size,
                unit,
                kernel,
                if indent { "1" } else { "0" },
            ],
        );
        let want = want.as_array().unwrap();
        assert_eq!(
            std::fs::read_dir(&out).unwrap().count(),
            want.len(),
            "{case}"
        );
        for slice in want {
            let middle = slice["middle"].as_str().unwrap();
            let path = out.join(format!("{network}.{middle}.json"));
            let json: Value =
                serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
            for key in ["start", "middle", "stop"] {
                assert_eq!(
                    json["graph"][format!("slice_{key}")],
                    slice[key],
                    "{case} {middle}"
                );
            }
            let label: HashMap<&str, &str> = json["nodes"]
                .as_array()
                .unwrap()
                .iter()
                .map(|n| (n["id"].as_str().unwrap(), n["label"].as_str().unwrap()))
                .collect();
            let cells = slice["cells"].as_object().unwrap();
            let mut expected = 0;
            for (key, value) in cells {
                let (a, b) = key.split_once('|').unwrap();
                if network == "affiliation" || a <= b {
                    expected += 1;
                }
                let _ = value;
            }
            let edges = json["edges"].as_array().unwrap();
            assert_eq!(
                edges.len(),
                expected,
                "{case} {middle}: {edges:?} vs {cells:?}"
            );
            for e in edges {
                let (s, t) = (
                    label[e["source"].as_str().unwrap()],
                    label[e["target"].as_str().unwrap()],
                );
                let want = cells[&format!("{s}|{t}")].as_f64().unwrap();
                let got = e["weight"].as_f64().unwrap();
                assert!(
                    (got - want).abs() <= 1e-9 * want.abs().max(1.0),
                    "{case} {middle} {s}|{t}: {got} vs {want}"
                );
            }
        }
    }
}

/// `polarization --window --kernel` gives DNA's steps (dates, the actors
/// active in each window) and at each the exhaustive optimum of DNA's
/// score, computed by a reference from the spec (sections 2.2, 2.3).
#[test]
fn the_polarization_series_is_the_exhaustive_optimum_at_every_step() {
    if !python_runs() {
        return;
    }
    let dir = fixture(&[]);
    let days: Vec<String> = (0..12)
        .map(|k| {
            (chrono::NaiveDate::from_ymd_opt(2025, 1, 27).unwrap() + chrono::Days::new(3 * k))
                .to_string()
        })
        .collect();
    let days: Vec<&str> = days.iter().map(String::as_str).collect();
    let db = database_of(&dir.path().join("series.dna"), &days, 36, 7, 9);
    let cases: &[(&str, &str, bool, bool)] = &[
        ("10", "uniform", false, false),
        ("9", "epanechnikov", true, true),
        ("12", "triangular", false, true),
        ("10", "gaussian", true, false),
    ];
    for &(size, kernel, indent, normalize) in cases {
        let case = format!("{size}d {kernel} indent={indent} normalize={normalize}");
        let mut cmd = common::stancegraph(dir.path());
        cmd.arg("polarization").arg(&db).args([
            "--window",
            &format!("{size}d"),
            "--kernel",
            kernel,
            "--json",
        ]);
        if indent {
            cmd.arg("--indent-time");
        }
        if normalize {
            cmd.arg("--normalize-scores");
        }
        let out = cmd.output().unwrap();
        assert!(
            out.status.success(),
            "{case}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        let ours: Value = serde_json::from_slice(&out.stdout).unwrap();
        let ours = ours["steps"].as_array().unwrap();
        let want = run_reference(
            "analysis/series_reference.py",
            &db,
            &[
                size,
                "days",
                kernel,
                if indent { "1" } else { "0" },
                if normalize { "1" } else { "0" },
            ],
        );
        let want = want.as_array().unwrap();
        assert_eq!(ours.len(), want.len(), "{case}: steps");
        let mut scored = 0;
        for (o, w) in ours.iter().zip(want) {
            for key in ["start", "middle", "stop", "actors"] {
                assert_eq!(o[key], w[key], "{case}: {key} of {w}");
            }
            let (got, expected) = (o["score"].as_f64().unwrap(), w["score"].as_f64().unwrap());
            assert!(
                (got - expected).abs() <= 1e-9 * expected.abs().max(1.0),
                "{case} {}: {got} vs {expected}",
                w["middle"]
            );
            if expected > 0.0 {
                scored += 1;
                assert_eq!(o["clusters"].as_array().unwrap().len(), 2);
            }
            // A skipped step (too few actors, no ties) has no clusters.
            if o["skipped"].is_string() {
                assert_eq!(expected, 0.0, "{case}: {o}");
                assert_eq!(o["clusters"].as_array().unwrap().len(), 0, "{case}: {o}");
            }
        }
        assert!(scored >= 3, "{case}: too few scored steps to mean much");
    }
}

/// A case worked by hand. a agrees on s on 1 and 3 January, b on 3 and 5
/// January, c disagrees on 2 January. Window 4d (h = 2 days), middle 3
/// January: x = Δ / 2, so the Epanechnikov weights 0.75 (1 − x²) are 0 on
/// the 1st and 5th (x = ±1), 0.5625 on the 2nd and 0.75 on the 3rd.
#[test]
fn a_slice_worked_by_hand() {
    use stancegraph::load::{DatasetBuilder, StatementRow};
    use stancegraph::model::Polarity::{Agree, Disagree};
    let mut b = DatasetBuilder::new("hand");
    for (actor, polarity, day) in [
        ("a", Agree, "2025-01-01"),
        ("a", Agree, "2025-01-03"),
        ("b", Agree, "2025-01-03"),
        ("b", Agree, "2025-01-05"),
        ("c", Disagree, "2025-01-02"),
    ] {
        b.statement(StatementRow::new(actor, "s", polarity).date_text(day));
    }
    let ds = b.build().unwrap().dataset;
    let at = |kind: Kind, normalization: Normalization| {
        let opts = SliceOptions {
            kind,
            normalization,
            window: Span::Days(4),
            kernel: Kernel::Epanechnikov,
            indent_time: false,
            step: None,
        };
        let slices = kernel::slices(&ds, &opts).unwrap();
        assert_eq!(slices.len(), 5, "middles 1 to 5 January");
        slices.into_iter().nth(2).unwrap()
    };
    let close = |got: f64, want: f64| assert!((got - want).abs() < 1e-12, "{got} vs {want}");
    let (a, b_, c) = (0, 1, 2);
    let congruence = at(Kind::Congruence, Normalization::None);
    assert_eq!(congruence.middle.to_string(), "2025-01-03");
    assert_eq!(
        (congruence.start.to_string(), congruence.stop.to_string()),
        ("2025-01-01".into(), "2025-01-05".into())
    );
    // a–b: √(0·0.75) + √(0·0) + √(0.75·0.75) + √(0.75·0) = 0.75.
    close(congruence.value(a, b_), 0.75);
    // a–a, the diagonal: pairs (1st, 1st), (1st, 3rd), (3rd, 1st), (3rd, 3rd).
    close(congruence.value(a, a), 0.75);
    close(congruence.value(a, c), 0.0);
    // a–c: √(0·0.5625) + √(0.75·0.5625).
    let conflict = at(Kind::Conflict, Normalization::None);
    close(conflict.value(a, c), (0.75f64 * 0.5625).sqrt());
    close(
        at(Kind::Subtract, Normalization::None).value(c, a),
        -(0.75f64 * 0.5625).sqrt(),
    );
    // DNA's kernel average sums 2 / (|X_i| + |X_i′|) over the (stance,
    // polarity) cells either has statements in, every statement counted.
    // a and b: (s, agree) 2 / (2 + 2) = 0.5. a and c: (s, agree) 2 / (2 + 0)
    // plus (s, disagree) 2 / (0 + 1), 3 in all.
    let average = at(Kind::Congruence, Normalization::Average);
    close(average.value(a, b_), 0.375);
    close(
        at(Kind::Conflict, Normalization::Average).value(a, c),
        3.0 * (0.75f64 * 0.5625).sqrt(),
    );
    // Two-mode (signed): a 0 + 0.75, b 0.75 + 0, c −0.5625.
    let two = at(Kind::Affiliation, Normalization::None);
    close(two.value(a, 0), 0.75);
    close(two.value(b_, 0), 0.75);
    close(two.value(c, 0), -0.5625);
}
