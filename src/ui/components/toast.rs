//! The toast region: successes announced politely, errors at once.

use leptos::prelude::*;

use crate::i18n::Key;
use crate::ui::context::{txf, use_app, ToastKind};

/// Renders the app's toasts.
#[component]
pub fn Toasts() -> impl IntoView {
    let app = use_app();
    let list = move |kind: ToastKind| {
        move || {
            app.toasts
                .get()
                .into_iter()
                .filter(|t| t.kind == kind)
                .map(|t| {
                    let id = t.id;
                    view! {
                        <div class="toast" class:toast-error=kind == ToastKind::Error>
                            <span>{t.text}</span>
                            <button
                                type="button"
                                class="btn-icon"
                                aria-label=txf(Key::Close)
                                on:click=move |_| app.toasts.update(|v| v.retain(|x| x.id != id))
                            >
                                "×"
                            </button>
                        </div>
                    }
                })
                .collect_view()
        }
    };
    view! {
        <div class="toasts" role="region" aria-label=txf(Key::Notifications)>
            <div role="status" aria-live="polite">{list(ToastKind::Success)}</div>
            <div role="alert" aria-live="assertive">{list(ToastKind::Error)}</div>
        </div>
    }
}
