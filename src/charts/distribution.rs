//! How yearly cost and stockout days spread across replications, per policy: the risk behind
//! the means. Overlaid histograms on shared bins, each policy in its colour, P95 marked.

use plotters::coord::Shift;
use plotters::prelude::*;

use crate::core::numbers::{tenths, Num};
use crate::core::{Comparison, PolicyResult};

use super::frame::{self, Entry};
use super::{colors, money_prefix, DrawnResult, Theme, XAxis};

/// Histogram bins over [lo, hi]: counts per policy, as shares of its replications.
fn shares(values: &[f64], lo: f64, width: f64, bins: usize) -> Vec<f64> {
    let mut counts = vec![0.0; bins];
    for &v in values {
        let k = if width > 0.0 { ((v - lo) / width) as usize } else { 0 };
        counts[k.min(bins - 1)] += 1.0;
    }
    let n = values.len().max(1) as f64;
    counts.iter().map(|c| c / n).collect()
}

/// Draws both histograms; reports their axes (0: yearly cost, 1: stockout days).
pub fn distributions<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    c: &Comparison,
    currency: &str,
    theme: Theme,
) -> DrawnResult<DB> {
    area.fill(&theme.background)?;
    let size = area.dim_in_pixel();
    let narrow = frame::stacks(size);
    let fs = frame::font_px(size);
    let palette = colors(c);
    let entries: Vec<Entry> = c
        .policies
        .iter()
        .zip(&palette)
        .map(|(p, &color)| Entry::block(p.name.as_str(), color.mix(0.6)))
        .collect();
    let panels = frame::legend_above(area, &entries, fs, theme)?;
    let (left, right) = frame::two_panels(&panels, narrow, (1, 2));
    let prefix = money_prefix(currency);
    let compact = !narrow && size.0 < 900;
    let per_year = format!("{currency} per year");
    let cost = panel(
        &left,
        c,
        fs,
        (
            &["Yearly cost across runs (line: P95)", "Yearly cost (line: P95)", "Yearly cost"],
            &[&per_year, currency],
        ),
        |p| &p.cost_by_replication,
        &|v| format!("{prefix}{}", frame::tick_number(*v, compact)),
        theme,
    )?;
    let stockouts = panel(
        &right,
        c,
        fs,
        (
            &[
                "Stockout days per year across runs (line: P95)",
                "Stockout days (line: P95)",
                "Stockout days",
            ],
            &["days per year", "days"],
        ),
        |p| &p.stockout_days_by_replication,
        &|v| tenths(*v).to_string(),
        theme,
    )?;
    Ok(vec![XAxis { plot: 0, ..cost }, XAxis { plot: 1, ..stockouts }])
}

fn panel<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    c: &Comparison,
    fs: u32,
    (captions, x_descs): (&[&str], &[&str]),
    values: fn(&PolicyResult) -> &Vec<f64>,
    x_label: &dyn Fn(&f64) -> String,
    theme: Theme,
) -> Result<XAxis, DrawingAreaErrorKind<DB::ErrorType>> {
    const BINS: usize = 24;
    let all = c.policies.iter().flat_map(|p| values(p).iter().copied());
    let (lo, hi) = all.fold((f64::INFINITY, f64::NEG_INFINITY), |(a, b), v| (a.min(v), b.max(v)));
    let (lo, hi) =
        if lo.is_finite() && hi > lo { (lo, hi) } else { (lo.min(0.0), lo.max(0.0) + 1.0) };
    let width = (hi - lo) / BINS as f64;
    let hists: Vec<Vec<f64>> =
        c.policies.iter().map(|p| shares(values(p), lo, width, BINS)).collect();
    let y_max = hists.iter().flatten().copied().fold(0.0f64, f64::max).max(0.01) * 1.15;
    let area = frame::caption(area, captions, fs * 11 / 10, theme)?;
    let label = theme.font(fs);
    let (w, h) = area.dim_in_pixel();
    let y_area = frame::y_label_width(&area, fs, "100%", theme);
    let widest = [lo, hi].iter().map(|v| frame::text_width(&area, &x_label(v), &label)).max();
    let widest = widest.unwrap_or(fs);
    // Room for the last x label, centred on the plot's right edge.
    let right = widest / 2 + fs / 2;
    let (plot_width, plot_height) = (w.saturating_sub(y_area + right), h.saturating_sub(fs * 3));
    let x_desc = frame::fitting(&area, x_descs, &label, plot_width).unwrap_or_default();
    let y_desc = frame::fitting(&area, &["share of runs", "runs"], &label, plot_height);
    let mut chart = ChartBuilder::on(&area)
        .margin(fs / 2)
        .margin_right(right)
        .x_label_area_size(fs * 3)
        .y_label_area_size(y_area)
        .build_cartesian_2d(lo..hi, 0.0..y_max)?;
    theme
        .mesh(
            chart
                .configure_mesh()
                .x_desc(x_desc)
                .y_desc(y_desc.unwrap_or_default())
                .x_labels(frame::ticks(plot_width, widest, fs).min(6))
                .y_labels(frame::ticks(plot_height, fs, fs).min(5))
                .x_label_formatter(x_label)
                .y_label_formatter(&|v| format!("{}%", Num((v * 100.0).round()))),
            fs,
        )
        .draw()?;
    for ((p, hist), &color) in c.policies.iter().zip(&hists).zip(&colors(c)) {
        chart.draw_series(hist.iter().enumerate().filter(|(_, h)| **h > 0.0).map(|(k, h)| {
            let x0 = lo + width * k as f64;
            Rectangle::new([(x0, 0.0), (x0 + width, *h)], color.mix(0.35).filled())
        }))?;
        // The P95: a year this bad or worse comes once in twenty.
        let mut sorted = values(p).clone();
        sorted.sort_by(f64::total_cmp);
        if let Some(&p95) =
            sorted.get(((sorted.len() as f64 * 0.95) as usize).min(sorted.len().saturating_sub(1)))
        {
            chart.draw_series(std::iter::once(PathElement::new(
                vec![(p95, 0.0), (p95, y_max)],
                color.stroke_width(2),
            )))?;
        }
    }
    Ok(XAxis::of(&chart, (lo, hi), 0))
}
