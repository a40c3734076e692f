//! Embed mode (`?embed=frontier`, `inventory`, `cost` or `distribution`, with the scenario in
//! the fragment as any share link): one chart of the linked item and a compact summary line,
//! no editing chrome, filling its iframe, and a small link to the full calculator on the same
//! scenario.

use std::rc::Rc;

use yew::prelude::*;

use crate::charts::ChartKind;
use crate::core::budget::Fit;
use crate::core::optimise::advise;
use crate::ui::advisor::{frontier_fit, Shown, POINTS};
use crate::ui::app::opening_state;
use crate::ui::chart_canvas::{Chart, ChartCanvas};
use crate::ui::pool::{submit, Priority, Ticket};
use crate::ui::runs::{use_item_run, Status};
use crate::ui::view_model::summary;
use crate::worker::{Outcome, Task};

/// The views an embed can show: (value of `embed=`, what it shows).
pub const EMBED_VIEWS: [(&str, &str); 4] = [
    ("frontier", "the JIT-to-JIC frontier and the advice"),
    ("inventory", "inventory over time"),
    ("cost", "cost and stockouts per policy"),
    ("distribution", "the spread of cost and stockouts across runs"),
];

/// The value of `embed` in a query string (`?a=1&embed=cost`), if there is one.
pub fn requested(search: &str) -> Option<String> {
    search.trim_start_matches('?').split('&').find_map(|pair| {
        let (key, value) = pair.split_once('=').unwrap_or((pair, ""));
        (key == "embed").then(|| value.to_owned())
    })
}

/// A page address with `embed=…` taken out of its query (the full calculator), or put in.
pub fn with_embed(href: &str, view: Option<&str>) -> String {
    let (rest, fragment) = href.split_once('#').map_or((href, None), |(r, f)| (r, Some(f)));
    let (path, query) = rest.split_once('?').unwrap_or((rest, ""));
    let mut pairs: Vec<String> = query
        .split('&')
        .filter(|p| !p.is_empty() && p.split('=').next() != Some("embed"))
        .map(str::to_owned)
        .collect();
    if let Some(view) = view {
        pairs.push(format!("embed={view}"));
    }
    let mut out = path.to_owned();
    if !pairs.is_empty() {
        out.push('?');
        out.push_str(&pairs.join("&"));
    }
    if let Some(f) = fragment {
        out.push('#');
        out.push_str(f);
    }
    out
}

#[derive(Properties, PartialEq)]
pub struct EmbedProps {
    /// What `embed=` asked for.
    pub view: AttrValue,
}

#[function_component(Embed)]
pub fn embed(props: &EmbedProps) -> Html {
    let state = use_memo((), |()| opening_state());
    let index = state.selected.min(state.scenario.items().len() - 1);
    let shown = Shown(state.scenario.clone(), index);
    let run = use_item_run(shown.clone());
    let first_estimate = run.shot.status == Status::Running && run.shot.partial();
    let known = EMBED_VIEWS.iter().any(|(k, _)| *k == props.view.as_str());
    let kind = match props.view.as_str() {
        "inventory" => Some(ChartKind::InventoryOverTime),
        "cost" => Some(ChartKind::CostAndStockouts),
        "distribution" => Some(ChartKind::Distributions),
        _ => None, // the frontier, also for a view it does not know
    };
    // The frontier, from a worker after the item's run, as on the full page.
    let advised = use_state(|| None);
    {
        let advised = advised.setter();
        use_effect_with((shown.clone(), kind.is_none()), move |(shown, wanted)| {
            if *wanted {
                let Shown(s, i) = shown.clone();
                let n = s.settings().n_replications();
                let Some(replications) = frontier_fit(&s, i).replications(n) else {
                    advised.set(Some(Err(match frontier_fit(&s, i) {
                        Fit::Refused(why) => format!("{why}."),
                        _ => String::new(),
                    })));
                    return;
                };
                let task = Task::Frontier {
                    item: i as u32,
                    points: POINTS,
                    replications,
                    sides: false,
                    warehouse: false,
                };
                let of = s.clone();
                submit(&of, task, Priority::Advice, &Ticket::new(), move |answer| {
                    let outcome = match answer {
                        Ok(Outcome::Frontier(Ok((f, _, _)))) => {
                            let advice = advise(&s.items()[i], &f, s.wording());
                            Ok((Rc::new(*f), advice.sentence))
                        }
                        Ok(Outcome::Frontier(Err(nothing))) => {
                            Err(format!("Nothing to optimise: {}.", nothing.reason))
                        }
                        Ok(_) => Err("The frontier could not be swept.".to_owned()),
                        Err(failure) => Err(format!("The frontier could not be swept: {failure}.")),
                    };
                    advised.set(Some(outcome));
                });
            }
        });
    }
    let currency = AttrValue::from(state.scenario.currency().to_owned());
    let here = web_sys::window().and_then(|w| w.location().href().ok()).unwrap_or_default();
    let full = with_embed(&here, None);
    let shortage = if state.scenario.items()[index].lost_sales() {
        crate::core::Shortage::LostSale
    } else {
        crate::core::Shortage::Backorder
    };
    let item_name = state.scenario.items()[index].name().to_owned();
    let (line, chart) = match (kind, advised.as_ref(), run.shot.comparison.clone()) {
        (Some(kind), _, Some(comparison)) => {
            (summary(&comparison, &currency), Some(Chart::Comparison(kind, comparison)))
        }
        (Some(_), _, None) => ("Simulating…".to_owned(), None),
        (None, Some(Ok((frontier, sentence))), _) => {
            (sentence.clone(), Some(Chart::Frontier(frontier.clone(), shortage)))
        }
        (None, Some(Err(nothing)), _) => (nothing.clone(), None),
        (None, None, _) => ("Sweeping the buffer from JIT to JIC…".to_owned(), None),
    };
    // A compact line: the first sentence (decimals have no space after their point).
    let line = line.split_once(". ").map_or(line.clone(), |(first, _)| format!("{first}."));
    let problem = if known {
        state.link_problem.clone()
    } else {
        let accepted: Vec<&str> = EMBED_VIEWS.iter().map(|(k, _)| *k).collect();
        Some(format!(
            "embed: \"{}\" is not a view; accepted: {}. Showing the frontier.",
            props.view,
            accepted.join(", ")
        ))
    };
    html! {
        <main class="embed" data-testid="embed" data-workers={crate::ui::pool::workers().to_string()}>
            <p class="embed-summary" data-testid="embed-summary" title={format!("{item_name}: {line}")}>
                <strong>{ item_name }</strong>{ ": " }{ line.clone() }
                if first_estimate {
                    { " (first estimate)" }
                }
            </p>
            if let Some(problem) = problem {
                <p class="embed-problem" role="alert" data-testid="link-problem">{ problem }</p>
            }
            <div class="embed-chart" aria-busy={chart.is_none().to_string()}>
                if let Some(chart) = chart {
                    <ChartCanvas {chart} currency={currency.clone()} description={AttrValue::from(line)} />
                }
            </div>
            <a class="embed-open" href={full} target="_blank" rel="noopener" data-testid="open-in-calculator">
                { "Open in the calculator ↗" }
            </a>
        </main>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_embed_parameter_is_read_added_and_removed() {
        assert_eq!(requested("?embed=cost"), Some("cost".into()));
        assert_eq!(requested("?a=1&embed=frontier&b"), Some("frontier".into()));
        assert_eq!(requested(""), None);
        assert_eq!(requested("?embedded=1"), None);
        let page = "https://wiki.example/tools/jitjic/?lang=en#1.abc";
        let embed = with_embed(page, Some("cost"));
        assert_eq!(embed, "https://wiki.example/tools/jitjic/?lang=en&embed=cost#1.abc");
        assert_eq!(with_embed(&embed, None), page);
        assert_eq!(
            with_embed("http://h/j/#1.x", Some("inventory")),
            "http://h/j/?embed=inventory#1.x"
        );
        assert_eq!(with_embed("http://h/j/?embed=cost", None), "http://h/j/");
    }
}
