//! A confirm dialog on the native `<dialog>`: modal, traps focus, closes on Escape.

use leptos::html::Dialog;
use leptos::prelude::*;

use crate::i18n::Key;
use crate::ui::context::{tx, use_app};

/// Asks before an irreversible act. Opens while `open` is true.
#[component]
pub fn ConfirmDialog(
    /// Whether the dialog is showing.
    open: RwSignal<bool>,
    /// The question.
    message: Key,
    /// The confirming button's text.
    confirm: Key,
    /// Runs when the user confirms.
    on_confirm: Callback<()>,
) -> impl IntoView {
    let app = use_app();
    let dialog: NodeRef<Dialog> = NodeRef::new();
    let text_id = super::next_id("confirm");
    let labelled_by = text_id.clone();
    Effect::new(move |_| {
        let Some(d) = dialog.get() else { return };
        if open.get() {
            if !d.open() {
                let _ = d.show_modal();
            }
        } else if d.open() {
            d.close();
        }
    });
    view! {
        <dialog node_ref=dialog class="dialog" on:close=move |_| open.set(false) aria-labelledby=labelled_by>
            <p id=text_id>{move || app.t(message)}</p>
            <div class="actions">
                <button type="button" class="btn" on:click=move |_| open.set(false)>{tx(Key::Cancel)}</button>
                <button
                    type="button"
                    class="btn btn-danger"
                    on:click=move |_| {
                        open.set(false);
                        on_confirm.run(());
                    }
                >
                    {move || app.t(confirm)}
                </button>
            </div>
        </dialog>
    }
}
