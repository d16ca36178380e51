//! While an instructor browses a student's book read-only, every control that would
//! change the book is drawn disabled and says why, instead of being offered and then
//! refused with a toast after the click. The reason is one sentence in the read-only
//! banner ([`ReadOnlyReason`], id [`READ_ONLY_REASON`]); a locked control points at it
//! (`aria-describedby`) and shows it on hover (`title`). Navigation, filters, search,
//! sorting, printing and exports are not locked: they change nothing.
//!
//! Three ways to lock, one per shape of control: [`Writes`] around a form or a block
//! whose every control writes (a disabled `fieldset` disables all of them at once);
//! [`NewLink`] for a "new …" link; [`Lock`] for a single control among others.

use leptos::prelude::*;

use crate::i18n::{Key, Lang};
use crate::ui::context::use_app;

/// The id of the element that says why nothing can be changed.
pub const READ_ONLY_REASON: &str = "read-only-reason";

/// Whether the pages show a book that cannot be changed (a student's, browsed by an
/// instructor). Fixed for the life of the pages: leaving the book builds them anew.
#[derive(Clone, Copy)]
pub struct Lock {
    /// Whether controls that write are locked.
    pub on: bool,
    lang: RwSignal<Lang>,
}

impl Lock {
    /// The lock of the book the pages show (reads the app context).
    pub fn new() -> Self {
        let app = use_app();
        Lock { on: app.stores.db.is_read_only(), lang: app.lang }
    }

    /// The `title` of a locked control: the reason, in the current language.
    pub fn title(self) -> impl Fn() -> Option<&'static str> + Clone + Send + Sync + 'static {
        move || self.on.then(|| self.lang.get().t(Key::ReadOnlyNoChanges))
    }

    /// The `aria-describedby` of a locked control: the reason's id.
    pub fn described(self) -> Option<&'static str> {
        self.on.then_some(READ_ONLY_REASON)
    }
}

impl Default for Lock {
    fn default() -> Self {
        Self::new()
    }
}

/// Whether the pages show a read-only book.
pub fn read_only() -> bool {
    use_app().stores.db.is_read_only()
}

/// A block whose every control writes to the book (a record form, an inline editor):
/// in a read-only book all of them are disabled with the reason. Adds no box of its
/// own (`display: contents`), so the layout is the same either way.
#[component]
pub fn Writes(children: Children) -> impl IntoView {
    let lock = Lock::new();
    view! {
        <fieldset class="writes" disabled=lock.on title=lock.title() aria-describedby=lock.described()>
            {children()}
        </fieldset>
    }
}

/// A "new …" link (`href` the new record's form): in a read-only book a disabled
/// button with the reason instead.
#[component]
pub fn NewLink(
    /// Where the new record's form is.
    #[prop(into)]
    href: String,
    /// The link's words.
    label: Key,
    /// The button style (`btn btn-primary` unless given).
    #[prop(default = "btn btn-primary")]
    class: &'static str,
    /// The accessible name, when the words alone do not say which record.
    #[prop(optional, into)]
    aria_label: Option<String>,
) -> impl IntoView {
    let lock = Lock::new();
    let app = use_app();
    if lock.on {
        view! {
            <button type="button" class=class disabled=true title=lock.title() aria-describedby=lock.described() aria-label=aria_label>
                {move || app.t(label)}
            </button>
        }
        .into_any()
    } else {
        view! { <a href=href class=class aria-label=aria_label>{move || app.t(label)}</a> }.into_any()
    }
}

/// The reason nothing can be changed, once on every page of a read-only book (in its
/// banner); locked controls point at it.
#[component]
pub fn ReadOnlyReason() -> impl IntoView {
    let app = use_app();
    view! { <span id=READ_ONLY_REASON class="read-only-reason">{move || app.t(Key::ReadOnlyNoChanges)}</span> }
}
