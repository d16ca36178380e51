//! Where the keyboard focus goes when the page changes.

use leptos::prelude::*;

/// Scrolls `main` to the top and puts the focus on it, so keyboard and screen-reader
/// users start on the page, not on `<body>`.
pub fn focus_main() {
    if let Some(main) = document().get_element_by_id("main") {
        use wasm_bindgen::JsCast;
        main.set_scroll_top(0);
        let _ = main.unchecked_into::<web_sys::HtmlElement>().focus();
    }
}
