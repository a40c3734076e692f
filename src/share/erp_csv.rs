//! The recommended policies in ERP terms, as CSV: one row per period of an item's plan (and
//! per day of the 7-day cycle when its levels differ by weekday). The numbers are the
//! plan's (`core::plan::erp_plan`), which are the levels the simulation used.

use crate::core::calendar::Date;
use crate::core::optimise::{Advice, Portfolio};

use super::csv_text::cell;
use crate::core::plan::ErpRule;
use crate::core::sourcing::SourcingRule;

/// The header of [`rows`].
pub const HEADER: &str = "item,stance,buffer_days,same_cost_from_days,same_cost_to_days,\
period_start_day,period_start_date,period_end_day,day_of_cycle,\
safety_stock_units,reorder_point_units,order_up_to_units,order_quantity_units,\
review_period_days,minimum_order_units,order_multiple_units,maximum_order_units,\
total_cost_per_year,total_cost_per_year_se,saving_vs_jit_per_year,saving_vs_jit_per_year_se,rule,\
expedite_trigger_units,expedite_order_units,expedite_lead_time_days,\
buy_ahead_days,buy_ahead_units,backup_rule,backup_share,backup_level_units";

/// The rule an ERP runs, by the scenario file's policy names: `order_up_to` (order up to S at
/// every review that finds the position below it), `s_S` (order up to S when the position is at
/// or below s), `r_Q` (order Q, in multiples, when it is at or below r).
fn rule_name(rule: ErpRule) -> &'static str {
    match rule {
        ErpRule::OrderUpTo => "order_up_to",
        ErpRule::MinMax => "s_S",
        ErpRule::ReorderQuantity => "r_Q",
    }
}

/// An item's rows under [`HEADER`] (`day_of_cycle` 0 is day 0's). Dates are written when
/// `start` (the date of day 0) is known.
pub fn rows(advice: &Advice, start: Option<Date>) -> Vec<String> {
    let name = cell(&advice.item);
    let e = &advice.erp;
    let r = |x: f64| format!("{}", (x * 1000.0).round() / 1000.0);
    let mut rows = Vec::new();
    for period in &e.periods {
        let weekly = period.levels.len() > 1;
        for (w, l) in period.levels.iter().enumerate() {
            rows.push(
                [
                    name.clone(),
                    advice.stance.name().to_owned(),
                    r(advice.buffer_days),
                    r(advice.same_cost_days.0),
                    r(advice.same_cost_days.1),
                    period.start_day.to_string(),
                    start.map_or(String::new(), |d| {
                        d.plus_days(i64::from(period.start_day)).to_string()
                    }),
                    period.end_day.to_string(),
                    if weekly { w.to_string() } else { String::new() },
                    r(l.safety_stock_units),
                    r(l.reorder_point_units),
                    r(l.order_up_to_units),
                    r(l.order_quantity_units),
                    e.review_period_days.to_string(),
                    r(e.minimum_order_units),
                    r(e.order_multiple_units),
                    if e.maximum_order_units.is_finite() {
                        r(e.maximum_order_units)
                    } else {
                        String::new()
                    },
                    r(advice.total_cost_per_year.mean()),
                    r(advice.total_cost_per_year.se()),
                    r(advice.saving_vs_jit.mean()),
                    r(advice.saving_vs_jit.se()),
                    rule_name(e.rule).to_owned(),
                    e.expedite.map_or(String::new(), |x| r(x.trigger_units)),
                    e.expedite.map_or(String::new(), |x| r(x.order_units)),
                    e.expedite.map_or(String::new(), |x| x.lead_time_days.to_string()),
                    // Purchases ahead of announced rises, on top of the rule: the review days
                    // and units, in order, separated by spaces.
                    e.buy_ahead.iter().map(|b| b.day.to_string()).collect::<Vec<_>>().join(" "),
                    e.buy_ahead.iter().map(|b| r(b.units)).collect::<Vec<_>>().join(" "),
                    // The backup supplier's rule, when the plan keeps one (`core::sourcing`).
                    match e.backup {
                        Some(SourcingRule::Split { .. }) => "split",
                        Some(SourcingRule::WhilePrimaryDown) => "while_primary_down",
                        Some(SourcingRule::DualIndex { .. }) => "dual_index",
                        None => "",
                    }
                    .to_owned(),
                    match e.backup {
                        Some(SourcingRule::Split { backup_share }) => r(backup_share),
                        _ => String::new(),
                    },
                    match e.backup {
                        Some(SourcingRule::DualIndex { level_units }) => r(level_units),
                        _ => String::new(),
                    },
                ]
                .join(","),
            );
        }
    }
    rows
}

/// One item's plan as a whole CSV file, header first.
pub fn item(advice: &Advice, start: Option<Date>) -> String {
    let mut csv = format!("{HEADER}\n");
    for row in rows(advice, start) {
        csv.push_str(&row);
        csv.push('\n');
    }
    csv
}

/// Every optimised item's recommended policy, header first.
pub fn portfolio(portfolio: &Portfolio) -> String {
    let mut csv = format!("{HEADER}\n");
    for i in &portfolio.items {
        for row in rows(&i.advice, portfolio.start_date) {
            csv.push_str(&row);
            csv.push('\n');
        }
    }
    csv
}
