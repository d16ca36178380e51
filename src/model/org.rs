//! The customer-service department's organisation (项目一 任务一): a tree of units and
//! positions at four levels, each with its head count, and the duty areas of the
//! textbook that each position holds.

use super::Id;
use chrono::{DateTime, Utc};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::choice::choice;
use super::stamp;

use super::record::{null_as_default, record_stamps, Record};
use super::validate::{check_len, check_required, check_stamps, MAX_LINE, MAX_TEXT};
use super::{FieldError, Problem};

/// The level of a position, which sets its span-of-control rule (表 1-1).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum OrgLevel {
    /// 客服总监.
    Director,
    /// 客服经理.
    Manager,
    /// 客服主管.
    Supervisor,
    /// 专员.
    Specialist,
}

// Top first.
choice! { OrgLevel {
    Director = "director" => LevelDirector,
    Manager = "manager" => LevelManager,
    Supervisor = "supervisor" => LevelSupervisor,
    Specialist = "specialist" => LevelSpecialist,
} }

/// The seven duty areas of a customer-service department (客户服务管理部门的岗位职责).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum DutyArea {
    /// 客户服务组织管理.
    Organisation,
    /// 客户信息库建设管理.
    CustomerInformation,
    /// 客户关系日常维护.
    DailyRelations,
    /// 大客户管理.
    KeyAccounts,
    /// 售后服务管理.
    AfterSales,
    /// 客户投诉管理.
    Complaints,
    /// 呼叫中心管理.
    CallCenter,
}

// In the textbook's order.
choice! { DutyArea {
    Organisation = "organisation" => DutyOrganisation,
    CustomerInformation = "customer_information" => DutyCustomerInformation,
    DailyRelations = "daily_relations" => DutyDailyRelations,
    KeyAccounts = "key_accounts" => DutyKeyAccounts,
    AfterSales = "after_sales" => DutyAfterSales,
    Complaints = "complaints" => DutyComplaints,
    CallCenter = "call_center" => DutyCallCenter,
} }

/// The most people one position may stand for.
pub const MAX_HEAD_COUNT: u32 = 10_000;

/// One unit or position of the chart.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct OrgUnit {
    /// Unique id.
    pub id: Id,
    /// Its title (客服总监, 售后服务专员…).
    pub title: String,
    /// The level, for the span-of-control rule.
    pub level: OrgLevel,
    /// Whom it reports to (an org unit of the file); empty for the top.
    #[serde(default, deserialize_with = "null_as_default")]
    pub parent_id: Id,
    /// How many people hold the position.
    #[serde(default = "one")]
    pub head_count: u32,
    /// Its place among the units under the same parent (smaller first).
    #[serde(default)]
    pub position: u32,
    /// The duty areas it holds.
    #[serde(default)]
    pub duties: Vec<DutyArea>,
    /// A note.
    #[serde(default, deserialize_with = "null_as_default")]
    pub note: String,
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

fn one() -> u32 {
    1
}

impl Record for OrgUnit {
    const COLLECTION: &'static str = "org_units";

    record_stamps!();

    fn summary(&self) -> String {
        self.title.clone()
    }

    fn validate(&self) -> Vec<FieldError> {
        let mut errors = Vec::new();
        check_required(&mut errors, &[("id", &self.id), ("title", &self.title)]);
        check_len(&mut errors, "title", &self.title, MAX_LINE);
        check_len(&mut errors, "note", &self.note, MAX_TEXT);
        if self.head_count == 0 || self.head_count > MAX_HEAD_COUNT {
            errors.push(FieldError::new("head_count", Problem::OutOfRange { min: 1, max: i64::from(MAX_HEAD_COUNT) }));
        }
        if self.parent_id == self.id {
            errors.push(FieldError::new("parent_id", Problem::Cycle));
        }
        check_stamps(&mut errors, self.created_at, self.updated_at);
        errors
    }
}
