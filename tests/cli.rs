//! The binary, run as a user runs it: exit codes, files written, messages.

mod common;

use std::fs;

use common::{fixture, listing, stancegraph};
use predicates::prelude::*;

const SEED_FILES: [&str; 11] = [
    "out/full.cyjs",
    "out/full.dot",
    "out/full.edges.csv",
    "out/full.gexf",
    "out/full.gml",
    "out/full.graphml",
    "out/full.html",
    "out/full.json",
    "out/full.net",
    "out/full.nodes.csv",
    "out/full.statements.csv",
];

/// The seed's full network, counted from its tables here (not by
/// stancegraph): nodes are the actors who speak, their countries and the
/// stances spoken about; edges are the distinct (actor, stance, agree)
/// triples, one affiliation per actor with a country and the distinct
/// (actor, target, agree) triples of the statements that name a target.
fn seed_counts() -> (usize, usize, usize) {
    use std::collections::{BTreeMap, BTreeSet};
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("data/nato-ukraine-2025-02");
    let rows = |table: &str| -> Vec<BTreeMap<String, String>> {
        csv::Reader::from_path(dir.join(table))
            .unwrap()
            .deserialize()
            .map(Result::unwrap)
            .collect()
    };
    let statements = rows("statements.csv");
    let country_of: BTreeMap<String, String> = rows("actors.csv")
        .into_iter()
        .filter(|a| !a["country"].is_empty())
        .map(|a| (a["id"].clone(), a["country"].clone()))
        .collect();
    let actors: BTreeSet<&str> = statements.iter().map(|s| s["actor"].as_str()).collect();
    let stances: BTreeSet<&str> = statements.iter().map(|s| s["stance"].as_str()).collect();
    let countries: BTreeSet<&str> = actors
        .iter()
        .filter_map(|a| country_of.get(*a).map(String::as_str))
        .collect();
    let triples: BTreeSet<(&str, &str, &str)> = statements
        .iter()
        .map(|s| {
            (
                s["actor"].as_str(),
                s["stance"].as_str(),
                s["agree"].as_str(),
            )
        })
        .collect();
    let affiliations = actors
        .iter()
        .filter(|a| country_of.contains_key(**a))
        .count();
    let addressed: BTreeSet<(&str, &str, &str)> = statements
        .iter()
        .filter(|s| !s["target"].is_empty())
        .map(|s| {
            (
                s["actor"].as_str(),
                s["target"].as_str(),
                s["agree"].as_str(),
            )
        })
        .collect();
    assert!(!addressed.is_empty(), "the seed codes addressees");
    (
        actors.len() + countries.len() + stances.len(),
        triples.len() + affiliations + addressed.len(),
        statements.len(),
    )
}

#[test]
fn export_without_input_writes_the_seed_network_into_out() {
    let dir = tempfile::tempdir().unwrap();
    let (nodes, edges, statements) = seed_counts();
    assert!(
        nodes > 20 && edges > 30 && statements > 25,
        "the seed is read"
    );
    stancegraph(dir.path())
        .arg("export")
        .assert()
        .success()
        .stderr(predicate::str::contains(format!(
            "full: {nodes} nodes, {edges} edges from {statements} statements"
        )))
        // No progress spinner when stderr is not a terminal.
        .stderr(predicate::str::contains("reading the statements").not());
    let mut expected = vec!["out".to_string()];
    expected.extend(SEED_FILES.iter().map(|s| s.to_string()));
    assert_eq!(listing(dir.path()), expected);
    let nodes = fs::read_to_string(dir.path().join("out/full.nodes.csv")).unwrap();
    assert!(
        nodes.starts_with("Id,Label,kind,country,role,topic,statements,first_date,last_date\n")
    );
    assert!(nodes.contains(
        "\nbarrot,Jean-Noël Barrot,person,fr,Foreign Minister,,2,2025-02-12,2025-02-12\n"
    ));
    let edges = fs::read_to_string(dir.path().join("out/full.edges.csv")).unwrap();
    // The seed codes addressees, so its edges say what they join and the
    // stances of the actor-to-actor ones.
    assert!(edges.starts_with(
        "Source,Target,Type,Kind,Id,Label,Weight,relation,statements,first_date,last_date,sources,quote,edge_kind,stances\n"
    ));
    assert!(
        edges.contains("\nhealey,hegseth,Directed,agree,"),
        "{edges}"
    );
    // Trump's two statements for negotiations make one edge of weight 2.
    assert!(
        edges
            .lines()
            .any(|l| l.starts_with("trump,negotiate-now,Directed,agree,")
                && l.contains(",2,agree,2,")),
        "{edges}"
    );
}

#[test]
fn same_input_same_bytes() {
    let a = tempfile::tempdir().unwrap();
    let b = tempfile::tempdir().unwrap();
    for d in [&a, &b] {
        stancegraph(d.path())
            .args(["export", "-q"])
            .assert()
            .success();
    }
    for f in SEED_FILES {
        assert_eq!(
            fs::read(a.path().join(f)).unwrap(),
            fs::read(b.path().join(f)).unwrap(),
            "{f} differs between runs"
        );
    }
}

#[test]
fn dataset_directory_csv_file_json_and_stdin_give_the_same_graph() {
    let seed = concat!(env!("CARGO_MANIFEST_DIR"), "/data/nato-ukraine-2025-02");
    let dir = tempfile::tempdir().unwrap();
    let built_in = stancegraph(dir.path())
        .args(["export", "-f", "graphml", "-o", "-"])
        .output()
        .unwrap();
    assert!(built_in.status.success());
    let from_dir = stancegraph(dir.path())
        .args(["export", seed, "-f", "graphml", "-o", "-"])
        .output()
        .unwrap();
    assert_eq!(from_dir.stdout, built_in.stdout);

    // The same statements with names instead of ids, as one CSV and as JSON.
    let csv = "actor,stance,agree,country\nPete Hegseth,NATO for Ukraine,no,United States\n\
               John Healey,NATO for Ukraine,yes,United Kingdom\n";
    let json = r#"{"statements": [
        {"actor": "Pete Hegseth", "stance": "NATO for Ukraine", "agree": false, "country": "United States"},
        {"actor": "John Healey", "stance": "NATO for Ukraine", "agree": true, "country": "United Kingdom"}
    ]}"#;
    let f = fixture(&[("s.csv", csv.as_bytes()), ("d.json", json.as_bytes())]);
    let run = |args: &[&str], stdin: Option<&str>| {
        let mut cmd = stancegraph(f.path());
        cmd.args(["export"])
            .args(args)
            .args(["-f", "csv", "-o", "o"]);
        if let Some(s) = stdin {
            cmd.write_stdin(s);
        }
        cmd.assert().success();
        let edges = fs::read_to_string(f.path().join("o/full.edges.csv")).unwrap();
        let nodes = fs::read_to_string(f.path().join("o/full.nodes.csv")).unwrap();
        (nodes, edges)
    };
    let from_csv = run(&["s.csv"], None);
    let from_json = run(&["d.json"], None);
    let from_stdin = run(&["-"], Some(csv));
    assert_eq!(from_csv, from_json);
    assert_eq!(from_csv, from_stdin);
    assert!(
        from_csv
            .0
            .contains("pete-hegseth,Pete Hegseth,person,united-states,,,1,,\n")
    );
    assert!(
        from_csv
            .1
            .contains("john-healey,united-kingdom,Directed,affiliation,")
    );
}

#[test]
fn stdout_takes_one_single_file_format() {
    let dir = tempfile::tempdir().unwrap();
    stancegraph(dir.path())
        .args(["export", "-f", "dot", "-o", "-"])
        .assert()
        .success()
        .stdout(predicate::str::starts_with("digraph \"full\" {"));
    for args in [
        &["-o", "-"][..],
        &["-f", "csv", "-o", "-"],
        &["-f", "dot", "-f", "graphml", "-o", "-"],
    ] {
        stancegraph(dir.path())
            .arg("export")
            .args(args)
            .assert()
            .code(2)
            .stderr(predicate::str::contains("error:"));
    }
    assert!(listing(dir.path()).is_empty());
}

#[test]
fn usage_errors_exit_2() {
    let dir = tempfile::tempdir().unwrap();
    for args in [
        &["export", "--network", "nope"][..],
        &["export", "-f", "png"],
        &["frobnicate"],
    ] {
        stancegraph(dir.path()).args(args).assert().code(2);
    }
}

#[test]
fn help_has_examples_and_version_prints() {
    let dir = tempfile::tempdir().unwrap();
    stancegraph(dir.path())
        .args(["export", "--help"])
        .assert()
        .success()
        .stdout(predicate::str::contains("Examples:"))
        .stdout(predicate::str::contains("-o -"));
    stancegraph(dir.path())
        .arg("--version")
        .assert()
        .success()
        .stdout(predicate::str::starts_with("stancegraph 0.1.0"));
}

#[test]
fn output_naming_an_existing_file_is_an_error_not_an_overwrite() {
    let f = fixture(&[("taken", b"keep me")]);
    stancegraph(f.path())
        .args(["export", "-o", "taken"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains(
            "taken: exists and is not a directory",
        ));
    assert_eq!(fs::read(f.path().join("taken")).unwrap(), b"keep me");
    assert_eq!(listing(f.path()), ["taken"]);
}

#[test]
fn check_prints_a_summary() {
    let dir = tempfile::tempdir().unwrap();
    stancegraph(dir.path())
        .arg("check")
        .assert()
        .success()
        .stdout(predicate::str::contains(
            "actors: 9 (7 persons, 2 organizations, 0 countries)\ncountries: 5\nstances: 12\nstatements: 31 (21 agree, 10 disagree)\n",
        ));
}

#[test]
fn check_lists_every_error_up_to_the_limit() {
    let csv = "actor,stance,agree,date\na,s,maybe,\n,s,yes,\na,s,yes,2025-13-01\na,,no,\n";
    let f = fixture(&[("s.csv", csv.as_bytes())]);
    stancegraph(f.path())
        .args(["check", "s.csv"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains(
            "error: s.csv:2: unknown agree value 'maybe'",
        ))
        .stderr(predicate::str::contains(
            "error: s.csv:3: the actor is empty",
        ))
        .stderr(predicate::str::contains(
            "error: s.csv:4: impossible date '2025-13-01'",
        ))
        .stderr(predicate::str::contains(
            "error: s.csv:5: the stance is empty",
        ))
        .stderr(predicate::str::contains("4 errors found"));
    stancegraph(f.path())
        .args(["check", "s.csv", "--max-errors", "1"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("... and 3 more"))
        .stderr(predicate::str::contains("s.csv:3").not());
}

#[test]
fn bom_and_crlf_input_is_fine() {
    let f = fixture(&[(
        "s.csv",
        b"\xEF\xBB\xBFActor,Stance,Agree\r\nHealey,NATO,yes\r\nHegseth,NATO,no\r\n",
    )]);
    stancegraph(f.path())
        .args(["export", "s.csv", "-f", "csv", "-o", "o"])
        .assert()
        .success();
    let nodes = fs::read_to_string(f.path().join("o/full.nodes.csv")).unwrap();
    assert_eq!(
        nodes,
        "Id,Label,kind,country,role,topic,statements,first_date,last_date\n\
         healey,Healey,person,,,,1,,\n\
         hegseth,Hegseth,person,,,,1,,\n\
         nato,NATO,stance,,,,2,,\n"
    );
}

/// Edges of a CSV edges table as (source, target, relation, weight).
fn edge_rows(path: &std::path::Path) -> Vec<(String, String, String, String)> {
    csv::Reader::from_path(path)
        .unwrap()
        .records()
        .map(|r| {
            let r = r.unwrap();
            (r[0].into(), r[1].into(), r[7].into(), r[6].into())
        })
        .collect()
}

#[test]
fn conflict_network_shows_us_and_european_clashes_at_both_levels() {
    let dir = tempfile::tempdir().unwrap();
    stancegraph(dir.path())
        .args(["export", "--network", "conflict", "-f", "csv", "-q"])
        .assert()
        .success();
    let edges = edge_rows(&dir.path().join("out/conflict.edges.csv"));
    for (a, b) in [
        ("hegseth", "healey"),
        ("trump", "healey"),
        ("hegseth", "nato-allies"),
    ] {
        assert!(
            edges
                .iter()
                .any(|e| e.0 == a && e.1 == b && e.2 == "conflict"),
            "{a} – {b} missing from {edges:?}"
        );
    }
    let out = stancegraph(dir.path())
        .args([
            "export",
            "--network",
            "conflict",
            "--level",
            "country",
            "-f",
            "csv",
        ])
        .output()
        .unwrap();
    assert!(out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    // One warning names the actors that have no country.
    assert_eq!(stderr.matches("warning:").count(), 1, "{stderr}");
    assert!(
        stderr.contains("NATO allies, Ukraine Defense Contact Group"),
        "{stderr}"
    );
    let edges = edge_rows(&dir.path().join("out/conflict.edges.csv"));
    // The United States and the United Kingdom clash twice: Hegseth and Trump
    // against Healey on NATO membership (1 + 1).
    assert!(
        edges.contains(&("us".into(), "gb".into(), "conflict".into(), "2".into())),
        "{edges:?}"
    );
    assert!(edges.iter().all(|e| e.0 != "hegseth"));
}

#[test]
fn options_that_do_not_fit_are_usage_errors() {
    let dir = tempfile::tempdir().unwrap();
    let cases: [(&[&str], &str); 12] = [
        (
            &["--level", "party"],
            "--level party: the dataset has no such actor attribute or statement field; use actor, country, kind, role",
        ),
        (
            &["--field", "medium=TV"],
            "--field medium=...: the statements have no extra fields",
        ),
        (&["--exclude-field", "medium"], "'medium' is not NAME=VALUE"),
        (
            &["--normalize", "average"],
            "--normalize average does not apply to --network full",
        ),
        (
            &["--network", "affiliation", "--normalize", "jaccard"],
            "takes activity or prominence",
        ),
        (
            &["--network", "congruence", "--normalize", "activity"],
            "one-mode networks take average, jaccard or cosine",
        ),
        (
            &["--network", "conflict", "--qualifier", "combine"],
            "--qualifier applies to --network affiliation and interaction only",
        ),
        (
            &["--actor", "Hegsth"],
            "--actor 'Hegsth' matches no actor; closest id: 'hegseth'",
        ),
        (
            &["--exclude-stance", "nope"],
            "--exclude-stance 'nope' matches no stance",
        ),
        (&["--from", "2025-13-01"], "invalid value for --from"),
        (&["--window", "0d"], "a time span must be at least 1"),
        (
            &["--window", "1m", "-o", "-", "-f", "dot"],
            "--window writes one file per window",
        ),
    ];
    for (args, message) in cases {
        stancegraph(dir.path())
            .arg("export")
            .args(args)
            .assert()
            .code(2)
            .stderr(predicate::str::contains(message));
    }
    assert!(listing(dir.path()).is_empty(), "nothing written");
}

#[test]
fn time_windows_write_one_export_per_window() {
    let csv = "actor,stance,agree,date\n\
               a,s,yes,2025-01-01\nb,s,no,2025-01-02\n\
               a,s,yes,2025-01-09\nc,s,yes,2025-01-10\n\
               b,s,no,2025-01-20\n";
    let f = fixture(&[("s.csv", csv.as_bytes())]);
    stancegraph(f.path())
        .args([
            "export",
            "s.csv",
            "--network",
            "conflict",
            "--window",
            "10d",
            "--step",
            "7d",
            "-f",
            "csv",
            "-o",
            "o",
        ])
        .assert()
        .success()
        .stderr(predicate::str::contains(
            "conflict.2025-01-08: 2 nodes, 0 edges from 2 statements",
        ));
    // Windows start every 7 days from the first date, 10 days long, while they
    // start on or before the last date: Jan 1, 8 and 15.
    assert_eq!(
        listing(&f.path().join("o")),
        [
            "conflict.2025-01-01.edges.csv",
            "conflict.2025-01-01.nodes.csv",
            "conflict.2025-01-08.edges.csv",
            "conflict.2025-01-08.nodes.csv",
            "conflict.2025-01-15.edges.csv",
            "conflict.2025-01-15.nodes.csv",
        ]
    );
    // Jan 1 to 10: a and c agree, b disagrees: a–b and b–c clash.
    let first = edge_rows(&f.path().join("o/conflict.2025-01-01.edges.csv"));
    assert_eq!(first.len(), 2, "{first:?}");
    // Jan 8 to 17: only a and c, who agree: no conflict.
    let second = edge_rows(&f.path().join("o/conflict.2025-01-08.edges.csv"));
    assert!(second.is_empty(), "{second:?}");
}

#[test]
fn stats_prints_tables_and_json() {
    let dir = tempfile::tempdir().unwrap();
    stancegraph(dir.path())
        .arg("stats")
        .assert()
        .success()
        .stdout(predicate::str::contains("Most contested stances"))
        .stdout(predicate::str::contains(
            "Ukraine should become a member of NATO. (ukraine-in-nato)",
        ))
        .stdout(predicate::str::contains("Strongest conflict"));
    let out = stancegraph(dir.path())
        .args(["stats", "--json", "--top", "2", "--level", "country"])
        .output()
        .unwrap();
    assert!(out.status.success());
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["counts"]["statements"], 31);
    assert_eq!(v["actors"][0]["id"], "us");
    assert_eq!(v["actors"].as_array().unwrap().len(), 2);
    assert_eq!(v["conflict"][0]["source"], "us");
    assert_eq!(v["conflict"][0]["target"], "gb");
    assert_eq!(v["conflict"][0]["weight"], 2.0);
}

#[test]
fn filters_and_isolates() {
    let dir = tempfile::tempdir().unwrap();
    stancegraph(dir.path())
        .args([
            "export",
            "--network",
            "affiliation",
            "--kind",
            "organization",
            "-f",
            "csv",
            "-q",
        ])
        .assert()
        .success();
    let nodes = fs::read_to_string(dir.path().join("out/affiliation.nodes.csv")).unwrap();
    // Two organizations and the three stances they spoke on.
    assert_eq!(nodes.lines().count(), 1 + 2 + 3, "{nodes}");
    stancegraph(dir.path())
        .args([
            "export",
            "--network",
            "affiliation",
            "--kind",
            "organization",
            "--isolates",
            "-f",
            "csv",
            "-q",
        ])
        .assert()
        .success();
    let nodes = fs::read_to_string(dir.path().join("out/affiliation.nodes.csv")).unwrap();
    assert_eq!(nodes.lines().count(), 1 + 9 + 12, "every actor and stance");
    let edges = edge_rows(&dir.path().join("out/affiliation.edges.csv"));
    assert_eq!(edges.len(), 3, "only the organizations' statements");
}

#[test]
fn the_man_page_and_completions_come_from_the_command_line_definition() {
    let dir = tempfile::tempdir().unwrap();
    let man = stancegraph(dir.path())
        .args(["generate", "man"])
        .output()
        .unwrap();
    assert!(man.status.success());
    let page = String::from_utf8(man.stdout).unwrap();
    assert!(
        page.starts_with(".ie \\n(.g .ds Aq") || page.contains(".TH stancegraph 1"),
        "{page}"
    );
    assert!(page.is_ascii(), "non-ASCII is escaped for roff");
    for section in [
        "STANCEGRAPH EXPORT",
        "STANCEGRAPH RENDER",
        "STANCEGRAPH CHECK",
        "STANCEGRAPH STATS",
    ] {
        assert!(page.contains(section), "{section}");
    }
    assert!(page.contains("\\-\\-top\\-edges"));
    // man reads it without a warning, Σ and all.
    if common::tool_available("man", &["--version"]) {
        let path = dir.path().join("stancegraph.1");
        fs::write(&path, &page).unwrap();
        let out = std::process::Command::new("man")
            .env("MANWIDTH", "100")
            .arg("-l")
            .arg(&path)
            .output()
            .unwrap();
        assert!(out.status.success());
        assert!(
            out.stderr.is_empty(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let text = String::from_utf8_lossy(&out.stdout);
        assert!(text.contains("Σ_s Σ_q c(i,s,q)·c(j,s,q)"), "{text}");
    }

    let bash = stancegraph(dir.path())
        .args(["generate", "complete-bash"])
        .output()
        .unwrap();
    assert!(bash.status.success());
    let script = dir.path().join("stancegraph.bash");
    fs::write(&script, &bash.stdout).unwrap();
    if common::tool_available("bash", &["--version"]) {
        // Completing as bash does: the subcommand, then an option of it.
        let complete = |words: &str| {
            let line = format!(
                "source {}; COMP_WORDS=({words}); COMP_CWORD=$((${{#COMP_WORDS[@]}} - 1)); _stancegraph stancegraph \"${{COMP_WORDS[-1]}}\" \"${{COMP_WORDS[-2]}}\"; echo \"${{COMPREPLY[@]}}\"",
                script.display()
            );
            let out = std::process::Command::new("bash")
                .arg("-c")
                .arg(line)
                .output()
                .unwrap();
            assert!(
                out.status.success(),
                "{}",
                String::from_utf8_lossy(&out.stderr)
            );
            String::from_utf8(out.stdout).unwrap()
        };
        assert!(
            complete("stancegraph ren")
                .split_whitespace()
                .any(|w| w == "render")
        );
        let options = complete("stancegraph render --top");
        assert!(
            options.split_whitespace().any(|w| w == "--top-edges"),
            "{options}"
        );
    }
    for shell in [
        "complete-zsh",
        "complete-fish",
        "complete-powershell",
        "complete-elvish",
    ] {
        let out = stancegraph(dir.path())
            .args(["generate", shell])
            .output()
            .unwrap();
        assert!(
            out.status.success() && String::from_utf8_lossy(&out.stdout).contains("render"),
            "{shell}"
        );
    }
}

#[test]
fn a_count_column_makes_a_row_stand_for_that_many_statements() {
    let csv = "actor,stance,agree,count\nA,s,yes,3\nA,s,yes,\nB,s,no,2\n";
    let f = fixture(&[("s.csv", csv.as_bytes())]);
    stancegraph(f.path())
        .args([
            "export",
            "s.csv",
            "-f",
            "csv",
            "-f",
            "statements",
            "-o",
            "o",
        ])
        .assert()
        .success()
        .stderr(predicate::str::contains(
            "full: 3 nodes, 2 edges from 6 statements",
        ));
    let edges = fs::read_to_string(f.path().join("o/full.edges.csv")).unwrap();
    assert!(
        edges.contains("\na,s,Directed,agree,e0,agree,4,agree,4,"),
        "{edges}"
    );
    assert!(
        edges.contains("\nb,s,Directed,disagree,e1,disagree,2,disagree,2,"),
        "{edges}"
    );
    // The event list keeps the counts, and reads back to the same network.
    let events = fs::read_to_string(f.path().join("o/full.statements.csv")).unwrap();
    assert!(
        events.lines().next().unwrap().ends_with(",quote,count"),
        "{events}"
    );
    stancegraph(f.path())
        .args([
            "export",
            "o/full.statements.csv",
            "-f",
            "csv",
            "-o",
            "again",
        ])
        .assert()
        .success();
    assert_eq!(
        fs::read_to_string(f.path().join("again/full.edges.csv")).unwrap(),
        edges
    );
    stancegraph(f.path())
        .args(["check", "s.csv"])
        .assert()
        .success()
        .stdout(predicate::str::contains(
            "statements: 6 (4 agree, 2 disagree)",
        ));
}

/// A build without the `parquet` feature says how to get Parquet, and
/// writes nothing.
#[cfg(not(feature = "parquet"))]
#[test]
fn parquet_without_the_feature_says_how_to_build_it() {
    let dir = tempfile::tempdir().unwrap();
    let out = common::stancegraph(dir.path())
        .args(["export", "-f", "parquet", "-o", "out"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("--features parquet"), "{stderr}");
    assert!(!dir.path().join("out").exists());
    std::fs::write(dir.path().join("s.parquet"), b"PAR1").unwrap();
    let out = common::stancegraph(dir.path())
        .args(["check", "s.parquet"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("--features parquet"));
}
