//! Key accounts (大客户关系管理): the account file, relationship activities, and the
//! client-appreciation event plan (大客户联谊会实施方案).

use super::Id;
use chrono::{DateTime, NaiveDate, Utc};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::choice::choice;
use super::stamp;

use super::record::{null_as_default, record_stamps, Record};
use super::validate::{check_len, check_required, check_stamps, MAX_LINE, MAX_TEXT};
use super::{FieldError, Problem};

/// A person who decides or influences at a key account.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct DecisionMaker {
    /// Name.
    pub name: String,
    /// Role in the decision (决策者, 影响者, 使用者…).
    #[serde(default, deserialize_with = "null_as_default")]
    pub role: String,
    /// Job title.
    #[serde(default, deserialize_with = "null_as_default")]
    pub title: String,
    /// Phone.
    #[serde(default, deserialize_with = "null_as_default")]
    pub phone: String,
}

/// A key account's file (大客户档案). A customer has at most one.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct KeyAccount {
    /// Unique id.
    pub id: Id,
    /// The customer.
    pub customer_id: Id,
    /// Marked as a key account by hand (besides any rule).
    #[serde(default)]
    pub by_hand: bool,
    /// Decision makers and their roles.
    #[serde(default, deserialize_with = "null_as_default")]
    pub decision_makers: Vec<DecisionMaker>,
    /// The organisation: structure, size, business.
    #[serde(default, deserialize_with = "null_as_default")]
    pub organisation: String,
    /// Needs and expectations.
    #[serde(default, deserialize_with = "null_as_default")]
    pub needs: String,
    /// History of the relationship.
    #[serde(default, deserialize_with = "null_as_default")]
    pub history: String,
    /// The service plan for the account.
    #[serde(default, deserialize_with = "null_as_default")]
    pub service_plan: String,
    /// Days between planned callbacks (0 = no plan).
    #[serde(default)]
    pub callback_every_days: u32,
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

/// The longest callback interval accepted, in days.
pub const MAX_CALLBACK_DAYS: u32 = 366;

impl Record for KeyAccount {
    const COLLECTION: &'static str = "key_accounts";

    record_stamps!();

    fn summary(&self) -> String {
        self.customer_id.to_string()
    }

    fn index_key(&self) -> Option<(&'static str, &str)> {
        Some(("customer_id", &self.customer_id))
    }

    fn validate(&self) -> Vec<FieldError> {
        let mut errors = Vec::new();
        check_required(&mut errors, &[("id", &self.id), ("customer_id", &self.customer_id)]);
        for (i, d) in self.decision_makers.iter().enumerate() {
            if d.name.trim().is_empty() {
                errors.push(FieldError::new(format!("decision_makers[{i}].name"), Problem::Required));
            }
            for (f, v) in [("name", &d.name), ("role", &d.role), ("title", &d.title), ("phone", &d.phone)] {
                check_len(&mut errors, &format!("decision_makers[{i}].{f}"), v, MAX_LINE);
            }
        }
        for (f, v) in [
            ("organisation", &self.organisation),
            ("needs", &self.needs),
            ("history", &self.history),
            ("service_plan", &self.service_plan),
        ] {
            check_len(&mut errors, f, v, MAX_TEXT);
        }
        if self.callback_every_days > MAX_CALLBACK_DAYS {
            errors.push(FieldError::new(
                "callback_every_days",
                Problem::OutOfRange { min: 0, max: i64::from(MAX_CALLBACK_DAYS) },
            ));
        }
        check_stamps(&mut errors, self.created_at, self.updated_at);
        errors
    }
}

/// The kinds of relationship activity.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum ActivityKind {
    /// 拜访.
    Visit,
    /// 赠礼.
    Gift,
    /// 会面、宴请.
    Meeting,
    /// 其他.
    Other,
}

choice! { ActivityKind {
    Visit = "visit" => ActVisit,
    Gift = "gift" => ActGift,
    Meeting = "meeting" => ActMeeting,
    Other = "other" => ActOther,
} }

/// A relationship activity with a key account.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct AccountActivity {
    /// Unique id.
    pub id: Id,
    /// The customer.
    pub customer_id: Id,
    /// Visit, gift, meeting or other.
    pub kind: ActivityKind,
    /// The day.
    #[serde(serialize_with = "stamp::write_day", deserialize_with = "stamp::read_day")]
    pub date: NaiveDate,
    /// What happened.
    #[serde(default, deserialize_with = "null_as_default")]
    pub note: String,
    /// What it cost, yuan.
    #[serde(default)]
    pub cost: f64,
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

impl Record for AccountActivity {
    const COLLECTION: &'static str = "account_activities";

    record_stamps!();

    fn summary(&self) -> String {
        format!("{} {}", self.date, self.note)
    }

    fn index_key(&self) -> Option<(&'static str, &str)> {
        Some(("customer_id", &self.customer_id))
    }

    fn validate(&self) -> Vec<FieldError> {
        let mut errors = Vec::new();
        check_required(&mut errors, &[("id", &self.id), ("customer_id", &self.customer_id)]);
        check_len(&mut errors, "note", &self.note, MAX_TEXT);
        if !(self.cost.is_finite() && (0.0..=1e10).contains(&self.cost)) {
            errors.push(FieldError::new("cost", Problem::OutOfRange { min: 0, max: 10_000_000_000 }));
        }
        check_stamps(&mut errors, self.created_at, self.updated_at);
        errors
    }
}

/// One line of an event's agenda.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct AgendaItem {
    /// When (free text, e.g. 14:00–14:30).
    pub time: String,
    /// What.
    pub item: String,
}

/// One line of an event's budget.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct BudgetLine {
    /// What for.
    pub item: String,
    /// How much, yuan (≥ 0).
    pub amount: f64,
}

/// A task of the event's checklist.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct EventTask {
    /// What to do.
    pub task: String,
    /// Who does it.
    #[serde(default, deserialize_with = "null_as_default")]
    pub owner: String,
    /// Whether it is done.
    #[serde(default)]
    pub done: bool,
}

/// A client-appreciation event plan (大客户联谊会实施方案).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct EventPlan {
    /// Unique id.
    pub id: Id,
    /// The event's name.
    pub title: String,
    /// Its aim.
    #[serde(default, deserialize_with = "null_as_default")]
    pub aim: String,
    /// The day.
    #[serde(default, serialize_with = "stamp::write_day_opt", deserialize_with = "stamp::read_day_opt")]
    pub date: Option<NaiveDate>,
    /// Where.
    #[serde(default, deserialize_with = "null_as_default")]
    pub venue: String,
    /// The invited customers' ids (chosen from the key accounts).
    #[serde(default, deserialize_with = "null_as_default")]
    pub invitees: Vec<Id>,
    /// The programme.
    #[serde(default, deserialize_with = "null_as_default")]
    pub agenda: Vec<AgendaItem>,
    /// The budget lines.
    #[serde(default, deserialize_with = "null_as_default")]
    pub budget: Vec<BudgetLine>,
    /// The tasks and their owners.
    #[serde(default, deserialize_with = "null_as_default")]
    pub tasks: Vec<EventTask>,
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

impl EventPlan {
    /// The budget's total, yuan.
    pub fn budget_total(&self) -> f64 {
        self.budget.iter().map(|b| b.amount).sum()
    }
}

impl Record for EventPlan {
    const COLLECTION: &'static str = "event_plans";

    record_stamps!();

    fn summary(&self) -> String {
        self.title.clone()
    }

    fn validate(&self) -> Vec<FieldError> {
        let mut errors = Vec::new();
        check_required(&mut errors, &[("id", &self.id), ("title", &self.title)]);
        for (f, v) in [("title", &self.title), ("venue", &self.venue)] {
            check_len(&mut errors, f, v, MAX_LINE);
        }
        check_len(&mut errors, "aim", &self.aim, MAX_TEXT);
        for (i, a) in self.agenda.iter().enumerate() {
            if a.item.trim().is_empty() {
                errors.push(FieldError::new(format!("agenda[{i}].item"), Problem::Required));
            }
        }
        for (i, b) in self.budget.iter().enumerate() {
            if b.item.trim().is_empty() {
                errors.push(FieldError::new(format!("budget[{i}].item"), Problem::Required));
            }
            if !(b.amount.is_finite() && (0.0..=1e10).contains(&b.amount)) {
                errors.push(FieldError::new(
                    format!("budget[{i}].amount"),
                    Problem::OutOfRange { min: 0, max: 10_000_000_000 },
                ));
            }
        }
        for (i, t) in self.tasks.iter().enumerate() {
            if t.task.trim().is_empty() {
                errors.push(FieldError::new(format!("tasks[{i}].task"), Problem::Required));
            }
        }
        check_stamps(&mut errors, self.created_at, self.updated_at);
        errors
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_event_budget_adds_up_and_refuses_negative_lines() {
        let at: DateTime<Utc> = "2026-11-20T08:00:00Z".parse().unwrap();
        let mut e = EventPlan {
            sample: false,
            id: "e".into(),
            title: "2026 年大客户联谊会".into(),
            aim: "感谢大客户".into(),
            date: NaiveDate::from_ymd_opt(2026, 12, 20),
            venue: "滕王阁宾馆".into(),
            invitees: vec!["c1".into()],
            agenda: vec![AgendaItem { time: "14:00".into(), item: "签到".into() }],
            budget: vec![
                BudgetLine { item: "场地".into(), amount: 3000.0 },
                BudgetLine { item: "礼品".into(), amount: 1500.5 },
            ],
            tasks: vec![EventTask { task: "发邀请函".into(), owner: "王丽".into(), done: false }],
            created_at: at,
            updated_at: at,
            deleted_at: None,
        };
        assert_eq!(e.budget_total(), 4500.5);
        assert!(e.validate().is_empty());
        e.budget[1].amount = -1.0;
        assert_eq!(e.validate()[0].field, "budget[1].amount");
    }
}
