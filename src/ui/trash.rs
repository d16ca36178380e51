//! The trash: records of every collection moved there can be restored or deleted for
//! good (with what depends on them, see `Stores::delete_forever`).

use leptos::prelude::*;

use crate::i18n::Key;
use crate::store::Trashed;
use crate::ui::components::{ConfirmDialog, EmptyState, Writes};
use crate::ui::context::{tx, use_app};
use crate::ui::format::{collection_key, local_datetime};

/// `/trash`.
#[component]
pub fn TrashPage() -> impl IntoView {
    let app = use_app();
    let stores = app.stores;
    let items = Memo::new(move |_| {
        let mut v: Vec<Trashed> = stores.trashed();
        v.sort_by_key(|c| std::cmp::Reverse(c.deleted_at));
        v
    });
    let confirm_open = RwSignal::new(false);
    // What a "delete for good" waits to confirm: the records, with the words to say
    // when it is done.
    let to_delete = RwSignal::new((Vec::<(&'static str, String)>::new(), Key::DeletedForever));
    let run = move |records: Vec<(&'static str, String)>, done: Key| {
        let restore = done == Key::Restored;
        leptos::task::spawn_local(async move {
            let mut result = Ok(());
            // One collection at a time, customers last: their dependents go first.
            let mut by_collection: Vec<(&'static str, Vec<String>)> = Vec::new();
            for (c, id) in records {
                match by_collection.iter_mut().find(|(x, _)| *x == c) {
                    Some((_, ids)) => ids.push(id),
                    None => by_collection.push((c, vec![id])),
                }
            }
            by_collection.sort_by_key(|(c, _)| *c == "customers");
            for (c, ids) in by_collection {
                result = if restore { stores.restore(c, &ids).await } else { stores.delete_forever(c, &ids).await };
                if result.is_err() {
                    break;
                }
            }
            match result {
                Ok(()) => app.success(done),
                Err(e) => app.store_error(&e),
            }
            // Keep the keyboard user on the page, not on <body>.
            if let Some(main) = document().get_element_by_id("main") {
                use wasm_bindgen::JsCast;
                let _ = main.unchecked_into::<web_sys::HtmlElement>().focus();
            }
        });
    };
    let ask = move |records: Vec<(&'static str, String)>, done: Key| {
        to_delete.set((records, done));
        confirm_open.set(true);
    };
    let delete_confirmed = Callback::new(move |()| {
        let (records, done) = to_delete.get_untracked();
        run(records, done)
    });
    view! {
        <section class="page">
            <div class="page-head">
                <h1>{tx(Key::NavTrash)}</h1>
                <Writes><button type="button" class="btn btn-danger" disabled=move || items.with(Vec::is_empty) on:click=move |_| ask(items.get_untracked().into_iter().map(|c| (c.collection, c.id)).collect(), Key::TrashEmptied)>
                    {tx(Key::EmptyTrash)}
                </button></Writes>
            </div>
            {move || if items.with(Vec::is_empty) {
                view! { <EmptyState message=Key::TrashEmpty/> }.into_any()
            } else {
                view! {
                    <table class="simple">
                        <thead><tr>
                            <th scope="col">{tx(Key::Kind)}</th>
                            <th scope="col">{tx(Key::Record)}</th>
                            <th scope="col">{tx(Key::DeletedAt)}</th>
                            <th scope="col"><span class="visually-hidden">{tx(Key::Restore)}</span></th>
                        </tr></thead>
                        <tbody>
                            {items.get().into_iter().map(|c| {
                                let one = vec![(c.collection, c.id.clone())];
                                let again = one.clone();
                                let name = c.summary.clone();
                                view! {
                                    <tr>
                                        <td>{tx(collection_key(c.collection))}</td>
                                        <td>{c.summary.clone()}</td>
                                        <td>{c.deleted_at.map(local_datetime).unwrap_or_default()}</td>
                                        <td class="actions"><Writes>
                                            <button type="button" class="btn" aria-label=format!("{} {name}", app.t(Key::Restore)) on:click=move |_| run(one.clone(), Key::Restored)>{tx(Key::Restore)}</button>
                                            <button type="button" class="btn btn-danger" aria-label=format!("{} {}", app.t(Key::DeleteForever), c.summary) on:click=move |_| ask(again.clone(), Key::DeletedForever)>{tx(Key::DeleteForever)}</button>
                                        </Writes></td>
                                    </tr>
                                }
                            }).collect_view()}
                        </tbody>
                    </table>
                }.into_any()
            }}
            <ConfirmDialog open=confirm_open message=Key::DeleteForeverConfirm confirm=Key::DeleteForever on_confirm=delete_confirmed/>
        </section>
    }
}

/// This module's part of the app: its sidebar link and its tabs.
pub const SECTION: crate::ui::components::Section = crate::ui::components::Section {
    name: Key::NavTrash,
    home: "/trash",
    tabs_label: Key::NavTrash,
    tabs: &[],
    also: &[],
};

page_routes! {
    chunk trash {
        "/trash" => TrashPage,
    }
}
