//! Numbers as the person's locale types them. Where the browser's language writes decimals
//! with a comma (de, fr, es, …), a number field also takes "12,5" and "1.234,5" or
//! "1 234,5"; a point always works ("12.5"). Lists of numbers (past demand or lead times)
//! are separated by commas, so they keep the point.

use std::cell::Cell;

thread_local! {
    static DECIMAL_COMMA: Cell<bool> = const { Cell::new(false) };
}

/// Whether the page's locale writes decimals with a comma.
pub fn decimal_comma() -> bool {
    DECIMAL_COMMA.with(Cell::get)
}

/// Sets it (the page asks the browser once, at start; tests set it directly).
pub fn set_decimal_comma(on: bool) {
    DECIMAL_COMMA.with(|c| c.set(on));
}

/// Natively there is no browser to ask: decimals keep the point.
#[cfg(not(target_arch = "wasm32"))]
pub fn detect() {}

/// Asks the browser how its language writes one and a half.
#[cfg(target_arch = "wasm32")]
pub fn detect() {
    let language = web_sys::window().and_then(|w| w.navigator().language()).unwrap_or_default();
    if language.is_empty() {
        return;
    }
    let written: String = js_sys::Number::from(1.5).to_locale_string(&language).into();
    set_decimal_comma(written.contains(','));
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

    #[test]
    fn a_decimal_comma_is_read_only_where_the_locale_writes_one() {
        set_decimal_comma(false);
        assert_eq!(parse_number("12.5"), Some(12.5));
        assert_eq!(parse_number("12,5"), None);
        set_decimal_comma(true);
        assert_eq!(parse_number("12,5"), Some(12.5));
        assert_eq!(parse_number("12.5"), Some(12.5));
        assert_eq!(parse_number("1.234,5"), Some(1234.5));
        assert_eq!(parse_number("1 234,5"), Some(1234.5));
        assert_eq!(parse_number("1,2,3"), None);
        assert_eq!(parse_number("abc"), None);
        set_decimal_comma(false);
    }
}
