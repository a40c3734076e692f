//! One field of the editor bound to its path in the scenario document: label, unit, hint,
//! the input that suits its kind, and its inline error.

use web_sys::{HtmlInputElement, HtmlSelectElement, HtmlTextAreaElement};
use yew::prelude::*;

use crate::ui::fields::{shape_of, FieldDef, Kind};
use crate::ui::row_list::RowListInput;
use crate::ui::state::{Action, EditorState};

#[derive(Properties, PartialEq)]
pub struct FieldInputProps {
    pub def: FieldDef,
    /// The field's full path in the document, e.g. `items[0].demand.mean`.
    pub path: AttrValue,
    pub state: UseReducerHandle<EditorState>,
}

/// A test hook and element id from a path: `items[0].demand.mean` → `items-0-demand-mean`.
pub fn path_key(path: &str) -> String {
    path.replace(['.', '_', '['], "-").replace(']', "")
}

#[function_component(FieldInput)]
pub fn field_input(props: &FieldInputProps) -> Html {
    let def = props.def;
    if let Kind::Rows(_) = def.kind {
        return html! { <RowListInput {def} path={props.path.clone()} state={props.state.clone()} /> };
    }
    let path = props.path.to_string();
    let key = path_key(&path);
    let id = format!("field-{key}");
    let error_id = format!("{id}-error");
    let text = props.state.text(&path);
    let error = props.state.error(&path, def.label);
    let edit = {
        let (state, path) = (props.state.clone(), path.clone());
        Callback::from(move |text: String| {
            state.dispatch(Action::Edit { path: path.clone(), def, text })
        })
    };
    let invalid = error.is_some();
    let described = invalid.then(|| error_id.clone());
    let input = match def.kind {
        Kind::Number { accepted, .. } => html! {
            <input id={id.clone()} data-testid={format!("input-{key}")} type="text"
                inputmode={if accepted.whole { "numeric" } else { "decimal" }}
                autocomplete="off" value={text} aria-invalid={invalid.to_string()}
                aria-describedby={described.clone()} placeholder={def.empty}
                oninput={edit.reform(|e: InputEvent| e.target_unchecked_into::<HtmlInputElement>().value())} />
        },
        Kind::Text { .. } => html! {
            <input id={id.clone()} data-testid={format!("input-{key}")} type="text"
                autocomplete="off" value={text} aria-invalid={invalid.to_string()} placeholder={def.empty}
                aria-describedby={described.clone()}
                oninput={edit.reform(|e: InputEvent| e.target_unchecked_into::<HtmlInputElement>().value())} />
        },
        Kind::Numbers { .. } => html! {
            <textarea id={id.clone()} data-testid={format!("input-{key}")} rows="2"
                value={text} aria-invalid={invalid.to_string()} aria-describedby={described.clone()}
                oninput={edit.reform(|e: InputEvent| e.target_unchecked_into::<HtmlTextAreaElement>().value())} />
        },
        Kind::Part { .. } => html! {
            <input id={id.clone()} data-testid={format!("input-{key}")} type="checkbox"
                checked={props.state.has(&path)}
                onchange={edit.reform(|e: Event| e.target_unchecked_into::<HtmlInputElement>().checked().to_string())} />
        },
        Kind::Rows(_) => html! {},
        Kind::Toggle => html! {
            <input id={id.clone()} data-testid={format!("input-{key}")} type="checkbox"
                checked={text == "true"}
                onchange={edit.reform(|e: Event| e.target_unchecked_into::<HtmlInputElement>().checked().to_string())} />
        },
        Kind::Shapes(shapes) => {
            let chosen = shape_of(shapes, crate::ui::document::get(&props.state.doc, &path));
            html! {
                <select id={id.clone()} data-testid={format!("input-{key}")}
                    onchange={edit.reform(|e: Event| e.target_unchecked_into::<HtmlSelectElement>().value())}>
                    { for shapes.iter().map(|s| html! {
                        <option value={s.value} selected={s.value == chosen}>{ s.label }</option>
                    }) }
                </select>
            }
        }
        Kind::Choice(options) => {
            // Left out of the file, a choice without an empty option is its first (the default).
            let text = if text.is_empty() && options.iter().all(|(v, _)| !v.is_empty()) {
                options.first().map_or(text, |(v, _)| (*v).to_owned())
            } else {
                text
            };
            let known = options.iter().any(|(v, _)| *v == text);
            html! {
                <select id={id.clone()} data-testid={format!("input-{key}")}
                    onchange={edit.reform(|e: Event| e.target_unchecked_into::<HtmlSelectElement>().value())}>
                    { for options.iter().map(|(value, label)| html! {
                        <option value={*value} selected={*value == text}>{ *label }</option>
                    }) }
                    if !known {
                        <option value={text.clone()} selected=true>{ format!("{text} (set in the file)") }</option>
                    }
                </select>
            }
        }
        Kind::Supplier => {
            let names: Vec<String> = props
                .state
                .suppliers()
                .iter()
                .filter_map(|s| s.get("name").and_then(|n| n.as_str()).map(str::to_owned))
                .collect();
            html! {
                <select id={id.clone()} data-testid={format!("input-{key}")}
                    onchange={edit.reform(|e: Event| e.target_unchecked_into::<HtmlSelectElement>().value())}>
                    <option value="" selected={text.is_empty()}>{ "None (never down)" }</option>
                    { for names.iter().map(|name| html! {
                        <option value={name.clone()} selected={*name == text}>{ name.clone() }</option>
                    }) }
                </select>
            }
        }
    };
    let toggle = matches!(def.kind, Kind::Toggle | Kind::Part { .. });
    html! {
        <div class={classes!("field", invalid.then_some("invalid"), toggle.then_some("toggle"))}>
            <label for={id.clone()} title={def.hint}>
                <span class="label">{ def.label }</span>
                if !def.unit.is_empty() {
                    <span class="unit">{ def.unit }</span>
                }
            </label>
            { input }
            if !def.hint.is_empty() {
                <small class="hint">{ def.hint }</small>
            }
            if let Some(error) = error {
                <p id={error_id} class="error" role="alert" data-testid={format!("error-{key}")}>
                    { error }
                </p>
            }
        </div>
    }
}
