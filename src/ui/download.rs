//! Saving a file from the page: text or a data URL handed to the browser's download, named.

use wasm_bindgen::JsCast;

/// Offers `text` as a file named `name` of type `mime`.
///
/// # Errors
/// When the browser refuses to make the file (said in words for the page).
pub fn download_text(name: &str, mime: &str, text: &str) -> Result<(), String> {
    let parts = js_sys::Array::of1(&wasm_bindgen::JsValue::from_str(text));
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(mime);
    let blob = web_sys::Blob::new_with_str_sequence_and_options(&parts, &options)
        .map_err(|_| format!("the browser would not make {name}"))?;
    let url = web_sys::Url::create_object_url_with_blob(&blob)
        .map_err(|_| format!("the browser would not make {name}"))?;
    let result = download_url(name, &url);
    let _ = web_sys::Url::revoke_object_url(&url);
    result
}

/// Offers what `url` (a blob: or data: URL) holds as a file named `name`.
///
/// # Errors
/// When the page has no document to click a link in.
pub fn download_url(name: &str, url: &str) -> Result<(), String> {
    let document = web_sys::window()
        .and_then(|w| w.document())
        .ok_or_else(|| format!("no document to save {name} from"))?;
    let a: web_sys::HtmlAnchorElement = document
        .create_element("a")
        .map_err(|_| format!("could not save {name}"))?
        .unchecked_into();
    a.set_href(url);
    a.set_download(name);
    a.click();
    Ok(())
}
