//! The simulation's own module: what the page's workers load (index.html builds it as trunk's
//! worker binary, with the `worker` cargo profile: for speed, not size). It holds only what
//! they compute, the engine and the formats it reads ([`jitjic::worker`]), none of the page.
//!
//! Loaded in a Web Worker (`worker-<hash>.js`, written by `scripts/csp.mjs`), `main` answers each
//! request's bytes with its result's bytes, one at a time, after saying it is ready. Loaded
//! on the page's own thread (no workers, or `?workers=0`: `ui::worker_bridge`), `main` does
//! nothing and the page calls [`answer`] directly: the same code, so the same numbers.
//! Natively it is an empty program (the CLI is `jitjic`).

#[cfg(target_arch = "wasm32")]
mod web {
    use std::cell::RefCell;

    use wasm_bindgen::prelude::*;
    use wasm_bindgen::JsCast;

    thread_local! {
        static WORKER: RefCell<jitjic::worker::Worker> = RefCell::default();
    }

    /// A request's answer, both as bytes (see `jitjic::worker`).
    #[wasm_bindgen]
    pub fn answer(request: &[u8]) -> Vec<u8> {
        WORKER.with(|w| w.borrow_mut().answer(request))
    }

    pub fn start() {
        console_error_panic_hook::set_once();
        jitjic::ui::locale::detect();
        let Ok(scope) = js_sys::global().dyn_into::<web_sys::DedicatedWorkerGlobalScope>() else {
            return; // on the page's thread: the page calls `answer`
        };
        let reply = scope.clone();
        let on_message =
            Closure::<dyn FnMut(web_sys::MessageEvent)>::new(move |e: web_sys::MessageEvent| {
                let bytes = js_sys::Uint8Array::new(&e.data()).to_vec();
                let out = js_sys::Uint8Array::from(answer(&bytes).as_slice());
                // Posting fails only if the page has gone.
                let _ = reply.post_message_with_transfer(&out, &js_sys::Array::of1(&out.buffer()));
            });
        scope.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
        on_message.forget();
        let _ = scope.post_message(&JsValue::from_str("ready"));
    }
}

fn main() {
    #[cfg(target_arch = "wasm32")]
    web::start();
}
