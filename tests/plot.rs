//! `polarization --plot` (a build with `--features plot`): the score over
//! time as an SVG or a PNG chart, the dates on its axis.

#![cfg(feature = "plot")]

mod common;

use common::{fixture, stancegraph, tool_available};

/// Two camps that form over 40 days: at first everyone agrees, later the b
/// camp disagrees.
fn forming_camps() -> String {
    let mut out = String::from("actor,stance,agree,date\n");
    for day in 0..40u32 {
        let date =
            chrono::NaiveDate::from_ymd_opt(2025, 5, 1).unwrap() + chrono::Days::new(day.into());
        for (k, actor) in ["a1", "a2", "a3", "b1", "b2", "b3"].iter().enumerate() {
            if (day + k as u32).is_multiple_of(2) {
                let agree = actor.starts_with('a') || day < 15;
                out.push_str(&format!(
                    "{actor},s,{},{date}\n",
                    if agree { "yes" } else { "no" }
                ));
            }
        }
    }
    out
}

#[test]
fn the_chart_draws_the_score_over_the_dates() {
    let data = forming_camps();
    let dir = fixture(&[("camps.csv", data.as_bytes())]);
    for name in ["p.svg", "p.png"] {
        stancegraph(dir.path())
            .args([
                "polarization",
                "camps.csv",
                "--window",
                "10d",
                "--kernel",
                "gaussian",
            ])
            .args(["--plot", name, "--json"])
            .assert()
            .success();
    }
    let svg = std::fs::read_to_string(dir.path().join("p.svg")).unwrap();
    assert!(svg.starts_with("<svg"), "{svg}");
    assert!(svg.contains("Polarization over time: camps.csv (gaussian kernel, window 10 days)"));
    // Dates on the x axis, the first middle among them.
    assert!(svg.contains("\n2025-05-01\n"), "{svg}");
    assert!(svg.matches("\n2025-0").count() >= 4, "{svg}");
    // One point per time step (40 middles), joined by a line.
    assert_eq!(svg.matches("<circle").count(), 40, "{svg}");
    assert!(svg.contains("<polyline"), "{svg}");
    if tool_available("xmllint", &["--version"]) {
        let ok = std::process::Command::new("xmllint")
            .args(["--noout"])
            .arg(dir.path().join("p.svg"))
            .status()
            .unwrap();
        assert!(ok.success(), "the SVG is well-formed XML");
    }
    let png = std::fs::read(dir.path().join("p.png")).unwrap();
    assert_eq!(&png[..8], b"\x89PNG\r\n\x1a\n");
    assert_eq!(&png[12..16], b"IHDR");
    let width = u32::from_be_bytes(png[16..20].try_into().unwrap());
    let height = u32::from_be_bytes(png[20..24].try_into().unwrap());
    assert_eq!((width, height), (900, 420));
    // Text and lines, not a blank page (a blank 900×420 PNG compresses to
    // well under a kilobyte).
    assert!(png.len() > 10_000, "{} bytes", png.len());
}
