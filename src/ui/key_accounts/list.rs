//! The key-account list: the rules, who qualifies and who is marked by hand, the
//! callback plan with the key-account callback rate, and relationship activities.

use chrono::{DateTime, Datelike, NaiveDate, Utc};
use leptos::prelude::*;

use super::{key_accounts, rules, KeyAccountTabs};
use crate::analysis::callbacks::{callback_rates, CallbackDates};
use crate::analysis::key_accounts::{next_callback, KeyAccountRules};
use crate::i18n::Key;
use crate::model::key_account::{AccountActivity, ActivityKind, KeyAccount};
use crate::model::service::Callback as CallbackRecord;
use crate::model::{new_id, Choice, Id, Record};
use crate::ui::components::{ChoiceField, CustomerPicker, EmptyState, ShowMore, Shown, Writes};
use crate::ui::context::{tx, use_app, AppCtx};
use crate::ui::format::{percent1, today, yuan};
use crate::ui::sales::class_letter;
use crate::ui::service::customer_name;
use crate::workbook::orders_csv::parse_number;

/// An empty file for the customer `customer_id`, made `now`.
pub fn new_file(customer_id: Id, now: DateTime<Utc>) -> KeyAccount {
    KeyAccount {
        sample: false,
        id: new_id(),
        customer_id,
        by_hand: false,
        decision_makers: Vec::new(),
        organisation: String::new(),
        needs: String::new(),
        history: String::new(),
        service_plan: String::new(),
        callback_every_days: 30,
        created_at: now,
        updated_at: now,
        deleted_at: None,
    }
}

/// The file of customer `id`, if there is one.
pub fn file_of(app: &AppCtx, id: &str) -> Option<KeyAccount> {
    app.stores.key_accounts.with_untracked(|t| t.lookup("customer_id", id).find(|k| k.deleted_at.is_none()).cloned())
}

/// `/key-accounts`.
/// Key accounts shown at first, and added by each "show more".
const ROWS_PER_PAGE: usize = 100;

#[component]
pub fn KeyAccountsPage() -> impl IntoView {
    let app = use_app();
    let current = Memo::new(move |_| rules(&app));
    let revenue_text = RwSignal::new(current.get_untracked().revenue_above.map(|v| v.to_string()).unwrap_or_default());
    // The book's own rules are kept across visits; rules being changed are computed here.
    let rows = Memo::new(move |_| {
        let rules = current.get();
        if rules == super::rules(&app) {
            super::current_key_accounts().get()
        } else {
            key_accounts(&app, rules)
        }
    });
    let update = move |f: Box<dyn Fn(&mut KeyAccountRules)>| {
        let mut r = current.get_untracked();
        f(&mut r);
        crate::ui::settings::save_setting(app, r);
    };
    let marking = RwSignal::new(String::new());
    // A broad rule can make a large share of a big book key accounts: the table shows
    // the highest revenues first, a page at a time.
    let shown = Shown::new(ROWS_PER_PAGE);
    // One write at a time: a second click while it runs does nothing.
    let submit = crate::ui::components::Submit::new();
    let mark = move |customer_id: String, on: bool| {
        let now = Utc::now();
        let file = file_of(&app, &customer_id);
        let record = match (file, on) {
            (Some(mut f), on) => {
                f.by_hand = on;
                f.updated_at = now.max(f.created_at);
                f
            }
            (None, true) => KeyAccount { by_hand: true, ..new_file(customer_id.into(), now) },
            (None, false) => return,
        };
        submit.run(async move {
            match app.stores.key_accounts.put(record).await {
                Ok(()) => app.success(Key::Saved),
                Err(e) => app.store_error(&e),
            }
        });
    };
    view! {
        <section class="page">
            <KeyAccountTabs/>
            <h1>{tx(Key::NavKeyAccounts)}</h1>
            <crate::ui::components::HelpPanel text=Key::HelpKeyAccounts exercise="p4-t2"/>
            <section class="card" aria-labelledby="rules-h">
                <h2 id="rules-h">{tx(Key::KeyAccountRules)}</h2>
                <p class="hint">{tx(Key::KeyAccountRulesHint)}</p>
                <div class="actions"><Writes>
                    <label class="inline">
                        <input type="checkbox" prop:checked=move || current.get().class_a on:change=move |ev| { let on = event_target_checked(&ev); update(Box::new(move |r| r.class_a = on)); }/>
                        <span>{tx(Key::RuleClassA)}</span>
                    </label>
                    <label class="inline">
                        <input type="checkbox" prop:checked=move || current.get().important_value on:change=move |ev| { let on = event_target_checked(&ev); update(Box::new(move |r| r.important_value = on)); }/>
                        <span>{tx(Key::RuleImportantValue)}</span>
                    </label>
                    <label class="inline">
                        <span>{tx(Key::RuleRevenueAbove)}</span>
                        <input type="text" inputmode="decimal" size="10" prop:value=move || revenue_text.get() on:change=move |ev| {
                            let text = event_target_value(&ev);
                            revenue_text.set(text.clone());
                            match (text.trim().is_empty(), parse_number(&text)) {
                                (true, _) => update(Box::new(|r| r.revenue_above = None)),
                                (false, Some(v)) if v >= 0.0 => update(Box::new(move |r| r.revenue_above = Some(v))),
                                _ => app.problem(None, &crate::model::Problem::OutOfRange { min: 0, max: 10_000_000_000 }),
                            }
                        }/>
                        <span>"¥"</span>
                    </label>
                </Writes></div>
            </section>
            <section class="card" aria-labelledby="ka-h">
                <h2 id="ka-h">{tx(Key::KeyAccountList)} " (" {move || rows.with(Vec::len)} ")"</h2>
                <div class="actions"><Writes>
                    <CustomerPicker value=marking optional=true/>
                    <button type="button" class="btn" disabled=move || marking.with(String::is_empty) on:click=move |_| {
                        mark(marking.get_untracked(), true);
                        marking.set(String::new());
                    }>{tx(Key::MarkByHand)}</button>
                </Writes></div>
                {move || {
                    // The segment and the reasons are written in the current language.
                    app.lang.track();
                    let list = rows.get();
                    if list.is_empty() {
                        return view! { <EmptyState message=Key::NoKeyAccounts/> }.into_any();
                    }
                    view! {
                        <table class="simple">
                            <thead><tr>
                                <th scope="col">{tx(Key::Customer)}</th>
                                <th scope="col">{tx(Key::AbcClassCol)}</th>
                                <th scope="col">{tx(Key::Segment)}</th>
                                <th scope="col">{tx(Key::Revenue)}</th>
                                <th scope="col">{tx(Key::Why)}</th>
                                <th scope="col">{tx(Key::Actions)}</th>
                            </tr></thead>
                            <tbody>
                                {list.into_iter().take(shown.get()).map(|r| {
                                    let id = r.customer_id.clone();
                                    let name = customer_name(&app, &id);
                                    let lang = app.lang.get_untracked();
                                    let why = [(r.by_rule, Key::ByRule), (r.by_hand, Key::ByHand)].iter().filter(|(on, _)| *on).map(|(_, k)| lang.t(*k)).collect::<Vec<_>>().join("、");
                                    let unmark = id.clone();
                                    view! {
                                        <tr>
                                            <td><a href=format!("/customers/{id}")>{name.clone()}</a></td>
                                            <td>{r.class.map(class_letter).unwrap_or("—")}</td>
                                            <td>{r.segment.map(|s| lang.t(s.label())).unwrap_or("—")}</td>
                                            <td>{yuan(r.revenue)}</td>
                                            <td>{why}</td>
                                            <td class="actions">
                                                <a class="btn" href=format!("/key-accounts/{id}") aria-label=format!("{} {name}", lang.t(Key::AccountFile))>{tx(Key::AccountFile)}</a>
                                                {r.by_hand.then(|| view! { <Writes><button type="button" class="btn" on:click=move |_| mark(unmark.clone(), false)>{tx(Key::Unmark)}</button></Writes> })}
                                            </td>
                                        </tr>
                                    }
                                }).collect_view()}
                            </tbody>
                        </table>
                    }
                    .into_any()
                }}
                <ShowMore shown=shown total=Signal::derive(move || rows.with(Vec::len))/>
            </section>
            <CallbackPlan rows=rows/>
            <Activities/>
        </section>
    }
}

/// The planned callbacks of every key account with a plan, and the key-account
/// callback rate.
#[component]
fn CallbackPlan(rows: Memo<Vec<super::KeyAccountRow>>) -> impl IntoView {
    let app = use_app();
    let day = today();
    let plan = Memo::new(move |_| {
        let list = rows.get();
        app.stores.callbacks.with(|cbs| {
            list.iter()
                .filter_map(|r| {
                    let file = file_of(&app, &r.customer_id)?;
                    let theirs: Vec<&CallbackRecord> =
                        cbs.lookup("customer_id", &r.customer_id).filter(|c| c.deleted_at.is_none()).collect();
                    let last_done = theirs.iter().filter_map(|c| c.done_on).max();
                    let open = theirs.iter().filter(|c| c.done_on.is_none()).map(|c| c.due).min();
                    let next = next_callback(file.created_at.date_naive(), last_done, file.callback_every_days)?;
                    Some((r.customer_id.clone(), file.callback_every_days, last_done, next, open))
                })
                .collect::<Vec<_>>()
        })
    });
    let plan_shown = Shown::new(ROWS_PER_PAGE);
    let first = day.with_day(1).unwrap_or(day);
    let from = RwSignal::new(first.to_string());
    let to = RwSignal::new(day.to_string());
    let rate = Memo::new(move |_| {
        let (Ok(f), Ok(t)) = (from.get().parse::<NaiveDate>(), to.get().parse::<NaiveDate>()) else { return None };
        let ids: Vec<String> = rows.get().into_iter().map(|r| r.customer_id).collect();
        let dates: Vec<CallbackDates> = app.stores.callbacks.with(|cbs| {
            ids.iter()
                .flat_map(|id| {
                    cbs.lookup("customer_id", id)
                        .filter(|c| c.deleted_at.is_none())
                        .map(|c| CallbackDates { due: c.due, done: c.done_on })
                        .collect::<Vec<_>>()
                })
                .collect()
        });
        Some(callback_rates(&dates, f..=t))
    });
    // One write at a time: a second click while it runs does nothing.
    let submit = crate::ui::components::Submit::new();
    let schedule = move |customer_id: String, due: NaiveDate| {
        let now = Utc::now();
        let cb = CallbackRecord {
            sample: false,
            id: new_id(),
            customer_id: customer_id.into(),
            follows: Default::default(),
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
        submit.run(async move {
            match app.stores.callbacks.put(cb).await {
                Ok(()) => app.success(Key::Saved),
                Err(e) => app.store_error(&e),
            }
        });
    };
    view! {
        <section class="card" aria-labelledby="plan-h">
            <h2 id="plan-h">{tx(Key::CallbackPlan)}</h2>
            <div class="toolbar">
                <label class="inline"><span>{tx(Key::From)}</span><input type="date" prop:value=move || from.get() on:input=move |ev| from.set(event_target_value(&ev))/></label>
                <label class="inline"><span>{tx(Key::To)}</span><input type="date" prop:value=move || to.get() on:input=move |ev| to.set(event_target_value(&ev))/></label>
                <span>{tx(Key::KeyAccountCallbackRate)} ": " <strong data-testid="ka-callback-rate">{move || rate.get().map(|r| percent1(r.done.share())).unwrap_or_else(|| "—".into())}</strong>
                    " " <span class="hint">{move || rate.get().map(|r| format!("{} / {}", r.done.hit, r.done.of)).unwrap_or_default()}</span></span>
                <span>{tx(Key::KeyAccountCallbackOnTimeRate)} ": " <strong data-testid="ka-callback-on-time-rate">{move || rate.get().map(|r| percent1(r.on_time.share())).unwrap_or_else(|| "—".into())}</strong>
                    " " <span class="hint">{move || rate.get().map(|r| format!("{} / {}", r.on_time.hit, r.on_time.of)).unwrap_or_default()}</span></span>
            </div>
            <p class="hint">{tx(Key::KeyAccountCallbackRatesDefinition)}</p>
            <table class="simple">
                <thead><tr>
                    <th scope="col">{tx(Key::Customer)}</th>
                    <th scope="col">{tx(Key::EveryDays)}</th>
                    <th scope="col">{tx(Key::LastCallback)}</th>
                    <th scope="col">{tx(Key::NextDue)}</th>
                    <th scope="col">{tx(Key::Actions)}</th>
                </tr></thead>
                <tbody>
                    {move || plan.get().into_iter().take(plan_shown.get()).map(|(id, every, last, next, open)| {
                        let name = customer_name(&app, &id);
                        let label = format!("{} {name}", app.t_now(Key::ScheduleCallback));
                        view! {
                            <tr class:overdue=next < day && open.is_none()>
                                <td>{name.clone()}</td>
                                <td>{every}</td>
                                <td>{last.map(|d| d.to_string()).unwrap_or_else(|| "—".into())}</td>
                                <td>{next.to_string()}</td>
                                <td>{match open {
                                    Some(d) => view! { <span class="hint">{tx(Key::ScheduledFor)} " " {d.to_string()}</span> }.into_any(),
                                    None => view! { <Writes><button type="button" class="btn" aria-label=label on:click=move |_| schedule(id.clone(), next.max(day))>{tx(Key::ScheduleCallback)}</button></Writes> }.into_any(),
                                }}</td>
                            </tr>
                        }
                    }).collect_view()}
                </tbody>
            </table>
            <ShowMore shown=plan_shown total=Signal::derive(move || plan.with(Vec::len))/>
            <p class="hint">{tx(Key::CallbackPlanHint)}</p>
        </section>
    }
}

/// The log of relationship activities with key accounts.
#[component]
fn Activities() -> impl IntoView {
    let app = use_app();
    let list = Memo::new(move |_| {
        app.stores.account_activities.with(|t| {
            let mut v: Vec<AccountActivity> = t.live().cloned().collect();
            v.sort_by_key(|a| std::cmp::Reverse(a.date));
            v
        })
    });
    let who = RwSignal::new(String::new());
    let kind = RwSignal::new(ActivityKind::Visit);
    let date = RwSignal::new(today().to_string());
    let note = RwSignal::new(String::new());
    let cost = RwSignal::new(String::new());
    // One write at a time: a second click while it runs does nothing.
    let submit = crate::ui::components::Submit::new();
    let add = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let lang = app.lang.get_untracked();
        let now = Utc::now();
        let (Ok(day), Some(amount)) = (
            date.get_untracked().parse::<NaiveDate>(),
            if cost.get_untracked().trim().is_empty() { Some(0.0) } else { parse_number(&cost.get_untracked()) },
        ) else {
            app.error(Key::FixErrors);
            return;
        };
        let a = AccountActivity {
            sample: false,
            id: new_id(),
            customer_id: who.get_untracked().into(),
            kind: kind.get_untracked(),
            date: day,
            note: note.get_untracked().trim().to_owned(),
            cost: amount,
            created_at: now,
            updated_at: now,
            deleted_at: None,
        };
        if let Some(e) = a.validate().first() {
            let labels = [("customer_id", Key::Customer), ("note", Key::FieldNote), ("cost", Key::Cost)];
            app.error_text(crate::ui::components::field_problem(lang, e, &labels));
            return;
        }
        submit.run(async move {
            match app.stores.account_activities.put(a).await {
                Ok(()) => {
                    note.set(String::new());
                    cost.set(String::new());
                    app.success(Key::Saved);
                }
                Err(e) => app.store_error(&e),
            }
        });
    };
    view! {
        <section class="card" aria-labelledby="act-h">
            <h2 id="act-h">{tx(Key::RelationshipActivities)}</h2>
            <form class="actions" on:submit=add novalidate aria-label=move || app.t(Key::RelationshipActivities)>
                <Writes>
                // Found by name, as a key account of a large book is one of thousands.
                <CustomerPicker value=who/>
                <ChoiceField label=Key::Kind value=kind inline=true/>
                <label class="inline"><span>{tx(Key::FieldDate)}</span><input type="date" prop:value=move || date.get() on:input=move |ev| date.set(event_target_value(&ev))/></label>
                <label class="inline"><span>{tx(Key::FieldNote)}</span><input type="text" prop:value=move || note.get() on:input=move |ev| note.set(event_target_value(&ev))/></label>
                <label class="inline"><span>{tx(Key::Cost)}</span><input type="text" inputmode="decimal" size="8" prop:value=move || cost.get() on:input=move |ev| cost.set(event_target_value(&ev))/></label>
                <button type="submit" class="btn" disabled=move || who.with(String::is_empty)>{tx(Key::LogIt)}</button>
                </Writes>
            </form>
            <table class="simple">
                <thead><tr>
                    <th scope="col">{tx(Key::FieldDate)}</th>
                    <th scope="col">{tx(Key::Customer)}</th>
                    <th scope="col">{tx(Key::Kind)}</th>
                    <th scope="col">{tx(Key::FieldNote)}</th>
                    <th scope="col">{tx(Key::Cost)}</th>
                </tr></thead>
                <tbody>
                    {move || list.get().into_iter().take(100).map(|a| view! {
                        <tr>
                            <td>{a.date.to_string()}</td>
                            <td>{customer_name(&app, &a.customer_id)}</td>
                            <td>{tx(a.kind.label())}</td>
                            <td>{a.note.clone()}</td>
                            <td>{yuan(a.cost)}</td>
                        </tr>
                    }).collect_view()}
                </tbody>
            </table>
        </section>
    }
}
