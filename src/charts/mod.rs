//! One function per chart, generic over the plotters backend: the page passes a canvas, tests
//! and downloads pass an SVG string. Charts draw what core computed; they compute nothing.

mod distribution;
mod frontier;

pub use frontier::{frontier, frontier_svg, shown_days};

use plotters::coord::ranged1d::SegmentValue;
use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use crate::core::input::Num;
use crate::core::sim::{KnownWindow, WindowKind};
use crate::core::{Comparison, MeanSe, PolicyKind, PolicyResult, Shortage};

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

/// What goes before an amount: "$" for USD, "€" for EUR, "£" for GBP, "¥" for JPY and CNY,
/// a symbol as given, otherwise the code and a space ("CHF 1,200").
pub fn money_prefix(currency: &str) -> String {
    match currency {
        "USD" => "$".into(),
        "EUR" => "€".into(),
        "GBP" => "£".into(),
        "JPY" | "CNY" => "¥".into(),
        "INR" => "₹".into(),
        c if !c.chars().any(char::is_alphabetic) => c.into(),
        c => format!("{c} "),
    }
}

const FONT: &str = "sans-serif";

/// Charts narrower than this many pixels stack their panels one above the other (the page's
/// container queries in www/style.css give such charts the height, at the same width).
pub const STACK_BELOW_PX: u32 = 560;

/// Whether a chart `width` pixels wide stacks its panels.
fn stacks(width: u32) -> bool {
    width < STACK_BELOW_PX
}

/// Two panels: side by side, the first taking `first` (numerator, denominator) of the width,
/// or, when the chart stacks, one above the other in halves.
fn two_panels<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    stacked: bool,
    first: (u32, u32),
) -> (DrawingArea<DB, Shift>, DrawingArea<DB, Shift>) {
    let (width, height) = area.dim_in_pixel();
    if stacked {
        area.split_vertically(height / 2)
    } else {
        area.split_horizontally(width * first.0 / first.1)
    }
}

/// The width a y axis needs for tick labels as wide as `widest` beside its rotated
/// description, at `fs` pixels a character's height.
fn y_label_width(fs: u32, widest: &str) -> u32 {
    (widest.chars().count() as u32 * fs * 3 / 5 + fs * 2).max(fs * 4)
}

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

/// Each policy's colour in a comparison: its kind's (JIT blue, JIC orange, custom purple,
/// make-to-order grey), the optimum's green, and for a second or third policy of the same
/// kind the next colour of that kind's list, so no two policies of a chart share one.
pub fn colors(c: &Comparison) -> Vec<RGBColor> {
    const JIT: [RGBColor; 2] = [JIT_COLOR, STORAGE_COLOR];
    const JIC: [RGBColor; 4] =
        [JIC_COLOR, CUSTOM_COLOR, SHORTAGE_COLOR, RGBColor(0x9a, 0x7b, 0x00)];
    const CUSTOM: [RGBColor; 3] = [CUSTOM_COLOR, RGBColor(0x88, 0x22, 0x55), SHOCK_COLOR];
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

/// Label text size for an area, so charts stay readable from phone width to a wide screen.
fn font_px(area_height: u32) -> u32 {
    (area_height / 26).clamp(11, 26)
}

/// Mean on-hand stock per day for each policy, the warm-up shaded.
pub fn inventory_over_time<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    c: &Comparison,
    theme: Theme,
) -> Result<XAxis, DrawingAreaErrorKind<DB::ErrorType>> {
    area.fill(&theme.background)?;
    let fs = font_px(area.dim_in_pixel().1);
    let days = c.settings.horizon_days();
    let peak = c
        .policies
        .iter()
        .flat_map(|p| {
            p.mean_on_hand_by_day.iter().copied().chain(p.on_hand_band.iter().map(|b| b.p90))
        })
        .fold(0.0f64, f64::max);
    let y_max = if peak > 0.0 { peak * 1.15 } else { 1.0 };
    let last_day = f64::from(days.saturating_sub(1).max(1));

    let down = &c.supplier_down_share_by_day;
    let mut chart = ChartBuilder::on(area)
        .caption(ChartKind::InventoryOverTime.title(), theme.font(fs * 13 / 10))
        .margin(fs / 2 + 4)
        .x_label_area_size(fs * 3)
        .y_label_area_size(y_label_width(fs, &Num(y_max.round()).to_string()))
        .right_y_label_area_size(if down.is_empty() { 0 } else { fs * 4 })
        .build_cartesian_2d(0.0..last_day, 0.0..y_max)?
        .set_secondary_coord(0.0..last_day, 0.0..1.0);
    let start = c.settings.start_date();
    let x_desc = start.map_or("Day".to_owned(), |d| format!("Date (day 0 = {d})"));
    let x_label = |v: &f64| match start {
        Some(d) => d.plus_days(v.round() as i64).tick(),
        None => Num(v.round()).to_string(),
    };
    theme
        .mesh(
            chart
                .configure_mesh()
                .x_desc(x_desc)
                .y_desc("On hand at end of day (units)")
                .x_label_formatter(&x_label)
                .y_label_formatter(&|v| Num(v.round()).to_string()),
            fs,
        )
        .draw()?;

    if !down.is_empty() {
        chart
            .configure_secondary_axes()
            .y_desc("supplier down (share of runs)")
            .y_labels(3)
            .y_label_formatter(&|v: &f64| format!("{}%", Num((v * 100.0).round())))
            .label_style(theme.font(fs))
            .axis_desc_style(theme.font(fs))
            .draw()?;
        chart
            .draw_secondary_series(AreaSeries::new(
                down.iter().enumerate().map(|(day, &share)| (day as f64, share)),
                0.0,
                DOWN_SHARE_COLOR.mix(0.25).filled(),
            ))?
            .label("Supplier down: share of runs (right axis)")
            .legend(|(x, y)| {
                Rectangle::new([(x, y - 5), (x + 18, y + 5)], DOWN_SHARE_COLOR.mix(0.25).filled())
            });
    }
    // Known windows: scheduled outages and demand shocks.
    for (kind, color, label) in [
        (WindowKind::Outage, OUTAGE_COLOR, "Scheduled outage"),
        (WindowKind::Shock, SHOCK_COLOR, "Demand shock"),
    ] {
        let windows: Vec<&KnownWindow> = c.windows.iter().filter(|w| w.kind == kind).collect();
        if windows.is_empty() {
            continue;
        }
        chart
            .draw_series(windows.iter().map(|w| {
                let start = f64::from(w.window.start_day).min(last_day);
                let end = f64::from(w.window.end_day()).min(last_day);
                Rectangle::new([(start, 0.0), (end, y_max)], color.mix(0.15).filled())
            }))?
            .label(label)
            .legend(move |(x, y)| {
                Rectangle::new([(x, y - 5), (x + 18, y + 5)], color.mix(0.15).filled())
            });
    }
    let warm_up = f64::from(c.warm_up_days).min(last_day);
    chart
        .draw_series(std::iter::once(Rectangle::new(
            [(0.0, 0.0), (warm_up, y_max)],
            theme.ink.mix(0.07).filled(),
        )))?
        .label(format!("Warm-up, not measured ({} days)", c.warm_up_days))
        .legend(move |(x, y)| {
            Rectangle::new([(x, y - 5), (x + 18, y + 5)], theme.ink.mix(0.07).filled())
        });

    // Bands first, so every mean line stays on top of them.
    let palette = colors(c);
    for (p, &color) in c.policies.iter().zip(&palette) {
        let upper = p.on_hand_band.iter().map(|b| (f64::from(b.day), b.p90));
        let lower = p.on_hand_band.iter().rev().map(|b| (f64::from(b.day), b.p10));
        chart.draw_series(std::iter::once(Polygon::new(
            upper.chain(lower).collect::<Vec<_>>(),
            color.mix(0.18).filled(),
        )))?;
    }
    for (p, &color) in c.policies.iter().zip(&palette) {
        chart
            .draw_series(LineSeries::new(
                p.mean_on_hand_by_day.iter().enumerate().map(|(day, &v)| (day as f64, v)),
                color.stroke_width(2),
            ))?
            .label(format!(
                "{} mean, P10–P90 shaded (order-up-to {} units)",
                p.name.as_str(),
                Num(p.policy.order_up_to().round())
            ))
            .legend(move |(x, y)| {
                PathElement::new(vec![(x, y), (x + 18, y)], color.stroke_width(2))
            });
    }
    chart
        .configure_series_labels()
        .position(SeriesLabelPosition::UpperRight)
        .label_font(theme.font(fs))
        .background_style(theme.background.mix(0.9))
        .border_style(theme.ink.mix(0.3))
        .draw()?;
    Ok(XAxis::of(&chart, (0.0, last_day), 0))
}

/// The parts of yearly cost excluding purchases, in stacking order, with their colours; the
/// shortage part is the backorder penalty or the lost sales, as the item's mode says. They add
/// up to the operating cost (write-offs are 0 for items that keep and never die; salvage above
/// disposal makes them a credit, drawn below the stack's top).
pub fn cost_parts(p: &PolicyResult, shortage: Shortage) -> [(&'static str, f64, RGBColor); 5] {
    let shortage = match shortage {
        Shortage::Backorder => ("Backorder penalty", p.backorder_cost_per_year.mean()),
        Shortage::LostSale => ("Lost sales", p.lost_sale_cost_per_year.mean()),
    };
    [
        ("Capital holding", p.holding_cost_per_year.mean(), HOLDING_COLOR),
        ("Storage", p.storage_cost_per_year.mean(), STORAGE_COLOR),
        ("Ordering", p.ordering_cost_per_year.mean(), ORDERING_COLOR),
        (shortage.0, shortage.1, SHORTAGE_COLOR),
        (
            "Write-offs",
            p.expiry_cost_per_year.mean() + p.obsolescence_cost_per_year.mean(),
            EXPIRY_COLOR,
        ),
    ]
}

/// The height a legend of `n` entries needs across `width` pixels: [`legend_row`] wraps it
/// into as many rows as its columns need.
fn legend_height(width: u32, n: usize, fs: u32) -> u32 {
    let columns = (width / (fs * 9)).clamp(1, n.max(1) as u32);
    let rows = (n as u32).div_ceil(columns);
    (fs * 2).max(rows * fs * 8 / 5)
}

/// Draws a legend of coloured swatches across an area, wrapped into rows when it must be.
fn legend_row<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    entries: &[(&str, RGBColor)],
    fs: u32,
    theme: Theme,
) -> ChartResult<DB> {
    let (width, height) = area.dim_in_pixel();
    // As many columns as fit (about nine characters each), then as many rows as needed.
    let n = entries.len().max(1) as i32;
    let columns = (width as i32 / (fs as i32 * 9)).clamp(1, n);
    let rows = (n + columns - 1) / columns;
    let slot = width as i32 / columns;
    let row_height = height as i32 / rows;
    let swatch = fs as i32 * 3 / 4;
    let style = theme.font(fs).pos(Pos::new(HPos::Left, VPos::Center));
    for (i, (label, color)) in entries.iter().enumerate() {
        let (column, row) = (i as i32 % columns, i as i32 / columns);
        let x = slot * column + fs as i32 / 2;
        let y = row_height * row + row_height / 2;
        area.draw(&Rectangle::new(
            [(x, y - swatch / 2), (x + swatch, y + swatch / 2)],
            color.filled(),
        ))?;
        area.draw(&Text::new(label.to_string(), (x + swatch + fs as i32 / 3, y), style.clone()))?;
    }
    Ok(())
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
    let (width, height) = area.dim_in_pixel();
    let narrow = stacks(width);
    let fs = font_px(if narrow { height / 2 } else { height });
    let parts = cost_parts(&c.policies[0], c.shortage);
    // Write-offs (expired or obsolete stock) only when there are any: most items have none.
    let writes_off = c.policies.iter().any(|p| {
        p.expiry_cost_per_year.mean() != 0.0 || p.obsolescence_cost_per_year.mean() != 0.0
    });
    let entries: Vec<(&str, RGBColor)> = parts
        .iter()
        .filter(|(label, _, _)| writes_off || *label != "Write-offs")
        .map(|&(label, _, color)| (label, color))
        .collect();
    let (legend, panels) =
        area.split_vertically(legend_height(area.dim_in_pixel().0, entries.len(), fs));
    legend_row(&legend, &entries, fs, theme)?;
    let (left, right) = two_panels(&panels, narrow, (3, 5));
    let n = c.policies.len() as u32;
    let name = |v: &SegmentValue<u32>| match v {
        SegmentValue::CenterOf(i) => {
            c.policies.get(*i as usize).map_or(String::new(), |p| p.name.clone())
        }
        _ => String::new(),
    };
    // Headroom above the tallest whisker for its value label.
    let top = |values: &mut dyn Iterator<Item = MeanSe>| {
        let m = values.map(|v| v.mean() + 1.96 * v.se()).fold(0.0f64, f64::max);
        if m > 0.0 {
            m * 1.15
        } else {
            1.0
        }
    };
    let value_style = theme.font(fs).pos(Pos::new(HPos::Center, VPos::Bottom));
    let panel = |area: &DrawingArea<DB, Shift>,
                 caption: &str,
                 y_desc: &str,
                 y_max: f64|
     -> Result<_, DrawingAreaErrorKind<DB::ErrorType>> {
        let mut chart = ChartBuilder::on(area)
            .caption(caption, theme.font(fs * 13 / 10))
            .margin(fs / 2 + 4)
            .x_label_area_size(fs * 2)
            .y_label_area_size(y_label_width(fs, &Num(y_max.round()).to_string()))
            .build_cartesian_2d((0u32..n - 1).into_segmented(), 0.0..y_max)?;
        theme
            .mesh(
                chart
                    .configure_mesh()
                    .disable_x_mesh()
                    .x_label_formatter(&name)
                    .y_desc(y_desc)
                    .y_label_formatter(&|v| Num(v.round()).to_string()),
                fs,
            )
            .draw()?;
        Ok(chart)
    };
    let bar = |i: usize, y0: f64, y1: f64, style: ShapeStyle| {
        let i = i as u32;
        let mut r =
            Rectangle::new([(SegmentValue::Exact(i), y0), (SegmentValue::Exact(i + 1), y1)], style);
        r.set_margin(0, 0, fs, fs);
        r
    };
    // Each bar's 95 % whisker, and its mean written above it.
    let totals = |chart: &mut ChartContext<'_, DB, _>,
                  values: &[MeanSe],
                  text: &dyn Fn(f64) -> String|
     -> ChartResult<DB> {
        let tip = |v: &MeanSe| v.mean() + 1.96 * v.se();
        chart.draw_series(values.iter().enumerate().map(|(i, v)| {
            let x = SegmentValue::CenterOf(i as u32);
            PathElement::new(
                vec![(x.clone(), v.mean() - 1.96 * v.se()), (x, tip(v))],
                theme.ink.stroke_width(2),
            )
        }))?;
        chart.draw_series(values.iter().enumerate().map(|(i, v)| {
            Text::new(
                text(v.mean()),
                (SegmentValue::CenterOf(i as u32), tip(v)),
                value_style.clone(),
            )
        }))?;
        Ok(())
    };

    // Left: yearly cost, stacked by part.
    let mut chart = panel(
        &left,
        "Cost per year, excl. purchases",
        &format!("{currency} per year"),
        top(&mut c.policies.iter().map(|p| p.operating_cost_per_year)),
    )?;
    for part in 0..parts.len() {
        chart.draw_series(c.policies.iter().enumerate().map(|(i, p)| {
            let parts = cost_parts(p, c.shortage);
            let below: f64 = parts[..part].iter().map(|x| x.1).sum();
            bar(i, below, below + parts[part].1, parts[part].2.filled())
        }))?;
    }
    let operating: Vec<MeanSe> = c.policies.iter().map(|p| p.operating_cost_per_year).collect();
    let prefix = money_prefix(currency);
    totals(&mut chart, &operating, &|mean| format!("{prefix}{}", Num(mean.round())))?;
    let cost_axis = XAxis::of(&chart, (0.0, f64::from(n)), 0);

    // Right: stockout days per year.
    let mut chart = panel(
        &right,
        "Stockout days per year",
        "days per year",
        top(&mut c.policies.iter().map(|p| p.stockout_days_per_year)),
    )?;
    chart.draw_series(
        c.policies
            .iter()
            .enumerate()
            .map(|(i, p)| bar(i, 0.0, p.stockout_days_per_year.mean(), colors(c)[i].filled())),
    )?;
    let stockouts: Vec<MeanSe> = c.policies.iter().map(|p| p.stockout_days_per_year).collect();
    totals(&mut chart, &stockouts, &|mean| format!("{mean:.1}"))?;
    Ok(vec![cost_axis, XAxis::of(&chart, (0.0, f64::from(n)), 1)])
}
