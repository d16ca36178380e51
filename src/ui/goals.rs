//! 岗位工作目标 (表 1-4 to 1-9): the textbook's goal tables with their blanks as
//! targets the student sets, and, where Kehu measures the figure, the actual value for a
//! period beside the target, green when met and red when not.

use std::collections::{HashMap, HashSet};

use chrono::{Datelike, Local, NaiveDate, TimeZone};
use leptos::prelude::*;

use crate::analysis::callbacks::{callback_rates, CallbackDates};
use crate::analysis::complaints::kpis;
use crate::analysis::goals::{goal_figures, GoalInputs};
use crate::i18n::{Key, Lang};
use crate::model::customer::average_completeness;
use crate::model::goals::{has_blank, met, GoalLine, GoalTable, Measure, GOAL_TABLES};
use crate::model::settings::GoalTargets;
use crate::model::survey::Answer;
use crate::model::FieldError;
use crate::ui::context::{tx, use_app, AppCtx};
use crate::ui::format::{fixed, today};
use crate::ui::settings::{save_setting, setting, setting_untracked};

/// Every measured figure for the local days `from..=to` (percent, or points for a score).
fn measures(app: &AppCtx, from: NaiveDate, to: NaiveDate) -> HashMap<Measure, Option<f64>> {
    let start = Local.from_local_datetime(&from.and_hms_opt(0, 0, 0).unwrap_or_default()).earliest();
    let end = Local.from_local_datetime(&to.and_hms_opt(23, 59, 59).unwrap_or_default()).latest();
    let (Some(start), Some(end)) = (start, end) else { return HashMap::new() };
    let (start, end) = (start.to_utc(), end.to_utc());
    let key: HashSet<String> = crate::ui::key_accounts::key_accounts(app, crate::ui::key_accounts::rules(app))
        .into_iter()
        .map(|r| r.customer_id)
        .collect();
    let mut inputs = GoalInputs::default();
    app.stores.survey_responses.with(|t| {
        for r in t.live().filter(|r| r.created_at >= start && r.created_at <= end) {
            for a in r.answers.values() {
                if let Answer::Rating(v) = a {
                    inputs.ratings.push(*v);
                    if key.contains(r.customer_id.as_str()) {
                        inputs.key_ratings.push(*v);
                    } else {
                        inputs.other_ratings.push(*v);
                    }
                }
            }
        }
    });
    let (dates, key_dates) = app.stores.callbacks.with(|t| {
        let mut all = Vec::new();
        let mut keys = Vec::new();
        for c in t.live() {
            let d = CallbackDates { due: c.due, done: c.done_on };
            if key.contains(c.customer_id.as_str()) {
                keys.push(d);
            }
            all.push(d);
        }
        (all, keys)
    });
    inputs.callbacks = callback_rates(&dates, from..=to);
    inputs.key_callbacks = callback_rates(&key_dates, from..=to);
    inputs.complaints = app.stores.complaints.with(|t| kpis(t.live(), start, end, chrono::Utc::now()));
    inputs.completeness = app.stores.customers.with(|t| average_completeness(t.live()));
    goal_figures(&inputs)
}

/// A goal table's title in `lang` (Chinese: the textbook's words).
pub fn table_title(table: &GoalTable, lang: Lang) -> &'static str {
    match lang {
        Lang::Zh => table.title,
        Lang::En => table.title_en,
    }
}

/// A goal line's overall goal and text in `lang` (Chinese: the textbook's words).
pub fn line_words(line: &GoalLine, lang: Lang) -> (&'static str, &'static str) {
    match lang {
        Lang::Zh => (line.area, line.text),
        Lang::En => (line.area_en, line.text_en),
    }
}

/// `/goals`.
#[component]
pub fn GoalsPage() -> impl IntoView {
    let app = use_app();
    let day = today();
    let from = RwSignal::new(day.with_day(1).unwrap_or(day).to_string());
    let to = RwSignal::new(day.to_string());
    let figures = Memo::new(move |_| {
        let (Ok(f), Ok(t)) = (from.get().parse::<NaiveDate>(), to.get().parse::<NaiveDate>()) else {
            return HashMap::new();
        };
        measures(&app, f, t)
    });
    let targets = Memo::new(move |_| setting::<GoalTargets>(&app));
    view! {
        <section class="page">
            <crate::ui::org::OrgTabs/>
            <h1>{tx(Key::PositionGoals)}</h1>
            <crate::ui::components::HelpPanel text=Key::HelpGoals exercise="p1-t2"/>
            <p class="hint">{tx(Key::PositionGoalsHint)}</p>
            <div class="toolbar">
                <label class="inline"><span>{tx(Key::From)}</span><input type="date" prop:value=move || from.get() on:input=move |ev| from.set(event_target_value(&ev))/></label>
                <label class="inline"><span>{tx(Key::To)}</span><input type="date" prop:value=move || to.get() on:input=move |ev| to.set(event_target_value(&ev))/></label>
            </div>
            {GOAL_TABLES.iter().map(|table| view! {
                <section class="card" aria-labelledby=format!("goals-{}", table.number)>
                    <h2 id=format!("goals-{}", table.number)>{move || format!("{} {} {}", app.t(Key::TableNumber), table.number, table_title(table, app.lang.get()))}</h2>
                    <div class="table-wrap">
                        <table class="simple goals">
                            <thead><tr>
                                <th scope="col">{tx(Key::OverallGoal)}</th>
                                <th scope="col">{tx(Key::GoalDetail)}</th>
                                <th scope="col">{tx(Key::GoalTarget)}</th>
                                <th scope="col">{tx(Key::GoalActual)}</th>
                            </tr></thead>
                            <tbody>{table.lines.iter().map(|l| view! { <GoalRow line=*l figures=figures targets=targets/> }).collect_view()}</tbody>
                        </table>
                    </div>
                </section>
            }).collect_view()}
        </section>
    }
}

#[component]
fn GoalRow(line: GoalLine, figures: Memo<HashMap<Measure, Option<f64>>>, targets: Memo<GoalTargets>) -> impl IntoView {
    let app = use_app();
    let points = line.measure.is_some_and(Measure::in_points);
    let unit = move || {
        if !points {
            "%"
        } else {
            app.t(Key::PointsUnit)
        }
    };
    let target = move || line.fixed_target.or_else(|| targets.with(|t| t.targets.get(line.key).copied()));
    let actual = move || line.measure.and_then(|m| figures.with(|f| f.get(&m).copied().flatten()));
    let status = move || match (actual(), target()) {
        (Some(a), Some(t)) => Some(met(a, t)),
        _ => None,
    };
    let target_cell = if has_blank(&line) {
        let lock = crate::ui::components::Lock::new();
        view! {
            <input type="text" inputmode="decimal" size="5" aria-label=move || format!("{} {}", app.t(Key::GoalTarget), line.key)
                disabled=lock.on title=lock.title() aria-describedby=lock.described()
                prop:value=move || targets.with(|t| t.targets.get(line.key).map(|v| fixed(*v, 1)).unwrap_or_default())
                on:change=move |ev| {
                    let input = event_target::<web_sys::HtmlInputElement>(&ev);
                    let text = input.value();
                    let mut g = setting_untracked::<GoalTargets>(&app);
                    if text.trim().is_empty() {
                        g.targets.remove(line.key);
                    } else {
                        g.targets.insert(line.key.to_owned(), crate::workbook::orders_csv::parse_number(&text).unwrap_or(f64::NAN));
                    }
                    let mut errors: Vec<FieldError> = Vec::new();
                    g.check(&mut errors);
                    match errors.first() {
                        None => save_setting(app, g),
                        Some(e) => {
                            let _lang = app.lang.get_untracked();
                            app.problem(Some(line.key), &e.problem);
                            input.set_value(&setting_untracked::<GoalTargets>(&app).targets.get(line.key).map(|v| fixed(*v, 1)).unwrap_or_default());
                        }
                    }
                }/>
            " " {unit}
        }
        .into_any()
    } else {
        view! { {move || line.fixed_target.map(|t| format!("{} {}", fixed(t, 0), unit()))} }.into_any()
    };
    view! {
        <tr>
            <td>{move || line_words(&line, app.lang.get()).0}</td>
            <td>{move || line_words(&line, app.lang.get()).1}</td>
            <td>{target_cell}</td>
            <td data-testid=format!("actual-{}", line.key) class=move || match status() { Some(true) => "ok", Some(false) => "warn", None => "" }>
                {move || match line.measure {
                    None => app.t(Key::NotMeasured).to_owned(),
                    Some(_) => {
                        let lang = app.lang.get();
                        let value = actual().map(|a| format!("{} {}", fixed(a, 1), unit())).unwrap_or_else(|| "—".into());
                        match status() {
                            Some(true) => format!("{value} ✓ {}", lang.t(Key::GoalMet)),
                            Some(false) => format!("{value} ✗ {}", lang.t(Key::GoalMissed)),
                            None => value,
                        }
                    }
                }}
            </td>
        </tr>
    }
}

page_routes! {
    chunk goals {
        "/goals" => GoalsPage,
    }
}
