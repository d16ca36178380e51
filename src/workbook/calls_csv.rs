//! The call log from a CSV file (a telephone system's export), one call per row.
//! Columns are found by their header in Chinese or English: 时间/time, 方向/direction,
//! 排队/queue, 通话/talk, 话后/wrap, 放弃/abandoned, 首次解决/resolved, 坐席/agent,
//! 客户/customer, 备注/note. Durations are seconds or `m:ss` / `h:mm:ss`.
//!
//! The import follows the shared rule ([`super::import_report`]): [`read_calls_csv`]
//! reads the file, [`plan_call_import`] says what becomes of every row. Required: a
//! start time that is not in the future, a direction the cell names (empty is
//! inbound), and an agent unless the call was abandoned; a row without them, or whose
//! cells contradict each other (an abandoned call with talk time), is refused. Any
//! other cell that cannot be read (a duration, a yes/no, an unknown customer) is left
//! empty and its text kept in the call's note. A row identical to a call of the book
//! ([`call_fingerprint`]) is a likely duplicate, skipped unless the owner chooses
//! otherwise: importing the same log twice adds nothing.
use chrono::{DateTime, FixedOffset, NaiveDateTime, TimeZone, Utc};

use std::collections::HashMap;

use super::csv::{match_header, parse_csv};
use super::import_report::{
    check_row_count, count, keep_original, DuplicateOf, ImportCounts, LikelyDuplicates, ReportRow, RowFate,
};
use super::survey_csv::{CsvProblem, CsvProblemKind};
use crate::analysis::duplicates::fold;
use crate::model::call::{Call, CallDirection};
use crate::model::{new_id, Id, Problem, Record};

/// What a column holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum CallColumn {
    Time,
    Direction,
    Queue,
    Talk,
    Wrap,
    Abandoned,
    Resolved,
    Agent,
    Customer,
    Note,
}

const HEADERS: [(CallColumn, &[&str]); 10] = [
    (
        CallColumn::Time,
        &["时间", "开始时间", "来电时间", "呼叫时间", "日期时间", "time", "start", "startedat", "datetime"],
    ),
    (CallColumn::Direction, &["方向", "呼叫方向", "类型", "direction", "type"]),
    (CallColumn::Queue, &["排队", "排队时长", "等待", "等待时长", "排队秒", "queue", "wait", "queueseconds"]),
    (CallColumn::Talk, &["通话", "通话时长", "通话秒", "talk", "talktime", "talkseconds", "duration"]),
    (CallColumn::Wrap, &["话后", "话后处理", "话后时长", "wrap", "acw", "wrapseconds"]),
    (CallColumn::Abandoned, &["放弃", "是否放弃", "呼损", "abandoned"]),
    (CallColumn::Resolved, &["首次解决", "一次解决", "是否解决", "resolved", "fcr", "firstcontactresolved"]),
    (CallColumn::Agent, &["坐席", "客服", "座席", "坐席工号", "agent"]),
    (CallColumn::Customer, &["客户", "客户名称", "客户电话", "customer"]),
    (CallColumn::Note, &["备注", "内容", "note", "notes"]),
];

/// A duration as people write it: `95`, `1:35`, `0:01:35`.
pub fn parse_duration(text: &str) -> Option<u32> {
    let t = crate::model::validate::ascii_digits(text.trim());
    if t.is_empty() {
        return Some(0);
    }
    t.split(':').try_fold(0u32, |acc, part| acc.checked_mul(60)?.checked_add(part.trim().parse::<u32>().ok()?))
}

/// Yes or no as people write it; `None` when it is neither.
pub fn parse_yes_no(text: &str) -> Option<bool> {
    match text.trim().to_lowercase().as_str() {
        "" | "否" | "no" | "n" | "false" | "0" | "未解决" | "接通" => Some(false),
        "是" | "yes" | "y" | "true" | "1" | "已解决" | "放弃" => Some(true),
        _ => None,
    }
}

fn parse_direction(text: &str) -> Option<CallDirection> {
    match text.trim().to_lowercase().as_str() {
        "" | "呼入" | "来电" | "in" | "inbound" => Some(CallDirection::Inbound),
        "呼出" | "外呼" | "去电" | "out" | "outbound" => Some(CallDirection::Outbound),
        _ => None,
    }
}

/// A local date and time (`2026-11-02 09:05`, `2026/11/2 9:05:30`) in the zone
/// `offset`, as UTC.
pub fn parse_local_time(text: &str, offset: FixedOffset) -> Option<DateTime<Utc>> {
    let t = crate::model::validate::ascii_digits(text.trim()).replace(['/', '.'], "-").replace('T', " ");
    ["%Y-%m-%d %H:%M:%S", "%Y-%m-%d %H:%M"]
        .iter()
        .find_map(|f| NaiveDateTime::parse_from_str(&t, f).ok())
        .and_then(|n| offset.from_local_datetime(&n).single())
        .map(|d| d.with_timezone(&Utc))
}

/// A calls CSV, read: its header, its data rows and the column each header names.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CallsCsv {
    /// The first row, the column names.
    pub header: Vec<String>,
    /// The rows after the header; row `i` is line `i + 2`.
    pub rows: Vec<Vec<String>>,
    columns: Vec<Option<CallColumn>>,
}

/// Reads `bytes` (UTF-8) as a call log. Refused whole only when the file cannot be
/// read, has more than [`super::import_report::MAX_CSV_ROWS`] rows or no time column.
pub fn read_calls_csv(bytes: &[u8]) -> Result<CallsCsv, CsvProblem> {
    let file = |e| CsvProblem { row: 0, column: String::new(), kind: CsvProblemKind::File(e) };
    let mut rows = parse_csv(bytes).map_err(file)?;
    check_row_count(&rows).map_err(file)?;
    let header = rows.remove(0);
    // The first column naming a field holds it (a problem CSV's reason column names none).
    let mut taken = Vec::new();
    let columns: Vec<Option<CallColumn>> = header
        .iter()
        .map(|h| {
            let c = match_header(h, &HEADERS).filter(|c| !taken.contains(c))?;
            taken.push(c);
            Some(c)
        })
        .collect();
    if !columns.contains(&Some(CallColumn::Time)) {
        return Err(CsvProblem { row: 1, column: "时间 / time".into(), kind: CsvProblemKind::MissingColumn });
    }
    Ok(CallsCsv { header, rows, columns })
}

/// What a call is compared by to find it again in a second import of the same log:
/// its start to the second, direction, agent (without spaces, any case), customer and
/// talk time.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct CallFingerprint {
    started_at: DateTime<Utc>,
    direction: CallDirection,
    agent: String,
    customer_id: String,
    talk_seconds: u32,
}

/// The [`CallFingerprint`] of `c`: two calls with the same one are likely the same
/// call imported twice.
pub fn call_fingerprint(c: &Call) -> CallFingerprint {
    CallFingerprint {
        started_at: c.started_at,
        direction: c.direction,
        agent: fold(&c.agent),
        customer_id: c.customer_id.to_string(),
        talk_seconds: c.talk_seconds,
    }
}

/// What a calls import would do, row by row, before anything is written.
#[derive(Debug, Clone, PartialEq)]
pub struct CallPlan {
    /// Every row that is not empty, in file order.
    pub rows: Vec<ReportRow>,
    /// The calls to write, each valid.
    pub calls: Vec<Call>,
    /// How many rows have each outcome.
    pub counts: ImportCounts,
}

/// Plans the import of `csv`. Times are local to `offset`; `find_customer` turns the
/// customer cell into an id; `existing` are the book's calls (those in the trash are
/// ignored), each matching at most one row; `duplicates` says what to do with a row
/// identical to one of them. `new_id` gives the id of every call created.
pub fn plan_call_import<'a>(
    csv: &CallsCsv,
    find_customer: impl Fn(&str) -> Option<String>,
    existing: impl IntoIterator<Item = &'a Call>,
    duplicates: LikelyDuplicates,
    offset: FixedOffset,
    now: DateTime<Utc>,
    mut new_id: impl FnMut() -> Id,
) -> CallPlan {
    let mut by_print: HashMap<CallFingerprint, Vec<Id>> = HashMap::new();
    for c in existing.into_iter().filter(|c| c.deleted_at.is_none()) {
        by_print.entry(call_fingerprint(c)).or_default().push(c.id.clone());
    }
    // Calls of the book are matched once each, in book order.
    for ids in by_print.values_mut() {
        ids.reverse();
    }
    let (header, columns) = (&csv.header, &csv.columns);
    let mut plan = CallPlan { rows: Vec::new(), calls: Vec::new(), counts: ImportCounts::default() };
    for (index, row) in csv.rows.iter().enumerate() {
        if row.iter().all(|c| c.trim().is_empty()) {
            continue;
        }
        let line = index + 2;
        let cell = |c: CallColumn| super::csv::cell_of(columns, header, row, c);
        let at = |c: CallColumn, kind| CsvProblem { row: line, column: cell(c).1, kind };
        let summary = format!("{} {}", cell(CallColumn::Time).0, cell(CallColumn::Agent).0).trim().to_owned();
        let (mut refused, mut aside) = (Vec::new(), Vec::<(CallColumn, CsvProblem)>::new());

        let started_at = match parse_local_time(cell(CallColumn::Time).0, offset) {
            Some(t) if t > now => {
                refused.push(at(CallColumn::Time, CsvProblemKind::Invalid(Problem::FutureDate)));
                None
            }
            Some(t) => Some(t),
            None if cell(CallColumn::Time).0.is_empty() => {
                refused.push(at(CallColumn::Time, CsvProblemKind::Invalid(Problem::Required)));
                None
            }
            None => {
                refused.push(at(CallColumn::Time, CsvProblemKind::NotADate));
                None
            }
        };
        // An empty cell means inbound, so an unreadable one has no empty value to take:
        // either guess would skew the inbound figures.
        let direction = parse_direction(cell(CallColumn::Direction).0);
        if direction.is_none() {
            refused.push(at(CallColumn::Direction, CsvProblemKind::Invalid(Problem::WrongKind)));
        }
        let mut seconds = |c: CallColumn| {
            parse_duration(cell(c).0).unwrap_or_else(|| {
                aside.push((c, at(c, CsvProblemKind::NotANumber)));
                0
            })
        };
        let (queue, talk, wrap) = (seconds(CallColumn::Queue), seconds(CallColumn::Talk), seconds(CallColumn::Wrap));
        let mut flag = |c: CallColumn| {
            parse_yes_no(cell(c).0).unwrap_or_else(|| {
                aside.push((c, at(c, CsvProblemKind::Invalid(Problem::WrongKind))));
                false
            })
        };
        let (abandoned, resolved) = (flag(CallColumn::Abandoned), flag(CallColumn::Resolved));
        let who = cell(CallColumn::Customer).0;
        let customer_id = if who.is_empty() {
            String::new()
        } else {
            find_customer(who).unwrap_or_else(|| {
                aside.push((CallColumn::Customer, at(CallColumn::Customer, CsvProblemKind::UnknownCustomer)));
                String::new()
            })
        };
        let mut call = Call {
            sample: false,
            id: Id::default(),
            direction: direction.unwrap_or(CallDirection::Inbound),
            started_at: started_at.unwrap_or(now),
            queue_seconds: queue,
            talk_seconds: talk,
            wrap_seconds: wrap,
            abandoned,
            first_contact_resolved: resolved,
            agent: cell(CallColumn::Agent).0.to_owned(),
            customer_id: customer_id.into(),
            note: cell(CallColumn::Note).0.to_owned(),
            created_at: now,
            updated_at: now,
            deleted_at: None,
        };
        // The id is given only to the calls written.
        for e in call.validate().into_iter().filter(|e| e.field != "id") {
            let c = match e.field.as_str() {
                "queue_seconds" => CallColumn::Queue,
                "talk_seconds" if e.problem != Problem::AbandonedWithTalk => CallColumn::Talk,
                "wrap_seconds" => CallColumn::Wrap,
                // The agent is required (unless abandoned); cells that contradict each
                // other cannot be told apart; a note too long has nowhere else to go.
                field => {
                    let c = match field {
                        "talk_seconds" => CallColumn::Talk,
                        "first_contact_resolved" => CallColumn::Resolved,
                        "agent" => CallColumn::Agent,
                        _ => CallColumn::Note,
                    };
                    refused.push(at(c, CsvProblemKind::Invalid(e.problem)));
                    continue;
                }
            };
            aside.push((c, at(c, CsvProblemKind::Invalid(e.problem))));
        }
        if !refused.is_empty() {
            refused.extend(aside.into_iter().map(|(_, p)| p));
            // In the order of the file's columns.
            refused.sort_by_key(|p| header.iter().position(|h| h.trim() == p.column));
            plan.rows.push(ReportRow {
                index,
                line,
                fate: RowFate::Refused,
                problems: refused,
                summary,
                duplicate_of: None,
                new_customer: false,
            });
            continue;
        }
        for (c, _) in &aside {
            match c {
                CallColumn::Queue => call.queue_seconds = 0,
                CallColumn::Talk => call.talk_seconds = 0,
                CallColumn::Wrap => call.wrap_seconds = 0,
                _ => {}
            }
            call.note = keep_original(&call.note, &cell(*c).1, cell(*c).0);
        }
        let mut problems: Vec<CsvProblem> = aside.into_iter().map(|(_, p)| p).collect();
        if let Some(e) = call.validate().into_iter().find(|e| e.field != "id") {
            // Only the note can still be wrong: too long to keep the text in.
            problems.push(at(CallColumn::Note, CsvProblemKind::Invalid(e.problem)));
            plan.rows.push(ReportRow {
                index,
                line,
                fate: RowFate::Refused,
                problems,
                summary,
                duplicate_of: None,
                new_customer: false,
            });
            continue;
        }
        let duplicate_of =
            by_print.get_mut(&call_fingerprint(&call)).and_then(Vec::pop).map(|id| DuplicateOf::Call { id });
        let fate = match (&duplicate_of, duplicates) {
            (Some(_), LikelyDuplicates::Skip) => RowFate::Skipped,
            _ => RowFate::Created,
        };
        if fate == RowFate::Created {
            call.id = new_id();
            plan.calls.push(call);
        }
        plan.rows.push(ReportRow { index, line, fate, problems, summary, duplicate_of, new_customer: false });
    }
    plan.counts = count(&plan.rows);
    plan
}

/// Reads `bytes` as calls, all or nothing: every row must import without a problem.
/// Used where a file must come back exactly (an exported log read back); the calls
/// page plans with [`plan_call_import`] instead.
pub fn calls_from_csv(
    bytes: &[u8],
    find_customer: impl Fn(&str) -> Option<String>,
    offset: FixedOffset,
    now: DateTime<Utc>,
) -> Result<Vec<Call>, Vec<CsvProblem>> {
    let csv = read_calls_csv(bytes).map_err(|p| vec![p])?;
    let plan = plan_call_import(&csv, find_customer, [], LikelyDuplicates::Import, offset, now, new_id);
    let mut problems: Vec<CsvProblem> = plan.rows.iter().flat_map(|r| r.problems.iter().cloned()).collect();
    if problems.is_empty() {
        Ok(plan.calls)
    } else {
        problems.truncate(100);
        Err(problems)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn beijing() -> FixedOffset {
        FixedOffset::east_opt(8 * 3600).unwrap()
    }

    fn now() -> DateTime<Utc> {
        "2026-11-27T08:00:00Z".parse().unwrap()
    }

    fn find(cell: &str) -> Option<String> {
        (cell == "张三").then(|| "c1".to_owned())
    }

    #[test]
    fn rows_become_calls_in_local_time() {
        let csv = "来电时间,方向,排队时长,通话时长,放弃,首次解决,坐席,客户\n\
                   2026/11/2 9:05,呼入,0:15,3:20,否,是,王丽,张三\n\
                   2026-11-02 09:30:10,呼入,48,,是,,,\n\
                   2026-11-02 10:00,呼出,,95,,,李强,\n";
        let calls = calls_from_csv(csv.as_bytes(), find, beijing(), now()).unwrap();
        assert_eq!(calls.len(), 3);
        assert_eq!(calls[0].started_at, "2026-11-02T01:05:00Z".parse::<DateTime<Utc>>().unwrap());
        assert_eq!((calls[0].queue_seconds, calls[0].talk_seconds), (15, 200));
        assert!(calls[0].first_contact_resolved && !calls[0].abandoned);
        assert_eq!(calls[0].customer_id, "c1");
        assert!(calls[1].abandoned && calls[1].agent.is_empty());
        assert_eq!((calls[2].direction, calls[2].talk_seconds), (CallDirection::Outbound, 95));
    }

    #[test]
    fn an_abandoned_row_with_talk_time_and_other_mistakes_are_refused() {
        let csv = "time,direction,queue,talk,abandoned,agent,customer\n\
                   2026-11-02 09:05,inbound,10,120,yes,,\n\
                   not a time,sideways,abc,10,maybe,王丽,王五\n\
                   2026-12-30 09:00,inbound,5,60,no,王丽,\n";
        let problems = calls_from_csv(csv.as_bytes(), find, beijing(), now()).unwrap_err();
        let got: Vec<(usize, &str, &CsvProblemKind)> =
            problems.iter().map(|p| (p.row, p.column.as_str(), &p.kind)).collect();
        assert_eq!(
            got,
            [
                (2, "talk", &CsvProblemKind::Invalid(Problem::AbandonedWithTalk)),
                (3, "time", &CsvProblemKind::NotADate),
                (3, "direction", &CsvProblemKind::Invalid(Problem::WrongKind)),
                (3, "queue", &CsvProblemKind::NotANumber),
                (3, "abandoned", &CsvProblemKind::Invalid(Problem::WrongKind)),
                (3, "customer", &CsvProblemKind::UnknownCustomer),
                (4, "time", &CsvProblemKind::Invalid(Problem::FutureDate)),
            ]
        );
        let no_time = "agent,talk\n王丽,30\n";
        assert_eq!(
            calls_from_csv(no_time.as_bytes(), find, beijing(), now()).unwrap_err()[0].kind,
            CsvProblemKind::MissingColumn
        );
    }

    fn ids() -> impl FnMut() -> Id {
        let mut n = 0;
        move || {
            n += 1;
            Id::from(format!("n{n}"))
        }
    }

    fn plan(text: &str, existing: &[Call], duplicates: LikelyDuplicates) -> CallPlan {
        let csv = read_calls_csv(text.as_bytes()).unwrap();
        plan_call_import(&csv, find, existing, duplicates, beijing(), now(), ids())
    }

    fn fates(p: &CallPlan) -> Vec<(usize, RowFate)> {
        p.rows.iter().map(|r| (r.line, r.fate)).collect()
    }

    /// Row 2 is good; row 3 has a talk time that is no duration and an unknown
    /// customer (imported, both texts in the note); row 4 has no time and row 5 no
    /// agent on an answered call (refused); row 6 is empty.
    const MESSY: &str = "时间,方向,通话时长,放弃,坐席,客户,备注\n\
        2026-11-02 09:05,呼入,95,否,王丽,张三,\n\
        2026-11-02 09:30,呼入,三分钟,否,王丽,王五,退货\n\
        ,呼入,60,否,李强,,\n\
        2026-11-02 10:00,呼出,60,否,,,\n\
        ,,,,,,\n";

    #[test]
    fn a_bad_optional_cell_goes_to_the_note_and_only_a_row_without_its_required_fields_is_refused() {
        let p = plan(MESSY, &[], LikelyDuplicates::Skip);
        assert_eq!(p.counts, ImportCounts { created: 1, with_problem: 1, invalid: 2, ..ImportCounts::default() });
        assert_eq!(
            fates(&p),
            [(2, RowFate::Created), (3, RowFate::Created), (4, RowFate::Refused), (5, RowFate::Refused)]
        );
        let kept: Vec<(u32, &str, &str)> =
            p.calls.iter().map(|c| (c.talk_seconds, c.customer_id.as_str(), c.note.as_str())).collect();
        assert_eq!(kept, [(95, "c1", ""), (0, "", "退货\n通话时长(原文): 三分钟\n客户(原文): 王五")]);
        assert!(p.calls.iter().all(|c| c.validate().is_empty()));
        let problems: Vec<(usize, &str, &CsvProblemKind)> =
            p.rows.iter().flat_map(|r| r.problems.iter().map(|x| (x.row, x.column.as_str(), &x.kind))).collect();
        assert_eq!(
            problems,
            [
                (3, "通话时长", &CsvProblemKind::NotANumber),
                (3, "客户", &CsvProblemKind::UnknownCustomer),
                (4, "时间", &CsvProblemKind::Invalid(Problem::Required)),
                (5, "坐席", &CsvProblemKind::Invalid(Problem::Required)),
            ]
        );
    }

    #[test]
    fn the_problem_rows_fixed_import_again_and_a_second_import_adds_nothing() {
        let first = plan(MESSY, &[], LikelyDuplicates::Skip);
        let text = super::super::import_report::problem_csv(
            &read_calls_csv(MESSY.as_bytes()).unwrap().header,
            &read_calls_csv(MESSY.as_bytes()).unwrap().rows,
            &first.rows,
            "问题原因",
            |r| format!("第 {} 行", r.line),
        );
        // The two refused rows, with the reason column; fixed in a spreadsheet.
        let fixed = text
            .replace(",呼入,60,否,李强,,,第 4 行", "2026-11-02 09:50,呼入,60,否,李强,,,第 4 行")
            .replace("2026-11-02 10:00,呼出,60,否,,,,第 5 行", "2026-11-02 10:00,呼出,60,否,李强,,,第 5 行");
        assert_ne!(fixed, text, "{text}");
        let again = plan(&fixed, &first.calls, LikelyDuplicates::Skip);
        assert_eq!(again.counts, ImportCounts { created: 2, ..ImportCounts::default() });
        let book: Vec<Call> = first.calls.iter().chain(&again.calls).cloned().collect();
        assert_eq!(book.len(), 4);
        // The whole log a second time: every call is in the book already.
        let second = plan(MESSY, &book, LikelyDuplicates::Skip);
        assert_eq!(second.counts, ImportCounts { skipped: 2, invalid: 2, ..ImportCounts::default() });
        assert!(second.calls.is_empty());
        assert_eq!(second.rows[0].duplicate_of, Some(DuplicateOf::Call { id: "n1".into() }));
        // Row 3 is skipped as a duplicate: its problems are shown, but the book has it,
        // so it is not among the rows to fix and import again.
        assert!(second.rows[1].has_problem() && !second.rows[1].left_out_for_a_problem());
        // The owner may import them anyway; they are still pointed out.
        let anyway = plan(MESSY, &book, LikelyDuplicates::Import);
        assert_eq!(anyway.calls.len(), 2);
        assert!(anyway.rows[..2].iter().all(|r| matches!(r.duplicate_of, Some(DuplicateOf::Call { .. }))));
    }

    #[test]
    fn fingerprints_tell_calls_apart_by_time_direction_agent_customer_and_talk() {
        let calls = calls_from_csv(
            "时间,方向,通话时长,坐席,客户,备注\n2026-11-02 09:05,呼入,95,王丽,张三,a\n".as_bytes(),
            find,
            beijing(),
            now(),
        )
        .unwrap();
        let a = &calls[0];
        let mut same = a.clone();
        same.agent = " 王 丽".into();
        same.note = "another note".into();
        same.queue_seconds = 30;
        assert_eq!(call_fingerprint(a), call_fingerprint(&same));
        let changes: [fn(&mut Call); 5] = [
            |c| c.started_at += chrono::Duration::seconds(1),
            |c| c.direction = CallDirection::Outbound,
            |c| c.agent = "李强".into(),
            |c| c.customer_id = Id::default(),
            |c| c.talk_seconds = 96,
        ];
        for change in changes {
            let mut other = a.clone();
            change(&mut other);
            assert_ne!(call_fingerprint(a), call_fingerprint(&other), "{other:?}");
        }
    }

    #[test]
    fn durations_as_people_write_them() {
        assert_eq!(parse_duration("95"), Some(95));
        assert_eq!(parse_duration("1:35"), Some(95));
        assert_eq!(parse_duration("0:01:35"), Some(95));
        assert_eq!(parse_duration("１:３５"), Some(95));
        assert_eq!(parse_duration("1.5"), None);
        assert_eq!(parse_duration(""), Some(0));
    }
}
