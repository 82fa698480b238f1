//! DNA 3 databases, made with DNA's schema by the tests: read read-only, the
//! same networks as the same statements in CSV, attributes and colours in
//! every format, DNA's options, and every kind of bad database.

#![cfg(feature = "dna")]

mod common;

use std::fs;
use std::path::Path;

use common::dna::DnaDb;
use common::{fixture, listing, stancegraph};
use predicates::prelude::*;
use stancegraph::export::Format;
use stancegraph::load::{Input, LoadOptions, load};
use stancegraph::network::{Duplicates, Kind, Normalization, Options, Qualifier, build};

const ORGANIZATIONS: [&str; 6] = [
    "Greenpeace e.V.",
    "BDI",
    "SPD",
    "CDU/CSU",
    "Die Grünen",
    "Öko-Institut",
];
const CONCEPTS: [&str; 5] = [
    "Coal should be phased out by 2030.",
    "A carbon tax is the right tool.",
    "Nuclear power is needed.",
    "Emissions trading works.",
    "Renewables need subsidies.",
];
/// (title, date, seconds into the day, author, outlet) of the documents.
const DOCUMENTS: [(&str, &str, i64, &str, &str); 4] = [
    ("Coal talks", "2024-12-30", 0, "Jane Doe", "taz"),
    ("Tax debate", "2025-01-02", 86_399, "Max Muster", "FAZ"),
    ("Nuclear row", "2025-02-15", 3_600, "Jane Doe", "SZ"),
    ("Year after", "2026-03-01", 0, "", "taz"),
];

/// One coded statement: (organization, concept, agree, document).
type Coded = (usize, usize, bool, usize);

/// A fixed sequence of statements with repeats, so that every duplicates
/// mode removes something.
fn coded() -> Vec<Coded> {
    let mut state: u64 = 42;
    let mut next = |n: usize| {
        state = state
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        ((state >> 33) as usize) % n
    };
    let mut out = Vec::new();
    for _ in 0..48 {
        out.push((next(6), next(5), next(3) > 0, next(4)));
    }
    // Exact repeats in the same document and in others.
    out.push(out[0]);
    out.push((out[1].0, out[1].1, out[1].2, (out[1].3 + 1) % 4));
    out
}

/// Each statement's quote: unique, with characters outside the Basic
/// Multilingual Plane before and inside it.
fn quote(i: usize, c: &Coded) -> String {
    format!(
        "Q{i} 🌍 {} says „{}“ is {}.",
        ORGANIZATIONS[c.0],
        CONCEPTS[c.1],
        if c.2 { "right" } else { "wrong" }
    )
}

/// Writes the same statements as a DNA database (with attributes, colours
/// and persons) and as a CSV dataset directory.
fn corpus(dir: &Path) {
    let statements = coded();
    let db = DnaDb::create(&dir.join("study.dna"));
    let mut docs = Vec::new();
    for (d, (title, date, seconds, author, outlet)) in DOCUMENTS.iter().enumerate() {
        let text: String = statements
            .iter()
            .enumerate()
            .filter(|(_, c)| c.3 == d)
            .map(|(i, c)| quote(i, c))
            .fold("𝔗𝔥𝔢 document 😀 begins. ".to_string(), |t, q| {
                t + &q + " Then 🎉 more. "
            });
        docs.push(db.document(
            title,
            &text,
            date,
            *seconds,
            [author, outlet, "Politik", "news"],
        ));
    }
    db.attribute_variable("organization", "founded");
    for (i, org) in ORGANIZATIONS.iter().enumerate() {
        db.entity("organization", org);
        let kind = ["NGO", "business", "party", "party", "party", "research"][i];
        db.attribute("organization", org, "Type", kind);
        if i % 2 == 0 {
            db.attribute("organization", org, "Alias", &format!("alias {i}"));
        }
        db.attribute("organization", org, "founded", &(1950 + 7 * i).to_string());
    }
    db.color("organization", "Greenpeace e.V.", [0x2e, 0x8b, 0x57]);
    db.color("organization", "SPD", [0xe3, 0x00, 0x0f]);
    for (i, concept) in CONCEPTS.iter().enumerate() {
        db.entity("concept", concept);
        db.attribute(
            "concept",
            concept,
            "Type",
            if i < 2 { "economy" } else { "energy" },
        );
    }
    for (i, c) in statements.iter().enumerate() {
        let person = format!("Speaker {}", i % 7);
        db.statement(
            docs[c.3],
            &quote(i, c),
            &person,
            ORGANIZATIONS[c.0],
            CONCEPTS[c.1],
            c.2,
        );
    }

    // The same as CSV: labels as names, DNA's attributes as columns, the
    // entity colours (black where unset, as DNA stores them) last.
    let mut w = csv::Writer::from_path(dir.join("csv/statements.csv")).unwrap();
    w.write_record(["id", "actor", "stance", "agree", "date", "source", "quote"])
        .unwrap();
    for (i, c) in statements.iter().enumerate() {
        let (title, date, ..) = DOCUMENTS[c.3];
        let agree = if c.2 { "yes" } else { "no" };
        let id = (i + 1).to_string();
        let q = quote(i, c);
        w.write_record([
            &id,
            ORGANIZATIONS[c.0],
            CONCEPTS[c.1],
            agree,
            date,
            title,
            &q,
        ])
        .unwrap();
    }
    w.flush().unwrap();
    let mut w = csv::Writer::from_path(dir.join("csv/actors.csv")).unwrap();
    w.write_record([
        "label", "kind", "Type", "Alias", "Notes", "founded", "color",
    ])
    .unwrap();
    for (i, org) in ORGANIZATIONS.iter().enumerate() {
        let kind = ["NGO", "business", "party", "party", "party", "research"][i];
        let alias = if i % 2 == 0 {
            format!("alias {i}")
        } else {
            String::new()
        };
        let color = match i {
            0 => "#2e8b57",
            2 => "#e3000f",
            _ => "#000000",
        };
        let founded = (1950 + 7 * i).to_string();
        w.write_record([org, "organization", kind, &alias, "", &founded, color])
            .unwrap();
    }
    w.flush().unwrap();
    let mut w = csv::Writer::from_path(dir.join("csv/stances.csv")).unwrap();
    w.write_record(["label", "Type", "Alias", "Notes", "color"])
        .unwrap();
    for (i, concept) in CONCEPTS.iter().enumerate() {
        let kind = if i < 2 { "economy" } else { "energy" };
        w.write_record([concept, kind, "", "", "#000000"]).unwrap();
    }
    w.flush().unwrap();
}

fn corpus_dir() -> tempfile::TempDir {
    let dir = fixture(&[("csv/.keep", b"")]);
    fs::remove_file(dir.path().join("csv/.keep")).unwrap();
    corpus(dir.path());
    dir
}

fn loaded(input: Input) -> stancegraph::model::Dataset {
    load(&input, &LoadOptions::default())
        .unwrap_or_else(|e| panic!("{e}"))
        .dataset
}

/// Every option set of the comparison: the full network, every qualifier
/// and normalization of the affiliation network, every one-mode network
/// with every normalization; each with every duplicates mode.
fn option_sets() -> Vec<Options> {
    use Normalization as N;
    let mut kinds: Vec<(Kind, Qualifier, Normalization)> =
        vec![(Kind::Full, Qualifier::Separate, N::None)];
    for q in [
        Qualifier::Separate,
        Qualifier::Ignore,
        Qualifier::Combine,
        Qualifier::Subtract,
    ] {
        for n in [N::None, N::Activity, N::Prominence] {
            kinds.push((Kind::Affiliation, q, n));
        }
    }
    for k in [
        Kind::Congruence,
        Kind::Conflict,
        Kind::Subtract,
        Kind::Cooccurrence,
    ] {
        for n in [N::None, N::Average, N::Jaccard, N::Cosine] {
            kinds.push((k, Qualifier::Separate, n));
        }
    }
    let mut out = Vec::new();
    for (kind, qualifier, normalization) in kinds {
        for duplicates in [
            Duplicates::Include,
            Duplicates::Document,
            Duplicates::Week,
            Duplicates::Month,
            Duplicates::Year,
            Duplicates::All,
        ] {
            out.push(Options {
                kind,
                qualifier,
                normalization,
                duplicates,
                ..Options::default()
            });
        }
    }
    out
}

fn written(
    net: &stancegraph::network::Network,
    ds: &stancegraph::model::Dataset,
) -> Vec<(String, String)> {
    let mut out = Vec::new();
    for format in [
        Format::Dot,
        Format::Graphml,
        Format::Csv,
        Format::Gexf,
        Format::Json,
    ] {
        for &part in format.parts() {
            let mut bytes = Vec::new();
            format
                .write_part(net, ds, &Default::default(), part, &mut bytes)
                .unwrap();
            out.push((
                format.suffix(part).to_string(),
                String::from_utf8(bytes).unwrap(),
            ));
        }
    }
    out
}

#[test]
fn a_dna_database_gives_the_same_networks_as_the_same_statements_in_csv() {
    let dir = corpus_dir();
    let from_dna = loaded(Input::Dna(dir.path().join("study.dna")));
    let from_csv = loaded(Input::Dir(dir.path().join("csv")));
    assert_eq!(from_dna.statements.len(), 50);
    // The quotes are the coded spans, astral characters and all.
    let quotes = |ds: &stancegraph::model::Dataset| -> Vec<Option<String>> {
        ds.statements
            .iter()
            .map(|s| s.quote.as_deref().map(str::to_string))
            .collect()
    };
    assert_eq!(quotes(&from_dna), quotes(&from_csv));
    let mut compared = 0;
    let mut removed = [false; 6];
    for opts in option_sets() {
        let a = build(&from_dna, &opts).unwrap();
        let b = build(&from_csv, &opts).unwrap();
        if a.statements < 50 {
            removed[opts.duplicates as usize] = true;
        }
        assert_eq!(a.statements, b.statements, "{opts:?}");
        for ((name, x), (_, y)) in written(&a.network, &from_dna)
            .into_iter()
            .zip(written(&b.network, &from_csv))
        {
            assert_eq!(x, y, "{name} differs for {opts:?}");
            compared += 1;
        }
    }
    assert_eq!(compared, option_sets().len() * 6);
    // Every duplicates mode but include removed statements somewhere.
    assert_eq!(removed, [false, true, true, true, true, true]);
}

#[test]
fn the_database_file_is_never_changed() {
    let dir = corpus_dir();
    let path = dir.path().join("study.dna");
    let before = fs::read(&path).unwrap();
    let modified = fs::metadata(&path).unwrap().modified().unwrap();
    for args in [
        &["export", "study.dna", "-q"][..],
        &["check", "study.dna"],
        &["stats", "study.dna"],
    ] {
        stancegraph(dir.path()).args(args).assert().success();
    }
    assert_eq!(fs::read(&path).unwrap(), before);
    assert_eq!(fs::metadata(&path).unwrap().modified().unwrap(), modified);
    // No journal or other file was left beside it.
    let files: Vec<String> = listing(dir.path())
        .into_iter()
        .filter(|f| f.starts_with("study"))
        .collect();
    assert_eq!(files, ["study.dna"]);
}

#[test]
fn entity_attributes_and_colours_reach_every_format() {
    let dir = corpus_dir();
    stancegraph(dir.path())
        .args(["export", "study.dna", "-q", "-o", "out"])
        .assert()
        .success();
    let read = |name: &str| fs::read_to_string(dir.path().join("out").join(name)).unwrap();
    let graphml = read("full.graphml");
    assert!(
        graphml.contains(r#"<key id="n_Type" for="node" attr.name="Type" attr.type="string"/>"#),
        "{graphml}"
    );
    assert!(
        graphml.contains(r#"<key id="n_founded" for="node" attr.name="founded" attr.type="int"/>"#)
    );
    assert!(graphml.contains(r#"<data key="n_Alias">alias 2</data>"#));
    let nodes = read("full.nodes.csv");
    assert!(nodes.starts_with("Id,Label,kind,country,role,topic,statements,first_date,last_date,Type,Alias,Notes,founded,color\n"), "{nodes}");
    assert!(nodes.contains("\nspd,SPD,organization,,,,"), "{nodes}");
    assert!(nodes.contains(",party,alias 2,,1964,#e3000f\n"), "{nodes}");
    let gexf = read("full.gexf");
    assert!(gexf.contains(r#"<attribute id="founded" title="founded" type="integer"/>"#));
    assert!(gexf.contains(r#"<viz:color r="227" g="0" b="15"/>"#));
    let json: serde_json::Value = serde_json::from_str(&read("full.json")).unwrap();
    let spd = json["nodes"]
        .as_array()
        .unwrap()
        .iter()
        .find(|n| n["id"] == "spd")
        .unwrap();
    assert_eq!(spd["founded"], serde_json::json!(1964));
    assert_eq!(spd["Type"], "party");
    let dot = read("full.dot");
    let line = dot.lines().find(|l| l.starts_with("  \"spd\"")).unwrap();
    assert!(line.contains(r##"fillcolor="#e3000f""##), "{line}");
    assert!(
        line.contains(r#"Type="party""#) && line.contains(r#"founded="1964""#),
        "{line}"
    );
    // Black, DNA's default colour, gets white text.
    let bdi = dot.lines().find(|l| l.starts_with("  \"bdi\"")).unwrap();
    assert!(bdi.contains(r#"fontcolor="white""#), "{bdi}");
    // The event list holds the document fields and the person.
    let events = read("full.statements.csv");
    let header = events.lines().next().unwrap();
    assert!(header.ends_with(",person,document_id,document_title,document_author,document_source,document_section,document_type"), "{header}");
    assert!(
        header.contains(",actor_Type,actor_Alias,actor_Notes,actor_founded,actor_color,"),
        "{header}"
    );
}

#[test]
fn dna_options_choose_statement_type_variables_and_levels() {
    let dir = corpus_dir();
    // Persons as actors, counted as their organizations: the statement
    // field organization.
    let out = stancegraph(dir.path())
        .args([
            "export",
            "study.dna",
            "--actor-variable",
            "person",
            "--level",
            "organization",
            "-f",
            "csv",
            "-o",
            "o",
        ])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let nodes = fs::read_to_string(dir.path().join("o/full.nodes.csv")).unwrap();
    assert!(nodes.contains("\nspd,SPD,group,"), "{nodes}");
    assert!(!nodes.contains("Speaker"), "{nodes}");
    // Persons as actors: the attributes of persons (none set) and the person kind.
    stancegraph(dir.path())
        .args([
            "export",
            "study.dna",
            "--actor-variable",
            "person",
            "-f",
            "csv",
            "-o",
            "p",
        ])
        .assert()
        .success();
    let nodes = fs::read_to_string(dir.path().join("p/full.nodes.csv")).unwrap();
    assert!(nodes.contains("\nspeaker-0,Speaker 0,person,"), "{nodes}");
    // DNA's Type attribute as the level.
    stancegraph(dir.path())
        .args([
            "export",
            "study.dna",
            "--network",
            "congruence",
            "--level",
            "Type",
            "-f",
            "csv",
            "-o",
            "t",
        ])
        .assert()
        .success();
    let nodes = fs::read_to_string(dir.path().join("t/congruence.nodes.csv")).unwrap();
    for group in [
        "\nparty,party,group,",
        "\nngo,NGO,group,",
        "\nbusiness,business,group,",
    ] {
        assert!(nodes.contains(group), "{group} in {nodes}");
    }
    // Document fields filter like DNA's excludeAuthors and invertAuthors.
    let count = |args: &[&str]| -> usize {
        let out = stancegraph(dir.path())
            .args(["export", "study.dna", "-f", "statements", "-o", "-"])
            .args(args)
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        out.stdout
            .split(|b| *b == b'\n')
            .filter(|l| !l.is_empty())
            .count()
            - 1
    };
    let all = count(&[]);
    let jane = count(&["--field", "document_author=Jane Doe"]);
    let not_jane = count(&["--exclude-field", "document_author=Jane Doe"]);
    assert_eq!(jane + not_jane, all);
    assert!(jane > 0 && not_jane > 0);
    let no_coal = count(&["--exclude-source", "Coal talks"]);
    let coal = count(&["--source", "Coal talks"]);
    assert_eq!(coal + no_coal, all);
    // Another statement type without these variables names the ones it has.
    stancegraph(dir.path())
        .args(["export", "study.dna", "--statement-type", "Annotation"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains(
            "statement type 'Annotation' has no variable 'organization' for the actor (its variables: note (long text)); choose one with --actor-variable",
        ));
}

#[test]
fn statements_with_an_empty_actor_or_stance_are_left_out_with_one_warning() {
    let dir = tempfile::tempdir().unwrap();
    let db = DnaDb::create(&dir.path().join("s.dna"));
    let doc = db.document("d", "one two three four", "2025-01-01", 0, ["", "", "", ""]);
    db.statement(doc, "one", "", "A", "s", true);
    db.statement(doc, "two", "", "", "s", true);
    db.statement(doc, "three", "", "B", "", false);
    db.statement(doc, "four", "", "B", "s", false);
    drop(db);
    let warning = "warning: s.dna: table STATEMENTS, row 2: 2 statements with an empty organization or concept are left out, as DNA leaves them out (IDs 2, 3)";
    for args in [&["export", "s.dna", "-o", "out"][..], &["check", "s.dna"]] {
        stancegraph(dir.path())
            .args(args)
            .assert()
            .success()
            .stderr(predicate::str::contains(warning));
    }
    let events = fs::read_to_string(dir.path().join("out/full.statements.csv")).unwrap();
    assert_eq!(events.lines().count(), 3, "{events}");
}

#[test]
fn a_dna_attribute_named_like_a_built_in_column_fills_it() {
    let dir = tempfile::tempdir().unwrap();
    let db = DnaDb::create(&dir.path().join("c.dna"));
    let doc = db.document("d", "one two three", "2025-01-01", 0, ["", "", "", ""]);
    db.statement(doc, "one", "", "SPD", "coal exit", false);
    db.statement(doc, "two", "", "Greenpeace", "coal exit", true);
    db.statement(doc, "three", "", "Labour", "coal exit", true);
    db.attribute_variable("organization", "Country");
    db.attribute("organization", "SPD", "Country", "Germany");
    db.attribute("organization", "Greenpeace", "Country", "Germany");
    db.attribute("organization", "Labour", "Country", "United Kingdom");
    drop(db);
    stancegraph(dir.path())
        .args([
            "export",
            "c.dna",
            "--network",
            "conflict",
            "--level",
            "country",
            "-f",
            "csv",
            "-q",
        ])
        .assert()
        .success();
    let edges = fs::read_to_string(dir.path().join("out/conflict.edges.csv")).unwrap();
    // SPD against Greenpeace and Labour: Germany–Germany is no tie, Germany–UK is.
    assert!(
        edges.contains("\ngermany,united-kingdom,Undirected,conflict,e0,conflict,1,"),
        "{edges}"
    );
    stancegraph(dir.path())
        .args(["export", "c.dna", "-f", "csv", "-q"])
        .assert()
        .success();
    let nodes = fs::read_to_string(dir.path().join("out/full.nodes.csv")).unwrap();
    assert!(nodes.contains("\nspd,SPD,organization,germany,"), "{nodes}");
    assert!(nodes.contains("\ngermany,Germany,country,"), "{nodes}");
}
