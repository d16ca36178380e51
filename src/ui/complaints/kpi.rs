//! Complaint KPIs for a chosen period, each with its definition beside it; the Pareto
//! chart of complaints by category; the monthly trend; the deadline per severity.

use chrono::{Datelike, NaiveDate, TimeZone};
use leptos::prelude::*;

use super::{deadline_hours, set_deadline_hours, ComplaintTabs};
use crate::analysis::complaints::{by_category, by_month, kpis};
use crate::i18n::Key;
use crate::model::complaint::Severity;
use crate::model::Choice;
use crate::ui::components::{LineChart, ParetoChart, Point, Writes};
use crate::ui::context::{tx, use_app};
use crate::ui::format::{percent1, today};

/// `/complaints/kpi`.
#[component]
pub fn ComplaintKpiPage() -> impl IntoView {
    let app = use_app();
    let day = today();
    let from = RwSignal::new(day.with_day(1).unwrap_or(day).to_string());
    let to = RwSignal::new(day.to_string());
    let figures = Memo::new(move |_| {
        let (Ok(f), Ok(t)) = (from.get().parse::<NaiveDate>(), to.get().parse::<NaiveDate>()) else { return None };
        let start = chrono::Local.from_local_datetime(&f.and_hms_opt(0, 0, 0)?).earliest()?.to_utc();
        let end = chrono::Local.from_local_datetime(&t.and_hms_opt(23, 59, 59)?).latest()?.to_utc();
        Some(app.stores.complaints.with(|c| kpis(c.live(), start, end, chrono::Utc::now())))
    });
    let pareto = Signal::derive(move || {
        let lang = app.lang.get();
        app.stores.complaints.with(|c| {
            let counts = by_category(c.live());
            let total: usize = counts.iter().map(|x| x.1).sum();
            let mut cum = 0usize;
            counts
                .into_iter()
                .filter(|x| x.1 > 0)
                .map(|(cat, n)| {
                    cum += n;
                    (lang.t(cat.label()).to_owned(), n as f64, cum as f64 / total.max(1) as f64)
                })
                .collect::<Vec<_>>()
        })
    });
    let no_marks: Vec<f64> = Vec::new();
    let trend = Signal::derive(move || {
        app.stores.complaints.with(|c| {
            by_month(c.live())
                .into_iter()
                .rev()
                .take(12)
                .rev()
                .map(|(y, m, n)| Point { label: format!("{y}-{m:02}"), value: n as f64 })
                .collect::<Vec<_>>()
        })
    });
    let trend_max = Signal::derive(move || trend.with(|t| t.iter().map(|p| p.value).fold(1.0, f64::max)));
    let kpi = move |label: Key,
                    def: Key,
                    pick: fn(&crate::analysis::complaints::ComplaintKpis) -> crate::analysis::rate::Rate,
                    id: &'static str| {
        view! {
            <div class="figure-card">
                <span>{tx(label)}</span>
                <strong data-testid=id>{move || figures.get().map(|k| percent1(pick(&k).share())).unwrap_or_else(|| "—".into())}</strong>
                <small>{move || figures.get().map(|k| { let r = pick(&k); format!("{} / {}", r.hit, r.of) }).unwrap_or_default()}</small>
                <small>{tx(def)}</small>
            </div>
        }
    };
    view! {
        <section class="page">
            <ComplaintTabs/>
            <h1>{tx(Key::ComplaintKpis)}</h1>
            <div class="toolbar">
                <label class="inline"><span>{tx(Key::From)}</span><input type="date" prop:value=move || from.get() on:input=move |ev| from.set(event_target_value(&ev))/></label>
                <label class="inline"><span>{tx(Key::To)}</span><input type="date" prop:value=move || to.get() on:input=move |ev| to.set(event_target_value(&ev))/></label>
                <span>{tx(Key::ReceivedInPeriod)} ": " <strong data-testid="received">{move || figures.get().map(|k| k.received.to_string()).unwrap_or_default()}</strong></span>
            </div>
            <div class="figures">
                {kpi(Key::OnTimeRate, Key::OnTimeRateDefinition, |k| k.on_time, "on-time-rate")}
                {kpi(Key::ResolutionRate, Key::ResolutionRateDefinition, |k| k.resolution, "resolution-rate")}
                {kpi(Key::ComplaintSatisfactionRate, Key::ComplaintSatisfactionDefinition, |k| k.satisfaction, "complaint-satisfaction")}
            </div>
            <section class="card" aria-labelledby="cat-h">
                <h2 id="cat-h">{tx(Key::ByCategory)}</h2>
                <ParetoChart title=Signal::derive(move || app.t(Key::ByCategory).to_owned()) items=pareto marks=no_marks/>
                <ol>{move || pareto.get().into_iter().map(|(l, n, c)| view! { <li>{l} ": " {n as usize} " (" {percent1(Some(c))} ")"</li> }).collect_view()}</ol>
            </section>
            <section class="card" aria-labelledby="trend-h">
                <h2 id="trend-h">{tx(Key::MonthlyTrend)}</h2>
                {move || view! { <LineChart title=Signal::derive(move || app.t(Key::MonthlyTrend).to_owned()) points=trend max=trend_max.get()/> }}
            </section>
            <section class="card" aria-labelledby="deadline-h">
                <h2 id="deadline-h">{tx(Key::Deadlines)}</h2>
                <div class="grid3"><Writes>
                    {Severity::ALL.iter().map(|s| {
                        let s = *s;
                        let value = RwSignal::new(deadline_hours(&app, s).to_string());
                        let id = crate::ui::components::next_id("dl");
                        let for_id = id.clone();
                        view! {
                            <div class="field">
                                <label for=for_id>{tx(s.label())} " (h)"</label>
                                <input id=id type="number" min="1" prop:value=move || value.get() on:change=move |ev| {
                                    let text = event_target_value(&ev);
                                    let result = text.trim().parse::<u32>().map_err(|_| crate::model::Problem::OutOfRange { min: 1, max: 8784 }).and_then(|h| set_deadline_hours(app, s, h));
                                    match result {
                                        Ok(()) => {}
                                        Err(p) => {
                                            app.problem(Some(app.t_now(s.label())), &p);
                                            value.set(deadline_hours(&app, s).to_string());
                                        }
                                    }
                                }/>
                            </div>
                        }
                    }).collect_view()}
                </Writes></div>
                <p class="hint">{tx(Key::DeadlinesHint)}</p>
            </section>
        </section>
    }
}
