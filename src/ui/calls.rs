//! 呼叫中心 (项目六): the call log (entered or imported from CSV), its metrics for a
//! period, per agent and per hour of the day, and the Erlang C staffing calculator.

use std::sync::Arc;

use chrono::{Datelike, Local, NaiveDate, Offset, TimeZone, Timelike, Utc};
use leptos::prelude::*;

use crate::analysis::calls::{by_agent, by_hour, metrics, CallMetrics};
use crate::analysis::erlang::{ErlangError, ErlangInputs};
use crate::i18n::Key;
use crate::i18n::Lang;
use crate::messages;
use crate::model::call::{Call, CallDirection};
use crate::model::{Choice, Record};
use crate::store::IdSet;
use crate::ui::components::table::{computed_rows, record_cell, Cell};
use crate::ui::components::{
    field_problem, Bar, BarChart, BulkBar, ChoiceField, Column, EmptyState, Rows, Submit, VirtualTable, Writes,
};
use crate::ui::context::{tx, use_app, AppCtx};
use crate::ui::format::{datetime_input, fixed, local_datetime, parse_datetime_input, percent1, today};
use crate::workbook::orders_csv::parse_number;

#[component]
fn CallTabs() -> impl IntoView {
    view! { <crate::ui::components::SectionTabs section=&SECTION/> }
}

fn seconds(v: Option<f64>) -> String {
    v.map_or_else(|| "—".to_owned(), |s| format!("{} s", fixed(s, 1)))
}

/// The live calls that started within the local days `from..=to`.
fn calls_between(app: &AppCtx, from: NaiveDate, to: NaiveDate) -> Vec<Call> {
    let start = Local.from_local_datetime(&from.and_hms_opt(0, 0, 0).unwrap_or_default()).earliest();
    let end = Local.from_local_datetime(&to.and_hms_opt(23, 59, 59).unwrap_or_default()).latest();
    let (Some(start), Some(end)) = (start, end) else { return Vec::new() };
    app.stores.calls.with(|t| t.live().filter(|c| c.started_at >= start && c.started_at <= end).cloned().collect())
}

/// `/calls`.
#[component]
pub fn CallCenterPage() -> impl IntoView {
    let app = use_app();
    let day = today();
    let from = RwSignal::new(day.with_day(1).unwrap_or(day).to_string());
    let to = RwSignal::new(day.to_string());
    let t_text = RwSignal::new("20".to_owned());
    // A T that is not a whole number of seconds is said, and the last good one kept.
    let t_valid = Memo::new(move |_| t_text.get().trim().parse::<u32>().ok().filter(|t| *t <= 3600));
    let last_t = StoredValue::new(20u32);
    let t_seconds = Memo::new(move |_| {
        let t = t_valid.get().unwrap_or_else(|| last_t.get_value());
        last_t.set_value(t);
        t
    });
    let calls = Memo::new(move |_| {
        let (Ok(f), Ok(t)) = (from.get().parse::<NaiveDate>(), to.get().parse::<NaiveDate>()) else {
            return Vec::new();
        };
        calls_between(&app, f, t)
    });
    let total = Memo::new(move |_| calls.with(|c| metrics(c, t_seconds.get())));
    let agents = Memo::new(move |_| calls.with(|c| by_agent(c, t_seconds.get())));
    let hours = Memo::new(move |_| calls.with(|c| by_hour(c, t_seconds.get(), |at| at.with_timezone(&Local).hour())));
    let hour_bars = Signal::derive(move || {
        hours.with(|h| {
            h.iter()
                .enumerate()
                .filter(|(_, m)| m.offered + m.outbound > 0)
                .map(|(hour, m)| Bar {
                    label: format!("{hour:02}:00"),
                    value: (m.offered + m.outbound) as f64,
                    text: format!("{} · {}", m.offered + m.outbound, percent1(m.service_level.share())),
                })
                .collect::<Vec<_>>()
        })
    });
    let card =
        move |label: Key, def: Key, value: Box<dyn Fn(&CallMetrics) -> String + Send + Sync>, id: &'static str| {
            view! {
                <div class="figure-card">
                    <span>{tx(label)}</span>
                    <strong data-testid=id>{move || total.with(|m| value(m))}</strong>
                    <small>{tx(def)}</small>
                </div>
            }
        };
    let rate = |r: crate::analysis::rate::Rate| format!("{} ({} / {})", percent1(r.share()), r.hit, r.of);
    view! {
        <section class="page">
            <CallTabs/>
            <h1>{tx(Key::NavCalls)}</h1>
            <crate::ui::components::HelpPanel text=Key::HelpCalls exercise="p6-t2"/>
            <div class="toolbar">
                <label class="inline"><span>{tx(Key::From)}</span><input type="date" prop:value=move || from.get() on:input=move |ev| from.set(event_target_value(&ev))/></label>
                <label class="inline"><span>{tx(Key::To)}</span><input type="date" prop:value=move || to.get() on:input=move |ev| to.set(event_target_value(&ev))/></label>
                <label class="inline"><span>{tx(Key::ServiceLevelT)}</span><input type="number" min="0" size="4" prop:value=move || t_text.get() on:input=move |ev| t_text.set(event_target_value(&ev))/></label>
                <span class="error" role="alert" hidden=move || t_valid.get().is_some()>{move || format!("{}: {}", app.t(Key::ServiceLevelT), messages::problem(app.lang.get(), &crate::model::Problem::OutOfRange { min: 0, max: 3600 }))}</span>
                <span>{tx(Key::CallsOffered)} ": " <strong data-testid="offered">{move || total.with(|m| m.offered)}</strong></span>
                <span>{tx(Key::CallsOutbound)} ": " <strong>{move || total.with(|m| m.outbound)}</strong></span>
            </div>
            <div class="figures">
                {card(Key::AnswerRate, Key::AnswerRateDefinition, Box::new(move |m| rate(m.answer_rate)), "answer-rate")}
                {card(Key::AbandonRate, Key::AbandonRateDefinition, Box::new(move |m| rate(m.abandon_rate)), "abandon-rate")}
                {card(Key::Asa, Key::AsaDefinition, Box::new(|m| seconds(m.asa_seconds)), "asa")}
                {card(Key::Aht, Key::AhtDefinition, Box::new(|m| seconds(m.aht_seconds)), "aht")}
                {card(Key::ServiceLevel, Key::ServiceLevelDefinition, Box::new(move |m| rate(m.service_level)), "service-level")}
                {card(Key::FirstContactResolution, Key::FcrDefinition, Box::new(move |m| rate(m.first_contact)), "fcr")}
            </div>
            <section class="card" aria-labelledby="hour-h">
                <h2 id="hour-h">{tx(Key::CallsByHour)}</h2>
                <p class="hint">{tx(Key::CallsByHourHint)}</p>
                {move || if hour_bars.with(Vec::is_empty) {
                    view! { <EmptyState message=Key::NoCalls/> }.into_any()
                } else {
                    view! { <BarChart title=Signal::derive(move || app.t(Key::CallsByHour).to_owned()) bars=hour_bars/> }.into_any()
                }}
            </section>
            <section class="card" aria-labelledby="agent-h">
                <h2 id="agent-h">{tx(Key::ByAgent)}</h2>
                <div class="table-wrap">
                    <table class="simple">
                        <thead><tr>
                            <th scope="col">{tx(Key::Agent)}</th>
                            <th scope="col">{tx(Key::CallsHandled)}</th>
                            <th scope="col">{tx(Key::Asa)}</th>
                            <th scope="col">{tx(Key::Aht)}</th>
                            <th scope="col">{tx(Key::ServiceLevel)}</th>
                            <th scope="col">{tx(Key::FirstContactResolution)}</th>
                        </tr></thead>
                        <tbody>{move || agents.get().into_iter().map(|(name, m)| view! {
                            <tr>
                                <th scope="row">{name}</th>
                                <td>{m.handled}</td>
                                <td>{seconds(m.asa_seconds)}</td>
                                <td>{seconds(m.aht_seconds)}</td>
                                <td>{percent1(m.service_level.share())}</td>
                                <td>{percent1(m.first_contact.share())}</td>
                            </tr>
                        }).collect_view()}</tbody>
                    </table>
                </div>
            </section>
            <div class="actions">
                <crate::ui::components::ExportCsv file_stem="calls" make=Callback::new(move |()| {
                    use crate::workbook::export_csv::{call_rows, to_csv, CALL_HEADER};
                    let who = |id: &str| crate::ui::customers::lookup_text(&app, id);
                    let offset = Local::now().offset().fix();
                    crate::ui::components::csv_ready(to_csv(&CALL_HEADER, calls.with_untracked(|c| call_rows(c, offset, who))))
                })/>
            </div>
            <NewCall/>
            <crate::ui::calls_import::CallsImport/>
            <CallList calls=calls/>
        </section>
    }
}

/// The calls of the period in a scrolling table (newest first, or as sorted), every
/// one of them however many: the selected ones go to the trash together, and a call's
/// customer opens with Enter.
#[component]
fn CallList(calls: Memo<Vec<Call>>) -> impl IntoView {
    let app = use_app();
    let sort = RwSignal::new(("time", false));
    let selection = RwSignal::new(IdSet::new());
    // The ids in order, once per change of the period or the sort.
    let rows = computed_rows(move || {
        let (key, ascending) = sort.get();
        calls.with(|list| {
            let mut order: Vec<&Call> = list.iter().collect();
            order.sort_by(|a, b| {
                let by = match key {
                    "queue" => a.queue_seconds.cmp(&b.queue_seconds),
                    "talk" => a.talk_seconds.cmp(&b.talk_seconds),
                    "agent" => a.agent.cmp(&b.agent),
                    _ => std::cmp::Ordering::Equal,
                };
                let by = by.then(a.started_at.cmp(&b.started_at));
                if ascending {
                    by
                } else {
                    by.reverse()
                }
            });
            Arc::new(order.into_iter().map(|c| c.id.clone()).collect::<Vec<_>>()) as Rows
        })
    });
    // Selected calls that left the period are not trashed unseen.
    Effect::new(move |_| {
        calls.track();
        if selection.with_untracked(IdSet::is_empty) {
            return;
        }
        let listed: std::collections::BTreeSet<String> =
            calls.with_untracked(|l| l.iter().map(|c| c.id.to_string()).collect());
        if selection.with_untracked(|s| s.iter().any(|id| !listed.contains(id.as_str()))) {
            selection.update(|s| s.retain(|id| listed.contains(id.as_str())));
        }
    });
    let cell = move |f: fn(&Call, Lang) -> Cell| record_cell(app.stores.calls, move |c| f(c, app.lang.get_untracked()));
    let columns = vec![
        Column {
            key: "time",
            header: Key::CallTime,
            width: "minmax(9rem, 1.2fr)",
            sortable: true,
            cell: cell(|c, _| Cell::text(local_datetime(c.started_at))),
        },
        Column {
            key: "direction",
            header: Key::Direction,
            width: "5rem",
            sortable: false,
            cell: cell(|c, lang| Cell::text(lang.t(c.direction.label()))),
        },
        Column {
            key: "queue",
            header: Key::QueueSeconds,
            width: "6rem",
            sortable: true,
            cell: cell(|c, _| Cell::text(c.queue_seconds.to_string())),
        },
        Column {
            key: "talk",
            header: Key::TalkSeconds,
            width: "6rem",
            sortable: true,
            cell: cell(|c, _| Cell::text(c.talk_seconds.to_string())),
        },
        Column {
            key: "agent",
            header: Key::Agent,
            width: "minmax(5rem, 1fr)",
            sortable: true,
            cell: cell(|c, _| Cell::text(c.agent.clone())),
        },
        Column {
            key: "outcome",
            header: Key::CallOutcome,
            width: "minmax(6rem, 1fr)",
            sortable: false,
            cell: cell(|c, lang| {
                Cell::text(lang.t(if c.abandoned {
                    Key::Abandoned
                } else if c.first_contact_resolved {
                    Key::ResolvedFirstContact
                } else {
                    Key::Answered
                }))
            }),
        },
    ];
    let row_name: Arc<dyn Fn(&str) -> String + Send + Sync> = Arc::new(move |id: &str| {
        let when = app.stores.calls.with_untracked(|t| t.get(id).map(|c| local_datetime(c.started_at)));
        format!("{} {}", app.t_now(Key::SelectRow), when.unwrap_or_default())
    });
    let navigate = leptos_router::hooks::use_navigate();
    let on_open = Callback::new(move |id: String| {
        let customer = app.stores.calls.with_untracked(|t| t.get(&id).map(|c| c.customer_id.to_string()));
        if let Some(customer) = customer.filter(|c| !c.is_empty()) {
            navigate(&format!("/customers/{customer}"), Default::default());
        }
    });
    let busy = RwSignal::new(false);
    view! {
        <section class="card call-log" aria-labelledby="call-list-h">
            <h2 id="call-list-h">{tx(Key::CallLog)} " (" {move || calls.with(Vec::len)} ")"</h2>
            {move || if calls.with(Vec::is_empty) { Some(view! { <EmptyState message=Key::NoCalls/> }) } else { None }}
            <BulkBar collection=app.stores.calls selection=selection busy=busy/>
            <div class="table-wrap" hidden=move || calls.with(Vec::is_empty)>
                <VirtualTable label=Key::CallLog columns=columns rows=rows sort=sort selection=selection on_open=on_open row_name=row_name/>
                <p class="hint">{tx(Key::ListKeyboardHint)}</p>
            </div>
        </section>
    }
}

/// Logs one call by hand.
#[component]
fn NewCall() -> impl IntoView {
    let app = use_app();
    let direction = RwSignal::new(CallDirection::Inbound);
    let at = RwSignal::new(datetime_input(Utc::now()));
    let queue = RwSignal::new("0".to_owned());
    let talk = RwSignal::new(String::new());
    let wrap = RwSignal::new("0".to_owned());
    let abandoned = RwSignal::new(false);
    let resolved = RwSignal::new(false);
    let agent = RwSignal::new(String::new());
    let note = RwSignal::new(String::new());
    let problem = RwSignal::new(None::<String>);
    // One write at a time; the call gets its id once per fill of the form.
    let submit = Submit::new();
    let save = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if submit.refuses() {
            return;
        }
        let lang = app.lang.get_untracked();
        let secs = |s: RwSignal<String>, label: Key| -> Result<u32, String> {
            let text = s.get_untracked();
            crate::workbook::calls_csv::parse_duration(&text)
                .ok_or_else(|| format!("{}: {}", lang.t(label), lang.t(Key::NotANumberShort)))
        };
        let parsed = (|| {
            let started_at = parse_datetime_input(&at.get_untracked())
                .ok_or_else(|| format!("{}: {}", lang.t(Key::CallTime), lang.t(Key::NotADateShort)))?;
            Ok::<_, String>((
                started_at,
                secs(queue, Key::QueueSeconds)?,
                secs(talk, Key::TalkSeconds)?,
                secs(wrap, Key::WrapSeconds)?,
            ))
        })();
        let (started_at, q, t, w) = match parsed {
            Ok(v) => v,
            Err(p) => {
                problem.set(Some(p));
                return;
            }
        };
        let now = Utc::now();
        let call = Call {
            sample: false,
            id: submit.record_id(),
            direction: direction.get_untracked(),
            started_at,
            queue_seconds: q,
            talk_seconds: t,
            wrap_seconds: w,
            abandoned: abandoned.get_untracked(),
            first_contact_resolved: resolved.get_untracked(),
            agent: agent.get_untracked().trim().to_owned(),
            customer_id: Default::default(),
            note: note.get_untracked().trim().to_owned(),
            created_at: now,
            updated_at: now,
            deleted_at: None,
        };
        if let Some(e) = call.validate().first() {
            let labels = [
                ("agent", Key::Agent),
                ("talk_seconds", Key::TalkSeconds),
                ("queue_seconds", Key::QueueSeconds),
                ("wrap_seconds", Key::WrapSeconds),
                ("first_contact_resolved", Key::ResolvedFirstContact),
                ("note", Key::FieldNote),
            ];
            problem.set(Some(field_problem(lang, e, &labels)));
            return;
        }
        problem.set(None);
        submit.run(async move {
            match app.stores.calls.put(call).await {
                Ok(()) => {
                    talk.set(String::new());
                    note.set(String::new());
                    abandoned.set(false);
                    resolved.set(false);
                    submit.fill_saved();
                    app.success(Key::Saved);
                }
                Err(e) => app.store_error(&e),
            }
        });
    };
    let text = move |label: Key, value: RwSignal<String>, mode: &'static str, size: &'static str| {
        view! {
            <label class="inline"><span>{tx(label)}</span><input type="text" inputmode=mode size=size prop:value=move || value.get() on:input=move |ev| value.set(event_target_value(&ev))/></label>
        }
    };
    view! {
        <form class="card" on:submit=save on:input=move |_| submit.edited() on:change=move |_| submit.edited() novalidate aria-label=move || app.t(Key::LogCall)>
            <Writes>
            <h2>{tx(Key::LogCall)}</h2>
            <div class="actions">
                <ChoiceField label=Key::Direction value=direction inline=true/>
                <label class="inline"><span>{tx(Key::CallTime)}</span><input type="datetime-local" prop:value=move || at.get() on:input=move |ev| at.set(event_target_value(&ev))/></label>
                {text(Key::QueueSeconds, queue, "numeric", "5")}
                {text(Key::TalkSeconds, talk, "numeric", "5")}
                {text(Key::WrapSeconds, wrap, "numeric", "5")}
                <label class="inline"><input type="checkbox" prop:checked=move || abandoned.get() on:change=move |ev| abandoned.set(event_target_checked(&ev))/><span>{tx(Key::Abandoned)}</span></label>
                <label class="inline"><input type="checkbox" prop:checked=move || resolved.get() on:change=move |ev| resolved.set(event_target_checked(&ev))/><span>{tx(Key::ResolvedFirstContact)}</span></label>
                {text(Key::Agent, agent, "text", "8")}
                {text(Key::FieldNote, note, "text", "16")}
                <button type="submit" class="btn primary" aria-disabled=move || submit.busy().to_string()>
                    {move || app.t(if submit.busy() { Key::Saving } else { Key::Save })}
                </button>
            </div>
            <p class="hint">{tx(Key::DurationHint)}</p>
            <p class="error" role="alert" hidden=move || problem.with(Option::is_none)>{move || problem.get().unwrap_or_default()}</p>
            </Writes>
        </form>
    }
}

/// `/calls/staffing`: the Erlang C calculator.
#[component]
pub fn StaffingPage() -> impl IntoView {
    let app = use_app();
    let calls = RwSignal::new("200".to_owned());
    let aht = RwSignal::new("180".to_owned());
    let level = RwSignal::new("80".to_owned());
    let t = RwSignal::new("20".to_owned());
    let on_duty = RwSignal::new(String::new());
    let result = Memo::new(move |_| {
        let num = |s: RwSignal<String>| parse_number(&s.get()).unwrap_or(f64::NAN);
        let inputs = ErlangInputs {
            calls_per_hour: num(calls),
            aht_seconds: num(aht),
            target_level: num(level) / 100.0,
            target_seconds: num(t),
        };
        let need = inputs.agents_needed()?;
        let mut rows: Vec<_> = (0..3).filter_map(|k| inputs.staffing(need.agents + k).ok()).collect();
        // The agents on duty, if given: how they would do, or why they cannot (said
        // beside the agents needed, not instead of them).
        let mut duty_problem = None;
        if let Ok(n) = on_duty.get().trim().parse::<u32>() {
            match inputs.staffing(n) {
                Ok(have) if !rows.iter().any(|r| r.agents == n) => {
                    rows.push(have);
                    rows.sort_by_key(|r| r.agents);
                }
                Ok(_) => {}
                Err(e) => duty_problem = Some(e),
            }
        }
        Ok::<_, ErlangError>((inputs.traffic(), need.agents, rows, duty_problem))
    });
    let field = move |label: Key, value: RwSignal<String>| {
        view! {
            <label class="inline"><span>{tx(label)}</span><input type="text" inputmode="decimal" size="6" prop:value=move || value.get() on:input=move |ev| value.set(event_target_value(&ev))/></label>
        }
    };
    view! {
        <section class="page">
            <CallTabs/>
            <h1>{tx(Key::Staffing)}</h1>
            <crate::ui::components::HelpPanel text=Key::HelpCalls exercise="p6-t2"/>
            <p class="hint">{tx(Key::StaffingHint)}</p>
            <crate::ui::components::HowComputed lines=&[Key::ErlangTraffic, Key::ErlangWait, Key::ErlangLevel, Key::ErlangAsa, Key::ErlangOccupancy, Key::ErlangNeeded]/>
            <div class="actions">
                {field(Key::CallsPerHour, calls)}
                {field(Key::AhtSeconds, aht)}
                {field(Key::TargetLevelPercent, level)}
                {field(Key::ServiceLevelT, t)}
                {field(Key::AgentsOnDuty, on_duty)}
            </div>
            {move || match result.get() {
                Err(e) => view! { <p class="error" role="alert">{messages::erlang_error(app.lang.get(), e)}</p> }.into_any(),
                Ok((traffic, need, rows, duty_problem)) => {
                    view! {
                        {duty_problem.map(|e| view! { <p class="error" role="alert">{messages::erlang_error(app.lang.get(), e)}</p> })}
                        <p class="figures-line">
                            {tx(Key::TrafficErlangs)} ": " <strong>{fixed(traffic, 2)}</strong> " · "
                            {tx(Key::AgentsNeeded)} ": " <strong data-testid="agents-needed">{need}</strong>
                        </p>
                        <div class="table-wrap">
                            <table class="simple">
                                <caption>{tx(Key::StaffingTable)}</caption>
                                <thead><tr>
                                    <th scope="col">{tx(Key::Agents)}</th>
                                    <th scope="col">{tx(Key::ServiceLevel)}</th>
                                    <th scope="col">{tx(Key::WaitProbability)}</th>
                                    <th scope="col">{tx(Key::Asa)}</th>
                                    <th scope="col">{tx(Key::Occupancy)}</th>
                                </tr></thead>
                                <tbody>{rows.into_iter().map(|s| view! {
                                    <tr class:highlight=s.agents == need>
                                        <th scope="row">{s.agents}</th>
                                        <td>{percent1(Some(s.service_level))}</td>
                                        <td>{percent1(Some(s.wait_probability))}</td>
                                        <td>{format!("{} s", fixed(s.asa_seconds, 1))}</td>
                                        <td>{percent1(Some(s.occupancy))}</td>
                                    </tr>
                                }).collect_view()}</tbody>
                            </table>
                        </div>
                    }.into_any()
                }
            }}
        </section>
    }
}

/// This module's part of the app: its sidebar link and its tabs.
pub const SECTION: crate::ui::components::Section = crate::ui::components::Section {
    name: Key::NavCalls,
    home: "/calls",
    tabs_label: Key::NavCalls,
    tabs: &[("/calls", Key::CallLog), ("/calls/staffing", Key::Staffing)],
    also: &[],
};

page_routes! {
    chunk calls {
        "/calls" => CallCenterPage,
        "/calls/staffing" => StaffingPage,
    }
}
