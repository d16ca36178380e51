//! What a CSV import did with every row, shared by every CSV import (customers,
//! orders, calls, survey responses): the counts, the rows with a problem, a count per
//! kind of problem, and the problem rows as a CSV the owner can fix in a spreadsheet
//! and import again.
//!
//! The rule every import follows: a row whose required fields are good is imported;
//! a cell that cannot be read or breaks a rule is left empty and its original text is
//! kept in the record's free-text field ([`keep_original`]), and the row counts as
//! imported with a problem. Only a row without its required fields is refused.

use super::csv::{csv_line, CsvError};
use super::survey_csv::{CsvProblem, CsvProblemKind};
use crate::analysis::duplicates::Reason;
use crate::model::Id;

/// The most data rows one CSV import takes. A larger file (300,000 rows of a whole
/// sales history, say) is refused before anything is planned or written, with a
/// message saying to split it: one import is one transaction, and a plan of that
/// size would stall the tab.
pub const MAX_CSV_ROWS: usize = 100_000;

/// Refuses `rows` (a whole file, header first) when it holds more than
/// [`MAX_CSV_ROWS`] data rows.
pub fn check_row_count(rows: &[Vec<String>]) -> Result<(), CsvError> {
    let data = rows.len().saturating_sub(1);
    if data > MAX_CSV_ROWS {
        return Err(CsvError::TooManyRows { rows: data, max: MAX_CSV_ROWS });
    }
    Ok(())
}

/// How many rows have each outcome; every row not empty counts once.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ImportCounts {
    /// New records, without a problem.
    pub created: usize,
    /// Existing records changed, without a problem.
    pub updated: usize,
    /// Rows that match an existing record and change nothing.
    pub unchanged: usize,
    /// Duplicates left out.
    pub skipped: usize,
    /// Rows imported (created or updated) with a cell set aside.
    pub with_problem: usize,
    /// Rows refused: a required field is missing or unreadable.
    pub invalid: usize,
}

/// Whom or what a row repeats.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DuplicateOf {
    /// A customer already in the workbook.
    Customer {
        /// The customer's id.
        id: Id,
        /// What they share (the first of phone, e-mail, name and company).
        reason: Reason,
    },
    /// An earlier row of the same file.
    Line {
        /// The row's line, the header being line 1.
        line: usize,
        /// What they share.
        reason: Reason,
    },
    /// An order already in the workbook.
    Order {
        /// The order's id.
        id: Id,
        /// Found by its order number (else: the same customer, day, amount and lines).
        by_number: bool,
    },
    /// An earlier row of the same file with the same order number.
    OrderLine {
        /// The row's line.
        line: usize,
    },
    /// A call already in the book with the same start, direction, agent, customer
    /// and talk time.
    Call {
        /// The call's id.
        id: Id,
    },
}

/// What to do with a row identical to a record of the book by its natural key (an
/// order without a number: customer, day, amount and lines; a call: its start,
/// direction, agent, customer and talk time).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
pub enum LikelyDuplicates {
    /// Leave it out (the safe default: a file imported twice adds nothing).
    #[default]
    Skip,
    /// Import it anyway (two identical records that really were two: two coffees on
    /// one day).
    Import,
}

/// What became of one row, as the shared report shows it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum RowFate {
    /// A new record.
    Created,
    /// An existing record updated.
    Updated,
    /// Matched an existing record, nothing new.
    Unchanged,
    /// Left out as a duplicate.
    Skipped,
    /// Refused: nothing of it is written.
    Refused,
}

/// One row of a CSV import and what became of it.
#[derive(Debug, Clone, PartialEq)]
pub struct ReportRow {
    /// The row's index among the data rows of the file (`rows[index]`).
    pub index: usize,
    /// The row's line, the header being line 1.
    pub line: usize,
    /// What became of it.
    pub fate: RowFate,
    /// Its problems: the cells set aside of an imported row, or why it is refused.
    pub problems: Vec<CsvProblem>,
    /// A short summary of the record (name and phone, day and amount).
    pub summary: String,
    /// Whom it repeats, if anyone.
    pub duplicate_of: Option<DuplicateOf>,
    /// The row names an unknown customer, created with it (orders).
    pub new_customer: bool,
}

impl ReportRow {
    /// Whether the row belongs in the problem list: refused, or imported with a cell
    /// set aside.
    pub fn has_problem(&self) -> bool {
        self.fate == RowFate::Refused || !self.problems.is_empty()
    }

    /// Whether the row was left out for a problem: refused, or skipped for one (an
    /// unknown customer the owner chose not to create). These are the rows of the
    /// problem CSV: fixed, they import again. A row imported with a cell set aside is
    /// not among them: it is in the book already (the cell's text in its notes), and
    /// imported again it could only make a second copy of it; nor is a row skipped as
    /// a duplicate, whatever its cells: the book has it.
    pub fn left_out_for_a_problem(&self) -> bool {
        self.fate == RowFate::Refused
            || (self.fate == RowFate::Skipped && !self.problems.is_empty() && self.duplicate_of.is_none())
    }

    /// Whether the row is imported (created or updated) with a cell set aside.
    pub fn imported_with_problem(&self) -> bool {
        matches!(self.fate, RowFate::Created | RowFate::Updated) && !self.problems.is_empty()
    }
}

/// Counts each row of `rows` by its fate; an imported row with a problem counts as
/// `with_problem` only.
pub fn count(rows: &[ReportRow]) -> ImportCounts {
    let mut c = ImportCounts::default();
    for r in rows {
        match r.fate {
            _ if r.imported_with_problem() => c.with_problem += 1,
            RowFate::Created => c.created += 1,
            RowFate::Updated => c.updated += 1,
            RowFate::Unchanged => c.unchanged += 1,
            RowFate::Skipped => c.skipped += 1,
            RowFate::Refused => c.invalid += 1,
        }
    }
    c
}

/// One kind of problem: the column (its header) and what is wrong there.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProblemTally {
    /// The column's header; empty for the whole row.
    pub column: String,
    /// What is wrong.
    pub kind: CsvProblemKind,
    /// In how many rows.
    pub rows: usize,
}

/// How many rows have each kind of problem (a column and what is wrong in it), most
/// frequent first, ties in the order they first appear.
pub fn tally(rows: &[ReportRow]) -> Vec<ProblemTally> {
    let mut out: Vec<ProblemTally> = Vec::new();
    for p in rows.iter().flat_map(|r| &r.problems) {
        match out.iter_mut().find(|t| t.column == p.column && t.kind == p.kind) {
            Some(t) => t.rows += 1,
            None => out.push(ProblemTally { column: p.column.clone(), kind: p.kind.clone(), rows: 1 }),
        }
    }
    // A stable sort keeps the first-seen order among equal counts.
    out.sort_by_key(|t| std::cmp::Reverse(t.rows));
    out
}

/// Header names of the reason column of a problem CSV (in both languages, as
/// [`super::csv::match_header`] compares them): an import ignores that column, so a
/// fixed problem file imports as it is.
pub const REASON_HEADERS: [&str; 2] = ["问题原因", "problem"];

/// Whether `header` names the reason column of a problem CSV.
pub fn is_reason_header(header: &str) -> bool {
    let h: String = header.chars().filter(|c| !c.is_whitespace()).flat_map(char::to_lowercase).collect();
    REASON_HEADERS.contains(&h.as_str())
}

/// The rows an import left out for a problem ([`ReportRow::left_out_for_a_problem`])
/// as a CSV file: a UTF-8 byte-order mark (so Excel reads the Chinese), the file's
/// own header and a last column `reason_header`, then each such row with its cells as
/// they were in the file and `reason` of it. Fixed in a spreadsheet, it imports again
/// like the original file, and adds only what was missing.
pub fn problem_csv(
    header: &[String],
    rows: &[Vec<String>],
    report: &[ReportRow],
    reason_header: &str,
    reason: impl Fn(&ReportRow) -> String,
) -> String {
    let mut out = String::from("\u{feff}");
    let mut head: Vec<&str> = header.iter().map(String::as_str).collect();
    head.push(reason_header);
    out += &csv_line(&head);
    for r in report.iter().filter(|r| r.left_out_for_a_problem()) {
        let mut cells: Vec<String> = rows.get(r.index).cloned().unwrap_or_default();
        cells.resize(header.len(), String::new());
        cells.push(reason(r));
        out += &csv_line(&cells);
    }
    out
}

/// `notes` with the original text of a cell set aside appended on a line of its own
/// as `<header>(原文): <text>`, unless that very line is already there (the same row
/// imported twice keeps one copy).
pub fn keep_original(notes: &str, header: &str, text: &str) -> String {
    let line = format!("{}(原文): {}", header.trim(), text.trim());
    if notes.lines().any(|l| l == line) {
        return notes.to_owned();
    }
    if notes.trim().is_empty() {
        line
    } else {
        format!("{}\n{line}", notes.trim_end())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Problem;

    fn row(index: usize, fate: RowFate, problems: &[(&str, CsvProblemKind)]) -> ReportRow {
        ReportRow {
            index,
            line: index + 2,
            fate,
            problems: problems
                .iter()
                .map(|(c, k)| CsvProblem { row: index + 2, column: (*c).into(), kind: k.clone() })
                .collect(),
            summary: String::new(),
            duplicate_of: None,
            new_customer: false,
        }
    }

    #[test]
    fn an_original_text_is_kept_once_on_its_own_line() {
        assert_eq!(keep_original("", "生日", " 3月8日x "), "生日(原文): 3月8日x");
        assert_eq!(keep_original("老客户\n", "手机", "12345"), "老客户\n手机(原文): 12345");
        let once = keep_original("老客户", "生日", "3月8日x");
        assert_eq!(keep_original(&once, "生日", "3月8日x"), once);
    }

    #[test]
    fn rows_are_counted_once_and_problems_tallied_by_column_and_kind() {
        let report = [
            row(0, RowFate::Created, &[]),
            row(1, RowFate::Created, &[("生日", CsvProblemKind::NotADate)]),
            row(
                2,
                RowFate::Updated,
                &[("生日", CsvProblemKind::NotADate), ("手机", CsvProblemKind::Invalid(Problem::Phone))],
            ),
            row(3, RowFate::Refused, &[("姓名", CsvProblemKind::Invalid(Problem::Required))]),
            row(4, RowFate::Skipped, &[]),
        ];
        assert_eq!(
            count(&report),
            ImportCounts { created: 1, updated: 0, unchanged: 0, skipped: 1, with_problem: 2, invalid: 1 }
        );
        let tallied = tally(&report);
        let t: Vec<(&str, usize)> = tallied.iter().map(|t| (t.column.as_str(), t.rows)).collect();
        assert_eq!(t, [("生日", 2), ("手机", 1), ("姓名", 1)]);
    }

    #[test]
    fn the_problem_csv_has_the_file_columns_and_a_reason_and_reads_back() {
        let header: Vec<String> = vec!["姓名".into(), "生日".into()];
        let rows = vec![
            vec!["甲".to_owned(), "1990-01-02".to_owned()],
            vec!["乙".to_owned(), "3月8日x".to_owned()],
            vec![String::new(), "=1+1".to_owned()],
        ];
        let report = [
            row(0, RowFate::Created, &[]),
            row(1, RowFate::Created, &[("生日", CsvProblemKind::NotADate)]),
            row(2, RowFate::Refused, &[("姓名", CsvProblemKind::Invalid(Problem::Required))]),
        ];
        assert_eq!(report.iter().map(ReportRow::left_out_for_a_problem).collect::<Vec<_>>(), [false, false, true]);
        let text = problem_csv(&header, &rows, &report, "问题原因", |r| format!("line {}", r.line));
        assert!(text.starts_with('\u{feff}'), "a BOM for Excel");
        let back = super::super::csv::parse_csv(text.as_bytes()).unwrap();
        // The row imported with a problem is in the book already: not in the file.
        assert_eq!(back, [vec!["姓名", "生日", "问题原因"], vec!["", "=1+1", "line 4"]]);
        assert!(is_reason_header("问题原因") && is_reason_header(" Problem ") && !is_reason_header("备注"));
        // The column as the app names it, in either language, is the one imports ignore.
        for lang in [crate::i18n::Lang::Zh, crate::i18n::Lang::En] {
            assert!(is_reason_header(lang.t(crate::i18n::Key::ProblemReasonHeader)), "{lang:?}");
        }
    }

    #[test]
    fn a_file_of_more_rows_than_the_limit_is_refused() {
        let rows = vec![vec!["a".to_owned()]; MAX_CSV_ROWS + 2];
        assert_eq!(check_row_count(&rows), Err(CsvError::TooManyRows { rows: MAX_CSV_ROWS + 1, max: MAX_CSV_ROWS }));
        assert_eq!(check_row_count(&rows[1..]), Ok(()));
    }
}
