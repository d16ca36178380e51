//! Call-center metrics (项目六): answer and abandonment rates, average speed of answer,
//! average handle time, service level and first-contact resolution, for a period, per
//! agent and per hour of the day.
//!
//! Definitions (shown beside the figures):
//! - offered = inbound calls; answered = offered − abandoned;
//! - answer rate = answered ÷ offered; abandonment rate = abandoned ÷ offered;
//! - ASA = average queue time of answered inbound calls;
//! - AHT = average talk + after-call work of handled calls (answered inbound, and
//!   outbound calls that reached someone);
//! - service level = inbound calls answered within T seconds ÷ offered;
//! - first-contact resolution = answered inbound calls solved in that call ÷ answered.

use std::collections::BTreeMap;

use chrono::{DateTime, FixedOffset, Timelike, Utc};

use super::rate::Rate;
use crate::model::call::{Call, CallDirection};

/// The figures of a set of calls.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct CallMetrics {
    /// Inbound calls.
    pub offered: usize,
    /// Outbound calls.
    pub outbound: usize,
    /// Calls an agent handled: answered inbound, and outbound calls that reached someone.
    pub handled: usize,
    /// Answered ÷ offered.
    pub answer_rate: Rate,
    /// Abandoned ÷ offered.
    pub abandon_rate: Rate,
    /// Average queue seconds of answered inbound calls.
    pub asa_seconds: Option<f64>,
    /// Average handle seconds of handled calls.
    pub aht_seconds: Option<f64>,
    /// Answered within T ÷ offered.
    pub service_level: Rate,
    /// Solved on first contact ÷ answered inbound.
    pub first_contact: Rate,
}

fn mean(sum: u64, n: usize) -> Option<f64> {
    (n > 0).then(|| sum as f64 / n as f64)
}

/// The metrics of `calls` (live ones only) with service-level target `t_seconds`.
pub fn metrics<'a>(calls: impl IntoIterator<Item = &'a Call>, t_seconds: u32) -> CallMetrics {
    let mut m = CallMetrics::default();
    let (mut queue_sum, mut answered) = (0u64, 0usize);
    let (mut handle_sum, mut handled) = (0u64, 0usize);
    for c in calls.into_iter().filter(|c| c.deleted_at.is_none()) {
        let reached = !c.abandoned;
        if reached {
            handle_sum += u64::from(c.handle_seconds());
            handled += 1;
        }
        match c.direction {
            CallDirection::Outbound => m.outbound += 1,
            CallDirection::Inbound => {
                m.offered += 1;
                m.answer_rate.of += 1;
                m.abandon_rate.of += 1;
                m.service_level.of += 1;
                if reached {
                    m.answer_rate.hit += 1;
                    queue_sum += u64::from(c.queue_seconds);
                    answered += 1;
                    m.service_level.hit += usize::from(c.queue_seconds <= t_seconds);
                    m.first_contact.of += 1;
                    m.first_contact.hit += usize::from(c.first_contact_resolved);
                } else {
                    m.abandon_rate.hit += 1;
                }
            }
        }
    }
    m.asa_seconds = mean(queue_sum, answered);
    m.aht_seconds = mean(handle_sum, handled);
    m.handled = handled;
    m
}

/// The metrics of each agent's calls (abandoned calls have no agent and are left out).
pub fn by_agent<'a>(calls: impl IntoIterator<Item = &'a Call>, t_seconds: u32) -> BTreeMap<String, CallMetrics> {
    let mut groups: BTreeMap<&str, Vec<&Call>> = BTreeMap::new();
    for c in calls.into_iter().filter(|c| !c.agent.trim().is_empty()) {
        groups.entry(c.agent.trim()).or_default().push(c);
    }
    groups.into_iter().map(|(a, cs)| (a.to_owned(), metrics(cs, t_seconds))).collect()
}

/// The metrics of the calls that started in each hour of the day (0–23), the hour of a
/// moment given by `hour_of` (local time, each call in its own season's offset).
pub fn by_hour<'a>(
    calls: impl IntoIterator<Item = &'a Call>,
    t_seconds: u32,
    hour_of: impl Fn(DateTime<Utc>) -> u32,
) -> [CallMetrics; 24] {
    let mut groups: [Vec<&Call>; 24] = Default::default();
    for c in calls {
        groups[(hour_of(c.started_at) as usize).min(23)].push(c);
    }
    groups.map(|cs| metrics(cs, t_seconds))
}

/// The hour of a moment in the fixed time zone `offset`.
pub fn hour_in(offset: FixedOffset) -> impl Fn(DateTime<Utc>) -> u32 {
    move |at| at.with_timezone(&offset).hour()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn call(
        id: &str,
        dir: CallDirection,
        at: &str,
        (queue, talk, wrap): (u32, u32, u32),
        (abandoned, fcr): (bool, bool),
        agent: &str,
    ) -> Call {
        let t: DateTime<Utc> = at.parse().unwrap();
        Call {
            sample: false,
            id: id.into(),
            direction: dir,
            started_at: t,
            queue_seconds: queue,
            talk_seconds: talk,
            wrap_seconds: wrap,
            abandoned,
            first_contact_resolved: fcr,
            agent: agent.into(),
            customer_id: Default::default(),
            note: String::new(),
            created_at: t,
            updated_at: t,
            deleted_at: None,
        }
    }

    /// Six inbound calls and one outbound, worked by hand with T = 20 s:
    /// answered 4 of 6 (66.7 %), abandoned 2 of 6; queue times of the answered
    /// 10, 15, 30, 45 → ASA 25 s; answered within 20 s: 2 of 6 (33.3 %); handle times
    /// 200+20, 100, 300+60, 180, and the outbound 120 → AHT 980 ÷ 5 = 196 s; solved on
    /// first contact: 3 of the 4 answered.
    fn log() -> Vec<Call> {
        use CallDirection::*;
        vec![
            call("1", Inbound, "2026-11-02T01:05:00Z", (10, 200, 20), (false, true), "王丽"),
            call("2", Inbound, "2026-11-02T01:40:00Z", (15, 100, 0), (false, true), "王丽"),
            call("3", Inbound, "2026-11-02T02:10:00Z", (30, 300, 60), (false, false), "李强"),
            call("4", Inbound, "2026-11-02T02:20:00Z", (45, 180, 0), (false, true), "李强"),
            call("5", Inbound, "2026-11-02T02:30:00Z", (90, 0, 0), (true, false), ""),
            call("6", Inbound, "2026-11-02T06:00:00Z", (25, 0, 0), (true, false), ""),
            call("7", Outbound, "2026-11-02T06:30:00Z", (0, 120, 0), (false, false), "王丽"),
        ]
    }

    #[test]
    fn a_small_log_worked_by_hand() {
        let m = metrics(&log(), 20);
        assert_eq!((m.offered, m.outbound), (6, 1));
        assert_eq!(m.answer_rate, Rate { hit: 4, of: 6 });
        assert_eq!(m.abandon_rate, Rate { hit: 2, of: 6 });
        assert_eq!(m.asa_seconds, Some(25.0));
        assert_eq!(m.service_level, Rate { hit: 2, of: 6 });
        assert_eq!(m.aht_seconds, Some(196.0));
        assert_eq!(m.first_contact, Rate { hit: 3, of: 4 });
        // A call answered at exactly T counts as within it.
        assert_eq!(metrics(&log(), 15).service_level, Rate { hit: 2, of: 6 });
        assert_eq!(metrics(&log(), 14).service_level, Rate { hit: 1, of: 6 });
    }

    #[test]
    fn per_agent_and_per_hour() {
        let agents = by_agent(&log(), 20);
        assert_eq!(agents.keys().collect::<Vec<_>>(), ["李强", "王丽"]);
        let wang = agents["王丽"];
        // 220 + 100 + 120 over three handled calls; 2 of 2 inbound solved first time.
        assert_eq!((wang.offered, wang.outbound, wang.handled), (2, 1, 3));
        assert!((wang.aht_seconds.unwrap() - 440.0 / 3.0).abs() < 1e-9);
        assert_eq!(wang.first_contact, Rate { hit: 2, of: 2 });
        // In Beijing time (UTC+8) the calls fall at 9, 10 and 14 o'clock.
        let beijing = FixedOffset::east_opt(8 * 3600).unwrap();
        let hours = by_hour(&log(), 20, hour_in(beijing));
        assert_eq!((hours[9].offered, hours[10].offered, hours[14].offered), (2, 3, 1));
        assert_eq!(hours[10].abandon_rate, Rate { hit: 1, of: 3 });
        assert_eq!(hours[14].outbound, 1);
        assert_eq!(hours.iter().map(|h| h.offered + h.outbound).sum::<usize>(), 7);
    }

    #[test]
    fn no_calls_no_averages() {
        let m = metrics(&[], 20);
        assert_eq!((m.asa_seconds, m.aht_seconds, m.answer_rate.share()), (None, None, None));
    }
}
