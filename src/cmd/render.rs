//! `stancegraph render`: the options into a [`PictureRequest`], the
//! picture from [`run::picture`], written atomically.

use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::time::Duration;

use stancegraph::output::{self, OutputError, OutputErrorKind};
use stancegraph::render::RenderOptions;
use stancegraph::run::{self, PictureError, PictureRequest};

use super::{Error, load_input, network_options, print_warnings};
use crate::cli::RenderArgs;

/// Draws the network and writes the picture.
pub fn run(args: RenderArgs) -> Result<(), Error> {
    let opts = network_options(&args.net)?;
    let loaded = load_input(&args.input, 20)?;
    print_warnings(&loaded.warnings);
    let request = PictureRequest {
        network: opts,
        top_edges: args.top_edges,
        render: RenderOptions {
            image: args.image,
            layout: args.layout,
            cluster: args.cluster.clone(),
            timeout: Duration::from_secs(args.timeout),
            ..RenderOptions::default()
        },
    };
    let picture = run::picture(&loaded.dataset, &request).map_err(|e| match e {
        PictureError::Render(e) => Error::render(e),
        e => Error::options(&e),
    })?;
    for w in &picture.warnings {
        eprintln!("warning: {w}");
    }
    let path = args.output.unwrap_or_else(|| {
        PathBuf::from("out").join(format!("{}.{}", picture.name, args.image.extension()))
    });
    let bytes = &picture.rendered.bytes;
    if path.as_os_str() == "-" {
        let mut out = io::stdout().lock();
        return match out.write_all(bytes).and_then(|()| out.flush()) {
            Err(e) if e.kind() == io::ErrorKind::BrokenPipe => Ok(()),
            Err(e) => Err(Error::Output(OutputError::new(
                "<stdout>",
                OutputErrorKind::Write,
                Some(e),
            ))),
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
            picture.name,
            picture.nodes,
            picture.edges,
            picture.rendered.engine.name()
        );
        eprintln!("wrote {}", path.display());
    }
    Ok(())
}
