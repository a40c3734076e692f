//! Every type and shape problem of a file that does not parse, not only the first: the file
//! is read piece by piece (its top level, the settings, each supplier, each item), and when
//! a piece fails, the value at fault is taken out and the piece read again, until it reads
//! or nothing more can be taken out.

use serde::de::DeserializeOwned;
use serde_json::Value;

use crate::share::json_path::{self, Step};

use super::{FileError, ItemFile, Problem, SettingsFile, SupplierFile};

/// The most problems one piece reports (each one read again costs a parse of the piece).
const MOST_PER_PIECE: usize = 20;

/// Every type and shape problem of the document `json` (already known to be JSON of a
/// version this build reads), each at its JSON path; and whether reading stopped early, past
/// [`super::MAX_PROBLEMS`] of them.
pub(super) fn every_problem(json: &str) -> (Vec<FileError>, bool) {
    let Ok(doc) = serde_json::from_str::<Value>(json) else { return (Vec::new(), false) };
    let mut errors = Vec::new();
    // Reading again is bounded by the document's size, not by its number of faults: a piece
    // read again costs its length, and all of it together at most a few times the document.
    let mut budget = 4 * json.len() + (64 << 10);
    // The top level: its own keys, with the pieces taken as they are.
    #[derive(serde::Deserialize)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code)]
    struct Top {
        version: Value,
        #[serde(default)]
        settings: Value,
        #[serde(default)]
        suppliers: Option<Vec<Value>>,
        items: Vec<Value>,
    }
    read::<Top>(doc.clone(), "", &mut errors, &mut budget);
    if let Some(settings) = doc.get("settings") {
        read::<SettingsFile>(settings.clone(), "settings", &mut errors, &mut budget);
    }
    for (name, one) in [("suppliers", true), ("items", false)] {
        let Some(list) = doc.get(name).and_then(Value::as_array) else { continue };
        for (k, piece) in list.iter().enumerate() {
            if errors.len() > super::MAX_PROBLEMS || budget == 0 {
                // Enough to list, or enough work: reading on would be work nobody reads.
                return (errors, true);
            }
            let at = format!("{name}[{k}]");
            if one {
                read::<SupplierFile>(piece.clone(), &at, &mut errors, &mut budget);
            } else {
                read::<ItemFile>(piece.clone(), &at, &mut errors, &mut budget);
            }
        }
    }
    (errors, false)
}

/// Reads one piece, recording its problems under `at`, while `budget` (bytes read) lasts.
fn read<T: DeserializeOwned>(
    mut value: Value,
    at: &str,
    errors: &mut Vec<FileError>,
    budget: &mut usize,
) {
    let mut taken_out: Vec<String> = Vec::new();
    for _ in 0..MOST_PER_PIECE {
        // Read from text, as the whole file is: the reader's code is then the one the page
        // already has, rather than a second one for JSON values.
        let text = value.to_string();
        if *budget == 0 {
            return;
        }
        *budget = budget.saturating_sub(text.len());
        let de = &mut serde_json::Deserializer::from_str(&text);
        let Err(e) = serde_path_to_error::deserialize::<_, T>(de) else { return };
        let inner = e.inner().to_string();
        let path = e.path().to_string();
        let mut path = if path == "." { String::new() } else { path };
        // A tagged part (a distribution, a policy) is read whole, so serde names the part,
        // not its field: find the field that holds the value the message quotes.
        if let Some(key) = field_quoted(&value, &path, &inner) {
            path = if path.is_empty() { key } else { format!("{path}.{key}") };
        }
        // A field missing because it was taken out was reported as what was wrong with it.
        if inner.starts_with("missing field")
            && taken_out.iter().any(|t| inner.contains(&format!("`{}`", last_key(t))))
        {
            return;
        }
        let full = match (at.is_empty(), path.is_empty()) {
            (true, _) => path.clone(),
            (false, true) => at.to_owned(),
            (false, false) => format!("{at}.{path}"),
        };
        errors.push(FileError { path: full, problem: Problem::Syntax(inner) });
        if path.is_empty() || !take_out(&mut value, &path) {
            return;
        }
        taken_out.push(path);
    }
}

/// The last key of a path: `demand.sd` → `sd`, `policies[2]` → `policies`.
fn last_key(path: &str) -> &str {
    let last = path.rsplit('.').next().unwrap_or(path);
    last.split('[').next().unwrap_or(last)
}

/// Takes the value at `path` (keys and `[n]` indices) out of `doc`, leaving its parent as
/// it is; false when there is none.
fn take_out(doc: &mut Value, path: &str) -> bool {
    let steps = json_path::steps(path);
    let Some((last, parents)) = steps.split_last() else { return false };
    match (json_path::at_steps(doc, parents), last) {
        (Some(Value::Object(o)), Step::Key(key)) => o.remove(key.as_str()).is_some(),
        (Some(Value::Array(a)), Step::Index(i)) if *i < a.len() => {
            a.remove(*i);
            true
        }
        _ => false,
    }
}

/// How serde words a JSON value in "invalid type: …, expected …".
fn serde_words(v: &Value) -> String {
    match v {
        Value::String(s) => format!("string {s:?}"),
        Value::Number(n) if n.is_f64() => format!("floating point `{n}`"),
        Value::Number(n) => format!("integer `{n}`"),
        Value::Bool(b) => format!("boolean `{b}`"),
        Value::Null => "null".into(),
        Value::Array(_) => "sequence".into(),
        Value::Object(_) => "map".into(),
    }
}

/// The one key of the object at `path` in `piece` whose value a type error's `message`
/// quotes ("invalid type: string \"5\", expected f64"), when the error names the object.
fn field_quoted(piece: &Value, path: &str, message: &str) -> Option<String> {
    let quoted = message.strip_prefix("invalid type: ")?.split(", expected").next()?;
    let at = json_path::get(piece, path)?;
    let mut found = at.as_object()?.iter().filter(|(_, v)| serde_words(v) == quoted);
    let (key, _) = found.next()?;
    found.next().is_none().then(|| key.clone())
}
