//! 忠诚度管理 (项目五): point rules and tiers, each customer's points ledger (earned on
//! every new order, redeemed, adjusted), churn-risk flags and the loyalty ladder.

mod care;
mod personal;

pub use care::{care_due_today, CarePage};
pub use personal::{CustomerSuggestions, SuggestionsPage};

use std::collections::HashMap;

use chrono::{Days, Utc};
use leptos::prelude::*;

use crate::analysis::order_columns::OrderDaysOf;

use crate::analysis::loyalty::{
    balance, check_redeem, churn_flags, lifetime, points_for, rung, tier_index, ChurnFlag, OrderDays, RedeemError,
    Rung, DEFAULT_TIERS,
};
use crate::i18n::{Key, Lang};
use crate::model::loyalty::{PointEntry, PointKind};
use crate::model::order::Order;
use crate::model::survey::Answer;
use crate::model::{new_id, Choice, Record};
use crate::ui::components::{Bar, BarChart, EmptyState, Submit, Writes};
use crate::ui::context::{tx, use_app, AppCtx, ToastKind};
use crate::ui::format::today;
use crate::ui::service::customer_name;
use crate::workbook::orders_csv::parse_number;

pub use crate::model::settings::LoyaltySettings;

/// The current rules (tracked).
pub fn settings(app: &AppCtx) -> LoyaltySettings {
    crate::ui::settings::setting(app)
}

fn tier_name(lang: Lang, i: usize) -> &'static str {
    let t = DEFAULT_TIERS[i.min(3)];
    if lang == Lang::Zh {
        t.0
    } else {
        t.1
    }
}

/// The ledger line a new order earns, if it earns any points.
pub fn points_for_order(app: &AppCtx, o: &Order) -> Option<PointEntry> {
    let points = points_for(o.amount, crate::ui::settings::setting_untracked::<LoyaltySettings>(app).per_yuan);
    (points > 0).then(|| {
        let now = Utc::now();
        PointEntry {
            sample: false,
            id: new_id(),
            customer_id: o.customer_id.clone(),
            date: o.date,
            kind: PointKind::Earned,
            points,
            reason: Default::default(),
            order_id: o.id.clone(),
            created_at: now,
            updated_at: now,
            deleted_at: None,
        }
    })
}

/// A customer's points: balance, lifetime, tier, the ledger, and redeeming or adjusting.
#[component]
pub fn CustomerPoints(customer_id: String) -> impl IntoView {
    let app = use_app();
    let id = StoredValue::new(customer_id);
    let ledger = Memo::new(move |_| {
        app.stores.point_entries.with(|t| {
            let mut v: Vec<PointEntry> =
                id.with_value(|id| t.lookup("customer_id", id).filter(|e| !e.is_trashed()).cloned().collect());
            v.sort_by_key(|e| std::cmp::Reverse((e.date, e.created_at)));
            v
        })
    });
    // The points an opening balance would have earned count toward the tier (they
    // were never in the ledger, so they cannot be spent).
    let opening_total = Memo::new(move |_| {
        id.with_value(|id| app.stores.customers.with(|t| t.get(id).and_then(|c| c.opening.as_ref()?.total)))
    });
    let figures = Memo::new(move |_| {
        let l = ledger.get();
        let s = settings(&app);
        let lifetime = lifetime(&l) + opening_total.get().map_or(0, |t| points_for(t, s.per_yuan));
        (balance(&l), lifetime, tier_index(lifetime, &s.tiers))
    });
    let amount = RwSignal::new(String::new());
    let reason = RwSignal::new(String::new());
    let problem = RwSignal::new(None::<String>);
    // One submit at a time, and one ledger line per fill of the form.
    let submit = Submit::new();
    let act = move |kind: PointKind| {
        if submit.refuses() {
            return;
        }
        let lang = app.lang.get_untracked();
        let Some(points) = parse_number(&amount.get_untracked()).map(|v| v.round() as i64) else {
            problem.set(Some(lang.t(Key::PointsNotANumber).to_owned()));
            return;
        };
        let signed = match kind {
            PointKind::Redeemed => {
                if let Err(e) = check_redeem(figures.get_untracked().0, points) {
                    problem.set(Some(match e {
                        RedeemError::NotPositive => lang.t(Key::PointsNotPositive).to_owned(),
                        RedeemError::MoreThanBalance { balance } => {
                            format!("{} {balance}", lang.t(Key::MoreThanBalance))
                        }
                    }));
                    return;
                }
                -points
            }
            _ => points,
        };
        let now = Utc::now();
        let entry = PointEntry {
            sample: false,
            id: submit.record_id(),
            customer_id: id.get_value().into(),
            date: today(),
            kind,
            points: signed,
            reason: reason.get_untracked().trim().into(),
            order_id: Default::default(),
            created_at: now,
            updated_at: now,
            deleted_at: None,
        };
        if !entry.validate().is_empty() {
            problem.set(Some(lang.t(Key::PointsNotPositive).to_owned()));
            return;
        }
        problem.set(None);
        submit.run(async move {
            // The balance is checked again on the stored ledger, inside the write.
            match app.stores.point_entries.put_checked(entry, keeps_balance).await {
                Ok(()) => {
                    amount.set(String::new());
                    reason.set(String::new());
                    submit.fill_saved();
                    app.success(Key::Saved);
                }
                // Refused on the stored balance: said beside the form.
                Err(e @ crate::store::StoreError::Refused(_)) => {
                    problem.set(Some(crate::messages::store_error(app.lang.get_untracked(), &e)));
                }
                Err(e) => app.store_error(&e),
            }
        });
    };
    let busy = move || submit.busy().to_string();
    view! {
        <section class="related" aria-labelledby="points-h">
            <h2 id="points-h">{tx(Key::Points)}</h2>
            <p class="stats" data-testid="points">
                <span>{tx(Key::Balance)} ": " <strong>{move || figures.get().0}</strong></span>
                <span>{tx(Key::LifetimePoints)} ": " {move || figures.get().1}</span>
                <span>{tx(Key::Tier)} ": " <strong>{move || tier_name(app.lang.get(), figures.get().2)}</strong></span>
            </p>
            <div class="actions" on:input=move |_| submit.edited()><Writes>
                <label class="inline"><span>{tx(Key::PointsAmount)}</span><input type="text" inputmode="numeric" size="8" prop:value=move || amount.get() on:input=move |ev| amount.set(event_target_value(&ev))/></label>
                <label class="inline"><span>{tx(Key::PointsReason)}</span><input type="text" prop:value=move || reason.get() on:input=move |ev| reason.set(event_target_value(&ev))/></label>
                <button type="button" class="btn" aria-disabled=busy on:click=move |_| act(PointKind::Redeemed)>{tx(Key::Redeem)}</button>
                <button type="button" class="btn" aria-disabled=busy on:click=move |_| act(PointKind::Adjusted)>{tx(Key::Adjust)}</button>
                <button type="button" class="btn" aria-disabled=busy on:click=move |_| {
                    // Filling the form for an activity is a new fill of it.
                    submit.edited();
                    if submit.refuses() {
                        return;
                    }
                    amount.set(crate::ui::settings::setting_untracked::<LoyaltySettings>(&app).per_activity.to_string());
                    if reason.get_untracked().trim().is_empty() {
                        reason.set(app.t_now(Key::ActivityPoints).to_owned());
                    }
                    act(PointKind::Earned);
                }>{tx(Key::ActivityPoints)} " (+" {move || settings(&app).per_activity} ")"</button>
            </Writes></div>
            <p class="error" role="alert" hidden=move || problem.with(Option::is_none)>{move || problem.get().unwrap_or_default()}</p>
            <details>
                <summary>{tx(Key::PointsLedger)} " (" {move || ledger.with(Vec::len)} ")"</summary>
                <table class="simple">
                    <thead><tr><th scope="col">{tx(Key::FieldDate)}</th><th scope="col">{tx(Key::Kind)}</th><th scope="col">{tx(Key::Points)}</th><th scope="col">{tx(Key::PointsReason)}</th></tr></thead>
                    <tbody>{move || ledger.get().into_iter().map(|e| view! {
                        <tr><td>{e.date.to_string()}</td><td>{tx(e.kind.label())}</td><td>{format!("{:+}", e.points)}</td><td>{e.reason.to_string()}</td></tr>
                    }).collect_view()}</tbody>
                </table>
            </details>
        </section>
    }
}

/// The check of a new ledger line inside its write ([`crate::store::Collection::put_checked`]),
/// on the stored ledger: see [`crate::analysis::loyalty::check_line`].
pub fn keeps_balance(table: &crate::store::Table<PointEntry>, entry: &PointEntry) -> Result<(), crate::store::Refusal> {
    crate::analysis::loyalty::check_line(table.lookup("customer_id", &entry.customer_id), entry)
        .map_err(|available| crate::store::Refusal::BelowZero { available })
}

/// The ladder and churn figures of every live customer.
fn ladder(app: &AppCtx, s: LoyaltySettings) -> (HashMap<Rung, usize>, Vec<(String, ChurnFlag)>) {
    let day = today();
    let year_ago = day.checked_sub_days(Days::new(365)).unwrap_or(day);
    let promoters: std::collections::HashSet<String> = app.stores.survey_responses.with(|t| {
        t.live()
            .filter(|r| {
                !r.customer_id.is_empty() && r.answers.values().any(|a| matches!(a, Answer::Likelihood(v) if *v >= 9))
            })
            .map(|r| r.customer_id.to_string())
            .collect()
    });
    let mut rungs: HashMap<Rung, usize> = HashMap::new();
    let mut flagged = Vec::new();
    crate::ui::figures::with_order_columns(app, |orders| {
        let days = orders.customer_days();
        app.stores.customers.with(|t| {
            for c in t.live() {
                let mut d = days.days_of(c.id.as_str()).to_vec();
                // An opening balance's purchases count as made on its day.
                if let (Some(day), Some(o)) = (crate::analysis::value::opening_day(c), c.opening.as_ref()) {
                    d.extend(std::iter::repeat_n(day, o.purchase_count() as usize));
                }
                let d = d.as_slice();
                let recent = d.iter().filter(|x| **x > year_ago).count();
                *rungs.entry(rung(d.len(), recent, promoters.contains(c.id.as_str()), s.loyal_orders)).or_default() +=
                    1;
                if !d.is_empty() {
                    if let Some(f) =
                        churn_flags(&OrderDays { days: d }, day, s.silent_days, s.period_days, s.drop_percent).first()
                    {
                        flagged.push((c.id.to_string(), *f));
                    }
                }
            }
        })
    });
    (rungs, flagged)
}

/// Writes an `expired` line for every customer whose points earned more than
/// `expire_months` ago are still unspent.
fn expire_now(app: AppCtx, s: LoyaltySettings) {
    leptos::task::spawn_local(async move {
        // The lines are worked out from the whole ledger, which may still be being read.
        app.stores.point_entries.until_loaded().await;
        let lines = expired_lines(app, s);
        let n = lines.len();
        match app.stores.point_entries.put_many(lines).await {
            Ok(()) => app.toast(ToastKind::Success, format!("{} {n}", app.t_now(Key::PointsExpiredFor))),
            Err(e) => app.store_error(&e),
        }
    });
}

/// An `expired` line for every customer whose points earned more than `expire_months`
/// ago are still unspent.
fn expired_lines(app: AppCtx, s: LoyaltySettings) -> Vec<PointEntry> {
    let day = today();
    let cutoff = day.checked_sub_months(chrono::Months::new(s.expire_months)).unwrap_or(day);
    let now = Utc::now();
    app.stores.point_entries.with_untracked(|t| {
        let mut by: HashMap<&str, Vec<&PointEntry>> = HashMap::new();
        for e in t.live() {
            by.entry(e.customer_id.as_str()).or_default().push(e);
        }
        by.into_iter()
            .filter_map(|(id, ledger)| {
                let n = crate::analysis::loyalty::expiring(ledger.iter().copied(), cutoff);
                (n > 0).then(|| PointEntry {
                    sample: false,
                    id: new_id(),
                    customer_id: id.into(),
                    date: day,
                    kind: PointKind::Expired,
                    points: -n,
                    reason: format!("{} {cutoff}", app.t_now(Key::ExpiredBefore)).into(),
                    order_id: Default::default(),
                    created_at: now,
                    updated_at: now,
                    deleted_at: None,
                })
            })
            .collect()
    })
}

/// `/loyalty`.
#[component]
pub fn LoyaltyPage() -> impl IntoView {
    let app = use_app();
    let current = Memo::new(move |_| settings(&app));
    // The book's own settings are kept across visits (see `crate::ui::kept`); settings
    // being changed are computed here.
    let data = Memo::new(move |_| {
        let s = current.get();
        if s == settings(&app) {
            // The settings through a memo that changes only when they do.
            crate::ui::kept::kept(|app| ladder(app, crate::ui::kept::kept_eq(settings).get())).get()
        } else {
            ladder(&app, s)
        }
    });
    let rungs = [
        (Rung::Prospect, Key::RungProspect, Key::RuleProspect),
        (Rung::New, Key::RungNew, Key::RuleNew),
        (Rung::Repeat, Key::RungRepeat, Key::RuleRepeat),
        (Rung::Loyal, Key::RungLoyal, Key::RuleLoyal),
        (Rung::Advocate, Key::RungAdvocate, Key::RuleAdvocate),
    ];
    let bars = Signal::derive(move || {
        let lang = app.lang.get();
        data.with(|(r, _)| {
            rungs
                .iter()
                .map(|(x, k, _)| {
                    let n = r.get(x).copied().unwrap_or(0);
                    Bar { label: lang.t(*k).to_owned(), value: n as f64, text: n.to_string() }
                })
                .collect::<Vec<_>>()
        })
    });
    let field = move |label: Key, get: fn(&LoyaltySettings) -> String, set: fn(&mut LoyaltySettings, f64)| {
        let value = RwSignal::new(get(&current.get_untracked()));
        view! {
            <label class="inline">
                <span>{tx(label)}</span>
                <input type="text" inputmode="decimal" size="7" prop:value=move || value.get() on:change=move |ev| {
                    let text = event_target_value(&ev);
                    let mut s = current.get_untracked();
                    let lang = app.lang.get_untracked();
                    // Counts must be whole numbers; only points per yuan may be a fraction.
                    let problem = match parse_number(&text) {
                        Some(v) if v.fract() == 0.0 || label == Key::PointsPerYuan => {
                            set(&mut s, v);
                            let mut errors = Vec::new();
                            s.check("", &mut errors);
                            errors.first().map(|e| match e.problem {
                                crate::model::Problem::NotAscending => lang.t(Key::LoyaltyRuleInvalid).to_owned(),
                                ref p => format!("{}: {}", lang.t(label), crate::messages::problem(lang, p)),
                            })
                        }
                        _ => Some(lang.t(Key::LoyaltyRuleInvalid).to_owned()),
                    };
                    match problem {
                        None => crate::ui::settings::save_setting(app, s),
                        Some(p) => {
                            app.error_text(p);
                            value.set(get(&current.get_untracked()));
                        }
                    }
                }/>
            </label>
        }
    };
    view! {
        <section class="page">
            <crate::ui::complaints::ComplaintTabs/>
            <h1>{tx(Key::NavLoyalty)}</h1>
            <crate::ui::components::HelpPanel text=Key::HelpLoyalty exercise="p5-t2"/>
            <section class="card" aria-labelledby="lrules-h">
                <h2 id="lrules-h">{tx(Key::LoyaltyRules)}</h2>
                <div class="actions"><Writes>
                    {field(Key::PointsPerYuan, |s| s.per_yuan.to_string(), |s, v| s.per_yuan = v)}
                    {field(Key::PointsPerActivity, |s| s.per_activity.to_string(), |s, v| s.per_activity = v as i64)}
                    {field(Key::ExpireMonths, |s| s.expire_months.to_string(), |s, v| s.expire_months = v as u32)}
                    {field(Key::TierSilver, |s| s.tiers[1].to_string(), |s, v| s.tiers[1] = v as i64)}
                    {field(Key::TierGold, |s| s.tiers[2].to_string(), |s, v| s.tiers[2] = v as i64)}
                    {field(Key::TierDiamond, |s| s.tiers[3].to_string(), |s, v| s.tiers[3] = v as i64)}
                    {field(Key::SilentDays, |s| s.silent_days.to_string(), |s, v| s.silent_days = v as i64)}
                    {field(Key::DropPercent, |s| s.drop_percent.to_string(), |s, v| s.drop_percent = v as u32)}
                    {field(Key::LoyalOrders, |s| s.loyal_orders.to_string(), |s, v| s.loyal_orders = v as usize)}
                </Writes></div>
                <p class="hint">{tx(Key::LoyaltyRulesHint)}</p>
                <Writes><button type="button" class="btn" on:click=move |_| expire_now(app, current.get_untracked())>{tx(Key::ExpireNow)}</button></Writes>
            </section>
            <section class="card" aria-labelledby="ladder-h">
                <h2 id="ladder-h">{tx(Key::LoyaltyLadder)}</h2>
                <BarChart title=Signal::derive(move || app.t(Key::LoyaltyLadder).to_owned()) bars=bars/>
                <table class="simple">
                    <thead><tr><th scope="col">{tx(Key::Rung)}</th><th scope="col">{tx(Key::Customers)}</th><th scope="col">{tx(Key::Rule)}</th></tr></thead>
                    <tbody>{rungs.iter().map(|(r, k, rule)| { let r = *r; view! {
                        <tr><td>{tx(*k)}</td><td>{move || data.with(|(m, _)| m.get(&r).copied().unwrap_or(0))}</td><td>{tx(*rule)}</td></tr>
                    } }).collect_view()}</tbody>
                </table>
            </section>
            <section class="card" aria-labelledby="churn-h">
                <h2 id="churn-h">{tx(Key::ChurnRisk)} " (" {move || data.with(|(_, f)| f.len())} ")"</h2>
                {move || {
                    let list = data.with(|(_, f)| f.clone());
                    if list.is_empty() {
                        return view! { <EmptyState message=Key::NoChurnRisk/> }.into_any();
                    }
                    let lang = app.lang.get();
                    view! {
                        <ul class="agenda-list">{list.into_iter().take(100).map(|(id, f)| {
                            let why = match f {
                                ChurnFlag::Silent(d) => format!("{} {d}", lang.t(Key::SilentFor)),
                                ChurnFlag::Falling { before, now } => format!("{} {before} → {now}", lang.t(Key::OrdersFalling)),
                            };
                            view! { <li><a href=format!("/customers/{id}")>{customer_name(&app, &id)}</a> <span class="hint">{why}</span></li> }
                        }).collect_view()}</ul>
                    }
                    .into_any()
                }}
            </section>
        </section>
    }
}

page_routes! {
    chunk loyalty {
        "/loyalty" => LoyaltyPage,
        "/care" => CarePage,
        "/suggestions" => SuggestionsPage,
    }
}
