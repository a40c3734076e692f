//! The recommended plans as a scenario file: the scenario as it was written, with each
//! planned item comparing exactly one policy, its plan (`"policy": "plan"`, levels by period
//! and day of the week), and the warm-up it was measured after, so that simulating the file
//! gives the optimiser's numbers for those policies, bit for bit. `jitjic optimise --plan
//! FILE` and the page's "Download the plan as a scenario" write it.
//!
//! It edits the scenario document rather than writing the scenario anew: everything else
//! stays as its writer wrote it, and the page needs no second writer of scenario files.

use serde_json::{json, Value};

use crate::core::plan::{ErpPlan, ErpRule};

use super::scenario_file::VERSION;

/// One item's plan: the name it is shown under, the plan, and the warm-up it was measured
/// after (`Item::warm_up_days`).
pub struct Planned<'a> {
    pub name: String,
    pub plan: &'a ErpPlan,
    pub warm_up_days: u32,
}

/// The scenario document `doc` with each item that has a plan (`plans[i]`) comparing that
/// plan alone; items without one keep their policies. The version becomes the one that
/// reads `plan` policies.
pub fn plan_document(doc: &Value, plans: &[Option<Planned<'_>>]) -> Value {
    let mut doc = doc.clone();
    if doc.get("version").and_then(Value::as_u64).is_none_or(|v| v < u64::from(VERSION)) {
        doc["version"] = json!(VERSION);
    }
    let Some(items) = doc.get_mut("items").and_then(Value::as_array_mut) else { return doc };
    for (item, planned) in items.iter_mut().zip(plans) {
        let Some(p) = planned else { continue };
        let periods: Vec<Value> = p
            .plan
            .periods
            .iter()
            .map(|period| {
                let levels: Vec<f64> = period.levels.iter().map(|l| l.order_up_to_units).collect();
                json!({ "start_day": period.start_day, "order_up_to": levels })
            })
            .collect();
        // (s, S) and (r, Q) are planned for items without a demand shape only (one period, one
        // set of levels: `core::optimise::rules`), so their own policies say it exactly.
        let first = p.plan.first();
        item["policies"] = match p.plan.rule {
            ErpRule::OrderUpTo => json!([{
                "policy": "plan",
                "name": p.name,
                "review_period_days": p.plan.review_period_days,
                "periods": periods,
            }]),
            ErpRule::MinMax => json!([{
                "policy": "s_S",
                "name": p.name,
                "reorder_point": first.reorder_point_units,
                "order_up_to": first.order_up_to_units,
                "review_period_days": p.plan.review_period_days,
            }]),
            ErpRule::ReorderQuantity => json!([{
                "policy": "r_Q",
                "name": p.name,
                "reorder_point": first.reorder_point_units,
                "quantity": first.order_quantity_units,
                "review_period_days": p.plan.review_period_days,
            }]),
        };
        // Expediting stays only where the plan keeps it (the optimiser found it pays): the
        // file then simulates what the advice recommends.
        if p.plan.expedite.is_none() {
            if let Some(fields) = item.as_object_mut() {
                fields.remove("expedite");
            }
        }
        // So does buying ahead of announced rises.
        if p.plan.buy_ahead.is_empty() {
            if let Some(prices) = item.get_mut("prices").and_then(Value::as_object_mut) {
                prices.remove("forward_buy");
            }
        }
        // So does the backup supplier, a dual index at the level the optimiser chose.
        match p.plan.backup {
            None => {
                if let Some(fields) = item.as_object_mut() {
                    fields.remove("backup");
                }
            }
            Some(crate::core::sourcing::SourcingRule::DualIndex { level_units }) => {
                if let Some(backup) = item.get_mut("backup").and_then(Value::as_object_mut) {
                    backup.insert("level_units".into(), json!(level_units));
                }
            }
            Some(_) => {}
        }
        // The warm-up follows the longest review period among an item's policies: keep the
        // one the plan was measured after.
        item["warm_up_days"] = json!(p.warm_up_days);
    }
    doc
}
