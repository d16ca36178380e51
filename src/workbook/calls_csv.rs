//! The call log from a CSV file (a telephone system's export), one call per row.
//! Columns are found by their header in Chinese or English: 时间/time, 方向/direction,
//! 排队/queue, 通话/talk, 话后/wrap, 放弃/abandoned, 首次解决/resolved, 坐席/agent,
//! 客户/customer, 备注/note. Durations are seconds or `m:ss` / `h:mm:ss`. Every row is
//! checked before any is kept.

use chrono::{DateTime, FixedOffset, NaiveDateTime, TimeZone, Utc};

use super::csv::{match_header, parse_csv};
use super::survey_csv::{CsvProblem, CsvProblemKind};
use crate::model::call::{Call, CallDirection};
use crate::model::{new_id, Problem, Record};

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

/// Reads `bytes` as calls. Times are local to `offset`; `find_customer` turns the
/// customer cell into an id (an unknown customer is refused, an empty cell is fine).
pub fn calls_from_csv(
    bytes: &[u8],
    find_customer: impl Fn(&str) -> Option<String>,
    offset: FixedOffset,
    now: DateTime<Utc>,
) -> Result<Vec<Call>, Vec<CsvProblem>> {
    let rows = parse_csv(bytes)
        .map_err(|e| vec![CsvProblem { row: 0, column: String::new(), kind: CsvProblemKind::File(e) }])?;
    let header = &rows[0];
    let columns: Vec<Option<CallColumn>> = header.iter().map(|h| match_header(h, &HEADERS)).collect();
    if !columns.contains(&Some(CallColumn::Time)) {
        return Err(vec![CsvProblem { row: 1, column: "时间 / time".into(), kind: CsvProblemKind::MissingColumn }]);
    }
    let mut problems = Vec::new();
    let mut out = Vec::new();
    for (i, row) in rows.iter().enumerate().skip(1) {
        let row_no = i + 1;
        let cell = |c: CallColumn| super::csv::cell_of(&columns, header, row, c);
        let mut bad = |c: CallColumn, kind| problems.push(CsvProblem { row: row_no, column: cell(c).1, kind });
        let started_at = parse_local_time(cell(CallColumn::Time).0, offset);
        if started_at.is_none() {
            bad(CallColumn::Time, CsvProblemKind::NotADate);
        } else if started_at.is_some_and(|t| t > now) {
            bad(CallColumn::Time, CsvProblemKind::Invalid(Problem::FutureDate));
        }
        let direction = parse_direction(cell(CallColumn::Direction).0);
        if direction.is_none() {
            bad(CallColumn::Direction, CsvProblemKind::Invalid(Problem::WrongKind));
        }
        let mut seconds = |c: CallColumn| {
            parse_duration(cell(c).0).unwrap_or_else(|| {
                bad(c, CsvProblemKind::NotANumber);
                0
            })
        };
        let (queue, talk, wrap) = (seconds(CallColumn::Queue), seconds(CallColumn::Talk), seconds(CallColumn::Wrap));
        let mut flag = |c: CallColumn| {
            parse_yes_no(cell(c).0).unwrap_or_else(|| {
                bad(c, CsvProblemKind::Invalid(Problem::WrongKind));
                false
            })
        };
        let (abandoned, resolved) = (flag(CallColumn::Abandoned), flag(CallColumn::Resolved));
        let who = cell(CallColumn::Customer).0;
        let customer_id = if who.is_empty() {
            String::new()
        } else {
            find_customer(who).unwrap_or_else(|| {
                bad(CallColumn::Customer, CsvProblemKind::UnknownCustomer);
                String::new()
            })
        };
        let (Some(started_at), Some(direction)) = (started_at, direction) else { continue };
        let call = Call {
            sample: false,
            id: new_id(),
            direction,
            started_at,
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
        for e in call.validate() {
            let column = match e.field.as_str() {
                "agent" => CallColumn::Agent,
                "talk_seconds" => CallColumn::Talk,
                "queue_seconds" => CallColumn::Queue,
                "wrap_seconds" => CallColumn::Wrap,
                "first_contact_resolved" => CallColumn::Resolved,
                _ => CallColumn::Note,
            };
            problems.push(CsvProblem { row: row_no, column: cell(column).1, kind: CsvProblemKind::Invalid(e.problem) });
        }
        out.push(call);
    }
    if problems.is_empty() {
        Ok(out)
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
