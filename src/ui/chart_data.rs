//! Every chart's numbers as a table, behind a toggle: the text alternative to the picture.
//! The rows come from the same results the chart draws.

use yew::prelude::*;

use crate::charts::{money_prefix, ChartKind};
use crate::core::input::Num;
use crate::core::Comparison;
use crate::ui::chart_canvas::Chart;

#[derive(Properties, PartialEq)]
pub struct ChartDataProps {
    pub chart: Chart,
    pub currency: AttrValue,
    /// The test hook's stem, e.g. `chart-frontier`.
    pub key_stem: AttrValue,
}

/// Header and rows of a chart's data.
fn table(chart: &Chart, currency: &str) -> (Vec<String>, Vec<Vec<String>>) {
    let p = money_prefix(currency);
    let money = |x: f64| format!("{p}{}", Num(x.round()));
    let one = |x: f64| format!("{:.1}", x);
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
                        format!("{:.2}%", r.fill_rate.mean() * 100.0),
                        money(r.avg_inventory_value.mean()),
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
    let days = c.settings.horizon_days() as usize;
    let rows =
        (0..days)
            .step_by(30)
            .chain(std::iter::once(days.saturating_sub(1)))
            .map(|d| {
                let mut row = vec![d.to_string()];
                row.extend(c.policies.iter().map(|p| {
                    format!("{:.1}", p.mean_on_hand_by_day.get(d).copied().unwrap_or(0.0))
                }));
                if let Some(s) = c.supplier_down_share_by_day.get(d) {
                    row.push(format!("{:.0}%", s * 100.0));
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

/// What a pointer at `x` (a buffer in days, or a day) reads off a chart, in words.
pub fn hover_text(chart: &Chart, x: f64, currency: &str) -> Option<String> {
    let p = money_prefix(currency);
    match chart {
        Chart::Frontier(f, _) => {
            let near = f
                .points
                .iter()
                .min_by(|a, b| (a.buffer_days - x).abs().total_cmp(&(b.buffer_days - x).abs()))?;
            let r = &near.result;
            Some(format!(
                "Buffer {} days: {p}{} ± {} a year above the optimum; {:.1} stockout days a year; fill rate {:.2}%",
                Num((near.buffer_days * 100.0).round() / 100.0),
                Num(near.cost_above_best.mean().round()),
                Num(near.cost_above_best.se().round()),
                r.stockout_days_per_year.mean(),
                r.fill_rate.mean() * 100.0
            ))
        }
        Chart::Comparison(ChartKind::InventoryOverTime, c) => {
            let day = x.round().max(0.0) as usize;
            let parts: Vec<String> = c
                .policies
                .iter()
                .filter_map(|r| {
                    r.mean_on_hand_by_day.get(day).map(|v| format!("{} {:.0}", r.name, v))
                })
                .collect();
            (!parts.is_empty()).then(|| {
                format!("Day {day}{}, mean on hand (units): {}", date(c, day), parts.join("; "))
            })
        }
        Chart::Comparison(..) => None,
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
