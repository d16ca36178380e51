//! Times the value analysis natively on a generated book (for finding where the time
//! goes; the figures that count are the browser's, in BENCHMARKS.md):
//! `cargo run --release --example bench_value -- 100000 500000`.

use std::time::Instant;

use chrono::{Days, NaiveDate};
use kehu::analysis::abc::{abc, AbcThresholds};
use kehu::analysis::rfm::rfm;
use kehu::analysis::value::activity_in;
use kehu::model::order::{Order, OrderItem};

fn main() {
    let mut args = std::env::args().skip(1);
    let customers: usize = args.next().and_then(|n| n.parse().ok()).unwrap_or(100_000);
    let orders: usize = args.next().and_then(|n| n.parse().ok()).unwrap_or(500_000);
    let ids: Vec<String> = (0..customers).map(|i| format!("{:08x}-0000-4000-8000-{:012x}", i, i)).collect();
    let end = NaiveDate::from_ymd_opt(2026, 10, 31).expect("day");
    let at = "2026-11-01T09:00:00Z".parse().expect("time");
    let book: Vec<Order> = (0..orders)
        .map(|i| Order {
            sample: false,
            id: format!("o{i}").into(),
            customer_id: ids[(i * 7919) % customers].clone().into(),
            date: end.checked_sub_days(Days::new((i % 700) as u64)).unwrap_or(end),
            items: vec![OrderItem { name: "x".into(), quantity: 1.0, unit_price: 10.0 }],
            amount: 50.0 + ((i * 37) % 950) as f64,
            channel: Default::default(),
            note: Default::default(),
            number: Default::default(),
            created_at: at,
            updated_at: at,
            deleted_at: None,
        })
        .collect();
    let from = end.checked_sub_days(Days::new(364)).unwrap_or(end);
    let t = Instant::now();
    let activity = activity_in(&book, from, end);
    let t1 = t.elapsed();
    let revenues: Vec<(std::sync::Arc<str>, i64)> = activity.iter().map(|a| (a.key.clone(), a.revenue)).collect();
    let t = Instant::now();
    let classes = abc(&revenues, AbcThresholds::default());
    let t2 = t.elapsed();
    let t = Instant::now();
    let rows = rfm(&activity, end);
    let t3 = t.elapsed();
    println!(
        "{} customers active, {} classed, {} scored: activity {:?}, abc {:?}, rfm {:?}",
        activity.len(),
        classes.len(),
        rows.len(),
        t1,
        t2,
        t3
    );
}
