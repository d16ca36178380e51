//! The trash: records moved there can be restored or deleted for good.

use leptos::prelude::*;

use crate::i18n::Key;
use crate::model::Customer;
use crate::ui::components::{ConfirmDialog, EmptyState};
use crate::ui::context::{tx, use_app};
use crate::ui::format::local_datetime;

/// `/trash`.
#[component]
pub fn TrashPage() -> impl IntoView {
    let app = use_app();
    let customers = app.stores.customers;
    let t = move |k: Key| app.t(k);
    let items = Memo::new(move |_| {
        let mut v: Vec<Customer> = customers.with(|tb| tb.trashed().cloned().collect());
        v.sort_by_key(|c| std::cmp::Reverse(c.deleted_at));
        v
    });
    let confirm_open = RwSignal::new(false);
    // What a "delete for good" waits to confirm: one row's id, or the whole trash's,
    // with the words to say when it is done.
    let to_delete = RwSignal::new((Vec::<String>::new(), Key::DeletedForever));
    let run = move |ids: Vec<String>, done: Key| {
        let restore = done == Key::Restored;
        leptos::task::spawn_local(async move {
            let r = if restore { customers.restore(&ids).await } else { customers.delete_forever(&ids).await };
            match r {
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
    let ask = move |ids: Vec<String>, done: Key| {
        to_delete.set((ids, done));
        confirm_open.set(true);
    };
    let delete_confirmed = Callback::new(move |()| {
        let (ids, done) = to_delete.get_untracked();
        run(ids, done)
    });
    view! {
        <section class="page">
            <div class="page-head">
                <h1>{tx(Key::NavTrash)}</h1>
                <button type="button" class="btn btn-danger" disabled=move || items.with(Vec::is_empty) on:click=move |_| ask(items.get_untracked().into_iter().map(|c| c.id).collect(), Key::TrashEmptied)>
                    {tx(Key::EmptyTrash)}
                </button>
            </div>
            {move || if items.with(Vec::is_empty) {
                view! { <EmptyState message=Key::TrashEmpty/> }.into_any()
            } else {
                view! {
                    <table class="simple">
                        <thead><tr>
                            <th scope="col">{tx(Key::FieldName)}</th>
                            <th scope="col">{tx(Key::FieldPhone)}</th>
                            <th scope="col">{tx(Key::DeletedAt)}</th>
                            <th scope="col"><span class="visually-hidden">{tx(Key::Restore)}</span></th>
                        </tr></thead>
                        <tbody>
                            {items.get().into_iter().map(|c| {
                                let (id1, id2) = (c.id.clone(), c.id.clone());
                                let name = c.name.clone();
                                view! {
                                    <tr>
                                        <td>{c.name.clone()}</td>
                                        <td>{c.phone.clone()}</td>
                                        <td>{c.deleted_at.map(local_datetime).unwrap_or_default()}</td>
                                        <td class="actions">
                                            <button type="button" class="btn" aria-label=format!("{} {name}", t(Key::Restore)) on:click=move |_| run(vec![id1.clone()], Key::Restored)>{tx(Key::Restore)}</button>
                                            <button type="button" class="btn btn-danger" aria-label=format!("{} {}", t(Key::DeleteForever), c.name) on:click=move |_| ask(vec![id2.clone()], Key::DeletedForever)>{tx(Key::DeleteForever)}</button>
                                        </td>
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
