//! The editor's fields: where each lives in the scenario document, its label, unit, hint,
//! accepted range (the very constants the file's validation uses), whether it is folded
//! away as advanced, and when it applies (a distribution's parameters only under it).

use crate::core::input::{Accepted, Field};
use crate::share::scenario_file::ranges;

mod lists;
mod shapes;

pub use lists::{item_groups, policy_fields, settings_fields, supplier_fields, POLICY_KINDS};
pub use shapes::{
    BACKUP_SHAPES, DEMAND_KINDS, FORWARD_SHAPES, ITEM_PAYMENT_SHAPES, LEAD_TIME_KINDS,
    OUTAGE_SHAPES, PRACTICAL_SHAPES, STORAGE_SHAPES, SUPPLIER_PAYMENT_SHAPES, WAREHOUSE_SHAPES,
    YIELD_SHAPES,
};

/// How a field is edited.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Kind {
    /// A number; `required` ones cannot be left empty (an empty optional one means its
    /// default, or none).
    Number { accepted: Accepted, required: bool },
    /// Numbers separated by commas, spaces or new lines (a history, a weekly pattern).
    Numbers { accepted: Accepted },
    /// One of a list: (value written to the file, label). An empty value leaves the field out.
    Choice(&'static [(&'static str, &'static str)]),
    /// On or off (off leaves the field out).
    Toggle,
    /// Free text up to this many characters.
    Text { max_chars: usize },
    /// The name of one of the scenario's suppliers, or none.
    Supplier,
    /// An optional part of the document, on or off: on writes this JSON (numbers to start
    /// from), off removes the part; its own fields show only while it is on.
    Part { default: &'static str },
    /// An optional part of the document that can take one of several shapes (or none).
    Shapes(&'static [Shape]),
    /// A list of rows, each with the same few fields.
    Rows(RowList),
}

/// One shape an optional part can take.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Shape {
    /// What the choice is called in the page's state ("" is none).
    pub value: &'static str,
    pub label: &'static str,
    /// The JSON written when it is chosen (numbers to start from); empty for none.
    pub default: &'static str,
    /// A key only this shape has, by which the document is recognised as it.
    pub marker: &'static str,
}

const fn shape(
    value: &'static str,
    label: &'static str,
    default: &'static str,
    marker: &'static str,
) -> Shape {
    Shape { value, label, default, marker }
}

/// Which of `shapes` the part `part` (the value at its path, if any) has: the first whose
/// marker it holds (a key, or `key=value` for a key holding that string), else the one
/// without a marker (none).
pub fn shape_of(shapes: &'static [Shape], part: Option<&serde_json::Value>) -> &'static str {
    let has = |marker: &str| {
        part.is_some_and(|p| match marker.split_once('=') {
            // `=value`: the part is that string itself.
            Some(("", value)) => p.as_str() == Some(value),
            Some((key, value)) => p.get(key).and_then(serde_json::Value::as_str) == Some(value),
            None => p.get(marker).is_some(),
        })
    };
    shapes
        .iter()
        .find(|s| !s.marker.is_empty() && has(s.marker))
        .or_else(|| shapes.iter().find(|s| s.marker.is_empty()))
        .map_or("", |s| s.value)
}

/// When a field shows.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Condition {
    /// The field at this path holds one of these values.
    Is(&'static str, &'static [&'static str]),
    /// There is something at this path (a [`Kind::Part`] that is on).
    Present(&'static str),
    /// The field at this path holds none of these values (or nothing).
    IsNot(&'static str, &'static [&'static str]),
}

/// The lists the editor edits row by row.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RowList {
    /// A supplier's scheduled outages.
    Outages,
    /// An item's scheduled demand shocks.
    Shocks,
    /// A compound-Poisson demand's order sizes.
    Sizes,
    /// An item's all-units price breaks.
    PriceBreaks,
    /// An item's scheduled price changes.
    PriceChanges,
}

impl RowList {
    /// The fields of one row (paths under the row).
    pub fn fields(self) -> Vec<FieldDef> {
        match self {
            RowList::Outages => vec![
                number(
                    "start_day",
                    "Starts on day",
                    "day",
                    "Day 0 is the first simulated day.",
                    ranges::START_DAY,
                ),
                number(
                    "days",
                    "Lasts",
                    "days",
                    "Nothing ships for this many days.",
                    ranges::OUTAGE_DAYS,
                ),
            ],
            RowList::Shocks => vec![
                number(
                    "start_day",
                    "Starts on day",
                    "day",
                    "Day 0 is the first simulated day.",
                    ranges::START_DAY,
                ),
                number("days", "Lasts", "days", "Windows must not overlap.", ranges::OUTAGE_DAYS),
                number(
                    "multiplier",
                    "Demand multiplier",
                    "× demand",
                    "3: a promotion; 0: the customer shuts down.",
                    ranges::MULTIPLIER,
                ),
            ],
            RowList::Sizes => vec![
                number(
                    "size",
                    "Order size",
                    "units",
                    "What one customer takes.",
                    ranges::ORDER_SIZE,
                ),
                number(
                    "weight",
                    "Weight",
                    "relative",
                    "How often this size comes up, relative to the others.",
                    ranges::WEIGHT,
                ),
            ],
            RowList::PriceBreaks => vec![
                number(
                    "from_units",
                    "Orders from",
                    "units",
                    "An order this big or bigger pays this price for every unit.",
                    ranges::BREAK_UNITS,
                ),
                number(
                    "unit_cost",
                    "Unit cost",
                    "currency/unit",
                    "At most the price below it.",
                    ranges::PRICE,
                ),
            ],
            RowList::PriceChanges => vec![
                number(
                    "day",
                    "From day",
                    "day",
                    "The first day at the new price (day 0 is the first simulated day).",
                    ranges::PRICE_DAY,
                ),
                number(
                    "pct",
                    "Change",
                    "%",
                    "Up (above 0) or down (below 0); or give the new price instead.",
                    ranges::PRICE_PCT,
                )
                .empty("a new price instead")
                .unless("to_price"),
                number(
                    "to_price",
                    "New price",
                    "currency/unit",
                    "The price per unit from that day.",
                    ranges::PRICE,
                )
                .when_present("to_price"),
                number(
                    "announced_days_ahead",
                    "Announced",
                    "days ahead",
                    "Known this long before: buying ahead can act on it.",
                    ranges::NOTICE,
                )
                .empty("a surprise"),
            ],
        }
    }

    /// What one row is called: "outage", "shock", "size".
    pub fn noun(self) -> &'static str {
        match self {
            RowList::Outages => "outage",
            RowList::Shocks => "shock",
            RowList::Sizes => "size",
            RowList::PriceBreaks => "price break",
            RowList::PriceChanges => "price change",
        }
    }

    /// The most rows the list may have.
    pub fn max_rows(self) -> usize {
        match self {
            RowList::PriceBreaks => crate::core::order_charges::MAX_PRICE_BREAKS,
            RowList::PriceChanges => crate::core::prices::MAX_PRICE_CHANGES,
            _ => crate::share::scenario_file::MAX_WINDOWS,
        }
    }

    /// The fewest rows the list may have (a size table needs one).
    pub fn min_rows(self) -> usize {
        usize::from(self == RowList::Sizes)
    }

    /// A row to add after `rows`: a window starts a month after the last one ends (so they
    /// do not overlap); a size doubles the last; a price break doubles the last quantity
    /// (from 500 units) at 5 % off the last price (or `unit_cost`, the item's list price).
    pub fn new_row(self, rows: &[serde_json::Value], unit_cost: f64) -> serde_json::Value {
        let num =
            |row: &serde_json::Value, key: &str| row.get(key).and_then(serde_json::Value::as_f64);
        let after = rows
            .iter()
            .filter_map(|w| Some(num(w, "start_day")? + num(w, "days")?))
            .fold(90.0, f64::max)
            + 30.0;
        match self {
            RowList::Outages => serde_json::json!({ "start_day": after, "days": 14 }),
            RowList::Shocks => {
                serde_json::json!({ "start_day": after, "days": 7, "multiplier": 3 })
            }
            RowList::Sizes => {
                let last = rows.last().and_then(|r| num(r, "size")).unwrap_or(0.5);
                serde_json::json!({ "size": (2.0 * last).max(1.0), "weight": 1 })
            }
            RowList::PriceBreaks => {
                let last = rows.last();
                let from = last.and_then(|r| num(r, "from_units")).map_or(500.0, |q| 2.0 * q);
                let price = last.and_then(|r| num(r, "unit_cost")).unwrap_or(unit_cost);
                // Two decimals: a price as a price list writes it.
                let price = (price * 95.0).round() / 100.0;
                serde_json::json!({ "from_units": from, "unit_cost": price })
            }
            RowList::PriceChanges => {
                let last = rows.iter().filter_map(|r| num(r, "day")).fold(90.0, f64::max);
                serde_json::json!({ "day": last + 90.0, "pct": 10, "announced_days_ahead": 30 })
            }
        }
    }
}

/// One field of the editor.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct FieldDef {
    /// Path inside its item, supplier or settings, dotted as validation reports it.
    pub path: &'static str,
    pub label: &'static str,
    pub unit: &'static str,
    pub hint: &'static str,
    pub kind: Kind,
    /// Folded away by default.
    pub advanced: bool,
    /// Shown only under this condition.
    pub when: Option<Condition>,
    /// Hidden when something is at this path (the sd when a CV stands in for it).
    pub unless: Option<&'static str>,
    /// What an empty optional field means, shown in it ("1 (every day)", "none").
    pub empty: &'static str,
}

impl FieldDef {
    /// A stable id fragment for element ids and test hooks: the path with dots as dashes.
    pub fn key(&self) -> String {
        self.path.replace(['.', '_'], "-")
    }
}

const fn number(
    path: &'static str,
    label: &'static str,
    unit: &'static str,
    hint: &'static str,
    accepted: Accepted,
) -> FieldDef {
    FieldDef {
        path,
        label,
        unit,
        hint,
        kind: Kind::Number { accepted, required: true },
        advanced: false,
        when: None,
        unless: None,
        empty: "",
    }
}

impl FieldDef {
    const fn optional(mut self) -> Self {
        if let Kind::Number { accepted, .. } = self.kind {
            self.kind = Kind::Number { accepted, required: false };
        }
        self
    }

    const fn advanced(mut self) -> Self {
        self.advanced = true;
        self
    }

    const fn when(mut self, path: &'static str, values: &'static [&'static str]) -> Self {
        self.when = Some(Condition::Is(path, values));
        self
    }

    const fn when_not(mut self, path: &'static str, values: &'static [&'static str]) -> Self {
        self.when = Some(Condition::IsNot(path, values));
        self
    }

    const fn unless(mut self, path: &'static str) -> Self {
        self.unless = Some(path);
        self
    }

    const fn when_present(mut self, path: &'static str) -> Self {
        self.when = Some(Condition::Present(path));
        self
    }

    /// What leaving a field empty means.
    const fn with_empty(mut self, meaning: &'static str) -> Self {
        self.empty = meaning;
        self
    }

    /// Optional, and what leaving it empty means.
    const fn empty(self, meaning: &'static str) -> Self {
        let mut f = self.optional();
        f.empty = meaning;
        f
    }
}

const fn other(
    path: &'static str,
    label: &'static str,
    unit: &'static str,
    hint: &'static str,
    kind: Kind,
) -> FieldDef {
    FieldDef { path, label, unit, hint, kind, advanced: false, when: None, unless: None, empty: "" }
}

/// Whether a field applies to the object `value` (an item, supplier or settings).
pub fn applies(def: &FieldDef, value: &serde_json::Value) -> bool {
    let hidden = def.unless.is_some_and(|p| super::document::get(value, p).is_some());
    !hidden
        && match def.when {
            None => true,
            Some(Condition::Is(path, values)) => super::document::get(value, path)
                .and_then(serde_json::Value::as_str)
                .is_some_and(|v| values.contains(&v)),
            Some(Condition::Present(path)) => super::document::get(value, path).is_some(),
            Some(Condition::IsNot(path, values)) => !super::document::get(value, path)
                .and_then(serde_json::Value::as_str)
                .is_some_and(|v| values.contains(&v)),
        }
}

/// The full paths a field shows at `path` in `doc`: its own, and for a list every row's
/// fields (so problems they show are not repeated elsewhere).
pub fn paths_shown(def: &FieldDef, path: &str, doc: &serde_json::Value) -> Vec<String> {
    let mut out = vec![path.to_owned()];
    if let Kind::Rows(list) = def.kind {
        let rows = super::document::get(doc, path).and_then(serde_json::Value::as_array);
        for r in 0..rows.map_or(0, Vec::len) {
            out.extend(list.fields().iter().map(|f| format!("{path}[{r}].{}", f.path)));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::Value;

    /// Every value's path under `value`: `demand.sizes[0].size`, `demand_shape.weekly`.
    fn leaves(value: &Value, at: &str, out: &mut Vec<String>) {
        let join = |k: &str| if at.is_empty() { k.to_owned() } else { format!("{at}.{k}") };
        match value {
            Value::Object(o) => o.iter().for_each(|(k, v)| leaves(v, &join(k), out)),
            Value::Array(rows) if rows.iter().all(Value::is_object) && !rows.is_empty() => {
                for (r, row) in rows.iter().enumerate() {
                    leaves(row, &format!("{at}[{r}]"), out);
                }
            }
            _ => out.push(at.to_owned()),
        }
    }

    /// Whether a field that shows for `object` edits the value at `leaf`.
    fn shown(defs: &[FieldDef], object: &Value, leaf: &str) -> bool {
        defs.iter().filter(|d| applies(d, object)).any(|d| match d.kind {
            Kind::Rows(list) => leaf.strip_prefix(d.path).is_some_and(|rest| {
                let field = rest.split_once("].").map_or("", |(_, f)| f);
                rest.starts_with('[') && list.fields().iter().any(|f| f.path == field)
            }),
            // A shape's tag is its choice.
            Kind::Shapes(_) => leaf.strip_prefix(d.path).is_some_and(|tag| {
                tag.is_empty() || tag == ".distribution" || tag == ".paid" || tag == ".rule"
            }),
            _ => d.path == leaf,
        })
    }

    #[test]
    fn every_number_a_preset_sets_shows_on_the_page() {
        for preset in crate::ui::presets::PRESETS {
            let doc: Value = serde_json::from_str(preset.json).unwrap();
            let mut missing = Vec::new();
            let item_defs: Vec<FieldDef> = item_groups().into_iter().flat_map(|(_, f)| f).collect();
            for item in doc["items"].as_array().unwrap() {
                let mut paths = Vec::new();
                leaves(item, "", &mut paths);
                for leaf in paths.iter().filter(|p| *p != "name") {
                    let ok = if let Some(rest) = leaf.strip_prefix("policies[") {
                        let (j, field) = rest.split_once("].").unwrap_or((rest, ""));
                        let policy = &item["policies"][j.parse::<usize>().unwrap()];
                        let kind = policy["policy"].as_str().unwrap_or("");
                        field == "policy"
                            || policy_fields(kind, policy).iter().any(|f| f.path == field)
                    } else {
                        shown(&item_defs, item, leaf)
                    };
                    if !ok {
                        missing.push(format!("{}: items.{leaf}", preset.name));
                    }
                }
            }
            for supplier in doc.get("suppliers").and_then(Value::as_array).into_iter().flatten() {
                let mut paths = Vec::new();
                leaves(supplier, "", &mut paths);
                for leaf in paths.iter().filter(|l| !shown(&supplier_fields(), supplier, l)) {
                    missing.push(format!("{}: suppliers.{leaf}", preset.name));
                }
            }
            let mut paths = Vec::new();
            leaves(&doc["settings"], "", &mut paths);
            for leaf in paths.iter().filter(|l| !shown(&settings_fields(), &doc["settings"], l)) {
                missing.push(format!("{}: settings.{leaf}", preset.name));
            }
            assert!(missing.is_empty(), "not on the page: {missing:#?}");
        }
    }

    #[test]
    fn every_field_has_a_label_and_a_unique_key_where_it_shows() {
        for (group, fields) in item_groups() {
            for f in &fields {
                assert!(!f.label.is_empty(), "{group}: {}", f.path);
                // Two fields may share a path only under different conditions.
                let same: Vec<_> = fields.iter().filter(|g| g.path == f.path).collect();
                if same.len() > 1 {
                    assert!(same.iter().all(|g| g.when.is_some()), "{}", f.path);
                }
            }
        }
    }
}
