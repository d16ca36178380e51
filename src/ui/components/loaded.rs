//! Pages that read the whole book wait until every collection has been read; a record's
//! page waits for its own collection.

use leptos::prelude::*;

use crate::i18n::Key;
use crate::ui::context::{tx, use_app};

/// `children` once every collection has been read from the database (the long
/// histories load after opening); a status line until then.
#[component]
pub fn WhenLoaded(children: ChildrenFn) -> impl IntoView {
    let app = use_app();
    move || {
        if app.stores.loading().is_empty() {
            children().into_any()
        } else {
            still_reading()
        }
    }
}

/// The status line shown instead of a page whose data is still being read. A record's
/// edit page shows it until the record's collection is in (`Collection::is_loaded`,
/// tracked), so opening `/orders/…` right after a reload finds the order instead of
/// saying it does not exist.
pub fn still_reading() -> AnyView {
    view! { <p class="hint" role="status">{tx(Key::ReadingBook)}</p> }.into_any()
}
