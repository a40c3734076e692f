//! The app: presets, the items and their editor, the run settings and suppliers, and the
//! selected item's results.

use std::rc::Rc;

use yew::prelude::*;

use crate::charts::ChartKind;
use crate::core::{simulate_item, Comparison};
use crate::ui::advisor::{Advisor, Shown};
use crate::ui::chart_canvas::{Chart, ChartCanvas};
use crate::ui::glossary::Glossary;
use crate::ui::item_form::ItemForm;
use crate::ui::item_list::ItemList;
use crate::ui::portfolio_view::PortfolioView;
use crate::ui::preset_picker::PresetPicker;
use crate::ui::results_table::ResultsTable;
use crate::ui::settings_form::SettingsForm;
use crate::ui::state::EditorState;
use crate::ui::view_model::summary;

#[function_component(App)]
pub fn app() -> Html {
    let state = use_reducer(EditorState::default);
    // The results of the item shown, from the last valid scenario.
    let index = state.selected.min(state.scenario.items().len() - 1);
    let comparison = use_memo(Shown(state.scenario.clone(), index), |Shown(s, i)| {
        Rc::new(simulate_item(&s.items()[*i], s.settings()))
    });
    let comparison: Rc<Comparison> = (*comparison).clone();
    let stale = state.is_stale();
    let currency = AttrValue::from(state.scenario.currency().to_owned());

    html! {
        <main class="app">
            <header>
                <h1>{ "jitjic" }</h1>
                <p class="tagline">{ "Just-in-time or just-in-case? Simulate each item's policies on the same days and compare cost and stockouts." }</p>
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
