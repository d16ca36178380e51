//! The value analysis of a period (ABC, RFM, averages over the orders), shared by
//! the pages that show it: the value page computes any period, and the last 365
//! days ([`year_figures`]) are computed once for the dashboard, the customer page, the
//! key accounts and personalised service.

use std::sync::Arc;

use chrono::{Days, NaiveDate};
use leptos::prelude::*;

use crate::analysis::abc::{abc, AbcClass, AbcRow, AbcThresholds};
use crate::analysis::order_columns::OrderColumns;
use crate::analysis::rfm::{rfm, RfmRow, Segment};
use crate::analysis::value::{averages, with_openings};
use crate::store::SHARDS;
use crate::ui::context::AppCtx;
use crate::ui::format::today;
use crate::ui::kept::kept;

/// The analysis of one period. Shared, not copied: at 100,000 customers a copy per
/// section would cost more than the analysis.
#[derive(Clone, PartialEq)]
pub struct ValueFigures {
    /// ABC rows, highest revenue first.
    pub abc: Arc<Vec<AbcRow<Arc<str>>>>,
    /// RFM rows.
    pub rfm: Arc<Vec<RfmRow<Arc<str>>>>,
    /// Average order value and orders per customer per year.
    pub averages: Option<(f64, f64)>,
}

/// The part of the analysis that does not depend on the ABC thresholds: each
/// customer's activity in the period, its RFM and the averages.
#[derive(Clone)]
pub struct PeriodActivity {
    revenues: Arc<Vec<(Arc<str>, i64)>>,
    rfm: Arc<Vec<RfmRow<Arc<str>>>>,
    averages: Option<(f64, f64)>,
}

/// The compact copy of the orders the value analysis reads (provided once, by the
/// shell); see [`OrderColumns`].
#[derive(Clone, Copy)]
pub struct OrderCache(StoredValue<OrderColumns>);

impl Default for OrderCache {
    /// An empty cache, filled on first use.
    fn default() -> Self {
        OrderCache(StoredValue::new(OrderColumns::default()))
    }
}

/// Calls `f` with the compact copy of the orders, brought up to date first (tracked:
/// follows every change of the orders).
pub fn with_order_columns<R>(app: &AppCtx, f: impl FnOnce(&OrderColumns) -> R) -> R {
    let cache = expect_context::<OrderCache>().0;
    app.stores.orders.with(|t| {
        cache.update_value(|c| {
            for shard in 0..SHARDS {
                c.refresh(shard as usize, t.generation(shard), || t.shard(shard));
            }
        });
        cache.with_value(f)
    })
}

/// Shards of the orders copied per task by [`warm_order_columns`]: about 8,000 orders
/// at 500,000, a few milliseconds, so a keystroke meanwhile waits no longer than that.
const SHARDS_PER_TASK: u32 = 4;

/// Makes the compact copy of the orders once they are read, a few shards per task:
/// the first page that needs it (the dashboard, the value page, care) then finds it
/// made instead of spending ~250 ms at 500,000 orders on it. Called once by the shell.
pub fn warm_order_columns(app: AppCtx) {
    let cache = expect_context::<OrderCache>().0;
    leptos::task::spawn_local(async move {
        app.stores.orders.until_loaded().await;
        // If the chunk cannot be fetched, the first page that needs the copy makes it.
        let _ = start_copying_orders(app, cache).await;
    });
}

crate::split::split_fn! {
    /// Starts [`copy_shards`], from the chunk that reads the rest of the book (the orders
    /// are read by then), so that the first download does not carry the copying code.
    fn start_copying_orders in store_rest(app: AppCtx, cache: StoredValue<OrderColumns>) -> () {
        copy_shards(app, cache, 0)
    }
}

/// Brings shards `from..` of the copy up to date, [`SHARDS_PER_TASK`] now and the rest
/// in later tasks; stops if the book was closed meanwhile.
fn copy_shards(app: AppCtx, cache: StoredValue<OrderColumns>, from: u32) {
    // The copy belongs to the shell: gone with the book it was made for.
    if cache.try_with_value(|_| ()).is_none() {
        return;
    }
    let to = (from + SHARDS_PER_TASK).min(SHARDS);
    app.stores.orders.with_untracked(|t| {
        cache.update_value(|c| {
            for shard in from..to {
                c.refresh(shard as usize, t.generation(shard), || t.shard(shard));
            }
        })
    });
    if to < SHARDS {
        set_timeout(move || copy_shards(app, cache, to), std::time::Duration::ZERO);
    }
}

/// The activity, RFM and averages of the orders dated `from..=to` and the opening
/// balances counted then (tracked: follows every change of the orders and customers).
pub fn period_activity(app: &AppCtx, from: NaiveDate, to: NaiveDate) -> PeriodActivity {
    let activity = with_order_columns(app, |c| c.activity_in(from, to));
    // Totals brought over from an old spreadsheet count with the orders.
    let activity = app.stores.customers.with(|t| with_openings(activity, t.live(), from, to));
    PeriodActivity {
        revenues: Arc::new(activity.iter().map(|a| (a.key.clone(), a.revenue)).collect()),
        rfm: Arc::new(rfm(&activity, to)),
        averages: averages(&activity, (to - from).num_days() + 1),
    }
}

impl PeriodActivity {
    /// The whole analysis with ABC thresholds `t`.
    pub fn with_thresholds(&self, t: AbcThresholds) -> ValueFigures {
        ValueFigures { abc: Arc::new(abc(&self.revenues, t)), rfm: self.rfm.clone(), averages: self.averages }
    }
}

/// ABC and RFM of the orders dated `from..=to`.
pub fn figures(app: &AppCtx, from: NaiveDate, to: NaiveDate, t: AbcThresholds) -> ValueFigures {
    period_activity(app, from, to).with_thresholds(t)
}

/// ABC and RFM over the last 365 days with the default thresholds, computed once and
/// shared by every page that shows a customer's class (recomputed when orders change;
/// see [`crate::ui::kept`]).
pub fn year_figures() -> Memo<Arc<ValueFigures>> {
    kept(|app| {
        let to = today();
        let from = to.checked_sub_days(Days::new(364)).unwrap_or(to);
        Arc::new(figures(app, from, to, AbcThresholds::default()))
    })
}

/// A customer's ABC class and RFM segment over the last 365 days, if they ordered.
pub fn customer_value(customer_id: &str) -> Option<(AbcClass, Segment, [u8; 3])> {
    let f = year_figures().get();
    let class = f.abc.iter().find(|r| &*r.key == customer_id)?.class;
    let r = f.rfm.iter().find(|r| &*r.key == customer_id)?;
    Some((class, r.segment, r.scores))
}
