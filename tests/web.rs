//! The app mounted in headless Chromium: it renders the form, runs the core in wasm, draws
//! the charts on canvases and reacts to input. Yew's scheduler is flushed, and the results
//! waited for until they settle (they come back from the simulation's tasks). Each
//! test mounts the app afresh on the default scenario (the address's fragment cleared).
#![cfg(target_arch = "wasm32")]

use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};
use web_sys::{CanvasRenderingContext2d, Element, HtmlCanvasElement, HtmlInputElement, InputEvent};

use jitjic::ui::App;

wasm_bindgen_test_configure!(run_in_browser);

/// Mounts the app, with the page's own stylesheet, in a fresh 1000 px wide element and lets
/// it render.
async fn mount() -> Element {
    let window = web_sys::window().unwrap();
    // Every app mounted here shares one address: a scenario an earlier test left in its
    // fragment (the page writes every edit there) would open instead of the default.
    let path = window.location().pathname().unwrap() + &window.location().search().unwrap();
    window.history().unwrap().replace_state_with_url(&JsValue::NULL, "", Some(&path)).unwrap();
    let document = window.document().unwrap();
    if document.get_element_by_id("page-style").is_none() {
        let style = document.create_element("style").unwrap();
        style.set_id("page-style");
        style.set_text_content(Some(include_str!("../www/style.css")));
        document.head().unwrap().append_child(&style).unwrap();
    }
    let root = document.create_element("div").unwrap();
    root.set_attribute("style", "width: 1000px").unwrap();
    document.body().unwrap().append_child(&root).unwrap();
    // No workers start here (no built page), and no simulation module to load on the page's
    // thread either: the engine answers the same request bytes directly.
    let engine = std::cell::RefCell::new(jitjic::worker::Worker::default());
    jitjic::ui::pool::answer_in_page_with(std::rc::Rc::new(move |bytes: &[u8]| {
        Ok(engine.borrow_mut().answer(bytes))
    }));
    yew::Renderer::<App>::with_root(root.clone()).render();
    yew::scheduler::flush().await;
    settled(&root).await;
    root
}

/// Waits (yielding to the page) until the results shown are the current scenario's full run:
/// the run goes to the simulation's workers (here, none start, so the page runs its parts
/// itself, one per turn of the event loop) and comes back a moment after an edit.
async fn settled(root: &Element) {
    for _ in 0..400 {
        if root
            .query_selector("[data-testid='results-area'][data-settled='true']")
            .unwrap()
            .is_some()
        {
            return;
        }
        yew::platform::time::sleep(std::time::Duration::from_millis(25)).await;
        yew::scheduler::flush().await;
    }
    panic!("the results never settled");
}

fn find(root: &Element, test_id: &str) -> Element {
    root.query_selector(&format!("[data-testid='{test_id}']"))
        .unwrap()
        .unwrap_or_else(|| panic!("no element with data-testid {test_id}"))
}

fn text(root: &Element, test_id: &str) -> String {
    find(root, test_id).text_content().unwrap_or_default().trim().to_owned()
}

/// The canvas's pixels that are not white: zero on a blank canvas.
fn inked_pixels(canvas: &HtmlCanvasElement) -> usize {
    let context: CanvasRenderingContext2d =
        canvas.get_context("2d").unwrap().unwrap().dyn_into().unwrap();
    let data = context
        .get_image_data(0.0, 0.0, f64::from(canvas.width()), f64::from(canvas.height()))
        .unwrap()
        .data();
    data.chunks_exact(4)
        .filter(|px| px[3] > 0 && (px[0] < 250 || px[1] < 250 || px[2] < 250))
        .count()
}

async fn type_into(root: &Element, test_id: &str, value: &str) {
    let input: HtmlInputElement = find(root, test_id).dyn_into().unwrap();
    input.set_value(value);
    input.dispatch_event(&InputEvent::new("input").unwrap()).unwrap();
    yew::scheduler::flush().await;
    settled(root).await;
}

#[wasm_bindgen_test]
async fn the_app_opens_on_the_first_preset_simulates_and_draws_both_charts() {
    let root = mount().await;
    for key in ["inventory", "cost"] {
        let canvas: HtmlCanvasElement = find(&root, &format!("chart-{key}")).dyn_into().unwrap();
        assert!(canvas.width() > 300, "{key}: canvas sized to its box, got {}", canvas.width());
        assert!(inked_pixels(&canvas) > 1_000, "{key}: nothing drawn");
    }
    assert_eq!(text(&root, "results-item"), "Phone case (web shop)");
    assert!(text(&root, "total-cost-0").starts_with('$'));
    assert!(text(&root, "fill-rate-1").ends_with(|c: char| c.is_ascii_digit()));
    // 40 a day, JIC 5 days.
    assert!(
        text(&root, "summary").starts_with("JIC's buffer of 200 units"),
        "{}",
        text(&root, "summary")
    );
}

#[wasm_bindgen_test]
async fn an_edit_reruns_the_simulation_and_redraws() {
    let root = mount().await;
    let before = text(&root, "avg-on-hand-1");
    type_into(&root, "input-items-0-policies-1-buffer-days", "10").await;
    let after = text(&root, "avg-on-hand-1");
    assert_ne!(before, after);
    assert!(text(&root, "summary").starts_with("JIC's buffer of 400 units (10 days"));
}

#[wasm_bindgen_test]
async fn invalid_input_names_the_field_and_keeps_the_last_results() {
    let root = mount().await;
    let before = text(&root, "total-cost-0");
    type_into(&root, "input-items-0-lead-time-min", "abc").await;
    let message = text(&root, "error-items-0-lead-time-min");
    assert_eq!(
        message,
        "Shortest lead time: \"abc\" is not a number; accepted: whole numbers from 0 to 365 days."
    );
    assert!(root.query_selector("[data-testid='stale-note']").unwrap().is_some());
    assert_eq!(text(&root, "total-cost-0"), before, "last valid results stay on screen");
    // A rule across fields (the shortest above the longest) goes through the file's own
    // validation and is marked on both fields, in the form's words; not again at the foot.
    type_into(&root, "input-items-0-lead-time-min", "9").await;
    for key in ["min", "max"] {
        let message = text(&root, &format!("error-items-0-lead-time-{key}"));
        assert!(message.ends_with(": min 9 is above max 6 days."), "{message}");
    }
    assert!(root.query_selector("[data-testid='item-problems']").unwrap().is_none());
    assert!(text(&root, "problem-0").starts_with("Item “"));
    type_into(&root, "input-items-0-lead-time-min", "3").await;
    assert!(root.query_selector("[data-testid='error-items-0-lead-time-min']").unwrap().is_none());
    assert!(root.query_selector("[data-testid='stale-note']").unwrap().is_none());
}

async fn click(root: &Element, test_id: &str) {
    let button: web_sys::HtmlElement = find(root, test_id).dyn_into().unwrap();
    button.click();
    yew::scheduler::flush().await;
    settled(root).await;
}

#[wasm_bindgen_test]
async fn items_are_added_and_shown_and_presets_load() {
    let root = mount().await;
    click(&root, "add-item").await;
    assert_eq!(text(&root, "results-item"), "Item 2");
    click(&root, "select-item-0").await;
    assert_eq!(text(&root, "results-item"), "Phone case (web shop)");
    click(&root, "preset-hospital").await;
    assert_eq!(text(&root, "results-item"), "IV fluid bags (1 L)");
    assert!(text(&root, "preset-summary").contains("sole-source"));
}

/// Waits (yielding to the page) until an element with this test id is there.
async fn wait_for(root: &Element, test_id: &str) {
    for _ in 0..200 {
        if root.query_selector(&format!("[data-testid='{test_id}']")).unwrap().is_some() {
            return;
        }
        yew::platform::time::sleep(std::time::Duration::from_millis(25)).await;
        yew::scheduler::flush().await;
    }
    panic!("{test_id} never appeared");
}

#[wasm_bindgen_test]
async fn the_advice_follows_the_first_results_with_the_frontier_and_erp_terms() {
    let root = mount().await;
    // The first results are on screen before the optimiser has run.
    assert!(text(&root, "total-cost-0").starts_with('$'));
    wait_for(&root, "advice-sentence").await;
    let sentence = text(&root, "advice-sentence");
    assert!(
        ["Lean:", "Balanced:", "Buffered:"].iter().any(|s| sentence.starts_with(s)),
        "{sentence}"
    );
    let canvas: HtmlCanvasElement = find(&root, "chart-frontier").dyn_into().unwrap();
    assert!(inked_pixels(&canvas) > 5_000, "the frontier is drawn");
    let label = canvas.get_attribute("aria-label").unwrap();
    assert!(label.starts_with("Frontier of ") && label.contains("the cheapest is"), "{label}");
    // The web shop's weekly pattern moves its levels: the ERP terms point to the plan, a
    // level per day of the week in each period, in whole units (demand is whole).
    assert_eq!(text(&root, "erp-order-up-to"), "by period, below");
    // A weekly pattern alone moves no level from month to month: one period, seven days.
    let plan = find(&root, "plan-table");
    assert_eq!(plan.query_selector_all("[data-testid='plan-row']").unwrap().length(), 7);
    let level: f64 = text(&root, "plan-level").replace(',', "").parse().unwrap();
    assert!(level > 40.0 && level.fract() == 0.0, "a level of {level} units");
    find(&root, "download-plan-file");
}

#[wasm_bindgen_test]
async fn a_list_is_edited_row_by_row_and_its_rows_are_checked_like_any_field() {
    let root = mount().await;
    let purchases = text(&root, "purchase-cost-0");
    click(&root, "add-items-0-demand-shape-scheduled-shocks").await;
    let start = "input-items-0-demand-shape-scheduled-shocks-0-start-day";
    let value = find(&root, start).dyn_into::<HtmlInputElement>().unwrap().value();
    assert_eq!(value, "120", "a new window starts a month after day 90");
    assert_ne!(text(&root, "purchase-cost-0"), purchases, "three times the demand for a week");
    type_into(&root, start, "-1").await;
    let message = text(&root, "error-items-0-demand-shape-scheduled-shocks-0-start-day");
    assert!(message.starts_with("Starts on day: -1 is out of range; accepted:"), "{message}");
    click(&root, "remove-items-0-demand-shape-scheduled-shocks-0").await;
    assert!(root.query_selector("[data-testid='stale-note']").unwrap().is_none());
    assert_eq!(text(&root, "purchase-cost-0"), purchases, "back to the preset's numbers");
}
