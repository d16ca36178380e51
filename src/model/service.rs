//! Daily service (日常客户服务): service records of several kinds, and the callbacks
//! (回访) scheduled from them.

use super::Id;
use chrono::{DateTime, Days, NaiveDate, Utc};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::Text;

use super::choice::choice;
use super::stamp;

use super::record::{null_as_default, record_stamps, Record};
use super::validate::{check_len, check_required, check_stamps, MAX_LINE, MAX_TEXT};
use super::{FieldError, Problem};

/// The kinds of service record.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum ServiceKind {
    /// 接待: a visitor received.
    Reception,
    /// 电话受理: an inbound call.
    InboundCall,
    /// 外呼: an outbound call.
    OutboundCall,
    /// 拜访: a visit to the customer.
    Visit,
}

// Calls first, the most frequent.
choice! { ServiceKind {
    InboundCall = "inbound_call" => KindInboundCall,
    OutboundCall = "outbound_call" => KindOutboundCall,
    Reception = "reception" => KindReception,
    Visit = "visit" => KindVisit,
} }

impl ServiceKind {
    /// Whether the kind is a phone call (and so has a duration).
    pub fn is_call(self) -> bool {
        matches!(self, ServiceKind::InboundCall | ServiceKind::OutboundCall)
    }

    /// Days after the record when its callback is due by default: a call is followed
    /// up in 3 days, a reception or visit in 7 (editable per kind in the app).
    pub fn default_callback_days(self) -> u64 {
        if self.is_call() {
            3
        } else {
            7
        }
    }
}

/// One contact with a customer. Fields a kind does not use stay empty: a reception
/// has `guided_to`, a call has `duration_min`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct ServiceRecord {
    /// Unique id.
    pub id: Id,
    /// The customer served.
    pub customer_id: Id,
    /// Reception, inbound call, outbound call or visit.
    pub kind: ServiceKind,
    /// When it happened (RFC 3339, UTC).
    #[serde(serialize_with = "stamp::write", deserialize_with = "stamp::read")]
    pub at: DateTime<Utc>,
    /// The staff member who served.
    #[serde(default, deserialize_with = "null_as_default")]
    pub staff: Text,
    /// Who came or called (接待对象 / 来电人).
    #[serde(default, deserialize_with = "null_as_default")]
    pub contact: Text,
    /// Purpose of the visit or topic of the call.
    #[serde(default, deserialize_with = "null_as_default")]
    pub topic: Text,
    /// Category (咨询, 投诉, 报修, 订购…), free text.
    #[serde(default, deserialize_with = "null_as_default")]
    pub category: Text,
    /// Reception only: whom the visitor was guided to.
    #[serde(default, deserialize_with = "null_as_default")]
    pub guided_to: Text,
    /// Outcome or result.
    #[serde(default, deserialize_with = "null_as_default")]
    pub result: Text,
    /// Calls only: duration in minutes.
    #[serde(default)]
    pub duration_min: Option<u32>,
    /// Free notes.
    #[serde(default, deserialize_with = "null_as_default")]
    pub notes: Text,
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

/// Longest call Kehu accepts, in minutes (ten hours).
pub const MAX_CALL_MINUTES: u32 = 600;

impl Record for ServiceRecord {
    const COLLECTION: &'static str = "service_records";

    record_stamps!();

    fn summary(&self) -> String {
        format!("{} {}", self.at.date_naive(), self.topic)
    }

    fn index_key(&self) -> Option<(&'static str, &str)> {
        Some(("customer_id", &self.customer_id))
    }

    fn validate(&self) -> Vec<FieldError> {
        let mut errors = Vec::new();
        check_required(&mut errors, &[("id", &self.id), ("customer_id", &self.customer_id)]);
        for (field, value) in [
            ("staff", &self.staff),
            ("contact", &self.contact),
            ("topic", &self.topic),
            ("category", &self.category),
            ("guided_to", &self.guided_to),
        ] {
            check_len(&mut errors, field, value, MAX_LINE);
        }
        check_len(&mut errors, "result", &self.result, MAX_TEXT);
        check_len(&mut errors, "notes", &self.notes, MAX_TEXT);
        if let Some(d) = self.duration_min {
            if !self.kind.is_call() || d > MAX_CALL_MINUTES {
                errors.push(FieldError::new(
                    "duration_min",
                    Problem::OutOfRange {
                        min: 0,
                        max: if self.kind.is_call() { i64::from(MAX_CALL_MINUTES) } else { 0 },
                    },
                ));
            }
        }
        check_stamps(&mut errors, self.created_at, self.updated_at);
        errors
    }
}

/// A callback (回访) to a customer: due on a day, then done with an outcome, a 1–5
/// satisfaction score and a note.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Callback {
    /// Unique id.
    pub id: Id,
    /// The customer to call back.
    pub customer_id: Id,
    /// The service record or ticket it follows up, if any.
    #[serde(default, deserialize_with = "null_as_default")]
    pub follows: Id,
    /// The day it is due.
    #[serde(serialize_with = "stamp::write_day", deserialize_with = "stamp::read_day")]
    pub due: NaiveDate,
    /// Who is to call.
    #[serde(default, deserialize_with = "null_as_default")]
    pub staff: Text,
    /// The day it was done, once done.
    #[serde(default, serialize_with = "stamp::write_day_opt", deserialize_with = "stamp::read_day_opt")]
    pub done_on: Option<NaiveDate>,
    /// What came of it.
    #[serde(default, deserialize_with = "null_as_default")]
    pub outcome: Text,
    /// The customer's satisfaction, 1–5.
    #[serde(default)]
    pub score: Option<u8>,
    /// A note.
    #[serde(default, deserialize_with = "null_as_default")]
    pub note: Text,
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

/// Where a callback stands on a given day, for the agenda.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Agenda {
    /// Not done and its day has passed.
    Overdue,
    /// Not done and due today.
    DueToday,
    /// Not done and due later.
    Upcoming,
    /// Done.
    Done,
}

impl Callback {
    /// Where the callback stands on `today`.
    pub fn agenda(&self, today: NaiveDate) -> Agenda {
        match self.done_on {
            Some(_) => Agenda::Done,
            None if self.due < today => Agenda::Overdue,
            None if self.due == today => Agenda::DueToday,
            None => Agenda::Upcoming,
        }
    }

    /// Whether it was done on or before its due day.
    pub fn on_time(&self) -> bool {
        self.done_on.is_some_and(|d| d <= self.due)
    }
}

/// The default due day of a callback for a record of `kind` on `day`.
pub fn default_due(kind: ServiceKind, day: NaiveDate) -> NaiveDate {
    day.checked_add_days(Days::new(kind.default_callback_days())).unwrap_or(day)
}

impl Record for Callback {
    const COLLECTION: &'static str = "callbacks";

    record_stamps!();

    fn summary(&self) -> String {
        let done = self.done_on.map(|d| format!(" ✓{d}")).unwrap_or_default();
        let score = self.score.map(|s| format!(" {s}/5")).unwrap_or_default();
        format!("{}{done}{score} {}", self.due, self.outcome).trim_end().to_owned()
    }

    fn index_key(&self) -> Option<(&'static str, &str)> {
        Some(("customer_id", &self.customer_id))
    }

    fn validate(&self) -> Vec<FieldError> {
        let mut errors = Vec::new();
        check_required(&mut errors, &[("id", &self.id), ("customer_id", &self.customer_id)]);
        if self.score.is_some_and(|s| !(1..=5).contains(&s)) {
            errors.push(FieldError::new("score", Problem::OutOfRange { min: 1, max: 5 }));
        }
        check_len(&mut errors, "staff", &self.staff, MAX_LINE);
        check_len(&mut errors, "outcome", &self.outcome, MAX_TEXT);
        check_len(&mut errors, "note", &self.note, MAX_TEXT);
        check_stamps(&mut errors, self.created_at, self.updated_at);
        errors
    }
}

/// Whether a callback due on `due` may follow a record that happened at `at`: not
/// due before that day.
pub fn due_after(at: DateTime<Utc>, due: NaiveDate) -> Result<(), Problem> {
    if due < at.date_naive() {
        Err(Problem::BeforeStart)
    } else {
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }
    fn at(s: &str) -> DateTime<Utc> {
        s.parse().unwrap()
    }

    fn callback(due: &str, done: Option<&str>) -> Callback {
        let now = at("2026-11-01T08:00:00Z");
        Callback {
            sample: false,
            id: "cb".into(),
            customer_id: "c".into(),
            follows: Default::default(),
            due: day(due),
            staff: Default::default(),
            done_on: done.map(day),
            outcome: Default::default(),
            score: None,
            note: Default::default(),
            created_at: now,
            updated_at: now,
            deleted_at: None,
        }
    }

    #[test]
    fn the_agenda_sorts_callbacks_by_where_they_stand() {
        let today = day("2026-11-10");
        assert_eq!(callback("2026-11-09", None).agenda(today), Agenda::Overdue);
        assert_eq!(callback("2026-11-10", None).agenda(today), Agenda::DueToday);
        assert_eq!(callback("2026-11-11", None).agenda(today), Agenda::Upcoming);
        assert_eq!(callback("2026-11-09", Some("2026-11-12")).agenda(today), Agenda::Done);
        assert!(callback("2026-11-10", Some("2026-11-10")).on_time());
        assert!(!callback("2026-11-10", Some("2026-11-11")).on_time());
    }

    #[test]
    fn default_due_days_follow_the_kind() {
        assert_eq!(default_due(ServiceKind::InboundCall, day("2026-11-28")), day("2026-12-01"));
        assert_eq!(default_due(ServiceKind::Visit, day("2026-11-28")), day("2026-12-05"));
    }

    #[test]
    fn scores_and_durations_keep_to_their_ranges() {
        let mut cb = callback("2026-11-10", Some("2026-11-10"));
        cb.score = Some(6);
        assert_eq!(cb.validate(), vec![FieldError::new("score", Problem::OutOfRange { min: 1, max: 5 })]);
        cb.score = Some(5);
        assert_eq!(cb.validate(), vec![]);

        let now = at("2026-11-01T08:00:00Z");
        let mut rec = ServiceRecord {
            sample: false,
            id: "s".into(),
            customer_id: "c".into(),
            kind: ServiceKind::Reception,
            at: now,
            staff: "前台小周".into(),
            contact: "王先生".into(),
            topic: "看样板房".into(),
            category: "咨询".into(),
            guided_to: "销售顾问刘".into(),
            result: "预约周六看房".into(),
            duration_min: Some(5),
            notes: Default::default(),
            created_at: now,
            updated_at: now,
            deleted_at: None,
        };
        assert_eq!(rec.validate(), vec![FieldError::new("duration_min", Problem::OutOfRange { min: 0, max: 0 })]);
        rec.kind = ServiceKind::InboundCall;
        assert_eq!(rec.validate(), vec![]);
        rec.duration_min = Some(601);
        assert_eq!(rec.validate().len(), 1);
        rec.customer_id = " ".into();
        assert!(rec.validate().contains(&FieldError::new("customer_id", Problem::Required)));
    }

    #[test]
    fn a_callback_is_not_due_before_its_record() {
        assert_eq!(due_after(at("2026-11-05T23:00:00Z"), day("2026-11-04")), Err(Problem::BeforeStart));
        assert_eq!(due_after(at("2026-11-05T23:00:00Z"), day("2026-11-05")), Ok(()));
    }
}
