//! Pages that read the whole book wait until every collection has been read.

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
            view! { <p class="hint" role="status">{tx(Key::ReadingBook)}</p> }.into_any()
        }
    }
}
