//! The one way a free-text cell (a name, a message) is written into any CSV this tool writes,
//! and read back from an item list.
//!
//! A spreadsheet runs a cell that starts with `=`, `+`, `-` or `@` (and, in some, a tab or
//! carriage return) as a formula: an item named `=HYPERLINK(…)` in a downloaded plan would
//! run when the file is opened. Such a cell is written with a leading apostrophe, which
//! spreadsheets show as text (the OWASP advice on CSV injection), and quoted as RFC 4180
//! says when it holds a comma, quote or line break. Numbers are never passed through here:
//! a negative number stays a number.
//!
//! Reading back ([`read_cell`]) takes the apostrophe off again, so an item list written by
//! this tool reads back to the names it was written from. A name that itself starts with an
//! apostrophe followed by one of those characters (or another apostrophe) gets one more on
//! writing, so that every name goes round unchanged.

/// The characters that make a spreadsheet read a cell as a formula.
const FORMULA_START: [char; 6] = ['=', '+', '-', '@', '\t', '\r'];

fn needs_mark(text: &str) -> bool {
    let mut chars = text.chars();
    match chars.next() {
        Some(c) if FORMULA_START.contains(&c) => true,
        Some('\'') => chars.next().is_some_and(|c| c == '\'' || FORMULA_START.contains(&c)),
        _ => false,
    }
}

/// A free-text cell as written: made inert for spreadsheets, then quoted when needed.
pub fn cell(text: &str) -> String {
    let text = if needs_mark(text) { format!("'{text}") } else { text.to_owned() };
    if text.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", text.replace('"', "\"\""))
    } else {
        text
    }
}

/// A free-text cell as read (already unquoted by the CSV reader): the text [`cell`] was
/// given.
pub fn read_cell(cell: &str) -> &str {
    match cell.strip_prefix('\'') {
        Some(rest) if needs_mark(rest) => rest,
        _ => cell,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formulas_are_made_inert_and_read_back() {
        for (name, written) in [
            ("=HYPERLINK(\"http://x\",\"a\")", "\"'=HYPERLINK(\"\"http://x\"\",\"\"a\"\")\""),
            ("@SUM(A1:A9)", "'@SUM(A1:A9)"),
            ("+1", "'+1"),
            ("-2", "'-2"),
            ("\tTab", "'\tTab"),
            ("\rCR", "\"'\rCR\""),
            ("Bolt, M8", "\"Bolt, M8\""),
            ("'Tis the season", "'Tis the season"),
            ("'=x", "''=x"),
            ("''", "'''"),
            ("Plain", "Plain"),
            ("", ""),
        ] {
            assert_eq!(cell(name), written, "{name:?}");
            // What a CSV reader gives back (unquoted), then read_cell.
            let line = format!("{written}\n");
            let mut reader =
                csv::ReaderBuilder::new().has_headers(false).from_reader(line.as_bytes());
            let read = reader
                .records()
                .next()
                .map(|r| r.unwrap().get(0).unwrap_or("").to_owned())
                .unwrap_or_default();
            assert_eq!(read_cell(&read), name, "{written:?}");
        }
    }
}
