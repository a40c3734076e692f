//! The page's entry point: mounts the calculator, or one chart of it when the address asks for
//! an embed (`?embed=frontier`). The same module is the page's simulation worker: `worker.js`
//! loads it in a Web Worker and calls [`worker_main`] (there is no window there, so `main` does
//! nothing).

use std::cell::RefCell;

use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

fn main() {
    console_error_panic_hook::set_once();
    let Some(window) = web_sys::window() else {
        return; // a worker: see worker_main
    };
    jitjic::ui::locale::detect();
    let search = window.location().search().unwrap_or_default();
    match jitjic::ui::requested_embed(&search) {
        Some(view) => {
            let props = jitjic::ui::EmbedProps { view: view.into() };
            yew::Renderer::<jitjic::ui::Embed>::with_props(props).render();
        }
        None => {
            yew::Renderer::<jitjic::ui::App>::new().render();
        }
    }
}

/// Runs in a Web Worker: answers each request (postcard bytes, see `jitjic::worker`) with its
/// result's bytes, one at a time, then says it is ready.
#[wasm_bindgen]
pub fn worker_main() {
    let scope: web_sys::DedicatedWorkerGlobalScope = js_sys::global().unchecked_into();
    jitjic::ui::locale::detect();
    let worker = RefCell::new(jitjic::worker::Worker::default());
    let reply = scope.clone();
    let on_message =
        Closure::<dyn FnMut(web_sys::MessageEvent)>::new(move |e: web_sys::MessageEvent| {
            let bytes = js_sys::Uint8Array::new(&e.data()).to_vec();
            let response = match jitjic::worker::decode(&bytes) {
                Ok(request) => worker.borrow_mut().handle(request),
                Err(reason) => jitjic::worker::Response { job: 0, outcome: Err(reason) },
            };
            let out = js_sys::Uint8Array::from(jitjic::worker::encode(&response).as_slice());
            // Posting fails only if the page has gone.
            let _ = reply.post_message_with_transfer(&out, &js_sys::Array::of1(&out.buffer()));
        });
    scope.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    on_message.forget();
    let _ = scope.post_message(&JsValue::from_str("ready"));
}
