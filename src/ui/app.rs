//! The app: presets, the items and their editor, the run settings and suppliers, and the
//! selected item's results.

use yew::prelude::*;

use crate::charts::ChartKind;
use crate::core::input::Num;
use crate::ui::advisor::{Advisor, Shown};
use crate::ui::chart_canvas::{Chart, ChartCanvas};
use crate::ui::files_bar::FilesBar;
use crate::ui::glossary::Glossary;
use crate::ui::item_form::ItemForm;
use crate::ui::item_list::ItemList;
use crate::ui::listen::Listening;
use crate::ui::portfolio_view::PortfolioView;
use crate::ui::preset_picker::PresetPicker;
use crate::ui::problems::ProblemList;
use crate::ui::results_table::results_table;
use crate::ui::runs::{use_item_run, Shot, Status};
use crate::ui::settings_form::SettingsForm;
use crate::ui::share_bar::ShareBar;
use crate::ui::state::{Action, EditorState, Opening};
use crate::ui::view_model::summary;

/// The name of the performance measure of reading the page's link.
pub const LINK_MEASURE: &str = "jitjic: link read and checked";

/// The name of the performance measure of each step of reading it (each in a task of its own).
pub const LINK_STEP_MEASURE: &str = "jitjic: a step of reading the link";

/// The state the page opens in: the scenario of the link it was opened with (read by
/// [`read_link_in_steps`] before the app was mounted), else the default.
pub(crate) fn opening_state() -> EditorState {
    if let Some(state) = OPENED.with(|opened| opened.borrow_mut().take()) {
        return state;
    }
    let hash = web_sys::window().and_then(|w| w.location().hash().ok()).unwrap_or_default();
    if holds_no_link(&hash) {
        EditorState::default()
    } else {
        EditorState::from_link(&hash)
    }
}

/// Whether an address's fragment (`#…`, or nothing) is empty: the page as first opened.
fn holds_no_link(hash: &str) -> bool {
    hash.trim().trim_start_matches('#').is_empty()
}

thread_local! {
    /// The state the address's link opens, read before the app is mounted.
    static OPENED: std::cell::RefCell<Option<EditorState>> =
        const { std::cell::RefCell::new(None) };
}

/// Reads the link the page was opened with, if any, for [`opening_state`]: one step of
/// [`Opening`] per task, so the browser has its thread between them (a 1,000-item
/// catalogue's link is some 200 ms of work in a slow browser) and says "Opening the link…"
/// meanwhile. Timed for the browser's performance timeline ([`LINK_MEASURE`] from the first
/// step to the state, [`LINK_STEP_MEASURE`] for each step; the e2e tests and the page bench
/// read them).
pub async fn read_link_in_steps() {
    let Some(window) = web_sys::window() else { return };
    let hash = window.location().hash().unwrap_or_default();
    if holds_no_link(&hash) {
        return;
    }
    let performance = window.performance();
    if let Some(p) = &performance {
        let _ = p.mark("jitjic-link-start");
    }
    let said = window.document().and_then(|d| {
        let p = d.create_element("p").ok()?;
        p.set_class_name("opening");
        p.set_attribute("role", "status").ok()?;
        p.set_text_content(Some("Opening the link…"));
        d.body()?.append_child(&p).ok()?;
        Some(p)
    });
    let state = read_in_steps(&hash).await;
    if let Some(p) = &performance {
        let _ = p.measure_with_start_mark(LINK_MEASURE, "jitjic-link-start");
    }
    if let Some(p) = said {
        p.remove();
    }
    OPENED.with(|opened| *opened.borrow_mut() = Some(state));
}

/// The state `link` opens (the default scenario for none), read a step of [`Opening`] per
/// task, each step timed ([`LINK_STEP_MEASURE`]).
async fn read_in_steps(link: &str) -> EditorState {
    if holds_no_link(link) {
        return EditorState::default();
    }
    let performance = web_sys::window().and_then(|w| w.performance());
    let mut opening = Opening::new(link);
    loop {
        if let Some(p) = &performance {
            let _ = p.mark("jitjic-link-step");
        }
        // A step that builds items goes on for about a frame at most.
        let started = performance.as_ref().map(web_sys::Performance::now);
        let next = opening.step_while(|| {
            let now = performance.as_ref().map(web_sys::Performance::now);
            matches!((started, now), (Some(t0), Some(t)) if t - t0 < STEP_MS)
        });
        if let Some(p) = &performance {
            let _ = p.measure_with_start_mark(LINK_STEP_MEASURE, "jitjic-link-step");
        }
        match next {
            Opening::Open(state) => return *state,
            reading => {
                opening = reading;
                next_task().await;
            }
        }
    }
}

/// How long a step that builds items goes on (ms): items are built a few at a time.
const STEP_MS: f64 = 16.0;

/// Resolves in a later task (a zero timeout): what is queued meanwhile — input, painting —
/// runs first.
async fn next_task() {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        let queued =
            web_sys::window().is_some_and(|w| w.set_timeout_with_callback(&resolve).is_ok());
        if !queued {
            let _ = resolve.call0(&wasm_bindgen::JsValue::NULL);
        }
    });
    // (A timeout's promise is never rejected.)
    let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
}

/// Keeps the address's fragment the link of what is on the page, after every change: an edit
/// replaces the address (Back does not step through keystrokes; Undo does), a scenario opened
/// in place of another (a preset, a file, an item list) is a new entry, so Back returns to
/// the scenario before it and Forward comes back.
#[hook]
fn use_fragment_follows(state: &UseReducerHandle<EditorState>) {
    let pushed = use_mut_ref(|| state.opened);
    let state = state.clone();
    use_effect_with(state.revision, move |&revision| {
        if revision > 0 {
            if let Some(history) = web_sys::window().and_then(|w| w.history().ok()) {
                let url = format!("#{}", state.fragment());
                let null = wasm_bindgen::JsValue::NULL;
                // Failing to update the address loses nothing on the page.
                let _ = if state.opened > *pushed.borrow() {
                    history.push_state_with_url(&null, "", Some(&url))
                } else {
                    history.replace_state_with_url(&null, "", Some(&url))
                };
                *pushed.borrow_mut() = state.opened;
            }
        }
    });
}

/// Back and Forward between the scenarios the person opened: the address's link is opened,
/// read a step per task as on opening the page (the scenario on screen stays until it is
/// read; a later Back or Forward overtakes one still being read).
#[hook]
fn use_back_and_forward(state: &UseReducerHandle<EditorState>) {
    let dispatcher = state.dispatcher();
    use_effect_with((), move |()| {
        let latest = std::rc::Rc::new(std::cell::Cell::new(0_u64));
        let listening = Listening::new(move || {
            let hash = web_sys::window().and_then(|w| w.location().hash().ok()).unwrap_or_default();
            let (latest, dispatcher) = (latest.clone(), dispatcher.clone());
            let this = latest.get() + 1;
            latest.set(this);
            wasm_bindgen_futures::spawn_local(async move {
                let state = read_in_steps(&hash).await;
                if latest.get() == this {
                    dispatcher.dispatch(Action::Opened(std::rc::Rc::new(state)));
                }
            });
        })
        .on(web_sys::window(), "popstate");
        move || drop(listening)
    });
}

/// Undo and Redo of the scenario's changes, and after a scenario replaced the one on screen,
/// how to get it back.
fn edit_bar(state: &UseReducerHandle<EditorState>) -> Html {
    let dispatch = |action: fn() -> Action| {
        let state = state.clone();
        Callback::from(move |_: MouseEvent| state.dispatch(action()))
    };
    html! {
        <div class="edit-bar" data-testid="edit-bar">
            <button type="button" data-testid="undo" disabled={!state.history.can_undo()}
                onclick={dispatch(|| Action::Undo)}>{ "↶ Undo" }</button>
            <button type="button" data-testid="redo" disabled={!state.history.can_redo()}
                onclick={dispatch(|| Action::Redo)}>{ "↷ Redo" }</button>
            if state.replaced {
                <span class="note" role="status" data-testid="replaced-note">
                    { "The scenario you had is replaced: Undo (or the browser's Back) brings it back." }
                </span>
            }
        </div>
    }
}

#[function_component(App)]
pub fn app() -> Html {
    let state = use_reducer(opening_state);
    use_fragment_follows(&state);
    use_back_and_forward(&state);
    // The results of the item shown, from the last valid scenario.
    let index = state.selected.min(state.scenario.items().len() - 1);
    let run = use_item_run(Shown(state.scenario.clone(), index));
    let stale = state.is_stale();
    // The results shown are the scenario's own and final (tests wait on this).
    let settled = run.shot.current && run.shot.status != Status::Running;
    let currency = AttrValue::from(state.scenario.currency().to_owned());
    let retry = {
        let (state, wanted) = (state.clone(), run.shot.wanted);
        Callback::from(move |_: MouseEvent| {
            let fewer = fewer_runs(wanted);
            state.dispatch(crate::ui::state::Action::Replace {
                path: "settings.replications".into(),
                value: fewer.into(),
            });
        })
    };
    html! {
        <main class="app">
            <header>
                <h1>{ "jitjic" }</h1>
                <p class="tagline">{ "Just-in-time or just-in-case? Simulate each item's policies on the same days and compare cost and stockouts." }</p>
                if let Some(problem) = &state.link_problem {
                    <div class="link-problem" role="alert" data-testid="link-problem">
                        <p>{ problem.clone() }</p>
                        <button type="button" data-testid="open-default"
                            onclick={{ let state = state.clone(); Callback::from(move |_: MouseEvent| state.dispatch(crate::ui::state::Action::LoadPreset(0))) }}>
                            { "Open the default scenario" }
                        </button>
                    </div>
                }
                if let Some(note) = &state.link_note {
                    <p class="note link-note" role="status" data-testid="link-note">{ note.clone() }</p>
                }
                <ShareBar state={state.clone()} />
                <FilesBar state={state.clone()} />
                { edit_bar(&state) }
            </header>
            <PresetPicker state={state.clone()} />
            <form class="inputs" data-testid="inputs" onsubmit={Callback::from(|e: SubmitEvent| e.prevent_default())}>
                <ItemList state={state.clone()} />
                <ItemForm state={state.clone()} />
                <SettingsForm state={state.clone()} />
            </form>
            <section class={classes!("results-area", stale.then_some("stale"))} data-testid="results-area" aria-live="polite"
                data-settled={settled.to_string()} data-workers={crate::ui::pool::workers().to_string()}>
                if state.no_results {
                    <div class="stale-note" data-testid="no-results">
                        <p>{ "No results yet: this scenario has problems. Fix them to see its results:" }</p>
                        <ProblemList state={state.clone()} />
                    </div>
                } else if stale {
                    <div class="stale-note" data-testid="stale-note">
                        <p>{ "Showing the results of the last valid inputs; fix these to update them:" }</p>
                        <ProblemList state={state.clone()} />
                    </div>
                }
                if let Some(why) = &run.shot.scaled {
                    <p class="note" role="status" data-testid="run-scaled">{ format!("{why}.") }</p>
                }
                // Results only ever of the scenario on screen.
                if !state.no_results {
                    <>
                    { run_status(&run.shot, run.cancel.clone(), retry) }
                    if let Some(comparison) = run.shot.comparison.clone() {
                        <h2 data-testid="results-item">{ comparison.item_name.clone() }</h2>
                        <p class="summary computed" data-testid="summary">{ summary(&comparison, &currency) }</p>
                    }
                    <Advisor shown={Shown(state.scenario.clone(), index)} />
                    if let Some(comparison) = run.shot.comparison.clone() {
                        <div class={classes!("charts", "computed", (!run.shot.current).then_some("stale"))}>
                            { for ChartKind::ALL.iter().map(|&kind| html! {
                                <ChartCanvas chart={Chart::Comparison(kind, comparison.clone())} currency={currency.clone()} />
                            }) }
                        </div>
                        { results_table(&comparison, &currency) }
                    }
                    <PortfolioView shown={Shown(state.scenario.clone(), index)} />
                    </>
                }
                <Glossary />
            </section>
        </main>
    }
}

/// The runs a retry after a failed run asks for: a quarter (a worker out of memory needs
/// less, and a quarter of the runs is still half the precision).
fn fewer_runs(wanted: u32) -> u32 {
    (wanted / 4).max(1)
}

/// The run's progress, its Cancel button, and what became of it when it did not finish.
fn run_status(shot: &Shot, cancel: Callback<()>, retry: Callback<MouseEvent>) -> Html {
    let runs = |n: u32| Num(n.into()).to_string();
    let of = shot.comparison.as_ref().filter(|_| shot.current).map(|c| c.settings.n_replications());
    match &shot.status {
        Status::Running => html! {
            <div class="run-progress" data-testid="run-progress" role="status">
                if let Some(n) = of {
                    <p class="note" data-testid="first-estimate">
                        { format!("First estimate from {} of {} runs; the full run follows.", runs(n), runs(shot.wanted)) }
                    </p>
                } else {
                    <p class="note" data-testid="simulating">{ "Simulating…" }</p>
                }
                <progress max={shot.wanted.to_string()} value={shot.done.to_string()}
                    aria-label="Runs simulated" data-testid="run-meter"></progress>
                <span class="note">{ format!(" {} of {} runs ", runs(shot.done), runs(shot.wanted)) }</span>
                <button type="button" data-testid="cancel-run" onclick={cancel.reform(|_: MouseEvent| ())}>{ "Cancel" }</button>
            </div>
        },
        Status::Done => html! {},
        Status::Cancelled => html! {
            <p class="note" data-testid="run-cancelled" role="status">
                { match of {
                    Some(n) => format!("Cancelled: the results are from the first {} of {} runs.", runs(n), runs(shot.wanted)),
                    None => "Cancelled before the first estimate: change an input to run again.".to_owned(),
                } }
            </p>
        },
        Status::Refused(why) => html! {
            <div class="link-problem" role="alert" data-testid="run-refused">
                <p>{ format!("Not run: {why}. Your scenario is kept.") }</p>
            </div>
        },
        Status::Failed(message) => html! {
            <div class="link-problem" role="alert" data-testid="run-failed">
                <p>{ format!("The simulation stopped: {message}. Your scenario is kept.") }</p>
                if shot.wanted > 1 {
                    <button type="button" data-testid="retry-fewer" onclick={retry}>
                        { format!("Run again with {} runs", runs(fewer_runs(shot.wanted))) }
                    </button>
                }
            </div>
        },
    }
}
