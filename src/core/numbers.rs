//! Numbers as a person reads them: thousands grouped, no trailing zeros ([`Num`]) or a fixed
//! number of decimals ([`Dec`]), and the money prefix. Every number the page shows and every
//! sentence the advice writes goes through here.
//!
//! The separators follow a [`NumberStyle`]. It is "1,234.5" unless the page sets the style of
//! the reader's locale at start ("1.234,5" in German, "1 234,5" in French, "1’234.5" in Swiss
//! German). The style is kept per thread: the page sets it on its own thread, so the CLI,
//! the workers and the tests keep the plain style. Files, links and CSV never use it: they
//! write numbers as JSON and CSV do.

use std::cell::Cell;
use std::fmt;

/// How a locale writes 1234.5: its decimal mark and its thousands separator (none in some).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct NumberStyle {
    pub decimal: char,
    pub group: Option<char>,
}

impl NumberStyle {
    /// "1,234.5": the CLI's, the files' sentences and the default.
    pub const PLAIN: NumberStyle = NumberStyle { decimal: '.', group: Some(',') };

    /// The style of a number as a locale writes 1234567.5 (what `Number.toLocaleString`
    /// gives): "1.234.567,5" → decimal ',' and group '.'. `None` when it is not written with
    /// the digits 0–9 in that order (another numbering system): the plain style then stays.
    pub fn from_sample(sample: &str) -> Option<NumberStyle> {
        let chars: Vec<char> = sample.trim().chars().collect();
        let digits: String = chars.iter().filter(|c| c.is_ascii_digit()).collect();
        if digits != "12345675" {
            return None;
        }
        let last = chars.iter().rposition(char::is_ascii_digit)?;
        let decimal = *chars[..last].iter().rev().find(|c| !c.is_ascii_digit())?;
        let first = chars.iter().position(char::is_ascii_digit)?;
        let group = chars[first..last]
            .iter()
            .find(|c| !c.is_ascii_digit())
            .copied()
            .filter(|&c| c != decimal);
        if decimal.is_alphanumeric() || group.is_some_and(char::is_alphanumeric) {
            return None;
        }
        Some(NumberStyle { decimal, group })
    }
}

thread_local! {
    static STYLE: Cell<NumberStyle> = const { Cell::new(NumberStyle::PLAIN) };
}

/// The style numbers are written in on this thread.
pub fn number_style() -> NumberStyle {
    STYLE.with(Cell::get)
}

/// Sets the style for this thread (the page, once, from the browser's locale).
pub fn set_number_style(style: NumberStyle) {
    STYLE.with(|s| s.set(style));
}

/// Writes `text`, a number as Rust formats it ("-1234.5", "12"), in the thread's style.
fn styled(f: &mut fmt::Formatter<'_>, text: &str) -> fmt::Result {
    let style = number_style();
    let (sign, unsigned) = text.strip_prefix('-').map_or(("", text), |rest| ("-", rest));
    let (whole, fraction) =
        unsigned.split_once('.').map_or((unsigned, None), |(w, d)| (w, Some(d)));
    f.write_str(sign)?;
    let mut buf = [0u8; 4];
    for (i, c) in whole.chars().enumerate() {
        if let Some(g) = style.group {
            if i > 0 && (whole.len() - i) % 3 == 0 {
                f.write_str(g.encode_utf8(&mut buf))?;
            }
        }
        f.write_str(c.encode_utf8(&mut buf))?;
    }
    if let Some(fraction) = fraction {
        f.write_str(style.decimal.encode_utf8(&mut buf))?;
        f.write_str(fraction)?;
    }
    Ok(())
}

/// A number as a person reads it: thousands grouped, no trailing zeros ("1,234.5", "12").
/// Very large and very small magnitudes in scientific notation ("1e-300", not 300 zeros).
pub struct Num(pub f64);

impl fmt::Display for Num {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let x = self.0;
        if !x.is_finite() {
            return write!(f, "{x}");
        }
        if x.abs() >= 1e16 || (x != 0.0 && x.abs() < 1e-4) {
            let text = format!("{x:e}");
            return f.write_str(&text.replace('.', &number_style().decimal.to_string()));
        }
        // Integers are written without a fraction; `-0` reads as 0.
        let x = if x == 0.0 { 0.0 } else { x };
        styled(f, &format!("{x}"))
    }
}

/// A number to a fixed number of decimals, thousands grouped: `Dec(1234.56, 1)` is
/// "1,234.6".
pub struct Dec(pub f64, pub usize);

impl fmt::Display for Dec {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let Dec(x, places) = *self;
        if !x.is_finite() || x.abs() >= 1e16 {
            return write!(f, "{x:.places$}");
        }
        let text = format!("{x:.places$}");
        // "-0.0" reads as "0.0".
        let text = if text.starts_with('-') && text[1..].chars().all(|c| c == '0' || c == '.') {
            &text[1..]
        } else {
            &text[..]
        };
        styled(f, text)
    }
}

/// A number to one decimal, without a trailing ".0": 2.5, 14, 0.1 (days of cover, units of
/// a plan, axis ticks of days).
pub fn tenths(x: f64) -> Num {
    Num((x * 10.0).round() / 10.0)
}

/// An amount in whole currency units after `prefix` (see [`money_prefix`]): "$1,200", or
/// "-$1,200" for a credit, the sign before the currency.
pub fn amount(x: f64, prefix: &str) -> String {
    let sign = if x.round() < 0.0 { "-" } else { "" };
    format!("{sign}{prefix}{}", Num(x.abs().round()))
}

/// What goes before an amount: "$" for USD, "€" for EUR, "£" for GBP, "¥" for JPY and CNY,
/// a symbol as given, otherwise the code and a space ("CHF 1,200"). The one money format of
/// the page, the charts and the CLI's sentences.
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

#[cfg(test)]
mod tests {
    use super::*;

    /// Runs `f` in `style`, then puts the plain style back (tests share threads).
    fn in_style<T>(style: NumberStyle, f: impl FnOnce() -> T) -> T {
        set_number_style(style);
        let out = f();
        set_number_style(NumberStyle::PLAIN);
        out
    }

    #[test]
    fn plain_numbers_group_thousands_and_drop_trailing_zeros() {
        assert_eq!(Num(1234567.0).to_string(), "1,234,567");
        assert_eq!(Num(-1234.5).to_string(), "-1,234.5");
        assert_eq!(Num(12.0).to_string(), "12");
        assert_eq!(Num(0.25).to_string(), "0.25");
        assert_eq!(Num(-0.0).to_string(), "0");
        assert_eq!(Num(1e-300).to_string(), "1e-300");
        assert_eq!(Num(2.5e17).to_string(), "2.5e17");
        assert_eq!(Num(f64::NAN).to_string(), "NaN");
        assert_eq!(Dec(1234.56, 1).to_string(), "1,234.6");
        assert_eq!(Dec(-0.04, 1).to_string(), "0.0");
        assert_eq!(Dec(98.765, 2).to_string(), "98.77");
        assert_eq!(Dec(999.96, 1).to_string(), "1,000.0");
        assert_eq!(Dec(-1234.0, 0).to_string(), "-1,234");
    }

    #[test]
    fn a_locales_sample_gives_its_separators() {
        let style = |s: &str| NumberStyle::from_sample(s);
        assert_eq!(style("1,234,567.5"), Some(NumberStyle::PLAIN));
        assert_eq!(style("1.234.567,5"), Some(NumberStyle { decimal: ',', group: Some('.') }));
        // French groups with a narrow no-break space; Swiss German with an apostrophe.
        let fr = style("1\u{202f}234\u{202f}567,5").unwrap();
        assert_eq!(fr, NumberStyle { decimal: ',', group: Some('\u{202f}') });
        assert_eq!(style("1’234’567.5").unwrap().group, Some('’'));
        // Indian grouping (12,34,567.5): the separators are still a comma and a point.
        assert_eq!(style("12,34,567.5"), Some(NumberStyle::PLAIN));
        // No grouping at all.
        assert_eq!(style("1234567,5"), Some(NumberStyle { decimal: ',', group: None }));
        // Another numbering system, or not a number: the plain style stays.
        assert_eq!(style("١٬٢٣٤٬٥٦٧٫٥"), None);
        assert_eq!(style("NaN"), None);
        assert_eq!(style(""), None);
    }

    #[test]
    fn the_pages_style_writes_every_number() {
        let de = NumberStyle { decimal: ',', group: Some('.') };
        let got = in_style(de, || {
            [Num(1234567.0), Num(-1234.5), Num(0.25), Num(1.5e-7)]
                .iter()
                .map(ToString::to_string)
                .chain([Dec(1234.56, 1).to_string(), Dec(98.765, 2).to_string()])
                .collect::<Vec<_>>()
        });
        assert_eq!(got, ["1.234.567", "-1.234,5", "0,25", "1,5e-7", "1.234,6", "98,77"]);
        let none = NumberStyle { decimal: ',', group: None };
        assert_eq!(in_style(none, || Num(1234567.5).to_string()), "1234567,5");
        // Other threads (the CLI, workers, other tests) keep the plain style.
        assert_eq!(Num(1234.5).to_string(), "1,234.5");
    }
}
