//! Saving a file to the user's downloads.

use wasm_bindgen::JsCast;

/// Offers `text` as a download named `file_name`.
pub fn save_text(file_name: &str, text: &str, mime: &str) -> Result<(), wasm_bindgen::JsValue> {
    save_bytes(file_name, text.as_bytes(), mime)
}

/// Offers `bytes` as a download named `file_name`.
pub fn save_bytes(file_name: &str, bytes: &[u8], mime: &str) -> Result<(), wasm_bindgen::JsValue> {
    // As bytes, not a JS string: that would cost a conversion of the text to UTF-16
    // and back, which for a 400 MB workbook takes seconds.
    let parts = js_sys::Array::of1(&js_sys::Uint8Array::from(bytes));
    let opts = web_sys::BlobPropertyBag::new();
    opts.set_type(mime);
    let blob = web_sys::Blob::new_with_u8_array_sequence_and_options(&parts, &opts)?;
    let url = web_sys::Url::create_object_url_with_blob(&blob)?;
    let document = web_sys::window().and_then(|w| w.document()).ok_or("no document")?;
    let a: web_sys::HtmlAnchorElement = document.create_element("a")?.unchecked_into();
    a.set_href(&url);
    a.set_download(file_name);
    a.click();
    // Revoke later: revoking at once can cancel the download in some browsers.
    let revoke = wasm_bindgen::closure::Closure::once_into_js(move || {
        let _ = web_sys::Url::revoke_object_url(&url);
    });
    web_sys::window()
        .ok_or("no window")?
        .set_timeout_with_callback_and_timeout_and_arguments_0(revoke.unchecked_ref(), 10_000)?;
    Ok(())
}
