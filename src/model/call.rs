//! The call-center log (项目六 呼叫中心): each inbound or outbound call with its wait in
//! the queue, talk and after-call work, whether the caller hung up before an agent
//! answered, and whether it was solved on first contact.

use super::Id;
use chrono::{DateTime, Utc};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::choice::choice;
use super::stamp;

use super::record::{null_as_default, record_stamps, Record};
use super::validate::{check_len, check_required, check_stamps, MAX_LINE, MAX_TEXT};
use super::{FieldError, Problem};

/// Which way a call went.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum CallDirection {
    /// 呼入: the customer called.
    Inbound,
    /// 呼出: an agent called out.
    Outbound,
}

choice! { CallDirection {
    Inbound = "inbound" => Inbound,
    Outbound = "outbound" => Outbound,
} }

/// The longest wait, talk or after-call work accepted, seconds (a day).
pub const MAX_CALL_SECONDS: u32 = 86_400;

/// One call.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Call {
    /// Unique id.
    pub id: Id,
    /// Inbound or outbound.
    pub direction: CallDirection,
    /// When the call came in (or was placed).
    #[serde(serialize_with = "stamp::write", deserialize_with = "stamp::read")]
    pub started_at: DateTime<Utc>,
    /// Seconds in the queue before an agent answered (or the caller hung up).
    #[serde(default)]
    pub queue_seconds: u32,
    /// Seconds of conversation.
    #[serde(default)]
    pub talk_seconds: u32,
    /// Seconds of after-call work (notes, follow-up).
    #[serde(default)]
    pub wrap_seconds: u32,
    /// The caller hung up before being answered (for an outbound call: nobody answered).
    #[serde(default)]
    pub abandoned: bool,
    /// The matter was settled in this one call.
    #[serde(default)]
    pub first_contact_resolved: bool,
    /// The agent who handled it; empty for an abandoned call.
    #[serde(default, deserialize_with = "null_as_default")]
    pub agent: String,
    /// The customer, if known.
    #[serde(default, deserialize_with = "null_as_default")]
    pub customer_id: Id,
    /// What it was about.
    #[serde(default, deserialize_with = "null_as_default")]
    pub note: String,
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

impl Call {
    /// Talk plus after-call work, seconds: the handle time.
    pub fn handle_seconds(&self) -> u32 {
        self.talk_seconds + self.wrap_seconds
    }
}

impl Record for Call {
    const COLLECTION: &'static str = "calls";

    record_stamps!();

    fn summary(&self) -> String {
        format!("{} {}", self.started_at.format("%Y-%m-%d %H:%M"), self.agent)
    }

    fn index_key(&self) -> Option<(&'static str, &str)> {
        (!self.customer_id.is_empty()).then_some(("customer_id", self.customer_id.as_str()))
    }

    fn validate(&self) -> Vec<FieldError> {
        let mut errors = Vec::new();
        check_required(&mut errors, &[("id", &self.id)]);
        if !self.abandoned {
            check_required(&mut errors, &[("agent", &self.agent)]);
        }
        check_len(&mut errors, "agent", &self.agent, MAX_LINE);
        check_len(&mut errors, "note", &self.note, MAX_TEXT);
        for (field, v) in [
            ("queue_seconds", self.queue_seconds),
            ("talk_seconds", self.talk_seconds),
            ("wrap_seconds", self.wrap_seconds),
        ] {
            if v > MAX_CALL_SECONDS {
                errors.push(FieldError::new(field, Problem::OutOfRange { min: 0, max: i64::from(MAX_CALL_SECONDS) }));
            }
        }
        // Nobody spoke on an abandoned call, so nothing can have been solved on it.
        if self.abandoned && self.talk_seconds > 0 {
            errors.push(FieldError::new("talk_seconds", Problem::AbandonedWithTalk));
        }
        if self.abandoned && self.first_contact_resolved {
            errors.push(FieldError::new("first_contact_resolved", Problem::AbandonedWithTalk));
        }
        check_stamps(&mut errors, self.created_at, self.updated_at);
        errors
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    pub(crate) fn call(at: &str, queue: u32, talk: u32, abandoned: bool) -> Call {
        let t: DateTime<Utc> = at.parse().unwrap();
        Call {
            sample: false,
            id: format!("c{at}{queue}").into(),
            direction: CallDirection::Inbound,
            started_at: t,
            queue_seconds: queue,
            talk_seconds: talk,
            wrap_seconds: 0,
            abandoned,
            first_contact_resolved: false,
            agent: if abandoned { String::new() } else { "王丽".into() },
            customer_id: Default::default(),
            note: String::new(),
            created_at: t,
            updated_at: t,
            deleted_at: None,
        }
    }

    #[test]
    fn an_abandoned_call_with_talk_time_is_refused() {
        assert!(call("2026-11-02T09:00:00Z", 30, 0, true).validate().is_empty());
        assert!(call("2026-11-02T09:00:00Z", 30, 120, false).validate().is_empty());
        assert_eq!(
            call("2026-11-02T09:00:00Z", 30, 120, true).validate(),
            vec![FieldError::new("talk_seconds", Problem::AbandonedWithTalk)]
        );
        let mut answered = call("2026-11-02T09:00:00Z", 5, 60, false);
        answered.agent.clear();
        assert_eq!(answered.validate(), vec![FieldError::new("agent", Problem::Required)]);
    }
}
