//! The app mounted in headless Chromium: it renders the form, runs the core in wasm, draws
//! the charts on canvases and reacts to input. No sleeps: yew's scheduler is flushed.
#![cfg(target_arch = "wasm32")]

use wasm_bindgen::JsCast;
use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};
use web_sys::{CanvasRenderingContext2d, Element, HtmlCanvasElement, HtmlInputElement, InputEvent};

use jitjic::ui::App;

wasm_bindgen_test_configure!(run_in_browser);

/// Mounts the app, with the page's own stylesheet, in a fresh 1000 px wide element and lets
/// it render.
async fn mount() -> Element {
    let document = web_sys::window().unwrap().document().unwrap();
    if document.get_element_by_id("page-style").is_none() {
        let style = document.create_element("style").unwrap();
        style.set_id("page-style");
        style.set_text_content(Some(include_str!("../www/style.css")));
        document.head().unwrap().append_child(&style).unwrap();
    }
    let root = document.create_element("div").unwrap();
    root.set_attribute("style", "width: 1000px").unwrap();
    document.body().unwrap().append_child(&root).unwrap();
    yew::Renderer::<App>::with_root(root.clone()).render();
    yew::scheduler::flush().await;
    root
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
}

#[wasm_bindgen_test]
async fn the_app_simulates_and_draws_both_charts() {
    let root = mount().await;
    for key in ["inventory", "cost"] {
        let canvas: HtmlCanvasElement = find(&root, &format!("chart-{key}")).dyn_into().unwrap();
        assert!(canvas.width() > 300, "{key}: canvas sized to its box, got {}", canvas.width());
        assert!(inked_pixels(&canvas) > 1_000, "{key}: nothing drawn");
    }
    assert!(text(&root, "total-cost-jit").starts_with('$'));
    assert!(text(&root, "fill-rate-jic").ends_with(|c: char| c.is_ascii_digit()));
    assert!(text(&root, "summary").starts_with("JIC's buffer of 100 units"));
}

#[wasm_bindgen_test]
async fn an_edit_reruns_the_simulation_and_redraws() {
    let root = mount().await;
    let before = text(&root, "avg-on-hand-jic");
    type_into(&root, "input-jic-buffer", "10").await;
    let after = text(&root, "avg-on-hand-jic");
    assert_ne!(before, after);
    assert!(text(&root, "summary").starts_with("JIC's buffer of 200 units (10 days"));
}

#[wasm_bindgen_test]
async fn invalid_input_names_the_field_and_keeps_the_last_results() {
    let root = mount().await;
    let before = text(&root, "total-cost-jit");
    type_into(&root, "input-lead-time", "abc").await;
    let message = text(&root, "error-lead-time");
    assert_eq!(
        message,
        "Lead time: \"abc\" is not a number; accepted: whole numbers from 0 to 365 days."
    );
    assert!(root.query_selector("[data-testid='stale-note']").unwrap().is_some());
    assert_eq!(text(&root, "total-cost-jit"), before, "last valid results stay on screen");
    type_into(&root, "input-lead-time", "7").await;
    assert!(root.query_selector("[data-testid='error-lead-time']").unwrap().is_none());
    assert!(root.query_selector("[data-testid='stale-note']").unwrap().is_none());
}
