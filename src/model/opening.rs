//! The opening balance (期初): what a customer bought before the book was kept in
//! Kehu, known only as totals (累计消费, 消费次数, 最近购买 in a shop's spreadsheet).
//!
//! It is not an order and is never shown as one: the value analysis counts it
//! together with the real orders, and the order list shows it as one "期初" line.

use chrono::NaiveDate;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::order::MAX_AMOUNT;
use super::{FieldError, Problem};

/// Most purchases an opening balance may count.
pub const MAX_PURCHASES: u32 = 1_000_000;

/// A customer's purchases before the book, as totals; each part as far as known.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct OpeningBalance {
    /// Total spent, in yuan (累计消费).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub total: Option<f64>,
    /// Number of purchases (消费次数).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub purchases: Option<u32>,
    /// The day of the first purchase.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        serialize_with = "super::stamp::write_day_opt",
        deserialize_with = "super::stamp::read_day_opt"
    )]
    pub first: Option<NaiveDate>,
    /// The day of the last purchase (最近购买).
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        serialize_with = "super::stamp::write_day_opt",
        deserialize_with = "super::stamp::read_day_opt"
    )]
    pub last: Option<NaiveDate>,
}

impl OpeningBalance {
    /// Whether nothing is known.
    pub fn is_empty(&self) -> bool {
        self.total.is_none() && self.purchases.is_none() && self.first.is_none() && self.last.is_none()
    }

    /// The total in fen, exact for sums; 0 when not known.
    pub fn total_fen(&self) -> i64 {
        self.total.map_or(0, |t| (t * 100.0).round() as i64)
    }

    /// How many purchases it stands for: as given; else one when anything was spent or
    /// a purchase day is known (a shop that writes 累计消费 ¥300 had at least one sale).
    pub fn purchase_count(&self) -> u32 {
        self.purchases.unwrap_or(u32::from(self.total.is_some_and(|t| t > 0.0) || self.last.is_some()))
    }

    /// The last purchase day as far as known: the last, else the first.
    pub fn last_day(&self) -> Option<NaiveDate> {
        self.last.or(self.first)
    }

    /// The problems of each part, named `opening.total`, `opening.purchases`,
    /// `opening.first`, `opening.last`: a total that is negative, not a number or too
    /// large, too many purchases, a first purchase after the last, a day after `today`.
    pub fn check(&self, today: NaiveDate, errors: &mut Vec<FieldError>) {
        if let Some(t) = self.total {
            if !t.is_finite() || !(0.0..=MAX_AMOUNT).contains(&t) {
                errors.push(FieldError::new("opening.total", Problem::OutOfRange { min: 0, max: MAX_AMOUNT as i64 }));
            }
        }
        if self.purchases.is_some_and(|p| p > MAX_PURCHASES) {
            errors.push(FieldError::new(
                "opening.purchases",
                Problem::OutOfRange { min: 0, max: i64::from(MAX_PURCHASES) },
            ));
        }
        for (field, day) in [("opening.first", self.first), ("opening.last", self.last)] {
            if day.is_some_and(|d| d > today) {
                errors.push(FieldError::new(field, Problem::FutureDate));
            }
        }
        if let (Some(first), Some(last)) = (self.first, self.last) {
            if first > last {
                errors.push(FieldError::new("opening.last", Problem::BeforeStart));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    #[test]
    fn a_total_alone_stands_for_one_purchase() {
        let o = OpeningBalance { total: Some(300.0), ..Default::default() };
        assert_eq!((o.total_fen(), o.purchase_count()), (30_000, 1));
        let o = OpeningBalance { total: Some(1280.5), purchases: Some(12), ..Default::default() };
        assert_eq!((o.total_fen(), o.purchase_count()), (128_050, 12));
        assert_eq!(OpeningBalance::default().purchase_count(), 0);
        assert!(OpeningBalance::default().is_empty());
    }

    #[test]
    fn negative_totals_future_days_and_reversed_days_are_refused() {
        let today = d("2026-12-06");
        let mut errors = Vec::new();
        OpeningBalance {
            total: Some(-5.0),
            first: Some(d("2026-05-01")),
            last: Some(d("2026-01-01")),
            ..Default::default()
        }
        .check(today, &mut errors);
        OpeningBalance { total: Some(f64::NAN), last: Some(d("2027-01-01")), ..Default::default() }
            .check(today, &mut errors);
        let fields: Vec<&str> = errors.iter().map(|e| e.field.as_str()).collect();
        assert_eq!(fields, ["opening.total", "opening.last", "opening.total", "opening.last"]);
        let mut ok = Vec::new();
        OpeningBalance {
            total: Some(0.0),
            purchases: Some(3),
            first: Some(d("2020-01-01")),
            last: Some(d("2026-12-01")),
        }
        .check(today, &mut ok);
        assert!(ok.is_empty(), "{ok:?}");
    }
}
