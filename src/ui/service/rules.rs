//! The "N days after" rule for callbacks, per kind of record: defaults from the model,
//! changed by the user on the callbacks page and kept in the workbook's settings.

use leptos::prelude::*;

use crate::i18n::Key;
use crate::model::service::ServiceKind;
use crate::model::settings::{CallbackDays, MAX_CALLBACK_DAYS};
use crate::model::Choice;
use crate::ui::components::Writes;
use crate::ui::context::{tx, use_app, AppCtx};
use crate::ui::settings::{save_setting, setting, setting_untracked};

/// Days after a record of `kind` when its callback is due.
pub fn callback_days(app: &AppCtx, kind: ServiceKind) -> u64 {
    setting_untracked::<CallbackDays>(app).after(kind)
}

/// Days after a ticket is closed when its callback is due.
pub fn ticket_callback_days(app: &AppCtx) -> u64 {
    setting_untracked::<CallbackDays>(app).ticket
}

/// The rule editor: one number per kind (`None`: after-sales tickets).
#[component]
pub fn CallbackRules() -> impl IntoView {
    let app = use_app();
    let row = move |kind: Option<ServiceKind>, label: Key| {
        let of = move |d: CallbackDays| kind.map_or(d.ticket, |k| d.after(k));
        let id = crate::ui::components::next_id("rule");
        view! {
            <div class="field">
                <label for=id.clone()>{tx(label)}</label>
                <input
                    id=id
                    type="number"
                    min="0"
                    max=MAX_CALLBACK_DAYS.to_string()
                    prop:value=move || of(setting::<CallbackDays>(&app)).to_string()
                    on:change=move |ev| {
                        let input = event_target::<web_sys::HtmlInputElement>(&ev);
                        let mut rules = setting_untracked::<CallbackDays>(&app);
                        let problem = crate::model::Problem::OutOfRange { min: 0, max: MAX_CALLBACK_DAYS as i64 };
                        let result = input.value().trim().parse::<u64>().map_err(|_| problem).and_then(|d| rules.set(kind, d));
                        match result {
                            Ok(()) => save_setting(app, rules),
                            Err(p) => {
                                let lang = app.lang.get_untracked();
                                app.problem(Some(lang.t(label)), &p);
                                input.set_value(&of(setting_untracked::<CallbackDays>(&app)).to_string());
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
            <div class="grid3"><Writes>
                {ServiceKind::ALL.iter().map(|&k| row(Some(k), k.label())).collect_view()}
                {row(None, Key::NavTickets)}
            </Writes></div>
        </details>
    }
}
