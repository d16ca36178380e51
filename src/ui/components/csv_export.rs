//! One button that downloads a table as CSV (UTF-8 with a byte-order mark, for Excel).

use leptos::prelude::*;

use crate::i18n::Key;
use crate::ui::context::{tx, use_app, AppCtx};

/// Downloads `text` as `<file_stem>-<today>.csv`; says so if the browser refuses.
pub fn save_csv(app: AppCtx, file_stem: &str, text: &str) {
    let name = format!("{file_stem}-{}.csv", crate::ui::format::today());
    if crate::ui::download::save_text(&name, text, "text/csv;charset=utf-8").is_err() {
        app.error(Key::DownloadRefused);
    }
}

/// Downloads `make()` as `<file_stem>-<today>.csv`, once every collection has been
/// read (a table can draw on several).
#[component]
pub fn ExportCsv(
    /// The start of the file name (`customers`).
    file_stem: &'static str,
    /// Builds the file's text when the button is pressed.
    make: Callback<(), String>,
) -> impl IntoView {
    let app = use_app();
    view! {
        <button
            type="button"
            class="btn"
            on:click=move |_| {
                leptos::task::spawn_local(async move {
                    app.stores.until_all_loaded().await;
                    save_csv(app, file_stem, &make.run(()));
                })
            }
        >
            {tx(Key::ExportCsv)}
        </button>
    }
}
