//! The complaint list: open, overdue (flagged) and all, by category and severity.

use chrono::Utc;
use leptos::prelude::*;

use super::ComplaintTabs;
use crate::i18n::Key;
use crate::model::complaint::{Complaint, ComplaintCategory, Severity};
use crate::model::Choice;
use crate::ui::components::{ChoiceFilter, EmptyState, NewLink, ShowMore, Shown};
use crate::ui::context::{tx, use_app};
use crate::ui::format::local_datetime;
use crate::ui::service::customer_name;

/// Complaints drawn at first, and added by each "show more".
const ROWS_PER_PAGE: usize = 100;

/// `/complaints`.
#[component]
pub fn ComplaintsPage() -> impl IntoView {
    let app = use_app();
    let state = RwSignal::new("open".to_owned());
    let category = RwSignal::new(None::<ComplaintCategory>);
    let severity = RwSignal::new(None::<Severity>);
    let now = Utc::now();
    let list = Memo::new(move |_| {
        let (st, cat, sev) = (state.get(), category.get(), severity.get());
        app.stores.complaints.with(|t| {
            let mut v: Vec<Complaint> = t
                .live()
                .filter(|c| match st.as_str() {
                    "open" => c.resolved_at().is_none(),
                    "overdue" => c.overdue(now),
                    _ => true,
                })
                .filter(|c| cat.is_none_or(|x| x == c.category))
                .filter(|c| sev.is_none_or(|x| x == c.severity))
                .cloned()
                .collect();
            v.sort_by_key(|c| c.deadline());
            v
        })
    });
    // Most urgent first, a page at a time.
    let shown = Shown::new(ROWS_PER_PAGE);
    Effect::new(move |_| {
        state.track();
        category.track();
        severity.track();
        shown.reset();
    });
    let overdue = Memo::new(move |_| app.stores.complaints.with(|t| t.live().filter(|c| c.overdue(now)).count()));
    view! {
        <section class="page">
            <ComplaintTabs/>
            <div class="page-head">
                <h1>{tx(Key::NavComplaints)}</h1>
                <NewLink href="/complaints/new" label=Key::NewComplaint/>
            </div>
            <crate::ui::components::HelpPanel text=Key::HelpComplaints exercise="p5-t1"/>
            <p class="stats" aria-live="polite">
                <span class="overdue">{tx(Key::Overdue)} ": " <strong data-testid="overdue-complaints">{move || overdue.get()}</strong></span>
            </p>
            <div class="toolbar" role="search" aria-label=move || app.t(Key::Filters)>
                <label class="inline">
                    <span>{tx(Key::Show)}</span>
                    <select prop:value=move || state.get() on:change=move |ev| state.set(event_target_value(&ev))>
                        <option value="open">{tx(Key::OpenComplaints)}</option>
                        <option value="overdue">{tx(Key::Overdue)}</option>
                        <option value="all">{tx(Key::All)}</option>
                    </select>
                </label>
                <ChoiceFilter label=Key::ComplaintCategory value=category/>
                <ChoiceFilter label=Key::Severity value=severity/>
            </div>
            {move || {
                let v = list.get();
                if v.is_empty() {
                    return view! { <EmptyState message=Key::NoComplaints/> }.into_any();
                }
                view! {
                    <table class="simple">
                        <thead><tr>
                            <th scope="col">{tx(Key::Received)}</th>
                            <th scope="col">{tx(Key::Customer)}</th>
                            <th scope="col">{tx(Key::ComplaintCategory)}</th>
                            <th scope="col">{tx(Key::Severity)}</th>
                            <th scope="col">{tx(Key::Deadline)}</th>
                            <th scope="col">{tx(Key::CurrentStep)}</th>
                            <th scope="col">{tx(Key::FieldDescription)}</th>
                        </tr></thead>
                        <tbody>
                            {v.into_iter().take(shown.get()).map(|c| {
                                let late = c.overdue(now);
                                view! {
                                    <tr class:overdue=late>
                                        <td>{local_datetime(c.received_at)}</td>
                                        <td>{customer_name(&app, &c.customer_id)}</td>
                                        <td>{tx(c.category.label())}</td>
                                        <td>{tx(c.severity.label())}</td>
                                        <td>{local_datetime(c.deadline())} {late.then(|| view! { " " <span class="badge">{tx(Key::Overdue)}</span> })}</td>
                                        <td>{c.current_step().map(|s| view! { {tx(s.label())} })}</td>
                                        <td><a href=format!("/complaints/{}", c.id)>{c.description.chars().take(30).collect::<String>()}</a></td>
                                    </tr>
                                }
                            }).collect_view()}
                        </tbody>
                    </table>
                }
                .into_any()
            }}
            // Outside the list's redraw, so the button keeps the focus.
            <ShowMore shown=shown total=Signal::derive(move || list.with(Vec::len))/>
        </section>
    }
}
