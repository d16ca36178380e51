//! Property tests that drive every file parser with random and mangled input: each
//! answers with a value or an error, never a panic (a panic aborts the whole tab).
#![cfg(not(target_arch = "wasm32"))]

use chrono::{DateTime, FixedOffset, NaiveDate, Utc};
use kehu::model::custom_field::CustomFields;
use kehu::workbook::customers_csv::{
    plan_customer_import, read_customers_csv, Columns, CustomerColumn, DuplicateStrategy,
};
use kehu::workbook::feedback::parse_feedback;
use kehu::workbook::sample::{sample_workbook, SampleCompany};
use kehu::workbook::{calls_csv, csv, orders_csv, parse_workbook, Owner};
use proptest::prelude::*;

fn now() -> DateTime<Utc> {
    "2026-11-27T08:00:00Z".parse().unwrap()
}

fn today() -> NaiveDate {
    now().date_naive()
}

/// A small valid workbook's text, to mangle.
fn valid_workbook() -> String {
    sample_workbook(SampleCompany::TaobaoShop, 7, 3).to_json()
}

/// Text that looks like CSV: cells from a mix of separators, quotes, Chinese, numbers.
fn csvish() -> impl Strategy<Value = String> {
    let cell = prop_oneof![
        Just(String::new()),
        "[a-z]{0,6}",
        "[0-9]{1,12}",
        Just("张三".to_owned()),
        Just("\"".to_owned()),
        Just("\"\"".to_owned()),
        Just("2026-11-27".to_owned()),
        Just("1:30".to_owned()),
        Just("姓名".to_owned()),
        Just("手机".to_owned()),
        Just("金额".to_owned()),
        Just("来电时间".to_owned()),
        ".{0,8}",
    ];
    let sep = prop_oneof![Just(","), Just("\r\n"), Just("\n"), Just("\""), Just(";")];
    prop::collection::vec((cell, sep), 0..60).prop_map(|parts| parts.into_iter().map(|(c, s)| c + s).collect())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn random_bytes_never_panic_any_parser(bytes in prop::collection::vec(any::<u8>(), 0..400)) {
        let _ = parse_workbook(&bytes);
        let _ = csv::parse_csv(&bytes);
        let _ = csv::mixes_encodings(&bytes);
        let _ = read_customers_csv(&bytes);
        let _ = orders_csv::orders_from_csv(&bytes, |_| None, today(), now());
        let _ = calls_csv::calls_from_csv(&bytes, |_| None, FixedOffset::east_opt(8 * 3600).unwrap(), now());
        let _ = parse_feedback(&bytes, Some(&Owner::default()), None);
    }

    #[test]
    fn a_mangled_workbook_is_read_or_refused_never_a_panic(
        cut in 0usize..4000,
        flips in prop::collection::vec((0usize..4000, any::<u8>()), 0..8),
        insert in ".{0,6}",
    ) {
        let mut bytes = valid_workbook().into_bytes();
        for (at, b) in flips {
            let i = at % bytes.len();
            bytes[i] = b;
        }
        let at = cut % bytes.len();
        let mut mangled = bytes[..at].to_vec();
        mangled.extend_from_slice(insert.as_bytes());
        mangled.extend_from_slice(&bytes[at..]);
        let _ = parse_workbook(&mangled);
        let _ = parse_workbook(&bytes[..at]);
    }

    #[test]
    fn csv_like_text_never_panics_the_imports(text in csvish(), strategy in 0u8..3) {
        let bytes = text.as_bytes();
        let _ = orders_csv::orders_from_csv(bytes, |n| (n == "张三").then(|| "c1".to_owned()), today(), now());
        let _ = calls_csv::calls_from_csv(bytes, |_| None, FixedOffset::east_opt(8 * 3600).unwrap(), now());
        if let Ok(file) = read_customers_csv(bytes) {
            let strategy = [DuplicateStrategy::Skip, DuplicateStrategy::Update, DuplicateStrategy::Create][strategy as usize];
            // The guessed mapping, and one with every column read as a name.
            let all_names = vec![Some(CustomerColumn::Name); file.header.len()];
            for mapping in [file.mapping.clone(), all_names] {
                let existing = sample_workbook(SampleCompany::TaobaoShop, 7, 3).collections.customers;
                let mut n = 0;
                let fields = CustomFields::default();
                let columns = Columns { header: &file.header, mapping: &mapping, fields: &fields };
                let plan = plan_customer_import(&file.rows, columns, existing.iter(), strategy, now(), || {
                    n += 1;
                    format!("new-{n}").into()
                });
                // What is written is valid, whatever came in.
                for c in &plan.to_write {
                    prop_assert!(kehu::model::Record::validate(c).is_empty(), "{c:?}");
                }
            }
        }
    }
}
