//! Turns core results into the text the page shows: one place for number formats, so the
//! table, the summary and the charts agree.

use crate::charts::money_prefix;
use crate::core::numbers::{tenths, Dec, Num};
use crate::core::optimise::days_of;
use crate::core::{Comparison, MeanSe, PolicyKind, PolicyResult, Shortage};

/// One metric row of the results table.
#[derive(Clone, Debug, PartialEq)]
pub struct Row {
    /// A stable key for test hooks.
    pub key: &'static str,
    pub label: &'static str,
    /// What the metric means, shown on hover.
    pub definition: &'static str,
    /// One cell per policy, in the comparison's order.
    pub cells: Vec<String>,
}

/// How one metric is read off a policy's results and written.
struct Metric {
    key: &'static str,
    label: &'static str,
    definition: &'static str,
    value: fn(&PolicyResult) -> MeanSe,
    /// Formats a mean and its standard error; money uses the prefix given.
    format: fn(f64, f64, &str) -> String,
    /// Whether the item's results have this row (margin needs a price, lost sales a
    /// lost-sale item, cash in transit terms paid at order).
    shown: fn(&Comparison) -> bool,
}

fn always(_: &Comparison) -> bool {
    true
}

fn priced(c: &Comparison) -> bool {
    c.selling_price.is_some()
}

fn backordering(c: &Comparison) -> bool {
    c.shortage == Shortage::Backorder
}

fn losing_sales(c: &Comparison) -> bool {
    c.shortage == Shortage::LostSale
}

fn paid_in_transit(c: &Comparison) -> bool {
    c.policies.iter().any(|p| p.avg_cash_in_transit.mean() != 0.0)
}

fn expediting(c: &Comparison) -> bool {
    c.levers.expedite
}

fn second_source(c: &Comparison) -> bool {
    c.levers.backup
}

fn limited_space(c: &Comparison) -> bool {
    c.levers.storage
}

fn priced_over_time(c: &Comparison) -> bool {
    c.levers.prices
}

fn buying_ahead(c: &Comparison) -> bool {
    c.levers.forward_buy
}

fn owing(c: &Comparison) -> bool {
    c.policies.iter().any(|p| p.avg_owed_to_suppliers.mean() != 0.0)
}

/// An amount in whole currency units: "$1,200", or "-$1,200" for a credit (capital holding
/// on cash a supplier finances, a margin below zero), the sign before the currency.
pub use crate::core::numbers::amount;

/// An amount with its standard error: "$1,200 ± 30".
pub fn money(mean: f64, se: f64, prefix: &str) -> String {
    format!("{} ± {}", amount(mean, prefix), Num(se.round()))
}

fn units(mean: f64, se: f64, _: &str) -> String {
    format!("{} ± {}", Dec(mean, 1), Dec(se, 1))
}

fn percent(mean: f64, se: f64, _: &str) -> String {
    format!("{}% ± {}", Dec(mean * 100.0, 2), Dec(se * 100.0, 2))
}

const METRICS: [Metric; 35] = [
    Metric {
        key: "total-cost",
        label: "Total cost per year",
        definition: "Purchases + ordering + capital holding + storage + shortage (backorder penalty, or lost sales at price plus goodwill) + write-offs + expediting, overflow space and the backup supplier where the item has them, per year.",
        value: |p| p.total_cost_per_year,
        format: money,
        shown: always,
    },
    Metric {
        key: "margin",
        label: "Margin per year",
        definition: "Selling price × units demanded − total cost: revenue less every cost, goodwill on lost sales included. The policy with the least total cost has the most margin.",
        value: |p| p.margin_per_year,
        format: money,
        shown: priced,
    },
    Metric {
        key: "purchase-cost",
        label: "Purchases (net) per year",
        definition: "Unit cost × units ordered, counting the stock position at the start of the measured days as bought then and crediting the position at their end.",
        value: |p| p.purchase_cost_per_year,
        format: money,
        shown: always,
    },
    Metric {
        key: "price-paid",
        label: "Price paid per unit",
        definition: "What the orders paid ÷ their units, each at the price of the day it was placed (or the agreed price within a supply agreement).",
        value: |p| p.price_paid_per_unit,
        format: money,
        shown: priced_over_time,
    },
    Metric {
        key: "forward-bought",
        label: "Units bought ahead per year",
        definition: "Units ordered on top of the rule at the last review before an announced price rise.",
        value: |p| p.forward_bought_units_per_year,
        format: units,
        shown: buying_ahead,
    },
    Metric {
        key: "operating-cost",
        label: "Cost excl. purchases per year",
        definition: "Ordering + capital holding + storage + shortage + write-offs + expediting, overflow space and the backup supplier where the item has them, per year: what the choice of buffer changes besides purchases.",
        value: |p| p.operating_cost_per_year,
        format: money,
        shown: always,
    },
    Metric {
        key: "holding-cost",
        label: "Capital holding per year",
        definition: "Holding rate × the cash tied up at the end of each day (a credit when the supplier finances more than is on hand).",
        value: |p| p.holding_cost_per_year,
        format: money,
        shown: always,
    },
    Metric {
        key: "storage-cost",
        label: "Storage per year",
        definition: "Storage cost per unit per day × units on hand at the end of each day.",
        value: |p| p.storage_cost_per_year,
        format: money,
        shown: always,
    },
    Metric {
        key: "ordering-cost",
        label: "Ordering per year",
        definition: "Fixed cost per order × orders placed, plus freight per shipment where the item has it.",
        value: |p| p.ordering_cost_per_year,
        format: money,
        shown: always,
    },
    Metric {
        key: "expedite-cost",
        label: "Expediting per year",
        definition: "Premium per expedited unit × units expedited + the charge per expedite (the units themselves are purchases).",
        value: |p| p.expedite_cost_per_year,
        format: money,
        shown: expediting,
    },
    Metric {
        key: "expedites",
        label: "Expedites per year",
        definition: "Emergency orders placed when stock on hand − customers waiting + what arrives within the expedite lead time fell below the trigger.",
        value: |p| p.expedites_per_year,
        format: units,
        shown: expediting,
    },
    Metric {
        key: "backup-cost",
        label: "Backup supplier per year",
        definition: "Units from the backup × (its unit cost − the item's) + orders to it × its order cost (the units themselves are purchases; negative when the backup is cheaper).",
        value: |p| p.backup_cost_per_year,
        format: money,
        shown: second_source,
    },
    Metric {
        key: "backup-orders",
        label: "Orders to the backup per year",
        definition: "Orders placed with the backup supplier, under the item's sourcing rule.",
        value: |p| p.backup_orders_per_year,
        format: units,
        shown: second_source,
    },
    Metric {
        key: "no-source-days",
        label: "Days no source ships per year",
        definition: "Days the item's supplier and the backup were both down: nothing could be ordered from either.",
        value: |p| p.no_source_days_per_year,
        format: units,
        shown: second_source,
    },
    Metric {
        key: "overflow-cost",
        label: "Overflow space per year",
        definition: "Rent per unit per day × units on hand above the item's space at the end of each day (when overflow space is rented).",
        value: |p| p.overflow_cost_per_year,
        format: money,
        shown: limited_space,
    },
    Metric {
        key: "overflow-days",
        label: "Days over the space per year",
        definition: "Days ending with more on hand than the item's space holds.",
        value: |p| p.overflow_days_per_year,
        format: units,
        shown: limited_space,
    },
    Metric {
        key: "refused-units",
        label: "Units refused per year",
        definition: "Units of deliveries sent back for want of space (not bought); the next review orders them again.",
        value: |p| p.refused_units_per_year,
        format: units,
        shown: limited_space,
    },
    Metric {
        key: "backorder-cost",
        label: "Backorder penalty per year",
        definition: "Penalty per unit per day × units waiting at the end of each day.",
        value: |p| p.backorder_cost_per_year,
        format: money,
        shown: backordering,
    },
    Metric {
        key: "lost-sale-cost",
        label: "Lost sales per year",
        definition: "Units of demand lost × (selling price + goodwill): a lost unit is never bought, so it costs its whole price, not only its margin.",
        value: |p| p.lost_sale_cost_per_year,
        format: money,
        shown: losing_sales,
    },
    Metric {
        key: "lost-units",
        label: "Units lost per year",
        definition: "Demand not served from stock and gone (lost-sale mode).",
        value: |p| p.lost_units_per_year,
        format: units,
        shown: losing_sales,
    },
    Metric {
        key: "avg-on-hand",
        label: "Average on hand (units)",
        definition: "Mean end-of-day stock on hand after the warm-up.",
        value: |p| p.avg_on_hand,
        format: units,
        shown: always,
    },
    Metric {
        key: "avg-value",
        label: "Average inventory value",
        definition: "Average units on hand × unit cost: the value of the stock on the shelf.",
        value: |p| p.avg_inventory_value,
        format: money,
        shown: always,
    },
    Metric {
        key: "avg-cash",
        label: "Cash tied up, average",
        definition: "Paid for and not yet sold: unit cost × (on hand + in transit already paid for − received and not yet paid for), at the end of each day. Capital holding is charged on it.",
        value: |p| p.avg_cash_tied_up,
        format: money,
        shown: always,
    },
    Metric {
        key: "peak-cash",
        label: "Cash tied up, peak",
        definition: "The most cash tied up at the end of any measured day.",
        value: |p| p.peak_cash_tied_up,
        format: money,
        shown: always,
    },
    Metric {
        key: "cash-in-transit",
        label: "… of which in transit",
        definition: "The part of the average cash tied up in stock on its way (paid at order).",
        value: |p| p.avg_cash_in_transit,
        format: money,
        shown: paid_in_transit,
    },
    Metric {
        key: "owed",
        label: "Owed to the supplier, average",
        definition: "Received and not yet paid for (paid after receipt): taken off the cash tied up.",
        value: |p| p.avg_owed_to_suppliers,
        format: money,
        shown: owing,
    },
    Metric {
        key: "fill-rate",
        label: "Fill rate",
        definition: "Units served from stock on the day they were demanded ÷ units demanded.",
        value: |p| p.fill_rate,
        format: percent,
        shown: always,
    },
    Metric {
        key: "stockout-days",
        label: "Stockout days per year",
        definition: "Days with any demand not served from stock, per year.",
        value: |p| p.stockout_days_per_year,
        format: units,
        shown: always,
    },
    Metric {
        key: "ready-rate",
        label: "Ready rate",
        definition: "1 − stockout days ÷ days: the share of days with no demand left unserved.",
        value: |p| p.ready_rate,
        format: percent,
        shown: always,
    },
    Metric {
        key: "orders",
        label: "Orders per year",
        definition: "Replenishment orders placed, per year.",
        value: |p| p.orders_per_year,
        format: units,
        shown: always,
    },
    Metric {
        key: "units-ordered",
        label: "Units ordered per year",
        definition: "Units on the purchase orders placed, per year (with a supply yield, more than arrive).",
        value: |p| p.units_ordered_per_year,
        format: units,
        shown: always,
    },
    Metric {
        key: "peak-on-hand",
        label: "Peak on hand (units)",
        definition: "The most stock on hand at the end of any measured day.",
        value: |p| p.peak_on_hand,
        format: units,
        shown: always,
    },
    Metric {
        key: "cycle-service",
        label: "Cycle service level",
        definition: "Share of replenishment cycles (from one order to the next) without a stockout day.",
        value: |p| p.cycle_service_level,
        format: percent,
        shown: always,
    },
    Metric {
        key: "longest-stockout",
        label: "Longest stockout (days)",
        definition: "The longest run of consecutive stockout days.",
        value: |p| p.longest_stockout_days,
        format: units,
        shown: always,
    },
    Metric {
        key: "mean-wait",
        label: "Mean customer wait (days)",
        definition: "Waiting unit-days ÷ units demanded: the average wait over every unit, 0 for those served from stock.",
        value: |p| p.mean_wait_days,
        format: units,
        shown: always,
    },
];

/// The results table: one row per metric, one cell per policy, each "mean ± standard error".
pub fn rows(c: &Comparison, currency: &str) -> Vec<Row> {
    let prefix = money_prefix(currency);
    let mut rows: Vec<Row> = METRICS
        .iter()
        .filter(|m| (m.shown)(c))
        .map(|m| Row {
            key: m.key,
            label: m.label,
            definition: m.definition,
            cells: c
                .policies
                .iter()
                .map(|p| {
                    let v = (m.value)(p);
                    (m.format)(v.mean(), v.se(), &prefix)
                })
                .collect(),
        })
        .collect();
    rows.insert(1, cost_spread(c, &prefix));
    if c.policies.iter().any(|p| p.policy.target.is_some()) {
        rows.push(targets(c));
    }
    rows.push(buffers(c));
    rows.push(turns(c));
    rows
}

/// Each policy's service target and what it achieves: "95% cycle service level: 95.1% ±
/// 0.3 achieved", or out of reach, or "—" for a policy without one.
pub fn targets(c: &Comparison) -> Row {
    Row {
        key: "service-target",
        label: "Service target",
        definition: "The target a JIC policy was sized for, on a sizing run of its own, and what the policy achieves here (mean ± standard error). Out of reach: even two years of cover miss it.",
        cells: c
            .policies
            .iter()
            .map(|p| {
                let Some(sizing) = p.policy.target else { return "—".to_owned() };
                let (what, goal, achieved) = match sizing.target {
                    crate::core::ServiceTarget::CycleServiceLevel(a) => {
                        ("cycle service level", a, p.cycle_service_level)
                    }
                    crate::core::ServiceTarget::FillRate(b) => ("fill rate", b, p.fill_rate),
                };
                let goal = Num((goal * 1000.0).round() / 10.0);
                if sizing.reached {
                    format!("{goal}% {what}: {} achieved", percent(achieved.mean(), achieved.se(), ""))
                } else {
                    format!(
                        "{goal}% {what}: out of reach; {} at {} days of cover",
                        percent(achieved.mean(), achieved.se(), ""),
                        Num(p.policy.buffer_days.round())
                    )
                }
            })
            .collect(),
    }
}

/// Each policy's level above (or below) the JIT level, in days of mean demand and units.
pub fn buffers(c: &Comparison) -> Row {
    Row {
        key: "buffer",
        label: "Buffer above the JIT level",
        definition: "The policy's level above the JIT level (expected demand over the protection period), in days of mean demand: an order-up-to level S − E[demand over L + R]; a reorder point s − E[demand over L] (plus R when reviewed every R days). Negative below the JIT level.",
        cells: c
            .policies
            .iter()
            .map(|p| {
                format!(
                    "{} days ({} units)",
                    tenths(p.policy.buffer_days),
                    Num(p.policy.buffer_units.round())
                )
            })
            .collect(),
    }
}

/// Inventory turns per policy: "12.3 ± 0.4", or "—" when nothing is held on average.
pub fn turns(c: &Comparison) -> Row {
    Row {
        key: "turns",
        label: "Inventory turns per year",
        definition: "Units shipped per year ÷ average units on hand (the ratio of the means, its standard error by the delta method); — when no stock is held.",
        cells: c
            .policies
            .iter()
            .map(|p| match (p.turns.ratio(), p.turns.se()) {
                (Some(r), Some(se)) => units(r, se, ""),
                _ => "—".to_owned(),
            })
            .collect(),
    }
}

/// The spread of yearly cost across replications, one cell per policy: "P5 – P95 (median)".
pub fn cost_spread(c: &Comparison, prefix: &str) -> Row {
    Row {
        key: "cost-spread",
        label: "Yearly cost, P5 – P95 (median)",
        definition: "5th and 95th percentiles and the median of a replication's yearly cost: the risk, not just the mean.",
        cells: c
            .policies
            .iter()
            .map(|p| {
                let q = p.total_cost_quantiles;
                format!(
                    "{prefix}{} – {prefix}{} ({prefix}{})",
                    Num(q.p5.round()),
                    Num(q.p95.round()),
                    Num(q.p50.round())
                )
            })
            .collect(),
    }
}

/// One sentence comparing JIC with JIT on the same draws (empty unless both are compared).
pub fn summary(c: &Comparison, currency: &str) -> String {
    let prefix = money_prefix(currency);
    let money = |v: f64| amount(v, &prefix);
    let mut out = String::new();
    if let (Some(jit), Some(jic)) = (c.policy(PolicyKind::Jit), c.policy(PolicyKind::Jic)) {
        let cost_gap = jic.total_cost_per_year.mean() - jit.total_cost_per_year.mean();
        let stockout_gap = jit.stockout_days_per_year.mean() - jic.stockout_days_per_year.mean();
        let units = jic.policy.buffer_units.round();
        let days = days_of(jic.policy.buffer_days);
        // A buffer of days of no demand is no units: say the days, not "0 units".
        let buffer = if jic.policy.buffer_units == 0.0 {
            format!("JIC's buffer of {days} of demand (no units: the item has no demand)")
        } else if units == 0.0 {
            format!("JIC's buffer of {days} of demand (under one unit)")
        } else {
            format!("JIC's buffer of {} units ({days} of demand)", Num(units))
        };
        out = format!(
            "{buffer} costs {} {} per year than JIT, with {} {} stockout days per year. ",
            money(cost_gap.abs()),
            if cost_gap <= 0.0 { "less" } else { "more" },
            Dec(stockout_gap.abs(), 1),
            if stockout_gap >= 0.0 { "fewer" } else { "more" },
        );
    }
    // With more than JIT and one JIC (or without them), which policy is cheapest, and
    // whether the next one is clearly dearer on the same draws.
    let order = c.by_cost();
    if let [best, next, ..] = order[..] {
        if out.is_empty() || c.policies.len() > 2 {
            let (b, n) = (&c.policies[best], &c.policies[next]);
            let gap = c.paired_cost_difference(next, best);
            let versus = if gap.mean().abs() <= 1.96 * gap.se() {
                format!("{} costs the same within the noise", n.name)
            } else {
                format!(
                    "{} less than the next, {} (± {})",
                    money(gap.mean()),
                    n.name,
                    Num((1.96 * gap.se()).round())
                )
            };
            out.push_str(&format!(
                "Cheapest of the {} policies: {}, {} per year with {} stockout days; {versus}. ",
                c.policies.len(),
                b.name,
                money(b.total_cost_per_year.mean()),
                Dec(b.stockout_days_per_year.mean(), 1),
            ));
        }
    }
    out.push_str(&format!(
        "Means of {} runs of {} days.",
        Num(c.settings.n_replications().into()),
        Num(c.settings.horizon_days().into()),
    ));
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::{simulate, Scenario, ScenarioInput};

    #[test]
    fn rows_hold_every_metric_for_both_policies() {
        let s = Scenario::try_from(ScenarioInput {
            demand_sd_per_day: 0.0,
            lead_time_days: 5.0,
            ..Default::default()
        })
        .unwrap();
        let rows = rows(&simulate(&s), "USD");
        // Backorders, no price, paid on receipt, no expediting, room for anything and a price
        // that stays put: no margin, lost-sale, in-transit, owed, expediting, storage-space,
        // price-paid or bought-ahead rows.
        assert_eq!(rows.len(), METRICS.len() - 5 - 5 + 3 - 2 - 3);
        let absent = [
            "margin",
            "lost-units",
            "owed",
            "expedites",
            "overflow-days",
            "refused-units",
            "price-paid",
            "forward-bought",
            "backup-cost",
            "no-source-days",
        ];
        assert!(rows.iter().all(|r| !absent.contains(&r.key)));
        let row = |key| rows.iter().find(|r| r.key == key).unwrap();
        // Constant demand: hand-computable cells (see tests/core.rs).
        assert_eq!(row("fill-rate").cells, ["100.00% ± 0.00", "100.00% ± 0.00"]);
        assert_eq!(row("avg-on-hand").cells, ["0.0 ± 0.0", "100.0 ± 0.0"]);
        assert_eq!(row("holding-cost").cells, ["$0 ± 0", "$1,000 ± 0"]);
        assert_eq!(row("ready-rate").cells, ["100.00% ± 0.00", "100.00% ± 0.00"]);
        assert_eq!(row("peak-on-hand").cells, ["0.0 ± 0.0", "100.0 ± 0.0"]);
        // 7,300 units a year at $40 plus ordering 20 a day at $5; JIC adds $1,000 of holding
        // and 100 units × $0.01 × 365 of storage. Every replication is alike.
        assert_eq!(
            row("cost-spread").cells,
            ["$293,825 – $293,825 ($293,825)", "$295,190 – $295,190 ($295,190)"]
        );
        assert_eq!(row("purchase-cost").cells, ["$292,000 ± 0", "$292,000 ± 0"]);
        assert_eq!(row("storage-cost").cells, ["$0 ± 0", "$365 ± 0"]);
        // JIT holds nothing: no turns; JIC's 100 units at $40 turn 7,300 ÷ 100 = 73 times.
        assert_eq!(row("avg-value").cells, ["$0 ± 0", "$4,000 ± 0"]);
        // Paid on receipt, the cash tied up is the stock on hand.
        assert_eq!(row("avg-cash").cells, ["$0 ± 0", "$4,000 ± 0"]);
        assert_eq!(row("turns").cells, ["—", "73.0 ± 0.0"]);
        assert_eq!(row("buffer").cells, ["0 days (0 units)", "5 days (100 units)"]);
    }

    #[test]
    fn summary_says_which_way_the_gap_goes() {
        let s = Scenario::try_from(ScenarioInput::default()).unwrap();
        let text = summary(&simulate(&s), "USD");
        assert!(text.starts_with("JIC's buffer of 100 units (5 days of demand) costs $"), "{text}");
        assert!(text.contains("less per year than JIT"), "{text}");
        assert!(text.contains("fewer stockout days"), "{text}");
        // Two policies: the first sentence says it all.
        assert!(!text.contains("Cheapest"), "{text}");
    }

    #[test]
    fn summary_names_the_cheapest_of_many_and_whether_it_is_clearly_so() {
        let spec = crate::share::parse_scenario(
            r#"{ "version": 3, "settings": { "replications": 300 },
              "items": [ { "demand": { "distribution": "normal", "mean": 20, "sd": 6 },
                "lead_time": { "distribution": "fixed", "days": 5 },
                "policies": [ { "policy": "jit" }, { "policy": "jic", "buffer_days": 2 },
                  { "policy": "jic", "buffer_days": 30, "name": "Month of stock" },
                  { "policy": "s_S", "reorder_point": 130, "order_up_to": 131, "name": "Twin" } ] } ] }"#,
        )
        .unwrap();
        let c = simulate(&spec);
        let text = summary(&c, "USD");
        let best = &c.policies[c.by_cost()[0]];
        assert!(text.contains(&format!("Cheapest of the 4 policies: {}, $", best.name)), "{text}");
        assert!(text.ends_with("Means of 300 runs of 365 days."), "{text}");
        // A month of stock is never the cheapest here, and clearly dearer than the best.
        assert_ne!(best.name, "Month of stock");
        let month = c.policies.iter().position(|p| p.name == "Month of stock").unwrap();
        let gap = c.paired_cost_difference(month, c.by_cost()[0]);
        assert!(gap.mean() > 3.0 * gap.se(), "{gap:?}");
        // Without JIT and JIC, only the cheapest is named.
        let only = crate::share::parse_scenario(
            r#"{ "version": 3, "settings": { "replications": 100 },
              "items": [ { "demand": { "distribution": "poisson", "mean": 20 },
                "lead_time": { "distribution": "fixed", "days": 5 },
                "policies": [ { "policy": "base_stock", "order_up_to": 130 },
                              { "policy": "base_stock", "order_up_to": 130, "name": "Same" } ] } ] }"#,
        )
        .unwrap();
        let text = summary(&simulate(&only), "USD");
        assert!(text.starts_with("Cheapest of the 2 policies: "), "{text}");
        // The very same rule on the same draws: no difference at all.
        assert!(text.contains("costs the same within the noise"), "{text}");
    }
}
