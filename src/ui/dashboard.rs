//! 工作台, the page for today: first what needs doing (callbacks due and overdue,
//! birthdays and other care due this week, complaints past or near their deadline),
//! each a link to the record to act on; then sales and new vs returning buyers over the
//! last 12 months; then the figures of a chosen period, one card per module the book
//! uses, each linking to the page where the work is done.

use chrono::{Datelike, Local, NaiveDate, TimeZone};
use leptos::prelude::*;

use crate::analysis::callbacks::{callback_rates, CallbackDates, CallbackRates};
use crate::analysis::calls::metrics as call_metrics;
use crate::analysis::care::Reminder;
use crate::analysis::complaints::kpis;
use crate::analysis::dashboard::{
    complaints_near_deadline, count_between, months_ending, new_and_returning, satisfaction_by_month, sum_by_month,
};
use crate::analysis::rate::Rate;
use crate::analysis::satisfaction::{nps, satisfaction_rate};
use crate::i18n::Key;
use crate::model::care::CareKind;
use crate::model::service::Agenda;
use crate::model::survey::Answer;
use crate::model::{Choice, Stage};
use crate::ui::components::{Bar, BarChart, ColumnChart, LineChart, Point, Stack};
use crate::ui::context::{tx, use_app, AppCtx};
use crate::ui::format::{fixed, local_datetime, percent1, today, yuan};
use crate::ui::kept::kept;
use crate::ui::service::customer_name;

/// Items of each today list drawn before "see all".
const TODAY_ROWS: usize = 10;
/// Days of "this week", today included.
const WEEK: u64 = 7;
/// A complaint this close to its deadline is on the today page.
const DEADLINE_HOURS: i64 = 24;

/// An amount in whole yuan, grouped (¥1,234).
fn whole_yuan(v: f64) -> String {
    let text = yuan(v.round());
    text.strip_suffix(".00").map(str::to_owned).unwrap_or(text)
}

/// A count.
fn count(v: f64) -> String {
    fixed(v, 0)
}

/// A month as the charts label it: 2026-03.
fn month_label((y, m): (i32, u32)) -> String {
    format!("{y}-{m:02}")
}

/// Whether the book has any live record in `table`: a module it does not use gets no
/// card and no list.
macro_rules! uses {
    ($app:expr, $collection:ident) => {
        $app.stores.$collection.with(|t| t.live().next().is_some())
    };
}

/// The figures of one period.
#[derive(Debug, Clone, PartialEq, Default)]
struct Figures {
    customers: usize,
    new_customers: usize,
    by_stage: Vec<(Stage, usize)>,
    by_source: Vec<(String, usize)>,
    revenue: f64,
    /// The part of `revenue` that is opening balances counted in the period.
    opening_revenue: f64,
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
            // An opening balance counts on its day (see `analysis::value::opening_day`).
            if crate::analysis::value::opening_day(c).is_some_and(|d| d >= from && d <= to) {
                let total = c.opening.as_ref().and_then(|o| o.total).unwrap_or(0.0);
                f.revenue += total;
                f.opening_revenue += total;
            }
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
    let (orders, fen) = crate::ui::figures::with_order_columns(app, |c| c.orders_in(from, to));
    f.orders = orders;
    f.revenue += fen as f64 / 100.0;
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
    complaint_figures(app, &mut f, from, to);
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

/// The complaint figures of `from..=to` in `f`, as of now: a deadline passes at any
/// hour, so these are not kept with the rest of the period's figures.
fn complaint_figures(app: &AppCtx, f: &mut Figures, from: NaiveDate, to: NaiveDate) {
    let start = Local.from_local_datetime(&from.and_hms_opt(0, 0, 0).unwrap_or_default()).earliest();
    let end = Local.from_local_datetime(&to.and_hms_opt(23, 59, 59).unwrap_or_default()).latest();
    let (Some(start), Some(end)) = (start, end) else { return };
    let k = app.stores.complaints.with(|t| kpis(t.live(), start.to_utc(), end.to_utc(), chrono::Utc::now()));
    (f.complaints, f.on_time, f.resolution) = (k.received, k.on_time, k.resolution);
}

/// Callbacks overdue or due today, earliest first: (callback, customer, due).
fn callbacks_due(app: &AppCtx) -> Vec<(String, String, NaiveDate)> {
    let day = today();
    app.stores.callbacks.with(|t| {
        let mut v: Vec<(String, String, NaiveDate)> = t
            .live()
            .filter(|c| matches!(c.agenda(day), Agenda::Overdue | Agenda::DueToday))
            .map(|c| (c.id.to_string(), c.customer_id.to_string(), c.due))
            .collect();
        v.sort_by(|a, b| a.2.cmp(&b.2).then_with(|| a.0.cmp(&b.0)));
        v
    })
}

/// One of the today panel's care lists: how many, and the first [`TODAY_ROWS`].
#[derive(Debug, Clone, Default, PartialEq)]
struct Cut {
    total: usize,
    first: Vec<Reminder>,
}

impl Cut {
    fn add(&mut self, r: &Reminder) {
        self.total += 1;
        if self.first.len() < TODAY_ROWS {
            self.first.push(r.clone());
        }
    }
}

/// The care of the today panel, from the care page's list: birthdays by the end of this
/// week (and earlier, not done), the other care that fell due from a week ago to the
/// end of this week, and how many fell due before (a customer not seen for months: on
/// the care page; here only counted, so this week's does not drown under it). Only
/// what is drawn is copied: at 100,000 customers the list holds ~65,000 reminders.
#[derive(Debug, Clone, Default, PartialEq)]
struct TodayCare {
    birthdays: Cut,
    other: Cut,
    older: usize,
}

fn care_this_week(_: &AppCtx) -> TodayCare {
    let day = today();
    let week_end = day.checked_add_days(chrono::Days::new(WEEK - 1)).unwrap_or(day);
    let since = day.checked_sub_days(chrono::Days::new(WEEK)).unwrap_or(day);
    crate::ui::loyalty::care_due_today().with(|due| {
        let mut care = TodayCare::default();
        for r in due.iter().filter(|r| r.due <= week_end) {
            if r.kind == CareKind::Birthday {
                care.birthdays.add(r);
            } else if r.due >= since {
                care.other.add(r);
            }
            care.older += usize::from(r.due < since);
        }
        care
    })
}

/// What needs doing today, each item a link to act on it.
#[component]
fn TodayPanel() -> impl IntoView {
    let app = use_app();
    let day = today();
    let callbacks = kept(callbacks_due);
    let care = kept(care_this_week);
    let birthdays = Memo::new(move |_| care.with(|c| c.birthdays.clone()));
    let other_care = Memo::new(move |_| care.with(|c| c.other.clone()));
    let older_care = Memo::new(move |_| care.with(|c| c.older));
    let complaints = Memo::new(move |_| {
        let now = chrono::Utc::now();
        app.stores.complaints.with(|t| {
            complaints_near_deadline(t.live(), now, chrono::Duration::hours(DEADLINE_HOURS))
                .into_iter()
                .map(|c| (c.id.to_string(), c.customer_id.to_string(), c.deadline(), c.category, now > c.deadline()))
                .collect::<Vec<_>>()
        })
    });
    let nothing = move || {
        callbacks.with(Vec::is_empty) && care.with(|c| *c == TodayCare::default()) && complaints.with(Vec::is_empty)
    };
    let more = move |n: usize, href: &'static str| {
        (n > TODAY_ROWS).then(|| {
            view! { <p class="hint"><a href=href>{move || crate::messages::and_more(app.lang.get(), n - TODAY_ROWS)}</a></p> }
        })
    };
    let care_item = move |r: Reminder| {
        let name = customer_name(&app, &r.customer_id);
        view! {
            <li class:overdue=r.due < day>
                <span class="agenda-date">{r.due.to_string()}</span>
                <a href=format!("/customers/{}", r.customer_id)>{name}</a>
                <span class="badge">{tx(r.kind.label())}</span>
            </li>
        }
    };
    view! {
        <section class="card today" aria-labelledby="today-h" data-testid="today">
            <h2 id="today-h">{tx(Key::TodayTitle)} " · " {day.to_string()}</h2>
            <Show when=nothing>
                <p class="hint">{tx(Key::TodayNothing)}</p>
            </Show>
            <div class="today-grid">
                <Show when=move || callbacks.with(|v| !v.is_empty())>
                    <section aria-labelledby="today-callbacks-h" data-testid="today-callbacks">
                        <h3 id="today-callbacks-h"><a href="/callbacks">{tx(Key::CallbacksToDo)} " (" {move || callbacks.with(Vec::len)} ")"</a></h3>
                        <ul class="agenda-list">
                            {move || callbacks.get().into_iter().take(TODAY_ROWS).map(|(id, customer, due)| {
                                let name = customer_name(&app, &customer);
                                let label = format!("{} {name}", app.t_now(Key::NavCallbacks));
                                view! {
                                    <li class:overdue=due < day>
                                        <span class="agenda-date">{due.to_string()}</span>
                                        <a href=format!("/callbacks/{id}") aria-label=label>{name}</a>
                                        {(due < day).then(|| view! { <span class="badge">{tx(Key::Overdue)}</span> })}
                                    </li>
                                }
                            }).collect_view()}
                        </ul>
                        {move || more(callbacks.with(Vec::len), "/callbacks")}
                    </section>
                </Show>
                <Show when=move || birthdays.with(|v| v.total > 0)>
                    <section aria-labelledby="today-birthdays-h" data-testid="today-birthdays">
                        <h3 id="today-birthdays-h"><a href="/care">{tx(Key::BirthdaysThisWeek)} " (" {move || birthdays.with(|v| v.total)} ")"</a></h3>
                        <ul class="agenda-list">
                            {move || birthdays.get().first.into_iter().map(care_item).collect_view()}
                        </ul>
                        {move || more(birthdays.with(|v| v.total), "/care")}
                    </section>
                </Show>
                <Show when=move || other_care.with(|v| v.total > 0)>
                    <section aria-labelledby="today-care-h" data-testid="today-care">
                        <h3 id="today-care-h"><a href="/care">{tx(Key::CareThisWeek)} " (" {move || other_care.with(|v| v.total)} ")"</a></h3>
                        <ul class="agenda-list">
                            {move || other_care.get().first.into_iter().map(care_item).collect_view()}
                        </ul>
                        {move || more(other_care.with(|v| v.total), "/care")}
                    </section>
                </Show>
                <Show when=move || { older_care.get() > 0 }>
                    <p class="hint" data-testid="today-older-care">
                        <a href="/care">{tx(Key::OlderCare)} ": " {move || older_care.get()}</a>
                    </p>
                </Show>
                <Show when=move || complaints.with(|v| !v.is_empty())>
                    <section aria-labelledby="today-complaints-h" data-testid="today-complaints">
                        <h3 id="today-complaints-h"><a href="/complaints">{tx(Key::ComplaintsNearDeadline)} " (" {move || complaints.with(Vec::len)} ")"</a></h3>
                        <ul class="agenda-list">
                            {move || complaints.get().into_iter().take(TODAY_ROWS).map(|(id, customer, deadline, category, late)| {
                                let name = customer_name(&app, &customer);
                                view! {
                                    <li class:overdue=late>
                                        <span class="agenda-date">{local_datetime(deadline)}</span>
                                        <a href=format!("/complaints/{id}")>{name} " · " {tx(category.label())}</a>
                                        {late.then(|| view! { <span class="badge">{tx(Key::Overdue)}</span> })}
                                    </li>
                                }
                            }).collect_view()}
                        </ul>
                        {move || more(complaints.with(Vec::len), "/complaints")}
                    </section>
                </Show>
            </div>
        </section>
    }
}

/// Sales in each of the last 12 months.
fn sales_by_month(app: &AppCtx) -> Vec<Stack> {
    let months = months_ending(today(), 12);
    let sums = app.stores.orders.with(|t| sum_by_month(t.live().map(|o| (o.date, o.amount)), &months));
    months.iter().zip(sums).map(|(mo, v)| Stack { label: month_label(*mo), values: vec![v] }).collect()
}

/// New and returning buyers in each of the last 12 months.
fn buyers_by_month(app: &AppCtx) -> Vec<Stack> {
    let months = months_ending(today(), 12);
    // A customer with an opening balance bought before their first order in Kehu:
    // its first known day counts as a purchase.
    let openings: Vec<(String, NaiveDate)> = app.stores.customers.with(|t| {
        t.live()
            .filter_map(|c| {
                let o = c.opening.as_ref()?;
                let day = o.first.or(crate::analysis::value::opening_day(c))?;
                Some((c.id.to_string(), day))
            })
            .collect()
    });
    // Customers by the compact copy's numbers (no id hashed per order); one with an
    // opening balance and no order gets a number of its own past the copy's.
    let counts = crate::ui::figures::with_order_columns(app, |orders| {
        let mut next = orders.numbers_used();
        let openings: Vec<(u32, NaiveDate)> = openings
            .iter()
            .map(|(id, day)| {
                let n = orders.number_of(id).unwrap_or_else(|| {
                    next += 1;
                    next - 1
                });
                (n, *day)
            })
            .collect();
        new_and_returning(orders.purchases().chain(openings), &months)
    });
    months
        .iter()
        .zip(counts)
        .map(|(mo, c)| Stack { label: month_label(*mo), values: vec![c.new as f64, c.returning as f64] })
        .collect()
}

/// New customers in each of the last 12 months.
fn new_customers_by_month(app: &AppCtx) -> Vec<Point> {
    let months = months_ending(today(), 12);
    // Each month's first instant here, and the next month's: the time zone is asked
    // 13 times, not once per customer.
    let next = months.last().map(|&(y, m)| if m == 12 { (y + 1, 1) } else { (y, m + 1) });
    let bounds: Vec<chrono::DateTime<chrono::Utc>> = months
        .iter()
        .chain(&next)
        .filter_map(|&(y, m)| {
            let midnight = NaiveDate::from_ymd_opt(y, m, 1)?.and_hms_opt(0, 0, 0)?;
            // A midnight skipped by a clock change: the month starts when the day does.
            Local
                .from_local_datetime(&midnight)
                .earliest()
                .or_else(|| Local.from_local_datetime(&(midnight + chrono::Duration::hours(1))).earliest())
        })
        .map(|at| at.to_utc())
        .collect();
    let counts = app.stores.customers.with(|t| count_between(t.live().map(|c| c.created_at), &bounds));
    months.iter().zip(counts).map(|((y, mo), n)| Point { label: format!("{y}-{mo:02}"), value: n as f64 }).collect()
}

/// Sales and new vs returning buyers over the last 12 months.
#[component]
fn YearCharts() -> impl IntoView {
    let app = use_app();
    let sales = kept(sales_by_month);
    let buyers = kept(buyers_by_month);
    let one = Signal::derive(move || vec![app.t(Key::Revenue).to_owned()]);
    let two = Signal::derive(move || vec![app.t(Key::NewBuyers).to_owned(), app.t(Key::ReturningBuyers).to_owned()]);
    view! {
        <div class="grid2">
            <section class="card" aria-labelledby="dash-sales-h">
                <h2 id="dash-sales-h"><a href="/orders">{tx(Key::SalesByMonth)}</a></h2>
                <ColumnChart title=Signal::derive(move || app.t(Key::SalesByMonth).to_owned()) series=one columns=sales format=whole_yuan/>
            </section>
            <section class="card" aria-labelledby="dash-buyers-h">
                <h2 id="dash-buyers-h"><a href="/value">{tx(Key::NewVsReturning)}</a></h2>
                <p class="hint">{tx(Key::NewVsReturningHint)}</p>
                <ColumnChart title=Signal::derive(move || app.t(Key::NewVsReturning).to_owned()) series=two columns=buyers format=count/>
            </section>
        </div>
    }
}

/// The period the page opens with: this month up to today.
fn month_to_date() -> (NaiveDate, NaiveDate) {
    let day = today();
    (day.with_day(1).unwrap_or(day), day)
}

/// `/dashboard`.
#[component]
pub fn DashboardPage() -> impl IntoView {
    let app = use_app();
    let later = RwSignal::new(false);
    // After the first frame is painted, not merely scheduled.
    request_animation_frame(move || set_timeout(move || later.set(true), std::time::Duration::ZERO));
    let from = RwSignal::new(month_to_date().0.to_string());
    let to = RwSignal::new(month_to_date().1.to_string());
    let data = Memo::new(move |_| {
        let (Ok(f), Ok(t)) = (from.get().parse::<NaiveDate>(), to.get().parse::<NaiveDate>()) else { return None };
        // The period the page opens with is kept across visits.
        if (f, t) == month_to_date() {
            let mut figures = kept(|app| figures(app, month_to_date().0, month_to_date().1)).get();
            complaint_figures(&app, &mut figures, f, t);
            return Some(figures);
        }
        Some(figures(&app, f, t))
    });
    let new_per_month = kept(new_customers_by_month);
    let by_month = kept(|app| {
        let months = months_ending(today(), 12);
        app.stores.survey_responses.with(|t| satisfaction_by_month(t.live(), &months, |r| local_day(r.created_at)))
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
    let key_accounts = Memo::new(move |_| crate::ui::key_accounts::current_key_accounts().with(Vec::len));
    let a_class = Memo::new(move |_| {
        let f = crate::ui::figures::year_figures().get();
        f.abc.iter().filter(|r| r.class == crate::analysis::abc::AbcClass::A).count()
    });
    let show =
        move |pick: fn(&Figures) -> String| move || data.with(|d| d.as_ref().map(pick).unwrap_or_else(|| "—".into()));
    // A module the book does not use gets no card (rather than a row of "—").
    let has_orders = Memo::new(move |_| uses!(app, orders));
    let has_surveys = Memo::new(move |_| uses!(app, survey_responses));
    let has_complaints = Memo::new(move |_| uses!(app, complaints));
    let has_callbacks = Memo::new(move |_| uses!(app, callbacks));
    let has_calls = Memo::new(move |_| uses!(app, calls));
    view! {
        <section class="page">
            <h1>{tx(Key::NavDashboard)}</h1>
            // The today lists and the year's charts read every customer's care and
            // every order (a second at 100,000 customers): drawn once the period's
            // figures are on screen, so the page does not wait blank for them.
            <Show when=move || later.get() fallback=|| view! { <p class="hint" aria-busy="true" data-testid="today-pending">{tx(Key::TodayPending)}</p> }>
                <TodayPanel/>
                <YearCharts/>
            </Show>
            <h2>{tx(Key::FiguresOfPeriod)}</h2>
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
                    <small>{tx(Key::NavOrders)} ": " {show(|d| d.orders.to_string())}
                        {move || data.with(|d| d.as_ref().filter(|d| d.opening_revenue > 0.0).map(|d| d.opening_revenue)).map(|v| view! {
                            " · " {tx(Key::IncludingOpening)} " " {crate::ui::format::yuan(v)}
                        })}
                    </small>
                </a>
                <Show when=move || has_orders.get()>
                <a class="figure-card" href="/value">
                    <span>{tx(Key::ClassACustomers)}</span>
                    <strong data-testid="dash-a-class">{move || a_class.get()}</strong>
                    <small>{tx(Key::Last365Days)}</small>
                </a>
                </Show>
                <Show when=move || { key_accounts.get() > 0 }>
                <a class="figure-card" href="/key-accounts">
                    <span>{tx(Key::NavKeyAccounts)}</span>
                    <strong data-testid="dash-key-accounts">{move || key_accounts.get()}</strong>
                    <small>{tx(Key::ByRulesOrHand)}</small>
                </a>
                </Show>
                <Show when=move || has_surveys.get()>
                <a class="figure-card" href="/surveys">
                    <span>{tx(Key::SatisfactionRate)}</span>
                    <strong data-testid="dash-satisfaction">{show(|d| percent1(d.satisfaction.share()))}</strong>
                    <small>"NPS: " {show(|d| d.nps.map(|v| fixed(v, 1)).unwrap_or_else(|| "—".into()))}</small>
                </a>
                </Show>
                <Show when=move || has_complaints.get()>
                <a class="figure-card" href="/complaints/kpi">
                    <span>{tx(Key::NavComplaints)}</span>
                    <strong data-testid="dash-complaints">{show(|d| d.complaints.to_string())}</strong>
                    <small>{tx(Key::OnTimeRate)} ": " {show(|d| percent1(d.on_time.share()))} " · " {tx(Key::ResolutionRate)} ": " {show(|d| percent1(d.resolution.share()))}</small>
                </a>
                </Show>
                <Show when=move || has_callbacks.get()>
                <a class="figure-card" href="/callbacks">
                    <span>{tx(Key::NavCallbacks)}</span>
                    <strong data-testid="dash-overdue">{show(|d| d.overdue_callbacks.to_string())}</strong>
                    <small>{tx(Key::Overdue)} " · " {tx(Key::DueToday)} ": " {show(|d| d.due_callbacks.to_string())}</small>
                    <small>{tx(Key::CallbackRate)} ": " <span data-testid="dash-callback-rate">{show(|d| percent1(d.callbacks.done.share()))}</span> " · " {tx(Key::CallbackOnTimeRate)} ": " <span data-testid="dash-callback-on-time-rate">{show(|d| percent1(d.callbacks.on_time.share()))}</span></small>
                </a>
                </Show>
                <Show when=move || has_calls.get()>
                <a class="figure-card" href="/calls">
                    <span>{tx(Key::NavCalls)}</span>
                    <strong>{show(|d| d.calls.to_string())}</strong>
                    <small>{tx(Key::AnswerRate)} ": " {show(|d| percent1(d.answer_rate.share()))} " · " {tx(Key::ServiceLevel)} " (20 s): " {show(|d| percent1(d.service_level.share()))}</small>
                </a>
                </Show>
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
                <Show when=move || has_surveys.get()>
                <section class="card" aria-labelledby="dash-sat-h">
                    <h2 id="dash-sat-h"><a href="/surveys">{tx(Key::SatisfactionTrend)}</a></h2>
                    <LineChart title=Signal::derive(move || app.t(Key::SatisfactionTrend).to_owned()) points=satisfaction_trend max=100.0/>
                </section>
                <section class="card" aria-labelledby="dash-nps-h">
                    <h2 id="dash-nps-h"><a href="/surveys">{tx(Key::NpsTrend)}</a></h2>
                    <p class="hint">{tx(Key::NpsTrendHint)}</p>
                    <LineChart title=Signal::derive(move || app.t(Key::NpsTrend).to_owned()) points=nps_trend max=100.0/>
                </section>
                </Show>
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
    chunk dashboard {
        "/dashboard" => DashboardPage,
    }
}
