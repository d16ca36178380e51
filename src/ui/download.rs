//! Saving a file to the user's downloads.

use wasm_bindgen::JsCast;

/// Offers `text` as a download named `file_name`.
pub fn save_text(file_name: &str, text: &str, mime: &str) -> Result<(), wasm_bindgen::JsValue> {
    save_parts(file_name, &js_sys::Array::of1(&js_sys::Uint8Array::from(text.as_bytes())), mime)
}

/// Offers what `write` writes as a download named `file_name`. The bytes go to the
/// browser in pieces as they are written, so a 400 MB workbook is never held whole in
/// WebAssembly memory (which would keep that size for good), and never as a JS string
/// (a conversion to UTF-16 and back that takes seconds).
pub fn save_written(
    file_name: &str,
    mime: &str,
    write: impl FnOnce(&mut dyn std::io::Write) -> std::io::Result<()>,
) -> Result<(), wasm_bindgen::JsValue> {
    let mut parts = BlobParts { parts: js_sys::Array::new(), buffer: Vec::with_capacity(BlobParts::PIECE) };
    write(&mut parts).map_err(|e| wasm_bindgen::JsValue::from_str(&e.to_string()))?;
    parts.flush_piece();
    save_parts(file_name, &parts.parts, mime)
}

/// Bytes collected into pieces of a Blob.
struct BlobParts {
    parts: js_sys::Array,
    buffer: Vec<u8>,
}

impl BlobParts {
    /// The size of one piece.
    const PIECE: usize = 4 << 20;

    fn flush_piece(&mut self) {
        if !self.buffer.is_empty() {
            self.parts.push(&js_sys::Uint8Array::from(self.buffer.as_slice()));
            self.buffer.clear();
        }
    }
}

impl std::io::Write for BlobParts {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        self.buffer.extend_from_slice(bytes);
        if self.buffer.len() >= Self::PIECE {
            self.flush_piece();
        }
        Ok(bytes.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// Offers the Blob of `parts` as a download named `file_name`.
fn save_parts(file_name: &str, parts: &js_sys::Array, mime: &str) -> Result<(), wasm_bindgen::JsValue> {
    let opts = web_sys::BlobPropertyBag::new();
    opts.set_type(mime);
    let blob = web_sys::Blob::new_with_u8_array_sequence_and_options(parts, &opts)?;
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
