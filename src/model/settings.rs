//! The rules a user sets that change what Kehu computes: loyalty points and tiers,
//! complaint deadlines, callback days, key-account rules. They are part of the workbook
//! (an instructor sees the student's settings), one record per area whose id is the
//! area's name, so a merge keeps the newer setting of each area.

use super::Id;
use chrono::{DateTime, Utc};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::stamp;

use super::choice::{choice, Choice};
use super::complaint::{check_deadline_hours, Severity};
use super::record::{record_stamps, Record};
use super::service::ServiceKind;
use super::validate::{check_len, check_stamps};
use super::{FieldError, Problem};

/// The loyalty rules (忠诚度管理).
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(default)]
pub struct LoyaltySettings {
    /// Points per yuan spent.
    pub per_yuan: f64,
    /// Points for taking part in an activity (an event, a survey…).
    pub per_activity: i64,
    /// Months after which unspent points lapse.
    pub expire_months: u32,
    /// Lifetime points from which each tier applies (普通, 银卡, 金卡, 钻石), ascending.
    pub tiers: [i64; 4],
    /// Days without an order that flag a customer.
    pub silent_days: i64,
    /// The length of the periods compared for a falling order rate, days.
    pub period_days: u64,
    /// The fall, in percent, that flags a customer.
    pub drop_percent: u32,
    /// Orders in the last 365 days that make a customer loyal.
    pub loyal_orders: usize,
}

/// Lifetime points from which the tiers 普通, 银卡, 金卡, 钻石 apply by default.
pub const DEFAULT_TIER_POINTS: [i64; 4] = [0, 1_000, 5_000, 20_000];

impl Default for LoyaltySettings {
    fn default() -> Self {
        LoyaltySettings {
            per_yuan: 1.0,
            per_activity: 50,
            expire_months: 24,
            tiers: DEFAULT_TIER_POINTS,
            silent_days: 180,
            period_days: 180,
            drop_percent: 50,
            loyal_orders: 5,
        }
    }
}

impl LoyaltySettings {
    /// Every rule the settings break, with field names under `prefix`.
    pub fn check(&self, prefix: &str, errors: &mut Vec<FieldError>) {
        if self.per_yuan <= 0.0 || !self.per_yuan.is_finite() {
            errors.push(FieldError::new(format!("{prefix}per_yuan"), Problem::Positive));
        }
        for (field, v, min, max) in [
            ("per_yuan", self.per_yuan.max(0.0), 0, 1_000),
            ("per_activity", self.per_activity as f64, 1, 1_000_000),
            ("expire_months", f64::from(self.expire_months), 1, 120),
            ("silent_days", self.silent_days as f64, 1, 3_650),
            ("period_days", self.period_days as f64, 1, 3_650),
            ("drop_percent", f64::from(self.drop_percent), 1, 100),
            ("loyal_orders", self.loyal_orders as f64, 1, 1_000),
        ] {
            if !(v >= min as f64 && v <= max as f64) {
                errors.push(FieldError::new(format!("{prefix}{field}"), Problem::OutOfRange { min, max }));
            }
        }
        if self.tiers[0] != 0 {
            errors.push(FieldError::new(format!("{prefix}tiers[0]"), Problem::OutOfRange { min: 0, max: 0 }));
        }
        for i in 1..4 {
            if self.tiers[i] <= self.tiers[i - 1] {
                errors.push(FieldError::new(format!("{prefix}tiers[{i}]"), Problem::NotAscending));
            }
        }
    }
}

/// The deadline of each complaint severity, in hours (the textbook's 4 / 24 / 72 by
/// default).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(default)]
pub struct ComplaintDeadlines {
    /// 紧急.
    pub urgent: u32,
    /// 重要.
    pub high: u32,
    /// 一般.
    pub normal: u32,
}

impl Default for ComplaintDeadlines {
    fn default() -> Self {
        ComplaintDeadlines {
            urgent: Severity::Urgent.default_hours(),
            high: Severity::High.default_hours(),
            normal: Severity::Normal.default_hours(),
        }
    }
}

impl ComplaintDeadlines {
    /// The deadline of `s`, hours.
    pub fn hours(&self, s: Severity) -> u32 {
        match s {
            Severity::Urgent => self.urgent,
            Severity::High => self.high,
            Severity::Normal => self.normal,
        }
    }

    /// Sets the deadline of `s`; refused when it is not at least an hour (or too long).
    pub fn set(&mut self, s: Severity, hours: u32) -> Result<(), Problem> {
        let hours = check_deadline_hours(hours)?;
        match s {
            Severity::Urgent => self.urgent = hours,
            Severity::High => self.high = hours,
            Severity::Normal => self.normal = hours,
        }
        Ok(())
    }
}

/// Days after a record when its callback is due, per kind of record.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(default)]
pub struct CallbackDays {
    /// After a reception.
    pub reception: u64,
    /// After an inbound call.
    pub inbound_call: u64,
    /// After an outbound call.
    pub outbound_call: u64,
    /// After a visit.
    pub visit: u64,
    /// After an after-sales ticket is closed.
    pub ticket: u64,
}

/// The longest callback rule accepted, in days.
pub const MAX_CALLBACK_DAYS: u64 = 365;

impl Default for CallbackDays {
    fn default() -> Self {
        CallbackDays {
            reception: ServiceKind::Reception.default_callback_days(),
            inbound_call: ServiceKind::InboundCall.default_callback_days(),
            outbound_call: ServiceKind::OutboundCall.default_callback_days(),
            visit: ServiceKind::Visit.default_callback_days(),
            ticket: 3,
        }
    }
}

impl CallbackDays {
    /// Days after a record of `kind`.
    pub fn after(&self, kind: ServiceKind) -> u64 {
        match kind {
            ServiceKind::Reception => self.reception,
            ServiceKind::InboundCall => self.inbound_call,
            ServiceKind::OutboundCall => self.outbound_call,
            ServiceKind::Visit => self.visit,
        }
    }

    /// Sets the days after a record of `kind` (`None`: after a ticket).
    pub fn set(&mut self, kind: Option<ServiceKind>, days: u64) -> Result<(), Problem> {
        if days > MAX_CALLBACK_DAYS {
            return Err(Problem::OutOfRange { min: 0, max: MAX_CALLBACK_DAYS as i64 });
        }
        *match kind {
            Some(ServiceKind::Reception) => &mut self.reception,
            Some(ServiceKind::InboundCall) => &mut self.inbound_call,
            Some(ServiceKind::OutboundCall) => &mut self.outbound_call,
            Some(ServiceKind::Visit) => &mut self.visit,
            None => &mut self.ticket,
        } = days;
        Ok(())
    }
}

/// The key-account identification rules; a customer qualifies when any chosen rule holds.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(default)]
pub struct KeyAccountRules {
    /// ABC class A in the last year.
    pub class_a: bool,
    /// RFM 重要价值客户 in the last year.
    pub important_value: bool,
    /// Revenue in the last year above this many yuan (`None`: not used).
    pub revenue_above: Option<f64>,
}

impl Default for KeyAccountRules {
    fn default() -> Self {
        KeyAccountRules { class_a: true, important_value: false, revenue_above: None }
    }
}

/// The span of control a level should have: the fewest and most direct reports.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct SpanRule {
    /// The fewest direct reports.
    pub min: u32,
    /// The most direct reports.
    pub max: u32,
}

/// The org-chart designer's settings: span-of-control rules per level (表 1-1), the
/// levels' names, and which of the six design principles the student has ticked.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(default)]
pub struct OrgSettings {
    /// 客服总监 (3–6 by default).
    pub director: SpanRule,
    /// 客服经理 (5–9).
    pub manager: SpanRule,
    /// 客服主管 (7–15).
    pub supervisor: SpanRule,
    /// The six principles (适当管理跨度, 集权和分权统一, 协作, 权责一致, 效率, 弹性), ticked.
    pub principles: [bool; 6],
    /// The names of the four levels, top first, when renamed (an empty name keeps the
    /// default: 客服总监, 客服经理, 客服主管, 专员).
    pub level_names: [String; 4],
}

impl Default for OrgSettings {
    fn default() -> Self {
        OrgSettings {
            director: SpanRule { min: 3, max: 6 },
            manager: SpanRule { min: 5, max: 9 },
            supervisor: SpanRule { min: 7, max: 15 },
            principles: [false; 6],
            level_names: Default::default(),
        }
    }
}

impl OrgSettings {
    /// The rule of `level`; specialists manage nobody and have none.
    pub fn rule(&self, level: super::org::OrgLevel) -> Option<SpanRule> {
        use super::org::OrgLevel;
        match level {
            OrgLevel::Director => Some(self.director),
            OrgLevel::Manager => Some(self.manager),
            OrgLevel::Supervisor => Some(self.supervisor),
            OrgLevel::Specialist => None,
        }
    }

    /// Every rule the settings break (a minimum above its maximum, a maximum of 0).
    pub fn check(&self, errors: &mut Vec<FieldError>) {
        for (f, r) in [("director", self.director), ("manager", self.manager), ("supervisor", self.supervisor)] {
            if r.max == 0 || r.max > 1_000 {
                errors.push(FieldError::new(format!("value.org.{f}.max"), Problem::OutOfRange { min: 1, max: 1_000 }));
            }
            if r.min > r.max {
                errors.push(FieldError::new(format!("value.org.{f}.max"), Problem::NotAscending));
            }
        }
        for (i, n) in self.level_names.iter().enumerate() {
            check_len(errors, &format!("value.org.level_names[{i}]"), n, super::validate::MAX_LINE);
        }
    }
}

/// The targets the student set in the goal tables (表 1-4 to 1-9), by goal key
/// (`1-6.3.1`): a percentage, or points 1–5 for a score.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(default)]
pub struct GoalTargets {
    /// Target per goal key.
    pub targets: std::collections::BTreeMap<String, f64>,
}

impl GoalTargets {
    /// Every rule the targets break: a key that names no goal, a percentage outside
    /// 0–100, a score outside 1–5.
    pub fn check(&self, errors: &mut Vec<FieldError>) {
        use super::goals::GOAL_TABLES;
        for (key, v) in &self.targets {
            let field = format!("value.goals.targets.{key}");
            let Some(line) = GOAL_TABLES.iter().flat_map(|t| t.lines.iter()).find(|l| l.key == key) else {
                errors.push(FieldError::new(field, Problem::UnknownReference));
                continue;
            };
            let (min, max) = if line.measure.is_some_and(|m| m.in_points()) { (1, 5) } else { (0, 100) };
            if !(v.is_finite() && *v >= min as f64 && *v <= max as f64) {
                errors.push(FieldError::new(field, Problem::OutOfRange { min, max }));
            }
        }
    }
}

/// The figures a student worked out and recorded in the exercises (实训), by key
/// (`p2-t5.nps`); the checks compare each with the figure Kehu computes.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(default)]
pub struct ExerciseAnswers {
    /// The answer per key.
    pub answers: std::collections::BTreeMap<String, f64>,
}

/// 实战训练 任务2: what each duty area of the department does in this company, in the
/// student's words.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(default)]
pub struct DutyTexts {
    /// The text per duty area.
    pub texts: std::collections::BTreeMap<super::org::DutyArea, String>,
}

/// Customer care: whether the default care rules were added once, so rules the user
/// deleted for good do not come back.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(default)]
pub struct CareSettings {
    /// The default rules were added.
    pub seeded: bool,
}

/// What Kehu is used for: it puts that use's pages first in the sidebar.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Purpose {
    /// 店铺 / 工作: the user's own customers.
    Shop,
    /// 课程实训: a student doing the course.
    Student,
    /// 教师批阅: an instructor reviewing students' books.
    Instructor,
}

choice! { Purpose {
    Shop = "shop" => PurposeShop,
    Student = "student" => PurposeStudent,
    Instructor = "instructor" => PurposeInstructor,
} }

/// Who uses this book: asked on the first visit, changed on the workbook page.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(default)]
pub struct UsageSettings {
    /// The use chosen (`None`: not chosen yet; the sidebar keeps its full order).
    pub purpose: Option<Purpose>,
}

/// The settings of one area.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum SettingValue {
    /// Loyalty points, tiers and churn flags.
    Loyalty(LoyaltySettings),
    /// Complaint deadlines per severity.
    ComplaintDeadlines(ComplaintDeadlines),
    /// Callback days per kind of record.
    CallbackDays(CallbackDays),
    /// Key-account identification rules.
    KeyAccountRules(KeyAccountRules),
    /// Span-of-control rules and the design principles ticked.
    Org(OrgSettings),
    /// The targets of the position goals.
    Goals(GoalTargets),
    /// Customer care.
    Care(CareSettings),
    /// The figures recorded in the exercises.
    ExerciseAnswers(ExerciseAnswers),
    /// The department's duties, per duty area.
    DutyTexts(DutyTexts),
    /// The customer fields the user added.
    CustomFields(super::custom_field::CustomFields),
    /// What Kehu is used for.
    Usage(UsageSettings),
}

impl SettingValue {
    /// The area's name, which is also the id of its record.
    pub fn area(&self) -> &'static str {
        match self {
            SettingValue::Loyalty(_) => LoyaltySettings::AREA,
            SettingValue::ComplaintDeadlines(_) => ComplaintDeadlines::AREA,
            SettingValue::CallbackDays(_) => CallbackDays::AREA,
            SettingValue::KeyAccountRules(_) => KeyAccountRules::AREA,
            SettingValue::Org(_) => OrgSettings::AREA,
            SettingValue::Goals(_) => GoalTargets::AREA,
            SettingValue::Care(_) => CareSettings::AREA,
            SettingValue::ExerciseAnswers(_) => ExerciseAnswers::AREA,
            SettingValue::DutyTexts(_) => DutyTexts::AREA,
            SettingValue::CustomFields(_) => super::custom_field::CustomFields::AREA,
            SettingValue::Usage(_) => UsageSettings::AREA,
        }
    }
}

/// One area's settings as a type: its record id and how it sits in [`SettingValue`].
pub trait SettingArea: Default + Clone + PartialEq + 'static {
    /// The record id.
    const AREA: &'static str;
    /// Wraps the settings.
    fn wrap(self) -> SettingValue;
    /// The settings, if `value` is of this area.
    fn unwrap(value: &SettingValue) -> Option<&Self>;
}

macro_rules! setting_area {
    ($ty:ty, $variant:ident, $area:literal) => {
        impl SettingArea for $ty {
            const AREA: &'static str = $area;
            fn wrap(self) -> SettingValue {
                SettingValue::$variant(self)
            }
            fn unwrap(value: &SettingValue) -> Option<&Self> {
                match value {
                    SettingValue::$variant(v) => Some(v),
                    _ => None,
                }
            }
        }
    };
}
setting_area!(LoyaltySettings, Loyalty, "loyalty");
setting_area!(ComplaintDeadlines, ComplaintDeadlines, "complaint_deadlines");
setting_area!(CallbackDays, CallbackDays, "callback_days");
setting_area!(KeyAccountRules, KeyAccountRules, "key_account_rules");
setting_area!(OrgSettings, Org, "org");
setting_area!(GoalTargets, Goals, "goals");
setting_area!(CareSettings, Care, "care");
setting_area!(ExerciseAnswers, ExerciseAnswers, "exercise_answers");
setting_area!(DutyTexts, DutyTexts, "duty_texts");
setting_area!(super::custom_field::CustomFields, CustomFields, "custom_fields");
setting_area!(UsageSettings, Usage, "usage");

/// One area's settings, as stored.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Setting {
    /// The area's name (`loyalty`, `complaint_deadlines`, `callback_days`,
    /// `key_account_rules`); it must match the kind of `value`.
    pub id: Id,
    /// The settings, tagged by area: `{"loyalty": {…}}`.
    pub value: SettingValue,
    /// When the record was created.
    #[serde(serialize_with = "stamp::write", deserialize_with = "stamp::read")]
    pub created_at: DateTime<Utc>,
    /// When it was last changed.
    #[serde(serialize_with = "stamp::write", deserialize_with = "stamp::read")]
    pub updated_at: DateTime<Utc>,
    /// When it was moved to the trash (settings are not trashed; kept for the format).
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

impl Setting {
    /// A new record holding `value`, stamped `now`.
    pub fn new(value: SettingValue, now: DateTime<Utc>) -> Self {
        Setting { sample: false, id: value.area().into(), value, created_at: now, updated_at: now, deleted_at: None }
    }
}

impl Record for Setting {
    const COLLECTION: &'static str = "settings";

    record_stamps!();

    fn summary(&self) -> String {
        self.id.to_string()
    }

    fn validate(&self) -> Vec<FieldError> {
        let mut errors = Vec::new();
        if self.id != self.value.area() {
            errors.push(FieldError::new("id", Problem::UnknownReference));
        }
        match &self.value {
            SettingValue::Loyalty(s) => s.check("value.loyalty.", &mut errors),
            SettingValue::ComplaintDeadlines(d) => {
                // The deadlines' fields are named by the severity's value.
                for &s in Severity::ALL {
                    if let Err(p) = check_deadline_hours(d.hours(s)) {
                        errors.push(FieldError::new(format!("value.complaint_deadlines.{}", s.value()), p));
                    }
                }
            }
            SettingValue::CallbackDays(d) => {
                for (f, v) in [
                    ("reception", d.reception),
                    ("inbound_call", d.inbound_call),
                    ("outbound_call", d.outbound_call),
                    ("visit", d.visit),
                    ("ticket", d.ticket),
                ] {
                    if v > MAX_CALLBACK_DAYS {
                        errors.push(FieldError::new(
                            format!("value.callback_days.{f}"),
                            Problem::OutOfRange { min: 0, max: MAX_CALLBACK_DAYS as i64 },
                        ));
                    }
                }
            }
            SettingValue::Org(o) => o.check(&mut errors),
            SettingValue::Goals(g) => g.check(&mut errors),
            SettingValue::Care(_) | SettingValue::Usage(_) => {}
            SettingValue::ExerciseAnswers(a) => {
                for (key, v) in &a.answers {
                    if !v.is_finite() {
                        errors
                            .push(FieldError::new(format!("value.exercise_answers.answers.{key}"), Problem::WrongKind));
                    }
                    super::validate::check_len(
                        &mut errors,
                        "value.exercise_answers.answers",
                        key,
                        super::validate::MAX_LINE,
                    );
                }
            }
            SettingValue::DutyTexts(d) => {
                for (area, text) in &d.texts {
                    let field = format!("value.duty_texts.texts.{}", crate::model::Choice::value(*area));
                    super::validate::check_len(&mut errors, &field, text, super::validate::MAX_TEXT);
                }
            }
            SettingValue::CustomFields(f) => f.check(&mut errors),
            SettingValue::KeyAccountRules(r) => {
                if r.revenue_above.is_some_and(|x| !(x.is_finite() && x >= 0.0)) {
                    errors.push(FieldError::new("value.key_account_rules.revenue_above", Problem::Positive));
                }
            }
        }
        check_stamps(&mut errors, self.created_at, self.updated_at);
        errors
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at() -> DateTime<Utc> {
        "2026-11-27T08:00:00Z".parse().unwrap()
    }

    #[test]
    fn defaults_are_the_textbooks() {
        let d = ComplaintDeadlines::default();
        assert_eq!((d.urgent, d.high, d.normal), (4, 24, 72));
        let c = CallbackDays::default();
        assert_eq!((c.reception, c.inbound_call, c.outbound_call, c.visit, c.ticket), (7, 3, 3, 7, 3));
        assert_eq!(LoyaltySettings::default().tiers, [0, 1_000, 5_000, 20_000]);
    }

    #[test]
    fn a_setting_is_valid_only_under_its_own_area() {
        let s = Setting::new(SettingValue::Loyalty(LoyaltySettings::default()), at());
        assert_eq!(s.id, "loyalty");
        assert!(s.validate().is_empty());
        let wrong = Setting { id: "callback_days".into(), ..s };
        assert_eq!(wrong.validate(), vec![FieldError::new("id", Problem::UnknownReference)]);
    }

    #[test]
    fn tiers_must_rise_and_rates_stay_in_range() {
        let mut l = LoyaltySettings { tiers: [0, 1_000, 1_000, 20_000], per_yuan: 0.0, ..Default::default() };
        l.drop_percent = 101;
        let s = Setting::new(SettingValue::Loyalty(l), at());
        let fields: Vec<String> = s.validate().into_iter().map(|e| e.field).collect();
        assert_eq!(fields, ["value.loyalty.per_yuan", "value.loyalty.drop_percent", "value.loyalty.tiers[2]"]);
    }

    #[test]
    fn a_zero_hour_deadline_is_refused() {
        let mut d = ComplaintDeadlines::default();
        assert_eq!(d.set(Severity::Urgent, 0), Err(Problem::OutOfRange { min: 1, max: 8784 }));
        assert_eq!(d.urgent, 4);
        d.set(Severity::Urgent, 2).unwrap();
        assert_eq!(d.hours(Severity::Urgent), 2);
        let bad = Setting::new(SettingValue::ComplaintDeadlines(ComplaintDeadlines { high: 0, ..d }), at());
        assert_eq!(bad.validate()[0].field, "value.complaint_deadlines.high");
    }

    #[test]
    fn callback_days_over_a_year_are_refused() {
        let mut c = CallbackDays::default();
        assert!(c.set(None, 366).is_err());
        c.set(Some(ServiceKind::Visit), 14).unwrap();
        assert_eq!(c.after(ServiceKind::Visit), 14);
        c.set(None, 5).unwrap();
        assert_eq!(c.ticket, 5);
    }

    #[test]
    fn goal_targets_name_a_goal_and_stay_in_range() {
        let mut g = GoalTargets::default();
        g.targets.insert("1-6.3.1".into(), 95.0);
        g.targets.insert("1-6.3.2".into(), 4.5);
        assert!(Setting::new(SettingValue::Goals(g.clone()), at()).validate().is_empty());
        g.targets.insert("1-6.3.2".into(), 6.0);
        g.targets.insert("9-9".into(), 1.0);
        g.targets.insert("1-9.1.1".into(), 101.0);
        let errors = Setting::new(SettingValue::Goals(g), at()).validate();
        assert_eq!(
            errors,
            vec![
                FieldError::new("value.goals.targets.1-6.3.2", Problem::OutOfRange { min: 1, max: 5 }),
                FieldError::new("value.goals.targets.1-9.1.1", Problem::OutOfRange { min: 0, max: 100 }),
                FieldError::new("value.goals.targets.9-9", Problem::UnknownReference),
            ]
        );
    }

    #[test]
    fn the_use_is_stored_by_its_name_and_an_older_book_has_none() {
        let s = Setting::new(UsageSettings { purpose: Some(Purpose::Shop) }.wrap(), at());
        assert_eq!(s.id, "usage");
        assert!(s.validate().is_empty());
        let json = serde_json::to_value(&s).unwrap();
        assert_eq!(json["value"], serde_json::json!({ "usage": { "purpose": "shop" } }));
        // Written by hand, as the format documents it.
        let read: Setting = serde_json::from_str(
            r#"{"id":"usage","value":{"usage":{"purpose":"instructor"}},"created_at":"2026-11-27T08:00:00Z","updated_at":"2026-11-27T08:00:00Z"}"#,
        )
        .unwrap();
        assert_eq!(UsageSettings::unwrap(&read.value), Some(&UsageSettings { purpose: Some(Purpose::Instructor) }));
        // An empty area (or none at all, in a file from before) means no choice yet.
        let empty: UsageSettings = serde_json::from_str("{}").unwrap();
        assert_eq!(empty.purpose, None);
        // A use Kehu does not know is refused, not read as another.
        assert!(serde_json::from_str::<UsageSettings>(r#"{"purpose":"robot"}"#).is_err());
    }

    #[test]
    fn the_file_shape_is_tagged_by_area() {
        let s = Setting::new(SettingValue::ComplaintDeadlines(ComplaintDeadlines::default()), at());
        let json = serde_json::to_value(&s).unwrap();
        assert_eq!(json["value"]["complaint_deadlines"]["urgent"], 4);
        let back: Setting = serde_json::from_value(json).unwrap();
        assert_eq!(back, s);
    }
}
