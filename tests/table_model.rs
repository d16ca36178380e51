//! The in-memory table against the plainest model of it (a map from id to record):
//! after any sequence of inserts, replacements, removals and shard reloads, both hold
//! the same records, and the customer index finds exactly the records of a customer.
#![cfg(not(target_arch = "wasm32"))]

use std::collections::BTreeMap;

use chrono::{DateTime, NaiveDate, Utc};
use kehu::model::order::Order;
use kehu::model::Id;
use kehu::store::{shard_of, Table, SHARDS};
use proptest::prelude::*;

fn order(id: usize, customer: usize, amount: u32) -> Order {
    let at: DateTime<Utc> = "2026-11-27T08:00:00Z".parse().unwrap();
    Order {
        number: Default::default(),
        sample: false,
        id: format!("o{id}").into(),
        customer_id: format!("c{customer}").into(),
        date: NaiveDate::from_ymd_opt(2026, 11, 27).unwrap(),
        items: Vec::new(),
        amount: f64::from(amount),
        channel: Default::default(),
        note: Default::default(),
        created_at: at,
        updated_at: at,
        deleted_at: None,
    }
}

#[derive(Debug, Clone)]
enum Op {
    /// Insert or replace the order with this id.
    Put(usize, usize, u32),
    Remove(usize),
    /// Reload the shard of this id with these orders of the same shard.
    Reload(usize, Vec<(usize, usize, u32)>),
}

/// Ids from a small range, so that shards hold several records and ops meet.
const IDS: usize = 700;

fn op() -> impl Strategy<Value = Op> {
    prop_oneof![
        6 => (0..IDS, 0..6usize, 0..100u32).prop_map(|(i, c, a)| Op::Put(i, c, a)),
        3 => (0..IDS).prop_map(Op::Remove),
        1 => (0..IDS, prop::collection::vec((0..IDS, 0..6usize, 0..100u32), 0..40)).prop_map(|(i, v)| Op::Reload(i, v)),
    ]
}

fn check(table: &Table<Order>, model: &BTreeMap<Id, Order>) {
    assert_eq!(table.len(), model.len());
    let mut all: Vec<&Order> = table.iter().collect();
    all.sort_by(|a, b| a.id.cmp(&b.id));
    assert_eq!(all, model.values().collect::<Vec<_>>());
    for i in 0..IDS {
        let id = format!("o{i}");
        assert_eq!(table.get(&id), model.get(id.as_str()));
    }
    for c in 0..6 {
        let customer = format!("c{c}");
        let mut found: Vec<&str> = table.lookup("customer_id", &customer).map(|o| o.id.as_str()).collect();
        found.sort_unstable();
        let expected: Vec<&str> = model.values().filter(|o| o.customer_id == customer).map(|o| o.id.as_str()).collect();
        assert_eq!(found, expected, "orders of {customer}");
    }
    for b in 0..SHARDS {
        let mut shard: Vec<&str> = table.shard(b).map(|o| o.id.as_str()).collect();
        shard.sort_unstable();
        let expected: Vec<&str> = model.keys().filter(|id| shard_of(id) == b).map(Id::as_str).collect();
        assert_eq!(shard, expected, "shard {b}");
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 200, ..ProptestConfig::default() })]

    #[test]
    fn the_table_holds_what_a_plain_map_holds(ops in prop::collection::vec(op(), 1..120)) {
        let mut table = Table::new();
        let mut model = BTreeMap::new();
        for op in ops {
            match op {
                Op::Put(i, c, a) => {
                    let o = order(i, c, a);
                    let replaced = table.insert(o.clone());
                    prop_assert_eq!(replaced, model.insert(o.id.clone(), o));
                }
                Op::Remove(i) => {
                    let id = format!("o{i}");
                    prop_assert_eq!(table.remove(&id), model.remove(id.as_str()));
                }
                Op::Reload(i, orders) => {
                    let b = shard_of(&format!("o{i}"));
                    let mut fresh: BTreeMap<Id, Order> = BTreeMap::new();
                    for (j, c, a) in orders {
                        let o = order(j, c, a);
                        if shard_of(&o.id) == b {
                            fresh.insert(o.id.clone(), o);
                        }
                    }
                    model.retain(|id, _| shard_of(id) != b);
                    model.extend(fresh.clone());
                    table.replace_shard(b, fresh.into_values().collect());
                }
            }
            check(&table, &model);
        }
        table.shrink_to_fit();
        check(&table, &model);
    }
}
