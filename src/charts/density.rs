//! Charts laid out in CSS pixels and drawn at the screen's pixel density.
//!
//! A canvas on a retina screen has two or three backing pixels for each CSS pixel. A chart
//! that measured its backing store would think itself two or three times wider and taller than
//! it looks: it would keep side-by-side panels where they no longer fit, choose fonts for a
//! screen it is not on, and collide its labels. [`Scaled`] stands between a chart and its
//! backend: it reports the size in CSS pixels, so every layout rule (stacking, font sizes,
//! legend placement, tick density) sees what a person sees, and multiplies coordinates, line
//! widths and font sizes by the pixel ratio only when it draws.

use plotters::prelude::*;
use plotters_backend::text_anchor::Pos;
use plotters_backend::{
    BackendColor, BackendCoord, BackendStyle, BackendTextStyle, DrawingErrorKind, FontFamily,
    FontStyle, FontTransform,
};

/// A backend seen at `1 / ratio` of its size: a chart draws on it in CSS pixels.
pub struct Scaled<B> {
    inner: B,
    ratio: f64,
}

impl<B: DrawingBackend> Scaled<B> {
    /// `inner` drawn at `ratio` backing pixels a CSS pixel (at least 1; a ratio that is not
    /// a finite number counts as 1).
    pub fn new(inner: B, ratio: f64) -> Scaled<B> {
        let ratio = if ratio.is_finite() { ratio.max(1.0) } else { 1.0 };
        Scaled { inner, ratio }
    }

    fn at(&self, (x, y): BackendCoord) -> BackendCoord {
        ((f64::from(x) * self.ratio).round() as i32, (f64::from(y) * self.ratio).round() as i32)
    }
}

/// A line or fill style with its width scaled.
struct Stroke<'a, S> {
    inner: &'a S,
    ratio: f64,
}

impl<S: BackendStyle> BackendStyle for Stroke<'_, S> {
    fn color(&self) -> BackendColor {
        self.inner.color()
    }

    fn stroke_width(&self) -> u32 {
        ((f64::from(self.inner.stroke_width()) * self.ratio).round() as u32).max(1)
    }
}

/// A text style with its size scaled.
struct Font<'a, T> {
    inner: &'a T,
    ratio: f64,
}

impl<T: BackendTextStyle> BackendTextStyle for Font<'_, T> {
    type FontError = T::FontError;

    fn color(&self) -> BackendColor {
        self.inner.color()
    }

    fn size(&self) -> f64 {
        self.inner.size() * self.ratio
    }

    fn transform(&self) -> FontTransform {
        self.inner.transform()
    }

    fn style(&self) -> FontStyle {
        self.inner.style()
    }

    fn anchor(&self) -> Pos {
        self.inner.anchor()
    }

    fn family(&self) -> FontFamily<'_> {
        self.inner.family()
    }

    fn layout_box(&self, text: &str) -> Result<((i32, i32), (i32, i32)), Self::FontError> {
        let ((x0, y0), (x1, y1)) = self.inner.layout_box(text)?;
        let s = |v: i32| (f64::from(v) * self.ratio).round() as i32;
        Ok(((s(x0), s(y0)), (s(x1), s(y1))))
    }

    /// Only backends that rasterise text themselves call this (neither the canvas nor SVG
    /// does); they get the glyphs at the unscaled size.
    fn draw<E, DrawFunc: FnMut(i32, i32, BackendColor) -> Result<(), E>>(
        &self,
        text: &str,
        pos: BackendCoord,
        draw: DrawFunc,
    ) -> Result<Result<(), E>, Self::FontError> {
        self.inner.draw(text, pos, draw)
    }
}

impl<B: DrawingBackend> DrawingBackend for Scaled<B> {
    type ErrorType = B::ErrorType;

    fn get_size(&self) -> (u32, u32) {
        let (w, h) = self.inner.get_size();
        let s = |v: u32| ((f64::from(v) / self.ratio).round() as u32).max(1);
        (s(w), s(h))
    }

    fn ensure_prepared(&mut self) -> Result<(), DrawingErrorKind<B::ErrorType>> {
        self.inner.ensure_prepared()
    }

    fn present(&mut self) -> Result<(), DrawingErrorKind<B::ErrorType>> {
        self.inner.present()
    }

    fn draw_pixel(
        &mut self,
        point: BackendCoord,
        color: BackendColor,
    ) -> Result<(), DrawingErrorKind<B::ErrorType>> {
        let (x0, y0) = self.at(point);
        let (x1, y1) = self.at((point.0 + 1, point.1 + 1));
        if x1 - x0 <= 1 && y1 - y0 <= 1 {
            return self.inner.draw_pixel((x0, y0), color);
        }
        self.inner.draw_rect((x0, y0), (x1 - 1, y1 - 1), &color, true)
    }

    fn draw_line<S: BackendStyle>(
        &mut self,
        from: BackendCoord,
        to: BackendCoord,
        style: &S,
    ) -> Result<(), DrawingErrorKind<B::ErrorType>> {
        let (from, to) = (self.at(from), self.at(to));
        self.inner.draw_line(from, to, &Stroke { inner: style, ratio: self.ratio })
    }

    fn draw_rect<S: BackendStyle>(
        &mut self,
        upper_left: BackendCoord,
        bottom_right: BackendCoord,
        style: &S,
        fill: bool,
    ) -> Result<(), DrawingErrorKind<B::ErrorType>> {
        let (a, b) = (self.at(upper_left), self.at(bottom_right));
        self.inner.draw_rect(a, b, &Stroke { inner: style, ratio: self.ratio }, fill)
    }

    fn draw_path<S: BackendStyle, I: IntoIterator<Item = BackendCoord>>(
        &mut self,
        path: I,
        style: &S,
    ) -> Result<(), DrawingErrorKind<B::ErrorType>> {
        let path: Vec<BackendCoord> = path.into_iter().map(|p| self.at(p)).collect();
        self.inner.draw_path(path, &Stroke { inner: style, ratio: self.ratio })
    }

    fn draw_circle<S: BackendStyle>(
        &mut self,
        center: BackendCoord,
        radius: u32,
        style: &S,
        fill: bool,
    ) -> Result<(), DrawingErrorKind<B::ErrorType>> {
        let radius = (f64::from(radius) * self.ratio).round() as u32;
        let center = self.at(center);
        self.inner.draw_circle(center, radius, &Stroke { inner: style, ratio: self.ratio }, fill)
    }

    fn fill_polygon<S: BackendStyle, I: IntoIterator<Item = BackendCoord>>(
        &mut self,
        vert: I,
        style: &S,
    ) -> Result<(), DrawingErrorKind<B::ErrorType>> {
        let vert: Vec<BackendCoord> = vert.into_iter().map(|p| self.at(p)).collect();
        self.inner.fill_polygon(vert, &Stroke { inner: style, ratio: self.ratio })
    }

    fn draw_text<T: BackendTextStyle>(
        &mut self,
        text: &str,
        style: &T,
        pos: BackendCoord,
    ) -> Result<(), DrawingErrorKind<B::ErrorType>> {
        let pos = self.at(pos);
        self.inner.draw_text(text, &Font { inner: style, ratio: self.ratio }, pos)
    }

    /// In CSS pixels: the style is measured as the chart gave it, once per text and font
    /// ([`measured`]).
    fn estimate_text_size<T: BackendTextStyle>(
        &self,
        text: &str,
        style: &T,
    ) -> Result<(u32, u32), DrawingErrorKind<B::ErrorType>> {
        measured(text, style, || self.inner.estimate_text_size(text, style))
    }
}

/// The most texts [`measured`] remembers; past it, it starts again.
const MEASURED_TEXTS: usize = 4096;

/// `measure`'s size of `text` in `style`, remembered by the text and the font's family,
/// style, size and turn. In a browser plotters measures a text by putting a `<span>` in the
/// page and reading its size, which lays the whole page out again: with a 1,000-item list
/// beside the charts that was about 180 ms of every drawing (a chart measures each label
/// while it lays itself out, and `overlap::Recorded` each text it draws), and the same
/// labels come back at every redraw. A text's size in a font does not change while the page
/// is open (no web fonts), so a remembered size is the one measuring again would give.
fn measured<T: BackendTextStyle, E>(
    text: &str,
    style: &T,
    measure: impl FnOnce() -> Result<(u32, u32), E>,
) -> Result<(u32, u32), E> {
    use std::cell::RefCell;
    use std::collections::HashMap;
    thread_local! {
        static SIZES: RefCell<HashMap<String, (u32, u32)>> = RefCell::new(HashMap::new());
    }
    let turn = match style.transform() {
        FontTransform::None => 0,
        FontTransform::Rotate90 => 1,
        FontTransform::Rotate180 => 2,
        FontTransform::Rotate270 => 3,
    };
    let key = format!(
        "{}\u{1f}{}\u{1f}{:x}\u{1f}{turn}\u{1f}{text}",
        style.family().as_str(),
        style.style().as_str(),
        style.size().to_bits()
    );
    if let Some(size) = SIZES.with(|sizes| sizes.borrow().get(&key).copied()) {
        return Ok(size);
    }
    let size = measure()?;
    SIZES.with(|sizes| {
        let mut sizes = sizes.borrow_mut();
        if sizes.len() >= MEASURED_TEXTS {
            sizes.clear();
        }
        sizes.insert(key, size);
    });
    Ok(size)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A text is measured once per font: the same text and font again is the size measured
    /// (no second measure), while another size, style, turn or text is measured anew.
    #[test]
    fn a_text_is_measured_once_per_font() {
        use std::cell::Cell;
        let calls = Cell::new(0);
        let measure = |size: (u32, u32)| {
            calls.set(calls.get() + 1);
            Ok::<_, ()>(size)
        };
        let font = |size: f64| TextStyle::from(("sans-serif", size).into_font());
        let text = "Measured once per font 7d1c";
        assert_eq!(measured(text, &font(12.0), || measure((70, 14))), Ok((70, 14)));
        assert_eq!(measured(text, &font(12.0), || measure((1, 1))), Ok((70, 14)));
        assert_eq!(calls.get(), 1);
        assert_eq!(measured(text, &font(13.0), || measure((76, 15))), Ok((76, 15)));
        let turned =
            TextStyle::from(("sans-serif", 12.0).into_font().transform(FontTransform::Rotate90));
        assert_eq!(measured(text, &turned, || measure((14, 70))), Ok((14, 70)));
        let bold = TextStyle::from(("sans-serif", 12.0, FontStyle::Bold).into_font());
        assert_eq!(measured(text, &bold, || measure((74, 14))), Ok((74, 14)));
        assert_eq!(measured("Another 7d1c", &font(12.0), || measure((40, 14))), Ok((40, 14)));
        assert_eq!(calls.get(), 5);
        // A failed measure is not remembered.
        assert_eq!(measured("Failed 7d1c", &font(12.0), || Err::<(u32, u32), ()>(())), Err(()));
        assert_eq!(measured("Failed 7d1c", &font(12.0), || measure((30, 14))), Ok((30, 14)));
    }

    fn svg_of(size: (u32, u32), ratio: f64) -> String {
        let mut svg = String::new();
        {
            let backend = Scaled::new(SVGBackend::with_string(&mut svg, size), ratio);
            assert_eq!(backend.get_size(), (size.0 / ratio as u32, size.1 / ratio as u32));
            let area = backend.into_drawing_area();
            area.draw(&PathElement::new(
                vec![(10, 20), (30, 40)],
                ShapeStyle::from(&BLACK).stroke_width(2),
            ))
            .unwrap();
            area.draw(&Text::new("x", (5, 6), ("sans-serif", 12).into_font())).unwrap();
            area.present().unwrap();
        }
        svg
    }

    #[test]
    fn coordinates_widths_and_fonts_are_scaled_when_drawn() {
        let svg = svg_of((400, 200), 2.0);
        assert!(svg.contains("20,40 60,80"), "path scaled: {svg}");
        assert!(svg.contains(r#"stroke-width="4""#), "width scaled: {svg}");
        let flat = svg_of((400, 200), 1.0);
        assert!(flat.contains("10,20 30,40"), "{flat}");
        let font = |svg: &str| -> f64 {
            let (_, rest) = svg.split_once(r#"font-size=""#).expect("a text");
            rest.split('"').next().and_then(|v| v.parse().ok()).expect("a size")
        };
        assert!((font(&svg) / font(&flat) - 2.0).abs() < 1e-9, "font scaled: {svg}");
    }

    #[test]
    fn a_ratio_below_one_or_not_a_number_draws_as_is() {
        for ratio in [0.5, f64::NAN, f64::INFINITY] {
            let mut svg = String::new();
            assert_eq!(
                Scaled::new(SVGBackend::with_string(&mut svg, (300, 100)), ratio).ratio,
                1.0
            );
        }
    }
}
