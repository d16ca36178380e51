//! The callback rate (回访率): callbacks completed by their due date ÷ callbacks due
//! in the period.

use std::ops::RangeInclusive;

use chrono::NaiveDate;

use super::rate::Rate;

/// A callback as the rate sees it: when it was due, and when it was done (if it was).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CallbackDates {
    /// The day it was due.
    pub due: NaiveDate,
    /// The day it was completed.
    pub done: Option<NaiveDate>,
}

/// Of the callbacks due within `period`, how many were completed on or before their
/// due day. A callback due outside the period does not count, whenever it was done.
pub fn callback_rate(callbacks: &[CallbackDates], period: RangeInclusive<NaiveDate>) -> Rate {
    Rate::count(callbacks.iter().filter(|c| period.contains(&c.due)), |c| c.done.is_some_and(|d| d <= c.due))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    #[test]
    fn worked_example_november() {
        let callbacks = [
            CallbackDates { due: d("2026-11-03"), done: Some(d("2026-11-02")) }, // early: on time
            CallbackDates { due: d("2026-11-05"), done: Some(d("2026-11-07")) }, // late
            CallbackDates { due: d("2026-11-10"), done: Some(d("2026-11-10")) }, // on the day: on time
            CallbackDates { due: d("2026-11-20"), done: None },                  // not done
            CallbackDates { due: d("2026-12-01"), done: Some(d("2026-11-28")) }, // due in December: not counted
        ];
        let rate = callback_rate(&callbacks, d("2026-11-01")..=d("2026-11-30"));
        assert_eq!(rate, Rate { hit: 2, of: 4 });
        assert_eq!(rate.share(), Some(0.5));
        assert_eq!(callback_rate(&callbacks, d("2027-01-01")..=d("2027-01-31")).share(), None);
    }
}
