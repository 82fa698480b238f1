//! Time as a dimension: kernel-smoothed exports named and dated by their
//! middles, coalitions numbered alike from window to window, pictures and
//! statistics per slice, and the usage errors of bad time options.

mod common;

use std::path::Path;

use common::{fixture, runs_unless, stancegraph, tool_available};
use serde_json::Value;

/// Two camps over 60 days from 1 March 2025: a1–a3 agree on s1 and s2 and
/// disagree on s3, b1–b3 the opposite. In March a3 and in April b3 is
/// silent, so that the larger camp changes from month to month.
fn camps() -> String {
    let mut out = String::from("actor,stance,agree,date,quote\n");
    let start = chrono::NaiveDate::from_ymd_opt(2025, 3, 1).unwrap();
    let mut next = common::lcg(11);
    for day in 0..61u64 {
        let date = start + chrono::Days::new(day);
        let april = date >= chrono::NaiveDate::from_ymd_opt(2025, 4, 1).unwrap();
        for actor in ["a1", "a2", "a3", "b1", "b2", "b3"] {
            if (actor == "a3" && !april) || (actor == "b3" && april) || next(2) > 0 {
                continue;
            }
            let stance = ["s1", "s2", "s3"][next(3) as usize];
            let agree = actor.starts_with('a') == (stance != "s3");
            out.push_str(&format!(
                "{actor},{stance},{},{date},\"{actor} on {stance}, {date}\"\n",
                if agree { "yes" } else { "no" }
            ));
        }
    }
    out
}

fn read_json(path: &Path) -> Value {
    serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

fn files(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

#[test]
fn kernel_exports_are_named_and_dated_by_their_middles() {
    let data = camps();
    let dir = fixture(&[("camps.csv", data.as_bytes())]);
    stancegraph(dir.path())
        .args([
            "export",
            "camps.csv",
            "--network",
            "congruence",
            "--window",
            "14d",
            "--step",
            "7d",
            "--kernel",
            "epanechnikov",
            "-f",
            "json",
            "-f",
            "graphml",
            "-o",
            "o",
            "-q",
        ])
        .assert()
        .success();
    let names = files(&dir.path().join("o"));
    // Middles from the first date a week apart: 1, 8, ..., 29 April.
    let middles: Vec<String> = (0..9)
        .map(|k| {
            (chrono::NaiveDate::from_ymd_opt(2025, 3, 1).unwrap() + chrono::Days::new(7 * k))
                .to_string()
        })
        .collect();
    let want: Vec<String> = {
        let mut w: Vec<String> = middles
            .iter()
            .flat_map(|m| {
                [
                    format!("congruence.{m}.graphml"),
                    format!("congruence.{m}.json"),
                ]
            })
            .collect();
        w.sort();
        w
    };
    assert_eq!(names, want);
    for m in &middles {
        let json = read_json(&dir.path().join(format!("o/congruence.{m}.json")));
        let graph = &json["graph"];
        assert_eq!(graph["slice_middle"], m.as_str(), "{json}");
        assert_eq!(graph["kernel"], "epanechnikov");
        let middle: chrono::NaiveDate = m.parse().unwrap();
        let start: chrono::NaiveDate = graph["slice_start"].as_str().unwrap().parse().unwrap();
        let stop: chrono::NaiveDate = graph["slice_stop"].as_str().unwrap().parse().unwrap();
        // Seven days either side, clipped to the data (1 March to 30 April).
        assert_eq!(
            start,
            (middle - chrono::Days::new(7)).max("2025-03-01".parse().unwrap())
        );
        assert_eq!(
            stop,
            (middle + chrono::Days::new(7)).min("2025-04-30".parse().unwrap())
        );
        // Every node in every slice; self-loops hold an actor's own weight.
        assert_eq!(json["nodes"].as_array().unwrap().len(), 6);
        let edges = json["edges"].as_array().unwrap();
        assert!(edges.iter().any(|e| e["source"] == e["target"]), "{m}");
        // The camps never agree with each other.
        for e in edges {
            let (s, t) = (e["source"].as_str().unwrap(), e["target"].as_str().unwrap());
            assert_eq!(s.chars().next(), t.chars().next(), "{m}: {s}–{t}");
            assert!(e["weight"].as_f64().unwrap() > 0.0);
        }
        let graphml =
            std::fs::read_to_string(dir.path().join(format!("o/congruence.{m}.graphml"))).unwrap();
        assert!(graphml.contains(&format!("<data key=\"g_slice_middle\">{m}</data>")));
    }
}

#[test]
fn windows_without_a_kernel_write_as_before() {
    let data = camps();
    let dir = fixture(&[("camps.csv", data.as_bytes())]);
    stancegraph(dir.path())
        .args([
            "export",
            "camps.csv",
            "--network",
            "congruence",
            "--window",
            "1m",
            "-f",
            "json",
            "-o",
            "o",
            "-q",
        ])
        .assert()
        .success();
    assert_eq!(
        files(&dir.path().join("o")),
        ["congruence.2025-03-01.json", "congruence.2025-04-01.json"]
    );
    let json = read_json(&dir.path().join("o/congruence.2025-03-01.json"));
    assert!(
        json["graph"].get("slice_middle").is_none(),
        "{}",
        json["graph"]
    );
    for e in json["edges"].as_array().unwrap() {
        assert_ne!(
            e["source"], e["target"],
            "plain networks have no self-loops"
        );
    }
}

/// Each actor's coalition in each window's JSON export.
fn coalitions_by_window(dir: &Path) -> Vec<(String, Vec<(String, u64)>)> {
    files(dir)
        .into_iter()
        .map(|name| {
            let json = read_json(&dir.join(&name));
            let mut members: Vec<(String, u64)> = json["nodes"]
                .as_array()
                .unwrap()
                .iter()
                .filter_map(|n| Some((n["id"].as_str()?.to_string(), n["coalition"].as_u64()?)))
                .collect();
            members.sort();
            (name, members)
        })
        .collect()
}

#[test]
fn coalitions_keep_their_numbers_from_window_to_window() {
    let data = camps();
    let dir = fixture(&[("camps.csv", data.as_bytes())]);
    for (out, extra) in [
        ("months", &["--window", "1m"][..]),
        (
            "kernel",
            &["--window", "30d", "--step", "15d", "--kernel", "uniform"][..],
        ),
    ] {
        stancegraph(dir.path())
            .args([
                "export",
                "camps.csv",
                "--network",
                "congruence",
                "--coalitions",
            ])
            .args(["-f", "json", "-o", out, "-q"])
            .args(extra)
            .assert()
            .success();
        let windows = coalitions_by_window(&dir.path().join(out));
        assert!(windows.len() >= 2, "{out}");
        let first = &windows[0].1;
        let of = |members: &[(String, u64)], id: &str| {
            members.iter().find(|(m, _)| m == id).map(|(_, c)| *c)
        };
        // March's larger camp (b) is coalition 1, the a camp 2 ...
        assert_eq!(of(first, "b1"), Some(1), "{out}: {first:?}");
        assert_eq!(of(first, "a1"), Some(2), "{out}: {first:?}");
        // ... and they keep their numbers in every window, although from
        // April on the a camp is the larger (numbered by size, it would be
        // 1 there).
        for (name, members) in &windows {
            for (id, number) in [("a1", 2), ("a2", 2), ("b1", 1), ("b2", 1)] {
                assert_eq!(of(members, id), Some(number), "{out} {name}: {members:?}");
            }
        }
        let last = &windows[windows.len() - 1].1;
        let size = |camp: char| last.iter().filter(|(m, _)| m.starts_with(camp)).count();
        assert!(size('a') > size('b'), "{out}: {last:?}");
    }
}

#[test]
fn bad_time_options_are_usage_errors() {
    let data = camps();
    let undated =
        "actor,stance,agree,date\na,s,yes,2025-01-01\nb,s,yes,\nc,s,no,2025-02-01\nd,t,no,\n";
    let dir = fixture(&[
        ("camps.csv", data.as_bytes()),
        ("undated.csv", undated.as_bytes()),
    ]);
    let cases: &[(&[&str], &str)] = &[
        (&["export", "camps.csv", "--kernel", "gaussian"], "--window"),
        (
            &[
                "export",
                "camps.csv",
                "--window",
                "7d",
                "--kernel",
                "cosine",
            ],
            "invalid value 'cosine'",
        ),
        (
            &[
                "export",
                "undated.csv",
                "--network",
                "congruence",
                "--window",
                "7d",
                "--kernel",
                "uniform",
            ],
            "2 statements have none (lines 3, 5)",
        ),
        (
            &[
                "export",
                "camps.csv",
                "--network",
                "congruence",
                "--window",
                "9w",
                "--kernel",
                "uniform",
            ],
            "a window of 9 weeks is longer than the statements' time span (2025-03-01 to 2025-04-30)",
        ),
        (
            &[
                "export",
                "camps.csv",
                "--network",
                "congruence",
                "--window",
                "7d",
                "--step",
                "0d",
                "--kernel",
                "uniform",
            ],
            "invalid value for --step: '0d': a time span must be at least 1",
        ),
        (
            &[
                "export",
                "camps.csv",
                "--window",
                "7d",
                "--kernel",
                "uniform",
            ],
            "not full: choose one with --network",
        ),
        (
            &[
                "export",
                "camps.csv",
                "--network",
                "conflict",
                "--normalize",
                "jaccard",
                "--window",
                "7d",
                "--kernel",
                "uniform",
            ],
            "--normalize jaccard does not apply to kernel slices",
        ),
        (
            &[
                "export",
                "camps.csv",
                "--network",
                "affiliation",
                "--qualifier",
                "combine",
                "--window",
                "7d",
                "--kernel",
                "uniform",
            ],
            "--qualifier combine has no kernel-weighted form",
        ),
        (
            &["polarization", "camps.csv", "--window", "90d"],
            "a window of 90 days is longer",
        ),
        (
            &[
                "polarization",
                "camps.csv",
                "--window",
                "7d",
                "--plot",
                "p.gif",
            ],
            if cfg!(feature = "plot") {
                "--plot p.gif: name an .svg or .png file"
            } else {
                "cargo build --release --features plot"
            },
        ),
        (&["render", "camps.csv", "--indent-time"], "--kernel"),
        (
            &[
                "stats",
                "undated.csv",
                "--window",
                "7d",
                "--kernel",
                "gaussian",
            ],
            "2 statements have none",
        ),
    ];
    for (args, message) in cases {
        let out = stancegraph(dir.path()).args(*args).output().unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{args:?}: {stderr}");
        assert!(stderr.contains(message), "{args:?}: {stderr}");
        assert!(!stderr.contains("panicked"), "{args:?}: {stderr}");
    }
    assert!(!dir.path().join("out").exists(), "nothing written");
}

#[test]
fn stats_give_each_slice_its_ties_coalitions_and_polarization() {
    let data = camps();
    let dir = fixture(&[("camps.csv", data.as_bytes())]);
    let run = |args: &[&str]| -> Value {
        let out = stancegraph(dir.path()).args(args).output().unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        serde_json::from_slice(&out.stdout).unwrap()
    };
    let time = ["--window", "14d", "--step", "7d", "--kernel", "triangular"];
    let stats = run(&[
        &[
            "stats",
            "camps.csv",
            "--json",
            "--coalitions",
            "--polarization",
        ][..],
        &time,
    ]
    .concat());
    let series = run(&[
        &["polarization", "camps.csv", "--json", "--normalize-scores"][..],
        &time,
    ]
    .concat());
    let windows = stats["windows"].as_array().unwrap();
    let steps = series["steps"].as_array().unwrap();
    assert_eq!(windows.len(), 9);
    assert_eq!(windows.len(), steps.len());
    for (w, s) in windows.iter().zip(steps) {
        for key in ["start", "middle", "stop"] {
            assert_eq!(w[key], s[key], "{key}");
        }
        assert_eq!(w["polarization"]["score"], s["score"]);
        assert!(w["statements"].as_u64().unwrap() > 0);
        // The strongest congruence joins two of a camp, the strongest
        // conflict one of each.
        let top = &w["congruence"][0];
        let (a, b) = (
            top["source"].as_str().unwrap(),
            top["target"].as_str().unwrap(),
        );
        assert_ne!(a, b);
        assert_eq!(a.chars().next(), b.chars().next(), "{w}");
        let top = &w["conflict"][0];
        let (a, b) = (
            top["source"].as_str().unwrap(),
            top["target"].as_str().unwrap(),
        );
        assert_ne!(a.chars().next(), b.chars().next(), "{w}");
        assert!(!w["coalitions"].as_array().unwrap().is_empty());
    }
    // The text form lists the same slices.
    let out = stancegraph(dir.path())
        .args(["stats", "camps.csv"])
        .args(time)
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    assert_eq!(text.matches("slice around").count(), 9, "{text}");
}

#[test]
fn render_draws_one_picture_per_slice() {
    if !runs_unless(
        (!tool_available("dot", &["-V"])).then(|| "Graphviz (dot) is missing".to_string()),
    ) {
        return;
    }
    let data = camps();
    let dir = fixture(&[("camps.csv", data.as_bytes())]);
    stancegraph(dir.path())
        .args([
            "render",
            "camps.csv",
            "--network",
            "subtract",
            "--window",
            "20d",
            "--step",
            "20d",
            "--kernel",
            "gaussian",
            "-o",
            "frames",
            "-q",
        ])
        .assert()
        .success();
    let names = files(&dir.path().join("frames"));
    assert_eq!(
        names,
        [
            "subtract.2025-03-01.svg",
            "subtract.2025-03-21.svg",
            "subtract.2025-04-10.svg",
            "subtract.2025-04-30.svg"
        ]
    );
    let svg = std::fs::read_to_string(dir.path().join("frames/subtract.2025-03-21.svg")).unwrap();
    assert!(
        svg.contains("gaussian kernel around 2025&#45;03&#45;21"),
        "{svg}"
    );
    // Windows go to a directory, not to standard output.
    let out = stancegraph(dir.path())
        .args([
            "render",
            "camps.csv",
            "--network",
            "subtract",
            "--window",
            "20d",
            "-o",
            "-",
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
}

#[cfg(not(feature = "plot"))]
#[test]
fn a_build_without_charts_says_how_to_get_them() {
    let data = camps();
    let dir = fixture(&[("camps.csv", data.as_bytes())]);
    let out = stancegraph(dir.path())
        .args([
            "polarization",
            "camps.csv",
            "--window",
            "7d",
            "--plot",
            "p.svg",
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("cargo build --release --features plot"));
    assert!(!dir.path().join("p.svg").exists());
}
