//! The app: the form, the comparison it describes, and the results.

use std::rc::Rc;

use yew::prelude::*;

use crate::charts::ChartKind;
use crate::core::{simulate, Field};
use crate::ui::chart_canvas::ChartCanvas;
use crate::ui::number_field::NumberField;
use crate::ui::results_table::ResultsTable;
use crate::ui::state::{Action, FormState};
use crate::ui::view_model::summary;

/// The form's groups: a heading and its fields.
const GROUPS: [(&str, &[Field]); 4] = [
    ("Demand", &[Field::MeanDemand, Field::DemandSd]),
    ("Supply and policy", &[Field::LeadTime, Field::JicBufferDays]),
    (
        "Costs",
        &[
            Field::UnitCost,
            Field::HoldingRate,
            Field::StorageCost,
            Field::OrderCost,
            Field::BackorderCost,
        ],
    ),
    ("Simulation", &[Field::HorizonDays, Field::Replications, Field::Seed]),
];

#[function_component(App)]
pub fn app() -> Html {
    let state = use_reducer(FormState::default);
    // The last valid scenario's results; recomputed only when that scenario changes.
    let comparison = use_memo(state.scenario.clone(), |scenario| Rc::new(simulate(scenario)));
    let comparison: Rc<_> = (*comparison).clone();
    let on_change = {
        let state = state.clone();
        Callback::from(move |(field, text): (Field, String)| {
            state.dispatch(Action::Edit(field, text))
        })
    };
    let stale = state.is_stale();

    html! {
        <main class="app">
            <header>
                <h1>{ "jitjic" }</h1>
                <p class="tagline">{ "Just-in-time or just-in-case? Simulate one item both ways on the same days and compare cost and stockouts." }</p>
            </header>
            <form class="inputs" data-testid="inputs" onsubmit={Callback::from(|e: SubmitEvent| e.prevent_default())}>
                { for GROUPS.iter().map(|(heading, fields)| html! {
                    <fieldset>
                        <legend>{ *heading }</legend>
                        { for fields.iter().map(|&field| html! {
                            <NumberField
                                {field}
                                text={AttrValue::from(state.text(field).to_owned())}
                                error={state.error(field).map(AttrValue::from)}
                                on_change={on_change.clone()}
                            />
                        }) }
                    </fieldset>
                }) }
            </form>
            <section class={classes!("results-area", stale.then_some("stale"))} data-testid="results-area" aria-live="polite">
                if stale {
                    <p class="stale-note" data-testid="stale-note">
                        { "Showing the results of the last valid inputs: fix the field marked in red to update them." }
                    </p>
                }
                <p class="summary" data-testid="summary">{ summary(&comparison) }</p>
                <div class="charts">
                    { for ChartKind::ALL.iter().map(|&kind| html! {
                        <ChartCanvas {kind} comparison={comparison.clone()} />
                    }) }
                </div>
                <ResultsTable comparison={comparison.clone()} />
            </section>
        </main>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_form_shows_every_field_once() {
        let shown: Vec<Field> =
            GROUPS.iter().flat_map(|(_, fields)| fields.iter().copied()).collect();
        for field in Field::ALL {
            let times = shown.iter().filter(|&&f| f == field).count();
            assert_eq!(times, 1, "{field:?} is shown {times} times");
        }
        assert_eq!(shown.len(), Field::ALL.len());
    }
}
