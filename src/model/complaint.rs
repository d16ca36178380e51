//! Complaints (客户抱怨和投诉管理): registered with category, severity and what the
//! customer asks for; handled through six steps in order, each with time, handler and
//! note; a deadline from the severity; escalation, root cause, compensation and the
//! customer's satisfaction with the resolution.

use super::Id;
use chrono::{DateTime, Duration, Utc};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::choice::{choice, Choice};
use super::stamp;

use super::record::{null_as_default, record_stamps, Record};
use super::validate::{check_len, check_required, check_stamps, MAX_LINE, MAX_TEXT};
use super::{FieldError, Problem};

/// What a complaint is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum ComplaintCategory {
    /// 产品质量.
    ProductQuality,
    /// 服务态度.
    ServiceAttitude,
    /// 物流配送.
    Delivery,
    /// 价格.
    Price,
    /// 其他.
    Other,
}

choice! { ComplaintCategory {
    ProductQuality = "product_quality" => CatProductQuality,
    ServiceAttitude = "service_attitude" => CatServiceAttitude,
    Delivery = "delivery" => CatDelivery,
    Price = "price" => CatPrice,
    Other = "other" => CatOther,
} }

/// How urgent a complaint is; each level carries a deadline in hours.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Severity {
    /// 紧急: 4 hours by default.
    Urgent,
    /// 重要: 24 hours.
    High,
    /// 一般: 72 hours.
    Normal,
}

// Most urgent first.
choice! { Severity {
    Urgent = "urgent" => SevUrgent,
    High = "high" => SevHigh,
    Normal = "normal" => SevNormal,
} }

impl Severity {
    /// The default deadline, in hours.
    pub fn default_hours(self) -> u32 {
        match self {
            Severity::Urgent => 4,
            Severity::High => 24,
            Severity::Normal => 72,
        }
    }
}

/// The longest deadline accepted, in hours (a year).
pub const MAX_DEADLINE_HOURS: u32 = 24 * 366;

/// Checks a deadline typed for a severity: at least one hour.
pub fn check_deadline_hours(hours: u32) -> Result<u32, Problem> {
    if (1..=MAX_DEADLINE_HOURS).contains(&hours) {
        Ok(hours)
    } else {
        Err(Problem::OutOfRange { min: 1, max: i64::from(MAX_DEADLINE_HOURS) })
    }
}

/// The six steps, in the order they are taken: 受理 → 调查 → 处理 → 答复客户 → 回访 → 归档.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum ComplaintStep {
    /// 受理: registered.
    Accepted,
    /// 调查: investigating.
    Investigating,
    /// 处理: handling.
    Handling,
    /// 答复客户: the resolution told to the customer (the complaint counts as resolved).
    Replied,
    /// 回访: the customer called back.
    CalledBack,
    /// 归档: archived.
    Archived,
}

// In the order the steps are taken ([`ComplaintStep::next`] follows it).
choice! { ComplaintStep {
    Accepted = "accepted" => StepAccepted,
    Investigating = "investigating" => StepInvestigating,
    Handling = "handling" => StepHandling,
    Replied = "replied" => StepReplied,
    CalledBack = "called_back" => StepCalledBack,
    Archived = "archived" => StepArchived,
} }

impl ComplaintStep {
    /// The step after this one.
    pub fn next(self) -> Option<ComplaintStep> {
        let i = ComplaintStep::ALL.iter().position(|s| *s == self)?;
        ComplaintStep::ALL.get(i + 1).copied()
    }
}

/// One step taken.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct StepRecord {
    /// The step.
    pub step: ComplaintStep,
    /// When.
    #[serde(serialize_with = "stamp::write", deserialize_with = "stamp::read")]
    pub at: DateTime<Utc>,
    /// Who handled it.
    #[serde(default, deserialize_with = "null_as_default")]
    pub by: String,
    /// A note.
    #[serde(default, deserialize_with = "null_as_default")]
    pub note: String,
}

/// Why a step is refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum StepError {
    /// Not the next step in order (or the complaint is archived).
    #[error("not the next step")]
    OutOfOrder,
    /// Dated before the previous step.
    #[error("dated before the previous step")]
    BeforePrevious,
}

/// A complaint.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Complaint {
    /// Unique id.
    pub id: Id,
    /// The customer.
    pub customer_id: Id,
    /// How it came in (电话, 门店, 网店, 微信…).
    #[serde(default, deserialize_with = "null_as_default")]
    pub channel: String,
    /// What it is about.
    pub category: ComplaintCategory,
    /// How urgent.
    pub severity: Severity,
    /// What happened.
    pub description: String,
    /// What the customer asks for.
    #[serde(default, deserialize_with = "null_as_default")]
    pub request: String,
    /// When it was received.
    #[serde(serialize_with = "stamp::write", deserialize_with = "stamp::read")]
    pub received_at: DateTime<Utc>,
    /// Hours allowed to resolve it (from its severity when registered).
    pub deadline_hours: u32,
    /// The steps taken, in order; the first is 受理.
    #[serde(default, deserialize_with = "null_as_default")]
    pub steps: Vec<StepRecord>,
    /// To whom it was escalated, if anyone.
    #[serde(default, deserialize_with = "null_as_default")]
    pub escalated_to: String,
    /// The root cause found.
    #[serde(default, deserialize_with = "null_as_default")]
    pub root_cause: String,
    /// The compensation given.
    #[serde(default, deserialize_with = "null_as_default")]
    pub compensation: String,
    /// The customer's satisfaction with the resolution, 1–5.
    #[serde(default)]
    pub satisfaction: Option<u8>,
    /// What it came from (a callback's or a survey response's id), if anything.
    #[serde(default, deserialize_with = "null_as_default")]
    pub origin: String,
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

impl Complaint {
    /// When it must be resolved.
    pub fn deadline(&self) -> DateTime<Utc> {
        self.received_at + Duration::hours(i64::from(self.deadline_hours))
    }

    /// The last step taken.
    pub fn current_step(&self) -> Option<ComplaintStep> {
        self.steps.last().map(|s| s.step)
    }

    /// When the resolution was told to the customer (答复客户), if it was.
    pub fn resolved_at(&self) -> Option<DateTime<Utc>> {
        self.steps.iter().find(|s| s.step == ComplaintStep::Replied).map(|s| s.at)
    }

    /// Resolved by its deadline.
    pub fn on_time(&self) -> bool {
        self.resolved_at().is_some_and(|r| r <= self.deadline())
    }

    /// Not resolved and past its deadline at `now`: flagged.
    pub fn overdue(&self, now: DateTime<Utc>) -> bool {
        self.resolved_at().is_none() && now > self.deadline()
    }

    /// Takes the next step; refused when it is not the next one in order or is dated
    /// before the previous.
    pub fn take_step(&mut self, step: ComplaintStep, at: DateTime<Utc>, by: &str, note: &str) -> Result<(), StepError> {
        let expected = match self.current_step() {
            None => Some(ComplaintStep::Accepted),
            Some(s) => s.next(),
        };
        if expected != Some(step) {
            return Err(StepError::OutOfOrder);
        }
        if self.steps.last().is_some_and(|s| at < s.at) {
            return Err(StepError::BeforePrevious);
        }
        self.steps.push(StepRecord { step, at, by: by.to_owned(), note: note.to_owned() });
        Ok(())
    }
}

impl Record for Complaint {
    const COLLECTION: &'static str = "complaints";

    record_stamps!();

    fn summary(&self) -> String {
        self.description.chars().take(40).collect()
    }

    fn index_key(&self) -> Option<(&'static str, &str)> {
        Some(("customer_id", &self.customer_id))
    }

    fn validate(&self) -> Vec<FieldError> {
        let mut errors = Vec::new();
        check_required(
            &mut errors,
            &[("id", &self.id), ("customer_id", &self.customer_id), ("description", &self.description)],
        );
        for (f, v) in [("channel", &self.channel), ("escalated_to", &self.escalated_to)] {
            check_len(&mut errors, f, v, MAX_LINE);
        }
        for (f, v) in [
            ("description", &self.description),
            ("request", &self.request),
            ("root_cause", &self.root_cause),
            ("compensation", &self.compensation),
        ] {
            check_len(&mut errors, f, v, MAX_TEXT);
        }
        if let Err(p) = check_deadline_hours(self.deadline_hours) {
            errors.push(FieldError::new("deadline_hours", p));
        }
        if self.satisfaction.is_some_and(|s| !(1..=5).contains(&s)) {
            errors.push(FieldError::new("satisfaction", Problem::OutOfRange { min: 1, max: 5 }));
        }
        // Replay the steps: they must follow the order, never back in time.
        let mut replay = Complaint { steps: Vec::new(), ..self.clone() };
        for (i, s) in self.steps.iter().enumerate() {
            if replay.take_step(s.step, s.at, &s.by, &s.note).is_err() {
                errors.push(FieldError::new(format!("steps[{i}]"), Problem::StepNotAllowed));
                break;
            }
        }
        check_stamps(&mut errors, self.created_at, self.updated_at);
        errors
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    pub fn at(s: &str) -> DateTime<Utc> {
        s.parse().unwrap()
    }

    pub fn complaint(received: &str, severity: Severity) -> Complaint {
        Complaint {
            sample: false,
            id: "k".into(),
            customer_id: "c".into(),
            channel: "电话".into(),
            category: ComplaintCategory::ProductQuality,
            severity,
            description: "热水器漏水".into(),
            request: "上门维修".into(),
            received_at: at(received),
            deadline_hours: severity.default_hours(),
            steps: vec![StepRecord {
                step: ComplaintStep::Accepted,
                at: at(received),
                by: "王丽".into(),
                note: String::new(),
            }],
            escalated_to: String::new(),
            root_cause: String::new(),
            compensation: String::new(),
            satisfaction: None,
            origin: String::new(),
            created_at: at(received),
            updated_at: at(received),
            deleted_at: None,
        }
    }

    #[test]
    fn deadlines_cross_midnight_and_month_ends() {
        // Urgent at 22:30 on 31 January: 4 hours later is 02:30 on 1 February.
        assert_eq!(complaint("2026-01-31T22:30:00Z", Severity::Urgent).deadline(), at("2026-02-01T02:30:00Z"));
        // Normal (72 h) from 27 February in a non-leap year: 2 March.
        assert_eq!(complaint("2026-02-27T10:00:00Z", Severity::Normal).deadline(), at("2026-03-02T10:00:00Z"));
        // …and in a leap year: 1 March.
        assert_eq!(complaint("2028-02-27T10:00:00Z", Severity::Normal).deadline(), at("2028-03-01T10:00:00Z"));
        // High (24 h) from New Year's Eve.
        assert_eq!(complaint("2026-12-31T23:59:00Z", Severity::High).deadline(), at("2027-01-01T23:59:00Z"));
    }

    #[test]
    fn steps_go_in_order_and_the_reply_resolves() {
        let mut c = complaint("2026-11-20T08:00:00Z", Severity::Urgent);
        assert_eq!(
            c.take_step(ComplaintStep::Handling, at("2026-11-20T09:00:00Z"), "a", ""),
            Err(StepError::OutOfOrder)
        );
        for (s, t) in [
            (ComplaintStep::Investigating, "2026-11-20T08:30:00Z"),
            (ComplaintStep::Handling, "2026-11-20T10:00:00Z"),
            (ComplaintStep::Replied, "2026-11-20T11:59:00Z"),
        ] {
            c.take_step(s, at(t), "李强", "").unwrap();
        }
        assert_eq!(c.resolved_at(), Some(at("2026-11-20T11:59:00Z")));
        assert!(c.on_time(), "11:59 is before 12:00");
        assert_eq!(
            c.take_step(ComplaintStep::CalledBack, at("2026-11-20T11:00:00Z"), "a", ""),
            Err(StepError::BeforePrevious)
        );
        c.take_step(ComplaintStep::CalledBack, at("2026-11-21T09:00:00Z"), "a", "").unwrap();
        c.take_step(ComplaintStep::Archived, at("2026-11-21T10:00:00Z"), "a", "").unwrap();
        assert_eq!(
            c.take_step(ComplaintStep::Archived, at("2026-11-21T11:00:00Z"), "a", ""),
            Err(StepError::OutOfOrder)
        );
        assert!(c.validate().is_empty());
    }

    #[test]
    fn overdue_when_unresolved_past_the_deadline_and_zero_hours_refused() {
        let c = complaint("2026-11-20T08:00:00Z", Severity::Urgent);
        assert!(!c.overdue(at("2026-11-20T12:00:00Z")), "exactly at the deadline is not past it");
        assert!(c.overdue(at("2026-11-20T12:00:01Z")));
        let mut z = c.clone();
        z.deadline_hours = 0;
        assert_eq!(z.validate(), [FieldError::new("deadline_hours", Problem::OutOfRange { min: 1, max: 8784 })]);
        assert_eq!(check_deadline_hours(0), Err(Problem::OutOfRange { min: 1, max: 8784 }));
        let mut bad = c;
        bad.steps.push(StepRecord {
            step: ComplaintStep::Archived,
            at: at("2026-11-21T08:00:00Z"),
            by: String::new(),
            note: String::new(),
        });
        assert_eq!(bad.validate(), [FieldError::new("steps[1]", Problem::StepNotAllowed)]);
    }
}
