//! "Learn where you work": a short, folded explanation of the concept a page practises
//! and how to use it, with a link to the exercise that practises it.

use leptos::prelude::*;

use crate::i18n::Key;
use crate::ui::context::tx;

/// The help panel of a page: `text` explains, `exercise` (`p3-t2`) is practised.
#[component]
pub fn HelpPanel(text: Key, exercise: &'static str) -> impl IntoView {
    let project = exercise.get(1..2).unwrap_or("1");
    view! {
        <details class="help no-print">
            <summary>{tx(Key::HelpTitle)}</summary>
            <p>{tx(text)}</p>
            <p><a href=format!("/exercises#project-{project}")>{tx(Key::PracticeIt)}</a></p>
        </details>
    }
}
