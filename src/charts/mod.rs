//! One function per chart, generic over the plotters backend: the page passes a canvas, tests
//! and downloads pass an SVG string. Charts draw what core computed; they compute nothing.

mod density;
mod distribution;
mod frame;
mod frontier;
mod overlap;
mod rules;

pub use density::Scaled;
pub use frontier::{frontier, frontier_svg, shown_days, shown_from};
pub use overlap::{Log, Recorded};
pub use rules::{rules, rules_svg, typical_order};

use plotters::coord::ranged1d::SegmentValue;
use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

pub use crate::core::input::money_prefix;
use crate::core::numbers::{tenths, Dec, Num};
use crate::core::optimise::days_of;
use crate::core::sim::WindowKind;
use crate::core::{Comparison, MeanSe, PolicyKind, PolicyResult, Shortage};
use frame::{Entry, Legend};

/// What drawing a chart returns.
pub type ChartResult<DB> = Result<(), DrawingAreaErrorKind<<DB as DrawingBackend>::ErrorType>>;

/// Where one plot of a chart lies, so a pointer's position can be read back as a value on its
/// x axis: the plotting area's pixels (of the backend) across and down, the x values at its
/// two ends, and which of the chart's plots it is (0 the first). For bars by policy the
/// values run from 0 to the number of policies, one unit a bar.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct XAxis {
    pub pixels: (i32, i32),
    pub rows: (i32, i32),
    pub values: (f64, f64),
    pub plot: usize,
}

impl XAxis {
    /// The axis of a plot as plotters drew it.
    fn of<DB: DrawingBackend, CT: CoordTranslate>(
        chart: &ChartContext<'_, DB, CT>,
        values: (f64, f64),
        plot: usize,
    ) -> XAxis {
        let (across, down) = chart.plotting_area().get_pixel_range();
        XAxis { pixels: (across.start, across.end), rows: (down.start, down.end), values, plot }
    }

    /// The value under a pixel (x, y), if it is on this plot.
    pub fn value_at(&self, x: f64, y: f64) -> Option<f64> {
        let (p0, p1) = (f64::from(self.pixels.0), f64::from(self.pixels.1));
        let (r0, r1) = (f64::from(self.rows.0), f64::from(self.rows.1));
        if p1 <= p0 || x < p0 || x > p1 || y < r0 || y > r1 {
            return None;
        }
        Some(self.values.0 + (x - p0) / (p1 - p0) * (self.values.1 - self.values.0))
    }
}

/// Which plot a pointer at (x, y) is on, and the value it reads there.
pub fn read_at(axes: &[XAxis], x: f64, y: f64) -> Option<(usize, f64)> {
    axes.iter().find_map(|a| a.value_at(x, y).map(|v| (a.plot, v)))
}

/// A chart drawn, and the axes a pointer can read values off.
pub type DrawnResult<DB> =
    Result<Vec<XAxis>, DrawingAreaErrorKind<<DB as DrawingBackend>::ErrorType>>;

/// The charts of the page.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ChartKind {
    InventoryOverTime,
    CostAndStockouts,
    Distributions,
}

impl ChartKind {
    pub const ALL: [ChartKind; 3] =
        [ChartKind::InventoryOverTime, ChartKind::CostAndStockouts, ChartKind::Distributions];

    pub fn title(self) -> &'static str {
        match self {
            ChartKind::InventoryOverTime => "Inventory on hand over time",
            ChartKind::CostAndStockouts => {
                "Cost per year (excluding purchases) and stockout days per year"
            }
            ChartKind::Distributions => "Yearly cost and stockout days across replications",
        }
    }

    /// A stable key for element ids, test hooks and file names.
    pub fn key(self) -> &'static str {
        match self {
            ChartKind::InventoryOverTime => "inventory",
            ChartKind::CostAndStockouts => "cost",
            ChartKind::Distributions => "distribution",
        }
    }

    /// Draws this chart on any backend.
    pub fn draw<DB: DrawingBackend>(
        self,
        area: &DrawingArea<DB, Shift>,
        c: &Comparison,
        currency: &str,
        theme: Theme,
    ) -> DrawnResult<DB> {
        match self {
            ChartKind::InventoryOverTime => inventory_over_time(area, c, theme).map(|a| vec![a]),
            ChartKind::CostAndStockouts => cost_and_stockouts(area, c, currency, theme),
            ChartKind::Distributions => distribution::distributions(area, c, currency, theme),
        }
    }
}

/// Renders a chart, light, to an SVG document of the given size in pixels.
pub fn to_svg(kind: ChartKind, c: &Comparison, currency: &str, size: (u32, u32)) -> String {
    let mut svg = String::new();
    {
        let area = SVGBackend::with_string(&mut svg, size).into_drawing_area();
        // Drawing into a String cannot fail for want of IO; a failure here would be a bug in
        // the chart code, and an empty document shows it.
        if kind.draw(&area, c, currency, Theme::LIGHT).and_then(|_| area.present()).is_err() {
            return String::new();
        }
    }
    svg
}

const FONT: &str = "sans-serif";

/// The colours a chart's frame is drawn in, to match the page's light or dark scheme; the
/// policies keep their colours in both.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Theme {
    pub background: RGBColor,
    /// Text, axes and the grid (faded).
    pub ink: RGBColor,
}

impl Theme {
    pub const LIGHT: Theme = Theme { background: WHITE, ink: BLACK };
    /// The page's dark panel and text colours.
    pub const DARK: Theme =
        Theme { background: RGBColor(0x1d, 0x21, 0x28), ink: RGBColor(0xe6, 0xe8, 0xeb) };

    /// A plot's mesh in this theme: labels and axis descriptions at `fs` pixels in the ink, the
    /// axes in the ink, the grid faded, no minor grid lines.
    fn mesh<'m, 'a, 'b, X, Y, DB>(
        self,
        mesh: &'m mut plotters::chart::MeshStyle<'a, 'b, X, Y, DB>,
        fs: u32,
    ) -> &'m mut plotters::chart::MeshStyle<'a, 'b, X, Y, DB>
    where
        X: plotters::coord::ranged1d::Ranged,
        Y: plotters::coord::ranged1d::Ranged,
        DB: DrawingBackend,
    {
        mesh.label_style(self.font(fs))
            .axis_desc_style(self.font(fs))
            .light_line_style(self.background)
            .bold_line_style(self.ink.mix(0.2))
            .axis_style(self.ink)
    }

    /// Text of `px` pixels in the ink.
    fn font(self, px: u32) -> TextStyle<'static> {
        TextStyle {
            font: (FONT, px).into_font(),
            color: self.ink.to_backend_color(),
            pos: Pos::default(),
        }
    }
}
// Colours from the Okabe–Ito palette, told apart with every common colour-vision deficiency
// (Okabe and Ito, "Color Universal Design", 2008): policies blue / orange / purple / grey;
// cost parts green / sky blue / grey / vermillion / yellow-brown.
const JIT_COLOR: RGBColor = RGBColor(0x00, 0x72, 0xb2);
const JIC_COLOR: RGBColor = RGBColor(0xe6, 0x9f, 0x00);
const CUSTOM_COLOR: RGBColor = RGBColor(0xcc, 0x79, 0xa7);
const MTO_COLOR: RGBColor = RGBColor(0x4d, 0x4d, 0x4d);
const STORAGE_COLOR: RGBColor = RGBColor(0x56, 0xb4, 0xe9);
const HOLDING_COLOR: RGBColor = RGBColor(0x00, 0x9e, 0x73);
const ORDERING_COLOR: RGBColor = RGBColor(0x99, 0x99, 0x99);
const EXPIRY_COLOR: RGBColor = RGBColor(0x9a, 0x7b, 0x00);
const SHORTAGE_COLOR: RGBColor = RGBColor(0xd5, 0x5e, 0x00);
const OUTAGE_COLOR: RGBColor = RGBColor(0xd5, 0x5e, 0x00);
const DOWN_SHARE_COLOR: RGBColor = RGBColor(0x55, 0x55, 0x55);
const SHOCK_COLOR: RGBColor = RGBColor(0xcc, 0x79, 0xa7);

/// Results named with this prefix are the optimiser's optimum, drawn in its own colour.
pub const OPTIMUM_PREFIX: &str = crate::core::optimise::OPTIMUM_NAME;

/// Bluish green (Okabe–Ito), apart from JIT's blue and JIC's orange.
const OPTIMUM_COLOR: RGBColor = RGBColor(0x00, 0x9e, 0x73);

/// Every colour data is drawn in (the layout check, [`overlap`], tells data from the frame
/// by it).
const DATA_COLORS: [RGBColor; 13] = [
    JIT_COLOR,
    JIC_COLOR,
    CUSTOM_COLOR,
    MTO_COLOR,
    STORAGE_COLOR,
    HOLDING_COLOR,
    ORDERING_COLOR,
    EXPIRY_COLOR,
    SHORTAGE_COLOR,
    DOWN_SHARE_COLOR,
    SHOCK_COLOR,
    OPTIMUM_COLOR,
    WINE_COLOR,
];

/// A third custom policy's colour.
const WINE_COLOR: RGBColor = RGBColor(0x88, 0x22, 0x55);
/// The backup supplier's cost and orders (Paul Tol's indigo, beside the Okabe–Ito colours).
const BACKUP_COLOR: RGBColor = RGBColor(0x33, 0x22, 0x88);

/// Each policy's colour in a comparison: its kind's (JIT blue, JIC orange, custom purple,
/// make-to-order grey), the optimum's green, and for a second or third policy of the same
/// kind the next colour of that kind's list, so no two policies of a chart share one.
pub fn colors(c: &Comparison) -> Vec<RGBColor> {
    const JIT: [RGBColor; 2] = [JIT_COLOR, STORAGE_COLOR];
    const JIC: [RGBColor; 4] = [JIC_COLOR, CUSTOM_COLOR, SHORTAGE_COLOR, EXPIRY_COLOR];
    const CUSTOM: [RGBColor; 3] = [CUSTOM_COLOR, WINE_COLOR, SHOCK_COLOR];
    let mut seen = [0usize; 4];
    c.policies
        .iter()
        .map(|p| {
            if p.name.starts_with(OPTIMUM_PREFIX) {
                return OPTIMUM_COLOR;
            }
            let (slot, list): (usize, &[RGBColor]) = match p.policy.kind {
                PolicyKind::Jit => (0, &JIT),
                PolicyKind::Jic => (1, &JIC),
                PolicyKind::Custom => (2, &CUSTOM),
                PolicyKind::MakeToOrder => (3, &[MTO_COLOR]),
            };
            seen[slot] += 1;
            list[(seen[slot] - 1) % list.len()]
        })
        .collect()
}

/// The colour that stands for a policy's kind on every chart.
pub fn policy_color(kind: PolicyKind) -> RGBColor {
    match kind {
        PolicyKind::Jit => JIT_COLOR,
        PolicyKind::Jic => JIC_COLOR,
        PolicyKind::Custom => CUSTOM_COLOR,
        PolicyKind::MakeToOrder => MTO_COLOR,
    }
}

/// Mean on-hand stock per day for each policy with its P10–P90 band, the warm-up, scheduled
/// outages and demand shocks shaded, and the share of runs with the supplier down on a right
/// axis. The legend sits above the plot, as long as the chart has room for.
pub fn inventory_over_time<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    c: &Comparison,
    theme: Theme,
) -> Result<XAxis, DrawingAreaErrorKind<DB::ErrorType>> {
    area.fill(&theme.background)?;
    let size = area.dim_in_pixel();
    let fs = frame::font_px(size);
    let days = c.settings.horizon_days();
    let peak = c
        .policies
        .iter()
        .flat_map(|p| {
            p.mean_on_hand_by_day.iter().copied().chain(p.on_hand_band.iter().map(|b| b.p90))
        })
        .fold(0.0f64, f64::max);
    let y_max = if peak > 0.0 { peak * 1.1 } else { 1.0 };
    // The item's storage space as a line, when it is within reach of the stock (a space far
    // above every level would only flatten the curves).
    let space = c.capacity_units.filter(|&cap| cap <= 2.0 * y_max);
    let y_max = space.map_or(y_max, |cap| y_max.max(cap * 1.08));
    let last_day = f64::from(days.saturating_sub(1).max(1));
    let down = &c.supplier_down_share_by_day;
    // The market price (prices over time) takes the right axis; the share of runs with the
    // supplier down is then shaded against the full height instead.
    let price = &c.price_by_day;
    let price_max = price.iter().copied().fold(0.0f64, f64::max) * 1.1;
    let priced = !price.is_empty() && price_max > 0.0;
    let right_max = if priced { price_max } else { 1.0 };
    let palette = colors(c);
    let windows = |kind: WindowKind| c.windows.iter().filter(move |w| w.kind == kind);
    // The orders the levers placed (expedites, the backup's), per run a week: each week's
    // daily shares of runs added up, a step per week, in a short panel under the stock.
    let weekly: Vec<WeeklyOrders> = c
        .policies
        .iter()
        .enumerate()
        .flat_map(|(i, p)| {
            [(false, &p.expedite_share_by_day), (true, &p.backup_order_share_by_day)]
                .into_iter()
                .filter(|(_, s)| !s.is_empty())
                .map(move |(backup, s)| (i, backup, weekly_steps(s, last_day)))
        })
        .collect();
    let orders_max = weekly
        .iter()
        .flat_map(|(_, _, steps)| steps.iter().map(|&(_, v)| v))
        .fold(0.0f64, f64::max);

    let rest = frame::caption(
        area,
        &[ChartKind::InventoryOverTime.title(), "On hand over time"],
        fs * 6 / 5,
        theme,
    )?;
    // The legend, as full as fits in a quarter of the chart's height: each policy's line
    // (with its order-up-to level, when there is room), then what is shaded.
    let levels: Vec<String> =
        c.policies.iter().map(|p| Num(p.policy.order_up_to().round()).to_string()).collect();
    let shading = {
        let mut e = vec![Entry::block("P10–P90 of runs", theme.ink.mix(0.18))];
        if let Some(cap) = space {
            e.push(Entry::line(format!("Storage space ({} units)", Num(cap.round())), theme.ink));
        }
        if priced {
            e.push(Entry::line("Market price (right axis)", WINE_COLOR));
        }
        if !down.is_empty() {
            let what = if priced {
                "Supplier down (share of runs, top = all)"
            } else {
                "Supplier down (right axis)"
            };
            e.push(Entry::block(what, DOWN_SHARE_COLOR.mix(0.25)));
        }
        if windows(WindowKind::Outage).next().is_some() {
            e.push(Entry::block("Scheduled outage", OUTAGE_COLOR.mix(0.15)));
        }
        if windows(WindowKind::Shock).next().is_some() {
            e.push(Entry::block("Demand shock", SHOCK_COLOR.mix(0.15)));
        }
        e.push(Entry::block(
            format!("Warm-up ({}), not measured", days_of(f64::from(c.warm_up_days))),
            theme.ink.mix(0.07),
        ));
        if weekly.iter().any(|w| !w.1) {
            e.push(Entry::line("Expedites per run a week (below)", theme.ink.mix(0.8)));
        }
        if weekly.iter().any(|w| w.1) {
            e.push(Entry::dashed("Backup orders per run a week (below)", theme.ink.mix(0.8)));
        }
        e
    };
    let lines = |label: &dyn Fn(usize) -> String| -> Vec<Entry> {
        (0..c.policies.len()).map(|i| Entry::line(label(i), palette[i])).collect()
    };
    let full = [
        lines(&|i| format!("{} (order-up-to {} units)", c.policies[i].name, levels[i])),
        shading.clone(),
    ]
    .concat();
    let medium =
        [lines(&|i| format!("{} (up to {})", c.policies[i].name, levels[i])), shading].concat();
    let bare = lines(&|i| c.policies[i].name.clone());
    let room = rest.dim_in_pixel().1 / 4;
    let entries = [full, medium]
        .into_iter()
        .find(|e| Legend::new(&rest, e, fs, theme).height() <= room)
        .unwrap_or(bare);
    let rest = frame::legend_above(&rest, &entries, fs, theme)?;
    // The orders' panel: three tenths of the height, when the chart is tall enough for both.
    let (rest, orders_area) = {
        let h = rest.dim_in_pixel().1;
        if weekly.is_empty() || orders_max <= 0.0 || h < fs * 18 {
            (rest, None)
        } else {
            let (top, bottom) = rest.split_vertically(h - h * 3 / 10);
            (top, Some(bottom))
        }
    };
    let panel = orders_area.is_some();

    let (width, height) = rest.dim_in_pixel();
    let compact = width < 500;
    let label = theme.font(fs);
    let y_tick = |v: &f64| frame::tick_number(*v, compact);
    let y_area = frame::text_width(&rest, &y_tick(&y_max), &label) + fs * 2 + 4;
    let price_tick = |v: &f64| frame::tick_number(*v, compact);
    let right_area = if priced {
        frame::text_width(&rest, &price_tick(&price_max), &label) + fs * 2 + 4
    } else if down.is_empty() {
        0
    } else {
        frame::text_width(&rest, "100%", &label) + fs * 2 + 4
    };
    let right_axis = priced || !down.is_empty();
    let start = c.settings.start_date();
    // Dates with their year when the horizon runs into another year.
    let with_year =
        start.is_some_and(|d| d.plus_days(i64::from(days.saturating_sub(1))).year != d.year);
    let x_tick = |v: &f64| match start {
        Some(d) if with_year => d.plus_days(v.round() as i64).short(),
        Some(d) => d.plus_days(v.round() as i64).tick(),
        None => Num(v.round()).to_string(),
    };
    let plot_width = width.saturating_sub(y_area + right_area + fs);
    let plot_height = height.saturating_sub(if panel { fs } else { fs * 3 + fs });
    let x_desc = frame::fitting(
        &rest,
        &match start {
            Some(d) => vec![format!("Date (day 0 = {d})"), "Date".to_owned()],
            None => vec!["Day".to_owned()],
        },
        &label,
        plot_width,
    );
    let y_desc = frame::fitting(
        &rest,
        &["On hand at end of day (units)", "On hand (units)", "Units"],
        &label,
        plot_height,
    );
    let mut chart = ChartBuilder::on(&rest)
        .margin(fs / 2)
        .margin_right(fs / 2 + if right_axis { 0 } else { fs })
        // With the orders' panel below, the dates are written under it.
        .x_label_area_size(if panel { 0 } else { fs * 3 })
        .y_label_area_size(y_area)
        .right_y_label_area_size(right_area)
        .build_cartesian_2d(0.0..last_day, 0.0..y_max)?
        .set_secondary_coord(0.0..last_day, 0.0..right_max);
    let widest_date = frame::text_width(&rest, &x_tick(&last_day), &label);
    theme
        .mesh(
            chart
                .configure_mesh()
                .x_desc(if panel { String::new() } else { x_desc.clone().unwrap_or_default() })
                .y_desc(y_desc.unwrap_or_default())
                .x_labels(frame::ticks(plot_width, widest_date, fs))
                .y_labels(frame::ticks(plot_height, fs, fs))
                .x_label_formatter(&|v: &f64| if panel { String::new() } else { x_tick(v) })
                .y_label_formatter(&y_tick),
            fs,
        )
        .draw()?;

    if priced {
        let desc = frame::fitting(
            &rest,
            &["Market price per unit (mean of runs)", "Market price", "Price"],
            &label,
            plot_height,
        );
        chart
            .configure_secondary_axes()
            .y_desc(desc.unwrap_or_default())
            .y_labels(frame::ticks(plot_height, fs, fs))
            .y_label_formatter(&price_tick)
            .label_style(theme.font(fs))
            .axis_desc_style(theme.font(fs))
            .draw()?;
        if !down.is_empty() {
            chart.draw_series(AreaSeries::new(
                down.iter().enumerate().map(|(day, &share)| (day as f64, share * y_max)),
                0.0,
                DOWN_SHARE_COLOR.mix(0.25).filled(),
            ))?;
        }
    } else if !down.is_empty() {
        let desc = frame::fitting(
            &rest,
            &["Supplier down (share of runs)", "Supplier down"],
            &label,
            plot_height,
        );
        chart
            .configure_secondary_axes()
            .y_desc(desc.unwrap_or_default())
            .y_labels(3)
            .y_label_formatter(&|v: &f64| format!("{}%", Num((v * 100.0).round())))
            .label_style(theme.font(fs))
            .axis_desc_style(theme.font(fs))
            .draw()?;
        chart.draw_secondary_series(AreaSeries::new(
            down.iter().enumerate().map(|(day, &share)| (day as f64, share)),
            0.0,
            DOWN_SHARE_COLOR.mix(0.25).filled(),
        ))?;
    }
    // Known windows: scheduled outages and demand shocks.
    for (kind, color) in [(WindowKind::Outage, OUTAGE_COLOR), (WindowKind::Shock, SHOCK_COLOR)] {
        chart.draw_series(windows(kind).map(|w| {
            let start = f64::from(w.window.start_day).min(last_day);
            let end = f64::from(w.window.end_day()).min(last_day);
            Rectangle::new([(start, 0.0), (end, y_max)], color.mix(0.15).filled())
        }))?;
    }
    let warm_up = f64::from(c.warm_up_days).min(last_day);
    chart.draw_series(std::iter::once(Rectangle::new(
        [(0.0, 0.0), (warm_up, y_max)],
        theme.ink.mix(0.07).filled(),
    )))?;
    // Bands first, so every mean line stays on top of them.
    for (p, &color) in c.policies.iter().zip(&palette) {
        let upper = p.on_hand_band.iter().map(|b| (f64::from(b.day), b.p90));
        let lower = p.on_hand_band.iter().rev().map(|b| (f64::from(b.day), b.p10));
        chart.draw_series(std::iter::once(Polygon::new(
            upper.chain(lower).collect::<Vec<_>>(),
            color.mix(0.18).filled(),
        )))?;
    }
    for (p, &color) in c.policies.iter().zip(&palette) {
        chart.draw_series(LineSeries::new(
            p.mean_on_hand_by_day.iter().enumerate().map(|(day, &v)| (day as f64, v)),
            color.stroke_width(2),
        ))?;
    }
    if let Some(cap) = space {
        chart.draw_series(LineSeries::new(
            [(0.0, cap), (last_day, cap)],
            theme.ink.stroke_width(1),
        ))?;
    }
    if priced {
        chart.draw_secondary_series(LineSeries::new(
            price.iter().enumerate().map(|(day, &p)| (day as f64, p)),
            WINE_COLOR.stroke_width(2),
        ))?;
    }
    if let Some(area) = orders_area {
        let height = area.dim_in_pixel().1;
        let top = orders_max * 1.15;
        // The same days across as the stock above: its right axis's width kept as margin.
        let mut orders = ChartBuilder::on(&area)
            .margin(fs / 2)
            .margin_right(fs / 2 + if right_axis { 0 } else { fs } + right_area)
            .x_label_area_size(fs * 3)
            .y_label_area_size(y_area)
            .build_cartesian_2d(0.0..last_day, 0.0..top)?;
        let desc = frame::fitting(
            &area,
            &["Orders per run a week", "Per run a week", "Per week"],
            &label,
            height.saturating_sub(fs * 3 + fs),
        );
        theme
            .mesh(
                orders
                    .configure_mesh()
                    .x_desc(x_desc.unwrap_or_default())
                    .y_desc(desc.unwrap_or_default())
                    .x_labels(frame::ticks(plot_width, widest_date, fs))
                    .y_labels(2)
                    .x_label_formatter(&x_tick)
                    .y_label_formatter(&|v: &f64| {
                        Dec(*v, if top < 3.0 { 1 } else { 0 }).to_string()
                    }),
                fs,
            )
            .draw()?;
        let dash = (fs / 2).max(3) as i32;
        for (i, backup, steps) in &weekly {
            let style = palette[*i].stroke_width(2);
            if *backup {
                orders.draw_series(DashedLineSeries::new(
                    steps.iter().copied(),
                    dash,
                    dash,
                    style,
                ))?;
            } else {
                orders.draw_series(LineSeries::new(steps.iter().copied(), style))?;
            }
        }
    }
    Ok(XAxis::of(&chart, (0.0, last_day), 0))
}

/// A policy's (by index) expedites (`false`) or backup orders (`true`), as weekly steps.
type WeeklyOrders = (usize, bool, Vec<(f64, f64)>);

/// A day-by-day share of runs as steps of a week each: the week's shares added up (the
/// orders a run places that week, on average), from its first day to the next week's.
fn weekly_steps(share: &[f64], last_day: f64) -> Vec<(f64, f64)> {
    share
        .chunks(7)
        .enumerate()
        .flat_map(|(k, week)| {
            let v: f64 = week.iter().sum();
            let from = (7 * k) as f64;
            [(from.min(last_day), v), ((from + week.len() as f64).min(last_day), v)]
        })
        .collect()
}

/// How high a stack of cost parts reaches: its positive parts (a credit, such as salvage
/// above disposal, is drawn below the top, not subtracted from it).
pub fn stacked_height(parts: &[(&'static str, f64, RGBColor)]) -> f64 {
    parts.iter().map(|x| x.1.max(0.0)).sum()
}

/// Whether a cost part is drawn only when some policy shown has it: most items write nothing
/// off and never expedite.
pub fn optional_part(label: &str) -> bool {
    label == "Write-offs" || label == "Expediting" || label == "Backup supplier"
}

/// The cost parts to draw for `policies`: every part but an optional one no policy has.
pub fn parts_shown<'a>(
    policies: impl Iterator<Item = &'a PolicyResult> + Clone,
    shortage: Shortage,
) -> impl Fn(&str) -> bool {
    let mut has: Vec<&'static str> = Vec::new();
    for p in policies {
        for (label, v, _) in cost_parts(p, shortage) {
            if v != 0.0 && !has.contains(&label) {
                has.push(label);
            }
        }
    }
    move |label: &str| !optional_part(label) || has.contains(&label)
}

/// The parts of yearly cost excluding purchases, in stacking order, with their colours; the
/// shortage part is the backorder penalty or the lost sales, as the item's mode says. They add
/// up to the operating cost (write-offs are 0 for items that keep and never die; salvage above
/// disposal makes them a credit, drawn below the stack's top). Storage includes rented
/// overflow space; expediting is its premium and charges (`core::expedite`); the backup
/// supplier is its price difference and order costs (`core::sourcing`; a credit when the
/// backup is the cheaper source).
pub fn cost_parts(p: &PolicyResult, shortage: Shortage) -> [(&'static str, f64, RGBColor); 7] {
    let shortage = match shortage {
        Shortage::Backorder => ("Backorder penalty", p.backorder_cost_per_year.mean()),
        Shortage::LostSale => ("Lost sales", p.lost_sale_cost_per_year.mean()),
    };
    [
        ("Capital holding", p.holding_cost_per_year.mean(), HOLDING_COLOR),
        (
            "Storage",
            p.storage_cost_per_year.mean() + p.overflow_cost_per_year.mean(),
            STORAGE_COLOR,
        ),
        ("Ordering", p.ordering_cost_per_year.mean(), ORDERING_COLOR),
        (shortage.0, shortage.1, SHORTAGE_COLOR),
        (
            "Write-offs",
            p.expiry_cost_per_year.mean() + p.obsolescence_cost_per_year.mean(),
            EXPIRY_COLOR,
        ),
        ("Expediting", p.expedite_cost_per_year.mean(), WINE_COLOR),
        ("Backup supplier", p.backup_cost_per_year.mean(), BACKUP_COLOR),
    ]
}

/// Stacked yearly cost per policy beside stockout days per year; each bar's whisker is its
/// 95 % confidence interval (mean ± 1.96 standard errors). Reports both plots' axes (0: cost,
/// 1: stockout days), one unit a policy.
pub fn cost_and_stockouts<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    c: &Comparison,
    currency: &str,
    theme: Theme,
) -> DrawnResult<DB> {
    area.fill(&theme.background)?;
    // On a phone (or a narrow column) the two plots stack, each as wide as the chart.
    let size = area.dim_in_pixel();
    let narrow = frame::stacks(size);
    let fs = frame::font_px(size);
    let parts = cost_parts(&c.policies[0], c.shortage);
    // Write-offs and expediting only when there are any: most items have neither.
    let shown = parts_shown(c.policies.iter(), c.shortage);
    let entries: Vec<Entry> = parts
        .iter()
        .filter(|(label, _, _)| shown(label))
        .map(|&(label, _, color)| Entry::block(label, color))
        .collect();
    let n = c.policies.len() as u32;
    let label = theme.font(fs);
    // Each bar's name under it, or its number (1, 2, …) where names do not fit a bar's slot
    // of the narrower panel; then the legend says which number is which policy, in the
    // policy's colour (its stockout bar's).
    let narrowest = if narrow { size.0 } else { size.0 * 2 / 5 };
    let slot = narrowest.saturating_sub(fs * 7) / n.max(1);
    let names_fit =
        c.policies.iter().all(|p| frame::text_width(area, &p.name, &label) + fs / 2 <= slot);
    let mut entries = entries;
    if !names_fit {
        let palette = colors(c);
        entries.extend(
            c.policies
                .iter()
                .enumerate()
                .map(|(i, p)| Entry::block(format!("{} {}", i + 1, p.name), palette[i])),
        );
    }
    let panels = frame::legend_above(area, &entries, fs, theme)?;
    let (left, right) = frame::two_panels(&panels, narrow, (3, 5));
    // Headroom above the tallest whisker for its value label.
    let top = |values: &mut dyn Iterator<Item = f64>| {
        let m = values.fold(0.0f64, f64::max);
        if m > 0.0 {
            m * 1.2
        } else {
            1.0
        }
    };
    let prefix = money_prefix(currency);
    let value_style = label.pos(Pos::new(HPos::Center, VPos::Bottom));
    let panel = |area: &DrawingArea<DB, Shift>,
                 captions: &[&str],
                 y_descs: &[&str],
                 y_max: f64,
                 y_tick: &dyn Fn(&f64) -> String|
     -> Result<_, DrawingAreaErrorKind<DB::ErrorType>> {
        let area = frame::caption(area, captions, fs * 11 / 10, theme)?;
        let (width, height) = area.dim_in_pixel();
        let y_area = frame::y_label_width(&area, fs, &y_tick(&y_max), theme);
        let plot_width = width.saturating_sub(y_area + fs);
        let plot_height = height.saturating_sub(fs * 3);
        let slot = plot_width / n.max(1);
        let name = move |v: &SegmentValue<u32>| match v {
            SegmentValue::CenterOf(i) if names_fit => {
                c.policies.get(*i as usize).map_or(String::new(), |p| p.name.clone())
            }
            SegmentValue::CenterOf(i) if (*i as usize) < c.policies.len() => (i + 1).to_string(),
            _ => String::new(),
        };
        let y_desc = frame::fitting(&area, y_descs, &label, plot_height).unwrap_or_default();
        let mut chart = ChartBuilder::on(&area)
            .margin(fs / 2)
            .margin_right(fs)
            .x_label_area_size(fs * 2)
            .y_label_area_size(y_area)
            .build_cartesian_2d((0u32..n - 1).into_segmented(), 0.0..y_max)?;
        theme
            .mesh(
                chart
                    .configure_mesh()
                    .disable_x_mesh()
                    .x_label_formatter(&name)
                    .y_desc(y_desc)
                    .y_labels(frame::ticks(plot_height, fs, fs))
                    .y_label_formatter(y_tick),
                fs,
            )
            .draw()?;
        Ok((chart, slot))
    };
    let bar = |i: usize, y0: f64, y1: f64, style: ShapeStyle, slot: u32| {
        let i = i as u32;
        let mut r =
            Rectangle::new([(SegmentValue::Exact(i), y0), (SegmentValue::Exact(i + 1), y1)], style);
        let margin = (slot / 6).min(fs);
        r.set_margin(0, 0, margin, margin);
        r
    };
    // Each bar's 95 % whisker, and its mean written above it (and above the bar, whose parts
    // can reach past the total when one of them is a credit) where it fits the bar's slot.
    let totals = |chart: &mut ChartContext<'_, DB, _>,
                  values: &[MeanSe],
                  bar_tops: &[f64],
                  text: &dyn Fn(f64) -> String,
                  slot: u32|
     -> ChartResult<DB> {
        let tip = |v: &MeanSe| v.mean() + 1.96 * v.se();
        chart.draw_series(values.iter().enumerate().map(|(i, v)| {
            let x = SegmentValue::CenterOf(i as u32);
            PathElement::new(
                vec![(x.clone(), v.mean() - 1.96 * v.se()), (x, tip(v))],
                theme.ink.stroke_width(2),
            )
        }))?;
        let area = chart.plotting_area().strip_coord_spec();
        let fits =
            values.iter().all(|v| frame::text_width(&area, &text(v.mean()), &label) + 2 <= slot);
        if fits {
            chart.draw_series(values.iter().enumerate().map(|(i, v)| {
                Text::new(
                    text(v.mean()),
                    (SegmentValue::CenterOf(i as u32), tip(v).max(bar_tops[i])),
                    value_style.clone(),
                )
            }))?;
        }
        Ok(())
    };
    let compact = !narrow && size.0 < 700;

    // Left: yearly cost, stacked by part.
    let y_tick = |v: &f64| format!("{prefix}{}", frame::tick_number(*v, compact));
    let per_year = format!("{currency} per year");
    let (mut chart, slot) = panel(
        &left,
        &["Cost per year, excl. purchases", "Cost per year"],
        &[&per_year, currency],
        top(&mut c.policies.iter().map(|p| {
            let v = p.operating_cost_per_year;
            (v.mean() + 1.96 * v.se()).max(stacked_height(&cost_parts(p, c.shortage)))
        })),
        &y_tick,
    )?;
    for part in 0..parts.len() {
        chart.draw_series(c.policies.iter().enumerate().map(|(i, p)| {
            let parts = cost_parts(p, c.shortage);
            let below: f64 = parts[..part].iter().map(|x| x.1).sum();
            bar(i, below, below + parts[part].1, parts[part].2.filled(), slot)
        }))?;
    }
    let operating: Vec<MeanSe> = c.policies.iter().map(|p| p.operating_cost_per_year).collect();
    let stack_tops: Vec<f64> =
        c.policies.iter().map(|p| stacked_height(&cost_parts(p, c.shortage))).collect();
    totals(
        &mut chart,
        &operating,
        &stack_tops,
        &|mean| format!("{prefix}{}", frame::tick_number(mean, compact)),
        slot,
    )?;
    let cost_axis = XAxis::of(&chart, (0.0, f64::from(n)), 0);

    // Right: stockout days per year.
    let (mut chart, slot) = panel(
        &right,
        &["Stockout days per year", "Stockout days"],
        &["days per year", "days"],
        top(&mut c.policies.iter().map(|p| {
            let v = p.stockout_days_per_year;
            v.mean() + 1.96 * v.se()
        })),
        &|v| tenths(*v).to_string(),
    )?;
    chart.draw_series(
        c.policies.iter().enumerate().map(|(i, p)| {
            bar(i, 0.0, p.stockout_days_per_year.mean(), colors(c)[i].filled(), slot)
        }),
    )?;
    let stockouts: Vec<MeanSe> = c.policies.iter().map(|p| p.stockout_days_per_year).collect();
    let bar_tops: Vec<f64> = stockouts.iter().map(MeanSe::mean).collect();
    totals(&mut chart, &stockouts, &bar_tops, &|mean| Dec(mean, 1).to_string(), slot)?;
    Ok(vec![cost_axis, XAxis::of(&chart, (0.0, f64::from(n)), 1)])
}
