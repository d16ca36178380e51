//! 回访: the agenda (overdue, due today, upcoming), the callback rate for any period,
//! scheduling by hand, and completing a callback (outcome, 1–5 score, note) with the
//! option to schedule the next one.

use chrono::{Datelike, NaiveDate, Utc};
use leptos::prelude::*;

use super::rules::CallbackRules;
use super::{customer_name, query_param, ServiceTabs};
use crate::analysis::callbacks::{callback_rates, CallbackDates};
use crate::i18n::Key;
use crate::model::service::{Agenda, Callback};
use crate::model::ticket::TicketStatus;
use crate::model::{new_id, FieldError, Problem, Record};
use crate::ui::components::{error_for, CustomerPicker, FormSave, NewLink, RecordEdit, TextField, Writes};
use crate::ui::context::{tx, use_app, AppCtx};
use crate::ui::format::{fixed, percent1, today};

/// Most callbacks listed in one agenda group; the rest are counted.
const GROUP_LIMIT: usize = 100;

/// What a callback follows up, in words: the record's topic or the ticket's title.
fn follows_text(app: &AppCtx, follows: &str) -> String {
    if follows.is_empty() {
        return String::new();
    }
    app.stores
        .service_records
        .with_untracked(|t| t.get(follows).map(|r| r.topic.to_string()))
        .or_else(|| app.stores.tickets.with_untracked(|t| t.get(follows).map(|x| x.title.clone())))
        .unwrap_or_default()
}

/// `/callbacks`: the agenda and the callback rate.
#[component]
pub fn CallbacksPage() -> impl IntoView {
    let app = use_app();
    let callbacks = app.stores.callbacks;
    let today = today();
    let groups = Memo::new(move |_| {
        callbacks.with(|t| {
            let mut overdue = Vec::new();
            let mut due_today = Vec::new();
            let mut upcoming = Vec::new();
            let mut done = Vec::new();
            for c in t.live() {
                match c.agenda(today) {
                    Agenda::Overdue => overdue.push(c.clone()),
                    Agenda::DueToday => due_today.push(c.clone()),
                    Agenda::Upcoming => upcoming.push(c.clone()),
                    Agenda::Done => done.push(c.clone()),
                }
            }
            overdue.sort_by_key(|c| c.due);
            due_today.sort_by(|a, b| a.staff.cmp(&b.staff));
            upcoming.sort_by_key(|c| c.due);
            done.sort_by(|a, b| b.done_on.cmp(&a.done_on).then(b.updated_at.cmp(&a.updated_at)));
            done.truncate(20);
            [overdue, due_today, upcoming, done]
        })
    });
    view! {
        <section class="page">
            <ServiceTabs/>
            <div class="page-head">
                <h1>{tx(Key::NavCallbacks)}</h1>
                <NewLink href="/callbacks/new" label=Key::NewCallback/>
            </div>
            <crate::ui::components::HelpPanel text=Key::HelpCallbacks exercise="p2-t3"/>
            <CallbackRate/>
            <AgendaGroup title=Key::Overdue items=Signal::derive(move || groups.with(|g| g[0].clone())) class="agenda-overdue"/>
            <AgendaGroup title=Key::DueToday items=Signal::derive(move || groups.with(|g| g[1].clone())) class="agenda-today"/>
            <AgendaGroup title=Key::Upcoming items=Signal::derive(move || groups.with(|g| g[2].clone())) class="agenda-upcoming"/>
            <AgendaGroup title=Key::RecentlyDone items=Signal::derive(move || groups.with(|g| g[3].clone())) class="agenda-done"/>
            <CallbackRules/>
        </section>
    }
}

#[component]
fn AgendaGroup(title: Key, items: Signal<Vec<Callback>>, class: &'static str) -> impl IntoView {
    let app = use_app();
    let heading = crate::ui::components::next_id("agenda");
    let labelled = heading.clone();
    view! {
        <section class=format!("card agenda {class}") aria-labelledby=labelled>
            <h2 id=heading>{move || app.t(title)} " (" {move || items.with(Vec::len)} ")"</h2>
            {move || {
                let list = items.get();
                if list.is_empty() {
                    return view! { <p class="hint">{tx(Key::NothingHere)}</p> }.into_any();
                }
                let more = list.len().saturating_sub(GROUP_LIMIT);
                view! {
                    <ul class="agenda-list">
                        {list.into_iter().take(GROUP_LIMIT).map(|c| {
                            let name = customer_name(&app, &c.customer_id);
                            let name_for_label = name.clone();
                            let about = follows_text(&app, &c.follows);
                            let score = c.score.map(|s| format!(" · {s}/5")).unwrap_or_default();
                            let done = c.done_on.map(|d| d.to_string());
                            view! {
                                <li>
                                    <span class="agenda-date">{c.due.to_string()}</span>
                                    <a href=format!("/customers/{}", c.customer_id)>{name}</a>
                                    <span class="hint">{about}</span>
                                    <span>{c.staff.to_string()}</span>
                                    {match done {
                                        Some(d) => {
                                            let low = c.score.is_some_and(|s| s <= 2);
                                            let offer = crate::ui::complaints::complaint_offer_href(&c.customer_id, &c.id, &format!("{} {}", c.outcome, c.note));
                                            view! {
                                                <span class="hint">{tx(Key::DoneOn)} " " {d.clone()} {score.clone()} " " {c.outcome.to_string()}</span>
                                                {low.then(|| view! { <NewLink href=offer label=Key::OpenComplaint class="btn"/> })}
                                            }.into_any()
                                        }
                                        None => {
                                            let label = format!("{} {name_for_label}", app.t_now(Key::CompleteCallback));
                                            view! { <NewLink href=format!("/callbacks/{}", c.id) label=Key::Complete class="btn" aria_label=label/> }.into_any()
                                        }
                                    }}
                                </li>
                            }
                        }).collect_view()}
                    </ul>
                    {(more > 0).then(|| view! { <p class="hint">{tx(Key::AndMoreCount)} " " {more}</p> })}
                }
                .into_any()
            }}
        </section>
    }
}

/// The callback rate (回访率) and the on-time callback rate (回访及时率) side by side
/// over a chosen period, this month by default.
#[component]
fn CallbackRate() -> impl IntoView {
    let app = use_app();
    let callbacks = app.stores.callbacks;
    let now = today();
    let first = now.with_day(1).unwrap_or(now);
    let from = RwSignal::new(first.to_string());
    let to = RwSignal::new(now.to_string());
    let figures = Memo::new(move |_| {
        let (Ok(f), Ok(t)) = (from.get().parse::<NaiveDate>(), to.get().parse::<NaiveDate>()) else {
            return None;
        };
        callbacks.with(|tb| {
            let dates: Vec<CallbackDates> = tb.live().map(|c| CallbackDates { due: c.due, done: c.done_on }).collect();
            let rates = callback_rates(&dates, f..=t);
            let scores: Vec<u8> =
                tb.live().filter(|c| c.done_on.is_some_and(|d| (f..=t).contains(&d))).filter_map(|c| c.score).collect();
            let mean =
                (!scores.is_empty()).then(|| scores.iter().map(|&s| f64::from(s)).sum::<f64>() / scores.len() as f64);
            Some((rates, mean))
        })
    });
    view! {
        <section class="card" aria-labelledby="rate-h">
            <h2 id="rate-h">{tx(Key::CallbackRates)}</h2>
            <div class="toolbar">
                <label class="inline">
                    <span>{tx(Key::From)}</span>
                    <input type="date" prop:value=move || from.get() on:input=move |ev| from.set(event_target_value(&ev))/>
                </label>
                <label class="inline">
                    <span>{tx(Key::To)}</span>
                    <input type="date" prop:value=move || to.get() on:input=move |ev| to.set(event_target_value(&ev))/>
                </label>
            </div>
            {move || match figures.get() {
                None => view! { <p class="error">{tx(Key::ChooseDates)}</p> }.into_any(),
                Some((rates, mean)) => view! {
                    <div class="figures" aria-live="polite">
                        <div class="figure-card">
                            <span>{tx(Key::CallbackRate)}</span>
                            <strong data-testid="callback-rate">{percent1(rates.done.share())}</strong>
                            <small data-testid="callback-rate-count">{tx(Key::DoneOfDue)} " " {rates.done.hit} " / " {rates.done.of}</small>
                            <small>{tx(Key::CallbackRateDefinition)}</small>
                        </div>
                        <div class="figure-card">
                            <span>{tx(Key::CallbackOnTimeRate)}</span>
                            <strong data-testid="callback-on-time-rate">{percent1(rates.on_time.share())}</strong>
                            <small data-testid="callback-on-time-count">{tx(Key::OnTimeOfDue)} " " {rates.on_time.hit} " / " {rates.on_time.of}</small>
                            <small>{tx(Key::CallbackOnTimeRateDefinition)}</small>
                        </div>
                    </div>
                    <p class="hint">{tx(Key::MeanCallbackScore)} ": " {mean.map(|m| fixed(m, 2)).unwrap_or_else(|| "—".into())}</p>
                }
                .into_any(),
            }}
        </section>
    }
}

/// `/callbacks/new` (`?customer=…&follows=…&due=…` preset them).
#[component]
pub fn CallbackNew() -> impl IntoView {
    let now = Utc::now();
    let due = query_param("due").parse().unwrap_or_else(|_| today());
    let callback = Callback {
        sample: false,
        id: new_id(),
        customer_id: query_param("customer").into(),
        follows: query_param("follows").into(),
        due,
        staff: Default::default(),
        done_on: None,
        outcome: Default::default(),
        score: None,
        note: Default::default(),
        created_at: now,
        updated_at: now,
        deleted_at: None,
    };
    view! { <CallbackForm callback=callback is_new=true/> }
}

/// `/callbacks/:id`: complete or change a callback.
#[component]
pub fn CallbackEdit() -> impl IntoView {
    let app = use_app();
    view! { <RecordEdit collection=app.stores.callbacks form=|c: Callback| view! { <CallbackForm callback=c is_new=false/> }/> }
}

/// The day the record or ticket a callback follows started, if it follows one.
fn follows_start(app: &AppCtx, follows: &str) -> Option<NaiveDate> {
    app.stores.service_records.with_untracked(|t| t.get(follows).map(|r| r.at.date_naive())).or_else(|| {
        app.stores.tickets.with_untracked(|t| t.get(follows).and_then(|x| x.flow.opened_at())).map(|d| d.date_naive())
    })
}

#[component]
fn CallbackForm(callback: Callback, is_new: bool) -> impl IntoView {
    let app = use_app();
    let s = |v: &str| RwSignal::new(v.to_owned());
    let customer = s(&callback.customer_id);
    let due = s(&callback.due.to_string());
    let staff = s(&callback.staff);
    // Opening a due callback means doing it: "done" is ticked, dated today.
    let done = RwSignal::new(!is_new);
    let done_on = s(&callback.done_on.unwrap_or_else(today).to_string());
    let outcome = s(&callback.outcome);
    let score = s(&callback.score.map(|v| v.to_string()).unwrap_or_default());
    let note = s(&callback.note);
    let next = RwSignal::new(false);
    let next_due = s(&today().checked_add_days(chrono::Days::new(7)).unwrap_or_else(today).to_string());
    // What it follows up: a service record stays as it came (in words); otherwise the
    // user may tie it to one of the customer's open tickets.
    let follows = RwSignal::new(callback.follows.to_string());
    let follows_record = {
        let f = callback.follows.clone();
        !f.is_empty() && app.stores.service_records.with_untracked(|t| t.get(&f).is_some())
    };
    // In words, following the ticket chosen below.
    let about = move || follows.with(|f| follows_text(&app, f));
    // The customer's tickets not yet closed, and the one it follows whatever its state.
    let tickets = Memo::new(move |_| {
        let (cust, chosen) = (customer.get(), follows.get());
        app.stores.tickets.with(|t| {
            let mut out: Vec<(String, String)> = t
                .live()
                .filter(|x| {
                    x.id == chosen.as_str()
                        || (!cust.is_empty()
                            && x.customer_id == cust.as_str()
                            && x.flow.status() != TicketStatus::Closed)
                })
                .map(|x| (x.id.to_string(), x.title.clone()))
                .collect();
            out.sort_by(|a, b| a.1.cmp(&b.1));
            out
        })
    });
    let form = FormSave::new(callback, is_new);
    let base = form.base;

    let build = move || -> (Callback, Vec<FieldError>) {
        let mut c = base.get_value();
        let mut extra = Vec::new();
        c.customer_id = customer.get().into();
        c.follows = follows.get().into();
        match due.get().parse::<NaiveDate>() {
            Ok(d) => {
                c.due = d;
                if let Some(start) = follows_start(&app, &c.follows) {
                    if d < start {
                        extra.push(FieldError::new("due", Problem::BeforeStart));
                    }
                }
            }
            Err(_) => extra.push(FieldError::new("due", Problem::Required)),
        }
        c.staff = staff.get().trim().into();
        c.outcome = outcome.get().trim().into();
        c.note = note.get().trim().into();
        c.done_on = None;
        c.score = None;
        if done.get() {
            match done_on.get().parse::<NaiveDate>() {
                Ok(d) if d > today() => extra.push(FieldError::new("done_on", Problem::FutureDate)),
                Ok(d) => c.done_on = Some(d),
                Err(_) => extra.push(FieldError::new("done_on", Problem::Required)),
            }
            let sc = score.get();
            if !sc.is_empty() {
                match sc.parse::<u8>() {
                    Ok(v) => c.score = Some(v),
                    Err(_) => extra.push(FieldError::new("score", Problem::OutOfRange { min: 1, max: 5 })),
                }
            }
        }
        if next.get() && next_due.get().parse::<NaiveDate>().is_err() {
            extra.push(FieldError::new("next_due", Problem::Required));
        }
        let mut errors = c.validate();
        errors.extend(extra);
        (c, errors)
    };
    let errors = form.errors(move || build().1);
    let err = move |f: &'static str| error_for(errors, f);

    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let Some(c) = form.checked(app, build()) else { return };
        let now = Utc::now();
        let following = next.get_untracked().then(|| Callback {
            sample: false,
            id: new_id(),
            customer_id: c.customer_id.clone(),
            follows: c.follows.clone(),
            due: next_due.get_untracked().parse().unwrap_or_else(|_| today()),
            staff: c.staff.clone(),
            done_on: None,
            outcome: Default::default(),
            score: None,
            note: Default::default(),
            created_at: now,
            updated_at: now,
            deleted_at: None,
        });
        // The completed callback and the next one in one transaction.
        let along = following.map(|f| vec![app.stores.callbacks.put_along(vec![f])]).unwrap_or_default();
        form.save(app, app.stores.callbacks, c, along, |_| Some("/callbacks".into()));
    };
    let score_id = crate::ui::components::next_id("score");
    let score_described = score_id.clone();
    let score_err = err("score");
    view! {
        <section class="page">
            <ServiceTabs/>
            <h1>{move || app.t(if is_new { Key::NewCallback } else { Key::CompleteCallback })}</h1>
            {move || { let about = about(); (!about.is_empty()).then(|| view! { <p class="hint">{tx(Key::Follows)} ": " {about}</p> }) }}
            <form class="form" on:submit=on_submit novalidate>
                <Writes>
                <crate::ui::components::RecordConflict form=form/>
                <div class="grid2">
                    <CustomerPicker value=customer error=err("customer_id")/>
                    <TextField label=Key::FieldDue value=due error=err("due") input_type="date" required=true/>
                    <TextField label=Key::FieldStaff value=staff error=err("staff")/>
                    {(!follows_record).then(|| view! {
                        <label class="field">
                            <span>{tx(Key::FollowsTicket)}</span>
                            <select prop:value=move || follows.get() on:change=move |ev| follows.set(event_target_value(&ev))>
                                <option value="" selected=move || follows.get().is_empty()>{tx(Key::NoTicketFollowed)}</option>
                                {move || tickets.get().into_iter().map(|(id, title)| {
                                    let v = id.clone();
                                    view! { <option value=id selected=move || follows.get() == v>{title}</option> }
                                }).collect_view()}
                            </select>
                        </label>
                    })}
                </div>
                <fieldset>
                    <legend>{tx(Key::Completion)}</legend>
                    <label class="inline">
                        <input type="checkbox" prop:checked=move || done.get() on:change=move |ev| done.set(event_target_checked(&ev))/>
                        <span>{tx(Key::CallbackDone)}</span>
                    </label>
                    <div hidden=move || !done.get()>
                        <div class="grid2">
                            <TextField label=Key::FieldDoneOn value=done_on error=err("done_on") input_type="date"/>
                            <fieldset class="scores" aria-describedby=score_described>
                                <legend>{tx(Key::FieldScore)}</legend>
                                {["1", "2", "3", "4", "5"].into_iter().map(|v| view! {
                                    <label class="inline">
                                        <input type="radio" name="score" value=v prop:checked=move || score.get() == v on:change=move |_| score.set(v.to_owned())/>
                                        <span>{v}</span>
                                    </label>
                                }).collect_view()}
                                <button type="button" class="btn" on:click=move |_| score.set(String::new())>{tx(Key::NoScore)}</button>
                                <small id=score_id class="error" hidden=move || score_err.with(Option::is_none)>{move || score_err.get().unwrap_or_default()}</small>
                            </fieldset>
                        </div>
                        <TextField label=Key::FieldOutcome value=outcome error=err("outcome") multiline=true/>
                        <TextField label=Key::FieldNote value=note error=err("note") multiline=true/>
                        <div class="toolbar"><super::ScriptInsert target=note/></div>
                        <label class="inline">
                            <input type="checkbox" prop:checked=move || next.get() on:change=move |ev| next.set(event_target_checked(&ev))/>
                            <span>{tx(Key::ScheduleNext)}</span>
                        </label>
                        <div hidden=move || !next.get()>
                            <TextField label=Key::NextDue value=next_due error=err("next_due") input_type="date"/>
                        </div>
                    </div>
                </fieldset>
                <div class="actions">
                    <button type="submit" class="btn btn-primary" disabled=move || form.saving.get()>
                        {move || app.t(if form.saving.get() { Key::Saving } else { Key::Save })}
                    </button>
                    <a href="/callbacks" class="btn">{tx(Key::Cancel)}</a>
                </div>
                </Writes>
            </form>
        </section>
    }
}
