//! The HTML view in a real browser: headless Chromium, driven by
//! playwright-core (`tests/browser/view.mjs`), opens the page from disk and
//! does what a person does: looks, clicks a node, unticks a relation,
//! picks a topic, moves the time slider, searches. Skipped with a printed
//! reason when Node.js, playwright-core (`npm ci` in tests/browser) or
//! Chromium is missing, unless STANCEGRAPH_CONFORMANCE=1.

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;

use common::{fixture, runs_unless, stancegraph};
use serde_json::Value;

/// Whether the browser and its driver are there (or why not).
fn browser_available() -> bool {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/browser");
    let chromium = std::env::var("CHROMIUM").unwrap_or_else(|_| "/usr/bin/chromium".into());
    let reason = if !Command::new("node")
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success())
    {
        Some("node does not run".to_string())
    } else if !dir.join("node_modules/playwright-core").is_dir() {
        Some(format!(
            "playwright-core is not installed (run npm ci in {})",
            dir.display()
        ))
    } else if !Path::new(&chromium).exists() {
        Some(format!(
            "no Chromium at {chromium} (apt-get install chromium)"
        ))
    } else {
        None
    };
    runs_unless(reason)
}

/// Opens a page in Chromium with the given actions; returns the report.
fn browse(page: &Path, actions: &[&str]) -> Value {
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/browser/view.mjs");
    let out = Command::new("node")
        .arg(script)
        .arg(page)
        .args(actions)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "the browser run failed:\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap()
}

/// Exports the HTML view of `input` (the seed dataset when `None`) with
/// more arguments; returns the directory and the page.
fn export(
    files: &[(&str, &[u8])],
    input: Option<&str>,
    args: &[&str],
) -> (tempfile::TempDir, PathBuf) {
    let dir = fixture(files);
    let mut cmd = stancegraph(dir.path());
    cmd.arg("export");
    if let Some(i) = input {
        cmd.arg(i);
    }
    cmd.args(["-f", "html", "-o", "o", "-q"])
        .args(args)
        .assert()
        .success();
    let name = std::fs::read_dir(dir.path().join("o"))
        .unwrap()
        .next()
        .unwrap()
        .unwrap()
        .path();
    (dir, name)
}

fn assert_clean(report: &Value) {
    assert_eq!(report["errors"], serde_json::json!([]), "console errors");
    assert_eq!(
        report["dialogs"],
        serde_json::json!([]),
        "no script ran from a label"
    );
    assert_eq!(
        report["requests"],
        serde_json::json!([]),
        "the page fetched nothing"
    );
    assert_eq!(report["pwned"], false);
}

#[test]
fn the_seed_network_shows_its_nodes_and_hegseths_quotes() {
    if !browser_available() {
        return;
    }
    let (dir, page) = export(&[], None, &[]);
    let shot = dir.path().join("view.png");
    let report = browse(
        &page,
        &[
            "--click",
            "hegseth",
            "--uncheck",
            "agree",
            "--search",
            "zelen",
            "--screenshot",
            shot.to_str().unwrap(),
        ],
    );
    assert_clean(&report);
    // Every node and edge of the full network is drawn: 36 on stances and
    // countries, 6 between actors (the addressees the seed codes).
    assert_eq!(report["initial"]["nodes"], 26);
    assert_eq!(report["initial"]["edges"], 42);
    assert_eq!(report["data"]["nodes"], 26);
    // A click on Hegseth shows his nine statements with their quotes.
    assert_eq!(report["heading"], "Pete Hegseth");
    let quotes: Vec<&str> = report["quotes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|q| q.as_str().unwrap())
        .collect();
    assert_eq!(quotes.len(), 9, "{quotes:?}");
    assert!(quotes.contains(
        &"The United States does not believe that NATO membership for Ukraine is a realistic outcome of a negotiated settlement"
    ));
    // Without agreement, only disagreement and affiliation edges remain:
    // 10 disagree on stances, 1 disagree toward the contact group and 7
    // affiliation.
    assert_eq!(report["unchecked"]["edges"], 18);
    assert!(report["unchecked"]["nodes"].as_u64().unwrap() < 26);
    // The search finds Zelenskyy and shows him.
    assert_eq!(report["hits"], serde_json::json!(["Volodymyr Zelenskyy"]));
    assert_eq!(report["searchHeading"], "Volodymyr Zelenskyy");
    let png = std::fs::read(&shot).unwrap();
    assert!(png.starts_with(b"\x89PNG") && png.len() > 20_000);
}

/// Dated statements over three days and two topics, with labels that
/// would run as script or break markup if they were treated as HTML.
const HOSTILE: &str = "actor,stance,agree,date,quote\n\
\"</script><script>alert(1)</script>\",s1,yes,2025-01-01,\"<img src=x onerror=alert(2)>\"\n\
\"\"\" onmouseover=\"\"alert(3)\",s1,no,2025-01-01,ok\n\
\"<img src=x onerror=\"\"window.__pwned=true\"\">\",s2,yes,2025-01-05,\"&lt;b&gt;\"\n\
\"</script><script>alert(1)</script>\",s2,no,2025-01-09,\"'); alert(4); ('\"\n\
plain,s3,yes,2025-01-09,fine\n";

const HOSTILE_STANCES: &str =
    "id,label,topic\ns1,First <b>stance</b>,alpha\ns2,Second,beta\ns3,Third,alpha\n";

#[test]
fn hostile_labels_stay_text_and_the_slider_and_topic_filter_change_the_drawing() {
    if !browser_available() {
        return;
    }
    let (_dir, page) = export(
        &[
            ("d/statements.csv", HOSTILE.as_bytes()),
            ("d/stances.csv", HOSTILE_STANCES.as_bytes()),
        ],
        Some("d"),
        &[],
    );
    let report = browse(
        &page,
        &[
            "--click",
            "script-script-alert-1-script",
            "--slider",
            "0",
            "--search",
            "</script>",
        ],
    );
    assert_clean(&report);
    let labels = &report["data"]["labels"];
    for label in [
        "</script><script>alert(1)</script>",
        "\" onmouseover=\"alert(3)",
        "<img src=x onerror=\"window.__pwned=true\">",
        "First <b>stance</b>",
    ] {
        assert!(
            labels.as_array().unwrap().contains(&Value::from(label)),
            "{label} in {labels}"
        );
    }
    // The clicked node's name and quotes show exactly as written.
    assert_eq!(report["heading"], "</script><script>alert(1)</script>");
    let quotes = report["quotes"].as_array().unwrap();
    assert!(
        quotes.contains(&Value::from("<img src=x onerror=alert(2)>")),
        "{quotes:?}"
    );
    assert!(
        quotes.contains(&Value::from("'); alert(4); ('")),
        "{quotes:?}"
    );
    // Five edges in all; on the first day only the two on s1.
    assert_eq!(report["initial"]["edges"], 5);
    assert_eq!(report["sliderVisible"], true);
    assert_eq!(report["sliderDate"], "2025-01-01");
    assert_eq!(report["slid"]["edges"], 2);
    assert_eq!(
        report["hits"],
        serde_json::json!(["</script><script>alert(1)</script>"])
    );
    assert_eq!(
        report["searchHeading"],
        "</script><script>alert(1)</script>"
    );

    let report = browse(&page, &["--topic", "beta"]);
    assert_clean(&report);
    // Topic beta is stance s2: two edges.
    assert_eq!(report["topic"]["edges"], 2);
}

#[test]
fn one_mode_networks_draw_their_ties_and_show_the_statements_behind_one() {
    if !browser_available() {
        return;
    }
    let (_dir, page) = export(&[], None, &["--network", "subtract"]);
    let report = browse(&page, &["--click", "trump", "--uncheck", "subtract"]);
    assert_clean(&report);
    assert_eq!(report["initial"]["nodes"], 9);
    assert_eq!(report["initial"]["edges"], 18);
    assert_eq!(report["heading"], "Donald Trump");
    assert_eq!(report["unchecked"]["edges"], 0);
}

#[test]
fn the_spring_layout_gives_the_same_page_with_or_without_graphviz() {
    let f = fixture(&[]);
    let run = |path: &str, out: &str| {
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_stancegraph"));
        cmd.env("PATH", path).current_dir(f.path()).args([
            "export",
            "-q",
            "-f",
            "html",
            "--html-layout",
            "spring",
            "-o",
            out,
        ]);
        assert!(cmd.status().unwrap().success());
        std::fs::read(f.path().join(out).join("full.html")).unwrap()
    };
    let with = run(&std::env::var("PATH").unwrap_or_default(), "with");
    let without = run("", "without");
    assert_eq!(with, without);
    assert!(String::from_utf8(with).unwrap().contains("spring layout"));
}

/// The page template's own placeholders and text, in a label, a stance and
/// the quotes: the page is filled in one pass, so each comes out exactly as
/// written, and the embedded data still parses.
const PLACEHOLDERS: &str = "actor,stance,agree,date,quote\n\
\"{{title}} {{data}}\",\"{{script}} stance\",yes,2025-01-01,\"{{data}} and {{script}}\"\n\
\"{{title}} {{data}}\",other,no,2025-01-02,\"{{style}}{{title}}<script type=\"\"application/json\"\" id=\"\"sg-data\"\">\"\n\
plain,other,yes,2025-01-02,\"}}{{\"\n";

#[test]
fn text_that_looks_like_the_templates_placeholders_shows_exactly() {
    if !browser_available() {
        return;
    }
    let (_dir, page) = export(&[("p.csv", PLACEHOLDERS.as_bytes())], Some("p.csv"), &[]);
    let html = std::fs::read_to_string(&page).unwrap();
    // The template's placeholders are all filled, once each.
    assert_eq!(
        html.matches("<script").count(),
        2,
        "one data and one code script"
    );
    let report = browse(&page, &["--click", "title-data"]);
    assert_clean(&report);
    let labels = report["data"]["labels"].as_array().unwrap();
    for label in ["{{title}} {{data}}", "{{script}} stance", "other", "plain"] {
        assert!(
            labels.contains(&Value::from(label)),
            "{label} in {labels:?}"
        );
    }
    assert_eq!(report["heading"], "{{title}} {{data}}");
    let quotes = report["quotes"].as_array().unwrap();
    for quote in [
        "{{data}} and {{script}}",
        "{{style}}{{title}}<script type=\"application/json\" id=\"sg-data\">",
    ] {
        assert!(
            quotes.contains(&Value::from(quote)),
            "{quote} in {quotes:?}"
        );
    }
    assert_eq!(report["initial"]["edges"], 3);
    assert!(
        report["title"]
            .as_str()
            .unwrap()
            .starts_with("p.csv · full network"),
        "{}",
        report["title"]
    );
}

#[test]
fn coalitions_colour_the_view_and_filter_it_to_one() {
    if !browser_available() {
        return;
    }
    let (_dir, page) = export(
        &[],
        None,
        &[
            "--network",
            "congruence",
            "--coalitions",
            "--html-layout",
            "spring",
        ],
    );
    let data = common::view_data(&std::fs::read_to_string(&page).unwrap());
    // Every actor with ties has a coalition; one colour per coalition.
    let nodes = data["nodes"].as_array().unwrap();
    let mut colour_of = std::collections::HashMap::new();
    for n in nodes {
        let c = n["coalition"].as_u64().expect("every seed actor has ties");
        let colour = n["color"].as_str().unwrap();
        assert_eq!(*colour_of.entry(c).or_insert(colour), colour, "{n}");
    }
    assert!(colour_of.len() >= 2, "{colour_of:?}");
    let distinct: std::collections::HashSet<_> = colour_of.values().collect();
    assert_eq!(distinct.len(), colour_of.len());
    let size_of_1 = nodes.iter().filter(|n| n["coalition"] == 1).count();
    let report = browse(&page, &["--coalition", "1"]);
    assert_clean(&report);
    let options = report["coalitionOptions"].as_array().unwrap();
    assert_eq!(options[0], "all coalitions");
    assert_eq!(options.len(), colour_of.len() + 1, "{options:?}");
    assert!(
        options[1]
            .as_str()
            .unwrap()
            .starts_with(&format!("coalition 1 ({size_of_1}): ")),
        "{options:?}"
    );
    // The legend names the coalitions.
    assert!(
        report["legend"].as_str().unwrap().contains("coalition 1 ("),
        "{}",
        report["legend"]
    );
    // Filtered to coalition 1: its actors only, and only ties among them.
    assert_eq!(report["initial"]["nodes"], nodes.len());
    assert_eq!(report["coalition"]["nodes"], size_of_1);
    let inside = data["edges"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| {
            let (s, t) = (e["s"].as_u64().unwrap(), e["t"].as_u64().unwrap());
            nodes[s as usize]["coalition"] == 1 && nodes[t as usize]["coalition"] == 1
        })
        .count();
    assert_eq!(report["coalition"]["edges"], inside);
}

/// Dated statements of two camps over 40 days: a1, a2 agree on s, b1, b2
/// disagree, each speaking on a few days only, so that ties come and go.
fn dated_camps() -> String {
    let mut out = String::from("actor,stance,agree,date\n");
    for day in 0..40u32 {
        let date =
            chrono::NaiveDate::from_ymd_opt(2025, 5, 1).unwrap() + chrono::Days::new(day.into());
        for (k, actor) in ["a1", "a2", "b1", "b2"].iter().enumerate() {
            // Each actor speaks in its own stretch of days.
            if (day / 5 + k as u32).is_multiple_of(3) {
                let agree = if actor.starts_with('a') { "yes" } else { "no" };
                out.push_str(&format!("{actor},s,{agree},{date}\n"));
            }
        }
    }
    out
}

/// Plays a page and checks that the drawing changed while the slider moved
/// to its end, with nothing in the console.
fn assert_plays(report: &Value) {
    assert_clean(report);
    assert_eq!(report["playVisible"], true);
    let samples = report["samples"].as_array().unwrap();
    let before = &report["beforePlay"];
    let last = samples.last().unwrap();
    // One sample a step on the page's fake clock: from the beginning to
    // the end, one step at a time, then stopped.
    let sliders: Vec<u64> = samples
        .iter()
        .map(|s| s["slider"].as_u64().unwrap())
        .collect();
    let max = report["sliderMax"].as_u64().unwrap();
    assert!(max >= 2, "{report}");
    assert_eq!(sliders, (0..=max).collect::<Vec<_>>(), "{samples:?}");
    assert_eq!(last["pressed"], "false", "stopped at the end");
    assert!(
        samples[..samples.len() - 1]
            .iter()
            .all(|s| s["pressed"] == "true"),
        "{samples:?}"
    );
    let canvases: std::collections::BTreeSet<i64> = std::iter::once(before)
        .chain(samples)
        .map(|s| s["canvas"].as_i64().unwrap())
        .collect();
    assert!(canvases.len() >= 3, "the drawing changed: {samples:?}");
    let dates: std::collections::BTreeSet<&str> = samples
        .iter()
        .map(|s| s["date"].as_str().unwrap())
        .collect();
    assert!(dates.len() >= 3, "{samples:?}");
}

#[test]
fn a_kernel_export_plays_its_slices_in_one_page() {
    if !browser_available() {
        return;
    }
    let data = dated_camps();
    let (_dir, page) = export(
        &[("camps.csv", data.as_bytes())],
        Some("camps.csv"),
        &[
            "--network",
            "congruence",
            "--window",
            "10d",
            "--step",
            "5d",
            "--kernel",
            "epanechnikov",
        ],
    );
    assert_eq!(
        page.file_name().unwrap(),
        "congruence.html",
        "one page for all slices"
    );
    let html = std::fs::read_to_string(&page).unwrap();
    let data = common::view_data(&html);
    let slices = data["slices"].as_array().unwrap();
    assert_eq!(slices.len(), 8, "middles 1, 6, ..., 36 May");
    // Every tie has a weight per slice; the view has no self-loops.
    for e in data["edges"].as_array().unwrap() {
        assert_eq!(e["w"].as_array().unwrap().len(), slices.len());
        assert_ne!(e["s"], e["t"]);
    }
    let report = browse(&page, &["--play", "200"]);
    assert_plays(&report);
    // Ties come and go between slices: not every sample draws the same.
    let edges: std::collections::BTreeSet<u64> = report["samples"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["edges"].as_u64().unwrap())
        .collect();
    assert!(edges.len() >= 2, "{report}");
}

#[test]
fn a_dated_network_plays_its_statements_day_by_day() {
    if !browser_available() {
        return;
    }
    let data = dated_camps();
    let (_dir, page) = export(
        &[("camps.csv", data.as_bytes())],
        Some("camps.csv"),
        &["--network", "congruence"],
    );
    let report = browse(&page, &["--play", "200"]);
    assert_plays(&report);
}
