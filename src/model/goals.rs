//! Position goals (岗位工作目标, 表 1-4 to 1-9): the textbook's goal templates, whose
//! blanks (____%) are targets the student sets, and which figure Kehu measures for each.

/// A figure Kehu measures for a goal.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Measure {
    /// 客户满意度 / 满意率: survey ratings of 4–5 ÷ ratings, %.
    Satisfaction,
    /// 大客户满意度 / 满意率: the same over key accounts' answers, %.
    KeyAccountSatisfaction,
    /// 一般客户满意率: the same over the other customers, %.
    OtherSatisfaction,
    /// 大客户满意度评价: key accounts' mean rating, 1–5 points.
    KeyAccountScore,
    /// 客户回访率: callbacks due in the period that were done (on any day) ÷ due, %.
    /// Not the 回访及时率 (done by the due day): no goal of the tables names that one.
    CallbackRate,
    /// 大客户回访率: the same over key accounts, %.
    KeyAccountCallbackRate,
    /// 投诉处理及时率 (and 1-8's 解决及时率): of the complaints whose deadline fell in
    /// the period, those resolved by it ÷ those resolved or past their deadline, %.
    ComplaintOnTime,
    /// 投诉解决率: resolved ÷ received, %.
    ComplaintResolution,
    /// 投诉解决满意率: resolution ratings of 4–5 ÷ ratings, %.
    ComplaintSatisfaction,
    /// 资料完整率: the customers' average completeness, %.
    DataCompleteness,
}

impl Measure {
    /// Whether the figure is in points (1–5) rather than percent.
    pub fn in_points(self) -> bool {
        self == Measure::KeyAccountScore
    }
}

/// One goal line: its table, its overall goal (总体目标), the text (`____` marks the
/// target the student fills in; a fixed figure such as 100% has none) and what Kehu
/// measures for it, if anything. Chinese is the textbook's words; the English is a
/// faithful translation with the same blanks, shown in English mode.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct GoalLine {
    /// A stable key, `table.area.line` (`1-4.3.3`), under which the target is kept.
    pub key: &'static str,
    /// The overall goal.
    pub area: &'static str,
    /// The overall goal in English.
    pub area_en: &'static str,
    /// The text.
    pub text: &'static str,
    /// The text in English.
    pub text_en: &'static str,
    /// What Kehu measures for it.
    pub measure: Option<Measure>,
    /// The target when the text names it (100% in "资料完整率达到 100%").
    pub fixed_target: Option<f64>,
}

/// A goal table: its number, its title and its lines.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct GoalTable {
    /// 1-4 … 1-9.
    pub number: &'static str,
    /// The position the goals are for.
    pub title: &'static str,
    /// The title in English.
    pub title_en: &'static str,
    /// The lines.
    pub lines: &'static [GoalLine],
}

/// Words in Chinese and English, side by side.
type Both = (&'static str, &'static str);

const fn line(key: &'static str, area: Both, text: Both) -> GoalLine {
    GoalLine { key, area: area.0, area_en: area.1, text: text.0, text_en: text.1, measure: None, fixed_target: None }
}

const fn measured(key: &'static str, area: Both, text: Both, m: Measure) -> GoalLine {
    GoalLine { measure: Some(m), ..line(key, area, text) }
}

const fn fixed(key: &'static str, area: Both, text: Both, m: Measure, target: f64) -> GoalLine {
    GoalLine { measure: Some(m), fixed_target: Some(target), ..line(key, area, text) }
}

use Measure::*;

// The overall goals, each named once (several tables share one).
const SERVICE_SYSTEM: Both = ("客户服务体系建设目标", "Customer service system goals");
const DEVELOPMENT: Both = ("客户开发目标", "Customer development goals");
const KEY_MANAGEMENT: Both = ("大客户管理目标", "Key account management goals");
const RELATIONSHIP: Both = ("客户关系维护目标", "Customer relationship maintenance goals");
const RESEARCH: Both = ("客户调研目标", "Customer research goals");
const DEVELOPMENT_MANAGEMENT: Both = ("客户开发管理目标", "Customer development management goals");
const RECORDS: Both = ("客户资料管理", "Customer records management");
const KEY_DEVELOPMENT: Both = ("大客户开发目标", "Key account development goals");
const KEY_SERVICE: Both = ("大客户服务目标", "Key account service goals");
const KEY_MAINTENANCE: Both = ("大客户维护目标", "Key account maintenance goals");
const KEY_RECORDS: Both = ("大客户资料管理", "Key account records management");
const RECORDS_GOALS: Both = ("客户资料管理目标", "Customer records management goals");
const AFTER_SALES: Both = ("售后服务目标", "After-sales service goals");
const COMPLAINTS: Both = ("客户投诉管理目标", "Customer complaint management goals");
const RELATIONSHIP_MANAGEMENT: Both = ("客户关系管理目标", "Customer relationship management goals");
const INFORMATION: Both = ("信息收集目标", "Information gathering goals");

// Lines that two tables share word for word.
const KEY_PLAN_DONE: Both = (
    "组织实施大客户开发工作，确保大客户开发计划 100% 地完成",
    "Organise key account development and ensure the key account development plan is 100% completed",
);
const RELATIONSHIP_PLAN: Both = (
    "负责草拟《客户关系维护计划》，经领导审核后，100% 地贯彻执行",
    "Draft the Customer Relationship Maintenance Plan and, once management has approved it, carry it out 100%",
);
const COMPLAINT_SATISFACTION: Both = (
    "努力提高业务水平，确保客户对投诉解决的满意率达到____% 以上",
    "Keep improving professional skills so that customers' satisfaction rate with complaint resolution reaches ____% or above",
);

/// 表 1-4 to 1-9 as in the textbook (Chinese: the course's own words), with English.
pub const GOAL_TABLES: &[GoalTable] = &[
    GoalTable {
        number: "1-4",
        title: "客户管理岗位工作目标",
        title_en: "Goals of the customer management position",
        lines: &[
            line("1-4.1.1", SERVICE_SYSTEM, ("规范客户服务标准，完善客户服务体系", "Standardise customer service and improve the customer service system")),
            line("1-4.1.2", SERVICE_SYSTEM, ("按时组织制定《客户服务计划》，并保证服务计划 100% 得到贯彻执行", "Organise the drafting of the Customer Service Plan on time and ensure the plan is 100% carried out")),
            line("1-4.1.3", SERVICE_SYSTEM, ("及时编制各项客户服务管理制度，并确保各项制度 100% 地得到执行", "Draw up the customer service management rules in good time and ensure every rule is 100% enforced")),
            line("1-4.2.1", DEVELOPMENT, ("及时组织针对目标客户的市场调查活动，完成客户市场调研任务", "Organise market surveys of target customers in good time and complete the customer market research tasks")),
            line("1-4.2.2", DEVELOPMENT, ("按时组织制定《客户开发计划》，监督客户开发工作，确保按时完成《客户开发计划》", "Organise the drafting of the Customer Development Plan on time, supervise customer development and ensure the Customer Development Plan is completed on time")),
            line("1-4.3.1", KEY_MANAGEMENT, KEY_PLAN_DONE),
            line("1-4.3.2", KEY_MANAGEMENT, ("严格要求大客户服务人员，确保大客户服务标准、激励措施等得到 100% 地贯彻实施", "Hold key account service staff to strict standards and ensure key account service standards, incentives, etc. are 100% implemented")),
            measured("1-4.3.3", KEY_MANAGEMENT, ("指导下属人员做好大客户关系维护工作，确保大客户满意度____% 以上", "Guide subordinates in maintaining key account relationships and keep key account satisfaction at ____% or above"), KeyAccountSatisfaction),
            line("1-4.4.1", RELATIONSHIP, RELATIONSHIP_PLAN),
            measured("1-4.4.2", RELATIONSHIP, ("指导下属人员做好客户回访、接待、提案等工作，确保客户满意度在____% 以上", "Guide subordinates in customer callbacks, reception, proposals, etc. and keep customer satisfaction at ____% or above"), Satisfaction),
        ],
    },
    GoalTable {
        number: "1-5",
        title: "客户开发岗位工作目标",
        title_en: "Goals of the customer development position",
        lines: &[
            line("1-5.1.1", RESEARCH, ("做好针对目标客户相关信息的调查与收集工作，确保收集的信息准确、及时", "Survey and collect information on target customers, ensuring the information collected is accurate and timely")),
            line("1-5.1.2", RESEARCH, ("对调查的信息进行汇总分析，准确了解目标客户现状，并对客户需求进行评估", "Compile and analyse the survey information, understand the target customers' current situation accurately and assess their needs")),
            line("1-5.2.1", DEVELOPMENT_MANAGEMENT, ("根据对客户调研结果的分析，及时编制具体的《客户开发计划》", "From the analysis of the customer research results, draw up a detailed Customer Development Plan in good time")),
            line("1-5.2.2", DEVELOPMENT_MANAGEMENT, ("与相关部门配合，按时完成客户开发工作", "Work with the departments concerned to complete customer development on time")),
            fixed("1-5.3.1", RECORDS, ("及时整理客户调研及客户开发的相关资料，确保资料完整率达到 100%", "Organise the customer research and development records in good time, keeping the records completeness rate at 100%"), DataCompleteness, 100.0),
            line("1-5.3.2", RECORDS, ("及时将需要归档的材料送交档案管理人员，保证资料及时归档", "Send the materials to be filed to the records staff promptly, so that records are filed in good time")),
        ],
    },
    GoalTable {
        number: "1-6",
        title: "大客户管理岗位工作目标",
        title_en: "Goals of the key account management position",
        lines: &[
            line("1-6.1.1", KEY_DEVELOPMENT, ("做好大客户开发的前期调查工作，准确把握客户需求", "Carry out the preliminary research for key account development and grasp customer needs accurately")),
            line("1-6.1.2", KEY_DEVELOPMENT, KEY_PLAN_DONE),
            line("1-6.2.1", KEY_SERVICE, ("制定完善的大客户管理制度，并根据大客户的实际情况，制订相应的服务方案", "Establish thorough key account management rules and draw up service plans suited to each key account's actual situation")),
            line("1-6.2.2", KEY_SERVICE, ("及时了解大客户需求与反馈意见，保证公司与大客户之间沟通的及时性与畅通性", "Keep up to date with key accounts' needs and feedback, so that communication between the company and its key accounts is timely and smooth")),
            measured("1-6.3.1", KEY_MAINTENANCE, ("根据工作需要和相关标准，进行大客户回访，争取大客户的回访率达到____%", "Make callbacks to key accounts as the work and the relevant standards require, aiming for a key account callback rate of ____%"), KeyAccountCallbackRate),
            measured("1-6.3.2", KEY_MAINTENANCE, ("维护并巩固公司与大客户的关系，不断提高公司服务水平，大客户满意度评价达到____分", "Maintain and strengthen the company's relationships with key accounts and keep raising its service level, so that key accounts rate their satisfaction at ____ points"), KeyAccountScore),
            fixed("1-6.4.1", KEY_RECORDS, ("及时对大客户管理的相关资料进行整理，确保资料完整率达到 100%", "Organise the key account management records in good time, keeping the records completeness rate at 100%"), DataCompleteness, 100.0),
            line("1-6.4.2", KEY_RECORDS, ("建立完善的大客户档案，并根据大客户实际情况的变化及时对相应的信息进行变更，对需要归档的材料送交档案管理人员，保证资料归档及时", "Build complete key account files and update them promptly as key accounts' circumstances change; send the materials to be filed to the records staff, so that records are filed in good time")),
        ],
    },
    GoalTable {
        number: "1-7",
        title: "客户关系岗位工作目标",
        title_en: "Goals of the customer relationship position",
        lines: &[
            line("1-7.1.1", RELATIONSHIP, RELATIONSHIP_PLAN),
            measured("1-7.1.2", RELATIONSHIP, ("做好客户回访、接待、提案等客户关系维护工作，确保客户满意度达到____%", "Carry out callbacks, reception, proposals and other relationship maintenance work, so that customer satisfaction reaches ____%"), Satisfaction),
            line("1-7.1.3", RELATIONSHIP, ("做好客户关系维护工作总结，及时提出客户关系改善建议", "Write up the relationship maintenance work and propose improvements to customer relationships in good time")),
            fixed("1-7.2.1", RECORDS_GOALS, ("及时对客户关系维护过程中产生的资料进行整理，确保资料完整率达到 100%", "Organise the records produced in relationship maintenance in good time, keeping the records completeness rate at 100%"), DataCompleteness, 100.0),
            line("1-7.2.2", RECORDS_GOALS, ("及时将需要归档的材料送交档案管理人员，保证资料归档及时", "Send the materials to be filed to the records staff promptly, so that records are filed in good time")),
        ],
    },
    GoalTable {
        number: "1-8",
        title: "售后服务岗位工作目标",
        title_en: "Goals of the after-sales service position",
        lines: &[
            line("1-8.1.1", AFTER_SALES, ("严格执行各项售后服务制度，确保各项服务标准得到 100% 的贯彻执行", "Strictly follow the after-sales service rules and ensure every service standard is 100% carried out")),
            measured("1-8.1.2", AFTER_SALES, ("做好售后服务管理工作，提升客户对售后服务工作的满意度，大客户满意率达到____%", "Manage after-sales service well and raise customers' satisfaction with it, so that the key account satisfaction rate reaches ____%"), KeyAccountSatisfaction),
            measured("1-8.1.3", AFTER_SALES, ("一般客户满意率达到____% 以上", "The satisfaction rate of other customers reaches ____% or above"), OtherSatisfaction),
            measured("1-8.2.1", COMPLAINTS, ("客户投诉处理及时，客户投诉解决及时率达到____%", "Handle customer complaints promptly, so that the on-time complaint resolution rate reaches ____%"), ComplaintOnTime),
            measured("1-8.2.2", COMPLAINTS, COMPLAINT_SATISFACTION, ComplaintSatisfaction),
            measured("1-8.3.1", RELATIONSHIP_MANAGEMENT, ("根据公司的需要，合理安排相关人员对客户进行回访，客户回访率达到____%", "Arrange staff sensibly to make callbacks to customers as the company needs, so that the customer callback rate reaches ____%"), CallbackRate),
            line("1-8.3.2", RELATIONSHIP_MANAGEMENT, ("对客户提交的问题进行处理，并将处理结果及时反馈给客户", "Deal with the issues customers raise and report the outcome to them promptly")),
            line("1-8.4.1", INFORMATION, ("了解和掌握客户对公司产品或服务的意见及要求，确保信息收集及时、有效", "Learn customers' opinions of and requirements for the company's products or services, gathering the information promptly and effectively")),
            line("1-8.4.2", INFORMATION, ("将客户反映的信息反馈给公司相关部门，确保信息反馈及时率达到____% 以上", "Pass the information customers report on to the company's departments concerned, so that the on-time feedback rate reaches ____% or above")),
        ],
    },
    GoalTable {
        number: "1-9",
        title: "客户投诉岗位工作目标",
        title_en: "Goals of the customer complaints position",
        lines: &[
            measured("1-9.1.1", COMPLAINTS, ("严格按照《客户投诉处理规章制度》执行，客户投诉处理及时率达到____% 以上", "Strictly follow the Customer Complaint Handling Rules, so that the on-time complaint handling rate reaches ____% or above"), ComplaintOnTime),
            measured("1-9.1.2", COMPLAINTS, ("密切与其他相关部门的联系，使客户投诉解决率达到____%", "Work closely with the other departments concerned, so that the complaint resolution rate reaches ____%"), ComplaintResolution),
            measured("1-9.1.3", COMPLAINTS, COMPLAINT_SATISFACTION, ComplaintSatisfaction),
        ],
    },
];

/// Whether a line has a blank for the student's target.
pub fn has_blank(line: &GoalLine) -> bool {
    line.text.contains("____")
}

/// Whether `actual` meets `target` (a figure at the target meets it).
pub fn met(actual: f64, target: f64) -> bool {
    actual + 1e-9 >= target
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    #[test]
    fn every_blank_of_the_tables_is_a_target_and_keys_are_unique() {
        let lines: Vec<&GoalLine> = GOAL_TABLES.iter().flat_map(|t| t.lines.iter()).collect();
        let keys: HashSet<&str> = lines.iter().map(|l| l.key).collect();
        assert_eq!(keys.len(), lines.len());
        // 表 1-4 has 2 blanks, 1-6 two, 1-7 one, 1-8 six (two in one sentence, split), 1-9 three.
        assert_eq!(lines.iter().filter(|l| has_blank(l)).count(), 14);
        // Every blank but the feedback rate is measured by Kehu.
        let unmeasured: Vec<&str> =
            lines.iter().filter(|l| has_blank(l) && l.measure.is_none()).map(|l| l.key).collect();
        assert_eq!(unmeasured, ["1-8.4.2"]);
        assert!(lines.iter().all(|l| l.key.starts_with(&format!("{}.", &l.key[..3]))));
    }

    #[test]
    fn each_goal_is_measured_by_the_figure_its_text_names() {
        let lines = GOAL_TABLES.iter().flat_map(|t| t.lines.iter());
        for l in lines.filter(|l| l.measure.is_some()) {
            let m = l.measure.unwrap();
            // A goal that says 回访率 gets a callback rate, and only such a goal does.
            let callback = matches!(m, CallbackRate | KeyAccountCallbackRate);
            assert_eq!(l.text.contains("回访率"), callback, "{}", l.key);
            // A goal that says 及时率 gets the on-time complaint rate, and only such a goal does.
            assert_eq!(l.text.contains("及时率"), m == ComplaintOnTime, "{}", l.key);
            // 大客户 figures only for goals about key accounts.
            if matches!(m, KeyAccountCallbackRate | KeyAccountSatisfaction | KeyAccountScore) {
                assert!(l.text.contains("大客户"), "{}", l.key);
            }
        }
        let by_key = |k: &str| GOAL_TABLES.iter().flat_map(|t| t.lines).find(|l| l.key == k).unwrap().measure;
        assert_eq!(by_key("1-6.3.1"), Some(KeyAccountCallbackRate));
        assert_eq!(by_key("1-8.3.1"), Some(CallbackRate));
        assert_eq!(by_key("1-8.2.1"), Some(ComplaintOnTime));
        assert_eq!(by_key("1-9.1.1"), Some(ComplaintOnTime));
    }

    /// Whether `s` holds a CJK character (ideographs or CJK punctuation and full-width forms).
    fn has_cjk(s: &str) -> bool {
        s.chars().any(|c| matches!(c, '\u{3000}'..='\u{303f}' | '\u{3400}'..='\u{9fff}' | '\u{ff00}'..='\u{ffef}'))
    }

    #[test]
    fn every_title_goal_and_line_has_english_with_the_same_blanks() {
        assert!(has_cjk("大客户") && has_cjk("，") && !has_cjk("Key accounts, 100% ____"));
        for t in GOAL_TABLES {
            assert!(!t.title_en.is_empty() && !has_cjk(t.title_en), "{}", t.number);
            for l in t.lines {
                assert!(!l.area_en.is_empty() && !has_cjk(l.area_en), "{}", l.key);
                assert!(!l.text_en.is_empty() && !has_cjk(l.text_en), "{}", l.key);
                assert_eq!(l.text_en.matches("____").count(), l.text.matches("____").count(), "{}", l.key);
                // A fixed figure stays: "100%" in Chinese is "100%" in English.
                assert_eq!(l.text_en.contains("100%"), l.text.contains("100%"), "{}", l.key);
            }
        }
        // The English names the figure the Chinese names.
        for l in GOAL_TABLES.iter().flat_map(|t| t.lines).filter(|l| l.measure.is_some()) {
            let m = l.measure.unwrap();
            assert_eq!(
                l.text_en.contains("callback rate"),
                matches!(m, CallbackRate | KeyAccountCallbackRate),
                "{}",
                l.key
            );
            assert_eq!(l.text_en.contains("on-time"), m == ComplaintOnTime, "{}", l.key);
        }
        let by_key = |k: &str| *GOAL_TABLES.iter().flat_map(|t| t.lines).find(|l| l.key == k).unwrap();
        assert_eq!(by_key("1-6.3.2").text_en.matches("____ points").count(), 1);
        assert_eq!(GOAL_TABLES[2].title_en, "Goals of the key account management position");
    }

    #[test]
    fn a_figure_at_the_target_meets_it() {
        assert!(met(95.0, 95.0));
        assert!(!met(94.99, 95.0));
        assert!(met(4.2, 4.0));
    }
}
