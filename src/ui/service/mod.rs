//! 日常服务 (项目二): service records, callbacks, after-sales tickets, satisfaction
//! surveys, and service etiquette (scripts and self-checks). Every record links to a
//! customer and shows on that customer's page ([`timeline`]).

mod callbacks;
mod records;
mod rules;
mod scripts;
mod self_checks;
mod surveys;
mod tickets;
pub mod timeline;

pub use callbacks::{CallbackEdit, CallbackNew, CallbacksPage};
pub use records::{ServiceRecordEdit, ServiceRecordNew, ServiceRecordsPage};
pub use scripts::ScriptsPage;
pub use self_checks::SelfChecksPage;
pub use surveys::{SurveyEdit, SurveyNew, SurveyRespond, SurveyResultsPage, SurveysPage};
pub use tickets::{TicketEdit, TicketNew, TicketsPage};

use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

use crate::i18n::Key;
use crate::ui::context::{tx, use_app, AppCtx};

/// The tabs of the daily-service section.
#[component]
pub fn ServiceTabs() -> impl IntoView {
    view! { <crate::ui::components::SectionTabs section=&SECTION/> }
}

/// A query parameter of the current address (`?customer=…`), empty when absent.
pub fn query_param(name: &'static str) -> String {
    use_query_map().with_untracked(|q| q.get(name).unwrap_or_default())
}

/// The name of customer `id`, or empty.
pub fn customer_name(app: &AppCtx, id: &str) -> String {
    app.stores.customers.with_untracked(|t| t.get(id).map(|c| c.name.clone())).unwrap_or_default().to_string()
}

/// The distinct non-empty values of a text field over `values`, sorted, for filter menus.
pub fn distinct<'a>(values: impl Iterator<Item = &'a str>) -> Vec<(String, String)> {
    let set: std::collections::BTreeSet<&str> = values.filter(|v| !v.trim().is_empty()).collect();
    set.into_iter().map(|v| (v.to_owned(), v.to_owned())).collect()
}

/// Inserts a script from the library into a text field: pick one, and its words are
/// added at the end of `target`.
#[component]
pub fn ScriptInsert(target: RwSignal<String>) -> impl IntoView {
    let app = use_app();
    let scripts = app.stores.scripts;
    let id = crate::ui::components::next_id("script");
    let label_for = id.clone();
    let options = Memo::new(move |_| {
        scripts.with(|t| {
            let mut v: Vec<(String, String)> = t.live().map(|s| (s.id.to_string(), s.title.clone())).collect();
            v.sort_by(|a, b| a.1.cmp(&b.1));
            v
        })
    });
    view! {
        <label class="inline" for=label_for>
            <span>{tx(Key::InsertScript)}</span>
            <select id=id on:change=move |ev| {
                let sid = event_target_value(&ev);
                if let Some(text) = scripts.with_untracked(|t| t.get(&sid).map(|s| s.text.clone())) {
                    target.update(|v| {
                        if !v.is_empty() && !v.ends_with('\n') {
                            v.push('\n');
                        }
                        v.push_str(&text);
                    });
                }
                // Back to the prompt, so the same script can be inserted twice.
                use wasm_bindgen::JsCast;
                if let Some(sel) = ev.target().and_then(|t| t.dyn_into::<web_sys::HtmlSelectElement>().ok()) {
                    sel.set_value("");
                }
            }>
                <option value="">{tx(Key::ChooseScript)}</option>
                {move || options.get().into_iter().map(|(v, title)| view! { <option value=v>{title}</option> }).collect_view()}
            </select>
        </label>
    }
}

/// This module's part of the app: its sidebar link and its tabs.
pub const SECTION: crate::ui::components::Section = crate::ui::components::Section {
    name: Key::NavService,
    home: "/service",
    tabs_label: Key::NavService,
    tabs: &[
        ("/service", Key::NavServiceRecords),
        ("/callbacks", Key::NavCallbacks),
        ("/tickets", Key::NavTickets),
        ("/surveys", Key::NavSurveys),
        ("/scripts", Key::NavScripts),
        ("/self-checks", Key::NavSelfChecks),
    ],
    also: &[],
};

page_routes! {
    chunk service {
        "/service" => ServiceRecordsPage,
        "/service/new" => ServiceRecordNew,
        "/service/:id" => ServiceRecordEdit,
        "/callbacks" => CallbacksPage,
        "/callbacks/new" => CallbackNew,
        "/callbacks/:id" => CallbackEdit,
        "/tickets" => TicketsPage,
        "/tickets/new" => TicketNew,
        "/tickets/:id" => TicketEdit,
        "/surveys" => SurveysPage,
        "/surveys/new" => SurveyNew,
        "/surveys/:id" => SurveyEdit,
        "/surveys/:id/respond" => SurveyRespond,
        "/surveys/:id/results" => SurveyResultsPage,
        "/scripts" => ScriptsPage,
        "/self-checks" => SelfChecksPage,
    }
}
