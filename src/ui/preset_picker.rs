//! One-click starting scenarios, with what each shows and where its numbers come from.

use yew::prelude::*;

use crate::ui::presets::PRESETS;
use crate::ui::state::{Action, EditorState};

#[derive(Properties, PartialEq)]
pub struct PresetPickerProps {
    pub state: UseReducerHandle<EditorState>,
}

#[function_component(PresetPicker)]
pub fn preset_picker(props: &PresetPickerProps) -> Html {
    let state = &props.state;
    let current = state.preset.and_then(|k| PRESETS.get(k));
    html! {
        <section class="presets" aria-labelledby="presets-heading" data-testid="presets">
            <h2 id="presets-heading">{ "Start from a case" }</h2>
            <div class="preset-buttons">
                { for PRESETS.iter().enumerate().map(|(k, p)| {
                    let load = {
                        let state = state.clone();
                        Callback::from(move |_: MouseEvent| state.dispatch(Action::LoadPreset(k)))
                    };
                    html! {
                        <button type="button" onclick={load} aria-pressed={(state.preset == Some(k)).to_string()}
                            data-testid={format!("preset-{}", p.key)}>{ p.name }</button>
                    }
                }) }
            </div>
            if let Some(p) = current {
                <p class="preset-summary" data-testid="preset-summary">{ p.summary }</p>
                <p class="preset-sources note">{ p.sources }</p>
            }
        </section>
    }
}
