//! The scenario's items: pick one to edit and see; add, duplicate, move or remove.

use yew::prelude::*;

use crate::ui::state::{Action, EditorState};

#[derive(Properties, PartialEq)]
pub struct ItemListProps {
    pub state: UseReducerHandle<EditorState>,
}

#[function_component(ItemList)]
pub fn item_list(props: &ItemListProps) -> Html {
    let state = &props.state;
    let n = state.items().len();
    let act = |action: Action| {
        let state = state.clone();
        Callback::from(move |_: MouseEvent| state.dispatch(action.clone()))
    };
    html! {
        <section class="item-list" aria-labelledby="items-heading" data-testid="item-list">
            <h2 id="items-heading">{ format!("Items ({n})") }</h2>
            <ol>
                { for (0..n).map(|i| {
                    let name = state.item_name(i);
                    let selected = i == state.selected;
                    html! {
                        <li class={classes!(selected.then_some("selected"))} data-testid={format!("item-{i}")}>
                            <button type="button" class="item-name" aria-pressed={selected.to_string()}
                                onclick={act(Action::SelectItem(i))} data-testid={format!("select-item-{i}")}>
                                { name.clone() }
                            </button>
                            <span class="item-actions">
                                <button type="button" title={format!("Move {name} up")} aria-label={format!("Move {name} up")}
                                    disabled={i == 0} onclick={act(Action::MoveItem(i, true))}>{ "↑" }</button>
                                <button type="button" title={format!("Move {name} down")} aria-label={format!("Move {name} down")}
                                    disabled={i + 1 == n} onclick={act(Action::MoveItem(i, false))}>{ "↓" }</button>
                                <button type="button" title={format!("Copy {name} as a new item")} aria-label={format!("Copy {name}")}
                                    onclick={act(Action::DuplicateItem(i))} data-testid={format!("duplicate-item-{i}")}>{ "Copy" }</button>
                                <button type="button" title={format!("Remove {name}")} aria-label={format!("Remove {name}")}
                                    disabled={n == 1} onclick={act(Action::RemoveItem(i))} data-testid={format!("remove-item-{i}")}>{ "✕" }</button>
                            </span>
                        </li>
                    }
                }) }
            </ol>
            <button type="button" class="add" onclick={act(Action::AddItem)} data-testid="add-item">{ "+ Add item" }</button>
        </section>
    }
}
