//! 礼仪自查: self-check lists (the textbook's table 1-3 and a professionalism list)
//! a learner scores 1–5 per item; each check is kept with its date, and a chart shows
//! the score over time per list.

use std::collections::BTreeMap;

use chrono::Utc;
use leptos::prelude::*;

use super::ServiceTabs;
use crate::i18n::{Key, Lang};
use crate::messages;
use crate::model::etiquette::{CheckItem, CheckTemplate, SelfCheck, CHECK_TEMPLATES, MAX_ITEM_SCORE};
use crate::model::{new_id, Problem, Record};
use crate::ui::components::{EmptyState, LineChart, Point, TextField, Writes};
use crate::ui::context::{tx, use_app};
use crate::ui::format::{fixed, today};

/// `/self-checks`.
#[component]
pub fn SelfChecksPage() -> impl IntoView {
    let app = use_app();
    let taking = RwSignal::new(None::<usize>);
    view! {
        <section class="page">
            <ServiceTabs/>
            <h1>{tx(Key::NavSelfChecks)}</h1>
            <p class="hint">{tx(Key::SelfCheckIntro)}</p>
            <div class="actions"><Writes>
                {CHECK_TEMPLATES.iter().enumerate().map(|(i, tpl)| view! {
                    <button type="button" class="btn btn-primary" on:click=move |_| taking.set(Some(i))>
                        {tx(Key::TakeCheck)} ": " {move || if app.lang.get() == Lang::Zh { tpl.name.0 } else { tpl.name.1 }}
                    </button>
                }).collect_view()}
            </Writes></div>
            {move || taking.get().map(|i| view! { <CheckForm template=CHECK_TEMPLATES[i] taking=taking/> })}
            <History/>
        </section>
    }
}

#[component]
fn CheckForm(template: &'static CheckTemplate, taking: RwSignal<Option<usize>>) -> impl IntoView {
    let app = use_app();
    let lang = app.lang.get_untracked();
    let pick =
        |pair: (&'static str, &'static str), en: (&'static str, &'static str)| if lang == Lang::Zh { pair } else { en };
    let items: Vec<(&'static str, &'static str)> = template.items.iter().map(|(zh, en)| pick(*zh, *en)).collect();
    let list = if lang == Lang::Zh { template.name.0 } else { template.name.1 };
    let scores = RwSignal::new(vec![0u8; items.len()]);
    let person = RwSignal::new(String::new());
    let date = RwSignal::new(today().to_string());
    let note = RwSignal::new(String::new());
    let problem = RwSignal::new(None::<String>);
    let items = StoredValue::new(items);
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let lang = app.lang.get_untracked();
        let Ok(taken_on) = date.get_untracked().parse() else {
            problem.set(Some(format!("{}: {}", lang.t(Key::FieldDate), messages::problem(lang, &Problem::Required))));
            return;
        };
        let now = Utc::now();
        let check = SelfCheck {
            sample: false,
            id: new_id(),
            list: list.to_owned(),
            person: person.get_untracked().trim().to_owned(),
            taken_on,
            items: items.with_value(|it| {
                it.iter()
                    .zip(scores.get_untracked())
                    .map(|((q, p), score)| CheckItem { question: (*q).to_owned(), practice: (*p).to_owned(), score })
                    .collect()
            }),
            note: note.get_untracked().trim().to_owned(),
            created_at: now,
            updated_at: now,
            deleted_at: None,
        };
        if let Some(e) = check.validate().first() {
            // An unscored item is the usual case: name it by its number.
            let which =
                e.field.strip_prefix("items[").and_then(|r| r.split(']').next()).and_then(|n| n.parse::<usize>().ok());
            let text = match which {
                Some(n) => format!("{} {}: {}", lang.t(Key::Item), n + 1, messages::problem(lang, &e.problem)),
                None => messages::problem(lang, &e.problem),
            };
            problem.set(Some(text.clone()));
            app.error_text(text);
            return;
        }
        leptos::task::spawn_local(async move {
            match app.stores.self_checks.put(check).await {
                Ok(()) => {
                    app.success(Key::Saved);
                    taking.set(None);
                }
                Err(e) => app.store_error(&e),
            }
        });
    };
    let total = move || {
        let s = scores.get();
        let sum: u32 = s.iter().map(|&v| u32::from(v)).sum();
        format!("{sum} / {}", s.len() as u32 * u32::from(MAX_ITEM_SCORE))
    };
    view! {
        <form class="card form" on:submit=on_submit novalidate aria-label=list>
            <Writes>
            <h2>{list}</h2>
            <div class="grid2">
                <TextField label=Key::Person value=person/>
                <TextField label=Key::FieldDate value=date input_type="date"/>
            </div>
            <table class="simple">
                <thead><tr>
                    <th scope="col">{tx(Key::Question)}</th>
                    <th scope="col">{tx(Key::Practice)}</th>
                    <th scope="col">{tx(Key::FieldScore)}</th>
                </tr></thead>
                <tbody>
                    {items.get_value().into_iter().enumerate().map(|(i, (q, p))| view! {
                        <tr>
                            <td>{q}</td>
                            <td class="hint">{p}</td>
                            <td>
                                <fieldset class="scores">
                                    <legend class="visually-hidden">{q}</legend>
                                    {(1..=MAX_ITEM_SCORE).map(|v| view! {
                                        <label class="inline">
                                            <input type="radio" name=format!("item-{i}") value=v.to_string() prop:checked=move || scores.with(|s| s[i] == v) on:change=move |_| scores.update(|s| s[i] = v)/>
                                            <span>{v}</span>
                                        </label>
                                    }).collect_view()}
                                </fieldset>
                            </td>
                        </tr>
                    }).collect_view()}
                </tbody>
            </table>
            <p><strong>{tx(Key::Total)} ": " {total}</strong></p>
            <TextField label=Key::FieldNote value=note multiline=true/>
            <p class="error" role="alert" hidden=move || problem.with(Option::is_none)>{move || problem.get().unwrap_or_default()}</p>
            <div class="actions">
                <button type="submit" class="btn btn-primary">{tx(Key::Save)}</button>
                <button type="button" class="btn" on:click=move |_| taking.set(None)>{tx(Key::Cancel)}</button>
            </div>
            </Writes>
        </form>
    }
}

/// Every check taken, grouped by list, with the score over time.
#[component]
fn History() -> impl IntoView {
    let app = use_app();
    let groups = Memo::new(move |_| {
        app.stores.self_checks.with(|t| {
            let mut by_list: BTreeMap<String, Vec<SelfCheck>> = BTreeMap::new();
            for c in t.live() {
                by_list.entry(c.list.clone()).or_default().push(c.clone());
            }
            for v in by_list.values_mut() {
                v.sort_by(|a, b| a.taken_on.cmp(&b.taken_on).then(a.created_at.cmp(&b.created_at)));
            }
            by_list
        })
    });
    let remove = move |id: String| {
        leptos::task::spawn_local(async move {
            match app.stores.self_checks.trash(&[id]).await {
                Ok(()) => app.success(Key::MovedToTrash),
                Err(e) => app.store_error(&e),
            }
        });
    };
    move || {
        let g = groups.get();
        if g.is_empty() {
            return view! { <EmptyState message=Key::NoSelfChecks/> }.into_any();
        }
        g.into_iter()
            .map(|(list, checks)| {
                let points: Vec<Point> = checks
                    .iter()
                    .map(|c| Point { label: c.taken_on.format_short(), value: c.percent().unwrap_or(0.0) })
                    .collect();
                let change = match checks.as_slice() {
                    [.., a, b] => Some(b.percent().unwrap_or(0.0) - a.percent().unwrap_or(0.0)),
                    _ => None,
                };
                let title = list.clone();
                view! {
                    <section class="card">
                        <h2>{list.clone()}</h2>
                        {change.map(|d| view! { <p class="stats">{tx(Key::SinceLast)} ": " {if d >= 0.0 { "+" } else { "" }} {fixed(d, 1)} " %"</p> })}
                        <LineChart title=title points=points max=100.0/>
                        <table class="simple">
                            <thead><tr>
                                <th scope="col">{tx(Key::FieldDate)}</th>
                                <th scope="col">{tx(Key::Person)}</th>
                                <th scope="col">{tx(Key::Score)}</th>
                                <th scope="col">{tx(Key::FieldNote)}</th>
                                <th scope="col"><span class="visually-hidden">{tx(Key::Delete)}</span></th>
                            </tr></thead>
                            <tbody>
                                {checks.into_iter().rev().map(|c| {
                                    let id = c.id.clone();
                                    view! {
                                        <tr>
                                            <td>{c.taken_on.to_string()}</td>
                                            <td>{c.person.clone()}</td>
                                            <td>{c.percent().map(|p| format!("{}%", fixed(p, 0))).unwrap_or_default()}</td>
                                            <td>{c.note.clone()}</td>
                                            <td><Writes><button type="button" class="btn" on:click=move |_| remove(id.to_string())>{tx(Key::Delete)}</button></Writes></td>
                                        </tr>
                                    }
                                }).collect_view()}
                            </tbody>
                        </table>
                    </section>
                }
            })
            .collect_view()
            .into_any()
    }
}

/// `MM-DD` of a date, short enough for a chart's axis.
trait ShortDate {
    fn format_short(&self) -> String;
}

impl ShortDate for chrono::NaiveDate {
    fn format_short(&self) -> String {
        use chrono::Datelike;
        format!("{:02}-{:02}", self.month(), self.day())
    }
}
