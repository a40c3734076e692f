//! The app: presets, the items and their editor, the run settings and suppliers, and the
//! selected item's results.

use std::cell::Cell;
use std::rc::Rc;
use std::time::Duration;

use yew::platform::{spawn_local, time::sleep};
use yew::prelude::*;

use crate::charts::ChartKind;
use crate::core::input::Num;
use crate::core::{simulate_item, Comparison};
use crate::ui::advisor::{Advisor, Shown};
use crate::ui::chart_canvas::{Chart, ChartCanvas};
use crate::ui::files_bar::FilesBar;
use crate::ui::glossary::Glossary;
use crate::ui::item_form::ItemForm;
use crate::ui::item_list::ItemList;
use crate::ui::portfolio_view::PortfolioView;
use crate::ui::preset_picker::PresetPicker;
use crate::ui::results_table::ResultsTable;
use crate::ui::settings_form::SettingsForm;
use crate::ui::share_bar::ShareBar;
use crate::ui::state::EditorState;
use crate::ui::view_model::summary;

/// About how many replication-policy-days the page simulates for its first estimate: some
/// 0.2 s in WebAssembly on a laptop (tests/e2e/bench.mjs measures it).
const FIRST_ESTIMATE_WORK: u64 = 2_000_000;

/// The fewest replications a first estimate uses.
const FIRST_ESTIMATE_MIN_RUNS: u32 = 50;

/// How many replications the first estimate of an item uses: all of them when that is
/// quick, else as many as fit the budget.
fn first_estimate_runs(horizon_days: u32, policies: usize, replications: u32) -> u32 {
    let per_run = u64::from(horizon_days.max(1)) * policies.max(1) as u64;
    let fit = u32::try_from(FIRST_ESTIMATE_WORK / per_run).unwrap_or(u32::MAX);
    replications.min(fit.max(FIRST_ESTIMATE_MIN_RUNS))
}

/// The item's results: at once a first estimate (fewer replications when the full run is
/// long), then the full run, which refines it on the same draws (replication k is the same
/// days either way). The flag says the results are the first estimate.
#[hook]
pub(crate) fn use_item_results(shown: Shown) -> (Rc<Comparison>, bool) {
    let quick = use_memo(shown.clone(), |Shown(s, i)| {
        let (item, settings) = (&s.items()[*i], s.settings());
        let runs = first_estimate_runs(
            settings.horizon_days(),
            item.policies().len(),
            settings.n_replications(),
        );
        Rc::new(simulate_item(item, &settings.with_replications(runs)))
    });
    let full = use_state(|| None::<(Shown, Rc<Comparison>)>);
    let generation = use_mut_ref(|| Rc::new(Cell::new(0u64)));
    {
        let (full, generation, quick) = (full.clone(), generation.borrow().clone(), quick.clone());
        use_effect_with(shown.clone(), move |shown| {
            let mine = generation.get() + 1;
            generation.set(mine);
            let Shown(s, _) = shown;
            if quick.settings.n_replications() < s.settings().n_replications() {
                let shown = shown.clone();
                spawn_local(async move {
                    // Let the first estimate paint.
                    sleep(Duration::from_millis(30)).await;
                    if generation.get() != mine {
                        return; // a newer scenario came in meanwhile
                    }
                    let Shown(s, i) = &shown;
                    let c = simulate_item(&s.items()[*i], s.settings());
                    if generation.get() == mine {
                        full.set(Some((shown, Rc::new(c))));
                    }
                });
            }
        });
    }
    match full.as_ref().filter(|(s, _)| *s == shown) {
        Some((_, c)) => (c.clone(), false),
        None => {
            let c: Rc<Comparison> = (*quick).clone();
            let partial = c.settings.n_replications() < shown.0.settings().n_replications();
            (c, partial)
        }
    }
}

/// The state the page opens in: the scenario of the link it was opened with, else the
/// default.
pub(crate) fn opening_state() -> EditorState {
    let hash = web_sys::window().and_then(|w| w.location().hash().ok()).unwrap_or_default();
    if hash.trim_start_matches('#').is_empty() {
        EditorState::default()
    } else {
        EditorState::from_link(&hash)
    }
}

/// Keeps the address's fragment the link of what is on the page, after every change (replaced,
/// not pushed, so Back leaves the page rather than stepping through edits).
#[hook]
fn use_fragment_follows(state: &UseReducerHandle<EditorState>) {
    let state = state.clone();
    use_effect_with(state.revision, move |&revision| {
        if revision > 0 {
            if let Some(history) = web_sys::window().and_then(|w| w.history().ok()) {
                let url = format!("#{}", state.fragment());
                // Failing to update the address loses nothing on the page.
                let _ =
                    history.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&url));
            }
        }
    });
}

#[function_component(App)]
pub fn app() -> Html {
    let state = use_reducer(opening_state);
    use_fragment_follows(&state);
    // The results of the item shown, from the last valid scenario.
    let index = state.selected.min(state.scenario.items().len() - 1);
    let (comparison, first_estimate) = use_item_results(Shown(state.scenario.clone(), index));
    let wanted_runs = state.scenario.settings().n_replications();
    let stale = state.is_stale();
    let currency = AttrValue::from(state.scenario.currency().to_owned());

    html! {
        <main class="app">
            <header>
                <h1>{ "jitjic" }</h1>
                <p class="tagline">{ "Just-in-time or just-in-case? Simulate each item's policies on the same days and compare cost and stockouts." }</p>
                if let Some(problem) = &state.link_problem {
                    <div class="link-problem" role="alert" data-testid="link-problem">
                        <p>{ problem.clone() }</p>
                        <button type="button" data-testid="open-default"
                            onclick={{ let state = state.clone(); Callback::from(move |_: MouseEvent| state.dispatch(crate::ui::state::Action::LoadPreset(0))) }}>
                            { "Open the default scenario" }
                        </button>
                    </div>
                }
                <ShareBar state={state.clone()} />
                <FilesBar state={state.clone()} />
            </header>
            <PresetPicker state={state.clone()} />
            <form class="inputs" data-testid="inputs" onsubmit={Callback::from(|e: SubmitEvent| e.prevent_default())}>
                <ItemList state={state.clone()} />
                <ItemForm state={state.clone()} />
                <SettingsForm state={state.clone()} />
            </form>
            <section class={classes!("results-area", stale.then_some("stale"))} data-testid="results-area" aria-live="polite">
                if stale {
                    <p class="stale-note" data-testid="stale-note">
                        { "Showing the results of the last valid inputs: fix the field marked in red to update them." }
                    </p>
                }
                <h2 data-testid="results-item">{ comparison.item_name.clone() }</h2>
                if first_estimate {
                    <p class="note" data-testid="first-estimate" role="status">
                        { format!(
                            "First estimate from {} of {} runs; the full run follows.",
                            Num(comparison.settings.n_replications().into()),
                            Num(wanted_runs.into())
                        ) }
                    </p>
                }
                <p class="summary" data-testid="summary">{ summary(&comparison, &currency) }</p>
                <Advisor shown={Shown(state.scenario.clone(), index)} />
                <div class="charts">
                    { for ChartKind::ALL.iter().map(|&kind| html! {
                        <ChartCanvas chart={Chart::Comparison(kind, comparison.clone())} currency={currency.clone()} />
                    }) }
                </div>
                <ResultsTable comparison={comparison.clone()} currency={currency.clone()} />
                <PortfolioView shown={Shown(state.scenario.clone(), index)} />
                <Glossary />
            </section>
        </main>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_first_estimate_uses_every_run_when_that_is_quick_and_a_budget_when_not() {
        // The first preset: 500 runs of a year, three policies, all at once.
        assert_eq!(first_estimate_runs(365, 3, 500), 500);
        // 10,000 runs: as many as fit about two million policy-days.
        let runs = first_estimate_runs(365, 3, 10_000);
        assert_eq!(runs, 2_000_000 / (365 * 3));
        // Ten years of twenty policies: never fewer than 50 runs.
        assert_eq!(first_estimate_runs(3_650, 20, 10_000), FIRST_ESTIMATE_MIN_RUNS);
        // Fewer runs than that minimum asked: those.
        assert_eq!(first_estimate_runs(3_650, 20, 10), 10);
    }
}
