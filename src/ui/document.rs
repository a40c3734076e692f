//! The scenario being edited, as the JSON document of the scenario file (the same format the
//! CLI reads and links will carry), addressed by the paths its validation reports
//! (`items[0].demand.sd`). Editing it never fails: a change is applied to the document and the
//! whole document is validated again; what is wrong comes back with the path of its field.

use std::cell::RefCell;
use std::rc::{Rc, Weak};

use serde_json::{Map, Value};

use crate::core::Scenario;
use crate::share::scenario_file::{read_file, FileError, ScenarioFile};

/// One step of a path: an object key or an array index.
#[derive(Clone, Debug, PartialEq, Eq)]
enum Step {
    Key(String),
    Index(usize),
}

/// `items[0].demand.sd` → Key(items), Index(0), Key(demand), Key(sd).
fn steps(path: &str) -> Vec<Step> {
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
        let Some(parent) = parents.iter().try_fold(&mut *doc, |v, step| match step {
            Step::Key(k) => v.get_mut(k.as_str()),
            Step::Index(i) => v.get_mut(*i),
        }) else {
            return;
        };
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

/// The document as a scenario, or everything wrong with it.
///
/// # Errors
/// Every problem, each with the path of its field.
pub fn validate(doc: &Value) -> Result<(ScenarioFile, Scenario), Vec<FileError>> {
    let file = read_file(&doc.to_string())?;
    let scenario = file.to_scenario()?;
    Ok((file, scenario))
}

/// Validates the document into the scenario the page shows, remembering the text it was read
/// from: what the simulation's workers are sent ([`source_of`]), so they validate exactly
/// the same file (and the page needs no second writer of scenario files).
///
/// # Errors
/// As [`validate`].
pub fn validate_shown(doc: &Value) -> Result<Rc<Scenario>, Vec<FileError>> {
    validate_opened(doc).map(|(_, scenario)| scenario)
}

/// [`validate_shown`], with the file as read (a link or file opened looks at what it
/// declares without reading it a second time).
///
/// # Errors
/// As [`validate`].
pub fn validate_opened(doc: &Value) -> Result<(ScenarioFile, Rc<Scenario>), Vec<FileError>> {
    let text: Rc<str> = doc.to_string().into();
    let file = read_file(&text)?;
    let scenario = Rc::new(file.to_scenario()?);
    SOURCES.with(|sources| {
        let mut sources = sources.borrow_mut();
        sources.retain(|(s, _)| s.strong_count() > 0);
        sources.push((Rc::downgrade(&scenario), text));
    });
    Ok((file, scenario))
}

/// The scenario file a scenario from [`validate_shown`] was read from.
pub fn source_of(scenario: &Rc<Scenario>) -> Option<Rc<str>> {
    SOURCES.with(|sources| {
        let target = Rc::downgrade(scenario);
        sources.borrow().iter().find(|(s, _)| s.ptr_eq(&target)).map(|(_, text)| text.clone())
    })
}

thread_local! {
    /// The text of each scenario the page holds (dropped with the scenario).
    static SOURCES: RefCell<Vec<(Weak<Scenario>, Rc<str>)>> = const { RefCell::new(Vec::new()) };
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn paths_address_what_validation_reports() {
        let mut doc = json!({ "items": [ { "demand": { "mean": 20 } } ] });
        assert_eq!(get(&doc, "items[0].demand.mean"), Some(&json!(20)));
        set(&mut doc, "items[0].demand.sd", json!(4.5));
        set(&mut doc, "items[0].perishability.shelf_life_days", json!(5));
        assert_eq!(doc["items"][0]["demand"]["sd"], json!(4.5));
        assert_eq!(doc["items"][0]["perishability"], json!({ "shelf_life_days": 5 }));
        // Setting past the end of a list does nothing rather than invent an item.
        set(&mut doc, "items[3].name", json!("x"));
        assert_eq!(doc["items"].as_array().unwrap().len(), 1);
        // Removing the last field of an optional section removes the section.
        remove(&mut doc, "items[0].perishability.shelf_life_days");
        assert!(doc["items"][0].get("perishability").is_none());
        remove(&mut doc, "items[0].demand.sd");
        assert_eq!(doc["items"][0]["demand"], json!({ "mean": 20 }));
        assert_eq!(get(&doc, "items[0].nothing.here"), None);
    }
}
