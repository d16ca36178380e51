//! Customer visits (客户拜访和接近): planned with a purpose, a preparation checklist
//! and materials, then logged with the result and the next step.

use super::Id;
use chrono::{DateTime, Utc};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::choice::choice;
use super::stamp;

use super::record::{null_as_default, record_stamps, Record};
use super::validate::{check_len, check_required, check_stamps, MAX_LINE, MAX_TEXT};
use super::{FieldError, Problem};

/// Where a visit stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum VisitStatus {
    /// Planned, not yet made.
    Planned,
    /// Made; the result is logged.
    Done,
    /// Called off.
    Cancelled,
}

choice! { VisitStatus {
    Planned = "planned" => VisitPlanned,
    Done = "done" => VisitDone,
    Cancelled = "cancelled" => VisitCancelled,
} }

/// One preparation step (了解客户背景, 准备资料…).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct PrepItem {
    /// What to prepare.
    pub text: String,
    /// Whether it is done.
    #[serde(default)]
    pub done: bool,
}

/// The preparation steps a new visit starts with: (Chinese, English).
pub const DEFAULT_PREP: [(&str, &str); 5] = [
    ("了解客户背景和需求", "Learn the customer's background and needs"),
    ("明确拜访目的", "Set the purpose of the visit"),
    ("预约时间地点", "Book the time and place"),
    ("准备资料和样品", "Prepare materials and samples"),
    ("注意仪容仪表", "Check your appearance"),
];

/// A visit to a customer.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Visit {
    /// Unique id.
    pub id: Id,
    /// The customer visited.
    pub customer_id: Id,
    /// What the visit is for.
    pub purpose: String,
    /// When it is (or was), RFC 3339 UTC.
    #[serde(serialize_with = "stamp::write", deserialize_with = "stamp::read")]
    pub at: DateTime<Utc>,
    /// Preparation checklist.
    #[serde(default, deserialize_with = "null_as_default")]
    pub prep: Vec<PrepItem>,
    /// Materials to bring.
    #[serde(default, deserialize_with = "null_as_default")]
    pub materials: String,
    /// Planned, done or cancelled.
    pub status: VisitStatus,
    /// What came of it (required once done).
    #[serde(default, deserialize_with = "null_as_default")]
    pub result: String,
    /// The next step agreed.
    #[serde(default, deserialize_with = "null_as_default")]
    pub next_step: String,
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

impl Record for Visit {
    const COLLECTION: &'static str = "visits";

    record_stamps!();

    fn summary(&self) -> String {
        format!("{} {}", self.at.date_naive(), self.purpose)
    }

    fn index_key(&self) -> Option<(&'static str, &str)> {
        Some(("customer_id", &self.customer_id))
    }

    fn validate(&self) -> Vec<FieldError> {
        let mut errors = Vec::new();
        check_required(
            &mut errors,
            &[("id", &self.id), ("customer_id", &self.customer_id), ("purpose", &self.purpose)],
        );
        check_len(&mut errors, "purpose", &self.purpose, MAX_LINE);
        for (f, v) in [("materials", &self.materials), ("result", &self.result), ("next_step", &self.next_step)] {
            check_len(&mut errors, f, v, MAX_TEXT);
        }
        for (i, p) in self.prep.iter().enumerate() {
            if p.text.trim().is_empty() {
                errors.push(FieldError::new(format!("prep[{i}].text"), Problem::Required));
            }
        }
        if self.status == VisitStatus::Done && self.result.trim().is_empty() {
            errors.push(FieldError::new("result", Problem::Required));
        }
        check_stamps(&mut errors, self.created_at, self.updated_at);
        errors
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_done_visit_needs_its_result() {
        let at: DateTime<Utc> = "2026-11-20T08:00:00Z".parse().unwrap();
        let mut v = Visit {
            sample: false,
            id: "v".into(),
            customer_id: "c".into(),
            purpose: "介绍二期".into(),
            at,
            prep: DEFAULT_PREP.iter().map(|(zh, _)| PrepItem { text: (*zh).into(), done: false }).collect(),
            materials: "楼书".into(),
            status: VisitStatus::Planned,
            result: String::new(),
            next_step: String::new(),
            created_at: at,
            updated_at: at,
            deleted_at: None,
        };
        assert!(v.validate().is_empty());
        v.status = VisitStatus::Done;
        assert_eq!(v.validate(), [FieldError::new("result", Problem::Required)]);
    }
}
