//! A catalogue streamed item by item (`jitjic simulate|optimise --items`): any number of
//! items, one record at a time, each run as a one-item scenario on the catalogue's shared
//! settings and suppliers (its header).
//!
//! - **JSON Lines**: one item per line, in the scenario file's item format. The first line
//!   may be the header instead: a scenario file without `items` (it has a `version`).
//! - **CSV**: the page's item list (`items_csv`), one row per item.
//!
//! An item's position is its record's place among the catalogue's records, from 0 (a
//! record that fails still takes its place). Its random streams are that position's, so its
//! results are the same bits whether the catalogue runs whole, in shards, or in pieces
//! started at the right position (see `ScenarioSpec::first_position`). Every record passes
//! the same gate and checks as a scenario file, with the limits of one item.

use std::io::BufRead;

use serde_json::Value;

use super::items_csv::{CsvError, ItemRows};
use super::scenario_file::{read_file, FileError, VERSION};
use crate::core::Scenario;

/// The most bytes a line of JSON Lines may have: a scenario file's (the gate's bound).
pub const MAX_LINE_BYTES: usize = super::gate::MAX_JSON_BYTES;

/// What every record shares: the version, settings and suppliers of a scenario file
/// without items.
#[derive(Clone, Debug)]
pub struct Header {
    /// The header as compact JSON without its closing brace: a record's item goes after it.
    open: String,
}

/// An item valid under any header.
const PROBE: &str = r#"{"name":"probe","demand":{"distribution":"poisson","mean":1},"lead_time":{"distribution":"fixed","days":1}}"#;

/// A small valid one-item scenario on the default settings: what a CSV's columns are read
/// from before any record is (they do not depend on the item).
pub fn probe() -> Scenario {
    Header::standard().scenario(PROBE, 0).expect("the probe item is valid on the defaults")
}

/// A record that is not an item that runs: where it is, and why.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RecordError {
    /// The line it starts on (1 is the first line of the input).
    pub line: u64,
    /// Each problem: its place in the record (a CSV column, a JSON path or column) and what
    /// is wrong, as "place: problem".
    pub problems: Vec<String>,
}

impl std::fmt::Display for RecordError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "line {}: {}", self.line, self.problems.join("; "))
    }
}

/// The most problems a record's message lists.
const LISTED: usize = 5;

impl Header {
    /// The header of a catalogue that gives none: this version's default settings, no
    /// suppliers.
    pub fn standard() -> Header {
        Header { open: format!("{{\"version\":{VERSION}") }
    }

    /// A header from a scenario file's text without `items`.
    ///
    /// # Errors
    /// Not a JSON object, an `items` key, or problems of its settings or suppliers (each with
    /// its path), checked once here rather than again with every record.
    pub fn read(text: &str) -> Result<Header, Vec<String>> {
        let text = text.strip_prefix('\u{feff}').unwrap_or(text);
        super::gate::check(
            text,
            &[],
            super::scenario_file::MAX_ITEMS,
            super::scenario_file::MAX_SUPPLIERS,
        )
        .map_err(|e| vec![e.to_string()])?;
        let Ok(Value::Object(mut map)) = serde_json::from_str::<Value>(text) else {
            return Err(vec!["a catalogue's header is a scenario file (a JSON object)".into()]);
        };
        if map.contains_key("items") {
            return Err(vec![
                "items: a catalogue's header gives the version, settings and suppliers; its \
                 items come one per record, so leave items out"
                    .into(),
            ]);
        }
        // `version` first, so a record that is read reads it first.
        let version = map.remove("version");
        let mut open = String::from("{");
        for (key, value) in
            version.iter().map(|v| ("version", v)).chain(map.iter().map(|(k, v)| (k.as_str(), v)))
        {
            if open.len() > 1 {
                open.push(',');
            }
            open.push_str(&Value::String(key.to_owned()).to_string());
            open.push(':');
            open.push_str(&value.to_string());
        }
        let header = Header { open };
        // The settings' and suppliers' own problems, once: an item that is valid everywhere
        // reads the header's problems alone.
        match read_file(&header.with_item(PROBE)).and_then(|f| f.to_scenario()) {
            Ok(_) => Ok(header),
            Err(errors) => {
                let own: Vec<String> = errors
                    .iter()
                    .filter(|e| !e.path.starts_with("items"))
                    .map(ToString::to_string)
                    .collect();
                if own.is_empty() {
                    Ok(header)
                } else {
                    Err(own)
                }
            }
        }
    }

    /// A short fingerprint of the header as read (its JSON, keys sorted): records made under
    /// different settings or suppliers, or suppliers in another order, have different ones,
    /// so what adds records up (`jitjic portfolio`) can refuse to mix them. FNV-1a, 64 bits,
    /// in hex: stable across builds and platforms, which a standard hasher is not promised
    /// to be; it guards against mistakes, not against forgery.
    pub fn fingerprint(&self) -> String {
        let hash = self.open.bytes().fold(0xcbf2_9ce4_8422_2325_u64, |h, b| {
            (h ^ u64::from(b)).wrapping_mul(0x0000_0100_0000_01b3)
        });
        format!("{hash:016x}")
    }

    /// The one-item scenario file of an item's JSON (one object, already checked to be one).
    fn with_item(&self, item: &str) -> String {
        let comma = if self.open.len() > 1 { "," } else { "" };
        format!("{}{comma}\"items\":[{item}]}}", self.open)
    }

    /// The one-item scenario of a record's item at `position`, or its problems named by
    /// their place in the item (`demand.mean`), not in the one-item file.
    fn scenario(&self, item: &str, position: u32) -> Result<Scenario, Vec<FileError>> {
        read_file(&self.with_item(item)).and_then(|file| file.to_scenario_at(position))
    }
}

/// An item's place in the one-item file, as its place in the record.
fn in_record(error: &FileError) -> (String, String) {
    let path = error.path.strip_prefix("items[0]").unwrap_or(&error.path);
    let path = path.strip_prefix('.').unwrap_or(path);
    let place = if path.is_empty() { "item" } else { path };
    (place.to_owned(), error.problem.to_string())
}

fn listed(mut problems: Vec<String>) -> Vec<String> {
    if problems.len() > LISTED {
        let more = problems.len() - LISTED;
        problems.truncate(LISTED);
        problems.push(format!("and {more} more"));
    }
    problems
}

/// One record of a catalogue: its position, the line it starts on, and its one-item scenario
/// or why it has none.
pub struct Record {
    pub position: u32,
    pub line: u64,
    pub item: Result<Scenario, RecordError>,
}

/// A JSON Lines item's scenario.
///
/// # Errors
/// The line is not one JSON object (with the column where it stops being one), or the item's
/// problems by path.
pub fn json_line(
    header: &Header,
    line: u64,
    text: &str,
    position: u32,
) -> Result<Scenario, RecordError> {
    let fail = |problems: Vec<String>| RecordError { line, problems: listed(problems) };
    let trimmed = text.trim();
    if !trimmed.starts_with('{') {
        return Err(fail(vec!["an item is one JSON object on its line".into()]));
    }
    // One value and nothing after it, before it is put into the one-item file.
    if let Err(e) = serde_json::from_str::<serde::de::IgnoredAny>(trimmed) {
        return Err(fail(vec![format!(
            "column {}: {}",
            e.column(),
            strip_position(&e.to_string())
        )]));
    }
    header.scenario(trimmed, position).map_err(|errors| {
        fail(errors.iter().map(in_record).map(|(p, m)| format!("{p}: {m}")).collect())
    })
}

/// serde_json's message without its " at line 1 column 5" (the record gives both).
fn strip_position(message: &str) -> &str {
    message.split(" at line ").next().unwrap_or(message)
}

/// A CSV row's scenario: a cell's problem names its column, as does a range problem of a
/// field the row's columns fill.
///
/// # Errors
/// The row's problems.
pub fn csv_row(
    header: &Header,
    line: u64,
    row: Result<Value, Vec<CsvError>>,
    position: u32,
) -> Result<Scenario, RecordError> {
    let fail = |problems: Vec<String>| RecordError { line, problems: listed(problems) };
    let item = row.map_err(|errors| {
        fail(
            errors
                .iter()
                .map(|e| match &e.column {
                    Some(c) => format!("{c}: {}", e.problem),
                    None => e.problem.clone(),
                })
                .collect(),
        )
    })?;
    header.scenario(&item.to_string(), position).map_err(|errors| {
        fail(
            errors
                .iter()
                .map(in_record)
                .map(|(path, m)| match ItemRows::<&[u8]>::column_of(&path) {
                    Some(column) => format!("{column}: {m}"),
                    None => format!("{path}: {m}"),
                })
                .collect(),
        )
    })
}

/// Lines of text, each at most [`MAX_LINE_BYTES`]: a longer one is reported (by its line)
/// and skipped to its end without being kept, so a line of any length takes bounded memory.
pub struct Lines<R: BufRead> {
    input: R,
    line: u64,
    buffer: Vec<u8>,
}

/// A line of input, or why it cannot be one.
pub enum Line {
    Text(String),
    TooLong,
    NotUtf8,
}

impl<R: BufRead> Lines<R> {
    pub fn new(input: R) -> Lines<R> {
        Lines { input, line: 0, buffer: Vec::new() }
    }
}

impl<R: BufRead> Iterator for Lines<R> {
    /// The line's number (from 1) and the line; `None` at the end or at a read error.
    type Item = (u64, Line);

    fn next(&mut self) -> Option<(u64, Line)> {
        self.buffer.clear();
        let mut long = false;
        loop {
            let chunk = match self.input.fill_buf() {
                Ok(chunk) => chunk,
                Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
                Err(_) => return None,
            };
            if chunk.is_empty() {
                if self.buffer.is_empty() && !long {
                    return None;
                }
                break;
            }
            let (part, done) = match chunk.iter().position(|&b| b == b'\n') {
                Some(end) => (&chunk[..end], end + 1),
                None => (chunk, chunk.len()),
            };
            let ends = done > part.len();
            if !long {
                if self.buffer.len() + part.len() > MAX_LINE_BYTES {
                    long = true;
                    self.buffer.clear();
                } else {
                    self.buffer.extend_from_slice(part);
                }
            }
            self.input.consume(done);
            if ends {
                break;
            }
        }
        self.line += 1;
        if long {
            return Some((self.line, Line::TooLong));
        }
        if self.buffer.last() == Some(&b'\r') {
            self.buffer.pop();
        }
        match String::from_utf8(std::mem::take(&mut self.buffer)) {
            Ok(text) => Some((self.line, Line::Text(text))),
            Err(_) => Some((self.line, Line::NotUtf8)),
        }
    }
}

/// A record's problem when its line cannot be read as text.
pub fn unreadable(line: u64, why: &Line) -> RecordError {
    let problem = match why {
        Line::TooLong => {
            format!("the line is over {} MB; accepted: up to that", MAX_LINE_BYTES >> 20)
        }
        Line::NotUtf8 => "the line is not UTF-8 text".into(),
        Line::Text(_) => String::new(),
    };
    RecordError { line, problems: vec![problem] }
}

/// Whether a JSON Lines catalogue's first line is its header (a scenario file: it has a
/// `version`) rather than an item.
pub fn is_header(text: &str) -> bool {
    matches!(serde_json::from_str::<Value>(text.trim()), Ok(Value::Object(map)) if map.contains_key("version"))
}

#[cfg(test)]
mod tests {
    use super::*;

    const ITEM: &str = r#"{"name":"A","demand":{"distribution":"normal","mean":20,"sd":6},"lead_time":{"distribution":"fixed","days":3}}"#;

    #[test]
    fn a_record_is_a_one_item_scenario_at_its_position() {
        let header =
            Header::read(r#"{"version": 11, "settings": {"replications": 50, "seed": 9}}"#)
                .unwrap();
        let scenario = json_line(&header, 3, ITEM, 41).unwrap();
        assert_eq!(scenario.items().len(), 1);
        assert_eq!(scenario.items()[0].index(), 41);
        assert_eq!(scenario.settings().seed(), 9);
        assert_eq!(scenario.settings().n_replications(), 50);
    }

    #[test]
    fn a_bad_record_names_its_line_and_place() {
        let header = Header::standard();
        let bad = ITEM.replace("\"mean\":20", "\"mean\":-2");
        let e = json_line(&header, 7, &bad, 0).unwrap_err();
        assert_eq!(e.line, 7);
        assert!(e.problems[0].starts_with("demand.mean: "), "{e}");
        assert!(e.to_string().starts_with("line 7: demand.mean: "), "{e}");
        let e = json_line(&header, 8, r#"{"name": "A", "demand": "#, 1).unwrap_err();
        assert!(e.problems[0].starts_with("column "), "{e}");
        // Nothing can break out of its item into the header.
        let e =
            json_line(&header, 9, &format!(r#"{ITEM}], "settings": {{"seed": 1}}, "x": [{{"#), 2)
                .unwrap_err();
        assert!(e.problems[0].contains("column"), "{e}");
    }

    #[test]
    fn a_header_is_checked_once_and_may_not_hold_items() {
        assert!(
            Header::read(r#"{"version": 11, "items": []}"#).unwrap_err()[0].starts_with("items:")
        );
        let e = Header::read(r#"{"version": 11, "settings": {"replications": 0}}"#).unwrap_err();
        assert!(e[0].starts_with("settings.replications"), "{e:?}");
        assert!(is_header(r#"{"version": 11}"#));
        assert!(!is_header(ITEM));
    }

    #[test]
    fn lines_are_bounded_and_numbered() {
        let long = "x".repeat(MAX_LINE_BYTES + 10);
        let text = format!("a\r\n{long}\nb");
        let lines: Vec<(u64, String)> = Lines::new(text.as_bytes())
            .map(|(n, l)| {
                (
                    n,
                    match l {
                        Line::Text(t) => t,
                        Line::TooLong => "long".into(),
                        Line::NotUtf8 => "bytes".into(),
                    },
                )
            })
            .collect();
        assert_eq!(lines, [(1, "a".into()), (2, "long".into()), (3, "b".into())]);
    }
}
