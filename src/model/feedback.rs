//! An instructor's feedback on one exercise (实训批阅): a grade and a comment. It
//! reaches the student in a feedback file and is kept in the student's workbook, one
//! record per exercise, whose id is the exercise's id.

use super::Id;
use chrono::{DateTime, Utc};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::stamp;

use super::record::{null_as_default, record_stamps, Record};
use super::validate::{check_len, check_stamps, MAX_LINE, MAX_TEXT};
use super::{FieldError, Problem};

/// The longest grade: a letter, a number or a word (优秀).
pub const MAX_GRADE: usize = 20;

/// Feedback on one exercise.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Feedback {
    /// The exercise's id (`p1-t1`), so an exercise has one feedback at most.
    pub id: Id,
    /// The grade as the instructor writes it (`A`, `92`, `优秀`); may be empty.
    #[serde(default, deserialize_with = "null_as_default")]
    pub grade: String,
    /// What the instructor says.
    #[serde(default, deserialize_with = "null_as_default")]
    pub comment: String,
    /// Who wrote it.
    #[serde(default, deserialize_with = "null_as_default")]
    pub reviewer: String,
    /// When the record was created (RFC 3339, UTC).
    #[serde(serialize_with = "stamp::write", deserialize_with = "stamp::read")]
    pub created_at: DateTime<Utc>,
    /// When the record was last changed (RFC 3339, UTC).
    #[serde(serialize_with = "stamp::write", deserialize_with = "stamp::read")]
    pub updated_at: DateTime<Utc>,
    /// When the record was moved to the trash; absent or null when it is not there.
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

impl Feedback {
    /// Whether there is anything to say (a grade or a comment).
    pub fn is_blank(&self) -> bool {
        self.grade.trim().is_empty() && self.comment.trim().is_empty()
    }
}

impl Record for Feedback {
    const COLLECTION: &'static str = "feedback";

    record_stamps!();

    fn summary(&self) -> String {
        match (self.grade.trim(), self.comment.trim()) {
            ("", c) => format!("{}: {}", self.id, c.chars().take(40).collect::<String>()),
            (g, _) => format!("{}: {g}", self.id),
        }
    }

    fn validate(&self) -> Vec<FieldError> {
        let mut errors = Vec::new();
        if self.id.trim().is_empty() {
            errors.push(FieldError::new("id", Problem::Required));
        }
        check_len(&mut errors, "id", &self.id, MAX_LINE);
        check_len(&mut errors, "grade", &self.grade, MAX_GRADE);
        check_len(&mut errors, "comment", &self.comment, MAX_TEXT);
        check_len(&mut errors, "reviewer", &self.reviewer, MAX_LINE);
        check_stamps(&mut errors, self.created_at, self.updated_at);
        errors
    }
}
