//! The portfolio on the page: every item optimised (on request: it is the heaviest thing the
//! page does), then the totals per policy, each item's stance beside its ABC / XYZ class, the
//! class matrix, and the recommended policies as a CSV download.

use std::cell::RefCell;
use std::rc::Rc;

use yew::prelude::*;

use crate::charts::money_prefix;
use crate::core::budget::{self, Fit};
use crate::core::numbers::{tenths, Num};
use crate::core::optimise::{portfolio, AbcClass, Portfolio, XyzClass};
use crate::core::warehouse::{Tally, WarehouseUse};
use crate::core::Scenario;
use crate::ui::advisor::Shown;
use crate::ui::pool::{submit, Priority, Ticket};
use crate::worker::{Outcome, Task};

#[derive(Properties, PartialEq)]
pub struct PortfolioViewProps {
    /// The scenario (the item index is not used).
    pub shown: Shown,
}

/// Grid points per item: the portfolio's budget (the optimiser issue's 15).
const POINTS: u32 = 15;

#[function_component(PortfolioView)]
pub fn portfolio_view(props: &PortfolioViewProps) -> Html {
    let result = use_state(|| None::<(Rc<crate::core::Scenario>, Rc<Portfolio>)>);
    let progress = use_state(|| None::<(usize, usize)>);
    let failed = use_state(|| None::<String>);
    let scenario = props.shown.0.clone();
    let n = scenario.items().len();
    let current = result.as_ref().filter(|(s, _)| Rc::ptr_eq(s, &scenario)).map(|(_, p)| p.clone());
    let ticket = use_mut_ref(Ticket::new);
    let runs = scenario.settings().n_replications();
    let fit = portfolio_fit(&scenario);
    let run = {
        let (result, progress, scenario, ticket, failed) =
            (result.setter(), progress.setter(), scenario.clone(), ticket.clone(), failed.setter());
        Callback::from(move |_: MouseEvent| {
            failed.set(None);
            let Some(replications) = portfolio_fit(&scenario).replications(runs) else { return };
            let mine = Ticket::new();
            *ticket.borrow_mut() = mine.clone();
            progress.set(Some((0, n)));
            // Each item's frontier is one task: the pool spreads them over its workers, and
            // they are put back in item order, so the totals do not depend on the workers.
            let collected = Rc::new(RefCell::new(vec![None; n]));
            // The warehouse's samples are added as they come (integer sums: the order they
            // arrive in changes nothing) and dropped, so memory does not grow with the items.
            let days = scenario.settings().horizon_days();
            let space = Rc::new(RefCell::new(Tally::for_run(replications, days)));
            let warehouse = scenario.warehouse().is_some();
            for k in 0..n {
                let task = Task::Frontier {
                    item: k as u32,
                    points: POINTS,
                    replications,
                    sides: false,
                    warehouse,
                };
                let (collected, space, result, progress, scenario, mine2, failed) = (
                    collected.clone(),
                    space.clone(),
                    result.clone(),
                    progress.clone(),
                    scenario.clone(),
                    mine.clone(),
                    failed.clone(),
                );
                submit(&scenario.clone(), task, Priority::Requested, &mine, move |answer| {
                    let added = match &answer {
                        Ok(Outcome::Frontier(Ok((_, _, Some(sample))))) => {
                            space.borrow_mut().add(sample)
                        }
                        _ => Ok(()),
                    };
                    let frontier = match (answer, added) {
                        (Ok(Outcome::Frontier(f)), Ok(())) => f.map(|(f, _, _)| *f),
                        (_, Err(why)) => {
                            mine2.cancel();
                            progress.set(None);
                            failed.set(Some(why));
                            return;
                        }
                        (other, _) => {
                            mine2.cancel();
                            progress.set(None);
                            failed.set(Some(match other {
                                Err(failure) => failure.to_string(),
                                Ok(_) => "a worker answered with something else".to_owned(),
                            }));
                            return;
                        }
                    };
                    let mut c = collected.borrow_mut();
                    c[k] = Some(frontier);
                    let done = c.iter().filter(|f| f.is_some()).count();
                    if done < n {
                        progress.set(Some((done, n)));
                        return;
                    }
                    let frontiers = c.drain(..).flatten().collect();
                    let p = portfolio(&scenario, frontiers, Some(&space.borrow()));
                    progress.set(None);
                    result.set(Some((scenario, Rc::new(p))));
                });
            }
        })
    };
    let cancel = {
        let (ticket, progress) = (ticket.clone(), progress.setter());
        Callback::from(move |_: MouseEvent| {
            ticket.borrow().cancel();
            progress.set(None);
        })
    };
    let busy = progress.is_some();
    html! {
        <section class="portfolio computed" data-testid="portfolio" aria-busy={busy.to_string()}>
            <h2>{ "Portfolio" }</h2>
            if let Some(p) = current {
                { view(&p, scenario.currency()) }
            } else {
                <p class="note">
                    { format!("Optimise all {n} item{} to see the totals for JIT everywhere, JIC everywhere and each item at its optimum, with each item's stance beside its ABC / XYZ class.", if n == 1 { "" } else { "s" }) }
                </p>
                if let Some(why) = &*failed {
                    <p class="link-problem" role="alert" data-testid="portfolio-failed">
                        { format!("The portfolio stopped: {why}. Your scenario is kept; try fewer runs.") }
                    </p>
                }
                if let Fit::Scaled { why, .. } | Fit::Refused(why) = &fit {
                    <p class="note" role="status" data-testid="portfolio-budget">{ format!("{why}.") }</p>
                }
                <button type="button" onclick={run} disabled={busy || matches!(fit, Fit::Refused(_))} data-testid="run-portfolio">
                    { match *progress {
                        Some((k, n)) => format!("Optimising: {k} of {n} items done…"),
                        None => "Optimise every item".to_owned(),
                    } }
                </button>
                if let Some((k, n)) = *progress {
                    <progress max={n.to_string()} value={k.to_string()} aria-label="Items optimised" data-testid="portfolio-meter"></progress>
                    <button type="button" onclick={cancel} data-testid="cancel-portfolio">{ "Cancel" }</button>
                }
            }
        </section>
    }
}

/// How many of the scenario's replications the portfolio may use (see `core::budget`).
fn portfolio_fit(scenario: &Scenario) -> Fit {
    let settings = scenario.settings();
    let work = crate::core::work::scenario_frontiers(scenario, POINTS);
    budget::fit("The portfolio", work, settings.n_replications(), budget::PORTFOLIO)
}

/// The shared warehouse: each allocation's busiest day against the capacity.
fn warehouse_table(w: &WarehouseUse, start: Option<crate::core::calendar::Date>) -> Html {
    let unit = w.warehouse.unit.symbol();
    let space = |x: f64| format!("{} {unit}", Num(x.round()));
    let day = |d: u32| match start {
        Some(date) => date.plus_days(i64::from(d)).to_string(),
        None => format!("day {d}"),
    };
    let rows = [
        ("JIT everywhere", "jit"),
        ("JIC everywhere", "jic"),
        ("Each item at its optimum", "optimum"),
    ];
    html! {
        // Its own scroll on a narrow screen: the page never scrolls sideways.
        <div class="table-scroll" tabindex="0">
            <table class="erp" data-testid="portfolio-warehouse">
                <caption>{ format!(
                    "Warehouse space: {} shared by {} items (stock at the end of each day, P95 over the first {} runs, from {} on)",
                    space(w.warehouse.capacity), w.items, w.replications, day(w.first_measured_day)
                ) }</caption>
                <thead><tr>
                    <th scope="col">{ "Policy" }</th>
                    <th scope="col">{ format!("Busiest day: P95 ({unit})") }</th>
                    <th scope="col">{ format!("Mean ({unit})") }</th>
                    <th scope="col">{ "Over capacity" }</th>
                </tr></thead>
                <tbody>
                    { for rows.iter().zip(&w.by_allocation).map(|((label, key), t)| html! {
                        <tr>
                            <th scope="row">{ *label }</th>
                            <td data-testid={format!("warehouse-{key}-busiest")}>
                                <span class="nowrap">{ Num(t.busiest_p95.round()).to_string() }</span>{ " " }
                                <span class="nowrap">{ format!("on {}", day(t.busiest_day)) }</span>
                            </td>
                            <td>{ Num(t.mean.round()).to_string() }</td>
                            <td data-testid={format!("warehouse-{key}-over")}>
                                <span class="nowrap">{ format!("{} % of days", tenths(100.0 * t.share_of_days_over)) }</span>{ "; " }
                                <span class="nowrap">{ format!(
                                    "P95 on {} {}",
                                    t.p95_days_over,
                                    if t.p95_days_over == 1 { "day" } else { "days" }
                                ) }</span>
                            </td>
                        </tr>
                    }) }
                </tbody>
            </table>
        </div>
    }
}

fn stance_counts(counts: &[usize; 4]) -> String {
    [("leaner", counts[0]), ("lean", counts[1]), ("balanced", counts[2]), ("buffered", counts[3])]
        .iter()
        .filter(|(_, n)| *n > 0)
        .map(|(s, n)| format!("{n} {s}"))
        .collect::<Vec<_>>()
        .join(", ")
}

fn view(p: &Portfolio, currency: &str) -> Html {
    let prefix = money_prefix(currency);
    let money = |x: f64| crate::ui::view_model::amount(x, &prefix);
    let totals = [
        ("JIT everywhere", &p.jit, "jit"),
        ("JIC everywhere", &p.jic, "jic"),
        ("Each item at its optimum", &p.optimum, "optimum"),
    ];
    let href = format!(
        "data:text/csv;charset=utf-8,{}",
        percent_encode(&crate::share::erp_csv::portfolio(p))
    );
    html! {
        <>
            // Its own scroll on a narrow screen: the page never scrolls sideways.
            <div class="table-scroll" tabindex="0">
            <table class="erp" data-testid="portfolio-totals">
                <caption>{ "Totals over the optimised items (summed replication by replication)" }</caption>
                <thead><tr><th scope="col">{ "Policy" }</th><th scope="col">{ "Cost per year" }</th><th scope="col">{ "Cash tied up" }</th><th scope="col">{ "… in transit" }</th></tr></thead>
                <tbody>
                    { for totals.iter().map(|(label, t, key)| html! {
                        <tr>
                            <th scope="row">{ *label }</th>
                            <td data-testid={format!("portfolio-{key}-cost")}>{ format!("{} ± {}", money(t.cost_per_year.mean()), Num(t.cost_per_year.se().round())) }</td>
                            <td>{ money(t.cash) }</td>
                            <td>{ money(t.cash_in_transit) }</td>
                        </tr>
                    }) }
                </tbody>
            </table>
            </div>
            if let Some(w) = &p.warehouse {
                { warehouse_table(w, p.start_date) }
            }
            <table class="erp portfolio-items" data-testid="portfolio-items" tabindex="0">
                <caption>{ "Each item: its class, stance and recommended buffer" }</caption>
                <thead><tr>
                    <th scope="col">{ "Item" }</th><th scope="col">{ "ABC" }</th><th scope="col">{ "XYZ" }</th>
                    <th scope="col">{ "Stance" }</th><th scope="col">{ "Buffer (days)" }</th><th scope="col">{ "Safety stock (units)" }</th>
                </tr></thead>
                <tbody>
                    { for p.items.iter().map(|i| html! {
                        <tr>
                            <th scope="row">{ i.advice.item.clone() }</th>
                            <td>{ format!("{:?}", i.abc) }</td>
                            <td>{ format!("{:?}", i.xyz) }</td>
                            <td class={format!("stance-cell stance-{}", i.advice.stance.name())}>{ i.advice.stance.name() }</td>
                            <td>{ tenths(i.advice.buffer_days).to_string() }</td>
                            <td>{
                                if i.advice.erp.time_phased() {
                                    "by period (see the plan CSV)".to_owned()
                                } else {
                                    Num(i.advice.erp.first().safety_stock_units.round()).to_string()
                                }
                            }</td>
                        </tr>
                    }) }
                </tbody>
            </table>
            if !p.skipped.is_empty() {
                <ul class="note">
                    { for p.skipped.iter().map(|s| html! { <li>{ format!("Left out: {s}") }</li> }) }
                </ul>
            }
            <table class="abc-xyz" data-testid="abc-xyz">
                <caption>{ "ABC (yearly value: A to 80 %, B to 95 %) by XYZ (demand CV: X under 0.5, Y under 1, Z from 1): items and the stance most of them take" }</caption>
                <thead><tr><th scope="col"></th>
                    { for [XyzClass::X, XyzClass::Y, XyzClass::Z].iter().map(|x| html! { <th scope="col">{ format!("{x:?}") }</th> }) }
                </tr></thead>
                <tbody>
                    { for [AbcClass::A, AbcClass::B, AbcClass::C].iter().map(|a| html! {
                        <tr>
                            <th scope="row">{ format!("{a:?}") }</th>
                            { for [XyzClass::X, XyzClass::Y, XyzClass::Z].iter().map(|x| {
                                match p.cells.iter().find(|c| c.abc == *a && c.xyz == *x) {
                                    Some(c) => html! {
                                        <td class={format!("stance-cell stance-{}", c.stance.name())} data-testid={format!("cell-{a:?}{x:?}")}>
                                            <strong>{ c.stance.name() }</strong><br />{ stance_counts(&c.counts) }
                                        </td>
                                    },
                                    None => html! { <td class="empty">{ "—" }</td> },
                                }
                            }) }
                        </tr>
                    }) }
                </tbody>
            </table>
            <p><a download="jitjic-recommended-policies.csv" href={href} data-testid="erp-csv">{ "Download the recommended policies (CSV, ERP terms)" }</a></p>
            { exchange_note(p, &prefix) }
        </>
    }
}

/// One sentence on the exchange curve's ends: what the buffers cost in cash and save.
fn exchange_note(p: &Portfolio, prefix: &str) -> Html {
    let (Some(first), Some(last)) = (p.exchange.first(), p.exchange.last()) else {
        return html! {};
    };
    html! {
        <p class="note" data-testid="exchange-note">
            { format!(
                "From JIT everywhere to each item at its optimum, {prefix}{} more cash tied up saves {prefix}{} a year; the exchange curve spends it where it saves most first ({} steps).",
                Num((last.cash - first.cash).round()),
                Num((first.cost_per_year - last.cost_per_year).round()),
                p.exchange.len() - 1
            ) }
        </p>
    }
}

/// Percent-encodes text for a data: link (everything but unreserved characters).
fn percent_encode(text: &str) -> String {
    let mut out = String::with_capacity(text.len() * 3);
    for b in text.bytes() {
        if b.is_ascii_alphanumeric() || b"-_.~".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}
