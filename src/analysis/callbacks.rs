//! The callback figures of a period, named as the textbook names them:
//! - 回访率 (callback rate): callbacks due in the period that were done, whenever they
//!   were done ÷ callbacks due in the period;
//! - 回访及时率 (on-time callback rate): callbacks due in the period done on or before
//!   their due day ÷ callbacks due in the period.

use std::ops::RangeInclusive;

use chrono::NaiveDate;

use super::rate::Rate;

/// A callback as the rates see it: when it was due, and when it was done (if it was).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CallbackDates {
    /// The day it was due.
    pub due: NaiveDate,
    /// The day it was completed.
    pub done: Option<NaiveDate>,
}

/// Both callback figures of one period, over the same callbacks (those due in it).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct CallbackRates {
    /// 回访率: done at any time ÷ due in the period.
    pub done: Rate,
    /// 回访及时率: done by the due day ÷ due in the period.
    pub on_time: Rate,
}

/// Of the callbacks due within `period`, how many were done at all (回访率) and how many
/// on or before their due day (回访及时率). A callback due outside the period does not
/// count, whenever it was done; one due in it and done after it counts as done (late).
pub fn callback_rates(callbacks: &[CallbackDates], period: RangeInclusive<NaiveDate>) -> CallbackRates {
    let due = || callbacks.iter().filter(|c| period.contains(&c.due));
    CallbackRates {
        done: Rate::count(due(), |c| c.done.is_some()),
        on_time: Rate::count(due(), |c| c.done.is_some_and(|d| d <= c.due)),
    }
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
            CallbackDates { due: d("2026-11-03"), done: Some(d("2026-11-02")) }, // early: done, on time
            CallbackDates { due: d("2026-11-05"), done: Some(d("2026-11-07")) }, // late: done, not on time
            CallbackDates { due: d("2026-11-10"), done: Some(d("2026-11-10")) }, // on the day: done, on time
            CallbackDates { due: d("2026-11-20"), done: None },                  // not done
            CallbackDates { due: d("2026-11-28"), done: Some(d("2026-12-02")) }, // done in December: done, late
            CallbackDates { due: d("2026-12-01"), done: Some(d("2026-11-28")) }, // due in December: not counted
        ];
        let november = callback_rates(&callbacks, d("2026-11-01")..=d("2026-11-30"));
        // Five due in November: four done (回访率 80%), two of them by their day (回访及时率 40%).
        assert_eq!(november.done, Rate { hit: 4, of: 5 });
        assert_eq!(november.on_time, Rate { hit: 2, of: 5 });
        assert_eq!(november.done.share(), Some(0.8));
        assert_eq!(november.on_time.share(), Some(0.4));
        let january = callback_rates(&callbacks, d("2027-01-01")..=d("2027-01-31"));
        assert_eq!((january.done.share(), january.on_time.share()), (None, None));
    }
}
