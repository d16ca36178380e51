//! Deterministic, realistic sample data: the Jiangxi real-estate company of 项目一's
//! case and a Taobao shop. The same generator, with a count, feeds the tests and the
//! benchmark, so a given seed always gives the same workbook.

mod calls;
mod care;
mod common;
mod customers;
mod org;
mod sales;
mod service;

pub use common::SampleCompany;
pub use customers::generate_customers;

use crate::workbook::Workbook;
use common::base_time;

/// A whole sample workbook of `count` customers, with their daily service (records,
/// callbacks, tickets, a satisfaction survey and its responses, scripts, self-checks),
/// two years of orders and a pipeline of opportunities.
pub fn sample_workbook(company: SampleCompany, seed: u64, count: usize) -> Workbook {
    let customers = generate_customers(company, seed, count);
    let mut collections = service::daily_service(company, seed, &customers);
    let (orders, stages, opportunities) = sales::sales(company, seed, &customers);
    let (visits, key_accounts, activities, plans) = sales::accounts(seed, &customers, &orders);
    collections.visits = visits;
    collections.key_accounts = key_accounts;
    collections.account_activities = activities;
    collections.event_plans = plans;
    collections.point_entries = orders
        .iter()
        .filter(|o| o.amount >= 1.0)
        .map(|o| crate::model::loyalty::PointEntry {
            sample: false,
            id: format!("pt-{}", o.id).into(),
            customer_id: o.customer_id.clone(),
            date: o.date,
            kind: crate::model::loyalty::PointKind::Earned,
            points: o.amount.floor() as i64,
            reason: Default::default(),
            order_id: o.id.clone(),
            created_at: o.created_at,
            updated_at: o.created_at,
            deleted_at: None,
        })
        .collect();
    let (care_rules, care_actions, preferences, service_rules) = care::care(seed, &customers, &orders);
    collections.care_rules = care_rules;
    collections.care_actions = care_actions;
    collections.preferences = preferences;
    collections.service_rules = service_rules;
    collections.calls = calls::calls(seed, &customers);
    collections.org_units = org::org(seed);
    collections.job_descriptions = org::jobs(seed);
    collections.orders = orders;
    collections.pipeline_stages = stages;
    collections.opportunities = opportunities;
    collections.customers = customers;
    // The sample is not the student's work: the coursework checks skip these.
    collections.mark_all_sample();
    Workbook::new(None, collections, base_time())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{validate::is_valid_phone, Choice, Record, Stage};
    use std::collections::HashSet;

    #[test]
    fn no_sample_record_is_changed_after_the_sample_time() {
        // The coursework checks take a sample record changed after it as the student's
        // edit (`is_own_or_edited`), so the sample itself must not look edited.
        struct Late(Vec<String>);
        impl crate::model::CollectionVisitor for Late {
            fn visit<T: Record>(&mut self, records: &[T]) {
                let at = crate::model::record::sample_time();
                self.0.extend(
                    records.iter().filter(|r| r.updated_at() > at).map(|r| format!("{} {}", T::COLLECTION, r.id())),
                );
            }
        }
        for company in [SampleCompany::RealEstate, SampleCompany::TaobaoShop] {
            let wb = sample_workbook(company, 2026, 300);
            let mut late = Late(Vec::new());
            wb.collections.visit(&mut late);
            assert_eq!(late.0, Vec::<String>::new());
            assert!(!wb.collections.customers.iter().any(crate::model::record::is_own_or_edited));
        }
    }

    #[test]
    fn the_sample_is_marked_and_the_mark_survives_export_import_and_merge() {
        let wb = sample_workbook(SampleCompany::TaobaoShop, 5, 40);
        assert!(wb.collections.len() > 300);
        assert!(wb.collections.is_sample_only());
        let back = crate::workbook::parse_workbook(wb.to_json().as_bytes()).unwrap();
        assert!(back.collections.is_sample_only(), "every record is still marked after the round trip");
        // The student's own customer, merged in, is the one record not marked.
        let mut own = back.collections.customers[0].clone();
        own.id = "own-1".into();
        own.sample = false;
        let file = crate::model::Collections { customers: vec![own], ..Default::default() };
        let today = chrono::NaiveDate::from_ymd_opt(2026, 12, 6).unwrap();
        let (merged, _) = crate::workbook::merge::merge_books(&back.collections, &file, today).unwrap();
        assert!(!merged.is_sample_only());
        assert_eq!(merged.customers.iter().filter(|c| !c.is_sample()).count(), 1);
        assert_eq!(merged.customers.len(), back.collections.customers.len() + 1);
        // Trashed, the own record no longer makes the book the student's.
        let mut trashed = merged.clone();
        trashed.customers.iter_mut().filter(|c| !c.is_sample()).for_each(|c| c.deleted_at = Some(c.updated_at));
        assert!(trashed.is_sample_only());
        assert!(!crate::model::Collections::default().is_sample_only(), "an empty book is not 'sample only'");
    }

    #[test]
    fn same_seed_same_data_other_seed_other_data() {
        let a = generate_customers(SampleCompany::RealEstate, 7, 50);
        assert_eq!(a, generate_customers(SampleCompany::RealEstate, 7, 50));
        assert_ne!(a, generate_customers(SampleCompany::RealEstate, 8, 50));
    }

    #[test]
    fn every_generated_customer_is_valid_with_a_unique_id() {
        for company in [SampleCompany::RealEstate, SampleCompany::TaobaoShop] {
            let customers = generate_customers(company, 1, 2_000);
            let ids: HashSet<_> = customers.iter().map(|c| c.id.clone()).collect();
            assert_eq!(ids.len(), customers.len());
            for c in &customers {
                assert_eq!(c.validate(), vec![], "{c:?}");
                assert!(is_valid_phone(&c.phone));
                assert!(uuid::Uuid::parse_str(&c.id).unwrap().get_version_num() == 4);
            }
        }
    }

    #[test]
    fn data_is_varied_like_a_real_book() {
        let customers = generate_customers(SampleCompany::RealEstate, 3, 1_000);
        let stages: HashSet<_> = customers.iter().map(|c| c.stage).collect();
        assert_eq!(stages.len(), Stage::ALL.len(), "every stage occurs");
        let sources: HashSet<_> = customers.iter().map(|c| c.source.as_str()).collect();
        assert!(sources.len() >= 5);
        assert!(customers.iter().any(|c| c.phone.contains('-')), "some landlines");
        assert!(customers.iter().all(|c| c.region.starts_with("江西")));
        let avg = crate::model::customer::average_completeness(&customers).unwrap();
        assert!((0.5..0.95).contains(&avg), "completeness varies, average {avg}");
    }
}
