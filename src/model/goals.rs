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
/// measures for it, if anything.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct GoalLine {
    /// A stable key, `table.area.line` (`1-4.3.3`), under which the target is kept.
    pub key: &'static str,
    /// The overall goal.
    pub area: &'static str,
    /// The text.
    pub text: &'static str,
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
    /// The lines.
    pub lines: &'static [GoalLine],
}

const fn line(key: &'static str, area: &'static str, text: &'static str) -> GoalLine {
    GoalLine { key, area, text, measure: None, fixed_target: None }
}

const fn measured(key: &'static str, area: &'static str, text: &'static str, m: Measure) -> GoalLine {
    GoalLine { key, area, text, measure: Some(m), fixed_target: None }
}

const fn fixed(key: &'static str, area: &'static str, text: &'static str, m: Measure, target: f64) -> GoalLine {
    GoalLine { key, area, text, measure: Some(m), fixed_target: Some(target) }
}

use Measure::*;

/// 表 1-4 to 1-9 as in the textbook (Chinese: the course's own words).
pub const GOAL_TABLES: &[GoalTable] = &[
    GoalTable {
        number: "1-4",
        title: "客户管理岗位工作目标",
        lines: &[
            line("1-4.1.1", "客户服务体系建设目标", "规范客户服务标准，完善客户服务体系"),
            line("1-4.1.2", "客户服务体系建设目标", "按时组织制定《客户服务计划》，并保证服务计划 100% 得到贯彻执行"),
            line("1-4.1.3", "客户服务体系建设目标", "及时编制各项客户服务管理制度，并确保各项制度 100% 地得到执行"),
            line("1-4.2.1", "客户开发目标", "及时组织针对目标客户的市场调查活动，完成客户市场调研任务"),
            line("1-4.2.2", "客户开发目标", "按时组织制定《客户开发计划》，监督客户开发工作，确保按时完成《客户开发计划》"),
            line("1-4.3.1", "大客户管理目标", "组织实施大客户开发工作，确保大客户开发计划 100% 地完成"),
            line("1-4.3.2", "大客户管理目标", "严格要求大客户服务人员，确保大客户服务标准、激励措施等得到 100% 地贯彻实施"),
            measured("1-4.3.3", "大客户管理目标", "指导下属人员做好大客户关系维护工作，确保大客户满意度____% 以上", KeyAccountSatisfaction),
            line("1-4.4.1", "客户关系维护目标", "负责草拟《客户关系维护计划》，经领导审核后，100% 地贯彻执行"),
            measured("1-4.4.2", "客户关系维护目标", "指导下属人员做好客户回访、接待、提案等工作，确保客户满意度在____% 以上", Satisfaction),
        ],
    },
    GoalTable {
        number: "1-5",
        title: "客户开发岗位工作目标",
        lines: &[
            line("1-5.1.1", "客户调研目标", "做好针对目标客户相关信息的调查与收集工作，确保收集的信息准确、及时"),
            line("1-5.1.2", "客户调研目标", "对调查的信息进行汇总分析，准确了解目标客户现状，并对客户需求进行评估"),
            line("1-5.2.1", "客户开发管理目标", "根据对客户调研结果的分析，及时编制具体的《客户开发计划》"),
            line("1-5.2.2", "客户开发管理目标", "与相关部门配合，按时完成客户开发工作"),
            fixed("1-5.3.1", "客户资料管理", "及时整理客户调研及客户开发的相关资料，确保资料完整率达到 100%", DataCompleteness, 100.0),
            line("1-5.3.2", "客户资料管理", "及时将需要归档的材料送交档案管理人员，保证资料及时归档"),
        ],
    },
    GoalTable {
        number: "1-6",
        title: "大客户管理岗位工作目标",
        lines: &[
            line("1-6.1.1", "大客户开发目标", "做好大客户开发的前期调查工作，准确把握客户需求"),
            line("1-6.1.2", "大客户开发目标", "组织实施大客户开发工作，确保大客户开发计划 100% 地完成"),
            line("1-6.2.1", "大客户服务目标", "制定完善的大客户管理制度，并根据大客户的实际情况，制订相应的服务方案"),
            line("1-6.2.2", "大客户服务目标", "及时了解大客户需求与反馈意见，保证公司与大客户之间沟通的及时性与畅通性"),
            measured("1-6.3.1", "大客户维护目标", "根据工作需要和相关标准，进行大客户回访，争取大客户的回访率达到____%", KeyAccountCallbackRate),
            measured("1-6.3.2", "大客户维护目标", "维护并巩固公司与大客户的关系，不断提高公司服务水平，大客户满意度评价达到____分", KeyAccountScore),
            fixed("1-6.4.1", "大客户资料管理", "及时对大客户管理的相关资料进行整理，确保资料完整率达到 100%", DataCompleteness, 100.0),
            line("1-6.4.2", "大客户资料管理", "建立完善的大客户档案，并根据大客户实际情况的变化及时对相应的信息进行变更，对需要归档的材料送交档案管理人员，保证资料归档及时"),
        ],
    },
    GoalTable {
        number: "1-7",
        title: "客户关系岗位工作目标",
        lines: &[
            line("1-7.1.1", "客户关系维护目标", "负责草拟《客户关系维护计划》，经领导审核后，100% 地贯彻执行"),
            measured("1-7.1.2", "客户关系维护目标", "做好客户回访、接待、提案等客户关系维护工作，确保客户满意度达到____%", Satisfaction),
            line("1-7.1.3", "客户关系维护目标", "做好客户关系维护工作总结，及时提出客户关系改善建议"),
            fixed("1-7.2.1", "客户资料管理目标", "及时对客户关系维护过程中产生的资料进行整理，确保资料完整率达到 100%", DataCompleteness, 100.0),
            line("1-7.2.2", "客户资料管理目标", "及时将需要归档的材料送交档案管理人员，保证资料归档及时"),
        ],
    },
    GoalTable {
        number: "1-8",
        title: "售后服务岗位工作目标",
        lines: &[
            line("1-8.1.1", "售后服务目标", "严格执行各项售后服务制度，确保各项服务标准得到 100% 的贯彻执行"),
            measured("1-8.1.2", "售后服务目标", "做好售后服务管理工作，提升客户对售后服务工作的满意度，大客户满意率达到____%", KeyAccountSatisfaction),
            measured("1-8.1.3", "售后服务目标", "一般客户满意率达到____% 以上", OtherSatisfaction),
            measured("1-8.2.1", "客户投诉管理目标", "客户投诉处理及时，客户投诉解决及时率达到____%", ComplaintOnTime),
            measured("1-8.2.2", "客户投诉管理目标", "努力提高业务水平，确保客户对投诉解决的满意率达到____% 以上", ComplaintSatisfaction),
            measured("1-8.3.1", "客户关系管理目标", "根据公司的需要，合理安排相关人员对客户进行回访，客户回访率达到____%", CallbackRate),
            line("1-8.3.2", "客户关系管理目标", "对客户提交的问题进行处理，并将处理结果及时反馈给客户"),
            line("1-8.4.1", "信息收集目标", "了解和掌握客户对公司产品或服务的意见及要求，确保信息收集及时、有效"),
            line("1-8.4.2", "信息收集目标", "将客户反映的信息反馈给公司相关部门，确保信息反馈及时率达到____% 以上"),
        ],
    },
    GoalTable {
        number: "1-9",
        title: "客户投诉岗位工作目标",
        lines: &[
            measured("1-9.1.1", "客户投诉管理目标", "严格按照《客户投诉处理规章制度》执行，客户投诉处理及时率达到____% 以上", ComplaintOnTime),
            measured("1-9.1.2", "客户投诉管理目标", "密切与其他相关部门的联系，使客户投诉解决率达到____%", ComplaintResolution),
            measured("1-9.1.3", "客户投诉管理目标", "努力提高业务水平，确保客户对投诉解决的满意率达到____% 以上", ComplaintSatisfaction),
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

    #[test]
    fn a_figure_at_the_target_meets_it() {
        assert!(met(95.0, 95.0));
        assert!(!met(94.99, 95.0));
        assert!(met(4.2, 4.0));
    }
}
