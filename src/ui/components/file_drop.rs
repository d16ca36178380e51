//! Choosing a file by button or by dropping it; hands over its bytes.

use leptos::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

use crate::i18n::Key;
use crate::ui::context::{tx, use_app};

async fn read_bytes(file: web_sys::File) -> Option<(String, Vec<u8>)> {
    let buf = JsFuture::from(file.array_buffer()).await.ok()?;
    Some((file.name(), js_sys::Uint8Array::new(&buf).to_vec()))
}

/// A file input with a drop zone around it. `on_file` gets the file's name and bytes,
/// once per file when `multiple`. A file is read into the book, so in a read-only book
/// the button is disabled with the reason, unless the file goes elsewhere
/// (`outside_book`: the class under review).
#[component]
pub fn FileDrop(
    /// The file types offered in the picker, e.g. `.json`.
    accept: &'static str,
    /// The button's label.
    label: Key,
    /// Receives (file name, bytes).
    on_file: Callback<(String, Vec<u8>)>,
    /// Several files at once (each handed over in turn).
    #[prop(optional)]
    multiple: bool,
    /// The file is not read into the book shown (stays active in a read-only book).
    #[prop(optional)]
    outside_book: bool,
) -> impl IntoView {
    let app = use_app();
    let lock = super::Lock::new();
    if lock.on && !outside_book {
        return view! {
            <div class="drop">
                <button type="button" class="btn" disabled=true title=lock.title() aria-describedby=lock.described()>{move || app.t(label)}</button>
            </div>
        }
        .into_any();
    }
    let over = RwSignal::new(false);
    let take = move |files: Option<web_sys::FileList>| {
        let Some(files) = files else { return };
        let count = if multiple { files.length() } else { files.length().min(1) };
        let files: Vec<web_sys::File> = (0..count).filter_map(|i| files.get(i)).collect();
        // Every file read first, then all handed over in order in one go: what they
        // change (a class table of 40 students) is then drawn once, not once per file.
        leptos::task::spawn_local(async move {
            let mut read = Vec::with_capacity(files.len());
            for file in files {
                read.extend(read_bytes(file).await);
            }
            for got in read {
                on_file.run(got);
            }
        });
    };
    let id = super::next_id("file");
    view! {
        <div
            class="drop"
            class:drop-over=move || over.get()
            on:dragover=move |ev: web_sys::DragEvent| {
                ev.prevent_default();
                over.set(true);
            }
            on:dragleave=move |_| over.set(false)
            on:drop=move |ev: web_sys::DragEvent| {
                ev.prevent_default();
                over.set(false);
                take(ev.data_transfer().and_then(|d| d.files()));
            }
        >
            <label for=id.clone() class="btn">{move || app.t(label)}</label>
            <input
                id=id
                class="visually-hidden"
                type="file"
                accept=accept
                multiple=multiple
                on:change=move |ev| {
                    let input: web_sys::HtmlInputElement = ev.target().unwrap().unchecked_into();
                    take(input.files());
                    input.set_value("");
                }
            />
            <span class="hint">{tx(Key::DropFileHere)}</span>
        </div>
    }
    .into_any()
}

/// A [`FileDrop`] for CSV files with a choice of encoding (automatic, UTF-8, GBK):
/// `on_file` gets the file's text as UTF-8 bytes; a file that is not text in the chosen
/// encoding is refused with a message and `on_file` is not called.
#[component]
pub fn CsvFileDrop(
    /// Receives (file name, UTF-8 bytes).
    on_file: Callback<(String, Vec<u8>)>,
) -> impl IntoView {
    use crate::ui::text::{to_utf8, TextEncoding};
    let app = use_app();
    let encoding = RwSignal::new(TextEncoding::Auto);
    let take = Callback::new(move |(name, bytes): (String, Vec<u8>)| {
        let lang = app.lang.get_untracked();
        if bytes.len() > crate::workbook::csv::MAX_CSV_BYTES {
            let text = crate::messages::file_too_large(lang, bytes.len(), crate::workbook::csv::MAX_CSV_BYTES);
            return app.error_text(text);
        }
        if crate::workbook::csv::mixes_encodings(&bytes) {
            return app.error(Key::MixedEncodings);
        }
        match to_utf8(&bytes, encoding.get_untracked()) {
            Some(text) => on_file.run((name, text)),
            None => app.error(Key::NotThatEncoding),
        }
    });
    view! {
        <div class="actions">
            <label class="inline"><span>{crate::ui::context::tx(Key::FileEncoding)}</span>
                <select prop:value=move || encoding.get().value() on:change=move |ev| encoding.set(TextEncoding::from_value(&event_target_value(&ev)))>
                    <option value="auto">{crate::ui::context::tx(Key::EncodingAuto)}</option>
                    <option value="utf-8">"UTF-8"</option>
                    <option value="gbk">"GBK"</option>
                </select>
            </label>
        </div>
        <FileDrop accept=".csv,text/csv" label=Key::ChooseFile on_file=take/>
    }
}
