//! What every chart lays out the same way, from the size it is shown at (CSS pixels, see
//! [`super::Scaled`]): the font, whether panels stack, a title or axis description that fits
//! (or a shorter one, or none), tick labels as many as there is room for, and legends of
//! swatches in rows above the plots, never over the data.

use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use super::{ChartResult, Theme};
use crate::core::input::Num;

/// Label text size for a chart `width` × `height` CSS pixels: 10 px in the smallest embed,
/// up to 16 px on a wide screen.
pub fn font_px((width, height): (u32, u32)) -> u32 {
    (width / 40).min(height / 22).clamp(10, 16)
}

/// Charts narrower than this stack their panels one above the other, when they are tall
/// enough to (the page's container queries in www/style.css make them so); a short chart,
/// such as a small embed, keeps them side by side.
pub const STACK_BELOW_PX: u32 = 560;

/// Whether a chart of this size stacks its panels.
pub fn stacks((width, height): (u32, u32)) -> bool {
    width < STACK_BELOW_PX && height >= width * 3 / 4
}

/// Two panels: side by side, the first taking `first` (numerator, denominator) of the width,
/// or, when the chart stacks, one above the other in halves.
pub fn two_panels<DB: DrawingBackend>(
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

/// The width of `text` in `style` as the backend measures it (the browser's fonts on the
/// page), or a generous estimate if it cannot.
pub fn text_width<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    text: &str,
    style: &TextStyle<'_>,
) -> u32 {
    area.estimate_text_size(text, style)
        .map_or_else(|_| text.chars().count() as u32 * 7 / 10 * font_size(style), |(w, _)| w)
}

fn font_size(style: &TextStyle<'_>) -> u32 {
    style.font.get_size().round() as u32
}

/// The width a y axis needs: its widest tick label, then its turned description.
pub fn y_label_width<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    fs: u32,
    widest: &str,
    theme: Theme,
) -> u32 {
    text_width(area, widest, &theme.font(fs)) + fs * 2 + 4
}

/// The first of `choices` that fits in `room` pixels, if any.
pub fn fitting<DB: DrawingBackend, S: AsRef<str>>(
    area: &DrawingArea<DB, Shift>,
    choices: &[S],
    style: &TextStyle<'_>,
    room: u32,
) -> Option<String> {
    choices
        .iter()
        .map(AsRef::as_ref)
        .find(|c| text_width(area, c, style) <= room)
        .map(str::to_owned)
}

/// `text` cut to fit `room` pixels, with an ellipsis where it was cut.
pub fn shortened<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    text: &str,
    style: &TextStyle<'_>,
    room: u32,
) -> String {
    if text_width(area, text, style) <= room {
        return text.to_owned();
    }
    // The longest cut that fits, found by halving: on the page each measurement is a laid-out
    // element, so a long label in a narrow chart costs a few, not one per character.
    let chars: Vec<char> = text.chars().collect();
    let cut = |n: usize| format!("{}…", chars[..n].iter().collect::<String>().trim_end());
    let (mut fits, mut too_long) = (0, chars.len());
    while too_long - fits > 1 {
        let n = (fits + too_long) / 2;
        if text_width(area, &cut(n), style) <= room {
            fits = n;
        } else {
            too_long = n;
        }
    }
    if fits == 0 {
        String::new()
    } else {
        cut(fits)
    }
}

/// How many tick labels fit along `length` pixels when each needs `each` pixels plus a gap.
pub fn ticks(length: u32, each: u32, fs: u32) -> usize {
    (length / (each + fs * 2).max(1)).clamp(2, 10) as usize
}

/// A number for a tick label: in full ("12,000") or, where room is short, compact ("12k",
/// "1.5M"; thousands and up, so an axis's labels read alike).
pub fn tick_number(v: f64, compact: bool) -> String {
    let a = v.abs();
    if !compact || a < 1_000.0 {
        return Num(v.round()).to_string();
    }
    let (scaled, suffix) = if a >= 1e9 {
        (v / 1e9, "G")
    } else if a >= 1e6 {
        (v / 1e6, "M")
    } else {
        (v / 1e3, "k")
    };
    let rounded =
        if scaled.abs() >= 100.0 { scaled.round() } else { (scaled * 10.0).round() / 10.0 };
    format!("{}{suffix}", Num(rounded))
}

/// One legend entry: its text and how its swatch is drawn.
#[derive(Clone, Debug)]
pub struct Entry {
    pub label: String,
    pub color: RGBAColor,
    pub swatch: Swatch,
}

/// A legend swatch: a line (a series) or a filled block (a part, a shaded range).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Swatch {
    Line,
    /// A thin dashed line: a share of runs on the right axis.
    Dashed,
    Block,
}

impl Entry {
    pub fn line(label: impl Into<String>, color: impl Color) -> Entry {
        Entry { label: label.into(), color: color.to_rgba(), swatch: Swatch::Line }
    }

    pub fn dashed(label: impl Into<String>, color: impl Color) -> Entry {
        Entry { label: label.into(), color: color.to_rgba(), swatch: Swatch::Dashed }
    }

    pub fn block(label: impl Into<String>, color: impl Color) -> Entry {
        Entry { label: label.into(), color: color.to_rgba(), swatch: Swatch::Block }
    }
}

/// A legend laid out in rows across a width: entries left to right at their own widths,
/// wrapped, each cut with an ellipsis if it is wider than a whole row.
pub struct Legend {
    /// Each entry's row, x and text as it fits.
    placed: Vec<(u32, u32, String)>,
    rows: u32,
    fs: u32,
}

impl Legend {
    pub fn new<DB: DrawingBackend>(
        area: &DrawingArea<DB, Shift>,
        entries: &[Entry],
        fs: u32,
        theme: Theme,
    ) -> Legend {
        let width = area.dim_in_pixel().0;
        let style = theme.font(fs);
        let swatch = fs + fs / 3;
        let gap = fs;
        let mut placed = Vec::new();
        let (mut row, mut x) = (0, fs / 2);
        for e in entries {
            let room = width.saturating_sub(fs + swatch);
            let text = shortened(area, &e.label, &style, room);
            let w = swatch + text_width(area, &text, &style);
            if x > fs / 2 && x + w > width.saturating_sub(fs / 2) {
                row += 1;
                x = fs / 2;
            }
            placed.push((row, x, text));
            x += w + gap;
        }
        Legend { rows: if entries.is_empty() { 0 } else { row + 1 }, placed, fs }
    }

    /// The height the legend needs.
    pub fn height(&self) -> u32 {
        self.rows * self.fs * 3 / 2 + if self.rows > 0 { self.fs / 3 } else { 0 }
    }

    /// Draws the legend on `area` (as tall as [`Legend::height`]).
    pub fn draw<DB: DrawingBackend>(
        &self,
        area: &DrawingArea<DB, Shift>,
        entries: &[Entry],
        theme: Theme,
    ) -> ChartResult<DB> {
        let fs = self.fs as i32;
        let style = theme.font(self.fs).pos(Pos::new(HPos::Left, VPos::Center));
        let swatch = fs;
        for ((row, x, text), e) in self.placed.iter().zip(entries) {
            let (x, y) = (*x as i32, *row as i32 * fs * 3 / 2 + fs * 3 / 4 + fs / 6);
            match e.swatch {
                Swatch::Line => area.draw(&PathElement::new(
                    vec![(x, y), (x + swatch, y)],
                    e.color.stroke_width(3),
                ))?,
                Swatch::Dashed => {
                    let dash = (swatch / 3).max(2);
                    for k in [0, 2] {
                        area.draw(&PathElement::new(
                            vec![(x + k * dash, y), (x + (k + 1) * dash, y)],
                            e.color.stroke_width(2),
                        ))?;
                    }
                }
                Swatch::Block => area.draw(&Rectangle::new(
                    [(x, y - swatch * 2 / 5), (x + swatch, y + swatch * 2 / 5)],
                    e.color.filled(),
                ))?,
            }
            area.draw(&Text::new(text.clone(), (x + swatch + fs / 3, y), style.clone()))?;
        }
        Ok(())
    }
}

/// Splits a legend of `entries` off the top of `area` and draws it there; the rest is returned
/// for the plots.
pub fn legend_above<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    entries: &[Entry],
    fs: u32,
    theme: Theme,
) -> Result<DrawingArea<DB, Shift>, DrawingAreaErrorKind<DB::ErrorType>> {
    let legend = Legend::new(area, entries, fs, theme);
    let (top, rest) = area.split_vertically(legend.height());
    legend.draw(&top, entries, theme)?;
    Ok(rest)
}

/// A caption for a plot, the first of `choices` that fits its width, drawn across the top of
/// `area`; the area below it is returned. None fits, or the area is too short to spare the
/// line (a small embed, whose page names the chart): no caption.
pub fn caption<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    choices: &[&str],
    fs: u32,
    theme: Theme,
) -> Result<DrawingArea<DB, Shift>, DrawingAreaErrorKind<DB::ErrorType>> {
    let style = theme.font(fs);
    let (width, height) = area.dim_in_pixel();
    if height < fs * 15 {
        return Ok(area.clone());
    }
    let Some(text) = fitting(area, choices, &style, width.saturating_sub(fs)) else {
        return Ok(area.clone());
    };
    let (top, rest) = area.split_vertically(fs * 3 / 2);
    top.draw(&Text::new(
        text,
        (width as i32 / 2, fs as i32 * 3 / 4),
        style.pos(Pos::new(HPos::Center, VPos::Center)),
    ))?;
    Ok(rest)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn compact_ticks_keep_three_figures() {
        assert_eq!(tick_number(12_345.0, true), "12.3k");
        assert_eq!(tick_number(250_000.0, true), "250k");
        assert_eq!(tick_number(1_500_000.0, true), "1.5M");
        assert_eq!(tick_number(-20_000.0, true), "-20k");
        assert_eq!(tick_number(5_000.0, true), "5k");
        assert_eq!(tick_number(950.0, true), "950");
        assert_eq!(tick_number(12_345.0, false), "12,345");
    }

    #[test]
    fn a_label_too_long_is_cut_to_the_longest_start_that_fits() {
        let mut svg = String::new();
        let area = SVGBackend::with_string(&mut svg, (400, 100)).into_drawing_area();
        let style = Theme::LIGHT.font(12);
        let text = "JIC 98% fill rate (order-up-to 1,485 units)";
        let room = text_width(&area, text, &style) / 2;
        let cut = shortened(&area, text, &style, room);
        assert!(cut.ends_with('…') && text_width(&area, &cut, &style) <= room, "{cut}");
        let start = cut.trim_end_matches('…');
        assert!(text.starts_with(start), "{cut}");
        // The next longer cut (spaces at its end dropped, as the cut drops them) would not fit.
        let chars: Vec<char> = text.chars().collect();
        let longer = (start.chars().count() + 1..chars.len())
            .map(|n| format!("{}…", chars[..n].iter().collect::<String>().trim_end()))
            .find(|c| *c != cut)
            .expect("a longer cut");
        assert!(text_width(&area, &longer, &style) > room, "{longer}");
        assert_eq!(shortened(&area, text, &style, 10_000), text);
        assert_eq!(shortened(&area, text, &style, 1), "");
    }

    #[test]
    fn a_small_short_chart_keeps_panels_side_by_side_and_a_tall_narrow_one_stacks() {
        assert!(!stacks((310, 170)));
        assert!(stacks((330, 412)));
        assert!(!stacks((700, 420)));
        assert_eq!(font_px((310, 170)), 10);
        assert_eq!(font_px((1200, 720)), 16);
    }
}
