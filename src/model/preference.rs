//! Personalized service (个性化服务): each customer's preference profile, and service
//! rules that suggest an action for the customers of an RFM segment.

use super::Id;
use chrono::{DateTime, Utc};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::choice::{choice, Choice};
use super::stamp;

use super::record::{null_as_default, record_stamps, Record};
use super::validate::{check_len, check_required, check_stamps, MAX_LINE, MAX_TEXT};
use super::{FieldError, Problem};

/// A customer's preferences. A customer has at most one profile.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Preference {
    /// Unique id.
    pub id: Id,
    /// The customer.
    pub customer_id: Id,
    /// Preferred channel (电话, 微信, 上门…).
    #[serde(default, deserialize_with = "null_as_default")]
    pub channel: String,
    /// Preferred time to be contacted.
    #[serde(default, deserialize_with = "null_as_default")]
    pub time: String,
    /// Products they like.
    #[serde(default, deserialize_with = "null_as_default")]
    pub products: String,
    /// Sizes.
    #[serde(default, deserialize_with = "null_as_default")]
    pub sizes: String,
    /// What they dislike.
    #[serde(default, deserialize_with = "null_as_default")]
    pub dislikes: String,
    /// Special dates (anniversaries…).
    #[serde(default, deserialize_with = "null_as_default")]
    pub special_dates: String,
    /// Notes.
    #[serde(default, deserialize_with = "null_as_default")]
    pub notes: String,
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

impl Record for Preference {
    const COLLECTION: &'static str = "preferences";

    record_stamps!();

    fn summary(&self) -> String {
        self.customer_id.to_string()
    }

    fn index_key(&self) -> Option<(&'static str, &str)> {
        Some(("customer_id", &self.customer_id))
    }

    fn validate(&self) -> Vec<FieldError> {
        let mut errors = Vec::new();
        check_required(&mut errors, &[("id", &self.id), ("customer_id", &self.customer_id)]);
        for (f, v) in [("channel", &self.channel), ("time", &self.time), ("sizes", &self.sizes)] {
            check_len(&mut errors, f, v, MAX_LINE);
        }
        for (f, v) in [
            ("products", &self.products),
            ("dislikes", &self.dislikes),
            ("special_dates", &self.special_dates),
            ("notes", &self.notes),
        ] {
            check_len(&mut errors, f, v, MAX_TEXT);
        }
        check_stamps(&mut errors, self.created_at, self.updated_at);
        errors
    }
}

/// The eight RFM segments (客户价值八分类) a rule can name; `analysis::rfm` assigns
/// them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Segment {
    /// 重要价值客户 R↑F↑M↑.
    ImportantValue,
    /// 重要发展客户 R↑F↓M↑.
    ImportantDevelop,
    /// 重要保持客户 R↓F↑M↑.
    ImportantKeep,
    /// 重要挽留客户 R↓F↓M↑.
    ImportantRetain,
    /// 一般价值客户 R↑F↑M↓.
    GeneralValue,
    /// 一般发展客户 R↑F↓M↓.
    GeneralDevelop,
    /// 一般保持客户 R↓F↑M↓.
    GeneralKeep,
    /// 一般挽留客户 R↓F↓M↓.
    GeneralRetain,
}

// In the textbook's order; the values are what a rule's `segment` holds.
choice! { Segment {
    ImportantValue = "important_value" => SegImportantValue,
    ImportantDevelop = "important_develop" => SegImportantDevelop,
    ImportantKeep = "important_keep" => SegImportantKeep,
    ImportantRetain = "important_retain" => SegImportantRetain,
    GeneralValue = "general_value" => SegGeneralValue,
    GeneralDevelop = "general_develop" => SegGeneralDevelop,
    GeneralKeep = "general_keep" => SegGeneralKeep,
    GeneralRetain = "general_retain" => SegGeneralRetain,
} }

/// A service rule: customers of `segment` get `action` within `within_days`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct ServiceRule {
    /// Unique id.
    pub id: Id,
    /// The RFM segment, a [`Segment`]'s value.
    pub segment: String,
    /// What to do (经理电话回访).
    pub action: String,
    /// Within how many days.
    #[serde(default)]
    pub within_days: u32,
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

impl Record for ServiceRule {
    const COLLECTION: &'static str = "service_rules";

    record_stamps!();

    fn summary(&self) -> String {
        self.action.clone()
    }

    fn validate(&self) -> Vec<FieldError> {
        let mut errors = Vec::new();
        check_required(&mut errors, &[("id", &self.id), ("action", &self.action)]);
        check_len(&mut errors, "action", &self.action, MAX_LINE);
        if Segment::from_value(&self.segment).is_none() {
            errors.push(FieldError::new("segment", Problem::UnknownReference));
        }
        if self.within_days > 366 {
            errors.push(FieldError::new("within_days", Problem::OutOfRange { min: 0, max: 366 }));
        }
        check_stamps(&mut errors, self.created_at, self.updated_at);
        errors
    }
}
