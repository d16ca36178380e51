//! The figures Kehu measures for the position goals (表 1-4 to 1-9) of a period, each
//! goal given the figure its text names: a goal that says 回访率 gets the callback rate
//! (done at any time ÷ due), one that says 及时率 the on-time complaint rate.

use std::collections::HashMap;

use super::callbacks::CallbackRates;
use super::complaints::ComplaintKpis;
use super::rate::Rate;
use super::satisfaction::satisfaction_rate;
use crate::model::goals::Measure;

/// What the goals are measured from, over one period.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct GoalInputs {
    /// Survey ratings (1–5) given in the period, every customer.
    pub ratings: Vec<u8>,
    /// The same, key accounts only.
    pub key_ratings: Vec<u8>,
    /// The same, the other customers.
    pub other_ratings: Vec<u8>,
    /// The callback figures, every customer.
    pub callbacks: CallbackRates,
    /// The callback figures, key accounts only.
    pub key_callbacks: CallbackRates,
    /// The complaint figures.
    pub complaints: ComplaintKpis,
    /// The customers' average completeness, 0–1.
    pub completeness: Option<f64>,
}

/// Each measured figure, in percent (points for [`Measure::KeyAccountScore`]); `None`
/// when there is nothing to measure.
pub fn goal_figures(inputs: &GoalInputs) -> HashMap<Measure, Option<f64>> {
    let pct = |r: Rate| r.share().map(|s| s * 100.0);
    let mean = |v: &[u8]| (!v.is_empty()).then(|| v.iter().map(|&x| f64::from(x)).sum::<f64>() / v.len() as f64);
    HashMap::from([
        (Measure::Satisfaction, pct(satisfaction_rate(&inputs.ratings))),
        (Measure::KeyAccountSatisfaction, pct(satisfaction_rate(&inputs.key_ratings))),
        (Measure::OtherSatisfaction, pct(satisfaction_rate(&inputs.other_ratings))),
        (Measure::KeyAccountScore, mean(&inputs.key_ratings)),
        // 回访率: the goals say 回访率, not 回访及时率.
        (Measure::CallbackRate, pct(inputs.callbacks.done)),
        (Measure::KeyAccountCallbackRate, pct(inputs.key_callbacks.done)),
        (Measure::ComplaintOnTime, pct(inputs.complaints.on_time)),
        (Measure::ComplaintResolution, pct(inputs.complaints.resolution)),
        (Measure::ComplaintSatisfaction, pct(inputs.complaints.satisfaction)),
        (Measure::DataCompleteness, inputs.completeness.map(|s| s * 100.0)),
    ])
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::callbacks::{callback_rates, CallbackDates};
    use crate::model::goals::{met, GOAL_TABLES};

    fn actual(figures: &HashMap<Measure, Option<f64>>, key: &str) -> Option<f64> {
        let line = GOAL_TABLES.iter().flat_map(|t| t.lines).find(|l| l.key == key).unwrap();
        figures[&line.measure.unwrap()]
    }

    #[test]
    fn the_callback_goals_measure_the_callback_rate_not_the_on_time_rate() {
        let d = |s: &str| s.parse().unwrap();
        // Four callbacks due in November: two done on their day, one done three days
        // late, one not done. 回访率 3 / 4 = 75%; 回访及时率 2 / 4 = 50%.
        let all = [
            CallbackDates { due: d("2026-11-03"), done: Some(d("2026-11-03")) },
            CallbackDates { due: d("2026-11-05"), done: Some(d("2026-11-08")) },
            CallbackDates { due: d("2026-11-10"), done: Some(d("2026-11-09")) },
            CallbackDates { due: d("2026-11-20"), done: None },
        ];
        // Of them, the key accounts': the late one and the one not done. 1 / 2 = 50%; on time 0%.
        let keys = [all[1], all[3]];
        let november = d("2026-11-01")..=d("2026-11-30");
        let inputs = GoalInputs {
            callbacks: callback_rates(&all, november.clone()),
            key_callbacks: callback_rates(&keys, november),
            ..Default::default()
        };
        let f = goal_figures(&inputs);
        // 1-8.3.1 "客户回访率达到____%": 75%, so a target of 75 is met (the on-time 50% would miss it).
        assert_eq!(actual(&f, "1-8.3.1"), Some(75.0));
        assert!(met(75.0, 75.0));
        // 1-6.3.1 "大客户的回访率达到____%": 50%, not the on-time 0%.
        assert_eq!(actual(&f, "1-6.3.1"), Some(50.0));
        // Nothing measured, nothing shown.
        assert_eq!(actual(&f, "1-4.4.2"), None);
    }

    #[test]
    fn the_complaint_goals_measure_the_on_time_rate_and_the_rest_their_own_figures() {
        let inputs = GoalInputs {
            ratings: vec![5, 4, 3, 2],
            key_ratings: vec![5, 4, 4],
            other_ratings: vec![3, 2],
            complaints: ComplaintKpis {
                received: 5,
                on_time: Rate { hit: 3, of: 4 },
                resolution: Rate { hit: 2, of: 5 },
                satisfaction: Rate { hit: 1, of: 2 },
            },
            completeness: Some(0.9),
            ..Default::default()
        };
        let f = goal_figures(&inputs);
        // 1-9.1.1 处理及时率 and 1-8.2.1 解决及时率: 3 of 4 on time.
        assert_eq!(actual(&f, "1-9.1.1"), Some(75.0));
        assert_eq!(actual(&f, "1-8.2.1"), Some(75.0));
        assert_eq!(actual(&f, "1-9.1.2"), Some(40.0));
        assert_eq!(actual(&f, "1-9.1.3"), Some(50.0));
        // 满意度: 2 of 4 ratings are 4–5; key accounts 3 of 3, mean 13/3 points; others 0 of 2.
        assert_eq!(actual(&f, "1-4.4.2"), Some(50.0));
        assert_eq!(actual(&f, "1-4.3.3"), Some(100.0));
        assert!((actual(&f, "1-6.3.2").unwrap() - 13.0 / 3.0).abs() < 1e-12);
        assert_eq!(actual(&f, "1-8.1.3"), Some(0.0));
        assert!((actual(&f, "1-5.3.1").unwrap() - 90.0).abs() < 1e-9);
        // No callbacks: the callback goals show nothing rather than 0%.
        assert_eq!(actual(&f, "1-8.3.1"), None);
    }
}
