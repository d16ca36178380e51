//! The sample's customer-service department (项目一): a director, three managers and
//! their teams, every span within 表 1-1 and every duty area held.

use super::sample::{base_time, Rng};
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
            id: ids[i].clone(),
            title: (*title).to_owned(),
            level: *level,
            parent_id: parent.map(|p| ids[p].clone()).unwrap_or_default(),
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
}
