//! 个性化服务: each customer's preference profile, service rules per RFM segment, and
//! the suggested next actions from every rule — on the customer's page and, for every
//! customer, in today's list.

use std::collections::HashMap;

use chrono::Utc;
use leptos::prelude::*;

use crate::analysis::care::due_reminders;
use crate::analysis::loyalty::{churn_flags, ChurnFlag, OrderDays};
use crate::analysis::order_columns::OrderDaysOf;
use crate::analysis::rfm::Segment;
use crate::i18n::Key;
use crate::model::care::CareAction;
use crate::model::preference::{Preference, ServiceRule};
use crate::model::{new_id, Choice, Customer, Record};
use crate::ui::components::{still_reading, ChoiceField, EmptyState, FormSave, RecordConflict, TextField, Writes};
use crate::ui::context::{tx, use_app, AppCtx};
use crate::ui::figures::year_figures;
use crate::ui::format::today;
use crate::ui::kept::kept;
use crate::ui::service::customer_name;

/// Today's suggestions, by customer id (rule actions, care due, overdue callbacks, churn
/// risk): for every customer, or only for `only` (a customer's page need not work out
/// everybody's).
fn suggestions_for(app: &AppCtx, only: Option<&str>) -> HashMap<String, Vec<String>> {
    let wanted = |id: &str| only.is_none_or(|o| o == id);
    let lang = app.lang.get();
    let day = today();
    let mut out: HashMap<String, Vec<String>> = HashMap::new();
    let figures = year_figures().get();
    let rules: Vec<ServiceRule> = app.stores.service_rules.with(|t| t.live().cloned().collect());
    for r in figures.rfm.iter().filter(|r| wanted(&r.key)) {
        for rule in rules.iter().filter(|x| x.segment == r.segment.value()) {
            let within = if rule.within_days > 0 {
                format!("（{} {}）", rule.within_days, lang.t(Key::WithinDays))
            } else {
                String::new()
            };
            out.entry(r.key.to_string()).or_default().push(format!(
                "{}: {}{within}",
                lang.t(r.segment.label()),
                rule.action
            ));
        }
    }
    let care_rules: Vec<_> = app.stores.care_rules.with(|t| t.live().cloned().collect());
    let settings = super::settings(app);
    let mut from_orders = |orders: &dyn OrderDaysOf| {
        app.stores.customers.with(|t| {
            let live: Vec<&Customer> = match only {
                Some(id) => t.get(id).filter(|c| !c.is_trashed()).into_iter().collect(),
                None => t.live().collect(),
            };
            // One customer's page looks at that customer's care actions only, not the book's.
            let due = app.stores.care_actions.with(|t| {
                let done: Vec<&CareAction> = match only {
                    Some(id) => t.lookup("customer_id", id).filter(|a| !a.is_trashed()).collect(),
                    None => t.live().collect(),
                };
                due_reminders(&care_rules, &live, orders, &done, day, 0)
            });
            for r in due {
                if let Some(rule) = care_rules.iter().find(|x| x.id == r.rule_id) {
                    out.entry(r.customer_id.into()).or_default().push(format!(
                        "{}: {}",
                        lang.t(Key::NavCare),
                        rule.name
                    ));
                }
            }
            for c in &live {
                let d = orders.days_of(c.id.as_str());
                if d.is_empty() {
                    continue;
                }
                if let Some(ChurnFlag::Silent(n)) = churn_flags(
                    &OrderDays { days: d },
                    day,
                    settings.silent_days,
                    settings.period_days,
                    settings.drop_percent,
                )
                .first()
                {
                    out.entry(c.id.to_string()).or_default().push(format!(
                        "{}: {} {n}",
                        lang.t(Key::ChurnRisk),
                        lang.t(Key::SilentFor)
                    ));
                }
            }
        });
    };
    match only {
        // One customer's page: their orders by the index.
        Some(id) => {
            let mut orders: HashMap<String, Vec<chrono::NaiveDate>> = HashMap::new();
            app.stores.orders.with(|t| {
                orders.insert(
                    id.to_owned(),
                    t.lookup("customer_id", id).filter(|o| !o.is_trashed()).map(|o| o.date).collect(),
                );
            });
            from_orders(&orders);
        }
        None => crate::ui::figures::with_order_columns(app, |c| from_orders(&c.customer_days())),
    }
    app.stores.callbacks.with(|t| {
        let open: Box<dyn Iterator<Item = &crate::model::service::Callback>> = match only {
            Some(id) => Box::new(t.lookup("customer_id", id).filter(|c| !c.is_trashed())),
            None => Box::new(t.live()),
        };
        for c in open.filter(|c| c.done_on.is_none() && c.due <= day) {
            out.entry(c.customer_id.to_string()).or_default().push(format!("{} {}", lang.t(Key::CallbackDueOn), c.due));
        }
    });
    out
}

/// The preference profile and the suggested next actions on a customer's page.
#[component]
pub fn CustomerSuggestions(customer_id: String) -> impl IntoView {
    let app = use_app();
    let id = StoredValue::new(customer_id);
    let suggestions =
        Memo::new(move |_| id.with_value(|id| suggestions_for(&app, Some(id)).remove(id).unwrap_or_default()));
    view! {
        <section class="related" aria-labelledby="suggest-h">
            <h2 id="suggest-h">{tx(Key::SuggestedActions)}</h2>
            {move || {
                let v = suggestions.get();
                if v.is_empty() {
                    return view! { <p class="hint">{tx(Key::NoSuggestions)}</p> }.into_any();
                }
                view! { <ul data-testid="suggestions">{v.into_iter().map(|x| view! { <li>{x}</li> }).collect_view()}</ul> }.into_any()
            }}
            <details>
                <summary>{tx(Key::PreferenceProfile)}</summary>
                // The form starts from the stored profile, so it waits until profiles are read.
                {move || {
                    if app.stores.preferences.is_loaded() {
                        view! { <PreferenceForm customer_id=id.get_value()/> }.into_any()
                    } else {
                        still_reading()
                    }
                }}
            </details>
        </section>
    }
}

/// A customer's preference profile, as stored (or empty), to edit.
#[component]
fn PreferenceForm(customer_id: String) -> impl IntoView {
    let app = use_app();
    let id = StoredValue::new(customer_id);
    let existing = app
        .stores
        .preferences
        .with_untracked(|t| id.with_value(|id| t.lookup("customer_id", id).find(|p| !p.is_trashed()).cloned()));
    let now = Utc::now();
    let profile = existing.clone().unwrap_or(Preference {
        sample: false,
        id: new_id(),
        customer_id: id.get_value().into(),
        channel: String::new(),
        time: String::new(),
        products: String::new(),
        sizes: String::new(),
        dislikes: String::new(),
        special_dates: String::new(),
        notes: String::new(),
        created_at: now,
        updated_at: now,
        deleted_at: None,
    });
    let s = |v: &str| RwSignal::new(v.to_owned());
    let (channel, time, products, sizes, dislikes, dates, notes) = (
        s(&profile.channel),
        s(&profile.time),
        s(&profile.products),
        s(&profile.sizes),
        s(&profile.dislikes),
        s(&profile.special_dates),
        s(&profile.notes),
    );
    let form = FormSave::new(profile, existing.is_none());
    let base = form.base;
    let save = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let mut p = base.get_value();
        let t = |x: RwSignal<String>| x.get_untracked().trim().to_owned();
        p.channel = t(channel);
        p.time = t(time);
        p.products = t(products);
        p.sizes = t(sizes);
        p.dislikes = t(dislikes);
        p.special_dates = t(dates);
        p.notes = t(notes);
        if let Some(e) = p.validate().first() {
            app.problem(None, &e.problem);
            return;
        }
        p.updated_at = Utc::now().max(p.created_at);
        form.save(app, app.stores.preferences, p, Vec::new(), |_| None);
    };
    view! {
        <form class="form" on:submit=save novalidate>
            <Writes>
            <RecordConflict form=form/>
            <div class="grid2">
                <TextField label=Key::PreferredChannel value=channel suggestions=&["电话", "微信", "短信", "邮件", "上门"]/>
                <TextField label=Key::PreferredTime value=time/>
                <TextField label=Key::PreferredProducts value=products/>
                <TextField label=Key::Sizes value=sizes/>
                <TextField label=Key::Dislikes value=dislikes/>
                <TextField label=Key::SpecialDates value=dates/>
            </div>
            <TextField label=Key::FieldNotes value=notes multiline=true/>
            <button type="submit" class="btn btn-primary">{tx(Key::SaveProfile)}</button>
            </Writes>
        </form>
    }
}

/// `/suggestions`: today's suggestion for every customer, and the service rules.
#[component]
pub fn SuggestionsPage() -> impl IntoView {
    let app = use_app();
    // Kept across visits (see `crate::ui::kept`): every customer against every rule.
    let list = kept(|app| {
        let mut v: Vec<(String, Vec<String>)> = suggestions_for(app, None).into_iter().collect();
        v.sort_by(|a, b| b.1.len().cmp(&a.1.len()).then(a.0.cmp(&b.0)));
        v
    });
    let rules = Memo::new(move |_| app.stores.service_rules.with(|t| t.live().cloned().collect::<Vec<_>>()));
    let segment = RwSignal::new(Segment::ImportantRetain);
    let action = RwSignal::new(String::new());
    let within = RwSignal::new("7".to_owned());
    // One write at a time: a second click while it runs does nothing.
    let submit = crate::ui::components::Submit::new();
    let add = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let now = Utc::now();
        let r = ServiceRule {
            sample: false,
            id: new_id(),
            segment: segment.get_untracked().value().to_owned(),
            action: action.get_untracked().trim().to_owned(),
            within_days: within.get_untracked().trim().parse().unwrap_or(u32::MAX),
            created_at: now,
            updated_at: now,
            deleted_at: None,
        };
        if let Some(e) = r.validate().first() {
            let labels = [("segment", Key::Segment), ("action", Key::RuleAction), ("within_days", Key::WithinDays)];
            app.error_text(crate::ui::components::field_problem(app.lang.get_untracked(), e, &labels));
            return;
        }
        submit.run(async move {
            match app.stores.service_rules.put(r).await {
                Ok(()) => {
                    action.set(String::new());
                    app.success(Key::Saved);
                }
                Err(e) => app.store_error(&e),
            }
        });
    };
    let remove = move |id: String| {
        leptos::task::spawn_local(async move {
            match app.stores.service_rules.trash(&[id]).await {
                Ok(()) => app.success(Key::MovedToTrash),
                Err(e) => app.store_error(&e),
            }
        });
    };
    view! {
        <section class="page">
            <crate::ui::complaints::ComplaintTabs/>
            <h1>{tx(Key::NavSuggestions)}</h1>
            <section class="card" aria-labelledby="srules-h">
                <h2 id="srules-h">{tx(Key::ServiceRules)}</h2>
                <ul>{move || rules.get().into_iter().map(|r| {
                    let id = r.id.clone();
                    let seg = Segment::from_value(&r.segment).map_or(Key::Other, Segment::label);
                    view! { <li>{tx(seg)} " → " {r.action.clone()} " (" {r.within_days} " " {tx(Key::WithinDays)} ") " <Writes><button type="button" class="btn btn-small" on:click=move |_| remove(id.to_string())>{tx(Key::Delete)}</button></Writes></li> }
                }).collect_view()}</ul>
                <form class="actions" on:submit=add novalidate aria-label=move || app.t(Key::ServiceRules)>
                    <Writes>
                    <ChoiceField label=Key::Segment value=segment inline=true/>
                    <label class="inline"><span>{tx(Key::RuleAction)}</span><input type="text" prop:value=move || action.get() on:input=move |ev| action.set(event_target_value(&ev))/></label>
                    <label class="inline"><span>{tx(Key::WithinDays)}</span><input type="number" min="0" size="4" prop:value=move || within.get() on:input=move |ev| within.set(event_target_value(&ev))/></label>
                    <button type="submit" class="btn">{tx(Key::AddRule)}</button>
                    </Writes>
                </form>
            </section>
            <section class="card" aria-labelledby="today-h">
                <h2 id="today-h">{tx(Key::TodaysSuggestions)} " (" {move || list.with(Vec::len)} ")"</h2>
                {move || {
                    let v = list.get();
                    if v.is_empty() {
                        return view! { <EmptyState message=Key::NoSuggestions/> }.into_any();
                    }
                    view! {
                        <ul class="agenda-list">{v.into_iter().take(200).map(|(id, s)| view! {
                            <li><a href=format!("/customers/{id}")>{customer_name(&app, &id)}</a> <span class="hint">{s.join("；")}</span></li>
                        }).collect_view()}</ul>
                    }
                    .into_any()
                }}
            </section>
        </section>
    }
}
