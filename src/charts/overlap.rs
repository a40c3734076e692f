//! Whether a chart reads: no text drawn over other text, cut off at the canvas's edge, or over
//! the data.
//!
//! [`Recorded`] stands between a chart and its backend and writes down, as it passes them on,
//! the box of every text (measured by the backend, so in the browser by the browser's own
//! fonts) and every mark of data (lines, bars and points in a policy's or a cost part's
//! colour; translucent shading is not data). [`Log::problems`] then says what collides. The
//! page records every chart it draws and writes the problems on the canvas (`data-layout`),
//! where the browser tests read them at every size and pixel density; the native tests run
//! the same check over every chart at the sizes the page gives them.

use std::cell::RefCell;
use std::rc::Rc;

use plotters::prelude::*;
use plotters_backend::text_anchor::{HPos, VPos};
use plotters_backend::{
    BackendColor, BackendCoord, BackendStyle, BackendTextStyle, DrawingErrorKind, FontTransform,
};

/// A box in the chart's pixels: left, top, right, bottom.
#[derive(Clone, Copy, Debug, PartialEq)]
struct Rect {
    x0: f64,
    y0: f64,
    x1: f64,
    y1: f64,
}

impl Rect {
    /// This box shrunk by `by` on every side (two boxes that only touch do not collide).
    fn inset(self, by: f64) -> Rect {
        Rect { x0: self.x0 + by, y0: self.y0 + by, x1: self.x1 - by, y1: self.y1 - by }
    }

    fn meets(self, o: Rect) -> bool {
        self.x0 < o.x1 && o.x0 < self.x1 && self.y0 < o.y1 && o.y0 < self.y1
    }

    fn contains(self, (x, y): (f64, f64)) -> bool {
        x > self.x0 && x < self.x1 && y > self.y0 && y < self.y1
    }

    /// Whether the segment from `a` to `b` passes through this box (Liang–Barsky clipping).
    fn crossed_by(self, a: (f64, f64), b: (f64, f64)) -> bool {
        let (dx, dy) = (b.0 - a.0, b.1 - a.1);
        let (mut t0, mut t1) = (0.0f64, 1.0f64);
        for (p, q) in
            [(-dx, a.0 - self.x0), (dx, self.x1 - a.0), (-dy, a.1 - self.y0), (dy, self.y1 - a.1)]
        {
            if p == 0.0 {
                if q < 0.0 {
                    return false;
                }
            } else {
                let t = q / p;
                if p < 0.0 {
                    t0 = t0.max(t);
                } else {
                    t1 = t1.min(t);
                }
                if t0 > t1 {
                    return false;
                }
            }
        }
        true
    }
}

/// What a chart drew that the check looks at.
#[derive(Clone, Debug)]
enum Mark {
    Text {
        text: String,
        rect: Rect,
    },
    /// A line of data, as segments.
    Line(Vec<(f64, f64)>),
    /// A filled area of data (a bar, a point, a filled polygon), by its outline.
    Area(Vec<(f64, f64)>),
}

/// What a [`Recorded`] backend wrote down, shared with whoever checks it.
#[derive(Clone, Debug, Default)]
pub struct Log {
    marks: Rc<RefCell<Vec<Mark>>>,
    size: (u32, u32),
}

/// A backend that records text and data marks as it draws them (see the module's comment).
pub struct Recorded<B> {
    inner: B,
    log: Log,
    /// Text widths are multiplied by this: 1 where the backend measures real fonts (the
    /// browser); more where it only estimates (plotters' native estimate is narrower than the
    /// sans-serif fonts browsers use).
    widen: f64,
}

impl<B: DrawingBackend> Recorded<B> {
    /// `inner`, recording into the log returned beside it.
    pub fn new(inner: B) -> (Recorded<B>, Log) {
        let log = Log { marks: Rc::default(), size: inner.get_size() };
        (Recorded { inner, log: log.clone(), widen: 1.0 }, log)
    }

    /// Text measured `factor` times as wide as the backend says.
    pub fn widened(mut self, factor: f64) -> Recorded<B> {
        self.widen = factor;
        self
    }

    fn data(&self, color: BackendColor, mark: Mark) {
        if is_data(color) {
            self.log.marks.borrow_mut().push(mark);
        }
    }
}

/// Data is drawn in a policy's or a cost part's colour, mostly opaque; the frame (text, axes,
/// grid) is in the theme's ink, and shading (bands, windows, the warm-up) is translucent.
fn is_data(color: BackendColor) -> bool {
    color.alpha >= 0.5 && super::DATA_COLORS.iter().any(|c| (c.0, c.1, c.2) == color.rgb)
}

fn point((x, y): BackendCoord) -> (f64, f64) {
    (f64::from(x), f64::from(y))
}

impl<B: DrawingBackend> DrawingBackend for Recorded<B> {
    type ErrorType = B::ErrorType;

    fn get_size(&self) -> (u32, u32) {
        self.inner.get_size()
    }

    fn ensure_prepared(&mut self) -> Result<(), DrawingErrorKind<B::ErrorType>> {
        self.inner.ensure_prepared()
    }

    fn present(&mut self) -> Result<(), DrawingErrorKind<B::ErrorType>> {
        self.inner.present()
    }

    fn draw_pixel(
        &mut self,
        p: BackendCoord,
        color: BackendColor,
    ) -> Result<(), DrawingErrorKind<B::ErrorType>> {
        self.inner.draw_pixel(p, color)
    }

    fn draw_line<S: BackendStyle>(
        &mut self,
        from: BackendCoord,
        to: BackendCoord,
        style: &S,
    ) -> Result<(), DrawingErrorKind<B::ErrorType>> {
        self.data(style.color(), Mark::Line(vec![point(from), point(to)]));
        self.inner.draw_line(from, to, style)
    }

    fn draw_rect<S: BackendStyle>(
        &mut self,
        a: BackendCoord,
        b: BackendCoord,
        style: &S,
        fill: bool,
    ) -> Result<(), DrawingErrorKind<B::ErrorType>> {
        let ((x0, y0), (x1, y1)) = (point(a), point(b));
        let outline = vec![(x0, y0), (x1, y0), (x1, y1), (x0, y1), (x0, y0)];
        self.data(style.color(), if fill { Mark::Area(outline) } else { Mark::Line(outline) });
        self.inner.draw_rect(a, b, style, fill)
    }

    fn draw_path<S: BackendStyle, I: IntoIterator<Item = BackendCoord>>(
        &mut self,
        path: I,
        style: &S,
    ) -> Result<(), DrawingErrorKind<B::ErrorType>> {
        let path: Vec<BackendCoord> = path.into_iter().collect();
        self.data(style.color(), Mark::Line(path.iter().copied().map(point).collect()));
        self.inner.draw_path(path, style)
    }

    fn draw_circle<S: BackendStyle>(
        &mut self,
        center: BackendCoord,
        radius: u32,
        style: &S,
        fill: bool,
    ) -> Result<(), DrawingErrorKind<B::ErrorType>> {
        let (x, y) = point(center);
        let r = f64::from(radius);
        let outline = vec![(x - r, y - r), (x + r, y - r), (x + r, y + r), (x - r, y + r)];
        self.data(style.color(), Mark::Area(outline));
        self.inner.draw_circle(center, radius, style, fill)
    }

    fn fill_polygon<S: BackendStyle, I: IntoIterator<Item = BackendCoord>>(
        &mut self,
        vert: I,
        style: &S,
    ) -> Result<(), DrawingErrorKind<B::ErrorType>> {
        let vert: Vec<BackendCoord> = vert.into_iter().collect();
        self.data(style.color(), Mark::Area(vert.iter().copied().map(point).collect()));
        self.inner.fill_polygon(vert, style)
    }

    fn draw_text<T: BackendTextStyle>(
        &mut self,
        text: &str,
        style: &T,
        pos: BackendCoord,
    ) -> Result<(), DrawingErrorKind<B::ErrorType>> {
        if !text.trim().is_empty() && style.color().alpha > 0.0 {
            let (w, h) = self.estimate_text_size(text, style)?;
            let (w, h) = (f64::from(w), f64::from(h));
            let anchor = style.anchor();
            let dx = match anchor.h_pos {
                HPos::Left => 0.0,
                HPos::Center => -w / 2.0,
                HPos::Right => -w,
            };
            let dy = match anchor.v_pos {
                VPos::Top => 0.0,
                VPos::Center => -h / 2.0,
                VPos::Bottom => -h,
            };
            // Turned about its anchor as the canvas and SVG turn it (clockwise, y down).
            let turn = |(x, y): (f64, f64)| match style.transform() {
                FontTransform::None => (x, y),
                FontTransform::Rotate90 => (-y, x),
                FontTransform::Rotate180 => (-x, -y),
                FontTransform::Rotate270 => (y, -x),
            };
            let corners = [(dx, dy), (dx + w, dy), (dx, dy + h), (dx + w, dy + h)].map(turn);
            let (px, py) = point(pos);
            let xs = corners.map(|c| c.0 + px);
            let ys = corners.map(|c| c.1 + py);
            let rect = Rect {
                x0: xs.iter().copied().fold(f64::INFINITY, f64::min),
                y0: ys.iter().copied().fold(f64::INFINITY, f64::min),
                x1: xs.iter().copied().fold(f64::NEG_INFINITY, f64::max),
                y1: ys.iter().copied().fold(f64::NEG_INFINITY, f64::max),
            };
            self.log.marks.borrow_mut().push(Mark::Text { text: text.to_owned(), rect });
        }
        self.inner.draw_text(text, style, pos)
    }

    /// As the backend measures, widened as [`Recorded::widened`] says: the chart lays out
    /// with the widths the check uses.
    fn estimate_text_size<T: BackendTextStyle>(
        &self,
        text: &str,
        style: &T,
    ) -> Result<(u32, u32), DrawingErrorKind<B::ErrorType>> {
        let (w, h) = self.inner.estimate_text_size(text, style)?;
        Ok(((f64::from(w) * self.widen).round() as u32, h))
    }
}

/// How far (pixels) boxes may touch before they collide: font boxes include some air.
const SLACK: f64 = 1.5;

/// Quotes a drawn text for a problem's sentence, shortened.
fn quoted(text: &str) -> String {
    let short: String = text.chars().take(40).collect();
    if short.len() < text.len() {
        format!("“{short}…”")
    } else {
        format!("“{short}”")
    }
}

impl Log {
    /// Every collision in what was drawn: text over text, text cut off by the canvas's edge,
    /// text over data. Empty when the chart reads.
    pub fn problems(&self) -> Vec<String> {
        let marks = self.marks.borrow();
        let (w, h) = self.size;
        let canvas = Rect { x0: 0.0, y0: 0.0, x1: f64::from(w), y1: f64::from(h) };
        let texts: Vec<(&str, Rect)> = marks
            .iter()
            .filter_map(|m| match m {
                Mark::Text { text, rect } => Some((text.as_str(), rect.inset(SLACK))),
                _ => None,
            })
            .collect();
        let mut problems = Vec::new();
        for (i, &(text, rect)) in texts.iter().enumerate() {
            let outside = [
                (rect.x0 < canvas.x0 - SLACK, "left"),
                (rect.x1 > canvas.x1 + SLACK, "right"),
                (rect.y0 < canvas.y0 - SLACK, "top"),
                (rect.y1 > canvas.y1 + SLACK, "bottom"),
            ];
            for (cut, edge) in outside {
                if cut {
                    problems.push(format!("{} is cut off at the {edge} edge", quoted(text)));
                }
            }
            for &(other, other_rect) in &texts[i + 1..] {
                if rect.meets(other_rect) {
                    problems.push(format!("{} overlaps {}", quoted(text), quoted(other)));
                }
            }
            let covers = marks.iter().any(|m| match m {
                Mark::Line(points) => points.windows(2).any(|s| rect.crossed_by(s[0], s[1])),
                Mark::Area(outline) => {
                    outline.iter().any(|&p| rect.contains(p))
                        || outline.windows(2).any(|s| rect.crossed_by(s[0], s[1]))
                        || inside(outline, (rect.x0, rect.y0))
                }
                Mark::Text { .. } => false,
            });
            if covers {
                problems.push(format!("{} is drawn over the data", quoted(text)));
            }
        }
        problems
    }
}

/// Whether `p` lies inside the polygon `outline` (even–odd rule).
fn inside(outline: &[(f64, f64)], p: (f64, f64)) -> bool {
    let mut inside = false;
    for (i, &a) in outline.iter().enumerate() {
        let b = outline[(i + 1) % outline.len()];
        if (a.1 > p.1) != (b.1 > p.1) && p.0 < a.0 + (p.1 - a.1) / (b.1 - a.1) * (b.0 - a.0) {
            inside = !inside;
        }
    }
    inside
}

#[cfg(test)]
mod tests {
    use super::*;
    use plotters::style::text_anchor::Pos;

    fn drawn(
        draw: impl FnOnce(&DrawingArea<Recorded<SVGBackend<'_>>, plotters::coord::Shift>),
    ) -> Vec<String> {
        let mut svg = String::new();
        let (backend, log) = Recorded::new(SVGBackend::with_string(&mut svg, (300, 200)));
        let area = backend.into_drawing_area();
        draw(&area);
        log.problems()
    }

    fn font() -> TextStyle<'static> {
        ("sans-serif", 14).into_font().color(&BLACK)
    }

    #[test]
    fn labels_drawn_on_each_other_fail_and_apart_pass() {
        // The negative control: two labels at the same place (as a chart that packed "JIC 5
        // days" against "JIC 98% fill rate" did) must be found.
        let problems = drawn(|a| {
            a.draw(&Text::new("JIC 5 days", (100, 50), font())).unwrap();
            a.draw(&Text::new("JIC 98% fill rate", (110, 52), font())).unwrap();
        });
        assert_eq!(problems, ["“JIC 5 days” overlaps “JIC 98% fill rate”"]);
        let apart = drawn(|a| {
            a.draw(&Text::new("JIC 5 days", (10, 50), font())).unwrap();
            a.draw(&Text::new("JIC 98% fill rate", (10, 80), font())).unwrap();
        });
        assert!(apart.is_empty(), "{apart:?}");
    }

    #[test]
    fn text_past_the_edge_fails() {
        let problems = drawn(|a| {
            a.draw(&Text::new("order-up-to 420 units", (260, 10), font())).unwrap();
            let up = font().pos(Pos::new(HPos::Center, VPos::Bottom));
            a.draw(&Text::new("top", (20, 3), up)).unwrap();
        });
        assert_eq!(
            problems,
            [
                "“order-up-to 420 units” is cut off at the right edge",
                "“top” is cut off at the top edge"
            ]
        );
    }

    #[test]
    fn turned_text_is_measured_turned() {
        // A y-axis title turned a quarter: tall and narrow, so a label beside it is clear.
        let problems = drawn(|a| {
            let turned =
                font().transform(FontTransform::Rotate270).pos(Pos::new(HPos::Center, VPos::Top));
            a.draw(&Text::new("On hand at end of day (units)", (10, 100), turned)).unwrap();
            a.draw(&Text::new("120", (40, 95), font())).unwrap();
        });
        assert!(problems.is_empty(), "{problems:?}");
    }

    #[test]
    fn text_over_a_line_or_bar_of_data_fails_but_not_over_the_grid_or_shading() {
        let data = super::super::DATA_COLORS[0];
        let over_line = drawn(|a| {
            a.draw(&PathElement::new(
                vec![(0, 60), (300, 60)],
                ShapeStyle::from(&data).stroke_width(2),
            ))
            .unwrap();
            a.draw(&Text::new("legend", (100, 55), font())).unwrap();
        });
        assert_eq!(over_line, ["“legend” is drawn over the data"]);
        let over_bar = drawn(|a| {
            a.draw(&Rectangle::new([(50, 20), (250, 180)], data.filled())).unwrap();
            a.draw(&Text::new("legend", (100, 55), font())).unwrap();
        });
        assert_eq!(over_bar, ["“legend” is drawn over the data"]);
        let over_frame = drawn(|a| {
            a.draw(&PathElement::new(vec![(0, 60), (300, 60)], BLACK.mix(0.2))).unwrap();
            a.draw(&Rectangle::new([(50, 20), (250, 180)], data.mix(0.18).filled())).unwrap();
            a.draw(&Text::new("legend", (100, 55), font())).unwrap();
        });
        assert!(over_frame.is_empty(), "{over_frame:?}");
    }
}
