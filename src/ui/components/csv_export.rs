//! One button that downloads a table as CSV (UTF-8 with a byte-order mark, for Excel).

use std::future::Future;
use std::pin::Pin;

use leptos::prelude::*;

use crate::i18n::Key;
use crate::split::ChunkError;
use crate::ui::context::{tx, use_app, AppCtx};

/// Downloads `text` as `<file_stem>-<today>.csv`; says so if the browser refuses.
pub fn save_csv(app: AppCtx, file_stem: &str, text: &str) {
    let name = format!("{file_stem}-{}.csv", crate::ui::format::today());
    if crate::ui::download::save_text(&name, text, "text/csv;charset=utf-8").is_err() {
        app.error(Key::DownloadRefused);
    }
}

/// A CSV file's text, made when it is asked for: its code may be in a chunk (the
/// customer list's is, to keep the first download small).
pub type CsvText = Pin<Box<dyn Future<Output = Result<String, ChunkError>>>>;

/// A text made on the spot, as [`ExportCsv`] takes it.
pub fn csv_ready(text: String) -> CsvText {
    Box::pin(std::future::ready(Ok(text)))
}

/// Downloads `make()` as `<file_stem>-<today>.csv`, once every collection has been
/// read (a table can draw on several).
#[component]
pub fn ExportCsv(
    /// The start of the file name (`customers`).
    file_stem: &'static str,
    /// Builds the file's text when the button is pressed.
    make: Callback<(), CsvText>,
) -> impl IntoView {
    let app = use_app();
    view! {
        <button
            type="button"
            class="btn"
            on:click=move |_| {
                leptos::task::spawn_local(async move {
                    app.stores.until_all_loaded().await;
                    match make.run(()).await {
                        Ok(text) => save_csv(app, file_stem, &text),
                        Err(ChunkError) => app.error_text(crate::messages::store_error(
                            app.lang.get_untracked(),
                            &crate::store::StoreError::CodeNotLoaded,
                        )),
                    }
                })
            }
        >
            {tx(Key::ExportCsv)}
        </button>
    }
}
