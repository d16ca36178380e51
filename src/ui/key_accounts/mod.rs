//! 大客户关系管理 (项目四): identifying key accounts by the user's rules or by hand,
//! their files, the callback plan and its rate, relationship activities, and the event
//! plan.

mod events;
mod file;
mod list;

pub use events::{EventEdit, EventNew, EventsPage};
pub use file::KeyAccountFile;
pub use list::KeyAccountsPage;

use std::sync::Arc;

use leptos::prelude::*;

use rustc_hash::FxHashMap;

use crate::analysis::abc::{AbcClass, AbcRow};
use crate::analysis::key_accounts::KeyAccountRules;
use crate::analysis::rfm::Segment;
use crate::i18n::Key;
use crate::ui::context::AppCtx;

/// The identification rules (the workbook's setting; tracked).
pub fn rules(app: &AppCtx) -> KeyAccountRules {
    crate::ui::settings::setting(app)
}

/// Why a customer is a key account, and their figures over the last 365 days.
#[derive(Debug, Clone, PartialEq)]
pub struct KeyAccountRow {
    /// The customer.
    pub customer_id: String,
    /// ABC class, if they ordered.
    pub class: Option<AbcClass>,
    /// RFM segment, if they ordered.
    pub segment: Option<Segment>,
    /// Revenue, yuan.
    pub revenue: f64,
    /// Qualifies by the rules.
    pub by_rule: bool,
    /// Marked by hand.
    pub by_hand: bool,
}

/// Every key account by the book's rules, kept across visits (see [`crate::ui::kept`]).
pub fn current_key_accounts() -> Memo<Vec<KeyAccountRow>> {
    // The rules through a memo that changes only when they do (not on any setting's write).
    crate::ui::kept::kept(|app| key_accounts(app, crate::ui::kept::kept_eq(rules).get()))
}

/// Every key account (by rule or by hand), highest revenue first.
pub fn key_accounts(app: &AppCtx, rules: KeyAccountRules) -> Vec<KeyAccountRow> {
    let f = crate::ui::figures::year_figures().get();
    // Fx-hashed by id, not ordered maps: tens of thousands of customers' rows at
    // 100,000 customers, each looked up once; the list is sorted at the end.
    let segments: FxHashMap<&str, Segment> = f.rfm.iter().map(|r| (&*r.key, r.segment)).collect();
    let mut rows: FxHashMap<Arc<str>, KeyAccountRow> = FxHashMap::default();
    for r in f.abc.iter() {
        let segment = segments.get(&*r.key).copied();
        let revenue = r.revenue as f64 / 100.0;
        if rules.qualifies(Some(r.class), segment, revenue) {
            let row = KeyAccountRow {
                customer_id: r.key.to_string(),
                class: Some(r.class),
                segment,
                revenue,
                by_rule: true,
                by_hand: false,
            };
            rows.insert(r.key.clone(), row);
        }
    }
    let live = |id: &str| app.stores.customers.with(|t| t.get(id).is_some_and(|c| c.deleted_at.is_none()));
    app.stores.key_accounts.with(|t| {
        let by_hand: Vec<&str> = t.live().filter(|k| k.by_hand).map(|k| k.customer_id.as_str()).collect();
        // The ABC rows by id, only when someone is marked by hand (a few, usually).
        let classes: FxHashMap<&str, &AbcRow<Arc<str>>> =
            if by_hand.is_empty() { FxHashMap::default() } else { f.abc.iter().map(|r| (&*r.key, r)).collect() };
        for id in by_hand.into_iter().filter(|id| live(id)) {
            let row = rows.entry(Arc::from(id)).or_insert_with(|| {
                let abc = classes.get(id);
                KeyAccountRow {
                    customer_id: id.to_owned(),
                    class: abc.map(|r| r.class),
                    segment: segments.get(id).copied(),
                    revenue: abc.map_or(0.0, |r| r.revenue as f64 / 100.0),
                    by_rule: false,
                    by_hand: true,
                }
            });
            row.by_hand = true;
        }
    });
    let mut v: Vec<KeyAccountRow> = rows.into_values().filter(|r| live(&r.customer_id)).collect();
    v.sort_by(|a, b| b.revenue.total_cmp(&a.revenue).then(a.customer_id.cmp(&b.customer_id)));
    v
}

/// The tabs of the key-account section.
#[component]
pub fn KeyAccountTabs() -> impl IntoView {
    view! { <crate::ui::components::SectionTabs section=&SECTION/> }
}

/// This module's part of the app: its sidebar link and its tabs.
pub const SECTION: crate::ui::components::Section = crate::ui::components::Section {
    name: Key::NavKeyAccounts,
    home: "/key-accounts",
    tabs_label: Key::NavKeyAccounts,
    tabs: &[("/key-accounts", Key::KeyAccountList), ("/events", Key::NavEvents)],
    also: &[],
};

page_routes! {
    chunk key_accounts {
        "/key-accounts" => KeyAccountsPage,
        "/key-accounts/:id" => KeyAccountFile,
        "/events" => EventsPage,
        "/events/new" => EventNew,
        "/events/:id" => EventEdit,
    }
}
