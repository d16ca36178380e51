//! The bar over a table whose rows can be ticked: how many are ticked, the page's own
//! actions on them, "move to trash" and "clear", in one place for every such table.

use leptos::prelude::*;

use crate::i18n::Key;
use crate::model::Record;
use crate::store::{Collection, IdSet};
use crate::ui::components::Writes;
use crate::ui::context::{tx, txf, use_app};

/// The actions on the rows ticked in `selection` (records of `collection`): the
/// page's own (`children`, e.g. the customers' stage and tags) before "move to trash".
/// Hidden while nothing is ticked, not removed, so what is typed in it and the focus
/// stay while rows are ticked and unticked. Its buttons wait while `busy` (a change
/// being saved, the page's or the trash's). In a read-only book only "clear" works.
#[component]
pub fn BulkBar<T>(
    collection: Collection<T>,
    selection: RwSignal<IdSet>,
    busy: RwSignal<bool>,
    #[prop(optional)] children: Option<Children>,
) -> impl IntoView
where
    T: Record + Send + Sync + 'static,
{
    let app = use_app();
    let trash = move |_| {
        let ids: Vec<String> = selection.get_untracked().into_iter().collect();
        busy.set(true);
        leptos::task::spawn_local(async move {
            match collection.trash(&ids).await {
                Ok(()) => {
                    selection.set(IdSet::new());
                    app.success(Key::MovedToTrash);
                }
                Err(e) => app.store_error(&e),
            }
            busy.set(false);
        });
    };
    view! {
        <div class="bulkbar" role="region" aria-label=txf(Key::Selected) hidden=move || selection.with(IdSet::is_empty)>
            <strong>{tx(Key::Selected)} ": " {move || selection.with(IdSet::len)}</strong>
            <Writes>
                {children.map(|c| c())}
                <button type="button" class="btn btn-danger" disabled=move || busy.get() on:click=trash>{tx(Key::MoveToTrash)}</button>
            </Writes>
            <button type="button" class="btn" on:click=move |_| selection.set(IdSet::new())>{tx(Key::ClearSelection)}</button>
        </div>
    }
}
