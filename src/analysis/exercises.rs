//! The course's practical tasks (实训) with automatic checks: for every 任务 of the
//! six projects, and the 任务提出 / 实战训练 tasks of 项目一, the criteria a workbook
//! must meet, each read from the workbook's records.

use std::collections::HashSet;

use crate::model::complaint::ComplaintStep;
use crate::model::org::{DutyArea, OrgLevel};
use crate::model::service::ServiceKind;
use crate::model::settings::{OrgSettings, SettingValue};
use crate::model::ticket::TicketStatus;
use crate::model::visit::VisitStatus;
use crate::workbook::Collections;

/// One criterion: its words in Chinese and English, and the check.
pub struct Criterion {
    /// What is checked, in Chinese.
    pub zh: &'static str,
    /// What is checked, in English.
    pub en: &'static str,
    /// Whether the workbook meets it.
    pub check: fn(&Collections) -> bool,
}

/// One exercise.
pub struct Exercise {
    /// A stable id (`p1-t1`), under which feedback is kept.
    pub id: &'static str,
    /// The project, 1–6.
    pub project: u8,
    /// Its title in Chinese (the textbook's words).
    pub zh: &'static str,
    /// Its title in English.
    pub en: &'static str,
    /// Where it is done.
    pub href: &'static str,
    /// What must hold.
    pub criteria: &'static [Criterion],
}

fn live<T: crate::model::Record>(v: &[T]) -> impl Iterator<Item = &T> {
    v.iter().filter(|r| !r.is_trashed())
}

fn org_rules(c: &Collections) -> OrgSettings {
    c.settings
        .iter()
        .find_map(|s| match &s.value {
            SettingValue::Org(o) if s.deleted_at.is_none() => Some(o.clone()),
            _ => None,
        })
        .unwrap_or_default()
}

fn units(c: &Collections) -> Vec<crate::model::org::OrgUnit> {
    live(&c.org_units).cloned().collect()
}

fn has_director(c: &Collections) -> bool {
    live(&c.org_units).any(|u| u.level == OrgLevel::Director)
}

fn three_levels(c: &Collections) -> bool {
    crate::analysis::org::layout(&units(c)).iter().map(|p| p.depth).max().is_some_and(|d| d >= 2)
}

fn no_span_warnings(c: &Collections) -> bool {
    !c.org_units.is_empty() && crate::analysis::org::span_warnings(&units(c), &org_rules(c)).is_empty()
}

fn every_duty_held(c: &Collections) -> bool {
    crate::analysis::org::unheld_duties(&units(c)).is_empty()
}

fn a_complete_job_description(c: &Collections) -> bool {
    live(&c.job_descriptions).any(|j| j.missing().is_empty())
}

fn a_specialist_job_description(c: &Collections) -> bool {
    live(&c.job_descriptions).any(|j| j.title.contains("专员") && j.missing().is_empty())
}

fn call_center_duty(c: &Collections) -> bool {
    live(&c.org_units).any(|u| u.duties.contains(&DutyArea::CallCenter))
}

fn self_check(c: &Collections) -> bool {
    !c.self_checks.iter().all(|s| s.deleted_at.is_some())
}

fn records_of(c: &Collections, kind: ServiceKind, n: usize) -> bool {
    live(&c.service_records).filter(|r| r.kind == kind).count() >= n
}

fn receptions(c: &Collections) -> bool {
    records_of(c, ServiceKind::Reception, 3)
}

fn phone_calls(c: &Collections) -> bool {
    records_of(c, ServiceKind::InboundCall, 3)
}

fn callbacks_done(c: &Collections) -> bool {
    live(&c.callbacks).filter(|b| b.done_on.is_some() && b.score.is_some()).count() >= 3
}

fn ticket_closed(c: &Collections) -> bool {
    live(&c.tickets).any(|t| t.flow.status() == TicketStatus::Closed)
}

fn survey_designed(c: &Collections) -> bool {
    live(&c.surveys).any(|s| s.questions.len() >= 5)
}

fn survey_answered(c: &Collections) -> bool {
    live(&c.surveys)
        .any(|s| s.questions.len() >= 5 && live(&c.survey_responses).filter(|r| r.survey_id == s.id).count() >= 10)
}

fn opportunities(c: &Collections) -> bool {
    live(&c.opportunities).count() >= 5
}

fn opportunity_won(c: &Collections) -> bool {
    let won: HashSet<&str> = live(&c.pipeline_stages).filter(|s| s.won).map(|s| s.id.as_str()).collect();
    live(&c.opportunities).any(|o| won.contains(o.stage_id.as_str()))
}

fn twenty_complete_customers(c: &Collections) -> bool {
    live(&c.customers).filter(|x| x.completeness() >= 0.8).count() >= 20
}

fn visit_done(c: &Collections) -> bool {
    live(&c.visits).any(|v| v.status == VisitStatus::Done && !v.result.trim().is_empty())
}

fn visit_planned_with_checklist(c: &Collections) -> bool {
    live(&c.visits).any(|v| !v.prep.is_empty())
}

fn orders_for_analysis(c: &Collections) -> bool {
    live(&c.orders).map(|o| o.customer_id.as_str()).collect::<HashSet<_>>().len() >= 10
}

fn key_account_file(c: &Collections) -> bool {
    live(&c.key_accounts).any(|k| !k.decision_makers.is_empty() && !k.service_plan.trim().is_empty())
}

fn key_account_callback(c: &Collections) -> bool {
    let accounts: HashSet<&str> = live(&c.key_accounts).map(|k| k.customer_id.as_str()).collect();
    live(&c.callbacks).any(|b| b.done_on.is_some() && accounts.contains(b.customer_id.as_str()))
}

fn relationship_activity(c: &Collections) -> bool {
    live(&c.account_activities).count() >= 2
}

fn event_plan(c: &Collections) -> bool {
    live(&c.event_plans).any(|e| !e.invitees.is_empty() && !e.budget.is_empty() && !e.agenda.is_empty())
}

fn complaint_archived(c: &Collections) -> bool {
    live(&c.complaints).any(|k| k.current_step() == Some(ComplaintStep::Archived) && k.satisfaction.is_some())
}

fn care_done(c: &Collections) -> bool {
    live(&c.care_actions).count() >= 3
}

fn points_redeemed(c: &Collections) -> bool {
    live(&c.point_entries).any(|p| p.kind == crate::model::loyalty::PointKind::Redeemed)
}

fn preference_profiles(c: &Collections) -> bool {
    live(&c.preferences).count() >= 3
}

fn service_rule(c: &Collections) -> bool {
    live(&c.service_rules).count() >= 1
}

fn customers_with_orders_and_service(c: &Collections) -> bool {
    live(&c.customers).count() >= 20 && live(&c.orders).count() >= 20 && live(&c.service_records).count() >= 10
}

fn settings_set(c: &Collections) -> bool {
    live(&c.settings).count() >= 1
}

fn calls_logged(c: &Collections) -> bool {
    live(&c.calls).count() >= 20
}

fn calls_with_agents(c: &Collections) -> bool {
    live(&c.calls).filter_map(|k| (!k.agent.trim().is_empty()).then_some(k.agent.trim())).collect::<HashSet<_>>().len()
        >= 2
}

macro_rules! criteria {
    ($(($zh:literal, $en:literal, $f:expr)),* $(,)?) => {
        &[$(Criterion { zh: $zh, en: $en, check: $f }),*]
    };
}

/// Every exercise, project by project.
pub const EXERCISES: &[Exercise] = &[
    Exercise {
        id: "p1-t1",
        project: 1,
        zh: "任务一 设计客户服务部门组织结构",
        en: "Design the service department's organisation",
        href: "/org",
        criteria: criteria![
            ("组织结构中有客服总监", "The chart has a director", has_director),
            ("至少三个层级", "At least three levels", three_levels),
            ("没有管理跨度警告", "No span-of-control warning", no_span_warnings),
        ],
    },
    Exercise {
        id: "p1-t2",
        project: 1,
        zh: "任务二 编制客户服务部门的岗位说明书",
        en: "Write the department's job descriptions",
        href: "/jobs",
        criteria: criteria![(
            "至少一份岗位说明书的各项要素齐全",
            "One job description has every element",
            a_complete_job_description
        ),],
    },
    Exercise {
        id: "p1-q1",
        project: 1,
        zh: "任务提出 1 为房地产公司设计客服组织结构",
        en: "Task: the real-estate company's service org chart",
        href: "/org",
        criteria: criteria![
            ("组织结构中有客服总监", "The chart has a director", has_director),
            ("没有管理跨度警告", "No span-of-control warning", no_span_warnings),
        ],
    },
    Exercise {
        id: "p1-q2",
        project: 1,
        zh: "任务提出 2 撰写客户服务部门的岗位职责",
        en: "Task: the department's duties",
        href: "/org",
        criteria: criteria![("七项职责都有岗位负责", "Every one of the seven duty areas is held", every_duty_held),],
    },
    Exercise {
        id: "p1-q3",
        project: 1,
        zh: "任务提出 3 淘宝网店的客服组织结构与职责",
        en: "Task: a Taobao shop's service organisation and duties",
        href: "/org",
        criteria: criteria![
            ("至少三个层级", "At least three levels", three_levels),
            ("有岗位负责呼叫中心（在线客服）", "A position handles the call center (online service)", call_center_duty),
        ],
    },
    Exercise {
        id: "p1-s1",
        project: 1,
        zh: "实战训练 编写客服专员岗位说明书",
        en: "Practice: the service specialist's job description",
        href: "/jobs",
        criteria: criteria![(
            "一份“专员”岗位说明书要素齐全",
            "A specialist's job description has every element",
            a_specialist_job_description
        ),],
    },
    Exercise {
        id: "p2-t1",
        project: 2,
        zh: "任务一 客户服务礼仪",
        en: "Service etiquette",
        href: "/self-checks",
        criteria: criteria![("完成一次礼仪自查", "An etiquette self-check is recorded", self_check),],
    },
    Exercise {
        id: "p2-t2",
        project: 2,
        zh: "任务二 引导和接待客户",
        en: "Guiding and receiving customers",
        href: "/service",
        criteria: criteria![("至少 3 条接待记录", "At least 3 reception records", receptions),],
    },
    Exercise {
        id: "p2-t3",
        project: 2,
        zh: "任务三 电话受理和回访",
        en: "Handling calls and calling back",
        href: "/callbacks",
        criteria: criteria![
            ("至少 3 条来电受理记录", "At least 3 inbound-call records", phone_calls),
            ("至少 3 次完成并评分的回访", "At least 3 callbacks done and scored", callbacks_done),
        ],
    },
    Exercise {
        id: "p2-t4",
        project: 2,
        zh: "任务四 售后服务",
        en: "After-sales service",
        href: "/tickets",
        criteria: criteria![("至少一张售后工单已关闭", "At least one ticket closed", ticket_closed),],
    },
    Exercise {
        id: "p2-t5",
        project: 2,
        zh: "任务五 客户满意度管理",
        en: "Customer satisfaction",
        href: "/surveys",
        criteria: criteria![
            ("一份问卷至少 5 道题", "A survey with at least 5 questions", survey_designed),
            ("该问卷至少 10 份答卷", "At least 10 responses to it", survey_answered),
        ],
    },
    Exercise {
        id: "p3-t1",
        project: 3,
        zh: "任务一 开发潜在客户",
        en: "Developing prospects",
        href: "/pipeline",
        criteria: criteria![
            ("至少 5 个商机", "At least 5 opportunities", opportunities),
            ("至少一个商机成交", "At least one opportunity won", opportunity_won),
        ],
    },
    Exercise {
        id: "p3-t2",
        project: 3,
        zh: "任务二 客户信息搜集与分析",
        en: "Gathering and analysing customer information",
        href: "/insights",
        criteria: criteria![(
            "至少 20 位客户资料完整度 ≥ 80%",
            "At least 20 customers at least 80% complete",
            twenty_complete_customers
        ),],
    },
    Exercise {
        id: "p3-t3",
        project: 3,
        zh: "任务三 客户拜访和接近",
        en: "Visiting and approaching customers",
        href: "/visits",
        criteria: criteria![
            ("一次拜访有准备清单", "A visit planned with its checklist", visit_planned_with_checklist),
            ("一次拜访已完成并记录结果", "A visit done with its result", visit_done),
        ],
    },
    Exercise {
        id: "p4-t1",
        project: 4,
        zh: "任务一 识别大客户和建立大客户档案",
        en: "Identifying key accounts and opening their files",
        href: "/value",
        criteria: criteria![
            (
                "至少 10 位客户有订单（可做 ABC/RFM 分析）",
                "At least 10 customers with orders (for ABC/RFM)",
                orders_for_analysis
            ),
            (
                "一份大客户档案有决策人和服务计划",
                "A key-account file with decision makers and a service plan",
                key_account_file
            ),
        ],
    },
    Exercise {
        id: "p4-t2",
        project: 4,
        zh: "任务二 大客户回访",
        en: "Calling back key accounts",
        href: "/key-accounts",
        criteria: criteria![(
            "至少一次完成的大客户回访",
            "At least one key-account callback done",
            key_account_callback
        ),],
    },
    Exercise {
        id: "p4-t3",
        project: 4,
        zh: "任务三 大客户关系维护（含联谊会实施方案）",
        en: "Keeping key accounts (with an event plan)",
        href: "/events",
        criteria: criteria![
            ("至少 2 次关系维护活动", "At least 2 relationship activities", relationship_activity),
            ("联谊会方案有邀请名单、议程和预算", "An event plan with invitees, agenda and budget", event_plan),
        ],
    },
    Exercise {
        id: "p5-t1",
        project: 5,
        zh: "任务一 客户抱怨和投诉管理",
        en: "Handling complaints",
        href: "/complaints",
        criteria: criteria![(
            "一件投诉走完六步并记录满意度",
            "A complaint through all six steps with its rating",
            complaint_archived
        ),],
    },
    Exercise {
        id: "p5-t2",
        project: 5,
        zh: "任务二 实施客户关怀和忠诚度管理",
        en: "Care and loyalty",
        href: "/care",
        criteria: criteria![
            ("至少 3 次关怀已完成", "At least 3 care actions done", care_done),
            ("至少一次积分兑换", "At least one points redemption", points_redeemed),
        ],
    },
    Exercise {
        id: "p5-t3",
        project: 5,
        zh: "任务三 提供个性化服务",
        en: "Personalised service",
        href: "/suggestions",
        criteria: criteria![
            ("至少 3 份偏好档案", "At least 3 preference profiles", preference_profiles),
            ("至少一条细分服务规则", "At least one segment service rule", service_rule),
        ],
    },
    Exercise {
        id: "p6-t1",
        project: 6,
        zh: "任务一 熟悉 CRM 客户关系管理系统",
        en: "Getting to know a CRM system",
        href: "/dashboard",
        criteria: criteria![
            (
                "至少 20 位客户、20 笔订单、10 条服务记录",
                "At least 20 customers, 20 orders and 10 service records",
                customers_with_orders_and_service
            ),
            ("按企业情况设置过至少一项规则", "At least one rule set for the company", settings_set),
        ],
    },
    Exercise {
        id: "p6-t2",
        project: 6,
        zh: "任务二 了解呼叫中心",
        en: "Understanding the call center",
        href: "/calls",
        criteria: criteria![
            ("至少 20 条通话记录", "At least 20 calls logged", calls_logged),
            ("至少 2 名坐席的通话", "Calls of at least 2 agents", calls_with_agents),
        ],
    },
];

/// The result of one exercise's checks: which criteria hold.
pub fn check(exercise: &Exercise, c: &Collections) -> Vec<bool> {
    exercise.criteria.iter().map(|k| (k.check)(c)).collect()
}

/// Exercises done (every criterion met) and in all, for project `project`.
pub fn progress(c: &Collections, project: u8) -> (usize, usize) {
    let list: Vec<&Exercise> = EXERCISES.iter().filter(|e| e.project == project).collect();
    (list.iter().filter(|e| check(e, c).iter().all(|x| *x)).count(), list.len())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::workbook::sample::{sample_workbook, SampleCompany};

    fn by_id(id: &str) -> &'static Exercise {
        EXERCISES.iter().find(|e| e.id == id).unwrap()
    }

    #[test]
    fn every_task_of_the_table_of_contents_has_an_exercise_and_ids_are_unique() {
        let ids: HashSet<&str> = EXERCISES.iter().map(|e| e.id).collect();
        assert_eq!(ids.len(), EXERCISES.len());
        // 项目一 2 任务 + 3 任务提出 + 1 实战训练; 项目二 5; 项目三 3; 项目四 3; 项目五 3; 项目六 2.
        let per: Vec<usize> = (1..=6).map(|p| EXERCISES.iter().filter(|e| e.project == p).count()).collect();
        assert_eq!(per, [6, 5, 3, 3, 3, 2]);
        assert!(EXERCISES.iter().all(|e| !e.criteria.is_empty() && e.href.starts_with('/')));
    }

    #[test]
    fn an_empty_workbook_meets_nothing() {
        let c = Collections::default();
        for e in EXERCISES {
            assert!(check(e, &c).iter().all(|x| !x), "{}", e.id);
        }
        assert_eq!(progress(&c, 1), (0, 6));
    }

    #[test]
    fn the_sample_company_meets_what_it_holds() {
        let wb = sample_workbook(SampleCompany::RealEstate, 2026, 300);
        let c = &wb.collections;
        // The sample's org chart: a director, three levels, no span warning, every duty.
        assert_eq!(check(by_id("p1-t1"), c), [true, true, true]);
        assert_eq!(check(by_id("p1-q2"), c), [true]);
        assert_eq!(check(by_id("p1-t2"), c), [true]);
        assert_eq!(check(by_id("p6-t2"), c), [true, true]);
        // A survey of at least five questions with its answers.
        assert_eq!(check(by_id("p2-t5"), c), [true, true]);
        // Nobody redeemed points in the sample: the loyalty half is still to do.
        assert_eq!(check(by_id("p5-t2"), c), [true, false]);
    }

    #[test]
    fn span_warnings_and_duties_decide_the_org_exercises() {
        let mut wb = sample_workbook(SampleCompany::RealEstate, 2026, 30);
        let c = &mut wb.collections;
        // The 话务员 team grows to 16 under its supervisor (7–15): a span warning.
        let team = c.org_units.iter_mut().find(|u| u.title == "话务员").unwrap();
        team.head_count = 16;
        assert_eq!(check(by_id("p1-t1"), c), [true, true, false]);
        // Nobody handles complaints any more.
        for u in c.org_units.iter_mut() {
            u.duties.retain(|d| *d != DutyArea::Complaints);
        }
        assert_eq!(check(by_id("p1-q2"), c), [false]);
    }
}
