//! Numbers as the person's locale writes them. The page asks the browser once, at start, how
//! its language writes 1234567.5 and sets that style for every number it shows
//! ([`crate::core::numbers`]: "1.234.567,5" in German). Where the locale writes decimals with
//! a comma (de, fr, es, …), a number field also takes "12,5" and "1.234,5" or "1 234,5"; a
//! point always works ("12.5"). Lists of numbers (past demand or lead times) are separated by
//! commas, so they keep the point.

use crate::core::numbers::number_style;

/// Whether the page's locale writes decimals with a comma.
pub fn decimal_comma() -> bool {
    number_style().decimal == ','
}

/// Natively there is no browser to ask: numbers keep the plain style.
#[cfg(not(target_arch = "wasm32"))]
pub fn detect() {}

/// Asks the browser how its language writes 1234567.5: on the page and in a worker alike
/// (both have a `navigator`), so the sentences a worker writes read as the page's do.
#[cfg(target_arch = "wasm32")]
pub fn detect() {
    let global = js_sys::global();
    let language = js_sys::Reflect::get(&global, &"navigator".into())
        .and_then(|n| js_sys::Reflect::get(&n, &"language".into()))
        .ok()
        .and_then(|l| l.as_string())
        .unwrap_or_default();
    // The plain style is American English's ("1,234,567.5"): asking the browser would load
    // its number formats only to hear that (30-60 ms of every page load in en-US).
    if language.is_empty() || language.eq_ignore_ascii_case("en-US") || language == "en" {
        return;
    }
    let written: String = js_sys::Number::from(1_234_567.5).to_locale_string(&language).into();
    if let Some(style) = crate::core::numbers::NumberStyle::from_sample(&written) {
        crate::core::numbers::set_number_style(style);
    }
}

/// A number as typed: with a point always; with the locale's decimal comma where it has one
/// (points and spaces in it then group thousands).
pub fn parse_number(text: &str) -> Option<f64> {
    let text = text.trim();
    let plain = text.parse::<f64>().ok();
    let local = || {
        if !decimal_comma() || !text.contains(',') {
            return None;
        }
        let cleaned: String = text
            .chars()
            .filter(|c| !matches!(c, '.' | ' ' | '\u{a0}' | '\u{202f}' | '\''))
            .map(|c| if c == ',' { '.' } else { c })
            .collect();
        cleaned.parse::<f64>().ok()
    };
    plain.or_else(local).filter(|x| x.is_finite())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::numbers::{set_number_style, NumberStyle};

    /// `detect` does not ask the browser in American English: what the browser writes there
    /// (CLDR's en-US, "1,234,567.5") is the plain style the page starts with.
    #[test]
    fn american_english_writes_the_plain_style() {
        assert_eq!(NumberStyle::from_sample("1,234,567.5"), Some(NumberStyle::PLAIN));
    }

    #[test]
    fn a_decimal_comma_is_read_only_where_the_locale_writes_one() {
        set_number_style(NumberStyle::PLAIN);
        assert_eq!(parse_number("12.5"), Some(12.5));
        assert_eq!(parse_number("12,5"), None);
        set_number_style(NumberStyle { decimal: ',', group: Some('.') });
        assert_eq!(parse_number("12,5"), Some(12.5));
        assert_eq!(parse_number("12.5"), Some(12.5));
        assert_eq!(parse_number("1.234,5"), Some(1234.5));
        assert_eq!(parse_number("1 234,5"), Some(1234.5));
        assert_eq!(parse_number("1,2,3"), None);
        assert_eq!(parse_number("abc"), None);
        set_number_style(NumberStyle::PLAIN);
    }
}
