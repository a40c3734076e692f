//! One numeric input with its label, unit, hint and inline error.

use web_sys::HtmlInputElement;
use yew::prelude::*;

use crate::core::Field;

#[derive(Properties, PartialEq)]
pub struct NumberFieldProps {
    pub field: Field,
    /// The text as typed.
    pub text: AttrValue,
    /// The message to show under the field when its text is invalid.
    #[prop_or_default]
    pub error: Option<AttrValue>,
    /// Called with the new text on every keystroke.
    pub on_change: Callback<(Field, String)>,
}

#[function_component(NumberField)]
pub fn number_field(props: &NumberFieldProps) -> Html {
    let spec = props.field.spec();
    let id = format!("field-{}", spec.key);
    let error_id = format!("{id}-error");
    let oninput = {
        let (field, on_change) = (props.field, props.on_change.clone());
        Callback::from(move |e: InputEvent| {
            let input: HtmlInputElement = e.target_unchecked_into();
            on_change.emit((field, input.value()));
        })
    };
    let invalid = props.error.is_some();
    html! {
        <div class={classes!("field", invalid.then_some("invalid"))}>
            <label for={id.clone()} title={spec.hint}>
                <span class="label">{ spec.label }</span>
                if !spec.unit.is_empty() {
                    <span class="unit">{ spec.unit }</span>
                }
            </label>
            <input
                id={id}
                data-testid={format!("input-{}", spec.key)}
                type="text"
                inputmode={if spec.whole { "numeric" } else { "decimal" }}
                autocomplete="off"
                value={props.text.clone()}
                aria-invalid={invalid.to_string()}
                aria-describedby={error_id.clone()}
                {oninput}
            />
            <small class="hint">{ spec.hint }</small>
            if let Some(error) = &props.error {
                <p id={error_id} class="error" role="alert" data-testid={format!("error-{}", spec.key)}>
                    { error.clone() }
                </p>
            }
        </div>
    }
}
