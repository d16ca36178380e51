//! Which customers are key accounts (大客户识别): rules the user sets over the value
//! analysis, any of which qualifies a customer; and when each key account's next planned
//! callback is due.

use chrono::{Days, NaiveDate};

use super::abc::AbcClass;
use super::rfm::Segment;

pub use crate::model::settings::KeyAccountRules;

impl KeyAccountRules {
    /// Whether a customer with this class, segment and revenue (yuan) qualifies.
    pub fn qualifies(&self, class: Option<AbcClass>, segment: Option<Segment>, revenue: f64) -> bool {
        (self.class_a && class == Some(AbcClass::A))
            || (self.important_value && segment == Some(Segment::ImportantValue))
            || self.revenue_above.is_some_and(|x| revenue > x)
    }
}

/// The day the next planned callback of an account is due: `every` days after the last
/// callback done (or after `since`, when there is none). `None` without a plan.
pub fn next_callback(since: NaiveDate, last_done: Option<NaiveDate>, every: u32) -> Option<NaiveDate> {
    if every == 0 {
        return None;
    }
    last_done.unwrap_or(since).checked_add_days(Days::new(u64::from(every)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn any_chosen_rule_qualifies() {
        let r = KeyAccountRules { class_a: true, important_value: true, revenue_above: Some(100_000.0) };
        assert!(r.qualifies(Some(AbcClass::A), None, 0.0));
        assert!(r.qualifies(Some(AbcClass::C), Some(Segment::ImportantValue), 0.0));
        assert!(r.qualifies(None, None, 100_000.01));
        assert!(!r.qualifies(Some(AbcClass::B), Some(Segment::GeneralValue), 100_000.0));
        let only_revenue = KeyAccountRules { class_a: false, important_value: false, revenue_above: Some(5.0) };
        assert!(!only_revenue.qualifies(Some(AbcClass::A), Some(Segment::ImportantValue), 5.0));
    }

    #[test]
    fn the_next_callback_follows_the_last_one_done() {
        let d = |s: &str| s.parse::<NaiveDate>().unwrap();
        assert_eq!(next_callback(d("2026-11-01"), None, 30), Some(d("2026-12-01")));
        assert_eq!(next_callback(d("2026-11-01"), Some(d("2026-11-20")), 14), Some(d("2026-12-04")));
        assert_eq!(next_callback(d("2026-11-01"), None, 0), None);
    }
}
