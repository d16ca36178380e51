//! Choosing a customer in a form: type part of a name, phone or company, pick from the
//! first matches. Works at 100,000 customers (the search stops at the first few hits).
//!
//! An ARIA combobox: the box is the combobox, the matches its listbox; ↓/↑ move
//! through them (`aria-activedescendant`), Enter picks one, Escape clears the box. A
//! name typed in full that exactly one customer has is taken when the box is left or
//! Enter is pressed, so a form is not refused for a customer it plainly names.

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
    // The match ↓/↑ moved to; back to none whenever the matches change.
    let active = RwSignal::new(None::<usize>);
    Effect::new(move |_| {
        hits.track();
        active.set(None);
    });
    let list_id = format!("{id}-list");
    let option_id = {
        let id = id.clone();
        move |i: usize| format!("{id}-opt-{i}")
    };
    let change_id = format!("{id}-change");
    // After a pick the box goes away: the focus goes to "change customer" in its place.
    let pick = {
        let change_id = change_id.clone();
        move |cid: String| {
            value.set(cid);
            query.set(String::new());
            let change_id = change_id.clone();
            request_animation_frame(move || {
                if let Some(el) = document().get_element_by_id(&change_id) {
                    use wasm_bindgen::JsCast;
                    let _ = el.unchecked_into::<web_sys::HtmlElement>().focus();
                }
            });
        }
    };
    // The one live customer whose name is exactly what was typed (ignoring the case of
    // Latin letters and spaces around it), if exactly one has it.
    let exact = move || {
        let typed = query.get_untracked();
        let typed = typed.trim();
        if typed.is_empty() {
            return None;
        }
        customers.with_untracked(|t| {
            let mut named = t.live().filter(|c| c.name.trim().to_lowercase() == typed.to_lowercase());
            match (named.next(), named.next()) {
                (Some(c), None) => Some(c.id.to_string()),
                _ => None,
            }
        })
    };
    let take_exact = move || {
        if value.get_untracked().is_empty() {
            if let Some(cid) = exact() {
                value.set(cid);
                query.set(String::new());
            }
        }
    };
    let on_key = {
        let pick = pick.clone();
        move |ev: leptos::ev::KeyboardEvent| {
            let n = hits.with_untracked(Vec::len);
            match ev.key().as_str() {
                "ArrowDown" if n > 0 => {
                    ev.prevent_default();
                    active.update(|a| *a = Some(a.map_or(0, |i| (i + 1) % n)));
                }
                "ArrowUp" if n > 0 => {
                    ev.prevent_default();
                    active.update(|a| *a = Some(a.map_or(n - 1, |i| (i + n - 1) % n)));
                }
                "Enter" => {
                    if let Some(cid) =
                        active.get_untracked().and_then(|i| hits.with_untracked(|h| h.get(i).map(|h| h.0.to_string())))
                    {
                        // Picking is all Enter does here; the form is not sent.
                        ev.prevent_default();
                        pick(cid);
                    } else {
                        take_exact();
                    }
                }
                "Escape" if !query.get_untracked().is_empty() => {
                    ev.prevent_default();
                    query.set(String::new());
                }
                _ => {}
            }
        }
    };
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
                        <button type="button" class="btn" id=change_id.clone() on:click=move |_| value.set(String::new())>
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
                None => {
                    let (option_id, active_id, pick) = (option_id.clone(), option_id.clone(), pick.clone());
                    view! {
                    <input
                        id=input_id.clone()
                        type="text"
                        role="combobox"
                        autocomplete="off"
                        aria-autocomplete="list"
                        aria-controls=list_id.clone()
                        aria-expanded=move || hits.with(|h| !h.is_empty()).to_string()
                        aria-activedescendant=move || active.get().map(&active_id)
                        placeholder=move || app.t(if optional { Key::CustomerSearchOptional } else { Key::CustomerSearch })
                        prop:value=move || query.get()
                        on:input=move |ev| query.set(event_target_value(&ev))
                        on:change=move |_| take_exact()
                        on:keydown=on_key.clone()
                        aria-invalid=move || error.with(Option::is_some).to_string()
                        aria-describedby=described.clone()
                    />
                    <ul class="picker-hits" id=list_id.clone() role="listbox" aria-label=txf(Key::Matches)>
                        {move || hits.get().into_iter().enumerate().map(|(i, (cid, name, phone, company))| {
                            let pick = pick.clone();
                            view! {
                                <li
                                    role="option"
                                    id=option_id(i)
                                    class="btn picker-hit"
                                    class:active=move || active.get() == Some(i)
                                    aria-selected=move || (active.get() == Some(i)).to_string()
                                    // The box keeps the focus while the pointer picks.
                                    on:mousedown=|ev| ev.prevent_default()
                                    on:click=move |_| pick(cid.to_string())
                                >
                                    {name} " " <span class="hint">{phone} " " {company}</span>
                                </li>
                            }
                        }).collect_view()}
                    </ul>
                    }
                }
                .into_any(),
            }}
            <small id=error_id class="error" hidden=move || error.with(Option::is_none)>
                {move || error.get().unwrap_or_default()}
            </small>
        </div>
    }
}
