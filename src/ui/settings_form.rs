//! The run settings and the suppliers items can point to.

use yew::prelude::*;

use crate::ui::field_input::FieldInput;
use crate::ui::fields::{settings_fields, supplier_fields, window_fields};
use crate::ui::state::{Action, EditorState};

#[derive(Properties, PartialEq)]
pub struct SettingsFormProps {
    pub state: UseReducerHandle<EditorState>,
}

#[function_component(SettingsForm)]
pub fn settings_form(props: &SettingsFormProps) -> Html {
    let state = &props.state;
    let field = |def, path: String| {
        html! { <FieldInput {def} path={AttrValue::from(path)} state={state.clone()} /> }
    };
    let add = {
        let state = state.clone();
        Callback::from(move |_: MouseEvent| state.dispatch(Action::AddSupplier))
    };
    let other_errors: Vec<String> = state
        .errors
        .iter()
        .filter(|e| {
            e.path.starts_with("settings") || e.path.starts_with("suppliers") || e.path.is_empty()
        })
        .map(ToString::to_string)
        .collect();
    html! {
        <section class="settings" data-testid="settings">
            <details open={!other_errors.is_empty()}>
                <summary data-testid="settings-toggle">{ "Run settings" }</summary>
                { for settings_fields().into_iter().map(|d| field(d, format!("settings.{}", d.path))) }
            </details>
            <details open={!state.suppliers().is_empty()}>
                <summary data-testid="suppliers-toggle">{ format!("Suppliers ({})", state.suppliers().len()) }</summary>
                <p class="note">{ "A supplier's outages hold up the orders of every item that names it." }</p>
                { for (0..state.suppliers().len()).map(|k| {
                    let remove = {
                        let state = state.clone();
                        Callback::from(move |_: MouseEvent| state.dispatch(Action::RemoveSupplier(k)))
                    };
                    let windows = state.suppliers()[k]
                        .get("scheduled_outages")
                        .and_then(|w| w.as_array())
                        .map_or(0, Vec::len);
                    let add_outage = {
                        let state = state.clone();
                        Callback::from(move |_: MouseEvent| state.dispatch(Action::AddOutage(k)))
                    };
                    html! {
                        <fieldset data-testid={format!("supplier-{k}")}>
                            <legend>{ format!("Supplier {}", k + 1) }</legend>
                            { for supplier_fields().into_iter().map(|d| field(d, format!("suppliers[{k}].{}", d.path))) }
                            <p class="note">{ "Scheduled outages: known shutdowns (holidays, maintenance) when nothing ships." }</p>
                            <ol class="outages">
                                { for (0..windows).map(|w| {
                                    let remove = {
                                        let state = state.clone();
                                        Callback::from(move |_: MouseEvent| state.dispatch(Action::RemoveOutage(k, w)))
                                    };
                                    html! {
                                        <li data-testid={format!("outage-{k}-{w}")}>
                                            { for window_fields().into_iter().map(|d| field(d, format!("suppliers[{k}].scheduled_outages[{w}].{}", d.path))) }
                                            <button type="button" onclick={remove} aria-label={format!("Remove outage {}", w + 1)}>{ "Remove outage" }</button>
                                        </li>
                                    }
                                }) }
                            </ol>
                            <button type="button" onclick={add_outage} data-testid={format!("add-outage-{k}")}>{ "+ Scheduled outage" }</button>
                            <button type="button" onclick={remove} data-testid={format!("remove-supplier-{k}")}>{ "Remove supplier" }</button>
                        </fieldset>
                    }
                }) }
                <button type="button" class="add" onclick={add} data-testid="add-supplier">{ "+ Add supplier" }</button>
            </details>
            if !other_errors.is_empty() {
                <ul class="problems" role="alert" data-testid="settings-problems">
                    { for other_errors.iter().map(|m| html! { <li>{ m.clone() }</li> }) }
                </ul>
            }
        </section>
    }
}
