//! The run settings and the suppliers items can point to.

use yew::prelude::*;

use crate::ui::field_input::FieldInput;
use crate::ui::fields::{settings_fields, supplier_fields};
use crate::ui::state::{Action, EditorState};

#[derive(Properties, PartialEq)]
pub struct SettingsFormProps {
    pub state: UseReducerHandle<EditorState>,
}

#[function_component(SettingsForm)]
pub fn settings_form(props: &SettingsFormProps) -> Html {
    let state = &props.state;
    let field = |def, path: String| {
        html! { <FieldInput key={path.clone()} {def} path={AttrValue::from(path.clone())} state={state.clone()} /> }
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
                    html! {
                        <fieldset data-testid={format!("supplier-{k}")}>
                            <legend>{ format!("Supplier {}", k + 1) }</legend>
                            { for supplier_fields().into_iter().map(|d| field(d, format!("suppliers[{k}].{}", d.path))) }
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
