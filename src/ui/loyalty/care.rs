//! 客户关怀: the care rules with their message templates, the due care actions with the
//! message filled in for each customer (copy it, then mark it done), and what was done.

use chrono::Utc;
use leptos::prelude::*;

use crate::analysis::care::{count_by_kind, due_reminders, Reminder};
use crate::i18n::{Key, Lang};
use crate::messages;
use crate::model::care::{
    book_in_chinese, default_rules, duplicate_of, unsaved_default_rules, CareAction, CareKind, CareRule, CareTrigger,
};
use crate::model::{new_id, Customer, Record};
use crate::ui::components::{field_problem, EmptyState, ShowMore, Shown, Writes};
use crate::ui::context::{tx, use_app, AppCtx};
use crate::ui::format::today;
use crate::ui::kept::kept;
use crate::ui::service::customer_name;

/// Days ahead the task list looks.
pub const WINDOW: u64 = 7;

/// Reminders drawn at first, and added by each "show more".
const ROWS_PER_PAGE: usize = 50;

fn seed_rules(app: AppCtx) {
    use crate::model::settings::{CareSettings, Setting, SettingArea};
    // Only once per book: rules the user removed, even for good, stay removed. A
    // student's book under review is shown as it is.
    if app.stores.db.is_read_only() || crate::ui::settings::setting_untracked::<CareSettings>(&app).seeded {
        return;
    }
    let now = Utc::now();
    // Kehu's own defaults are not the user's work: marked as the sample's records are,
    // so the coursework checks skip them.
    let mut mark = Setting::new(CareSettings { seeded: true }.wrap(), now);
    mark.mark_sample();
    if app.stores.care_rules.with_untracked(|t| !t.is_empty()) {
        // A book from before the marker that already has rules.
        leptos::task::spawn_local(async move {
            if let Err(e) = app.stores.settings.put(mark).await {
                app.store_error(&e);
            }
        });
        return;
    }
    let rules: Vec<CareRule> = default_rules(book_in_chinese_untracked(&app))
        .into_iter()
        .map(|(name, trigger, template)| CareRule {
            sample: true,
            id: new_id(),
            name,
            trigger,
            template,
            active: true,
            created_at: now,
            updated_at: now,
            deleted_at: None,
        })
        .collect();
    leptos::task::spawn_local(async move {
        let result = match app.stores.care_rules.put_many(rules).await {
            Ok(()) => app.stores.settings.put(mark).await,
            Err(e) => Err(e),
        };
        if let Err(e) = result {
            app.store_error(&e);
        }
    });
}

/// Whether the open book is written in Chinese (its customers' names and companies and
/// its org chart's titles), the UI's language for a book with no such text yet.
fn book_in_chinese_untracked(app: &AppCtx) -> bool {
    let ui = app.lang.get_untracked() == Lang::Zh;
    app.stores.customers.with_untracked(|customers| {
        app.stores.org_units.with_untracked(|units| {
            let names = customers.live().flat_map(|c| [c.name.as_str(), c.company.as_str()]);
            book_in_chinese(names.chain(units.live().map(|u| u.title.as_str())), ui)
        })
    })
}

/// The care rules of the book, tracked; before a book's first visit to the care page
/// has saved Kehu's default rules, those defaults (unsaved), so the today page reminds
/// of birthdays from the first day.
fn rules_or_defaults(app: &AppCtx) -> Vec<CareRule> {
    use crate::model::settings::CareSettings;
    let rules: Vec<CareRule> = app.stores.care_rules.with(|t| t.live().cloned().collect());
    if !rules.is_empty() || crate::ui::settings::setting_untracked::<CareSettings>(app).seeded {
        return rules;
    }
    unsaved_default_rules(book_in_chinese_untracked(app))
}

/// The care due on `day` by `rules` (see [`due_reminders`]), tracked: it follows the
/// customers, orders and actions done.
fn due_care(app: &AppCtx, rules: &[CareRule], day: chrono::NaiveDate) -> Vec<Reminder> {
    app.stores.care_actions.with(|actions| {
        let done: Vec<&CareAction> = actions.live().collect();
        crate::ui::figures::with_order_columns(app, |orders| {
            let orders = orders.customer_days();
            app.stores.customers.with(|t| {
                let live: Vec<&Customer> = t.live().collect();
                due_reminders(rules, &live, &orders, &done, day, WINDOW)
            })
        })
    })
}

/// Every reminder due as of today by the book's rules (the built-in ones while none
/// are stored), kept across visits (see `crate::ui::kept`): every customer's dates
/// against every rule, computed once for the care page and the dashboard.
pub fn care_due_today() -> Memo<Vec<Reminder>> {
    kept(|app| due_care(app, &rules_or_defaults(app), today()))
}

/// `/care`.
#[component]
pub fn CarePage() -> impl IntoView {
    let app = use_app();
    seed_rules(app);
    let day = today();
    let rules = Memo::new(move |_| app.stores.care_rules.with(|t| t.live().cloned().collect::<Vec<_>>()));
    let reminders = care_due_today();
    let mark_done = move |r: Reminder, text: String| {
        let now = Utc::now();
        let a = CareAction {
            sample: false,
            id: new_id(),
            customer_id: r.customer_id,
            rule_id: r.rule_id,
            due: r.due,
            done_on: today(),
            message: text,
            note: String::new(),
            created_at: now,
            updated_at: now,
            deleted_at: None,
        };
        leptos::task::spawn_local(async move {
            match app.stores.care_actions.put(a).await {
                Ok(()) => app.success(Key::CareMarkedDone),
                Err(e) => app.store_error(&e),
            }
        });
    };
    let copy = move |text: String| app.copy(&text);
    // The kind shown ("" for every kind) and how many of the list are drawn: the
    // heading and the filter say how many there are in all.
    let kind = RwSignal::new(String::new());
    let shown = Shown::new(ROWS_PER_PAGE);
    let counts = Memo::new(move |_| reminders.with(|r| count_by_kind(r)));
    // Only the reminders drawn are copied out of the kept list (65,000 at 100,000
    // customers), and only counted for the rest.
    let of_kind = move |r: &Reminder, k: &str| k.is_empty() || r.kind.code() == k;
    let drawn = Memo::new(move |_| {
        let k = kind.get();
        let n = shown.get();
        reminders.with(|list| list.iter().filter(|r| of_kind(r, &k)).take(n).cloned().collect::<Vec<_>>())
    });
    let total = Memo::new(move |_| {
        let k = kind.get();
        if k.is_empty() {
            reminders.with(Vec::len)
        } else {
            counts.with(|c| c.iter().find(|(x, _)| x.code() == k).map_or(0, |(_, n)| *n))
        }
    });
    let pick = move |k: String| {
        kind.set(k);
        shown.reset();
    };
    view! {
        <section class="page">
            <crate::ui::complaints::ComplaintTabs/>
            <h1>{tx(Key::NavCare)}</h1>
            <crate::ui::components::HelpPanel text=Key::HelpCare exercise="p5-t2"/>
            <section class="card" aria-labelledby="care-due-h">
                <h2 id="care-due-h">{tx(Key::CareDue)} " (" {move || reminders.with(Vec::len)} ")"</h2>
                <p class="hint">{tx(Key::CareDueHint)}</p>
                <div class="kind-filter" role="group" aria-label=move || app.t(Key::CareKindFilter)>
                    <button type="button" class="btn" aria-pressed=move || kind.with(String::is_empty).to_string()
                        on:click=move |_| pick(String::new())>
                        {tx(Key::All)} " (" {move || reminders.with(Vec::len)} ")"
                    </button>
                    {CareKind::ALL.into_iter().map(|k| view! {
                        <button type="button" class="btn" aria-pressed=move || (kind.get() == k.code()).to_string()
                            data-kind=k.code() on:click=move |_| pick(k.code().to_owned())>
                            {tx(k.label())} " (" {move || counts.with(|c| c.iter().find(|(x, _)| *x == k).map_or(0, |(_, n)| *n))} ")"
                        </button>
                    }).collect_view()}
                </div>
                {move || {
                    let list = drawn.get();
                    if list.is_empty() {
                        return view! { <EmptyState message=Key::NoCareDue/> }.into_any();
                    }
                    let rules = rules.get();
                    view! {
                        <ul class="agenda-list" data-testid="care-due">
                            {list.into_iter().filter_map(|r| {
                                let rule = rules.iter().find(|x| x.id == r.rule_id)?.clone();
                                let c = app.stores.customers.with_untracked(|t| t.get(&r.customer_id).cloned())?;
                                let text = rule.message_for(&c, r.due);
                                let (copy_text, done_text) = (text.clone(), text.clone());
                                let name = customer_name(&app, &r.customer_id);
                                let label = format!("{} {name}", app.t_now(Key::CareMarkDone));
                                let late = r.due < day;
                                let r2 = r.clone();
                                Some(view! {
                                    <li class:overdue=late>
                                        <span class="agenda-date">{r.due.to_string()}</span>
                                        <a href=format!("/customers/{}", r.customer_id)>{name}</a>
                                        <span class="badge" title=rule.name.clone()>{tx(r.kind.label())}</span>
                                        <span class="care-message">{text}</span>
                                        <button type="button" class="btn" on:click=move |_| copy(copy_text.clone())>{tx(Key::Copy)}</button>
                                        <Writes><button type="button" class="btn" aria-label=label on:click=move |_| mark_done(r2.clone(), done_text.clone())>{tx(Key::CareMarkDone)}</button></Writes>
                                    </li>
                                })
                            }).collect_view()}
                        </ul>
                    }
                    .into_any()
                }}
                // Outside the list's redraw, so the button keeps the focus.
                <ShowMore shown=shown total=Signal::derive(move || total.get())/>
            </section>
            <section class="card" aria-labelledby="care-rules-h">
                <h2 id="care-rules-h">{tx(Key::CareRules)}</h2>
                <p class="hint">{tx(Key::CareTemplateHint)}</p>
                {move || rules.get().into_iter().map(|r| view! { <RuleEditor rule=r/> }).collect_view()}
                <NewCareRule/>
            </section>
            <CareHistory/>
        </section>
    }
}

#[component]
fn RuleEditor(rule: CareRule) -> impl IntoView {
    let app = use_app();
    let template = RwSignal::new(rule.template.clone());
    let days = RwSignal::new(match &rule.trigger {
        CareTrigger::AfterPurchase { days } | CareTrigger::NoOrderFor { days } => days.to_string(),
        _ => String::new(),
    });
    let active = RwSignal::new(rule.active);
    let problem = RwSignal::new(None::<String>);
    let base = StoredValue::new(rule.clone());
    let id = crate::ui::components::next_id("tpl");
    let for_id = id.clone();
    let duplicate = RwSignal::new(None::<String>);
    let save = move |anyway: bool| {
        let mut r = base.get_value();
        r.template = template.get_untracked();
        r.active = active.get_untracked();
        if let CareTrigger::AfterPurchase { days: d } | CareTrigger::NoOrderFor { days: d } = &mut r.trigger {
            *d = days.get_untracked().trim().parse().unwrap_or(0);
        }
        let lang = app.lang.get_untracked();
        if let Some(e) = r.validate().first() {
            problem.set(Some(format!(
                "{}: {}",
                base.with_value(|b| b.name.clone()),
                messages::problem(lang, &e.problem)
            )));
            return;
        }
        problem.set(None);
        if !anyway {
            let twin = app.stores.care_rules.with_untracked(|t| duplicate_of(&r, t.live()).map(|x| x.name.clone()));
            if twin.is_some() {
                duplicate.set(twin);
                return;
            }
        }
        duplicate.set(None);
        r.updated_at = Utc::now().max(r.created_at);
        leptos::task::spawn_local(async move {
            match app.stores.care_rules.put(r).await {
                Ok(()) => app.success(Key::Saved),
                Err(e) => app.store_error(&e),
            }
        });
    };
    let has_days = matches!(rule.trigger, CareTrigger::AfterPurchase { .. } | CareTrigger::NoOrderFor { .. });
    view! {
        <div class="care-rule"><Writes>
            <h3>{rule.name.clone()}</h3>
            <div class="field">
                <label for=for_id>{tx(Key::CareTemplate)} ": " {rule.name.clone()}</label>
                <textarea id=id rows="2" prop:value=move || template.get() on:input=move |ev| template.set(event_target_value(&ev))></textarea>
            </div>
            <div class="actions">
                {has_days.then(|| view! {
                    <label class="inline"><span>{tx(Key::CareDays)}</span><input type="number" min="1" size="5" prop:value=move || days.get() on:input=move |ev| days.set(event_target_value(&ev))/></label>
                })}
                <label class="inline"><input type="checkbox" prop:checked=move || active.get() on:change=move |ev| active.set(event_target_checked(&ev))/><span>{tx(Key::CareActive)}</span></label>
                <button type="button" class="btn" on:click=move |_| save(false) aria-label=format!("{} {}", app.t_now(Key::Save), rule.name)>{tx(Key::Save)}</button>
                <button type="button" class="btn" on:click=move |_| {
                    let id = base.with_value(|b| b.id.clone());
                    leptos::task::spawn_local(async move {
                        match app.stores.care_rules.trash(&[id]).await {
                            Ok(()) => app.success(Key::MovedToTrash),
                            Err(e) => app.store_error(&e),
                        }
                    });
                } aria-label=format!("{} {}", app.t_now(Key::MoveToTrash), rule.name)>{tx(Key::MoveToTrash)}</button>
            </div>
            <p class="error" role="alert" hidden=move || problem.with(Option::is_none)>{move || problem.get().unwrap_or_default()}</p>
            <DuplicateRule of=duplicate on_anyway=Callback::new(move |()| save(true))/>
        </Writes></div>
    }
}

/// Says that a rule being saved reminds of the same occasion as the rule named in
/// `of` (nothing while it is `None`), and offers to save it anyway: the care list shows
/// such an occasion once either way.
#[component]
fn DuplicateRule(of: RwSignal<Option<String>>, on_anyway: Callback<()>) -> impl IntoView {
    move || {
        of.get().map(|name| {
            view! {
                <div class="warn" role="alert">
                    <p>{tx(Key::CareRuleDuplicate)} "「" {name} "」" {tx(Key::CareRuleDuplicateHint)}</p>
                    <button type="button" class="btn" on:click=move |_| on_anyway.run(())>{tx(Key::SaveAnyway)}</button>
                </div>
            }
        })
    }
}

/// A template to start from for a new rule of `kind`, in the book's language.
fn starter_template(app: &AppCtx, kind: &str) -> String {
    default_rules(book_in_chinese_untracked(app))
        .into_iter()
        .find(|(_, t, _)| t.kind().code() == kind)
        .map(|(_, _, tpl)| tpl)
        .unwrap_or_default()
}

/// Reads "MM-DD" as typed (or a full date, whose month and day are taken); (0, 0) when
/// it is neither, which the rule's check then refuses.
fn month_day(text: &str) -> (u32, u32) {
    let parts: Vec<u32> =
        text.trim().split(['-', '/', '.', '月', '日']).filter_map(|p| p.trim().parse().ok()).collect();
    match parts.as_slice() {
        [m, d] | [_, m, d] => (*m, *d),
        _ => (0, 0),
    }
}

/// Adds a care rule of any kind: birthday, a holiday of the user's choice, N days after
/// a purchase, no order for N days.
#[component]
fn NewCareRule() -> impl IntoView {
    let app = use_app();
    let kind = RwSignal::new("holiday".to_owned());
    let name = RwSignal::new(String::new());
    let date = RwSignal::new(String::new());
    let days = RwSignal::new("30".to_owned());
    let template = RwSignal::new(starter_template(&app, "holiday"));
    let problem = RwSignal::new(None::<String>);
    // The name of an existing rule for the same occasion, once the user was told.
    let duplicate = RwSignal::new(None::<String>);
    let save = move |anyway: bool| {
        let lang = app.lang.get_untracked();
        let rule_name = name.get_untracked().trim().to_owned();
        let n = days.get_untracked().trim().parse().unwrap_or(0);
        let trigger = match kind.get_untracked().as_str() {
            "birthday" => CareTrigger::Birthday,
            "after_purchase" => CareTrigger::AfterPurchase { days: n },
            "no_order_for" => CareTrigger::NoOrderFor { days: n },
            _ => {
                let (month, day) = month_day(&date.get_untracked());
                CareTrigger::Holiday { name: rule_name.clone(), month, day }
            }
        };
        let now = Utc::now();
        let rule = CareRule {
            sample: false,
            id: new_id(),
            name: rule_name,
            trigger,
            template: template.get_untracked(),
            active: true,
            created_at: now,
            updated_at: now,
            deleted_at: None,
        };
        if let Some(e) = rule.validate().first() {
            let name = if kind.get_untracked() == "holiday" { Key::HolidayName } else { Key::CareRuleName };
            let labels = [
                ("trigger.days", Key::CareDays),
                ("trigger.day", Key::HolidayDate),
                ("trigger.name", Key::HolidayName),
                ("template", Key::CareTemplate),
                ("name", name),
            ];
            problem.set(Some(field_problem(lang, e, &labels)));
            return;
        }
        problem.set(None);
        if !anyway {
            let twin = app.stores.care_rules.with_untracked(|t| duplicate_of(&rule, t.live()).map(|r| r.name.clone()));
            if twin.is_some() {
                duplicate.set(twin);
                return;
            }
        }
        duplicate.set(None);
        leptos::task::spawn_local(async move {
            match app.stores.care_rules.put(rule).await {
                Ok(()) => {
                    name.set(String::new());
                    date.set(String::new());
                    app.success(Key::Saved);
                }
                Err(e) => app.store_error(&e),
            }
        });
    };
    let add = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        save(false);
    };
    let is = move |k: &'static str| move || kind.get() == k;
    view! {
        <form class="care-rule" on:submit=add novalidate aria-label=move || app.t(Key::AddCareRule)>
            <Writes>
            <h3>{tx(Key::AddCareRule)}</h3>
            <div class="actions">
                <label class="inline"><span>{tx(Key::CareTrigger)}</span>
                    <select prop:value=move || kind.get() on:change=move |ev| {
                        let k = event_target_value(&ev);
                        // The starter text follows the kind; a template the user wrote stays.
                        if template.get_untracked() == starter_template(&app, &kind.get_untracked()) {
                            template.set(starter_template(&app, &k));
                        }
                        kind.set(k);
                        duplicate.set(None);
                    }>
                        {CareKind::ALL.into_iter().map(|k| view! { <option value=k.code()>{tx(k.label())}</option> }).collect_view()}
                    </select>
                </label>
                <label class="inline"><span>{move || app.t(if kind.get() == "holiday" { Key::HolidayName } else { Key::CareRuleName })}</span><input type="text" prop:value=move || name.get() on:input=move |ev| name.set(event_target_value(&ev))/></label>
                <Show when=is("holiday")>
                    <label class="inline"><span>{tx(Key::HolidayDate)}</span><input type="text" placeholder="10-01" size="6" prop:value=move || date.get() on:input=move |ev| date.set(event_target_value(&ev))/></label>
                </Show>
                <Show when=move || matches!(kind.get().as_str(), "after_purchase" | "no_order_for")>
                    <label class="inline"><span>{tx(Key::CareDays)}</span><input type="number" min="1" size="5" prop:value=move || days.get() on:input=move |ev| days.set(event_target_value(&ev))/></label>
                </Show>
                <label class="inline grow"><span>{tx(Key::CareTemplate)}</span><input type="text" prop:value=move || template.get() on:input=move |ev| template.set(event_target_value(&ev))/></label>
                <button type="submit" class="btn">{tx(Key::AddRule)}</button>
            </div>
            <p class="error" role="alert" hidden=move || problem.with(Option::is_none)>{move || problem.get().unwrap_or_default()}</p>
            <DuplicateRule of=duplicate on_anyway=Callback::new(move |()| save(true))/>
            </Writes>
        </form>
    }
}

/// Care actions listed under "done", latest first.
const HISTORY_ROWS: usize = 200;

/// The care actions done: how many, and the latest.
#[component]
fn CareHistory() -> impl IntoView {
    let app = use_app();
    // How many were done, and the latest [`HISTORY_ROWS`] copied (not all 43,000 of a
    // large book: WebAssembly memory keeps the peak of a copy).
    let list = Memo::new(move |_| {
        app.stores.care_actions.with(|t| {
            let mut v: Vec<&CareAction> = t.live().collect();
            let count = v.len();
            // Latest first; the same day and time by id, so the list is the same after a
            // reload (the table's order is not).
            let latest = |a: &&CareAction, b: &&CareAction| {
                (b.done_on, b.created_at).cmp(&(a.done_on, a.created_at)).then_with(|| a.id.cmp(&b.id))
            };
            if v.len() > HISTORY_ROWS {
                v.select_nth_unstable_by(HISTORY_ROWS, latest);
                v.truncate(HISTORY_ROWS);
            }
            v.sort_by(latest);
            (count, v.into_iter().cloned().collect::<Vec<_>>())
        })
    });
    view! {
        <details class="card">
            <summary>{tx(Key::CareDone)} " (" {move || list.with(|l| l.0)} ")"</summary>
            <ul class="agenda-list">{move || list.get().1.into_iter().map(|a| view! {
                <li><span class="agenda-date">{a.done_on.to_string()}</span> {customer_name(&app, &a.customer_id)} " " <span class="hint">{a.message.clone()}</span></li>
            }).collect_view()}</ul>
        </details>
    }
}
