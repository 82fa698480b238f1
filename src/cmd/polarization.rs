//! `stancegraph polarization`: DNA's polarization score of the selected
//! statements, as text or JSON.

use serde::Serialize;
use stancegraph::analysis::polarization::{
    self, Polarization, PolarizationOptions, SeriesOptions, Step,
};
use stancegraph::network::kernel::{Kernel, Smoothing};

use super::{Error, load_prepared, names};
use crate::cli::PolarizationArgs;

/// Computes and prints the polarization.
pub fn run(args: PolarizationArgs) -> Result<(), Error> {
    let prepared = load_prepared(&args.input, &args.selection)?;
    let opts = PolarizationOptions {
        clusters: args.clusters,
        normalize: args.normalize_scores,
        algorithm: args.algorithm,
        objective: args.objective,
        seed: args.seed,
        restarts: args.restarts,
        ..PolarizationOptions::default()
    };
    if let Some(size) = &args.window {
        return over_time(&args, &prepared, size, &opts);
    }
    let found = polarization::polarization(&prepared, &opts).map_err(|e| Error::options(&e))?;
    super::print_result(args.json, &found, || text(&found))?;
    Ok(())
}

/// The series, as JSON `{"steps": [...]}`.
#[derive(Serialize)]
struct Series<'a> {
    steps: &'a [Step],
}

/// One score per window middle, printed, and drawn when asked.
fn over_time(
    args: &PolarizationArgs,
    prepared: &stancegraph::model::Dataset,
    size: &str,
    opts: &PolarizationOptions,
) -> Result<(), Error> {
    let window = super::span("window", size)?;
    let step = args
        .step
        .as_deref()
        .map(|s| super::span("step", s))
        .transpose()?;
    let image = match &args.plot {
        Some(path) => Some(chart_image(path)?),
        None => None,
    };
    let series = SeriesOptions {
        window,
        step,
        smoothing: Smoothing {
            kernel: args.kernel.unwrap_or(Kernel::Uniform),
            indent_time: args.indent_time,
        },
    };
    let steps = polarization::series(prepared, &series, opts).map_err(|e| Error::options(&e))?;
    if let (Some(path), Some(image)) = (&args.plot, image) {
        let title = format!(
            "Polarization over time: {} ({} kernel, window {})",
            prepared.name,
            series.smoothing.kernel.name(),
            window
        );
        draw(&steps, &title, image, path)?;
    }
    super::print_result(args.json, &Series { steps: &steps }, || {
        let mut out = format!(
            "{:<10}  {:<10}  {:<10}  {:>6}  {:>8}  clusters\n",
            "start", "middle", "stop", "actors", "score"
        );
        for s in &steps {
            let clusters: Vec<String> = s.clusters.iter().map(|c| names(c)).collect();
            out.push_str(&format!(
                "{:<10}  {:<10}  {:<10}  {:>6}  {:>8.4}  {}\n",
                s.start.to_string(),
                s.middle.to_string(),
                s.stop.to_string(),
                s.actors,
                s.score,
                if s.skipped.is_some() {
                    "(skipped)".to_string()
                } else {
                    clusters.join(" | ")
                }
            ));
        }
        out
    })
}

#[cfg(feature = "plot")]
type Image = stancegraph::plot::ChartImage;
#[cfg(not(feature = "plot"))]
type Image = ();

/// The chart format a file name asks for.
fn chart_image(path: &std::path::Path) -> Result<Image, Error> {
    #[cfg(feature = "plot")]
    {
        Image::of_path(path).ok_or_else(|| {
            Error::usage(format!(
                "--plot {}: name an .svg or .png file",
                path.display()
            ))
        })
    }
    #[cfg(not(feature = "plot"))]
    {
        let _ = path;
        Err(Error::usage(stancegraph::PLOT_MISSING))
    }
}

/// Draws the chart and writes it atomically.
#[cfg(feature = "plot")]
fn draw(steps: &[Step], title: &str, image: Image, path: &std::path::Path) -> Result<(), Error> {
    let bytes = stancegraph::plot::polarization_chart(steps, title, image)
        .map_err(|e| Error::Chart(e.to_string()))?;
    super::write_file(path, &bytes)
}

#[cfg(not(feature = "plot"))]
fn draw(_: &[Step], _: &str, _: Image, _: &std::path::Path) -> Result<(), Error> {
    Err(Error::usage(stancegraph::PLOT_MISSING))
}

/// The result as lines of text.
fn text(p: &Polarization) -> String {
    let splits = match p.splits {
        Some(n) => format!("{n} balanced splits"),
        None => "more than 2^128 balanced splits".to_string(),
    };
    let mut out = format!(
        "polarization: {} ({}{} objective)\nalgorithm: {} over {splits} of {} actors\n",
        p.score,
        if p.normalized { "normalized, " } else { "" },
        p.objective.name(),
        p.algorithm.name(),
        p.actors,
    );
    for (i, cluster) in p.clusters.iter().enumerate() {
        out.push_str(&format!(
            "cluster {} ({}): {}\n",
            i + 1,
            cluster.len(),
            names(cluster)
        ));
    }
    out
}
