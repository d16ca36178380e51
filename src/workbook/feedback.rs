//! The feedback file (批阅反馈): an instructor's grades and comments per exercise for
//! one student's workbook. The student imports it; it adds or replaces the
//! [`Feedback`] records and touches nothing else. A file written for another student
//! or another book is refused.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::Owner;
use crate::model::feedback::Feedback;
use crate::model::{FieldError, Record};

/// The value of the `format` field of a feedback file.
pub const FEEDBACK_FORMAT: &str = "kehu-feedback";
/// The feedback-file version this app writes and reads.
pub const FEEDBACK_VERSION: u32 = 1;

/// One instructor's feedback on one student's workbook.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FeedbackFile {
    /// Always `kehu-feedback`.
    pub format: String,
    /// [`FEEDBACK_VERSION`].
    pub version: u32,
    /// When the instructor wrote the file.
    pub written_at: DateTime<Utc>,
    /// Who reviewed.
    #[serde(default)]
    pub reviewer: String,
    /// Whose workbook was reviewed (from the workbook's owner).
    pub student: Owner,
    /// The reviewed workbook's book id, when it had one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub book_id: Option<String>,
    /// When the reviewed workbook was exported.
    pub workbook_exported_at: DateTime<Utc>,
    /// The feedback, one per exercise.
    pub feedback: Vec<Feedback>,
}

impl FeedbackFile {
    /// The file's text.
    pub fn to_json(&self) -> String {
        serde_json::to_string_pretty(self).expect("feedback always serialises")
    }
}

/// Why a feedback file is refused.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum FeedbackError {
    /// Not JSON, or not a feedback file (a workbook, say).
    #[error("not a Kehu feedback file")]
    NotFeedback,
    /// Written by a newer Kehu.
    #[error("feedback file version {0} is newer than this app's")]
    Newer(u32),
    /// The file is for someone else.
    #[error("the feedback is for {name} ({student_id})")]
    OtherStudent {
        /// The student the file names.
        name: String,
        /// Their number.
        student_id: String,
    },
    /// The file is for the same student's other book.
    #[error("the feedback is for another workbook")]
    OtherBook,
    /// This book has no owner to compare with.
    #[error("this workbook has no owner")]
    NoOwner,
    /// A feedback record breaks a rule.
    #[error("feedback on {exercise} is invalid: {problem:?}")]
    Invalid {
        /// The exercise's id.
        exercise: String,
        /// The first rule broken.
        problem: FieldError,
    },
}

/// Whether two owners are the same student: the same number when both have one, else
/// the same name (spaces and case ignored).
fn same_student(a: &Owner, b: &Owner) -> bool {
    let fold = crate::analysis::duplicates::fold;
    if !a.student_id.trim().is_empty() && !b.student_id.trim().is_empty() {
        fold(&a.student_id) == fold(&b.student_id) && fold(&a.name) == fold(&b.name)
    } else {
        !fold(&a.name).is_empty() && fold(&a.name) == fold(&b.name)
    }
}

/// Reads a feedback file meant for the book of `owner` with id `book_id`: refused if
/// it is not one, is newer, is for another student or book, or holds a bad record.
pub fn parse_feedback(
    bytes: &[u8],
    owner: Option<&Owner>,
    book_id: Option<&str>,
) -> Result<FeedbackFile, FeedbackError> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    #[derive(Deserialize)]
    struct Head {
        format: Option<String>,
        version: Option<u32>,
    }
    let head: Head = serde_json::from_slice(bytes).map_err(|_| FeedbackError::NotFeedback)?;
    if head.format.as_deref() != Some(FEEDBACK_FORMAT) {
        return Err(FeedbackError::NotFeedback);
    }
    match head.version {
        Some(v) if v > FEEDBACK_VERSION => return Err(FeedbackError::Newer(v)),
        _ => {}
    }
    let file: FeedbackFile = serde_json::from_slice(bytes).map_err(|_| FeedbackError::NotFeedback)?;
    for f in &file.feedback {
        if let Some(problem) = f.validate().into_iter().next() {
            return Err(FeedbackError::Invalid { exercise: f.id.to_string(), problem });
        }
    }
    let owner = owner.ok_or(FeedbackError::NoOwner)?;
    if !same_student(&file.student, owner) {
        return Err(FeedbackError::OtherStudent {
            name: file.student.name.clone(),
            student_id: file.student.student_id.clone(),
        });
    }
    if let (Some(theirs), Some(ours)) = (file.book_id.as_deref(), book_id) {
        if theirs != ours {
            return Err(FeedbackError::OtherBook);
        }
    }
    Ok(file)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(s: &str) -> DateTime<Utc> {
        s.parse().unwrap()
    }

    fn owner(name: &str, id: &str) -> Owner {
        Owner { name: name.into(), class: "电商2301".into(), student_id: id.into() }
    }

    fn file(student: Owner, book: Option<&str>) -> FeedbackFile {
        FeedbackFile {
            format: FEEDBACK_FORMAT.into(),
            version: FEEDBACK_VERSION,
            written_at: at("2026-11-20T08:00:00Z"),
            reviewer: "王老师".into(),
            student,
            book_id: book.map(Into::into),
            workbook_exported_at: at("2026-11-19T08:00:00Z"),
            feedback: vec![Feedback {
                id: "p1-t1".into(),
                grade: "A".into(),
                comment: "层级清楚，管理跨度合理。".into(),
                reviewer: "王老师".into(),
                created_at: at("2026-11-20T08:00:00Z"),
                updated_at: at("2026-11-20T08:00:00Z"),
                deleted_at: None,
            }],
        }
    }

    #[test]
    fn the_students_own_feedback_is_read() {
        let me = owner("李明", "230101");
        let text = file(me.clone(), Some("book-1")).to_json();
        let read = parse_feedback(text.as_bytes(), Some(&me), Some("book-1")).unwrap();
        assert_eq!(read.feedback[0].grade, "A");
        // Spaces and case in the name do not matter; a book without an id takes it.
        let spaced = owner(" 李明 ", "230101");
        assert!(parse_feedback(text.as_bytes(), Some(&spaced), None).is_ok());
    }

    #[test]
    fn feedback_for_another_student_or_book_is_refused() {
        let me = owner("李明", "230101");
        let other = file(owner("张华", "230102"), Some("book-1")).to_json();
        assert_eq!(
            parse_feedback(other.as_bytes(), Some(&me), Some("book-1")),
            Err(FeedbackError::OtherStudent { name: "张华".into(), student_id: "230102".into() })
        );
        // The same name with another number is another student.
        let namesake = file(owner("李明", "230199"), None).to_json();
        assert!(matches!(
            parse_feedback(namesake.as_bytes(), Some(&me), None),
            Err(FeedbackError::OtherStudent { .. })
        ));
        let other_book = file(me.clone(), Some("book-2")).to_json();
        assert_eq!(parse_feedback(other_book.as_bytes(), Some(&me), Some("book-1")), Err(FeedbackError::OtherBook));
        assert_eq!(parse_feedback(other_book.as_bytes(), None, None), Err(FeedbackError::NoOwner));
    }

    #[test]
    fn a_workbook_junk_or_a_newer_file_is_not_feedback() {
        let me = owner("李明", "230101");
        let wb = crate::workbook::Workbook::new(Some(me.clone()), Default::default(), at("2026-11-20T08:00:00Z"));
        assert_eq!(parse_feedback(wb.to_json().as_bytes(), Some(&me), None), Err(FeedbackError::NotFeedback));
        assert_eq!(parse_feedback(b"\xD5\xC5 not json", Some(&me), None), Err(FeedbackError::NotFeedback));
        let newer = file(me.clone(), None).to_json().replace("\"version\": 1", "\"version\": 2");
        assert_eq!(parse_feedback(newer.as_bytes(), Some(&me), None), Err(FeedbackError::Newer(2)));
    }

    #[test]
    fn a_grade_too_long_is_refused() {
        let me = owner("李明", "230101");
        let mut f = file(me.clone(), None);
        f.feedback[0].grade = "优".repeat(30);
        assert!(matches!(
            parse_feedback(f.to_json().as_bytes(), Some(&me), None),
            Err(FeedbackError::Invalid { exercise, .. }) if exercise == "p1-t1"
        ));
    }
}
