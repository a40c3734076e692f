//! The rules the optimiser compared for one item: each rule's cheapest buffer, what it costs
//! a year above the optimum (paired, with its 95 % band), against the typical order it brings
//! (units ordered over orders, as simulated). Bigger, rarer orders save ordering and cost
//! holding: the trade-off between the two is the curve's shape. One colour per family; the
//! item's own rule (JIT's) and the optimal rule are named.

use plotters::coord::Shift;
use plotters::prelude::*;

use crate::core::optimise::{Frontier, RuleOption, RuleShape};

use super::frame::{self, Entry};
use super::{
    money_prefix, Theme, XAxis, CUSTOM_COLOR, JIC_COLOR, JIT_COLOR, OPTIMUM_COLOR, STORAGE_COLOR,
};

/// The typical order of a rule's cheapest point: units ordered a year over orders a year.
pub fn typical_order(o: &RuleOption) -> f64 {
    o.point.result.typical_order_units()
}

/// A family of rules on the chart: its legend name, colour, and which shapes belong to it.
type Family = (&'static str, RGBColor, fn(&RuleShape) -> bool);

/// Draws the rules compared (see the module's documentation).
pub fn rules<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    f: &Frontier,
    currency: &str,
    theme: Theme,
) -> Result<XAxis, DrawingAreaErrorKind<DB::ErrorType>> {
    area.fill(&theme.background)?;
    let size = area.dim_in_pixel();
    let fs = frame::font_px(size);
    let label = theme.font(fs);
    let prefix = money_prefix(currency);
    let area = frame::caption(
        area,
        &["Yearly cost above the optimum, by rule and order size", "Cost by order size"],
        fs * 6 / 5,
        theme,
    )?;
    let families: [Family; 3] = [
        ("Order up to a level every R days", JIC_COLOR, |s| {
            matches!(s, RuleShape::Periodic { .. })
        }),
        ("(r, Q)", CUSTOM_COLOR, |s| matches!(s, RuleShape::ReorderQuantity { .. })),
        ("(s, S)", STORAGE_COLOR, |s| matches!(s, RuleShape::MinMax { .. })),
    ];
    let own = f.rules.first();
    let mut entries: Vec<Entry> = families
        .iter()
        .filter(|(_, _, is)| f.rules.iter().any(|r| is(&r.shape)))
        .map(|(name, color, _)| Entry::block(*name, *color))
        .collect();
    entries.push(Entry::line("Optimal rule", OPTIMUM_COLOR));
    if own.is_some_and(|o| o.shape != f.rule) {
        entries.push(Entry::line("The rule JIT uses", JIT_COLOR));
    }
    entries.push(Entry::line("95 % band (paired)", theme.ink));
    let area = frame::legend_above(&area, &entries, fs, theme)?;
    let above = |o: &RuleOption| o.point.cost_above_best.mean();
    let band = |o: &RuleOption| 1.96 * o.point.cost_above_best.se();
    let y_max = f.rules.iter().map(|o| above(o) + band(o)).fold(0.0f64, f64::max).max(1.0) * 1.08;
    let y_min = f.rules.iter().map(|o| above(o) - band(o)).fold(0.0f64, f64::min);
    let x_max = f.rules.iter().map(typical_order).fold(0.0f64, f64::max).max(1.0) * 1.08;
    let (w, h) = area.dim_in_pixel();
    let compact = w < 900;
    let money = move |v: &f64| format!("{prefix}{}", frame::tick_number(*v, compact));
    let units = move |v: &f64| frame::tick_number(*v, compact);
    let y_area = frame::y_label_width(&area, fs, &money(&y_max), theme).max(frame::y_label_width(
        &area,
        fs,
        &money(&y_min),
        theme,
    ));
    let x_area = fs * 3;
    let (plot_width, plot_height) =
        (w.saturating_sub(y_area + fs * 2), h.saturating_sub(x_area + fs));
    let x_desc = frame::fitting(
        &area,
        &["Typical order (units: ordered ÷ orders)", "Typical order (units)", "units"],
        &label,
        plot_width,
    );
    let per_year = format!("{currency} per year above the optimum");
    let y_desc = frame::fitting(
        &area,
        &[per_year.as_str(), "above the optimum", currency],
        &label,
        plot_height,
    );
    let widest_x = frame::text_width(&area, &units(&x_max), &label);
    let mut chart = ChartBuilder::on(&area)
        .margin(fs / 2)
        .margin_right(fs * 3 / 2)
        .x_label_area_size(x_area)
        .y_label_area_size(y_area)
        .build_cartesian_2d(0.0..x_max, y_min..y_max)?;
    theme
        .mesh(
            chart
                .configure_mesh()
                .x_desc(x_desc.unwrap_or_default())
                .y_desc(y_desc.unwrap_or_default())
                .x_labels(frame::ticks(plot_width, widest_x, fs))
                .y_labels(frame::ticks(plot_height, fs, fs))
                .x_label_formatter(&units)
                .y_label_formatter(&money),
            fs,
        )
        .draw()?;
    let axis = XAxis::of(&chart, (0.0, x_max), 0);
    let radius = (fs / 3).max(3);
    for (_, color, is) in &families {
        let mut members: Vec<&RuleOption> = f.rules.iter().filter(|r| is(&r.shape)).collect();
        members.sort_by(|a, b| typical_order(a).total_cmp(&typical_order(b)));
        for o in &members {
            let x = typical_order(o);
            chart.draw_series(std::iter::once(PathElement::new(
                vec![(x, above(o) - band(o)), (x, above(o) + band(o))],
                theme.ink.stroke_width(1),
            )))?;
        }
        chart.draw_series(LineSeries::new(
            members.iter().map(|o| (typical_order(o), above(o))),
            color.stroke_width(2),
        ))?;
        chart.draw_series(
            members
                .iter()
                .map(|o| Circle::new((typical_order(o), above(o)), radius, color.filled())),
        )?;
    }
    // The optimal rule, ringed.
    if let Some(o) = f.rules.iter().find(|r| r.shape == f.rule) {
        chart.draw_series(std::iter::once(Circle::new(
            (typical_order(o), above(o)),
            radius * 2,
            OPTIMUM_COLOR.stroke_width(2),
        )))?;
    }
    // The item's own rule (JIT's) is the first: a heavier ring in JIT's colour when it is not
    // the optimal one.
    if let Some(o) = own.filter(|o| o.shape != f.rule) {
        chart.draw_series(std::iter::once(Circle::new(
            (typical_order(o), above(o)),
            radius * 2,
            JIT_COLOR.stroke_width(2),
        )))?;
    }
    Ok(axis)
}

/// The rules chart, light, as an SVG document of the given size in pixels (empty if drawing
/// failed).
pub fn rules_svg(f: &Frontier, currency: &str, size: (u32, u32)) -> String {
    let mut svg = String::new();
    {
        let area = SVGBackend::with_string(&mut svg, size).into_drawing_area();
        if rules(&area, f, currency, Theme::LIGHT).and_then(|_| area.present()).is_err() {
            return String::new();
        }
    }
    svg
}
