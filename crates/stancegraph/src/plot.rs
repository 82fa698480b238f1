//! Charts (feature `plot`): the polarization series over time as SVG or
//! PNG, drawn with plotters, the dates on the x axis.
//!
//! plotters measures and draws text with a TrueType font it is given; the
//! chart takes the first of a few common sans-serif fonts it finds
//! (DejaVu Sans, Liberation Sans, Arial), or the file `STANCEGRAPH_FONT`
//! names.

use std::fmt;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use chrono::{Days, NaiveDate};
use plotters::prelude::*;
use plotters::style::{FontStyle, register_font};

use crate::analysis::polarization::Step;

/// Where fonts usually are.
const FONTS: [&str; 8] = [
    "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
    "/usr/share/fonts/TTF/DejaVuSans.ttf",
    "/usr/share/fonts/dejavu/DejaVuSans.ttf",
    "/usr/share/fonts/dejavu-sans-fonts/DejaVuSans.ttf",
    "/usr/share/fonts/truetype/liberation/LiberationSans-Regular.ttf",
    "/System/Library/Fonts/Supplemental/Arial.ttf",
    "/Library/Fonts/Arial.ttf",
    "C:\\Windows\\Fonts\\arial.ttf",
];

/// A chart's file format.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum ChartImage {
    /// Scalable vector graphics.
    Svg,
    /// A PNG bitmap.
    Png,
}

impl ChartImage {
    /// The format of a file name's extension (`.svg`, `.png`).
    pub fn of_path(path: &Path) -> Option<ChartImage> {
        match path
            .extension()?
            .to_string_lossy()
            .to_ascii_lowercase()
            .as_str()
        {
            "svg" => Some(ChartImage::Svg),
            "png" => Some(ChartImage::Png),
            _ => None,
        }
    }
}

/// Why a chart could not be drawn.
#[derive(Debug)]
#[non_exhaustive]
pub enum PlotError {
    /// No TrueType font was found.
    NoFont(Vec<PathBuf>),
    /// There is nothing to draw.
    Empty,
    /// plotters failed.
    Draw(String),
}

impl fmt::Display for PlotError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            PlotError::NoFont(tried) => {
                let tried: Vec<String> = tried.iter().map(|p| p.display().to_string()).collect();
                write!(
                    f,
                    "charts need a TrueType font, and none was found (tried {}): install \
                     DejaVu Sans or name a .ttf file in STANCEGRAPH_FONT",
                    tried.join(", ")
                )
            }
            PlotError::Empty => write!(f, "there are no time steps to draw"),
            PlotError::Draw(e) => write!(f, "drawing the chart failed: {e}"),
        }
    }
}

impl std::error::Error for PlotError {}

/// Registers the font once per process.
fn font() -> Result<(), PlotError> {
    static FONT: OnceLock<Result<(), Vec<PathBuf>>> = OnceLock::new();
    FONT.get_or_init(|| {
        let mut tried: Vec<PathBuf> = std::env::var_os("STANCEGRAPH_FONT")
            .map(PathBuf::from)
            .into_iter()
            .collect();
        tried.extend(FONTS.iter().map(PathBuf::from));
        for path in &tried {
            if let Ok(bytes) = std::fs::read(path) {
                // plotters keeps fonts for the process's life.
                let bytes: &'static [u8] = Box::leak(bytes.into_boxed_slice());
                if register_font("sans-serif", FontStyle::Normal, bytes).is_ok() {
                    return Ok(());
                }
            }
        }
        Err(tried)
    })
    .clone()
    .map_err(PlotError::NoFont)
}

fn draw_error<E: std::error::Error + Send + Sync>(e: DrawingAreaErrorKind<E>) -> PlotError {
    PlotError::Draw(e.to_string())
}

/// The chart's size in pixels.
const SIZE: (u32, u32) = (900, 420);

/// Draws the polarization score of each step over its middle date, with
/// `title` above; the bytes of an SVG or PNG file.
pub fn polarization_chart(
    steps: &[Step],
    title: &str,
    image: ChartImage,
) -> Result<Vec<u8>, PlotError> {
    font()?;
    if steps.is_empty() {
        return Err(PlotError::Empty);
    }
    match image {
        ChartImage::Svg => {
            let mut svg = String::new();
            {
                let root = SVGBackend::with_string(&mut svg, SIZE).into_drawing_area();
                draw(&root, steps, title)?;
                root.present().map_err(draw_error)?;
            }
            Ok(svg.into_bytes())
        }
        ChartImage::Png => {
            let (w, h) = SIZE;
            let mut rgb = vec![0u8; (w * h * 3) as usize];
            {
                let root = BitMapBackend::with_buffer(&mut rgb, SIZE).into_drawing_area();
                draw(&root, steps, title)?;
                root.present().map_err(draw_error)?;
            }
            png(&rgb, w, h)
        }
    }
}

/// An RGB buffer as PNG bytes.
fn png(rgb: &[u8], w: u32, h: u32) -> Result<Vec<u8>, PlotError> {
    let mut out = Vec::new();
    let mut encoder = ::png::Encoder::new(&mut out, w, h);
    encoder.set_color(::png::ColorType::Rgb);
    encoder.set_depth(::png::BitDepth::Eight);
    let mut writer = encoder
        .write_header()
        .map_err(|e| PlotError::Draw(e.to_string()))?;
    writer
        .write_image_data(rgb)
        .map_err(|e| PlotError::Draw(e.to_string()))?;
    writer
        .finish()
        .map_err(|e| PlotError::Draw(e.to_string()))?;
    Ok(out)
}

fn draw<DB: DrawingBackend>(
    root: &DrawingArea<DB, plotters::coord::Shift>,
    steps: &[Step],
    title: &str,
) -> Result<(), PlotError>
where
    DB::ErrorType: 'static,
{
    root.fill(&WHITE).map_err(draw_error)?;
    let first = steps[0].middle;
    let day = |d: NaiveDate| (d - first).num_days() as f64;
    let last = day(steps[steps.len() - 1].middle).max(1.0);
    let top = steps.iter().map(|s| s.score).fold(0.0, f64::max);
    let top = if top > 0.0 { top * 1.1 } else { 1.0 };
    let date_of = |x: &f64| {
        first
            .checked_add_days(Days::new(x.max(0.0).round() as u64))
            .map_or_else(String::new, |d| d.to_string())
    };
    let mut chart = ChartBuilder::on(root)
        .caption(title, ("sans-serif", 18))
        .margin(16)
        .x_label_area_size(40)
        .y_label_area_size(60)
        .build_cartesian_2d(0.0..last, 0.0..top)
        .map_err(draw_error)?;
    chart
        .configure_mesh()
        .x_labels(6)
        .x_label_formatter(&date_of)
        .y_desc("polarization")
        .label_style(("sans-serif", 13))
        .draw()
        .map_err(draw_error)?;
    let points: Vec<(f64, f64)> = steps.iter().map(|s| (day(s.middle), s.score)).collect();
    let line = RGBColor(31, 119, 180);
    chart
        .draw_series(LineSeries::new(
            points.iter().copied(),
            line.stroke_width(2),
        ))
        .map_err(draw_error)?;
    chart
        .draw_series(
            points
                .iter()
                .map(|&(x, y)| Circle::new((x, y), 3, line.filled())),
        )
        .map_err(draw_error)?;
    Ok(())
}
