//! `stancegraph render` against the real Graphviz: every network of the seed
//! data in SVG, PNG and PDF with title and legend, a 2,000-actor network,
//! clusters, the strongest edges, a time limit that stops Graphviz, and a
//! clear error when Graphviz is missing.

mod common;

use std::fs;
use std::path::Path;

use common::{fixture, listing, runs_unless, stancegraph, tool_available};
use predicates::prelude::*;

fn graphviz() -> bool {
    tool_available("dot", &["-V"])
}

const NETWORKS: [&str; 6] = [
    "full",
    "affiliation",
    "congruence",
    "conflict",
    "subtract",
    "cooccurrence",
];

/// How many nodes the seed's network of `kind` has, as the library builds
/// it (the picture must draw each, and the legend).
fn seed_nodes(kind: &str) -> usize {
    use stancegraph::load::{Input, LoadOptions, load};
    use stancegraph::network::{Options, build};
    let ds = load(&Input::Embedded, &LoadOptions::default())
        .unwrap()
        .dataset;
    let opts = Options {
        kind: kind.parse().unwrap(),
        ..Options::default()
    };
    build(&ds, &opts).unwrap().network.graph.node_count()
}

/// How many `<g ... class="node">` groups an SVG has.
fn svg_nodes(svg: &str) -> usize {
    svg.matches("class=\"node\"").count()
}

/// Checks that SVG text is well-formed XML.
fn well_formed(svg: &str) {
    let mut reader = quick_xml::Reader::from_str(svg);
    loop {
        match reader.read_event() {
            Ok(quick_xml::events::Event::Eof) => break,
            Ok(_) => {}
            Err(e) => panic!("not well-formed: {e}"),
        }
    }
}

/// The width and height of a PNG.
fn png_size(png: &[u8]) -> (u32, u32) {
    assert!(png.starts_with(b"\x89PNG\r\n\x1a\n"), "not a PNG");
    let be = |b: &[u8]| u32::from_be_bytes([b[0], b[1], b[2], b[3]]);
    (be(&png[16..20]), be(&png[20..24]))
}

#[test]
fn every_seed_network_renders_as_svg_png_and_pdf_with_title_and_legend() {
    if !graphviz() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    for network in NETWORKS {
        let nodes = seed_nodes(network);
        assert!(nodes >= 9, "{network}: {nodes} nodes");
        for format in ["svg", "png", "pdf"] {
            let file = format!("{network}.{format}");
            stancegraph(dir.path())
                .args([
                    "render",
                    "--network",
                    network,
                    "-T",
                    format,
                    "-o",
                    &file,
                    "-q",
                ])
                .assert()
                .success();
            let bytes = fs::read(dir.path().join(&file)).unwrap();
            match format {
                "svg" => {
                    let svg = String::from_utf8(bytes).unwrap();
                    well_formed(&svg);
                    // Every node of the network, and the legend.
                    assert_eq!(svg_nodes(&svg), nodes + 1, "{file}");
                    assert!(svg.contains("<g id=\"legend\" class=\"node\">"), "{file}");
                    assert!(svg.contains("<title>legend</title>"));
                    assert!(
                        svg.contains(&format!("{network} network · 2025&#45;02&#45;12")),
                        "{file}"
                    );
                    // Long labels wrap: the NATO membership stance is two lines.
                    if network == "full" || network == "affiliation" {
                        assert!(svg.contains(">Ukraine should become</text>"), "{file}");
                        assert!(svg.contains(">a member of NATO.</text>"), "{file}");
                    }
                }
                "png" => {
                    let (w, h) = png_size(&bytes);
                    assert!(w > 300 && h > 200, "{file}: {w}×{h}");
                }
                _ => {
                    assert!(bytes.starts_with(b"%PDF-"), "{file}");
                    assert!(bytes.len() > 5_000, "{file}");
                }
            }
        }
    }
    // The default file is out/<network>.svg.
    stancegraph(dir.path())
        .args(["render", "--network", "conflict", "--level", "country"])
        .assert()
        .success()
        .stderr(predicate::str::contains("wrote out/conflict.svg"));
    let svg = fs::read_to_string(dir.path().join("out/conflict.svg")).unwrap();
    assert!(svg.contains("conflict network · by country"), "{svg}");
    assert!(svg.contains(">United States</text>") && svg.contains(">United Kingdom</text>"));
}

#[test]
fn the_layout_suits_the_network_and_can_be_chosen() {
    if !graphviz() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    for (args, engine) in [
        (&["render"][..], "dot"),
        (&["render", "--network", "congruence"], "neato"),
        (
            &["render", "--network", "congruence", "--layout", "circo"],
            "circo",
        ),
        (
            &["render", "--cluster", "country", "--network", "congruence"],
            "fdp",
        ),
    ] {
        stancegraph(dir.path())
            .args(args)
            .args(["-o", "x.svg"])
            .assert()
            .success()
            .stderr(predicate::str::contains(format!("laid out by {engine}\n")));
    }
}

#[test]
fn clusters_draw_actors_in_boxes_by_an_attribute() {
    if !graphviz() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let out = stancegraph(dir.path())
        .args(["render", "--cluster", "country", "-o", "-"])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let svg = String::from_utf8(out.stdout).unwrap();
    well_formed(&svg);
    // Five countries, five boxes, each labelled with its country's name.
    assert_eq!(svg.matches("class=\"cluster\"").count(), 5, "{svg}");
    assert!(svg.contains(">United States</text>"));
    stancegraph(dir.path())
        .args(["render", "--cluster", "party"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "--cluster party: the nodes have no such attribute; use one of country, kind, role, topic",
        ));
    assert!(listing(dir.path()).is_empty());
}

/// A synthetic table: `actors` actors over 60 stances in 12 countries.
fn synthetic(actors: usize) -> String {
    let mut state: u64 = 7;
    let mut next = |n: u64| {
        state = state
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        (state >> 33) % n
    };
    let mut out = String::from("actor,stance,agree,date,country\n");
    for i in 0..actors * 3 {
        let a = if i < actors {
            i as u64
        } else {
            next(actors as u64)
        };
        let s = next(60);
        let agree = if next(10) < 6 { "yes" } else { "no" };
        let day = 1 + next(28);
        out.push_str(&format!(
            "Actor {a},Stance {s},{agree},2025-03-{day:02},C{}\n",
            a % 12
        ));
    }
    out
}

/// The nodes of a synthetic table's full network, counted from the table:
/// its distinct actors, stances and countries.
fn full_nodes(table: &str) -> usize {
    let mut rdr = csv::Reader::from_reader(table.as_bytes());
    let mut distinct = [
        std::collections::BTreeSet::new(),
        std::collections::BTreeSet::new(),
        std::collections::BTreeSet::new(),
    ];
    for r in rdr.records() {
        let r = r.unwrap();
        distinct[0].insert(r[0].to_string());
        distinct[1].insert(r[1].to_string());
        distinct[2].insert(r[4].to_string());
    }
    distinct.iter().map(|d| d.len()).sum()
}

#[test]
fn a_two_thousand_actor_network_renders_with_sfdp_and_its_legend() {
    if !graphviz() {
        return;
    }
    let table = synthetic(2000);
    let nodes = full_nodes(&table);
    assert!(nodes > 2000, "{nodes}");
    let f = fixture(&[("big.csv", table.as_bytes())]);
    for format in ["svg", "png", "pdf"] {
        let file = format!("big.{format}");
        stancegraph(f.path())
            .args(["render", "big.csv", "-T", format, "-o", &file])
            .assert()
            .success()
            .stderr(predicate::str::contains(format!("full: {nodes} nodes")))
            .stderr(predicate::str::contains("laid out by sfdp"));
        let bytes = fs::read(f.path().join(&file)).unwrap();
        match format {
            "svg" => {
                let svg = String::from_utf8(bytes).unwrap();
                well_formed(&svg);
                assert_eq!(svg_nodes(&svg), nodes + 1);
                assert!(svg.contains("<g id=\"legend\" class=\"node\">"));
            }
            // Big bitmaps stay within 40 inches at 96 dpi.
            "png" => {
                let (w, h) = png_size(&bytes);
                assert!(w.max(h) <= 3840 && w.min(h) > 500, "{w}×{h}");
            }
            _ => assert!(bytes.starts_with(b"%PDF-")),
        }
    }
    // Only the strongest edges, and the nodes they join.
    stancegraph(f.path())
        .args([
            "render",
            "big.csv",
            "--network",
            "congruence",
            "--top-edges",
            "300",
            "-o",
            "top.svg",
        ])
        .assert()
        .success()
        .stderr(predicate::str::contains(", 300 edges, laid out by neato"));
    let svg = fs::read_to_string(f.path().join("top.svg")).unwrap();
    assert_eq!(svg.matches("class=\"edge\"").count(), 300);
    assert!(svg.contains("the 300 strongest of "), "the title says so");
}

/// Whether /proc shows the processes (see [`runs_unless`]).
fn proc_available() -> bool {
    runs_unless(
        (!Path::new("/proc/self").exists())
            .then(|| "no /proc to look for processes in".to_string()),
    )
}

/// Whether any process runs with `marker` in its environment.
fn running_with(marker: &str) -> bool {
    fs::read_dir("/proc").unwrap().flatten().any(|e| {
        fs::read(e.path().join("environ"))
            .is_ok_and(|c| String::from_utf8_lossy(&c).contains(marker))
    })
}

#[test]
fn a_time_limit_stops_graphviz_with_a_clear_error() {
    if !graphviz() || !proc_available() {
        return;
    }
    let table = synthetic(2000);
    let nodes = full_nodes(&table);
    let f = fixture(&[("big.csv", table.as_bytes())]);
    // The dot that stancegraph starts inherits this variable: it marks
    // that process and no other.
    let marker = format!("STANCEGRAPH_TEST_RUN={}", f.path().display());
    let started = std::time::Instant::now();
    stancegraph(f.path())
        .env("STANCEGRAPH_TEST_RUN", f.path())
        .args([
            "render",
            "big.csv",
            "--layout",
            "dot",
            "--timeout",
            "1",
            "-o",
            "big.svg",
        ])
        .assert()
        .code(1)
        .stderr(predicate::str::contains(format!(
            "error: Graphviz (dot) did not finish within 1 s on {nodes} nodes and "
        )))
        .stderr(predicate::str::contains(
            " edges, and was stopped; try --top-edges N, --layout sfdp, or a longer --timeout",
        ));
    assert!(started.elapsed().as_secs() < 20, "stopped promptly");
    assert!(!f.path().join("big.svg").exists(), "nothing written");
    assert!(!running_with(&marker), "dot was stopped");
}

/// A time limit kills the Graphviz process the library started, and only
/// that one: a program that uses the library (here, this test) keeps its
/// own child processes. The "Graphviz" is a script that records its
/// process id and sleeps.
#[cfg(unix)]
#[test]
fn a_timeout_kills_only_its_own_graphviz_process() {
    use stancegraph::graphviz::{Engine, Graphviz, RunError};
    use std::os::unix::fs::PermissionsExt;
    use std::time::Duration;

    let dir = tempfile::tempdir().unwrap();
    let pid_file = dir.path().join("pid");
    let script = dir.path().join("slow-dot");
    fs::write(
        &script,
        format!(
            "#!/bin/sh\necho $$ > '{}'\nexec sleep 30\n",
            pid_file.display()
        ),
    )
    .unwrap();
    fs::set_permissions(&script, fs::Permissions::from_mode(0o755)).unwrap();
    let mut sibling = std::process::Command::new("sleep")
        .arg("30")
        .spawn()
        .unwrap();
    let graphviz = Graphviz {
        program: script.into_os_string(),
    };
    let started = std::time::Instant::now();
    let result = graphviz.run(
        Engine::Dot,
        "svg",
        b"digraph { a -> b }",
        Duration::from_millis(500),
    );
    assert!(
        matches!(result, Err(RunError::Timeout(d)) if d == Duration::from_millis(500)),
        "{result:?}"
    );
    assert!(
        started.elapsed() < Duration::from_secs(10),
        "stopped promptly"
    );
    // The sibling lives on.
    assert!(
        sibling.try_wait().unwrap().is_none(),
        "the sibling was killed"
    );
    sibling.kill().unwrap();
    sibling.wait().unwrap();
    // Graphviz's process is gone (killed and reaped, not a zombie).
    let pid: u32 = fs::read_to_string(&pid_file)
        .unwrap()
        .trim()
        .parse()
        .unwrap();
    if proc_available() {
        assert!(
            !Path::new(&format!("/proc/{pid}")).exists(),
            "the timed-out process {pid} still exists"
        );
    }
}

/// A Graphviz that fails says what it printed; one that is not there says
/// so; both as typed errors.
#[cfg(unix)]
#[test]
fn graphviz_failures_are_typed_errors() {
    use stancegraph::graphviz::{Engine, Graphviz, RunError};
    use std::os::unix::fs::PermissionsExt;
    use std::time::Duration;

    let dir = tempfile::tempdir().unwrap();
    let script = dir.path().join("bad-dot");
    fs::write(
        &script,
        "#!/bin/sh\ncat > /dev/null\necho 'syntax error in line 1' >&2\nexit 3\n",
    )
    .unwrap();
    fs::set_permissions(&script, fs::Permissions::from_mode(0o755)).unwrap();
    let limit = Duration::from_secs(20);
    let failed = Graphviz {
        program: script.into_os_string(),
    }
    .run(Engine::Neato, "svg", b"x", limit);
    match failed {
        Err(RunError::Failed { status, message }) => {
            assert_eq!(status.code(), Some(3));
            assert_eq!(message, "syntax error in line 1");
        }
        other => panic!("{other:?}"),
    }
    let missing = Graphviz {
        program: dir.path().join("nothing").into_os_string(),
    }
    .run(Engine::Dot, "svg", b"x", limit);
    assert!(
        matches!(missing, Err(RunError::NotInstalled { .. })),
        "{missing:?}"
    );
}

#[test]
fn without_graphviz_render_says_how_to_install_it() {
    let dir = tempfile::tempdir().unwrap();
    // A PATH without dot.
    let empty = dir.path().join("bin");
    fs::create_dir(&empty).unwrap();
    stancegraph(dir.path())
        .env("PATH", &empty)
        .args(["render", "-o", "x.svg"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains(
            "Graphviz is not installed (no `dot` on PATH); install it (Debian and Ubuntu: apt-get install graphviz",
        ));
    assert_eq!(listing(dir.path()), ["bin"]);
}

/// Weights that normalization makes fractional: A speaks once, B twice and
/// C three times, all agreeing on `s`, so congruence divided by the mean of
/// the two actors' statement counts is 1/1.5, 1/2 and 1/2.5.
const FRACTIONS: &str = "actor,stance,agree\nA,s,yes\nB,s,yes\nB,t,no\nC,s,yes\nC,t,yes\nC,u,yes\n";

/// The texts of an SVG's edge labels.
fn edge_labels(svg: &str) -> Vec<String> {
    svg.split("class=\"edge\"")
        .skip(1)
        .filter_map(|g| {
            // Up to the next node (edges' groups nest their links' groups).
            let g = &g[..g.find("class=\"node\"").unwrap_or(g.len())];
            let start = g.find("<text")?;
            let open = start + g[start..].find('>')? + 1;
            let close = open + g[open..].find("</text>")?;
            Some(g[open..close].to_string())
        })
        .collect()
}

#[test]
fn weights_on_pictures_are_rounded_as_the_dot_export_rounds_pen_widths() {
    if !graphviz() {
        return;
    }
    let f = fixture(&[("f.csv", FRACTIONS.as_bytes())]);
    stancegraph(f.path())
        .args([
            "render",
            "f.csv",
            "--network",
            "congruence",
            "--normalize",
            "average",
            "-o",
            "f.svg",
            "-q",
        ])
        .assert()
        .success();
    let svg = fs::read_to_string(f.path().join("f.svg")).unwrap();
    let mut labels = edge_labels(&svg);
    labels.sort();
    // A–B: 1 / 1.5; A–C: 1 / 2; B–C: (1 + 0) / 2.5 on s, t is opposed.
    assert_eq!(labels, ["0.4", "0.5", "0.67"], "{svg}");
    // The exact weights stay in the DOT export.
    stancegraph(f.path())
        .args([
            "export",
            "f.csv",
            "--network",
            "congruence",
            "--normalize",
            "average",
            "-f",
            "dot",
            "-o",
            "-",
        ])
        .assert()
        .success()
        .stdout(predicate::str::contains("weight=\"0.6666666666666666\""));
}

/// Actors coloured by the data, with the attribute that goes with the
/// colours (as DNA's entity colours go with their Type).
const COLOURED_ACTORS: &str = "id,label,type,color\n\
ngo1,Peace Now,NGO,#e41a1c\n\
gov1,Ministry,Government,#377eb8\n\
ngo2,Aid Watch,NGO,#e41a1c\n";
const COLOURED_STATEMENTS: &str = "actor,stance,agree\nngo1,s,yes\ngov1,s,no\nngo2,s,yes\n";

#[test]
fn the_legend_says_what_the_datas_colours_stand_for() {
    if !graphviz() {
        return;
    }
    let f = fixture(&[
        ("d/actors.csv", COLOURED_ACTORS.as_bytes()),
        ("d/statements.csv", COLOURED_STATEMENTS.as_bytes()),
    ]);
    stancegraph(f.path())
        .args(["render", "d", "-o", "d.svg", "-q"])
        .assert()
        .success();
    let svg = fs::read_to_string(f.path().join("d.svg")).unwrap();
    let legend = &svg[svg.find("id=\"legend\"").expect("a legend")..];
    let legend = &legend[..legend.find("</g>").unwrap()];
    assert!(legend.contains(">type: NGO<"), "{legend}");
    assert!(legend.contains(">type: Government<"), "{legend}");
    assert!(!legend.contains("from the data"), "{legend}");
    // Each colour next to its meaning: the swatch is filled with it.
    assert!(legend.to_lowercase().contains("#e41a1c"), "{legend}");
    // The HTML view's legend says the same.
    stancegraph(f.path())
        .args([
            "export",
            "d",
            "-f",
            "html",
            "-o",
            "o",
            "-q",
            "--html-layout",
            "spring",
        ])
        .assert()
        .success();
    let data = common::view_data(&fs::read_to_string(f.path().join("o/full.html")).unwrap());
    assert_eq!(
        data["colours"],
        serde_json::json!([
            {"color": "#e41a1c", "meaning": "type: NGO"},
            {"color": "#377eb8", "meaning": "type: Government"}
        ])
    );
}

/// `--coalitions` colours each actor by its coalition, names the
/// coalitions in the legend, and leaves the picture as it was without it.
#[test]
fn coalitions_colour_the_actors_and_the_legend_names_them() {
    if !graphviz() {
        return;
    }
    let dir = fixture(&[]);
    let svg = |args: &[&str]| {
        let out = stancegraph(dir.path())
            .args(["render", "--network", "congruence", "-o", "-"])
            .args(args)
            .assert()
            .success();
        String::from_utf8(out.get_output().stdout.clone()).unwrap()
    };
    let plain = svg(&[]);
    let coloured = svg(&["--coalitions"]);
    well_formed(&coloured);
    // The stats say who is in which coalition.
    let out = stancegraph(dir.path())
        .args(["stats", "--coalitions", "--json"])
        .assert()
        .success();
    let stats: serde_json::Value = serde_json::from_slice(&out.get_output().stdout).unwrap();
    let coalitions = stats["coalitions"]["coalitions"].as_array().unwrap();
    assert!(coalitions.len() >= 2);
    // ColorBrewer Set3's first two, as the legend and the nodes use them.
    for (c, colour) in coalitions.iter().zip(["#8dd3c7", "#fb8072"]) {
        let size = c["members"].as_array().unwrap().len();
        let number = c["number"].as_u64().unwrap();
        assert!(
            coloured.contains(&format!("coalition {number} ({size}): ")),
            "the legend names coalition {number}"
        );
        // Each member's node is filled with its coalition's colour.
        for m in c["members"].as_array().unwrap() {
            let label = m["label"].as_str().unwrap();
            let at = coloured
                .find(&format!(
                    "<title>{}</title>",
                    // Graphviz writes hyphens in SVG text as entities.
                    m["id"].as_str().unwrap().replace('-', "&#45;")
                ))
                .unwrap_or_else(|| panic!("{label} is drawn"));
            let node = &coloured[at..at + coloured[at..].find("</g>").unwrap()];
            assert!(
                node.contains(&format!("fill=\"{colour}\"")),
                "{label}: {node}"
            );
        }
        assert!(!plain.contains(colour), "without --coalitions no {colour}");
    }
}
