//! The library as a program uses it: a dataset built in memory gives the
//! CLI's files byte for byte, its problems are typed and placed at the
//! caller's rows, and errors carry their causes.

mod common;

use std::error::Error as _;
use std::io;

use common::{fixture, stancegraph};
use stancegraph::export::{Format, Part};
use stancegraph::load::{
    CsvBytes, DatasetBuilder, DiagnosticKind, Input, LoadOptions, Location, StatementRow, load,
    load_csv_bytes,
};
use stancegraph::model::Polarity;
use stancegraph::network::{Kind, Normalization, Options, build};
use stancegraph::output::{OutputErrorKind, write_all};

const STATEMENTS: &str = "actor,stance,agree,date,quote,medium\n\
Pete Hegseth,Ukraine joins NATO,no,2025-02-12,\"not \"\"realistic\"\"\",TV\n\
Donald Trump,Ukraine joins NATO,no,2025-02-12,,print\n\
John Healey,Ukraine joins NATO,yes,2025-02-12,\"path to NATO, irreversible\",TV\n\
Pete Hegseth,Europe carries the aid,yes,2025-02-12,,TV\n\
John Healey,Europe carries the aid,yes,2025-02-13,,print\n\
Donald Trump,Negotiate now,yes,2025-02-12,,TV\n";

/// The same rows as [`STATEMENTS`], given one at a time.
fn built() -> DatasetBuilder {
    let mut b = DatasetBuilder::new("statements.csv");
    let mut rdr = csv::Reader::from_reader(STATEMENTS.as_bytes());
    for record in rdr.records() {
        let r = record.unwrap();
        let polarity = if &r[2] == "yes" {
            Polarity::Agree
        } else {
            Polarity::Disagree
        };
        let mut row = StatementRow::new(&r[0], &r[1], polarity)
            .date(chrono::NaiveDate::parse_from_str(&r[3], "%Y-%m-%d").unwrap())
            .field("medium", &r[5]);
        if !r[4].is_empty() {
            row = row.quote(&r[4]);
        }
        b.statement(row);
    }
    b
}

#[test]
fn a_dataset_built_in_memory_writes_the_clis_files_byte_for_byte() {
    let dir = fixture(&[("statements.csv", STATEMENTS.as_bytes())]);
    stancegraph(dir.path())
        .args([
            "export",
            "statements.csv",
            "--network",
            "congruence",
            "--normalize",
            "average",
            "-f",
            "graphml",
            "-f",
            "csv",
            "-f",
            "gexf",
            "-q",
        ])
        .assert()
        .success();
    let ds = built().build().unwrap().dataset;
    let opts = Options {
        kind: Kind::Congruence,
        normalization: Normalization::Average,
        ..Options::default()
    };
    let net = build(&ds, &opts).unwrap().network;
    let mut compared = 0;
    for format in [Format::Graphml, Format::Csv, Format::Gexf] {
        for &part in format.parts() {
            let mut bytes = Vec::new();
            format
                .write_part(&net, &ds, &Default::default(), part, &mut bytes)
                .unwrap();
            let name = format.file_name(&net.name, part);
            let cli = std::fs::read(dir.path().join("out").join(&name)).unwrap();
            assert_eq!(
                String::from_utf8(bytes).unwrap(),
                String::from_utf8(cli).unwrap(),
                "{name}"
            );
            compared += 1;
        }
    }
    assert_eq!(compared, 4);
    // A one-mode network is undirected to petgraph.
    let ties = net.undirected().expect("one-mode");
    use petgraph::visit::IntoEdgeReferences;
    assert_eq!(ties.edge_references().count(), net.edge_count());
    let healey = net
        .graph
        .node_indices()
        .find(|&n| net.graph[n].id == "john-healey")
        .unwrap();
    // Undirected: Healey's tie (to Hegseth, who comes first and so is its
    // source) is found from him too.
    assert_eq!(
        petgraph::visit::IntoNeighbors::neighbors(ties, healey).count(),
        1
    );
    assert_eq!(net.graph.neighbors(healey).count(), 0, "held as directed");
    assert_eq!(
        net.edge_count(),
        2,
        "Hegseth–Trump (NATO), Hegseth–Healey (Europe)"
    );
}

#[test]
fn a_two_file_format_asked_for_one_file_says_so() {
    let ds = built().build().unwrap().dataset;
    let net = build(&ds, &Options::default()).unwrap().network;
    let e = Format::Csv.write(&net, &ds, &mut Vec::new()).unwrap_err();
    assert_eq!(e.kind(), io::ErrorKind::InvalidInput);
    assert!(e.to_string().contains("csv writes Nodes and Edges"), "{e}");
    assert_eq!(
        Format::Csv.file_names("full"),
        ["full.nodes.csv", "full.edges.csv"]
    );
    assert_eq!(Format::Dot.file_name("full", Part::Whole), "full.dot");
}

#[test]
fn in_memory_rows_are_checked_as_files_are_and_placed_at_the_callers_row() {
    let mut b = DatasetBuilder::new("mine");
    b.actor([("id", "hegseth"), ("label", "Pete Hegseth")]);
    b.statement(StatementRow::new("hegseth", "s", Polarity::Agree));
    b.statement([("actor", "nobody"), ("stance", "s"), ("agree", "yes")]);
    b.statement([("actor", "hegseth"), ("stance", "s"), ("agree", "maybe")]);
    b.statement(StatementRow::new("hegseth", "s", Polarity::Agree).date_text("2025-13-01"));
    let errors = b.build().unwrap_err();
    let found: Vec<(DiagnosticKind, String)> =
        errors.iter().map(|d| (d.kind, d.to_string())).collect();
    assert_eq!(found.len(), 3, "{found:#?}");
    assert_eq!(found[0].0, DiagnosticKind::Reference);
    assert!(
        found[0]
            .1
            .starts_with("mine/statements: row 2, column actor: "),
        "{}",
        found[0].1
    );
    assert_eq!(found[1].0, DiagnosticKind::Value);
    assert_eq!(
        found[1].1,
        "mine/statements: row 3, column agree: unknown agree value 'maybe'; use yes/no, true/false, 1/0, agree/disagree or +/-"
    );
    assert_eq!(found[2].0, DiagnosticKind::Value);
    assert_eq!(
        errors.iter().nth(2).unwrap().location,
        Some(Location::Row {
            row: 4,
            column: Some("date".into())
        })
    );

    // The same rows as a CSV file: the same messages, at lines instead.
    let csv = "actor,stance,agree\nhegseth,s,yes\nnobody,s,yes\nhegseth,s,maybe\n";
    let tables = CsvBytes {
        statements: csv.as_bytes(),
        actors: Some(b"id,label\nhegseth,Pete Hegseth\n"),
        ..CsvBytes::default()
    };
    let from_file = load_csv_bytes("mine", &tables, &LoadOptions::default()).unwrap_err();
    // The tables are named as files there (mine/actors.csv).
    let messages = |d: &stancegraph::load::Diagnostics| -> Vec<String> {
        d.iter()
            .map(|d| d.message.replace("mine/actors.csv", "mine/actors"))
            .collect()
    };
    assert_eq!(messages(&from_file), messages(&errors)[..2]);
}

#[test]
fn diagnostics_have_a_kind_to_match_on() {
    let kind_of = |files: &[(&str, &[u8])], input: &str| {
        let dir = fixture(files);
        let input = Input::from_arg(Some(&dir.path().join(input)));
        let errors = load(&input, &LoadOptions::default()).unwrap_err();
        errors.iter().next().unwrap().kind
    };
    assert_eq!(kind_of(&[], "missing.csv"), DiagnosticKind::Io);
    assert_eq!(
        kind_of(&[("s.json", b"{\"statements\": [")], "s.json"),
        DiagnosticKind::Format
    );
    assert_eq!(
        kind_of(&[("s.csv", b"actor,stance\na,b\n")], "s.csv"),
        DiagnosticKind::Structure
    );
    assert_eq!(
        kind_of(
            &[("s.csv", b"actor,stance,agree,date\na,b,yes,soon\n")],
            "s.csv"
        ),
        DiagnosticKind::Value
    );
    assert_eq!(
        kind_of(&[("s.csv", b"actor,stance,agree\na\x07b,s,yes\n")], "s.csv"),
        DiagnosticKind::Name
    );
    // Two spellings of one name: a warning of kind Merged.
    let tables = CsvBytes {
        statements: b"actor,stance,agree\nNoel,s,yes\nNOEL,s,no\n",
        ..CsvBytes::default()
    };
    let loaded = load_csv_bytes("d", &tables, &LoadOptions::default()).unwrap();
    assert_eq!(loaded.warnings.len(), 1);
    assert_eq!(loaded.warnings[0].kind, DiagnosticKind::Merged);
    assert!(loaded.warnings[0].kind.is_warning());
}

#[test]
fn output_errors_keep_their_io_error() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("taken");
    std::fs::write(&file, b"x").unwrap();
    let job: stancegraph::output::Job = ("a.txt".to_string(), Box::new(|w| w.write_all(b"a")));
    let e = write_all(&file, vec![job]).unwrap_err();
    assert_eq!(e.kind, OutputErrorKind::NotADirectory);
    assert!(
        e.to_string().ends_with(
            "exists and is not a directory; output takes a directory (or - for standard output)"
        ),
        "{e}"
    );
    // A write that fails keeps the io::Error it failed with.
    let failing: stancegraph::output::Job = (
        "b.txt".to_string(),
        Box::new(|_| Err(io::Error::new(io::ErrorKind::StorageFull, "disk full"))),
    );
    let e = write_all(dir.path(), vec![failing]).unwrap_err();
    assert_eq!(e.kind, OutputErrorKind::Write);
    let io = e.source().unwrap().downcast_ref::<io::Error>().unwrap();
    assert_eq!(io.kind(), io::ErrorKind::StorageFull);
    assert!(!dir.path().join("b.txt").exists());
}

#[test]
fn a_run_says_what_it_leaves_out_as_typed_notices() {
    use stancegraph::notice::NoticeKind;
    use stancegraph::run::{self, Destination, Event, Request};
    let dir = fixture(&[(
        "s.csv",
        b"actor,stance,agree,country,date\nA,s,yes,fr,2025-01-01\nB,s,no,,\nC,s,yes,,2025-01-02\n",
    )]);
    let request = Request {
        network: Options {
            kind: Kind::Congruence,
            level: stancegraph::network::Level::Country,
            ..Options::default()
        },
        window: Some(("1d".parse().unwrap(), "1d".parse().unwrap())),
        formats: vec![Format::Graphml],
        ..Request::default()
    };
    let mut notices = Vec::new();
    let mut stages = 0;
    let out = dir.path().join("out");
    run::export(
        &Input::from_arg(Some(&dir.path().join("s.csv"))),
        &LoadOptions::default(),
        &request,
        Destination::Dir(&out),
        &mut |event| match event {
            Event::Notice(n) => notices.push((n.kind, n.text.clone())),
            Event::Stage(_) => stages += 1,
            _ => {}
        },
    )
    .unwrap();
    assert!(stages >= 3);
    let kinds: Vec<NoticeKind> = notices.iter().map(|(k, _)| *k).collect();
    assert_eq!(
        kinds,
        [NoticeKind::Ungrouped, NoticeKind::LeftOut],
        "{notices:?}"
    );
    assert_eq!(notices[1].1, "1 undated statements are in no time window");
    assert!(
        notices[0]
            .1
            .starts_with("2 actors without a country stay as themselves: "),
        "{}",
        notices[0].1
    );
}
