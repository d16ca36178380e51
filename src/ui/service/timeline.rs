//! A customer's service history as one timeline (records, callbacks, tickets, survey
//! answers, newest first), with quick entry of a call or visit from the customer page.

use chrono::{DateTime, Utc};
use leptos::prelude::*;

use super::rules::callback_days;
use crate::i18n::Key;
use crate::model::service::{Callback, ServiceKind, ServiceRecord};
use crate::model::{new_id, Choice, Record};
use crate::ui::components::{focus_first_error, read_only, ChoiceField, NewLink, TextField, Writes};
use crate::ui::context::{tx, txf, use_app};
use crate::ui::format::{local_datetime, today};

/// One line of the timeline.
#[derive(Clone, PartialEq)]
struct Entry {
    at: DateTime<Utc>,
    kind: Key,
    text: String,
    href: String,
}

/// Everything done for customer `customer_id`, newest first.
#[component]
pub fn CustomerTimeline(customer_id: String) -> impl IntoView {
    let app = use_app();
    let s = app.stores;
    let id = customer_id.clone();
    let entries = Memo::new(move |_| {
        let lang = app.lang.get();
        let mut out: Vec<Entry> = Vec::new();
        s.service_records.with(|t| {
            out.extend(t.lookup("customer_id", &id).filter(|r| !r.is_trashed()).map(|r| {
                Entry {
                    at: r.at,
                    kind: r.kind.label(),
                    text: [r.topic.as_str(), r.result.as_str()]
                        .iter()
                        .filter(|x| !x.is_empty())
                        .copied()
                        .collect::<Vec<_>>()
                        .join(" — "),
                    href: format!("/service/{}", r.id),
                }
            }))
        });
        s.callbacks.with(|t| {
            out.extend(t.lookup("customer_id", &id).filter(|c| !c.is_trashed()).map(|c| {
                let state = match c.done_on {
                    Some(d) => format!(
                        "{} {d}{} {}",
                        lang.t(Key::DoneOn),
                        c.score.map(|v| format!(" · {v}/5")).unwrap_or_default(),
                        c.outcome
                    ),
                    None => format!("{} {}", lang.t(Key::FieldDue), c.due),
                };
                Entry {
                    at: c.done_on.and_then(|d| d.and_hms_opt(12, 0, 0)).map_or(c.created_at, |d| d.and_utc()),
                    kind: Key::Callback,
                    text: state,
                    href: format!("/callbacks/{}", c.id),
                }
            }))
        });
        s.tickets.with(|t| {
            out.extend(t.lookup("customer_id", &id).filter(|x| !x.is_trashed()).map(|x| Entry {
                at: x.flow.opened_at().unwrap_or(x.created_at),
                kind: x.ticket_type.label(),
                text: format!("{} · {}", x.title, lang.t(x.flow.status().label())),
                href: format!("/tickets/{}", x.id),
            }))
        });
        s.orders.with(|t| {
            out.extend(t.lookup("customer_id", &id).filter(|o| !o.is_trashed()).map(|o| Entry {
                at: o.date.and_hms_opt(12, 0, 0).map_or(o.created_at, |d| d.and_utc()),
                kind: Key::Order,
                text: format!("{} {}", crate::ui::format::yuan(o.amount), o.channel),
                href: format!("/orders/{}", o.id),
            }))
        });
        s.opportunities.with(|t| {
            out.extend(t.lookup("customer_id", &id).filter(|o| !o.is_trashed()).map(|o| Entry {
                at: o.created_at,
                kind: Key::Opportunity,
                text: format!("{} {}", o.title, crate::ui::format::yuan(o.value)),
                href: format!("/pipeline/{}", o.id),
            }))
        });
        s.visits.with(|t| {
            out.extend(t.lookup("customer_id", &id).filter(|v| !v.is_trashed()).map(|v| Entry {
                at: v.at,
                kind: Key::Visit,
                text: format!("{} {}", v.purpose, v.result),
                href: format!("/visits/{}", v.id),
            }))
        });
        s.complaints.with(|t| {
            out.extend(t.lookup("customer_id", &id).filter(|c| !c.is_trashed()).map(|c| Entry {
                at: c.received_at,
                kind: Key::Complaint,
                text: c.description.chars().take(40).collect(),
                href: format!("/complaints/{}", c.id),
            }))
        });
        s.survey_responses.with(|t| {
            out.extend(t.live().filter(|r| r.customer_id == id).map(|r| {
                let title =
                    s.surveys.with_untracked(|sv| sv.get(&r.survey_id).map(|x| x.title.clone())).unwrap_or_default();
                Entry {
                    at: r.created_at,
                    kind: Key::SurveyResponse,
                    text: title,
                    href: format!("/surveys/{}/results", r.survey_id),
                }
            }))
        });
        out.sort_by_key(|e| std::cmp::Reverse(e.at));
        out
    });
    let cid = customer_id.clone();
    let survey_cid = customer_id.clone();
    // The newest surveys, to record this customer's answers from here.
    let surveys = Memo::new(move |_| {
        s.surveys.with(|t| {
            let mut v: Vec<_> = t.live().map(|x| (x.updated_at, x.id.clone(), x.title.clone())).collect();
            v.sort_by_key(|x| std::cmp::Reverse(x.0));
            v.into_iter().take(2).map(|(_, id, title)| (id, title)).collect::<Vec<_>>()
        })
    });
    let read_only = read_only();
    view! {
        <section class="related" aria-labelledby="timeline-h">
            <h2 id="timeline-h">{tx(Key::ServiceTimeline)}</h2>
            <div class="actions">
                <NewLink href=format!("/service/new?customer={cid}") label=Key::NewServiceRecord class="btn"/>
                <NewLink href=format!("/callbacks/new?customer={cid}") label=Key::NewCallback class="btn"/>
                <NewLink href=format!("/tickets/new?customer={cid}") label=Key::NewTicket class="btn"/>
                <NewLink href=format!("/orders/new?customer={cid}") label=Key::NewOrder class="btn"/>
                <NewLink href=format!("/pipeline/new?customer={cid}") label=Key::NewOpportunity class="btn"/>
                <NewLink href=format!("/visits/new?customer={cid}") label=Key::NewVisit class="btn"/>
                <NewLink href=format!("/complaints/new?customer={cid}") label=Key::NewComplaint class="btn"/>
                // A response is a new record: not offered in a read-only book.
                {move || surveys.get().into_iter().filter(|_| !read_only).map(|(sid, title)| view! {
                    <a class="btn" href=format!("/surveys/{sid}/respond?customer={survey_cid}")>{tx(Key::EnterResponse)} ": " {title}</a>
                }).collect_view()}
            </div>
            <QuickEntry customer_id=customer_id.clone()/>
            {move || {
                let list = entries.get();
                if list.is_empty() {
                    return view! { <p class="hint">{tx(Key::RelatedEmpty)}</p> }.into_any();
                }
                view! {
                    <ol class="timeline">
                        {list.into_iter().map(|e| view! {
                            <li>
                                <time>{local_datetime(e.at)}</time>
                                <span class="badge">{move || app.t(e.kind)}</span>
                                <a href=e.href>{if e.text.is_empty() { "…".to_owned() } else { e.text }}</a>
                            </li>
                        }).collect_view()}
                    </ol>
                }
                .into_any()
            }}
        </section>
    }
}

/// Logs a call, reception or visit of now in one line, optionally with its callback.
#[component]
fn QuickEntry(customer_id: String) -> impl IntoView {
    let app = use_app();
    let kind = RwSignal::new(ServiceKind::InboundCall);
    let topic = RwSignal::new(String::new());
    let result = RwSignal::new(String::new());
    let with_callback = RwSignal::new(true);
    let saving = RwSignal::new(false);
    let topic_error = RwSignal::new(None::<String>);
    let customer_id = StoredValue::new(customer_id);
    let save = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let now = Utc::now();
        let k = kind.get_untracked();
        let record = ServiceRecord {
            sample: false,
            id: new_id(),
            customer_id: customer_id.get_value().into(),
            kind: k,
            at: now,
            staff: Default::default(),
            contact: Default::default(),
            topic: topic.get_untracked().trim().into(),
            category: Default::default(),
            guided_to: Default::default(),
            result: result.get_untracked().trim().into(),
            duration_min: None,
            notes: Default::default(),
            created_at: now,
            updated_at: now,
            deleted_at: None,
        };
        if record.topic.is_empty() {
            topic_error.set(Some(crate::messages::problem(app.lang.get_untracked(), &crate::model::Problem::Required)));
            focus_first_error(app);
            return;
        }
        if let Some(e) = record.validate().first() {
            topic_error.set(Some(crate::messages::problem(app.lang.get_untracked(), &e.problem)));
            focus_first_error(app);
            return;
        }
        topic_error.set(None);
        let day = today();
        let callback = with_callback.get_untracked().then(|| Callback {
            sample: false,
            id: new_id(),
            customer_id: record.customer_id.clone(),
            follows: record.id.clone(),
            due: day.checked_add_days(chrono::Days::new(callback_days(&app, k))).unwrap_or(day),
            staff: Default::default(),
            done_on: None,
            outcome: Default::default(),
            score: None,
            note: Default::default(),
            created_at: now,
            updated_at: now,
            deleted_at: None,
        });
        saving.set(true);
        leptos::task::spawn_local(async move {
            let mut result_ok = app.stores.service_records.put(record).await;
            if let (Ok(()), Some(cb)) = (&result_ok, callback) {
                result_ok = app.stores.callbacks.put(cb).await;
            }
            match result_ok {
                Ok(()) => {
                    topic.set(String::new());
                    result.set(String::new());
                    app.success(Key::Saved);
                }
                // The inputs stay as typed.
                Err(e) => app.store_error(&e),
            }
            saving.set(false);
        });
    };
    view! {
        <form class="card quick" on:submit=save novalidate aria-label=txf(Key::QuickEntry)>
            <Writes>
            <h3>{tx(Key::QuickEntry)}</h3>
            <div class="grid3">
                <ChoiceField label=Key::FieldServiceKind value=kind/>
                <TextField label=Key::FieldTopic value=topic error=topic_error required=true/>
                <TextField label=Key::FieldResult value=result/>
            </div>
            <div class="actions">
                <label class="inline">
                    <input type="checkbox" prop:checked=move || with_callback.get() on:change=move |ev| with_callback.set(event_target_checked(&ev))/>
                    <span>{tx(Key::ScheduleCallbackByRule)}</span>
                </label>
                <button type="submit" class="btn btn-primary" disabled=move || saving.get()>{tx(Key::LogIt)}</button>
            </div>
            </Writes>
        </form>
    }
}
