//! One button that downloads a table as CSV (UTF-8 with a byte-order mark, for Excel).

use leptos::prelude::*;

use crate::i18n::Key;
use crate::ui::context::{tx, use_app, ToastKind};

/// Downloads `make()` as `<file_stem>-<today>.csv`.
#[component]
pub fn ExportCsv(
    /// The start of the file name (`customers`).
    file_stem: &'static str,
    /// Builds the file's text when the button is pressed.
    make: Callback<(), String>,
) -> impl IntoView {
    let app = use_app();
    view! {
        <button type="button" class="btn" on:click=move |_| {
            let name = format!("{file_stem}-{}.csv", crate::ui::format::today());
            if crate::ui::download::save_text(&name, &make.run(()), "text/csv;charset=utf-8").is_err() {
                app.toast(ToastKind::Error, app.lang.get_untracked().t(Key::DownloadRefused));
            }
        }>{tx(Key::ExportCsv)}</button>
    }
}
