//! A share link opened in steps, each a part of the work: the page reads the link it was
//! opened with a step per task, giving the browser its thread back in between, so a large
//! catalogue's link does not hold the tab for the whole read (issue 16). The steps are those
//! [`EditorState::from_link`] takes one after the other, so both give the same state.

use std::rc::Rc;

use serde_json::Value;

use super::{shown_item, EditorState};
use crate::core::Building;
use crate::share::link::{self, Gated, Shared, Split, Unpacked};
use crate::share::scenario_file::{finished, read_gated, ScenarioFile};
use crate::ui::document::remember;

/// Items built between two looks at whether a step may go on ([`Opening::step_while`]).
const ITEMS_AT_A_TIME: usize = 20;

/// Where the opening of a link is: the work left, or the state it opens.
pub enum Opening {
    /// The link as given: its version, text and compressed data come next.
    Unpack(String),
    /// Unpacked: the gate next.
    Gate(Unpacked),
    /// Through the gate: the document's fields next.
    Split(Gated),
    /// The scenario as text: read as a JSON value next.
    Read(Split),
    /// The scenario read as a value: read as a scenario file next.
    Typed(Shared),
    /// Read as a file: its values checked, its settings and suppliers built next.
    Check(Opened, Box<ScenarioFile>),
    /// Its items being built, some at each step.
    Build(Opened, Box<ScenarioFile>, Box<Building>),
    /// Done: the state the link opens.
    Open(Box<EditorState>),
}

/// The document being opened, as read, and the item it shows.
pub struct Opened {
    doc: Value,
    text: Rc<str>,
    selected: usize,
}

impl Opening {
    /// The first step of opening `link` (a whole URL, `#…`, or the fragment).
    pub fn new(link: &str) -> Opening {
        Opening::Unpack(link.to_owned())
    }

    /// The next step's work done; `Open` stays as it is.
    #[must_use]
    pub fn step(self) -> Opening {
        self.step_while(|| true)
    }

    /// The next step's work done; a step that builds items builds some, then more while
    /// `more` says so.
    #[must_use]
    pub fn step_while(self, mut more: impl FnMut() -> bool) -> Opening {
        let open = |state: EditorState| Opening::Open(Box::new(state));
        let invalid = |o: Opened, errors| {
            open(EditorState::validated(o.doc, o.selected, "link", Err(errors)))
        };
        match self {
            Opening::Unpack(link) => match link::unpack(&link) {
                Ok(unpacked) => Opening::Gate(unpacked),
                Err(e) => open(EditorState::unreadable(&e)),
            },
            Opening::Gate(unpacked) => match unpacked.gate() {
                Ok(gated) => Opening::Split(gated),
                Err(e) => open(EditorState::unreadable(&e)),
            },
            Opening::Split(gated) => match gated.split() {
                Ok(split) => Opening::Read(split),
                Err(e) => open(EditorState::unreadable(&e)),
            },
            Opening::Read(split) => match split.read() {
                Ok(shared) => Opening::Typed(shared),
                Err(e) => open(EditorState::unreadable(&e)),
            },
            Opening::Typed(Shared { scenario: doc, text, view }) => {
                let Some(selected) = shown_item(&doc, view.item) else {
                    return open(EditorState::without_items("link"));
                };
                let read = read_gated(&text, doc.get("version"));
                let opened = Opened { doc, text: text.into(), selected };
                match read {
                    Ok(file) => Opening::Check(opened, Box::new(file)),
                    Err(errors) => invalid(opened, errors),
                }
            }
            Opening::Check(opened, file) => match file.to_building() {
                Ok(building) => Opening::Build(opened, file, Box::new(building)),
                Err(errors) => invalid(opened, errors),
            },
            Opening::Build(opened, file, mut building) => {
                while !building.build(ITEMS_AT_A_TIME) && more() {}
                if !building.is_built() {
                    return Opening::Build(opened, file, building);
                }
                match finished(*building) {
                    Ok(scenario) => {
                        let scenario = remember(scenario, opened.text);
                        let (doc, selected) = (opened.doc, opened.selected);
                        open(EditorState::validated(doc, selected, "link", Ok((*file, scenario))))
                    }
                    Err(errors) => invalid(opened, errors),
                }
            }
            Opening::Open(state) => Opening::Open(state),
        }
    }
}
