//! 大客户联谊会实施方案: event plans with aim, date, venue, invitees chosen from the key
//! accounts, agenda, budget lines with their total, and a task checklist with owners —
//! printable.

use chrono::{NaiveDate, Utc};
use leptos::prelude::*;

use super::KeyAccountTabs;
use crate::i18n::Key;
use crate::model::key_account::{AgendaItem, BudgetLine, EventPlan, EventTask};
use crate::model::{new_id, FieldError, Problem, Record};
use crate::ui::components::{
    error_for, EmptyState, FormSave, NewLink, RecordConflict, RecordEdit, ShowMore, Shown, TextField, Writes,
};

/// Key accounts offered as invitees at first, and added by each "show more".
const INVITEES_PER_PAGE: usize = 50;
use crate::ui::context::{tx, use_app};
use crate::ui::format::{fixed, yuan};
use crate::ui::service::customer_name;
use crate::workbook::orders_csv::parse_number;

/// `/events`.
#[component]
pub fn EventsPage() -> impl IntoView {
    let app = use_app();
    let list = Memo::new(move |_| {
        app.stores.event_plans.with(|t| {
            let mut v: Vec<EventPlan> = t.live().cloned().collect();
            v.sort_by_key(|e| std::cmp::Reverse(e.date));
            v
        })
    });
    view! {
        <section class="page">
            <KeyAccountTabs/>
            <div class="page-head">
                <h1>{tx(Key::NavEvents)}</h1>
                <NewLink href="/events/new" label=Key::NewEvent/>
            </div>
            {move || {
                let v = list.get();
                if v.is_empty() {
                    return view! { <EmptyState message=Key::NoEvents/> }.into_any();
                }
                view! {
                    <ul class="agenda-list">
                        {v.into_iter().map(|e| view! {
                            <li>
                                <span class="agenda-date">{e.date.map(|d| d.to_string()).unwrap_or_default()}</span>
                                <a href=format!("/events/{}", e.id)>{e.title.clone()}</a>
                                <span class="hint">{e.venue.clone()}</span>
                                <span>{yuan(e.budget_total())}</span>
                            </li>
                        }).collect_view()}
                    </ul>
                }
                .into_any()
            }}
        </section>
    }
}

/// `/events/new`.
#[component]
pub fn EventNew() -> impl IntoView {
    let now = Utc::now();
    let e = EventPlan {
        sample: false,
        id: new_id(),
        title: String::new(),
        aim: String::new(),
        date: None,
        venue: String::new(),
        invitees: Vec::new(),
        agenda: Vec::new(),
        budget: Vec::new(),
        tasks: Vec::new(),
        created_at: now,
        updated_at: now,
        deleted_at: None,
    };
    view! { <EventForm event=e is_new=true/> }
}

/// `/events/:id`.
#[component]
pub fn EventEdit() -> impl IntoView {
    let app = use_app();
    view! { <RecordEdit collection=app.stores.event_plans form=|e: EventPlan| view! { <EventForm event=e is_new=false/> }/> }
}

/// A list of rows of two or three text cells, edited in place.
#[derive(Clone, Copy)]
struct Row {
    key: u32,
    a: RwSignal<String>,
    b: RwSignal<String>,
    done: RwSignal<bool>,
}

#[component]
fn RowsEditor(
    legend: Key,
    rows: RwSignal<Vec<Row>>,
    next: StoredValue<u32>,
    a: Key,
    b: Key,
    #[prop(optional)] check: Option<Key>,
    #[prop(into)] error: Signal<Option<String>>,
) -> impl IntoView {
    let app = use_app();
    view! {
        <fieldset>
            <legend>{tx(legend)}</legend>
            <table class="simple parts">
                <thead><tr>
                    <th scope="col">{tx(a)}</th>
                    <th scope="col">{tx(b)}</th>
                    {check.map(|c| view! { <th scope="col">{tx(c)}</th> })}
                    <th scope="col"><span class="visually-hidden">{tx(Key::Delete)}</span></th>
                </tr></thead>
                <tbody>
                    <For each=move || rows.get() key=|r| r.key let:r>
                        <tr>
                            <td><input type="text" aria-label=move || app.t(a) prop:value=move || r.a.get() on:input=move |ev| r.a.set(event_target_value(&ev))/></td>
                            <td><input type="text" aria-label=move || app.t(b) prop:value=move || r.b.get() on:input=move |ev| r.b.set(event_target_value(&ev))/></td>
                            {check.map(|c| view! { <td><input type="checkbox" aria-label=move || app.t(c) prop:checked=move || r.done.get() on:change=move |ev| r.done.set(event_target_checked(&ev))/></td> })}
                            <td><button type="button" class="btn" on:click=move |_| rows.update(|v| v.retain(|x| x.key != r.key))>{tx(Key::Delete)}</button></td>
                        </tr>
                    </For>
                </tbody>
            </table>
            <small class="error" role="alert" hidden=move || error.with(Option::is_none)>{move || error.get().unwrap_or_default()}</small>
            <button type="button" class="btn" on:click=move |_| {
                let k = next.get_value();
                next.set_value(k + 1);
                rows.update(|v| v.push(Row { key: k, a: RwSignal::new(String::new()), b: RwSignal::new(String::new()), done: RwSignal::new(false) }));
            }>{tx(Key::AddLine)}</button>
        </fieldset>
    }
}

fn rows_of(items: impl Iterator<Item = (String, String, bool)>, next: StoredValue<u32>) -> RwSignal<Vec<Row>> {
    let v: Vec<Row> = items
        .map(|(a, b, done)| {
            let k = next.get_value();
            next.set_value(k + 1);
            Row { key: k, a: RwSignal::new(a), b: RwSignal::new(b), done: RwSignal::new(done) }
        })
        .collect();
    RwSignal::new(v)
}

#[component]
fn EventForm(event: EventPlan, is_new: bool) -> impl IntoView {
    let app = use_app();
    let s = |v: &str| RwSignal::new(v.to_owned());
    let title = s(&event.title);
    let aim = s(&event.aim);
    let date = s(&event.date.map(|d| d.to_string()).unwrap_or_default());
    let venue = s(&event.venue);
    let invitees = RwSignal::new(event.invitees.clone());
    let next = StoredValue::new(0u32);
    let agenda = rows_of(event.agenda.iter().map(|a| (a.time.clone(), a.item.clone(), false)), next);
    let budget = rows_of(event.budget.iter().map(|b| (b.item.clone(), fixed(b.amount, 2), false)), next);
    let tasks = rows_of(event.tasks.iter().map(|t| (t.task.clone(), t.owner.clone(), t.done)), next);
    let candidates = super::current_key_accounts();
    // Those invited when the form opened first, then the key accounts by revenue, a
    // page at a time; a box ticked or cleared stays where it is.
    let shown = Shown::new(INVITEES_PER_PAGE);
    let invited_at_opening: StoredValue<Vec<String>> =
        StoredValue::new(invitees.get_untracked().iter().map(|i| i.to_string()).collect());
    let choices = Memo::new(move |_| {
        let mut ids: Vec<String> = invited_at_opening.get_value();
        let invited: std::collections::HashSet<String> = ids.iter().cloned().collect();
        candidates.with(|c| {
            ids.extend(c.iter().filter(|r| !invited.contains(&r.customer_id)).map(|r| r.customer_id.clone()))
        });
        ids
    });
    let form = FormSave::new(event, is_new);
    let base = form.base;
    let build = move || -> (EventPlan, Vec<FieldError>) {
        let mut e = base.get_value();
        let mut extra = Vec::new();
        e.title = title.get().trim().to_owned();
        e.aim = aim.get().trim().to_owned();
        e.venue = venue.get().trim().to_owned();
        e.date = None;
        if !date.get().trim().is_empty() {
            match date.get().parse::<NaiveDate>() {
                Ok(d) => e.date = Some(d),
                Err(_) => extra.push(FieldError::new("date", Problem::Required)),
            }
        }
        e.invitees = invitees.get();
        e.agenda = agenda
            .get()
            .iter()
            .map(|r| AgendaItem { time: r.a.get().trim().to_owned(), item: r.b.get().trim().to_owned() })
            .collect();
        e.budget = Vec::new();
        for (i, r) in budget.get().iter().enumerate() {
            let amount = parse_number(&r.b.get());
            if amount.is_none() {
                extra.push(FieldError::new(
                    format!("budget[{i}].amount"),
                    Problem::OutOfRange { min: 0, max: 10_000_000_000 },
                ));
            }
            e.budget.push(BudgetLine { item: r.a.get().trim().to_owned(), amount: amount.unwrap_or(0.0) });
        }
        e.tasks = tasks
            .get()
            .iter()
            .map(|r| EventTask {
                task: r.a.get().trim().to_owned(),
                owner: r.b.get().trim().to_owned(),
                done: r.done.get(),
            })
            .collect();
        let mut errors = e.validate();
        errors.extend(extra);
        (e, errors)
    };
    let errors = form.errors(move || build().1);
    let err = move |f: &'static str| error_for(errors, f);
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if let Some(e) = form.checked(app, build()) {
            // A new plan goes on to its address; a stored one stays.
            form.save(app, app.stores.event_plans, e, Vec::new(), move |e| is_new.then(|| format!("/events/{}", e.id)));
        }
    };
    let total = move || yuan(budget.get().iter().map(|r| parse_number(&r.b.get()).unwrap_or(0.0)).sum());
    view! {
        <section class="page event-plan">
            <KeyAccountTabs/>
            <div class="page-head">
                <h1>{tx(Key::EventPlan)} ": " {move || title.get()}</h1>
                <button type="button" class="btn" on:click=move |_| { let _ = window().print(); }>{tx(Key::Print)}</button>
            </div>
            <form class="form" on:submit=on_submit novalidate>
                <Writes>
                <RecordConflict form=form/>
                <div class="grid2">
                    <TextField label=Key::EventTitle value=title error=err("title") required=true/>
                    <TextField label=Key::FieldDate value=date error=err("date") input_type="date"/>
                    <TextField label=Key::Venue value=venue error=err("venue")/>
                </div>
                <TextField label=Key::EventAim value=aim error=err("aim") multiline=true/>
                <fieldset>
                    <legend>{tx(Key::Invitees)} " (" {move || invitees.with(Vec::len)} ")"</legend>
                    {move || {
                        let ids = choices.get();
                        if ids.is_empty() {
                            return view! { <p class="hint">{tx(Key::NoKeyAccounts)}</p> }.into_any();
                        }
                        ids.into_iter().take(shown.get()).map(|id| {
                            let (has, toggle) = (id.clone(), id.clone());
                            view! {
                                <label class="choice">
                                    <input type="checkbox" prop:checked=move || invitees.with(|v| v.iter().any(|x| *x == has)) on:change=move |ev| {
                                        let on = event_target_checked(&ev);
                                        invitees.update(|v| { v.retain(|x| *x != toggle); if on { v.push(toggle.clone().into()); } });
                                    }/>
                                    <span>{customer_name(&app, &id)}</span>
                                </label>
                            }
                        }).collect_view().into_any()
                    }}
                    <ShowMore shown=shown total=Signal::derive(move || choices.with(Vec::len))/>
                </fieldset>
                <RowsEditor legend=Key::EventAgenda rows=agenda next=next a=Key::Time b=Key::Item error=err("agenda")/>
                <RowsEditor legend=Key::Budget rows=budget next=next a=Key::Item b=Key::Amount error=err("budget")/>
                <p><strong>{tx(Key::BudgetTotal)} ": " {total}</strong></p>
                <RowsEditor legend=Key::Tasks rows=tasks next=next a=Key::Task b=Key::OpportunityOwner check=Key::VisitDone error=err("tasks")/>
                <div class="actions">
                    <button type="submit" class="btn btn-primary">{tx(Key::Save)}</button>
                    <a class="btn" href="/events">{tx(Key::Back)}</a>
                </div>
                </Writes>
            </form>
        </section>
    }
}
