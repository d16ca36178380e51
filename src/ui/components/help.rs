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

/// How a figure is computed, folded under "怎么算的": one paragraph per key, in the
/// words of the code that computes it.
#[component]
pub fn HowComputed(lines: &'static [Key]) -> impl IntoView {
    view! {
        <details class="how-computed">
            <summary>{tx(Key::HowComputed)}</summary>
            {lines.iter().map(|k| view! { <p class="hint">{tx(*k)}</p> }).collect_view()}
        </details>
    }
}
