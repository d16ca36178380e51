//! Job descriptions (岗位说明书, 项目一 任务二): every element of the textbook's
//! section 二 and table 1-2, the 3W goal, performance standards, sign-off and a validity
//! period, with a completeness check ([`JobDescription::missing`]: what is empty) and a
//! check of what is filled but not with real text ([`JobDescription::weak`]).

use super::Id;
use chrono::{DateTime, NaiveDate, Utc};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::stamp;

use super::record::{null_as_default, record_stamps, Record};
use super::validate::{check_len, check_required, check_stamps, MAX_LINE, MAX_TEXT};
use super::{FieldError, Problem};

/// The text elements of a job description, in the order of the form and the print:
/// (file field name, whether it is long text). Every one must be filled for the
/// description to be complete.
pub const TEXT_ELEMENTS: [(&str, bool); 28] = [
    ("title", false),
    ("department", false),
    ("reports_to", false),
    ("level", false),
    ("number", false),
    ("subordinates", false),
    ("summary", true),
    ("why", true),
    ("within", true),
    ("what", true),
    ("management_scope", true),
    ("duties", true),
    ("authority", true),
    ("internal_relations", false),
    ("external_relations", false),
    ("education", false),
    ("major", false),
    ("training", false),
    ("experience", false),
    ("knowledge", true),
    ("skills", true),
    ("qualities", true),
    ("tools", false),
    ("environment", false),
    ("working_hours", false),
    ("performance_standards", true),
    ("signed_by", false),
    ("validity", false),
];

/// The header fields of table 1-2 that the textbook's section 二 does not list (工资等级,
/// 薪酬类型, 岗位分析日期): table 1-2 has them, so [`JobDescription::missing`] counts them
/// too; older workbooks that lack them are incomplete until the student fills them.
pub const TABLE_1_2_HEADER: [&str; 3] = ["pay_grade", "pay_type", "analysis_date"];

/// Every element of table 1-2: the text elements and the header fields.
pub const ELEMENT_COUNT: usize = TEXT_ELEMENTS.len() + TABLE_1_2_HEADER.len();

/// Fewer characters than this in a one-line entry (岗位编号, 岗位定级, 学历…) is not a
/// real entry: "KF-001", "专员级", "本科" are; "a" or "1" is not.
pub const MIN_LINE_CHARS: usize = 2;

/// Fewer characters than this in a prose element (职务概要, the 3W goal, 知识…) is not
/// a real entry: "负责售后服务" is; "abc" is not.
pub const MIN_PROSE_CHARS: usize = 4;

/// The lists (工作任务, 权力, 绩效标准) need at least this many real items, one per line
/// (or separated by "；" or ";"), each of at least [`MIN_LINE_CHARS`] characters.
pub const MIN_LIST_ITEMS: usize = 2;

/// The 3W goal with the summary it details: none may repeat another.
const THREE_W: [&str; 4] = ["summary", "why", "within", "what"];

/// The elements that are lists.
const LISTS: [&str; 3] = ["duties", "authority", "performance_standards"];

/// A job description. Lists (duties, authority, skills…) are one item per line, duties
/// in order of importance.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct JobDescription {
    /// Unique id.
    pub id: Id,
    /// 岗位名称.
    #[serde(default, deserialize_with = "null_as_default")]
    pub title: String,
    /// 所在部门.
    #[serde(default, deserialize_with = "null_as_default")]
    pub department: String,
    /// 直接上级.
    #[serde(default, deserialize_with = "null_as_default")]
    pub reports_to: String,
    /// 岗位定级.
    #[serde(default, deserialize_with = "null_as_default")]
    pub level: String,
    /// 岗位编号.
    #[serde(default, deserialize_with = "null_as_default")]
    pub number: String,
    /// 直接下级 / 所辖人员.
    #[serde(default, deserialize_with = "null_as_default")]
    pub subordinates: String,
    /// The position has no direct reports (a 专员): 直接下级 / 所辖人员 need not be filled.
    #[serde(default, deserialize_with = "null_as_default")]
    pub no_subordinates: bool,
    /// 工资等级 (table 1-2).
    #[serde(default, deserialize_with = "null_as_default")]
    pub pay_grade: String,
    /// 薪酬类型 (table 1-2), e.g. 岗位工资 + 绩效工资.
    #[serde(default, deserialize_with = "null_as_default")]
    pub pay_type: String,
    /// 岗位分析日期 (table 1-2): the day the position was analysed.
    #[serde(default, deserialize_with = "null_as_default")]
    pub analysis_date: Option<NaiveDate>,
    /// 职务概要.
    #[serde(default, deserialize_with = "null_as_default")]
    pub summary: String,
    /// 3W: why the position exists (目的).
    #[serde(default, deserialize_with = "null_as_default")]
    pub why: String,
    /// 3W: within what authority (职权范围).
    #[serde(default, deserialize_with = "null_as_default")]
    pub within: String,
    /// 3W: what it mainly does (工作内容).
    #[serde(default, deserialize_with = "null_as_default")]
    pub what: String,
    /// 管理结构: whom and how it manages.
    #[serde(default, deserialize_with = "null_as_default")]
    pub management_scope: String,
    /// 工作任务 / 职责范围, most important first, one per line.
    #[serde(default, deserialize_with = "null_as_default")]
    pub duties: String,
    /// 权力, one per line.
    #[serde(default, deserialize_with = "null_as_default")]
    pub authority: String,
    /// 内部协调关系.
    #[serde(default, deserialize_with = "null_as_default")]
    pub internal_relations: String,
    /// 外部协调关系.
    #[serde(default, deserialize_with = "null_as_default")]
    pub external_relations: String,
    /// 教育水平.
    #[serde(default, deserialize_with = "null_as_default")]
    pub education: String,
    /// 专业.
    #[serde(default, deserialize_with = "null_as_default")]
    pub major: String,
    /// 培训经历.
    #[serde(default, deserialize_with = "null_as_default")]
    pub training: String,
    /// 经验.
    #[serde(default, deserialize_with = "null_as_default")]
    pub experience: String,
    /// 知识.
    #[serde(default, deserialize_with = "null_as_default")]
    pub knowledge: String,
    /// 技能技巧.
    #[serde(default, deserialize_with = "null_as_default")]
    pub skills: String,
    /// 个人素质和态度.
    #[serde(default, deserialize_with = "null_as_default")]
    pub qualities: String,
    /// 使用工具/设备.
    #[serde(default, deserialize_with = "null_as_default")]
    pub tools: String,
    /// 工作环境.
    #[serde(default, deserialize_with = "null_as_default")]
    pub environment: String,
    /// 工作时间特征.
    #[serde(default, deserialize_with = "null_as_default")]
    pub working_hours: String,
    /// 绩效标准: to what standard the work is done.
    #[serde(default, deserialize_with = "null_as_default")]
    pub performance_standards: String,
    /// 签字确认: who signed it.
    #[serde(default, deserialize_with = "null_as_default")]
    pub signed_by: String,
    /// The day it was signed.
    #[serde(default, deserialize_with = "null_as_default")]
    pub signed_on: Option<NaiveDate>,
    /// 有效期: first day.
    #[serde(default, deserialize_with = "null_as_default")]
    pub valid_from: Option<NaiveDate>,
    /// 有效期: last day.
    #[serde(default, deserialize_with = "null_as_default")]
    pub valid_until: Option<NaiveDate>,
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

impl JobDescription {
    /// The text of element `name` (see [`TEXT_ELEMENTS`] and [`TABLE_1_2_HEADER`]);
    /// `validity` is the period, `analysis_date` the day.
    pub fn text(&self, name: &str) -> String {
        match name {
            "analysis_date" => self.analysis_date.map(|d| d.to_string()).unwrap_or_default(),
            "validity" => match (self.valid_from, self.valid_until) {
                (Some(a), Some(b)) => format!("{a} – {b}"),
                _ => String::new(),
            },
            "signed_by" => match (self.signed_by.trim(), self.signed_on) {
                ("", _) | (_, None) => String::new(),
                (who, Some(d)) => format!("{who} {d}"),
            },
            _ => self.field(name).cloned().unwrap_or_default(),
        }
    }

    /// The stored text of field `name` as typed (unlike [`Self::text`], which joins the
    /// signature with its day); empty for `validity` and unknown names.
    pub fn raw(&self, name: &str) -> String {
        self.field(name).cloned().unwrap_or_default()
    }

    fn field(&self, name: &str) -> Option<&String> {
        Some(match name {
            "title" => &self.title,
            "department" => &self.department,
            "reports_to" => &self.reports_to,
            "level" => &self.level,
            "number" => &self.number,
            "subordinates" => &self.subordinates,
            "pay_grade" => &self.pay_grade,
            "pay_type" => &self.pay_type,
            "summary" => &self.summary,
            "why" => &self.why,
            "within" => &self.within,
            "what" => &self.what,
            "management_scope" => &self.management_scope,
            "duties" => &self.duties,
            "authority" => &self.authority,
            "internal_relations" => &self.internal_relations,
            "external_relations" => &self.external_relations,
            "education" => &self.education,
            "major" => &self.major,
            "training" => &self.training,
            "experience" => &self.experience,
            "knowledge" => &self.knowledge,
            "skills" => &self.skills,
            "qualities" => &self.qualities,
            "tools" => &self.tools,
            "environment" => &self.environment,
            "working_hours" => &self.working_hours,
            "performance_standards" => &self.performance_standards,
            "signed_by" => &self.signed_by,
            _ => return None,
        })
    }

    /// The text field `name`, to change it (`None` for `validity` and unknown names).
    pub fn field_mut(&mut self, name: &str) -> Option<&mut String> {
        Some(match name {
            "title" => &mut self.title,
            "department" => &mut self.department,
            "reports_to" => &mut self.reports_to,
            "level" => &mut self.level,
            "number" => &mut self.number,
            "subordinates" => &mut self.subordinates,
            "pay_grade" => &mut self.pay_grade,
            "pay_type" => &mut self.pay_type,
            "summary" => &mut self.summary,
            "why" => &mut self.why,
            "within" => &mut self.within,
            "what" => &mut self.what,
            "management_scope" => &mut self.management_scope,
            "duties" => &mut self.duties,
            "authority" => &mut self.authority,
            "internal_relations" => &mut self.internal_relations,
            "external_relations" => &mut self.external_relations,
            "education" => &mut self.education,
            "major" => &mut self.major,
            "training" => &mut self.training,
            "experience" => &mut self.experience,
            "knowledge" => &mut self.knowledge,
            "skills" => &mut self.skills,
            "qualities" => &mut self.qualities,
            "tools" => &mut self.tools,
            "environment" => &mut self.environment,
            "working_hours" => &mut self.working_hours,
            "performance_standards" => &mut self.performance_standards,
            "signed_by" => &mut self.signed_by,
            _ => return None,
        })
    }

    /// The elements still empty, in the form's order. 直接下级 / 所辖人员 is not
    /// missing for a position marked as having no direct reports.
    pub fn missing(&self) -> Vec<&'static str> {
        TEXT_ELEMENTS
            .iter()
            .map(|(name, _)| *name)
            .chain(TABLE_1_2_HEADER)
            .filter(|name| self.is_empty(name) && !(*name == "subordinates" && self.no_subordinates))
            .collect()
    }

    fn is_empty(&self, name: &str) -> bool {
        self.text(name).trim().is_empty()
    }

    /// The elements that are filled but not with real text, in the form's order (the
    /// names [`Self::missing`] uses, and [`TABLE_1_2_HEADER`]'s); an empty element is
    /// missing, not weak. An element is weak when:
    /// - a one-line entry has fewer than [`MIN_LINE_CHARS`] characters, a prose element
    ///   fewer than [`MIN_PROSE_CHARS`];
    /// - it is one character repeated ("aaaa", "好好好");
    /// - a part of the 3W goal (summary, why, within, what) copies another part;
    /// - a list (duties, authority, performance standards) has fewer than
    ///   [`MIN_LIST_ITEMS`] real items;
    /// - the validity period ends before it starts; the signature has no real name.
    ///
    /// 直接下级 / 所辖人员 and the analysis date are never weak: "无" is a whole answer.
    pub fn weak(&self) -> Vec<&'static str> {
        let header = TABLE_1_2_HEADER.iter().map(|n| (*n, false));
        TEXT_ELEMENTS
            .iter()
            .copied()
            .chain(header)
            .filter(|(name, long)| !self.is_empty(name) && self.is_weak(name, *long))
            .map(|(name, _)| name)
            .collect()
    }

    fn is_weak(&self, name: &str, long: bool) -> bool {
        match name {
            "subordinates" | "analysis_date" => false,
            "validity" => matches!((self.valid_from, self.valid_until), (Some(a), Some(b)) if b < a),
            _ if LISTS.contains(&name) => list_items(&self.raw(name)) < MIN_LIST_ITEMS,
            _ => {
                let text = self.raw(name);
                let text = text.trim();
                let copies = THREE_W.contains(&name)
                    && THREE_W.iter().any(|other| *other != name && self.raw(other).trim() == text);
                !real(text, if long { MIN_PROSE_CHARS } else { MIN_LINE_CHARS }) || copies
            }
        }
    }

    /// Whether its validity period ended before `day` (the description is out of date).
    pub fn expired_on(&self, day: NaiveDate) -> bool {
        self.valid_until.is_some_and(|b| b < day)
    }

    /// Share of the elements filled in, 0.0–1.0.
    pub fn completeness(&self) -> f64 {
        1.0 - self.missing().len() as f64 / ELEMENT_COUNT as f64
    }

    /// Whether it is valid on `day` (inside its validity period).
    pub fn valid_on(&self, day: NaiveDate) -> bool {
        self.valid_from.is_some_and(|a| a <= day) && self.valid_until.is_some_and(|b| day <= b)
    }

    /// The textbook's sample (表 1-2 某企业客服专员岗位说明书): 售后服务专员, with what
    /// the table leaves out (number, level, 3W, standards, sign-off, validity) blank.
    pub fn textbook_sample(id: impl Into<Id>, now: DateTime<Utc>) -> Self {
        JobDescription {
            id: id.into(),
            title: "售后服务专员".into(),
            department: "客户服务部".into(),
            reports_to: "客服部经理".into(),
            summary: "负责售后服务".into(),
            duties: "协助客服部经理制订部门年度工作计划\n负责退换货、零配件供应等售后工作\n负责联系、处理客户投诉\n负责建立售后服务档案，并进行总结分析\n根据需要，对客户进行多种形式的回访和调查，以获得客户的直接反馈\n协助进行市场调查\n完成客服部经理交办的其他工作任务".into(),
            authority: "收集市场相关信息、资料、文件的权力\n客户投诉处理方案的提议权".into(),
            internal_relations: "销售部、技术开发部、供应管理部、财务部、行政部".into(),
            external_relations: "客户、经销商".into(),
            education: "大学专科以上".into(),
            major: "营销、管理以及其他相关专业".into(),
            training: "客户服务、法律知识、公关培训".into(),
            experience: "3年以上市场营销或客户服务经验".into(),
            knowledge: "营销、销售等相关知识，了解行业技术、财务管理、法律知识等".into(),
            skills: "熟练操作办公自动化软件\n对市场营销有深刻认识\n熟悉业务策划活动程序".into(),
            qualities: "具备客户服务意识，工作热情高\n具有较强的沟通、协调和公关能力，良好的合作精神\n积极主动，性格开朗，讲求效率，乐于接受挑战".into(),
            tools: "计算机、一般办公设备".into(),
            environment: "办公场所".into(),
            working_hours: "正常工作时间，偶尔需要加班".into(),
            created_at: now,
            updated_at: now,
            ..Default::default()
        }
    }
}

/// Whether `text` (trimmed) is a real entry: at least `min` characters, not one
/// character repeated.
fn real(text: &str, min: usize) -> bool {
    let mut chars = text.chars().filter(|c| !c.is_whitespace());
    let first = chars.next();
    text.chars().count() >= min && chars.any(|c| Some(c) != first)
}

/// The real items of a list: its lines, or parts separated by "；" / ";", each a real
/// entry of at least [`MIN_LINE_CHARS`] characters.
fn list_items(text: &str) -> usize {
    text.split(['\n', '；', ';']).filter(|item| real(item.trim(), MIN_LINE_CHARS)).count()
}

impl Record for JobDescription {
    const COLLECTION: &'static str = "job_descriptions";

    record_stamps!();

    fn summary(&self) -> String {
        self.title.clone()
    }

    fn validate(&self) -> Vec<FieldError> {
        let mut errors = Vec::new();
        check_required(&mut errors, &[("id", &self.id), ("title", &self.title)]);
        for (name, long) in TEXT_ELEMENTS.into_iter().chain([("pay_grade", false), ("pay_type", false)]) {
            if let Some(v) = self.field(name) {
                check_len(&mut errors, name, v, if long { MAX_TEXT } else { MAX_LINE });
            }
        }
        if let (Some(a), Some(b)) = (self.valid_from, self.valid_until) {
            if b < a {
                errors.push(FieldError::new("valid_until", Problem::BeforeStart));
            }
        }
        check_stamps(&mut errors, self.created_at, self.updated_at);
        errors
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn now() -> DateTime<Utc> {
        "2026-11-27T08:00:00Z".parse().unwrap()
    }

    #[test]
    fn the_textbook_sample_lacks_what_table_1_2_leaves_blank() {
        let jd = JobDescription::textbook_sample("j", now());
        assert!(jd.validate().is_empty());
        assert_eq!(
            jd.missing(),
            [
                "level",
                "number",
                "subordinates",
                "why",
                "within",
                "what",
                "management_scope",
                "performance_standards",
                "signed_by",
                "validity",
                "pay_grade",
                "pay_type",
                "analysis_date"
            ]
        );
        assert!((jd.completeness() - 18.0 / 31.0).abs() < 1e-12);
    }

    #[test]
    fn complete_once_every_element_is_there() {
        let mut jd = JobDescription::textbook_sample("j", now());
        for name in
            ["level", "number", "subordinates", "why", "within", "what", "management_scope", "performance_standards"]
        {
            *jd.field_mut(name).unwrap() = "写好了".into();
        }
        jd.signed_by = "张经理".into();
        assert_eq!(
            jd.missing(),
            ["signed_by", "validity", "pay_grade", "pay_type", "analysis_date"],
            "a signature needs its day"
        );
        jd.pay_grade = "专员 3 级".into();
        jd.pay_type = "岗位工资 + 绩效".into();
        jd.analysis_date = NaiveDate::from_ymd_opt(2026, 11, 20);
        jd.signed_on = NaiveDate::from_ymd_opt(2026, 11, 27);
        jd.valid_from = NaiveDate::from_ymd_opt(2026, 12, 1);
        jd.valid_until = NaiveDate::from_ymd_opt(2027, 11, 30);
        assert!(jd.missing().is_empty());
        assert_eq!(jd.completeness(), 1.0);
        assert!(jd.valid_on(NaiveDate::from_ymd_opt(2027, 11, 30).unwrap()));
        assert!(!jd.valid_on(NaiveDate::from_ymd_opt(2027, 12, 1).unwrap()));
        // A period that ends before it starts is refused.
        jd.valid_until = NaiveDate::from_ymd_opt(2026, 11, 30);
        assert_eq!(jd.validate(), vec![FieldError::new("valid_until", Problem::BeforeStart)]);
    }

    #[test]
    fn a_description_with_a_in_every_field_is_complete_but_weak_almost_everywhere() {
        let mut jd = JobDescription::textbook_sample("j", now());
        for (name, _) in TEXT_ELEMENTS {
            if let Some(f) = jd.field_mut(name) {
                *f = "a".into();
            }
        }
        jd.pay_grade = "a".into();
        jd.pay_type = "a".into();
        jd.analysis_date = NaiveDate::from_ymd_opt(2026, 11, 20);
        jd.signed_on = NaiveDate::from_ymd_opt(2026, 11, 27);
        jd.valid_from = NaiveDate::from_ymd_opt(2026, 12, 1);
        jd.valid_until = NaiveDate::from_ymd_opt(2027, 11, 30);
        // Nothing is empty, so nothing is missing: completeness alone would say 100%.
        assert!(jd.missing().is_empty());
        let weak = jd.weak();
        // Every text element is weak but 直接下级 ("无" is a whole answer) and the
        // validity period (two real days in order); the two pay fields too.
        assert_eq!(weak.len(), 28 - 2 + 2);
        assert!(!weak.contains(&"subordinates") && !weak.contains(&"validity"));
        for name in
            ["title", "number", "level", "why", "within", "what", "duties", "authority", "signed_by", "pay_grade"]
        {
            assert!(weak.contains(&name), "{name}");
        }
        assert_eq!(&weak[..3], ["title", "department", "reports_to"], "in the form's order");
    }

    #[test]
    fn the_textbook_sample_has_nothing_weak_and_an_empty_element_is_missing_not_weak() {
        let jd = JobDescription::textbook_sample("j", now());
        assert_eq!(jd.weak(), Vec::<&str>::new());
        assert!(jd.missing().contains(&"why") && !jd.weak().contains(&"why"));
    }

    #[test]
    fn lists_need_two_real_items_and_the_3w_parts_their_own_words() {
        let mut jd = JobDescription::textbook_sample("j", now());
        // A duties list of one line is weak; two lines, or two items split by "；", are not.
        jd.duties = "负责处理客户投诉".into();
        assert_eq!(jd.weak(), ["duties"]);
        jd.duties = "负责处理客户投诉\n负责回访".into();
        assert!(jd.weak().is_empty());
        jd.performance_standards = "投诉处理及时率 95% 以上；回访率 100%".into();
        assert!(jd.weak().is_empty());
        // Lines that are not items do not count: "a" and a blank line.
        jd.authority = "客户投诉处理方案的提议权\na\n ".into();
        assert_eq!(jd.weak(), ["authority"]);
        jd.authority = "收集市场信息的权力\n投诉处理方案的提议权".into();
        // A 3W part copying another, and one of a character repeated.
        jd.why = "保证售后问题及时处理".into();
        jd.within = "在售后制度内受理和回访".into();
        jd.what = "保证售后问题及时处理".into();
        assert_eq!(jd.weak(), ["why", "what"]);
        jd.what = "好好好好好".into();
        assert_eq!(jd.weak(), ["what"]);
        jd.what = "受理、跟进、回访".into();
        // Short prose: three characters are not a summary; a one-character 岗位编号 is not a number.
        jd.summary = "负责售".into();
        jd.number = "1".into();
        assert_eq!(jd.weak(), ["number", "summary"]);
        jd.summary = "负责售后服务".into();
        jd.number = "KF-001".into();
        assert!(jd.weak().is_empty());
        // A period that ends before it starts is weak (and refused on save).
        jd.valid_from = NaiveDate::from_ymd_opt(2026, 12, 1);
        jd.valid_until = NaiveDate::from_ymd_opt(2026, 11, 30);
        assert_eq!(jd.weak(), ["validity"]);
    }

    #[test]
    fn a_position_without_reports_need_not_name_them_and_an_old_period_is_out_of_date() {
        let mut jd = JobDescription::textbook_sample("j", now());
        assert!(jd.missing().contains(&"subordinates"));
        jd.no_subordinates = true;
        assert!(!jd.missing().contains(&"subordinates"));
        jd.valid_from = NaiveDate::from_ymd_opt(2025, 1, 1);
        jd.valid_until = NaiveDate::from_ymd_opt(2025, 12, 31);
        assert!(!jd.expired_on(NaiveDate::from_ymd_opt(2025, 12, 31).unwrap()), "valid through its last day");
        assert!(jd.expired_on(NaiveDate::from_ymd_opt(2026, 1, 1).unwrap()));
        jd.valid_until = None;
        assert!(!jd.expired_on(NaiveDate::from_ymd_opt(2030, 1, 1).unwrap()), "no end, not expired");
    }

    #[test]
    fn a_description_written_before_the_table_1_2_fields_still_reads() {
        let old = r#"{"id":"j","title":"售后服务专员","subordinates":"无","created_at":"2026-11-27T08:00:00Z","updated_at":"2026-11-27T08:00:00Z"}"#;
        let jd: JobDescription = serde_json::from_str(old).unwrap();
        assert_eq!(
            (jd.pay_grade.as_str(), jd.pay_type.as_str(), jd.analysis_date, jd.no_subordinates),
            ("", "", None, false)
        );
        let mut jd = jd;
        jd.pay_grade = "5 级".into();
        jd.analysis_date = NaiveDate::from_ymd_opt(2026, 11, 20);
        let back: JobDescription = serde_json::from_str(&serde_json::to_string(&jd).unwrap()).unwrap();
        assert_eq!(back, jd);
        assert_eq!(back.text("analysis_date"), "2026-11-20");
    }
}
