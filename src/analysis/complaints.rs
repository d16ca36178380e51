//! Complaint KPIs for a period (complaints received in it): on-time handling rate
//! (处理及时率 = resolved by the deadline ÷ resolved), resolution rate (解决率 =
//! resolved ÷ received), satisfaction with the resolution (满意率 = ratings ≥ 4 ÷
//! rated); complaints by category (for the Pareto chart) and by month.

use std::collections::BTreeMap;

use chrono::{DateTime, Datelike, Utc};

use super::rate::Rate;
use crate::model::complaint::{Complaint, ComplaintCategory};
use crate::model::Choice;

/// The KPIs of a set of complaints.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ComplaintKpis {
    /// Received.
    pub received: usize,
    /// 处理及时率.
    pub on_time: Rate,
    /// 解决率.
    pub resolution: Rate,
    /// 满意率.
    pub satisfaction: Rate,
}

/// The KPIs of the live complaints received within `from..=to`.
pub fn kpis<'a>(
    complaints: impl IntoIterator<Item = &'a Complaint>,
    from: DateTime<Utc>,
    to: DateTime<Utc>,
) -> ComplaintKpis {
    let list: Vec<&Complaint> = complaints
        .into_iter()
        .filter(|c| c.deleted_at.is_none() && c.received_at >= from && c.received_at <= to)
        .collect();
    let resolved: Vec<&&Complaint> = list.iter().filter(|c| c.resolved_at().is_some()).collect();
    ComplaintKpis {
        received: list.len(),
        on_time: Rate::count(resolved.iter(), |c| c.on_time()),
        resolution: Rate { hit: resolved.len(), of: list.len() },
        satisfaction: Rate::count(list.iter().filter_map(|c| c.satisfaction), |s| *s >= 4),
    }
}

/// Complaints per category, most first (ties in category order).
pub fn by_category<'a>(complaints: impl IntoIterator<Item = &'a Complaint>) -> Vec<(ComplaintCategory, usize)> {
    let mut counts: BTreeMap<ComplaintCategory, usize> = ComplaintCategory::ALL.iter().map(|c| (*c, 0)).collect();
    for c in complaints.into_iter().filter(|c| c.deleted_at.is_none()) {
        *counts.entry(c.category).or_default() += 1;
    }
    let mut v: Vec<(ComplaintCategory, usize)> = counts.into_iter().collect();
    v.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    v
}

/// Complaints received per month, `(year, month, count)`, oldest first.
pub fn by_month<'a>(complaints: impl IntoIterator<Item = &'a Complaint>) -> Vec<(i32, u32, usize)> {
    let mut m: BTreeMap<(i32, u32), usize> = BTreeMap::new();
    for c in complaints.into_iter().filter(|c| c.deleted_at.is_none()) {
        *m.entry((c.received_at.year(), c.received_at.month())).or_default() += 1;
    }
    m.into_iter().map(|((y, mo), n)| (y, mo, n)).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::complaint::tests::{at, complaint};
    use crate::model::complaint::{ComplaintStep, Severity};

    #[test]
    fn kpis_with_on_time_late_and_unresolved_complaints() {
        // On time: urgent received 08:00, replied 11:00 (deadline 12:00), rated 5.
        let mut on_time = complaint("2026-11-02T08:00:00Z", Severity::Urgent);
        for (s, t) in [
            (ComplaintStep::Investigating, "2026-11-02T09:00:00Z"),
            (ComplaintStep::Handling, "2026-11-02T10:00:00Z"),
            (ComplaintStep::Replied, "2026-11-02T11:00:00Z"),
        ] {
            on_time.take_step(s, at(t), "", "").unwrap();
        }
        on_time.satisfaction = Some(5);
        // Late: high received 3 Nov 08:00, replied 5 Nov (deadline 4 Nov 08:00), rated 2.
        let mut late = complaint("2026-11-03T08:00:00Z", Severity::High);
        for (s, t) in [
            (ComplaintStep::Investigating, "2026-11-03T09:00:00Z"),
            (ComplaintStep::Handling, "2026-11-04T09:00:00Z"),
            (ComplaintStep::Replied, "2026-11-05T08:00:00Z"),
        ] {
            late.take_step(s, at(t), "", "").unwrap();
        }
        late.satisfaction = Some(2);
        // Unresolved: still being investigated.
        let mut open = complaint("2026-11-10T08:00:00Z", Severity::Normal);
        open.take_step(ComplaintStep::Investigating, at("2026-11-10T09:00:00Z"), "", "").unwrap();
        // Outside the period.
        let october = complaint("2026-10-30T08:00:00Z", Severity::Normal);

        let all = [on_time, late, open, october];
        let k = kpis(&all, at("2026-11-01T00:00:00Z"), at("2026-11-30T23:59:59Z"));
        assert_eq!(k.received, 3);
        assert_eq!(k.on_time, Rate { hit: 1, of: 2 }, "one of the two resolved was on time");
        assert_eq!(k.resolution, Rate { hit: 2, of: 3 });
        assert_eq!(k.satisfaction, Rate { hit: 1, of: 2 });
        assert_eq!(by_month(&all), [(2026, 10, 1), (2026, 11, 3)]);
        assert_eq!(by_category(&all)[0], (ComplaintCategory::ProductQuality, 4));
    }

    #[test]
    fn no_complaints_no_rates() {
        let k = kpis(&[], at("2026-11-01T00:00:00Z"), at("2026-11-30T00:00:00Z"));
        assert_eq!(k.received, 0);
        assert_eq!(k.on_time.share(), None);
    }
}
