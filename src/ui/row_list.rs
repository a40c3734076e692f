//! A list of rows edited in place: a supplier's scheduled outages, an item's scheduled demand
//! shocks, a compound-Poisson demand's order sizes. Each row's fields are ordinary fields
//! (with their units and inline errors); rows are added and removed by buttons.

use yew::prelude::*;

use crate::ui::field_input::{path_key, FieldInput};
use crate::ui::fields::FieldDef;
use crate::ui::fields::Kind;
use crate::ui::state::{Action, EditorState};

#[derive(Properties, PartialEq)]
pub struct RowListProps {
    /// The list's own field (its label, hint and which list it is).
    pub def: FieldDef,
    /// The list's full path in the document, e.g. `items[0].demand_shape.scheduled_shocks`.
    pub path: AttrValue,
    pub state: UseReducerHandle<EditorState>,
}

#[function_component(RowListInput)]
pub fn row_list(props: &RowListProps) -> Html {
    let Kind::Rows(list) = props.def.kind else { return html! {} };
    let path = props.path.to_string();
    let key = path_key(&path);
    let rows = props.state.rows(&path).len();
    let noun = list.noun();
    let add = {
        let (state, path) = (props.state.clone(), path.clone());
        Callback::from(move |_: MouseEvent| {
            state.dispatch(Action::AddRow { path: path.clone(), list });
        })
    };
    let error = props.state.error(&path, props.def.label);
    html! {
        <fieldset class="rows" data-testid={format!("rows-{key}")}>
            <legend title={props.def.hint}>{ props.def.label }</legend>
            if !props.def.hint.is_empty() {
                <small class="hint">{ props.def.hint }</small>
            }
            if rows == 0 {
                <p class="note">{ "None." }</p>
            }
            <ol>
                { for (0..rows).map(|r| {
                    let remove = {
                        let (state, path) = (props.state.clone(), path.clone());
                        Callback::from(move |_: MouseEvent| {
                            state.dispatch(Action::RemoveRow { path: path.clone(), list, index: r });
                        })
                    };
                    html! {
                        <li data-testid={format!("row-{key}-{r}")}>
                            { for list.fields().into_iter().map(|def| {
                                let at = format!("{path}[{r}].{}", def.path);
                                html! { <FieldInput key={at.clone()} {def} path={AttrValue::from(at.clone())} state={props.state.clone()} /> }
                            }) }
                            <button type="button" class="row-button" onclick={remove} disabled={rows <= list.min_rows()}
                                aria-label={format!("Remove {noun} {}", r + 1)}
                                data-testid={format!("remove-{key}-{r}")}>{ format!("Remove {noun}") }</button>
                        </li>
                    }
                }) }
            </ol>
            <button type="button" class="row-button add" onclick={add} disabled={rows >= list.max_rows()} data-testid={format!("add-{key}")}>
                { format!("+ Add {noun}") }
            </button>
            if let Some(error) = error {
                <p class="error" role="alert" data-testid={format!("error-{key}")}>{ error }</p>
            }
        </fieldset>
    }
}
