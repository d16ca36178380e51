//! The prospect pipeline (开发潜在客户): configurable stages and the opportunities that
//! move through them to a win (the won stage) or a loss (with its reason).

use super::Id;
use chrono::{DateTime, NaiveDate, Utc};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::stamp;

use super::record::{null_as_default, null_as_empty_list, record_stamps, Record};
use super::validate::{check_len, check_required, check_stamps, MAX_LINE, MAX_TEXT};
use super::{FieldError, Problem};

/// A stage of the pipeline. Stages are ordered by `position`; exactly the stages marked
/// `won` count as a win.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct PipelineStage {
    /// Unique id; opportunities refer to it.
    pub id: Id,
    /// The stage's name (潜在, 初步接触…).
    pub name: String,
    /// Place in the pipeline, smallest first.
    pub position: u32,
    /// Whether reaching this stage is a win (成交).
    #[serde(default)]
    pub won: bool,
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

/// The default stages: (id, Chinese name, English name, won).
pub const DEFAULT_STAGES: [(&str, &str, &str, bool); 5] = [
    ("stage-prospect", "潜在", "Prospect", false),
    ("stage-contact", "初步接触", "First contact", false),
    ("stage-intent", "意向", "Intent", false),
    ("stage-negotiation", "谈判", "Negotiation", false),
    ("stage-won", "成交", "Won", true),
];

impl Record for PipelineStage {
    const COLLECTION: &'static str = "pipeline_stages";

    record_stamps!();

    fn summary(&self) -> String {
        self.name.clone()
    }

    fn validate(&self) -> Vec<FieldError> {
        let mut errors = Vec::new();
        check_required(&mut errors, &[("id", &self.id), ("name", &self.name)]);
        check_len(&mut errors, "name", &self.name, MAX_LINE);
        errors
    }
}

/// One move of an opportunity into a stage.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct StageStep {
    /// The stage entered.
    pub stage_id: Id,
    /// When.
    #[serde(serialize_with = "stamp::write", deserialize_with = "stamp::read")]
    pub at: DateTime<Utc>,
}

/// A sales opportunity (商机).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Opportunity {
    /// Unique id.
    pub id: Id,
    /// The customer (prospect) it is with.
    pub customer_id: Id,
    /// What it is about.
    pub title: String,
    /// Lead source (展会, 转介绍…), free text.
    #[serde(default, deserialize_with = "null_as_default")]
    pub source: String,
    /// Expected value, yuan.
    #[serde(default)]
    pub value: f64,
    /// Expected close date.
    #[serde(default, serialize_with = "stamp::write_day_opt", deserialize_with = "stamp::read_day_opt")]
    pub close_date: Option<NaiveDate>,
    /// Who owns it.
    #[serde(default, deserialize_with = "null_as_default")]
    pub owner: String,
    /// The next step agreed.
    #[serde(default, deserialize_with = "null_as_default")]
    pub next_step: String,
    /// The current stage's id.
    pub stage_id: Id,
    /// Set when the opportunity is lost (流失).
    #[serde(default)]
    pub lost: bool,
    /// Why it was lost (required when lost).
    #[serde(default, deserialize_with = "null_as_default")]
    pub lost_reason: String,
    /// Every stage entered, oldest first.
    #[serde(default, deserialize_with = "null_as_empty_list")]
    pub history: Vec<StageStep>,
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

impl Opportunity {
    /// Moves to stage `stage_id` at `at`, recording the step (a move to the current
    /// stage records nothing).
    pub fn move_to(&mut self, stage_id: &str, at: DateTime<Utc>) {
        if self.stage_id != stage_id {
            self.stage_id = stage_id.into();
            self.history.push(StageStep { stage_id: stage_id.into(), at });
        }
    }
}

impl Record for Opportunity {
    const COLLECTION: &'static str = "opportunities";

    record_stamps!();

    fn summary(&self) -> String {
        self.title.clone()
    }

    fn index_key(&self) -> Option<(&'static str, &str)> {
        Some(("customer_id", &self.customer_id))
    }

    fn validate(&self) -> Vec<FieldError> {
        let mut errors = Vec::new();
        check_required(
            &mut errors,
            &[
                ("id", &self.id),
                ("customer_id", &self.customer_id),
                ("title", &self.title),
                ("stage_id", &self.stage_id),
            ],
        );
        for (f, v) in [("title", &self.title), ("source", &self.source), ("owner", &self.owner)] {
            check_len(&mut errors, f, v, MAX_LINE);
        }
        check_len(&mut errors, "next_step", &self.next_step, MAX_TEXT);
        check_len(&mut errors, "lost_reason", &self.lost_reason, MAX_TEXT);
        if !(self.value.is_finite() && (0.0..=1e10).contains(&self.value)) {
            errors.push(FieldError::new("value", Problem::OutOfRange { min: 0, max: 10_000_000_000 }));
        }
        if self.lost && self.lost_reason.trim().is_empty() {
            errors.push(FieldError::new("lost_reason", Problem::Required));
        }
        check_stamps(&mut errors, self.created_at, self.updated_at);
        errors
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn moving_records_each_step_once_and_lost_needs_a_reason() {
        let at: DateTime<Utc> = "2026-11-01T08:00:00Z".parse().unwrap();
        let mut o = Opportunity {
            sample: false,
            id: "o".into(),
            customer_id: "c".into(),
            title: "三室两厅".into(),
            source: "展会".into(),
            value: 1_200_000.0,
            close_date: None,
            owner: String::new(),
            next_step: String::new(),
            stage_id: "stage-prospect".into(),
            lost: false,
            lost_reason: String::new(),
            history: vec![StageStep { stage_id: "stage-prospect".into(), at }],
            created_at: at,
            updated_at: at,
            deleted_at: None,
        };
        o.move_to("stage-intent", at);
        o.move_to("stage-intent", at);
        assert_eq!(o.history.len(), 2);
        assert!(o.validate().is_empty());
        o.lost = true;
        assert_eq!(o.validate(), [FieldError::new("lost_reason", Problem::Required)]);
    }
}
