//! The sample's customer-service department (项目一): a director, three managers and
//! their teams, every span within 表 1-1 and every duty area held.

use super::common::{base_time, Rng};
use crate::model::job::JobDescription;
use crate::model::org::{DutyArea, OrgLevel, OrgUnit};

/// A position of the sample: (title, level, parent's index in [`CHART`], head count, duties).
type SamplePosition = (&'static str, OrgLevel, Option<usize>, u32, &'static [DutyArea]);

/// The org chart.
const CHART: &[SamplePosition] = &[
    ("客服总监", OrgLevel::Director, None, 1, &[DutyArea::Organisation]),
    ("客户关系部经理", OrgLevel::Manager, Some(0), 1, &[]),
    ("售后服务部经理", OrgLevel::Manager, Some(0), 1, &[]),
    ("呼叫中心经理", OrgLevel::Manager, Some(0), 1, &[]),
    ("客户关系主管", OrgLevel::Supervisor, Some(1), 1, &[]),
    ("大客户专员", OrgLevel::Specialist, Some(1), 2, &[DutyArea::KeyAccounts]),
    ("客户信息专员", OrgLevel::Specialist, Some(1), 2, &[DutyArea::CustomerInformation]),
    ("客户关系维护专员", OrgLevel::Specialist, Some(4), 8, &[DutyArea::DailyRelations]),
    ("售后服务专员", OrgLevel::Specialist, Some(2), 6, &[DutyArea::AfterSales]),
    ("呼叫中心主管", OrgLevel::Supervisor, Some(3), 1, &[DutyArea::CallCenter]),
    ("投诉处理专员", OrgLevel::Specialist, Some(3), 4, &[DutyArea::Complaints]),
    ("话务员", OrgLevel::Specialist, Some(9), 12, &[DutyArea::CallCenter]),
];

/// The sample's org units.
pub(super) fn org(seed: u64) -> Vec<OrgUnit> {
    let mut rng = Rng(seed ^ 0x4F52_4721);
    let ids: Vec<String> = CHART.iter().map(|_| rng.uuid()).collect();
    let at = base_time();
    CHART
        .iter()
        .enumerate()
        .map(|(i, (title, level, parent, heads, duties))| OrgUnit {
            sample: false,
            id: ids[i].clone().into(),
            title: (*title).to_owned(),
            level: *level,
            parent_id: parent.map(|p| ids[p].clone()).unwrap_or_default().into(),
            head_count: *heads,
            position: i as u32,
            duties: duties.to_vec(),
            note: String::new(),
            created_at: at,
            updated_at: at,
            deleted_at: None,
        })
        .collect()
}

/// The sample's job description: the textbook's 售后服务专员 (表 1-2), completed for
/// the real-estate company.
pub(super) fn jobs(seed: u64) -> Vec<JobDescription> {
    let mut rng = Rng(seed ^ 0x4A4F_4253);
    let at = base_time();
    let mut jd = JobDescription::textbook_sample(rng.uuid(), at);
    jd.department = "客户服务部（售后服务组）".into();
    jd.reports_to = "售后服务部经理".into();
    jd.level = "专员级".into();
    jd.number = "KF-SH-001".into();
    jd.subordinates = "无".into();
    jd.pay_grade = "专员 3 级".into();
    jd.pay_type = "岗位工资 + 绩效奖金".into();
    jd.analysis_date = chrono::NaiveDate::from_ymd_opt(2025, 12, 15);
    jd.why = "保证业主交房后的维修、退换和投诉得到及时处理，维护公司口碑".into();
    jd.within = "在售后服务制度和费用标准内受理、派工、回访，重大投诉上报经理".into();
    jd.what = "受理报修与投诉、跟进处理、建立售后档案、回访业主".into();
    jd.management_scope = "不直接管理人员；协调维修班组完成派工".into();
    jd.performance_standards = "报修 24 小时内响应；投诉处理及时率 95% 以上；回访率 100%；业主满意率 90% 以上".into();
    jd.signed_by = "李经理".into();
    jd.signed_on = chrono::NaiveDate::from_ymd_opt(2026, 1, 5);
    jd.valid_from = chrono::NaiveDate::from_ymd_opt(2026, 1, 1);
    jd.valid_until = chrono::NaiveDate::from_ymd_opt(2026, 12, 31);
    vec![jd]
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::org::{span_warnings, unheld_duties};
    use crate::model::settings::OrgSettings;

    #[test]
    fn the_sample_chart_keeps_every_span_and_holds_every_duty() {
        let units = org(2026);
        assert_eq!(span_warnings(&units, &OrgSettings::default()), vec![]);
        assert_eq!(unheld_duties(&units), vec![]);
        assert_eq!(units.iter().map(|u| u.head_count).sum::<u32>(), 40);
    }

    #[test]
    fn the_sample_job_description_is_complete() {
        let jobs = jobs(2026);
        assert_eq!(jobs[0].missing(), Vec::<&str>::new());
        assert!(crate::model::Record::validate(&jobs[0]).is_empty());
    }
}
