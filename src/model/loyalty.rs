//! Loyalty points (忠诚度管理): a ledger of point transactions per customer. The balance
//! is always the sum of the ledger; nothing else stores it.

use super::Id;
use chrono::{DateTime, NaiveDate, Utc};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::Text;

use super::choice::choice;
use super::stamp;

use super::record::{null_as_default, record_stamps, Record};
use super::validate::{check_len, check_required, check_stamps, MAX_TEXT};
use super::{FieldError, Problem};

/// What a ledger line records.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum PointKind {
    /// 获得: from a purchase or an activity (points > 0).
    Earned,
    /// 兑换: spent on a reward (points < 0).
    Redeemed,
    /// 调整: a correction either way.
    Adjusted,
    /// 过期: points that lapsed (points < 0).
    Expired,
}

choice! { PointKind {
    Earned = "earned" => PtEarned,
    Redeemed = "redeemed" => PtRedeemed,
    Adjusted = "adjusted" => PtAdjusted,
    Expired = "expired" => PtExpired,
} }

/// One line of a customer's points ledger.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct PointEntry {
    /// Unique id.
    pub id: Id,
    /// The customer.
    pub customer_id: Id,
    /// The day.
    #[serde(serialize_with = "stamp::write_day", deserialize_with = "stamp::read_day")]
    pub date: NaiveDate,
    /// Earned, redeemed, adjusted or expired.
    pub kind: PointKind,
    /// Signed points: positive adds to the balance, negative takes from it.
    pub points: i64,
    /// Why (the order, the reward, the correction).
    #[serde(default, deserialize_with = "null_as_default")]
    pub reason: Text,
    /// The order it was earned on, if any.
    #[serde(default, deserialize_with = "null_as_default")]
    pub order_id: Id,
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

/// The largest number of points one line may move.
pub const MAX_POINTS: i64 = 1_000_000_000;

impl Record for PointEntry {
    const COLLECTION: &'static str = "point_entries";

    record_stamps!();

    fn summary(&self) -> String {
        format!("{} {:+} {}", self.date, self.points, self.reason).trim_end().to_owned()
    }

    fn index_key(&self) -> Option<(&'static str, &str)> {
        Some(("customer_id", &self.customer_id))
    }

    fn validate(&self) -> Vec<FieldError> {
        let mut errors = Vec::new();
        check_required(&mut errors, &[("id", &self.id), ("customer_id", &self.customer_id)]);
        check_len(&mut errors, "reason", &self.reason, MAX_TEXT);
        let sign_ok = match self.kind {
            PointKind::Earned => self.points > 0,
            PointKind::Redeemed | PointKind::Expired => self.points < 0,
            PointKind::Adjusted => self.points != 0,
        };
        if !sign_ok || self.points.abs() > MAX_POINTS {
            errors.push(FieldError::new("points", Problem::OutOfRange { min: -MAX_POINTS, max: MAX_POINTS }));
        }
        check_stamps(&mut errors, self.created_at, self.updated_at);
        errors
    }
}
