//! A record's edit page (`/…/:id`): the same four outcomes on every one. While the
//! record's collection is still being read, a status line (so opening the address
//! right after a reload finds the record instead of saying it does not exist); a
//! record in the trash, where the form refuses one, a message and the way to the
//! trash; no record with that id, a message; else the form with the record.

use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

use super::{still_reading, EmptyState};
use crate::i18n::Key;
use crate::model::Record;
use crate::store::Collection;
use crate::ui::context::tx;

/// The edit page of the record of `collection` whose id is the route's `:id`.
#[component]
pub fn RecordEdit<T, F, V>(
    /// The collection the record is in.
    collection: Collection<T>,
    /// Draws the form with the record.
    form: F,
    /// What to say when no record has the id.
    #[prop(default = Key::RecordNotFound)]
    not_found: Key,
    /// A record in the trash is restored before it is edited: say so instead of
    /// drawing the form (without it, the form is drawn and says so itself).
    #[prop(optional)]
    refuse_trashed: bool,
) -> impl IntoView
where
    T: Record + Send + Sync,
    F: Fn(T) -> V + Send + Sync + 'static,
    V: IntoView + 'static,
{
    let params = use_params_map();
    move || {
        if !collection.is_loaded() {
            return still_reading();
        }
        let id = params.with(|p| p.get("id").unwrap_or_default());
        match collection.with_untracked(|t| t.get(&id).cloned()) {
            Some(r) if refuse_trashed && r.deleted_at().is_some() => view! {
                <section class="page">
                    <EmptyState message=Key::InTrash>
                        <a href="/trash" class="btn">{tx(Key::NavTrash)}</a>
                    </EmptyState>
                </section>
            }
            .into_any(),
            Some(r) => form(r).into_any(),
            None => view! { <section class="page"><EmptyState message=not_found/></section> }.into_any(),
        }
    }
}
