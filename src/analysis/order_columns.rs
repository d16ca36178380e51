//! A compact copy of the orders for the value analysis: per storage shard, each live
//! order as (customer number, day, amount in fen), the customer ids interned once.
//!
//! At 500,000 orders, walking the order records and hashing their customer ids took
//! ~200 ms in the browser on every recompute. With this copy a change of the period
//! scans 8 MB of plain numbers, and a change of the data redoes only the shards that
//! changed (a shard's generation tells), so ABC and RFM stay well under 200 ms.

use std::sync::Arc;

use chrono::{Datelike, NaiveDate};
use rustc_hash::FxHashMap;

use super::rfm::Activity;
use crate::model::order::Order;

#[derive(Debug, Clone, Copy)]
struct Row {
    customer: u32,
    day: i32,
    fen: i64,
}

/// The orders as numbers, shard by shard.
#[derive(Debug, Default)]
pub struct OrderColumns {
    ids: Vec<Arc<str>>,
    numbers: FxHashMap<Arc<str>, u32>,
    /// Per shard: the generation it was read at, and its live orders.
    shards: Vec<(u64, Vec<Row>)>,
}

impl OrderColumns {
    /// Brings shard `shard` up to date with `generation`: when the shard changed since
    /// it was last read, its live orders are read again from `orders`.
    pub fn refresh<'a, I>(&mut self, shard: usize, generation: u64, orders: impl FnOnce() -> I)
    where
        I: Iterator<Item = &'a Order>,
    {
        if self.shards.len() <= shard {
            self.shards.resize_with(shard + 1, || (0, Vec::new()));
        }
        if self.shards[shard].0 == generation && generation != 0 {
            return;
        }
        let mut rows = Vec::new();
        for o in orders().filter(|o| o.deleted_at.is_none()) {
            let customer = match self.numbers.get(o.customer_id.as_str()) {
                Some(n) => *n,
                None => {
                    let id: Arc<str> = Arc::from(o.customer_id.as_str());
                    let n = self.ids.len() as u32;
                    self.ids.push(id.clone());
                    self.numbers.insert(id, n);
                    n
                }
            };
            rows.push(Row { customer, day: o.date.num_days_from_ce(), fen: o.amount_fen() });
        }
        self.shards[shard] = (generation, rows);
    }

    /// How many live orders are dated within `from..=to`, and their amount in fen: the
    /// dashboard's orders and revenue of a period, from 16 bytes an order instead of
    /// every order record.
    pub fn orders_in(&self, from: NaiveDate, to: NaiveDate) -> (usize, i64) {
        let (first, last) = (from.num_days_from_ce(), to.num_days_from_ce());
        self.shards
            .iter()
            .flat_map(|(_, rows)| rows)
            .filter(|r| r.day >= first && r.day <= last)
            .fold((0, 0), |(n, fen), r| (n + 1, fen + r.fen))
    }

    /// Each customer's RFM activity from the orders dated within `from..=to`: the same
    /// figures as [`super::value::activity_in`], in no particular order.
    pub fn activity_in(&self, from: NaiveDate, to: NaiveDate) -> Vec<Activity<Arc<str>>> {
        let (first, last) = (from.num_days_from_ce(), to.num_days_from_ce());
        // (orders, revenue, last day) per customer number.
        let mut sums: Vec<(u32, i64, i32)> = vec![(0, 0, i32::MIN); self.ids.len()];
        for (_, rows) in &self.shards {
            for r in rows.iter().filter(|r| r.day >= first && r.day <= last) {
                let s = &mut sums[r.customer as usize];
                s.0 += 1;
                s.1 += r.fen;
                s.2 = s.2.max(r.day);
            }
        }
        sums.iter()
            .enumerate()
            .filter(|(_, s)| s.0 > 0)
            .filter_map(|(i, s)| {
                Some(Activity {
                    key: self.ids[i].clone(),
                    last_order: NaiveDate::from_num_days_from_ce_opt(s.2)?,
                    orders: s.0,
                    revenue: s.1,
                })
            })
            .collect()
    }
}

/// Each customer's order days, looked up by customer id: the care reminders, the
/// churn flags and the loyalty ladder read them.
pub trait OrderDaysOf {
    /// The days of the live orders of customer `id`, in no particular order.
    fn days_of(&self, id: &str) -> &[NaiveDate];
}

impl OrderDaysOf for std::collections::HashMap<String, Vec<NaiveDate>> {
    fn days_of(&self, id: &str) -> &[NaiveDate] {
        self.get(id).map_or(&[], Vec::as_slice)
    }
}

/// Every live order's day per customer, from the compact copy ([`OrderColumns::customer_days`]):
/// all days in one list, customer by customer, `starts[n]..starts[n + 1]` being
/// customer `n`'s (one allocation, not one per customer).
pub struct CustomerDays<'a> {
    numbers: &'a FxHashMap<Arc<str>, u32>,
    starts: Vec<u32>,
    days: Vec<NaiveDate>,
}

impl OrderDaysOf for CustomerDays<'_> {
    fn days_of(&self, id: &str) -> &[NaiveDate] {
        self.numbers.get(id).map_or(&[], |n| {
            let n = *n as usize;
            &self.days[self.starts[n] as usize..self.starts[n + 1] as usize]
        })
    }
}

impl OrderColumns {
    /// Every live order as (customer number, day): what the buyers by month count,
    /// without a customer id hashed per order.
    pub fn purchases(&self) -> impl Iterator<Item = (u32, NaiveDate)> + '_ {
        self.shards
            .iter()
            .flat_map(|(_, rows)| rows)
            .filter_map(|r| Some((r.customer, NaiveDate::from_num_days_from_ce_opt(r.day)?)))
    }

    /// The number [`Self::purchases`] gives the customer `id`, if they have a live order.
    pub fn number_of(&self, id: &str) -> Option<u32> {
        self.numbers.get(id).copied()
    }

    /// How many numbers are given out: a number from this one on is nobody's.
    pub fn numbers_used(&self) -> u32 {
        self.ids.len() as u32
    }
}

impl OrderColumns {
    /// Every live order's day, per customer: one pass over the numbers, no customer id
    /// hashed per order (at 500,000 orders a map keyed by id cost ~300 ms to build).
    pub fn customer_days(&self) -> CustomerDays<'_> {
        // Counted first, then each day put in its customer's place.
        let rows = || self.shards.iter().flat_map(|(_, rows)| rows);
        let mut starts = vec![0u32; self.ids.len() + 1];
        for r in rows() {
            starts[r.customer as usize + 1] += 1;
        }
        for n in 1..starts.len() {
            starts[n] += starts[n - 1];
        }
        let mut next = starts.clone();
        let mut days = vec![NaiveDate::MIN; starts[self.ids.len()] as usize];
        for r in rows() {
            let at = &mut next[r.customer as usize];
            days[*at as usize] = NaiveDate::from_num_days_from_ce_opt(r.day).unwrap_or(NaiveDate::MIN);
            *at += 1;
        }
        CustomerDays { numbers: &self.numbers, starts, days }
    }
}

// proptest is a host-only dev-dependency.
#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;
    use crate::analysis::value::activity_in;
    use proptest::prelude::*;

    fn order(id: usize, customer: usize, day: i64, fen: i64, trashed: bool) -> Order {
        let at = "2026-01-01T00:00:00Z".parse().unwrap();
        Order {
            number: Default::default(),
            sample: false,
            id: format!("o{id}").into(),
            customer_id: format!("c{customer}").into(),
            date: NaiveDate::from_ymd_opt(2025, 1, 1).unwrap() + chrono::Days::new(day as u64),
            items: Vec::new(),
            amount: fen as f64 / 100.0,
            channel: Default::default(),
            note: Default::default(),
            created_at: at,
            updated_at: at,
            deleted_at: trashed.then_some(at),
        }
    }

    /// The compact copy of `orders`, order `i` in shard `shards[i]` (0–3).
    fn copied(orders: &[Order], shards: &[usize]) -> OrderColumns {
        let mut cols = OrderColumns::default();
        for shard in 0..4 {
            cols.refresh(shard, 7, || orders.iter().zip(shards).filter(move |(_, s)| **s == shard).map(|(o, _)| o));
        }
        cols
    }

    /// Orders of one yuan from (customer, day, trashed, shard), every third one trashed
    /// when asked to be, and their shards.
    fn day_orders(raw: &[(usize, i64, bool, usize)]) -> (Vec<Order>, Vec<usize>) {
        let orders = raw.iter().enumerate().map(|(i, (c, d, t, _))| order(i, *c, *d, 100, *t && i % 3 == 0)).collect();
        (orders, raw.iter().map(|r| r.3).collect())
    }

    fn sorted(mut v: Vec<Activity<Arc<str>>>) -> Vec<(String, u32, i64, NaiveDate)> {
        v.sort_by(|a, b| a.key.cmp(&b.key));
        v.into_iter().map(|a| (a.key.to_string(), a.orders, a.revenue, a.last_order)).collect()
    }

    proptest! {
        /// Whatever the orders, their shards and the period, the compact copy gives the
        /// same activity as walking the orders themselves.
        #[test]
        fn same_activity_as_walking_the_orders(
            raw in prop::collection::vec((0usize..30, 0i64..700, 0i64..500_000, any::<bool>(), 0usize..4), 0..200),
            from in 0i64..700,
            len in 0i64..400,
        ) {
            let orders: Vec<Order> =
                raw.iter().enumerate().map(|(i, (c, d, f, t, _))| order(i, *c, *d, *f, *t && i % 3 == 0)).collect();
            let cols = copied(&orders, &raw.iter().map(|r| r.4).collect::<Vec<_>>());
            let day0 = NaiveDate::from_ymd_opt(2025, 1, 1).unwrap();
            let (f, t) = (day0 + chrono::Days::new(from as u64), day0 + chrono::Days::new((from + len) as u64));
            prop_assert_eq!(sorted(cols.activity_in(f, t)), sorted(activity_in(&orders, f, t)));
        }
    }

    proptest! {
        /// Whatever the orders and their shards, each customer's days from the compact
        /// copy are the days of their live orders.
        #[test]
        fn same_days_as_walking_the_orders(
            raw in prop::collection::vec((0usize..30, 0i64..700, any::<bool>(), 0usize..4), 0..200),
        ) {
            let (orders, shards) = day_orders(&raw);
            let cols = copied(&orders, &shards);
            let mut plain: std::collections::HashMap<String, Vec<NaiveDate>> = Default::default();
            for o in orders.iter().filter(|o| o.deleted_at.is_none()) {
                plain.entry(o.customer_id.to_string()).or_default().push(o.date);
            }
            let days = cols.customer_days();
            for c in 0..31 {
                let id = format!("c{c}");
                let (mut a, mut b) = (days.days_of(&id).to_vec(), plain.days_of(&id).to_vec());
                a.sort();
                b.sort();
                prop_assert_eq!(a, b);
            }
        }
    }

    proptest! {
        /// Whatever the orders and their shards, the new and returning buyers counted
        /// by the compact copy's customer numbers are those counted by customer id.
        #[test]
        fn same_buyers_by_number_as_by_id(
            raw in prop::collection::vec((0usize..30, 0i64..700, any::<bool>(), 0usize..4), 0..200),
        ) {
            let (orders, shards) = day_orders(&raw);
            let cols = copied(&orders, &shards);
            let months = crate::analysis::dashboard::months_ending(NaiveDate::from_ymd_opt(2026, 6, 30).unwrap(), 12);
            let by_id = crate::analysis::dashboard::new_and_returning(
                orders.iter().filter(|o| o.deleted_at.is_none()).map(|o| (o.customer_id.as_str(), o.date)),
                &months,
            );
            prop_assert_eq!(crate::analysis::dashboard::new_and_returning(cols.purchases(), &months), by_id);
            for o in orders.iter().filter(|o| o.deleted_at.is_none()) {
                prop_assert!(cols.number_of(o.customer_id.as_str()).is_some_and(|n| n < cols.numbers_used()));
            }
        }
    }

    #[test]
    fn a_shard_is_read_again_only_when_its_generation_changes() {
        let mut cols = OrderColumns::default();
        let first = [order(1, 1, 10, 10_000, false)];
        cols.refresh(0, 5, || first.iter());
        let day = |d: u64| NaiveDate::from_ymd_opt(2025, 1, 1).unwrap() + chrono::Days::new(d);
        assert_eq!(cols.activity_in(day(0), day(100))[0].revenue, 10_000);
        // Same generation: the shard is not read (the new order is not seen).
        let second = [order(1, 1, 10, 10_000, false), order(2, 1, 20, 5_000, false)];
        cols.refresh(0, 5, || second.iter());
        assert_eq!(cols.activity_in(day(0), day(100))[0].orders, 1);
        // A new generation: read again, the order counts; a trashed one does not.
        let third = [order(1, 1, 10, 10_000, false), order(2, 1, 20, 5_000, false), order(3, 1, 30, 1, true)];
        cols.refresh(0, 6, || third.iter());
        let a = &cols.activity_in(day(0), day(100))[0];
        assert_eq!((a.orders, a.revenue, a.last_order), (2, 15_000, day(20)));
    }

    #[test]
    fn orders_in_a_period_count_its_first_and_last_day_and_leave_out_the_trash() {
        let mut cols = OrderColumns::default();
        let day = |d: u64| NaiveDate::from_ymd_opt(2025, 1, 1).unwrap() + chrono::Days::new(d);
        // ¥100.00 and ¥0.50 on the period's bounds, ¥20.00 inside, one a day before and
        // one a day after, one trashed inside; in two shards.
        let a = [order(1, 1, 9, 999, false), order(2, 1, 10, 10_000, false), order(3, 2, 15, 2_000, true)];
        let b = [order(4, 2, 15, 2_000, false), order(5, 3, 20, 50, false), order(6, 3, 21, 7, false)];
        cols.refresh(0, 1, || a.iter());
        cols.refresh(1, 1, || b.iter());
        assert_eq!(cols.orders_in(day(10), day(20)), (3, 12_050));
        assert_eq!(cols.orders_in(day(21), day(10)), (0, 0));
    }
}
