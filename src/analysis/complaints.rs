//! Complaint KPIs for a period: on-time handling rate (处理及时率, over the complaints
//! whose deadline fell in the period, see [`kpis`]), resolution rate (解决率 = resolved
//! ÷ received in the period), satisfaction with the resolution (满意率 = ratings ≥ 4 ÷
//! rated, of those received); complaints by category (for the Pareto chart) and by
//! month.

use std::collections::BTreeMap;

use chrono::{DateTime, Datelike, Utc};

use super::rate::Rate;
use crate::model::complaint::{Complaint, ComplaintCategory};
use crate::model::Choice;

/// The KPIs of a set of complaints.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct ComplaintKpis {
    /// Received in the period.
    pub received: usize,
    /// 处理及时率: of the complaints whose deadline fell in the period and whose
    /// outcome is known, those resolved by their deadline.
    pub on_time: Rate,
    /// 解决率.
    pub resolution: Rate,
    /// 满意率.
    pub satisfaction: Rate,
}

/// Whether a complaint counts in the 处理及时率 as on time (`Some(true)`), not on time
/// (`Some(false)`) or not yet (`None`) at `now`:
/// - resolved (答复客户) by its deadline: on time;
/// - resolved after its deadline: not on time;
/// - still open and its deadline passed (`now` after it): not on time, it lowers the rate;
/// - still open and its deadline not reached: not counted yet, it can still be on time.
pub fn on_time_at(c: &Complaint, now: DateTime<Utc>) -> Option<bool> {
    match c.resolved_at() {
        Some(r) => Some(r <= c.deadline()),
        None => (now > c.deadline()).then_some(false),
    }
}

/// The KPIs of the live complaints for the period `from..=to`, as of `now`.
///
/// The 处理及时率 counts every complaint whose **deadline** fell within `from..=to`,
/// resolved or still open, by [`on_time_at`]: hit = resolved by the deadline; counted =
/// resolved (on time or late) plus open ones past their deadline. A complaint received
/// in the period whose deadline falls after it belongs to the next period's rate.
///
/// The other figures are over the complaints **received** within `from..=to`: 解决率 =
/// resolved ÷ received, 满意率 = ratings of 4–5 ÷ rated.
pub fn kpis<'a>(
    complaints: impl IntoIterator<Item = &'a Complaint>,
    from: DateTime<Utc>,
    to: DateTime<Utc>,
    now: DateTime<Utc>,
) -> ComplaintKpis {
    let live: Vec<&Complaint> = complaints.into_iter().filter(|c| c.deleted_at.is_none()).collect();
    let received: Vec<&&Complaint> = live.iter().filter(|c| c.received_at >= from && c.received_at <= to).collect();
    let resolved = received.iter().filter(|c| c.resolved_at().is_some()).count();
    let outcomes =
        live.iter().filter(|c| c.deadline() >= from && c.deadline() <= to).filter_map(|c| on_time_at(c, now));
    ComplaintKpis {
        received: received.len(),
        on_time: Rate::count(outcomes, |on_time| *on_time),
        resolution: Rate { hit: resolved, of: received.len() },
        satisfaction: Rate::count(received.iter().filter_map(|c| c.satisfaction), |s| *s >= 4),
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

    /// `c` with the steps up to 答复客户 taken, the reply at `replied`.
    fn replied(mut c: Complaint, replied: &str) -> Complaint {
        let start = c.received_at;
        c.take_step(ComplaintStep::Investigating, start, "", "").unwrap();
        c.take_step(ComplaintStep::Handling, start, "", "").unwrap();
        c.take_step(ComplaintStep::Replied, at(replied), "", "").unwrap();
        c
    }

    #[test]
    fn the_on_time_rate_counts_every_complaint_whose_deadline_fell_in_the_period() {
        // November, looked at on 20 November 12:00.
        let (from, to, now) = (at("2026-11-01T00:00:00Z"), at("2026-11-30T23:59:59Z"), at("2026-11-20T12:00:00Z"));
        // 1. Urgent (4 h), received 2 Nov 08:00, deadline 12:00, replied 11:00: on time.
        let mut on_time = replied(complaint("2026-11-02T08:00:00Z", Severity::Urgent), "2026-11-02T11:00:00Z");
        on_time.satisfaction = Some(5);
        // 2. High (24 h), received 3 Nov 08:00, deadline 4 Nov 08:00, replied 5 Nov: late.
        let mut late = replied(complaint("2026-11-03T08:00:00Z", Severity::High), "2026-11-05T08:00:00Z");
        late.satisfaction = Some(2);
        // 3. Normal (72 h), received 10 Nov 08:00, deadline 13 Nov 08:00, still open on
        //    the 20th: overdue, not on time.
        let mut overdue = complaint("2026-11-10T08:00:00Z", Severity::Normal);
        overdue.take_step(ComplaintStep::Investigating, at("2026-11-10T09:00:00Z"), "", "").unwrap();
        // 4. Normal, received 19 Nov 08:00, deadline 22 Nov 08:00, open: not due yet on
        //    the 20th, not counted.
        let not_yet = complaint("2026-11-19T08:00:00Z", Severity::Normal);
        // 5. Normal, received 29 Nov, deadline 2 Dec: December's rate, not November's.
        let december = complaint("2026-11-29T08:00:00Z", Severity::Normal);
        // 6. Normal, received 30 Oct 08:00, deadline 2 Nov 08:00, replied 1 Nov: counts
        //    in November's rate (its deadline), not in November's received.
        let october = replied(complaint("2026-10-30T08:00:00Z", Severity::Normal), "2026-11-01T10:00:00Z");

        let all = [on_time, late, overdue, not_yet, december, october];
        let k = kpis(&all, from, to, now);
        // Counted: 1, 2, 3 and 6; on time: 1 and 6.
        assert_eq!(k.on_time, Rate { hit: 2, of: 4 });
        assert_eq!(k.on_time.share(), Some(0.5));
        // Received in November: 1–5; resolved 1 and 2; rated 5 and 2.
        assert_eq!(k.received, 5);
        assert_eq!(k.resolution, Rate { hit: 2, of: 5 });
        assert_eq!(k.satisfaction, Rate { hit: 1, of: 2 });
        // Looked at on 23 November instead, complaint 4 is overdue too: 2 of 5.
        assert_eq!(kpis(&all, from, to, at("2026-11-23T00:00:00Z")).on_time, Rate { hit: 2, of: 5 });
        // The rule, one complaint at a time.
        assert_eq!(on_time_at(&all[0], now), Some(true));
        assert_eq!(on_time_at(&all[1], now), Some(false));
        assert_eq!(on_time_at(&all[2], now), Some(false));
        assert_eq!(on_time_at(&all[3], now), None);
        assert_eq!(by_month(&all), [(2026, 10, 1), (2026, 11, 5)]);
        assert_eq!(by_category(&all)[0], (ComplaintCategory::ProductQuality, 6));
    }

    #[test]
    fn no_complaints_no_rates() {
        let k = kpis(&[], at("2026-11-01T00:00:00Z"), at("2026-11-30T00:00:00Z"), at("2026-12-01T00:00:00Z"));
        assert_eq!(k.received, 0);
        assert_eq!(k.on_time.share(), None);
    }
}
