//! The scenario as a file: download it (the same JSON the command-line tool reads), open one,
//! and download every item's results as CSV (the command-line tool's `simulate --csv`).

use wasm_bindgen_futures::{spawn_local, JsFuture};
use yew::prelude::*;

use crate::core::numbers::Dec;
use crate::share::results::ResultsFile;
use crate::ui::download::download_text;
use crate::ui::pool::Ticket;
use crate::ui::runs::run_items;
use crate::ui::state::{Action, EditorState};

#[derive(Properties, PartialEq)]
pub struct FilesBarProps {
    pub state: UseReducerHandle<EditorState>,
}

/// The largest scenario file the page opens, in bytes (a 1,000-item catalogue with a year of
/// history each is some 5 MB).
const MAX_FILE_BYTES: f64 = 8_000_000.0;

#[function_component(FilesBar)]
pub fn files_bar(props: &FilesBarProps) -> Html {
    let message = use_state(|| None::<String>);
    let save = {
        let (state, message) = (props.state.clone(), message.clone());
        Callback::from(move |_: MouseEvent| {
            let text = serde_json::to_string_pretty(&state.doc).unwrap_or_default() + "\n";
            message.set(download_text("jitjic-scenario.json", "application/json", &text).err());
        })
    };
    let running = use_state(|| false);
    let results = {
        let (state, message, running) = (props.state.clone(), message.clone(), running.clone());
        Callback::from(move |_: MouseEvent| {
            // Every item of the last valid scenario, as the command-line tool would, on the
            // workers.
            let s = state.scenario.clone();
            let (message, running2) = (message.clone(), running.clone());
            running.set(true);
            run_items(&s.clone(), &Ticket::new(), move |comparisons| {
                running2.set(false);
                match comparisons {
                    Ok(comparisons) => {
                        let csv =
                            ResultsFile::new(&s, &comparisons, false).to_csv(&s, &comparisons);
                        message.set(download_text("jitjic-results.csv", "text/csv", &csv).err());
                    }
                    Err(why) => {
                        message.set(Some(format!("The results could not be computed: {why}.")))
                    }
                }
            });
        })
    };
    let template = {
        let message = message.clone();
        Callback::from(move |_: MouseEvent| {
            let csv = crate::share::items_csv::template();
            message.set(download_text("jitjic-items-template.csv", "text/csv", &csv).err());
        })
    };
    let read_then = |then: fn(String) -> Action| {
        let (state, message) = (props.state.clone(), message.clone());
        Callback::from(move |e: Event| {
            let input: web_sys::HtmlInputElement = e.target_unchecked_into();
            let Some(file) = input.files().and_then(|f| f.get(0)) else { return };
            input.set_value(""); // the same file can be opened again
            if file.size() > MAX_FILE_BYTES {
                message.set(Some(format!(
                    "{} is {} MB; accepted: up to {} MB.",
                    file.name(),
                    Dec(file.size() / 1e6, 1),
                    Dec(MAX_FILE_BYTES / 1e6, 0)
                )));
                return;
            }
            let (state, message) = (state.clone(), message.clone());
            spawn_local(async move {
                match JsFuture::from(file.text()).await.ok().and_then(|t| t.as_string()) {
                    Some(text) => {
                        message.set(None);
                        state.dispatch(then(text));
                    }
                    None => message.set(Some(format!("{} could not be read.", file.name()))),
                }
            });
        })
    };
    html! {
        <div class="files-bar" data-testid="files-bar">
            <button type="button" onclick={save} data-testid="save-scenario">{ "Download scenario (JSON)" }</button>
            <label class="open-file">
                <span>{ "Open a scenario file" }</span>
                <input type="file" accept=".json,application/json" onchange={read_then(Action::OpenFile)} data-testid="open-scenario" />
            </label>
            <label class="open-file">
                <span>{ "Import items (CSV)" }</span>
                <input type="file" accept=".csv,text/csv" onchange={read_then(Action::ImportItems)} data-testid="import-items" />
            </label>
            <button type="button" onclick={template} data-testid="items-template">{ "CSV template" }</button>
            <button type="button" onclick={results} disabled={*running} data-testid="save-results">
                { if *running { "Simulating every item…" } else { "Download results (CSV)" } }
            </button>
            if let Some(m) = &*message {
                <p class="error" role="alert" data-testid="files-problem">{ m.clone() }</p>
            }
        </div>
    }
}
