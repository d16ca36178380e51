//! Survey responses from a CSV file, one response per row: a header row naming the
//! questions (by their text or id) and optionally a `customer` column (the customer's
//! id, phone or exact name; empty for anonymous). Every row is checked before any is
//! kept: one bad cell refuses the file, with each problem's row and column.

use std::collections::BTreeMap;

use chrono::{DateTime, Utc};

use super::csv::{csv_line, parse_csv, CsvError};
use crate::model::survey::{Answer, QuestionKind, Survey, SurveyResponse};
use crate::model::{new_id, Problem};

/// Header names (any case) of the column that names the customer.
pub const CUSTOMER_COLUMNS: [&str; 4] = ["customer", "客户", "客户名称", "姓名"];

/// Separators accepted between the options of a multiple-choice answer.
const OPTION_SEPARATORS: [char; 4] = [';', '；', '、', '|'];

/// One problem in a CSV file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CsvProblem {
    /// 1-based row as a spreadsheet numbers it (the header is row 1); 0 for the file.
    pub row: usize,
    /// The column's header text; empty for the whole row or file.
    pub column: String,
    /// What is wrong.
    pub kind: CsvProblemKind,
}

/// What can be wrong with a responses CSV. Turned into words by `i18n`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CsvProblemKind {
    /// The file as a whole could not be read.
    File(CsvError),
    /// A header names no question of the survey.
    UnknownColumn,
    /// Two columns name the same question.
    DuplicateColumn,
    /// The row has more fields than the header.
    TooManyFields,
    /// The value breaks the question's rule (a rating of 7).
    Invalid(Problem),
    /// The value is not one of the question's options.
    UnknownOption,
    /// No customer has this id, phone or name.
    UnknownCustomer,
    /// The row has no answer at all.
    EmptyRow,
    /// A column the file must have is not there (named by `column`).
    MissingColumn,
    /// Not a day (2026-11-05, 2026/11/5 and 20261105 are).
    NotADate,
    /// Not a number.
    NotANumber,
    /// Not a customer stage (潜在/意向/成交/忠诚/流失 or their English names).
    NotAStage,
    /// Not a customer type (个人/企业, person/company).
    NotACustomerKind,
}

/// What a column holds.
enum ColumnRole<'a> {
    Customer,
    Question(&'a crate::model::survey::Question),
}

/// Reads `bytes` as responses to `survey`. `find_customer` turns the customer cell into
/// a customer id. Returns every response, or every problem found (at most 100).
pub fn responses_from_csv(
    survey: &Survey,
    bytes: &[u8],
    find_customer: impl Fn(&str) -> Option<String>,
    now: DateTime<Utc>,
) -> Result<Vec<SurveyResponse>, Vec<CsvProblem>> {
    let rows = parse_csv(bytes)
        .map_err(|e| vec![CsvProblem { row: 0, column: String::new(), kind: CsvProblemKind::File(e) }])?;
    let mut problems = Vec::new();
    let header = &rows[0];
    let mut roles: Vec<ColumnRole> = Vec::new();
    let mut seen = std::collections::HashSet::new();
    for name in header {
        let n = name.trim();
        if CUSTOMER_COLUMNS.iter().any(|c| c.eq_ignore_ascii_case(n)) {
            roles.push(ColumnRole::Customer);
            continue;
        }
        match survey.questions.iter().find(|q| q.id == n || q.text.trim() == n) {
            Some(q) => {
                if !seen.insert(q.id.as_str()) {
                    problems.push(CsvProblem { row: 1, column: n.to_owned(), kind: CsvProblemKind::DuplicateColumn });
                }
                roles.push(ColumnRole::Question(q));
            }
            None => problems.push(CsvProblem { row: 1, column: n.to_owned(), kind: CsvProblemKind::UnknownColumn }),
        }
    }
    if !problems.is_empty() {
        return Err(problems);
    }
    let mut out = Vec::with_capacity(rows.len() - 1);
    for (i, row) in rows.iter().enumerate().skip(1) {
        let row_no = i + 1;
        if row.len() > header.len() {
            problems.push(CsvProblem { row: row_no, column: String::new(), kind: CsvProblemKind::TooManyFields });
            continue;
        }
        let mut customer_id = String::new();
        let mut answers = BTreeMap::new();
        for (cell, (role, name)) in row.iter().zip(roles.iter().zip(header)) {
            let cell = cell.trim();
            if cell.is_empty() {
                continue;
            }
            let at = |kind| CsvProblem { row: row_no, column: name.trim().to_owned(), kind };
            match role {
                ColumnRole::Customer => match find_customer(cell) {
                    Some(id) => customer_id = id,
                    None => problems.push(at(CsvProblemKind::UnknownCustomer)),
                },
                ColumnRole::Question(q) => match answer(&q.kind, cell) {
                    Ok(a) => {
                        answers.insert(q.id.to_string(), a);
                    }
                    Err(kind) => problems.push(at(kind)),
                },
            }
        }
        if answers.is_empty() {
            if !row.iter().all(|c| c.trim().is_empty()) && problems.last().is_none_or(|p| p.row != row_no) {
                problems.push(CsvProblem { row: row_no, column: String::new(), kind: CsvProblemKind::EmptyRow });
            }
            continue;
        }
        out.push(SurveyResponse {
            sample: false,
            id: new_id(),
            survey_id: survey.id.clone(),
            customer_id: customer_id.into(),
            answers,
            created_at: now,
            updated_at: now,
            deleted_at: None,
        });
    }
    if problems.is_empty() {
        Ok(out)
    } else {
        problems.truncate(100);
        Err(problems)
    }
}

fn answer(kind: &QuestionKind, cell: &str) -> Result<Answer, CsvProblemKind> {
    let digits = crate::model::validate::ascii_digits(cell);
    let number = |min: i64, max: i64| -> Result<u8, CsvProblemKind> {
        digits
            .parse::<i64>()
            .ok()
            .filter(|v| (min..=max).contains(v))
            .map(|v| v as u8)
            .ok_or(CsvProblemKind::Invalid(Problem::OutOfRange { min, max }))
    };
    let option = |options: &[String], text: &str| -> Result<usize, CsvProblemKind> {
        let text = text.trim();
        if let Some(i) = options.iter().position(|o| o.trim() == text) {
            return Ok(i);
        }
        // A 1-based option number, as people count.
        match crate::model::validate::ascii_digits(text).parse::<usize>() {
            Ok(n) if (1..=options.len()).contains(&n) => Ok(n - 1),
            _ => Err(CsvProblemKind::UnknownOption),
        }
    };
    match kind {
        QuestionKind::Rating { .. } => number(1, 5).map(Answer::Rating),
        QuestionKind::Likelihood => number(0, 10).map(Answer::Likelihood),
        QuestionKind::SingleChoice { options } => option(options, cell).map(Answer::Choice),
        QuestionKind::MultipleChoice { options } => {
            let mut picked = cell
                .split(OPTION_SEPARATORS)
                .filter(|p| !p.trim().is_empty())
                .map(|p| option(options, p))
                .collect::<Result<Vec<_>, _>>()?;
            picked.sort_unstable();
            picked.dedup();
            Ok(Answer::Choices(picked))
        }
        QuestionKind::Text => Ok(Answer::Text(cell.to_owned())),
    }
}

/// A CSV template for `survey`: the header row (customer, then each question's text)
/// and one example row.
pub fn responses_template(survey: &Survey) -> String {
    let mut header = vec!["customer".to_owned()];
    let mut example = vec![String::new()];
    for q in &survey.questions {
        header.push(q.text.clone());
        example.push(match &q.kind {
            QuestionKind::Rating { .. } => "4".to_owned(),
            QuestionKind::Likelihood => "9".to_owned(),
            QuestionKind::SingleChoice { options } => options.first().cloned().unwrap_or_default(),
            QuestionKind::MultipleChoice { options } => options.iter().take(2).cloned().collect::<Vec<_>>().join(";"),
            QuestionKind::Text => String::new(),
        });
    }
    format!("\u{feff}{}{}", csv_line(&header), csv_line(&example))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::survey::Question;

    fn survey() -> Survey {
        let at = "2026-11-20T08:00:00Z".parse().unwrap();
        let q = |id: &str, text: &str, kind| Question { id: id.into(), text: text.into(), kind };
        Survey {
            sample: false,
            id: "s".into(),
            title: "t".into(),
            questions: vec![
                q("speed", "响应速度", QuestionKind::Rating { weight: 1.0 }),
                q("nps", "推荐可能性", QuestionKind::Likelihood),
                q(
                    "ch",
                    "渠道",
                    QuestionKind::MultipleChoice { options: vec!["电话".into(), "微信".into(), "到店".into()] },
                ),
            ],
            created_at: at,
            updated_at: at,
            deleted_at: None,
        }
    }

    fn find(cell: &str) -> Option<String> {
        (cell == "13800000000" || cell == "张三").then(|| "c1".to_owned())
    }

    fn now() -> DateTime<Utc> {
        "2026-11-26T08:00:00Z".parse().unwrap()
    }

    #[test]
    fn rows_become_responses_by_question_text_or_id() {
        let csv = "客户,响应速度,nps,渠道\n张三,5,9,电话;到店\n,3,,2\n";
        let r = responses_from_csv(&survey(), csv.as_bytes(), find, now()).unwrap();
        assert_eq!(r.len(), 2);
        assert_eq!(r[0].customer_id, "c1");
        assert_eq!(r[0].answers["speed"], Answer::Rating(5));
        assert_eq!(r[0].answers["ch"], Answer::Choices(vec![0, 2]));
        assert_eq!(r[1].customer_id, "", "anonymous");
        assert!(!r[1].answers.contains_key("nps"), "an empty cell is a skipped question");
        assert_eq!(r[1].answers["ch"], Answer::Choices(vec![1]), "options by 1-based number");
        for resp in &r {
            assert!(resp.check_against(&survey()).is_empty());
        }
    }

    #[test]
    fn unknown_columns_are_named() {
        let csv = "客户,响应速度,颜色\n张三,5,红\n";
        let err = responses_from_csv(&survey(), csv.as_bytes(), find, now()).unwrap_err();
        assert_eq!(err, vec![CsvProblem { row: 1, column: "颜色".into(), kind: CsvProblemKind::UnknownColumn }]);
    }

    #[test]
    fn bad_values_name_row_and_column_and_nothing_is_kept() {
        let csv = "customer,响应速度,推荐可能性,渠道\n张三,7,9,电话\n李四,4,11,传真\n,,,\n";
        let err = responses_from_csv(&survey(), csv.as_bytes(), find, now()).unwrap_err();
        let at: Vec<(usize, &str)> = err.iter().map(|p| (p.row, p.column.as_str())).collect();
        assert_eq!(at, [(2, "响应速度"), (3, "customer"), (3, "推荐可能性"), (3, "渠道")]);
        assert_eq!(err[0].kind, CsvProblemKind::Invalid(Problem::OutOfRange { min: 1, max: 5 }));
        assert_eq!(err[1].kind, CsvProblemKind::UnknownCustomer);
        assert_eq!(err[3].kind, CsvProblemKind::UnknownOption);
    }

    #[test]
    fn the_template_reads_back_as_one_response() {
        let s = survey();
        let r = responses_from_csv(&s, responses_template(&s).as_bytes(), find, now()).unwrap();
        assert_eq!(r.len(), 1);
        assert_eq!(r[0].answers.len(), 3);
    }

    #[test]
    fn guarded_cells_from_an_export_read_back_as_they_were() {
        let mut s = survey();
        s.questions.push(Question { id: "say".into(), text: "意见".into(), kind: QuestionKind::Text });
        let row = csv_line(&["张三", "5", "9", "电话", "=HYPERLINK(\"http://x\",\"y\")"]);
        assert!(row.contains("'=HYPERLINK"), "{row}");
        let csv = format!("{}{row}", csv_line(&["客户", "响应速度", "nps", "渠道", "意见"]));
        let r = responses_from_csv(&s, csv.as_bytes(), find, now()).unwrap();
        assert_eq!(r[0].answers["say"], Answer::Text("=HYPERLINK(\"http://x\",\"y\")".into()));
        let csv = "客户,意见\n张三,'-2+3+cmd|' /C calc'!A0\n张三,'plain\n";
        let r = responses_from_csv(&s, csv.as_bytes(), find, now()).unwrap();
        assert_eq!(r[0].answers["say"], Answer::Text("-2+3+cmd|' /C calc'!A0".into()));
        assert_eq!(r[1].answers["say"], Answer::Text("'plain".into()));
    }
}
