//! Every chart's numbers as a table, behind a toggle: the text alternative to the picture.
//! The rows come from the same results the chart draws.

use yew::prelude::*;

use crate::charts::{cost_parts, money_prefix, typical_order, ChartKind};
use crate::core::numbers::{Dec, Num};
use crate::core::optimise::{RuleOption, RuleShape};
use crate::core::Comparison;
use crate::ui::chart_canvas::Chart;

#[derive(Properties, PartialEq)]
pub struct ChartDataProps {
    pub chart: Chart,
    pub currency: AttrValue,
    /// The test hook's stem, e.g. `chart-frontier`.
    pub key_stem: AttrValue,
}

/// A rule's short name: "every 7 days", "(r, Q), Q = 240", "(s, S), S − s = 240".
fn rule_name(o: &RuleOption) -> String {
    match o.shape {
        RuleShape::Periodic { review_days: 1 } => "order-up-to, every day".into(),
        RuleShape::Periodic { review_days } => format!("order-up-to, every {review_days} days"),
        RuleShape::ReorderQuantity { quantity } => format!("(r, Q), Q = {}", Num(quantity)),
        RuleShape::MinMax { gap } => format!("(s, S), S − s = {}", Num(gap)),
    }
}

/// Header and rows of a chart's data.
fn table(chart: &Chart, currency: &str) -> (Vec<String>, Vec<Vec<String>>) {
    let p = money_prefix(currency);
    let money = |x: f64| crate::ui::view_model::amount(x, &p);
    let one = |x: f64| Dec(x, 1).to_string();
    match chart {
        Chart::Frontier(f, _) => (
            vec![
                "Buffer (days)".into(),
                "Cost above the optimum per year (± SE, paired)".into(),
                "Total cost per year".into(),
                "Stockout days per year".into(),
                "Fill rate".into(),
                "Cash tied up".into(),
            ],
            f.points
                .iter()
                .map(|pt| {
                    let r = &pt.result;
                    vec![
                        Num((pt.buffer_days * 100.0).round() / 100.0).to_string(),
                        format!(
                            "{} ± {}",
                            money(pt.cost_above_best.mean()),
                            Num(pt.cost_above_best.se().round())
                        ),
                        money(r.total_cost_per_year.mean()),
                        one(r.stockout_days_per_year.mean()),
                        format!("{}%", Dec(r.fill_rate.mean() * 100.0, 2)),
                        money(r.avg_cash_tied_up.mean()),
                    ]
                })
                .collect(),
        ),
        Chart::Rules(f) => (
            vec![
                "Rule".into(),
                "Typical order (units)".into(),
                "Orders per year".into(),
                "Buffer (days)".into(),
                "Cost above the optimum per year (± SE, paired)".into(),
                "Total cost per year".into(),
            ],
            f.rules
                .iter()
                .map(|o| {
                    let r = &o.point.result;
                    vec![
                        rule_name(o),
                        one(typical_order(o)),
                        one(r.orders_per_year.mean()),
                        Num((o.point.buffer_days * 100.0).round() / 100.0).to_string(),
                        format!(
                            "{} ± {}",
                            money(o.point.cost_above_best.mean()),
                            Num(o.point.cost_above_best.se().round())
                        ),
                        money(r.total_cost_per_year.mean()),
                    ]
                })
                .collect(),
        ),
        Chart::Comparison(ChartKind::InventoryOverTime, c) => inventory(c),
        Chart::Comparison(ChartKind::CostAndStockouts, c) => (
            vec![
                "Policy".into(),
                "Capital holding".into(),
                "Storage".into(),
                "Ordering".into(),
                "Shortage".into(),
                "Write-offs".into(),
                "Cost excl. purchases per year".into(),
                "Stockout days per year".into(),
            ],
            c.policies
                .iter()
                .map(|r| {
                    vec![
                        r.name.clone(),
                        money(r.holding_cost_per_year.mean()),
                        money(r.storage_cost_per_year.mean()),
                        money(r.ordering_cost_per_year.mean()),
                        money(r.backorder_cost_per_year.mean() + r.lost_sale_cost_per_year.mean()),
                        money(r.expiry_cost_per_year.mean() + r.obsolescence_cost_per_year.mean()),
                        money(r.operating_cost_per_year.mean()),
                        one(r.stockout_days_per_year.mean()),
                    ]
                })
                .collect(),
        ),
        Chart::Comparison(ChartKind::Distributions, c) => (
            vec![
                "Policy".into(),
                "Yearly cost P5".into(),
                "P50".into(),
                "P95".into(),
                "Stockout days P5".into(),
                "P50".into(),
                "P95".into(),
            ],
            c.policies
                .iter()
                .map(|r| {
                    let (q, s) = (r.total_cost_quantiles, r.stockout_days_quantiles);
                    vec![
                        r.name.clone(),
                        money(q.p5),
                        money(q.p50),
                        money(q.p95),
                        one(s.p5),
                        one(s.p50),
                        one(s.p95),
                    ]
                })
                .collect(),
        ),
    }
}

/// The inventory chart's means, every 30 days, and each policy's band where it was sampled.
fn inventory(c: &Comparison) -> (Vec<String>, Vec<Vec<String>>) {
    let mut header = vec!["Day".to_owned()];
    header.extend(c.policies.iter().map(|p| format!("{}: mean on hand (units)", p.name)));
    if !c.supplier_down_share_by_day.is_empty() {
        header.push("Supplier down (share of runs)".into());
    }
    // Expedites and backup orders placed: a share of runs a day, averaged over the 30 days
    // from the row's (single days are mostly none).
    let mut marks: Vec<&[f64]> = Vec::new();
    for p in &c.policies {
        for (what, share) in [
            ("expedites", &p.expedite_share_by_day),
            ("backup orders", &p.backup_order_share_by_day),
        ] {
            if !share.is_empty() {
                header.push(format!("{}: {what} (share of runs a day, next 30 days)", p.name));
                marks.push(share);
            }
        }
    }
    let days = c.settings.horizon_days() as usize;
    let rows =
        (0..days)
            .step_by(30)
            .chain(std::iter::once(days.saturating_sub(1)))
            .map(|d| {
                let mut row = vec![d.to_string()];
                row.extend(c.policies.iter().map(|p| {
                    Dec(p.mean_on_hand_by_day.get(d).copied().unwrap_or(0.0), 1).to_string()
                }));
                if let Some(s) = c.supplier_down_share_by_day.get(d) {
                    row.push(format!("{}%", Dec(s * 100.0, 0)));
                }
                for share in &marks {
                    let window = &share[d.min(share.len())..(d + 30).min(share.len())];
                    let mean = window.iter().sum::<f64>() / window.len().max(1) as f64;
                    row.push(format!("{}%", Dec(mean * 100.0, 1)));
                }
                row
            })
            .collect();
    (header, rows)
}

/// " (4 May 2027)" when the scenario has a start date.
fn date(c: &Comparison, day: usize) -> String {
    c.settings
        .start_date()
        .map_or(String::new(), |d| format!(" ({})", d.plus_days(day as i64).short()))
}

/// What a pointer at `x` on plot `plot` of a chart reads, in words: a buffer in days on the
/// frontier, a day on the inventory chart, a policy's bar (x from 0 to the number of
/// policies) on the cost chart, a yearly cost or a number of stockout days on the spread.
pub fn hover_text(chart: &Chart, plot: usize, x: f64, currency: &str) -> Option<String> {
    let p = money_prefix(currency);
    let money = |v: f64| crate::ui::view_model::amount(v, &p);
    match chart {
        Chart::Frontier(f, _) => {
            let near = f
                .points
                .iter()
                .min_by(|a, b| (a.buffer_days - x).abs().total_cmp(&(b.buffer_days - x).abs()))?;
            let r = &near.result;
            Some(format!(
                "Buffer {} days: {p}{} ± {} a year above the optimum; {} stockout days a year; fill rate {}%",
                Num((near.buffer_days * 100.0).round() / 100.0),
                Num(near.cost_above_best.mean().round()),
                Num(near.cost_above_best.se().round()),
                Dec(r.stockout_days_per_year.mean(), 1),
                Dec(r.fill_rate.mean() * 100.0, 2)
            ))
        }
        Chart::Rules(f) => {
            let near = f.rules.iter().min_by(|a, b| {
                (typical_order(a) - x).abs().total_cmp(&(typical_order(b) - x).abs())
            })?;
            Some(format!(
                "{}: about {} units an order; buffer {} days; {p}{} ± {} a year above the optimum",
                rule_name(near),
                Num(typical_order(near).round()),
                Num((near.point.buffer_days * 100.0).round() / 100.0),
                Num(near.point.cost_above_best.mean().round()),
                Num(near.point.cost_above_best.se().round()),
            ))
        }
        Chart::Comparison(ChartKind::InventoryOverTime, c) => {
            let day = x.round().max(0.0) as usize;
            let parts: Vec<String> = c
                .policies
                .iter()
                .filter_map(|r| {
                    r.mean_on_hand_by_day.get(day).map(|v| format!("{} {}", r.name, Dec(*v, 0)))
                })
                .collect();
            (!parts.is_empty()).then(|| {
                format!("Day {day}{}, mean on hand (units): {}", date(c, day), parts.join("; "))
            })
        }
        Chart::Comparison(ChartKind::CostAndStockouts, c) => {
            let r = c.policies.get((x.max(0.0) as usize).min(c.policies.len().checked_sub(1)?))?;
            Some(if plot == 0 {
                let parts: Vec<String> = cost_parts(r, c.shortage)
                    .iter()
                    .filter(|(_, v, _)| *v != 0.0)
                    .map(|(label, v, _)| format!("{} {}", label.to_lowercase(), money(*v)))
                    .collect();
                format!(
                    "{}: {} ± {} a year excl. purchases ({})",
                    r.name,
                    money(r.operating_cost_per_year.mean()),
                    Num(r.operating_cost_per_year.se().round()),
                    parts.join(", ")
                )
            } else {
                format!(
                    "{}: {} ± {} stockout days a year; fill rate {}%",
                    r.name,
                    Dec(r.stockout_days_per_year.mean(), 1),
                    Dec(r.stockout_days_per_year.se(), 1),
                    Dec(r.fill_rate.mean() * 100.0, 2)
                )
            })
        }
        Chart::Comparison(ChartKind::Distributions, c) => {
            // The share of runs at or below the value: an empirical distribution function.
            let share = |values: &[f64]| {
                let n = values.len().max(1) as f64;
                values.iter().filter(|v| **v <= x).count() as f64 / n * 100.0
            };
            let parts: Vec<String> = c
                .policies
                .iter()
                .map(|r| {
                    let values = if plot == 0 {
                        &r.cost_by_replication
                    } else {
                        &r.stockout_days_by_replication
                    };
                    format!("{} {}%", r.name, Dec(share(values), 0))
                })
                .collect();
            let what = if plot == 0 {
                format!("Yearly cost at most {}", money(x))
            } else {
                format!("At most {} stockout days a year", Dec(x.max(0.0), 1))
            };
            Some(format!("{what}, share of runs: {}", parts.join("; ")))
        }
    }
}

#[function_component(ChartData)]
pub fn chart_data(props: &ChartDataProps) -> Html {
    let open = use_state(|| false);
    let toggle = {
        let open = open.clone();
        Callback::from(move |_: MouseEvent| open.set(!*open))
    };
    let id = format!("{}-data", props.key_stem);
    html! {
        <div class="chart-data">
            <button type="button" class="data-toggle" aria-expanded={open.to_string()} aria-controls={id.clone()}
                onclick={toggle} data-testid={format!("{}-data-toggle", props.key_stem)}>
                { if *open { "Hide the data" } else { "Show the data as a table" } }
            </button>
            if *open {
                { {
                    let (header, rows) = table(&props.chart, &props.currency);
                    html! {
                        <div class="table-scroll" id={id} data-testid={format!("{}-data", props.key_stem)}
                            tabindex="0" role="region" aria-label={format!("{}: data", props.key_stem)}>
                            <table class="data">
                                <thead><tr>{ for header.iter().map(|h| html! { <th scope="col">{ h.clone() }</th> }) }</tr></thead>
                                <tbody>
                                    { for rows.iter().map(|row| html! {
                                        <tr>{ for row.iter().map(|cell| html! { <td>{ cell.clone() }</td> }) }</tr>
                                    }) }
                                </tbody>
                            </table>
                        </div>
                    }
                } }
            }
        </div>
    }
}

#[cfg(test)]
mod tests {
    use std::rc::Rc;

    use super::*;
    use crate::core::{simulate, Scenario, ScenarioInput};

    fn comparison() -> Rc<Comparison> {
        let input = ScenarioInput { n_replications: 200.0, ..Default::default() };
        Rc::new(simulate(&Scenario::try_from(input).unwrap()))
    }

    #[test]
    fn a_pointer_on_a_cost_bar_reads_that_policy_and_its_parts() {
        let c = comparison();
        let chart = Chart::Comparison(ChartKind::CostAndStockouts, c.clone());
        // x from 0 to the number of policies, one unit a bar: 1.5 is the second's middle.
        let text = hover_text(&chart, 0, 1.5, "USD").unwrap();
        let jic = &c.policies[1];
        assert!(text.starts_with(&format!("{}: $", jic.name)), "{text}");
        assert!(text.contains("capital holding $"), "{text}");
        let days = hover_text(&chart, 1, 0.2, "USD").unwrap();
        assert!(days.starts_with(&format!("{}: ", c.policies[0].name)), "{days}");
        assert!(days.contains(&format!("{:.1} ±", c.policies[0].stockout_days_per_year.mean())));
        // Past the last bar (the axis's right end) reads the last, not nothing.
        let last = hover_text(&chart, 0, c.policies.len() as f64, "USD").unwrap();
        assert!(last.starts_with(&c.policies.last().unwrap().name), "{last}");
    }

    #[test]
    fn a_pointer_on_a_spread_reads_the_share_of_runs_at_or_below() {
        let c = comparison();
        let chart = Chart::Comparison(ChartKind::Distributions, c.clone());
        let costs = &c.policies[0].cost_by_replication;
        let highest = costs.iter().copied().fold(f64::NEG_INFINITY, f64::max);
        let lowest = costs.iter().copied().fold(f64::INFINITY, f64::min);
        let all = hover_text(&chart, 0, highest, "USD").unwrap();
        assert!(all.contains(&format!("{} 100%", c.policies[0].name)), "{all}");
        // Just below the cheapest run: none of JIT's runs.
        let none = hover_text(&chart, 0, lowest - 1.0, "USD").unwrap();
        assert!(none.contains(&format!("{} 0%", c.policies[0].name)), "{none}");
        let days = hover_text(&chart, 1, 0.0, "USD").unwrap();
        assert!(days.starts_with("At most 0.0 stockout days a year"), "{days}");
    }
}
