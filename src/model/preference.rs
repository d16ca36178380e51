//! Personalized service (个性化服务): each customer's preference profile, and service
//! rules that suggest an action for the customers of an RFM segment.

use super::Id;
use chrono::{DateTime, Utc};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

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

/// The RFM segments a rule can name, as in the file.
pub const SEGMENT_VALUES: [&str; 8] = [
    "important_value",
    "important_develop",
    "important_keep",
    "important_retain",
    "general_value",
    "general_develop",
    "general_keep",
    "general_retain",
];

/// A service rule: customers of `segment` get `action` within `within_days`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct ServiceRule {
    /// Unique id.
    pub id: Id,
    /// The RFM segment, one of [`SEGMENT_VALUES`].
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
        if !SEGMENT_VALUES.contains(&self.segment.as_str()) {
            errors.push(FieldError::new("segment", Problem::UnknownReference));
        }
        if self.within_days > 366 {
            errors.push(FieldError::new("within_days", Problem::OutOfRange { min: 0, max: 366 }));
        }
        check_stamps(&mut errors, self.created_at, self.updated_at);
        errors
    }
}
