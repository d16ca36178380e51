//! The "N days after" rule for callbacks, per kind of record: defaults from the model,
//! changed by the user on the callbacks page and kept as a preference of this browser.

use std::collections::BTreeMap;

use leptos::prelude::*;

use super::{service_kind_key, SERVICE_KINDS};
use crate::i18n::Key;
use crate::model::service::ServiceKind;
use crate::store::prefs;
use crate::ui::context::{tx, use_app};

const RULES_KEY: &str = "kehu.callback_days";
/// The rule's key for after-sales tickets.
const TICKET: &str = "ticket";
/// Days after a closed ticket when its callback is due by default.
const TICKET_DEFAULT: u64 = 3;
/// The longest rule accepted, in days.
const MAX_DAYS: u64 = 365;

fn rules() -> BTreeMap<String, u64> {
    prefs::get(RULES_KEY).unwrap_or_default()
}

/// Days after a record of `kind` when its callback is due.
pub fn callback_days(kind: ServiceKind) -> u64 {
    rules().get(super::service_kind_value(kind)).copied().unwrap_or_else(|| kind.default_callback_days())
}

/// Days after a ticket is closed when its callback is due.
pub fn ticket_callback_days() -> u64 {
    rules().get(TICKET).copied().unwrap_or(TICKET_DEFAULT)
}

/// The rule editor: one number per kind.
#[component]
pub fn CallbackRules() -> impl IntoView {
    let app = use_app();
    let t = move |k: Key| app.t(k);
    let row = move |key: &'static str, label: Key, days: u64| {
        let value = RwSignal::new(days.to_string());
        let id = crate::ui::components::next_id("rule");
        view! {
            <div class="field">
                <label for=id.clone()>{move || t(label)}</label>
                <input
                    id=id
                    type="number"
                    min="0"
                    max=MAX_DAYS.to_string()
                    prop:value=move || value.get()
                    on:change=move |ev| {
                        let text = event_target_value(&ev);
                        match text.trim().parse::<u64>() {
                            Ok(d) if d <= MAX_DAYS => {
                                let mut r = rules();
                                r.insert(key.to_owned(), d);
                                prefs::set(RULES_KEY, &r);
                                value.set(d.to_string());
                                app.success(Key::Saved);
                            }
                            _ => {
                                app.toast(
                                    crate::ui::context::ToastKind::Error,
                                    crate::i18n::messages::problem(
                                        app.lang.get_untracked(),
                                        &crate::model::Problem::OutOfRange { min: 0, max: MAX_DAYS as i64 },
                                    ),
                                );
                                value.set(String::new());
                                value.set(days.to_string());
                            }
                        }
                    }
                />
            </div>
        }
    };
    view! {
        <details class="card">
            <summary>{tx(Key::CallbackRules)}</summary>
            <p class="hint">{tx(Key::CallbackRulesHint)}</p>
            <div class="grid3">
                {SERVICE_KINDS.iter().map(|(k, v)| row(v, service_kind_key(*k), callback_days(*k))).collect_view()}
                {row(TICKET, Key::NavTickets, ticket_callback_days())}
            </div>
        </details>
    }
}
