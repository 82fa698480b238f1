//! Event data as downloaded (`--preset gdelt|acled`): files built to the
//! GDELT 2.0 Event Codebook's and the ACLED codebook's layouts
//! (`gdelt_fixture.py`, `acled_fixture.py`) give the interaction network
//! that pandas computes by the README's mapping (`preset_check.py`), read
//! back by NetworkX and igraph; GDELT 1.0's layouts and `.zip` files give
//! the same network; bad files fail with their file and line.

mod common;

use std::fs;
use std::path::Path;

use common::{networkx_available, python, stancegraph, succeeded, tool_available};

/// Runs a fixture writer: `script ROWS OUT SEED [extra]`.
fn fixture(script: &str, rows: usize, out: &Path, seed: u64, extra: &[&str]) {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/");
    let mut args = vec![format!("{path}{script}"), rows.to_string()];
    args.push(out.to_str().unwrap().to_string());
    args.push(seed.to_string());
    args.extend(extra.iter().map(|s| s.to_string()));
    let status = std::process::Command::new("python3")
        .args(&args)
        .status()
        .unwrap();
    assert!(status.success());
}

fn pandas_available() -> bool {
    networkx_available() && tool_available("python3", &["-c", "import pandas, igraph"])
}

/// Exports the interaction network of `raw` read with `preset` as GraphML
/// into `dir/out`; returns stderr.
fn export(dir: &Path, raw: &Path, preset: &str, out: &str, extra: &[&str]) -> String {
    let done = succeeded(
        stancegraph(dir)
            .arg("export")
            .arg(raw)
            .args([
                "--preset",
                preset,
                "--network",
                "interaction",
                "-f",
                "graphml",
                "-f",
                "json",
            ])
            .args(["-o", out])
            .args(extra)
            .output()
            .unwrap(),
    );
    String::from_utf8(done.stderr).unwrap()
}

/// pandas, NetworkX and igraph on the same network; returns the pandas
/// count of events without an actor.
fn check(preset: &str, raw: &Path, graphml: &Path, overrides: &str) -> u64 {
    let got: serde_json::Value = serde_json::from_str(&python(
        &format!(
            "import runpy, sys; sys.argv = ['x'] + sys.argv[1:]; runpy.run_path('{}', run_name='__main__')",
            concat!(env!("CARGO_MANIFEST_DIR"), "/tests/preset_check.py")
        ),
        &[
            preset,
            raw.to_str().unwrap(),
            graphml.to_str().unwrap(),
            overrides,
        ],
    ))
    .unwrap();
    assert!(got["pandas"].as_array().unwrap().len() > 20, "{got}");
    assert_eq!(got["networkx"], got["pandas"]);
    assert_eq!(got["igraph"], got["pandas"]);
    got["skipped"].as_u64().unwrap()
}

#[test]
fn a_gdelt_export_in_every_layout_gives_the_network_pandas_gives() {
    if !pandas_available() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let v2 = dir.path().join("20250201.export.CSV");
    fixture("gdelt_fixture.py", 3000, &v2, 11, &[]);
    // GDELT 1.0: no ADM2Code in the three geography blocks (58 columns);
    // before April 2013 no SOURCEURL either (57); and 2.0 as GDELT zips it.
    python(
        r#"
import sys, zipfile
src, d = sys.argv[1], sys.argv[2]
lines = open(src, encoding="utf-8").read().split("\n")[:-1]
for name, drop in (("v1.CSV", {39, 47, 55}), ("v1old.CSV", {39, 47, 55, 60})):
    with open(f"{d}/{name}", "w", encoding="utf-8") as f:
        for line in lines:
            cells = line.split("\t")
            f.write("\t".join(c for i, c in enumerate(cells) if i not in drop) + "\n")
with zipfile.ZipFile(f"{d}/20250201.export.CSV.zip", "w", zipfile.ZIP_DEFLATED) as z:
    z.write(src, "20250201.export.CSV")
with zipfile.ZipFile(f"{d}/two.zip", "w") as z:
    z.write(src, "a.CSV")
    z.write(src, "b.CSV")
"#,
        &[v2.to_str().unwrap(), dir.path().to_str().unwrap()],
    );
    let cases = [
        (
            "20250201.export.CSV",
            "o2",
            "a GDELT 2.0 events export (61 columns)",
        ),
        ("v1.CSV", "o1", "a GDELT 1.0 events file (58 columns)"),
        (
            "v1old.CSV",
            "o0",
            "a GDELT 1.0 events file of before April 2013 (57 columns, no SOURCEURL)",
        ),
        (
            "20250201.export.CSV.zip",
            "oz",
            "a GDELT 2.0 events export (61 columns)",
        ),
    ];
    for (file, out, version) in cases {
        let raw = dir.path().join(file);
        let stderr = export(dir.path(), &raw, "gdelt", out, &[]);
        assert!(stderr.contains(&format!("read as {version}")), "{stderr}");
        let graphml = dir.path().join(out).join("interaction.graphml");
        // pandas reads the plain file the zip holds.
        let plain = if file.ends_with(".zip") { &v2 } else { &raw };
        let skipped = check("gdelt", plain, &graphml, "");
        assert!(skipped > 100, "the fixture leaves actor 1 out of some rows");
        assert!(
            stderr.contains(&format!(
                "skipped {skipped} events without an actor (no Actor1Name and no Actor1Code"
            )),
            "{stderr}"
        );
    }
    let two = stancegraph(dir.path())
        .args(["check", "two.zip", "--preset", "gdelt"])
        .output()
        .unwrap();
    assert_eq!(two.status.code(), Some(1));
    let err = String::from_utf8(two.stderr).unwrap();
    assert!(
        err.contains("two.zip: the archive holds 2 files; it must hold the one export file"),
        "{err}"
    );
    // The same events make the same network in every layout; only the
    // 57-column file lacks the sources.
    let read = |out: &str| fs::read(dir.path().join(out).join("interaction.graphml")).unwrap();
    assert_eq!(read("oz"), read("o2"));
    assert_eq!(read("o1"), read("o2"));
    assert_ne!(read("o0"), read("o2"));

    // Every event's fields, in the event list: the codebook's names.
    succeeded(
        stancegraph(dir.path())
            .arg("export")
            .arg(&v2)
            .args(["--preset", "gdelt", "-f", "statements", "-o", "ev"])
            .output()
            .unwrap(),
    );
    let events = fs::read_to_string(dir.path().join("ev/full.statements.csv")).unwrap();
    let header = events.lines().next().unwrap();
    for column in [
        "id,date,actor",
        "source",
        "target,target_label",
        "EventCode,GoldsteinScale,NumMentions,NumSources,NumArticles,AvgTone",
        "ActionGeo_FullName,ActionGeo_CountryCode",
    ] {
        assert!(header.contains(column), "{column}: {header}");
    }
    // An event read: its id, date, source URL and Goldstein score.
    let raw = fs::read_to_string(&v2).unwrap();
    let cells: Vec<&str> = raw
        .lines()
        .map(|l| l.split('\t').collect::<Vec<_>>())
        .find(|c| !c[6].is_empty())
        .unwrap();
    let d = cells[1];
    let date = format!("{}-{}-{}", &d[..4], &d[4..6], &d[6..]);
    let row = events
        .lines()
        .find(|r| r.starts_with(&format!("{},{date},", cells[0])))
        .unwrap_or_else(|| panic!("{cells:?}"));
    assert!(row.contains(cells[60]) && row.contains(cells[30]), "{row}");
}

#[test]
fn an_acled_export_gives_the_network_pandas_gives_with_its_polarity_mapping() {
    if !pandas_available() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let raw = dir.path().join("acled.csv");
    fixture("acled_fixture.py", 2000, &raw, 5, &[]);
    let long = dir.path().join("acled-long-dates.csv");
    fixture("acled_fixture.py", 2000, &long, 5, &["--long-dates"]);
    let stderr = export(dir.path(), &raw, "acled", "o", &[]);
    let graphml = dir.path().join("o/interaction.graphml");
    let skipped = check("acled", &raw, &graphml, "");
    assert!(skipped > 0);
    assert!(
        stderr.contains(&format!(
            "skipped {skipped} events without an actor (no actor1"
        )),
        "{stderr}"
    );
    // Older exports' dates make the same network.
    export(dir.path(), &long, "acled", "ol", &[]);
    assert_eq!(
        fs::read(&graphml).unwrap(),
        fs::read(dir.path().join("ol/interaction.graphml")).unwrap()
    );
    // A sub-event type and an event type given another polarity.
    let overrides = "Peaceful protest=agree,battles=agree,Grenade=disagree";
    let stderr = export(
        dir.path(),
        &raw,
        "acled",
        "ov",
        &["--acled-polarity", overrides],
    );
    assert!(!stderr.contains("--acled-polarity names"), "{stderr}");
    let overridden = dir.path().join("ov/interaction.graphml");
    check("acled", &raw, &overridden, overrides);
    assert_ne!(fs::read(&graphml).unwrap(), fs::read(&overridden).unwrap());
    // A type no event has is said.
    let stderr = export(
        dir.path(),
        &raw,
        "acled",
        "ow",
        &["--acled-polarity", "Peacefull protest=agree"],
    );
    assert!(
        stderr.contains("--acled-polarity names the type 'Peacefull protest', which no event has"),
        "{stderr}"
    );

    // The notes are the quotes, the event's country a field.
    let json: serde_json::Value =
        serde_json::from_slice(&fs::read(dir.path().join("o/interaction.json")).unwrap()).unwrap();
    let quotes: Vec<&str> = json["edges"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|e| e["quote"].as_str())
        .collect();
    assert!(!quotes.is_empty());
    let text = fs::read_to_string(&raw).unwrap();
    for q in quotes {
        assert!(
            q.starts_with("On ") && text.contains(&q.replace('"', "\"\"")),
            "{q}"
        );
    }
}

/// Runs `check` on `file` in `dir` with the arguments; returns (exit code,
/// stderr), after checking nothing was written.
fn fails(dir: &Path, args: &[&str]) -> (i32, String) {
    let out = stancegraph(dir)
        .arg("export")
        .args(args)
        .args(["-o", "out"])
        .output()
        .unwrap();
    assert!(!dir.join("out").exists(), "nothing is written");
    (
        out.status.code().unwrap(),
        String::from_utf8(out.stderr).unwrap(),
    )
}

#[test]
fn bad_event_files_fail_with_their_file_line_and_what_was_expected() {
    let dir = tempfile::tempdir().unwrap();
    let line = |cells: &[(usize, &str)], n: usize| {
        let mut row = vec![""; n];
        for (i, v) in cells.iter().filter(|(i, _)| *i < n) {
            row[*i] = v;
        }
        row.join("\t")
    };
    let good = [
        (0, "1"),
        (1, "20250203"),
        (6, "RUSSIA"),
        (7, "RUS"),
        (16, "UKRAINE"),
        (17, "UKR"),
        (26, "190"),
        (28, "19"),
        (29, "4"),
        (30, "-10.0"),
    ];
    let write = |name: &str, lines: &[String]| {
        fs::write(dir.path().join(name), lines.join("\n") + "\n").unwrap();
    };
    // Another column count: a GDELT mentions file has 16.
    write("mentions.CSV", &[line(&good, 16), line(&good, 16)]);
    let (code, err) = fails(dir.path(), &["mentions.CSV", "--preset", "gdelt"]);
    assert_eq!(code, 1);
    assert!(
        err.contains("mentions.CSV:1: this line has 16 tab-separated columns; a GDELT events file has 61 (GDELT 2.0) or 57 or 58 (GDELT 1.0)"),
        "{err}"
    );
    // A line that lost a column, and a QuadClass that is no number.
    let mut quad = good;
    quad[8] = (29, "x");
    write(
        "20250203.export.CSV",
        &[
            line(&good, 61),
            line(&good, 60),
            line(&good, 61),
            line(&quad, 61),
        ],
    );
    let (code, err) = fails(dir.path(), &["20250203.export.CSV", "--preset", "gdelt"]);
    assert_eq!(code, 1);
    assert!(
        err.contains(
            "20250203.export.CSV:2: this line has 60 columns, but the file's first line has 61"
        ),
        "{err}"
    );
    assert!(
        err.contains(
            "20250203.export.CSV:4: QuadClass 'x' (column 30) is not a number from 1 to 4"
        ),
        "{err}"
    );
    // An ACLED export without actor2, in Windows line ends.
    fs::write(
        dir.path().join("acled.csv"),
        "event_id_cnty,event_date,event_type,sub_event_type,actor1,country\r\nUKR1,2024-03-01,Battles,Armed clash,A,Ukraine\r\n",
    )
    .unwrap();
    let (code, err) = fails(dir.path(), &["acled.csv", "--preset", "acled"]);
    assert_eq!(code, 1);
    assert!(
        err.contains("acled.csv:1: missing ACLED column actor2 in the header (found: event_id_cnty, event_date, event_type, sub_event_type, actor1, country)"),
        "{err}"
    );
    fs::write(
        dir.path().join("acled2.csv"),
        "event_date,event_type,sub_event_type,actor1,actor2\r\n2024-03-01,Battles,Armed clash,A,B\r\n30 Febru 2024,Battles,Armed clash,A,B\r\n",
    )
    .unwrap();
    let (_, err) = fails(dir.path(), &["acled2.csv", "--preset", "acled"]);
    assert!(
        err.contains("acled2.csv:3: event_date '30 Febru 2024' is not a date ACLED writes"),
        "{err}"
    );
    // A preset names a file; the ACLED mapping goes with ACLED.
    let (code, err) = fails(dir.path(), &[".", "--preset", "acled"]);
    assert_eq!(code, 1);
    assert!(
        err.contains("--preset acled reads the file ACLED publishes"),
        "{err}"
    );
    let (code, err) = fails(
        dir.path(),
        &[
            "acled.csv",
            "--preset",
            "gdelt",
            "--acled-polarity",
            "Riots=agree",
        ],
    );
    assert_eq!(code, 2);
    assert!(err.contains("it goes with --preset acled"), "{err}");
    let (code, err) = fails(
        dir.path(),
        &["acled.csv", "--preset", "acled", "--delimiter", ";"],
    );
    assert_eq!(code, 2);
    assert!(
        err.contains(
            "--preset acled reads the dataset's own layout; --delimiter does not go with it"
        ),
        "{err}"
    );
    // A file that is no zip.
    fs::write(dir.path().join("fake.zip"), "not a zip").unwrap();
    let (code, err) = fails(dir.path(), &["fake.zip", "--preset", "gdelt"]);
    assert_eq!(code, 1);
    assert!(
        err.contains("fake.zip: not a readable zip archive"),
        "{err}"
    );
}

#[test]
fn generic_gdelt_actors_keep_their_first_country_and_every_event_its_own() {
    let dir = tempfile::tempdir().unwrap();
    let event = |id: &str, actor: &str, country: &str, target: &str, tcountry: &str| {
        let mut row = vec![""; 61];
        for (i, v) in [
            (0, id),
            (1, "20250203"),
            (5, country),
            (6, actor),
            (7, country),
            (16, target),
            (17, tcountry),
            (26, "173"),
            (28, "17"),
            (29, "4"),
        ] {
            row[i] = v;
        }
        row.join("\t")
    };
    let lines = [
        event("1", "POLICE", "IND", "PROTESTER", "IND"),
        event("2", "POLICE", "USA", "PROTESTER", "USA"),
        event("3", "PROTESTER", "FRA", "POLICE", "FRA"),
        event("4", "UNITED STATES", "USA", "RUSSIA", "RUS"),
    ];
    fs::write(dir.path().join("e.CSV"), lines.join("\n") + "\n").unwrap();
    let out = succeeded(
        stancegraph(dir.path())
            .args([
                "export",
                "e.CSV",
                "--preset",
                "gdelt",
                "-f",
                "statements",
                "-f",
                "json",
            ])
            .args(["--network", "interaction", "-o", "o"])
            .output()
            .unwrap(),
    );
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(
        stderr.contains("warning: e.CSV: 2 actors are coded with more than one country (GDELT names roles such as POLICE in many countries); each keeps the first as its country"),
        "{stderr}"
    );
    assert!(
        stderr
            .contains("actor 'POLICE' has country 'USA' here but 'IND' at e.CSV:1 (here: e.CSV:2)"),
        "{stderr}"
    );
    let events = fs::read_to_string(dir.path().join("o/interaction.statements.csv"))
        .or_else(|_| fs::read_to_string(dir.path().join("o/full.statements.csv")))
        .unwrap();
    let rows: Vec<&str> = events.lines().collect();
    // POLICE is Indian (its first), RUSSIA has its own country as a
    // target; the second event keeps USA as its own.
    assert!(
        rows[2].contains(",police,POLICE,organization,ind,IND,"),
        "{}",
        rows[2]
    );
    assert!(rows[2].contains(",USA,USA,"), "{}", rows[2]);
    let json: serde_json::Value =
        serde_json::from_slice(&fs::read(dir.path().join("o/interaction.json")).unwrap()).unwrap();
    let russia = json["nodes"]
        .as_array()
        .unwrap()
        .iter()
        .find(|n| n["label"] == "RUSSIA")
        .unwrap();
    assert_eq!(russia["country"], "rus", "{russia}");
    assert_eq!(russia["kind"], "organization", "{russia}");
}
