//! The page's state: the scenario document being edited, the text typed into fields that is
//! not (yet) a valid value, every problem with its field's path, the last valid scenario
//! (whose results stay on screen, marked stale, while anything is wrong) and the item shown.
//! A reducer: every change is an [`Action`].

mod history;
mod opening;

pub use history::{History, Snapshot};
pub use opening::Opening;

use std::collections::BTreeMap;
use std::rc::Rc;

use serde_json::{json, Value};
use yew::Reducible;

use crate::core::input::{Field, Num};
use crate::core::Scenario;
use crate::share::scenario_file::{moved_since, FileError, ScenarioFile};
use crate::ui::document::{get, remove, set, validate_gated, validate_opened, validate_shown};
use crate::ui::fields::{FieldDef, Kind, RowList};
use crate::ui::presets::PRESETS;

/// What a person can do on the page.
#[derive(Clone, Debug, PartialEq)]
pub enum Action {
    /// A field's text changed; `path` is the field's full path in the document.
    Edit {
        path: String,
        def: FieldDef,
        text: String,
    },
    /// An item is added (a copy of the default item) and shown.
    AddItem,
    DuplicateItem(usize),
    RemoveItem(usize),
    /// Moves an item one place up (`true`) or down.
    MoveItem(usize, bool),
    SelectItem(usize),
    AddSupplier,
    RemoveSupplier(usize),
    /// Adds a row to the list at `path` (a scheduled outage, a shock, an order size).
    AddRow {
        path: String,
        list: RowList,
    },
    /// Removes row `index` of the list at `path`, unless the list needs it.
    RemoveRow {
        path: String,
        list: RowList,
        index: usize,
    },
    /// Adds a policy of this kind (`"jit"`, `"jic"`, `"base_stock"`, …) to an item.
    AddPolicy(usize, &'static str),
    RemovePolicy(usize, usize),
    /// Replaces the whole scenario with a preset's.
    LoadPreset(usize),
    /// Replaces the whole scenario with a file's (its text), or says why it cannot.
    OpenFile(String),
    /// Replaces the items with those of a CSV item list (its text), or says why it cannot.
    ImportItems(String),
    /// Replaces the value at a path (an estimated distribution applied).
    Replace {
        path: String,
        value: Value,
    },
    /// Removes the value at a path (a key the format does not know, from a link or file).
    Remove(String),
    /// Replaces the whole scenario with a link's, read already (Back or Forward to another
    /// scenario: the page reads its link in [`Opening`]'s steps, or the default scenario for
    /// an address without one).
    Opened(Rc<EditorState>),
    /// Takes back the last change (up to [`history::DEPTH`]).
    Undo,
    /// Makes the last change undone again.
    Redo,
}

/// The editor and the scenario it last described validly.
#[derive(Clone, Debug)]
pub struct EditorState {
    /// The scenario file as a JSON document.
    pub doc: Value,
    /// Text typed into a field that the document does not hold as typed (not a number yet,
    /// or emptied), by full path, with its problem.
    typed: BTreeMap<String, (String, Option<String>)>,
    /// The document's problems, each with its field's path.
    pub errors: Vec<FileError>,
    /// The last valid scenario.
    pub scenario: Rc<Scenario>,
    /// The item shown.
    pub selected: usize,
    /// The preset last loaded, if the scenario started from one.
    pub preset: Option<usize>,
    /// Why the link or file last opened could not be used as it was, until a preset is
    /// loaded.
    pub link_problem: Option<String>,
    /// What the link or file last opened now means otherwise than when it was written (an
    /// older format version), until a preset is loaded.
    pub link_note: Option<String>,
    /// How many actions have been applied: 0 while the page shows what it opened with.
    pub revision: u64,
    /// The changes that can be undone and redone.
    pub history: History,
    /// How many times a whole scenario replaced the one on screen (a preset, a file, an item
    /// list): each is a step of the browser's history, so Back returns to the one before.
    pub opened: u64,
    /// The last action replaced the scenario on screen (the page says how to get it back).
    pub replaced: bool,
    /// The scenario on screen has never been valid (a link or file opened with problems):
    /// `scenario` is another's, whose results are not shown.
    pub no_results: bool,
}

/// Every component the page passes the state to compares it with the one it last rendered
/// (yew compares props, and `UseReducerHandle` compares the states themselves, not their
/// `Rc`s) on every render of the app. Compared field by field, a 1,000-item document was
/// walked once per component and render (60 ms of a link's opening). The same state is the
/// same object; a different one almost always has another revision, the cheap field compared
/// first; only then the document.
impl PartialEq for EditorState {
    fn eq(&self, other: &Self) -> bool {
        // Every field, so that a new one cannot be left out of the comparison.
        let EditorState {
            doc,
            typed,
            errors,
            scenario,
            selected,
            preset,
            link_problem,
            link_note,
            revision,
            history,
            opened,
            replaced,
            no_results,
        } = self;
        std::ptr::eq(self, other)
            || (*revision == other.revision
                && *opened == other.opened
                && *selected == other.selected
                && *preset == other.preset
                && *replaced == other.replaced
                && *no_results == other.no_results
                && *link_problem == other.link_problem
                && *link_note == other.link_note
                && *errors == other.errors
                && *typed == other.typed
                && *history == other.history
                && (Rc::ptr_eq(scenario, &other.scenario) || *scenario == other.scenario)
                && *doc == other.doc)
    }
}

impl Default for EditorState {
    /// The first preset.
    fn default() -> Self {
        let doc: Value = serde_json::from_str(PRESETS[0].json).expect("presets are JSON");
        let scenario = validate_shown(&doc).expect("presets are valid");
        EditorState { preset: Some(0), ..EditorState::showing(doc, scenario) }
    }
}

impl EditorState {
    /// A valid document and its scenario, as first opened: no edits, notes or problems.
    fn showing(doc: Value, scenario: Rc<Scenario>) -> EditorState {
        EditorState {
            doc,
            typed: BTreeMap::new(),
            errors: Vec::new(),
            scenario,
            selected: 0,
            preset: None,
            link_problem: None,
            link_note: None,
            revision: 0,
            history: History::default(),
            opened: 0,
            replaced: false,
            no_results: false,
        }
    }

    /// The state a share link opens: its scenario and item when they are valid; its scenario
    /// with every problem marked (and the default scenario's results until they are fixed)
    /// when it has problems; the default scenario when the link cannot be read at all. Any
    /// problem is said in `link_problem`. ([`Opening`]'s steps, one after the other.)
    pub fn from_link(link: &str) -> EditorState {
        let mut opening = Opening::new(link);
        loop {
            opening = match opening {
                Opening::Open(state) => return *state,
                reading => reading.step(),
            }
        }
    }

    /// The default scenario, with what made a link unreadable.
    fn unreadable(e: &crate::share::link::LinkError) -> EditorState {
        EditorState {
            link_problem: Some(format!(
                "This link could not be opened: {e}. Showing the default scenario instead."
            )),
            ..EditorState::default()
        }
    }

    /// The state a scenario document opens (from a link or a file, as `source` says): itself
    /// and item `item` when valid; itself with every problem marked (and the default
    /// scenario's results until they are fixed) when not; the default when it has no items.
    ///
    /// `text`, when given, is the document's own text, through the gate (`share::gate`) on
    /// the way to `doc`: the file is read from it rather than written out and gated again.
    fn from_document(doc: Value, text: Option<Rc<str>>, item: usize, source: &str) -> EditorState {
        let Some(selected) = shown_item(&doc, item) else {
            return EditorState::without_items(source);
        };
        let validated = match text {
            Some(text) => validate_gated(&doc, text),
            None => validate_opened(&doc),
        };
        EditorState::validated(doc, selected, source, validated)
    }

    /// The default scenario, saying the one opened from `source` had no items.
    fn without_items(source: &str) -> EditorState {
        EditorState {
            link_problem: Some(format!(
                "This {source}'s scenario has no items. Showing the default scenario instead."
            )),
            ..EditorState::default()
        }
    }

    /// The state of a document opened from `source`, showing item `selected`, as its
    /// validation found it.
    fn validated(
        doc: Value,
        selected: usize,
        source: &str,
        validated: Result<(ScenarioFile, Rc<Scenario>), Vec<FileError>>,
    ) -> EditorState {
        match validated {
            Ok((file, scenario)) => {
                let moved = moved_since(&file, &scenario);
                let link_note = (!moved.is_empty()).then(|| {
                    format!(
                        "This {source} was written before jitjic's accounting was corrected \
                         (format version 4), so its numbers differ from those it showed then: \
                         {}. See docs/links.md.",
                        moved.join("; ")
                    )
                });
                // (Not the default scenario: a valid one needs no other, and building it is
                // work on the page's thread while a link opens.)
                EditorState { selected, link_note, ..EditorState::showing(doc, scenario) }
            }
            Err(errors) => {
                let n = errors.len();
                // Past the listed ones, the last line counts the rest (share::scenario_file).
                let count = if n > crate::share::scenario_file::MAX_PROBLEMS {
                    format!(
                        "more than {} problems (the first {0} are marked below)",
                        crate::share::scenario_file::MAX_PROBLEMS
                    )
                } else {
                    format!("{n} problem{}, marked below", if n == 1 { "" } else { "s" })
                };
                EditorState {
                    link_problem: Some(format!(
                        "This {source}'s scenario has {count}; its results appear when they \
                         are fixed."
                    )),
                    doc,
                    errors,
                    selected,
                    preset: None,
                    no_results: true,
                    ..EditorState::default()
                }
            }
        }
    }

    /// The share link's fragment (without `#`) for what is on the page.
    pub fn fragment(&self) -> String {
        crate::share::link::encode(&self.doc, &crate::share::link::View { item: self.selected })
    }
}

/// The item a document opens on: `item`, or its last when it has fewer; `None` when it has
/// no items.
fn shown_item(doc: &Value, item: usize) -> Option<usize> {
    let items = doc.get("items").and_then(Value::as_array).map_or(0, Vec::len);
    items.checked_sub(1).map(|last| item.min(last))
}

/// A number as a field shows it: no thousands separators, no trailing zeros.
fn number_text(x: f64) -> String {
    format!("{x}")
}

impl EditorState {
    /// The text a field shows: what was typed, else the document's value.
    pub fn text(&self, path: &str) -> String {
        if let Some((text, _)) = self.typed.get(path) {
            return text.clone();
        }
        match get(&self.doc, path) {
            Some(Value::Number(n)) => n.as_f64().map(number_text).unwrap_or_default(),
            Some(Value::String(s)) => s.clone(),
            Some(Value::Bool(b)) => b.to_string(),
            Some(Value::Array(items)) => items
                .iter()
                .map(|v| v.as_f64().map(number_text).unwrap_or_else(|| v.to_string()))
                .collect::<Vec<_>>()
                .join(", "),
            _ => String::new(),
        }
    }

    /// The message to show under a field: "Mean daily demand: -3 is out of range; accepted:
    /// from 0 to 1,000,000 units/day."
    pub fn error(&self, path: &str, label: &str) -> Option<String> {
        if let Some((_, Some(problem))) = self.typed.get(path) {
            return Some(format!("{label}: {problem}."));
        }
        self.errors
            .iter()
            .find(|e| e.path == path)
            // A rule across fields (a lead time's min above its max) is said on each of them.
            .or_else(|| self.errors.iter().find(|e| across(&e.path, path)))
            .map(|e| format!("{label}: {}.", crate::ui::problems::plain(&e.problem.to_string())))
    }

    /// Every problem of the document, text typed that is not valid yet first.
    pub fn problems(&self) -> Vec<FileError> {
        let typed = self.typed.iter().filter_map(|(path, (_, problem))| {
            problem.as_ref().map(|p| FileError {
                path: path.clone(),
                problem: crate::share::scenario_file::Problem::Invalid(p.clone()),
            })
        });
        let typed: Vec<FileError> = typed.collect();
        let rest = self.errors.iter().filter(|e| !typed.iter().any(|t| t.path == e.path)).cloned();
        typed.iter().cloned().chain(rest).collect()
    }

    /// True when the results on screen are from an earlier, valid scenario.
    pub fn is_stale(&self) -> bool {
        !self.errors.is_empty() || self.typed.values().any(|(_, problem)| problem.is_some())
    }

    /// The items in the document.
    pub fn items(&self) -> &[Value] {
        self.doc.get("items").and_then(Value::as_array).map_or(&[], Vec::as_slice)
    }

    /// The suppliers in the document.
    pub fn suppliers(&self) -> &[Value] {
        self.doc.get("suppliers").and_then(Value::as_array).map_or(&[], Vec::as_slice)
    }

    /// The rows of the list at `path` (none when it is absent).
    pub fn rows(&self, path: &str) -> &[Value] {
        get(&self.doc, path).and_then(Value::as_array).map_or(&[], Vec::as_slice)
    }

    /// Whether the document has anything at `path` (an optional part switched on).
    pub fn has(&self, path: &str) -> bool {
        get(&self.doc, path).is_some()
    }

    /// An item's name as shown: its own, else "Item n".
    pub fn item_name(&self, index: usize) -> String {
        self.items()
            .get(index)
            .and_then(|i| i.get("name"))
            .and_then(Value::as_str)
            .map_or_else(|| format!("Item {}", index + 1), str::to_owned)
    }

    /// Problems no field on screen shows (rules across fields, whole sections).
    pub fn general_errors<'a>(
        &'a self,
        shown: &'a [String],
    ) -> impl Iterator<Item = &'a FileError> {
        self.errors
            .iter()
            .filter(move |e| !shown.iter().any(|s| *s == e.path || across(&e.path, s)))
    }

    /// Applies one action.
    pub fn apply(mut self, action: Action) -> Self {
        self.revision += 1;
        if matches!(action, Action::LoadPreset(_)) {
            self.link_problem = None;
            self.link_note = None;
        }
        match action {
            Action::ImportItems(text) => match crate::share::items_csv::read_items(&text) {
                Ok(items) => {
                    let revision = self.revision;
                    let mut doc = self.doc.clone();
                    set(&mut doc, "items", Value::Array(items));
                    Self::current_version(&mut doc);
                    self = EditorState::from_document(doc, None, 0, "item list");
                    self.revision = revision;
                }
                Err(errors) => {
                    let shown: Vec<String> =
                        errors.iter().take(5).map(ToString::to_string).collect();
                    let more = errors.len().saturating_sub(shown.len());
                    self.link_problem = Some(format!(
                        "This item list cannot be imported: {}{}. The scenario on screen is unchanged.",
                        shown.join("; "),
                        if more > 0 { format!("; and {more} more") } else { String::new() }
                    ));
                }
            },
            Action::OpenFile(text) => {
                let revision = self.revision;
                use crate::share::scenario_file::{MAX_ITEMS, MAX_SUPPLIERS};
                self = match crate::share::gate::read_document(&text, MAX_ITEMS, MAX_SUPPLIERS) {
                    Ok((doc, gated)) => {
                        EditorState::from_document(doc, Some(gated.into()), 0, "file")
                    }
                    Err(e) => EditorState {
                        link_problem: Some(format!(
                            "This file is not a scenario: {e}. The scenario on screen is \
                             unchanged."
                        )),
                        ..self
                    },
                };
                self.revision = revision;
            }
            Action::Edit { path, def, text } => self.edit(path, &def, text),
            Action::AddItem => {
                let n = self.items().len();
                if n < crate::share::scenario_file::MAX_ITEMS {
                    let item = json!({
                        "name": format!("Item {}", n + 1),
                        "demand": { "distribution": "normal", "mean": 20, "sd": 6 },
                        "lead_time": { "distribution": "fixed", "days": 7 }
                    });
                    self.with_items(|items| items.push(item));
                    self.selected = n;
                }
            }
            Action::DuplicateItem(i) => {
                if let Some(mut copy) = self.items().get(i).cloned() {
                    let name = format!("{} (copy)", self.item_name(i));
                    set(&mut copy, "name", Value::String(name));
                    self.with_items(|items| items.insert(i + 1, copy));
                    self.selected = i + 1;
                }
            }
            Action::RemoveItem(i) => {
                if self.items().len() > 1 && i < self.items().len() {
                    self.with_items(|items| {
                        items.remove(i);
                    });
                    self.selected = self.selected.min(self.items().len() - 1);
                }
            }
            Action::MoveItem(i, up) => {
                let n = self.items().len();
                let j = if up { i.checked_sub(1) } else { (i + 1 < n).then_some(i + 1) };
                if let Some(j) = j.filter(|_| i < n) {
                    self.with_items(|items| items.swap(i, j));
                    if self.selected == i {
                        self.selected = j;
                    } else if self.selected == j {
                        self.selected = i;
                    }
                }
            }
            Action::SelectItem(i) => self.selected = i.min(self.items().len().saturating_sub(1)),
            Action::AddSupplier => {
                let n = self.suppliers().len();
                let names: Vec<String> = self
                    .suppliers()
                    .iter()
                    .filter_map(|s| s.get("name").and_then(Value::as_str).map(str::to_owned))
                    .collect();
                let name = (n + 1..).map(|k| format!("Supplier {k}")).find(|c| !names.contains(c));
                let supplier = json!({
                    "name": name.unwrap_or_default(),
                    "random_outages": { "mean_up_days": 60, "mean_down_days": 3 }
                });
                self.structural(|doc| {
                    match doc.get_mut("suppliers").and_then(Value::as_array_mut) {
                        Some(list) => list.push(supplier),
                        None => set(doc, "suppliers", Value::Array(vec![supplier])),
                    }
                });
            }
            Action::RemoveSupplier(k) => {
                let name = self.suppliers().get(k).and_then(|s| s.get("name")).cloned();
                self.structural(|doc| {
                    if let Some(list) = doc.get_mut("suppliers").and_then(Value::as_array_mut) {
                        if k < list.len() {
                            list.remove(k);
                        }
                    }
                    // Items (and backups) that named it no longer have a supplier.
                    if let Some(items) = doc.get_mut("items").and_then(Value::as_array_mut) {
                        for item in items {
                            for at in ["supplier", "backup.supplier"] {
                                if name.is_some() && get(item, at) == name.as_ref() {
                                    remove(item, at);
                                }
                            }
                        }
                    }
                });
            }
            Action::AddRow { path, list } => {
                let mut rows = self.rows(&path).to_vec();
                if rows.len() < list.max_rows() {
                    // A price break starts below the item's list price.
                    let unit_cost = path
                        .rsplit_once('.')
                        .and_then(|(owner, _)| get(&self.doc, &format!("{owner}.costs.unit_cost")))
                        .and_then(Value::as_f64)
                        .unwrap_or(Field::UnitCost.spec().default);
                    rows.push(list.new_row(&rows, unit_cost));
                    self.structural(|doc| set(doc, &path, Value::Array(rows)));
                }
            }
            Action::RemoveRow { path, list, index } => {
                let mut rows = self.rows(&path).to_vec();
                if index < rows.len() && rows.len() > list.min_rows() {
                    rows.remove(index);
                    self.structural(|doc| {
                        if rows.is_empty() {
                            remove(doc, &path);
                        } else {
                            set(doc, &path, Value::Array(rows));
                        }
                    });
                }
            }
            Action::AddPolicy(i, kind) => {
                let policy = default_policy(kind);
                let path = format!("items[{i}].policies");
                self.structural(|doc| {
                    let mut list =
                        get(doc, &path).and_then(Value::as_array).cloned().unwrap_or_else(|| {
                            // An item without policies compares JIT and JIC 5 days: keep them.
                            vec![
                                json!({ "policy": "jit" }),
                                json!({ "policy": "jic", "buffer_days": 5 }),
                            ]
                        });
                    list.push(policy);
                    set(doc, &path, Value::Array(list));
                });
            }
            Action::RemovePolicy(i, j) => {
                let path = format!("items[{i}].policies");
                self.structural(|doc| {
                    if let Some(list) = get(doc, &path).and_then(Value::as_array).cloned() {
                        if list.len() > 1 && j < list.len() {
                            let mut list = list;
                            list.remove(j);
                            set(doc, &path, Value::Array(list));
                        }
                    }
                });
            }
            Action::Replace { path, value } => self.structural(|doc| set(doc, &path, value)),
            Action::Remove(path) => self.structural(|doc| remove(doc, &path)),
            Action::Opened(opened) => {
                let revision = self.revision;
                self = Rc::try_unwrap(opened).unwrap_or_else(|shared| (*shared).clone());
                self.revision = revision;
            }
            // Steps of the history: see `act`.
            Action::Undo | Action::Redo => {}
            Action::LoadPreset(k) => {
                if let Some(p) = PRESETS.get(k) {
                    if let Ok(doc) = serde_json::from_str(p.json) {
                        self.structural(|d| *d = doc);
                        self.selected = 0;
                        self.preset = Some(k);
                    }
                }
            }
        }
        self
    }

    fn with_items(&mut self, change: impl FnOnce(&mut Vec<Value>)) {
        self.structural(|doc| {
            if let Some(items) = doc.get_mut("items").and_then(Value::as_array_mut) {
                change(items);
            }
        });
    }

    /// A change to the document's shape: typed text no longer lines up with its paths and is
    /// dropped (the document keeps each field's last valid value).
    fn structural(&mut self, change: impl FnOnce(&mut Value)) {
        change(&mut self.doc);
        Self::current_version(&mut self.doc);
        self.typed.clear();
        self.revalidate();
    }

    /// An edited document is written in the current format version: a field the page offers
    /// may be newer than the version the document was opened with (every older file's
    /// fields mean the same in the current version).
    fn current_version(doc: &mut Value) {
        let version = crate::share::scenario_file::VERSION;
        let older =
            doc.get("version").and_then(Value::as_u64).is_some_and(|v| v < u64::from(version));
        if older {
            set(doc, "version", json!(version));
        }
    }

    fn revalidate(&mut self) {
        match validate_shown(&self.doc) {
            Ok(scenario) => {
                self.errors.clear();
                if self.typed.values().all(|(_, p)| p.is_none()) {
                    self.scenario = scenario;
                    self.no_results = false;
                }
            }
            Err(errors) => self.errors = errors,
        }
    }

    fn edit(&mut self, path: String, def: &FieldDef, text: String) {
        let trimmed = text.trim();
        let mut problem = None;
        match def.kind {
            Kind::Number { accepted, required } => {
                if trimmed.is_empty() {
                    if required {
                        problem = Some(format!("a value is needed; {accepted}"));
                    } else {
                        remove(&mut self.doc, &path);
                    }
                } else {
                    match crate::ui::locale::parse_number(trimmed) {
                        Some(x) => set(&mut self.doc, &path, json!(x)),
                        None => {
                            problem = Some(format!("\"{trimmed}\" is not a number; {accepted}"))
                        }
                    }
                }
            }
            Kind::Numbers { accepted } => {
                let parsed: Result<Vec<f64>, &str> = trimmed
                    .split(|c: char| c == ',' || c == ';' || c.is_whitespace())
                    .filter(|s| !s.is_empty())
                    .map(|s| s.parse::<f64>().ok().filter(|x| x.is_finite()).ok_or(s))
                    .collect();
                match parsed {
                    Ok(values) if values.is_empty() => {
                        problem = Some(format!("at least one number is needed; {accepted}"));
                    }
                    Ok(values) => set(&mut self.doc, &path, json!(values)),
                    Err(bad) => problem = Some(format!("\"{bad}\" is not a number; {accepted}")),
                }
            }
            Kind::Choice(_) | Kind::Supplier => {
                if trimmed.is_empty() {
                    remove(&mut self.doc, &path);
                } else if path.ends_with("demand.distribution")
                    || path.ends_with("lead_time.distribution")
                {
                    self.switch_distribution(&path, trimmed);
                    self.typed.retain(|p, _| !p.starts_with(path.trim_end_matches("distribution")));
                } else {
                    set(&mut self.doc, &path, Value::String(trimmed.to_owned()));
                }
            }
            Kind::Shapes(shapes) => {
                match shapes.iter().find(|s| s.value == trimmed) {
                    Some(shape) if !shape.default.is_empty() => {
                        let value = serde_json::from_str(shape.default).expect("defaults are JSON");
                        set(&mut self.doc, &path, value);
                    }
                    _ => remove(&mut self.doc, &path),
                }
                self.typed.retain(|p, _| !p.starts_with(&path));
            }
            Kind::Part { default } => {
                if trimmed == "true" {
                    let value = serde_json::from_str(default).expect("defaults are JSON");
                    set(&mut self.doc, &path, value);
                } else {
                    remove(&mut self.doc, &path);
                }
                self.typed.retain(|p, _| !p.starts_with(&path));
            }
            // A list changes row by row (AddRow, RemoveRow), never as text.
            Kind::Rows(_) => {}
            Kind::Toggle => {
                if trimmed == "true" {
                    set(&mut self.doc, &path, Value::Bool(true));
                } else {
                    remove(&mut self.doc, &path);
                }
            }
            Kind::Text { max_chars } => {
                if trimmed.is_empty() {
                    if path.ends_with(".name") && path.starts_with("suppliers") {
                        problem = Some("a supplier needs a name".into());
                    } else {
                        remove(&mut self.doc, &path);
                    }
                } else if trimmed.chars().count() > max_chars {
                    problem = Some(format!(
                        "{} characters is too long; accepted: 1 to {} characters",
                        Num(trimmed.chars().count() as f64),
                        max_chars
                    ));
                } else {
                    // A supplier renamed: the items that named it follow.
                    if let Some(old) = (path.starts_with("suppliers") && path.ends_with(".name"))
                        .then(|| get(&self.doc, &path).cloned())
                        .flatten()
                    {
                        let new = Value::String(trimmed.to_owned());
                        if let Some(items) = self.doc.get_mut("items").and_then(Value::as_array_mut)
                        {
                            for item in items.iter_mut() {
                                for at in ["supplier", "backup.supplier"] {
                                    if get(item, at) == Some(&old) {
                                        set(item, at, new.clone());
                                    }
                                }
                            }
                        }
                    }
                    set(&mut self.doc, &path, Value::String(trimmed.to_owned()));
                }
            }
        }
        // Typed text is shown as typed ("5." while a decimal is on its way), except for a
        // choice or a toggle, which show the document.
        if matches!(
            def.kind,
            Kind::Choice(_)
                | Kind::Supplier
                | Kind::Toggle
                | Kind::Part { .. }
                | Kind::Shapes(_)
                | Kind::Rows(_)
        ) {
            self.typed.remove(&path);
        } else {
            self.typed.insert(path, (text, problem));
        }
        Self::current_version(&mut self.doc);
        self.revalidate();
    }

    /// Switches a demand or lead-time distribution, carrying its mean over and giving the new
    /// kind's other parameters sensible values.
    fn switch_distribution(&mut self, path: &str, kind: &str) {
        let parent = path.trim_end_matches(".distribution");
        let old = get(&self.doc, parent).cloned().unwrap_or(Value::Null);
        let num = |k: &str| old.get(k).and_then(Value::as_f64);
        let round = |x: f64| (x * 100.0).round() / 100.0;
        let value = if parent.ends_with("lead_time") {
            let mean = num("mean")
                .or(num("days"))
                .or_else(|| Some(0.5 * (num("min")? + num("max")?)))
                .unwrap_or(7.0)
                .max(0.0);
            let days = mean.round();
            match kind {
                "fixed" => json!({ "distribution": "fixed", "days": days }),
                "uniform" => {
                    json!({ "distribution": "uniform", "min": (days - 2.0).max(0.0), "max": days + 2.0 })
                }
                "empirical" => json!({ "distribution": "empirical", "days": [days] }),
                other => {
                    json!({ "distribution": other, "mean": round(mean), "sd": round((0.25 * mean).max(1.0)) })
                }
            }
        } else {
            let sizes_mean = || {
                let rows = old.get("sizes")?.as_array()?;
                let (mut sum, mut weights) = (0.0, 0.0);
                for r in rows {
                    let w = r.get("weight")?.as_f64()?;
                    sum += w * r.get("size")?.as_f64()?;
                    weights += w;
                }
                (weights > 0.0).then(|| sum / weights)
            };
            let mean = num("mean")
                .or_else(|| Some(num("probability")? * num("size_mean")?))
                .or_else(|| Some(num("rate")? * sizes_mean()?))
                .or_else(|| {
                    let days = old.get("history")?.as_array()?;
                    let sum: f64 = days.iter().filter_map(Value::as_f64).sum();
                    (!days.is_empty()).then(|| sum / days.len() as f64)
                })
                .unwrap_or(20.0)
                .max(0.0);
            match kind {
                "poisson" => json!({ "distribution": "poisson", "mean": round(mean) }),
                "negative_binomial" => {
                    json!({ "distribution": "negative_binomial", "mean": round(mean), "sd": round((2.0 * mean).sqrt().max(0.3 * mean)) })
                }
                "intermittent" => {
                    json!({ "distribution": "intermittent", "probability": 0.2, "size_mean": round(mean / 0.2), "size_sd": 0 })
                }
                "empirical" => json!({ "distribution": "empirical", "history": [round(mean)] }),
                // Half the customers take 1 unit, 30 % take 2, 20 % take 5: 2.1 units each.
                "compound_poisson" => json!({
                    "distribution": "compound_poisson",
                    "rate": round(mean / 2.1),
                    "sizes": [
                        { "size": 1, "weight": 5 },
                        { "size": 2, "weight": 3 },
                        { "size": 5, "weight": 2 }
                    ]
                }),
                other => {
                    json!({ "distribution": other, "mean": round(mean), "sd": round(0.3 * mean) })
                }
            }
        };
        set(&mut self.doc, parent, value);
    }
}

/// A new policy of a kind, with numbers a planner would start from.
fn default_policy(kind: &str) -> Value {
    match kind {
        "jic" => json!({ "policy": "jic", "buffer_days": 5 }),
        "base_stock" => json!({ "policy": "base_stock", "order_up_to": 200 }),
        "s_S" => json!({ "policy": "s_S", "reorder_point": 150, "order_up_to": 250 }),
        "r_Q" => json!({ "policy": "r_Q", "reorder_point": 150, "quantity": 100 }),
        "R_S" => json!({ "policy": "R_S", "review_period_days": 7, "order_up_to": 300 }),
        "R_s_S" => {
            json!({ "policy": "R_s_S", "review_period_days": 7, "reorder_point": 150, "order_up_to": 300 })
        }
        "make_to_order" => json!({ "policy": "make_to_order" }),
        "jic_by_month" => json!({ "policy": "jic_by_month", "buffer_days": vec![5; 12] }),
        "jic_reestimated" => json!({
            "policy": "jic_reestimated",
            "cycle_service_level": 0.95,
            "every_days": 30,
            "window_days": 90
        }),
        _ => json!({ "policy": "jit" }),
    }
}

impl EditorState {
    /// What undo would bring back now.
    fn snapshot(&self) -> Snapshot {
        Snapshot {
            doc: self.doc.clone(),
            typed: self.typed.clone(),
            selected: self.selected,
            preset: self.preset,
        }
    }

    fn restore(&mut self, s: Snapshot) {
        self.doc = s.doc;
        self.typed = s.typed;
        self.selected = s.selected;
        self.preset = s.preset;
        self.revalidate();
        let items = self.items().len();
        self.selected = self.selected.min(items.saturating_sub(1));
    }

    /// Applies an action as the page does: a change is recorded for undo (a field's
    /// keystrokes as one change), undo and redo step through them, and a whole scenario
    /// opened (a preset, a file, an item list) counts as a step of the browser's history.
    pub fn act(mut self, action: Action) -> Self {
        let mut history = std::mem::take(&mut self.history);
        match action {
            Action::Undo | Action::Redo => {
                let now = self.snapshot();
                let step =
                    if action == Action::Undo { history.undo(now) } else { history.redo(now) };
                if let Some(s) = step {
                    self.revision += 1;
                    self.restore(s);
                }
                self.replaced = false;
                self.history = history;
                self
            }
            action => {
                let before = self.snapshot();
                let field = match &action {
                    Action::Edit { path, .. } => Some(path.clone()),
                    _ => None,
                };
                let opens = matches!(
                    action,
                    Action::LoadPreset(_) | Action::OpenFile(_) | Action::ImportItems(_)
                );
                let opened = self.opened;
                let mut next = self.apply(action);
                let changed = next.doc != before.doc || next.typed != before.typed;
                if changed {
                    history.record(before, field);
                } else {
                    history.pause();
                }
                next.history = history;
                next.opened = opened + u64::from(opens && changed);
                next.replaced = opens && changed;
                next
            }
        }
    }
}

impl Reducible for EditorState {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        Rc::new(Rc::unwrap_or_clone(self).act(action))
    }
}

#[cfg(test)]
mod tests;

/// Whether a problem at `parent` (a part of an item, a supplier or the settings, such as
/// `items[0].lead_time`) is one the field at `field` (`items[0].lead_time.min`) shows: a rule
/// across that part's fields. A whole item's or supplier's problem is not said on each field.
fn across(parent: &str, field: &str) -> bool {
    let part = parent.rsplit_once(']').map_or(parent, |(_, rest)| rest);
    part.contains('.') && field.starts_with(parent) && field[parent.len()..].starts_with('.')
}
