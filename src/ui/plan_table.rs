//! The recommended plan, period by period: what to type into the ERP where the levels move
//! (a demand shape), and the plan to download, as CSV or as a scenario file that simulates
//! to the optimum's own numbers.

use std::rc::Rc;

use yew::prelude::*;

use crate::core::numbers::tenths;
use crate::core::optimise::Advice;
use crate::share::plan_file::{plan_document, Planned};
use crate::ui::advisor::Shown;
use crate::ui::document::source_of;
use crate::ui::download::download_text;

#[derive(Properties, PartialEq)]
pub struct PlanTableProps {
    pub advice: Rc<Advice>,
    pub shown: Shown,
}

#[function_component(PlanTable)]
pub fn plan_table(props: &PlanTableProps) -> Html {
    let message = use_state(|| None::<String>);
    let Shown(scenario, i) = &props.shown;
    let advice = &props.advice;
    let plan = &advice.erp;
    let start = scenario.settings().start_date();
    let day = |d: u32| match start {
        Some(date) => date.plus_days(i64::from(d)).short(),
        None => format!("day {d}"),
    };
    let csv = {
        let (advice, message) = (advice.clone(), message.setter());
        Callback::from(move |_: MouseEvent| {
            let csv = crate::share::erp_csv::item(&advice, start);
            message.set(download_text("jitjic-plan.csv", "text/csv", &csv).err());
        })
    };
    let file = {
        let (advice, message, scenario, i) =
            (advice.clone(), message.setter(), scenario.clone(), *i);
        Callback::from(move |_: MouseEvent| {
            // The scenario as the page validated it, with this item's policies its plan.
            let doc = source_of(&scenario)
                .and_then(|text| serde_json::from_str::<serde_json::Value>(&text).ok());
            let Some(doc) = doc else {
                message.set(Some("the scenario shown could not be written out".into()));
                return;
            };
            let mut plans: Vec<Option<Planned<'_>>> =
                (0..scenario.items().len()).map(|_| None).collect();
            plans[i] = Some(Planned {
                name: format!(
                    "Plan: optimum {}",
                    crate::core::optimise::days_of(advice.buffer_days)
                ),
                plan: &advice.erp,
                warm_up_days: scenario.items()[i].warm_up_days(),
            });
            let text =
                serde_json::to_string_pretty(&plan_document(&doc, &plans)).unwrap_or_default();
            message.set(download_text("jitjic-plan.json", "application/json", &text).err());
        })
    };
    let weekly = plan.periods.iter().any(|p| p.levels.len() > 1);
    // A day of the 7-day cycle: its weekday when day 0 has a date, else its days.
    let cycle = |w: u32| match start {
        Some(date) => date.plus_days(i64::from(w)).weekday().to_owned(),
        None => format!("days {w}, {}, {} …", w + 7, w + 14),
    };
    let span = |p: &crate::core::plan::ErpPeriod| {
        format!("{} to {}", day(p.start_day), day(p.end_day.saturating_sub(1)))
    };
    let level_cells = |l: &crate::core::plan::ErpLevels| {
        html! {
            <>
                <td data-testid="plan-level">{ tenths(l.order_up_to_units).to_string() }</td>
                <td>{ tenths(l.safety_stock_units).to_string() }</td>
                <td>{ tenths(l.order_quantity_units).to_string() }</td>
            </>
        }
    };
    // Under a weekly pattern, each period heads the rows of its seven days; otherwise one
    // row per period.
    let rows: Vec<Html> = plan
        .periods
        .iter()
        .flat_map(|p| {
            let head = weekly.then(|| {
                html! { <tr class="plan-period"><th scope="rowgroup" colspan="4">{ span(p) }</th></tr> }
            });
            let levels = p.levels.iter().enumerate().map(move |(w, l)| {
                let label = if weekly { cycle(w as u32) } else { span(p) };
                html! {
                    <tr data-testid="plan-row">
                        <th scope="row">{ label }</th>
                        { level_cells(l) }
                    </tr>
                }
            });
            head.into_iter().chain(levels).collect::<Vec<Html>>()
        })
        .collect();
    html! {
        <div class="plan" data-testid="plan">
            if plan.time_phased() {
                <p class="note">{ "The plan period by period: order up to S (its reorder point is S: any review that finds the inventory position below S orders)." }</p>
                <div class="table-scroll" tabindex="0">
                    <table class="plan-table" data-testid="plan-table">
                        <thead>
                            <tr>
                                <th scope="col">{ if weekly { "On" } else { "Period" } }</th>
                                <th scope="col">{ "Order up to S" }</th>
                                <th scope="col">{ "Safety stock" }</th>
                                <th scope="col">{ "Typical order" }</th>
                            </tr>
                        </thead>
                        <tbody>{ for rows }</tbody>
                    </table>
                </div>
            }
            <p class="note">
                { "The plan is exactly what was simulated: typed into an ERP, or opened in jitjic, it gives these numbers." }
            </p>
            <div class="actions">
                <button type="button" onclick={csv} data-testid="download-plan-csv">{ "Download the plan (CSV)" }</button>
                <button type="button" onclick={file} data-testid="download-plan-file">{ "Download the plan as a scenario" }</button>
            </div>
            if let Some(m) = message.as_ref() {
                <p class="link-problem" role="alert">{ m.clone() }</p>
            }
        </div>
    }
}
