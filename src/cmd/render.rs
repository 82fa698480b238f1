//! `stancegraph render`: a network drawn by Graphviz, written atomically.

use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::time::Duration;

use stancegraph::network::{self, Duplicates, Level, Normalization};
use stancegraph::output::{self, OutputError};
use stancegraph::render::{self, RenderError, RenderOptions};

use super::{Error, load_input, network_options, print_warnings};
use crate::cli::RenderArgs;

/// Draws the network and writes the picture.
pub fn run(args: RenderArgs) -> Result<(), Error> {
    let opts = network_options(&args.net)?;
    let loaded = load_input(&args.input, 20)?;
    print_warnings(&loaded.warnings);
    let (prepared, warnings) = network::prepare(&loaded.dataset, &opts).map_err(Error::usage)?;
    for w in &warnings {
        eprintln!("warning: {w}");
    }
    let full = network::project(&prepared, &opts);
    let mut details = Vec::new();
    if opts.normalization != Normalization::None {
        details.push(format!("normalized: {}", opts.normalization.name()));
    }
    if opts.level != Level::Actor {
        details.push(format!(
            "by {}",
            opts.level.describe().trim_start_matches("a ")
        ));
    }
    if opts.duplicates != Duplicates::Include {
        details.push(format!("duplicates: {:?}", opts.duplicates).to_lowercase());
    }
    let net = match args.top_edges {
        Some(n) if n < full.graph.edge_count() => {
            details.push(format!(
                "the {n} strongest of {} edges",
                full.graph.edge_count()
            ));
            full.strongest(n)
        }
        _ => full,
    };
    let title = render::title(&prepared, &net, &details);
    let options = RenderOptions {
        image: args.image,
        layout: args.layout,
        cluster: args.cluster.clone(),
        title,
        timeout: Duration::from_secs(args.timeout),
    };
    let rendered = render::render(&net, &options).map_err(|e| match e {
        RenderError::Cluster(c) => Error::usage(c),
        e => Error::Graphviz(e),
    })?;
    let path = args.output.unwrap_or_else(|| {
        PathBuf::from("out").join(format!("{}.{}", net.name, args.image.extension()))
    });
    if path.as_os_str() == "-" {
        let mut out = io::stdout().lock();
        return match out.write_all(&rendered.bytes).and_then(|()| out.flush()) {
            Err(e) if e.kind() == io::ErrorKind::BrokenPipe => Ok(()),
            Err(e) => Err(Error::Output(OutputError {
                path: "<stdout>".into(),
                message: e.to_string(),
            })),
            Ok(()) => Ok(()),
        };
    }
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => Path::new(".").to_path_buf(),
    };
    let name = path
        .file_name()
        .ok_or_else(|| Error::usage(format!("-o {} names no file", path.display())))?
        .to_string_lossy()
        .into_owned();
    let bytes = &rendered.bytes;
    let written = output::write_all(
        &dir,
        vec![(
            name,
            Box::new(move |w: &mut (dyn Write + Send)| w.write_all(bytes)),
        )],
    )
    .map_err(Error::Output)?;
    super::announce_removed(&written.removed);
    if !args.quiet {
        eprintln!(
            "{}: {} nodes, {} edges, laid out by {}",
            net.name,
            net.graph.node_count(),
            net.graph.edge_count(),
            rendered.engine.name()
        );
        eprintln!("wrote {}", path.display());
    }
    Ok(())
}
