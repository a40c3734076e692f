//! The optimiser on the page: after the item's first results are on screen, its frontier is
//! worked out and drawn with the advice, the recommended policy in ERP terms, and (on request)
//! the drivers ranked. A newer scenario supersedes a run not yet started.

use std::rc::Rc;

use yew::prelude::*;

use crate::charts::{money_prefix, ChartKind};
use crate::core::budget::{self, Fit};
use crate::core::numbers::{tenths, Dec};
use crate::core::optimise::{advise, days_of, Advice, Frontier, NothingToChoose, Sensitivity};
use crate::core::plan::ErpRule;
use crate::core::{Comparison, Scenario, Shortage};
use crate::ui::chart_canvas::{Chart, ChartCanvas};
use crate::ui::plan_table::PlanTable;
use crate::ui::pool::{submit, Priority, Ticket};
use crate::worker::{Outcome as WorkerOutcome, Task};

/// The scenario shown and the item picked, by identity: a new valid scenario is a new value.
#[derive(Clone)]
pub struct Shown(pub Rc<Scenario>, pub usize);

impl PartialEq for Shown {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.0, &other.0) && self.1 == other.1
    }
}

/// The frontier, the advice, and JIT / JIC / the optimum side by side for the inventory chart.
type Outcome = Result<(Rc<Frontier>, Rc<Advice>, Rc<Comparison>), NothingToChoose>;

#[derive(Properties, PartialEq)]
pub struct AdvisorProps {
    pub shown: Shown,
}

/// Buffers on the item's frontier (the optimiser's default).
pub const POINTS: u32 = 25;

#[function_component(Advisor)]
pub fn advisor(props: &AdvisorProps) -> Html {
    let result = use_state(|| None::<(Shown, Rc<Outcome>)>);
    let drivers = use_state(|| None::<(Shown, Option<Rc<Sensitivity>>)>);
    let drivers_refused = use_state(|| None::<(Shown, String)>);
    let ranking = use_state(|| false);
    let failed = use_state(|| None::<(Shown, String)>);
    let ticket = use_mut_ref(Ticket::new);
    {
        let (result, failed, ticket) = (result.setter(), failed.setter(), ticket.clone());
        use_effect_with(props.shown.clone(), move |shown| {
            ticket.borrow().cancel();
            let mine = Ticket::new();
            *ticket.borrow_mut() = mine.clone();
            let Shown(scenario, i) = shown.clone();
            let n = scenario.settings().n_replications();
            let replications = match frontier_fit(&scenario, i).replications(n) {
                Some(r) => r,
                None => {
                    // Refused: the reason is shown from the render's own fit.
                    return;
                }
            };
            let task = Task::Frontier {
                item: i as u32,
                points: POINTS,
                replications,
                sides: true,
                warehouse: false,
            };
            let (shown, of) = (shown.clone(), scenario.clone());
            submit(&of, task, Priority::Advice, &mine, move |answer| match answer {
                Ok(WorkerOutcome::Frontier(outcome)) => {
                    let item = &scenario.items()[i];
                    // The sides come with the frontier (asked for): the page simulates nothing.
                    let outcome = match outcome {
                        Ok((f, Some(sides), _)) => {
                            let advice = advise(item, &f, scenario.wording());
                            Ok((Rc::new(*f), Rc::new(advice), Rc::new(sides)))
                        }
                        Ok((_, None, _)) => {
                            failed.set(Some((
                                shown,
                                "a worker answered without the policies side by side".into(),
                            )));
                            return;
                        }
                        Err(nothing) => Err(nothing),
                    };
                    result.set(Some((shown, Rc::new(outcome))));
                }
                Ok(_) => failed.set(Some((shown, "a worker answered with something else".into()))),
                Err(failure) => failed.set(Some((shown, failure.to_string()))),
            });
        });
    }
    let Shown(scenario, i) = &props.shown;
    let currency = scenario.currency().to_owned();
    let fit = frontier_fit(&props.shown.0, *i);
    if let Fit::Refused(why) = &fit {
        return html! {
            <section class="advice computed" data-testid="advice">
                <h2>{ "Advice" }</h2>
                <p class="note" role="status" data-testid="advice-refused">{ format!("{why}.") }</p>
            </section>
        };
    }
    let scaled = match &fit {
        Fit::Scaled { why, .. } => Some(why.clone()),
        _ => None,
    };
    let current = result.as_ref().filter(|(s, _)| *s == props.shown);
    let working = current.is_none();
    if let Some((_, message)) = failed.as_ref().filter(|(s, _)| *s == props.shown) {
        return html! {
            <section class="advice computed" data-testid="advice">
                <h2>{ "Advice" }</h2>
                <p class="link-problem" role="alert" data-testid="advice-failed">
                    { format!("The frontier could not be swept: {message}. Your scenario is kept; try fewer runs.") }
                </p>
            </section>
        };
    }
    let Some((_, outcome)) = result.as_ref() else {
        return html! {
            <section class="advice computed" data-testid="advice" aria-busy="true">
                <h2>{ "Advice" }</h2>
                <p class="note" data-testid="advice-working">{ "Sweeping the buffer from JIT to JIC…" }</p>
            </section>
        };
    };
    let body = match outcome.as_ref() {
        Err(nothing) => html! {
            <p class="stance" data-testid="advice-sentence">{ format!("Nothing to optimise: {}.", nothing.reason) }</p>
        },
        Ok((frontier, advice, sides)) => {
            let shortage = if scenario.items()[*i].lost_sales() {
                Shortage::LostSale
            } else {
                Shortage::Backorder
            };
            let rank = {
                let (drivers, ranking, shown, refused) = (
                    drivers.clone(),
                    ranking.clone(),
                    props.shown.clone(),
                    drivers_refused.setter(),
                );
                Callback::from(move |_: MouseEvent| {
                    let (drivers, ranking, shown) =
                        (drivers.clone(), ranking.clone(), shown.clone());
                    ranking.set(true);
                    let Shown(scenario, i) = shown.clone();
                    let n = scenario.settings().n_replications();
                    let work = crate::core::work::drivers(
                        &scenario.items()[i],
                        15,
                        scenario.settings().horizon_days(),
                    );
                    let fit = budget::fit("Ranking the drivers", work, n, budget::DRIVERS);
                    let Some(replications) = fit.replications(n) else {
                        // Not even the fewest runs fit: nothing is sent, the reason is shown.
                        ranking.set(false);
                        if let Fit::Refused(why) = fit {
                            refused.set(Some((shown, why)));
                        }
                        return;
                    };
                    let task = Task::Sensitivity { item: i as u32, points: 15, replications };
                    submit(&scenario, task, Priority::Requested, &Ticket::new(), move |answer| {
                        let s = match answer {
                            Ok(WorkerOutcome::Sensitivity(s)) => s,
                            _ => None,
                        };
                        drivers.set(Some((shown, s.map(Rc::new))));
                        ranking.set(false);
                    });
                })
            };
            let ranked =
                drivers.as_ref().filter(|(s, _)| *s == props.shown).map(|(_, d)| d.clone());
            let refused = drivers_refused
                .as_ref()
                .filter(|(s, _)| *s == props.shown)
                .map(|(_, why)| html! { <p class="note" role="status" data-testid="drivers-refused">{ format!("{why}.") }</p> });
            html! {
                <>
                    <p class={classes!("stance", format!("stance-{}", advice.stance.name()))} data-testid="advice-sentence">
                        { advice.sentence.clone() }
                    </p>
                    <ChartCanvas
                        chart={Chart::Frontier(frontier.clone(), shortage)}
                        currency={AttrValue::from(currency.clone())}
                        description={AttrValue::from(frontier_description(frontier, advice))}
                    />
                    if frontier.rules.len() > 1 {
                        <ChartCanvas
                            chart={Chart::Rules(frontier.clone())}
                            currency={AttrValue::from(currency.clone())}
                            description={AttrValue::from(rules_description(frontier))}
                        />
                    }
                    { erp_table(advice, &currency) }
                    <PlanTable advice={advice.clone()} shown={props.shown.clone()} />
                    <ChartCanvas
                        chart={Chart::Comparison(ChartKind::InventoryOverTime, sides.clone())}
                        currency={AttrValue::from(currency.clone())}
                        description={AttrValue::from(format!("Stock on hand over time for {}: mean and P10–P90 band.", sides.policies.iter().map(|p| p.name.as_str()).collect::<Vec<_>>().join(", ")))}
                        key_suffix={AttrValue::from("optimum")}
                    />
                    <div class="drivers" data-testid="drivers">
                        if let Some(ranked) = ranked {
                            { drivers_view(ranked.as_deref(), &currency) }
                        } else {
                            <button type="button" onclick={rank} disabled={*ranking} data-testid="rank-drivers">
                                { if *ranking { "Ranking the drivers…" } else { "Why? Rank the drivers" } }
                            </button>
                            <p class="note">{ "Moves each driver by a step and re-optimises: a few seconds." }</p>
                            { refused.unwrap_or_default() }
                        }
                    </div>
                </>
            }
        }
    };
    html! {
        <section class={classes!("advice", "computed", working.then_some("stale"))} data-testid="advice" aria-busy={working.to_string()}>
            <h2>{ "Advice" }</h2>
            if working {
                <p class="note" data-testid="advice-working">{ "Updating the frontier…" }</p>
            }
            if let Some(why) = scaled {
                <p class="note" role="status" data-testid="advice-scaled">{ format!("{why}.") }</p>
            }
            { body }
        </section>
    }
}

/// How many of the scenario's replications the item's frontier may use (see `core::budget`).
pub fn frontier_fit(scenario: &Scenario, i: usize) -> Fit {
    let settings = scenario.settings();
    let work = crate::core::work::frontier(&scenario.items()[i], POINTS, settings.horizon_days());
    budget::fit("The frontier", work, settings.n_replications(), budget::FRONTIER)
}

/// The rules chart's accessible name.
fn rules_description(f: &Frontier) -> String {
    format!(
        "{} replenishment rules compared, each at its cheapest buffer: cost above the optimum \
         against the typical order; {} cost the same as the optimal rule within the noise.",
        f.rules.len(),
        f.same_cost_rules().len()
    )
}

/// The chart's accessible name: what it shows, in one sentence.
fn frontier_description(f: &Frontier, a: &Advice) -> String {
    format!(
        "Frontier of {} buffers from 0 to {} days: the cheapest is {} days (the same within the \
         noise from {} to {} days); stockout days fall from {} a year at JIT to {} at the optimum.",
        f.points.len(),
        tenths(f.points.last().map_or(0.0, |p| p.buffer_days)),
        tenths(a.buffer_days),
        tenths(a.same_cost_days.0),
        tenths(a.same_cost_days.1),
        Dec(f.jit().result.stockout_days_per_year.mean(), 1),
        Dec(f.optimum().result.stockout_days_per_year.mean(), 1),
    )
}

fn erp_table(a: &Advice, currency: &str) -> Html {
    let p = money_prefix(currency);
    let money = |m: f64, se: f64| crate::ui::view_model::money(m, se, &p);
    let e = &a.erp;
    let first = e.first();
    let moving = e.time_phased();
    let level = |x: f64| if moving { "by period, below".to_owned() } else { tenths(x).to_string() };
    let reorder = match e.rule {
        ErpRule::OrderUpTo => "Reorder point (s = S): order when the position is below",
        ErpRule::MinMax | ErpRule::ReorderQuantity => {
            "Reorder point (s or r): order when the position is at or below"
        }
    };
    let quantity = match e.rule {
        ErpRule::OrderUpTo => "Order quantity (typical)",
        ErpRule::MinMax => "Order quantity (at least S − s)",
        ErpRule::ReorderQuantity => "Order quantity (Q)",
    };
    let mut rows: Vec<(&str, String, &str, &str)> = vec![
        ("Rule", a.rule.clone(), "", "rule"),
        (
            "Buffer above the rule's base level",
            tenths(a.buffer_days).to_string(),
            "days of mean demand",
            "buffer",
        ),
        ("Order-up-to level (S)", level(first.order_up_to_units), "units", "order-up-to"),
        (reorder, level(first.reorder_point_units), "units", "reorder-point"),
        ("Safety stock", level(first.safety_stock_units), "units", "safety-stock"),
        (quantity, level(first.order_quantity_units), "units", "order-quantity"),
        ("Review period", e.review_period_days.to_string(), "days", "review-period"),
    ];
    if e.minimum_order_units > 0.0 {
        rows.push((
            "Minimum order",
            tenths(e.minimum_order_units).to_string(),
            "units",
            "minimum-order",
        ));
    }
    if e.order_multiple_units > 0.0 {
        rows.push((
            "Order multiple",
            tenths(e.order_multiple_units).to_string(),
            "units",
            "order-multiple",
        ));
    }
    if e.maximum_order_units.is_finite() {
        rows.push((
            "Maximum order",
            tenths(e.maximum_order_units).to_string(),
            "units",
            "maximum-order",
        ));
    }
    if let Some(x) = e.expedite {
        // What the planner sets up besides the replenishment rule: the optimiser found it pays.
        rows.push((
            "Expedite below (on hand − waiting + due within its lead time)",
            tenths(x.trigger_units).to_string(),
            "units",
            "expedite-trigger",
        ));
        if x.order_units > 0.0 {
            rows.push((
                "Smallest expedite",
                tenths(x.order_units).to_string(),
                "units",
                "expedite-order",
            ));
        }
        rows.push((
            "Expedite lead time",
            x.lead_time_days.to_string(),
            "days",
            "expedite-lead-time",
        ));
    }
    if !e.buy_ahead.is_empty() {
        // Purchases on top of the rule before announced rises, as the simulation made them.
        let buys: Vec<String> = e
            .buy_ahead
            .iter()
            .map(|b| format!("{} on day {} (rise on day {})", tenths(b.units), b.day, b.change_day))
            .collect();
        rows.push(("Buy ahead, on top of the rule", buys.join("; "), "units", "buy-ahead"));
    }
    if let Some(rule) = e.backup {
        // The backup supplier's rule the plan keeps, with a dual index's level as chosen.
        rows.push(("Backup supplier", rule.describe(), "", "backup"));
    }
    rows.push((
        "Cost per year at the optimum",
        money(a.total_cost_per_year.mean(), a.total_cost_per_year.se()),
        "",
        "optimum-cost",
    ));
    if let Some(m) = a.margin_per_year {
        rows.push((
            "Margin per year at the optimum",
            money(m.mean(), m.se()),
            "",
            "optimum-margin",
        ));
    }
    rows.push((
        "Cash tied up at the optimum (average)",
        money(a.cash_tied_up.mean(), a.cash_tied_up.se()),
        "",
        "optimum-cash",
    ));
    rows.push((
        "Saving against JIT (paired)",
        money(a.saving_vs_jit.mean(), a.saving_vs_jit.se()),
        "per year",
        "saving-jit",
    ));
    rows.push((
        "Saving against JIC (paired)",
        money(a.saving_vs_jic.mean(), a.saving_vs_jic.se()),
        "per year",
        "saving-jic",
    ));
    html! {
        <table class="erp" data-testid="erp">
            <caption>{ format!("Recommended policy in ERP terms: {} of cover{}", days_of(a.buffer_days), if e.whole_units { ", in whole units" } else { "" }) }</caption>
            <tbody>
                { for rows.iter().map(|(label, value, unit, key)| html! {
                    <tr>
                        <th scope="row">{ *label }</th>
                        <td data-testid={format!("erp-{key}")}>{ value.clone() }</td>
                        <td class="unit">{ *unit }</td>
                    </tr>
                }) }
            </tbody>
        </table>
    }
}

fn drivers_view(s: Option<&Sensitivity>, currency: &str) -> Html {
    let Some(s) = s else {
        return html! { <p class="note">{ "This item has nothing to optimise, so nothing drives its buffer." }</p> };
    };
    let prefix = money_prefix(currency);
    let saving = |gap: f64| crate::ui::view_model::amount(gap, &prefix);
    html! {
        <>
            <p data-testid="drivers-sentence">{ s.sentence.clone() }</p>
            <table class="drivers-table" tabindex="0" data-testid="drivers-table">
                <caption>{ format!(
                    "Drivers, one at a time, ranked by how far the step moves the optimum and its saving over JIT (now {} and {} a year on this grid)",
                    days_of(s.base_buffer_days),
                    saving(s.base_gap),
                ) }</caption>
                <thead>
                    <tr>
                        <th scope="col">{ "Driver" }</th>
                        <th scope="col">{ "Now" }</th>
                        <th scope="col">{ "Step" }</th>
                        <th scope="col">{ "Optimum after the step" }</th>
                        <th scope="col">{ "Saving over JIT after the step" }</th>
                        <th scope="col">{ "Optimum without it" }</th>
                    </tr>
                </thead>
                <tbody>
                    { for s.effects.iter().map(|e| html! {
                        <tr>
                            <th scope="row">{ e.driver.name() }</th>
                            <td>{ e.level.clone() }</td>
                            <td>{ e.driver.step() }</td>
                            <td>{ days_of(e.stepped_buffer_days) }</td>
                            <td>{ format!("{} a year", saving(e.stepped_gap)) }</td>
                            <td>{ e.without.map_or("—".to_owned(), |w| days_of(w.buffer_days)) }</td>
                        </tr>
                    }) }
                </tbody>
            </table>
        </>
    }
}
