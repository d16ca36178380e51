//! The feedback file (批阅反馈): an instructor's grades and comments per exercise,
//! for one student's workbook ([`FeedbackFile`]) or for the whole class in one file
//! ([`ClassFeedbackFile`], version 2). The student imports it; it adds or replaces the
//! [`Feedback`] records and touches nothing else. From a class file only the entry of
//! this student and book is read: the others' feedback is neither shown nor stored. A
//! file written for another student or another book is refused.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::Owner;
use crate::model::feedback::Feedback;
use crate::model::{FieldError, Record};

/// The id of the feedback on the student's work as a whole (总评), beside the exercises'.
pub const OVERALL_FEEDBACK: &str = "overall";

/// The value of the `format` field of a feedback file.
pub const FEEDBACK_FORMAT: &str = "kehu-feedback";
/// The feedback-file version this app writes and reads: 1, one student's file; 2 adds
/// the class file (one student's file keeps its shape).
pub const FEEDBACK_VERSION: u32 = 2;
/// The version a one-student file is written with: its shape has not changed since
/// version 1, so an older Kehu still reads it.
pub const ONE_STUDENT_VERSION: u32 = 1;

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

/// One student's feedback inside a [`ClassFeedbackFile`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StudentFeedback {
    /// Whose workbook was reviewed (from the workbook's owner).
    pub student: Owner,
    /// The reviewed workbook's book id.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub book_id: Option<String>,
    /// When the reviewed workbook was exported.
    pub workbook_exported_at: DateTime<Utc>,
    /// The feedback, one per exercise.
    pub feedback: Vec<Feedback>,
}

/// The feedback on every student of a class, in one file the instructor writes once
/// and every student imports (each receives only their own).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ClassFeedbackFile {
    /// Always `kehu-feedback`.
    pub format: String,
    /// [`FEEDBACK_VERSION`] (2 or later).
    pub version: u32,
    /// When the instructor wrote the file.
    pub written_at: DateTime<Utc>,
    /// Who reviewed.
    #[serde(default)]
    pub reviewer: String,
    /// Each student's feedback, one entry per student and book.
    pub students: Vec<StudentFeedback>,
}

impl ClassFeedbackFile {
    /// The file's text.
    pub fn to_json(&self) -> String {
        serde_json::to_string_pretty(self).expect("feedback always serialises")
    }
}

/// Why a feedback file is refused. Values quoted from the file are cut to an
/// [`excerpt`](super::excerpt).
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum FeedbackError {
    /// Not JSON, or not a feedback file (a workbook, say).
    #[error("not a Kehu feedback file")]
    NotFeedback,
    /// Written by a newer Kehu.
    #[error("feedback file version {0} is newer than this app's")]
    Newer(u32),
    /// A key appears twice in one object (the path of the second).
    #[error("the key {path} appears twice")]
    DuplicateKey {
        /// Where, e.g. `feedback[1].grade`.
        path: String,
    },
    /// The file is for someone else.
    #[error("the feedback is for {name} ({student_id})")]
    OtherStudent {
        /// The student the file names.
        name: String,
        /// Their number.
        student_id: String,
    },
    /// The file names no student number, so it cannot be matched to a student.
    #[error("the file names no student number")]
    NoStudentId,
    /// The file names no book id, so it cannot be matched to a book.
    #[error("the file names no book")]
    NoBookId,
    /// A class file with nothing for this student.
    #[error("the class file holds no feedback for this student")]
    NotInClassFile,
    /// A class file with two entries for one student and book.
    #[error("the class file has two entries for {name} ({student_id})")]
    DuplicateStudent {
        /// The student's name.
        name: String,
        /// Their number.
        student_id: String,
    },
    /// The file is for the same student's other book (or this book has no id yet, so
    /// it was never exported and cannot have been reviewed).
    #[error("the feedback is for another workbook")]
    OtherBook,
    /// This book has no owner (name and student number) to compare with.
    #[error("this workbook has no owner")]
    NoOwner,
    /// A student field of the file breaks a rule (too long).
    #[error("the student's {0:?} is invalid")]
    Student(FieldError),
    /// Feedback on an exercise Kehu does not have.
    #[error("there is no exercise {exercise}")]
    UnknownExercise {
        /// The id the file gives.
        exercise: String,
    },
    /// Two feedback records on one exercise.
    #[error("two pieces of feedback on {exercise}")]
    DuplicateExercise {
        /// The exercise's id.
        exercise: String,
    },
    /// A stamp later than the file was written, or more than a day in the future.
    #[error("{field} is in the future")]
    FutureStamp {
        /// `written_at`, or the exercise whose `updated_at` it is.
        field: String,
    },
    /// A feedback record breaks a rule.
    #[error("feedback on {exercise} is invalid: {problem:?}")]
    Invalid {
        /// The exercise's id.
        exercise: String,
        /// The first rule broken.
        problem: FieldError,
    },
}

/// Whether two owners are the same student: the same student number and the same name
/// (spaces and case ignored), both required.
fn same_student(file: &Owner, book: &Owner) -> bool {
    let fold = crate::analysis::duplicates::fold;
    fold(&file.student_id) == fold(&book.student_id) && fold(&file.name) == fold(&book.name)
}

/// Reads a feedback file meant for the book of `owner` with id `book_id`, checked
/// against the clock now; see [`parse_feedback_at`].
pub fn parse_feedback(
    bytes: &[u8],
    owner: Option<&Owner>,
    book_id: Option<&str>,
) -> Result<FeedbackFile, FeedbackError> {
    parse_feedback_at(bytes, owner, book_id, Utc::now())
}

/// Reads a feedback file meant for the book of `owner` with id `book_id`, on `now`.
/// Refused when it is not one or is newer; has a key twice; names no student number
/// or no book id, or another student or book than these; gives feedback on an
/// exercise Kehu does not have or twice on one; carries a stamp later than the file
/// was written or more than a day after `now`; or holds a bad record. A class file
/// (version 2, a `students` list) is checked whole, refused when it lists one student
/// and book twice or holds nothing for this student ([`FeedbackError::NotInClassFile`]),
/// and gives this student's entry for this book as a one-student file.
pub fn parse_feedback_at(
    bytes: &[u8],
    owner: Option<&Owner>,
    book_id: Option<&str>,
    now: DateTime<Utc>,
) -> Result<FeedbackFile, FeedbackError> {
    use super::excerpt;
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    #[derive(Deserialize)]
    struct Head {
        format: Option<String>,
        version: Option<u32>,
        students: Option<serde::de::IgnoredAny>,
    }
    let head: Head = serde_json::from_slice(bytes).map_err(|_| FeedbackError::NotFeedback)?;
    if head.format.as_deref() != Some(FEEDBACK_FORMAT) {
        return Err(FeedbackError::NotFeedback);
    }
    match head.version {
        Some(v) if v > FEEDBACK_VERSION => return Err(FeedbackError::Newer(v)),
        _ => {}
    }
    let text = std::str::from_utf8(bytes).map_err(|_| FeedbackError::NotFeedback)?;
    if let Some(path) = super::strict::duplicate_key(text) {
        return Err(FeedbackError::DuplicateKey { path });
    }
    let latest = now + chrono::Duration::days(1);
    if head.students.is_some() && head.version.is_some_and(|v| v >= 2) {
        let class: ClassFeedbackFile = serde_json::from_str(text).map_err(|_| FeedbackError::NotFeedback)?;
        if class.written_at > latest {
            return Err(FeedbackError::FutureStamp { field: "written_at".into() });
        }
        // Every entry is checked, so a file damaged anywhere is refused as a whole.
        let mut seen = std::collections::HashSet::new();
        for entry in &class.students {
            check_entry(&entry.student, &entry.feedback, class.written_at, latest)?;
            let key = (
                crate::analysis::duplicates::fold(&entry.student.name),
                crate::analysis::duplicates::fold(&entry.student.student_id),
                entry.book_id.clone().unwrap_or_default(),
            );
            if !seen.insert(key) {
                return Err(FeedbackError::DuplicateStudent {
                    name: excerpt(&entry.student.name),
                    student_id: excerpt(&entry.student.student_id),
                });
            }
        }
        let owner = owner.filter(|o| !o.name.trim().is_empty() && !o.student_id.trim().is_empty());
        let owner = owner.ok_or(FeedbackError::NoOwner)?;
        let mine: Vec<StudentFeedback> = class
            .students
            .into_iter()
            .filter(|e| !e.student.student_id.trim().is_empty() && same_student(&e.student, owner))
            .collect();
        if mine.is_empty() {
            return Err(FeedbackError::NotInClassFile);
        }
        let entry = mine
            .into_iter()
            .find(|e| book_id.is_some() && e.book_id.as_deref().filter(|b| !b.trim().is_empty()) == book_id)
            .ok_or(FeedbackError::OtherBook)?;
        return Ok(FeedbackFile {
            format: class.format,
            version: class.version,
            written_at: class.written_at,
            reviewer: class.reviewer,
            student: entry.student,
            book_id: entry.book_id,
            workbook_exported_at: entry.workbook_exported_at,
            feedback: entry.feedback,
        });
    }
    let file: FeedbackFile = serde_json::from_str(text).map_err(|_| FeedbackError::NotFeedback)?;
    if file.written_at > latest {
        return Err(FeedbackError::FutureStamp { field: "written_at".into() });
    }
    check_entry(&file.student, &file.feedback, file.written_at, latest)?;
    let owner = owner.filter(|o| !o.name.trim().is_empty() && !o.student_id.trim().is_empty());
    let owner = owner.ok_or(FeedbackError::NoOwner)?;
    if file.student.student_id.trim().is_empty() {
        return Err(FeedbackError::NoStudentId);
    }
    if !same_student(&file.student, owner) {
        return Err(FeedbackError::OtherStudent {
            name: excerpt(&file.student.name),
            student_id: excerpt(&file.student.student_id),
        });
    }
    let theirs = file.book_id.as_deref().filter(|b| !b.trim().is_empty()).ok_or(FeedbackError::NoBookId)?;
    if book_id != Some(theirs) {
        return Err(FeedbackError::OtherBook);
    }
    Ok(file)
}

/// The rules every student's feedback keeps, in a file of one student or of the
/// class: a valid student, valid records on known exercises, one per exercise, none
/// stamped after the file was written (`written_at`) or after `latest`.
fn check_entry(
    student: &Owner,
    feedback: &[Feedback],
    written_at: DateTime<Utc>,
    latest: DateTime<Utc>,
) -> Result<(), FeedbackError> {
    use super::excerpt;
    if let Some(e) = student.validate().into_iter().next() {
        return Err(FeedbackError::Student(e));
    }
    let mut seen = std::collections::HashSet::new();
    for f in feedback {
        let exercise = excerpt(&f.id);
        if let Some(problem) = f.validate().into_iter().next() {
            return Err(FeedbackError::Invalid { exercise, problem });
        }
        if f.id != OVERALL_FEEDBACK && !crate::analysis::exercises::EXERCISES.iter().any(|e| e.id == f.id.as_str()) {
            return Err(FeedbackError::UnknownExercise { exercise });
        }
        if !seen.insert(f.id.as_str()) {
            return Err(FeedbackError::DuplicateExercise { exercise });
        }
        if f.updated_at > latest || f.updated_at > written_at {
            return Err(FeedbackError::FutureStamp { field: exercise });
        }
    }
    Ok(())
}

/// The feedback of `file` to store, given the `updated_at` of the feedback already
/// stored for an exercise (`stored`), on `now`.
///
/// The rule: **the instructor's latest grading wins.** The review page stamps every
/// record of a file with the moment it writes the file, and [`parse_feedback_at`]
/// refuses a record stamped later than its file or more than a day after now; so a
/// record's `updated_at` orders the files it came from. A record of `file` replaces the
/// stored one unless the stored one is newer (it came from a later file). A stored
/// stamp more than a day after `now` can come from no file accepted any more (only from
/// one read before future stamps were refused) and never outranks a new file: a grade
/// stamped 2099 does not hide a genuine re-grade. Equal stamps (the same file imported
/// again) replace, which changes nothing.
pub fn feedback_to_store(
    file: FeedbackFile,
    stored: impl Fn(&str) -> Option<DateTime<Utc>>,
    now: DateTime<Utc>,
) -> Vec<Feedback> {
    let latest = now + chrono::Duration::days(1);
    file.feedback.into_iter().filter(|f| stored(&f.id).is_none_or(|old| old > latest || old <= f.updated_at)).collect()
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
                sample: false,
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
        // Spaces and case in the name do not matter.
        let spaced = owner(" 李明 ", "230101");
        assert!(parse_feedback(text.as_bytes(), Some(&spaced), Some("book-1")).is_ok());
        // A book without an id was never exported, so it cannot have been reviewed.
        assert_eq!(parse_feedback(text.as_bytes(), Some(&me), None), Err(FeedbackError::OtherBook));
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
        let namesake = file(owner("李明", "230199"), Some("book-1")).to_json();
        assert!(matches!(
            parse_feedback(namesake.as_bytes(), Some(&me), Some("book-1")),
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
        let newer = file(me.clone(), Some("b")).to_json().replace("\"version\": 2", "\"version\": 3");
        assert_eq!(parse_feedback(newer.as_bytes(), Some(&me), None), Err(FeedbackError::Newer(3)));
    }

    #[test]
    fn a_grade_too_long_is_refused() {
        let me = owner("李明", "230101");
        let mut f = file(me.clone(), Some("b"));
        f.feedback[0].grade = "优".repeat(30);
        assert!(matches!(
            parse_feedback(f.to_json().as_bytes(), Some(&me), Some("b")),
            Err(FeedbackError::Invalid { exercise, .. }) if exercise == "p1-t1"
        ));
    }

    fn now() -> DateTime<Utc> {
        at("2026-11-27T08:00:00Z")
    }

    fn read(f: &FeedbackFile) -> Result<FeedbackFile, FeedbackError> {
        let me = owner("李明", "230101");
        parse_feedback_at(f.to_json().as_bytes(), Some(&me), Some("book-1"), now())
    }

    #[test]
    fn the_book_id_and_the_student_number_are_required() {
        let me = owner("李明", "230101");
        assert_eq!(read(&file(me.clone(), None)), Err(FeedbackError::NoBookId));
        let mut f = file(me.clone(), Some(""));
        assert_eq!(read(&f), Err(FeedbackError::NoBookId));
        // Matched on the name alone no more.
        f = file(owner("李明", ""), None);
        assert_eq!(read(&f), Err(FeedbackError::NoStudentId));
        // This book's owner needs a number too.
        let text = file(me.clone(), Some("book-1")).to_json();
        let nameonly = owner("李明", "");
        assert_eq!(
            parse_feedback_at(text.as_bytes(), Some(&nameonly), Some("book-1"), now()),
            Err(FeedbackError::NoOwner)
        );
        assert!(read(&file(me, Some("book-1"))).is_ok());
    }

    #[test]
    fn unknown_or_repeated_exercises_and_future_stamps_are_refused() {
        let me = owner("李明", "230101");
        let mut f = file(me.clone(), Some("book-1"));
        f.feedback[0].id = "zz-<script>".into();
        assert_eq!(read(&f), Err(FeedbackError::UnknownExercise { exercise: "zz-<script>".into() }));
        // The overall grade (总评) is not an exercise but is the student's too.
        let mut f = file(me.clone(), Some("book-1"));
        f.feedback[0].id = OVERALL_FEEDBACK.into();
        assert_eq!(read(&f).unwrap().feedback[0].id.as_str(), "overall");
        let mut f = file(me.clone(), Some("book-1"));
        f.feedback.push(f.feedback[0].clone());
        assert_eq!(read(&f), Err(FeedbackError::DuplicateExercise { exercise: "p1-t1".into() }));
        // 2099 in the record (and in the file, as a forger would write it).
        let mut f = file(me.clone(), Some("book-1"));
        f.feedback[0].updated_at = at("2099-01-01T00:00:00Z");
        assert_eq!(read(&f), Err(FeedbackError::FutureStamp { field: "p1-t1".into() }));
        f.written_at = at("2099-01-01T00:00:00Z");
        assert_eq!(read(&f), Err(FeedbackError::FutureStamp { field: "written_at".into() }));
        // A record stamped after its file was written.
        let mut f = file(me.clone(), Some("book-1"));
        f.feedback[0].updated_at = at("2026-11-21T08:00:00Z");
        assert_eq!(read(&f), Err(FeedbackError::FutureStamp { field: "p1-t1".into() }));
        // Half a day ahead is a clock a little off, not the future.
        let mut f = file(me, Some("book-1"));
        f.written_at = at("2026-11-27T20:00:00Z");
        f.feedback[0].updated_at = f.written_at;
        assert!(read(&f).is_ok());
    }

    #[test]
    fn a_key_twice_or_an_oversized_student_is_refused() {
        let me = owner("李明", "230101");
        let text = file(me.clone(), Some("book-1")).to_json().replacen(
            "\"grade\": \"A\",",
            "\"grade\": \"A\", \"grade\": \"C\",",
            1,
        );
        assert_eq!(
            parse_feedback_at(text.as_bytes(), Some(&me), Some("book-1"), now()),
            Err(FeedbackError::DuplicateKey { path: "feedback[0].grade".into() })
        );
        let text =
            file(me.clone(), Some("book-1")).to_json().replacen("\"book_id\"", "\"book_id\": \"x\", \"book_id\"", 1);
        assert_eq!(
            parse_feedback_at(text.as_bytes(), Some(&me), Some("book-1"), now()),
            Err(FeedbackError::DuplicateKey { path: "book_id".into() })
        );
        let mut big = me.clone();
        big.name = "李".repeat(6_000_000);
        let f = file(big.clone(), Some("book-1"));
        let e = parse_feedback_at(f.to_json().as_bytes(), Some(&big), Some("book-1"), now()).unwrap_err();
        assert_eq!(e, FeedbackError::Student(FieldError::new("name", crate::model::Problem::TooLong { max: 200 })));
    }

    #[test]
    fn the_latest_grading_replaces_the_earlier_one() {
        let me = owner("李明", "230101");
        let mut second = file(me, Some("book-1"));
        second.written_at = at("2026-11-25T08:00:00Z");
        second.feedback[0].updated_at = second.written_at;
        second.feedback[0].grade = "B".into();
        let store = |stored: Option<&str>| {
            let stored = stored.map(at);
            feedback_to_store(second.clone(), |_| stored, now()).len()
        };
        // Nothing stored, an earlier grade, the same file again: the re-grade is stored.
        assert_eq!(store(None), 1);
        assert_eq!(store(Some("2026-11-20T08:00:00Z")), 1);
        assert_eq!(store(Some("2026-11-25T08:00:00Z")), 1);
        // A grade from a later file stays.
        assert_eq!(store(Some("2026-11-26T08:00:00Z")), 0);
        // A grade stamped 2099 (stored before such stamps were refused) never wins.
        assert_eq!(store(Some("2099-01-01T00:00:00Z")), 1);
    }

    /// A class file: 李明's two books (one graded), 张华's one.
    fn class_file() -> ClassFeedbackFile {
        let entry = |o: Owner, book: &str, grade: &str| {
            let mut f = file(o, Some(book));
            f.feedback[0].grade = grade.into();
            StudentFeedback {
                student: f.student,
                book_id: f.book_id,
                workbook_exported_at: f.workbook_exported_at,
                feedback: f.feedback,
            }
        };
        ClassFeedbackFile {
            format: FEEDBACK_FORMAT.into(),
            version: FEEDBACK_VERSION,
            written_at: at("2026-11-20T08:00:00Z"),
            reviewer: "王老师".into(),
            students: vec![
                entry(owner("李明", "230101"), "book-1", "A"),
                entry(owner("张华", "230102"), "book-2", "C"),
                entry(owner("李明", "230101"), "book-3", "B"),
            ],
        }
    }

    fn read_class(text: &str, who: &Owner, book: Option<&str>) -> Result<FeedbackFile, FeedbackError> {
        parse_feedback_at(text.as_bytes(), Some(who), book, now())
    }

    #[test]
    fn a_class_file_gives_each_student_only_their_own_feedback() {
        let text = class_file().to_json();
        let li = read_class(&text, &owner("李明", "230101"), Some("book-1")).unwrap();
        assert_eq!((li.student.name.as_str(), li.feedback.len(), li.feedback[0].grade.as_str()), ("李明", 1, "A"));
        assert_eq!(li.reviewer, "王老师");
        // His other book gets the other entry.
        let li3 = read_class(&text, &owner("李明", "230101"), Some("book-3")).unwrap();
        assert_eq!(li3.feedback[0].grade, "B");
        let zhang = read_class(&text, &owner(" 张华", "230102"), Some("book-2")).unwrap();
        assert_eq!(zhang.feedback[0].grade, "C");
        // What is stored is the student's entry alone.
        let stored = feedback_to_store(zhang, |_| None, now());
        assert_eq!(stored.iter().map(|f| f.grade.as_str()).collect::<Vec<_>>(), vec!["C"]);
    }

    #[test]
    fn a_class_file_without_this_student_or_book_is_refused() {
        let text = class_file().to_json();
        assert_eq!(read_class(&text, &owner("王芳", "230103"), Some("book-9")), Err(FeedbackError::NotInClassFile));
        // The same name with another number is another student.
        assert_eq!(read_class(&text, &owner("李明", "230199"), Some("book-1")), Err(FeedbackError::NotInClassFile));
        assert_eq!(read_class(&text, &owner("李明", "230101"), Some("book-2")), Err(FeedbackError::OtherBook));
        assert_eq!(read_class(&text, &owner("李明", "230101"), None), Err(FeedbackError::OtherBook));
        assert_eq!(parse_feedback_at(text.as_bytes(), None, Some("book-1"), now()), Err(FeedbackError::NoOwner));
    }

    #[test]
    fn a_class_file_damaged_anywhere_is_refused_whole() {
        let me = owner("李明", "230101");
        // Another student's entry names an exercise Kehu does not have.
        let mut f = class_file();
        f.students[1].feedback[0].id = "p9-t9".into();
        assert_eq!(
            read_class(&f.to_json(), &me, Some("book-1")),
            Err(FeedbackError::UnknownExercise { exercise: "p9-t9".into() })
        );
        // A grade longer than a grade may be (the workbook's rule: 20 characters).
        let mut f = class_file();
        f.students[1].feedback[0].grade = "9".repeat(21);
        assert!(matches!(read_class(&f.to_json(), &me, Some("book-1")), Err(FeedbackError::Invalid { .. })));
        // One student and book twice.
        let mut f = class_file();
        f.students.push(f.students[0].clone());
        assert_eq!(
            read_class(&f.to_json(), &me, Some("book-1")),
            Err(FeedbackError::DuplicateStudent { name: "李明".into(), student_id: "230101".into() })
        );
        // Broken JSON, cut off halfway.
        let text = class_file().to_json();
        assert_eq!(read_class(&text[..text.len() / 2], &me, Some("book-1")), Err(FeedbackError::NotFeedback));
        // A field no version has.
        let text = class_file().to_json().replacen("\"reviewer\"", "\"grades_of_record\": 1, \"reviewer\"", 1);
        assert_eq!(read_class(&text, &me, Some("book-1")), Err(FeedbackError::NotFeedback));
    }

    #[test]
    fn a_version_1_file_of_one_student_still_imports() {
        let me = owner("李明", "230101");
        let text = file(me.clone(), Some("book-1")).to_json().replace("\"version\": 2", "\"version\": 1");
        assert!(text.contains("\"version\": 1"));
        let read = read_class(&text, &me, Some("book-1")).unwrap();
        assert_eq!(read.feedback[0].grade, "A");
        // A version-1 file cannot be a class file: `students` is no field of it.
        let class = class_file().to_json().replace("\"version\": 2", "\"version\": 1");
        assert_eq!(read_class(&class, &me, Some("book-1")), Err(FeedbackError::NotFeedback));
    }
}
