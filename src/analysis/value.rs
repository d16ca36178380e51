//! From orders to the inputs of the value analysis: revenue per customer and RFM
//! activity in a period, in one pass over the orders.

use std::sync::Arc;

use chrono::NaiveDate;
use rustc_hash::FxHashMap;

use super::rfm::Activity;
use crate::model::order::Order;
use crate::model::Customer;

/// Revenue per customer (fen) of the live orders dated within `from..=to`, and each
/// customer's RFM activity, by customer id (sorted by id). The ids are shared (`Arc`),
/// so the ABC and RFM rows built from them copy no text: at 500,000 orders the walk
/// is most of the analysis' time.
pub fn activity_in<'a>(
    orders: impl IntoIterator<Item = &'a Order>,
    from: NaiveDate,
    to: NaiveDate,
) -> Vec<Activity<Arc<str>>> {
    // Fx rather than SipHash: the keys are our own ids, and hashing them is a third of the walk.
    let mut by: FxHashMap<&str, Activity<Arc<str>>> = FxHashMap::default();
    for o in orders {
        if o.deleted_at.is_some() || o.date < from || o.date > to {
            continue;
        }
        let a = by.entry(o.customer_id.as_str()).or_insert_with(|| Activity {
            key: Arc::from(o.customer_id.as_str()),
            last_order: o.date,
            orders: 0,
            revenue: 0,
        });
        a.orders += 1;
        a.revenue += o.amount_fen();
        a.last_order = a.last_order.max(o.date);
    }
    let mut out: Vec<Activity<Arc<str>>> = by.into_values().collect();
    out.sort_unstable_by(|a, b| a.key.cmp(&b.key));
    out
}

/// The day a customer's opening balance counts on: its last purchase day, else its
/// first, else the day the customer was entered (when the totals came in). `None`
/// without an opening balance.
pub fn opening_day(c: &Customer) -> Option<NaiveDate> {
    let o = c.opening.as_ref().filter(|o| !o.is_empty())?;
    Some(o.last_day().unwrap_or_else(|| c.created_at.date_naive()))
}

/// `activity` (from the orders) with the opening balances of the live `customers` that
/// count within `from..=to` (see [`opening_day`]) added: the total to the revenue, the
/// purchases to the orders, its day to the last order when later. A customer with only
/// an opening balance gets activity of their own. Sorted by key.
pub fn with_openings<'a>(
    activity: Vec<Activity<Arc<str>>>,
    customers: impl IntoIterator<Item = &'a Customer>,
    from: NaiveDate,
    to: NaiveDate,
) -> Vec<Activity<Arc<str>>> {
    let mut by: FxHashMap<Arc<str>, Activity<Arc<str>>> = activity.into_iter().map(|a| (a.key.clone(), a)).collect();
    for c in customers.into_iter().filter(|c| c.deleted_at.is_none()) {
        let (Some(day), Some(o)) = (opening_day(c), c.opening.as_ref()) else { continue };
        if day < from || day > to || o.purchase_count() == 0 {
            continue;
        }
        let key: Arc<str> = Arc::from(c.id.as_str());
        let a = by.entry(key.clone()).or_insert_with(|| Activity { key, last_order: day, orders: 0, revenue: 0 });
        a.orders += o.purchase_count();
        a.revenue += o.total_fen();
        a.last_order = a.last_order.max(day);
    }
    let mut out: Vec<Activity<Arc<str>>> = by.into_values().collect();
    out.sort_unstable_by(|a, b| a.key.cmp(&b.key));
    out
}

/// Average order value (yuan) and orders per year of `activity` over a period of
/// `days` days: the inputs of a CLV estimate for the average customer.
pub fn averages<K>(activity: &[Activity<K>], days: i64) -> Option<(f64, f64)> {
    let orders: u64 = activity.iter().map(|a| u64::from(a.orders)).sum();
    if orders == 0 || days <= 0 {
        return None;
    }
    let revenue: i64 = activity.iter().map(|a| a.revenue).sum();
    let aov = revenue as f64 / 100.0 / orders as f64;
    let per_year = orders as f64 / activity.len() as f64 * 365.0 / days as f64;
    Some((aov, per_year))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn o(customer: &str, date: &str, amount: f64) -> Order {
        let at = "2026-01-01T00:00:00Z".parse().unwrap();
        Order {
            number: Default::default(),
            sample: false,
            id: format!("{customer}{date}").into(),
            customer_id: customer.into(),
            date: date.parse().unwrap(),
            items: vec![],
            amount,
            channel: Default::default(),
            note: Default::default(),
            created_at: at,
            updated_at: at,
            deleted_at: None,
        }
    }

    #[test]
    fn one_pass_sums_counts_and_finds_the_last_order_in_the_period() {
        let orders = [
            o("a", "2026-01-05", 100.0),
            o("a", "2026-03-01", 50.5),
            o("b", "2026-02-01", 10.0),
            o("b", "2025-12-31", 999.0),
        ];
        let d = |s: &str| s.parse::<NaiveDate>().unwrap();
        let act = activity_in(&orders, d("2026-01-01"), d("2026-12-31"));
        assert_eq!(act.len(), 2);
        assert_eq!((act[0].orders, act[0].revenue, act[0].last_order), (2, 15050, d("2026-03-01")));
        assert_eq!((act[1].orders, act[1].revenue), (1, 1000));
        // 3 orders, ¥160.50: AOV 53.50; 1.5 orders per customer in 365 days.
        let (aov, per_year) = averages(&act, 365).unwrap();
        assert!((aov - 53.5).abs() < 1e-9 && (per_year - 1.5).abs() < 1e-9);
        assert_eq!(averages::<u8>(&[], 365), None);
    }

    fn customer(id: &str, created: &str, opening: Option<crate::model::opening::OpeningBalance>) -> Customer {
        let mut c = Customer::new(id, id, format!("{created}T08:00:00Z").parse().unwrap());
        c.opening = opening;
        c
    }

    /// A tea shop's year 2026: real orders for 甲 and 丙, opening balances for 甲, 乙,
    /// 丁 (bought only in 2023, outside the year) and 戊 (no day known: entered
    /// 2026-11-20).
    #[test]
    fn opening_balances_count_with_the_orders_in_abc_rfm_and_clv() {
        use crate::analysis::abc::{abc, AbcClass, AbcThresholds};
        use crate::model::opening::OpeningBalance;
        let d = |s: &str| s.parse::<NaiveDate>().unwrap();
        let orders = [o("甲", "2026-06-01", 200.0), o("丙", "2026-09-01", 300.0)];
        let customers = [
            customer(
                "甲",
                "2026-01-01",
                Some(OpeningBalance {
                    total: Some(3000.0),
                    purchases: Some(10),
                    last: Some(d("2026-03-01")),
                    first: None,
                }),
            ),
            customer(
                "乙",
                "2026-01-01",
                Some(OpeningBalance { total: Some(500.0), last: Some(d("2026-10-01")), ..Default::default() }),
            ),
            customer("丙", "2026-01-01", None),
            customer(
                "丁",
                "2026-01-01",
                Some(OpeningBalance { total: Some(800.0), last: Some(d("2023-05-01")), ..Default::default() }),
            ),
            customer("戊", "2026-11-20", Some(OpeningBalance { total: Some(100.0), ..Default::default() })),
        ];
        let (from, to) = (d("2026-01-01"), d("2026-12-31"));
        let only_orders = activity_in(&orders, from, to);
        let act = with_openings(only_orders.clone(), &customers, from, to);
        let row = |k: &str| act.iter().find(|a| &*a.key == k).map(|a| (a.orders, a.revenue, a.last_order));
        assert_eq!(row("甲"), Some((11, 320_000, d("2026-06-01"))));
        assert_eq!(row("乙"), Some((1, 50_000, d("2026-10-01"))));
        assert_eq!(row("丙"), Some((1, 30_000, d("2026-09-01"))));
        assert_eq!(row("丁"), None);
        assert_eq!(row("戊"), Some((1, 10_000, d("2026-11-20"))));

        // ABC at 80/95: ¥3,200, ¥500, ¥300, ¥100 of ¥4,100. 乙 has 78.0% before it (A),
        // 丙 90.2% (B), 戊 97.6% (C). From the orders alone both 丙 and 甲 were A.
        let revenues: Vec<(Arc<str>, i64)> = act.iter().map(|a| (a.key.clone(), a.revenue)).collect();
        let classes: Vec<(String, AbcClass)> =
            abc(&revenues, AbcThresholds::default()).into_iter().map(|r| (r.key.to_string(), r.class)).collect();
        let want = [("甲", AbcClass::A), ("乙", AbcClass::A), ("丙", AbcClass::B), ("戊", AbcClass::C)];
        assert_eq!(classes, want.map(|(k, c)| (k.to_owned(), c)));

        // CLV inputs: 14 purchases worth ¥4,100 by 4 customers in 365 days → AOV
        // ¥292.857…, 3.5 purchases a year each.
        let (aov, per_year) = averages(&act, 365).unwrap();
        assert!((aov - 4100.0 / 14.0).abs() < 1e-9, "{aov}");
        assert!((per_year - 3.5).abs() < 1e-9, "{per_year}");

        // RFM frequency: 甲's 11 purchases put them alone at the top (score 5).
        let rows = crate::analysis::rfm::rfm(&act, to);
        let f = |k: &str| rows.iter().find(|r| &*r.key == k).unwrap().scores[1];
        assert_eq!(f("甲"), 5);
        assert!(f("乙") < 5 && f("丙") < 5 && f("戊") < 5);
    }
}
