//! The sample's call center (项目六): eight weeks of working-day calls, busier in the
//! late morning and after lunch, with waits that grow with the load.

use chrono::{Datelike, Duration, Weekday};

use super::common::{base_time, Rng};
use super::service::STAFF;
use crate::model::call::{Call, CallDirection};
use crate::model::Customer;

/// Calls in the 8 weeks before the sample's day, working hours in Beijing time.
pub(super) fn calls(seed: u64, customers: &[Customer]) -> Vec<Call> {
    let mut rng = Rng(seed ^ 0x4341_4C4C);
    let base = base_time();
    let mut out = Vec::new();
    // Calls per working hour (9:00–17:00 Beijing time): a late-morning and an afternoon peak.
    const LOAD: [u64; 8] = [3, 6, 8, 4, 3, 7, 5, 2];
    for day in 1..=56i64 {
        let date = base - Duration::days(day);
        if matches!(date.weekday(), Weekday::Sat | Weekday::Sun) {
            continue;
        }
        let midnight_beijing = date.date_naive().and_hms_opt(0, 0, 0).map(|t| t.and_utc() - Duration::hours(8));
        let Some(midnight) = midnight_beijing else { continue };
        for (slot, load) in LOAD.iter().enumerate() {
            for _ in 0..rng.below(*load + 1) + load / 2 {
                let at = midnight + Duration::hours(9 + slot as i64) + Duration::seconds(rng.below(3600) as i64);
                let outbound = rng.chance(20);
                let queue = if outbound { 0 } else { rng.below(10 + load * 6) as u32 };
                // Long waits lose callers.
                let abandoned = !outbound && queue > 25 && rng.chance(40);
                let talk = if abandoned { 0 } else { 60 + rng.below(360) as u32 };
                let customer_id = if customers.is_empty() || rng.chance(40) {
                    String::new()
                } else {
                    customers[rng.below(customers.len() as u64) as usize].id.to_string()
                };
                out.push(Call {
                    sample: false,
                    id: rng.uuid().into(),
                    direction: if outbound { CallDirection::Outbound } else { CallDirection::Inbound },
                    started_at: at,
                    queue_seconds: queue,
                    talk_seconds: talk,
                    wrap_seconds: if abandoned { 0 } else { 20 + rng.below(60) as u32 },
                    abandoned,
                    first_contact_resolved: !abandoned && !outbound && rng.chance(75),
                    agent: if abandoned { String::new() } else { rng.pick(STAFF).to_owned() },
                    customer_id: customer_id.into(),
                    note: String::new(),
                    created_at: at.max(base - Duration::days(60)),
                    updated_at: at.max(base - Duration::days(60)),
                    deleted_at: None,
                });
            }
        }
    }
    out
}
