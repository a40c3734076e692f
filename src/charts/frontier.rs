//! The JIT-to-JIC frontier of one item, on its optimal rule: what each buffer costs above the
//! optimum (paired, with its 95 % band), the parts of cost that trade against each other, and
//! the stockout days, against the buffer in days (below 0 where the frontier goes leaner than
//! JIT). The optimum and the buffers that cost the same within the noise are marked; JIT and
//! JIC as lines when they lie on the frontier (the optimal rule is the item's own), else as
//! points of their own beside it, at their cost above the optimum.

use plotters::coord::Shift;
use plotters::prelude::*;

use crate::core::numbers::tenths;
use crate::core::optimise::{days_of, Frontier, FrontierPoint};
use crate::core::Shortage;

use super::frame::{self, Entry};
use super::{
    cost_parts, money_prefix, parts_shown, stacked_height, Theme, XAxis, JIC_COLOR, JIT_COLOR,
    OPTIMUM_COLOR,
};

/// Below this height (CSS pixels) the chart is the frontier alone: a small embed has no room
/// for the cost parts and stockouts under it.
const PANELS_FROM_HEIGHT: u32 = 300;

/// The buffers the chart shows: up to the first grid buffer past 2.5 × the largest of the
/// optimum, the JIC buffer and the far end of the same-cost range (at least 10 days).
pub fn shown_days(f: &Frontier) -> f64 {
    let top = f.points.last().map_or(10.0, |p| p.buffer_days);
    let wanted = 2.5 * f.optimum().buffer_days.max(f.jic().buffer_days).max(f.same_cost_days.1);
    // Up to the first grid buffer at or past it, so the curve runs to the axis's end.
    let wanted = wanted.max(10.0);
    f.points.iter().map(|p| p.buffer_days).find(|&b| b >= wanted).unwrap_or(top)
}

/// The lowest buffer the chart shows: the frontier's lowest point below 0 within a quarter of
/// the buffers shown above 0 (further when the optimum or the same-cost range lies there), so
/// the curve starts at the axis's left end; 0 when no point lies that close.
pub fn shown_from(f: &Frontier, x_max: f64) -> f64 {
    let wanted = (-0.25 * x_max).min(f.same_cost_days.0 * 1.5).min(f.optimum().buffer_days * 1.5);
    f.points
        .iter()
        .map(|p| p.buffer_days)
        .filter(|&b| b < 0.0 && b >= wanted - 1e-9)
        .fold(0.0, f64::min)
}

/// Draws the frontier (see the module's documentation).
pub fn frontier<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    f: &Frontier,
    shortage: Shortage,
    currency: &str,
    theme: Theme,
) -> Result<XAxis, DrawingAreaErrorKind<DB::ErrorType>> {
    area.fill(&theme.background)?;
    let size = area.dim_in_pixel();
    let (width, height) = size;
    // On a phone the panels stack; on a wide screen the lower two sit side by side; in a small
    // embed only the frontier is drawn.
    let narrow = frame::stacks(size);
    let panels = height >= PANELS_FROM_HEIGHT;
    let fs = frame::font_px(if panels && !narrow { (width, height * 5 / 8) } else { size });
    let x_max = shown_days(f);
    let x_min = shown_from(f, x_max);
    let shown: Vec<&FrontierPoint> = f
        .points
        .iter()
        .filter(|p| p.buffer_days <= x_max + 1e-9 && p.buffer_days >= x_min - 1e-9)
        .collect();
    let (top, bottom) = if panels {
        area.split_vertically(height * if narrow { 9 } else { 11 } / 20)
    } else {
        area.split_vertically(height)
    };
    let prefix = money_prefix(currency);
    let days_label = |v: &f64| tenths(*v).to_string();
    let label = theme.font(fs);

    // Top: cost above the optimum, paired, with its band; JIT, JIC and the optimum as lines
    // in their colours, named in the legend above.
    let jic = f.jic();
    let best = f.optimum();
    let on_rule = f.on_own_rule();
    let markers = [
        (0.0, JIT_COLOR, "JIT".to_owned()),
        (jic.buffer_days, JIC_COLOR, format!("JIC {}", days_of(jic.buffer_days))),
        (best.buffer_days, OPTIMUM_COLOR, format!("Optimum {}", days_of(best.buffer_days))),
    ];
    // Off the optimal rule, JIT and JIC are points of their own, named with their cost above
    // the optimum (a point far above the curve is drawn at the plot's top edge).
    let plus = |p: &FrontierPoint| {
        format!("+{}{}", money_prefix(currency), frame::tick_number(p.cost_above_best.mean(), true))
    };
    let off_rule: Vec<(&FrontierPoint, RGBColor, String)> = if on_rule {
        Vec::new()
    } else {
        vec![
            (f.jit(), JIT_COLOR, format!("JIT (its own rule, {})", plus(f.jit()))),
            (
                jic,
                JIC_COLOR,
                format!("JIC {} (its own rule, {})", days_of(jic.buffer_days), plus(jic)),
            ),
        ]
    };
    let top = frame::caption(
        &top,
        &["Yearly cost above the optimum, by buffer", "Cost above the optimum"],
        fs * 6 / 5,
        theme,
    )?;
    let mut entries: Vec<Entry> = markers
        .iter()
        .skip(if on_rule { 0 } else { 2 })
        .filter(|m| m.0 <= x_max && m.0 >= x_min)
        .map(|(_, color, name)| Entry::line(name.clone(), *color))
        .collect();
    entries.extend(
        off_rule
            .iter()
            .filter(|(p, ..)| p.buffer_days <= x_max)
            .map(|(_, color, name)| Entry::block(name.clone(), *color)),
    );
    entries.push(Entry::line("Cost above the optimum, 95 % band", theme.ink));
    entries.push(Entry::block("Same cost within the noise", OPTIMUM_COLOR.mix(0.25)));
    let top = frame::legend_above(&top, &entries, fs, theme)?;
    let above = |p: &FrontierPoint| p.cost_above_best.mean();
    let band = |p: &FrontierPoint| 1.96 * p.cost_above_best.se();
    let curve_max = shown.iter().map(|p| above(p) + band(p)).fold(0.0f64, f64::max).max(1.0);
    // JIT and JIC off the rule widen the axis up to three times the curve's height, no more:
    // the curve near the optimum stays readable.
    let marked = off_rule
        .iter()
        .map(|(p, ..)| *p)
        .filter(|p| p.buffer_days <= x_max && above(p) <= 3.0 * curve_max);
    let y_max = shown
        .iter()
        .copied()
        .chain(marked.clone())
        .map(|p| above(p) + band(p))
        .fold(curve_max, f64::max)
        * 1.05;
    let y_min =
        shown.iter().copied().chain(marked).map(|p| above(p) - band(p)).fold(0.0f64, f64::min);
    let (tw, th) = top.dim_in_pixel();
    let compact = tw < 900;
    let money = move |v: &f64| format!("{prefix}{}", frame::tick_number(*v, compact));
    let y_area = frame::y_label_width(&top, fs, &money(&y_max), theme).max(frame::y_label_width(
        &top,
        fs,
        &money(&y_min),
        theme,
    ));
    let x_area = fs * 3;
    let (plot_width, plot_height) =
        (tw.saturating_sub(y_area + fs * 2), th.saturating_sub(x_area + fs));
    let x_desc = frame::fitting(
        &top,
        &["Buffer (days of mean demand)", "Buffer (days)"],
        &label,
        plot_width,
    );
    let per_year = format!("{currency} per year above the optimum");
    let y_desc = frame::fitting(
        &top,
        &[per_year.as_str(), "above the optimum", currency],
        &label,
        plot_height,
    );
    let widest_x = frame::text_width(&top, &days_label(&x_max), &label);
    let mut chart = ChartBuilder::on(&top)
        .margin(fs / 2)
        .margin_right(fs * 3 / 2)
        .x_label_area_size(x_area)
        .y_label_area_size(y_area)
        .build_cartesian_2d(x_min..x_max, y_min..y_max)?;
    theme
        .mesh(
            chart
                .configure_mesh()
                .x_desc(x_desc.unwrap_or_default())
                .y_desc(y_desc.unwrap_or_default())
                .x_labels(frame::ticks(plot_width, widest_x, fs))
                .y_labels(frame::ticks(plot_height, fs, fs))
                .x_label_formatter(&days_label)
                .y_label_formatter(&money),
            fs,
        )
        .draw()?;
    let axis = XAxis::of(&chart, (x_min, x_max), 0);
    let (lo, hi) = f.same_cost_days;
    chart.draw_series(std::iter::once(Rectangle::new(
        [(lo, y_min), (hi.max(lo + x_max / 200.0), y_max)],
        OPTIMUM_COLOR.mix(0.25).filled(),
    )))?;
    let upper = shown.iter().map(|p| (p.buffer_days, above(p) + band(p)));
    let lower_band = shown.iter().rev().map(|p| (p.buffer_days, above(p) - band(p)));
    chart.draw_series(std::iter::once(Polygon::new(
        upper.chain(lower_band).collect::<Vec<_>>(),
        theme.ink.mix(0.12).filled(),
    )))?;
    for (x, color, _) in markers.iter().skip(if on_rule { 0 } else { 2 }) {
        if *x <= x_max && *x >= x_min {
            chart.draw_series(std::iter::once(PathElement::new(
                vec![(*x, y_min), (*x, y_max)],
                color.stroke_width(2),
            )))?;
        }
    }
    chart.draw_series(LineSeries::new(
        shown.iter().map(|p| (p.buffer_days, above(p))),
        theme.ink.stroke_width(2),
    ))?;
    chart.draw_series(
        shown.iter().map(|p| Circle::new((p.buffer_days, above(p)), 2, theme.ink.filled())),
    )?;
    for (p, color, _) in off_rule.iter().filter(|(p, ..)| p.buffer_days <= x_max) {
        let radius = (fs / 3).max(3);
        chart.draw_series(std::iter::once(Circle::new(
            (p.buffer_days, above(p).min(y_max)),
            radius,
            color.filled(),
        )))?;
    }
    if !panels {
        return Ok(axis);
    }

    // Bottom left: the parts of cost (excluding purchases) stacked.
    let parts = |p: &FrontierPoint| cost_parts(&p.result, shortage);
    let drawn = parts_shown(shown.iter().map(|p| &p.result), shortage);
    let entries: Vec<Entry> = parts(shown[0])
        .iter()
        .filter(|(label, _, _)| drawn(label))
        .map(|&(label, _, color)| Entry::block(label, color.mix(0.85)))
        .collect();
    let lower = frame::legend_above(&bottom, &entries, fs, theme)?;
    let (parts_area, stockout_area) = frame::two_panels(&lower, narrow, (11, 20));
    let total = |p: &FrontierPoint| stacked_height(&parts(p));
    let y_max = shown.iter().map(|p| total(p)).fold(0.0f64, f64::max).max(1.0) * 1.05;
    // The two lower panels: buffer days across, their own quantity up.
    let lower_panel = |area: &DrawingArea<DB, Shift>,
                       captions: &[&str],
                       y_descs: &[&str],
                       y_max: f64,
                       y_label: &dyn Fn(&f64) -> String|
     -> Result<_, DrawingAreaErrorKind<DB::ErrorType>> {
        let area = frame::caption(area, captions, fs * 11 / 10, theme)?;
        let (w, h) = area.dim_in_pixel();
        let y_area = frame::y_label_width(&area, fs, &y_label(&y_max), theme);
        let (plot_width, plot_height) =
            (w.saturating_sub(y_area + fs * 2), h.saturating_sub(fs * 4));
        let y_desc = frame::fitting(&area, y_descs, &label, plot_height).unwrap_or_default();
        let x_desc = frame::fitting(&area, &["Buffer (days)", "days"], &label, plot_width);
        let mut chart = ChartBuilder::on(&area)
            .margin(fs / 2)
            .margin_right(fs * 3 / 2)
            .x_label_area_size(fs * 3)
            .y_label_area_size(y_area)
            .build_cartesian_2d(x_min..x_max, 0.0..y_max)?;
        theme
            .mesh(
                chart
                    .configure_mesh()
                    .x_desc(x_desc.unwrap_or_default())
                    .y_desc(y_desc)
                    .x_labels(frame::ticks(plot_width, widest_x, fs))
                    .y_labels(frame::ticks(plot_height, fs, fs))
                    .x_label_formatter(&days_label)
                    .y_label_formatter(y_label),
                fs,
            )
            .draw()?;
        Ok(chart)
    };
    let per_year = format!("{currency} per year");
    let mut chart = lower_panel(
        &parts_area,
        &["Cost parts, excl. purchases", "Cost parts"],
        &[&per_year, currency],
        y_max,
        &money,
    )?;
    for part in (0..5).rev() {
        let color = parts(shown[0])[part].2;
        let top_of = |p: &FrontierPoint| stacked_height(&parts(p)[..=part]);
        chart.draw_series(AreaSeries::new(
            shown.iter().map(|p| (p.buffer_days, top_of(p))),
            0.0,
            color.mix(0.85).filled(),
        ))?;
    }

    // Bottom right: stockout days per year, with its band.
    let stockouts = |p: &FrontierPoint| p.result.stockout_days_per_year;
    let y_max = shown
        .iter()
        .map(|p| stockouts(p).mean() + 1.96 * stockouts(p).se())
        .fold(0.0f64, f64::max)
        .max(0.1)
        * 1.1;
    let mut chart = lower_panel(
        &stockout_area,
        &["Stockout days per year", "Stockout days"],
        &["days per year", "days"],
        y_max,
        &|v| tenths(*v).to_string(),
    )?;
    let upper =
        shown.iter().map(|p| (p.buffer_days, stockouts(p).mean() + 1.96 * stockouts(p).se()));
    let lower_band = shown
        .iter()
        .rev()
        .map(|p| (p.buffer_days, (stockouts(p).mean() - 1.96 * stockouts(p).se()).max(0.0)));
    chart.draw_series(std::iter::once(Polygon::new(
        upper.chain(lower_band).collect::<Vec<_>>(),
        super::SHORTAGE_COLOR.mix(0.15).filled(),
    )))?;
    chart.draw_series(LineSeries::new(
        shown.iter().map(|p| (p.buffer_days, stockouts(p).mean())),
        super::SHORTAGE_COLOR.stroke_width(2),
    ))?;
    Ok(axis)
}

/// The frontier, light, as an SVG document of the given size in pixels (empty if drawing
/// failed).
pub fn frontier_svg(f: &Frontier, shortage: Shortage, currency: &str, size: (u32, u32)) -> String {
    let mut svg = String::new();
    {
        let area = SVGBackend::with_string(&mut svg, size).into_drawing_area();
        if frontier(&area, f, shortage, currency, Theme::LIGHT)
            .and_then(|_| area.present())
            .is_err()
        {
            return String::new();
        }
    }
    svg
}
