//! Paths into a JSON document, as validation reports them (`items[0].demand.sd`): read, set
//! and removed by the page's editor (`ui::document`), and walked by the file reader's
//! piece-by-piece pass (`scenario_file::pieces`). One parser for every place that follows a
//! path.

use serde_json::{Map, Value};

/// One step of a path: an object key or an array index.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Step {
    Key(String),
    Index(usize),
}

/// `items[0].demand.sd` → Key(items), Index(0), Key(demand), Key(sd).
pub fn steps(path: &str) -> Vec<Step> {
    let mut out = Vec::new();
    for part in path.split('.').filter(|p| !p.is_empty()) {
        let (key, rest) = part.split_once('[').map_or((part, ""), |(k, r)| (k, r));
        if !key.is_empty() {
            out.push(Step::Key(key.to_owned()));
        }
        for index in rest.split('[') {
            if let Ok(n) = index.trim_end_matches(']').parse::<usize>() {
                out.push(Step::Index(n));
            }
        }
    }
    out
}

/// The value at `path`, if there is one.
pub fn get<'a>(doc: &'a Value, path: &str) -> Option<&'a Value> {
    steps(path).iter().try_fold(doc, |v, step| match step {
        Step::Key(k) => v.get(k.as_str()),
        Step::Index(i) => v.get(*i),
    })
}

/// The value at `path` to change, if there is one.
pub fn get_mut<'a>(doc: &'a mut Value, path: &str) -> Option<&'a mut Value> {
    at_steps(doc, &steps(path))
}

/// The value at a path already split into steps, to change.
pub fn at_steps<'a>(doc: &'a mut Value, steps: &[Step]) -> Option<&'a mut Value> {
    steps.iter().try_fold(doc, |v, step| match step {
        Step::Key(k) => v.get_mut(k.as_str()),
        Step::Index(i) => v.get_mut(*i),
    })
}

/// Sets the value at `path`, creating the objects on the way.
pub fn set(doc: &mut Value, path: &str, value: Value) {
    let steps = steps(path);
    let Some((last, parents)) = steps.split_last() else {
        *doc = value;
        return;
    };
    let mut v = doc;
    for step in parents {
        v = match step {
            Step::Key(k) => {
                if !v.is_object() {
                    *v = Value::Object(Map::new());
                }
                v.as_object_mut()
                    .map(|o| o.entry(k.clone()).or_insert_with(|| Value::Object(Map::new())))
                    .expect("made an object above")
            }
            Step::Index(i) => match v.get_mut(*i) {
                Some(next) => next,
                None => return,
            },
        };
    }
    match last {
        Step::Key(k) => {
            if !v.is_object() {
                *v = Value::Object(Map::new());
            }
            if let Some(o) = v.as_object_mut() {
                o.insert(k.clone(), value);
            }
        }
        Step::Index(i) => {
            if let Some(slot) = v.get_mut(*i) {
                *slot = value;
            }
        }
    }
}

/// Removes the value at `path`, then any object left empty above it (an optional section
/// with nothing in it is the same as none).
pub fn remove(doc: &mut Value, path: &str) {
    let steps = steps(path);
    for depth in (1..=steps.len()).rev() {
        let (parents, last) = (&steps[..depth - 1], &steps[depth - 1]);
        let Some(parent) = at_steps(doc, parents) else { return };
        let emptied = match (parent, last) {
            (Value::Object(o), Step::Key(k)) => {
                let is_leaf = depth == steps.len();
                if is_leaf
                    || o.get(k.as_str()).is_some_and(|v| v.as_object().is_some_and(Map::is_empty))
                {
                    o.remove(k.as_str());
                }
                o.is_empty()
            }
            (Value::Array(a), Step::Index(i)) if depth == steps.len() && *i < a.len() => {
                a.remove(*i);
                false
            }
            _ => false,
        };
        if !emptied || depth == 1 {
            return;
        }
    }
}
