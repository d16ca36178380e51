//! Orders (交易记录): what a customer bought, when, through which channel. They feed
//! the value analysis (ABC, RFM, CLV).

use super::Id;
use chrono::{DateTime, NaiveDate, Utc};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::Text;

use super::stamp;

use super::record::{null_as_default, null_as_empty_list, record_stamps, Record};
use super::validate::{check_len, check_required, check_stamps, MAX_LINE, MAX_TEXT};
use super::{FieldError, Problem};

/// The largest amount Kehu accepts for one order or item, in yuan.
pub const MAX_AMOUNT: f64 = 1e10;

/// Channel suggestions (渠道).
pub const CHANNEL_SUGGESTIONS: [&str; 6] = ["门店", "网店", "电话", "微信", "展会", "上门"];

/// One line of an order.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct OrderItem {
    /// What was bought.
    pub name: Text,
    /// How many (more than 0; may be fractional, e.g. kilograms).
    pub quantity: f64,
    /// Price of one, in yuan.
    pub unit_price: f64,
}

/// An order.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Order {
    /// Unique id.
    pub id: Id,
    /// The customer who bought.
    pub customer_id: Id,
    /// The day of the order.
    #[serde(serialize_with = "stamp::write_day", deserialize_with = "stamp::read_day")]
    pub date: NaiveDate,
    /// The lines; may be empty when only the amount is known.
    #[serde(default, deserialize_with = "null_as_empty_list")]
    pub items: Vec<OrderItem>,
    /// The order's amount in yuan (the lines' total when there are lines).
    pub amount: f64,
    /// Where it was sold (门店, 网店…), free text.
    #[serde(default, deserialize_with = "null_as_default")]
    pub channel: Text,
    /// A note.
    #[serde(default, deserialize_with = "null_as_default")]
    pub note: Text,
    /// The order's number in the shop's own records (订单号), as an orders CSV gave
    /// it; empty when unknown (left out of the file then). Importing a row whose
    /// number an order already has skips it, so a file imported twice adds nothing.
    #[serde(default, skip_serializing_if = "Text::is_empty", deserialize_with = "null_as_default")]
    pub number: Text,
    /// When the record was created.
    #[serde(serialize_with = "stamp::write", deserialize_with = "stamp::read")]
    pub created_at: DateTime<Utc>,
    /// When it was last changed.
    #[serde(serialize_with = "stamp::write", deserialize_with = "stamp::read")]
    pub updated_at: DateTime<Utc>,
    /// When it was moved to the trash.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        serialize_with = "stamp::write_opt",
        deserialize_with = "stamp::read_opt"
    )]
    pub deleted_at: Option<DateTime<Utc>>,
    /// Made by loading a sample company or as one of Kehu's defaults, not by the
    /// user: the coursework checks do not count it as the student's own work. Kept by
    /// every merge and export.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub sample: bool,
}

impl Order {
    /// The lines' total, in yuan.
    pub fn items_total(&self) -> f64 {
        self.items.iter().map(|i| i.quantity * i.unit_price).sum()
    }

    /// The amount in fen (cents), exact for sums.
    pub fn amount_fen(&self) -> i64 {
        (self.amount * 100.0).round() as i64
    }

    /// Every rule the order breaks on `today` (a date after today is refused).
    pub fn check_date(&self, today: NaiveDate) -> Option<FieldError> {
        (self.date > today).then(|| FieldError::new("date", Problem::FutureDate))
    }
}

impl Record for Order {
    const COLLECTION: &'static str = "orders";

    record_stamps!();

    fn summary(&self) -> String {
        format!("{} ¥{}", self.date, (self.amount * 100.0).round() / 100.0)
    }

    fn index_key(&self) -> Option<(&'static str, &str)> {
        Some(("customer_id", &self.customer_id))
    }

    fn validate(&self) -> Vec<FieldError> {
        let mut errors = Vec::new();
        check_required(&mut errors, &[("id", &self.id), ("customer_id", &self.customer_id)]);
        let money = |v: f64| v.is_finite() && (0.0..=MAX_AMOUNT).contains(&v);
        if !money(self.amount) {
            errors.push(FieldError::new("amount", Problem::OutOfRange { min: 0, max: MAX_AMOUNT as i64 }));
        }
        for (i, item) in self.items.iter().enumerate() {
            if item.name.trim().is_empty() {
                errors.push(FieldError::new(format!("items[{i}].name"), Problem::Required));
            }
            check_len(&mut errors, &format!("items[{i}].name"), &item.name, MAX_LINE);
            if !(item.quantity.is_finite() && item.quantity > 0.0 && item.quantity <= 1e9) {
                errors.push(FieldError::new(format!("items[{i}].quantity"), Problem::Positive));
            }
            if !money(item.unit_price) {
                errors.push(FieldError::new(
                    format!("items[{i}].unit_price"),
                    Problem::OutOfRange { min: 0, max: MAX_AMOUNT as i64 },
                ));
            }
        }
        check_len(&mut errors, "channel", &self.channel, MAX_LINE);
        check_len(&mut errors, "note", &self.note, MAX_TEXT);
        check_len(&mut errors, "number", &self.number, MAX_LINE);
        check_stamps(&mut errors, self.created_at, self.updated_at);
        errors
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn order(items: Vec<OrderItem>, amount: f64) -> Order {
        let at = "2026-11-20T08:00:00Z".parse().unwrap();
        Order {
            number: Default::default(),
            sample: false,
            id: "o".into(),
            customer_id: "c".into(),
            date: NaiveDate::from_ymd_opt(2026, 11, 20).unwrap(),
            items,
            amount,
            channel: "门店".into(),
            note: Default::default(),
            created_at: at,
            updated_at: at,
            deleted_at: None,
        }
    }

    #[test]
    fn totals_in_yuan_and_fen() {
        let o = order(
            vec![
                OrderItem { name: "纯棉T恤".into(), quantity: 2.0, unit_price: 59.9 },
                OrderItem { name: "袜子".into(), quantity: 3.0, unit_price: 9.9 },
            ],
            149.5,
        );
        assert!((o.items_total() - 149.5).abs() < 1e-9);
        assert_eq!(o.amount_fen(), 14950);
        assert!(o.validate().is_empty());
    }

    #[test]
    fn negative_quantity_negative_amount_and_future_date_are_refused() {
        let bad = order(vec![OrderItem { name: "x".into(), quantity: -1.0, unit_price: 5.0 }], -5.0);
        let fields: Vec<_> = bad.validate().into_iter().map(|e| e.field).collect();
        assert_eq!(fields, ["amount", "items[0].quantity"]);
        let today = NaiveDate::from_ymd_opt(2026, 11, 19).unwrap();
        assert_eq!(bad.check_date(today), Some(FieldError::new("date", Problem::FutureDate)));
        assert_eq!(bad.check_date(today.succ_opt().unwrap()), None);
    }
}
