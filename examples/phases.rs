//! Times each stage of an export on one input, for profiling:
//! `cargo run --release --example phases -- INPUT [congruence]` (any input
//! form; with `congruence`, also the congruence projection, held whole).
use std::time::Instant;

use stancegraph::export::{Format, Options, Part};
use stancegraph::load::{Input, LoadOptions, load};
use stancegraph::network::{Kind, Normalization, full, projection};

fn main() {
    let path = std::env::args().nth(1).expect("usage: phases INPUT");
    let t = Instant::now();
    let input = Input::from_arg(Some(std::path::Path::new(&path)));
    let ds = load(&input, &LoadOptions::default())
        .expect("valid input")
        .dataset;
    eprintln!("load      {:>8.3} s", t.elapsed().as_secs_f64());
    let t = Instant::now();
    let net = full(&ds);
    eprintln!("full      {:>8.3} s", t.elapsed().as_secs_f64());
    if std::env::args().nth(2).as_deref() == Some("congruence") {
        let t = Instant::now();
        let congruence = projection::one_mode(&ds, Kind::Congruence, Normalization::None);
        eprintln!(
            "congruence {:>7.3} s ({} ties)",
            t.elapsed().as_secs_f64(),
            congruence.graph.edge_count()
        );
        let t = Instant::now();
        let mut sink = std::io::BufWriter::new(std::io::sink());
        Format::Csv
            .write_part(
                &congruence,
                &ds,
                &Options::default(),
                Part::Edges,
                &mut sink,
            )
            .unwrap();
        eprintln!("  its edges.csv {:>5.3} s", t.elapsed().as_secs_f64());
    }
    for format in Format::ALL {
        for &part in format.parts() {
            let t = Instant::now();
            let mut sink = std::io::BufWriter::new(std::io::sink());
            format
                .write_part(&net, &ds, &Options::default(), part, &mut sink)
                .unwrap();
            eprintln!(
                "{:<9} {:>8.3} s",
                format.suffix(part),
                t.elapsed().as_secs_f64()
            );
        }
    }
}
