//! 工作台: the figures every module computes, for a chosen period, each card linking
//! to the page where the work is done.

use chrono::{Datelike, Local, NaiveDate, TimeZone};
use leptos::prelude::*;

use crate::analysis::callbacks::{callback_rates, CallbackDates, CallbackRates};
use crate::analysis::calls::metrics as call_metrics;
use crate::analysis::complaints::kpis;
use crate::analysis::dashboard::{count_by_month, months_ending, satisfaction_by_month};
use crate::analysis::rate::Rate;
use crate::analysis::satisfaction::{nps, satisfaction_rate};
use crate::i18n::Key;
use crate::model::service::Agenda;
use crate::model::survey::Answer;
use crate::model::{Choice, Stage};
use crate::ui::components::{Bar, BarChart, LineChart, Point};
use crate::ui::context::{tx, use_app, AppCtx};
use crate::ui::format::{fixed, percent1, today, yuan};

/// The figures of one period.
#[derive(Debug, Clone, PartialEq, Default)]
struct Figures {
    customers: usize,
    new_customers: usize,
    by_stage: Vec<(Stage, usize)>,
    by_source: Vec<(String, usize)>,
    revenue: f64,
    orders: usize,
    satisfaction: Rate,
    nps: Option<f64>,
    complaints: usize,
    on_time: Rate,
    resolution: Rate,
    overdue_callbacks: usize,
    due_callbacks: usize,
    callbacks: CallbackRates,
    calls: usize,
    answer_rate: Rate,
    service_level: Rate,
}

fn local_day(at: chrono::DateTime<chrono::Utc>) -> NaiveDate {
    at.with_timezone(&Local).date_naive()
}

fn figures(app: &AppCtx, from: NaiveDate, to: NaiveDate) -> Figures {
    let start = Local.from_local_datetime(&from.and_hms_opt(0, 0, 0).unwrap_or_default()).earliest();
    let end = Local.from_local_datetime(&to.and_hms_opt(23, 59, 59).unwrap_or_default()).latest();
    let (Some(start), Some(end)) = (start, end) else { return Figures::default() };
    let (start, end) = (start.to_utc(), end.to_utc());
    let in_period = |at: chrono::DateTime<chrono::Utc>| at >= start && at <= end;
    let mut f = Figures::default();
    app.stores.customers.with(|t| {
        let mut stages = [0usize; Stage::ALL.len()];
        let mut sources: std::collections::HashMap<&str, usize> = std::collections::HashMap::new();
        for c in t.live() {
            f.customers += 1;
            f.new_customers += usize::from(in_period(c.created_at));
            if let Some(i) = Stage::ALL.iter().position(|s| *s == c.stage) {
                stages[i] += 1;
            }
            *sources.entry(c.source.trim()).or_default() += 1;
        }
        f.by_stage = Stage::ALL.iter().copied().zip(stages).collect();
        let mut sources: Vec<(String, usize)> = sources.into_iter().map(|(s, n)| (s.to_owned(), n)).collect();
        sources.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
        sources.truncate(6);
        f.by_source = sources;
    });
    app.stores.orders.with(|t| {
        for o in t.live().filter(|o| o.date >= from && o.date <= to) {
            f.revenue += o.amount;
            f.orders += 1;
        }
    });
    app.stores.survey_responses.with(|t| {
        let (mut ratings, mut likelihood) = (Vec::new(), Vec::new());
        for r in t.live().filter(|r| in_period(r.created_at)) {
            for a in r.answers.values() {
                match a {
                    Answer::Rating(v) => ratings.push(*v),
                    Answer::Likelihood(v) => likelihood.push(*v),
                    _ => {}
                }
            }
        }
        f.satisfaction = satisfaction_rate(&ratings);
        f.nps = nps(&likelihood);
    });
    let k = app.stores.complaints.with(|t| kpis(t.live(), start, end, chrono::Utc::now()));
    (f.complaints, f.on_time, f.resolution) = (k.received, k.on_time, k.resolution);
    let day = today();
    app.stores.callbacks.with(|t| {
        let dates: Vec<CallbackDates> = t.live().map(|c| CallbackDates { due: c.due, done: c.done_on }).collect();
        f.callbacks = callback_rates(&dates, from..=to);
        for c in t.live() {
            match c.agenda(day) {
                Agenda::Overdue => f.overdue_callbacks += 1,
                Agenda::DueToday => f.due_callbacks += 1,
                _ => {}
            }
        }
    });
    let m = app.stores.calls.with(|t| call_metrics(t.live().filter(|c| in_period(c.started_at)), 20));
    (f.calls, f.answer_rate, f.service_level) = (m.offered + m.outbound, m.answer_rate, m.service_level);
    f
}

/// `/dashboard`.
#[component]
pub fn DashboardPage() -> impl IntoView {
    let app = use_app();
    let day = today();
    let from = RwSignal::new(day.with_day(1).unwrap_or(day).to_string());
    let to = RwSignal::new(day.to_string());
    let data = Memo::new(move |_| {
        let (Ok(f), Ok(t)) = (from.get().parse::<NaiveDate>(), to.get().parse::<NaiveDate>()) else { return None };
        Some(figures(&app, f, t))
    });
    let months = months_ending(day, 12);
    let months = StoredValue::new(months);
    let new_per_month = Signal::derive(move || {
        let counts = app
            .stores
            .customers
            .with(|t| months.with_value(|m| count_by_month(t.live().map(|c| local_day(c.created_at)), m)));
        months.with_value(|m| {
            m.iter()
                .zip(counts)
                .map(|((y, mo), n)| Point { label: format!("{y}-{mo:02}"), value: n as f64 })
                .collect::<Vec<_>>()
        })
    });
    let by_month = Memo::new(move |_| {
        app.stores
            .survey_responses
            .with(|t| months.with_value(|m| satisfaction_by_month(t.live(), m, |r| local_day(r.created_at))))
    });
    let satisfaction_trend = Signal::derive(move || {
        by_month
            .get()
            .into_iter()
            .filter_map(|s| {
                let share = s.satisfaction.share()?;
                Some(Point {
                    label: format!("{}-{:02} ({})", s.month.0, s.month.1, percent1(Some(share))),
                    value: share * 100.0,
                })
            })
            .collect::<Vec<_>>()
    });
    let nps_trend = Signal::derive(move || {
        let by = by_month.get();
        // NPS runs −100…100; shifting it onto 0…200 would confuse, so months without
        // answers are left out and negative values drawn at 0 (the label has the value).
        by.into_iter()
            .filter_map(|s| {
                s.nps.map(|v| Point {
                    label: format!("{}-{:02} ({})", s.month.0, s.month.1, fixed(v, 0)),
                    value: v.max(0.0),
                })
            })
            .collect::<Vec<_>>()
    });
    let stage_bars = Signal::derive(move || {
        let lang = app.lang.get();
        data.with(|d| {
            d.as_ref()
                .map(|d| {
                    d.by_stage
                        .iter()
                        .map(|(s, n)| Bar {
                            label: lang.t(s.label()).to_owned(),
                            value: *n as f64,
                            text: n.to_string(),
                        })
                        .collect()
                })
                .unwrap_or_default()
        })
    });
    let source_bars = Signal::derive(move || {
        let lang = app.lang.get();
        data.with(|d| {
            d.as_ref()
                .map(|d| {
                    d.by_source
                        .iter()
                        .map(|(s, n)| Bar {
                            label: if s.is_empty() { lang.t(Key::Unknown).to_owned() } else { s.clone() },
                            value: *n as f64,
                            text: n.to_string(),
                        })
                        .collect()
                })
                .unwrap_or_default()
        })
    });
    let key_accounts =
        Memo::new(move |_| crate::ui::key_accounts::key_accounts(&app, crate::ui::key_accounts::rules(&app)).len());
    let a_class = Memo::new(move |_| {
        let f = expect_context::<crate::ui::figures::YearFigures>().0.get();
        f.abc.iter().filter(|r| r.class == crate::analysis::abc::AbcClass::A).count()
    });
    let show =
        move |pick: fn(&Figures) -> String| move || data.with(|d| d.as_ref().map(pick).unwrap_or_else(|| "—".into()));
    view! {
        <section class="page">
            <h1>{tx(Key::NavDashboard)}</h1>
            <div class="toolbar">
                <label class="inline"><span>{tx(Key::From)}</span><input type="date" prop:value=move || from.get() on:input=move |ev| from.set(event_target_value(&ev))/></label>
                <label class="inline"><span>{tx(Key::To)}</span><input type="date" prop:value=move || to.get() on:input=move |ev| to.set(event_target_value(&ev))/></label>
            </div>
            <div class="figures">
                <a class="figure-card" href="/customers">
                    <span>{tx(Key::NavCustomers)}</span>
                    <strong data-testid="dash-customers">{show(|d| d.customers.to_string())}</strong>
                    <small>{tx(Key::NewInPeriod)} ": " {show(|d| d.new_customers.to_string())}</small>
                </a>
                <a class="figure-card" href="/orders">
                    <span>{tx(Key::Revenue)}</span>
                    <strong data-testid="dash-revenue">{show(|d| yuan(d.revenue))}</strong>
                    <small>{tx(Key::NavOrders)} ": " {show(|d| d.orders.to_string())}</small>
                </a>
                <a class="figure-card" href="/value">
                    <span>{tx(Key::ClassACustomers)}</span>
                    <strong>{move || a_class.get()}</strong>
                    <small>{tx(Key::Last365Days)}</small>
                </a>
                <a class="figure-card" href="/key-accounts">
                    <span>{tx(Key::NavKeyAccounts)}</span>
                    <strong data-testid="dash-key-accounts">{move || key_accounts.get()}</strong>
                    <small>{tx(Key::ByRulesOrHand)}</small>
                </a>
                <a class="figure-card" href="/surveys">
                    <span>{tx(Key::SatisfactionRate)}</span>
                    <strong data-testid="dash-satisfaction">{show(|d| percent1(d.satisfaction.share()))}</strong>
                    <small>"NPS: " {show(|d| d.nps.map(|v| fixed(v, 1)).unwrap_or_else(|| "—".into()))}</small>
                </a>
                <a class="figure-card" href="/complaints/kpi">
                    <span>{tx(Key::NavComplaints)}</span>
                    <strong data-testid="dash-complaints">{show(|d| d.complaints.to_string())}</strong>
                    <small>{tx(Key::OnTimeRate)} ": " {show(|d| percent1(d.on_time.share()))} " · " {tx(Key::ResolutionRate)} ": " {show(|d| percent1(d.resolution.share()))}</small>
                </a>
                <a class="figure-card" href="/callbacks">
                    <span>{tx(Key::NavCallbacks)}</span>
                    <strong data-testid="dash-overdue">{show(|d| d.overdue_callbacks.to_string())}</strong>
                    <small>{tx(Key::Overdue)} " · " {tx(Key::DueToday)} ": " {show(|d| d.due_callbacks.to_string())}</small>
                    <small>{tx(Key::CallbackRate)} ": " <span data-testid="dash-callback-rate">{show(|d| percent1(d.callbacks.done.share()))}</span> " · " {tx(Key::CallbackOnTimeRate)} ": " <span data-testid="dash-callback-on-time-rate">{show(|d| percent1(d.callbacks.on_time.share()))}</span></small>
                </a>
                <a class="figure-card" href="/calls">
                    <span>{tx(Key::NavCalls)}</span>
                    <strong>{show(|d| d.calls.to_string())}</strong>
                    <small>{tx(Key::AnswerRate)} ": " {show(|d| percent1(d.answer_rate.share()))} " · " {tx(Key::ServiceLevel)} " (20 s): " {show(|d| percent1(d.service_level.share()))}</small>
                </a>
            </div>
            <div class="grid2">
                <section class="card" aria-labelledby="dash-stage-h">
                    <h2 id="dash-stage-h"><a href="/customers">{tx(Key::CustomersByStage)}</a></h2>
                    <BarChart title=Signal::derive(move || app.t(Key::CustomersByStage).to_owned()) bars=stage_bars/>
                </section>
                <section class="card" aria-labelledby="dash-source-h">
                    <h2 id="dash-source-h"><a href="/insights">{tx(Key::CustomersBySource)}</a></h2>
                    <BarChart title=Signal::derive(move || app.t(Key::CustomersBySource).to_owned()) bars=source_bars/>
                </section>
                <section class="card" aria-labelledby="dash-new-h">
                    <h2 id="dash-new-h"><a href="/customers">{tx(Key::NewCustomersPerMonth)}</a></h2>
                    {move || {
                        let max = new_per_month.with(|p| p.iter().map(|x| x.value).fold(1.0, f64::max));
                        view! { <LineChart title=Signal::derive(move || app.t(Key::NewCustomersPerMonth).to_owned()) points=new_per_month max=max/> }
                    }}
                </section>
                <section class="card" aria-labelledby="dash-sat-h">
                    <h2 id="dash-sat-h"><a href="/surveys">{tx(Key::SatisfactionTrend)}</a></h2>
                    <LineChart title=Signal::derive(move || app.t(Key::SatisfactionTrend).to_owned()) points=satisfaction_trend max=100.0/>
                </section>
                <section class="card" aria-labelledby="dash-nps-h">
                    <h2 id="dash-nps-h"><a href="/surveys">{tx(Key::NpsTrend)}</a></h2>
                    <p class="hint">{tx(Key::NpsTrendHint)}</p>
                    <LineChart title=Signal::derive(move || app.t(Key::NpsTrend).to_owned()) points=nps_trend max=100.0/>
                </section>
            </div>
        </section>
    }
}

/// This module's part of the app: its sidebar link and its tabs.
pub const SECTION: crate::ui::components::Section = crate::ui::components::Section {
    name: Key::NavDashboard,
    home: "/dashboard",
    tabs_label: Key::NavDashboard,
    tabs: &[],
    also: &[],
};

page_routes! {
    "/dashboard" => DashboardPage,
}
