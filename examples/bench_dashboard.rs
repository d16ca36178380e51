//! Times the dashboard's and care page's whole-book figures natively on a workbook
//! file (for finding where the time goes; the figures that count are the browser's, in
//! BENCHMARKS.md): `cargo run --release --example bench_dashboard -- BOOK.kehu.json`.

use std::time::Instant;

use chrono::NaiveDate;
use kehu::analysis::care::due_reminders;
use kehu::analysis::dashboard::{months_ending, new_and_returning};
use kehu::analysis::order_columns::OrderColumns;
use kehu::model::care::unsaved_default_rules;
use kehu::workbook::parse_workbook;

fn main() {
    let path = std::env::args().nth(1).expect("usage: bench_dashboard BOOK.kehu.json");
    let wb = parse_workbook(&std::fs::read(&path).expect("readable file")).expect("a valid workbook");
    let c = &wb.collections;
    let day = NaiveDate::from_ymd_opt(2026, 12, 7).expect("day");
    let t = Instant::now();
    let mut cols = OrderColumns::default();
    cols.refresh(0, 1, || c.orders.iter());
    println!("order columns: {:?}", t.elapsed());

    let months = months_ending(day, 12);
    let t = Instant::now();
    let purchases = c.orders.iter().filter(|o| o.deleted_at.is_none()).map(|o| (o.customer_id.as_str(), o.date));
    let by_id = new_and_returning(purchases, &months);
    println!("new and returning, by id: {:?}", t.elapsed());
    let t = Instant::now();
    let by_number = new_and_returning(cols.purchases(), &months);
    println!("new and returning, by number: {:?}", t.elapsed());
    assert_eq!(by_id, by_number);

    let rules = unsaved_default_rules(true);
    let live: Vec<_> = c.customers.iter().filter(|x| x.deleted_at.is_none()).collect();
    let t = Instant::now();
    let days = cols.customer_days();
    let t1 = t.elapsed();
    let done: Vec<_> = c.care_actions.iter().collect();
    let due = due_reminders(&rules, &live, &days, &done, day, 7);
    println!("care due: {} reminders, days {:?}, total {:?}", due.len(), t1, t.elapsed());
}
