//! The one gate every scenario's JSON text passes, from a file or a link, before anything is
//! built from it: strict (valid UTF-8 JSON, no key twice in an object, nothing after the
//! document, the scenario an object) and bounded (bytes, values, nesting, and the counts of
//! items and suppliers), so that the work and memory of reading are bounded by these limits,
//! not by what a small compressed link can unpack to.
//!
//! It walks the text once with serde_json's parser and keeps nothing but the keys of the
//! objects open on the way down (to find a key given twice) and the path. The first problem
//! stops the walk, and is reported with its JSON path (`items[3].demand`).

use std::borrow::Cow;
use std::cell::{Cell, RefCell};
use std::fmt;

use serde::de::{DeserializeSeed, MapAccess, SeqAccess, Visitor};

use crate::core::input::Num;

/// Most bytes of JSON read, from a file or inflated from a link.
pub const MAX_JSON_BYTES: usize = 8 << 20;
/// Most JSON values (numbers, strings, true/false/null, objects, arrays) in one document: a
/// thousand items with their histories fit many times over.
pub const MAX_VALUES: usize = 1_000_000;
/// Most objects and arrays in one document: these are what a parsed document's memory grows
/// with (a 1,000-item catalogue has some 20,000).
pub const MAX_CONTAINERS: usize = 100_000;
/// Deepest nesting of objects and arrays (a scenario's deepest is 6).
pub const MAX_DEPTH: usize = 16;
/// Most keys in one object (a scenario's largest, an item, has some 25): a reader that
/// names every unknown key would otherwise do work that grows with them.
pub const MAX_KEYS: usize = 100;

/// Where a problem is, and what it is.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct GateError {
    /// The JSON path (`items[3].demand`); empty for the document as a whole.
    pub path: String,
    pub message: String,
}

impl fmt::Display for GateError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let at = if self.path.is_empty() { "scenario" } else { &self.path };
        write!(f, "{at}: {}", self.message)
    }
}

/// Checks `json`, whose scenario document sits at `scenario_at` (`&[]` for a scenario file,
/// `&["scenario"]` in a link), against the limits; `items` and `suppliers` are the most of
/// each a scenario may list.
///
/// # Errors
/// The first problem found, with its path.
pub fn check(
    json: &str,
    scenario_at: &[&str],
    items: usize,
    suppliers: usize,
) -> Result<(), GateError> {
    if json.len() > MAX_JSON_BYTES {
        return Err(GateError {
            path: String::new(),
            message: format!(
                "{} bytes of JSON; accepted: up to {} ({} MB)",
                Num(json.len() as f64),
                Num(MAX_JSON_BYTES as f64),
                MAX_JSON_BYTES >> 20
            ),
        });
    }
    let walk = Walk {
        values: Cell::new(0),
        containers: Cell::new(0),
        path: RefCell::new(Vec::new()),
        failure: RefCell::new(None),
        scenario_at,
        items,
        suppliers,
    };
    let mut de = serde_json::Deserializer::from_str(json);
    let result = Node { walk: &walk }.deserialize(&mut de).and_then(|()| de.end());
    match result {
        Ok(()) => Ok(()),
        Err(e) => Err(walk
            .failure
            .take()
            .unwrap_or_else(|| GateError { path: walk.path_text(), message: json_words(&e) })),
    }
}

/// A scenario document read as a JSON value, through the gate (a byte-order mark is
/// skipped): what the page opens from a file. With it, the text that passed the gate (the
/// file without its byte-order mark), which the scenario file is then read from.
///
/// # Errors
/// The gate's first problem, with its path.
pub fn read_document(
    text: &str,
    items: usize,
    suppliers: usize,
) -> Result<(serde_json::Value, &str), GateError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    check(text, &[], items, suppliers)?;
    serde_json::from_str(text)
        .map(|doc| (doc, text))
        .map_err(|e| GateError { path: String::new(), message: json_words(&e) })
}

/// serde_json's message in a planner's words where it has a terse one.
fn json_words(e: &serde_json::Error) -> String {
    let text = e.to_string();
    if text.starts_with("trailing characters") {
        format!("there is more after the end of the JSON document ({text}); accepted: one document")
    } else if text.starts_with("EOF while parsing") {
        format!("the JSON document ends early ({text})")
    } else {
        format!("not valid JSON: {text}")
    }
}

enum Step<'de> {
    Key(Cow<'de, str>),
    Index(usize),
}

struct Walk<'a, 'de> {
    values: Cell<usize>,
    containers: Cell<usize>,
    path: RefCell<Vec<Step<'de>>>,
    failure: RefCell<Option<GateError>>,
    scenario_at: &'a [&'a str],
    items: usize,
    suppliers: usize,
}

impl Walk<'_, '_> {
    fn path_text(&self) -> String {
        let mut text = String::new();
        for step in self.path.borrow().iter() {
            match step {
                Step::Key(key) => {
                    if !text.is_empty() {
                        text.push('.');
                    }
                    // An empty key is shown as one, so that a path is never empty.
                    if key.is_empty() {
                        text.push_str("\"\"");
                    } else {
                        text.push_str(&shorten(key, 40));
                    }
                }
                Step::Index(i) => text.push_str(&format!("[{i}]")),
            }
        }
        text
    }

    fn fail<E: serde::de::Error>(&self, message: String) -> E {
        let error = GateError { path: self.path_text(), message };
        let text = error.to_string();
        *self.failure.borrow_mut() = Some(error);
        E::custom(text)
    }

    /// Counts one value (and one container when it is one), refusing past the limits.
    fn count<E: serde::de::Error>(&self, container: bool) -> Result<(), E> {
        self.values.set(self.values.get() + 1);
        if self.values.get() > MAX_VALUES {
            return Err(self.fail(format!(
                "the document holds more than {} JSON values; accepted: up to that",
                Num(MAX_VALUES as f64)
            )));
        }
        if container {
            self.containers.set(self.containers.get() + 1);
            if self.containers.get() > MAX_CONTAINERS {
                return Err(self.fail(format!(
                    "the document holds more than {} objects and arrays; accepted: up to that",
                    Num(MAX_CONTAINERS as f64)
                )));
            }
            if self.path.borrow().len() >= MAX_DEPTH {
                return Err(
                    self.fail(format!("nested more than {MAX_DEPTH} deep; accepted: up to that"))
                );
            }
        }
        Ok(())
    }

    /// Whether the path is the scenario's root plus `tail` keys.
    fn at_scenario(&self, tail: &[&str]) -> bool {
        let path = self.path.borrow();
        path.len() == self.scenario_at.len() + tail.len()
            && path
                .iter()
                .zip(self.scenario_at.iter().chain(tail))
                .all(|(step, want)| matches!(step, Step::Key(key) if key == want))
    }

    /// A value other than an object where the scenario (or the link's document) belongs.
    fn not_an_object<E: serde::de::Error>(&self, what: &str) -> Result<(), E> {
        let root = self.path.borrow().is_empty();
        if root || self.at_scenario(&[]) {
            let whole = if root && !self.scenario_at.is_empty() {
                "a link's document"
            } else {
                "a scenario"
            };
            return Err(self.fail(format!(
                "{whole} is a JSON object ({{ \"version\": …, \"items\": [ … ] }}); this is {what}"
            )));
        }
        Ok(())
    }
}

/// A text cut to `most` characters, with an ellipsis when cut.
pub fn shorten(text: &str, most: usize) -> String {
    match text.char_indices().nth(most) {
        None => text.to_owned(),
        Some((end, _)) => format!("{}…", &text[..end]),
    }
}

struct Node<'w, 'a, 'de> {
    walk: &'w Walk<'a, 'de>,
}

impl<'de> DeserializeSeed<'de> for Node<'_, '_, 'de> {
    type Value = ();

    fn deserialize<D: serde::Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_any(self)
    }
}

impl Node<'_, '_, '_> {
    fn scalar<E: serde::de::Error>(&self, what: &str) -> Result<(), E> {
        self.walk.not_an_object(what)?;
        self.walk.count(false)
    }
}

impl<'de> Visitor<'de> for Node<'_, '_, 'de> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "a JSON value")
    }

    fn visit_bool<E: serde::de::Error>(self, _: bool) -> Result<(), E> {
        self.scalar("true or false")
    }

    fn visit_i64<E: serde::de::Error>(self, _: i64) -> Result<(), E> {
        self.scalar("a number")
    }

    fn visit_u64<E: serde::de::Error>(self, _: u64) -> Result<(), E> {
        self.scalar("a number")
    }

    fn visit_f64<E: serde::de::Error>(self, _: f64) -> Result<(), E> {
        self.scalar("a number")
    }

    fn visit_str<E: serde::de::Error>(self, _: &str) -> Result<(), E> {
        self.scalar("a string")
    }

    fn visit_unit<E: serde::de::Error>(self) -> Result<(), E> {
        self.scalar("null")
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        let walk = self.walk;
        walk.not_an_object("an array")?;
        walk.count(true)?;
        let most = if walk.at_scenario(&["items"]) {
            Some((walk.items, "items"))
        } else if walk.at_scenario(&["suppliers"]) {
            Some((walk.suppliers, "suppliers"))
        } else {
            None
        };
        let mut n = 0;
        loop {
            if let Some((most, what)) = most {
                if n == most {
                    // One more would be over: look before building it.
                    walk.path.borrow_mut().push(Step::Index(n));
                    let more = seq.next_element_seed(Node { walk })?.is_some();
                    walk.path.borrow_mut().pop();
                    if more {
                        return Err(walk.fail(format!(
                            "more than {} {what}; accepted: 1 to {}",
                            Num(most as f64),
                            Num(most as f64)
                        )));
                    }
                    break;
                }
            }
            walk.path.borrow_mut().push(Step::Index(n));
            let more = seq.next_element_seed(Node { walk })?.is_some();
            walk.path.borrow_mut().pop();
            if !more {
                break;
            }
            n += 1;
        }
        Ok(())
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        let walk = self.walk;
        walk.count(true)?;
        // The keys so far, borrowed from the text unless escaped. A scan finds one given
        // twice: at most MAX_KEYS keys, so at most MAX_KEYS² / 2 short comparisons an object,
        // cheaper than hashing each key for a scenario's objects of a few keys.
        let mut keys: Vec<Cow<'de, str>> = Vec::new();
        while let Some(key) = map.next_key_seed(KeySeed)? {
            if keys.len() == MAX_KEYS {
                return Err(walk.fail(format!(
                    "an object with more than {MAX_KEYS} keys; accepted: up to that"
                )));
            }
            if keys.contains(&key) {
                // At the key's own path: the field given twice.
                walk.path.borrow_mut().push(Step::Key(key));
                return Err(walk.fail("given twice; accepted: each key once".into()));
            }
            walk.path.borrow_mut().push(Step::Key(key.clone()));
            map.next_value_seed(Node { walk })?;
            walk.path.borrow_mut().pop();
            keys.push(key);
        }
        Ok(())
    }
}

/// An object's key: borrowed from the text when it holds no escapes.
struct KeySeed;

impl<'de> DeserializeSeed<'de> for KeySeed {
    type Value = Cow<'de, str>;

    fn deserialize<D: serde::Deserializer<'de>>(self, d: D) -> Result<Cow<'de, str>, D::Error> {
        d.deserialize_str(self)
    }
}

impl<'de> Visitor<'de> for KeySeed {
    type Value = Cow<'de, str>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "a key")
    }

    fn visit_borrowed_str<E: serde::de::Error>(self, key: &'de str) -> Result<Cow<'de, str>, E> {
        Ok(Cow::Borrowed(key))
    }

    fn visit_str<E: serde::de::Error>(self, key: &str) -> Result<Cow<'de, str>, E> {
        Ok(Cow::Owned(key.to_owned()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn gate(json: &str) -> Result<(), GateError> {
        check(json, &[], 1_000, 1_000)
    }

    #[test]
    fn a_scenario_passes() {
        let json = include_str!("../../presets/overseas.json");
        assert_eq!(gate(json), Ok(()));
    }

    #[test]
    fn a_key_given_twice_is_refused_with_its_path() {
        let e =
            gate(r#"{"version": 4, "items": [{"name": "a", "demand": {"mean": 1, "mean": 2}}]}"#)
                .unwrap_err();
        assert_eq!(e.path, "items[0].demand.mean");
        assert_eq!(e.message, "given twice; accepted: each key once");
    }

    #[test]
    fn an_empty_key_given_twice_is_named_too() {
        // (Found by the long fuzz run: the document's own empty key had an empty path.)
        let cases = [
            (r##"{"": 1, "": 2}"##, r##""""##),
            (r##"{"version": 4, "items": [{"": {"": 1, "": 2}}]}"##, r##"items[0].""."""##),
        ];
        for (json, path) in cases {
            let e = gate(json).unwrap_err();
            assert_eq!(e.path, path);
            assert_eq!(e.message, "given twice; accepted: each key once");
        }
    }

    #[test]
    fn a_key_given_twice_is_found_when_one_is_escaped() {
        // "\u0061" is "a": read as an owned key, compared with the borrowed one.
        let e = gate(r#"{"version": 4, "items": [{"a": 1, "\u0061": 2}]}"#).unwrap_err();
        assert_eq!(e.path, "items[0].a");
        assert_eq!(e.message, "given twice; accepted: each key once");
        let keys: Vec<String> = (0..MAX_KEYS).map(|k| format!("\"k{k}\": {k}")).collect();
        let full = format!(r#"{{"version": 4, "items": [{{{}}}]}}"#, keys.join(", "));
        assert_eq!(gate(&full), Ok(()));
        let over = full.replacen("{\"k0\"", "{\"k\": 0, \"k0\"", 1);
        assert!(gate(&over).unwrap_err().message.contains("more than 100 keys"));
    }

    #[test]
    fn anything_after_the_document_is_refused() {
        let e = gate(r#"{"version": 4, "items": []} {"#).unwrap_err();
        assert!(e.message.contains("more after the end"), "{e}");
        assert_eq!(gate("{\"version\": 4, \"items\": []}  \n"), Ok(()));
    }

    #[test]
    fn a_scenario_that_is_not_an_object_says_so() {
        for (json, what) in [("[1, 2]", "an array"), ("7", "a number"), ("\"x\"", "a string")] {
            let e = gate(json).unwrap_err();
            assert!(
                e.message.contains("a scenario is a JSON object") && e.message.contains(what),
                "{e}"
            );
        }
        let e = check(r#"{"scenario": [1]}"#, &["scenario"], 10, 10).unwrap_err();
        assert_eq!(e.path, "scenario");
        assert!(e.message.contains("a scenario is a JSON object"), "{e}");
        let e = check("[]", &["scenario"], 10, 10).unwrap_err();
        assert!(e.message.contains("a link's document is a JSON object"), "{e}");
    }

    #[test]
    fn counts_are_refused_before_the_rest_is_read() {
        let items = ["{}"; 4].join(",");
        let e = check(&format!(r#"{{"items": [{items}, ]}}"#), &[], 3, 3).unwrap_err();
        // The fourth item is over the limit: refused, although the text is not even JSON
        // further on.
        assert_eq!(e.path, "items");
        assert_eq!(e.message, "more than 3 items; accepted: 1 to 3");
        let suppliers = [r#"{"name": "s"}"#; 5].join(",");
        let e = check(&format!(r#"{{"suppliers": [{suppliers}]}}"#), &[], 3, 3).unwrap_err();
        assert_eq!(e.message, "more than 3 suppliers; accepted: 1 to 3");
        assert_eq!(check(r#"{"items": [{}, {}, {}]}"#, &[], 3, 3), Ok(()));
    }

    #[test]
    fn many_small_objects_are_refused_by_count_not_bytes() {
        let bomb = format!("{{\"items\": [{}]}}", vec!["{\"\":0}"; MAX_CONTAINERS + 1].join(","));
        let e = check(&bomb, &[], usize::MAX, 1).unwrap_err();
        assert!(e.message.contains("more than 100,000 objects and arrays"), "{e}");
        let deep = format!("{}{}", "[".repeat(40), "]".repeat(40));
        let e = check(&format!("{{\"items\": {deep}}}"), &[], 10, 10).unwrap_err();
        assert!(e.message.contains("nested more than 16 deep"), "{e}");
    }
}
