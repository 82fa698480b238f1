//! `stancegraph render`: the options into a [`PictureRequest`], the
//! picture from [`run::picture`], written atomically.

use std::io::{self, Write};
use std::time::Duration;

use stancegraph::output::{OutputError, OutputErrorKind};
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
        coalitions: args.coalitions.options(),
        window: super::windows(&args.time)?,
        kernel: super::smoothing(&args.time),
    };
    if request.window.is_some() {
        return series(
            &loaded.dataset,
            &request,
            args.output,
            args.image,
            args.quiet,
        );
    }
    let picture = run::picture(&loaded.dataset, &request).map_err(|e| match e {
        PictureError::Render(e) => Error::render(e),
        e => Error::options(&e),
    })?;
    for w in &picture.warnings {
        eprintln!("warning: {w}");
    }
    let path = args
        .output
        .unwrap_or_else(|| picture.default_path(args.image));
    if path.as_os_str() == "-" {
        let mut out = io::stdout().lock();
        return match out
            .write_all(&picture.rendered.bytes)
            .and_then(|()| out.flush())
        {
            Err(e) if e.kind() == io::ErrorKind::BrokenPipe => Ok(()),
            Err(e) => Err(Error::Output(OutputError::new(
                "<stdout>",
                OutputErrorKind::Write,
                Some(e),
            ))),
            Ok(()) => Ok(()),
        };
    }
    if path.file_name().is_none() {
        return Err(Error::usage(format!("-o {} names no file", path.display())));
    }
    let written = picture.write(&path).map_err(Error::Output)?;
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

/// One picture per window, all written into one directory together.
fn series(
    ds: &stancegraph::model::Dataset,
    request: &PictureRequest,
    output: Option<std::path::PathBuf>,
    image: stancegraph::render::Image,
    quiet: bool,
) -> Result<(), Error> {
    let dir = output.unwrap_or_else(|| "out".into());
    if dir.as_os_str() == "-" {
        return Err(Error::usage(
            "--window draws one picture per window; write them to a directory with -o DIR",
        ));
    }
    let drawn = run::pictures(ds, request).map_err(|e| match e {
        PictureError::Render(e) => Error::render(e),
        e => Error::options(&e),
    })?;
    if let Some(first) = drawn.first() {
        for w in &first.warnings {
            eprintln!("warning: {w}");
        }
    }
    let jobs: Vec<stancegraph::output::Job> = drawn
        .iter()
        .map(|p| {
            let bytes = &p.rendered.bytes;
            let job: stancegraph::output::Job = (
                format!("{}.{}", p.name, image.extension()),
                Box::new(move |w: &mut (dyn Write + Send)| w.write_all(bytes)),
            );
            job
        })
        .collect();
    let written = stancegraph::output::write_all(&dir, jobs).map_err(Error::Output)?;
    super::announce_removed(&written.removed);
    if !quiet {
        for p in &drawn {
            eprintln!(
                "{}: {} nodes, {} edges, laid out by {}",
                p.name,
                p.nodes,
                p.edges,
                p.rendered.engine.name()
            );
        }
        let mut paths = written.paths;
        paths.sort();
        for p in paths {
            eprintln!("wrote {}", p.display());
        }
    }
    Ok(())
}
