//! A long list drawn a page at a time: the first rows, how many are not drawn, and a
//! button that draws the next page. The list's figures (counts, rates) still cover
//! every row; only the drawing waits (issue 24: a page of 20,000 rows took seconds).

use leptos::prelude::*;

use crate::i18n::Key;
use crate::messages;
use crate::ui::context::{tx, use_app};

/// How many rows of a list are drawn; grows a page at a time.
#[derive(Clone, Copy)]
pub struct Shown {
    count: RwSignal<usize>,
    page: usize,
}

impl Shown {
    /// The first `page` rows drawn.
    pub fn new(page: usize) -> Self {
        Shown { count: RwSignal::new(page), page }
    }

    /// How many rows to draw now (tracked).
    pub fn get(self) -> usize {
        self.count.get()
    }

    /// Back to the first page (the list was filtered anew).
    pub fn reset(self) {
        self.count.set(self.page);
    }

    /// Draws the next page.
    fn more(self) {
        self.count.update(|n| *n += self.page);
    }
}

/// "… and N more" and a "show more" button, when `total` rows are more than `shown`.
#[component]
pub fn ShowMore(shown: Shown, #[prop(into)] total: Signal<usize>) -> impl IntoView {
    let app = use_app();
    let hidden = move || total.get().saturating_sub(shown.get());
    // The button stays the same element as more are shown, so it keeps the focus.
    view! {
        <p class="hint" hidden=move || hidden() == 0>{move || messages::and_more(app.lang.get(), hidden())}</p>
        <button type="button" class="btn" hidden=move || hidden() == 0 on:click=move |_| shown.more()>{tx(Key::ShowMore)}</button>
    }
}
