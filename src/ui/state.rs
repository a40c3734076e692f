//! The page's state: the scenario document being edited, the text typed into fields that is
//! not (yet) a valid value, every problem with its field's path, the last valid scenario
//! (whose results stay on screen, marked stale, while anything is wrong) and the item shown.
//! A reducer: every change is an [`Action`].

use std::collections::BTreeMap;
use std::rc::Rc;

use serde_json::{json, Value};
use yew::Reducible;

use crate::core::input::Num;
use crate::core::Scenario;
use crate::share::scenario_file::{moved_since, FileError};
use crate::ui::document::{get, remove, set, validate_opened, validate_shown};
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
}

/// The editor and the scenario it last described validly.
#[derive(Clone, Debug, PartialEq)]
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
}

impl Default for EditorState {
    /// The first preset.
    fn default() -> Self {
        let doc: Value = serde_json::from_str(PRESETS[0].json).expect("presets are JSON");
        let scenario = validate_shown(&doc).expect("presets are valid");
        EditorState {
            doc,
            typed: BTreeMap::new(),
            errors: Vec::new(),
            scenario,
            selected: 0,
            preset: Some(0),
            link_problem: None,
            link_note: None,
            revision: 0,
        }
    }
}

impl EditorState {
    /// The state a share link opens: its scenario and item when they are valid; its scenario
    /// with every problem marked (and the default scenario's results until they are fixed)
    /// when it has problems; the default scenario when the link cannot be read at all. Any
    /// problem is said in `link_problem`.
    pub fn from_link(link: &str) -> EditorState {
        match crate::share::link::decode(link) {
            Ok(shared) => EditorState::from_document(shared.scenario, shared.view.item, "link"),
            Err(e) => EditorState {
                link_problem: Some(format!(
                    "This link could not be opened: {e}. Showing the default scenario instead."
                )),
                ..EditorState::default()
            },
        }
    }

    /// The state a scenario document opens (from a link or a file, as `source` says): itself
    /// and item `item` when valid; itself with every problem marked (and the default
    /// scenario's results until they are fixed) when not; the default when it has no items.
    fn from_document(doc: Value, item: usize, source: &str) -> EditorState {
        let default = EditorState::default();
        let items = doc.get("items").and_then(Value::as_array).map_or(0, Vec::len);
        if items == 0 {
            return EditorState {
                link_problem: Some(format!(
                    "This {source}'s scenario has no items. Showing the default scenario instead."
                )),
                ..default
            };
        }
        let selected = item.min(items - 1);
        match validate_opened(&doc) {
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
                EditorState { doc, scenario, selected, preset: None, link_note, ..default }
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
                        "This {source}'s scenario has {count}; the results are the default \
                         scenario's until they are fixed."
                    )),
                    doc,
                    errors,
                    selected,
                    preset: None,
                    ..default
                }
            }
        }
    }

    /// The share link's fragment (without `#`) for what is on the page.
    pub fn fragment(&self) -> String {
        crate::share::link::encode(&self.doc, &crate::share::link::View { item: self.selected })
    }
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
        self.errors.iter().find(|e| e.path == path).map(|e| format!("{label}: {}.", e.problem))
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
        self.errors.iter().filter(move |e| !shown.contains(&e.path))
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
                    self = EditorState::from_document(doc, 0, "item list");
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
                    Ok(doc) => EditorState::from_document(doc, 0, "file"),
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
                    // Items that named it no longer have a supplier.
                    if let Some(items) = doc.get_mut("items").and_then(Value::as_array_mut) {
                        for item in items {
                            if name.is_some() && item.get("supplier") == name.as_ref() {
                                remove(item, "supplier");
                            }
                        }
                    }
                });
            }
            Action::AddRow { path, list } => {
                let mut rows = self.rows(&path).to_vec();
                if rows.len() < crate::share::scenario_file::MAX_WINDOWS {
                    rows.push(list.new_row(&rows));
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
                    match trimmed.parse::<f64>().ok().filter(|x| x.is_finite()) {
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
                            for item in items.iter_mut().filter(|i| i.get("supplier") == Some(&old))
                            {
                                set(item, "supplier", new.clone());
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

impl Reducible for EditorState {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        Rc::new(Rc::unwrap_or_clone(self).apply(action))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ui::fields::item_groups;

    fn def(path: &str) -> FieldDef {
        item_groups()
            .into_iter()
            .flat_map(|(_, f)| f)
            .find(|f| f.path == path)
            .unwrap_or_else(|| panic!("no field {path}"))
    }

    fn edit(s: EditorState, path: &str, text: &str) -> EditorState {
        let d = def(path);
        s.apply(Action::Edit { path: format!("items[0].{path}"), def: d, text: text.into() })
    }

    #[test]
    fn the_default_is_the_first_preset_and_valid() {
        let s = EditorState::default();
        assert!(!s.is_stale());
        assert_eq!(s.preset, Some(0));
        assert_eq!(s.scenario.items().len(), s.items().len());
    }

    #[test]
    fn an_invalid_edit_keeps_the_last_valid_scenario_and_names_the_field() {
        let before = EditorState::default();
        let s = edit(before.clone(), "demand.mean", "abc");
        assert!(s.is_stale());
        assert_eq!(s.scenario, before.scenario);
        assert_eq!(s.text("items[0].demand.mean"), "abc");
        let message = s.error("items[0].demand.mean", "Mean daily demand").unwrap();
        assert!(
            message.starts_with("Mean daily demand: \"abc\" is not a number; accepted: from 0"),
            "{message}"
        );
        // Out of range: the document takes it, validation names it.
        let s = edit(s, "demand.mean", "-3");
        assert!(s.is_stale());
        let message = s.error("items[0].demand.mean", "Mean daily demand").unwrap();
        assert_eq!(
            message,
            "Mean daily demand: -3 is out of range; accepted: from 0 to 1,000,000 units/day."
        );
        // Fixed: the scenario follows.
        let s = edit(s, "demand.mean", "33");
        assert!(!s.is_stale(), "{:?}", s.errors);
        assert!((s.scenario.items()[0].demand().expected() - 33.0).abs() < 1.0);
    }

    #[test]
    fn items_are_added_duplicated_moved_and_removed() {
        let s = EditorState::default().apply(Action::AddItem);
        let n = s.items().len();
        assert_eq!(s.selected, n - 1);
        assert_eq!(s.scenario.items().len(), n);
        let s = s.apply(Action::DuplicateItem(0));
        assert_eq!(s.items().len(), n + 1);
        assert!(s.item_name(1).ends_with("(copy)"));
        assert_eq!(s.selected, 1);
        let first = s.item_name(0);
        let s = s.apply(Action::MoveItem(0, false));
        assert_eq!(s.item_name(1), first);
        let s = s.apply(Action::RemoveItem(1));
        assert_eq!(s.items().len(), n);
        assert!(!s.is_stale());
        // The last item stays.
        let mut s = s;
        for _ in 0..n + 2 {
            s = s.apply(Action::RemoveItem(0));
        }
        assert_eq!(s.items().len(), 1);
    }

    #[test]
    fn switching_a_distribution_keeps_its_mean_and_gives_valid_parameters() {
        let mut s = EditorState::default();
        let mean = s.scenario.items()[0].demand().expected();
        for kind in [
            "poisson",
            "gamma",
            "compound_poisson",
            "negative_binomial",
            "intermittent",
            "empirical",
            "normal",
        ] {
            s = edit(s, "demand.distribution", kind);
            assert!(!s.is_stale(), "{kind}: {:?}", s.errors);
            let now = s.scenario.items()[0].demand().expected();
            assert!((now - mean).abs() < 0.05 * mean, "{kind}: mean {mean} → {now}");
        }
        for kind in ["uniform", "normal", "lognormal", "gamma", "empirical", "fixed"] {
            s = edit(s, "lead_time.distribution", kind);
            assert!(!s.is_stale(), "{kind}: {:?}", s.errors);
        }
    }

    #[test]
    fn suppliers_are_added_renamed_with_their_items_and_removed() {
        let s = EditorState::default().apply(Action::AddSupplier);
        let k = s.suppliers().len() - 1;
        let name = s.suppliers()[k]["name"].as_str().unwrap().to_owned();
        let s = edit(s, "supplier", &name);
        assert!(!s.is_stale(), "{:?}", s.errors);
        assert!(s.scenario.items()[0].supplier().is_some());
        let rename = crate::ui::fields::supplier_fields()[0];
        let s = s.apply(Action::Edit {
            path: format!("suppliers[{k}].name"),
            def: rename,
            text: "Port".into(),
        });
        assert!(!s.is_stale(), "{:?}", s.errors);
        assert_eq!(s.items()[0]["supplier"], "Port");
        // Its random outages described as a machine's availability, then none.
        let outages = crate::ui::fields::supplier_fields()[1];
        let path = format!("suppliers[{k}].random_outages");
        let describe = |s: EditorState, how: &str| {
            s.apply(Action::Edit { path: path.clone(), def: outages, text: how.into() })
        };
        let shape = |s: &EditorState| {
            crate::ui::fields::shape_of(crate::ui::fields::OUTAGE_SHAPES, get(&s.doc, &path))
        };
        assert_eq!(shape(&s), "spells");
        let s = describe(s, "availability");
        assert!(!s.is_stale(), "{:?}", s.errors);
        assert_eq!(shape(&s), "availability");
        assert!(s.scenario.suppliers()[k].random().is_some());
        let s = describe(s, "");
        assert!(!s.is_stale(), "{:?}", s.errors);
        assert_eq!(shape(&s), "");
        assert!(s.scenario.suppliers()[k].random().is_none());
        let s = s.apply(Action::RemoveSupplier(k));
        assert!(!s.is_stale(), "{:?}", s.errors);
        assert!(s.items()[0].get("supplier").is_none());
    }

    #[test]
    fn an_estimate_applied_replaces_the_distribution() {
        let s = EditorState::default().apply(Action::Replace {
            path: "items[0].demand".into(),
            value: json!({ "distribution": "poisson", "mean": 12.5 }),
        });
        assert!(!s.is_stale(), "{:?}", s.errors);
        assert!((s.scenario.items()[0].demand().expected() - 12.5).abs() < 1e-9);
    }

    #[test]
    fn scheduled_outages_are_added_and_removed() {
        let s = EditorState::default().apply(Action::AddSupplier);
        let k = s.suppliers().len() - 1;
        let path = format!("suppliers[{k}].scheduled_outages");
        let add = Action::AddRow { path: path.clone(), list: RowList::Outages };
        let s = s.apply(add.clone()).apply(add);
        assert!(!s.is_stale(), "{:?}", s.errors);
        let windows = s.suppliers()[k]["scheduled_outages"].as_array().unwrap().clone();
        assert_eq!(windows.len(), 2);
        // The second starts after the first has ended: they do not overlap.
        assert!(windows[1]["start_day"].as_f64() > Some(120.0 + 14.0));
        let remove = Action::RemoveRow { path, list: RowList::Outages, index: 0 };
        let s = s.apply(remove.clone()).apply(remove);
        assert!(!s.is_stale(), "{:?}", s.errors);
        let left = s.suppliers()[k].get("scheduled_outages").and_then(Value::as_array);
        assert!(left.is_none_or(Vec::is_empty), "{left:?}");
    }

    #[test]
    fn demand_shocks_and_order_sizes_are_edited_row_by_row() {
        let shocks = "items[0].demand_shape.scheduled_shocks".to_owned();
        let add = Action::AddRow { path: shocks.clone(), list: RowList::Shocks };
        let s = EditorState::default().apply(add.clone()).apply(add);
        assert!(!s.is_stale(), "{:?}", s.errors);
        assert_eq!(s.scenario.items()[0].demand_shape().scheduled_shocks.len(), 2);
        // A promotion that overlaps the first is refused; moved, it is taken.
        let row = RowList::Shocks.fields()[0];
        let at = |day: &str| Action::Edit {
            path: format!("{shocks}[1].start_day"),
            def: row,
            text: day.into(),
        };
        let s = s.apply(at("121"));
        assert!(s.is_stale());
        let s = s.apply(at("300"));
        assert!(!s.is_stale(), "{:?}", s.errors);
        let remove = Action::RemoveRow { path: shocks.clone(), list: RowList::Shocks, index: 0 };
        let s = s.apply(remove.clone()).apply(remove);
        assert!(s.scenario.items()[0].demand_shape().scheduled_shocks.is_empty());
        assert!(!s.has(&shocks), "{}", s.items()[0]);

        // Random shocks switched on start from numbers that validate, and off again.
        let s = edit(s, "demand_shape.random_shocks", "true");
        assert!(!s.is_stale(), "{:?}", s.errors);
        assert!(s.scenario.items()[0].demand_shape().random_shocks.is_some());
        let s = edit(s, "demand_shape.random_shocks", "false");
        assert!(s.scenario.items()[0].demand_shape().random_shocks.is_none());

        // A size table keeps at least one row.
        let s = edit(s, "demand.distribution", "compound_poisson");
        let sizes = "items[0].demand.sizes".to_owned();
        let mut s = s;
        for _ in 0..5 {
            s = s.apply(Action::RemoveRow { path: sizes.clone(), list: RowList::Sizes, index: 0 });
        }
        assert_eq!(s.rows(&sizes).len(), 1);
        let s = s.apply(Action::AddRow { path: sizes.clone(), list: RowList::Sizes });
        assert!(!s.is_stale(), "{:?}", s.errors);
        assert_eq!(s.rows(&sizes).len(), 2);
    }

    #[test]
    fn a_supply_yield_is_chosen_and_removed() {
        let mut s = EditorState::default();
        for kind in ["fixed", "uniform", "beta"] {
            s = edit(s, "supply_yield", kind);
            assert!(!s.is_stale(), "{kind}: {:?}", s.errors);
            assert!(s.scenario.items()[0].supply_yield().is_some());
            let part = get(&s.items()[0], "supply_yield");
            assert_eq!(crate::ui::fields::shape_of(crate::ui::fields::YIELD_SHAPES, part), kind);
        }
        let s = edit(s, "supply_yield", "");
        assert!(!s.is_stale(), "{:?}", s.errors);
        assert!(s.scenario.items()[0].supply_yield().is_none());
    }

    #[test]
    fn every_policy_kind_the_editor_offers_is_added_valid() {
        let mut s = EditorState::default();
        for (kind, _) in crate::ui::fields::POLICY_KINDS {
            s = s.apply(Action::AddPolicy(0, kind));
            assert!(!s.is_stale(), "{kind}: {:?}", s.errors);
        }
    }

    #[test]
    fn an_old_link_says_what_its_numbers_now_mean_otherwise() {
        // The web shop as a version-2 link: lost sales, a fill-rate target, a weekly pattern
        // and whole units all moved with version 4.
        let s =
            EditorState::from_link(include_str!("../../tests/fixtures/links/v1/ecommerce.link"));
        assert!(s.link_problem.is_none());
        let note = s.link_note.clone().unwrap();
        for moved in [
            "a lost sale now costs its purchase",
            "service targets",
            "per month and weekday",
            "whole units",
        ] {
            assert!(note.contains(moved), "{note}");
        }
        // Today's presets are version 4: nothing moved.
        let doc: Value = serde_json::from_str(PRESETS[0].json).unwrap();
        let link = crate::share::link::encode(&doc, &crate::share::link::View { item: 0 });
        assert!(EditorState::from_link(&link).link_note.is_none());
        // Loading a preset clears the note.
        assert!(s.apply(Action::LoadPreset(1)).link_note.is_none());
    }

    #[test]
    fn a_link_opens_its_scenario_and_item_or_says_what_was_wrong() {
        use crate::share::link::{encode, View};
        let doc: Value = serde_json::from_str(PRESETS[6].json).unwrap();
        let s =
            EditorState::from_link(&format!("https://x/j/#{}", encode(&doc, &View { item: 3 })));
        assert_eq!((s.link_problem.clone(), s.selected, s.preset), (None, 3, None));
        assert_eq!(s.doc, doc);
        assert_eq!(s.scenario.items().len(), doc["items"].as_array().unwrap().len());
        // What the page writes back is the same link.
        assert_eq!(EditorState::from_link(&s.fragment()).doc, doc);

        // Garbage: the default scenario, and why.
        let s = EditorState::from_link("#1.garbage!");
        assert_eq!(s.doc, EditorState::default().doc);
        assert!(s
            .link_problem
            .unwrap()
            .starts_with("This link could not be opened: the link's text is damaged"));

        // A readable link with a bad number: its scenario, the field marked, default results.
        let mut bad = doc.clone();
        bad["items"][0]["demand"]["mean"] = json!(-3);
        let s = EditorState::from_link(&encode(&bad, &View { item: 0 }));
        assert!(s.link_problem.as_deref().unwrap().contains("1 problem, marked below"));
        assert!(s.error("items[0].demand.mean", "Mean daily demand").is_some());
        assert!(s.is_stale());
        assert_eq!(s.scenario, EditorState::default().scenario);
        // Loading a preset clears the problem.
        let s = s.apply(Action::LoadPreset(0));
        assert!(s.link_problem.is_none() && !s.is_stale());

        // No items at all: nothing to show but the default.
        let s = EditorState::from_link(&encode(
            &json!({ "version": 3, "items": [] }),
            &View::default(),
        ));
        assert!(s.link_problem.unwrap().contains("no items"));
    }

    #[test]
    fn a_file_opened_replaces_the_scenario_or_says_why_not() {
        let s = EditorState::default();
        let s = s.apply(Action::OpenFile(PRESETS[2].json.to_owned()));
        assert!(s.link_problem.is_none() && !s.is_stale());
        assert_eq!(s.doc, serde_json::from_str::<Value>(PRESETS[2].json).unwrap());
        let before = s.doc.clone();
        let s = s.apply(Action::OpenFile("{\n  \"items\": [ oops ]\n}".into()));
        let problem = s.link_problem.clone().unwrap();
        assert!(problem.contains("not valid JSON") && problem.contains("line 2"), "{problem}");
        assert_eq!(s.doc, before, "the scenario on screen stays");
        assert!(s.revision > 0);
    }

    #[test]
    fn every_preset_loads_valid() {
        let mut s = EditorState::default();
        for (k, preset) in PRESETS.iter().enumerate() {
            s = s.apply(Action::LoadPreset(k));
            assert!(!s.is_stale(), "{}: {:?}", preset.name, s.errors);
            assert_eq!(s.preset, Some(k));
        }
    }
}
