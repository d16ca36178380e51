//! 客户价值分析: ABC / Pareto, RFM segments and CLV over the orders of a chosen period,
//! recomputed as the data changes.

use std::collections::HashMap;
use std::sync::Arc;

use chrono::{Days, NaiveDate};
use leptos::prelude::*;

use super::SalesTabs;
use crate::analysis::abc::{class_totals, AbcClass, AbcThresholds};
use crate::analysis::clv::ClvInputs;
use crate::analysis::rfm::{mean_scores, RfmRow, Segment};
use crate::i18n::Key;
use crate::model::Choice;
use crate::ui::components::{Bar, BarChart, EmptyState, ParetoChart};
use crate::ui::context::{tx, use_app};
use crate::ui::figures::{period_activity, ValueFigures};
use crate::ui::format::{fixed, today, yuan};
use crate::ui::service::customer_name;

/// The letter of an ABC class.
pub fn class_letter(c: AbcClass) -> &'static str {
    match c {
        AbcClass::A => "A",
        AbcClass::B => "B",
        AbcClass::C => "C",
    }
}

/// `/value`.
#[component]
pub fn ValuePage() -> impl IntoView {
    let app = use_app();
    let to_day = today();
    let from = RwSignal::new(to_day.checked_sub_days(Days::new(364)).unwrap_or(to_day).to_string());
    let to = RwSignal::new(to_day.to_string());
    let a = RwSignal::new("80".to_owned());
    let b = RwSignal::new("95".to_owned());
    let thresholds = Memo::new(move |_| {
        let per_mille = |s: String| crate::workbook::orders_csv::parse_number(&s).map(|v| (v * 10.0).round() as u32);
        AbcThresholds { a: per_mille(a.get())?, b: per_mille(b.get())? }.check().ok()
    });
    let period = Memo::new(move |_| match (from.get().parse::<NaiveDate>(), to.get().parse::<NaiveDate>()) {
        (Ok(f), Ok(t)) if f <= t => Some((f, t)),
        _ => None,
    });
    // Changing a threshold re-ranks ABC only; the period's activity and RFM stay.
    let activity = Memo::new_with_compare(
        move |_| {
            let (f, t) = period.get()?;
            Some(Arc::new(period_activity(&app, f, t)))
        },
        |_, _| true,
    );
    let data = Memo::new_with_compare(
        move |_| activity.get().map(|a| a.with_thresholds(thresholds.get().unwrap_or_default())),
        |_, _| true,
    );
    view! {
        <section class="page">
            <SalesTabs/>
            <h1>{tx(Key::NavValue)}</h1>
            <crate::ui::components::HelpPanel text=Key::HelpValue exercise="p4-t1"/>
            <div class="toolbar">
                <label class="inline"><span>{tx(Key::From)}</span><input type="date" prop:value=move || from.get() on:input=move |ev| from.set(event_target_value(&ev))/></label>
                <label class="inline"><span>{tx(Key::To)}</span><input type="date" prop:value=move || to.get() on:input=move |ev| to.set(event_target_value(&ev))/></label>
            </div>
            <p class="error" role="alert" hidden=move || period.get().is_some()>{tx(Key::ChooseDates)}</p>
            {move || match data.get() {
                Some(d) if !d.abc.is_empty() => view! {
                    <AbcSection data=d.clone() thresholds=thresholds a=a b=b/>
                    <RfmSection data=d.clone()/>
                    <ClvSection averages=d.averages/>
                }
                .into_any(),
                Some(_) => view! { <EmptyState message=Key::NoOrdersInPeriod/> }.into_any(),
                None => ().into_any(),
            }}
        </section>
    }
}

#[component]
fn AbcSection(
    data: ValueFigures,
    thresholds: Memo<Option<AbcThresholds>>,
    a: RwSignal<String>,
    b: RwSignal<String>,
) -> impl IntoView {
    let app = use_app();
    let totals = class_totals(&data.abc);
    let all: i64 = totals.iter().map(|t| t.1).sum();
    let top: Vec<(String, f64, f64)> = data
        .abc
        .iter()
        .take(20)
        .map(|r| (customer_name(&app, &r.key), r.revenue as f64 / 100.0, r.cumulative))
        .collect();
    let marks = Signal::derive(move || {
        thresholds.get().map(|t| vec![f64::from(t.a) / 1000.0, f64::from(t.b) / 1000.0]).unwrap_or_default()
    });
    view! {
        <section class="card" aria-labelledby="abc-h">
            <h2 id="abc-h">{tx(Key::AbcAnalysis)}</h2>
            <p class="hint">{tx(Key::AbcDefinition)}</p>
            <crate::ui::components::HowComputed lines=&[Key::AbcTieBreak]/>
            <div class="toolbar">
                <label class="inline"><span>{tx(Key::ThresholdA)}</span><input type="text" inputmode="decimal" size="4" prop:value=move || a.get() on:input=move |ev| a.set(event_target_value(&ev))/><span>"%"</span></label>
                <label class="inline"><span>{tx(Key::ThresholdB)}</span><input type="text" inputmode="decimal" size="4" prop:value=move || b.get() on:input=move |ev| b.set(event_target_value(&ev))/><span>"%"</span></label>
            </div>
            <p class="error" role="alert" hidden=move || thresholds.get().is_some()>{tx(Key::ThresholdsOutOfOrder)}</p>
            <ParetoChart title=Signal::derive(move || app.t(Key::ParetoChart).to_owned()) items=top marks=marks/>
            <table class="simple">
                <thead><tr>
                    <th scope="col">{tx(Key::AbcClassCol)}</th>
                    <th scope="col">{tx(Key::Customers)}</th>
                    <th scope="col">{tx(Key::Revenue)}</th>
                    <th scope="col">{tx(Key::ShareOfRevenue)}</th>
                </tr></thead>
                <tbody>
                    {[AbcClass::A, AbcClass::B, AbcClass::C].into_iter().zip(totals).map(|(c, (n, rev))| view! {
                        <tr data-class=class_letter(c)>
                            <td>{class_letter(c)}</td>
                            <td>{n}</td>
                            <td>{yuan(rev as f64 / 100.0)}</td>
                            <td>{if all > 0 { format!("{}%", fixed(rev as f64 * 100.0 / all as f64, 1)) } else { "—".into() }}</td>
                        </tr>
                    }).collect_view()}
                </tbody>
            </table>
        </section>
    }
}

#[component]
fn RfmSection(data: ValueFigures) -> impl IntoView {
    let app = use_app();
    let mut by: HashMap<Segment, (usize, i64)> = HashMap::new();
    for r in data.rfm.iter() {
        let e = by.entry(r.segment).or_default();
        e.0 += 1;
        e.1 += r.monetary;
    }
    let lang = app.lang.get_untracked();
    let bars: Vec<Bar> = Segment::ALL
        .iter()
        .map(|s| {
            let n = by.get(s).map_or(0, |x| x.0);
            Bar { label: lang.t(s.label()).to_owned(), value: n as f64, text: n.to_string() }
        })
        .collect();
    let means = mean_scores(&data.rfm);
    let chosen = RwSignal::new(None::<Segment>);
    let rows = StoredValue::new(data.rfm.clone());
    let listed = move || {
        let seg = chosen.get()?;
        let mut v: Vec<RfmRow<Arc<str>>> =
            rows.with_value(|r| r.iter().filter(|x| x.segment == seg).cloned().collect());
        v.sort_by_key(|r| std::cmp::Reverse(r.monetary));
        Some(v.into_iter().take(50).collect::<Vec<_>>())
    };
    view! {
        <section class="card" aria-labelledby="rfm-h">
            <h2 id="rfm-h">{tx(Key::RfmAnalysis)}</h2>
            <p class="hint">{tx(Key::RfmDefinition)}</p>
            <p data-testid="rfm-means">{tx(Key::RfmMeans)} ": " {means.map(|[r, f, m]| format!("R {} · F {} · M {}", fixed(r, 2), fixed(f, 2), fixed(m, 2))).unwrap_or_else(|| "—".into())}</p>
            <crate::ui::components::HowComputed lines=&[Key::RfmTies]/>
            <BarChart title=Signal::derive(move || app.t(Key::RfmAnalysis).to_owned()) bars=bars/>
            <table class="simple">
                <thead><tr>
                    <th scope="col">{tx(Key::Segment)}</th>
                    <th scope="col">"R F M"</th>
                    <th scope="col">{tx(Key::Customers)}</th>
                    <th scope="col">{tx(Key::Revenue)}</th>
                </tr></thead>
                <tbody>
                    {Segment::ALL.iter().map(|s| {
                        let (n, rev) = by.get(s).copied().unwrap_or_default();
                        let (r, f, m) = s.highs();
                        let up = |flag: bool| if flag { "↑" } else { "↓" };
                        let arrows = format!("R{} F{} M{}", up(r), up(f), up(m));
                        view! {
                            <tr>
                                <td>{tx(s.label())}</td>
                                <td>{arrows}</td>
                                <td>{n}</td>
                                <td>{yuan(rev as f64 / 100.0)}</td>
                            </tr>
                        }
                    }).collect_view()}
                </tbody>
            </table>
            <label class="inline">
                <span>{tx(Key::ShowSegment)}</span>
                <select prop:value=move || chosen.get().map_or("", Segment::value) on:change=move |ev| chosen.set(Segment::from_value(&event_target_value(&ev)))>
                    <option value="">"—"</option>
                    {Segment::ALL.iter().map(|s| view! { <option value=s.value()>{tx(s.label())}</option> }).collect_view()}
                </select>
            </label>
            {move || listed().map(|v| view! {
                <table class="simple">
                    <thead><tr>
                        <th scope="col">{tx(Key::Customer)}</th>
                        <th scope="col">{tx(Key::RecencyDays)}</th>
                        <th scope="col">{tx(Key::Frequency)}</th>
                        <th scope="col">{tx(Key::Revenue)}</th>
                        <th scope="col">"R F M"</th>
                    </tr></thead>
                    <tbody>
                        {v.into_iter().map(|r| view! {
                            <tr>
                                <td><a href=format!("/customers/{}", r.key)>{customer_name(&app, &r.key)}</a></td>
                                <td>{r.recency_days}</td>
                                <td>{r.frequency}</td>
                                <td>{yuan(r.monetary as f64 / 100.0)}</td>
                                <td>{format!("{} {} {}", r.scores[0], r.scores[1], r.scores[2])}</td>
                            </tr>
                        }).collect_view()}
                    </tbody>
                </table>
            })}
        </section>
    }
}

#[component]
fn ClvSection(averages: Option<(f64, f64)>) -> impl IntoView {
    let (aov, per_year) = averages.unwrap_or((0.0, 0.0));
    let s = |v: String| RwSignal::new(v);
    let aov = s(fixed(aov, 2));
    let per_year = s(fixed(per_year, 2));
    let margin = s("30".to_owned());
    let retention = s("80".to_owned());
    let discount = s("10".to_owned());
    let years = s("5".to_owned());
    let inputs = Memo::new(move |_| {
        let n = |s: RwSignal<String>| crate::workbook::orders_csv::parse_number(&s.get());
        Some(ClvInputs {
            average_order: n(aov)?,
            orders_per_year: n(per_year)?,
            margin: n(margin)? / 100.0,
            retention: n(retention)? / 100.0,
            discount: n(discount)? / 100.0,
            years: years.get().trim().parse().ok().filter(|y: &u32| *y <= 100)?,
        })
    });
    let field = move |label: Key, value: RwSignal<String>, unit: &'static str| {
        view! {
            <label class="inline">
                <span>{tx(label)}</span>
                <input type="text" inputmode="decimal" size="8" prop:value=move || value.get() on:input=move |ev| value.set(event_target_value(&ev))/>
                <span>{unit}</span>
            </label>
        }
    };
    view! {
        <section class="card" aria-labelledby="clv-h">
            <h2 id="clv-h">{tx(Key::ClvTitle)}</h2>
            <p class="hint">{tx(Key::ClvDefinition)}</p>
            <div class="grid3">
                {field(Key::AverageOrder, aov, "¥")}
                {field(Key::OrdersPerYear, per_year, "")}
                {field(Key::MarginRate, margin, "%")}
                {field(Key::RetentionRate, retention, "%")}
                {field(Key::DiscountRate, discount, "%")}
                {field(Key::Years, years, "")}
            </div>
            {move || match inputs.get().and_then(|i| Some((i, i.clv()?))) {
                None => view! { <p class="error" role="alert">{tx(Key::ClvInputsInvalid)}</p> }.into_any(),
                Some((i, v)) => view! {
                    <p class="figure"><span>{tx(Key::AnnualMargin)} ": " {yuan(i.annual_margin())}</span> " · " <strong data-testid="clv">{yuan(v)}</strong></p>
                    <table class="simple">
                        <thead><tr><th scope="col">{tx(Key::Year)}</th><th scope="col">{tx(Key::PresentValue)}</th></tr></thead>
                        <tbody>{i.yearly().into_iter().enumerate().map(|(t, y)| view! { <tr><td>{t + 1}</td><td>{yuan(y)}</td></tr> }).collect_view()}</tbody>
                    </table>
                }
                .into_any(),
            }}
        </section>
    }
}
