//! The trash: records moved there can be restored or deleted for good.

use leptos::prelude::*;

use crate::i18n::Key;
use crate::model::Customer;
use crate::ui::components::{ConfirmDialog, EmptyState};
use crate::ui::context::use_app;

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
    let run = move |ids: Vec<String>, restore: bool| {
        leptos::task::spawn_local(async move {
            let r = if restore { customers.restore(&ids).await } else { customers.delete_forever(&ids).await };
            match r {
                Ok(()) => app.success(if restore { Key::Restored } else { Key::TrashEmptied }),
                Err(e) => app.store_error(&e),
            }
        });
    };
    let empty_all = Callback::new(move |()| run(items.get_untracked().into_iter().map(|c| c.id).collect(), false));
    view! {
        <section class="page">
            <div class="page-head">
                <h1>{move || t(Key::NavTrash)}</h1>
                <button type="button" class="btn btn-danger" disabled=move || items.with(Vec::is_empty) on:click=move |_| confirm_open.set(true)>
                    {move || t(Key::EmptyTrash)}
                </button>
            </div>
            {move || if items.with(Vec::is_empty) {
                view! { <EmptyState message=Key::TrashEmpty/> }.into_any()
            } else {
                view! {
                    <table class="simple">
                        <thead><tr>
                            <th scope="col">{move || t(Key::FieldName)}</th>
                            <th scope="col">{move || t(Key::FieldPhone)}</th>
                            <th scope="col">{move || t(Key::DeletedAt)}</th>
                            <th scope="col"><span class="visually-hidden">{move || t(Key::Restore)}</span></th>
                        </tr></thead>
                        <tbody>
                            {items.get().into_iter().map(|c| {
                                let (id1, id2) = (c.id.clone(), c.id.clone());
                                let name = c.name.clone();
                                view! {
                                    <tr>
                                        <td>{c.name.clone()}</td>
                                        <td>{c.phone.clone()}</td>
                                        <td>{c.deleted_at.map(|d| d.format("%Y-%m-%d %H:%M").to_string()).unwrap_or_default()}</td>
                                        <td class="actions">
                                            <button type="button" class="btn" aria-label=format!("{} {name}", t(Key::Restore)) on:click=move |_| run(vec![id1.clone()], true)>{move || t(Key::Restore)}</button>
                                            <button type="button" class="btn btn-danger" aria-label=format!("{} {}", t(Key::DeleteForever), c.name) on:click=move |_| run(vec![id2.clone()], false)>{move || t(Key::DeleteForever)}</button>
                                        </td>
                                    </tr>
                                }
                            }).collect_view()}
                        </tbody>
                    </table>
                }.into_any()
            }}
            <ConfirmDialog open=confirm_open message=Key::EmptyTrashConfirm confirm=Key::EmptyTrash on_confirm=empty_all/>
        </section>
    }
}
