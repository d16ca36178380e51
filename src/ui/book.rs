//! The book this browser keeps: whose it is (the owner a student enters), its id
//! (carried by its exports, so feedback files find it) and when it was last exported.
//! Small preferences in localStorage, shared by the workbook, exercises and storage
//! pages and the first visit's welcome card.

use leptos::prelude::*;

use crate::i18n::Key;
use crate::store::prefs;
use crate::workbook::Owner;

/// Where the owner (name, class, number) is kept in localStorage.
pub(crate) const OWNER_KEY: &str = "kehu.owner";
/// When the last export was made (RFC 3339), in localStorage.
pub(crate) const LAST_EXPORT_KEY: &str = "kehu.last_export";
/// This browser's book id, in localStorage.
pub(crate) const BOOK_ID_KEY: &str = "kehu.book_id";

/// This browser's book id, if one was made.
pub fn stored_book_id() -> Option<String> {
    prefs::get(BOOK_ID_KEY)
}

/// This browser's book id, made on first use.
pub(crate) fn book_id() -> String {
    stored_book_id().unwrap_or_else(|| {
        let id = crate::model::new_id();
        prefs::set(BOOK_ID_KEY, &id);
        id.to_string()
    })
}

/// Whose book the pages show: the student's while an instructor browses one, else
/// this browser's owner.
pub fn book_owner(app: &crate::ui::AppCtx) -> Option<Owner> {
    if app.stores.db.is_read_only() {
        let review = use_context::<crate::ui::review_state::ReviewCtx>()?;
        return review.browsed().and_then(|f| f.workbook.owner.clone());
    }
    prefs::get(OWNER_KEY)
}

/// Whether this browser's book has an owner: one saved with at least one part filled
/// in (name, class or number).
pub(crate) fn has_owner() -> bool {
    prefs::get::<Owner>(OWNER_KEY)
        .is_some_and(|o| [&o.name, &o.class, &o.student_id].iter().any(|part| !part.trim().is_empty()))
}

/// Keeps the owner a student entered (each part trimmed) as this browser's book's
/// owner, the one its exports carry, and says so. The workbook page's owner form and
/// the first visit's welcome card both save through here.
pub(crate) fn save_owner(app: &crate::ui::AppCtx, name: &str, class: &str, student_id: &str) {
    let owner = Owner { name: name.trim().into(), class: class.trim().into(), student_id: student_id.trim().into() };
    prefs::set(OWNER_KEY, &owner);
    app.success(Key::OwnerSaved);
}
