//! 设计客户服务部门组织结构 (项目一): the org-chart designer — units and positions in
//! a tree (add, rename, move by drag or from the keyboard, remove), span-of-control
//! warnings per 表 1-1, the six design principles, the chart as SVG (print or save),
//! and the seven duty areas assigned to positions.

use chrono::Utc;
use leptos::prelude::*;

use crate::analysis::org::{layout, span_warnings, unheld_duties, would_cycle, Placed, SpanWarning};
use crate::i18n::Key;
use crate::model::org::{DutyArea, OrgLevel, OrgUnit, MAX_HEAD_COUNT};
use crate::model::settings::{OrgSettings, SpanRule};
use crate::model::{new_id, Choice, FieldError, Problem, Record};
use crate::ui::components::{field_problem, EmptyState, Writes};
use crate::ui::context::{tx, use_app, AppCtx};
use crate::ui::settings::{save_setting, setting, setting_untracked};

/// The name of a level: the user's, or the default in the interface language.
fn level_name(app: &AppCtx, l: OrgLevel) -> String {
    let i = OrgLevel::ALL.iter().position(|x| *x == l).unwrap_or(3);
    let own = setting::<OrgSettings>(app).level_names[i].trim().to_owned();
    if own.is_empty() {
        app.lang.get().t(l.label()).to_owned()
    } else {
        own
    }
}

const PRINCIPLES: [(Key, Key); 6] = [
    (Key::PrincipleSpan, Key::PrincipleSpanText),
    (Key::PrincipleCentral, Key::PrincipleCentralText),
    (Key::PrincipleCooperation, Key::PrincipleCooperationText),
    (Key::PrincipleAuthority, Key::PrincipleAuthorityText),
    (Key::PrincipleEfficiency, Key::PrincipleEfficiencyText),
    (Key::PrincipleFlexibility, Key::PrincipleFlexibilityText),
];

fn units(app: &AppCtx) -> Vec<OrgUnit> {
    app.stores.org_units.with(|t| t.live().cloned().collect())
}

/// Saves `u` (checked first); says why not in the user's language.
fn save_unit(app: AppCtx, mut u: OrgUnit) {
    let lang = app.lang.get_untracked();
    if let Some(e) = u.validate().first() {
        let labels = [("title", Key::OrgTitle), ("head_count", Key::HeadCount), ("parent_id", Key::ReportsTo)];
        app.error_text(format!("{}: {}", u.title, field_problem(lang, e, &labels)));
        return;
    }
    u.updated_at = Utc::now().max(u.created_at);
    leptos::task::spawn_local(async move {
        if let Err(e) = app.stores.org_units.put(u).await {
            app.store_error(&e);
        }
    });
}

/// Moves unit `id` under `parent` ("" for the top), unless that would put it under itself.
fn move_under(app: AppCtx, id: &str, parent: &str) {
    let all = app.stores.org_units.with_untracked(|t| t.live().cloned().collect::<Vec<_>>());
    let Some(mut u) = all.iter().find(|u| u.id == id).cloned() else { return };
    if u.parent_id == parent {
        return;
    }
    if !parent.is_empty() && would_cycle(&all, id, parent) {
        let _lang = app.lang.get_untracked();
        app.problem(Some(&u.title), &Problem::Cycle);
        return;
    }
    // Last among its new siblings.
    u.position = all.iter().filter(|x| x.parent_id == parent).map(|x| x.position + 1).max().unwrap_or(0);
    u.parent_id = parent.into();
    save_unit(app, u);
}

/// Swaps unit `id` with its previous (`-1`) or next (`1`) sibling.
fn reorder(app: AppCtx, id: &str, step: i32) {
    let all = app.stores.org_units.with_untracked(|t| t.live().cloned().collect::<Vec<_>>());
    let Some(u) = all.iter().find(|u| u.id == id) else { return };
    let mut siblings: Vec<OrgUnit> = all.iter().filter(|x| x.parent_id == u.parent_id).cloned().collect();
    siblings.sort_by(|a, b| a.position.cmp(&b.position).then_with(|| a.title.cmp(&b.title)));
    let Some(i) = siblings.iter().position(|x| x.id == id) else { return };
    let j = i as i64 + i64::from(step);
    if j < 0 || j as usize >= siblings.len() {
        return;
    }
    siblings.swap(i, j as usize);
    let now = Utc::now();
    let changed: Vec<OrgUnit> = siblings
        .into_iter()
        .enumerate()
        .filter(|(k, x)| x.position != *k as u32)
        .map(|(k, mut x)| {
            x.position = k as u32;
            x.updated_at = now.max(x.created_at);
            x
        })
        .collect();
    leptos::task::spawn_local(async move {
        if let Err(e) = app.stores.org_units.put_many(changed).await {
            app.store_error(&e);
        }
    });
}

fn add_unit(app: AppCtx, parent: Option<&OrgUnit>) {
    let level = match parent.map(|p| p.level) {
        None => OrgLevel::Director,
        Some(OrgLevel::Director) => OrgLevel::Manager,
        Some(OrgLevel::Manager) => OrgLevel::Supervisor,
        Some(_) => OrgLevel::Specialist,
    };
    let parent_id = parent.map(|p| p.id.clone()).unwrap_or_default();
    let position = app
        .stores
        .org_units
        .with_untracked(|t| t.live().filter(|x| x.parent_id == parent_id).map(|x| x.position + 1).max())
        .unwrap_or(0);
    let now = Utc::now();
    let u = OrgUnit {
        sample: false,
        id: new_id(),
        title: untrack(|| level_name(&app, level)),
        level,
        parent_id,
        head_count: 1,
        position,
        duties: Vec::new(),
        note: String::new(),
        created_at: now,
        updated_at: now,
        deleted_at: None,
    };
    save_unit(app, u);
}

fn warning_text(app: &AppCtx, w: &SpanWarning) -> String {
    let lang = app.lang.get();
    format!("⚠ {} {} ({} {}–{})", lang.t(Key::DirectReports), w.reports, lang.t(Key::ShouldBe), w.min, w.max)
}

/// `/org`.
#[component]
pub fn OrgPage() -> impl IntoView {
    let app = use_app();
    let all = Memo::new(move |_| units(&app));
    let rules = Memo::new(move |_| setting::<OrgSettings>(&app));
    let warnings = Memo::new(move |_| all.with(|u| span_warnings(u, &rules.get())));
    let placed = Memo::new(move |_| all.with(|u| layout(u)));
    let save_svg = move |_| {
        let svg = document().query_selector("#org-chart svg").ok().flatten().map(|e| e.outer_html());
        if let Some(svg) = svg {
            let text = format!("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n{svg}");
            if crate::ui::download::save_text("org-chart.svg", &text, "image/svg+xml").is_err() {
                app.error(Key::DownloadRefused);
            }
        }
    };
    view! {
        <section class="page">
            <OrgTabs/>
            <h1>{tx(Key::NavOrg)}</h1>
            <crate::ui::components::HelpPanel text=Key::HelpOrg exercise="p1-t1"/>
            <p class="hint">{tx(Key::OrgHint)}</p>
            <div class="actions no-print">
                <Writes><button type="button" class="btn primary" on:click=move |_| add_unit(app, None)>{tx(Key::AddTopUnit)}</button></Writes>
                <button type="button" class="btn" on:click=move |_| { let _ = window().print(); }>{tx(Key::Print)}</button>
                <button type="button" class="btn" on:click=save_svg>{tx(Key::SaveSvg)}</button>
            </div>
            <section class="card" aria-labelledby="org-chart-h" id="org-chart">
                <h2 id="org-chart-h">{tx(Key::OrgChart)}</h2>
                {move || if placed.with(Vec::is_empty) {
                    view! { <EmptyState message=Key::NoOrgUnits/> }.into_any()
                } else {
                    view! { <OrgChart placed=placed all=all warnings=warnings/> }.into_any()
                }}
            </section>
            <div class="grid2">
                <section class="card no-print" aria-labelledby="org-tree-h">
                    <h2 id="org-tree-h">{tx(Key::OrgTree)}</h2>
                    <p class="hint">{tx(Key::OrgTreeHint)}</p>
                    <Writes><ul class="org-tree">
                        <For each=move || placed.get() key=|p| (p.id.clone(), p.depth) let:p>
                            <UnitRow placed=p all=all warnings=warnings/>
                        </For>
                    </ul></Writes>
                </section>
                <section class="card" aria-labelledby="org-rules-h">
                    <h2 id="org-rules-h">{tx(Key::DesignPrinciples)}</h2>
                    <Writes>
                    <ul class="checklist">{PRINCIPLES.iter().enumerate().map(|(i, (name, text))| view! {
                        <li><label>
                            <input type="checkbox" prop:checked=move || rules.get().principles[i] on:change=move |ev| {
                                let mut s = setting_untracked::<OrgSettings>(&app);
                                s.principles[i] = event_target_checked(&ev);
                                save_setting(app, s);
                            }/>
                            <strong>{tx(*name)}</strong> " " <span class="hint">{tx(*text)}</span>
                        </label></li>
                    }).collect_view()}</ul>
                    <h3>{tx(Key::LevelNames)}</h3>
                    // Not `actions` (which print hides): the names and ranges are what
                    // their headings announce on paper too.
                    <div class="field-row">
                        {OrgLevel::ALL.iter().copied().enumerate().map(|(i, l)| view! {
                            <label class="inline"><span>{tx(l.label())}</span>
                                <input type="text" size="8" aria-label=move || format!("{}: {}", app.t(Key::LevelNames), app.t(l.label())) prop:value=move || rules.get().level_names[i].clone() on:change=move |ev| {
                                    let mut s = setting_untracked::<OrgSettings>(&app);
                                    s.level_names[i] = event_target_value(&ev).trim().to_owned();
                                    let mut errors: Vec<FieldError> = Vec::new();
                                    s.check(&mut errors);
                                    match errors.first() {
                                        None => save_setting(app, s),
                                        Some(e) => app.problem(None, &e.problem),
                                    }
                                }/>
                            </label>
                        }).collect_view()}
                    </div>
                    <p class="hint">{tx(Key::LevelNamesHint)}</p>
                    <h3>{tx(Key::SpanRules)}</h3>
                    <div class="field-row" data-testid="span-rules">
                        <SpanField level=OrgLevel::Director/>
                        <SpanField level=OrgLevel::Manager/>
                        <SpanField level=OrgLevel::Supervisor/>
                    </div>
                    <p class="hint">{tx(Key::SpanCountHint)}</p>
                    </Writes>
                </section>
            </div>
            <DutyMatrix all=all/>
            <crate::ui::org_duties::DutyTextsCard/>
        </section>
    }
}

/// The span rule of one level, as "min–max".
#[component]
fn SpanField(level: OrgLevel) -> impl IntoView {
    let app = use_app();
    let text =
        move || setting::<OrgSettings>(&app).rule(level).map(|r| format!("{}-{}", r.min, r.max)).unwrap_or_default();
    view! {
        <label class="inline"><span>{tx(level.label())}</span>
            <input type="text" size="6" prop:value=text on:change=move |ev| {
                let input = event_target::<web_sys::HtmlInputElement>(&ev);
                let value = input.value();
                let mut s = setting_untracked::<OrgSettings>(&app);
                let parsed = value
                    .split(['-', '–', '~', '～'])
                    .map(|p| p.trim().parse::<u32>().ok())
                    .collect::<Option<Vec<u32>>>();
                let rule = match parsed.as_deref() {
                    Some([min, max]) => SpanRule { min: *min, max: *max },
                    _ => SpanRule { min: 1, max: 0 },
                };
                match level {
                    OrgLevel::Director => s.director = rule,
                    OrgLevel::Manager => s.manager = rule,
                    _ => s.supervisor = rule,
                }
                let mut errors: Vec<FieldError> = Vec::new();
                s.check(&mut errors);
                match errors.first() {
                    None => save_setting(app, s),
                    Some(e) => {
                        let lang = app.lang.get_untracked();
                        app.problem(Some(lang.t(level.label())), &e.problem);
                        input.set_value(&setting_untracked::<OrgSettings>(&app).rule(level).map(|r| format!("{}-{}", r.min, r.max)).unwrap_or_default());
                    }
                }
            }/>
        </label>
    }
}

/// One unit in the editable tree.
#[component]
fn UnitRow(placed: Placed, all: Memo<Vec<OrgUnit>>, warnings: Memo<Vec<SpanWarning>>) -> impl IntoView {
    let app = use_app();
    let id = StoredValue::new(placed.id.clone());
    let unit = Memo::new(move |_| all.with(|u| id.with_value(|id| u.iter().find(|x| &x.id == id).cloned())));
    let warning = Memo::new(move |_| warnings.with(|w| id.with_value(|id| w.iter().find(|x| &x.id == id).cloned())));
    let update = move |f: Box<dyn FnOnce(&mut OrgUnit)>| {
        if let Some(mut u) = unit.get_untracked() {
            f(&mut u);
            save_unit(app, u);
        }
    };
    let title_id = crate::ui::components::next_id("org-title");
    // Indented by depth with classes: the Content-Security-Policy allows no inline style.
    let class = format!("org-row depth-{}", placed.depth.min(6));
    // A read-only book's units are not dragged: a drop would be refused.
    let draggable = if crate::ui::components::read_only() { "false" } else { "true" };
    view! {
        <li
            class=class
            draggable=draggable
            on:dragstart=move |ev: leptos::ev::DragEvent| {
                if let Some(dt) = ev.data_transfer() {
                    let _ = dt.set_data("text/plain", &id.get_value());
                }
            }
            on:dragover=move |ev: leptos::ev::DragEvent| ev.prevent_default()
            on:drop=move |ev: leptos::ev::DragEvent| {
                ev.prevent_default();
                if let Some(moved) = ev.data_transfer().and_then(|dt| dt.get_data("text/plain").ok()) {
                    if moved != id.get_value() {
                        move_under(app, &moved, &id.get_value());
                    }
                }
            }
        >
            {move || unit.get().map(|u| {
                let lang = app.lang.get();
                let title_label = format!("{}: {}", lang.t(Key::OrgTitle), u.title);
                let others: Vec<(String, String)> = all.with(|a| {
                    a.iter().filter(|x| x.id != u.id).map(|x| (x.id.to_string(), x.title.clone())).collect()
                });
                let parent = u.parent_id.clone();
                let name = u.title.clone();
                view! {
                    <div class="actions">
                        <input id=title_id.clone() type="text" size="12" aria-label=title_label prop:value=u.title.clone() on:change=move |ev| {
                            let v = event_target_value(&ev).trim().to_owned();
                            update(Box::new(move |u| u.title = v));
                        }/>
                        <select aria-label=format!("{} {}", lang.t(Key::Level), name) on:change=move |ev| {
                            let v = event_target_value(&ev);
                            if let Some(l) = OrgLevel::from_value(&v) {
                                update(Box::new(move |u| u.level = l));
                            }
                        }>
                            {OrgLevel::ALL.iter().copied().map(|l| view! { <option value=l.value() selected=l == u.level>{level_name(&app, l)}</option> }).collect_view()}
                        </select>
                        <label class="inline"><span>{lang.t(Key::HeadCount)}</span>
                            <input type="number" min="1" size="4" prop:value=u.head_count.to_string() on:change=move |ev| {
                                let input = event_target::<web_sys::HtmlInputElement>(&ev);
                                match input.value().trim().parse::<i64>() {
                                    Ok(n) if (1..=i64::from(MAX_HEAD_COUNT)).contains(&n) => update(Box::new(move |u| u.head_count = n as u32)),
                                    _ => {
                                        let lang = app.lang.get_untracked();
                                        let p = Problem::OutOfRange { min: 1, max: i64::from(MAX_HEAD_COUNT) };
                                        app.problem(Some(lang.t(Key::HeadCount)), &p);
                                        input.set_value(&unit.get_untracked().map(|u| u.head_count.to_string()).unwrap_or_default());
                                    }
                                }
                            }/>
                        </label>
                        <label class="inline"><span>{lang.t(Key::ReportsTo)}</span>
                            <select on:change=move |ev| {
                                let target = event_target::<web_sys::HtmlSelectElement>(&ev);
                                move_under(app, &id.get_value(), &target.value());
                                // A refused move shows the old parent again.
                                target.set_value(&unit.get_untracked().map(|u| u.parent_id).unwrap_or_default());
                            }>
                                <option value="" selected=parent.is_empty()>{lang.t(Key::TopLevel)}</option>
                                {others.into_iter().map(|(oid, t)| { let sel = oid == parent; view! { <option value=oid selected=sel>{t}</option> } }).collect_view()}
                            </select>
                        </label>
                        <button type="button" class="btn" aria-label=format!("{} {}", lang.t(Key::MoveUp), u.title) on:click=move |_| reorder(app, &id.get_value(), -1)>"↑"</button>
                        <button type="button" class="btn" aria-label=format!("{} {}", lang.t(Key::MoveDown), u.title) on:click=move |_| reorder(app, &id.get_value(), 1)>"↓"</button>
                        <button type="button" class="btn" on:click=move |_| add_unit(app, unit.get_untracked().as_ref()) aria-label=format!("{} {}", lang.t(Key::AddSubunit), u.title)>{lang.t(Key::AddSubunit)}</button>
                        <button type="button" class="btn" on:click=move |_| {
                            let id = id.get_value();
                            leptos::task::spawn_local(async move {
                                match app.stores.org_units.trash(&[id]).await {
                                    Ok(()) => app.success(Key::MovedToTrash),
                                    Err(e) => app.store_error(&e),
                                }
                            });
                        } aria-label=format!("{} {}", lang.t(Key::MoveToTrash), u.title)>"✕"</button>
                    </div>
                }
            })}
            {move || warning.get().map(|w| view! { <p class="warn" role="status">{warning_text(&app, &w)}</p> })}
        </li>
    }
}

/// The chart: a box per unit, lines to its parent, warnings marked. Colours are
/// written on the elements so a saved SVG looks the same outside Kehu.
#[component]
fn OrgChart(placed: Memo<Vec<Placed>>, all: Memo<Vec<OrgUnit>>, warnings: Memo<Vec<SpanWarning>>) -> impl IntoView {
    let app = use_app();
    const BOX_W: f64 = 128.0;
    const BOX_H: f64 = 48.0;
    const GAP_X: f64 = 16.0;
    const GAP_Y: f64 = 40.0;
    move || {
        let placed = placed.get();
        let units = all.get();
        let warned: std::collections::BTreeSet<String> = warnings.with(|w| w.iter().map(|x| x.id.clone()).collect());
        let lang = app.lang.get();
        let cols = placed.iter().map(|p| p.x).fold(0.0, f64::max) + 1.0;
        let rows = placed.iter().map(|p| p.depth).max().unwrap_or(0) + 1;
        let width = cols * (BOX_W + GAP_X) + GAP_X;
        let height = rows as f64 * (BOX_H + GAP_Y) + GAP_Y;
        let pos = |p: &Placed| (GAP_X + p.x * (BOX_W + GAP_X), GAP_Y / 2.0 + p.depth as f64 * (BOX_H + GAP_Y));
        let lines: Vec<_> = placed
            .iter()
            .filter_map(|p| {
                let parent = placed.iter().find(|q| Some(&q.id) == p.parent_id.as_ref())?;
                let (x1, y1) = pos(parent);
                let (x2, y2) = pos(p);
                Some(view! {
                    <path d=format!("M{} {} V{} H{} V{}", x1 + BOX_W / 2.0, y1 + BOX_H, y1 + BOX_H + GAP_Y / 2.0, x2 + BOX_W / 2.0, y2) fill="none" stroke="#888" stroke-width="1.5"/>
                })
            })
            .collect();
        let total: u32 = units.iter().map(|u| u.head_count).sum();
        let alt = format!(
            "{} {}, {} {}, {} {}",
            units.len(),
            lang.t(Key::OrgUnitsCount),
            total,
            lang.t(Key::PeopleCount),
            warned.len(),
            lang.t(Key::SpanWarningsCount)
        );
        let boxes: Vec<_> = placed
            .iter()
            .filter_map(|p| {
                let u = units.iter().find(|u| u.id == p.id)?;
                let (x, y) = pos(p);
                let warn = warned.contains(u.id.as_str());
                let sub = format!("{} · ×{}{}", level_name(&app, u.level), u.head_count, if warn { " ⚠" } else { "" });
                Some(view! {
                    <g>
                        <rect x=x y=y width=BOX_W height=BOX_H rx="6" fill="#ffffff" stroke=if warn { "#c0392b" } else { "#2c6e9b" } stroke-width=if warn { "3" } else { "1.5" }/>
                        <text x=x + BOX_W / 2.0 y=y + 20.0 text-anchor="middle" font-size="13" fill="#111">{u.title.clone()}</text>
                        <text x=x + BOX_W / 2.0 y=y + 38.0 text-anchor="middle" font-size="11" fill=if warn { "#c0392b" } else { "#555" }>{sub}</text>
                    </g>
                })
            })
            .collect();
        view! {
            // Scrolls sideways in a narrow window: focusable, so it scrolls from the
            // keyboard too, and so a named group (not a second landmark of the
            // section's name).
            <div class="chart-scroll" tabindex="0" role="group" aria-labelledby="org-chart-h">
                <svg xmlns="http://www.w3.org/2000/svg" class="org-svg" width=width height=height viewBox=format!("0 0 {width} {height}") role="img" aria-label=format!("{}: {alt}", lang.t(Key::OrgChart))>
                    {lines}
                    {boxes}
                </svg>
            </div>
        }
    }
}

/// The chart of `units` as the org page draws it, with its span warnings (the exercise
/// report shows the student's chart with it).
#[component]
pub fn OrgChartOf(units: Vec<OrgUnit>) -> impl IntoView {
    let app = use_app();
    let units = StoredValue::new(units);
    let all = Memo::new(move |_| units.get_value());
    let rules = Memo::new(move |_| setting::<OrgSettings>(&app));
    let warnings = Memo::new(move |_| all.with(|u| span_warnings(u, &rules.get())));
    let placed = Memo::new(move |_| all.with(|u| layout(u)));
    view! { <OrgChart placed=placed all=all warnings=warnings/> }
}

/// The seven duty areas against the positions, and the areas nobody holds.
#[component]
fn DutyMatrix(all: Memo<Vec<OrgUnit>>) -> impl IntoView {
    let app = use_app();
    let unheld = Memo::new(move |_| all.with(|u| unheld_duties(u)));
    view! {
        <section class="card" aria-labelledby="duties-h">
            <h2 id="duties-h">{tx(Key::DutyAreas)}</h2>
            <p class="hint">{tx(Key::DutyAreasHint)}</p>
            <p data-testid="unheld" class=move || if unheld.with(Vec::is_empty) { "ok" } else { "warn" }>{move || {
                let lang = app.lang.get();
                let list = unheld.get();
                if list.is_empty() {
                    lang.t(Key::EveryDutyHeld).to_owned()
                } else {
                    format!("{}: {}", lang.t(Key::DutiesNobodyHolds), list.iter().map(|d| lang.t(d.label())).collect::<Vec<_>>().join("、"))
                }
            }}</p>
            <div class="table-wrap"><Writes>
                <table class="simple">
                    <thead><tr>
                        <th scope="col">{tx(Key::OrgTitle)}</th>
                        {DutyArea::ALL.iter().copied().map(|d| view! { <th scope="col">{tx(d.label())}</th> }).collect_view()}
                    </tr></thead>
                    <tbody>{move || all.get().into_iter().map(|u| {
                        let lang = app.lang.get();
                        let title = u.title.clone();
                        view! {
                            <tr>
                                <th scope="row">{title.clone()}</th>
                                {DutyArea::ALL.iter().copied().map(|d| {
                                    let holds = u.duties.contains(&d);
                                    let unit = u.clone();
                                    view! { <td><input type="checkbox" aria-label=format!("{title} {}", lang.t(d.label())) prop:checked=holds on:change=move |ev| {
                                        let on = event_target_checked(&ev);
                                        let mut u = unit.clone();
                                        u.duties.retain(|x| *x != d);
                                        if on {
                                            u.duties.push(d);
                                            u.duties.sort();
                                        }
                                        save_unit(app, u);
                                    }/></td> }
                                }).collect_view()}
                            </tr>
                        }
                    }).collect_view()}</tbody>
                </table>
            </Writes></div>
        </section>
    }
}

/// The tabs of the organisation section (the chart, job descriptions, goals).
#[component]
pub fn OrgTabs() -> impl IntoView {
    view! { <crate::ui::components::SectionTabs section=&SECTION/> }
}

/// This module's part of the app: its sidebar link and its tabs.
pub const SECTION: crate::ui::components::Section = crate::ui::components::Section {
    name: Key::NavOrg,
    home: "/org",
    tabs_label: Key::NavOrg,
    tabs: &[("/org", Key::OrgChart), ("/jobs", Key::JobDescriptions), ("/goals", Key::PositionGoals)],
    also: &[],
};

page_routes! {
    chunk org {
        "/org" => OrgPage,
    }
}
