//! Choosing a customer in a form: type part of a name, phone or company, pick from the
//! first matches. Works at 100,000 customers (the search stops at the first few hits).

use leptos::prelude::*;

use super::next_id;
use crate::i18n::Key;
use crate::model::customer::{normalize_query, search_text};
use crate::ui::context::{tx, txf, use_app};

/// Most matches offered at once.
const MAX_HITS: usize = 8;

/// A customer field: the chosen customer's name with a "change" button, or a search
/// box with matches to pick from. `value` is the customer's id (empty for none).
#[component]
pub fn CustomerPicker(
    /// The chosen customer's id, two-way.
    value: RwSignal<String>,
    /// The field's error, in words.
    #[prop(optional, into)]
    error: Signal<Option<String>>,
    /// Whether "no customer" is a valid choice (an anonymous survey response).
    #[prop(optional)]
    optional: bool,
) -> impl IntoView {
    let app = use_app();
    let customers = app.stores.customers;
    let query = RwSignal::new(String::new());
    let id = next_id("cust");
    let error_id = format!("{id}-error");
    let chosen = Memo::new(move |_| {
        let v = value.get();
        (!v.is_empty()).then(|| customers.with(|t| t.get(&v).map(|c| (c.name.to_string(), c.phone.to_string()))))
    });
    let hits = Memo::new(move |_| {
        let q = normalize_query(&query.get());
        if q.is_empty() {
            return Vec::new();
        }
        customers.with_untracked(|t| {
            t.live()
                .filter(|c| search_text(c).contains(&q))
                .take(MAX_HITS)
                .map(|c| (c.id.clone(), c.name.to_string(), c.phone.to_string(), c.company.to_string()))
                .collect::<Vec<_>>()
        })
    });
    let input_id = id.clone();
    let described = error_id.clone();
    view! {
        <div class="field" class:field-invalid=move || error.with(Option::is_some)>
            <label for=id.clone()>
                {tx(Key::Customer)}
                {(!optional).then(|| view! { <span class="req" aria-hidden="true">" *"</span> })}
            </label>
            {move || match chosen.get() {
                Some(Some((name, phone))) => view! {
                    <div class="picked">
                        <span id=input_id.clone()>{name} " " <span class="hint">{phone}</span></span>
                        <button type="button" class="btn" on:click=move |_| value.set(String::new())>
                            {tx(Key::ChangeCustomer)}
                        </button>
                    </div>
                }
                .into_any(),
                Some(None) => view! {
                    <div class="picked">
                        <span id=input_id.clone()>{tx(Key::CustomerNotFound)}</span>
                        <button type="button" class="btn" on:click=move |_| value.set(String::new())>
                            {tx(Key::ChangeCustomer)}
                        </button>
                    </div>
                }
                .into_any(),
                None => view! {
                    <input
                        id=input_id.clone()
                        type="search"
                        autocomplete="off"
                        placeholder=move || app.t(if optional { Key::CustomerSearchOptional } else { Key::CustomerSearch })
                        prop:value=move || query.get()
                        on:input=move |ev| query.set(event_target_value(&ev))
                        aria-invalid=move || error.with(Option::is_some).to_string()
                        aria-describedby=described.clone()
                    />
                    <ul class="picker-hits" aria-label=txf(Key::Matches)>
                        {move || hits.get().into_iter().map(|(cid, name, phone, company)| {
                            let pick = cid.clone();
                            view! {
                                <li>
                                    <button type="button" class="btn picker-hit" on:click=move |_| {
                                        value.set(pick.to_string());
                                        query.set(String::new());
                                    }>
                                        {name} " " <span class="hint">{phone} " " {company}</span>
                                    </button>
                                </li>
                            }
                        }).collect_view()}
                    </ul>
                }
                .into_any(),
            }}
            <small id=error_id class="error" hidden=move || error.with(Option::is_none)>
                {move || error.get().unwrap_or_default()}
            </small>
        </div>
    }
}
