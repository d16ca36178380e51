//! What a list shows when it has nothing to show.

use leptos::prelude::*;

use crate::i18n::Key;
use crate::ui::context::use_app;

/// A centred message for an empty list, with optional actions as children.
#[component]
pub fn EmptyState(
    /// The message.
    message: Key,
    /// Actions offered.
    #[prop(optional)]
    children: Option<Children>,
) -> impl IntoView {
    let app = use_app();
    view! {
        <div class="empty">
            <p>{move || app.t(message)}</p>
            {children.map(|c| c())}
        </div>
    }
}
