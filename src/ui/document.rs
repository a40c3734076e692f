//! The scenario being edited, as the JSON document of the scenario file (the same format the
//! CLI reads and links will carry), addressed by the paths its validation reports
//! (`items[0].demand.sd`). Editing it never fails: a change is applied to the document and the
//! whole document is validated again; what is wrong comes back with the path of its field.

use std::cell::RefCell;
use std::rc::{Rc, Weak};

use serde_json::Value;

use crate::core::Scenario;
use crate::share::scenario_file::{read_gated, read_written, FileError, ScenarioFile};

pub use crate::share::json_path::{get, remove, set};

/// The document as a scenario, or everything wrong with it.
///
/// # Errors
/// Every problem, each with the path of its field.
pub fn validate(doc: &Value) -> Result<(ScenarioFile, Scenario), Vec<FileError>> {
    let file = read_written(&doc.to_string(), doc)?;
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
    let file = read_written(&text, doc)?;
    remembered(file, text)
}

/// [`validate_opened`] for a document just read from `text`, which passed the gate
/// (`share::gate`) on the way: the text is read as the file, not written out from the
/// document and walked through the gate again.
///
/// # Errors
/// As [`validate`].
pub fn validate_gated(
    doc: &Value,
    text: Rc<str>,
) -> Result<(ScenarioFile, Rc<Scenario>), Vec<FileError>> {
    let file = read_gated(&text, doc.get("version"))?;
    remembered(file, text)
}

/// The file's scenario, with the text it was read from remembered for the workers.
fn remembered(
    file: ScenarioFile,
    text: Rc<str>,
) -> Result<(ScenarioFile, Rc<Scenario>), Vec<FileError>> {
    let scenario = remember(file.to_scenario()?, text);
    Ok((file, scenario))
}

/// A scenario the page shows, with the text of the file it was built from remembered for the
/// workers ([`source_of`]).
pub fn remember(scenario: Scenario, text: Rc<str>) -> Rc<Scenario> {
    let scenario = Rc::new(scenario);
    SOURCES.with(|sources| {
        let mut sources = sources.borrow_mut();
        sources.retain(|(s, _)| s.strong_count() > 0);
        sources.push((Rc::downgrade(&scenario), text));
    });
    scenario
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
