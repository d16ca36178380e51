//! 开发潜在客户: the prospect pipeline as a kanban board (drag a card, or move it with
//! the keyboard) and as a table, the conversion funnel, win rate and value by lead
//! source, and the stages themselves (rename, add, reorder, remove when unused).

use chrono::{NaiveDate, Utc};
use leptos::prelude::*;

use super::SalesTabs;
use crate::analysis::pipeline::{by_source, funnel};
use crate::i18n::{Key, Lang};
use crate::messages;
use crate::model::customer::SOURCE_SUGGESTIONS;
use crate::model::pipeline::{Opportunity, PipelineStage, StageStep, DEFAULT_STAGES};
use crate::model::{new_id, FieldError, Problem, Record};
use crate::ui::components::{
    error_for, read_only, Bar, BarChart, CustomerPicker, EmptyState, FormSave, NewLink, RecordEdit, ShowMore, Shown,
    TextField, Writes,
};
use crate::ui::context::{tx, use_app, AppCtx};
use crate::ui::format::{fixed, percent1, yuan};
use crate::ui::kept::kept;
use crate::ui::service::{customer_name, query_param};
use crate::workbook::orders_csv::parse_number;

/// The live stages in order.
fn stages(app: &AppCtx) -> Vec<PipelineStage> {
    app.stores.pipeline_stages.with(|t| {
        let mut v: Vec<PipelineStage> = t.live().cloned().collect();
        v.sort_by_key(|s| s.position);
        v
    })
}

/// Creates the default stages (in the current language) when there are none.
fn ensure_stages(app: AppCtx) {
    // A student's book under review is shown as it is (its pages say it has no stages).
    if app.stores.db.is_read_only() || !app.stores.pipeline_stages.with_untracked(|t| t.live().next().is_none()) {
        return;
    }
    let now = Utc::now();
    let zh = app.lang.get_untracked() == Lang::Zh;
    let list: Vec<PipelineStage> = DEFAULT_STAGES
        .iter()
        .enumerate()
        .map(|(i, (id, name_zh, name_en, won))| PipelineStage {
            sample: false,
            id: (*id).into(),
            name: (if zh { *name_zh } else { *name_en }).to_owned(),
            position: i as u32,
            won: *won,
            created_at: now,
            updated_at: now,
            deleted_at: None,
        })
        .collect();
    leptos::task::spawn_local(async move {
        if let Err(e) = app.stores.pipeline_stages.put_many(list).await {
            app.store_error(&e);
        }
    });
}

/// Saves `o` moved to `stage_id`.
fn move_card(app: AppCtx, id: String, stage_id: String) {
    let Some(mut o) = app.stores.opportunities.with_untracked(|t| t.get(&id).cloned()) else { return };
    if o.stage_id == stage_id {
        return;
    }
    let now = Utc::now();
    o.move_to(&stage_id, now);
    o.updated_at = now.max(o.created_at);
    leptos::task::spawn_local(async move {
        match app.stores.opportunities.put(o).await {
            Ok(()) => app.success(Key::Moved),
            Err(e) => app.store_error(&e),
        }
    });
}

/// `/pipeline`.
#[component]
pub fn PipelinePage() -> impl IntoView {
    let app = use_app();
    ensure_stages(app);
    let board = RwSignal::new(true);
    let all_stages = Memo::new(move |_| stages(&app));
    // Kept across visits (see `crate::ui::kept`).
    let open = kept(|app| {
        app.stores.opportunities.with(|t| {
            let mut v: Vec<Opportunity> = t.live().cloned().collect();
            v.sort_by(|a, b| b.value.total_cmp(&a.value));
            v
        })
    });
    let funnel_bars = Signal::derive(move || {
        let st = all_stages.get();
        let f = open.with(|ops| funnel(&st, &ops.iter().collect::<Vec<_>>()));
        let first = f.first().map_or(0, |x| x.1).max(1);
        f.into_iter()
            .map(|(name, n)| Bar {
                label: name,
                value: n as f64,
                text: format!("{n} ({})", percent1(Some(n as f64 / first as f64))),
            })
            .collect::<Vec<_>>()
    });
    let sources = Memo::new(move |_| {
        let st = all_stages.get();
        open.with(|ops| by_source(&st, &ops.iter().collect::<Vec<_>>()))
    });
    view! {
        <section class="page">
            <SalesTabs/>
            <div class="page-head">
                <h1>{tx(Key::NavPipeline)}</h1>
                <div class="actions">
                    <button type="button" class="btn" aria-pressed=move || (!board.get()).to_string() on:click=move |_| board.update(|b| *b = !*b)>
                        {move || app.t(if board.get() { Key::TableView } else { Key::BoardView })}
                    </button>
                    <NewLink href="/pipeline/new" label=Key::NewOpportunity/>
                </div>
            </div>
            <crate::ui::components::HelpPanel text=Key::HelpPipeline exercise="p3-t1"/>
            {move || if open.with(Vec::is_empty) {
                view! { <EmptyState message=Key::NoOpportunities/> }.into_any()
            } else if board.get() {
                view! { <Board stages=all_stages opportunities=open/> }.into_any()
            } else {
                view! { <OpportunityTable stages=all_stages opportunities=open/> }.into_any()
            }}
            <section class="card" aria-labelledby="funnel-h">
                <h2 id="funnel-h">{tx(Key::Funnel)}</h2>
                <p class="hint">{tx(Key::FunnelHint)}</p>
                <BarChart title=Signal::derive(move || app.t(Key::Funnel).to_owned()) bars=funnel_bars/>
            </section>
            <section class="card" aria-labelledby="source-h">
                <h2 id="source-h">{tx(Key::BySource)}</h2>
                <table class="simple">
                    <thead><tr>
                        <th scope="col">{tx(Key::FieldSource)}</th>
                        <th scope="col">{tx(Key::Opportunities)}</th>
                        <th scope="col">{tx(Key::WinRate)}</th>
                        <th scope="col">{tx(Key::WonValue)}</th>
                        <th scope="col">{tx(Key::OpenValue)}</th>
                    </tr></thead>
                    <tbody>
                        {move || sources.get().into_iter().map(|r| view! {
                            <tr>
                                <td>{if r.source.is_empty() { "—".to_owned() } else { r.source.clone() }}</td>
                                <td>{r.count}</td>
                                <td>{percent1(r.win_rate.share())} " (" {r.win_rate.hit} "/" {r.win_rate.of} ")"</td>
                                <td>{yuan(r.won_value)}</td>
                                <td>{yuan(r.open_value)}</td>
                            </tr>
                        }).collect_view()}
                    </tbody>
                </table>
                <p class="hint">{tx(Key::WinRateDefinition)}</p>
            </section>
            <StageEditor stages=all_stages/>
        </section>
    }
}

/// Cards drawn per stage; the stage's count and total still cover all of its
/// opportunities (a big book has tens of thousands).
const COLUMN_CARDS: usize = 30;

/// Lost opportunities listed at first, and added by each "show more".
const LOST_PER_PAGE: usize = 50;

/// Opportunities in the table view at first, and added by each "show more".
const TABLE_ROWS_PER_PAGE: usize = 100;

#[component]
fn Board(stages: Memo<Vec<PipelineStage>>, opportunities: Memo<Vec<Opportunity>>) -> impl IntoView {
    let app = use_app();
    let over = RwSignal::new(None::<String>);
    // A read-only book's cards are not dragged: a drop would be refused.
    let draggable = if read_only() { "false" } else { "true" };
    let lost_shown = Shown::new(LOST_PER_PAGE);
    move || {
        let st = stages.get();
        let n = st.len();
        let columns = st.iter().enumerate().map(|(i, s)| {
            let sid = s.id.to_string();
            // The count and total cover the stage; only the first cards are copied out.
            let (count, total, cards) = opportunities.with(|ops| {
                let (mut count, mut total, mut cards) = (0usize, 0.0, Vec::new());
                for o in ops.iter().filter(|o| !o.lost && o.stage_id == s.id) {
                    count += 1;
                    total += o.value;
                    if cards.len() < COLUMN_CARDS {
                        cards.push(o.clone());
                    }
                }
                (count, total, cards)
            });
            let hidden = count - cards.len();
            let prev = (i > 0).then(|| st[i - 1].id.to_string());
            let next = (i + 1 < n).then(|| st[i + 1].id.to_string());
            let (prev_name, next_name) = (i.checked_sub(1).map(|j| st[j].name.clone()), st.get(i + 1).map(|x| x.name.clone()));
            let (drop_id, over_id, leave_id) = (sid.clone(), sid.clone(), sid.clone());
            let heading = crate::ui::components::next_id("col");
            let labelled = heading.clone();
            view! {
                <section
                    class="kanban-col"
                    class:drop-over=move || over.get().as_deref() == Some(over_id.as_str())
                    aria-labelledby=labelled
                    data-stage=sid.clone()
                    on:dragover=move |ev: web_sys::DragEvent| {
                        ev.prevent_default();
                        over.set(Some(leave_id.clone()));
                    }
                    on:dragleave=move |_| over.set(None)
                    on:drop=move |ev: web_sys::DragEvent| {
                        ev.prevent_default();
                        over.set(None);
                        if let Some(id) = ev.data_transfer().and_then(|d| d.get_data("text/plain").ok()) {
                            move_card(app, id, drop_id.clone());
                        }
                    }
                >
                    <h2 id=heading>{s.name.clone()} " (" {count} ")"</h2>
                    <p class="hint">{yuan(total)}</p>
                    <ul class="cards">
                        {cards.into_iter().take(COLUMN_CARDS).map(|o| {
                            let id = o.id.clone();
                            let (left_id, right_id) = (o.id.to_string(), o.id.to_string());
                            let (prev, next) = (prev.clone(), next.clone());
                            let lang = app.lang.get_untracked();
                            let left_label = prev_name.clone().map(|p| format!("{} {}: {p}", o.title, lang.t(Key::MoveTo)));
                            let right_label = next_name.clone().map(|p| format!("{} {}: {p}", o.title, lang.t(Key::MoveTo)));
                            view! {
                                <li class="kanban-card" draggable=draggable on:dragstart=move |ev: web_sys::DragEvent| {
                                    if let Some(d) = ev.data_transfer() {
                                        let _ = d.set_data("text/plain", &id);
                                    }
                                }>
                                    <a href=format!("/pipeline/{}", o.id)>{o.title.clone()}</a>
                                    <div class="hint">{customer_name(&app, &o.customer_id)} " · " {yuan(o.value)}</div>
                                    <div class="hint">{o.next_step.clone()}</div>
                                    <div class="actions"><Writes>
                                        {prev.map(|p| view! { <button type="button" class="btn btn-small" aria-label=left_label.clone() on:click=move |_| move_card(app, left_id.clone(), p.clone())>"←"</button> })}
                                        {next.map(|p| view! { <button type="button" class="btn btn-small" aria-label=right_label.clone() on:click=move |_| move_card(app, right_id.clone(), p.clone())>"→"</button> })}
                                    </Writes></div>
                                </li>
                            }
                        }).collect_view()}
                    </ul>
                    {(hidden > 0).then(|| view! { <p class="hint">{messages::and_more(app.lang.get_untracked(), hidden)}</p> })}
                </section>
            }
        }).collect_view();
        let lost = opportunities.with(|ops| ops.iter().filter(|o| o.lost).count());
        view! {
            <div class="kanban" role="group" aria-label=move || app.t(Key::BoardView)>{columns}</div>
            <p class="hint">{tx(Key::BoardHint)}</p>
            {(lost > 0).then(|| view! {
                <details class="card">
                    <summary>{tx(Key::Lost)} " (" {lost} ")"</summary>
                    <ul>{move || opportunities.with(|ops| ops.iter().filter(|o| o.lost).take(lost_shown.get()).map(|o| view! { <li><a href=format!("/pipeline/{}", o.id)>{o.title.clone()}</a> " — " {o.lost_reason.clone()}</li> }).collect_view())}</ul>
                    <ShowMore shown=lost_shown total=lost/>
                </details>
            })}
        }
    }
}

#[component]
fn OpportunityTable(stages: Memo<Vec<PipelineStage>>, opportunities: Memo<Vec<Opportunity>>) -> impl IntoView {
    let app = use_app();
    let shown = Shown::new(TABLE_ROWS_PER_PAGE);
    let table = move || {
        let st = stages.get();
        let name_of = |id: &str| st.iter().find(|s| s.id == id).map(|s| s.name.clone()).unwrap_or_default();
        view! {
            <table class="simple">
                <thead><tr>
                    <th scope="col">{tx(Key::FieldTitleTicket)}</th>
                    <th scope="col">{tx(Key::Customer)}</th>
                    <th scope="col">{tx(Key::Stage)}</th>
                    <th scope="col">{tx(Key::ExpectedValue)}</th>
                    <th scope="col">{tx(Key::CloseDate)}</th>
                    <th scope="col">{tx(Key::OpportunityOwner)}</th>
                    <th scope="col">{tx(Key::NextStep)}</th>
                </tr></thead>
                <tbody>
                    {opportunities.with(|ops| ops.iter().take(shown.get()).map(|o| view! {
                        <tr>
                            <td><a href=format!("/pipeline/{}", o.id)>{o.title.clone()}</a></td>
                            <td>{customer_name(&app, &o.customer_id)}</td>
                            <td>{if o.lost { app.t_now(Key::Lost).to_owned() } else { name_of(&o.stage_id) }}</td>
                            <td>{yuan(o.value)}</td>
                            <td>{o.close_date.map(|d| d.to_string()).unwrap_or_default()}</td>
                            <td>{o.owner.clone()}</td>
                            <td>{o.next_step.clone()}</td>
                        </tr>
                    }).collect_view())}
                </tbody>
            </table>
        }
    };
    // Outside the table's redraw, so the button keeps the focus.
    view! {
        {table}
        <ShowMore shown=shown total=Signal::derive(move || opportunities.with(Vec::len))/>
    }
}

/// Renaming, adding, reordering and removing stages.
#[component]
fn StageEditor(stages: Memo<Vec<PipelineStage>>) -> impl IntoView {
    let app = use_app();
    let new_name = RwSignal::new(String::new());
    let save = move |s: PipelineStage| {
        leptos::task::spawn_local(async move {
            match app.stores.pipeline_stages.put(s).await {
                Ok(()) => app.success(Key::Saved),
                Err(e) => app.store_error(&e),
            }
        });
    };
    let add = move |_| {
        let name = new_name.get_untracked().trim().to_owned();
        if name.is_empty() {
            app.problem(None, &Problem::Required);
            return;
        }
        // A new stage goes just before the won stage.
        let list = stages.get_untracked();
        let now = Utc::now();
        let won_at = list.iter().position(|s| s.won).unwrap_or(list.len());
        let mut changed: Vec<PipelineStage> = Vec::new();
        for (i, s) in list.iter().enumerate() {
            let want = if i < won_at { i } else { i + 1 } as u32;
            if s.position != want {
                let mut s = s.clone();
                s.position = want;
                s.updated_at = now;
                changed.push(s);
            }
        }
        changed.push(PipelineStage {
            sample: false,
            id: new_id(),
            name,
            position: won_at as u32,
            won: false,
            created_at: now,
            updated_at: now,
            deleted_at: None,
        });
        new_name.set(String::new());
        leptos::task::spawn_local(async move {
            match app.stores.pipeline_stages.put_many(changed).await {
                Ok(()) => app.success(Key::Saved),
                Err(e) => app.store_error(&e),
            }
        });
    };
    // Stages move one place at a time; the won stage stays last, so the funnel ends there.
    let shift = move |id: String, step: i64| {
        let mut list = stages.get_untracked();
        let Some(i) = list.iter().position(|s| s.id == id) else { return };
        let j = i as i64 + step;
        if j < 0 || j as usize >= list.len() || list[i].won || list[j as usize].won {
            app.error(Key::WonStaysLast);
            return;
        }
        list.swap(i, j as usize);
        let now = Utc::now();
        let changed: Vec<PipelineStage> = list
            .into_iter()
            .enumerate()
            .filter(|(k, s)| s.position != *k as u32)
            .map(|(k, mut s)| {
                s.position = k as u32;
                s.updated_at = now.max(s.created_at);
                s
            })
            .collect();
        leptos::task::spawn_local(async move {
            match app.stores.pipeline_stages.put_many(changed).await {
                Ok(()) => app.success(Key::Saved),
                Err(e) => app.store_error(&e),
            }
        });
    };
    let remove = move |s: PipelineStage| {
        let used = app
            .stores
            .opportunities
            .with_untracked(|t| t.iter().any(|o| o.stage_id == s.id || o.history.iter().any(|h| h.stage_id == s.id)));
        if used || s.won {
            app.error(Key::StageInUse);
            return;
        }
        leptos::task::spawn_local(async move {
            match app.stores.pipeline_stages.delete_forever(std::slice::from_ref(&s.id)).await {
                Ok(()) => app.success(Key::DeletedForever),
                Err(e) => app.store_error(&e),
            }
        });
    };
    view! {
        <details class="card">
            <summary>{tx(Key::Stages)}</summary>
            <Writes><ol>
                {move || stages.get().into_iter().map(|s| {
                    let name = RwSignal::new(s.name.clone());
                    let (keep, drop) = (s.clone(), s.clone());
                    let (up, down) = (s.id.clone(), s.id.clone());
                    let lang = app.lang.get_untracked();
                    let (up_label, down_label) = (format!("{} {}", lang.t(Key::MoveUp), s.name), format!("{} {}", lang.t(Key::MoveDown), s.name));
                    let label = format!("{} {}", app.t_now(Key::StageName), s.position + 1);
                    view! {
                        <li class="actions">
                            <input type="text" aria-label=label prop:value=move || name.get() on:input=move |ev| name.set(event_target_value(&ev))/>
                            {s.won.then(|| view! { <span class="badge">{tx(Key::WonStage)}</span> })}
                            <button type="button" class="btn" on:click=move |_| {
                                let n = name.get_untracked().trim().to_owned();
                                if !n.is_empty() {
                                    let mut k = keep.clone();
                                    k.name = n;
                                    k.updated_at = Utc::now().max(k.created_at);
                                    save(k);
                                }
                            }>{tx(Key::Rename)}</button>
                            <button type="button" class="btn" aria-label=up_label on:click=move |_| shift(up.to_string(), -1)>"↑"</button>
                            <button type="button" class="btn" aria-label=down_label on:click=move |_| shift(down.to_string(), 1)>"↓"</button>
                            <button type="button" class="btn" on:click=move |_| remove(drop.clone())>{tx(Key::Delete)}</button>
                        </li>
                    }
                }).collect_view()}
            </ol></Writes>
            <div class="actions"><Writes>
                <label class="inline"><span>{tx(Key::NewStage)}</span><input type="text" prop:value=move || new_name.get() on:input=move |ev| new_name.set(event_target_value(&ev))/></label>
                <button type="button" class="btn" on:click=add>{tx(Key::AddStage)}</button>
            </Writes></div>
            <p class="hint">{tx(Key::StagesHint)}</p>
        </details>
    }
}

/// `/pipeline/new` (`?customer=…` presets it).
#[component]
pub fn OpportunityNew() -> impl IntoView {
    let app = use_app();
    ensure_stages(app);
    let now = Utc::now();
    let customer_id = query_param("customer");
    let source =
        app.stores.customers.with_untracked(|t| t.get(&customer_id).map(|c| c.source.clone())).unwrap_or_default();
    let first = stages(&app).first().map_or_else(|| DEFAULT_STAGES[0].0.to_owned(), |s| s.id.to_string());
    let o = Opportunity {
        sample: false,
        id: new_id(),
        customer_id: customer_id.into(),
        title: String::new(),
        source: source.to_string(),
        value: 0.0,
        close_date: None,
        owner: String::new(),
        next_step: String::new(),
        stage_id: first.clone().into(),
        lost: false,
        lost_reason: String::new(),
        history: vec![StageStep { stage_id: first.into(), at: now }],
        created_at: now,
        updated_at: now,
        deleted_at: None,
    };
    view! { <OpportunityForm opportunity=o is_new=true/> }
}

/// `/pipeline/:id`.
#[component]
pub fn OpportunityEdit() -> impl IntoView {
    let app = use_app();
    view! { <RecordEdit collection=app.stores.opportunities form=|o: Opportunity| view! { <OpportunityForm opportunity=o is_new=false/> }/> }
}

#[component]
fn OpportunityForm(opportunity: Opportunity, is_new: bool) -> impl IntoView {
    let app = use_app();
    let s = |v: &str| RwSignal::new(v.to_owned());
    let customer = s(&opportunity.customer_id);
    let title = s(&opportunity.title);
    let source = s(&opportunity.source);
    let value = s(&fixed(opportunity.value, 2));
    let close = s(&opportunity.close_date.map(|d| d.to_string()).unwrap_or_default());
    let owner = s(&opportunity.owner);
    let next_step = s(&opportunity.next_step);
    let stage = s(&opportunity.stage_id);
    let lost = RwSignal::new(opportunity.lost);
    let lost_reason = s(&opportunity.lost_reason);
    let form = FormSave::new(opportunity, is_new);
    let base = form.base;
    let stage_list = Memo::new(move |_| stages(&app));
    let build = move || -> (Opportunity, Vec<FieldError>) {
        let mut o = base.get_value();
        let mut extra = Vec::new();
        o.customer_id = customer.get().into();
        o.title = title.get().trim().to_owned();
        o.source = source.get().trim().to_owned();
        match parse_number(&value.get()) {
            Some(v) => o.value = v,
            None if value.get().trim().is_empty() => o.value = 0.0,
            None => extra.push(FieldError::new("value", Problem::OutOfRange { min: 0, max: 10_000_000_000 })),
        }
        o.close_date = None;
        if !close.get().trim().is_empty() {
            match close.get().parse::<NaiveDate>() {
                Ok(d) => o.close_date = Some(d),
                Err(_) => extra.push(FieldError::new("close_date", Problem::Required)),
            }
        }
        o.owner = owner.get().trim().to_owned();
        o.next_step = next_step.get().trim().to_owned();
        o.lost = lost.get();
        o.lost_reason = if o.lost { lost_reason.get().trim().to_owned() } else { String::new() };
        let target = stage.get();
        o.move_to(&target, Utc::now());
        let mut errors = o.validate();
        errors.extend(extra);
        (o, errors)
    };
    let errors = form.errors(move || build().1);
    let err = move |f: &'static str| error_for(errors, f);
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if let Some(o) = form.checked(app, build()) {
            form.save(app, app.stores.opportunities, o, Vec::new(), |_| Some("/pipeline".into()));
        }
    };
    let stage_id = crate::ui::components::next_id("stage");
    let stage_for = stage_id.clone();
    let history = base.with_value(|b| b.history.clone());
    view! {
        <section class="page">
            <SalesTabs/>
            <h1>{move || app.t(if is_new { Key::NewOpportunity } else { Key::EditOpportunity })}</h1>
            <form class="form" on:submit=on_submit novalidate>
                <Writes>
                <crate::ui::components::RecordConflict form=form/>
                <div class="grid2">
                    <CustomerPicker value=customer error=err("customer_id")/>
                    <TextField label=Key::FieldTitleTicket value=title error=err("title") required=true/>
                    <TextField label=Key::FieldSource value=source error=err("source") suggestions=&SOURCE_SUGGESTIONS/>
                    <TextField label=Key::ExpectedValue value=value error=err("value")/>
                    <TextField label=Key::CloseDate value=close error=err("close_date") input_type="date"/>
                    <TextField label=Key::OpportunityOwner value=owner error=err("owner")/>
                    <div class="field">
                        <label for=stage_for>{tx(Key::Stage)}</label>
                        <select id=stage_id prop:value=move || stage.get() on:change=move |ev| stage.set(event_target_value(&ev))>
                            {move || stage_list.get().into_iter().map(|s| {
                                let v = s.id.clone();
                                view! { <option value=s.id.to_string() selected=move || stage.get() == v>{s.name.clone()}</option> }
                            }).collect_view()}
                        </select>
                    </div>
                </div>
                <TextField label=Key::NextStep value=next_step error=err("next_step")/>
                <label class="inline">
                    <input type="checkbox" prop:checked=move || lost.get() on:change=move |ev| lost.set(event_target_checked(&ev))/>
                    <span>{tx(Key::MarkLost)}</span>
                </label>
                <div hidden=move || !lost.get()>
                    <TextField label=Key::LostReason value=lost_reason error=err("lost_reason") required=true/>
                </div>
                {(!history.is_empty()).then(|| view! {
                    <details>
                        <summary>{tx(Key::StageHistory)}</summary>
                        <ol>{history.iter().map(|h| {
                            let name = stage_list.get_untracked().iter().find(|s| s.id == h.stage_id).map(|s| s.name.clone()).unwrap_or_default();
                            view! { <li>{crate::ui::format::local_datetime(h.at)} " " {name}</li> }
                        }).collect_view()}</ol>
                    </details>
                })}
                <div class="actions">
                    <button type="submit" class="btn btn-primary" disabled=move || form.saving.get()>
                        {move || app.t(if form.saving.get() { Key::Saving } else { Key::Save })}
                    </button>
                    <a href="/pipeline" class="btn">{tx(Key::Cancel)}</a>
                </div>
                </Writes>
            </form>
        </section>
    }
}
