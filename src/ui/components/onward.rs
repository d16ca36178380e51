//! Where a form goes once its write is done.
//!
//! A write takes a moment (longer on a busy laptop); a user who clicks elsewhere in
//! the meantime has chosen where to be, and the saved form must not pull them back.

use leptos::prelude::*;
use leptos_router::NavigateOptions;

/// The page the user is on now (the path, without query or hash).
pub fn current_path() -> String {
    window().location().pathname().unwrap_or_default()
}

/// Goes to `to` if the user is still on `from` (taken when the save started);
/// otherwise leaves them where they went.
pub fn go_on_from(navigate: impl Fn(&str, NavigateOptions), from: &str, to: &str) {
    if current_path() == from {
        navigate(to, Default::default());
    }
}
