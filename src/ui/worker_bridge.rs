//! Where the simulation's module is, and the module on the page's own thread for when there
//! are no workers (`?workers=0`, or a browser that will not start them).
//!
//! The build names the module by a hash of its content (`scripts/csp.mjs`), given in
//! `<meta name="jitjic-worker">`: the workers load `worker-<hash>.js`. The page's module does
//! not hold the simulation: without workers it loads `worker-page-<hash>.js` (the module's
//! loader, then a promise of its `answer` function in `jitjicWorker`) and calls it with the
//! same request bytes a worker gets, so the numbers are the same bits.

use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

/// The build's hash of the simulation's module, from the page's `<meta name="jitjic-worker">`
/// (`None` where there is no built page, as in the wasm tests).
fn build() -> Option<String> {
    let document = web_sys::window()?.document()?;
    let meta = document.query_selector("meta[name='jitjic-worker']").ok()??;
    meta.get_attribute("content")
        .filter(|h| !h.is_empty() && h.chars().all(|c| c.is_ascii_hexdigit()))
}

/// The classic script a worker runs, next to index.html.
pub fn worker_script() -> Option<String> {
    build().map(|hash| format!("./worker-{hash}.js"))
}

/// The module's `answer` function, loaded once.
pub type Answer = js_sys::Function;

/// Loads the workers' module on the page's thread.
///
/// # Errors
/// When the script or the module cannot be loaded, in words.
pub async fn load() -> Result<Answer, String> {
    let failed = |what: &str| format!("the simulation's module could not be loaded ({what})");
    let src =
        build().map(|hash| format!("./worker-page-{hash}.js")).ok_or_else(|| failed("no build"))?;
    let document = web_sys::window().and_then(|w| w.document()).ok_or_else(|| failed("no page"))?;
    let script: web_sys::HtmlScriptElement = document
        .create_element("script")
        .map_err(|_| failed("no script element"))?
        .unchecked_into();
    script.set_src(&src);
    let loaded = js_sys::Promise::new(&mut |resolve, reject| {
        script.set_onload(Some(&resolve));
        script.set_onerror(Some(&reject));
    });
    let head = document.head().ok_or_else(|| failed("no head"))?;
    head.append_child(&script).map_err(|_| failed("the script was refused"))?;
    JsFuture::from(loaded).await.map_err(|_| failed(&src))?;
    let ready = js_sys::Reflect::get(&js_sys::global(), &JsValue::from_str("jitjicWorker"))
        .ok()
        .and_then(|p| p.dyn_into::<js_sys::Promise>().ok())
        .ok_or_else(|| failed("no jitjicWorker"))?;
    let answer = JsFuture::from(ready).await.map_err(|e| failed(&format!("{e:?}")))?;
    answer.dyn_into::<Answer>().map_err(|_| failed("no answer function"))
}

/// A request's answer from the loaded module, both as bytes.
///
/// # Errors
/// When the module throws (it does not for any request the page sends).
pub fn call(answer: &Answer, request: &[u8]) -> Result<Vec<u8>, String> {
    let bytes = js_sys::Uint8Array::from(request);
    let out = answer.call1(&JsValue::NULL, &bytes).map_err(|e| format!("{e:?}"))?;
    Ok(js_sys::Uint8Array::new(&out).to_vec())
}
