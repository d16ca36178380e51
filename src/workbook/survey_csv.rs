//! Survey responses from a CSV file, one response per row: a header row naming the
//! questions (by their text or id) and optionally a `customer` column (the customer's
//! id, phone or exact name; empty for anonymous).
//!
//! The import follows the shared rule ([`super::import_report`]): [`read_responses_csv`]
//! refuses a file only for its header (a column naming no question: its answers
//! would have nowhere to go); [`plan_response_import`] says what becomes of every
//! row. A row needs one readable answer. A cell that cannot be read (a rating of 7,
//! an option the question does not have, an unknown customer) is left out of the
//! response, and its original text kept in the survey's first free-text question,
//! after the respondent's own words, as `<column>(原文): <text>`.
//!
//! A response has no note of its own. So when the survey has no free-text question,
//! the text can only be kept in the problem CSV: the row is left out (refused) rather
//! than imported without that answer, to be fixed and imported again; imported
//! without it, the fixed row imported again would be a second response of the same
//! person.

use std::collections::BTreeMap;

use chrono::{DateTime, Utc};

use super::csv::{csv_line, parse_csv, CsvError};
use super::import_report::{check_row_count, count, is_reason_header, keep_original, ImportCounts, ReportRow, RowFate};
use crate::model::survey::{Answer, QuestionKind, Survey, SurveyResponse};
use crate::model::{new_id, Id, Problem};

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
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum ColumnRole {
    Customer,
    /// The question at this index of the survey.
    Question(usize),
    /// The reason column of a problem CSV.
    Ignored,
}

/// A responses CSV, read against its survey: its header, its data rows and what each
/// column holds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ResponsesCsv {
    /// The first row, the column names.
    pub header: Vec<String>,
    /// The rows after the header; row `i` is line `i + 2`.
    pub rows: Vec<Vec<String>>,
    roles: Vec<ColumnRole>,
}

/// Reads `bytes` (UTF-8) as responses to `survey`. Refused whole, with every problem
/// of the header, when the file cannot be read, has more than
/// [`super::import_report::MAX_CSV_ROWS`] rows, or a column names no question or the
/// same question as another.
pub fn read_responses_csv(survey: &Survey, bytes: &[u8]) -> Result<ResponsesCsv, Vec<CsvProblem>> {
    let file = |e| vec![CsvProblem { row: 0, column: String::new(), kind: CsvProblemKind::File(e) }];
    let mut rows = parse_csv(bytes).map_err(file)?;
    check_row_count(&rows).map_err(file)?;
    let header = rows.remove(0);
    let mut problems = Vec::new();
    let mut roles = Vec::new();
    let mut seen = std::collections::HashSet::new();
    for name in &header {
        let n = name.trim();
        if CUSTOMER_COLUMNS.iter().any(|c| c.eq_ignore_ascii_case(n)) {
            roles.push(ColumnRole::Customer);
            continue;
        }
        if is_reason_header(n) {
            roles.push(ColumnRole::Ignored);
            continue;
        }
        match survey.questions.iter().position(|q| q.id == n || q.text.trim() == n) {
            Some(i) => {
                if !seen.insert(i) {
                    problems.push(CsvProblem { row: 1, column: n.to_owned(), kind: CsvProblemKind::DuplicateColumn });
                }
                roles.push(ColumnRole::Question(i));
            }
            None => problems.push(CsvProblem { row: 1, column: n.to_owned(), kind: CsvProblemKind::UnknownColumn }),
        }
    }
    if !problems.is_empty() {
        return Err(problems);
    }
    Ok(ResponsesCsv { header, rows, roles })
}

/// What a responses import would do, row by row, before anything is written.
#[derive(Debug, Clone, PartialEq)]
pub struct ResponsePlan {
    /// Every row that is not empty, in file order.
    pub rows: Vec<ReportRow>,
    /// The responses to write, each fitting the survey.
    pub responses: Vec<SurveyResponse>,
    /// How many rows have each outcome.
    pub counts: ImportCounts,
}

/// The question of `survey` a response keeps the text of its unreadable cells in:
/// the first free-text question, if it has one (see the module's comment).
pub fn keeps_originals_in(survey: &Survey) -> Option<&crate::model::survey::Question> {
    survey.questions.iter().find(|q| matches!(q.kind, QuestionKind::Text))
}

/// Plans the import of `csv` as responses to `survey`. `find_customer` turns the
/// customer cell into a customer id; `new_id` gives the id of every response.
pub fn plan_response_import(
    survey: &Survey,
    csv: &ResponsesCsv,
    find_customer: impl Fn(&str) -> Option<String>,
    now: DateTime<Utc>,
    mut new_id: impl FnMut() -> Id,
) -> ResponsePlan {
    let keep_in = keeps_originals_in(survey);
    let mut plan = ResponsePlan { rows: Vec::new(), responses: Vec::new(), counts: ImportCounts::default() };
    for (index, row) in csv.rows.iter().enumerate() {
        if row.iter().all(|c| c.trim().is_empty()) {
            continue;
        }
        let line = index + 2;
        let summary: String = row.iter().map(|c| c.trim()).filter(|c| !c.is_empty()).collect::<Vec<_>>().join(" ");
        let summary: String = summary.chars().take(40).collect();
        let refuse = |plan: &mut ResponsePlan, problems| {
            plan.rows.push(ReportRow {
                index,
                line,
                fate: RowFate::Refused,
                problems,
                summary: summary.clone(),
                duplicate_of: None,
                new_customer: false,
            })
        };
        if row.len() > csv.header.len() {
            refuse(
                &mut plan,
                vec![CsvProblem { row: line, column: String::new(), kind: CsvProblemKind::TooManyFields }],
            );
            continue;
        }
        let mut customer_id = String::new();
        let mut answers = BTreeMap::new();
        let mut aside: Vec<(CsvProblem, &str)> = Vec::new();
        for (cell, (role, name)) in row.iter().zip(csv.roles.iter().zip(&csv.header)) {
            let cell = cell.trim();
            if cell.is_empty() {
                continue;
            }
            let at = |kind| CsvProblem { row: line, column: name.trim().to_owned(), kind };
            match *role {
                ColumnRole::Ignored => {}
                ColumnRole::Customer => match find_customer(cell) {
                    Some(id) => customer_id = id,
                    None => aside.push((at(CsvProblemKind::UnknownCustomer), cell)),
                },
                ColumnRole::Question(i) => match answer(&survey.questions[i].kind, cell) {
                    Ok(a) => {
                        answers.insert(survey.questions[i].id.to_string(), a);
                    }
                    Err(kind) => aside.push((at(kind), cell)),
                },
            }
        }
        let problems: Vec<CsvProblem> = aside.iter().map(|(p, _)| p.clone()).collect();
        if answers.is_empty() {
            let mut problems = problems;
            problems.push(CsvProblem { row: line, column: String::new(), kind: CsvProblemKind::EmptyRow });
            refuse(&mut plan, problems);
            continue;
        }
        if !aside.is_empty() {
            let Some(q) = keep_in else {
                refuse(&mut plan, problems);
                continue;
            };
            let mut text = match answers.remove(q.id.as_str()) {
                Some(Answer::Text(t)) => t,
                _ => String::new(),
            };
            for (p, cell) in &aside {
                text = keep_original(&text, &p.column, cell);
            }
            answers.insert(q.id.to_string(), Answer::Text(text));
        }
        plan.responses.push(SurveyResponse {
            sample: false,
            id: new_id(),
            survey_id: survey.id.clone(),
            customer_id: customer_id.into(),
            answers,
            created_at: now,
            updated_at: now,
            deleted_at: None,
        });
        plan.rows.push(ReportRow {
            index,
            line,
            fate: RowFate::Created,
            problems,
            summary,
            duplicate_of: None,
            new_customer: false,
        });
    }
    plan.counts = count(&plan.rows);
    plan
}

/// Reads `bytes` as responses to `survey`, all or nothing: every row must import
/// without a problem. `find_customer` turns the customer cell into a customer id.
/// Returns every response, or every problem found (at most 100).
pub fn responses_from_csv(
    survey: &Survey,
    bytes: &[u8],
    find_customer: impl Fn(&str) -> Option<String>,
    now: DateTime<Utc>,
) -> Result<Vec<SurveyResponse>, Vec<CsvProblem>> {
    let csv = read_responses_csv(survey, bytes)?;
    let plan = plan_response_import(survey, &csv, find_customer, now, new_id);
    let mut problems: Vec<CsvProblem> = plan.rows.iter().flat_map(|r| r.problems.iter().cloned()).collect();
    if problems.is_empty() {
        Ok(plan.responses)
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

    fn ids() -> impl FnMut() -> Id {
        let mut n = 0;
        move || {
            n += 1;
            Id::from(format!("r{n}"))
        }
    }

    fn plan(s: &Survey, text: &str) -> ResponsePlan {
        let csv = read_responses_csv(s, text.as_bytes()).unwrap();
        plan_response_import(s, &csv, find, now(), ids())
    }

    /// Row 2 is good; row 3 rates 7 of 5 and names an unknown customer; row 4 has
    /// only an option the question does not have; row 5 is empty.
    const MESSY: &str = "客户,响应速度,推荐可能性,渠道,意见\n\
        张三,5,9,电话,很好\n\
        王五,7,8,微信,太慢\n\
        ,,,传真,\n\
        ,,,,\n";

    #[test]
    fn with_a_free_text_question_a_bad_cell_is_kept_in_it_and_the_row_imported() {
        let mut s = survey();
        s.questions.push(Question { id: "say".into(), text: "意见".into(), kind: QuestionKind::Text });
        let p = plan(&s, MESSY);
        assert_eq!(p.counts, ImportCounts { created: 1, with_problem: 1, invalid: 1, ..ImportCounts::default() });
        let fates: Vec<(usize, RowFate)> = p.rows.iter().map(|r| (r.line, r.fate)).collect();
        assert_eq!(fates, [(2, RowFate::Created), (3, RowFate::Created), (4, RowFate::Refused)]);
        let kept = &p.responses[1];
        assert_eq!(kept.customer_id, "", "an unknown customer: anonymous");
        assert!(!kept.answers.contains_key("speed"), "the rating of 7 is left out");
        assert_eq!(kept.answers["nps"], Answer::Likelihood(8));
        assert_eq!(kept.answers["say"], Answer::Text("太慢\n客户(原文): 王五\n响应速度(原文): 7".into()));
        assert!(p.responses.iter().all(|r| r.check_against(&s).is_empty()));
        let problems: Vec<(usize, &str, &CsvProblemKind)> =
            p.rows.iter().flat_map(|r| r.problems.iter().map(|x| (x.row, x.column.as_str(), &x.kind))).collect();
        assert_eq!(
            problems,
            [
                (3, "客户", &CsvProblemKind::UnknownCustomer),
                (3, "响应速度", &CsvProblemKind::Invalid(Problem::OutOfRange { min: 1, max: 5 })),
                (4, "渠道", &CsvProblemKind::UnknownOption),
                (4, "", &CsvProblemKind::EmptyRow),
            ]
        );
    }

    #[test]
    fn without_one_the_row_is_left_out_and_its_problem_csv_fixed_imports_again() {
        let s = survey();
        let text = MESSY.replace(",意见", "").replace(",很好", "").replace(",太慢", "").replace(",\n,,,,", "\n,,,");
        let p = plan(&s, &text);
        assert_eq!(p.counts, ImportCounts { created: 1, invalid: 2, ..ImportCounts::default() });
        assert_eq!(p.responses.len(), 1);
        let csv = read_responses_csv(&s, text.as_bytes()).unwrap();
        let problems = super::super::import_report::problem_csv(&csv.header, &csv.rows, &p.rows, "问题原因", |r| {
            format!("第 {} 行", r.line)
        });
        let back = parse_csv(problems.as_bytes()).unwrap();
        assert_eq!(
            back,
            [
                vec!["客户", "响应速度", "推荐可能性", "渠道", "问题原因"],
                vec!["王五", "7", "8", "微信", "第 3 行"],
                vec!["", "", "", "传真", "第 4 行"],
            ]
        );
        // Fixed in a spreadsheet (the customer left empty, 7 read as 5, 传真 as 到店),
        // the reason column left in: both rows import, nothing else.
        let fixed = problems.replace("王五,7,8,微信", ",5,8,微信").replace(",,,传真", ",,,到店");
        let again = plan(&s, &fixed);
        assert_eq!(again.counts, ImportCounts { created: 2, ..ImportCounts::default() });
        assert_eq!(again.responses[0].answers["speed"], Answer::Rating(5));
        assert_eq!(again.responses[1].answers["ch"], Answer::Choices(vec![2]));
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
