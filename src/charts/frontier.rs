//! The JIT-to-JIC frontier of one item: what each buffer costs above the optimum (paired, with
//! its 95 % band), the parts of cost that trade against each other, and the stockout days,
//! against the buffer in days. JIT, JIC, the optimum and the buffers that cost the same
//! within the noise are marked.

use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use crate::core::input::Num;
use crate::core::optimise::{Frontier, FrontierPoint};
use crate::core::Shortage;

use super::{
    cost_parts, font_px, legend_height, legend_row, money_prefix, stacks, two_panels,
    y_label_width, Theme, XAxis, JIC_COLOR, JIT_COLOR, OPTIMUM_COLOR,
};

/// The buffers the chart shows: up to the first grid buffer past 2.5 × the largest of the
/// optimum, the JIC buffer and the far end of the same-cost range (at least 10 days).
pub fn shown_days(f: &Frontier) -> f64 {
    let top = f.points.last().map_or(10.0, |p| p.buffer_days);
    let wanted = 2.5 * f.optimum().buffer_days.max(f.jic().buffer_days).max(f.same_cost_days.1);
    // Up to the first grid buffer at or past it, so the curve runs to the axis's end.
    let wanted = wanted.max(10.0);
    f.points.iter().map(|p| p.buffer_days).find(|&b| b >= wanted).unwrap_or(top)
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
    let (width, height) = area.dim_in_pixel();
    // On a phone the panels stack; on a wide screen the lower two sit side by side.
    let narrow = stacks(width);
    let fs = if narrow { font_px(height / 2) } else { font_px(height * 5 / 8) };
    let x_max = shown_days(f);
    let shown: Vec<&FrontierPoint> =
        f.points.iter().filter(|p| p.buffer_days <= x_max + 1e-9).collect();
    let (top, bottom) = area.split_vertically(height * if narrow { 8 } else { 11 } / 20);
    let (legend, lower) = bottom.split_vertically(legend_height(width, 5, fs));
    let (parts_area, stockout_area) = two_panels(&lower, narrow, (11, 20));
    let prefix = money_prefix(currency);
    let days_label = |v: &f64| Num((v * 10.0).round() / 10.0).to_string();

    // Top: cost above the optimum, paired, with its band.
    let above = |p: &FrontierPoint| p.cost_above_best.mean();
    let band = |p: &FrontierPoint| 1.96 * p.cost_above_best.se();
    let y_max = shown.iter().map(|p| above(p) + band(p)).fold(0.0f64, f64::max).max(1.0) * 1.1;
    let y_min = shown.iter().map(|p| above(p) - band(p)).fold(0.0f64, f64::min);
    let mut chart = ChartBuilder::on(&top)
        .caption("Yearly cost above the optimum, by buffer", theme.font(fs * 13 / 10))
        .margin(fs / 2 + 4)
        .x_label_area_size(fs * 3)
        .y_label_area_size(y_label_width(fs, &format!("{prefix}{}", Num(y_max.round()))))
        .build_cartesian_2d(0.0..x_max, y_min..y_max)?;
    theme
        .mesh(
            chart
                .configure_mesh()
                .x_desc("Buffer (days of mean demand)")
                .y_desc(format!("{currency} per year above the optimum"))
                .x_label_formatter(&days_label)
                .y_label_formatter(&|v| format!("{prefix}{}", Num(v.round()))),
            fs,
        )
        .draw()?;
    let axis = XAxis::of(&chart, (0.0, x_max), 0);
    let (lo, hi) = f.same_cost_days;
    chart
        .draw_series(std::iter::once(Rectangle::new(
            [(lo, y_min), (hi.max(lo + x_max / 200.0), y_max)],
            OPTIMUM_COLOR.mix(0.12).filled(),
        )))?
        .label("Same cost within the noise")
        .legend(|(x, y)| {
            Rectangle::new([(x, y - 5), (x + 18, y + 5)], OPTIMUM_COLOR.mix(0.12).filled())
        });
    let upper = shown.iter().map(|p| (p.buffer_days, above(p) + band(p)));
    let lower_band = shown.iter().rev().map(|p| (p.buffer_days, above(p) - band(p)));
    chart.draw_series(std::iter::once(Polygon::new(
        upper.chain(lower_band).collect::<Vec<_>>(),
        theme.ink.mix(0.12).filled(),
    )))?;
    chart
        .draw_series(LineSeries::new(
            shown.iter().map(|p| (p.buffer_days, above(p))),
            theme.ink.stroke_width(2),
        ))?
        .label("Cost above the optimum (paired), 95 % band")
        .legend(|(x, y)| PathElement::new(vec![(x, y), (x + 18, y)], theme.ink.stroke_width(2)));
    chart.draw_series(
        shown.iter().map(|p| Circle::new((p.buffer_days, above(p)), 2, theme.ink.filled())),
    )?;
    let jic = f.jic();
    let best = f.optimum();
    for (row, (x, color, name)) in [
        (0.0, JIT_COLOR, "JIT".to_owned()),
        (jic.buffer_days, JIC_COLOR, format!("JIC {}", days_label(&jic.buffer_days))),
        (best.buffer_days, OPTIMUM_COLOR, format!("Optimum {}", days_label(&best.buffer_days))),
    ]
    .into_iter()
    .enumerate()
    {
        // Each label on its own row, so labels of close buffers do not overprint.
        let y = y_max - (y_max - y_min) * 0.09 * row as f64;
        if x <= x_max {
            let style = theme.font(fs).color(&color).pos(Pos::new(HPos::Left, VPos::Top));
            chart.draw_series(std::iter::once(PathElement::new(
                vec![(x, y_min), (x, y_max)],
                color.stroke_width(2),
            )))?;
            chart.draw_series(std::iter::once(Text::new(name, (x + x_max / 100.0, y), style)))?;
        }
    }
    // The legend needs room; on a phone the caption and the shading say enough.
    if !narrow {
        chart
            .configure_series_labels()
            .position(SeriesLabelPosition::MiddleRight)
            .label_font(theme.font(fs))
            .background_style(theme.background.mix(0.9))
            .border_style(theme.ink.mix(0.3))
            .draw()?;
    }

    // Bottom left: the parts of cost (excluding purchases) stacked.
    let parts = |p: &FrontierPoint| cost_parts(&p.result, shortage);
    let writes_off = shown.iter().any(|p| parts(p)[4].1 != 0.0);
    let entries: Vec<(&str, RGBColor)> = parts(shown[0])
        .iter()
        .filter(|(label, _, _)| writes_off || *label != "Write-offs")
        .map(|&(label, _, color)| (label, color))
        .collect();
    legend_row(&legend, &entries, fs, theme)?;
    let total = |p: &FrontierPoint| parts(p).iter().map(|x| x.1.max(0.0)).sum::<f64>();
    let y_max = shown.iter().map(|p| total(p)).fold(0.0f64, f64::max).max(1.0) * 1.05;
    // The two lower panels: buffer days across, their own quantity up.
    let lower_panel = |area: &DrawingArea<DB, Shift>,
                       caption: &str,
                       y_desc: &str,
                       y_max: f64,
                       y_label: &dyn Fn(&f64) -> String|
     -> Result<_, DrawingAreaErrorKind<DB::ErrorType>> {
        let mut chart = ChartBuilder::on(area)
            .caption(caption, theme.font(fs * 11 / 10))
            .margin(fs / 2 + 4)
            .x_label_area_size(fs * 3)
            .y_label_area_size(y_label_width(fs, &y_label(&y_max)))
            .build_cartesian_2d(0.0..x_max, 0.0..y_max)?;
        theme
            .mesh(
                chart
                    .configure_mesh()
                    .x_desc("Buffer (days)")
                    .y_desc(y_desc)
                    .y_labels(if narrow { 3 } else { 6 })
                    .x_label_formatter(&days_label)
                    .y_label_formatter(y_label),
                fs,
            )
            .draw()?;
        Ok(chart)
    };
    let mut chart = lower_panel(
        &parts_area,
        "Cost parts, excl. purchases",
        &format!("{currency} per year"),
        y_max,
        &|v| format!("{prefix}{}", Num(v.round())),
    )?;
    for part in (0..5).rev() {
        let color = parts(shown[0])[part].2;
        let top_of =
            |p: &FrontierPoint| parts(p)[..=part].iter().map(|x| x.1.max(0.0)).sum::<f64>();
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
    let mut chart =
        lower_panel(&stockout_area, "Stockout days per year", "days per year", y_max, &|v| {
            Num((v * 10.0).round() / 10.0).to_string()
        })?;
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
