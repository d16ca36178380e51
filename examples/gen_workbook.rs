//! Writes a generated sample workbook to stdout, for the benchmark and for trying
//! Kehu with a big book:
//! `cargo run --release --example gen_workbook -- real-estate 100000 [seed] [orders] [records] [calls]`.
//! With `orders`, the book is topped up with simple one-line orders until it holds that
//! many (the benchmark's 500,000 orders at 100,000 customers); with `records`, likewise
//! with inbound-call service records (300,000), the first customer getting 50 of them.
//! With `calls`, the call log is topped up with calls a few minutes apart, back from
//! 2026-11-01 (for the call log's scrolling).
//! The id of that first customer goes to stderr, for the benchmark's customer page.

use chrono::{Days, NaiveDate};
use kehu::model::call::{Call, CallDirection};
use kehu::model::order::{Order, OrderItem};
use kehu::model::service::{ServiceKind, ServiceRecord};
use kehu::model::Id;
use kehu::workbook::sample::{sample_workbook, SampleCompany};

fn main() {
    let mut args = std::env::args().skip(1);
    let company = match args.next().as_deref() {
        Some("taobao") => SampleCompany::TaobaoShop,
        _ => SampleCompany::RealEstate,
    };
    let count: usize = args.next().and_then(|n| n.parse().ok()).unwrap_or(10_000);
    let seed: u64 = args.next().and_then(|n| n.parse().ok()).unwrap_or(2026);
    let orders: usize = args.next().and_then(|n| n.parse().ok()).unwrap_or(0);
    let records: usize = args.next().and_then(|n| n.parse().ok()).unwrap_or(0);
    let calls: usize = args.next().and_then(|n| n.parse().ok()).unwrap_or(0);
    let mut wb = sample_workbook(company, seed, count);
    let end = NaiveDate::from_ymd_opt(2026, 10, 31).expect("valid day");
    let at = "2026-11-01T09:00:00Z".parse().expect("valid time");
    let customers: Vec<Id> = wb.collections.customers.iter().map(|c| c.id.clone()).collect();
    let mut i = 0usize;
    while wb.collections.orders.len() < orders && !customers.is_empty() {
        // A skewed spread: every third order goes to the first tenth of the customers.
        let who = if i % 3 == 0 { i % (customers.len() / 10).max(1) } else { (i * 7919) % customers.len() };
        let price = 50.0 + ((i * 37) % 950) as f64;
        wb.collections.orders.push(Order {
            sample: false,
            id: format!("bench-order-{i}").into(),
            customer_id: customers[who].clone(),
            date: end.checked_sub_days(Days::new((i % 700) as u64)).unwrap_or(end),
            items: vec![OrderItem { name: "商品".into(), quantity: 1.0, unit_price: price }],
            amount: price,
            channel: "门店".into(),
            note: Default::default(),
            number: Default::default(),
            created_at: at,
            updated_at: at,
            deleted_at: None,
        });
        i += 1;
    }
    let mut k = 0usize;
    while wb.collections.service_records.len() < records && !customers.is_empty() {
        // The first customer's 50 first, then spread over everybody.
        let who = if k < 50 { 0 } else { (k * 104_729) % customers.len() };
        let when = at - chrono::Duration::minutes((k % 500_000) as i64 * 7);
        wb.collections.service_records.push(ServiceRecord {
            sample: false,
            id: format!("bench-record-{k}").into(),
            customer_id: customers[who].clone(),
            kind: ServiceKind::InboundCall,
            at: when,
            staff: "王丽".into(),
            contact: Default::default(),
            topic: "咨询".into(),
            category: Default::default(),
            guided_to: Default::default(),
            result: "已解答".into(),
            duration_min: Some(5),
            notes: Default::default(),
            created_at: when,
            updated_at: when,
            deleted_at: None,
        });
        k += 1;
    }
    let agents = ["王丽", "李强", "陈静", "赵敏", "刘洋"];
    let mut n = 0usize;
    while wb.collections.calls.len() < calls {
        let when = at - chrono::Duration::minutes(n as i64 * 3);
        let abandoned = n % 10 == 0;
        wb.collections.calls.push(Call {
            sample: false,
            id: format!("bench-call-{n}").into(),
            direction: if n % 4 == 0 { CallDirection::Outbound } else { CallDirection::Inbound },
            started_at: when,
            queue_seconds: (n % 90) as u32,
            talk_seconds: if abandoned { 0 } else { 60 + (n % 400) as u32 },
            wrap_seconds: if abandoned { 0 } else { 30 },
            abandoned,
            first_contact_resolved: !abandoned && n % 3 != 0,
            agent: if abandoned { String::new() } else { agents[n % agents.len()].to_owned() },
            customer_id: if n % 2 == 0 || customers.is_empty() {
                Id::default()
            } else {
                customers[(n * 7919) % customers.len()].clone()
            },
            note: Default::default(),
            created_at: when,
            updated_at: when,
            deleted_at: None,
        });
        n += 1;
    }
    if let Some(first) = customers.first() {
        eprintln!("heavy customer: {first}");
    }
    print!("{}", wb.to_json());
}
